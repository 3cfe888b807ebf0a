// The live feed of a team database (issue 16, "Live viewers"): LISTEN for the writers' commits, then
// read what committed since the last read, following commit order rather than ids.
//
// Why a snapshot is the cursor, and why no row is missed or read twice:
// - Ids come from a sequence when a row is inserted, but transactions commit in any order: "id above
//   the last seen" skips a small id whose transaction commits after a larger one was read.
// - Every row carries the transaction that wrote it (deliveries.txid, pg_current_xact_id(): the
//   top-level transaction's 64-bit id, xid8, which never wraps around). A transaction's rows become
//   visible all at once, at its commit.
// - Each read runs in one REPEATABLE READ transaction: its first statement takes the snapshot S
//   (pg_current_snapshot(): xmin, xmax, and xip, the transactions in flight). Every statement after
//   sees exactly what S sees. In S, a transaction below xmax and not in xip has completed: its rows
//   are visible if it committed, and never will be if it aborted. Everything from xmax on, and
//   everything in xip, is not visible yet.
// - The cursor is the previous read's snapshot P. By induction every row visible in P has been
//   handed on, and nothing else. What is visible in S but was not in P lies in transactions that P saw
//   as not completed: txid >= P.xmax, or txid in P.xip. The read takes exactly those rows (both index
//   ranges on deliveries_txid) under S, so each one committed, and none was handed on before; then the
//   cursor becomes S. A row is thus handed on once, by the first read whose snapshot sees it.
// - A transaction that began before the cursor was taken: if it already had an id then, that id was
//   in P.xip (or at or above P.xmax); if it got its id later, that id is at or above P.xmax (ids are
//   handed out in increasing order, and P.xmax is at most the next one). Either way its rows are read
//   by the first read after its commit.
// - Why not "txid >= the cursor's xmin" up to the new xmin: rows committed above a transaction still
//   in flight would wait for that transaction's end, and one that sends no notification (an aborted
//   batch, a pruning run, an action claim, a transaction in another database of the cluster) would
//   hold them back until some later commit. Reading by the snapshot hands them on at once.
// - The read follows every notification (each writer's commit sends one in its transaction, so it is
//   delivered after the commit is visible), and every (re)connection, after LISTEN: a commit after the
//   LISTEN notifies us, one before it is visible to the read. Nothing is polled for data; a heartbeat
//   (SELECT 1) finds a dropped connection, since QPSQL does not tell.
#include "store/pglive.h"

#include "platform/logging.h"
#include "store/pgconnection.h"

#include <QAtomicInteger>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>

namespace peanuts {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("peanuts-feed-%1").arg(counter.fetchAndAddRelaxed(1));
}

// pg_snapshot's text: "xmin:xmax:xip,xip,...", the in-flight list ascending and possibly empty.
struct Snapshot
{
    quint64 xmin = 0;
    quint64 xmax = 0;
    QList<quint64> xip;
};

std::optional<Snapshot> parseSnapshot(const QString &text)
{
    static const QRegularExpression format(QStringLiteral("^(\\d+):(\\d+):((?:\\d+(?:,\\d+)*)?)$"));
    const QRegularExpressionMatch m = format.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    Snapshot s;
    bool ok = true;
    s.xmin = m.captured(1).toULongLong(&ok);
    if (ok)
        s.xmax = m.captured(2).toULongLong(&ok);
    const QString xip = m.captured(3);
    for (const QString &part : xip.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (ok)
            s.xip.append(part.toULongLong(&ok));
    }
    if (!ok || s.xmin > s.xmax)
        return std::nullopt;
    return s;
}

} // namespace

TeamFeed::TeamFeed(const QString &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    qRegisterMetaType<peanuts::BatchSummary>();
    m_heartbeat = new QTimer(this);
    m_heartbeat->setInterval(kCheckMs);
    connect(m_heartbeat, &QTimer::timeout, this, &TeamFeed::heartbeat);
    m_retry = new QTimer(this);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &TeamFeed::reconnect);
    m_read = new QTimer(this);
    m_read->setSingleShot(true);
    m_read->setInterval(0);
    connect(m_read, &QTimer::timeout, this, [this] {
        QString error;
        if (m_db.isOpen() && !readCommitted(&error))
            lose(lostReason(error));
    });
}

TeamFeed::~TeamFeed()
{
    closeConnection();
}

void TeamFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    m_retryMs = kFirstRetryMs;
    reconnect();
}

void TeamFeed::stop()
{
    m_running = false;
    m_retry->stop();
    closeConnection();
}

bool TeamFeed::setCursor(const QString &cursor)
{
    if (!parseSnapshot(cursor))
        return false;
    noteCursor(cursor);
    return true;
}

QString TeamFeed::cursor() const
{
    QMutexLocker lock(&m_cursorMutex);
    return m_cursor;
}

void TeamFeed::noteCursor(const QString &cursor)
{
    QMutexLocker lock(&m_cursorMutex);
    m_cursor = cursor;
}

