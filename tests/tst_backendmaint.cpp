// Retention on both backends, SQLite and a real PostgreSQL server: by age, by count, of rejected
// deliveries, in bounded chunks, all or nothing; and vacuum after a prune. On PostgreSQL: two
// instances pruning at once remove each row once.
#include "maintkit.h"

#include <QLoggingCategory>

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <atomic>
#include <numeric>
#include <thread>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

namespace {

// The history the retention tests prune, received one day apart from kReceivedMs on (day 0):
//   1 r0 (refused)       day 0     5 r1 (refused)             day 1
//   2 keep created       day 0     6 upd updated (applied)    day 1
//   3 upd created        day 0     7 gone deleted (tombstone) day 1
//   4 gone created       day 0     8..15 r2..r9 (refused)     days 2..9
// Kept whatever the policy: 2 and 6, the applied deliveries of the current entries keep and upd.
QList<Delivery> retentionHistory()
{
    auto on = [](Delivery d, int day) {
        d.receivedMs = kReceivedMs + day * kDayMs;
        return d;
    };
    QList<Delivery> list {on(refused(Outcome::RejectedSignature, 401, "r0"), 0),
        on(verified(body(QStringLiteral("keep"), created(), 1)), 0),
        on(verified(body(QStringLiteral("upd"), created(), 1)), 0),
        on(verified(body(QStringLiteral("gone"), created(), 1)), 0),
        on(refused(Outcome::RejectedSignature, 401, "r1"), 1),
        on(verified(body(QStringLiteral("upd"), updated(), 2, "2.00")), 1),
        on(verified(body(QStringLiteral("gone"), deleted(), 2)), 1)};
    for (int day = 2; day <= 9; ++day)
        list.append(on(refused(Outcome::RejectedSignature, 401, "r" + QByteArray::number(day)), day));
    return list;
}

} // namespace

