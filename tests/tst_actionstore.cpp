// The outbox on a real SQLite file: actions written with their delivery on its final outcome, fired
// once per entry and condition, the per-target limit, due work, attempts and dead letters, what
// deleting, pruning and redacting deliveries do to their actions, restarts and the migration.
#include "ingest/event.h"
#include "store/sqlitestore.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QAtomicInt>
#include <QFile>
#include <QMutex>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace peanuts;
using namespace testsupport;

namespace {

constexpr qint64 kNowMs = 4'000'000'000'000; // beyond every event timestamp used here
constexpr qint64 kReceivedMs = 1'790'000'000'000;
constexpr quint32 kAccepted = 1u << int(Outcome::Accepted);
// What fired, counted over the entries' records (each ends in char(30), migrate-7.sql).
constexpr const char *kFiredCount
    = "SELECT coalesce(sum(length(fired) - length(replace(fired, char(30), ''))), 0) FROM entries";

QString ts(int second)
{
    return QStringLiteral("2026-11-20T10:00:%1Z").arg(second, 2, 10, QLatin1Char('0'));
}

QByteArray body(const QString &id, const QString &event, int second, const QByteArray &amount = "600.50",
    const QString &command = QStringLiteral("/expenses"))
{
    return makeBody(id, event, ts(second), amount, QStringLiteral("Food"), command);
}

Delivery verified(const QByteArray &bytes, QList<PlannedAction> actions = {}, qint64 receivedMs = kReceivedMs)
{
    Delivery d = receivedDelivery(bytes, receivedMs);
    d.secretLabel = QStringLiteral("test");
    ParseResult parsed = parseEvent(bytes, kNowMs, 0);
    d.event = std::move(parsed.event);
    d.actions = std::move(actions);
    return d;
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

// What the writer handed over for an action against what a claim reads back, field by field.
void compareHandedOver(const OutboxAction &h, const OutboxAction &d)
{
    QCOMPARE(h.id, d.id);
    QCOMPARE(h.deliveryId, d.deliveryId);
    QCOMPARE(h.kind, d.kind);
    QCOMPARE(h.state, ActionState::Pending);
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

int rawExec(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
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

} // namespace

class TestActionStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("actions-%1.db").arg(++m_files)); }

    static void open(SqliteStore &store, const QString &path)
    {
        QString error;
        QVERIFY2(store.open(StoreConfig {path}, &error), qPrintable(error));
    }

    static bool commit(SqliteStore &store, QList<Delivery> &batch)
    {
        QString error;
        const bool ok = store.commit(batch, &error);
        if (!ok)
            qWarning() << error;
        return ok;
    }

    static QList<OutboxAction> all(SqliteStore &store) { return store.dueActions(kNowMs, 1'000'000, {}).value(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void actionsFollowTheFinalOutcome()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        const QByteArray first = body(QStringLiteral("e1"), QStringLiteral("entry.created"), 10);
        const QByteArray newer = body(QStringLiteral("e1"), QStringLiteral("entry.updated"), 20, "700");
        const QByteArray older = body(QStringLiteral("e1"), QStringLiteral("entry.updated"), 15, "650");
        QList<Delivery> batch {verified(first, {forward(), post(QStringLiteral("big"), QString())})};
        QVERIFY(commit(store, batch));
        QCOMPARE(batch[0].outcome, Outcome::Accepted);
        QCOMPARE(store.committedActions().size(), 2);
        QCOMPARE(store.actionsOfDelivery(batch[0].id)->size(), 2);

        // The same bytes again: a duplicate, which plans nothing by default; a forward that asks for
        // duplicates gets one.
        const QString dupTarget = QStringLiteral("http://127.0.0.1:9/dups");
        QList<Delivery> again {verified(first, {forward(), post(QStringLiteral("big"), QString())}),
            verified(first, {forward(dupTarget, kAccepted | (1u << int(Outcome::Duplicate)))})};
        QVERIFY(commit(store, again));
        QCOMPARE(again[0].outcome, Outcome::Duplicate);
        QCOMPARE(store.actionsOfDelivery(again[0].id)->size(), 0);
        QCOMPARE(store.actionsOfDelivery(again[1].id)->size(), 1);
        QCOMPARE(store.committedActions().size(), 1);

        // A stale update (older than the applied one) plans nothing either.
        QList<Delivery> late {verified(newer), verified(older, {forward()})};
        QVERIFY(commit(store, late));
        QCOMPARE(late[1].outcome, Outcome::Stale);
        QCOMPARE(store.actionsOfDelivery(late[1].id)->size(), 0);
        QCOMPARE(store.committedActions().size(), 0);

        // A batch without actions writes no outbox row.
        const qint64 rows = rawNumber(path, "SELECT count(*) FROM actions");
        QList<Delivery> plain {verified(body(QStringLiteral("e2"), QStringLiteral("entry.created"), 1))};
        QVERIFY(commit(store, plain));
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM actions"), rows);
        QCOMPARE(rows, 3);
    }

    void aRuleFiresOncePerEntryAndKey()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        auto planned = [](const QString &key) {
            return QList<PlannedAction> {notify(QStringLiteral("big"), key), post(QStringLiteral("big"), key)};
        };
        const QString key = QStringLiteral("amount>50000");
        QList<Delivery> batch {verified(body(QStringLiteral("e1"), QStringLiteral("entry.created"), 1), planned(key)),
            // the same entry again in the same batch: fired already
            verified(body(QStringLiteral("e1"), QStringLiteral("entry.updated"), 2, "601"), planned(key)),
            verified(body(QStringLiteral("e2"), QStringLiteral("entry.created"), 1), planned(key))};
        QVERIFY(commit(store, batch));
        QCOMPARE(store.actionsOfDelivery(batch[0].id)->size(), 2); // both actions of the rule, one record
        QCOMPARE(store.actionsOfDelivery(batch[1].id)->size(), 0);
        QCOMPARE(store.actionsOfDelivery(batch[2].id)->size(), 2);
        QCOMPARE(rawNumber(path, kFiredCount), 2);

        QList<Delivery> later {
            verified(body(QStringLiteral("e1"), QStringLiteral("entry.updated"), 3, "602"), planned(key)),
            verified(body(QStringLiteral("e1"), QStringLiteral("entry.updated"), 4, "603"),
                planned(QStringLiteral("amount>50000:again")))};
        QVERIFY(commit(store, later));
        QCOMPARE(store.actionsOfDelivery(later[0].id)->size(), 0);
        QCOMPARE(store.actionsOfDelivery(later[1].id)->size(), 2); // a changed key fires again
        QCOMPARE(rawNumber(path, kFiredCount), 3);

        // Fired stays fired across a restart.
        store.close();
        open(store, path);
        QList<Delivery> restarted {
            verified(body(QStringLiteral("e2"), QStringLiteral("entry.updated"), 5, "604"), planned(key))};
        QVERIFY(commit(store, restarted));
        QCOMPARE(store.actionsOfDelivery(restarted[0].id)->size(), 0);
    }

