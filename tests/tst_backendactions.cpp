// The outbox on both backends (tst_actionstore's main cases, SQLite and PostgreSQL alike): actions
// written with their delivery, fired once per entry and condition, the per-target limit, due work,
// attempts, dead letters and the outgoing counts. Several instances on one PostgreSQL outbox are
// tst_backendclaims's.
#include "actionkit.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

class TestBackendActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void actionsFollowTheFinalOutcome_data() { addBackendRows(); }
    void actionsFollowTheFinalOutcome()
    {
        FRESH_BACKEND(fresh);
        const std::unique_ptr<Store> store = fresh.open();
        QVERIFY(store);
        const QByteArray first = body(QStringLiteral("e1"), created(), 10, "600.50");
        QList<Delivery> batch {with(verified(first), {forward(), post(QStringLiteral("big"), QString())})};
        QVERIFY(commit(*store, batch));
        QCOMPARE(batch[0].outcome, Outcome::Accepted);
        QCOMPARE(store->committedActions().size(), 2);
        QCOMPARE(store->actionsOfDelivery(batch[0].id)->size(), 2);

        // The same bytes again: a duplicate plans nothing, unless a forward asks for duplicates.
        const QString dupTarget = QStringLiteral("http://127.0.0.1:9/dups");
        QList<Delivery> again {with(verified(first), {forward(), post(QStringLiteral("big"), QString())}),
            with(verified(first), {forward(dupTarget, kAccepted | (1u << int(Outcome::Duplicate)))})};
        QVERIFY(commit(*store, again));
        QCOMPARE(again[0].outcome, Outcome::Duplicate);
        QCOMPARE(store->actionsOfDelivery(again[0].id)->size(), 0);
        QCOMPARE(store->actionsOfDelivery(again[1].id)->size(), 1);
        QCOMPARE(store->committedActions().size(), 1);
        QCOMPARE(store->committedActions().first().target, dupTarget);

        // A stale update (older than the applied one) plans nothing either.
        QList<Delivery> late {verified(body(QStringLiteral("e1"), updated(), 20, "700")),
            with(verified(body(QStringLiteral("e1"), updated(), 15, "650")), {forward()})};
        QVERIFY(commit(*store, late));
        QCOMPARE(late[1].outcome, Outcome::Stale);
        QCOMPARE(store->actionsOfDelivery(late[1].id)->size(), 0);
        QCOMPARE(store->committedActions().size(), 0);
        QCOMPARE(number(fresh, *store, "SELECT count(*) FROM actions", "SELECT count(*) FROM actions"), 3);

        // What the writer handed over is what a claim reads back, field by field.
        QList<OutboxAction> handed = [&] {
            QList<Delivery> b {planned(QStringLiteral("h1"), created(), 1, {forward(), notify(QString(), QString())})};
            return commit(*store, b) ? store->committedActions() : QList<OutboxAction>();
        }();
        QCOMPARE(handed.size(), 2);
        QList<OutboxAction> due = all(*store);
        due.removeIf([&](const OutboxAction &a) { return !idsOf(handed).contains(a.id); });
        QCOMPARE(due.size(), 2);
        std::sort(handed.begin(), handed.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
        for (qsizetype i = 0; i < 2; ++i)
            QCOMPARE(handedOver(handed[i]), handedOver(due[i]));
        QCOMPARE(handed[0].kind, ActionKind::Forward);
        QVERIFY(handed[0].body.contains("\"h1\""));
        QVERIFY(!handed[0].headers.isEmpty());
    }

    void aRuleFiresOncePerEntryAndKey_data() { addBackendRows(); }
    void aRuleFiresOncePerEntryAndKey()
    {
        FRESH_BACKEND(fresh);
        std::unique_ptr<Store> store = fresh.open();
        QVERIFY(store);
        auto rule = [](const QString &key) {
            return QList<PlannedAction> {notify(QStringLiteral("big"), key), post(QStringLiteral("big"), key)};
        };
        const QString key = QStringLiteral("amount>50000");
        QList<Delivery> batch {planned(QStringLiteral("e1"), created(), 1, rule(key)),
            planned(QStringLiteral("e1"), updated(), 2, rule(key), "601"), // fired already, same batch
            planned(QStringLiteral("e2"), created(), 1, rule(key))};
        QVERIFY(commit(*store, batch));
        QCOMPARE(store->actionsOfDelivery(batch[0].id)->size(), 2); // both actions of the rule, one record
        QCOMPARE(store->actionsOfDelivery(batch[1].id)->size(), 0);
        QCOMPARE(store->actionsOfDelivery(batch[2].id)->size(), 2);
        QCOMPARE(firedCount(fresh, *store), 2);

        QList<Delivery> later {planned(QStringLiteral("e1"), updated(), 3, rule(key), "602"),
            planned(QStringLiteral("e1"), updated(), 4, rule(QStringLiteral("amount>50000:again")), "603"),
            // not applied (stale): asked of the entry's row, which has fired for the key
            planned(QStringLiteral("e1"), updated(), 0, {forward(QStringLiteral("http://s/"), 0xffffffffu)})};
        for (PlannedAction a : rule(key)) {
            a.outcomeMask = 0xffffffffu;
            later[2].actions.append(a);
        }
        QVERIFY(commit(*store, later));
        QCOMPARE(later[2].outcome, Outcome::Stale);
        QCOMPARE(store->actionsOfDelivery(later[0].id)->size(), 0);
        QCOMPARE(store->actionsOfDelivery(later[1].id)->size(), 2); // a changed key fires again
        QCOMPARE(store->actionsOfDelivery(later[2].id)->size(), 1); // the forward alone
        QCOMPARE(firedCount(fresh, *store), 3);

        // Fired stays fired across a restart.
        store = fresh.open();
        QList<Delivery> restarted {planned(QStringLiteral("e2"), updated(), 5, rule(key), "604")};
        QVERIFY(commit(*store, restarted));
        QCOMPARE(store->actionsOfDelivery(restarted[0].id)->size(), 0);
    }

    void thePerTargetLimitBitesAndIsCounted_data() { addBackendRows(); }
    void thePerTargetLimitBitesAndIsCounted()
    {
        FRESH_BACKEND(fresh);
        std::unique_ptr<Store> store = fresh.open();
        QVERIFY(store);
        QVERIFY(setLimit(fresh, *store, 2));
        const QString a = QStringLiteral("http://a/"), b = QStringLiteral("http://b/");
        QList<Delivery> batch {
            planned(QStringLiteral("l1"), created(), 1, {forward(a), forward(a), forward(a), forward(b)})};
        // The first drop is logged; more within the minute are not.
        QTest::ignoreMessage(QtWarningMsg,
            QRegularExpression(
                QStringLiteral("^2 outgoing actions for http://a/ are waiting already.*; 1 more dropped")));
        QVERIFY(commit(*store, batch));
        QTest::failOnWarning(QRegularExpression(QStringLiteral("dropped")));
        QCOMPARE(store->committedActions().size(), 3);
        QHash<QString, ActionCounts> counts = store->actionCounts().value();
        QCOMPARE(counts.value(a).pending, 2);
        QCOMPARE(counts.value(a).dropped, 1);
        QCOMPARE(counts.value(b).pending, 1);
        QCOMPARE(counts.value(b).dropped, 0);

        const PlannedAction more = post(QString(), QString(), a);
        QCOMPARE(store->addActions({more, more}, kNowMs), 0);
        QCOMPARE(store->actionCounts()->value(a).dropped, 3);

        // Room again once one is done; a retry (still pending) makes none.
        QList<ActionResult> results;
        const QList<OutboxAction> due = store->dueActions(kNowMs, 10, {}).value();
        for (const OutboxAction &o : due) {
            if (o.target == a)
                results.append(result(o.id, results.isEmpty() ? ActionState::Done : ActionState::Pending, 1, kNowMs));
        }
        QCOMPARE(results.size(), 2);
        results.last().nextAttemptMs = kNowMs + 1000;
        QVERIFY(store->recordResults(results));
        QCOMPARE(store->addActions({more, more}, kNowMs), 1);
        QCOMPARE(store->actionCounts()->value(a).dropped, 4);

        // The counts come from the table after a restart (and, on PostgreSQL, from another instance).
        store = fresh.open();
        QVERIFY(setLimit(fresh, *store, 2));
        QTest::ignoreMessage(QtWarningMsg, // a new store's first drop
            QRegularExpression(QStringLiteral("^2 outgoing actions for http://a/ .*; 1 more dropped")));
        QCOMPARE(store->addActions({more}, kNowMs), 0);
        QCOMPARE(store->addActions({post(QString(), QString(), b)}, kNowMs), 1);
        counts = store->actionCounts().value();
        QCOMPARE(counts.value(a).pending, 1);
        QCOMPARE(counts.value(a).retrying, 1);
        QCOMPARE(counts.value(a).dropped, 5);
        QCOMPARE(counts.value(b).pending, 2);
    }

    void dueActionsAreCappedPerTargetAndSkipThoseInFlight_data() { addBackendRows(); }
    void dueActionsAreCappedPerTargetAndSkipThoseInFlight()
    {
        FRESH_BACKEND(fresh);
        const std::unique_ptr<Store> store = fresh.open();
        QVERIFY(store);
        const QString a = QStringLiteral("http://a/"), b = QStringLiteral("http://b/");
        QList<Delivery> batch {planned(QStringLiteral("d1"), created(), 1,
            {forward(a), forward(a), forward(a), forward(a), forward(b), forward(b)})};
        QVERIFY(commit(*store, batch));
        QList<OutboxAction> due = store->dueActions(kReceivedMs, 2, {}).value();
        QCOMPARE(due.size(), 4);
        QList<qint64> aIds;
        for (const OutboxAction &o : due) {
            QCOMPARE(o.body, batch[0].body); // the delivery's bytes, for the forward
            QCOMPARE(o.headers, batch[0].headers);
            QCOMPARE(o.deliveryId, batch[0].id);
            QVERIFY(!o.idempotencyKey.isEmpty());
            if (o.target == a)
                aIds.append(o.id);
        }
        QCOMPARE(aIds.size(), 2);
        QVERIFY(aIds[0] < aIds[1]); // oldest first
        // In flight: left out, and the next ones of the target come instead.
        due = store->dueActions(kReceivedMs, 2, {aIds[0], aIds[1]}).value();
        QCOMPARE(due.size(), 4);
        for (const OutboxAction &o : due)
            QVERIFY(!aIds.contains(o.id));
        QCOMPARE(store->dueActions(kReceivedMs - 1, 2, {})->size(), 0); // not yet due
        QCOMPARE(store->nextDueMs().value(), kReceivedMs);
        // A later attempt is due later, and ordered by when it is due.
        ActionResult retry = result(due.first().id, ActionState::Pending, 1, kReceivedMs);
        retry.nextAttemptMs = kReceivedMs + 5000;
        QVERIFY(store->recordResults({retry}));
        due = store->dueActions(kReceivedMs + 5000, 10, {}).value();
        QCOMPARE(due.size(), 6);
        QCOMPARE(due.last().id, retry.id);
        QCOMPARE(store->dueActions(kReceivedMs, 10, {})->size(), 5);
    }

    void resultsCountsAndOutgoingMinutes_data() { addBackendRows(); }
    void resultsCountsAndOutgoingMinutes()
    {
        FRESH_BACKEND(fresh);
        const std::unique_ptr<Store> store = fresh.open();
        QVERIFY(store);
        const QString a = QStringLiteral("http://a/");
        QList<Delivery> batch {planned(QStringLiteral("r1"), created(), 1, {forward(a), forward(a), forward(a)})};
        QVERIFY(commit(*store, batch));
        const QList<OutboxAction> due = all(*store);
        QCOMPARE(due.size(), 3);
        const qint64 minute = kReceivedMs / 60'000 * 60'000;
        ActionResult done = result(due[0].id, ActionState::Done, 1, minute + 1000);
        done.answer.body = QByteArray(kMaxAnswerBodyBytes + 100, 'x');
        done.answer.bodySize = done.answer.body.size();
        ActionResult retrying = result(due[1].id, ActionState::Pending, 1, minute + 2000, QStringLiteral("503"));
        retrying.nextAttemptMs = minute + 60'000;
        ActionResult dead = result(due[2].id, ActionState::Dead, 5, minute + 61'000, QStringLiteral("refused"));
        QVERIFY(store->recordResults({done, retrying, dead}));

        const QList<OutboxAction> rows = store->actionsOfDelivery(batch[0].id).value();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].state, ActionState::Done);
        QCOMPARE(rows[0].answer.status, 200);
        QCOMPARE(rows[0].answer.body.size(), kMaxAnswerBodyBytes); // bounded
        QCOMPARE(rows[0].answer.bodySize, qint64(kMaxAnswerBodyBytes + 100));
        QCOMPARE(rows[0].answer.headers, QByteArray("content-type: text/plain\n"));
        QCOMPARE(rows[0].answer.durationMs, 7);
        QCOMPARE(rows[0].lastError, QString());
        QCOMPARE(rows[1].state, ActionState::Pending);
        QCOMPARE(rows[1].attempts, 1);
        QCOMPARE(rows[1].nextAttemptMs, minute + 60'000);
        QCOMPARE(rows[1].lastError, QStringLiteral("503"));
        QCOMPARE(rows[2].state, ActionState::Dead);
        QCOMPARE(rows[2].attempts, 5);
        // A second result for an action no longer pending changes nothing (the attempt still counts).
        QVERIFY(store->recordResults({result(due[0].id, ActionState::Dead, 2, minute + 3000)}));
        QCOMPARE(store->actionsOfDelivery(batch[0].id)->at(0).state, ActionState::Done);

        const ActionCounts counts = store->actionCounts()->value(a);
        QCOMPARE(counts.pending, 0);
        QCOMPARE(counts.retrying, 1);
        QCOMPARE(counts.dead, 1);
        QCOMPARE(store->nextDueMs().value(), minute + 60'000);

        const QList<OutgoingMinute> minutes = store->outgoingMinutes(minute, minute + 120'000).value();
        QCOMPARE(minutes.size(), 2);
        QCOMPARE(minutes[0].minuteStartMs, minute);
        QCOMPARE(minutes[0].delivered, 1);
        QCOMPARE(minutes[0].retrying, 1);
        QCOMPARE(minutes[0].dead, 1);
        QCOMPARE(minutes[1].dead, 1);
        QCOMPARE(store->outgoingMinutes(minute + 60'000, minute + 120'000)->size(), 1);
    }

    void deadLettersRetryDiscardAndPrune_data() { addBackendRows(); }
    void deadLettersRetryDiscardAndPrune()
    {
        FRESH_BACKEND(fresh);
        const std::unique_ptr<Store> store = fresh.open();
        QVERIFY(store);
        QList<Delivery> batch {planned(QStringLiteral("x1"), created(), 1, {forward(), forward(), forward()})};
        QVERIFY(commit(*store, batch));
        const QList<OutboxAction> due = all(*store);
        QVERIFY(store->recordResults({result(due[0].id, ActionState::Dead, 3, kReceivedMs + 10, QStringLiteral("e0")),
            result(due[1].id, ActionState::Dead, 3, kReceivedMs + 20, QStringLiteral("e1"))}));
        QList<OutboxAction> dead = store->deadLetters(10).value();
        QCOMPARE(dead.size(), 2);
        QCOMPARE(dead[0].id, due[1].id); // newest first
        QCOMPARE(dead[0].lastError, QStringLiteral("e1"));
        QCOMPARE(store->deadLetters(1)->size(), 1);

        // Retry: pending from the first attempt again, due now, with the same idempotency key.
        QCOMPARE(store->retryDeadLetters({due[0].id, due[2].id}, kNowMs), 1); // due[2] is not dead
        const OutboxAction retried = store->actionsOfDelivery(batch[0].id)->at(0);
        QCOMPARE(retried.state, ActionState::Pending);
        QCOMPARE(retried.attempts, 0);
        QCOMPARE(retried.nextAttemptMs, kNowMs);
        QCOMPARE(retried.idempotencyKey, due[0].idempotencyKey);
        QCOMPARE(store->actionCounts()->value(forward().target).pending, 2);

        QCOMPARE(store->discardDeadLetters({due[1].id, due[2].id}), 1);
        QCOMPARE(store->deadLetters(10)->size(), 0);
        const QList<OutboxAction> kept = *store->actionsOfDelivery(batch[0].id);
        QCOMPARE(kept.size(), 2);
        QVERIFY(kept[0].idempotencyKey != kept[1].idempotencyKey);

        // Pruned by age, with the outgoing counts of the minutes before the cutoff.
        const qint64 dayMs = 86'400'000, now = kReceivedMs + 100 * dayMs;
        QVERIFY(store->recordResults({result(kept[0].id, ActionState::Dead, 3, now - 31 * dayMs),
            result(kept[1].id, ActionState::Dead, 3, now - 29 * dayMs)}));
        QCOMPARE(store->outgoingMinutes(0, now)->size(), 3);
        QCOMPARE(store->pruneDeadLetters(now - 40 * dayMs), 0); // the first minute's counts go
        QCOMPARE(store->outgoingMinutes(0, now)->size(), 2);
        QCOMPARE(store->pruneDeadLetters(now - 30 * dayMs), 1);
        QCOMPARE(store->deadLetters(10)->size(), 1);
        QCOMPARE(store->deadLetters(10)->first().id, kept[1].id);
        QCOMPARE(store->outgoingMinutes(0, now)->size(), 1);
    }

    // Idempotency keys differ between databases for the same id.
    void idempotencyKeysAreTheDatabases_data() { addBackendRows(); }
    void idempotencyKeysAreTheDatabases()
    {
        FRESH_BACKEND(fresh);
        FreshBackend other(backend);
        const std::unique_ptr<Store> one = fresh.open(), two = other.open();
        QVERIFY(one && two);
        QList<Delivery> a {planned(QStringLiteral("k1"), created(), 1, {forward()})}, b = a;
        QVERIFY(commit(*one, a));
        QVERIFY(commit(*two, b));
        const OutboxAction x = one->actionsOfDelivery(a[0].id)->value(0), y = two->actionsOfDelivery(b[0].id)->value(0);
        QCOMPARE(x.id, y.id);
        QVERIFY(!x.idempotencyKey.isEmpty());
        QVERIFY(x.idempotencyKey != y.idempotencyKey);
        QVERIFY(x.idempotencyKey.endsWith(QByteArray('-' + QByteArray::number(x.id))));
    }

    void firingsOfScheduledChecks_data() { addBackendRows(); }
    void firingsOfScheduledChecks()
    {
        FRESH_BACKEND(fresh);
        const std::unique_ptr<Store> store = fresh.open();
        QVERIFY(store);
        const QString tasks = QStringLiteral("/tasks");
        QList<Delivery> batch {planned(QStringLiteral("t1"), created(), 1, {}, "1", tasks),
            planned(QStringLiteral("t2"), created(), 1, {}, "1", tasks),
            planned(QStringLiteral("t3"), created(), 1, {}, "1", tasks),
            planned(QStringLiteral("t3"), deleted(), 2, {}, "1", tasks),
            planned(QStringLiteral("x1"), created(), 1, {})};
        QVERIFY(commit(*store, batch));
        const QList<CurrentEntry> entries = store->currentEntries(tasks).value();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].entryId, QStringLiteral("t1"));
        QCOMPARE(entries[0].deliveryId, batch[0].id);
        QCOMPARE(entries[0].helperCommand, tasks);
        QCOMPARE(entries[0].event, created());
        QVERIFY(entries[0].data.contains("\"amount\""));
        QCOMPARE(store->currentEntries(QString())->size(), 3);

        QList<Firing> firings;
        for (const CurrentEntry &e : entries)
            firings.append(
                Firing {QStringLiteral("due"), e.entryId, QStringLiteral("due:2026-12-04"), e.deliveryId, {}});
        firings.append(Firing {QStringLiteral("due"), QStringLiteral("gone"), QStringLiteral("due:2026-12-04"), 0, {}});
        int plannedFor = 0;
        auto summary = [&](const QList<Firing> &fresh) {
            plannedFor += int(fresh.size());
            PlannedAction a = notify(QStringLiteral("due"), QString());
            a.payload = QByteArray::number(fresh.size()) + " tasks are due or overdue";
            return QList<PlannedAction> {a};
        };
        QCOMPARE(store->recordFirings(firings, kNowMs, summary), 2); // no entry "gone": nothing fires
        QCOMPARE(plannedFor, 2);
        QCOMPARE(store->actionCounts()->value(QString()).pending, 1);
        QCOMPARE(all(*store).first().payload, QByteArray("2 tasks are due or overdue"));
        QCOMPARE(store->recordFirings(firings, kNowMs, summary), 0);
        QCOMPARE(plannedFor, 2);
        // The same key for the same entry at ingest: fired already.
        QList<Delivery> update {planned(QStringLiteral("t1"), updated(), 3,
            {notify(QStringLiteral("due"), QStringLiteral("due:2026-12-04"))}, "1", tasks)};
        QVERIFY(commit(*store, update));
        QCOMPARE(store->committedActions().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBackendActions)
#include "tst_backendactions.moc"
