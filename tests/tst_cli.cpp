// The real binary as a process: the command line, data surviving a restart, one instance per
// database, refusing a corrupt file, private file modes, SIGTERM with requests in flight, kill -9
// under load losing nothing acknowledged, and secrets (503 without one, rotation, never leaked).
#include "httpsink.h"
#include "monitorprocess.h"
#include "store/sqlitestore.h"
#include "testsupport.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QQueue>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <csignal>
#include <memory>
#include <sys/stat.h>
#include <vector>

using namespace testsupport;

// Runs a helper that may fail a QVERIFY/QCOMPARE, and leaves the test function when it did.
#define CHECKED(call)                                                                                                  \
    do {                                                                                                               \
        call;                                                                                                          \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

namespace {

const QByteArray kProcessed = QByteArrayLiteral("{\"processed\":true}");
const QByteArray kDuplicate = QByteArrayLiteral("{\"processed\":true,\"duplicate\":true}");

// Removes the first complete reply from the front of buffer; false while none is complete.
bool takeReply(QByteArray &buffer, HttpReply *reply)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    qsizetype length = 0;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    const qsizetype end = headEnd + 4 + length;
    if (buffer.size() < end)
        return false;
    *reply = parseReplies(buffer.left(end)).value(0);
    buffer.remove(0, end);
    return true;
}

// One request on a fresh connection.
void exchange(quint16 port, const QByteArray &request, HttpReply *reply)
{
    RawClient client(port);
    QVERIFY(client.isConnected());
    client.send(request);
    const QList<HttpReply> replies = client.waitForReplies(1, 10000);
    QCOMPARE(replies.size(), 1);
    *reply = replies.first();
}

void fetchStats(quint16 port, QJsonObject *stats, QByteArray *raw = nullptr)
{
    HttpReply reply;
    CHECKED(exchange(port,
        QByteArrayLiteral("GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ") + kApiToken
            + QByteArrayLiteral("\r\n\r\n"),
        &reply));
    QVERIFY2(reply.status == 200, reply.body.constData());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &error);
    QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), reply.body.constData());
    *stats = document.object();
    if (raw)
        *raw = reply.body;
}

void fetchCount(quint16 port, qint64 *count)
{
    QJsonObject stats;
    CHECKED(fetchStats(port, &stats));
    QVERIFY(stats.contains(QStringLiteral("count")));
    *count = stats.value(QStringLiteral("count")).toInteger();
}

// Re-posts the deliveries of these entry ids (pipelined over a few connections); each must be
// answered as a duplicate, i.e. the first copy is in the database.
void expectDuplicates(quint16 port, const QStringList &ids)
{
    constexpr int kConnections = 8;
    constexpr int kChunk = 100;
    for (qsizetype start = 0; start < ids.size(); start += kConnections * kChunk) {
        std::vector<std::unique_ptr<RawClient>> clients;
        QList<QStringList> sent;
        for (int c = 0; c < kConnections; ++c) {
            const QStringList slice = ids.mid(start + qsizetype(c) * kChunk, kChunk);
            if (slice.isEmpty())
                break;
            auto client = std::make_unique<RawClient>(port);
            QVERIFY(client->isConnected());
            QByteArray requests;
            for (const QString &id : slice)
                requests += signedRequest(makeBody(id));
            client->send(requests);
            clients.push_back(std::move(client));
            sent.append(slice);
        }
        for (qsizetype c = 0; c < sent.size(); ++c) {
            const QList<HttpReply> replies = clients[size_t(c)]->waitForReplies(int(sent[c].size()), 20000);
            QCOMPARE(replies.size(), sent[c].size());
            for (qsizetype i = 0; i < replies.size(); ++i) {
                QVERIFY2(replies[i].status == 200 && replies[i].body == kDuplicate,
                    qPrintable(QStringLiteral("%1 was answered 200 before, but is not stored: %2 %3")
                                   .arg(sent[c][i])
                                   .arg(replies[i].status)
                                   .arg(QString::fromUtf8(replies[i].body))));
            }
        }
    }
}

// Sends unique signed deliveries, `depth` pipelined at a time, until the server goes away.
class LoadClient
{
public:
    LoadClient(quint16 port, const QString &prefix, int depth)
        : m_prefix(prefix)
    {
        QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this, depth] {
            for (int i = 0; i < depth; ++i)
                sendNext();
        });
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { onReadyRead(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }
    Q_DISABLE_COPY_MOVE(LoadClient)

    bool closed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    const QStringList &acknowledged() const { return m_acknowledged; }
    qsizetype sentCount() const { return m_sent; }
    int otherReplies() const { return m_other; }

private:
    void sendNext()
    {
        const QString id = m_prefix + QString::number(m_sent++);
        m_pending.enqueue(id);
        m_socket.write(signedRequest(makeBody(id)));
    }
    void onReadyRead()
    {
        m_buffer += m_socket.readAll();
        HttpReply reply;
        while (takeReply(m_buffer, &reply)) {
            if (m_pending.isEmpty()) {
                ++m_other;
                continue;
            }
            const QString id = m_pending.dequeue();
            if (reply.status == 200 && reply.body == kProcessed)
                m_acknowledged.append(id);
            else
                ++m_other;
            sendNext();
        }
    }

    QTcpSocket m_socket;
    QString m_prefix;
    QQueue<QString> m_pending;
    QByteArray m_buffer;
    QStringList m_acknowledged;
    qsizetype m_sent = 0;
    int m_other = 0;
};

