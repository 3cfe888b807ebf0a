// The outbox on both backends (tst_actionstore's main cases, SQLite and PostgreSQL alike): actions
// written with their delivery, fired once per entry and condition, the per-target limit, due work,
// attempts, dead letters and the outgoing counts. On PostgreSQL, several instances on one outbox:
// each action is claimed by one of them, a claim lapses after its lease, and a scheduled check run by
// two instances at once fires once.
#include "backends.h"
#include "storekit.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <thread>

using namespace peanuts;
using namespace peanuts::test;
using namespace testsupport;

namespace {

constexpr quint32 kAccepted = 1u << int(Outcome::Accepted);

Delivery with(Delivery d, QList<PlannedAction> actions)
{
    d.actions = std::move(actions);
    return d;
}

Delivery planned(const QString &id, const QString &event, int second, QList<PlannedAction> actions,
    const QByteArray &amount = "600.50", const QString &command = QStringLiteral("/expenses"))
{
    return with(
        verified(makeBody(id, event, timestamp(second), amount, QStringLiteral("Food"), command)), std::move(actions));
}

PlannedAction forward(const QString &target = QStringLiteral("http://127.0.0.1:9/hook"), quint32 mask = kAccepted)
{
    PlannedAction a;
    a.kind = ActionKind::Forward;
    a.target = target;
    a.outcomeMask = mask;
    return a;
}

PlannedAction post(const QString &rule, const QString &fireKey, const QString &target = QStringLiteral("http://a/"))
{
    PlannedAction a;
    a.kind = ActionKind::Post;
    a.target = target;
    a.ruleId = rule;
    a.fireKey = fireKey;
    a.title = QStringLiteral("Big expense");
    a.payload = R"({"text":"expense of 600.50"})";
    return a;
}

PlannedAction notify(const QString &rule, const QString &fireKey)
{
    PlannedAction a;
    a.kind = ActionKind::Notify;
    a.ruleId = rule;
    a.fireKey = fireKey;
    a.title = QStringLiteral("Big expense");
    a.payload = "600.50 spent";
    return a;
}

ActionResult result(qint64 id, ActionState state, int attempts, qint64 atMs, const QString &error = QString())
{
    ActionResult r;
    r.id = id;
    r.state = state;
    r.attempts = attempts;
    r.error = error;
    r.answer.status = state == ActionState::Done ? 200 : 503;
    r.answer.headers = "content-type: text/plain\n";
    r.answer.body = "answer text";
    r.answer.bodySize = r.answer.body.size();
    r.answer.atMs = atMs;
    r.answer.durationMs = 7;
    return r;
}

bool commit(Store &store, QList<Delivery> &batch)
{
    QString error;
    const bool ok = store.commit(batch, &error);
    if (!ok)
        qWarning().noquote() << "commit failed:" << error;
    return ok;
}

QList<OutboxAction> all(Store &store)
{
    return store.dueActions(kNowMs, 1'000'000, {}).value();
}

QSet<qint64> idsOf(const QList<OutboxAction> &actions)
{
    QSet<qint64> set;
    for (const OutboxAction &a : actions)
        set.insert(a.id);
    return set;
}

// One number from the database, in each backend's dialect (-1 on failure).
qint64 number(const FreshBackend &fresh, Store &store, const char *sqlite, const char *postgres)
{
    if (!fresh.isPostgres())
        return rawNumber(fresh.location(), sqlite);
    QSqlQuery q(static_cast<PgStore &>(store).database());
    return q.exec(QString::fromUtf8(postgres)) && q.next() ? q.value(0).toLongLong() : -1;
}

// What fired, counted over the entries' records (each ends in char(30)).
qint64 firedCount(const FreshBackend &fresh, Store &store)
{
    return number(fresh, store,
        "SELECT coalesce(sum(length(fired) - length(replace(fired, char(30), ''))), 0) FROM entries",
        "SELECT coalesce(sum(length(fired) - length(replace(fired, chr(30), ''))), 0) FROM entries");
}

// The per-target limit: SQLite's setter; PostgreSQL reads the team's from meta (before the first action).
bool setLimit(const FreshBackend &fresh, Store &store, qint64 limit)
{
    if (!fresh.isPostgres()) {
        static_cast<SqliteStore &>(store).setMaxPendingPerTarget(limit);
        return true;
    }
    QSqlQuery q(static_cast<PgStore &>(store).database());
    return q.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('max_pending_per_target', '%1')"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                      .arg(limit));
}

} // namespace

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
        for (qsizetype i = 0; i < 2; ++i) {
            const OutboxAction &h = handed[i], &d = due[i];
            QCOMPARE(h.id, d.id);
            QCOMPARE(h.deliveryId, d.deliveryId);
            QCOMPARE(h.kind, d.kind);
            QCOMPARE(h.target, d.target);
            QCOMPARE(h.ruleId, d.ruleId);
            QCOMPARE(h.title, d.title);
            QCOMPARE(h.payload, d.payload);
            QCOMPARE(h.idempotencyKey, d.idempotencyKey);
            QCOMPARE(h.createdMs, d.createdMs);
            QCOMPARE(h.nextAttemptMs, d.nextAttemptMs);
            QCOMPARE(h.body, d.body);
            QCOMPARE(h.headers, d.headers);
        }
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

    // --- PostgreSQL: several instances on one outbox ---

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
        QString failures[2];
        QAtomicInt ready(0);
        const auto instance = [&](int n) {
            PgStore mine;
            QString error;
            if (!mine.open(StoreConfig {fresh.location()}, &error)) {
                failures[n] = error;
                ready.fetchAndAddOrdered(1);
                return;
            }
            ready.fetchAndAddOrdered(1);
            while (ready.loadAcquire() < 2) { }
            for (;;) {
                const std::optional<QList<OutboxAction>> due = mine.dueActions(kReceivedMs, 3, {});
                if (!due) {
                    failures[n] = mine.lastError();
                    return;
                }
                if (due->isEmpty())
                    return;
                QList<ActionResult> results;
                for (const OutboxAction &a : *due) {
                    carried[n].append(a.id);
                    results.append(result(a.id, ActionState::Done, 1, kReceivedMs));
                }
                if (!mine.recordResults(results)) {
                    failures[n] = mine.lastError();
                    return;
                }
            }
        };
        std::thread one(instance, 0), two(instance, 1);
        one.join();
        two.join();
        QCOMPARE(failures[0], QString());
        QCOMPARE(failures[1], QString());
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
        QCOMPARE(a->dueActions(now, 10, {})->size(), 2); // its own: the dispatcher may leave some for a claim

        const qint64 later = now + 5000;
        QCOMPARE(b->dueActions(later - 4001, 10, {})->size(), 0); // a's claim of `now` lasts until now + 1000
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
        int fresh0[kRounds] {}, fresh1[kRounds] {};
        QString failures[2];
        QAtomicInt ready(0);
        const auto instance = [&](int n, int *freshCounts) {
            PgStore mine;
            QString error;
            const bool opened = mine.open(StoreConfig {fresh.location()}, &error);
            ready.fetchAndAddOrdered(1);
            if (!opened) {
                failures[n] = error;
                return;
            }
            for (int round = 0; round < kRounds; ++round) {
                while (ready.loadAcquire() < 2 * (round + 1)) { }
                QList<Firing> firings;
                for (const CurrentEntry &e : mine.currentEntries(tasks).value_or(QList<CurrentEntry>()))
                    firings.append(Firing {
                        QStringLiteral("due"), e.entryId, QStringLiteral("due:%1").arg(round), e.deliveryId, {}});
                if (n == 1)
                    std::reverse(firings.begin(), firings.end());
                freshCounts[round] = mine.recordFirings(firings, kNowMs, [](const QList<Firing> &fresh) {
                    QList<PlannedAction> list;
                    for (const Firing &f : fresh) {
                        PlannedAction a = notify(f.ruleId, QString());
                        a.payload = f.entryId.toUtf8();
                        a.deliveryId = f.deliveryId;
                        list.append(a);
                    }
                    return list;
                });
                if (freshCounts[round] < 0)
                    failures[n] = mine.lastError();
                ready.fetchAndAddOrdered(1);
            }
        };
        std::thread one(instance, 0, fresh0), two(instance, 1, fresh1);
        one.join();
        two.join();
        QCOMPARE(failures[0], QString());
        QCOMPARE(failures[1], QString());
        for (int round = 0; round < kRounds; ++round)
            QCOMPARE(fresh0[round] + fresh1[round], kEntries);
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

QTEST_GUILESS_MAIN(TestBackendActions)
#include "tst_backendactions.moc"
