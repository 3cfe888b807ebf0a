// The real binary as a process: command line, restarts, one instance per database, refusing a
// corrupt file, SIGTERM with requests in flight, and kill -9 under load losing nothing acknowledged.
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

using namespace testsupport;

namespace {

// One peanuts-monitor process on a free port, with its files in a folder.
class Monitor
{
public:
    explicit Monitor(const QString &dir, const QStringList &extra = {}, bool withSecret = true)
        : m_dir(dir)
    {
        QFile::remove(portFile());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PEANUTS_SECRET"));
        if (withSecret)
            env.insert(QStringLiteral("PEANUTS_SECRET"), QString::fromLatin1(kSecret));
        env.insert(QStringLiteral("PEANUTS_API_TOKEN"), QString::fromLatin1(kApiToken));
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(PEANUTS_BINARY),
            QStringList {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--port-file"), portFile(), QStringLiteral("--db"), dbPath(),
                QStringLiteral("--settings"), dir + QStringLiteral("/settings.ini")}
                + extra);
    }
    ~Monitor()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QString portFile() const { return m_dir + QStringLiteral("/port"); }
    QString dbPath() const { return m_dir + QStringLiteral("/monitor.db"); }

    // The port once listening, 0 if the process ended or did not listen in time.
    quint16 waitForPort(int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs && m_process.state() != QProcess::NotRunning) {
            QFile file(portFile());
            if (file.open(QIODevice::ReadOnly)) {
                const quint16 port = quint16(file.readAll().trimmed().toUInt());
                if (port)
                    return port;
            }
            m_process.waitForFinished(20);
        }
        return 0;
    }
    bool waitForExit(int timeoutMs = 10000) { return m_process.waitForFinished(timeoutMs); }
    void signal(int sig) { ::kill(pid_t(m_process.processId()), sig); }
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    QByteArray stderrText() { return m_process.readAllStandardError(); }

private:
    QString m_dir;
    QProcess m_process;
};

int post(quint16 port, const QByteArray &body, QByteArray *answer = nullptr)
{
    RawClient client(port);
    client.send(signedRequest(body));
    const HttpReply reply = client.waitForReplies(1).value(0);
    if (answer)
        *answer = reply.body;
    return reply.status;
}