void checkIntegrity(const QString &path, int flags)
{
    sqlite3 *db = nullptr;
    const int opened = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr);
    QString result;
    if (opened == SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK) {
            while (sqlite3_step(stmt) == SQLITE_ROW)
                result += QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))) + u'\n';
        } else {
            result = QString::fromUtf8(sqlite3_errmsg(db));
        }
        sqlite3_finalize(stmt);
    } else {
        result = QString::fromUtf8(sqlite3_errstr(opened));
    }
    sqlite3_close(db);
    QCOMPARE(result, QStringLiteral("ok\n"));
}

// One number from a read-only raw connection (-1 when the query fails), independent of the code under test.
qint64 queryNumber(const QString &path, const char *sql, const QByteArray &text = QByteArray())
{
    sqlite3 *db = nullptr;
    qint64 value = -1;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 2000);
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
            if (!text.isNull())
                sqlite3_bind_text(stmt, 1, text.constData(), int(text.size()), SQLITE_TRANSIENT);
            if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
                value = sqlite3_column_int64(stmt, 0);
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return value;
}

// peanuts-monitor --check (the store's own integrity check and projection rebuild) in a process of
// its own, started at once and judged by expectPasses(); meanwhile a receiver may go on writing.
class Check
{
public:
    Check(const QString &dir, const QString &dbPath)
    {
        liveProcesses().append(&m_process);
        m_process.setProcessEnvironment(isolatedEnvironment(dir));
        m_process.start(binary(), {QStringLiteral("--check"), QStringLiteral("--db"), dbPath});
    }
    ~Check()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
        liveProcesses().removeOne(&m_process);
    }
    Q_DISABLE_COPY_MOVE(Check)

    void expectPasses(const QString &when)
    {
        // waitForFinished() is false for a process that already ended.
        const bool finished = m_process.state() == QProcess::NotRunning || m_process.waitForFinished(120000);
        const QString out = QString::fromLocal8Bit(m_process.readAllStandardOutput());
        QVERIFY2(finished && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0
                && out.contains(QStringLiteral("\nresult: ok\n")),
            qPrintable(QStringLiteral("--check %1: %2 exit code %3\n%4%5")
                           .arg(when, finished ? QStringLiteral("finished,") : QStringLiteral("still running,"))
                           .arg(m_process.exitCode())
                           .arg(out, QString::fromLocal8Bit(m_process.readAllStandardError()))));
    }

private:
    QProcess m_process;
};