    // Five expenses of one batch fire the same rule: each firing is recorded, the first alert is
    // written as it is, the other four as one "4 more" on the last delivery, handed over when its
    // window closes; forwards are not folded.
    void alertsOfOneRuleInABatchAreFolded()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QList<Delivery> batch;
        for (int i = 0; i < 5; ++i) {
            PlannedAction slack = post(QStringLiteral("big"), QStringLiteral("amount>500"));
            slack.payload = QStringLiteral(R"({"text":"expense %1"})").arg(i).toUtf8();
            PlannedAction alert = notify(QStringLiteral("big"), QStringLiteral("amount>500"));
            alert.payload = QByteArray("expense ") + QByteArray::number(i);
            batch.append(verified(
                body(QStringLiteral("f%1").arg(i), QStringLiteral("entry.created"), 1), {alert, slack, forward()}));
        }
        QVERIFY(commit(store, batch));
        QCOMPARE(rawNumber(path, kFiredCount), 5);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM actions WHERE kind = 2"), 5);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM actions WHERE kind = 0"), 2);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM actions WHERE kind = 1"), 2);
        QCOMPARE(store.committedActions().size(), 7);
        QCOMPARE(store.nextFoldCloseMs(), kReceivedMs + 1000);
        QCOMPARE(store.closeFolds(kReceivedMs + 999).size(), 0);
        const QList<OutboxAction> closed = store.closeFolds(kReceivedMs + 1000);
        QCOMPARE(closed.size(), 2);
        QCOMPARE(store.nextFoldCloseMs(), std::nullopt);
        const QList<OutboxAction> last = *store.actionsOfDelivery(batch[4].id);
        QStringList texts;
        for (const OutboxAction &a : last) {
            if (a.kind != ActionKind::Forward)
                texts.append(QString::fromUtf8(a.payload));
        }
        texts.sort();
        QCOMPARE(texts,
            (QStringList {QStringLiteral("4 more; the latest: expense 4"),
                QStringLiteral(R"({"text":"4 more; the latest: expense 4"})")}));
        QCOMPARE(store.actionsOfDelivery(batch[0].id)->size(), 3); // the first alerts, as they are
        const QList<OutboxAction> due = *store.dueActions(kReceivedMs + 1000, 10, {});
        for (const OutboxAction &handed : closed) { // as a claim reads them back
            const auto read
                = std::find_if(due.cbegin(), due.cend(), [&](const OutboxAction &a) { return a.id == handed.id; });
            QVERIFY(read != due.cend());
            compareHandedOver(handed, *read);
            if (QTest::currentTestFailed())
                return;
        }
    }

    // Later batches within the window update the fold's one row rather than adding rows; it is due
    // when the window closes (a claim then takes it, after a restart too), and the next firing after
    // that goes as it is again.
    void aFoldSpansBatchesUntilItsWindowCloses()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        int n = 0;
        auto fire = [&](qint64 atMs, int count) {
            QList<Delivery> batch;
            for (int i = 0; i < count; ++i, ++n) {
                PlannedAction alert = notify(QStringLiteral("big"), QStringLiteral("amount>500"));
                alert.payload = QByteArray("expense ") + QByteArray::number(n);
                batch.append(
                    verified(body(QStringLiteral("w%1").arg(n), QStringLiteral("entry.created"), 1), {alert}, atMs));
            }
            return commit(store, batch) ? batch : QList<Delivery>();
        };
        QCOMPARE(fire(kReceivedMs, 1).size(), 1);
        QCOMPARE(store.committedActions().size(), 1); // the first, at once
        fire(kReceivedMs + 100, 2);
        QCOMPARE(store.committedActions().size(), 0);
        const QList<Delivery> third = fire(kReceivedMs + 900, 1);
        QCOMPARE(store.committedActions().size(), 0);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM actions"), 2);
        QCOMPARE(rawNumber(path, "SELECT next_attempt_ms FROM actions ORDER BY id DESC LIMIT 1"), kReceivedMs + 1000);
        QCOMPARE(store.dueActions(kReceivedMs + 999, 10, {})->size(), 1); // only the first is due yet
        const QList<OutboxAction> rows = *store.actionsOfDelivery(third[0].id);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].payload, QByteArray("3 more; the latest: expense 3"));

        // Still pending after a restart, and claimed once due; a claimed fold is not handed over again.
        store.close();
        open(store, path);
        QCOMPARE(store.dueActions(kReceivedMs + 1000, 10, {})->size(), 2);
        fire(kReceivedMs + 1100, 1);
        QCOMPARE(store.committedActions().size(), 1); // a new window's first

        // A fold whose row went (its delivery deleted: cancelled) gets a new row.
        const QList<Delivery> folded = fire(kReceivedMs + 1200, 1);
        QVERIFY(store.deleteDeliveries({folded[0].id}));
        const QList<Delivery> after = fire(kReceivedMs + 1300, 1);
        QCOMPARE(store.committedActions().size(), 0);
        const QList<OutboxAction> closed = store.closeFolds(kReceivedMs + 2100);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed[0].deliveryId, after[0].id);
        QCOMPARE(closed[0].payload, QByteArray("2 more; the latest: expense 6"));

        // A fold claimed once due is not handed over again.
        fire(kReceivedMs + 2200, 1);
        fire(kReceivedMs + 2300, 1);
        const QList<OutboxAction> due = *store.dueActions(kReceivedMs + 3200, 10, {});
        QVERIFY(std::any_of(
            due.cbegin(), due.cend(), [](const OutboxAction &a) { return a.nextAttemptMs == kReceivedMs + 3200; }));
        QCOMPARE(store.closeFolds(kReceivedMs + 3200).size(), 0);

        // A fold is handed over as the table holds it: redacted meanwhile, its text is gone; deleted, its
        // row is gone and nothing is handed over.
        fire(kReceivedMs + 3300, 1);
        const QList<Delivery> redacted = fire(kReceivedMs + 3400, 1);
        QVERIFY(store.redactDeliveries({redacted[0].id}));
        const QList<OutboxAction> afterRedaction = store.closeFolds(kReceivedMs + 4300);
        QCOMPARE(afterRedaction.size(), 1);
        QCOMPARE(afterRedaction[0].payload, QByteArray());
        QCOMPARE(afterRedaction[0].title, QStringLiteral("[redacted]"));
        fire(kReceivedMs + 4400, 1);
        const QList<Delivery> deleted = fire(kReceivedMs + 4500, 1);
        QVERIFY(store.deleteDeliveries({deleted[0].id}));
        QCOMPARE(store.closeFolds(kReceivedMs + 5400).size(), 0);
    }

    void aFailedCommitWritesNoAction()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        store.setMaxPendingPerTarget(1);
        const QString target = QStringLiteral("http://127.0.0.1:9/one");
        // The second delivery's action makes the transaction fail, after the first one's was written.
        QCOMPARE(rawExec(path,
                     "CREATE TRIGGER boom BEFORE INSERT ON actions WHEN NEW.target = 'http://fail/'"
                     " BEGIN SELECT RAISE(ABORT, 'boom'); END"),
            SQLITE_OK);
        QList<Delivery> batch {verified(body(QStringLiteral("f1"), QStringLiteral("entry.created"), 1),
                                   {forward(target), post(QStringLiteral("big"), QStringLiteral("k"))}),
            verified(body(QStringLiteral("f2"), QStringLiteral("entry.created"), 1),
                {forward(QStringLiteral("http://fail/"))})};
        QString error;
        QVERIFY(!store.commit(batch, &error));
        QCOMPARE(store.committedActions().size(), 0);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM actions"), 0);
        QCOMPARE(rawNumber(path, kFiredCount), 0);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM deliveries"), 0);

        // Nothing of it stays in memory either: the target still has room, and the rule is fresh.
        QCOMPARE(rawExec(path, "DROP TRIGGER boom"), SQLITE_OK);
        QVERIFY(commit(store, batch));
        QCOMPARE(store.actionsOfDelivery(batch[0].id)->size(), 2);
        QCOMPARE(store.actionCounts()->value(target).dropped, 0);
    }

    void thePerTargetLimitBitesAndIsCounted()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        store.setMaxPendingPerTarget(2);
        const QString a = QStringLiteral("http://a/"), b = QStringLiteral("http://b/");
        QList<Delivery> batch {verified(body(QStringLiteral("l1"), QStringLiteral("entry.created"), 1),
            {forward(a), forward(a), forward(a), forward(b)})};
        // The first drop is logged (headless runs see it there); more within the minute are not.
        QTest::ignoreMessage(QtWarningMsg,
            QRegularExpression(
                QStringLiteral("^2 outgoing actions for http://a/ are waiting already.*; 1 more dropped")));
        QVERIFY(commit(store, batch));
        QTest::failOnWarning(QRegularExpression(QStringLiteral("dropped")));
        QCOMPARE(store.committedActions().size(), 3);
        QHash<QString, ActionCounts> counts = store.actionCounts().value();
        QCOMPARE(counts.value(a).pending, 2);
        QCOMPARE(counts.value(a).dropped, 1);
        QCOMPARE(counts.value(b).pending, 1);
        QCOMPARE(counts.value(b).dropped, 0);

        PlannedAction more = post(QString(), QString(), a);
        QCOMPARE(store.addActions({more, more}, kNowMs), 0);
        QCOMPARE(store.actionCounts()->value(a).dropped, 3);

        // Room again once one is done; a retry (still pending) makes none.
        const QList<OutboxAction> due = store.dueActions(kNowMs, 10, {}).value();
        QList<ActionResult> results;
        for (const OutboxAction &o : due) {
            if (o.target == a)
                results.append(result(o.id, results.isEmpty() ? ActionState::Done : ActionState::Pending, 1, kNowMs));
        }
        results.last().nextAttemptMs = kNowMs + 1000;
        QVERIFY(store.recordResults(results));
        QCOMPARE(store.addActions({more, more}, kNowMs), 1);
        QCOMPARE(store.actionCounts()->value(a).dropped, 4);

        // The counts come back from the table after a restart.
        store.close();
        open(store, path);
        store.setMaxPendingPerTarget(2);
        QCOMPARE(store.addActions({more}, kNowMs), 0);
        QCOMPARE(store.addActions({post(QString(), QString(), b)}, kNowMs), 1);
        counts = store.actionCounts().value();
        QCOMPARE(counts.value(a).pending, 1);
        QCOMPARE(counts.value(a).retrying, 1);
        QCOMPARE(counts.value(a).dropped, 5);
        QCOMPARE(counts.value(b).pending, 2);
    }

    void dueActionsAreCappedPerTargetAndSkipThoseInFlight()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        const QString a = QStringLiteral("http://a/"), b = QStringLiteral("http://b/");
        QList<Delivery> batch {verified(body(QStringLiteral("d1"), QStringLiteral("entry.created"), 1),
            {forward(a), forward(a), forward(a), forward(a), forward(b), forward(b)})};
        QVERIFY(commit(store, batch));
        QList<OutboxAction> due = store.dueActions(kReceivedMs, 2, {}).value();
        QCOMPARE(due.size(), 4);
        QList<qint64> aIds;
        for (const OutboxAction &o : due) {
            QCOMPARE(o.kind, ActionKind::Forward);
            QCOMPARE(o.body, batch[0].body); // the delivery's bytes, for the forward
            QCOMPARE(o.headers, batch[0].headers);
            QCOMPARE(o.deliveryId, batch[0].id);
            QVERIFY(!o.idempotencyKey.isEmpty());
            if (o.target == a)
                aIds.append(o.id);
        }
        QCOMPARE(aIds.size(), 2);
        // In flight: left out, and the next ones of the target come instead.
        due = store.dueActions(kReceivedMs, 2, {aIds[0], aIds[1]}).value();
        QCOMPARE(due.size(), 4);
        for (const OutboxAction &o : due)
            QVERIFY(!aIds.contains(o.id));
        // Not yet due: left out.
        QCOMPARE(store.dueActions(kReceivedMs - 1, 2, {})->size(), 0);
        QCOMPARE(store.nextDueMs().value(), kReceivedMs);
        // A later attempt is due later, and ordered by when it is due.
        ActionResult retry = result(due.first().id, ActionState::Pending, 1, kReceivedMs);
        retry.nextAttemptMs = kReceivedMs + 5000;
        QVERIFY(store.recordResults({retry}));
        due = store.dueActions(kReceivedMs + 5000, 10, {}).value();
        QCOMPARE(due.size(), 6);
        QCOMPARE(due.last().id, retry.id);
        QCOMPARE(store.dueActions(kReceivedMs, 10, {})->size(), 5);
    }

    void resultsCountsAndOutgoingMinutes()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        const QString a = QStringLiteral("http://a/");
        QList<Delivery> batch {verified(
            body(QStringLiteral("r1"), QStringLiteral("entry.created"), 1), {forward(a), forward(a), forward(a)})};
        QVERIFY(commit(store, batch));
        const QList<OutboxAction> due = all(store);
        QCOMPARE(due.size(), 3);
        const qint64 minute = kReceivedMs / 60'000 * 60'000;
        ActionResult done = result(due[0].id, ActionState::Done, 1, minute + 1000);
        done.answer.body = QByteArray(kMaxAnswerBodyBytes + 100, 'x');
        done.answer.bodySize = done.answer.body.size();
        ActionResult retrying = result(due[1].id, ActionState::Pending, 1, minute + 2000, QStringLiteral("503"));
        retrying.nextAttemptMs = minute + 60'000;
        ActionResult dead = result(due[2].id, ActionState::Dead, 5, minute + 61'000, QStringLiteral("refused"));
        QVERIFY(store.recordResults({done, retrying, dead}));

        const QList<OutboxAction> rows = store.actionsOfDelivery(batch[0].id).value();
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

        const ActionCounts counts = store.actionCounts()->value(a);
        QCOMPARE(counts.pending, 0);
        QCOMPARE(counts.retrying, 1);
        QCOMPARE(counts.dead, 1);
        QCOMPARE(store.nextDueMs().value(), minute + 60'000);

        const QList<OutgoingMinute> minutes = store.outgoingMinutes(minute, minute + 120'000).value();
        QCOMPARE(minutes.size(), 2);
        QCOMPARE(minutes[0].minuteStartMs, minute);
        QCOMPARE(minutes[0].delivered, 1);
        QCOMPARE(minutes[0].retrying, 1);
        QCOMPARE(minutes[0].dead, 0);
        QCOMPARE(minutes[1].dead, 1);
        QCOMPARE(store.outgoingMinutes(minute + 60'000, minute + 120'000)->size(), 1);
    }

    void deadLettersRetryAndDiscard()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        QList<Delivery> batch {verified(
            body(QStringLiteral("x1"), QStringLiteral("entry.created"), 1), {forward(), forward(), forward()})};
        QVERIFY(commit(store, batch));
        const QList<OutboxAction> due = all(store);
        QVERIFY(store.recordResults({result(due[0].id, ActionState::Dead, 3, kReceivedMs + 10, QStringLiteral("e0")),
            result(due[1].id, ActionState::Dead, 3, kReceivedMs + 20, QStringLiteral("e1"))}));
        QList<OutboxAction> dead = store.deadLetters(10).value();
        QCOMPARE(dead.size(), 2);
        QCOMPARE(dead[0].id, due[1].id); // newest first
        QCOMPARE(dead[0].lastError, QStringLiteral("e1"));
        QCOMPARE(store.deadLetters(1)->size(), 1);

        // Retry: pending from the first attempt again, due now, with the same idempotency key.
        QCOMPARE(store.retryDeadLetters({due[0].id, due[2].id}, kNowMs), 1); // due[2] is not dead
        const OutboxAction retried = store.actionsOfDelivery(batch[0].id)->at(0);
        QCOMPARE(retried.state, ActionState::Pending);
        QCOMPARE(retried.attempts, 0);
        QCOMPARE(retried.nextAttemptMs, kNowMs);
        QCOMPARE(retried.idempotencyKey, due[0].idempotencyKey);
        QCOMPARE(store.actionCounts()->value(forward().target).pending, 2);

        QCOMPARE(store.discardDeadLetters({due[1].id, due[2].id}), 1);
        QCOMPARE(store.deadLetters(10)->size(), 0);
        QCOMPARE(store.actionsOfDelivery(batch[0].id)->size(), 2);

        // Idempotency keys differ between actions, and between databases for the same id.
        const QList<OutboxAction> kept = *store.actionsOfDelivery(batch[0].id);
        QVERIFY(kept[0].idempotencyKey != kept[1].idempotencyKey);
        SqliteStore other;
        open(other, newPath());
        QList<Delivery> again {verified(body(QStringLiteral("x1"), QStringLiteral("entry.created"), 1), {forward()})};
        QVERIFY(commit(other, again));
        const QList<OutboxAction> theirs = *other.actionsOfDelivery(again[0].id);
        QCOMPARE(theirs.size(), 1);
        QVERIFY(!theirs[0].idempotencyKey.isEmpty());
        QVERIFY(theirs[0].idempotencyKey != kept[0].idempotencyKey);
    }

    void deletingAndPruningDeliveriesCancelTheirActions()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        store.setMaxPendingPerTarget(1);
        const QString a = QStringLiteral("http://a/");
        const qint64 dayMs = 86'400'000;
        // Old: an entry's first version, replaced later (not an applied delivery, so it can be pruned).
        QList<Delivery> batch {verified(body(QStringLiteral("p1"), QStringLiteral("entry.created"), 1), {forward(a)},
                                   kReceivedMs - 10 * dayMs),
            verified(body(QStringLiteral("p1"), QStringLiteral("entry.updated"), 2), {}, kReceivedMs),
            verified(body(QStringLiteral("p2"), QStringLiteral("entry.created"), 1),
                {forward(a), post(QString(), QString(), QStringLiteral("http://b/"))}, kReceivedMs)};
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("for http://a/ .* 1 more dropped")));
        QVERIFY(commit(store, batch));
        QCOMPARE(store.committedActions().size(), 2); // the second forward to a is over the limit
        const QList<OutboxAction> p2 = store.actionsOfDelivery(batch[2].id).value();
        QCOMPARE(p2.size(), 1);
        QVERIFY(store.recordResults({result(p2[0].id, ActionState::Dead, 3, kReceivedMs)}));

        QVERIFY(store.deleteDeliveries({batch[2].id}));
        QCOMPARE(store.actionsOfDelivery(batch[2].id)->size(), 0);
        QCOMPARE(store.deadLetters(10)->size(), 0);

        RetentionPolicy policy;
        policy.maxAgeDays = 5;
        QCOMPARE(store.prune(policy, kReceivedMs, 100), 1);
        QCOMPARE(store.actionsOfDelivery(batch[0].id)->size(), 0);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM actions"), 0);
        // The pending counts were taken again: the target has room again.
        QCOMPARE(store.addActions({forward(a), forward(a)}, kNowMs), 1);
        QVERIFY(store.checkProjection()->ok());
    }

    void redactingDeliveriesRedactsTheirActions()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        const QString a = QStringLiteral("http://a/");
        PlannedAction text = post(QString(), QString(), QStringLiteral("http://slack/"));
        text.payload = "secret-expense-text";
        text.title = QStringLiteral("secret-title");
        QList<Delivery> batch {verified(body(QStringLiteral("s1"), QStringLiteral("entry.created"), 1),
            {forward(a), forward(a), text, notify(QString(), QString())})};
        QVERIFY(commit(store, batch));
        QList<OutboxAction> rows = store.actionsOfDelivery(batch[0].id).value();
        ActionResult answered = result(rows[0].id, ActionState::Done, 1, kReceivedMs);
        answered.answer.body = "secret-answer-body";
        answered.answer.headers = "x-secret: secret-answer-header\n";
        QVERIFY(store.recordResults(
            {answered, result(rows[3].id, ActionState::Dead, 2, kReceivedMs, QStringLiteral("no bus"))}));

        QVERIFY(store.redactDeliveries({batch[0].id}));
        rows = store.actionsOfDelivery(batch[0].id).value();
        QCOMPARE(rows.size(), 3); // the pending forward is cancelled: its body is gone
        QCOMPARE(rows[0].state, ActionState::Done);
        QVERIFY(rows[0].answer.body.isEmpty());
        QVERIFY(rows[0].answer.headers.isEmpty());
        QCOMPARE(rows[1].kind, ActionKind::Post);
        QVERIFY(rows[1].payload.isEmpty());
        QCOMPARE(rows[1].title, QStringLiteral("[redacted]"));
        QCOMPARE(rows[2].state, ActionState::Dead);
        QVERIFY(rows[2].payload.isEmpty());
        QCOMPARE(rows[2].lastError, QStringLiteral("no bus"));
        QCOMPARE(store.actionCounts()->value(a).pending, 0);
        QCOMPARE(rawNumber(path,
                     "SELECT count(*) FROM actions WHERE instr(payload, 'secret') OR instr(title, 'secret')"
                     " OR instr(answer_body, 'secret') OR instr(answer_headers, 'secret')"),
            0);
        // Peanuts retrying the redacted delivery: stored without its bytes, so nothing to forward.
        QList<Delivery> retry {verified(batch[0].body, {forward(a, kAccepted | (1u << int(Outcome::Duplicate)))})};
        QVERIFY(commit(store, retry));
        QVERIFY(retry[0].redacted);
        QCOMPARE(store.actionsOfDelivery(retry[0].id)->size(), 0);
        QVERIFY(store.checkProjection()->ok());
    }

    // With the outgoing chart's counts of the minutes before the cutoff.
    void deadLettersArePrunedByAge()
    {
        const QString path = newPath();
        {
            SqliteStore store;
            open(store, path);
            QList<Delivery> batch {
                verified(body(QStringLiteral("o1"), QStringLiteral("entry.created"), 1), {forward(), forward()})};
            QVERIFY(commit(store, batch));
            const QList<OutboxAction> due = all(store);
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const qint64 dayMs = 86'400'000;
            QVERIFY(store.recordResults({result(due[0].id, ActionState::Dead, 3, now - 31 * dayMs),
                result(due[1].id, ActionState::Dead, 3, now - 29 * dayMs)}));
            QCOMPARE(store.pruneDeadLetters(now - 40 * dayMs), 0);
            QCOMPARE(rawNumber(path, "SELECT count(*) FROM outgoing_minutes"), 2);
        }
        // The writer's prune run takes the one older than 30 days, with no limit on deliveries.
        QString error;
        StoreWorker worker(std::make_unique<SqliteStore>(), StoreConfig {path}, &error);
        QVERIFY2(worker.isOpen(), qPrintable(error));
        QVERIFY(RetentionPolicy().keepsEverything());
        worker.setRetention(RetentionPolicy());
        QAtomicInt left(-1);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                worker.run([&](Store &s) { left.storeRelease(int(s.deadLetters(10)->size())); });
                return left.loadAcquire() == 1;
            }(),
            5000);
        worker.shutdown();
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM outgoing_minutes"), 1);
    }

    void theWriterSaysWhenActionsWereCommitted()
    {
        const QString path = newPath();
        QString error;
        StoreWorker worker(std::make_unique<SqliteStore>(), StoreConfig {path}, &error);
        QVERIFY2(worker.isOpen(), qPrintable(error));
        QAtomicInt calls(0), results(0);
        QMutex mutex;
        QList<OutboxAction> handed; // under mutex
        worker.setResultSink([&](std::vector<IngestResult> &&r) { results.fetchAndAddOrdered(int(r.size())); });
        worker.setActionsCommitted([&](QList<OutboxAction> actions) {
            QMutexLocker lock(&mutex);
            handed += actions;
            calls.fetchAndAddOrdered(1);
        });
        worker.submit(1, verified(body(QStringLiteral("h1"), QStringLiteral("entry.created"), 1)));
        QTRY_COMPARE(results.loadAcquire(), 1);
        QCOMPARE(calls.loadAcquire(), 0);
        const Delivery sent = verified(body(QStringLiteral("h2"), QStringLiteral("entry.created"), 1),
            {forward(), notify(QStringLiteral("big"), QStringLiteral("amount>500"))});
        worker.submit(2, Delivery(sent));
        QTRY_COMPARE(results.loadAcquire(), 2);
        QTRY_COMPARE(calls.loadAcquire(), 1);
        // A duplicate plans nothing: no call.
        worker.submit(3, verified(body(QStringLiteral("h2"), QStringLiteral("entry.created"), 1), {forward()}));
        QTRY_COMPARE(results.loadAcquire(), 3);
        // What was handed over is what the dispatcher would claim: the same rows, the same contents.
        std::optional<QList<OutboxAction>> due;
        worker.run([&](Store &s) {
            QList<OutboxAction> rows = *s.dueActions(kNowMs, 10, {});
            QMutexLocker lock(&mutex);
            due = rows;
        });
        QTRY_VERIFY([&] {
            QMutexLocker lock(&mutex);
            return due.has_value();
        }());
        worker.shutdown();
        QCOMPARE(calls.loadAcquire(), 1);
        QCOMPARE(handed.size(), 2);
        QCOMPARE(due->size(), 2);
        auto byId = [](const OutboxAction &a, const OutboxAction &b) { return a.id < b.id; };
        std::sort(handed.begin(), handed.end(), byId);
        std::sort(due->begin(), due->end(), byId);
        for (int i = 0; i < 2; ++i) {
            compareHandedOver(handed[i], (*due)[i]);
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(handed[0].kind, ActionKind::Forward);
        QCOMPARE(handed[0].body, sent.body);
        QVERIFY(!handed[0].headers.isEmpty());
    }

    void firingsOfScheduledChecks()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        const QString tasks = QStringLiteral("/tasks");
        QList<Delivery> batch {verified(body(QStringLiteral("t1"), QStringLiteral("entry.created"), 1, "1", tasks)),
            verified(body(QStringLiteral("t2"), QStringLiteral("entry.created"), 1, "1", tasks)),
            verified(body(QStringLiteral("t3"), QStringLiteral("entry.created"), 1, "1", tasks)),
            verified(body(QStringLiteral("t3"), QStringLiteral("entry.deleted"), 2, "1", tasks)),
            verified(body(QStringLiteral("x1"), QStringLiteral("entry.created"), 1))};
        QVERIFY(commit(store, batch));
        const QList<CurrentEntry> entries = store.currentEntries(tasks).value();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].entryId, QStringLiteral("t1"));
        QCOMPARE(entries[0].deliveryId, batch[0].id);
        QCOMPARE(entries[0].helperCommand, tasks);
        QCOMPARE(entries[0].event, QStringLiteral("entry.created"));
        QVERIFY(entries[0].data.contains("\"amount\""));
        QCOMPARE(store.currentEntries(QString())->size(), 3);

        QList<Firing> firings;
        for (const CurrentEntry &e : entries)
            firings.append(
                Firing {QStringLiteral("due"), e.entryId, QStringLiteral("due:2026-12-04"), e.deliveryId, {}});
        int planned = 0;
        auto summary = [&](const QList<Firing> &fresh) {
            planned += int(fresh.size());
            PlannedAction a = notify(QStringLiteral("due"), QString());
            a.payload = QByteArray::number(fresh.size()) + " tasks are due or overdue";
            return QList<PlannedAction> {a};
        };
        QCOMPARE(store.recordFirings(firings, kNowMs, summary), 2);
        QCOMPARE(planned, 2);
        QCOMPARE(store.actionCounts()->value(QString()).pending, 1);
        QCOMPARE(all(store).first().payload, QByteArray("2 tasks are due or overdue"));
        QCOMPARE(store.recordFirings(firings, kNowMs, summary), 0);
        QCOMPARE(planned, 2);
        // The same key for the same entry at ingest: fired already.
        QList<Delivery> update {verified(body(QStringLiteral("t1"), QStringLiteral("entry.updated"), 3, "1", tasks),
            {notify(QStringLiteral("due"), QStringLiteral("due:2026-12-04"))})};
        QVERIFY(commit(store, update));
        QCOMPARE(store.committedActions().size(), 0);
    }

    void migratesFromSchema5()
    {
        const QString path = newPath();
        qint64 id = 0;
        {
            SqliteStore store;
            open(store, path);
            QList<Delivery> batch {verified(body(QStringLiteral("m1"), QStringLiteral("entry.created"), 1))};
            QVERIFY(commit(store, batch));
            id = batch[0].id;
        }
        // What schema 5 was: no outbox.
        QCOMPARE(rawExec(path,
                     "DROP TABLE actions; ALTER TABLE entries DROP COLUMN fired; DROP TABLE action_drops;"
                     " " PEANUTS_DELIVERIES_BEFORE_SCHEMA_8
                     " DROP TABLE outgoing_minutes; DELETE FROM sqlite_sequence WHERE name = 'actions';"
                     " PRAGMA user_version = 5;"),
            SQLITE_OK);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'actions'"), 0);
        SqliteStore store;
        open(store, path);
        QCOMPARE(rawNumber(path, "PRAGMA user_version"), qint64(SqliteStore::schemaVersion()));
        QVERIFY(store.delivery(id).has_value());
        QList<Delivery> batch {verified(body(QStringLiteral("m2"), QStringLiteral("entry.created"), 1),
            {forward(), notify(QStringLiteral("r"), QStringLiteral("k"))})};
        QVERIFY(commit(store, batch));
        QCOMPARE(store.actionsOfDelivery(batch[0].id)->size(), 2);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'actions_target_due'"), 1);
        QVERIFY(store.checkProjection()->ok());
    }

    // Schema 6 kept what fired in a table of its own; schema 7 moves it into the entries' rows, and a
    // rule that fired before the upgrade does not fire again after it.
    void migratesFiredFromSchema6()
    {
        const QString path = newPath();
        {
            SqliteStore store;
            open(store, path);
            QList<Delivery> batch {verified(body(QStringLiteral("g1"), QStringLiteral("entry.created"), 1)),
                verified(body(QStringLiteral("g2"), QStringLiteral("entry.created"), 1))};
            QVERIFY(commit(store, batch));
        }
        QCOMPARE(rawExec(path,
                     "ALTER TABLE entries DROP COLUMN fired;"
                     " CREATE TABLE fired (rule_id TEXT NOT NULL, entry_id TEXT NOT NULL, fire_key TEXT NOT NULL,"
                     " fired_ms INTEGER NOT NULL, PRIMARY KEY (rule_id, entry_id, fire_key)) WITHOUT ROWID;"
                     " INSERT INTO fired VALUES ('big', 'g1', 'amount>500', 1), ('due', 'g1', 'due:2026-12-04', 1),"
                     " ('big', 'gone', 'amount>500', 1);"
                     " " PEANUTS_DELIVERIES_BEFORE_SCHEMA_8 " PRAGMA user_version = 6;"),
            SQLITE_OK);
        SqliteStore store;
        open(store, path);
        QCOMPARE(rawNumber(path, "PRAGMA user_version"), qint64(SqliteStore::schemaVersion()));
        // Schema 8 (migrate-8.sql): the deliveries from before were received here, none imported.
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM deliveries WHERE imported = 0"), 2);
        QCOMPARE(rawNumber(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'fired'"), 0);
        QCOMPARE(rawNumber(path, kFiredCount), 2); // the one without an entry cannot fire: dropped
        QList<Delivery> again {verified(body(QStringLiteral("g1"), QStringLiteral("entry.updated"), 2, "601"),
                                   {notify(QStringLiteral("big"), QStringLiteral("amount>500")),
                                       notify(QStringLiteral("due"), QStringLiteral("due:2026-12-04"))}),
            verified(body(QStringLiteral("g2"), QStringLiteral("entry.updated"), 2, "601"),
                {notify(QStringLiteral("big"), QStringLiteral("amount>500"))})};
        QVERIFY(commit(store, again));
        QCOMPARE(store.actionsOfDelivery(again[0].id)->size(), 0);
        QCOMPARE(store.actionsOfDelivery(again[1].id)->size(), 1);
        QCOMPARE(rawNumber(path, kFiredCount), 3);
        QVERIFY(store.checkProjection()->ok());
    }

    // A record is matched whole: a rule whose id ends like another's, or a key that starts like
    // another's, is a rule of its own; separators inside an id cannot forge a record.
    void firedRecordsMatchWhole()
    {
        const QString path = newPath();
        SqliteStore store;
        open(store, path);
        auto once = [&](int version, const QString &rule, const QString &key) {
            // Each past the last one's fold window, so that what fires is handed over at once.
            QList<Delivery> batch {verified(body(QStringLiteral("h1"), QStringLiteral("entry.updated"), version, "601"),
                {notify(rule, key)}, kReceivedMs + version * 10'000)};
            return commit(store, batch) ? store.committedActions().size() : -1;
        };
        QCOMPARE(once(1, QStringLiteral("xbig"), QStringLiteral("amount>500")), 1);
        QCOMPARE(once(2, QStringLiteral("big"), QStringLiteral("amount>500")), 1);
        QCOMPARE(once(3, QStringLiteral("big"), QStringLiteral("amount>50")), 1);
        QCOMPARE(once(4, QStringLiteral("big"), QStringLiteral("amount>500")), 0);
        QCOMPARE(once(5,
                     QStringLiteral("big\x1f"
                                    "amount>500\x1e"
                                    "b"),
                     QStringLiteral("k")),
            1);
        QCOMPARE(once(6, QStringLiteral("b"), QStringLiteral("k")), 1);
        QCOMPARE(rawNumber(path, kFiredCount), 5);
    }
};

QTEST_GUILESS_MAIN(TestActionStore)
#include "tst_actionstore.moc"