bool TeamFeed::connectToServer(QString *error)
{
    const std::optional<PgLocation> location = parsePgUrl(m_url, error);
    if (!location)
        return false;
    m_password = location->password;
    m_where = redactedPgUrl(*location);
    m_connectionName = nextConnectionName();
    QString failure;
    if (!openPgDatabase(*location, m_connectionName, &m_db, &failure)) {
        *error = tr("Cannot connect to the team database %1: %2").arg(m_where, scrubbed(failure));
        closeConnection();
        return false;
    }
    QSqlDriver *driver = m_db.driver();
    connect(driver, &QSqlDriver::notification, this, [this](const QString &name) {
        if (name == QLatin1String(kChannel) && !m_read->isActive())
            m_read->start();
    });
    if (!driver->subscribeToNotification(QString::fromLatin1(kChannel))) {
        *error = tr("Cannot listen to the team database %1: %2").arg(m_where, scrubbed(driver->lastError().text()));
        closeConnection();
        return false;
    }
    return true;
}

void TeamFeed::closeConnection()
{
    m_connected.store(false);
    m_heartbeat->stop();
    m_read->stop();
    if (m_connectionName.isEmpty())
        return;
    if (m_db.isValid()) {
        disconnect(m_db.driver(), nullptr, this, nullptr);
        m_db.close();
    }
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

void TeamFeed::reconnect()
{
    if (!m_running)
        return;
    QString error;
    if (!connectToServer(&error)) {
        lose(error);
        return;
    }
    m_retryMs = kFirstRetryMs;
    m_connected.store(true);
    m_heartbeat->start();
    m_sinceProbe.start();
    qCInfo(lcStore) << "team feed connected";
    Q_EMIT connectionChanged(true, QString());
    // Subscribed first, then read: whatever committed while away (or before the first snapshot) now.
    if (!readCommitted(&error))
        lose(lostReason(error));
}

void TeamFeed::lose(const QString &reason)
{
    closeConnection();
    qCInfo(lcStore).noquote() << "team feed disconnected:" << reason;
    Q_EMIT connectionChanged(false, reason);
    if (m_running)
        retryLater();
}

void TeamFeed::retryLater()
{
    // Exponential backoff with jitter (half to all of the step), so that a team's viewers do not all
    // come back in the same instant after a restart of the server.
    const int delay = m_retryMs / 2 + int(QRandomGenerator::global()->bounded(m_retryMs / 2 + 1));
    m_retryMs = std::min(m_retryMs * 2, kMaxRetryMs);
    m_retry->start(delay);
}

void TeamFeed::heartbeat()
{
    // The driver marks the connection closed as soon as it reads the server's goodbye (a restart, a
    // terminated backend); a silent loss shows when the SELECT 1 fails (or TCP gives up on it).
    if (!m_db.isOpen()) {
        lose(lostReason(QString()));
        return;
    }
    if (m_sinceProbe.elapsed() < kHeartbeatMs)
        return;
    m_sinceProbe.start();
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT 1")))
        lose(lostReason(scrubbed(query.lastError().text())));
}

QString TeamFeed::lostReason(const QString &error) const
{
    if (error.trimmed().isEmpty())
        return tr("Lost the connection to the team database %1.").arg(m_where);
    return tr("Lost the connection to the team database %1: %2").arg(m_where, error.trimmed());
}

bool TeamFeed::readCommitted(QString *error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const auto fail = [&] {
        *error = scrubbed(query.lastError().text());
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    if (!query.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        || !query.exec(QStringLiteral("SELECT pg_current_snapshot()::text")) || !query.next())
        return fail();
    const QString now = query.value(0).toString();
    if (!parseSnapshot(now)) {
        query.finish();
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        *error = tr("The server gave an unexpected snapshot: %1").arg(now);
        return false;
    }
    BatchSummary summary;
    if (const std::optional<Snapshot> last = parseSnapshot(cursor())) {
        // The numbers are the parsed snapshot's: nothing but digits goes into the statement.
        QString sql = QStringLiteral("SELECT id, outcome FROM deliveries WHERE txid >= '%1'::xid8").arg(last->xmax);
        if (!last->xip.isEmpty()) {
            QStringList inFlight;
            for (quint64 xid : last->xip)
                inFlight.append(QString::number(xid));
            sql += QStringLiteral(" UNION ALL SELECT id, outcome FROM deliveries WHERE txid = ANY ('{%1}'::xid8[])")
                       .arg(inFlight.join(QLatin1Char(',')));
        }
        if (!query.exec(sql))
            return fail();
        while (query.next()) {
            const int outcome = query.value(1).toInt();
            summary.ids.append(query.value(0).toLongLong());
            if (outcome >= 0 && outcome < int(Outcome::OutcomeCount))
                ++summary.counts[size_t(outcome)];
        }
    }
    query.finish();
    if (!query.exec(QStringLiteral("COMMIT")))
        return fail();
    noteCursor(now);
    if (!summary.ids.isEmpty()) {
        std::sort(summary.ids.begin(), summary.ids.end());
        Q_EMIT committed(summary);
    }
    return true;
}

QString TeamFeed::scrubbed(const QString &text) const
{
    QString clean = text;
    if (!m_password.isEmpty())
        clean.replace(m_password, QStringLiteral("***"));
    return clean;
}

} // namespace peanuts
