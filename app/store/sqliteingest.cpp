// SQLite backend, the writer: a batch in one transaction (duplicates, the projection's upsert,
// counters), the search index's catch-up, the WAL checkpoints after the answers, and write faults.
#include "store/sqlitestore.h"

#include "http/customresponses.h"
#include "platform/logging.h"
#include "store/sqlitecheckpointer.h"
#include "store/sqliteinternal.h"
#include "store/sqliteprojection.h"

#include <QDateTime>

#include <climits>
#include <map>
#include <optional>

namespace peanuts {

int SqliteStore::walHook(void *self, sqlite3 *, const char *, int frames)
{
    // From 16 MiB of WAL on, the checkpointer copies frames back, woken once per 4 MiB of new frames
    // rather than after every commit: a run copies each hot page once and syncs the files once.
    // (Woken after every commit, it kept most of a core busy at 14k deliveries/s.) The WAL starts
    // over only when a write begins with every frame copied back, which a busy writer seldom finds;
    // so from 64 MiB on the writer checkpoints itself, once the answers of the commit that got there
    // are out (afterAnswers), and the next transaction restarts the WAL. In the last 8 MiB before
    // that the checkpointer runs every 512 KiB, so that the writer's own run finds little left to
    // copy and sync (1-5 ms instead of about 5). (4 and 32 MiB cost about 10% of throughput: hot
    // pages were copied back more often; 256 MiB raised the p99 latency.)
    constexpr int kBackgroundFrames = 4096;
    constexpr int kOwnCheckpointFrames = 16384;
    constexpr int kFramesBetweenRuns = 1024;
    constexpr int kTrailingFrames = 2048;
    constexpr int kFramesBetweenTrailingRuns = 128;
    auto *store = static_cast<SqliteStore *>(self);
    if (frames < store->m_framesAtCheckpoint)
        store->m_framesAtCheckpoint = 0; // the WAL started over
    if (frames >= kOwnCheckpointFrames) {
        store->m_ownCheckpointDue = true; // after the answers: afterAnswers()
    } else if (frames >= kBackgroundFrames
        && frames - store->m_framesAtCheckpoint
            >= (frames >= kOwnCheckpointFrames - kTrailingFrames ? kFramesBetweenTrailingRuns : kFramesBetweenRuns)) {
        store->m_framesAtCheckpoint = frames;
        store->m_checkpointer->request();
    }
    return SQLITE_OK;
}

void SqliteStore::afterAnswers()
{
    if (!m_ownCheckpointDue || !m_db)
        return;
    m_ownCheckpointDue = false;
    m_checkpointer->waitIdle(); // a run under way would make this one give up (SQLITE_BUSY)
    sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

bool SqliteStore::prepareAll()
{
    m_stmts = new Prepared;
    Prepared &p = *m_stmts;
    // Direct only: a trigger or view in the file cannot call it.
    if (sqlite3_create_function_v2(
            m_db, "peanuts_fire", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, this, &fireFunction, nullptr, nullptr, nullptr)
        != SQLITE_OK)
        return false;
    return p.begin.prepare(m_db, "BEGIN IMMEDIATE") && p.commit.prepare(m_db, "COMMIT")
        && p.rollback.prepare(m_db, "ROLLBACK")
        && p.insertDelivery.prepare(m_db,
            "INSERT INTO deliveries (id, received_ms, remote, forwarded_for, method, path, headers, body, body_size,"
            " body_sha256, outcome, status, reason, secret_label, event, entry_id, helper_id, helper_name,"
            " helper_command, event_ms, amount_cents, category, redacted, imported, simulated, answer_ms, "
            "first_attempt)"
            " VALUES (?22, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
            " ?21, ?23, ?24, ?25, ?26, ?27)")
        && p.isRedacted.prepare(m_db, "SELECT 1 FROM redacted_bodies WHERE body_sha256 = ?1")
        && p.findCopy.prepare(m_db,
            "SELECT id FROM deliveries WHERE entry_id = ?1 AND body_sha256 = ?2"
            " AND outcome IN (0, 2, 3) ORDER BY id LIMIT 1")
        // The projection's rule (sqliteprojection.cpp): the incoming event wins only when it beats the
        // applied one, so that every ordering of the same deliveries ends in the same state.
        && p.upsertEntry.prepare(m_db, projection::upsertEntrySql().constData())
        && p.saveNextId.prepare(m_db, "UPDATE meta SET value = ?1 WHERE key = 'next_id'")
        && p.bumpMinute.prepare(m_db,
            "INSERT INTO minute_counters (minute, outcome, count) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (minute, outcome) DO UPDATE SET count = count + excluded.count")
        && p.bumpCounter.prepare(m_db,
            "INSERT INTO counters (outcome, count) VALUES (?1, ?2)"
            " ON CONFLICT (outcome) DO UPDATE SET count = count + excluded.count");
}

bool SqliteStore::keepNextId()
{
    // In the transaction that deletes rows: the newest of them may be among them, and ids are
    // never handed out twice (the search index and the projection name deliveries by id).
    if (!m_stmts)
        return false;
    SqlStatement &s = m_stmts->saveNextId;
    s.bind(1, m_nextId);
    const bool ok = s.step() == SQLITE_DONE;
    s.reset();
    return ok;
}

bool SqliteStore::writeOne(Delivery &d, OutcomeCounters &counts, Firings &firings)
{
    Prepared &p = *m_stmts;
    const ParsedEvent *ev = d.event ? &*d.event : nullptr;
    // Keep the UTF-8 conversions alive until the statements are reset (they are bound SQLITE_STATIC).
    const QByteArray remote = d.remoteAddress.toUtf8();
    const QByteArray forwarded = d.forwardedFor.isEmpty() ? QByteArray() : d.forwardedFor.toUtf8();
    const QByteArray reason = d.reason.isEmpty() ? QByteArray() : d.reason.toUtf8();
    const QByteArray label = d.secretLabel.isEmpty() ? QByteArray() : d.secretLabel.toUtf8();
    QByteArray event, entryId, helperId, helperName, helperCommand, category;
    if (ev) {
        event = ev->event.toUtf8();
        entryId = ev->entryId.toUtf8();
        helperId = ev->helperId.toUtf8();
        helperName = ev->helperName.toUtf8();
        helperCommand = ev->helperCommand.toUtf8();
        category = ev->category.isNull() ? QByteArray() : ev->category.toUtf8();
    }

    // A body redacted before (Peanuts retrying a redacted delivery): stored without its bytes.
    bool redacted = false;
    if (m_hasRedactedBodies) {
        p.isRedacted.bind(1, d.bodySha256.isNull() ? QByteArray("") : d.bodySha256);
        const int rc = p.isRedacted.step();
        p.isRedacted.reset();
        if (rc == SQLITE_ROW)
            redacted = true;
        else if (rc != SQLITE_DONE)
            return false;
    }

    // An imported delivery keeps the outcome recorded in its export (importDeliveries()); an imported
    // duplicate is linked to its first attempt here, since ids are new.
    if (ev
        && (d.imported ? d.outcome == Outcome::Duplicate
                       : d.outcome == Outcome::Accepted || d.outcome == Outcome::Ignored)) {
        p.findCopy.bindText(1, entryId);
        p.findCopy.bind(2, d.bodySha256);
        const int rc = p.findCopy.step();
        if (rc == SQLITE_ROW) {
            // A retry (Peanuts sends the same bytes again): it names the first stored attempt.
            d.outcome = Outcome::Duplicate; // unchanged for an import
            d.firstAttempt = sqlite3_column_int64(p.findCopy.get(), 0);
        }
        p.findCopy.reset();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return false;
    }

    if (d.outcome == Outcome::Accepted && ev) {
        SqlStatement &u = p.upsertEntry;
        const bool deleted = ev->kind == EventKind::Deleted;
        u.bindText(1, entryId);
        u.bind(2, ev->timestampMs);
        u.bind(3, qint64(eventRank(ev->kind)));
        u.bind(4, d.bodySha256);
        u.bind(5, qint64(deleted));
        u.bindText(6, helperId);
        u.bindText(7, helperName);
        u.bindText(8, helperCommand);
        u.bind(9, ev->createdAtMs >= 0 ? ev->createdAtMs : ev->timestampMs);
        if (ev->amountCents && !deleted)
            u.bind(10, *ev->amountCents);
        u.bind(11, qint64(ev->amountFlagged()));
        u.bindTextOrNull(12, category);
        if (!redacted)
            u.bind(13, ev->data);
        u.bind(14, d.keepRow ? m_nextId : 0);
        // What the rules fire for an applied delivery is decided here, in the row written anyway.
        QByteArray offered = "";
        for (const PlannedAction &a : d.actions) {
            if (!d.keepRow || a.fireKey.isEmpty() || !(a.outcomeMask & (1u << int(Outcome::Accepted))))
                continue;
            if (QByteArray record = firedRecord(a.ruleId, a.fireKey); !firings.offered.contains(record)) {
                offered += record;
                firings.offered.append(std::move(record));
            }
        }
        u.bindText(15, offered);
        m_firedByUpsert.reset();
        const int rc = u.step();
        u.reset();
        if (rc != SQLITE_DONE)
            return false;
        if (sqlite3_changes(m_db) == 0) {
            if (!d.imported)
                d.outcome = Outcome::Stale;
        } else {
            // peanuts_fire() ran for an existing entry; a new one took every record.
            firings.decided = true;
            firings.fresh = m_firedByUpsert ? *std::exchange(m_firedByUpsert, std::nullopt) : firings.offered;
        }
    }

    ++counts[size_t(d.outcome)];
    if (!d.keepRow)
        return true;

    SqlStatement &s = p.insertDelivery;
    d.id = m_nextId++;
    s.bind(22, d.id);
    s.bind(1, d.receivedMs);
    s.bindText(2, remote);
    s.bindTextOrNull(3, forwarded);
    s.bindText(4, d.method);
    s.bindText(5, d.path);
    s.bind(6, d.headers.isNull() || redacted ? QByteArray("") : d.headers);
    s.bind(7, d.body.isNull() || redacted ? QByteArray("") : d.body);
    s.bind(8, d.bodySize);
    s.bind(9, d.bodySha256.isNull() ? QByteArray("") : d.bodySha256);
    s.bind(10, qint64(d.outcome));
    s.bind(11, qint64(d.status));
    s.bindTextOrNull(12, reason);
    s.bindTextOrNull(13, label);
    if (ev) {
        s.bindText(14, event);
        s.bindText(15, entryId);
        s.bindText(16, helperId);
        s.bindText(17, helperName);
        s.bindText(18, helperCommand);
        s.bind(19, ev->timestampMs);
        if (ev->amountCents)
            s.bind(20, *ev->amountCents);
        s.bindTextOrNull(21, category);
    }
    s.bind(23, qint64(redacted));
    s.bind(24, qint64(d.imported));
    s.bind(25, qint64(d.simulated));
    // A verified delivery is answered right after this commit (and a custom response's delay); an
    // imported one keeps the time its export recorded.
    if (d.answerMs < 0 && !d.imported)
        d.answerMs = int(qBound(qint64(0), m_batchStartMs - d.receivedMs, qint64(INT_MAX - kMaxResponseDelayMs)))
            + d.answerDelayMs;
    if (d.answerMs >= 0)
        s.bind(26, qint64(d.answerMs));
    if (d.firstAttempt > 0)
        s.bind(27, d.firstAttempt);
    const int rc = s.step();
    s.reset();
    if (rc != SQLITE_DONE)
        return false;
    if (redacted) {
        d.redacted = true;
        d.body.clear();
        d.headers.clear();
    }
    // Rare (the window's "Edit and resend"): no statement kept prepared for it.
    if (d.resentFrom > 0
        && !runQuery(m_db, "INSERT OR REPLACE INTO resends (delivery_id, source_id) VALUES (?, ?)",
            {number(d.id), number(d.resentFrom)}, [](sqlite3_stmt *) {}))
        return false;
    return true;
}

bool SqliteStore::commit(QList<Delivery> &batch, QString *error)
{
    if (!m_db || !m_stmts) {
        m_lastError = QStringLiteral("database is not open");
        if (error)
            *error = m_lastError;
        return false;
    }
    Prepared &p = *m_stmts;
    m_batchStartMs = QDateTime::currentMSecsSinceEpoch();
    const QList<Delivery> before = batch; // outcomes and ids are restored if the transaction fails
    const qint64 nextIdBefore = m_nextId;
    OutcomeCounters counts {};
    m_committedActions.clear();
    // The outbox: a delivery's planned actions go in with it, decided on its final outcome. A batch
    // without any runs no statement of the outbox (the pending counts are saved only when needed).
    QList<OutboxAction> actionsWritten;
    FoldedAlerts folded;
    std::optional<QHash<QString, qint64>> pendingBefore;
    std::optional<std::pair<QHash<QString, OpenFold>, QList<qint64>>> foldsBefore;
    bool ok = p.begin.step() == SQLITE_DONE;
    p.begin.reset();
    for (qsizetype i = 0; ok && i < batch.size(); ++i) {
        Firings firings;
        ok = writeOne(batch[i], counts, firings);
        if (ok && batch[i].keepRow && !batch[i].actions.isEmpty()) {
            if (!pendingBefore) {
                pendingBefore = m_pendingPerTarget;
                foldsBefore.emplace(m_openFolds, m_closedFolds);
            }
            ok = writeActionsOf(batch[i], firings, folded, &actionsWritten);
        }
    }
    if (ok && !folded.isEmpty())
        ok = flushFoldedAlerts(folded);
    for (size_t o = 0; ok && o < counts.size(); ++o) {
        if (!counts[o])
            continue;
        p.bumpCounter.bind(1, qint64(o));
        p.bumpCounter.bind(2, counts[o]);
        ok = p.bumpCounter.step() == SQLITE_DONE;
        p.bumpCounter.reset();
    }
    // Per-minute counts, by received time; a batch seldom spans more than one minute.
    std::map<std::pair<qint64, int>, qint64> minutes;
    for (qsizetype i = 0; ok && i < batch.size(); ++i)
        ++minutes[{batch[i].receivedMs / 60'000, int(batch[i].outcome)}];
    for (auto it = minutes.cbegin(); ok && it != minutes.cend(); ++it) {
        p.bumpMinute.bind(1, it->first.first);
        p.bumpMinute.bind(2, qint64(it->first.second));
        p.bumpMinute.bind(3, it->second);
        ok = p.bumpMinute.step() == SQLITE_DONE;
        p.bumpMinute.reset();
    }
    if (ok) {
        ok = p.commit.step() == SQLITE_DONE;
        p.commit.reset();
    }
    if (ok) {
        m_committedActions = std::move(actionsWritten);
        return true;
    }
    if (pendingBefore) {
        m_pendingPerTarget = *pendingBefore;
        std::tie(m_openFolds, m_closedFolds) = std::move(*foldsBefore);
    }
    m_lastError = errorText();
    if (error)
        *error = m_lastError;
    qint64 batchBytes = 0;
    for (const Delivery &d : std::as_const(batch))
        batchBytes += d.body.size() + d.headers.size();
    noteWriteFault(batchBytes);
    if (!sqlite3_get_autocommit(m_db)) {
        p.rollback.step();
        p.rollback.reset();
    }
    batch = before;
    m_nextId = nextIdBefore;
    return false;
}

int SqliteStore::catchUp(int maxRows)
{
    if (!m_db || m_readOnly)
        return 0;
    qint64 upto = m_ftsUpto;
    runQuery(m_db, "SELECT max(id) FROM (SELECT id FROM deliveries WHERE id > ? ORDER BY id LIMIT ?)",
        {number(m_ftsUpto), number(maxRows)}, [&](sqlite3_stmt *stmt) {
            if (sqlite3_column_type(stmt, 0) != SQLITE_NULL)
                upto = sqlite3_column_int64(stmt, 0);
        });
    if (upto == m_ftsUpto)
        return 0;
    const bool ok = exec("BEGIN IMMEDIATE")
        && runQuery(m_db,
            "INSERT INTO deliveries_fts (rowid, body) SELECT id, CAST(body AS TEXT) FROM deliveries"
            " WHERE id > ? AND id <= ? AND redacted = 0 AND outcome < 4",
            {number(m_ftsUpto), number(upto)}, [](sqlite3_stmt *) {})
        && runQuery(m_db, "UPDATE meta SET value = ? WHERE key = 'fts_upto'", {number(upto)}, [](sqlite3_stmt *) {})
        && exec("COMMIT");
    if (!ok) {
        m_lastError = errorText();
        exec("ROLLBACK");
        return 0;
    }
    const int handled = int(upto - m_ftsUpto);
    m_ftsUpto = upto;
    return handled;
}

// Storage faults: the size limit, what a failed write means for the user, and the probe.

bool SqliteStore::setMaxSizeBytes(qint64 bytes)
{
    if (!m_db || m_readOnly)
        return bytes == 0;
    const qint64 pageSize = scalar("PRAGMA page_size", 4096);
    // SQLite raises a limit below the current size to the current size: the database is then full.
    const qint64 pages = bytes > 0 ? std::max<qint64>(1, bytes / pageSize) : m_defaultMaxPages;
    if (pages <= 0)
        return true;
    const QByteArray sql = "PRAGMA max_page_count=" + QByteArray::number(pages);
    if (!exec(sql.constData()))
        return false;
    m_maxSizeBytes = bytes;
    return true;
}

void SqliteStore::noteWriteFault(qint64 batchBytes)
{
    const int code = sqlite3_extended_errcode(m_db);
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        m_lastFault = WriteFault::Busy;
        break;
    case SQLITE_FULL: {
        // SQLite says "database or disk is full" for both. The limit is the likely cause when what
        // is stored plus a generous estimate of the batch's pages (rows, indexes, search) reaches it.
        const qint64 stored = scalar("PRAGMA page_count", 0) * scalar("PRAGMA page_size", 4096);
        const bool atLimit = m_maxSizeBytes > 0 && stored + 4 * batchBytes + 64 * 1024 >= m_maxSizeBytes;
        m_lastFault = atLimit ? WriteFault::LimitReached : WriteFault::DiskFull;
        break;
    }
    case SQLITE_READONLY:
        m_lastFault = WriteFault::ReadOnly;
        break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        m_lastFault = WriteFault::Io;
        break;
    default:
        m_lastFault = WriteFault::Other;
        break;
    }
    qCDebug(lcStore).noquote() << QStringLiteral("write failed: %1 (SQLite code %2)").arg(m_lastError).arg(code);
}

bool SqliteStore::probeWrite(QString *error)
{
    // A page-sized value written and removed in one committed transaction: it needs room under the
    // limit, and it reaches the disk (the WAL), so it fails for as long as a delivery would.
    const bool ok = m_db && m_stmts && exec("BEGIN IMMEDIATE")
        && exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('write_probe', zeroblob(16384))")
        && exec("DELETE FROM meta WHERE key = 'write_probe'") && exec("COMMIT");
    if (ok) {
        m_lastFault = WriteFault::None;
        return true;
    }
    if (!m_db || !m_stmts) {
        m_lastError = QStringLiteral("database is not open");
        m_lastFault = WriteFault::Io;
    } else {
        noteWriteFault(16384);
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
    }
    if (error)
        *error = m_lastError;
    return false;
}

} // namespace peanuts
