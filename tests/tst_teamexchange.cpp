// The export and import commands on a team database (PostgreSQL): a server that cannot be reached, a
// wrong password and a database without our schema said so, never with the password; an import
// written again finds what it wrote, also where the unique index made a copy of applied bytes a
// duplicate (on both backends); two imports of the same file at once write it once; viewers are told of
// an import as of a commit.
#include "backends.h"
#include "ingest/event.h"
#include "store/exporter.h"
#include "store/pgconnection.h"
#include "store/pgstore.h"
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <thread>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

namespace {

constexpr qint64 kNowMs = 1'795'262'400'000; // 2026-11-21T12:00Z

// A verified delivery of the entry's event, as the receiver would commit it.
Delivery accepted(const QString &entryId, qint64 receivedMs, const QString &event = QStringLiteral("entry.created"))
{
    Delivery d = receivedDelivery(makeBody(entryId, event), receivedMs);
    d.event = parseEvent(d.body, receivedMs + 60'000, 300'000).event;
    Q_ASSERT(d.event);
    d.outcome = Outcome::Accepted;
    d.status = 200;
    d.secretLabel = QStringLiteral("test");
    return d;
}

Delivery refused(int n, qint64 receivedMs)
{
    Delivery d = receivedDelivery("not json " + QByteArray::number(n), receivedMs);
    d.outcome = Outcome::RejectedShape;
    d.status = 400;
    d.reason = QStringLiteral("not JSON");
    return d;
}

bool writeExport(const QString &path, const QList<Delivery> &deliveries)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    for (const Delivery &d : deliveries)
        f.write(deliveryJson(d) + '\n');
    return true;
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runProgram(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(PEANUTS_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(60'000))
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

std::unique_ptr<Store> openTeamStore(const QString &url, QString *error = nullptr)
{
    auto store = std::make_unique<PgStore>();
    QString failure;
    if (!store->open(StoreConfig {url}, &failure)) {
        if (error)
            *error = failure;
        else
            qWarning().noquote() << "cannot open the store:" << failure;
        return nullptr;
    }
    return store;
}

// A connection of its own that LISTENs on a channel, as a viewer's feed does (store/pglive.h).
class Listener
{
public:
    Listener(const PgLocation &location, const QString &channel)
    {
        if (openPgDatabase(location, m_name, &m_db, &m_error) && !m_db.driver()->subscribeToNotification(channel))
            m_error = QStringLiteral("cannot LISTEN on ") + channel;
    }
    ~Listener()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(Listener)
    QString error() const { return m_error; }
    QSqlDriver *driver() const { return m_db.driver(); }

private:
    QString m_name = QStringLiteral("listener");
    QSqlDatabase m_db;
    QString m_error;
};

// Both commands on url, which cannot open: each fails, saying why in words that contain every one of
// says, and shows none of hidden (passwords).
void expectBothRefused(const QString &url, const QStringList &hidden, const QStringList &says)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("one.jsonl"));
    QVERIFY(writeExport(file, {accepted(QStringLiteral("x-1"), kNowMs)}));
    const QList<Run> runs {
        runProgram({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl"),
            QStringLiteral("--db"), url, QStringLiteral("--out"), dir.filePath(QStringLiteral("out.jsonl"))}),
        runProgram({QStringLiteral("import"), QStringLiteral("--db"), url, file})};
    for (const Run &run : runs) {
        QCOMPARE(run.exitCode, 1);
        for (const QString &words : says)
            QVERIFY2(run.err.contains(words, Qt::CaseInsensitive), qPrintable(run.err));
        for (const QString &password : hidden)
            QVERIFY2(!run.err.contains(password) && !run.out.contains(password), qPrintable(run.err));
    }
    QVERIFY2(runs[0].err.startsWith(QLatin1String("peanuts-monitor: cannot export: ")), qPrintable(runs[0].err));
    QVERIFY2(runs[1].err.startsWith(QLatin1String("peanuts-monitor: cannot import: "))
            && runs[1].err.contains(QLatin1String("Nothing was imported")),
        qPrintable(runs[1].err));
}

} // namespace

class TestTeamExchange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // No cluster needed: nothing listens on the port.
    void unreachableServerIsSaidSo()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const QString password = QStringLiteral("Unre4chable-Secret");
        const QString url = QStringLiteral("postgresql://peanuts:%1@127.0.0.1:%2/peanuts").arg(password).arg(port);
        expectBothRefused(url, {password},
            {QStringLiteral("Cannot connect to PostgreSQL at peanuts@127.0.0.1:%1/peanuts").arg(port),
                QStringLiteral("Connection refused")});
    }

    // A database URL where an option's name or the file should be is not echoed with its password.
    void mistypedArgumentsHideThePassword()
    {
        const QString url = QStringLiteral("postgresql://peanuts:Mistyped-Secret@127.0.0.1:1/peanuts");
        const QList<QStringList> calls {
            {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl"), url},
            {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl"),
                QStringLiteral("--dbs=") + url},
            {QStringLiteral("import"), QStringLiteral("--database"), url, QStringLiteral("file.jsonl")}};
        for (const QStringList &arguments : calls) {
            const Run run = runProgram(arguments);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(QLatin1String("usage: peanuts-monitor")), qPrintable(run.err));
            QVERIFY2(!run.err.contains(QLatin1String("Mistyped-Secret")), qPrintable(run.err));
        }
    }

    void wrongPasswordIsSaidSo()
    {
        PEANUTS_PG_TEST_DATABASE(db);
        PgLocation location = db.location();
        const QString right = location.password;
        location.password = QStringLiteral("Wr0ng-%1").arg(QRandomGenerator::global()->generate(), 0, 16);
        QString url = redactedPgUrl(location);
        url.replace(QStringLiteral(":***@"), u':' + location.password + u'@');
        expectBothRefused(url, {location.password, right},
            {QStringLiteral("Cannot connect to PostgreSQL at %1@").arg(location.user),
                QStringLiteral("password authentication failed")});
    }

    // Export reads only what a receiver set up; import sets the schema up itself, as a receiver does,
    // and reports the database without its password.
    void emptyTeamDatabase()
    {
        PEANUTS_PG_TEST_DATABASE(db);
        QTemporaryDir dir;
        const Run exported = runProgram({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl"),
            QStringLiteral("--db"), db.url(), QStringLiteral("--out"), dir.filePath(QStringLiteral("out.jsonl"))});
        QCOMPARE(exported.exitCode, 1);
        QVERIFY2(exported.err.contains(QLatin1String("has no Peanuts Monitor schema"))
                && exported.err.contains(QLatin1String("a receiver sets it up"))
                && !exported.err.contains(db.location().password),
            qPrintable(exported.err));

        const QString file = dir.filePath(QStringLiteral("one.jsonl"));
        QVERIFY(writeExport(file, {accepted(QStringLiteral("e-1"), kNowMs), refused(1, kNowMs + 1)}));
        const Run imported = runProgram({QStringLiteral("import"), QStringLiteral("--db"), db.url(), file});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY2(
            imported.out.startsWith(
                QStringLiteral("imported 2 deliveries into %1 (0 already there").arg(redactedPgUrl(db.location()))),
            qPrintable(imported.out));
        QVERIFY(!imported.out.contains(db.location().password));
    }

    // The target received the bytes of one exported delivery itself (at another time): the exported
    // copy is written beside it, and on PostgreSQL the unique index makes it a duplicate. The same
    // file again finds every delivery, that one included: nothing is doubled.
    void importAgainFindsWhatItWrote_data() { addBackendRows(); }
    void importAgainFindsWhatItWrote()
    {
        FRESH_BACKEND(fresh);
        {
            const auto store = fresh.open();
            QVERIFY(store);
            QList<Delivery> live {accepted(QStringLiteral("copy"), kNowMs + 50'000)};
            QVERIFY(commitBatch(*store, live));
        }
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("export.jsonl"));
        Delivery retried = accepted(QStringLiteral("fresh"), kNowMs + 2);
        retried.outcome = Outcome::Duplicate;
        QVERIFY(writeExport(file,
            {accepted(QStringLiteral("copy"), kNowMs), accepted(QStringLiteral("fresh"), kNowMs + 1), retried,
                refused(1, kNowMs + 3)}));
        const QStringList import {QStringLiteral("import"), QStringLiteral("--db"), fresh.location(), file};
        const Run first = runProgram(import);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(first.out.startsWith(QLatin1String("imported 4 deliveries")), qPrintable(first.out));
        RawSql raw(fresh);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM deliveries")).toLongLong(), 5);
        const auto entries = [&] {
            return raw.rows(QStringLiteral("SELECT entry_id, body_sha256, delivery_id FROM entries ORDER BY entry_id"));
        };
        const QList<QByteArray> entriesBefore = entries();
        QCOMPARE(entriesBefore.size(), 2);

        for (int again = 0; again < 2; ++again) {
            const Run run = runProgram(import);
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QVERIFY2(run.out.startsWith(QLatin1String("imported 0 deliveries"))
                    && run.out.contains(QLatin1String("(4 already there")),
                qPrintable(run.out));
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM deliveries")).toLongLong(), 5);
            QCOMPARE(entries(), entriesBefore);
        }
    }

    // Two instances import the same file at the same moment: one writes it, the other finds it there.
    void concurrentImportsWriteOnce()
    {
        PEANUTS_PG_TEST_DATABASE(db);
        QList<Delivery> batch;
        for (int i = 0; i < 150; ++i) {
            batch.append(accepted(QStringLiteral("c-%1").arg(i), kNowMs + 2 * i));
            batch.append(refused(i, kNowMs + 2 * i + 1));
        }
        {
            const auto store = openTeamStore(db.url()); // the schema, before both start
            QVERIFY(store);
        }
        std::promise<void> go;
        const std::shared_future<void> started = go.get_future().share();
        const auto importOnce = [&](ImportTally *tally, QString *error) {
            const auto store = openTeamStore(db.url(), error);
            started.wait();
            QList<Delivery> mine = batch;
            if (store && !store->importDeliveries(mine, tally, error))
                *error = QStringLiteral("import failed: ") + *error;
        };
        ImportTally a, b;
        QString errorA, errorB;
        std::thread first(importOnce, &a, &errorA), second(importOnce, &b, &errorB);
        QTest::qWait(200); // both connected
        go.set_value();
        first.join();
        second.join();
        QVERIFY2(errorA.isEmpty() && errorB.isEmpty(), qPrintable(errorA + errorB));
        QCOMPARE(a.imported + b.imported, qint64(batch.size()));
        QCOMPARE(a.alreadyPresent + b.alreadyPresent, qint64(batch.size()));
        QVERIFY2(a.imported == 0 || b.imported == 0, "each batch is written by one of them");
        const auto store = openTeamStore(db.url());
        QVERIFY(store);
        QCOMPARE(store->deliveryCount().value_or(-1), qint64(batch.size()));
    }

    // Viewers follow the team's commits by LISTEN: an import notifies them as a received batch does.
    void viewersAreToldOfAnImport()
    {
        PEANUTS_PG_TEST_DATABASE(db);
        const auto store = openTeamStore(db.url());
        QVERIFY(store);
        Listener listener(db.location(), QStringLiteral("peanuts_deliveries"));
        QVERIFY2(listener.error().isEmpty(), qPrintable(listener.error()));
        QSignalSpy told(listener.driver(), &QSqlDriver::notification);
        QList<Delivery> batch {accepted(QStringLiteral("v-1"), kNowMs)};
        ImportTally tally;
        QString error;
        QVERIFY2(store->importDeliveries(batch, &tally, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(told.size() > 0, 5000);
        // The same again writes nothing, and tells nobody.
        told.clear();
        QList<Delivery> again {accepted(QStringLiteral("v-1"), kNowMs)};
        QVERIFY2(store->importDeliveries(again, &tally, &error), qPrintable(error));
        QCOMPARE(tally.alreadyPresent, 1);
        QTest::qWait(300);
        QCOMPARE(told.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTeamExchange)
#include "tst_teamexchange.moc"
