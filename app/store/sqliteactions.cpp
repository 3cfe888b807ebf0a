// SQLite backend, the outbox (ActionStore): actions written with their delivery, what fired, the
// attempts and answers, dead letters, the per-target limit and the outgoing counts.
#include "store/sqlitestore.h"

#include "store/sqliteinternal.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

#include <map>

namespace peanuts {

// Prepared on the first delivery that plans an action, so that a database without rules prepares
// nothing more and a batch without actions runs no statement of the outbox.
struct SqliteStore::ActionStatements
{
    SqlStatement insert, drop, fire, record, minute;
};

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

bool stepDone(SqlStatement &s)
{
    const bool ok = s.step() == SQLITE_DONE;
    s.reset();
    return ok;
}

// A rule and condition as recorded in entries.fired: "rule_id<US>fire_key<RS>". The separators cannot
// appear inside (a rules file could hold them): they become U+FFFD.
QByteArray firedRecord(const QString &ruleId, const QString &fireKey)
{
    const auto clean = [](QString text) {
        return text.replace(QChar(0x1e), QChar::ReplacementCharacter)
            .replace(QChar(0x1f), QChar::ReplacementCharacter)
            .toUtf8();
    };
    return clean(ruleId) + '\x1f' + clean(fireKey) + '\x1e';
}

// Records that the rule fired for the entry, in the open transaction. False when it had fired before,
// or when the projection holds no such entry (nothing fires for it); nullopt on an error.
std::optional<bool> fireOnce(sqlite3 *db, SqlStatement &fire, const QByteArray &entryId, const QByteArray &record)
{
    const QByteArray needle = '\x1e' + record; // bound without a copy: alive until the reset
    fire.bindText(1, entryId);
    fire.bindText(2, needle);
    fire.bindText(3, record);
    if (!stepDone(fire))
        return std::nullopt;
    return sqlite3_changes(db) > 0;
}

} // namespace

SqliteStore::ActionStatements *SqliteStore::actionStatements()
{
    if (m_actionStmts)
        return m_actionStmts;
    auto *st = new ActionStatements;
    // The idempotency key is the database's prefix and the id (readAction): kept across every attempt
    // and a retry from the dead letters; ids alone would repeat across databases.
    const bool ok = st->insert.prepare(m_db,
                        "INSERT INTO actions (delivery_id, kind, state, target, rule_id, title, payload, created_ms,"
                        " next_attempt_ms) VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?7)")
        && st->drop.prepare(m_db,
            "INSERT INTO action_drops (target, count) VALUES (?1, 1)"
            " ON CONFLICT (target) DO UPDATE SET count = count + 1")
        && st->record.prepare(m_db,
            "UPDATE actions SET state = ?2, attempts = ?3, next_attempt_ms = ?4, last_error = ?5,"
            " answer_status = ?6, answer_headers = ?7, answer_body = ?8, answer_body_size = ?9, answer_ms = ?10,"
            " answer_duration_ms = ?11, finished_ms = ?12 WHERE id = ?1 AND state = 0 RETURNING target")
        && st->minute.prepare(m_db,
            "INSERT INTO outgoing_minutes (minute, result, count) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (minute, result) DO UPDATE SET count = count + excluded.count")
        // ?2 is the record with a separator before it, so that only whole records match (migrate-7.sql).
        && st->fire.prepare(
            m_db, "UPDATE entries SET fired = fired || ?3 WHERE entry_id = ?1 AND instr(char(30) || fired, ?2) = 0");
    if (!ok) {
        delete st;
        return nullptr;
    }
    m_actionStmts = st;
    return st;
}

const QByteArray &SqliteStore::actionKeyPrefix()
{
    if (m_actionKeyPrefix.isEmpty() && m_db)
        runQuery(m_db, "SELECT value FROM meta WHERE key = 'action_key_prefix'", {},
            [&](sqlite3_stmt *stmt) { m_actionKeyPrefix = fromBlob(stmt, 0); });
    return m_actionKeyPrefix;
}

void SqliteStore::closeActions()
{
    delete m_actionStmts;
    m_actionStmts = nullptr;
    m_actionKeyPrefix.clear();
    m_pendingPerTarget.clear();
}

