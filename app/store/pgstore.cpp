// PostgreSQL backend: opening, the schema, and the statements every role file shares.
#include "store/pgstore.h"

#include "platform/logging.h"
#include "store/pgconnection.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QUuid>

#include <algorithm>

namespace peanuts {

namespace {

// Migrations are scripts compiled in as resources (pgsql/pg-N.sql, listed in app/CMakeLists.txt):
// pg-N brings a database from schema N-1 to N. meta's schema_version counts the ones applied. The
// numbers are PostgreSQL's own: its first schema holds what SQLite's first ten do.
constexpr int kPgSchemaVersion = 2;

QByteArray migrationScript(int version)
{
    QFile file(QStringLiteral(":/store/pgsql/pg-%1.sql").arg(version));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("peanuts-pg-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

PgStore::PgStore() = default;

PgStore::~PgStore()
{
    close();
}

int PgStore::schemaVersion()
{
    return kPgSchemaVersion;
}

bool PgStore::open(const StoreConfig &config, QString *error)
{
    close();
    std::optional<PgLocation> location = parsePgUrl(config.path, error);
    if (!location)
        return false;
    if (location->password.isEmpty())
        location->password = config.password;
    m_connectionName = nextConnectionName();
    m_instanceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_readOnly = config.readOnly;
    if (!openPgDatabase(*location, m_connectionName, &m_db, error)) {
        close();
        return false;
    }
    // Durability: a commit returns once PostgreSQL has flushed it (synchronous_commit on, whatever the
    // server's default), so an answered delivery survives a crash of this app and of the server. Both
    // of StoreConfig's levels get that; the server's fsync setting decides about power losses.
    bool ok = setUpSession();
    if (ok && !m_readOnly)
        ok = migrate(error);
    else if (ok) {
        // A reader does not migrate; it needs the schema a writer made.
        const std::optional<qint64> version
            = scalar(QStringLiteral("SELECT value::bigint FROM meta WHERE key = 'schema_version'"));
        if (!version || *version != kPgSchemaVersion) {
            ok = false;
            *error = QStringLiteral("the database %1 has no Peanuts Monitor schema of version %2 yet (a receiver "
                                    "sets it up when it first starts on the database)")
                         .arg(redactedPgUrl(*location))
                         .arg(kPgSchemaVersion);
        }
    }
    if (!ok) {
        if (error->isEmpty())
            *error = m_lastError;
        close();
        return false;
    }
    return true;
}

bool PgStore::setUpSession()
{
    return exec(QStringLiteral("SET synchronous_commit = on"))
        && (!m_readOnly || exec(QStringLiteral("SET default_transaction_read_only = on")));
}

void PgStore::close()
{
    qDeleteAll(m_prepared);
    m_prepared.clear();
    m_readDepth = 0;
    m_inTransaction = false;
    m_rulesChanged = nullptr;
    m_reconnectAtMs = 0;
    m_reconnectDelayMs = 0;
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool PgStore::migrate(QString *error)
{
    // One instance at a time: the others wait for the lock, then find the schema current.
    if (!begin() || !advisoryLock(kLockMigrate, false)) {
        *error = QStringLiteral("cannot lock the schema for migration: %1").arg(m_lastError);
        rollback();
        return false;
    }
    const std::optional<qint64> hasMeta
        = scalar(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_tables"
                                " WHERE schemaname = current_schema() AND tablename = 'meta'"));
    const std::optional<qint64> tables
        = scalar(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"));
    if (!hasMeta || !tables) {
        *error = QStringLiteral("cannot read the schema: %1").arg(m_lastError);
        rollback();
        return false;
    }
    qint64 version = 0;
    if (*hasMeta) {
        const std::optional<qint64> v = scalar(
            QStringLiteral("SELECT coalesce((SELECT value::bigint FROM meta WHERE key = 'schema_version'), 0)"));
        if (!v) {
            *error = QStringLiteral("cannot read the schema version: %1").arg(m_lastError);
            rollback();
            return false;
        }
        version = *v;
    }
    if (version == 0 && *tables > 0) {
        *error = QStringLiteral("the database holds tables that are not Peanuts Monitor's; it was left untouched");
        rollback();
        return false;
    }
    if (version > kPgSchemaVersion) {
        *error = QStringLiteral("the database has schema version %1, newer than this build knows (%2); "
                                "use a newer Peanuts Monitor. It was left untouched.")
                     .arg(version)
                     .arg(kPgSchemaVersion);
        rollback();
        return false;
    }
    for (qint64 v = version; v < kPgSchemaVersion; ++v) {
        const QByteArray script = migrationScript(int(v + 1));
        if (script.isEmpty()) {
            *error = QStringLiteral("migration to schema %1 failed: its script is missing from the build").arg(v + 1);
            rollback();
            return false;
        }
        // The whole script in one simple query: PostgreSQL runs its statements in this transaction.
        QSqlQuery query(m_db);
        if (!query.exec(QString::fromUtf8(script))
            || !run(query,
                QStringLiteral("INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                {QString::number(v + 1)})) {
            if (query.lastError().isValid())
                noteError(query);
            *error = QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(m_lastError);
            rollback();
            return false;
        }
        qCInfo(lcStore) << "migrated the PostgreSQL database to schema" << v + 1;
    }
    if (!commitTransaction()) {
        *error = QStringLiteral("migration failed: %1").arg(m_lastError);
        return false;
    }
    return true;
}

// The team's rules

std::optional<QByteArray> PgStore::rulesDocument()
{
    QByteArray document;
    if (!select(QStringLiteral("SELECT document FROM team_rules WHERE id = 1"), {},
            [&](const QSqlQuery &q) { document = q.value(0).toString().toUtf8(); }))
        return std::nullopt;
    return document;
}

bool PgStore::saveRulesDocument(const QByteArray &document, bool seedOnly)
{
    const QString sql = seedOnly
        ? QStringLiteral(
            "INSERT INTO team_rules (id, document, updated_ms) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING")
        : QStringLiteral(
            "INSERT INTO team_rules (id, document, updated_ms) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_ms = excluded.updated_ms");
    const bool ok = begin() && runPrepared(sql, {QString::fromUtf8(document), QDateTime::currentMSecsSinceEpoch()})
        && exec(QStringLiteral("NOTIFY peanuts_rules")) && commitTransaction();
    if (!ok)
        rollback();
    return ok;
}

void PgStore::watchRules(std::function<void()> changed)
{
    QSqlDriver *driver = m_db.isOpen() ? m_db.driver() : nullptr;
    if (!driver)
        return;
    m_rulesChanged = std::move(changed);
    // The driver reads notifications from its socket on this thread's event loop.
    QObject::connect(driver, &QSqlDriver::notification, driver, [this](const QString &name) {
        if (name == QLatin1String("peanuts_rules") && m_rulesChanged)
            m_rulesChanged();
    });
    subscribeRules();
}

bool PgStore::subscribeRules()
{
    if (m_db.driver()->subscribeToNotification(QStringLiteral("peanuts_rules")))
        return true;
    qCWarning(lcStore).noquote() << "cannot follow the team's rules:" << m_db.driver()->lastError().text();
    return false;
}

// Statements

QSqlQuery *PgStore::prepared(const QString &sql)
{
    QSqlQuery *&query = m_prepared[sql];
    if (!query) {
        auto made = std::make_unique<QSqlQuery>(m_db);
        made->setForwardOnly(true);
        if (!made->prepare(sql)) {
            noteError(*made);
            m_prepared.remove(sql);
            return nullptr;
        }
        query = made.release();
    }
    return query;
}

bool PgStore::run(QSqlQuery &query, const QString &sql, const QVariantList &binds)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return noteError(query);
    for (qsizetype i = 0; i < binds.size(); ++i)
        query.bindValue(int(i), binds[i]);
    if (!query.exec())
        return noteError(query);
    return true;
}

bool PgStore::runPrepared(const QString &sql, const QVariantList &binds, QSqlQuery **out)
{
    if (!usable())
        return false;
    const auto attempt = [&]() -> QSqlQuery * {
        QSqlQuery *query = prepared(sql);
        if (!query)
            return nullptr;
        for (qsizetype i = 0; i < binds.size(); ++i)
            query->bindValue(int(i), binds[i]);
        if (!query->exec()) {
            noteError(*query);
            return nullptr;
        }
        return query;
    };
    QSqlQuery *query = attempt();
    if (!query && retried())
        query = attempt();
    if (!query)
        return false;
    if (out)
        *out = query;
    return true;
}

bool PgStore::select(const QString &sql, const QVariantList &binds, const std::function<void(const QSqlQuery &)> &onRow)
{
    QSqlQuery *query = nullptr;
    if (!runPrepared(sql, binds, &query))
        return false;
    while (query->next())
        onRow(*query);
    query->finish();
    return true;
}

bool PgStore::exec(const QString &sql)
{
    if (!usable())
        return false;
    const auto attempt = [&] {
        QSqlQuery query(m_db);
        return query.exec(sql) || noteError(query);
    };
    return attempt() || (retried() && attempt());
}

std::optional<qint64> PgStore::scalar(const QString &sql, const QVariantList &binds)
{
    if (!usable())
        return std::nullopt;
    QSqlQuery query(m_db);
    if (!run(query, sql, binds) && !(retried() && run(query, sql, binds)))
        return std::nullopt;
    if (!query.next())
        return 0;
    return query.value(0).toLongLong();
}

bool PgStore::begin(const QString &mode)
{
    // The transaction's state is kept here, where it starts and ends, for retried(): a statement
    // inside a transaction is not retried on a new connection.
    m_inTransaction = exec(QStringLiteral("BEGIN") + mode);
    return m_inTransaction;
}

bool PgStore::commitTransaction()
{
    // A COMMIT ends the transaction whatever it answers: a failed one rolled back.
    const bool ok = exec(QStringLiteral("COMMIT"));
    m_inTransaction = false;
    return ok;
}

void PgStore::rollback()
{
    if (!m_db.isOpen())
        return;
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("ROLLBACK"));
    m_inTransaction = false;
}

bool PgStore::advisoryLock(AdvisoryLock lock, bool tryLock, bool *taken)
{
    QSqlQuery query(m_db);
    if (!run(query,
            tryLock ? QStringLiteral("SELECT pg_try_advisory_xact_lock(?)")
                    : QStringLiteral("SELECT pg_advisory_xact_lock(?) IS NULL"),
            {qint64(lock)}))
        return false;
    const bool got = query.next() && query.value(0).toBool();
    if (taken)
        *taken = got;
    return true;
}

bool PgStore::noteError(const QSqlQuery &query)
{
    const QSqlError e = query.lastError();
    noteError(e.databaseText().isEmpty() ? e.text() : e.databaseText().trimmed());
    m_lastErrorCode = e.nativeErrorCode();
    return false;
}

bool PgStore::usable()
{
    if (m_db.isOpen())
        return true;
    // Closed by a reconnect that failed: try again (in its time); never opened: an error.
    return m_db.isValid() ? reopen() : noteError(QStringLiteral("database is not open"));
}

bool PgStore::writable()
{
    return m_readOnly ? noteError(QStringLiteral("database is not open for writing")) : usable();
}

bool PgStore::connectionLost()
{
    // A statement the server refused carries its SQLSTATE; a lost connection has none, or class 08
    // (connection exception), or 57P01 (the server shuts down). Then a SELECT 1 says.
    if (!m_db.isOpen())
        return true;
    const QString &state = m_lastErrorCode;
    if (!state.isEmpty() && !state.startsWith(QLatin1String("08")) && state != QLatin1String("57P01"))
        return false;
    QSqlQuery ping(m_db);
    if (ping.exec(QStringLiteral("SELECT 1")))
        return false;
    if (state.isEmpty())
        m_lastErrorCode = QStringLiteral("08006"); // connection failure, for noteWriteFault()
    return true;
}

bool PgStore::retried()
{
    if (!connectionLost())
        return false;
    if (m_inTransaction) {
        // The transaction is gone with the connection: the statement fails, and the next one
        // outside a transaction reconnects.
        m_inTransaction = false;
        return false;
    }
    return reopen();
}

bool PgStore::reopen()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now < m_reconnectAtMs) {
        noteError(QStringLiteral("the connection to the database is lost; reconnecting"));
        m_lastErrorCode = QStringLiteral("08006");
        return false;
    }
    // The next attempt's time is set first: the session's own statements below fail without recursing.
    m_reconnectDelayMs = std::clamp(m_reconnectDelayMs * 2, 250, 10'000);
    m_reconnectAtMs = now + m_reconnectDelayMs;
    // Prepared statements belong to the old session; the connection's parameters stay.
    qDeleteAll(m_prepared);
    m_prepared.clear();
    m_readDepth = 0;
    m_inTransaction = false;
    m_db.close();
    if (!m_db.open() || !setUpSession()) {
        const QString why = m_db.lastError().text().trimmed();
        noteError(QStringLiteral("the connection to the database is lost; next attempt in %1 ms: %2")
                      .arg(m_reconnectDelayMs)
                      .arg(why.isEmpty() ? m_lastError : why));
        m_lastErrorCode = QStringLiteral("08006");
        qCWarning(lcStore).noquote() << m_lastError;
        return false;
    }
    m_reconnectDelayMs = 0;
    m_reconnectAtMs = 0;
    qCInfo(lcStore) << "reconnected to the database";
    // The rules may have changed while away: follow them again, and read them once.
    if (m_rulesChanged && subscribeRules())
        m_rulesChanged();
    return true;
}

bool PgStore::noteError(const QString &error)
{
    m_lastError = error;
    m_lastErrorCode.clear();
    return false;
}

} // namespace peanuts
