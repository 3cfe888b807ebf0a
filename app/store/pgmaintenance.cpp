// PostgreSQL backend, maintenance: retention (prune), vacuum, the integrity check, and deleting or
// redacting deliveries on request, and the projection check. The semantics are
// SQLite's (sqlitemaintenance.cpp); what differs comes from several instances sharing the database:
// - one instance prunes at a time (the team's advisory lock kLockPrune); another finds nothing to do;
// - the count limit's bound is found again by every call, since another instance may delete rows
//   between two calls of a run (SQLite keeps it for the run: it is the only writer);
// - a redaction locks out the writers' check of the redacted bodies while it runs, and rewrites the
//   tables afterwards so that the bytes leave the dead rows and the pages' free space.
#include "store/pgstore.h"

#include "platform/logging.h"
#include "store/sqliteprojection.h"

#include <QElapsedTimer>
#include <QThread>

#include <limits>
#include <tuple>

namespace peanuts {

namespace {

// Ids bound as one text parameter and read back as an array: "id = ANY (ids)".
const QString kIdArray = QStringLiteral("string_to_array(?, ',')::bigint[]");

QString idList(const QList<qint64> &ids)
{
    QStringList list;
    list.reserve(ids.size());
    for (const qint64 id : ids)
        list.append(QString::number(id));
    return list.join(QLatin1Char(','));
}

// Everything of ours in the current schema: the tables with their indexes and TOAST.
const QString kOurBytes = QStringLiteral("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint"
                                         " FROM pg_catalog.pg_class AS c WHERE c.relkind = 'r'"
                                         " AND c.relnamespace = current_schema()::regnamespace");

// A column as SQL would print it, so that a difference can be shown as it is stored.
QString rendered(const QSqlQuery &q, int column)
{
    const QVariant v = q.value(column);
    if (q.isNull(column))
        return QStringLiteral("NULL");
    switch (v.typeId()) {
    case QMetaType::QByteArray:
        return QStringLiteral("x'%1'").arg(QString::fromLatin1(v.toByteArray().toHex()));
    case QMetaType::QString:
        return u'\'' + v.toString() + u'\'';
    default:
        return v.toString();
    }
}

bool sameValue(const QSqlQuery &q, int a, int b)
{
    if (q.isNull(a) || q.isNull(b))
        return q.isNull(a) && q.isNull(b);
    return q.value(a) == q.value(b);
}

using EntryKey = std::tuple<qint64, qint64, QByteArray>;

EntryKey entryKey(const QSqlQuery &q, int from)
{
    return {q.value(from + 1).toLongLong(), q.value(from + 2).toLongLong(), q.value(from + 3).toByteArray()};
}

// The projection rebuilt from the deliveries beside the one kept, joined by entry id (byte order, as
// QByteArray and SQLite order them). Columns 0-13: the kept entry (booleans as 0 and 1, as SQLite
// keeps them); 14: whether its applied delivery still exists; 15-27: the rebuilt entry as
// projection::rebuiltEntriesSql() gives it (entry_id, event_ms, event_rank, body_sha256, deleted,
// helper_id, helper_name, helper_command, delivery id, amount_cents, redacted, category, body). The
// rule is store/sqliteprojection.cpp's; the SQL is PostgreSQL's, in one statement: one snapshot.
QString checkedProjectionSql()
{
    QString rank = QStringLiteral("CASE event");
    QStringList known;
    for (EventKind kind : {EventKind::Created, EventKind::Updated, EventKind::Deleted}) {
        rank += QStringLiteral(" WHEN '%1' THEN %2").arg(QLatin1String(eventKindName(kind))).arg(eventRank(kind));
        known.append(QStringLiteral("'%1'").arg(QLatin1String(eventKindName(kind))));
    }
    rank += QStringLiteral(" END");
    const int deletedRank = eventRank(EventKind::Deleted);
    return QStringLiteral(
        "WITH w AS (SELECT id, event_rank, row_number() OVER (PARTITION BY entry_id ORDER BY %1, id) AS n"
        "   FROM (SELECT id, entry_id, event_ms, body_sha256, %2 AS event_rank FROM deliveries"
        "         WHERE entry_id IS NOT NULL AND outcome IN (%3, %4, %5) AND event IN (%6)) AS v),"
        " r AS (SELECT d.entry_id, d.event_ms, w.event_rank, d.body_sha256, (w.event_rank = %7)::int AS deleted,"
        "   d.helper_id, d.helper_name, d.helper_command, d.id, CASE WHEN w.event_rank = %7 THEN NULL"
        "   ELSE d.amount_cents END AS amount_cents, d.redacted::int AS redacted, d.category, d.body"
        "   FROM w JOIN deliveries AS d ON d.id = w.id WHERE w.n = 1)"
        " SELECT k.entry_id, k.event_ms, k.event_rank, k.body_sha256, k.deleted::int, k.helper_id, k.helper_name,"
        "   k.helper_command, k.created_ms, k.amount_cents, k.amount_flagged::int, k.category, k.data,"
        "   k.delivery_id, EXISTS (SELECT 1 FROM deliveries AS x WHERE x.id = k.delivery_id),"
        "   r.entry_id, r.event_ms, r.event_rank, r.body_sha256, r.deleted, r.helper_id, r.helper_name,"
        "   r.helper_command, r.id, r.amount_cents, r.redacted, r.category, r.body"
        " FROM entries AS k FULL JOIN r ON r.entry_id = k.entry_id"
        " ORDER BY coalesce(k.entry_id, r.entry_id) COLLATE \"C\"")
        .arg(QString::fromLatin1(projection::winnerFirst()), rank)
        .arg(int(Outcome::Accepted))
        .arg(int(Outcome::Duplicate))
        .arg(int(Outcome::Stale))
        .arg(known.join(QStringLiteral(", ")))
        .arg(deletedRank);
}

} // namespace

bool PgStore::rewriteTables(const QStringList &tables)
{
    // VACUUM FULL writes each table (and its TOAST and indexes) anew and drops the old files: the
    // bytes of dead rows go, also from the pages' free space, where a plain VACUUM leaves them (it
    // only compacts each page). It holds an exclusive lock on the table meanwhile, so every instance
    // waits; a reader keeping the table locked makes it give up after the lock timeout rather than
    // stall the team behind it. It cannot run inside a transaction.
    bool ok = exec(QStringLiteral("SET lock_timeout = '10s'"));
    for (qsizetype i = 0; ok && i < tables.size(); ++i)
        ok = exec(QStringLiteral("VACUUM (FULL, ANALYZE) %1").arg(tables[i]));
    const QString error = m_lastError;
    exec(QStringLiteral("RESET lock_timeout"));
    m_lastError = error;
    return ok;
}

bool PgStore::waitForOlderTransactions(qint64 xid, int timeoutMs)
{
    // A row version stays, even through VACUUM FULL, while a transaction that might still see it runs:
    // one that began before xid committed. On PostgreSQL 15 that includes transactions in the other
    // databases of the cluster, since every new snapshot (the rewrite's own too) starts at the oldest
    // transaction still running. Read-only snapshots held in this database are not seen here.
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        const std::optional<qint64> oldest
            = scalar(QStringLiteral("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"));
        if (!oldest)
            return false;
        if (*oldest > xid)
            return true;
        if (timer.hasExpired(timeoutMs))
            return noteError(QStringLiteral("transactions older than this one are still running"));
        QThread::msleep(50);
    }
}

