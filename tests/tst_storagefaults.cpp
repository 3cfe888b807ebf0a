// Storage faults on real files: a full database (size limit), a file system gone read-only and a full
// disk (through the fault VFS), at the store, the store worker, over HTTP and in the window; and a
// corrupt database at start, moved aside only when asked, never overwritten.
#include "config/secretstore.h"
#include "corruptdatabasedialog.h"
#include "faultvfs.h"
#include "ingest/event.h"
#include "ingest/signature.h"
#include "mainwindow.h"
#include "notifier.h"
#include "receivercore.h"
#include "startup.h"
#include "store/corruptdatabase.h"
#include "store/sqlitestore.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMutex>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace peanuts;
using namespace testsupport;

namespace {

constexpr qint64 kNowMs = 4'000'000'000'000;

// A verified delivery of a created entry, with `padding` bytes of category to make it big.
Delivery delivery(const QString &entryId, int padding = 0)
{
    const QByteArray bytes = makeBody(entryId, QStringLiteral("entry.created"), QStringLiteral("2026-11-20T10:00:00Z"),
        QByteArrayLiteral("1.00"), QString(padding, u'x') + QStringLiteral("Food"));
    Delivery d = receivedDelivery(bytes, 1'790'000'000'000);
    d.secretLabel = QStringLiteral("test");
    d.event = parseEvent(bytes, kNowMs, 0).event;
    return d;
}

// Rows of an entry in the file, read with a connection of its own on the default VFS.
int rowsOf(const QString &dbPath, const QString &entryId)
{
    sqlite3 *db = nullptr;
    int count = -1;
    if (sqlite3_open_v2(qPrintable(dbPath), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM deliveries WHERE entry_id = ?1", -1, &stmt, nullptr)
            == SQLITE_OK) {
            const QByteArray id = entryId.toUtf8();
            sqlite3_bind_text(stmt, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
            if (sqlite3_step(stmt) == SQLITE_ROW)
                count = sqlite3_column_int(stmt, 0);
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return count;
}

void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(contents), contents.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray garbage()
{
    QByteArray text;
    while (text.size() < 8192)
        text += "this is not a database, only some text.\n";
    return text;
}

} // namespace

class TestStorageFaults : public QObject
{
    Q_OBJECT

private:
    // What a store worker reported, recorded on the test's thread.
    QStringList m_faults;
    int m_recovered = 0;

    void watch(StoreWorker *worker)
    {
        m_faults.clear();
        m_recovered = 0;
        connect(worker, &StoreWorker::storeFault, this, [this](const QString &message) { m_faults.append(message); });
        connect(worker, &StoreWorker::storeRecovered, this, [this] { ++m_recovered; });
    }

    static int post(quint16 port, const QByteArray &body, QByteArray *retryAfter = nullptr)
    {
        RawClient client(port);
        client.send(signedRequest(body));
        const HttpReply reply = client.waitForReplies(1, 10000).value(0);
        if (retryAfter)
            *retryAfter = reply.header("retry-after");
        return reply.status;
    }

    // Commits one delivery through a worker and waits for its result.
    static bool commitThrough(StoreWorker &worker, Delivery &&d)
    {
        QMutex mutex;
        int results = 0;
        bool committed = false;
        worker.setResultSink([&](std::vector<IngestResult> &&r) {
            QMutexLocker lock(&mutex);
            results += int(r.size());
            committed = !r.empty() && r.front().committed;
        });
        worker.submit(1, std::move(d));
        QDeadlineTimer deadline(20000);
        for (;;) {
            {
                QMutexLocker lock(&mutex);
                if (results > 0)
                    break;
            }
            if (deadline.hasExpired())
                break;
            QTest::qWait(5);
        }
        worker.setResultSink({});
        QMutexLocker lock(&mutex);
        return committed;
    }

private Q_SLOTS:
    void initTestCase() { faultvfs::registerVfs(); }

    void cleanup() { faultvfs::setMode(faultvfs::Mode::None); }

    // (a) The size limit: a commit that does not fit fails whole, and works once the limit is raised.
    void fullAtTheLimit()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        StoreConfig config;
        config.path = dir.filePath(QStringLiteral("x.db"));
        config.maxSizeBytes = 512 * 1024;
        SqliteStore store;
        QString error;
        QVERIFY2(store.open(config, &error), qPrintable(error));

        QList<Delivery> batch;
        int stored = 0;
        for (; stored < 400; ++stored) {
            batch = {delivery(QStringLiteral("fill-%1").arg(stored), 6000)};
            if (!store.commit(batch, &error))
                break;
        }
        QVERIFY2(stored > 5 && stored < 400, qPrintable(QString::number(stored)));
        QCOMPARE(store.lastWriteFault(), WriteFault::LimitReached);
        QVERIFY(!error.isEmpty());
        QCOMPARE(batch.constFirst().id, 0); // no id handed out
        const OutcomeCounters counts = store.counters().value();
        QCOMPARE(counts[size_t(Outcome::Accepted)], stored);
        QCOMPARE(store.deliveryCount().value(), stored);
        QVERIFY(!store.entry(QStringLiteral("fill-%1").arg(stored)));
        QVERIFY(QFileInfo(config.path).size() <= config.maxSizeBytes);

        // Failing again changes nothing either.
        QVERIFY(!store.commit(batch, &error));
        QCOMPARE(store.counters().value(), counts);

        // A higher limit, without reopening: the same batch fits.
        QVERIFY(store.setMaxSizeBytes(2 * 1024 * 1024));
        QVERIFY2(store.commit(batch, &error), qPrintable(error));
        QCOMPARE(store.deliveryCount().value(), stored + 1);
        QVERIFY(store.entry(QStringLiteral("fill-%1").arg(stored)));

        // After a restart with the old limit the database is full again; with none it takes more.
        store.close();
        QVERIFY2(store.open(config, &error), qPrintable(error));
        batch = {delivery(QStringLiteral("after-restart"), 6000)};
        QVERIFY(!store.commit(batch, &error));
        QCOMPARE(store.lastWriteFault(), WriteFault::LimitReached);
        config.maxSizeBytes = 0;
        QVERIFY2(store.open(config, &error), qPrintable(error));
        QVERIFY2(store.commit(batch, &error), qPrintable(error));
        QCOMPARE(store.deliveryCount().value(), stored + 2);
    }

    void faultMessagesArePlain()
    {
        const QString raw = QStringLiteral("database or disk is full");
        QCOMPARE(StoreWorker::describeFault(WriteFault::LimitReached, 100 * 1024 * 1024, raw),
            QStringLiteral("The database is full (limit 100 MB): deliveries are answered 503 until space is freed or "
                           "the limit is raised"));
        QVERIFY(
            StoreWorker::describeFault(WriteFault::DiskFull, 0, raw).startsWith(QStringLiteral("The disk is full:")));
        QVERIFY(StoreWorker::describeFault(WriteFault::ReadOnly, 0, raw)
                    .startsWith(QStringLiteral("The database file is read-only:")));
        QVERIFY(!StoreWorker::describeFault(WriteFault::ReadOnly, 0, raw).contains(raw));
        QVERIFY(StoreWorker::describeFault(WriteFault::Other, 0, QStringLiteral("odd")).contains(u"odd"));
    }

    // (b) Read-only file system and full disk under the store worker, and recovery without traffic.
    void workerFaults_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("message");
        QTest::addRow("read-only") << int(faultvfs::Mode::ReadOnly) << QStringLiteral("The database file is read-only");
        QTest::addRow("disk full") << int(faultvfs::Mode::DiskFull) << QStringLiteral("The disk is full");
    }

    void workerFaults()
    {
        QFETCH(int, mode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        StoreConfig config;
        config.path = dir.filePath(QStringLiteral("x.db"));
        config.vfs = QString::fromLatin1(faultvfs::registerVfs());
        QString error;
        StoreWorker worker(std::make_unique<SqliteStore>(), config, &error);
        QVERIFY2(worker.isOpen(), qPrintable(error));
        watch(&worker);
        QVERIFY(commitThrough(worker, delivery(QStringLiteral("before"))));

        faultvfs::resetInjectedFaults();
        faultvfs::setMode(faultvfs::Mode(mode));
        QVERIFY(!commitThrough(worker, delivery(QStringLiteral("during"))));
        QVERIFY(faultvfs::injectedFaults() > 0);
        QTRY_VERIFY(!m_faults.isEmpty());
        // A read-only file shows first as a failed write, and as read-only once the connection has
        // been opened again (by the probe, without any traffic).
        QTRY_VERIFY_WITH_TIMEOUT(m_faults.constLast().startsWith(message), 15000);
        QVERIFY(!commitThrough(worker, delivery(QStringLiteral("during-2"))));
        QCOMPARE(m_recovered, 0);

        faultvfs::setMode(faultvfs::Mode::None);
        QTRY_COMPARE_WITH_TIMEOUT(m_recovered, 1, 15000);
        QVERIFY(commitThrough(worker, delivery(QStringLiteral("after"))));
        worker.shutdown();
        QCOMPARE(rowsOf(config.path, QStringLiteral("before")), 1);
        QCOMPARE(rowsOf(config.path, QStringLiteral("during")), 0);
        QCOMPARE(rowsOf(config.path, QStringLiteral("during-2")), 0);
        QCOMPARE(rowsOf(config.path, QStringLiteral("after")), 1);
    }

    // (c) End to end: 503 with Retry-After while faulted, nothing stored, the fault clears by itself.
    void overHttp_data() { workerFaults_data(); }

    void overHttp()
    {
        QFETCH(int, mode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Options options = testOptions(dir.path());
        options.storeVfs = QString::fromLatin1(faultvfs::registerVfs());
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        watch(core.store());
        QCOMPARE(post(core.port(), makeBody(QStringLiteral("http-before"))), 200);

        faultvfs::setMode(faultvfs::Mode(mode));
        QStringList refused;
        for (int i = 0; i < 3; ++i) {
            refused.append(QStringLiteral("http-during-%1").arg(i));
            QByteArray retryAfter;
            QCOMPARE(post(core.port(), makeBody(refused.last()), &retryAfter), 503);
            QVERIFY(retryAfter.toInt() > 0);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!m_faults.isEmpty() && m_faults.constLast().startsWith(message), 15000);

        faultvfs::setMode(faultvfs::Mode::None);
        QTRY_COMPARE_WITH_TIMEOUT(m_recovered, 1, 15000); // the probe, with no delivery coming in
        QCOMPARE(post(core.port(), makeBody(QStringLiteral("http-after"))), 200);
        const QString db = core.options().dbPath;
        core.stop();
        QCOMPARE(rowsOf(db, QStringLiteral("http-before")), 1);
        for (const QString &id : std::as_const(refused))
            QCOMPARE(rowsOf(db, id), 0);
        QCOMPARE(rowsOf(db, QStringLiteral("http-after")), 1);
    }

    // The size limit over HTTP: full gives 503, raising the limit at run time clears the fault at once.
    void limitOverHttp()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Options options = testOptions(dir.path());
        options.maxDbSizeBytes = 1 * kBytesPerMb;
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        watch(core.store());
        int accepted = 0;
        QString refusedId;
        for (int i = 0; i < 300 && refusedId.isEmpty(); ++i) {
            const QString id = QStringLiteral("big-%1").arg(i);
            const QByteArray body = makeBody(id, QStringLiteral("entry.created"),
                QStringLiteral("2026-11-20T10:00:00Z"), QByteArrayLiteral("1.00"), QString(20000, u'y'));
            QByteArray retryAfter;
            const int status = post(core.port(), body, &retryAfter);
            if (status == 200) {
                ++accepted;
            } else {
                QCOMPARE(status, 503);
                QVERIFY(retryAfter.toInt() > 0);
                refusedId = id;
            }
        }
        QVERIFY2(!refusedId.isEmpty() && accepted > 3, qPrintable(QString::number(accepted)));
        QTRY_VERIFY(!m_faults.isEmpty());
        QVERIFY2(m_faults.constLast().startsWith(QStringLiteral("The database is full (limit 1 MB)")),
            qPrintable(m_faults.constLast()));
        core.setMaxDatabaseSize(0);
        QTRY_COMPARE_WITH_TIMEOUT(m_recovered, 1, 10000);
        QCOMPARE(post(core.port(), makeBody(QStringLiteral("after-limit"))), 200);
        const QString db = core.options().dbPath;
        core.stop();
        QCOMPARE(rowsOf(db, refusedId), 0);
        QCOMPARE(rowsOf(db, QStringLiteral("after-limit")), 1);
    }

    // (d) The window says what is wrong, in words, and stops saying it once writes work again.
    void windowShowsTheFault()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Options options = testOptions(dir.path());
        options.storeVfs = QString::fromLatin1(faultvfs::registerVfs());
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        RecordingNotifier notifier;
        SecretStore secrets(QStringLiteral("peanuts-monitor-test"), dir.filePath(QStringLiteral("secrets.json")));
        secrets.setKeychainEnabled(false);
        MainWindow window(&core, &notifier, &secrets);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *fault = window.findChild<QLabel *>(QStringLiteral("storeFault"));
        QVERIFY(fault);
        QVERIFY(!fault->isVisible());

        faultvfs::setMode(faultvfs::Mode::DiskFull);
        QCOMPARE(post(core.port(), makeBody(QStringLiteral("win-during"))), 503);
        QTRY_VERIFY(fault->isVisible());
        QVERIFY2(fault->text().contains(QStringLiteral("The disk is full")), qPrintable(fault->text()));
        QVERIFY(fault->text().contains(QStringLiteral("503")));

        faultvfs::setMode(faultvfs::Mode::None);
        QTRY_VERIFY_WITH_TIMEOUT(!fault->isVisible(), 15000);
        QCOMPARE(post(core.port(), makeBody(QStringLiteral("win-after"))), 200);
    }

    // A corrupt file is recognised; a newer schema or someone else's tables are not "corrupt".
    void unusableDatabases()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString text = dir.filePath(QStringLiteral("text.db"));
        writeFile(text, garbage());
        QString reason;
        QVERIFY(isUnusableDatabase(text, &reason));
        QVERIFY2(reason.contains(QStringLiteral("not a database")), qPrintable(reason));
        // SQLite's header over pages of noise: SQLite itself has to say it is unusable.
        QByteArray noise(16384, Qt::Uninitialized);
        for (qsizetype i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 7919 + 13) % 251);
        const QString malformed = dir.filePath(QStringLiteral("malformed.db"));
        writeFile(malformed, QByteArray("SQLite format 3\0", 16) + noise.mid(16));
        reason.clear();
        QVERIFY(isUnusableDatabase(malformed, &reason));
        QVERIFY(!reason.isEmpty());

