// PostgreSQL backend, the outbox (ActionStore). The same rows and semantics as SQLite's
// (sqliteactions.cpp, sqliteoutbox.cpp); what differs is that several instances share the table, and
// the team sends each action once:
// - an action is claimed by one instance (claimed_by, claim_until_ms): the writer claims what its
//   commit wrote and hands it to its own dispatcher (committedActions()); dueActions() claims due
//   rows nobody else holds with FOR UPDATE SKIP LOCKED, so two instances never claim the same row;
//   a claim ends with its result, or lapses after m_claimLeaseMs (its instance stopped);
// - "fired once" is decided under the entry's row lock, never by what one instance remembers;
// - the per-target limit is counted from the table (see insertAction() for its bound);
// - alerts are not folded: SQLite folds a rule's burst of alerts in the one writer's memory, and the
//   hand-over of folds at their window's end (closeFolds()) has no counterpart here. In team mode every
//   firing is its own alert.
#include "store/pgstore.h"

#include "platform/logging.h"

#include <QDateTime>

#include <algorithm>
#include <map>
#include <numeric>

namespace peanuts {

namespace {

// The columns an OutboxAction is read from, in order (readAction), with a forward's delivery bytes.
#define PG_ACTION_COLUMNS                                                                                              \
    "a.id, a.delivery_id, a.kind, a.state, a.target, a.rule_id, a.title, a.payload, a.attempts, a.created_ms,"         \
    " a.next_attempt_ms, a.last_error, a.answer_status, a.answer_headers, a.answer_body, a.answer_body_size,"          \
    " a.answer_ms, a.answer_duration_ms"
constexpr int kActionColumns = 18;

// Desktop notifications (target "") come in bursts and are carried out as they are claimed: larger
// claims, as on SQLite.
constexpr int kNotificationClaimFactor = 16;
// A target found at its limit drops further actions without counting again for this long.
constexpr qint64 kFullMemoMs = 1000;

QByteArray bytesOf(const QSqlQuery &q, int column)
{
    const QByteArray value = q.value(column).toByteArray();
    return value.isNull() ? QByteArray("") : value;
}

OutboxAction readAction(const QSqlQuery &q, const QByteArray &keyPrefix)
{
    OutboxAction a;
    a.id = q.value(0).toLongLong();
    a.deliveryId = q.isNull(1) ? 0 : q.value(1).toLongLong();
    a.kind = ActionKind(q.value(2).toInt());
    a.state = ActionState(q.value(3).toInt());
    a.target = q.value(4).toString();
    a.ruleId = q.value(5).toString();
    a.title = q.value(6).toString();
    a.payload = bytesOf(q, 7);
    a.idempotencyKey = keyPrefix + '-' + QByteArray::number(a.id);
    a.attempts = q.value(8).toInt();
    a.createdMs = q.value(9).toLongLong();
    a.nextAttemptMs = q.value(10).toLongLong();
    a.lastError = q.value(11).toString();
    a.answer.status = q.value(12).toInt();
    a.answer.headers = bytesOf(q, 13);
    a.answer.body = bytesOf(q, 14);
    a.answer.bodySize = q.value(15).toLongLong();
    a.answer.atMs = q.value(16).toLongLong();
    a.answer.durationMs = q.value(17).toLongLong();
    return a;
}

// Ids as one array parameter ("{1,2,3}", bound as text and cast to bigint[] in the statement).
QString idArray(const QList<qint64> &ids)
{
    QStringList list;
    list.reserve(ids.size());
    for (qint64 id : ids)
        list.append(QString::number(id));
    return QLatin1Char('{') + list.join(QLatin1Char(',')) + QLatin1Char('}');
}

qint64 minuteOf(qint64 ms)
{
    return ms >= 0 ? ms / 60'000 : (ms - 59'999) / 60'000;
}

} // namespace

