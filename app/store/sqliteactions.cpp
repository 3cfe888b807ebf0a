// SQLite backend, the outbox (ActionStore) as it is written: actions with their delivery, what fired,
// alerts folded per batch, the per-target limit, actions added later and the date checks' firings. What
// the dispatcher and the window read and record is sqliteoutbox.cpp's.
#include "store/sqlitestore.h"

#include "store/sqliteinternal.h"

#include "platform/logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace peanuts {

// The separators cannot appear inside a record (a rules file could hold them): they become U+FFFD.
QByteArray firedRecord(const QString &ruleId, const QString &fireKey)
{
    const auto clean = [](QString text) {
        return text.replace(QChar(0x1e), QChar::ReplacementCharacter)
            .replace(QChar(0x1f), QChar::ReplacementCharacter)
            .toUtf8();
    };
    return clean(ruleId) + '\x1f' + clean(fireKey) + '\x1e';
}

namespace {

// Whether fired holds record whole: records end with RS, so a match must start where one begins.
bool holdsRecord(QByteArrayView fired, QByteArrayView record)
{
    for (qsizetype at = fired.indexOf(record); at >= 0; at = fired.indexOf(record, at + 1)) {
        if (at == 0 || fired[at - 1] == '\x1e')
            return true;
    }
    return false;
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
                        " next_attempt_ms) VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8)")
        && st->drop.prepare(m_db,
            "INSERT INTO action_drops (target, count) VALUES (?1, 1)"
            " ON CONFLICT (target) DO UPDATE SET count = count + 1")
        && st->record.prepare(m_db,
            "UPDATE actions SET state = ?2, attempts = ?3, next_attempt_ms = ?4, last_error = ?5,"
            " answer_status = ?6, answer_headers = ?7, answer_body = ?8, answer_body_size = ?9, answer_ms = ?10,"
            " answer_duration_ms = ?11, finished_ms = ?12 WHERE id = ?1 AND state = 0 RETURNING target")
        && st->refold.prepare(m_db, "UPDATE actions SET payload = ?2, delivery_id = ?3 WHERE id = ?1 AND state = 0")
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
    // Their rows stay pending: claimed once due, after a restart too.
    m_openFolds.clear();
    m_closedFolds.clear();
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

bool SqliteStore::insertAction(
    const PlannedAction &action, qint64 deliveryId, qint64 createdMs, qint64 dueMs, qint64 *id)
{
    *id = 0;
    ActionStatements *st = actionStatements();
    if (!st)
        return false;
    const QByteArray target = action.target.toUtf8();
    qint64 &pending = m_pendingPerTarget[action.target];
    if (pending >= m_maxPendingPerTarget) {
        st->drop.bindText(1, target);
        noteDropped(action.target);
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
    s.bind(7, createdMs);
    s.bind(8, dueMs);
    if (!stepDone(s))
        return false;
    ++pending;
    *id = sqlite3_last_insert_rowid(m_db);
    return true;
}

void SqliteStore::noteDropped(const QString &target)
{
    DropNote &note = m_dropNotes[target];
    ++note.unlogged;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (note.loggedMs != 0 && now - note.loggedMs < 60'000)
        return;
    qCWarning(lcStore).noquote() << QStringLiteral(
        "%1 outgoing actions for %2 are waiting already, the most one target may have; %3 more dropped since "
        "the last such message (is the target down?)")
                                        .arg(m_maxPendingPerTarget)
                                        .arg(target.isEmpty() ? QStringLiteral("desktop notifications") : target)
                                        .arg(note.unlogged);
    note.loggedMs = now;
    note.unlogged = 0;
}

bool SqliteStore::writeDeliveryAction(
    const PlannedAction &action, const Delivery &d, qint64 dueMs, QList<OutboxAction> *written)
{
    qint64 id = 0;
    if (!insertAction(action, d.id, d.receivedMs, dueMs, &id))
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
    a.createdMs = d.receivedMs;
    a.nextAttemptMs = dueMs;
    if (a.kind == ActionKind::Forward) { // as stored (writeActionsOf() skips redacted deliveries)
        a.body = d.body.isNull() ? QByteArray("") : d.body;
        a.headers = d.headers.isNull() ? QByteArray("") : d.headers;
    }
    written->append(std::move(a));
    return true;
}

void SqliteStore::fireFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    auto *self = static_cast<SqliteStore *>(sqlite3_user_data(context));
    const auto view = [](sqlite3_value *v) {
        return QByteArrayView(reinterpret_cast<const char *>(sqlite3_value_text(v)), sqlite3_value_bytes(v));
    };
    const QByteArrayView fired = view(argv[0]);
    const QByteArrayView offered = view(argv[1]);
    QByteArray merged = fired.toByteArray();
    QList<QByteArray> fresh;
    for (qsizetype from = 0, end; (end = offered.indexOf('\x1e', from)) >= 0; from = end + 1) {
        const QByteArrayView record = offered.sliced(from, end + 1 - from);
        if (holdsRecord(fired, record))
            continue;
        merged += record;
        fresh.append(record.toByteArray());
    }
    self->m_firedByUpsert = std::move(fresh);
    sqlite3_result_text64(context, merged.constData(), merged.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

bool SqliteStore::writeActionsOf(
    const Delivery &d, const Firings &firings, FoldedAlerts &folded, QList<OutboxAction> *written)
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
                const QByteArray record = firedRecord(a.ruleId, a.fireKey);
                const std::optional<bool> isFresh = firings.decided && firings.offered.contains(record)
                    ? std::optional<bool>(firings.fresh.contains(record))
                    : fireOnce(m_db, st->fire, entryId, record);
                if (!isFresh)
                    return false;
                decided.append(key);
                fresh.append(*isFresh);
                if (!*isFresh)
                    continue;
            }
        }
        // A rule's alerts after the first of its fold window wait to be folded into one (each firing is
        // recorded above all the same). Forwards go one by one.
        if (a.kind != ActionKind::Forward && !a.ruleId.isEmpty()) {
            const QString key = QString::number(int(a.kind)) + u'\n' + a.ruleId + u'\n' + a.target + u'\n' + a.title;
            auto held = folded.find(key);
            if (held != folded.end()) {
                *held = FoldedAlert {a, &d, held->held + 1};
                continue;
            }
            if (auto open = m_openFolds.constFind(key); open != m_openFolds.cend() && d.receivedMs >= open->closesMs)
                closeFold(key);
            if (m_openFolds.contains(key)) { // within the window: joins the fold
                folded.insert(key, FoldedAlert {a, &d, 1});
                continue;
            }
            m_openFolds.insert(key, OpenFold {d.receivedMs + kFoldWindowMs, 0, {}});
            folded.insert(key, FoldedAlert {a, &d, 0});
        }
        if (!writeDeliveryAction(a, d, d.receivedMs, written))
            return false;
    }
    return true;
}