bool SqliteStore::loadPendingCounts()
{
    QHash<QString, qint64> counts;
    if (!runQuery(m_db, "SELECT target, count(*) FROM actions WHERE state = 0 GROUP BY target", {},
            [&](sqlite3_stmt *stmt) { counts.insert(fromText(stmt, 0), sqlite3_column_int64(stmt, 1)); })) {
        m_lastError = errorText();
        return false;
    }
    m_pendingPerTarget = counts;
    return true;
}

bool SqliteStore::insertAction(const PlannedAction &action, qint64 deliveryId, qint64 dueMs, qint64 *id)
{
    *id = 0;
    ActionStatements *st = actionStatements();
    if (!st)
        return false;
    const QByteArray target = action.target.toUtf8();
    qint64 &pending = m_pendingPerTarget[action.target];
    if (pending >= m_maxPendingPerTarget) {
        st->drop.bindText(1, target);
        return stepDone(st->drop);
    }
    const QByteArray ruleId = action.ruleId.toUtf8();
    const QByteArray title = action.title.toUtf8();
    SqlStatement &s = st->insert;
    if (deliveryId > 0)
        s.bind(1, deliveryId);
    s.bind(2, qint64(action.kind));
    s.bindText(3, target);
    s.bindText(4, ruleId);
    s.bindText(5, title);
    s.bind(6, action.payload);
    s.bind(7, dueMs);
    if (!stepDone(s))
        return false;
    ++pending;
    *id = sqlite3_last_insert_rowid(m_db);
    return true;
}

bool SqliteStore::writeDeliveryAction(const PlannedAction &action, const Delivery &d, QList<OutboxAction> *written)
{
    qint64 id = 0;
    if (!insertAction(action, d.id, d.receivedMs, &id))
        return false;
    if (id == 0)
        return true; // over the target's limit: counted as dropped
    OutboxAction a;
    a.id = id;
    a.deliveryId = d.id;
    a.kind = action.kind;
    a.target = action.target;
    a.ruleId = action.ruleId;
    a.title = action.title;
    a.payload = action.payload;
    a.idempotencyKey = actionKeyPrefix() + '-' + QByteArray::number(id);
    a.createdMs = a.nextAttemptMs = d.receivedMs;
    if (a.kind == ActionKind::Forward) { // as stored (writeActionsOf() skips redacted deliveries)
        a.body = d.body.isNull() ? QByteArray("") : d.body;
        a.headers = d.headers.isNull() ? QByteArray("") : d.headers;
    }
    written->append(std::move(a));
    return true;
}

bool SqliteStore::writeActionsOf(const Delivery &d, FoldedAlerts &folded, QList<OutboxAction> *written)
{
    ActionStatements *st = actionStatements();
    if (!st)
        return false;
    const QByteArray entryId = d.event ? d.event->entryId.toUtf8() : QByteArray("");
    // A rule fires once per entry and condition: its actions of this delivery share one record.
    QList<std::pair<QString, QString>> decided;
    QList<bool> fresh;
    for (const PlannedAction &a : d.actions) {
        const unsigned outcome = unsigned(d.outcome);
        if (outcome >= 32 || !((a.outcomeMask >> outcome) & 1u))
            continue;
        // A body redacted before (stored without its bytes) has nothing left to forward.
        if (a.kind == ActionKind::Forward && d.redacted)
            continue;
        if (!a.fireKey.isEmpty()) {
            const auto key = std::make_pair(a.ruleId, a.fireKey);
            const qsizetype at = decided.indexOf(key);
            if (at >= 0) {
                if (!fresh[at])
                    continue;
            } else {
                const std::optional<bool> isFresh = fireOnce(m_db, st->fire, entryId, firedRecord(a.ruleId, a.fireKey));
                if (!isFresh)
                    return false;
                decided.append(key);
                fresh.append(*isFresh);
                if (!*isFresh)
                    continue;
            }
        }
        // A rule's alerts after its first in this batch wait to be folded into one (each firing is
        // recorded above all the same). Forwards go one by one.
        if (a.kind != ActionKind::Forward && !a.ruleId.isEmpty()) {
            const QString key = QString::number(int(a.kind)) + u'\n' + a.ruleId + u'\n' + a.target + u'\n' + a.title;
            auto held = folded.find(key);
            if (held != folded.end()) {
                *held = FoldedAlert {a, &d, held->held + 1};
                continue;
            }
            folded.insert(key, FoldedAlert {a, &d, 0});
        }
        if (!writeDeliveryAction(a, d, written))
            return false;
    }
    return true;
}

