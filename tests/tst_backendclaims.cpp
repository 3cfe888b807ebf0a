// Several instances on one PostgreSQL outbox: each action is claimed by one of them, a claim lapses
// after its lease and another instance takes it over, and a scheduled check run by two instances at
// once fires once.
#include "actionkit.h"

#include <QTest>

#include <algorithm>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

class TestBackendClaims : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Two instances claim at once, over and over, until nothing is due: every action is carried out,
    // by exactly one of them.
    void twoInstancesClaimDisjointActions_data() { postgresOnly(); }
    void twoInstancesClaimDisjointActions()
    {
        FRESH_BACKEND(fresh);
        const std::unique_ptr<Store> store = fresh.open();
        QVERIFY(store);
        QList<PlannedAction> actions;
        for (int i = 0; i < 240; ++i)
            actions.append(i % 4 == 3 ? notify(QString(), QString())
                                      : post(QString(), QString(), QStringLiteral("http://t%1/").arg(i % 4)));
        QCOMPARE(store->addActions(actions, kReceivedMs), 240);

        QList<qint64> carried[2];
        const QStringList failures = atOnce(fresh.location(), [&](PgStore &mine, int n) {
            for (;;) {
                const std::optional<QList<OutboxAction>> due = mine.dueActions(kReceivedMs, 3, {});
                if (!due)
                    return mine.lastError();
                if (due->isEmpty())
                    return QString();
                QList<ActionResult> results;
                for (const OutboxAction &a : *due) {
                    carried[n].append(a.id);
                    results.append(result(a.id, ActionState::Done, 1, kReceivedMs));
                }
                if (!mine.recordResults(results))
                    return mine.lastError();
            }
        });
        QCOMPARE(failures, QStringList());
        const QSet<qint64> first(carried[0].cbegin(), carried[0].cend()),
            second(carried[1].cbegin(), carried[1].cend());
        QCOMPARE(first.size(), carried[0].size());
        QCOMPARE(second.size(), carried[1].size());
        QVERIFY2(!first.intersects(second), "an action was claimed by both instances");
        QCOMPARE(first.size() + second.size(), 240);
        QVERIFY(!first.isEmpty() && !second.isEmpty()); // both took part
        QCOMPARE(store->nextDueMs(), std::nullopt);
    }

    // What one instance claimed (at its commit, or by a claim) is its own until the lease lapses; then
    // another takes it over. A retry's claim ends with its result.
    void aClaimLapsesAfterItsLease_data() { postgresOnly(); }
    void aClaimLapsesAfterItsLease()
    {
        FRESH_BACKEND(fresh);
        const std::unique_ptr<Store> a = fresh.open(), b = fresh.open();
        QVERIFY(a && b);
        static_cast<PgStore &>(*a).setClaimLeaseMs(1000);
        QVERIFY(static_cast<PgStore &>(*a).instanceId() != static_cast<PgStore &>(*b).instanceId());
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QList<Delivery> batch {planned(QStringLiteral("c1"), created(), 1, {forward(), forward()})};
        QVERIFY(commit(*a, batch));
        QCOMPARE(a->committedActions().size(), 2);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(b->dueActions(now, 10, {})->size(), 0); // a's, from its commit
        QVERIFY(b->nextDueMs().value() >= before + 1000); // when a's claim lapses
        QCOMPARE(a->nextDueMs().value(), kReceivedMs);
        const QList<OutboxAction> own = a->dueActions(now, 10, {}).value(); // the dispatcher may leave some
        QCOMPARE(own.size(), 2);
        // Held in flight: each claim of a renews them for another lease.
        QCOMPARE(a->dueActions(now + 900, 10, idsOf(own))->size(), 0);
        QCOMPARE(b->dueActions(now + 1500, 10, {})->size(), 0);

        const qint64 later = now + 5000;
        QCOMPARE(b->dueActions(later - 3101, 10, {})->size(), 0); // a's renewal lasts until now + 1900
        const QList<OutboxAction> taken = b->dueActions(later, 10, {}).value();
        QCOMPARE(taken.size(), 2);
        QCOMPARE(a->dueActions(later, 10, {})->size(), 0); // b's now, for b's lease
        QCOMPARE(a->dueActions(later + 4 * 60'000, 10, {})->size(), 0);

        // b's retry is anyone's once due.
        ActionResult retry = result(taken[0].id, ActionState::Pending, 1, later, QStringLiteral("503"));
        retry.nextAttemptMs = later + 10;
        QVERIFY(b->recordResults({retry, result(taken[1].id, ActionState::Done, 1, later)}));
        const QList<OutboxAction> again = a->dueActions(later + 10, 10, {}).value();
        QCOMPARE(again.size(), 1);
        QCOMPARE(again[0].id, taken[0].id);
        QCOMPARE(again[0].attempts, 1);
        QCOMPARE(again[0].idempotencyKey, taken[0].idempotencyKey);
        QCOMPARE(b->dueActions(later + 10, 10, {})->size(), 0);
    }

    // A scheduled check run by two instances at once: each entry's rule fires once, planned by one of them.
    void recordFiringsFromTwoInstancesFiresOnce_data() { postgresOnly(); }
    void recordFiringsFromTwoInstancesFiresOnce()
    {
        FRESH_BACKEND(fresh);
        const std::unique_ptr<Store> store = fresh.open();
        QVERIFY(store);
        const QString tasks = QStringLiteral("/tasks");
        constexpr int kEntries = 40, kRounds = 3;
        QList<Delivery> batch;
        for (int i = 0; i < kEntries; ++i)
            batch.append(planned(QStringLiteral("t%1").arg(i), created(), 1, {}, "1", tasks));
        QVERIFY(commit(*store, batch));
        for (int round = 0; round < kRounds; ++round) {
            int freshOf[2] = {-1, -1};
            const QStringList failures = atOnce(fresh.location(), [&](PgStore &mine, int n) {
                QList<Firing> firings;
                for (const CurrentEntry &e : mine.currentEntries(tasks).value_or(QList<CurrentEntry>()))
                    firings.append(Firing {
                        QStringLiteral("due"), e.entryId, QStringLiteral("due:%1").arg(round), e.deliveryId, {}});
                if (n == 1)
                    std::reverse(firings.begin(), firings.end());
                freshOf[n] = mine.recordFirings(firings, kNowMs, [](const QList<Firing> &fresh) {
                    QList<PlannedAction> list;
                    for (const Firing &f : fresh) {
                        PlannedAction a = notify(f.ruleId, QString());
                        a.payload = f.entryId.toUtf8();
                        list.append(a);
                    }
                    return list;
                });
                return freshOf[n] < 0 ? mine.lastError() : QString();
            });
            QCOMPARE(failures, QStringList());
            QCOMPARE(freshOf[0] + freshOf[1], kEntries);
        }
        QCOMPARE(firedCount(fresh, *store), kEntries * kRounds);
        QCOMPARE(store->actionCounts()->value(QString()).pending, kEntries * kRounds);
        QSet<QByteArray> payloads;
        for (const OutboxAction &a : all(*store))
            payloads.insert(a.payload);
        QCOMPARE(payloads.size(), kEntries);
    }

private:
    static void postgresOnly()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
};

QTEST_GUILESS_MAIN(TestBackendClaims)
#include "tst_backendclaims.moc"