bool SqliteStore::flushFoldedAlerts(const FoldedAlerts &folded)
{
    ActionStatements *st = actionStatements();
    if (!st)
        return false;
    for (auto it = folded.cbegin(); it != folded.cend(); ++it) {
        const FoldedAlert &alert = it.value();
        if (alert.held == 0)
            continue;
        OpenFold &fold = m_openFolds[it.key()]; // opened by writeActionsOf()
        const int held = fold.held + alert.held;
        PlannedAction action = alert.latest;
        if (held > 1) {
            // Notify: the text; Post: the "text" of its {"text": ...} body.
            const QString more = QStringLiteral("%1 more; the latest: ").arg(held);
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
        const Delivery &d = *alert.delivery;
        if (fold.rowId != 0) { // the fold's row, unless it was carried out, discarded or cancelled
            st->refold.bind(1, fold.rowId);
            st->refold.bind(2, action.payload);
            st->refold.bind(3, d.id);
            if (!stepDone(st->refold))
                return false;
            if (sqlite3_changes(m_db) == 0)
                fold.rowId = 0;
        }
        if (fold.rowId == 0) {
            QList<OutboxAction> row;
            if (!writeDeliveryAction(action, d, fold.closesMs, &row))
                return false;
            if (row.isEmpty()) // over the target's limit
                continue;
            fold.rowId = row.constFirst().id;
        }
        fold.held = held;
    }
    return true;
}

void SqliteStore::closeFold(const QString &key)
{
    if (const OpenFold fold = m_openFolds.take(key); fold.rowId != 0)
        m_closedFolds.append(fold.rowId);
}

QList<OutboxAction> SqliteStore::closeFolds(qint64 nowMs)
{
    for (const QString &key : m_openFolds.keys()) {
        if (m_openFolds.value(key).closesMs <= nowMs)
            closeFold(key);
    }
    return m_closedFolds.isEmpty() ? QList<OutboxAction>() : pendingActions(std::exchange(m_closedFolds, {}));
}

std::optional<qint64> SqliteStore::nextFoldCloseMs() const
{
    std::optional<qint64> next;
    for (const OpenFold &fold : m_openFolds) {
        if (fold.rowId != 0)
            next = std::min(next.value_or(fold.closesMs), fold.closesMs);
    }
    return next;
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
        ok = insertAction(actions[i], actions[i].deliveryId, nowMs, nowMs, &id);
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
            " WHERE e.deleted = 0 AND (?1 = '' OR e.helper_command = ?1) AND coalesce(d.imported, 0) = 0"
            " ORDER BY e.entry_id",
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
            ok = insertAction(actions[i], actions[i].deliveryId, nowMs, nowMs, &id);
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

} // namespace peanuts