class TestBackendMaint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("peanuts.*.info=false")); }

    void pruneByAgeAndCount_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<int>("maxRows");
        QTest::addColumn<QList<int>>("kept");
        addRows([](const char *backend) {
            auto row = [&](const char *name, int days, qint64 count, int maxRows, const QList<int> &kept) {
                QTest::addRow("%s: %s", backend, name)
                    << days << count << maxRows << kept << QString::fromLatin1(backend);
            };
            row("no limits", 0, 0, 100, range(1, 15));
            // Received before day 5 goes (a row received exactly at the limit is not older than it).
            row("5 days, a row a call", 5, 0, 1, QList<int> {2, 6} + range(11, 15));
            row("newest 3, 2 a call", 0, 3, 2, {2, 6, 13, 14, 15});
            // Either limit takes a row: days 0-1 by age, places 1-5 by count.
            row("8 days or newest 10", 8, 10, 3, QList<int> {2, 6} + range(8, 15));
            row("newest 1", 0, 1, 100, {2, 6, 15});
        });
    }
    void pruneByAgeAndCount()
    {
        QFETCH(int, days);
        QFETCH(qint64, count);
        QFETCH(int, maxRows);
        QFETCH(QList<int>, kept);
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        QList<Delivery> batch = retentionHistory();
        QVERIFY(commitAll(*store, batch));
        const QStringList entriesBefore = entryLines(*store);
        const QList<qint64> countersBefore = counterList(*store);
        const qint64 now = kReceivedMs + 10 * kDayMs;
        QCOMPARE(pruneAll(*store, RetentionPolicy {days, count}, now, maxRows), 15 - kept.size());
        RawSql raw(fresh);
        QCOMPARE(raw.ids(), at(batch, kept));
        QCOMPARE(store->deliveryCount().value(), kept.size());
        // The entries (the tombstone too), counters and aggregates stay; pruning again finds nothing.
        QCOMPARE(entryLines(*store), entriesBefore);
        QCOMPARE(counterList(*store), countersBefore);
        QCOMPARE(store->integrityCheck().value(), QStringList {QStringLiteral("ok")});
        bool more = true;
        QCOMPARE(store->prune(RetentionPolicy {days, count}, now, maxRows, &more), 0);
        QVERIFY(!more);
    }

    void pruneRejectedAfterTheirDays_data() { addBackendRows(); }
    void pruneRejectedAfterTheirDays()
    {
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        QList<Delivery> batch;
        for (int i = 0; i < 25; ++i) {
            Delivery old = refused(Outcome::RejectedSignature, 401, "{\"old\":" + QByteArray::number(i) + '}');
            old.receivedMs = kReceivedMs - 8 * kDayMs;
            batch.append(old);
        }
        Delivery recent = refused(Outcome::RejectedShape, 400, "{\"recent\":1}");
        recent.receivedMs = kReceivedMs - 6 * kDayMs;
        batch.append(recent);
        batch.append(verified(body(QStringLiteral("kept-old"), created(), 1), kReceivedMs - 30 * kDayMs));
        batch.append(verified(body(QStringLiteral("kept-old"), updated(), 2), kReceivedMs - 30 * kDayMs));
        QVERIFY(commitAll(*store, batch));
        const QList<qint64> countsBefore = counterList(*store);
        int calls = 0;
        QCOMPARE(pruneAll(*store, RetentionPolicy {0, 0, 7}, kReceivedMs, 10, &calls), 25);
        QVERIFY2(calls >= 3, qPrintable(QStringLiteral("%1 calls for 25 rows, 10 at most each").arg(calls)));
        RawSql raw(fresh);
        QCOMPARE(raw.ids(), at(batch, {26, 27, 28}));
        QCOMPARE(counterList(*store), countsBefore);
        // 0 days: no limit of their own.
        QCOMPARE(pruneAll(*store, RetentionPolicy {0, 0, 0}, kReceivedMs + 100 * kDayMs, 10), 0);
        QCOMPARE(store->deliveryCount().value(), 3);
    }

    void pruneResumesInChunks_data() { addBackendRows(); }
    void pruneResumesInChunks()
    {
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        // The oldest 150 deliveries are kept (each the applied delivery of a current entry), then 250 go.
        QList<Delivery> batch;
        for (int i = 0; i < 150; ++i)
            batch.append(verified(body(QStringLiteral("c%1").arg(i), created(), 1)));
        for (int i = 0; i < 300; ++i)
            batch.append(refused(Outcome::RejectedSignature, 401, "x" + QByteArray::number(i)));
        QVERIFY(commitAll(*store, batch));
        const RetentionPolicy policy {0, 50};
        // A call looks at a bounded number of rows: the first ones find only kept rows, yet say more.
        bool more = false;
        QCOMPARE(store->prune(policy, kReceivedMs, 10, &more), 0);
        QVERIFY(more);
        QList<int> sizes;
        QList<Delivery> late {refused(Outcome::RejectedSignature, 401, "late")};
        while (more) {
            const int removed = store->prune(policy, kReceivedMs, 10, &more);
            QVERIFY2(removed >= 0 && removed <= 10, qPrintable(store->lastError()));
            sizes.append(removed);
            // Deliveries committed between chunks are newer than every limit: they stay.
            if (sizes.size() == 5)
                QVERIFY(commitAll(*store, late));
        }
        // SQLite keeps the count limit's bound for the run, PostgreSQL finds it again at every call (another
        // instance may delete rows meanwhile): "late" pushes one more row out now, or at the next run.
        const int firstRun = std::accumulate(sizes.begin(), sizes.end(), 0);
        QVERIFY2(firstRun == 250 || firstRun == 251, qPrintable(QString::number(firstRun)));
        QVERIFY2(sizes.size() >= 25, qPrintable(QString::number(sizes.size())));
        // A kept delivery that stops being the applied one goes at the next run.
        QList<Delivery> update {verified(body(QStringLiteral("c7"), updated(), 2))};
        QVERIFY(commitAll(*store, update));
        QCOMPARE(firstRun + pruneAll(*store, policy, kReceivedMs, 10), 253);
        QList<int> places = range(1, 150) + range(403, 450);
        places.removeOne(8);
        RawSql raw(fresh);
        QCOMPARE(raw.ids(), at(batch, places) + QList<qint64>({late[0].id, update[0].id}));
        QCOMPARE(store->entry(QStringLiteral("c7"))->deliveryId, update[0].id);
    }

    void failedPruneRemovesNothing_data() { addBackendRows(); }
    void failedPruneRemovesNothing()
    {
        // A prune is one transaction: it commits whole or not at all.
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        QList<Delivery> batch = retentionHistory();
        QVERIFY(commitAll(*store, batch));
        RawSql raw(fresh);
        const QString victim = QString::number(batch[8].id);
        if (fresh.isPostgres()) {
            QVERIFY(raw.exec(QStringLiteral("CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS"
                                            " $$ BEGIN RAISE EXCEPTION 'boom refused'; END $$"))
                >= 0);
            QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER boom BEFORE DELETE ON deliveries FOR EACH ROW"
                                            " WHEN (OLD.id = %1) EXECUTE FUNCTION boom()")
                                 .arg(victim))
                >= 0);
        } else {
            QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER boom BEFORE DELETE ON deliveries WHEN OLD.id = %1"
                                            " BEGIN SELECT RAISE(ABORT, 'boom refused'); END")
                                 .arg(victim))
                >= 0);
        }
        bool more = true;
        QCOMPARE(store->prune(RetentionPolicy {0, 1}, kReceivedMs, 100, &more), -1);
        QVERIFY(!more);
        QVERIFY2(store->lastError().contains(QStringLiteral("boom refused")), qPrintable(store->lastError()));
        QCOMPARE(raw.ids(), at(batch, range(1, 15)));
        QVERIFY(raw.exec(QStringLiteral("DROP TRIGGER boom")
                    + (fresh.isPostgres() ? QStringLiteral(" ON deliveries") : QString()))
            >= 0);
        QCOMPARE(pruneAll(*store, RetentionPolicy {0, 1}, kReceivedMs, 100), 12);
        QCOMPARE(raw.ids(), at(batch, {2, 6, 15}));
    }

    void twoInstancesPruneAtOnce()
    {
        // Each instance prunes in chunks as its worker would; the team's lock lets one at a time in, and
        // each row is removed once: the counts add up, and nothing kept is lost.
        FreshBackend fresh(QStringLiteral("postgresql"));
        if (!fresh.unavailable().isEmpty()) {
            if (pgRequired())
                QFAIL(qPrintable(fresh.unavailable()));
            QSKIP(qPrintable(fresh.unavailable()));
        }
        QList<Delivery> batch;
        {
            const auto store = fresh.open();
            QVERIFY(store);
            for (int i = 0; i < 40; ++i)
                batch.append(verified(body(QStringLiteral("k%1").arg(i), created(), 1)));
            for (int i = 0; i < 600; ++i)
                batch.append(refused(Outcome::RejectedSignature, 401, "y" + QByteArray::number(i)));
            QVERIFY(commitAll(*store, batch));
        }
        std::atomic<qint64> removed[2] {0, 0};
        std::atomic<int> failures {0};
        auto instance = [&](int n) {
            const auto store = fresh.open(); // a connection belongs to its thread
            if (!store) {
                ++failures;
                return;
            }
            // Until the rows are gone: an instance that finds the lock taken does nothing and says no more.
            QElapsedTimer timer;
            timer.start();
            while (removed[0] + removed[1] < 580 && !timer.hasExpired(20'000)) {
                const qint64 got = pruneAll(*store, RetentionPolicy {0, 20}, kReceivedMs, 15);
                if (got < 0) {
                    ++failures;
                    return;
                }
                removed[n] += got;
            }
        };
        std::thread a(instance, 0), b(instance, 1);
        a.join();
        b.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(removed[0] + removed[1], 580); // 640, less the 40 applied and the newest 20
        RawSql raw(fresh);
        QCOMPARE(raw.ids(), at(batch, range(1, 40) + range(621, 640)));
    }

    void vacuumShrinksAfterAPrune_data() { addBackendRows(); }
    void vacuumShrinksAfterAPrune()
    {
        FRESH_BACKEND(fresh);
        const auto store = fresh.open();
        QVERIFY(store);
        QRandomGenerator random(7);
        QList<Delivery> batch;
        for (int i = 0; i < 400; ++i) { // bytes that do not compress, so that TOAST keeps them whole
            QByteArray filler(12000, Qt::Uninitialized);
            random.fillRange(reinterpret_cast<quint32 *>(filler.data()), filler.size() / 4);
            batch.append(refused(Outcome::RejectedSignature, 401, filler.toBase64()));
        }
        QVERIFY(commitAll(*store, batch));
        QCOMPARE(pruneAll(*store, RetentionPolicy {0, 10}, kReceivedMs, 1000), 390);
        const std::optional<VacuumResult> sizes = store->vacuum();
        QVERIFY2(sizes, qPrintable(store->lastError()));
        QVERIFY2(sizes->bytesAfter * 3 < sizes->bytesBefore,
            qPrintable(QStringLiteral("%1 -> %2").arg(sizes->bytesBefore).arg(sizes->bytesAfter)));
        QCOMPARE(store->delivery(batch.last().id)->body, batch.last().body);
        QList<Delivery> next {refused(Outcome::RejectedSignature, 401, "after")};
        QVERIFY(commitAll(*store, next));
        QVERIFY(next[0].id > batch.last().id);
    }
};

QTEST_GUILESS_MAIN(TestBackendMaint)
#include "tst_backendmaint.moc"