bool SqliteStore::flushFoldedAlerts(const FoldedAlerts &folded, QList<OutboxAction> *written)
{
    for (const FoldedAlert &alert : folded) {
        if (alert.held == 0)
            continue;
        PlannedAction action = alert.latest;
        if (alert.held > 1) {
            // Notify: the text; Post: the "text" of its {"text": ...} body.
            const QString more = QStringLiteral("%1 more; the latest: ").arg(alert.held);
            if (action.kind == ActionKind::Notify) {
                action.payload = more.toUtf8() + action.payload;
            } else {
                QJsonObject body = QJsonDocument::fromJson(action.payload).object();
                if (body.value(QStringLiteral("text")).isString()) {
                    body.insert(QStringLiteral("text"), QString(more + body.value(QStringLiteral("text")).toString()));
                    action.payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
                }
            }
        }
        if (!writeDeliveryAction(action, *alert.delivery, written))
            return false;
    }
    return true;
}

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
    return due;
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

int SqliteStore::addActions(const QList<PlannedAction> &actions, qint64 nowMs)
{
    if (!m_db || m_readOnly)
        return -1;
    if (actions.isEmpty())
        return 0;
    const QHash<QString, qint64> before = m_pendingPerTarget;
    int added = 0;
    bool ok = exec("BEGIN IMMEDIATE");
    for (qsizetype i = 0; ok && i < actions.size(); ++i) {
        qint64 id = 0;
        ok = insertAction(actions[i], actions[i].deliveryId, nowMs, &id);
        added += id != 0 ? 1 : 0;
    }
    if (!ok || !exec("COMMIT")) {
        m_lastError = errorText();
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
        m_pendingPerTarget = before;
        return -1;
    }
    return added;
}

std::optional<QList<CurrentEntry>> SqliteStore::currentEntries(const QString &helperCommand)
{
    QList<CurrentEntry> list;
    if (!m_db
        || !runQuery(m_db,
            "SELECT e.entry_id, coalesce(d.event, ''), coalesce(e.helper_command, ''), e.data, e.delivery_id"
            " FROM entries AS e LEFT JOIN deliveries AS d ON d.id = e.delivery_id"
            " WHERE e.deleted = 0 AND (?1 = '' OR e.helper_command = ?1) ORDER BY e.entry_id",
            {text(helperCommand.isNull() ? QStringLiteral("") : helperCommand)}, [&](sqlite3_stmt *s) {
                list.append(CurrentEntry {
                    fromText(s, 0), fromText(s, 1), fromText(s, 2), fromBlob(s, 3), sqlite3_column_int64(s, 4)});
            })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

int SqliteStore::recordFirings(const QList<Firing> &firings, qint64 nowMs,
    const std::function<QList<PlannedAction>(const QList<Firing> &fresh)> &plan)
{
    if (!m_db || m_readOnly)
        return -1;
    ActionStatements *st = actionStatements();
    if (!st)
        return -1;
    const QHash<QString, qint64> before = m_pendingPerTarget;
    QList<Firing> fresh;
    bool ok = exec("BEGIN IMMEDIATE");
    for (qsizetype i = 0; ok && i < firings.size(); ++i) {
        const Firing &f = firings[i];
        const std::optional<bool> isFresh
            = fireOnce(m_db, st->fire, f.entryId.toUtf8(), firedRecord(f.ruleId, f.fireKey));
        ok = isFresh.has_value();
        if (ok && *isFresh)
            fresh.append(f);
    }
    if (ok && !fresh.isEmpty() && plan) {
        const QList<PlannedAction> actions = plan(fresh);
        for (qsizetype i = 0; ok && i < actions.size(); ++i) {
            qint64 id = 0;
            ok = insertAction(actions[i], actions[i].deliveryId, nowMs, &id);
        }
    }
    if (!ok || !exec("COMMIT")) {
        m_lastError = errorText();
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
        m_pendingPerTarget = before;
        return -1;
    }
    return int(fresh.size());
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
    return sqlite3_changes(m_db);
}

} // namespace peanuts