// Entry ids present in the projection, read straight from the file.
QSet<QString> storedEntries(const QString &dbPath, QString *integrity = nullptr)
{
    QSet<QString> ids;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(qPrintable(dbPath), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT entry_id FROM entries", -1, &stmt, nullptr) == SQLITE_OK) {
            while (sqlite3_step(stmt) == SQLITE_ROW)
                ids.insert(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))));
        }
        sqlite3_finalize(stmt);
        stmt = nullptr;
        if (integrity && sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK
            && sqlite3_step(stmt) == SQLITE_ROW)
            *integrity = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return ids;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("help") << QStringList {QStringLiteral("--help")} << 0 << QStringLiteral("--request-timeout");
        QTest::addRow("version") << QStringList {QStringLiteral("--version")} << 0 << QStringLiteral("peanuts-monitor");
        QTest::addRow("port too big") << QStringList {QStringLiteral("--port"), QStringLiteral("70000")} << 2
                                      << QStringLiteral("--port");
        QTest::addRow("port not a number")
            << QStringList {QStringLiteral("--port"), QStringLiteral("abc")} << 2 << QStringLiteral("--port");
        QTest::addRow("no body") << QStringList {QStringLiteral("--max-body"), QStringLiteral("0")} << 2
                                 << QStringLiteral("--max-body");
        QTest::addRow("durability") << QStringList {QStringLiteral("--durability"), QStringLiteral("fast")} << 2
                                    << QStringLiteral("--durability");
        QTest::addRow("bind") << QStringList {QStringLiteral("--bind"), QStringLiteral("notanip")} << 2
                              << QStringLiteral("--bind");
        QTest::addRow("zone") << QStringList {QStringLiteral("--time-zone"), QStringLiteral("Mars/Base")} << 2
                              << QStringLiteral("--time-zone");
        QTest::addRow("unknown option") << QStringList {QStringLiteral("--frobnicate")} << 2
                                        << QStringLiteral("frobnicate");
    }

    void commandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        QProcess process;
        process.start(QStringLiteral(PEANUTS_BINARY), arguments);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), exitCode);
        const QString output
            = QString::fromLocal8Bit(exitCode ? process.readAllStandardError() : process.readAllStandardOutput());
        QVERIFY2(output.contains(mentions), qPrintable(output));
    }

    void survivesRestartAndKeepsFilesPrivate()
    {
        QTemporaryDir dir;
        QList<QByteArray> bodies;
        {
            Monitor monitor(dir.path());
            const quint16 port = monitor.waitForPort();
            QVERIFY(port);
            for (int i = 0; i < 5; ++i) {
                bodies.append(makeBody(QStringLiteral("restart-%1").arg(i)));
                QCOMPARE(post(port, bodies.last()), 200);
            }
            monitor.signal(SIGTERM);
            QVERIFY(monitor.waitForExit());
            QCOMPARE(monitor.exitStatus(), QProcess::NormalExit);
            QCOMPARE(monitor.exitCode(), 0);
        }
        const QFileDevice::Permissions privateMode
            = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;
        QCOMPARE(QFile::permissions(dir.filePath(QStringLiteral("monitor.db"))), privateMode);
        QCOMPARE(QFile::permissions(dir.filePath(QStringLiteral("settings.ini"))), privateMode);

        Monitor again(dir.path());
        const quint16 port = again.waitForPort();
        QVERIFY(port);
        QByteArray answer;
        QCOMPARE(post(port, bodies[2], &answer), 200);
        QCOMPARE(answer, QByteArray("{\"processed\":true,\"duplicate\":true}"));
        RawClient client(port);
        client.send("GET /api/stats HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kApiToken + "\r\n\r\n");
        const HttpReply stats = client.waitForReplies(1).value(0);
        QCOMPARE(stats.status, 200);
        QVERIFY2(stats.body.contains("\"count\":5"), stats.body.constData());
    }

    void oneInstancePerDatabase()
    {
        QTemporaryDir dir;
        auto first = std::make_unique<Monitor>(dir.path());
        QVERIFY(first->waitForPort());
        Monitor second(dir.path());
        QVERIFY(second.waitForExit());
        QVERIFY(second.exitCode() != 0);
        QVERIFY(QString::fromLocal8Bit(second.stderrText()).contains(QStringLiteral("already using")));
        // A lock left by a killed process does not block the next start.
        first->signal(SIGKILL);
        QVERIFY(first->waitForExit());
        first.reset();
        Monitor third(dir.path());
        QVERIFY(third.waitForPort());
    }

    void corruptDatabaseIsLeftAlone()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("monitor.db")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray junk;
        for (int i = 0; i < 512; ++i)
            junk += "this is not a database. ";
        file.write(junk);
        file.close();
        Monitor monitor(dir.path());
        QVERIFY(monitor.waitForExit());
        QVERIFY(monitor.exitCode() != 0);
        const QString error = QString::fromLocal8Bit(monitor.stderrText());
        QVERIFY2(error.contains(QStringLiteral("monitor.db")) && error.contains(QStringLiteral("untouched")),
            qPrintable(error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), junk);
    }

    void secrets()
    {
        QTemporaryDir dir;
        {
            Monitor monitor(dir.path(), {}, false);
            const quint16 port = monitor.waitForPort();
            QVERIFY(port);
            RawClient client(port);
            client.send(signedRequest(makeBody(QStringLiteral("no-secret"))));
            const HttpReply reply = client.waitForReplies(1).value(0);
            QCOMPARE(reply.status, 503);
            QVERIFY(!reply.header("retry-after").isEmpty());
            monitor.signal(SIGTERM);
            QVERIFY(monitor.waitForExit());
            QVERIFY(QString::fromLocal8Bit(monitor.stderrText()).contains(QStringLiteral("PEANUTS_SECRET")));
        }
        QFile secrets(dir.filePath(QStringLiteral("secrets.txt")));
        QVERIFY(secrets.open(QIODevice::WriteOnly));
        secrets.write("# rotation\nold=first-secret-value\nnew=second-secret-value\n");
        secrets.close();
        QByteArray output;
        {
            Monitor monitor(dir.path(), {QStringLiteral("--secret-file"), secrets.fileName()}, false);
            const quint16 port = monitor.waitForPort();
            QVERIFY(port);
            for (const QByteArray &secret : {QByteArray("first-secret-value"), QByteArray("second-secret-value")}) {
                const QByteArray body = makeBody(QStringLiteral("rotated-%1").arg(secret.size() + secret.at(0)));
                RawClient client(port);
                client.send(webhookRequest(body, sign(secret, body)));
                QCOMPARE(client.waitForReplies(1).value(0).status, 200);
            }
            monitor.signal(SIGTERM);
            QVERIFY(monitor.waitForExit());
            output = monitor.stderrText();
        }
        QFile db(dir.filePath(QStringLiteral("monitor.db")));
        QVERIFY(db.open(QIODevice::ReadOnly));
        const QByteArray bytes = db.readAll() + output;
        QVERIFY(!bytes.contains("first-secret-value"));
        QVERIFY(!output.contains("second-secret-value"));
        QVERIFY(output.contains("old") && output.contains("new")); // labels are named
    }

    void sigtermAnswersWhatIsInFlight()
    {
        QTemporaryDir dir;
        QList<QByteArray> answered;
        {
            Monitor monitor(dir.path());
            const quint16 port = monitor.waitForPort();
            QVERIFY(port);
            std::vector<std::unique_ptr<RawClient>> clients;
            QList<QList<QByteArray>> sent;
            for (int c = 0; c < 8; ++c) {
                clients.push_back(std::make_unique<RawClient>(port));
                QByteArray all;
                sent.append(QList<QByteArray>());
                for (int i = 0; i < 50; ++i) {
                    sent.last().append(makeBody(QStringLiteral("term-%1-%2").arg(c).arg(i)));
                    all += signedRequest(sent.last().last());
                }
                clients.back()->send(all);
            }
            monitor.signal(SIGTERM);
            for (int c = 0; c < 8; ++c) {
                const QList<HttpReply> replies = clients[c]->waitForReplies(50, 5000);
                for (qsizetype i = 0; i < replies.size(); ++i) {
                    if (replies[i].status == 200)
                        answered.append(sent[c][i]);
                }
            }
            QVERIFY(monitor.waitForExit());
            QCOMPARE(monitor.exitCode(), 0);
        }
        const QSet<QString> stored = storedEntries(dir.filePath(QStringLiteral("monitor.db")));
        for (const QByteArray &body : std::as_const(answered))
            QVERIFY(
                stored.contains(QString::fromUtf8(body.mid(body.indexOf("\"id\":\"term-") + 6).split('"').first())));
    }

    void killNineUnderLoadLosesNothingAcknowledged()
    {
        QTemporaryDir dir;
        QRandomGenerator random(42);
        std::atomic<int> serial {0};
        QSet<QString> acknowledged;
        for (int round = 0; round < 5; ++round) {
            Monitor monitor(dir.path());
            const quint16 port = monitor.waitForPort();
            QVERIFY(port);
            std::mutex lock;
            std::atomic<bool> stop {false};
            std::vector<std::thread> load;
            for (int c = 0; c < 8; ++c) {
                load.emplace_back([&, port] {
                    RawClient client(port); // keep-alive: one request at a time on one connection
                    for (int sentCount = 1; !stop && client.isConnected(); ++sentCount) {
                        const QString id = QStringLiteral("kill-%1").arg(++serial);
                        client.send(signedRequest(makeBody(id)));
                        const QList<HttpReply> replies = client.waitForReplies(sentCount, 2000);
                        if (replies.size() < sentCount)
                            break;
                        if (replies.last().status == 200) {
                            std::lock_guard<std::mutex> guard(lock);
                            acknowledged.insert(id);
                        }
                    }
                });
            }
            QTest::qWait(200 + random.bounded(600));
            monitor.signal(SIGKILL);
            QVERIFY(monitor.waitForExit());
            stop = true;
            for (std::thread &t : load)
                t.join();
        }
        QVERIFY(acknowledged.size() > 100);
        {
            Monitor monitor(dir.path()); // a clean start after the last kill
            QVERIFY(monitor.waitForPort());
            monitor.signal(SIGTERM);
            QVERIFY(monitor.waitForExit());
        }
        QString integrity;
        const QSet<QString> stored = storedEntries(dir.filePath(QStringLiteral("monitor.db")), &integrity);
        QCOMPARE(integrity, QStringLiteral("ok"));
        for (const QString &id : std::as_const(acknowledged))
            QVERIFY2(stored.contains(id), qPrintable(id));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
