// SQLite backend, the outbox as the dispatcher and the window see it (ActionStore): due actions, the
// attempts' results, a delivery's actions, dead letters and the outgoing counts.
#include "store/sqlitestore.h"

#include "platform/logging.h"
#include "store/sqliteinternal.h"

#include <QDateTime>
#include <algorithm>
#include <map>

namespace peanuts {

namespace {

// The columns an OutboxAction is read from, in order (readAction).
#define ACTION_COLUMNS                                                                                                 \
    "a.id, a.delivery_id, a.kind, a.state, a.target, a.rule_id, a.title, a.payload, a.attempts,"                       \
    " a.created_ms, a.next_attempt_ms, a.last_error, a.answer_status, a.answer_headers, a.answer_body,"                \
    " a.answer_body_size, a.answer_ms, a.answer_duration_ms"
constexpr int kActionColumns = 18;

OutboxAction readAction(sqlite3_stmt *stmt, const QByteArray &keyPrefix)
{
    OutboxAction a;
    a.id = sqlite3_column_int64(stmt, 0);
    a.deliveryId = sqlite3_column_int64(stmt, 1); // NULL reads as 0
    a.kind = ActionKind(sqlite3_column_int(stmt, 2));
    a.state = ActionState(sqlite3_column_int(stmt, 3));
    a.target = fromText(stmt, 4);
    a.ruleId = fromText(stmt, 5);
    a.title = fromText(stmt, 6);
    a.payload = fromBlob(stmt, 7);
    a.idempotencyKey = keyPrefix + '-' + QByteArray::number(a.id);
    a.attempts = sqlite3_column_int(stmt, 8);
    a.createdMs = sqlite3_column_int64(stmt, 9);
    a.nextAttemptMs = sqlite3_column_int64(stmt, 10);
    a.lastError = fromText(stmt, 11);
    a.answer.status = sqlite3_column_int(stmt, 12);
    a.answer.headers = fromBlob(stmt, 13);
    a.answer.body = fromBlob(stmt, 14);
    a.answer.bodySize = sqlite3_column_int64(stmt, 15);
    a.answer.atMs = sqlite3_column_int64(stmt, 16);
    a.answer.durationMs = sqlite3_column_int64(stmt, 17);
    return a;
}

constexpr int kNotificationClaimFactor = 16;

} // namespace

std::optional<QList<OutboxAction>> SqliteStore::dueActions(qint64 nowMs, int perTarget, const QSet<qint64> &excluding)
{
    if (!m_db) {
        m_lastError = errorText();
        return std::nullopt;
    }
    QList<OutboxAction> due;
    if (perTarget <= 0)
        return due;
    // One probe of the (target, next attempt) index per target with pending actions: a long
    // backlog on one target costs no more than perTarget rows (a window over all pending rows would
    // read the whole backlog each time).
    SqlStatement s;
    if (!s.prepare(m_db,
            "SELECT " ACTION_COLUMNS ", CASE WHEN a.kind = 2 THEN d.body END, CASE WHEN a.kind = 2 THEN d.headers END"
            " FROM actions AS a LEFT JOIN deliveries AS d ON d.id = a.delivery_id"
            " WHERE a.state = 0 AND a.target = ?1 AND a.next_attempt_ms <= ?2"
            " ORDER BY a.next_attempt_ms, a.id LIMIT ?3")) {
        m_lastError = errorText();
        return std::nullopt;
    }
    const QByteArray prefix = actionKeyPrefix();
    for (auto it = m_pendingPerTarget.cbegin(); it != m_pendingPerTarget.cend(); ++it) {
        if (it.value() <= 0)
            continue;
        const QByteArray target = it.key().toUtf8();
        // Desktop notifications (target "") are carried out as they are claimed, and bursts of them are
        // common: larger claims spare the writer many small jobs.
        const int limit = it.key().isEmpty() ? perTarget * kNotificationClaimFactor : perTarget;
        s.bindText(1, target);
        s.bind(2, nowMs);
        s.bind(3, qint64(limit) + excluding.size());
        int taken = 0, rc = SQLITE_DONE;
        while (taken < limit && (rc = s.step()) == SQLITE_ROW) {
            const qint64 id = sqlite3_column_int64(s.get(), 0);
            if (excluding.contains(id))
                continue;
            OutboxAction a = readAction(s.get(), prefix);
            a.body = fromBlob(s.get(), kActionColumns);
            a.headers = fromBlob(s.get(), kActionColumns + 1);
            due.append(std::move(a));
            ++taken;
        }
        if (taken < limit && rc != SQLITE_DONE) {
            m_lastError = errorText();
            s.reset();
            return std::nullopt;
        }
        s.reset();
    }
    std::sort(due.begin(), due.end(), [](const OutboxAction &a, const OutboxAction &b) {
        return std::make_pair(a.nextAttemptMs, a.id) < std::make_pair(b.nextAttemptMs, b.id);
    });
    // A fold's row claimed here (due, its window closed) is neither updated nor handed over again.
    if (!m_openFolds.isEmpty() || !m_closedFolds.isEmpty()) {
        QSet<qint64> claimed;
        for (const OutboxAction &a : std::as_const(due))
            claimed.insert(a.id);
        m_openFolds.removeIf([&](const auto &it) { return claimed.contains(it.value().rowId); });
        m_closedFolds.removeIf([&](qint64 id) { return claimed.contains(id); });
    }
    return due;
}

QList<OutboxAction> SqliteStore::pendingActions(const QList<qint64> &ids)
{
    QList<OutboxAction> list;
    const QByteArray prefix = actionKeyPrefix();
    for (qint64 id : ids) {
        if (!runQuery(m_db, "SELECT " ACTION_COLUMNS " FROM actions AS a WHERE a.id = ? AND a.state = 0", {number(id)},
                [&](sqlite3_stmt *s) { list.append(readAction(s, prefix)); })) {
            m_lastError = errorText();
            qCWarning(lcStore).noquote() << "cannot read folded alerts back (they stay in the outbox):" << m_lastError;
            return {};
        }
    }
    return list;
}

std::optional<qint64> SqliteStore::nextDueMs()
{
    // Per target, on the (target, next attempt) index: the only index of pending actions.
    std::optional<qint64> next;
    bool ok = m_db != nullptr;
    for (auto it = m_pendingPerTarget.cbegin(); ok && it != m_pendingPerTarget.cend(); ++it) {
        if (it.value() <= 0)
            continue;
        ok = runQuery(m_db, "SELECT min(next_attempt_ms) FROM actions WHERE state = 0 AND target = ?", {text(it.key())},
            [&](sqlite3_stmt *s) {
                if (sqlite3_column_type(s, 0) != SQLITE_NULL)
                    next = std::min(next.value_or(sqlite3_column_int64(s, 0)), sqlite3_column_int64(s, 0));
            });
    }
    if (!ok) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return next;
}

bool SqliteStore::recordResults(const QList<ActionResult> &results)
{
    if (!m_db || m_readOnly)
        return false;
    if (results.isEmpty())
        return true;
    ActionStatements *st = actionStatements();
    bool ok = st && exec("BEGIN IMMEDIATE");
    SqlStatement &update = st->record;
    // The attempts a minute, by result: one upsert each, whatever the batch's size.
    std::map<std::pair<qint64, int>, qint64> minutes;
    QStringList leftPending; // targets whose action stopped being pending
    for (const ActionResult &r : results) {
        if (!ok)
            break;
        const qint64 atMs = r.answer.atMs > 0 ? r.answer.atMs : QDateTime::currentMSecsSinceEpoch();
        const QByteArray error = r.error.toUtf8();
        const QByteArray body = r.answer.body.left(kMaxAnswerBodyBytes);
        update.bind(1, r.id);
        update.bind(2, qint64(r.state));
        update.bind(3, qint64(r.attempts));
        update.bind(4, r.nextAttemptMs);
        update.bindText(5, error);
        update.bind(6, qint64(r.answer.status));
        update.bind(7, r.answer.headers);
        update.bind(8, body);
        update.bind(9, std::max<qint64>(r.answer.bodySize, r.answer.body.size()));
        update.bind(10, r.answer.atMs);
        update.bind(11, r.answer.durationMs);
        update.bind(12, r.state == ActionState::Pending ? 0 : atMs);
        int rc;
        while ((rc = update.step()) == SQLITE_ROW) {
            if (r.state != ActionState::Pending)
                leftPending.append(fromText(update.get(), 0));
        }
        update.reset();
        ok = rc == SQLITE_DONE;
        // The attempt was made whether or not the row is still there (discarded meanwhile).
        ++minutes[{atMs >= 0 ? atMs / 60'000 : (atMs - 59'999) / 60'000, int(r.state)}];
    }
    for (auto it = minutes.cbegin(); ok && it != minutes.cend(); ++it) {
        st->minute.bind(1, it->first.first);
        st->minute.bind(2, qint64(it->first.second));
        st->minute.bind(3, it->second);
        ok = stepDone(st->minute);
    }
    if (!ok || !exec("COMMIT")) {
        m_lastError = errorText();
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
        return false;
    }
    for (const QString &target : std::as_const(leftPending)) {
        qint64 &pending = m_pendingPerTarget[target];
        pending = std::max<qint64>(0, pending - 1);
    }
    return true;
}

std::optional<QList<OutboxAction>> SqliteStore::actionsOfDelivery(qint64 deliveryId)
{
    QList<OutboxAction> list;
    if (!m_db
        || !runQuery(m_db, "SELECT " ACTION_COLUMNS " FROM actions AS a WHERE a.delivery_id = ? ORDER BY a.id",
            {number(deliveryId)}, [&](sqlite3_stmt *s) { list.append(readAction(s, actionKeyPrefix())); })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

std::optional<QList<OutboxAction>> SqliteStore::deadLetters(int limit)
{
    QList<OutboxAction> list;
    if (!m_db
        || !runQuery(m_db,
            "SELECT " ACTION_COLUMNS " FROM actions AS a WHERE a.state = 2 ORDER BY a.finished_ms DESC, a.id DESC"
            " LIMIT ?",
            {number(limit)}, [&](sqlite3_stmt *s) { list.append(readAction(s, actionKeyPrefix())); })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

int SqliteStore::retryDeadLetters(const QList<qint64> &ids, qint64 nowMs)
{
    if (!m_db || m_readOnly)
        return -1;
    // Not subject to the per-target limit: the user asked for these by name.
    QStringList targets;
    bool ok = exec("BEGIN IMMEDIATE");
    for (qsizetype i = 0; ok && i < ids.size(); ++i) {
        ok = runQuery(m_db,
            "UPDATE actions SET state = 0, attempts = 0, next_attempt_ms = ?2, finished_ms = 0"
            " WHERE id = ?1 AND state = 2 RETURNING target",
            {number(ids[i]), number(nowMs)}, [&](sqlite3_stmt *s) { targets.append(fromText(s, 0)); });
    }
    if (!ok || !exec("COMMIT")) {
        m_lastError = errorText();
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
        return -1;
    }
    for (const QString &target : std::as_const(targets))
        ++m_pendingPerTarget[target];
    return int(targets.size());
}

int SqliteStore::discardDeadLetters(const QList<qint64> &ids)
{
    if (!m_db || m_readOnly)
        return -1;
    int removed = 0;
    bool ok = exec("BEGIN IMMEDIATE");
    for (qsizetype i = 0; ok && i < ids.size(); ++i) {
        ok = runQuery(m_db, "DELETE FROM actions WHERE id = ? AND state = 2", {number(ids[i])}, [](sqlite3_stmt *) {});
        removed += ok ? sqlite3_changes(m_db) : 0;
    }
    if (!ok || !exec("COMMIT")) {
        m_lastError = errorText();
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
        return -1;
    }
    return removed;
}

std::optional<QHash<QString, ActionCounts>> SqliteStore::actionCounts()
{
    QHash<QString, ActionCounts> counts;
    // Pending and dead rows only, through their partial indexes: done rows are never read here.
    const bool ok = m_db
        && runQuery(m_db,
            "SELECT target, sum(attempts = 0), sum(attempts > 0) FROM actions WHERE state = 0 GROUP BY target", {},
            [&](sqlite3_stmt *s) {
                ActionCounts &c = counts[fromText(s, 0)];
                c.pending = sqlite3_column_int64(s, 1);
                c.retrying = sqlite3_column_int64(s, 2);
            })
        && runQuery(m_db, "SELECT target, count(*) FROM actions WHERE state = 2 GROUP BY target", {},
            [&](sqlite3_stmt *s) { counts[fromText(s, 0)].dead = sqlite3_column_int64(s, 1); })
        && runQuery(m_db, "SELECT target, count FROM action_drops", {},
            [&](sqlite3_stmt *s) { counts[fromText(s, 0)].dropped = sqlite3_column_int64(s, 1); });
    if (!ok) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return counts;
}

std::optional<QList<OutgoingMinute>> SqliteStore::outgoingMinutes(qint64 fromMs, qint64 toMs)
{
    QList<OutgoingMinute> list;
    const bool ok = m_db
        && runQuery(m_db,
            "SELECT minute, result, count FROM outgoing_minutes WHERE minute >= ? AND minute < ? ORDER BY minute",
            {number(fromMs / 60'000), number(toMs / 60'000 + (toMs % 60'000 ? 1 : 0))}, [&](sqlite3_stmt *s) {
                const qint64 minute = sqlite3_column_int64(s, 0) * 60'000;
                if (list.isEmpty() || list.last().minuteStartMs != minute)
                    list.append(OutgoingMinute {minute, 0, 0, 0});
                const qint64 count = sqlite3_column_int64(s, 2);
                switch (ActionState(sqlite3_column_int(s, 1))) {
                case ActionState::Done:
                    list.last().delivered += count;
                    break;
                case ActionState::Pending:
                    list.last().retrying += count;
                    break;
                case ActionState::Dead:
                    list.last().dead += count;
                    break;
                }
            });
    if (!ok) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

int SqliteStore::pruneDeadLetters(qint64 olderThanMs)
{
    if (!m_db || m_readOnly)
        return -1;
    // Through the dead letters' own index; dead letters are never pending, so the counts stay.
    if (!runQuery(m_db, "DELETE FROM actions WHERE state = 2 AND finished_ms < ?", {number(olderThanMs)},
            [](sqlite3_stmt *) {})) {
        m_lastError = errorText();
        return -1;
    }
    const int removed = sqlite3_changes(m_db);
    // The minutes' counts (the outgoing chart) go with them, on their key's order.
    const qint64 beforeMinute = olderThanMs >= 0 ? olderThanMs / 60'000 : (olderThanMs - 59'999) / 60'000;
    if (!runQuery(
            m_db, "DELETE FROM outgoing_minutes WHERE minute < ?", {number(beforeMinute)}, [](sqlite3_stmt *) {})) {
        m_lastError = errorText();
        return -1;
    }
    return removed;
}

} // namespace peanuts
