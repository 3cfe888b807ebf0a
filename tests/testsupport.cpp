#include "testsupport.h"

#include <QDateTime>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace testsupport {

QByteArray sign(const QByteArray &secret, const QByteArray &body)
{
    return QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

QString earlierToday(int second)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime midnight(now.date(), QTime(0, 0), QTimeZone::utc());
    return qMax(midnight, now.addSecs(-600)).addSecs(second).toString(Qt::ISODate);
}

QByteArray makeBody(const QString &entryId, const QString &event, const QString &timestamp,
    const QByteArray &amountJson, const QString &category, const QString &command, const QString &createdAt)
{
    const QString created = createdAt.isEmpty() ? timestamp : createdAt;
    return QByteArrayLiteral("{\"event\":\"") + event.toUtf8() + QByteArrayLiteral("\",\"timestamp\":\"")
        + timestamp.toUtf8()
        + QByteArrayLiteral("\",\"helper\":{\"id\":\"h-1\",\"name\":\"Expense Tracker\",\"command\":\"")
        + command.toUtf8() + QByteArrayLiteral("\"},\"entry\":{\"id\":\"") + entryId.toUtf8()
        + QByteArrayLiteral("\",\"created_at\":\"") + created.toUtf8() + QByteArrayLiteral("\",\"data\":{\"amount\":")
        + amountJson + QByteArrayLiteral(",\"category\":\"") + category.toUtf8()
        + QByteArrayLiteral("\",\"description\":\"test\"}},\"user\":{\"id\":\"user-1\"}}");
}

QByteArray HttpReply::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

QList<HttpReply> parseReplies(const QByteArray &data)
{
    QList<HttpReply> replies;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype headEnd = data.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            break;
        const QList<QByteArray> lines = data.mid(pos, headEnd - pos).split('\n');
        HttpReply reply;
        const QList<QByteArray> statusParts = lines.value(0).trimmed().split(' ');
        reply.status = statusParts.value(1).toInt();
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            reply.headers.append({name, value});
            if (name == "content-length")
                length = value.toLongLong();
        }
        const qsizetype bodyStart = headEnd + 4;
        if (data.size() - bodyStart < length)
            break;
        reply.body = data.mid(bodyStart, length);
        replies.append(reply);
        pos = bodyStart + length;
    }
    return replies;
}

} // namespace testsupport

#include "ingest/signature.h"
#include "receivercore.h"

#include <QDeadlineTimer>
#include <QSslSocket>
#include <QTest>

namespace testsupport {

std::optional<peanuts::BatchSummary> commitBatch(peanuts::Store &store, QList<peanuts::Delivery> &batch)
{
    QString error;
    if (!store.commit(batch, &error))
        return std::nullopt;
    peanuts::BatchSummary summary;
    for (const peanuts::Delivery &d : std::as_const(batch)) {
        summary.ids.append(d.id);
        ++summary.counts[size_t(d.outcome)];
    }
    return summary;
}

peanuts::Delivery receivedDelivery(const QByteArray &body, qint64 receivedMs)
{
    peanuts::Delivery d;
    d.receivedMs = receivedMs;
    d.remoteAddress = QStringLiteral("127.0.0.1");
    d.method = "POST";
    d.path = "/webhook";
    d.headers = "content-type: application/json\n";
    d.body = body;
    d.bodySize = body.size();
    d.bodySha256 = peanuts::sha256(body);
    return d;
}

qint64 rawNumber(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    qint64 value = -1;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

QByteArray drain(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    QByteArray all;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        all.append(buffer, n);
    }
    return all;
}

peanuts::Options testOptions(const QString &dir)
{
    qputenv("PEANUTS_SECRET", kSecret);
    qputenv("PEANUTS_API_TOKEN", kApiToken);
    peanuts::Options options;
    options.headless = true;
    options.port = 0;
    options.dbPath = dir + QStringLiteral("/test.db");
    options.settingsPath = dir + QStringLiteral("/settings.ini");
    options.figures.zone = QTimeZone("UTC");
    return options;
}

QByteArray webhookRequest(
    const QByteArray &body, const QByteArray &signature, const QByteArray &extraHeaders, const QByteArray &path)
{
    QByteArray request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    if (!signature.isNull())
        request += "X-Peanuts-Signature: " + signature + "\r\n";
    request += extraHeaders;
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return request;
}

RawClient::RawClient(quint16 port)
    : m_socket(std::make_unique<QTcpSocket>())
{
    m_socket->connectToHost(QHostAddress::LocalHost, port);
    m_socket->waitForConnected(5000);
}

RawClient::RawClient(quint16 port, const QSslConfiguration &tls, int handshakeTimeoutMs)
{
    auto socket = std::make_unique<QSslSocket>();
    socket->setSslConfiguration(tls);
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    // The client's last handshake message (TLS 1.3's Finished) waits in its TCP socket's buffer
    // until the event loop runs; the server's handshake ends only when it arrives.
    if (socket->waitForEncrypted(handshakeTimeoutMs))
        socket->flush();
    m_socket = std::move(socket);
}

bool RawClient::encrypted() const
{
    const auto *tls = qobject_cast<const QSslSocket *>(m_socket.get());
    return tls && tls->isEncrypted();
}

bool RawClient::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawClient::send(const QByteArray &bytes)
{
    m_socket->write(bytes);
    m_socket->flush();
}

QList<HttpReply> RawClient::waitForReplies(int count, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (parseReplies(m_received).size() >= count)
            break;
        if (m_socket->state() != QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0)
            break;
        if (m_socket->bytesAvailable() == 0)
            m_socket->waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 50)));
        m_received += m_socket->readAll();
    }
    m_received += m_socket->readAll();
    return parseReplies(m_received);
}

