// SQLite backend, maintenance: retention (prune), vacuum, the integrity check, and deleting or
// redacting deliveries on request. The projection check is in sqliteprojectioncheck.cpp.
#include "store/sqlitestore.h"

#include "platform/logging.h"
#include "store/databasefiles.h"
#include "store/sqlitecheckpointer.h"
#include "store/sqliteinternal.h"

#include <QFile>

#include <limits>

namespace peanuts {

namespace {

// Whether a delivery row's body is in the search index: not redacted, reached by catchUp, and not
// rejected (unless an earlier version indexed it).
#define IN_SEARCH_INDEX                                                                                                \
    "(redacted = 0 AND id <= (SELECT value FROM meta WHERE key = 'fts_upto') AND (outcome < 4"                         \
    " OR id <= (SELECT value FROM meta WHERE key = 'fts_rejected_upto')))"

// The database file and its write-ahead log, in bytes.
qint64 fileBytes(sqlite3 *db)
{
    const char *name = db ? sqlite3_db_filename(db, "main") : nullptr;
    if (!name || !*name)
        return 0;
    return databaseFileSizes(QFile::decodeName(name)).total();
}

} // namespace

bool SqliteStore::changeDeliveries(
    const QList<qint64> &ids, const char *change, bool removesRows, const char *alsoChange)
{
    if (!exec("BEGIN IMMEDIATE"))
        return false;
    bool ok = !removesRows || keepNextId();
    for (qsizetype i = 0; ok && i < ids.size(); ++i) {
        const qint64 id = ids[i];
        // The search index holds a copy of the body: take it out first.
        ok = runQuery(m_db,
                 "INSERT INTO deliveries_fts (deliveries_fts, rowid, body)"
                 " SELECT 'delete', id, CAST(body AS TEXT) FROM deliveries WHERE id = ? AND " IN_SEARCH_INDEX,
                 {number(id)}, [](sqlite3_stmt *) {})
            && runQuery(m_db, change, {number(id)}, [](sqlite3_stmt *) {})
            && (!alsoChange || runQuery(m_db, alsoChange, {number(id)}, [](sqlite3_stmt *) {}));
    }
    if (ok && exec("COMMIT"))
        return true;
    m_lastError = errorText();
    exec("ROLLBACK");
    return false;
}

bool SqliteStore::deleteDeliveries(const QList<qint64> &ids)
{
    m_prune = PruneRun {}; // the count limit's bound may have moved older
    // Their actions go with them: pending ones are cancelled, dead letters and stored answers removed.
    const bool ok = changeDeliveries(
        ids, "DELETE FROM deliveries WHERE id = ?", true, "DELETE FROM actions WHERE delivery_id = ?");
    if (ok)
        loadPendingCounts();
    return ok;
}

bool SqliteStore::redactDeliveries(const QList<qint64> &ids)
{
    if (!m_db || m_readOnly) {
        m_lastError = m_db ? QStringLiteral("the database is open read-only") : errorText();
        return false;
    }
    // Freed and rewritten space is overwritten with zeros, so that the bytes do not stay in free
    // pages; the checkpoint below then takes them out of the write-ahead log.
    const qint64 secureDelete = scalar("PRAGMA secure_delete", 0);
    if (!exec("PRAGMA secure_delete = ON"))
        return false;
    auto restore = [&] {
        const QByteArray sql = "PRAGMA secure_delete = " + QByteArray::number(secureDelete);
        exec(sql.constData());
    };
    auto none = [](sqlite3_stmt *) {};
    // One transaction: the body and headers of the delivery and of every copy of it (the duplicates:
    // the same bytes about the same entry), the copy of its text in the search index, and the
    // projection's copy of the entry's data. The amount and category stay in the figures.
    bool ok = exec("BEGIN IMMEDIATE");
    bool removedFromIndex = false;
    for (qsizetype i = 0; ok && i < ids.size(); ++i) {
        QList<qint64> copies;
        ok = runQuery(m_db,
                 "SELECT id FROM deliveries WHERE id = ?1 UNION SELECT c.id FROM deliveries AS d"
                 " JOIN deliveries AS c ON c.entry_id = d.entry_id AND c.body_sha256 = d.body_sha256 WHERE d.id = ?1",
                 {number(ids[i])}, [&](sqlite3_stmt *stmt) { copies.append(sqlite3_column_int64(stmt, 0)); })
            && runQuery(m_db,
                "INSERT OR IGNORE INTO redacted_bodies (body_sha256) SELECT body_sha256 FROM deliveries"
                " WHERE id = ? AND length(body_sha256) = 32",
                {number(ids[i])}, none)
            && runQuery(m_db,
                "UPDATE entries SET data = NULL WHERE entry_id = (SELECT entry_id FROM deliveries WHERE id = ?1)"
                " AND body_sha256 = (SELECT body_sha256 FROM deliveries WHERE id = ?1) AND data IS NOT NULL",
                {number(ids[i])}, none);
        for (qsizetype c = 0; ok && c < copies.size(); ++c) {
            ok = runQuery(m_db,
                "INSERT INTO deliveries_fts (deliveries_fts, rowid, body)"
                " SELECT 'delete', id, CAST(body AS TEXT) FROM deliveries WHERE id = ? AND " IN_SEARCH_INDEX,
                {number(copies[c])}, none);
            removedFromIndex = removedFromIndex || (ok && sqlite3_changes(m_db) > 0);
            ok = ok
                && runQuery(m_db, "UPDATE deliveries SET body = x'', headers = x'', redacted = 1 WHERE id = ?",
                    {number(copies[c])}, none)
                // Its actions: pending forwards have no body left to send; every text they keep (the
                // rendered payload and title, the handler's answer) goes. The error stays.
                && runQuery(m_db, "DELETE FROM actions WHERE delivery_id = ? AND state = 0 AND kind = 2",
                    {number(copies[c])}, none)
                && runQuery(m_db,
                    "UPDATE actions SET payload = x'', title = '[redacted]', answer_headers = x'', answer_body = x''"
                    " WHERE delivery_id = ?",
                    {number(copies[c])}, none);
        }
    }
    // The index's delete only records that the rows are gone: their terms (every three characters
    // of the body) stay in its segments until these are merged. Merging all of them into one drops
    // them, and the old segments' pages are zeroed as they are freed. It rewrites the whole index,
    // which takes time in proportion to its size; redactions are rare.
    if (ok && removedFromIndex)
        ok = exec("INSERT INTO deliveries_fts (deliveries_fts) VALUES ('optimize')");
    if (!ok || !exec("COMMIT")) {
        m_lastError = errorText();
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
        restore();
        return false;
    }
    m_hasRedactedBodies = m_hasRedactedBodies || !ids.isEmpty();
    loadPendingCounts();
    restore();
    return emptyWal();
}

bool SqliteStore::emptyWal()
{
    // Copies every frame back into the file and truncates the log to nothing. A reader holding an
    // older snapshot keeps it from finishing: each try waits for readers as long as the busy timeout
    // (2 s), and a few tries bound the wait.
    constexpr int kTries = 3;
    m_checkpointer->waitIdle();
    for (int attempt = 0; attempt < kTries; ++attempt) {
        const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
        if (rc == SQLITE_OK)
            return true;
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
    }
    m_lastError = QStringLiteral("the deliveries were redacted, but the write-ahead log could not be emptied (%1): "
                                 "the removed bytes stay in it until the next checkpoint")
                      .arg(errorText());
    qCWarning(lcStore).noquote() << m_lastError;
    return false;
}

bool SqliteStore::startPruneRun(const RetentionPolicy &policy)
{
    m_prune = PruneRun {};
    m_prune.active = true;
    m_prune.maxDeliveries = policy.maxDeliveries;
    if (policy.maxDeliveries <= 0)
        return true;
    // Walks the small received_ms index rather than the rows; once a run, since at a million rows
    // the offset costs tens of milliseconds. Rows arriving during the run only move the true bound
    // newer, so the bound found here keeps too much, never too little.
    const bool ok
        = runQuery(m_db, "SELECT received_ms, id FROM deliveries ORDER BY received_ms DESC, id DESC LIMIT 1 OFFSET ?",
            {number(policy.maxDeliveries)}, [&](sqlite3_stmt *stmt) {
                m_prune.hasCountBound = true;
                m_prune.countBoundMs = sqlite3_column_int64(stmt, 0);
                m_prune.countBoundId = sqlite3_column_int64(stmt, 1);
            });
    if (!ok) {
        m_lastError = errorText();
        m_prune = PruneRun {};
    }
    return ok;
}

int SqliteStore::prune(const RetentionPolicy &policy, qint64 nowMs, int maxRows, bool *more)
{
    if (more)
        *more = false;
    if (!m_db || m_readOnly || maxRows <= 0 || policy.keepsEverything()) {
        m_prune = PruneRun {};
        return 0;
    }
    if ((!m_prune.active || m_prune.maxDeliveries != policy.maxDeliveries) && !startPruneRun(policy))
        return -1;

    // Rows go when (received_ms, id) < (boundMs, boundId): the larger of the two limits' bounds.
    constexpr qint64 kLowest = std::numeric_limits<qint64>::min();
    qint64 boundMs = kLowest, boundId = kLowest;
    if (policy.maxAgeDays > 0)
        boundMs = nowMs - qint64(policy.maxAgeDays) * 86'400'000;
    if (m_prune.hasCountBound
        && std::make_pair(m_prune.countBoundMs, m_prune.countBoundId + 1) > std::make_pair(boundMs, boundId)) {
        boundMs = m_prune.countBoundMs;
        boundId = m_prune.countBoundId + 1;
    }
    // No limit on deliveries in general: only rejected ones may go (below).
    const bool general = boundMs != kLowest || boundId != kLowest;

    // Protected rows are looked at but not taken; looking stops after a bounded number of them too,
    // so that one call stays short even when the oldest rows are all kept. The applied delivery of
    // an entry is found through the entries' primary key, one probe per row looked at.
    const qint64 scanLimit = qint64(maxRows) * 8;
    const qint64 fromMs = m_prune.started ? m_prune.afterMs : kLowest;
    const qint64 fromId = m_prune.started ? m_prune.afterId : kLowest;
    struct Doomed
    {
        qint64 id;
        bool indexed;
    };
    QList<Doomed> doomed;
    qint64 looked = 0, lastMs = fromMs, lastId = fromId;
    bool full = false;

    if (!exec("BEGIN IMMEDIATE"))
        return -1;
    bool ok = true;
    if (general) {
        sqlite3_stmt *stmt = nullptr;
        ok = sqlite3_prepare_v2(m_db,
                 "SELECT d.id, d.received_ms, d.redacted = 0 AND (d.outcome < 4"
                 "   OR d.id <= (SELECT value FROM meta WHERE key = 'fts_rejected_upto')),"
                 " NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.entry_id = d.entry_id AND e.delivery_id = d.id"
                 "             AND e.deleted = 0)"
                 " FROM deliveries AS d INDEXED BY deliveries_received"
                 " WHERE (d.received_ms, d.id) > (?1, ?2) AND (d.received_ms, d.id) < (?3, ?4)"
                 " ORDER BY d.received_ms, d.id LIMIT ?5",
                 -1, &stmt, nullptr)
            == SQLITE_OK;
        if (ok) {
            sqlite3_bind_int64(stmt, 1, fromMs);
            sqlite3_bind_int64(stmt, 2, fromId);
            sqlite3_bind_int64(stmt, 3, boundMs);
            sqlite3_bind_int64(stmt, 4, boundId);
            sqlite3_bind_int64(stmt, 5, scanLimit);
            int rc;
            while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                ++looked;
                lastId = sqlite3_column_int64(stmt, 0);
                lastMs = sqlite3_column_int64(stmt, 1);
                if (sqlite3_column_int(stmt, 3)) {
                    doomed.append(Doomed {lastId, lastId <= m_ftsUpto && sqlite3_column_int(stmt, 2)});
                    if (doomed.size() >= maxRows) {
                        full = true;
                        break;
                    }
                }
            }
            ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
        }
        sqlite3_finalize(stmt);
    }
    // Rejected deliveries older than their own limit, with what room this call has left. They are
    // never applied deliveries; the counters keep them counted.
    bool rejectedFull = false;
    bool actionsRemoved = false;
    const qsizetype room = maxRows - doomed.size();
    if (ok && policy.rejectedMaxAgeDays > 0 && room > 0) {
        const qint64 rejectedBoundMs = nowMs - qint64(policy.rejectedMaxAgeDays) * 86'400'000;
        qsizetype found = 0;
        ok = runQuery(m_db,
            "SELECT id, redacted = 0 AND id <= (SELECT value FROM meta WHERE key = 'fts_rejected_upto')"
            " FROM deliveries INDEXED BY deliveries_rejected WHERE outcome >= 4 AND received_ms < ?"
            " ORDER BY received_ms LIMIT ?",
            {number(rejectedBoundMs), number(room)}, [&](sqlite3_stmt *stmt) {
                const qint64 id = sqlite3_column_int64(stmt, 0);
                ++found;
                // A row the general limits took already (their scan ran first) is not taken twice.
                for (const Doomed &d : std::as_const(doomed)) {
                    if (d.id == id)
                        return;
                }
                doomed.append(Doomed {id, id <= m_ftsUpto && sqlite3_column_int(stmt, 1)});
            });
        rejectedFull = found == room;
    }
    if (ok && !doomed.isEmpty()) {
        // The search index keeps its own copy of each indexed body: it needs the text to forget it.
        // A pruned delivery's actions go with it (pending ones cancelled).
        SqlStatement unindex, remove, removeActions;
        ok = unindex.prepare(m_db,
                 "INSERT INTO deliveries_fts (deliveries_fts, rowid, body)"
                 " SELECT 'delete', id, CAST(body AS TEXT) FROM deliveries WHERE id = ?1")
            && remove.prepare(m_db, "DELETE FROM deliveries WHERE id = ?1")
            && removeActions.prepare(m_db, "DELETE FROM actions WHERE delivery_id = ?1");
        for (qsizetype i = 0; ok && i < doomed.size(); ++i) {
            if (doomed[i].indexed) {
                unindex.bind(1, doomed[i].id);
                ok = unindex.step() == SQLITE_DONE;
                unindex.reset();
            }
            if (ok) {
                remove.bind(1, doomed[i].id);
                ok = remove.step() == SQLITE_DONE;
                remove.reset();
            }
            if (ok) {
                removeActions.bind(1, doomed[i].id);
                ok = removeActions.step() == SQLITE_DONE;
                removeActions.reset();
                actionsRemoved = actionsRemoved || (ok && sqlite3_changes(m_db) > 0);
            }
        }
    }
    // An ordinary transaction: a crash before COMMIT rolls it all back, so nothing acknowledged and
    // nothing half-deleted is left behind.
    if (!ok || (!doomed.isEmpty() && !keepNextId()) || !exec("COMMIT")) {
        m_lastError = errorText();
        exec("ROLLBACK");
        m_prune = PruneRun {};
        return -1;
    }
    if (actionsRemoved)
        loadPendingCounts();
    const bool moreToDo = full || looked == scanLimit || rejectedFull;
    if (moreToDo) {
        m_prune.started = true;
        m_prune.afterMs = lastMs;
        m_prune.afterId = lastId;
    } else {
        m_prune = PruneRun {}; // the next run starts from the oldest row again
    }
    if (more)
        *more = moreToDo;
    return int(doomed.size());
}

std::optional<VacuumResult> SqliteStore::vacuum()
{
    if (!m_db || m_readOnly) {
        m_lastError = m_db ? QStringLiteral("the database is open read-only") : errorText();
        return std::nullopt;
    }
    VacuumResult result;
    result.bytesBefore = fileBytes(m_db);
    // VACUUM writes the whole new file through the log; the checkpoint copies it back and empties
    // the log, which is what frees the disk space.
    if (!exec("VACUUM"))
        return std::nullopt;
    m_checkpointer->waitIdle();
    if (!exec("PRAGMA wal_checkpoint(TRUNCATE)"))
        return std::nullopt;
    result.bytesAfter = fileBytes(m_db);
    qCInfo(lcStore) << "vacuumed:" << result.bytesBefore << "bytes before," << result.bytesAfter << "after";
    return result;
}

std::optional<QStringList> SqliteStore::integrityCheck()
{
    QStringList lines;
    if (!m_db || !runQuery(m_db, "PRAGMA integrity_check", {}, [&](sqlite3_stmt *stmt) {
            lines.append(fromText(stmt, 0));
        })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return lines;
}

} // namespace peanuts