        const QString foreign = dir.filePath(QStringLiteral("foreign.db"));
        const QString newer = dir.filePath(QStringLiteral("newer.db"));
        for (const auto &[path, sql] :
            {std::pair {foreign, "CREATE TABLE theirs (x)"}, std::pair {newer, "PRAGMA user_version=999"}}) {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open(qPrintable(path), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
            QVERIFY(!isUnusableDatabase(path, nullptr));
        }
        QVERIFY(!isUnusableDatabase(dir.filePath(QStringLiteral("absent.db")), nullptr));
    }

    void moveAside()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString db = dir.filePath(QStringLiteral("x.db"));
        writeFile(db, garbage());
        writeFile(db + QStringLiteral("-wal"), "old wal");
        writeFile(db + QStringLiteral("-shm"), "old shm");
        const QDateTime when(QDate(2026, 3, 4), QTime(5, 6, 7));
        const QString expected = db + QStringLiteral(".corrupt-20260304-050607");
        // A file already holding the name is not replaced: the next free name is used.
        writeFile(expected + QStringLiteral("-wal"), "someone else's");

        const MovedAside moved = moveDatabaseAside(db, when);
        QVERIFY2(moved.ok, qPrintable(moved.error));
        const QString base = expected + QStringLiteral("-2");
        QCOMPARE(moved.to, QStringList({base, base + QStringLiteral("-wal"), base + QStringLiteral("-shm")}));
        QVERIFY(!QFileInfo::exists(db));
        QVERIFY(!QFileInfo::exists(db + QStringLiteral("-wal")));
        QVERIFY(!QFileInfo::exists(db + QStringLiteral("-shm")));
        QCOMPARE(readFile(base), garbage());
        QCOMPARE(readFile(base + QStringLiteral("-wal")), QByteArray("old wal"));
        QCOMPARE(readFile(base + QStringLiteral("-shm")), QByteArray("old shm"));
        QCOMPARE(readFile(expected + QStringLiteral("-wal")), QByteArray("someone else's"));