bool PgStore::deleteDeliveries(const QList<qint64> &ids)
{
    if (!writable())
        return false;
    // Their actions go with them: pending ones are cancelled, dead letters and stored answers removed.
    // The resend links go by their foreign key. Ids come from a sequence, which never hands one out
    // again: nothing to keep as SQLite keeps next_id.
    const QString list = idList(ids);
    if (begin() && runPrepared(QStringLiteral("DELETE FROM actions WHERE delivery_id = ANY (%1)").arg(kIdArray), {list})
        && runPrepared(QStringLiteral("DELETE FROM deliveries WHERE id = ANY (%1)").arg(kIdArray), {list})
        && commitTransaction())
        return true;
    const QString error = m_lastError;
    rollback();
    return noteError(error);
}

bool PgStore::redactDeliveries(const QList<qint64> &ids)
{
    if (!writable())
        return false;
    const QString list = idList(ids);
    QList<qint64> copies;
    // One transaction: the body and headers of the delivery and of every copy of it (the duplicates:
    // the same bytes about the same entry), its text for search, and the projection's copy of the
    // entry's data. The amount and category stay in the figures.
    //
    // First the redacted bodies, locked until the commit: a writer reads them at the start of its
    // batch (pgingest.cpp) and keeps reading them until its commit, so the lock waits for the batches
    // under way (their rows are then visible here and redacted with the others) and holds back the
    // next ones until they can see the new hashes. Without it a retry committed meanwhile would
    // keep its bytes. Writers lock redacted_bodies before deliveries, as here: no deadlock.
    std::optional<qint64> xid;
    bool ok = begin() && exec(QStringLiteral("LOCK TABLE redacted_bodies IN ACCESS EXCLUSIVE MODE"))
        && (xid = scalar(QStringLiteral("SELECT pg_current_xact_id()::text::bigint")))
        && runPrepared(QStringLiteral("INSERT INTO redacted_bodies (body_sha256) SELECT DISTINCT body_sha256"
                                      " FROM deliveries WHERE id = ANY (%1) AND length(body_sha256) = 32"
                                      " ON CONFLICT (body_sha256) DO NOTHING")
                           .arg(kIdArray),
            {list})
        && runPrepared(QStringLiteral("UPDATE entries AS e SET data = NULL FROM deliveries AS d"
                                      " WHERE d.id = ANY (%1) AND e.entry_id = d.entry_id"
                                      " AND e.body_sha256 = d.body_sha256 AND e.data IS NOT NULL")
                           .arg(kIdArray),
            {list})
        && select(QStringLiteral("SELECT id FROM deliveries WHERE id = ANY (%1) UNION SELECT c.id FROM deliveries AS d"
                                 " JOIN deliveries AS c ON c.entry_id = d.entry_id AND c.body_sha256 = d.body_sha256"
                                 " WHERE d.id = ANY (%1) ORDER BY 1")
                      .arg(kIdArray),
            {list, list}, [&](const QSqlQuery &q) { copies.append(q.value(0).toLongLong()); });
    const QString copyList = idList(copies);
    ok = ok
        && runPrepared(QStringLiteral("UPDATE deliveries SET body = '', headers = '', body_text = NULL, redacted = true"
                                      " WHERE id = ANY (%1)")
                           .arg(kIdArray),
            {copyList})
        // Their actions: pending forwards have no body left to send; every text they keep (the
        // rendered payload and title, the handler's answer) goes. The error stays.
        && runPrepared(
            QStringLiteral("DELETE FROM actions WHERE delivery_id = ANY (%1) AND state = 0 AND kind = 2").arg(kIdArray),
            {copyList})
        && runPrepared(QStringLiteral("UPDATE actions SET payload = '', title = '[redacted]', answer_headers = '',"
                                      " answer_body = '' WHERE delivery_id = ANY (%1)")
                           .arg(kIdArray),
            {copyList})
        && commitTransaction();
    if (!ok) {
        const QString error = m_lastError;
        rollback();
        return noteError(error);
    }
    // The old versions of the rows are dead but still on disk: VACUUM FULL rewrites the tables that
    // held the bytes (see README, "Redaction on PostgreSQL", for what remains elsewhere).
    if (!waitForOlderTransactions(*xid, 10'000)
        || !rewriteTables({QStringLiteral("deliveries"), QStringLiteral("entries"), QStringLiteral("actions")})) {
        noteError(QStringLiteral("the deliveries were redacted, but the tables could not be rewritten (%1): the "
                                 "removed bytes stay in their files until the next VACUUM FULL")
                      .arg(m_lastError));
        qCWarning(lcStore).noquote() << m_lastError;
        return false;
    }
    return true;
}

int PgStore::prune(const RetentionPolicy &policy, qint64 nowMs, int maxRows, bool *more)
{
    if (more)
        *more = false;
    if (m_readOnly || !usable() || maxRows <= 0 || policy.keepsEverything()) {
        m_prune = PruneRun {};
        return 0;
    }
    if (m_prune.started && !(m_prune.policy == policy))
        m_prune = PruneRun {};
    auto fail = [&] {
        const QString error = m_lastError;
        rollback();
        noteError(error);
        m_prune = PruneRun {};
        return -1;
    };
    // One instance at a time: the lock is taken before anything is read, so that an instance that
    // gets it after another committed sees that one's deletions and removes each row once.
    bool taken = false;
    if (!begin() || !advisoryLock(kLockPrune, true, &taken))
        return fail();
    if (!taken) {
        // Another instance is pruning: it goes on until it finds no more.
        rollback();
        m_prune = PruneRun {};
        return 0;
    }

    // Rows go when (received_ms, id) < (boundMs, boundId): the larger of the two limits' bounds.
    constexpr qint64 kLowest = std::numeric_limits<qint64>::min();
    qint64 boundMs = kLowest, boundId = kLowest;
    if (policy.maxAgeDays > 0)
        boundMs = nowMs - qint64(policy.maxAgeDays) * 86'400'000;
    bool ok = true;
    if (policy.maxDeliveries > 0) {
        ok = select(QStringLiteral("SELECT received_ms, id FROM deliveries ORDER BY received_ms DESC, id DESC"
                                   " LIMIT 1 OFFSET ?"),
            {policy.maxDeliveries}, [&](const QSqlQuery &q) {
                const qint64 ms = q.value(0).toLongLong();
                const qint64 id = q.value(1).toLongLong() + 1;
                if (std::make_pair(ms, id) > std::make_pair(boundMs, boundId)) {
                    boundMs = ms;
                    boundId = id;
                }
            });
    }
    // No limit on deliveries in general: only rejected ones may go (below).
    const bool general = boundMs != kLowest || boundId != kLowest;

    // Protected rows (the applied deliveries of current entries) are looked at but not taken; looking
    // stops after a bounded number of them too, so that one call stays short.
    const qint64 scanLimit = qint64(maxRows) * 8;
    const qint64 fromMs = m_prune.started ? m_prune.afterMs : kLowest;
    const qint64 fromId = m_prune.started ? m_prune.afterId : kLowest;
    QList<qint64> doomed;
    qint64 looked = 0, lastMs = fromMs, lastId = fromId;
    bool full = false;
    if (ok && general) {
        QSqlQuery *q = nullptr;
        ok = runPrepared(
            QStringLiteral(
                "SELECT d.id, d.received_ms, NOT EXISTS (SELECT 1 FROM entries AS e"
                " WHERE e.entry_id = d.entry_id AND e.delivery_id = d.id AND NOT e.deleted)"
                " FROM deliveries AS d WHERE (d.received_ms, d.id) > (?, ?) AND (d.received_ms, d.id) < (?, ?)"
                " ORDER BY d.received_ms, d.id LIMIT ?"),
            {fromMs, fromId, boundMs, boundId, scanLimit}, &q);
        while (ok && !full && q->next()) {
            ++looked;
            lastId = q->value(0).toLongLong();
            lastMs = q->value(1).toLongLong();
            if (q->value(2).toBool()) {
                doomed.append(lastId);
                full = doomed.size() >= maxRows;
            }
        }
        if (ok)
            q->finish();
    }
    // Rejected deliveries older than their own limit, with what room this call has left. They are
    // never applied deliveries; the counters keep them counted.
    bool rejectedFull = false;
    const qsizetype room = maxRows - doomed.size();
    if (ok && policy.rejectedMaxAgeDays > 0 && room > 0) {
        const qint64 rejectedBoundMs = nowMs - qint64(policy.rejectedMaxAgeDays) * 86'400'000;
        qsizetype found = 0;
        ok = select(QStringLiteral("SELECT id FROM deliveries WHERE outcome >= 4 AND received_ms < ?"
                                   " ORDER BY received_ms, id LIMIT ?"),
            {rejectedBoundMs, qint64(room)}, [&](const QSqlQuery &q) {
                ++found;
                const qint64 id = q.value(0).toLongLong();
                if (!doomed.contains(id)) // the general limits' scan took it already
                    doomed.append(id);
            });
        rejectedFull = found == room;
    }
    // A pruned delivery's actions go with it (pending ones cancelled); the search text is in the row.
    int removed = 0;
    if (ok && !doomed.isEmpty()) {
        const QString list = idList(doomed);
        QSqlQuery *q = nullptr;
        ok = runPrepared(QStringLiteral("DELETE FROM actions WHERE delivery_id = ANY (%1)").arg(kIdArray), {list})
            && runPrepared(QStringLiteral("DELETE FROM deliveries WHERE id = ANY (%1)").arg(kIdArray), {list}, &q);
        if (ok)
            removed = q->numRowsAffected();
    }
    if (!ok || !commitTransaction())
        return fail();
    const bool moreToDo = full || looked == scanLimit || rejectedFull;
    if (moreToDo) {
        m_prune.started = true;
        m_prune.policy = policy;
        m_prune.afterMs = lastMs;
        m_prune.afterId = lastId;
    } else {
        m_prune = PruneRun {}; // the next run starts from the oldest row again
    }
    if (more)
        *more = moreToDo;
    return removed;
}

std::optional<VacuumResult> PgStore::vacuum()
{
    if (!writable()) {
        return std::nullopt;
    }
    // SQLite's VACUUM rewrites the file without its free pages; VACUUM FULL is PostgreSQL's
    // equivalent, table by table. The sizes are those of our tables with their indexes and TOAST.
    VacuumResult result;
    // What was deleted before now can go once the transactions older than it are done: a few seconds'
    // wait for them, then the rewrite in any case (what they may still see is kept for the next one).
    const std::optional<qint64> now = scalar(QStringLiteral("SELECT pg_current_xact_id()::text::bigint"));
    if (now)
        waitForOlderTransactions(*now, 5'000);
    const std::optional<qint64> before = scalar(kOurBytes);
    QStringList tables;
    const bool listed = before
        && select(QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class AS c WHERE c.relkind = 'r'"
                                 " AND c.relnamespace = current_schema()::regnamespace ORDER BY 1"),
            {}, [&](const QSqlQuery &q) { tables.append(q.value(0).toString()); });
    if (!listed || !rewriteTables(tables))
        return std::nullopt;
    const std::optional<qint64> after = scalar(kOurBytes);
    if (!after)
        return std::nullopt;
    result.bytesBefore = *before;
    result.bytesAfter = *after;
    qCInfo(lcStore) << "vacuumed:" << result.bytesBefore << "bytes before," << result.bytesAfter << "after";
    return result;
}

std::optional<QStringList> PgStore::integrityCheck()
{
    // PostgreSQL has no cheap whole-database check of its own: its pages carry checksums only when the
    // cluster was made with them, and amcheck is an extension a superuser installs. What this says:
    // the schema is the one this build knows; the aggregates the triggers keep match a recount of the
    // projection; the sequence is ahead of every id (an id never handed out twice); no counter is
    // negative; and, where amcheck is installed, that our B-tree indexes are sound.
    QStringList problems;
    auto count = [&](const QString &sql, const QString &problem) {
        const std::optional<qint64> n = scalar(sql);
        if (!n)
            return false;
        if (*n > 0)
            problems.append(problem.arg(*n));
        return true;
    };
    const std::optional<qint64> version
        = scalar(QStringLiteral("SELECT coalesce((SELECT value::bigint FROM meta WHERE key = 'schema_version'), 0)"));
    if (!version)
        return std::nullopt;
    if (*version != schemaVersion())
        problems.append(QStringLiteral("schema version %1, expected %2").arg(*version).arg(schemaVersion()));
    // The aggregates as the entries give them, by helper and category (and 15-minute bucket).
    const QString recount = QStringLiteral(
        "SELECT coalesce(helper_command, '') AS c, %1 AS b, coalesce(category, '') AS g, count(*) AS n,"
        " count(amount_cents) AS a, coalesce(sum(amount_cents), 0) AS s FROM entries WHERE NOT deleted"
        " GROUP BY 1, 2, 3");
    const QString differing = QStringLiteral(
        "SELECT count(*) FROM (%1) AS r FULL JOIN (SELECT * FROM %2 WHERE count <> 0 OR amount_count <> 0"
        " OR sum_cents <> 0) AS t ON t.helper_command = r.c AND %3 AND t.category = r.g"
        " WHERE (r.n, r.a, r.s) IS DISTINCT FROM (t.count, t.amount_count, t.sum_cents)");
    const QString bucket = QStringLiteral(
        "CASE WHEN created_ms >= 0 THEN created_ms / 900000 ELSE -((899999 - created_ms) / 900000) END");
    bool ok
        = count(differing.arg(recount.arg(QStringLiteral("0")), QStringLiteral("entry_totals"), QStringLiteral("true")),
              QStringLiteral("entry_totals: %1 row(s) differ from a recount of the entries"))
        && count(differing.arg(recount.arg(bucket), QStringLiteral("entry_buckets"), QStringLiteral("t.bucket = r.b")),
            QStringLiteral("entry_buckets: %1 row(s) differ from a recount of the entries"))
        && count(QStringLiteral("SELECT count(*) FROM deliveries WHERE id > (SELECT CASE WHEN is_called THEN last_value"
                                " ELSE last_value - 1 END FROM deliveries_id_seq)"),
            QStringLiteral("deliveries_id_seq: %1 delivery id(s) beyond the sequence, which would hand them out again"))
        && count(QStringLiteral("SELECT count(*) FROM counters WHERE count < 0"),
            QStringLiteral("counters: %1 negative count(s)"));
    // amcheck raises an error at the first fault it finds in an index.
    const std::optional<qint64> amcheck = ok
        ? scalar(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'amcheck'"))
        : std::nullopt;
    ok = ok && amcheck;
    if (ok && *amcheck > 0
        && !scalar(QStringLiteral("SELECT count(bt_index_check(i.indexrelid)::text) FROM pg_catalog.pg_index AS i"
                                  " JOIN pg_catalog.pg_class AS c ON c.oid = i.indexrelid"
                                  " JOIN pg_catalog.pg_am AS m ON m.oid = c.relam WHERE m.amname = 'btree'"
                                  " AND c.relnamespace = current_schema()::regnamespace")))
        problems.append(QStringLiteral("amcheck: %1").arg(m_lastError));
    if (!ok)
        return std::nullopt;
    if (problems.isEmpty())
        problems.append(QStringLiteral("ok"));
    return problems;
}

std::optional<ProjectionCheck> PgStore::checkProjection()
{
    constexpr int kListed = 20;
    constexpr int kRebuilt = 15; // the first of the rebuilt entry's columns
    ProjectionCheck check;
    auto differ = [&](const QString &text) {
        if (check.differences.size() < kListed)
            check.differences.append(text);
        ++check.differenceCount;
    };
    static const char *const kSameColumns[] = {nullptr, "event_ms", "event_rank", "body_sha256", "deleted", "helper_id",
        "helper_name", "helper_command", nullptr, "amount_cents", nullptr, "category"};
    const bool ok = select(checkedProjectionSql(), {}, [&](const QSqlQuery &q) {
        if (q.isNull(kRebuilt)) {
            ++check.entries;
            // Its deliveries were all deleted on request: nothing is left to rebuild it from.
            if (!q.value(14).toBool())
                ++check.partial;
            else
                differ(QStringLiteral("entry %1 is in the projection (delivery %2), but none of its stored "
                                      "deliveries is a verified event")
                           .arg(rendered(q, 0))
                           .arg(q.value(13).toLongLong()));
            return;
        }
        if (q.isNull(0)) {
            differ(QStringLiteral("entry %1 is missing from the projection; delivery %2 rebuilds it")
                       .arg(rendered(q, kRebuilt))
                       .arg(q.value(kRebuilt + 8).toLongLong()));
            return;
        }
        ++check.entries;
        const qint64 keptDelivery = q.value(13).toLongLong();
        const qint64 rebuiltDelivery = q.value(kRebuilt + 8).toLongLong();
        QStringList wrong;
        if (keptDelivery != rebuiltDelivery && !q.value(14).toBool()) {
            // The applied delivery was deleted on request; what remains must not beat it.
            ++check.partial;
            if (entryKey(q, kRebuilt) > entryKey(q, 0))
                wrong.append(QStringLiteral("the applied delivery %1 was deleted, and delivery %2 beats it")
                                 .arg(keptDelivery)
                                 .arg(rebuiltDelivery));
        } else {
            for (int c = 1; c < int(std::size(kSameColumns)); ++c) {
                if (kSameColumns[c] && !sameValue(q, c, kRebuilt + c))
                    wrong.append(QStringLiteral("%1 is %2, rebuilt %3")
                                     .arg(QLatin1String(kSameColumns[c]), rendered(q, c), rendered(q, kRebuilt + c)));
            }
            if (keptDelivery != rebuiltDelivery)
                wrong.append(QStringLiteral("delivery_id is %1, rebuilt %2").arg(keptDelivery).arg(rebuiltDelivery));
            const QByteArray data = q.value(12).toByteArray();
            if (q.value(kRebuilt + 10).toInt() != 0) {
                // Redacted: the body is gone, and the projection's copy of its data with it.
                ++check.partial;
                if (!data.isEmpty())
                    wrong.append(QStringLiteral("data is kept although delivery %1 was redacted").arg(rebuiltDelivery));
            } else {
                const ParseResult parsed
                    = parseEvent(q.value(kRebuilt + 12).toByteArray(), std::numeric_limits<qint64>::max(), 0);
                if (!parsed.event) {
                    wrong.append(QStringLiteral("the body of delivery %1 does not parse: %2")
                                     .arg(rebuiltDelivery)
                                     .arg(parsed.error));
                } else {
                    const ParsedEvent &ev = *parsed.event;
                    const qint64 createdMs = ev.createdAtMs >= 0 ? ev.createdAtMs : ev.timestampMs;
                    if (q.value(8).toLongLong() != createdMs)
                        wrong.append(QStringLiteral("created_ms is %1, rebuilt %2").arg(rendered(q, 8)).arg(createdMs));
                    if (q.value(10).toInt() != int(ev.amountFlagged()))
                        wrong.append(QStringLiteral("amount_flagged is %1, rebuilt %2")
                                         .arg(rendered(q, 10))
                                         .arg(int(ev.amountFlagged())));
                    if (data != ev.data)
                        wrong.append(QStringLiteral("data is %1, rebuilt '%2'")
                                         .arg(rendered(q, 12), QString::fromUtf8(ev.data)));
                }
            }
        }
        if (!wrong.isEmpty())
            differ(QStringLiteral("entry %1: %2").arg(rendered(q, 0), wrong.join(QStringLiteral("; "))));
    });
    if (!ok)
        return std::nullopt;
    return check;
}

} // namespace peanuts