bool PgStore::readActionSettings()
{
    if (m_actionsReadOn == m_connectionName && !m_actionKeyPrefix.isEmpty())
        return true;
    QByteArray prefix;
    qint64 limit = kMaxPendingPerTarget;
    // max_pending_per_target: the team's own limit, when the database sets one (tests do); absent, the
    // built-in one.
    if (!select(
            QStringLiteral("SELECT key, value FROM meta WHERE key IN ('action_key_prefix', 'max_pending_per_target')"),
            {}, [&](const QSqlQuery &q) {
                if (q.value(0).toString() == QLatin1String("action_key_prefix"))
                    prefix = q.value(1).toString().toUtf8();
                else
                    limit = q.value(1).toLongLong();
            }))
        return false;
    if (prefix.isEmpty())
        return noteError(QStringLiteral("the database has no action_key_prefix"));
    m_actionKeyPrefix = prefix;
    m_maxPendingPerTarget = limit;
    m_actionsReadOn = m_connectionName;
    m_fullUntilMs.clear();
    return true;
}

void PgStore::noteDropped(const QString &target)
{
    DropNote &note = m_dropNotes[target];
    ++note.unlogged;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (note.loggedMs != 0 && now - note.loggedMs < 60'000)
        return;
    // The same line as SQLite's: log readers (and tests) look for it on either backend.
    qCWarning(lcStore).noquote() << QStringLiteral(
        "%1 outgoing actions for %2 are waiting already, the most one target may have; %3 more dropped since "
        "the last such message (is the target down?)")
                                        .arg(m_maxPendingPerTarget)
                                        .arg(target.isEmpty() ? QStringLiteral("desktop notifications") : target)
                                        .arg(note.unlogged);
    note.loggedMs = now;
    note.unlogged = 0;
}

// The limit is counted from the table in the insert itself (at most limit rows of the target's index
// are read), so what other instances wrote and finished counts. Its bound: under READ COMMITTED an
// insert does not see rows of transactions still open, so the team may go over the limit by what
// other instances are writing for the target at that very moment (a batch's worth each). Once the
// count says full, the target's actions are dropped without counting for kFullMemoMs (a full target
// would otherwise cost a read of the whole limit per action); finishing one of its actions here ends that.
bool PgStore::insertAction(const PlannedAction &action, qint64 deliveryId, qint64 createdMs, qint64 dueMs,
    const QString &claimedBy, qint64 claimUntilMs, qint64 *id)
{
    *id = 0;
    if (!readActionSettings())
        return false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto full = m_fullUntilMs.constFind(action.target);
    bool dropped = full != m_fullUntilMs.cend() && now < *full;
    if (!dropped) {
        QSqlQuery *q = nullptr;
        if (!runPrepared(
                QStringLiteral("INSERT INTO actions (delivery_id, kind, state, target, rule_id, title, payload,"
                               " created_ms, next_attempt_ms, claimed_by, claim_until_ms)"
                               " SELECT ?::bigint, ?::integer, 0, ?::text, ?::text, ?::text, ?::bytea, ?::bigint,"
                               " ?::bigint, ?::text, ?::bigint"
                               " WHERE (SELECT count(*) FROM (SELECT 1 FROM actions WHERE state = 0 AND target = ?"
                               " LIMIT ?) AS p) < ? RETURNING id"),
                {deliveryId > 0 ? QVariant(deliveryId) : QVariant(QMetaType(QMetaType::LongLong)), int(action.kind),
                    action.target.isNull() ? QStringLiteral("") : action.target,
                    action.ruleId.isNull() ? QStringLiteral("") : action.ruleId,
                    action.title.isNull() ? QStringLiteral("") : action.title,
                    action.payload.isNull() ? QByteArray("") : action.payload, createdMs, dueMs,
                    claimedBy.isNull() ? QStringLiteral("") : claimedBy, claimUntilMs,
                    action.target.isNull() ? QStringLiteral("") : action.target, m_maxPendingPerTarget,
                    m_maxPendingPerTarget},
                &q))
            return false;
        if (q->next())
            *id = q->value(0).toLongLong();
        q->finish();
        dropped = *id == 0;
        if (dropped)
            m_fullUntilMs.insert(action.target, now + kFullMemoMs);
    }
    if (!dropped)
        return true;
    noteDropped(action.target);
    return runPrepared(QStringLiteral("INSERT INTO action_drops AS x (target, count) VALUES (?, 1)"
                                      " ON CONFLICT (target) DO UPDATE SET count = x.count + 1"),
        {action.target.isNull() ? QStringLiteral("") : action.target});
}

// The entry's row lock decides: a second instance firing the same record waits for the first one's
// transaction and then, re-reading the row, finds the record there (no row updated: not fresh).
std::optional<bool> PgStore::fireOnce(const QString &entryId, const QByteArray &record)
{
    const QString offered = QString::fromUtf8(record);
    QSqlQuery *q = nullptr;
    if (!runPrepared(QStringLiteral("UPDATE entries SET fired = fired || peanuts_missing(fired, ?)"
                                    " WHERE entry_id = ? AND peanuts_missing(fired, ?) <> '' RETURNING 1"),
            {offered, entryId, offered}, &q))
        return std::nullopt;
    const bool fresh = q->next();
    q->finish();
    return fresh;
}

bool PgStore::writeActionsOf(const Delivery &d, const Firings &firings, QList<OutboxAction> *written)
{
    if (!readActionSettings())
        return false;
    const QString entryId = d.event ? d.event->entryId : QStringLiteral("");
    // Claimed by this instance at once: its dispatcher carries them out (committedActions()); another
    // instance takes them over only once the claim lapsed.
    const qint64 claimUntil = QDateTime::currentMSecsSinceEpoch() + m_claimLeaseMs;
    // A rule fires once per entry and condition: its actions of this delivery share one record.
    QList<QByteArray> decided;
    QList<bool> fresh;
    for (const PlannedAction &a : d.actions) {
        const unsigned outcome = unsigned(d.outcome);
        if (outcome >= 32 || !((a.outcomeMask >> outcome) & 1u))
            continue;
        // A body redacted before (stored without its bytes) has nothing left to forward.
        if (a.kind == ActionKind::Forward && d.redacted)
            continue;
        if (!a.fireKey.isEmpty()) {
            const QByteArray record = firedRecord(a.ruleId, a.fireKey);
            const qsizetype at = decided.indexOf(record);
            if (at < 0) {
                // Decided by the entry's upsert when the event was applied; asked of the row otherwise.
                const std::optional<bool> isFresh = firings.decided && firings.offered.contains(record)
                    ? std::optional<bool>(firings.fresh.contains(record))
                    : fireOnce(entryId, record);
                if (!isFresh)
                    return false;
                decided.append(record);
                fresh.append(*isFresh);
            }
            if (!fresh[at < 0 ? fresh.size() - 1 : at])
                continue;
        }
        qint64 id = 0;
        if (!insertAction(a, d.id, d.receivedMs, d.receivedMs, m_instanceId, claimUntil, &id))
            return false;
        if (id == 0)
            continue; // over the target's limit: counted as dropped
        OutboxAction o;
        o.id = id;
        o.deliveryId = d.id;
        o.kind = a.kind;
        o.target = a.target.isNull() ? QStringLiteral("") : a.target;
        o.ruleId = a.ruleId.isNull() ? QStringLiteral("") : a.ruleId;
        o.title = a.title.isNull() ? QStringLiteral("") : a.title;
        o.payload = a.payload.isNull() ? QByteArray("") : a.payload;
        o.idempotencyKey = m_actionKeyPrefix + '-' + QByteArray::number(id);
        o.createdMs = d.receivedMs;
        o.nextAttemptMs = d.receivedMs;
        if (o.kind == ActionKind::Forward) { // as stored (redacted deliveries were skipped above)
            o.body = d.body.isNull() ? QByteArray("") : d.body;
            o.headers = d.headers.isNull() ? QByteArray("") : d.headers;
        }
        written->append(std::move(o));
    }
    return true;
}

std::optional<QList<OutboxAction>> PgStore::dueActions(qint64 nowMs, int perTarget, const QSet<qint64> &excluding)
{
    if (!readActionSettings())
        return std::nullopt;
    QList<OutboxAction> due;
    if (perTarget <= 0)
        return due;
    // The targets with pending actions, one probe of the (target, next attempt) index each (a loose
    // index scan): a long backlog on one target is not read here.
    QStringList targets;
    if (!select(QStringLiteral("WITH RECURSIVE t (target) AS ("
                               " (SELECT target FROM actions WHERE state = 0 ORDER BY target LIMIT 1)"
                               " UNION ALL SELECT (SELECT a.target FROM actions AS a WHERE a.state = 0"
                               " AND a.target > t.target ORDER BY a.target LIMIT 1) FROM t WHERE t.target IS NOT NULL)"
                               " SELECT target FROM t WHERE target IS NOT NULL"),
            {}, [&](const QSqlQuery &q) { targets.append(q.value(0).toString()); }))
        return std::nullopt;
    const QString inFlight = idArray(QList<qint64>(excluding.cbegin(), excluding.cend()));
    // What this instance has in flight (or queued) stays its own for another lease: each claim renews
    // it, so that only an instance that stopped claiming loses its actions to another. (One that keeps
    // an action longer than a lease without claiming again may see it sent twice; the idempotency key
    // is the target's means to tell.)
    if (!excluding.isEmpty()
        && !runPrepared(QStringLiteral("UPDATE actions SET claim_until_ms = ? WHERE id = ANY (?::bigint[])"
                                       " AND state = 0 AND claimed_by = ?"),
            {nowMs + m_claimLeaseMs, inFlight, m_instanceId}))
        return std::nullopt;
    // Per target, its oldest due rows that nobody else holds: rows another instance is claiming right
    // now are skipped (SKIP LOCKED), rows it claimed stay its own until the claim lapses. Each
    // statement commits on its own, so the claim is seen by the team at once.
    for (const QString &target : std::as_const(targets)) {
        const int limit = target.isEmpty() ? perTarget * kNotificationClaimFactor : perTarget;
        if (!select(QStringLiteral("WITH due AS (SELECT id, kind, delivery_id FROM actions"
                                   " WHERE state = 0 AND target = ? AND next_attempt_ms <= ?"
                                   " AND (claimed_by = '' OR claimed_by = ? OR claim_until_ms <= ?)"
                                   " AND NOT (id = ANY (?::bigint[])) ORDER BY next_attempt_ms, id LIMIT ?"
                                   " FOR UPDATE SKIP LOCKED)"
                                   " UPDATE actions AS a SET claimed_by = ?, claim_until_ms = ?"
                                   " FROM due LEFT JOIN deliveries AS d ON d.id = due.delivery_id AND due.kind = 2"
                                   " WHERE a.id = due.id RETURNING " PG_ACTION_COLUMNS ", d.body, d.headers"),
                {target, nowMs, m_instanceId, nowMs, inFlight, limit, m_instanceId, nowMs + m_claimLeaseMs},
                [&](const QSqlQuery &q) {
                    OutboxAction a = readAction(q, m_actionKeyPrefix);
                    if (a.kind == ActionKind::Forward) {
                        a.body = bytesOf(q, kActionColumns);
                        a.headers = bytesOf(q, kActionColumns + 1);
                    }
                    due.append(std::move(a));
                }))
            return std::nullopt;
    }
    std::sort(due.begin(), due.end(), [](const OutboxAction &a, const OutboxAction &b) {
        return std::make_pair(a.nextAttemptMs, a.id) < std::make_pair(b.nextAttemptMs, b.id);
    });
    return due;
}

std::optional<qint64> PgStore::nextDueMs()
{
    // What another instance holds is due here only when its claim lapses. (All pending rows are read:
    // the lapse is not indexed.)
    std::optional<qint64> next;
    bool failed = !select(QStringLiteral("SELECT min(CASE WHEN claimed_by NOT IN ('', ?)"
                                         " THEN greatest(next_attempt_ms, claim_until_ms) ELSE next_attempt_ms END)"
                                         " FROM actions WHERE state = 0"),
        {m_instanceId}, [&](const QSqlQuery &q) {
            if (!q.isNull(0))
                next = q.value(0).toLongLong();
        });
    if (failed)
        return std::nullopt;
    return next;
}

bool PgStore::recordResults(const QList<ActionResult> &results)
{
    if (!writable())
        return false;
    if (results.isEmpty())
        return true;
    bool ok = begin();
    // The attempts a minute, by result: one upsert each, in the key's order (the same lock order for
    // every instance).
    std::map<std::pair<qint64, int>, qint64> minutes;
    for (const ActionResult &r : results) {
        if (!ok)
            break;
        const qint64 atMs = r.answer.atMs > 0 ? r.answer.atMs : QDateTime::currentMSecsSinceEpoch();
        // The claim ends with the result (a retry is anyone's once due); a claim another instance took
        // over meanwhile stays its own.
        QSqlQuery *q = nullptr;
        ok = runPrepared(QStringLiteral("UPDATE actions SET state = ?, attempts = ?, next_attempt_ms = ?,"
                                        " last_error = ?, answer_status = ?, answer_headers = ?, answer_body = ?,"
                                        " answer_body_size = ?, answer_ms = ?, answer_duration_ms = ?, finished_ms = ?,"
                                        " claim_until_ms = CASE WHEN claimed_by = ? THEN 0 ELSE claim_until_ms END,"
                                        " claimed_by = CASE WHEN claimed_by = ? THEN '' ELSE claimed_by END"
                                        " WHERE id = ? AND state = 0 RETURNING target"),
            {int(r.state), r.attempts, r.nextAttemptMs, r.error.isNull() ? QStringLiteral("") : r.error,
                r.answer.status, r.answer.headers.isNull() ? QByteArray("") : r.answer.headers,
                r.answer.body.left(kMaxAnswerBodyBytes).isNull() ? QByteArray("")
                                                                 : r.answer.body.left(kMaxAnswerBodyBytes),
                std::max<qint64>(r.answer.bodySize, r.answer.body.size()), r.answer.atMs, r.answer.durationMs,
                r.state == ActionState::Pending ? 0 : atMs, m_instanceId, m_instanceId, r.id},
            &q);
        if (ok && q->next() && r.state != ActionState::Pending)
            m_fullUntilMs.remove(q->value(0).toString()); // room again
        if (ok)
            q->finish();
        // The attempt was made whether or not the row is still there (discarded meanwhile).
        ++minutes[{minuteOf(atMs), int(r.state)}];
    }
    for (auto it = minutes.cbegin(); ok && it != minutes.cend(); ++it)
        ok = runPrepared(QStringLiteral("INSERT INTO outgoing_minutes AS m (minute, result, count) VALUES (?, ?, ?)"
                                        " ON CONFLICT (minute, result) DO UPDATE SET count = m.count + excluded.count"),
            {it->first.first, it->first.second, it->second});
    if (!ok || !commitTransaction()) {
        const QString error = m_lastError;
        rollback();
        m_lastError = error;
        return false;
    }
    return true;
}

int PgStore::addActions(const QList<PlannedAction> &actions, qint64 nowMs)
{
    if (!writable()) {
        return -1;
    }
    if (actions.isEmpty())
        return 0;
    // Unclaimed: whichever instance's dispatcher claims them first carries them out.
    int added = 0;
    bool ok = begin();
    for (qsizetype i = 0; ok && i < actions.size(); ++i) {
        qint64 id = 0;
        ok = insertAction(actions[i], actions[i].deliveryId, nowMs, nowMs, QString(), 0, &id);
        added += id != 0 ? 1 : 0;
    }
    if (!ok || !commitTransaction()) {
        const QString error = m_lastError;
        rollback();
        m_lastError = error;
        return -1;
    }
    return added;
}

std::optional<QList<CurrentEntry>> PgStore::currentEntries(const QString &helperCommand)
{
    QList<CurrentEntry> list;
    if (!select(QStringLiteral("SELECT e.entry_id, coalesce(d.event, ''), coalesce(e.helper_command, ''), e.data,"
                               " e.delivery_id FROM entries AS e LEFT JOIN deliveries AS d ON d.id = e.delivery_id"
                               " WHERE NOT e.deleted AND (?::text = '' OR e.helper_command = ?::text)"
                               " AND NOT coalesce(d.imported, false) ORDER BY e.entry_id COLLATE \"C\""),
            {helperCommand.isNull() ? QStringLiteral("") : helperCommand,
                helperCommand.isNull() ? QStringLiteral("") : helperCommand},
            [&](const QSqlQuery &q) {
                list.append(CurrentEntry {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                    q.isNull(3) ? QByteArray() : q.value(3).toByteArray(), q.value(4).toLongLong()});
            }))
        return std::nullopt;
    return list;
}

int PgStore::recordFirings(const QList<Firing> &firings, qint64 nowMs,
    const std::function<QList<PlannedAction>(const QList<Firing> &fresh)> &plan)
{
    if (!writable()) {
        return -1;
    }
    // Entries are locked in one order (their ids), so that two instances checking at once wait for
    // each other rather than deadlock; the fresh ones are planned in the order given.
    QList<qsizetype> order(firings.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [&](qsizetype a, qsizetype b) { return firings[a].entryId.toUtf8() < firings[b].entryId.toUtf8(); });
    // A deadlock with a writer (which locks entries in its batch's order) aborts the transaction: it
    // is run again, a few times.
    constexpr int kAttempts = 3;
    for (int attempt = 1;; ++attempt) {
        QList<bool> isFresh(firings.size(), false);
        bool ok = begin();
        for (qsizetype i = 0; ok && i < order.size(); ++i) {
            const Firing &f = firings[order[i]];
            const std::optional<bool> fired = fireOnce(f.entryId, firedRecord(f.ruleId, f.fireKey));
            ok = fired.has_value();
            isFresh[order[i]] = ok && *fired;
        }
        QList<Firing> fresh;
        for (qsizetype i = 0; ok && i < firings.size(); ++i) {
            if (isFresh[i])
                fresh.append(firings[i]);
        }
        if (ok && !fresh.isEmpty() && plan) {
            const QList<PlannedAction> actions = plan(fresh);
            for (qsizetype i = 0; ok && i < actions.size(); ++i) {
                qint64 id = 0;
                ok = insertAction(actions[i], actions[i].deliveryId, nowMs, nowMs, QString(), 0, &id);
            }
        }
        if (ok && commitTransaction())
            return int(fresh.size());
        const QString error = m_lastError, code = m_lastErrorCode;
        rollback();
        m_lastError = error;
        if (code != QLatin1String("40P01") || attempt == kAttempts)
            return -1;
    }
}

std::optional<QList<OutboxAction>> PgStore::actionsOfDelivery(qint64 deliveryId)
{
    if (!readActionSettings())
        return std::nullopt;
    QList<OutboxAction> list;
    if (!select(QStringLiteral("SELECT " PG_ACTION_COLUMNS " FROM actions AS a WHERE a.delivery_id = ? ORDER BY a.id"),
            {deliveryId}, [&](const QSqlQuery &q) { list.append(readAction(q, m_actionKeyPrefix)); }))
        return std::nullopt;
    return list;
}

std::optional<QList<OutboxAction>> PgStore::deadLetters(int limit)
{
    if (!readActionSettings())
        return std::nullopt;
    QList<OutboxAction> list;
    if (!select(QStringLiteral("SELECT " PG_ACTION_COLUMNS " FROM actions AS a WHERE a.state = 2"
                               " ORDER BY a.finished_ms DESC, a.id DESC LIMIT ?"),
            {limit}, [&](const QSqlQuery &q) { list.append(readAction(q, m_actionKeyPrefix)); }))
        return std::nullopt;
    return list;
}

int PgStore::retryDeadLetters(const QList<qint64> &ids, qint64 nowMs)
{
    if (!writable()) {
        return -1;
    }
    // Not subject to the per-target limit: the user asked for these by name. Nobody's: any instance
    // may carry them out.
    int retried = 0;
    if (!select(QStringLiteral("UPDATE actions SET state = 0, attempts = 0, next_attempt_ms = ?, finished_ms = 0,"
                               " claimed_by = '', claim_until_ms = 0 WHERE id = ANY (?::bigint[]) AND state = 2"
                               " RETURNING id"),
            {nowMs, idArray(ids)}, [&](const QSqlQuery &) { ++retried; }))
        return -1;
    return retried;
}

int PgStore::discardDeadLetters(const QList<qint64> &ids)
{
    if (!writable()) {
        return -1;
    }
    int removed = 0;
    if (!select(QStringLiteral("DELETE FROM actions WHERE id = ANY (?::bigint[]) AND state = 2 RETURNING id"),
            {idArray(ids)}, [&](const QSqlQuery &) { ++removed; }))
        return -1;
    return removed;
}

std::optional<QHash<QString, ActionCounts>> PgStore::actionCounts()
{
    QHash<QString, ActionCounts> counts;
    const bool ok = select(QStringLiteral("SELECT target, count(*) FILTER (WHERE attempts = 0),"
                                          " count(*) FILTER (WHERE attempts > 0) FROM actions WHERE state = 0"
                                          " GROUP BY target"),
                        {},
                        [&](const QSqlQuery &q) {
                            ActionCounts &c = counts[q.value(0).toString()];
                            c.pending = q.value(1).toLongLong();
                            c.retrying = q.value(2).toLongLong();
                        })
        && select(QStringLiteral("SELECT target, count(*) FROM actions WHERE state = 2 GROUP BY target"), {},
            [&](const QSqlQuery &q) { counts[q.value(0).toString()].dead = q.value(1).toLongLong(); })
        && select(QStringLiteral("SELECT target, count FROM action_drops"), {},
            [&](const QSqlQuery &q) { counts[q.value(0).toString()].dropped = q.value(1).toLongLong(); });
    if (!ok)
        return std::nullopt;
    return counts;
}

std::optional<QList<OutgoingMinute>> PgStore::outgoingMinutes(qint64 fromMs, qint64 toMs)
{
    // One row a minute, its results side by side (ActionState: 1 done, 0 retrying, 2 dead).
    QList<OutgoingMinute> list;
    if (!select(QStringLiteral("SELECT minute, coalesce(sum(count) FILTER (WHERE result = 1), 0),"
                               " coalesce(sum(count) FILTER (WHERE result = 0), 0),"
                               " coalesce(sum(count) FILTER (WHERE result = 2), 0) FROM outgoing_minutes"
                               " WHERE minute >= ? AND minute < ? GROUP BY minute ORDER BY minute"),
            {fromMs / 60'000, toMs / 60'000 + (toMs % 60'000 ? 1 : 0)}, [&](const QSqlQuery &q) {
                list.append(OutgoingMinute {q.value(0).toLongLong() * 60'000, q.value(1).toLongLong(),
                    q.value(2).toLongLong(), q.value(3).toLongLong()});
            }))
        return std::nullopt;
    return list;
}

int PgStore::pruneDeadLetters(qint64 olderThanMs)
{
    if (!writable()) {
        return -1;
    }
    // Two instances pruning at once delete disjoint rows (a row deleted by one is gone for the other).
    int removed = 0;
    if (!select(QStringLiteral("DELETE FROM actions WHERE state = 2 AND finished_ms < ? RETURNING id"), {olderThanMs},
            [&](const QSqlQuery &) { ++removed; }))
        return -1;
    // The minutes' counts (the outgoing chart) go with them.
    if (!runPrepared(QStringLiteral("DELETE FROM outgoing_minutes WHERE minute < ?"), {minuteOf(olderThanMs)}))
        return -1;
    return removed;
}

} // namespace peanuts