bool RawClient::waitForClose(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            return true;
        m_socket->waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 50)));
        m_received += m_socket->readAll();
    }
    return m_socket->state() == QAbstractSocket::UnconnectedState;
}

qint64 newestDeliveryId(peanuts::StoreWorker *worker)
{
    return onStore(worker, [](peanuts::Store &store) {
        const auto rows = store.deliveriesAt(peanuts::DeliveryFilter(), 0, 1);
        return rows && !rows->isEmpty() ? rows->constFirst().id : qint64(0);
    });
}

qint64 postAndFindId(quint16 port, peanuts::StoreWorker *writer, const QByteArray &body)
{
    RawClient client(port);
    client.send(signedRequest(body));
    if (client.waitForReplies(1).value(0).status != 200)
        return 0;
    return newestDeliveryId(writer);
}

peanuts::RuleSet bigExpenseRule(const QString &above)
{
    using namespace peanuts;
    Rule rule;
    rule.id = QStringLiteral("big-expense");
    rule.name = QStringLiteral("Big expense");
    rule.helper = QStringLiteral("/expenses");
    rule.condition.field = QStringLiteral("amount");
    rule.condition.op = ConditionOp::Greater;
    rule.condition.value = above;
    rule.actions.append(RuleAction {RuleActionType::Notify, QString(), QStringLiteral("Expense over %1").arg(above),
        QStringLiteral("{amount} on {entry.id}")});
    return RuleSet {{rule}};
}

QString saveRulesAndWait(peanuts::ReceiverCore &core, const peanuts::RuleSet &rules)
{
    std::optional<QString> answer;
    QObject receiver;
    core.saveRules(rules, &receiver, [&answer](const QString &error) { answer = error; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10'000))
        return QStringLiteral("no answer to the save of the rules within 10 s");
    return *answer;
}

QString testPgUrl()
{
    const QString dir = qEnvironmentVariable("PEANUTS_TEST_PG_DIR");
    if (dir.isEmpty())
        return QString();
    QFile file(dir + QStringLiteral("/url"));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll()).trimmed();
}

bool pgRequired()
{
    return qEnvironmentVariable("REQUIRE_PG") == QLatin1String("1");
}

namespace {

// Runs sql on the cluster's own database "peanuts", on a connection opened for it alone.
bool onClusterDatabase(const QString &sql, QString *error)
{
    const auto cluster = peanuts::parsePgUrl(testPgUrl(), error);
    if (!cluster)
        return false;
    static int connections = 0;
    const QString name = QStringLiteral("pgtest-admin-%1").arg(++connections);
    bool ok = false;
    {
        QSqlDatabase db;
        if (!peanuts::openPgDatabase(*cluster, name, &db, error))
            return false;
        QSqlQuery query(db);
        ok = query.exec(sql);
        if (!ok)
            *error = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

PgTestDatabase::PgTestDatabase()
{
    const QString clusterUrl = testPgUrl();
    if (clusterUrl.isEmpty()) {
        m_error = QStringLiteral("no PostgreSQL test cluster runs");
        return;
    }
    const auto cluster = peanuts::parsePgUrl(clusterUrl, &m_error);
    if (!cluster)
        return;
    // t_<test function>_<pid>_<count>_<random>: unique across the test executables ctest -j runs at once,
    // and readable in the server's log. PostgreSQL keeps 63 bytes of a name.
    static int count = 0;
    QString function = QString::fromLatin1(QTest::currentTestFunction() ? QTest::currentTestFunction() : "case")
                           .toLower()
                           .replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
    const QString suffix = QStringLiteral("_%1_%2_%3")
                               .arg(QCoreApplication::applicationPid())
                               .arg(++count)
                               .arg(QRandomGenerator::global()->bounded(1u << 30), 0, 36);
    const QString name = QStringLiteral("t_") + function.left(63 - 2 - suffix.size()) + suffix;
    if (!onClusterDatabase(QStringLiteral("CREATE DATABASE \"%1\"").arg(name), &m_error))
        return;
    m_location = *cluster;
    m_location.database = name;
    m_name = name;
}

PgTestDatabase::~PgTestDatabase()
{
    if (m_name.isEmpty())
        return;
    QString error;
    if (!onClusterDatabase(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_name), &error))
        qWarning().noquote() << "could not drop the test database:" << error;
}

QString PgTestDatabase::url() const
{
    QString url = redactedPgUrl(m_location);
    return url.replace(
        QStringLiteral(":***@"), u':' + QString::fromLatin1(QUrl::toPercentEncoding(m_location.password)) + u'@');
}

} // namespace testsupport
