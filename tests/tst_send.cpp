// `peanuts-monitor send` against the real binary, headless on a free port with its files in a temporary
// folder: the fixtures, --set overrides (dotted, exact amounts), --file byte for byte, --count/--rate
// with its summary, where the secret and the URL come from, usage errors, and every default rule
// fired by a fixture (the stored deliveries and actions are read back from the database).
#include "config/secretstore.h"
#include "config/settings.h"
#include "monitorprocess.h"
#include "testsupport.h"
#include "tools/mockdelivery.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <memory>

using namespace testsupport;

namespace {

const QStringList kFixtureNames {QStringLiteral("expense.created"), QStringLiteral("expense.deleted"),
    QStringLiteral("expense.high"), QStringLiteral("expense.updated"), QStringLiteral("task.created"),
    QStringLiteral("task.deleted"), QStringLiteral("task.due-tomorrow"), QStringLiteral("task.updated")};

// Rows of a query on the monitor's database, opened read-only beside the running writer; every
// column as text (blobs as their bytes).
QList<QList<QByteArray>> query(const QString &dbPath, const QByteArray &sql, const QByteArray &param = QByteArray())
{
    QList<QList<QByteArray>> rows;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(dbPath).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return rows;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &statement, nullptr) == SQLITE_OK) {
        if (!param.isNull())
            sqlite3_bind_text(statement, 1, param.constData(), int(param.size()), SQLITE_TRANSIENT);
        while (sqlite3_step(statement) == SQLITE_ROW) {
            QList<QByteArray> row;
            for (int c = 0; c < sqlite3_column_count(statement); ++c) {
                const auto *bytes = static_cast<const char *>(sqlite3_column_blob(statement, c));
                row.append(QByteArray(bytes ? bytes : "", sqlite3_column_bytes(statement, c)));
            }
            rows.append(row);
        }
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return rows;
}

// The entry id `send` reports ("entry expense-mx7k7cxq;").
QString entryIdFrom(const QByteArray &out)
{
    static const QRegularExpression pattern(QStringLiteral("entry ([^;,\\s]+)[;)]"));
    return pattern.match(QString::fromUtf8(out)).captured(1);
}

} // namespace