        // Without -wal and -shm only the file moves; a missing file is an error, not a silent success.
        writeFile(db, garbage());
        const MovedAside alone = moveDatabaseAside(db, when.addSecs(1));
        QVERIFY(alone.ok);
        QCOMPARE(alone.to, QStringList {db + QStringLiteral(".corrupt-20260304-050608")});
        QVERIFY(!moveDatabaseAside(db, when).ok);
    }

    // Start: a corrupt file fails plainly unless the caller agrees; then it moves and a new one starts.
    void startMovesAsideOnlyWhenAsked()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Options options = testOptions(dir.path());
        options.dbPath = dir.filePath(QStringLiteral("x.db"));
        writeFile(options.dbPath, garbage());
        ReceiverCore core;
        QString error, notice, askedPath, askedReason;
        int asked = 0;
        auto confirm = [&](bool answer) {
            return [&, answer](const QString &path, const QString &reason) {
                ++asked;
                askedPath = path;
                askedReason = reason;
                return answer;
            };
        };
        QVERIFY(!startReceiver(core, options, confirm(false), &error, &notice));
        QCOMPARE(asked, 1);
        QCOMPARE(askedPath, options.dbPath);
        QVERIFY(!askedReason.isEmpty());
        QVERIFY(error.contains(options.dbPath));
        QVERIFY(notice.isEmpty());
        QCOMPARE(readFile(options.dbPath), garbage());

        QVERIFY2(startReceiver(core, options, confirm(true), &error, &notice), qPrintable(error));
        QVERIFY(notice.contains(QStringLiteral(".corrupt-")));
        QCOMPARE(post(core.port(), makeBody(QStringLiteral("fresh"))), 200);
        core.stop();
        const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("x.db.corrupt-*")});
        QCOMPARE(aside.size(), 1);
        QCOMPARE(readFile(dir.filePath(aside.constFirst())), garbage());
        QVERIFY(notice.contains(aside.constFirst()));
        QCOMPARE(rowsOf(options.dbPath, QStringLiteral("fresh")), 1);

        // A database of someone else's tables is never offered for moving.
        const QString foreign = dir.filePath(QStringLiteral("foreign.db"));
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(qPrintable(foreign), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE theirs (x)", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        options.dbPath = foreign;
        asked = 0;
        QVERIFY(!startReceiver(core, options, confirm(true), &error, &notice));
        QCOMPARE(asked, 0);
        QVERIFY(error.contains(QStringLiteral("not Peanuts Monitor's")));
    }

    void corruptDatabaseDialog_data()
    {
        QTest::addColumn<bool>("moveAside");
        QTest::addRow("move aside") << true;
        QTest::addRow("quit") << false;
    }

    void corruptDatabaseDialog()
    {
        QFETCH(bool, moveAside);
        CorruptDatabaseDialog dialog(QStringLiteral("/data/x.db"), QStringLiteral("file is not a database"));
        QVERIFY(dialog.text().contains(QStringLiteral("/data/x.db")));
        QVERIFY(dialog.text().contains(QStringLiteral("file is not a database")));
        QCOMPARE(dialog.moveAsideButton()->text(), QStringLiteral("Move aside and start fresh"));
        QCOMPARE(dialog.quitButton()->text(), QStringLiteral("Quit"));
        QVERIFY(!dialog.moveAsideButton()->isDefault());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(moveAside ? dialog.moveAsideButton() : dialog.quitButton(), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), moveAside ? int(QDialog::Accepted) : int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestStorageFaults)
#include "tst_storagefaults.moc"
