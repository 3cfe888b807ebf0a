// Retention outside the store itself: the command line and settings, the store thread pruning in
// steps with batches committing between them, compacting on request, and the settings dialog's
// disk usage group against a running receiver (offscreen).
#include "config/options.h"
#include "config/secretstore.h"
#include "config/settings.h"
#include "ingest/event.h"
#include "ingest/signature.h"
#include "receivercore.h"
#include "settingsdialog.h"
#include "store/sqlitestore.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QMutex>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

using namespace peanuts;
using namespace testsupport;

namespace {

constexpr qint64 kNowMs = 4'000'000'000'000;

// A delivery refused for its signature: stored, never applied to an entry, so retention may take it.
Delivery refusedDelivery(const QByteArray &bytes)
{
    Delivery d = receivedDelivery(bytes, QDateTime::currentMSecsSinceEpoch());
    d.outcome = Outcome::RejectedSignature;
    d.status = 401;
    return d;
}

// A verified entry.created: the applied delivery of a current entry, which retention keeps.
Delivery createdDelivery(const QString &entryId)
{
    Delivery d = refusedDelivery(makeBody(entryId));
    d.outcome = Outcome::Accepted;
    d.status = 200;
    d.event = parseEvent(d.body, kNowMs, 0).event;
    return d;
}

// Writes the deliveries straight into the file, before any receiver opens it.
bool fill(const QString &path, QList<Delivery> deliveries)
{
    SqliteStore store;
    QString error;
    if (!store.open(StoreConfig {path}, &error) || !store.commit(deliveries, &error)) {
        qWarning("fill: %s", qPrintable(error));
        return false;
    }
    return true;
}

qint64 countIn(const QString &path)
{
    SqliteStore store;
    QString error;
    if (!store.open(StoreConfig {path, Durability::Normal, true}, &error))
        return -1;
    return store.deliveryCount().value_or(-1);
}

// Records, in order, what happened on a worker's thread.
struct Journal
{
    QMutex mutex;
    QStringList lines;
    void add(const QString &line)
    {
        QMutexLocker lock(&mutex);
        lines.append(line);
    }
    QStringList all()
    {
        QMutexLocker lock(&mutex);
        return lines;
    }
};

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("peanuts.*.info=false")); }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("days");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<QString>("error");
        QTest::addRow("defaults keep everything") << QStringList() << 0 << qint64(0) << QString();
        QTest::addRow("both") << QStringList {QStringLiteral("--keep-days"), QStringLiteral("30"),
            QStringLiteral("--keep-deliveries"), QStringLiteral("100000")}
                              << 30 << qint64(100000) << QString();
        QTest::addRow("zero is no limit")
            << QStringList {QStringLiteral("--keep-days"), QStringLiteral("0")} << 0 << qint64(0) << QString();
        QTest::addRow("negative days") << QStringList {QStringLiteral("--keep-days"), QStringLiteral("-1")} << 0
                                       << qint64(0) << QStringLiteral("--keep-days must be a whole number");
        QTest::addRow("not a number")
            << QStringList {QStringLiteral("--keep-deliveries"), QStringLiteral("lots")} << 0 << qint64(0)
            << QStringLiteral("--keep-deliveries must be a whole number from 0 to 1000000000, not \"lots\"");
        QTest::addRow("too many days") << QStringList {QStringLiteral("--keep-days"), QStringLiteral("36501")} << 0
                                       << qint64(0) << QStringLiteral("from 0 to 36500");
    }

    void commandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, days);
        QFETCH(qint64, count);
        QFETCH(QString, error);
        const CommandLine parsed = parseCommandLine(QStringList {QStringLiteral("peanuts-monitor")} + arguments);
        if (!error.isEmpty()) {
            QVERIFY(parsed.exit);
            QCOMPARE(parsed.exitCode, 2);
            QVERIFY2(parsed.output.contains(error), qPrintable(parsed.output));
            return;
        }
        QVERIFY2(!parsed.exit, qPrintable(parsed.output));
        QCOMPARE(parsed.options.retention.maxAgeDays, days);
        QCOMPARE(parsed.options.retention.maxDeliveries, count);
    }

    void rejectedDaysOption()
    {
        // Rejected deliveries are kept a week unless the command line or the settings say otherwise.
        auto parse = [](const QStringList &arguments) {
            return parseCommandLine(QStringList {QStringLiteral("peanuts-monitor")} + arguments);
        };
        QCOMPARE(parse({}).options.retention.rejectedMaxAgeDays, 7);
        QVERIFY(!parse({}).options.retention.keepsEverything());
        QCOMPARE(
            parse({QStringLiteral("--keep-rejected-days"), QStringLiteral("30")}).options.retention.rejectedMaxAgeDays,
            30);
        QCOMPARE(
            parse({QStringLiteral("--keep-rejected-days"), QStringLiteral("0")}).options.retention.rejectedMaxAgeDays,
            0);
        const CommandLine bad = parse({QStringLiteral("--keep-rejected-days"), QStringLiteral("-3")});
        QVERIFY(bad.exit);
        QVERIFY2(
            bad.output.contains(QStringLiteral("--keep-rejected-days must be a whole number")), qPrintable(bad.output));

        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("settings.ini")));
        QCOMPARE(settings.keepRejectedDays(), 7);
        settings.setKeepRejectedDays(2);
        settings.sync();
        Settings reread(dir.filePath(QStringLiteral("settings.ini")));
        QCOMPARE(reread.keepRejectedDays(), 2);
        CommandLine none = parse({});
        applySettings(none.options, reread);
        QCOMPARE(none.options.retention.rejectedMaxAgeDays, 2);
        CommandLine given = parse({QStringLiteral("--keep-rejected-days"), QStringLiteral("0")});
        applySettings(given.options, reread);
        QCOMPARE(given.options.retention.rejectedMaxAgeDays, 0); // the command line wins
    }

    void settingsFillWhatTheCommandLineLeaves()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("settings.ini")));
        QCOMPARE(settings.keepDays(), 0);
        QCOMPARE(settings.keepDeliveries(), qint64(0));
        settings.setKeepDays(14);
        settings.setKeepDeliveries(5000);
        settings.sync();
        Settings reread(dir.filePath(QStringLiteral("settings.ini")));
        QCOMPARE(reread.keepDays(), 14);
        QCOMPARE(reread.keepDeliveries(), qint64(5000));

        CommandLine none = parseCommandLine({QStringLiteral("peanuts-monitor")});
        applySettings(none.options, reread);
        QCOMPARE(none.options.retention, (RetentionPolicy {14, 5000, kDefaultKeepRejectedDays}));

        CommandLine days
            = parseCommandLine({QStringLiteral("peanuts-monitor"), QStringLiteral("--keep-days"), QStringLiteral("0")});
        applySettings(days.options, reread);
        QCOMPARE(
            days.options.retention, (RetentionPolicy {0, 5000, kDefaultKeepRejectedDays})); // the command line's 0 wins
    }

    void workerPrunesAtOpenInSteps()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worker.db"));
        QList<Delivery> history;
        for (int i = 0; i < 20; ++i)
            history.append(createdDelivery(QStringLiteral("current-%1").arg(i)));
        for (int i = 0; i < 1000; ++i)
            history.append(refusedDelivery("old " + QByteArray::number(i)));
        QVERIFY(fill(path, history));

        QString error;
        StoreWorker worker(std::make_unique<SqliteStore>(), StoreConfig {path}, &error);
        QVERIFY2(worker.isOpen(), qPrintable(error));
        QList<QPair<int, bool>> steps;
        connect(
            &worker, &StoreWorker::pruned, this,
            [&](int removed, bool more) {
                steps.append({removed, more});
            },
            Qt::QueuedConnection);
        worker.setPruneChunkRows(100);
        worker.setRetention(RetentionPolicy {0, 50});
        QTRY_VERIFY_WITH_TIMEOUT(!steps.isEmpty() && !steps.last().second, 20'000);
        int total = 0;
        for (const auto &step : steps) {
            QVERIFY(step.first <= 100);
            total += step.first;
        }
        QCOMPARE(total, 950); // 20 current entries and the newest 50 stay
        QVERIFY2(steps.size() >= 10, qPrintable(QString::number(steps.size())));
        worker.shutdown();
        QCOMPARE(countIn(path), 70);
    }

    void batchesCommitBetweenPruneSteps()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("interleave.db"));
        QList<Delivery> history;
        for (int i = 0; i < 500; ++i)
            history.append(refusedDelivery("old " + QByteArray::number(i)));
        QVERIFY(fill(path, history));

        QString error;
        StoreWorker worker(std::make_unique<SqliteStore>(), StoreConfig {path}, &error);
        QVERIFY2(worker.isOpen(), qPrintable(error));
        Journal journal;
        worker.setResultSink([&](std::vector<IngestResult> &&results) {
            for (const IngestResult &r : results)
                journal.add(QStringLiteral("batch %1 %2").arg(r.committed).arg(r.delivery.id));
        });
        connect(
            &worker, &StoreWorker::pruned, this,
            [&](int removed, bool more) { journal.add(QStringLiteral("prune %1 %2").arg(removed).arg(more)); },
            Qt::DirectConnection);
        worker.setPruneChunkRows(100);
        // Hold the store's thread so that the prune run and the delivery queue up behind each other.
        QSemaphore gate;
        worker.run([&](Store &) { gate.acquire(); });
        worker.setRetention(RetentionPolicy {0, 10});
        worker.submit(1, refusedDelivery("arrived during the prune"));
        gate.release();
        QTRY_VERIFY_WITH_TIMEOUT(journal.all().size() == 6, 20'000);
        // The delivery waits for one step, not for the whole run; the bound found when the run began
        // keeps it, being newer.
        QCOMPARE(journal.all(),
            QStringList({QStringLiteral("prune 100 1"), QStringLiteral("batch 1 501"), QStringLiteral("prune 100 1"),
                QStringLiteral("prune 100 1"), QStringLiteral("prune 100 1"), QStringLiteral("prune 90 0")}));
        worker.shutdown();
        QCOMPARE(countIn(path), 11);
    }

    void workerCompactsOnItsOwnThread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("vacuum.db"));
        QList<Delivery> history;
        for (int i = 0; i < 1500; ++i)
            history.append(refusedDelivery(QByteArray(4000, 'c') + QByteArray::number(i)));
        QVERIFY(fill(path, history));

        QString error;
        StoreWorker worker(std::make_unique<SqliteStore>(), StoreConfig {path}, &error);
        QVERIFY2(worker.isOpen(), qPrintable(error));
        bool done = false;
        connect(
            &worker, &StoreWorker::pruned, this, [&](int, bool more) { done = !more; }, Qt::QueuedConnection);
        worker.setRetention(RetentionPolicy {0, 5});
        QTRY_VERIFY_WITH_TIMEOUT(done, 20'000);
        // The search index catches up on its own shortly after the start (a write of its watermark),
        // and would change the files' size between the vacuum's reading and the one below: let it
        // finish first.
        std::atomic<bool> caughtUp = false;
        worker.run([&](Store &store) {
            while (store.catchUp(500) > 0) { }
            caughtUp = true;
        });
        QTRY_VERIFY(caughtUp);

        QThread *vacuumThread = nullptr;
        connect(
            &worker, &StoreWorker::vacuumed, this, [&] { vacuumThread = QThread::currentThread(); },
            Qt::DirectConnection);
        QSignalSpy vacuumed(&worker, &StoreWorker::vacuumed);
        worker.vacuum();
        QVERIFY(vacuumed.wait(20'000));
        QCOMPARE(vacuumed.at(0).at(2).toString(), QString());
        const qint64 before = vacuumed.at(0).at(0).toLongLong(), after = vacuumed.at(0).at(1).toLongLong();
        QVERIFY2(
            before > 6'000'000 && after * 10 < before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        QVERIFY(vacuumThread && vacuumThread != QThread::currentThread());
        QCOMPARE(QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size(), after);
        worker.shutdown();
        QCOMPARE(countIn(path), 5);
    }

    void dialogRoundTripsAndCompacts()
    {
        QTemporaryDir dir;
        Options options = testOptions(dir.path());
        QList<Delivery> history;
        for (int i = 0; i < 1500; ++i)
            history.append(refusedDelivery(QByteArray(4000, 'd') + QByteArray::number(i)));
        QVERIFY(fill(options.dbPath, history));

        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        SecretStore secrets(QStringLiteral("peanuts-monitor-test"), dir.filePath(QStringLiteral("secrets.json")));
        secrets.setKeychainEnabled(false);
        bool pruneDone = false;
        connect(
            core.store(), &StoreWorker::pruned, this, [&](int, bool more) { pruneDone = !more; }, Qt::QueuedConnection);
        // The search index catches up on its own shortly after the start, and would change the
        // files' size between the dialog's reading and the one below: let it finish first.
        std::atomic<bool> caughtUp = false;
        core.store()->run([&](Store &store) {
            while (store.catchUp(500) > 0) { }
            caughtUp = true;
        });
        QTRY_VERIFY(caughtUp);
        {
            SettingsDialog dialog(&core, &secrets);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            auto *days = dialog.findChild<QSpinBox *>(QStringLiteral("keepDays"));
            auto *count = dialog.findChild<QSpinBox *>(QStringLiteral("keepDeliveries"));
            auto *size = dialog.findChild<QLabel *>(QStringLiteral("databaseSize"));
            QVERIFY(days && count && size);
            QCOMPARE(days->value(), 0);
            QCOMPARE(count->value(), 0);
            QCOMPARE(days->text(), QStringLiteral("no age limit"));
            const qint64 bytes
                = QFileInfo(options.dbPath).size() + QFileInfo(options.dbPath + QStringLiteral("-wal")).size();
            QCOMPARE(size->text(), QLocale().formattedDataSize(bytes));

            count->setValue(25);
            days->setValue(90);
            QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
            QCOMPARE(core.settings()->keepDeliveries(), qint64(25));
            QCOMPARE(core.settings()->keepDays(), 90);
            QCOMPARE(core.options().retention, (RetentionPolicy {90, 25, kDefaultKeepRejectedDays}));
            // Live: the running store prunes without a restart.
            QTRY_VERIFY_WITH_TIMEOUT(pruneDone, 20'000);

            // The size limit goes to the settings and to the running store, and comes off again.
            auto *maxSize = dialog.findChild<QSpinBox *>(QStringLiteral("maxDatabaseSize"));
            QVERIFY(maxSize);
            QCOMPARE(maxSize->text(), QStringLiteral("no limit"));
            maxSize->setValue(300);
            QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
            QCOMPARE(core.settings()->maxDatabaseSizeMb(), qint64(300));
            QCOMPARE(core.options().maxDbSizeBytes, qint64(300) * 1024 * 1024);
            maxSize->setValue(0);
            QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
            QCOMPARE(core.settings()->maxDatabaseSizeMb(), qint64(0));
            QCOMPARE(core.options().maxDbSizeBytes, qint64(0));
        }
        QCOMPARE(countIn(options.dbPath), 25);

        // A new dialog shows what was applied; Compact reports the sizes from the store's thread.
        SettingsDialog dialog(&core, &secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("keepDays"))->value(), 90);
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("keepDeliveries"))->value(), 25);
        auto *compact = dialog.findChild<QPushButton *>(QStringLiteral("compact"));
        auto *result = dialog.findChild<QLabel *>(QStringLiteral("compactResult"));
        auto *size = dialog.findChild<QLabel *>(QStringLiteral("databaseSize"));
        QVERIFY(compact && result && size);
        QSignalSpy vacuumed(core.store(), &StoreWorker::vacuumed);
        compact->click();
        QVERIFY(!compact->isEnabled()); // the click returned at once; the work is elsewhere
        QCOMPARE(result->text(), QStringLiteral("Compacting…"));
        QVERIFY(vacuumed.wait(20'000));
        const qint64 before = vacuumed.at(0).at(0).toLongLong(), after = vacuumed.at(0).at(1).toLongLong();
        QVERIFY2(after * 10 < before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        const QLocale locale;
        QTRY_COMPARE(result->text(),
            QStringLiteral("Compacted: %1 → %2")
                .arg(locale.formattedDataSize(before), locale.formattedDataSize(after)));
        QVERIFY(compact->isEnabled());
        QCOMPARE(size->text(), locale.formattedDataSize(after));

        // Unchanged fields are not written again; a receiver started from these settings prunes too.
        QVERIFY2(dialog.apply(), qPrintable(dialog.lastError()));
        core.stop();
        Options again = testOptions(dir.path());
        applySettings(again, Settings(again.settingsPath));
        QCOMPARE(again.retention, (RetentionPolicy {90, 25, kDefaultKeepRejectedDays}));
    }
};

QTEST_MAIN(TestRetention)
#include "tst_retention.moc"