// After a restart the search index catches up with every stored row (meta 'fts_upto' reaches the
// newest id), and the store's own search finds, through the index alone, bodies acknowledged just
// before the last kill.
void expectIndexCatchesUp(const QString &dbPath, const QStringList &probes)
{
    QVERIFY(!probes.isEmpty());
    const qint64 newest = queryNumber(dbPath, "SELECT max(id) FROM deliveries");
    QVERIFY(newest > 0);
    QTRY_VERIFY2_WITH_TIMEOUT(queryNumber(dbPath, "SELECT value FROM meta WHERE key = 'fts_upto'") >= newest,
        qPrintable(QStringLiteral("the index is up to id %1 of %2")
                       .arg(queryNumber(dbPath, "SELECT value FROM meta WHERE key = 'fts_upto'"))
                       .arg(newest)),
        60000);
    peanuts::SqliteStore store;
    QString error;
    QVERIFY2(store.open(peanuts::StoreConfig {dbPath, peanuts::Durability::Normal, true}, &error), qPrintable(error));
    for (const QString &id : probes) {
        // Quoted, three characters or more and no wildcard: the trigram index answers for every row
        // up to its watermark, which is now the newest row.
        peanuts::DeliveryFilter search;
        search.text = u'"' + id + u'"';
        search.outcomes = {peanuts::Outcome::Accepted}; // the original, not the re-post that found it duplicate
        QVERIFY2(store.countDeliveries(search).value_or(-1) == 1, qPrintable(id + QStringLiteral(" not found")));
    }
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QFileDevice::Permissions kPrivateMode
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;

void checkPrivate(const QString &path)
{
    QVERIFY2(QFile::exists(path), qPrintable(path));
    const QFileDevice::Permissions mode = QFile::permissions(path);
    QVERIFY2(mode == kPrivateMode, qPrintable(QStringLiteral("%1 has mode %2").arg(path).arg(int(mode), 0, 16)));
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(binary()), qPrintable(binary()));
        // A usual umask, so that file modes are the binary's doing rather than the environment's.
        m_savedUmask = ::umask(022);
    }
    void cleanupTestCase() { ::umask(m_savedUmask); }
    void cleanup()
    {
        // Monitors kill their processes as they go out of scope; nothing may be left over.
        const QList<QProcess *> left = liveProcesses();
        for (QProcess *process : left) {
            process->kill();
            process->waitForFinished(5000);
        }
        QVERIFY(left.isEmpty());
    }

    // 1. The command line.
    void commandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<QStringList>("mentions");
        // The usage line names the command (it said "Usage: <executable_name>" before).
        const QStringList allOptions {QStringLiteral("Usage: peanuts-monitor [options]\n"), QStringLiteral("--port"),
            QStringLiteral("--db"), QStringLiteral("--secret-file"), QStringLiteral("--max-body"),
            QStringLiteral("--idle-timeout"), QStringLiteral("--request-timeout"), QStringLiteral("--max-connections"),
            QStringLiteral("--headless"), QStringLiteral("--durability"), QStringLiteral("--time-zone"),
            QStringLiteral("--port-file"), QStringLiteral("--max-db-size"), QStringLiteral("--move-corrupt-aside"),
            QStringLiteral("--check"), QStringLiteral("--rules"), QStringLiteral("--forward-to"),
            QStringLiteral("--forward-secret-file"), QStringLiteral("--alert-url"), QStringLiteral("--retry-attempts")};
        QTest::newRow("help") << QStringList {QStringLiteral("--help")} << true << allOptions;
        QTest::newRow("-h") << QStringList {QStringLiteral("-h")} << true << allOptions;
        QTest::newRow("version") << QStringList {QStringLiteral("--version")} << true
                                 << QStringList {
                                        QStringLiteral("peanuts-monitor %1").arg(QStringLiteral(PEANUTS_VERSION))};
        auto bad = [](const char *name, const QStringList &arguments, const QString &option) {
            QTest::newRow(name) << arguments << false << QStringList {option};
        };
        bad("port too big", {QStringLiteral("--port"), QStringLiteral("70000")}, QStringLiteral("--port"));
        bad("port negative", {QStringLiteral("--port"), QStringLiteral("-1")}, QStringLiteral("--port"));
        bad("port not a number", {QStringLiteral("--port"), QStringLiteral("abc")}, QStringLiteral("--port"));
        bad("port without value", {QStringLiteral("--port")}, QStringLiteral("port"));
        bad("max-body zero", {QStringLiteral("--max-body"), QStringLiteral("0")}, QStringLiteral("--max-body"));
        bad("idle-timeout zero", {QStringLiteral("--idle-timeout"), QStringLiteral("0")},
            QStringLiteral("--idle-timeout"));
        bad("request-timeout text", {QStringLiteral("--request-timeout"), QStringLiteral("ten")},
            QStringLiteral("--request-timeout"));
        bad("max-connections zero", {QStringLiteral("--max-connections"), QStringLiteral("0")},
            QStringLiteral("--max-connections"));
        bad("durability fast", {QStringLiteral("--durability"), QStringLiteral("fast")},
            QStringLiteral("--durability"));
        bad("bind notanip", {QStringLiteral("--bind"), QStringLiteral("notanip")}, QStringLiteral("--bind"));
        bad("unknown option", {QStringLiteral("--frobnicate")}, QStringLiteral("frobnicate"));
        bad("time zone Mars/Base", {QStringLiteral("--time-zone"), QStringLiteral("Mars/Base")},
            QStringLiteral("--time-zone"));
        bad("positional argument", {QStringLiteral("stray")}, QStringLiteral("stray"));
        bad("max-db-size negative", {QStringLiteral("--max-db-size"), QStringLiteral("-5")},
            QStringLiteral("--max-db-size"));
        bad("max-db-size text", {QStringLiteral("--max-db-size"), QStringLiteral("big")},
            QStringLiteral("--max-db-size"));
        // The pipeline's options.
        bad("forward-to file:", {QStringLiteral("--forward-to"), QStringLiteral("file:///etc/passwd")},
            QStringLiteral("only http and https"));
        bad("forward-include unknown",
            {QStringLiteral("--forward-to"), QStringLiteral("http://127.0.0.1:9/h"),
                QStringLiteral("--forward-include"), QStringLiteral("rejected")},
            QStringLiteral("--forward-include"));
        bad("forward-events without forward-to", {QStringLiteral("--forward-events"), QStringLiteral("entry.created")},
            QStringLiteral("need --forward-to"));
        bad("alert-url private", {QStringLiteral("--alert-url"), QStringLiteral("http://10.0.0.5/hook")},
            QStringLiteral("alert URL"));
        bad("alert-url metadata", {QStringLiteral("--alert-url"), QStringLiteral("http://169.254.169.254/latest")},
            QStringLiteral("alert URL"));
        bad("retry-attempts zero", {QStringLiteral("--retry-attempts"), QStringLiteral("0")},
            QStringLiteral("--retry-attempts"));
        bad("rules file with a bad field", {QStringLiteral("--rules"), QFINDTESTDATA("data/rules/bad-op-typo.json")},
            QStringLiteral("$.rules[1].condition.op"));
    }

    void commandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, succeeds);
        QFETCH(QStringList, mentions);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Files of its own and a free port, in case a bad value were accepted and the receiver started.
        QStringList all = arguments;
        all << QStringLiteral("--headless") << QStringLiteral("--db") << dir.filePath(QStringLiteral("x.db"))
            << QStringLiteral("--settings") << dir.filePath(QStringLiteral("s.ini"));
        if (!arguments.contains(QStringLiteral("--port")))
            all << QStringLiteral("--port") << QStringLiteral("0");
        const Finished run = runToExit(all, dir.path());
        const QString out = QString::fromLocal8Bit(run.out);
        const QString err = QString::fromLocal8Bit(run.err);
        QVERIFY2(run.finished, qPrintable(QStringLiteral("still running; stderr: ") + err));
        QCOMPARE(run.status, QProcess::NormalExit);
        if (succeeds) {
            QCOMPARE(run.exitCode, 0);
            for (const QString &text : std::as_const(mentions))
                QVERIFY2(out.contains(text), qPrintable(text + QStringLiteral(" missing from:\n") + out));
        } else {
            QVERIFY2(run.exitCode != 0, qPrintable(err));
            QVERIFY2(!err.trimmed().isEmpty(), "nothing on stderr");
            for (const QString &text : std::as_const(mentions))
                QVERIFY2(err.contains(text), qPrintable(text + QStringLiteral(" missing from:\n") + err));
            QVERIFY2(
                !QFile::exists(dir.filePath(QStringLiteral("x.db"))), "a refused command line created the database");
        }
    }

    // 2. Data survives a SIGTERM (or SIGINT) and a restart.
    void dataSurvivesRestart_data()
    {
        QTest::addColumn<int>("stopSignal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void dataSurvivesRestart()
    {
        QFETCH(int, stopSignal);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QList<QByteArray> amounts {"12.50", "0.10", "3", "7.05", "100.99"}; // 123.64 in all
        QList<QByteArray> bodies;
        for (qsizetype i = 0; i < amounts.size(); ++i)
            bodies.append(makeBody(QStringLiteral("restart-%1").arg(i), QStringLiteral("entry.created"),
                QStringLiteral("2026-11-20T10:00:00Z"), amounts[i]));
        {
            Monitor monitor(dir.path());
            CHECKED(monitor.waitUntilListening());
            for (const QByteArray &body : std::as_const(bodies)) {
                HttpReply reply;
                CHECKED(exchange(monitor.port(), signedRequest(body), &reply));
                QCOMPARE(reply.status, 200);
                QCOMPARE(reply.body, kProcessed);
            }
            if (stopSignal == SIGTERM)
                monitor.process().terminate();
            else
                monitor.signal(stopSignal);
            CHECKED(monitor.waitForExit(0));
        }
        Monitor again(dir.path());
        CHECKED(again.waitUntilListening());
        QJsonObject stats;
        QByteArray raw;
        CHECKED(fetchStats(again.port(), &stats, &raw));
        QVERIFY2(stats.value(QStringLiteral("count")).toInteger() == 5, raw.constData());
        QVERIFY2(raw.contains("\"total\":123.64"), raw.constData());
        HttpReply reply;
        CHECKED(exchange(again.port(), signedRequest(bodies[3]), &reply));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, kDuplicate);
        CHECKED(fetchStats(again.port(), &stats, &raw));
        QVERIFY2(stats.value(QStringLiteral("count")).toInteger() == 5, raw.constData());
        CHECKED(again.terminateAndWait());
    }

    // 2c. --check reads a database and says whether it is sound and its projection is what its
    // deliveries rebuild: 0 when so, 1 when not (here after an amount was changed behind its back),
    // and 1 for a file that is missing or not a database, which it leaves as it found it.
    void checkOption()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dbPath = dir.filePath(QStringLiteral("x.db"));
        {
            Monitor monitor(dir.path());
            CHECKED(monitor.waitUntilListening());
            for (int i = 0; i < 3; ++i) {
                HttpReply reply;
                CHECKED(exchange(monitor.port(), signedRequest(makeBody(QStringLiteral("check-%1").arg(i))), &reply));
                QCOMPARE(reply.status, 200);
            }
            CHECKED(monitor.terminateAndWait());
        }
        const QStringList arguments {QStringLiteral("--check"), QStringLiteral("--db"), dbPath};
        Finished run = runToExit(arguments, dir.path(), 60000);
        QString out = QString::fromLocal8Bit(run.out);
        QVERIFY2(run.finished && run.status == QProcess::NormalExit && run.exitCode == 0,
            qPrintable(out + QString::fromLocal8Bit(run.err)));
        for (const char *text : {"integrity: ok\n", "projection: 3 entries, 3 rebuilt", "result: ok\n"})
            QVERIFY2(out.contains(QLatin1String(text)), qPrintable(out));

        sqlite3 *db = nullptr;
        QCOMPARE(
            sqlite3_open_v2(QFile::encodeName(dbPath).constData(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        const int changed = sqlite3_exec(db,
            "UPDATE entries SET amount_cents = amount_cents + 1 WHERE entry_id = 'check-1'", nullptr, nullptr, nullptr);
        const int rows = sqlite3_changes(db);
        sqlite3_close(db);
        QCOMPARE(changed, SQLITE_OK);
        QCOMPARE(rows, 1);
        run = runToExit(arguments, dir.path(), 60000);
        out = QString::fromLocal8Bit(run.out);
        QVERIFY2(run.finished && run.status == QProcess::NormalExit && run.exitCode == 1,
            qPrintable(out + QString::fromLocal8Bit(run.err)));
        for (const char *text : {"integrity: ok\n", "1 entries differ", "'check-1': amount_cents is 1251, rebuilt 1250",
                 "result: FAILED\n"})
            QVERIFY2(out.contains(QLatin1String(text)), qPrintable(out));

        const QString missing = dir.filePath(QStringLiteral("missing.db"));
        run = runToExit({QStringLiteral("--check"), QStringLiteral("--db"), missing}, dir.path());
        QVERIFY2(run.finished && run.exitCode == 1 && run.out.contains("no such file"), run.out.constData());
        QVERIFY(!QFile::exists(missing));

        const QString notOurs = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(notOurs);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'n'));
        file.close();
        run = runToExit({QStringLiteral("--check"), QStringLiteral("--db"), notOurs}, dir.path());
        QVERIFY2(run.finished && run.exitCode == 1 && run.out.contains("result: FAILED"), run.out.constData());
        QCOMPARE(readFile(notOurs), QByteArray(8192, 'n'));
    }

    // 2b. The port file says the receiver is up; a SIGTERM from then on is a graceful stop (exit 0),
    // however soon it comes. Polled tightly, since the window right after the file is written is short.
    void sigtermRightWhenListening()
    {
        constexpr int kAttempts = 20;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (int attempt = 0; attempt < kAttempts; ++attempt) {
            Monitor monitor(dir.path());
            const QDeadlineTimer deadline(kStartTimeoutMs);
            while (!monitor.portFileReady() && !deadline.hasExpired())
                QThread::yieldCurrentThread();
            QVERIFY2(monitor.portFileReady(), qPrintable(monitor.describe()));
            monitor.process().terminate();
            monitor.waitForExit(0);
            if (QTest::currentTestFailed()) {
                qWarning("attempt %d of %d: SIGTERM right after the port file appeared was not a graceful stop",
                    attempt + 1, kAttempts);
                return;
            }
        }
    }

    // 2b. What a 200 set in motion survives a kill -9: forwards to a handler that has not answered
    // yet are all carried out by the next run.
    void forwardsSurviveKill9()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        bool answering = false;
        HttpSink sink([&](const SinkRequest &, int) {
            SinkAnswer answer;
            if (!answering)
                answer.mode = SinkAnswer::Mode::Hang; // nothing is done before the kill
            return answer;
        });
        QVERIFY(sink.listen());
        const QStringList extra {QStringLiteral("--forward-to"), sink.url(), QStringLiteral("--retry-timeout"),
            QStringLiteral("60000"), QStringLiteral("--retry-base-delay"), QStringLiteral("50")};
        constexpr int kCount = 40;
        QSet<QByteArray> sent;
        {
            Monitor monitor(dir.path(), MonitorConfig {extra});
            CHECKED(monitor.waitUntilListening());
            RawClient client(monitor.port());
            QByteArray requests;
            for (int i = 0; i < kCount; ++i) {
                const QByteArray body = makeBody(QStringLiteral("kill-%1").arg(i));
                sent.insert(body);
                requests += signedRequest(body);
            }
            client.send(requests);
            const QList<HttpReply> replies = client.waitForReplies(kCount, 20000);
            QCOMPARE(replies.size(), kCount);
            for (const HttpReply &reply : replies)
                QCOMPARE(reply.status, 200);
            CHECKED(monitor.killHard()); // right after the answers
        }
        QVERIFY2(sink.count() < kCount, qPrintable(QString::number(sink.count()))); // work was left pending
        answering = true;
        Monitor next(dir.path(), MonitorConfig {extra});
        CHECKED(next.waitUntilListening());
        QSet<QByteArray> arrived;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const SinkRequest &request : sink.requests())
                    arrived.insert(request.body);
                return arrived == sent;
            }(),
            20000);
        CHECKED(next.terminateAndWait());
    }

    // 3. One instance per database, and stale locks.
    void oneInstancePerDatabase()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto first = std::make_unique<Monitor>(dir.path());
        CHECKED(first->waitUntilListening());
        const quint16 firstPort = first->port();
        for (int attempt = 0; attempt < 2; ++attempt) { // a refused start must not break the lock either
            QTemporaryDir otherFiles; // its own port file; the same database
            QVERIFY(otherFiles.isValid());
            const Finished second = runToExit(
                {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"),
                    first->dbPath(), QStringLiteral("--settings"), first->settingsPath(), QStringLiteral("--port-file"),
                    otherFiles.filePath(QStringLiteral("port"))},
                dir.path());
            const QString err = QString::fromLocal8Bit(second.err);
            QVERIFY2(second.finished, qPrintable(err));
            QVERIFY2(second.elapsedMs < 5000, qPrintable(QString::number(second.elapsedMs)));
            QCOMPARE(second.status, QProcess::NormalExit);
            QVERIFY2(second.exitCode != 0, qPrintable(err));
            QVERIFY2(err.contains(QStringLiteral("another Peanuts Monitor")) && err.contains(first->dbPath())
                    && err.contains(QString::number(first->pid())),
                qPrintable(err));
            QVERIFY(!QFile::exists(otherFiles.filePath(QStringLiteral("port"))));
        }
        // The first is unharmed.
        HttpReply reply;
        CHECKED(exchange(firstPort, signedRequest(makeBody(QStringLiteral("lock-1"))), &reply));
        QCOMPARE(reply.status, 200);
        CHECKED(first->terminateAndWait());
        first.reset();

        // After a clean stop, the next one starts.
        auto next = std::make_unique<Monitor>(dir.path());
        CHECKED(next->waitUntilListening());
        CHECKED(exchange(next->port(), signedRequest(makeBody(QStringLiteral("lock-1"))), &reply));
        QCOMPARE(reply.body, kDuplicate);
        // After a kill -9 the lock file stays behind, naming a dead process: it is stale.
        CHECKED(next->killHard());
        QVERIFY(QFile::exists(next->dbPath() + QStringLiteral(".lock")));
        next.reset();
        Monitor afterKill(dir.path());
        CHECKED(afterKill.waitUntilListening());
        CHECKED(exchange(afterKill.port(), signedRequest(makeBody(QStringLiteral("lock-1"))), &reply));
        QCOMPARE(reply.body, kDuplicate);
        CHECKED(afterKill.terminateAndWait());
    }

    // 4. A file that is not a database is refused and left as it was.
    void corruptDatabaseIsLeftAlone_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QByteArray text;
        while (text.size() < 16384)
            text += "this is not a database, just some text.\n";
        QRandomGenerator random(4);
        QByteArray noise(16384, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        QTest::newRow("text") << text;
        QTest::newRow("random bytes") << noise;
        QTest::newRow("sqlite header, random pages") << QByteArray("SQLite format 3\0", 16) + noise.mid(16);
    }

    void corruptDatabaseIsLeftAlone()
    {
        QFETCH(QByteArray, contents);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString db = dir.filePath(QStringLiteral("x.db"));
        {
            QFile file(db);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(contents), contents.size());
        }
        const QDateTime modified = QFileInfo(db).lastModified();
        Monitor monitor(dir.path());
        CHECKED(monitor.waitForExit(1));
        const QString err = QString::fromLocal8Bit(monitor.standardError());
        QVERIFY2(err.contains(db), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("not a usable Peanuts Monitor database")), qPrintable(err));
        QVERIFY(!QFile::exists(monitor.portFile()));
        QCOMPARE(readFile(db), contents);
        QCOMPARE(QFileInfo(db).lastModified(), modified);
        for (const char *suffix : {"-wal", "-shm", "-journal"})
            QVERIFY2(!QFile::exists(db + QLatin1String(suffix)), suffix);
    }

    // With --move-corrupt-aside the unusable file (and its WAL) is renamed, never replaced, and a new
    // database starts; a foreign database is still refused and left alone.
    void moveCorruptAside()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString db = dir.filePath(QStringLiteral("x.db"));
        QByteArray contents;
        while (contents.size() < 16384)
            contents += "this is not a database, just some text.\n";
        {
            QFile file(db);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(contents), contents.size());
            QFile wal(db + QStringLiteral("-wal"));
            QVERIFY(wal.open(QIODevice::WriteOnly));
            QCOMPARE(wal.write("stale wal"), 9);
        }
        Monitor monitor(dir.path(), MonitorConfig {{QStringLiteral("--move-corrupt-aside")}});
        CHECKED(monitor.waitUntilListening());
        HttpReply reply;
        CHECKED(exchange(monitor.port(), signedRequest(makeBody(QStringLiteral("after-aside"))), &reply));
        QCOMPARE(reply.status, 200);
        CHECKED(monitor.terminateAndWait());
        const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("x.db.corrupt-*")}, QDir::Files);
        QCOMPARE(aside.size(), 2);
        QVERIFY(aside.constLast().endsWith(QStringLiteral("-wal")));
        QCOMPARE(readFile(dir.filePath(aside.constFirst())), contents);
        QCOMPARE(readFile(dir.filePath(aside.constLast())), QByteArray("stale wal"));
        const QString err = QString::fromLocal8Bit(monitor.standardError());
        QVERIFY2(err.contains(dir.filePath(aside.constFirst())), qPrintable(err));
        CHECKED(checkIntegrity(db, SQLITE_OPEN_READONLY));

        // Someone else's database is not corrupt: the flag does not touch it.
        const QString foreignDir = dir.filePath(QStringLiteral("foreign"));
        QVERIFY(QDir().mkpath(foreignDir));
        sqlite3 *other = nullptr;
        QCOMPARE(sqlite3_open(qPrintable(foreignDir + QStringLiteral("/x.db")), &other), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other, "CREATE TABLE theirs (x)", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(other);
        Monitor refused(foreignDir, MonitorConfig {{QStringLiteral("--move-corrupt-aside")}});
        CHECKED(refused.waitForExit(1));
        QVERIFY(QDir(foreignDir).entryList({QStringLiteral("*.corrupt-*")}).isEmpty());
    }

    // 5. The database (and its WAL) and the settings are readable by the user alone.
    void filesArePrivate_data()
    {
        QTest::addColumn<bool>("tokenFromEnvironment");
        QTest::newRow("API token from the environment") << true;
        QTest::newRow("API token generated into settings") << false;
    }

    void filesArePrivate()
    {
        QFETCH(bool, tokenFromEnvironment);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Monitor monitor(dir.path(), {{}, true, tokenFromEnvironment});
        CHECKED(monitor.waitUntilListening());
        HttpReply reply;
        CHECKED(exchange(monitor.port(), signedRequest(makeBody(QStringLiteral("private"))), &reply));
        QCOMPARE(reply.status, 200);
        CHECKED(checkPrivate(monitor.dbPath()));
        CHECKED(checkPrivate(monitor.settingsPath()));
        for (const char *suffix : {"-wal", "-shm"}) {
            if (QFile::exists(monitor.dbPath() + QLatin1String(suffix)))
                CHECKED(checkPrivate(monitor.dbPath() + QLatin1String(suffix)));
        }
        CHECKED(monitor.terminateAndWait());
        CHECKED(checkPrivate(monitor.dbPath()));
        CHECKED(checkPrivate(monitor.settingsPath()));
        if (!tokenFromEnvironment)
            QVERIFY2(readFile(monitor.settingsPath()).contains("token"), readFile(monitor.settingsPath()).constData());
    }

    // 6. SIGTERM with requests in flight: whatever was answered 200 is stored.
    void sigtermWithRequestsInFlight_data()
    {
        QTest::addColumn<bool>("afterFirstReplies");
        QTest::newRow("right after writing") << false;
        QTest::newRow("once every connection got a reply") << true;
    }

    void sigtermWithRequestsInFlight()
    {
        QFETCH(bool, afterFirstReplies);
        constexpr int kConnections = 8;
        constexpr int kPerConnection = 50;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStringList answered;
        QStringList sentIds;
        {
            Monitor monitor(dir.path());
            CHECKED(monitor.waitUntilListening());
            std::vector<std::unique_ptr<RawClient>> clients;
            QList<QStringList> sent;
            for (int c = 0; c < kConnections; ++c) {
                clients.push_back(std::make_unique<RawClient>(monitor.port()));
                QVERIFY(clients.back()->isConnected());
                QByteArray requests;
                sent.append(QStringList());
                for (int i = 0; i < kPerConnection; ++i) {
                    sent.last().append(QStringLiteral("term-%1-%2").arg(c).arg(i));
                    requests += signedRequest(makeBody(sent.last().last()));
                }
                sentIds += sent.last();
                clients.back()->send(requests);
            }
            if (afterFirstReplies) {
                for (auto &client : clients)
                    QVERIFY(!client->waitForReplies(1, 10000).isEmpty());
            }
            QElapsedTimer sinceSignal;
            sinceSignal.start();
            monitor.process().terminate();
            int otherReplies = 0;
            for (int c = 0; c < kConnections; ++c) {
                const QList<HttpReply> replies = clients[size_t(c)]->waitForReplies(kPerConnection, 15000);
                for (qsizetype i = 0; i < replies.size(); ++i) {
                    if (replies[i].status == 200) {
                        QCOMPARE(replies[i].body, kProcessed);
                        answered.append(sent[c][i]);
                    } else {
                        // Refused for the shutdown, never garbled.
                        QVERIFY2(replies[i].status == 503, replies[i].body.constData());
                        ++otherReplies;
                    }
                }
            }
            CHECKED(monitor.waitForExit(0, 10000));
            QVERIFY2(sinceSignal.elapsed() < 5000, qPrintable(QString::number(sinceSignal.elapsed())));
            qInfo("%lld of %d answered 200, %d answered otherwise, exit after %lld ms", qint64(answered.size()),
                kConnections * kPerConnection, otherReplies, sinceSignal.elapsed());
            if (afterFirstReplies)
                QVERIFY(answered.size() >= kConnections);
        }
        Monitor again(dir.path());
        CHECKED(again.waitUntilListening());
        qint64 count = 0;
        CHECKED(fetchCount(again.port(), &count));
        QVERIFY2(count >= answered.size() && count <= sentIds.size(),
            qPrintable(QStringLiteral("%1 stored, %2 answered").arg(count).arg(answered.size())));
        CHECKED(expectDuplicates(again.port(), answered));
        CHECKED(again.terminateAndWait());
    }

    // 7. kill -9 under load, twenty times: every delivery answered 200 is there after the restart, the
    // file is sound and its projection is what the stored deliveries rebuild (--check, after every
    // restart), and the work queued after the answers (the search index) resumes after the restart.
    void killNineUnderLoad()
    {
        constexpr int kRounds = 20;
        constexpr int kConnections = 8;
        constexpr int kDepth = 4;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dbPath = dir.filePath(QStringLiteral("x.db"));
        QRandomGenerator random(20261126);
        QStringList acknowledged; // over all rounds
        QStringList lastRound;
        QStringList lastAcknowledged; // each connection's last 200 before the last kill
        qint64 sentTotal = 0;
        for (int round = 0; round <= kRounds; ++round) {
            Monitor monitor(dir.path());
            CHECKED(monitor.waitUntilListening());
            // What the previous round acknowledged is there (checked again, all of it, at the end).
            CHECKED(expectDuplicates(monitor.port(), round == kRounds ? acknowledged : lastRound));
            qint64 count = 0;
            CHECKED(fetchCount(monitor.port(), &count));
            QVERIFY2(count >= acknowledged.size() && count <= sentTotal,
                qPrintable(QStringLiteral("round %1: %2 stored, %3 acknowledged, %4 sent")
                               .arg(round)
                               .arg(count)
                               .arg(acknowledged.size())
                               .arg(sentTotal)));
            if (round == kRounds) {
                CHECKED(expectIndexCatchesUp(dbPath, lastAcknowledged));
                Check check(dir.path(), dbPath);
                CHECKED(check.expectPasses(QStringLiteral("after the last restart")));
                CHECKED(monitor.terminateAndWait());
                break;
            }
            // The file as the restart found it, while this round's load writes on: sound, and its
            // projection is the one its deliveries rebuild (one snapshot, whatever the writer does).
            // Judged after the kill, so that the check costs the round little time of its own.
            std::unique_ptr<Check> check;
            if (round > 0)
                check = std::make_unique<Check>(dir.path(), dbPath);

            std::vector<std::unique_ptr<LoadClient>> clients;
            for (int c = 0; c < kConnections; ++c)
                clients.push_back(std::make_unique<LoadClient>(
                    monitor.port(), QStringLiteral("kill-%1-%2-").arg(round).arg(c), kDepth));
            const int delayMs = 200 + int(random.bounded(601));
            QTest::qWait(delayMs);
            CHECKED(monitor.killHard());
            // Replies that reached the client before the kill are read before the close is seen.
            QTRY_VERIFY_WITH_TIMEOUT(
                std::all_of(clients.begin(), clients.end(), [](const auto &client) { return client->closed(); }), 5000);
            lastRound.clear();
            lastAcknowledged.clear();
            int other = 0;
            for (const auto &client : clients) {
                lastRound += client->acknowledged();
                if (!client->acknowledged().isEmpty())
                    lastAcknowledged.append(client->acknowledged().last());
                sentTotal += client->sentCount();
                other += client->otherReplies();
            }
            qInfo("round %d: killed after %d ms, %lld acknowledged, %d other replies", round, delayMs,
                qint64(lastRound.size()), other);
            QVERIFY2(lastRound.size() >= kConnections, "the load did not get going");
            acknowledged += lastRound;
            if (round == kRounds - 1) // the file as kill -9 left it, recovered by SQLite itself
                CHECKED(checkIntegrity(monitor.dbPath(), SQLITE_OPEN_READWRITE));
            if (check)
                CHECKED(check->expectPasses(QStringLiteral("after restart %1").arg(round)));
            if (round == kRounds - 1) {
                // The search index lags behind the answers; the last kill must have left it work to resume.
                const qint64 indexedUpto = queryNumber(dbPath, "SELECT value FROM meta WHERE key = 'fts_upto'");
                qint64 newest = -1;
                for (const QString &id : std::as_const(lastAcknowledged))
                    newest = qMax(
                        newest, queryNumber(dbPath, "SELECT id FROM deliveries WHERE entry_id = ?1", id.toUtf8()));
                qInfo("last kill: index up to id %lld, newest acknowledged id %lld", indexedUpto, newest);
                QVERIFY2(indexedUpto >= 0 && newest > indexedUpto,
                    qPrintable(QStringLiteral("the index (up to %1) already held the newest acknowledged delivery "
                                              "(%2): nothing left for the restart to resume")
                                   .arg(indexedUpto)
                                   .arg(newest)));
            }
        }
        CHECKED(checkIntegrity(dbPath, SQLITE_OPEN_READONLY));
    }

    // 8. Secrets: 503 without one; two from a file both verify; none ever printed or stored.
    void withoutSecretDeliveriesWait()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Monitor monitor(dir.path(), {{}, false, true});
        CHECKED(monitor.waitUntilListening());
        HttpReply reply;
        CHECKED(exchange(monitor.port(), signedRequest(makeBody(QStringLiteral("no-secret"))), &reply));
        QCOMPARE(reply.status, 503);
        QVERIFY2(reply.header("retry-after").toInt() > 0, reply.header("retry-after").constData());
        CHECKED(exchange(monitor.port(), QByteArrayLiteral("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"), &reply));
        QVERIFY2(reply.body.contains("\"secrets_configured\":false"), reply.body.constData());
        CHECKED(monitor.terminateAndWait());
        const QString err = QString::fromLocal8Bit(monitor.standardError());
        QVERIFY2(err.contains(QStringLiteral("no webhook secret is configured"))
                && err.contains(QStringLiteral("PEANUTS_SECRET")) && err.contains(QStringLiteral("--secret-file")),
            qPrintable(err));
    }

    void secretFileRotation()
    {
        const QByteArray first = QByteArrayLiteral("s3cr3t-alpha-7f1c9e0d");
        const QByteArray second = QByteArrayLiteral("s3cr3t-bravo-2b8d4a61");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString secretFile = dir.filePath(QStringLiteral("secrets.txt"));
        {
            QFile file(secretFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("# rotation in progress\nold=" + first + "\r\nnew=" + second + "\n");
        }
        // Every file the receiver keeps, grepped while it runs (the WAL) and after it stopped.
        auto leaks = [&](const QByteArray &output) {
            QStringList found;
            const QFileInfoList files = QDir(dir.path()).entryInfoList(QDir::Files | QDir::Hidden);
            QList<QPair<QString, QByteArray>> places {{QStringLiteral("output"), output}};
            for (const QFileInfo &info : files) {
                if (info.absoluteFilePath() != QFileInfo(secretFile).absoluteFilePath())
                    places.append({info.fileName(), readFile(info.absoluteFilePath())});
            }
            for (const auto &place : std::as_const(places)) {
                for (const QByteArray &secret : {first, second}) {
                    if (place.second.contains(secret))
                        found.append(place.first);
                }
            }
            return found.join(QStringLiteral(", "));
        };
        Monitor monitor(dir.path(), {{QStringLiteral("--secret-file"), secretFile}, false, true});
        CHECKED(monitor.waitUntilListening());
        int n = 0;
        for (const QByteArray &secret : {first, second}) {
            const QByteArray body = makeBody(QStringLiteral("rotated-%1").arg(++n));
            HttpReply reply;
            CHECKED(exchange(monitor.port(), webhookRequest(body, sign(secret, body)), &reply));
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.body, kProcessed);
        }
        const QByteArray foreign = makeBody(QStringLiteral("rotated-foreign"));
        HttpReply reply;
        CHECKED(exchange(monitor.port(), signedRequest(foreign), &reply)); // "test-secret" is not configured here
        QCOMPARE(reply.status, 401);
        QCOMPARE(leaks(monitor.standardOutput() + monitor.standardError()), QString());
        CHECKED(monitor.terminateAndWait());
        QCOMPARE(leaks(monitor.standardOutput() + monitor.standardError()), QString());
        QVERIFY(QFile::exists(monitor.dbPath()));
    }

    void badSecretFileStopsTheStart_data()
    {
        QTest::addColumn<QByteArray>("contents"); // empty: no file at all
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing file") << QByteArray() << QStringLiteral("does not exist");
        QTest::newRow("secret pasted without a label")
            << QByteArrayLiteral("old=s3cr3t-alpha-7f1c9e0d\ns3cr3t-bravo-2b8d4a61\n") << QStringLiteral(":2:");
    }

    void badSecretFileStopsTheStart()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString secretFile = dir.filePath(QStringLiteral("secrets.txt"));
        if (!contents.isEmpty()) {
            QFile file(secretFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(contents);
        }
        Monitor monitor(dir.path(), {{QStringLiteral("--secret-file"), secretFile}, false, true});
        CHECKED(monitor.waitForExit(1));
        const QByteArray output = monitor.standardOutput() + monitor.standardError();
        const QString err = QString::fromLocal8Bit(output);
        QVERIFY2(err.contains(secretFile) && err.contains(mentions), qPrintable(err));
        QVERIFY2(!output.contains("s3cr3t"), output.constData());
        QVERIFY(!QFile::exists(monitor.portFile()));
    }

private:
    mode_t m_savedUmask = 022;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