class TestSend : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Monitor> m_monitor;

    QString url() const { return QStringLiteral("http://127.0.0.1:%1/webhook").arg(m_monitor->port()); }
    QProcessEnvironment environment(bool withSecret = true) const
    {
        QProcessEnvironment env = isolatedEnvironment(m_dir.path(), withSecret);
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        return env;
    }
    // `peanuts-monitor send --url <the monitor> ARGS`.
    Finished send(const QStringList &arguments, bool withUrl = true, bool withSecret = true)
    {
        QStringList all {QStringLiteral("send")};
        if (withUrl)
            all << QStringLiteral("--url") << url();
        return runToExit(all + arguments, environment(withSecret), 60000);
    }
    QByteArray storedBody(const QString &entryId)
    {
        const auto rows = query(m_monitor->dbPath(),
            "SELECT body FROM deliveries WHERE entry_id = ?1 ORDER BY id DESC LIMIT 1", entryId.toUtf8());
        return rows.isEmpty() ? QByteArray() : rows.first().first();
    }
    qint64 deliveryCount()
    {
        const auto rows = query(m_monitor->dbPath(), "SELECT count(*) FROM deliveries");
        return rows.isEmpty() ? -1 : rows.first().first().toLongLong();
    }
    static QString describe(const Finished &run)
    {
        return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3")
            .arg(run.exitCode)
            .arg(QString::fromUtf8(run.out), QString::fromUtf8(run.err));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_monitor = std::make_unique<Monitor>(m_dir.path());
        m_monitor->waitUntilListening();
    }

    void cleanupTestCase() { m_monitor.reset(); }

    void listsTheFixtures()
    {
        const Finished run = send({QStringLiteral("--list")}, false);
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(describe(run)));
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), kFixtureNames.size());
        for (int i = 0; i < lines.size(); ++i) {
            const QList<QByteArray> parts = lines[i].simplified().split(' ');
            QCOMPARE(QString::fromUtf8(parts.first()), kFixtureNames[i]);
            QVERIFY2(parts.size() > 3, lines[i].constData()); // a description follows
        }
    }

    void helpTexts()
    {
        const Finished main = runToExit({QStringLiteral("--help")}, environment(), 30000);
        QVERIFY2(main.exitCode == 0 && main.out.contains("peanuts-monitor send [options]"), qPrintable(describe(main)));
        const Finished help = send({QStringLiteral("--help")}, false);
        QVERIFY2(help.exitCode == 0 && help.out.startsWith("Usage: peanuts-monitor send [options]")
                && help.out.contains("--count <N>"),
            qPrintable(describe(help)));
    }

    // Each fixture is accepted as a new delivery, with its dates filled for now.
    void everyFixtureIsSentFresh_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const QString &name : kFixtureNames)
            QTest::newRow(qPrintable(name)) << name;
    }
    void everyFixtureIsSentFresh()
    {
        QFETCH(QString, fixture);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const Finished run = send({QStringLiteral("--fixture"), fixture});
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains("HTTP 200 in ") && run.out.contains("{\"processed\":true}"), run.out.constData());
        const QString entryId = entryIdFrom(run.out);
        QVERIFY2(!entryId.isEmpty(), run.out.constData());
        QByteArray body;
        QTRY_VERIFY(!(body = storedBody(entryId)).isEmpty());
        QVERIFY2(!body.contains("{{"), body.constData());
        const QJsonObject root = QJsonDocument::fromJson(body).object();
        const qint64 timestamp
            = QDateTime::fromString(root.value(QStringLiteral("timestamp")).toString(), Qt::ISODateWithMs)
                  .toMSecsSinceEpoch();
        QVERIFY2(
            timestamp >= before - 1000 && timestamp <= QDateTime::currentMSecsSinceEpoch() + 1000, body.constData());
        QVERIFY(
            !root.value(QStringLiteral("entry")).toObject().value(QStringLiteral("created_at")).toString().isEmpty());
        QCOMPARE(root.value(QStringLiteral("event")).toString(),
            fixture.endsWith(QLatin1String(".updated"))       ? QStringLiteral("entry.updated")
                : fixture.endsWith(QLatin1String(".deleted")) ? QStringLiteral("entry.deleted")
                                                              : QStringLiteral("entry.created"));
    }

    // Without --fixture: the fixture for --event and --helper.
    void eventAndHelperPickTheFixture()
    {
        const Finished run = send({QStringLiteral("--event"), QStringLiteral("entry.updated"),
            QStringLiteral("--helper"), QStringLiteral("/tasks")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains("fixture task.updated"), run.out.constData());
        const Finished plain = send({});
        QVERIFY2(plain.exitCode == 0 && plain.out.contains("fixture expense.created"), qPrintable(describe(plain)));
    }

    void overridesKeepTheTextAsWritten()
    {
        const Finished run
            = send({QStringLiteral("--fixture"), QStringLiteral("expense.created"), QStringLiteral("--set"),
                QStringLiteral("amount=1234567.10"), QStringLiteral("--set"), QStringLiteral("category=Travel & fun"),
                QStringLiteral("--set"), QStringLiteral("meta.source=cli"), QStringLiteral("--set"),
                QStringLiteral("meta.depth.level=2"), QStringLiteral("--set"), QStringLiteral("code=007"),
                QStringLiteral("--set"), QStringLiteral("quoted=\"42\""), QStringLiteral("--set"),
                QStringLiteral("reimbursed=true"), QStringLiteral("--set"), QStringLiteral("note=null"),
                QStringLiteral("--set"), QStringLiteral("tags=[\"a\",\"b\"]"), QStringLiteral("--entry-id"),
                QStringLiteral("fixed-id-1"), QStringLiteral("--event"), QStringLiteral("entry.updated")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QByteArray body;
        QTRY_VERIFY(!(body = storedBody(QStringLiteral("fixed-id-1"))).isEmpty());
        // The fixture's members in their order, the changed values in place, the new ones at the end.
        QVERIFY2(body.contains("\"event\":\"entry.updated\""), body.constData());
        QVERIFY2(body.contains("\"id\":\"fixed-id-1\""), body.constData());
        QVERIFY2(body.contains("\"data\":{\"amount\":1234567.10,\"category\":\"Travel & fun\",\"description\":\"Lunch "
                               "with the team\",\"meta\":{\"source\":\"cli\",\"depth\":{\"level\":2}},\"code\":\"007\","
                               "\"quoted\":\"42\",\"reimbursed\":true,\"note\":null,\"tags\":[\"a\",\"b\"]}"),
            body.constData());
        // The receiver read the amount exactly.
        const auto rows = query(m_monitor->dbPath(), "SELECT amount_cents FROM entries WHERE entry_id = 'fixed-id-1'");
        QCOMPARE(rows.value(0).value(0), QByteArray("123456710"));
    }

    void usageErrorsSendNothing()
    {
        const qint64 before = deliveryCount();
        const QList<QPair<QStringList, QByteArray>> cases {
            {{QStringLiteral("--set"), QStringLiteral("no-equals")}, "--set needs KEY=VALUE"},
            {{QStringLiteral("--set"), QStringLiteral("description.x=1")}, "is not an object"},
            {{QStringLiteral("--set"), QStringLiteral("a..b=1")}, "empty key"},
            {{QStringLiteral("--fixture"), QStringLiteral("nope")}, "no fixture named \"nope\""},
            {{QStringLiteral("--event"), QStringLiteral("entry.archived")}, "no fixture for the event"},
            {{QStringLiteral("--file"), m_dir.filePath(QStringLiteral("missing.json"))}, "cannot read"},
            {{QStringLiteral("--file"), QStringLiteral("/dev/null"), QStringLiteral("--set"), QStringLiteral("a=1")},
                "cannot be used with --set"},
            {{QStringLiteral("--count"), QStringLiteral("0")}, "--count must be"},
            {{QStringLiteral("--rate"), QStringLiteral("5")}, "--rate needs --count"},
            {{QStringLiteral("--set"), QStringLiteral("when={{tomorrow}}")}, "unknown placeholder"},
            {{QStringLiteral("--bogus")}, "Unknown option"},
        };
        for (const auto &[arguments, message] : cases) {
            const Finished run = send(arguments);
            QVERIFY2(run.exitCode == 2 && run.err.contains(message),
                qPrintable(arguments.join(u' ') + QStringLiteral(": ") + describe(run)));
        }
        QCOMPARE(deliveryCount(), before);
    }

    void fileIsSentByteForByte()
    {
        // Spacing, member order, escapes, non-ASCII text and a trailing newline, as no serializer writes them.
        const QByteArray bytes = "{ \"event\" : \"entry.created\",\n  \"timestamp\":\""
            + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8()
            + "\", \"helper\":{\"id\":\"h\",\"name\":\"Caf\xc3\xa9\",\"command\":\"/expenses\"},\n"
              "  \"entry\":{\"id\":\"from-file-1\",\"data\":{\"amount\":1.10,\"x\":\"\\u00e9\\n\"}},"
              "\"user\":{\"id\":\"u\"} }\n";
        const QString path = m_dir.filePath(QStringLiteral("body.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        const Finished run = send({QStringLiteral("--file"), path});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QByteArray stored;
        QTRY_VERIFY(!(stored = storedBody(QStringLiteral("from-file-1"))).isEmpty());
        QCOMPARE(stored, bytes);

        // A body the receiver refuses: its answer is printed, and the exit code says it failed.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"event\":");
        file.close();
        const Finished refused = send({QStringLiteral("--file"), path});
        QVERIFY2(refused.exitCode == 1 && refused.out.contains("HTTP 400"), qPrintable(describe(refused)));
    }

    void countAndRateSummary()
    {
        const Finished run = send({QStringLiteral("--fixture"), QStringLiteral("task.created"),
            QStringLiteral("--count"), QStringLiteral("40"), QStringLiteral("--rate"), QStringLiteral("100"),
            QStringLiteral("--entry-id"), QStringLiteral("burst")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains("sent 40 in "), run.out.constData());
        QVERIFY2(run.out.contains("  200: 40\n"), run.out.constData());
        static const QRegularExpression latency(QStringLiteral("latency p50 ([0-9.]+) ms, p99 ([0-9.]+) ms"));
        const QRegularExpressionMatch match = latency.match(QString::fromUtf8(run.out));
        QVERIFY2(match.hasMatch(), run.out.constData());
        QVERIFY(match.captured(1).toDouble() <= match.captured(2).toDouble());
        // 40 at 100 a second: the last one leaves 390 ms after the first.
        static const QRegularExpression took(QStringLiteral("sent 40 in ([0-9.]+) s"));
        QVERIFY2(took.match(QString::fromUtf8(run.out)).captured(1).toDouble() >= 0.38, run.out.constData());
        // Forty entries of their own.
        QTRY_COMPARE(query(m_monitor->dbPath(),
                         "SELECT count(DISTINCT entry_id) FROM deliveries WHERE entry_id "
                         "GLOB 'burst-*' AND status = 200")
                         .value(0)
                         .value(0),
            QByteArray("40"));
        QVERIFY(!storedBody(QStringLiteral("burst-40")).isEmpty());

        // Signed with the wrong secret: every answer counted under its status, and exit code 1.
        const QString wrong = m_dir.filePath(QStringLiteral("wrong.secrets"));
        QFile file(wrong);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("old=not-the-secret\n");
        file.close();
        const Finished refused = send(
            {QStringLiteral("--count"), QStringLiteral("5"), QStringLiteral("--secret-file"), wrong}, true, false);
        QVERIFY2(refused.exitCode == 1 && refused.out.contains("  401: 5"), qPrintable(describe(refused)));
    }

    // The shipped rules fire on their fixtures, and on nothing else.
    void everyDefaultRuleFires_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QByteArray>("alert");
        QTest::newRow("high expense") << QStringLiteral("expense.high") << QStringLiteral("high-expense")
                                      << QByteArray("alert: High expense: High expense: 1250.00");
        QTest::newRow("task due") << QStringLiteral("task.due-tomorrow") << QStringLiteral("task-due")
                                  << QByteArray("alert: Task due: Task due ");
        QTest::newRow("plain expense") << QStringLiteral("expense.created") << QString() << QByteArray();
        QTest::newRow("plain task") << QStringLiteral("task.created") << QString() << QByteArray();
    }
    void everyDefaultRuleFires()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, rule);
        QFETCH(QByteArray, alert);
        const Finished run = send({QStringLiteral("--fixture"), fixture});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QString entryId = entryIdFrom(run.out);
        QTRY_VERIFY(!storedBody(entryId).isEmpty());
        const QByteArray sql = "SELECT a.rule_id FROM actions a JOIN deliveries d ON d.id = a.delivery_id "
                               "WHERE d.entry_id = ?1";
        if (rule.isEmpty()) {
            QTest::qWait(500);
            QCOMPARE(query(m_monitor->dbPath(), sql, entryId.toUtf8()).size(), 0);
            return;
        }
        QTRY_COMPARE(query(m_monitor->dbPath(), sql, entryId.toUtf8()).value(0).value(0), rule.toUtf8());
        QTRY_VERIFY2(m_monitor->standardError().contains(alert), m_monitor->standardError().constData());
    }

    // Where the secret comes from when --secret is not given, and the warning when it is.
    void secretSources()
    {
        const QString dir = m_dir.filePath(QStringLiteral("sources"));
        QDir().mkpath(dir);
        const QStringList fixture {QStringLiteral("--fixture"), QStringLiteral("expense.created")};

        const QString emptySettings = dir + QStringLiteral("/none.ini");
        const Finished none = send(fixture + QStringList {QStringLiteral("--settings"), emptySettings}, true, false);
        QVERIFY2(none.exitCode == 2 && none.err.contains("no secret to sign with"), qPrintable(describe(none)));
        QVERIFY(!QFile::exists(emptySettings)); // send creates no settings file
        // A desktop session whose keychain does not answer: the same, at once.
        QProcessEnvironment session = environment(false);
        session.insert(
            QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + dir + QStringLiteral("/no-bus"));
        const Finished noKeychain = runToExit(
            {QStringLiteral("send"), QStringLiteral("--url"), url(), QStringLiteral("--settings"), emptySettings},
            session, 30000);
        QVERIFY2(noKeychain.exitCode == 2 && noKeychain.err.contains("no secret to sign with")
                && !noKeychain.err.contains("secrets are kept in"),
            qPrintable(describe(noKeychain)));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/secrets.json"))); // nothing written in its place

        const QString secretFile = dir + QStringLiteral("/secrets.txt");
        QFile file(secretFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# rotated\ncurrent=" + kSecret + "\nold=previous\n");
        file.close();
        const Finished fromFile
            = send(fixture + QStringList {QStringLiteral("--secret-file"), secretFile}, true, false);
        QVERIFY2(
            fromFile.exitCode == 0 && fromFile.out.contains("signed with \"current\""), qPrintable(describe(fromFile)));

        const Finished fromEnvironment = send(fixture);
        QVERIFY2(fromEnvironment.exitCode == 0 && fromEnvironment.out.contains("from PEANUTS_SECRET"),
            qPrintable(describe(fromEnvironment)));

        const QString settingsPath = dir + QStringLiteral("/settings.ini");
        {
            peanuts::Settings settings(settingsPath);
            settings.setSecrets({{QStringLiteral("kept"), kSecret}});
            settings.sync();
        }
        const Finished fromSettings
            = send(fixture + QStringList {QStringLiteral("--settings"), settingsPath}, true, false);
        QVERIFY2(fromSettings.exitCode == 0 && fromSettings.out.contains("signed with \"kept\""),
            qPrintable(describe(fromSettings)));

        // The window's stored secrets: the 0600 file beside the settings, where there is no keychain.
        const QString storedDir = dir + QStringLiteral("/stored");
        QDir().mkpath(storedDir);
        {
            peanuts::SecretStore store(
                QStringLiteral("peanuts-monitor-test"), storedDir + QStringLiteral("/secrets.json"));
            store.setKeychainEnabled(false);
            QSignalSpy saved(&store, &peanuts::SecretStore::saved);
            store.save({{QStringLiteral("window"), kSecret}});
            QVERIFY(saved.wait(5000));
        }
        const Finished fromStore
            = send(fixture + QStringList {QStringLiteral("--settings"), storedDir + QStringLiteral("/settings.ini")},
                true, false);
        QVERIFY2(fromStore.exitCode == 0 && fromStore.out.contains("signed with \"window\""),
            qPrintable(describe(fromStore)));

        const Finished onCommandLine
            = send(fixture + QStringList {QStringLiteral("--secret"), QString::fromLatin1(kSecret)}, true, false);
        QVERIFY2(onCommandLine.exitCode == 0, qPrintable(describe(onCommandLine)));
        QVERIFY2(onCommandLine.err.contains("warning") && onCommandLine.err.contains("process list"),
            onCommandLine.err.constData());
        // The value itself is never printed.
        for (const Finished *run : {&fromFile, &fromEnvironment, &fromSettings, &fromStore, &onCommandLine})
            QVERIFY(!run->out.contains(kSecret) && !run->err.contains(kSecret));
    }

    // Without --url: the receiver the settings describe.
    void urlFromTheSettings()
    {
        const QString settingsPath = m_dir.filePath(QStringLiteral("url/settings.ini"));
        {
            peanuts::Settings settings(settingsPath);
            settings.setPort(m_monitor->port());
            settings.setBindAddress(QStringLiteral("0.0.0.0")); // listening everywhere: sent through loopback
            settings.sync();
        }
        const Finished run = send({QStringLiteral("--settings"), settingsPath}, false);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.startsWith(QByteArray("POST " + url().toUtf8() + " ")), run.out.constData());
    }

    // Nothing listening: no answer, exit code 1.
    void noReceiver()
    {
        const Finished run
            = runToExit({QStringLiteral("send"), QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1/webhook")},
                environment(), 30000);
        QVERIFY2(run.exitCode == 1 && run.out.contains("no answer: "), qPrintable(describe(run)));
    }
};

QTEST_GUILESS_MAIN(TestSend)
#include "tst_send.moc"
