// SQLite backend, the payload log: pages by filter and search, counts, single deliveries, an entry's
// history, and the projection's entries.
#include "store/sqlitestore.h"

#include "store/sqliteinternal.h"

#include <limits>

namespace peanuts {

namespace {

const char kDeliveryColumns[]
    = "SELECT id, received_ms, remote, forwarded_for, method, path, headers, body, body_size, body_sha256, outcome,"
      " status, reason, secret_label, event, entry_id, helper_id, helper_name, helper_command, event_ms, amount_cents,"
      " category, redacted, imported, simulated, answer_ms, first_attempt FROM deliveries";

Delivery readDelivery(sqlite3_stmt *stmt)
{
    Delivery d;
    d.id = sqlite3_column_int64(stmt, 0);
    d.receivedMs = sqlite3_column_int64(stmt, 1);
    d.remoteAddress = fromText(stmt, 2);
    d.forwardedFor = fromText(stmt, 3);
    d.method = fromBlob(stmt, 4);
    d.path = fromBlob(stmt, 5);
    d.headers = fromBlob(stmt, 6);
    d.body = fromBlob(stmt, 7);
    d.bodySize = sqlite3_column_int64(stmt, 8);
    d.bodySha256 = fromBlob(stmt, 9);
    d.outcome = Outcome(sqlite3_column_int(stmt, 10));
    d.status = sqlite3_column_int(stmt, 11);
    d.reason = fromText(stmt, 12);
    d.secretLabel = fromText(stmt, 13);
    d.redacted = sqlite3_column_int(stmt, 22) != 0;
    d.imported = sqlite3_column_int(stmt, 23) != 0;
    d.simulated = sqlite3_column_int(stmt, 24) != 0;
    d.answerMs = sqlite3_column_type(stmt, 25) == SQLITE_NULL ? -1 : sqlite3_column_int(stmt, 25);
    d.firstAttempt = sqlite3_column_int64(stmt, 26);
    if (sqlite3_column_type(stmt, 14) != SQLITE_NULL) {
        ParsedEvent ev;
        ev.event = fromText(stmt, 14);
        ev.entryId = fromText(stmt, 15);
        ev.helperId = fromText(stmt, 16);
        ev.helperName = fromText(stmt, 17);
        ev.helperCommand = fromText(stmt, 18);
        ev.timestampMs = sqlite3_column_int64(stmt, 19);
        if (sqlite3_column_type(stmt, 20) != SQLITE_NULL)
            ev.amountCents = sqlite3_column_int64(stmt, 20);
        ev.category = fromText(stmt, 21);
        d.event = ev;
    }
    return d;
}

} // namespace

std::optional<Delivery> SqliteStore::delivery(qint64 id)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray sql = QByteArray(kDeliveryColumns) + " WHERE id = ?1";
    if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK) {
        m_lastError = errorText();
        return std::nullopt;
    }
    sqlite3_bind_int64(stmt, 1, id);
    std::optional<Delivery> result;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        result = readDelivery(stmt);
    sqlite3_finalize(stmt);
    if (result)
        runQuery(m_db, "SELECT source_id FROM resends WHERE delivery_id = ?", {number(id)},
            [&](sqlite3_stmt *s) { result->resentFrom = sqlite3_column_int64(s, 0); });
    return result;
}

std::optional<qint64> SqliteStore::deliveryCount()
{
    sqlite3_stmt *stmt = nullptr;
    std::optional<qint64> count;
    if (sqlite3_prepare_v2(m_db, "SELECT count(*) FROM deliveries", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        count = sqlite3_column_int64(stmt, 0);
    else
        m_lastError = errorText();
    sqlite3_finalize(stmt);
    return count;
}

namespace {
const char kEntryColumns[] = "SELECT entry_id, event_ms, event_rank, body_sha256, deleted, helper_command, created_ms,"
                             " amount_cents, amount_flagged, category, delivery_id FROM entries";

EntryState readEntry(sqlite3_stmt *stmt)
{
    EntryState e;
    e.entryId = fromText(stmt, 0);
    e.eventMs = sqlite3_column_int64(stmt, 1);
    e.eventRank = sqlite3_column_int(stmt, 2);
    e.bodySha256 = fromBlob(stmt, 3);
    e.deleted = sqlite3_column_int(stmt, 4) != 0;
    e.helperCommand = fromText(stmt, 5);
    e.createdMs = sqlite3_column_int64(stmt, 6);
    if (sqlite3_column_type(stmt, 7) != SQLITE_NULL)
        e.amountCents = sqlite3_column_int64(stmt, 7);
    e.amountFlagged = sqlite3_column_int(stmt, 8) != 0;
    e.category = fromText(stmt, 9);
    e.deliveryId = sqlite3_column_int64(stmt, 10);
    return e;
}

} // namespace

std::optional<EntryState> SqliteStore::entry(const QString &entryId)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray sql = QByteArray(kEntryColumns) + " WHERE entry_id = ?1";
    if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK) {
        m_lastError = errorText();
        return std::nullopt;
    }
    const QByteArray id = entryId.toUtf8();
    sqlite3_bind_text64(stmt, 1, id.constData(), id.size(), SQLITE_STATIC, SQLITE_UTF8);
    std::optional<EntryState> result;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        result = readEntry(stmt);
    sqlite3_finalize(stmt);
    return result;
}

std::optional<QList<EntryState>> SqliteStore::entries()
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray sql = QByteArray(kEntryColumns) + " ORDER BY entry_id";
    if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK) {
        m_lastError = errorText();
        return std::nullopt;
    }
    QList<EntryState> list;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        list.append(readEntry(stmt));
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

namespace {

const char kRowColumns[]
    = "SELECT id, received_ms, event, helper_name, helper_command, entry_id, amount_cents, category,"
      " outcome, status, reason, body_size, redacted, simulated, answer_ms, first_attempt,"
      " (SELECT count(*) FROM deliveries r WHERE r.first_attempt = deliveries.id) FROM deliveries";

DeliveryRow readRow(sqlite3_stmt *stmt)
{
    DeliveryRow r;
    r.id = sqlite3_column_int64(stmt, 0);
    r.receivedMs = sqlite3_column_int64(stmt, 1);
    r.event = fromText(stmt, 2);
    r.helperName = fromText(stmt, 3);
    r.helperCommand = fromText(stmt, 4);
    r.entryId = fromText(stmt, 5);
    if (sqlite3_column_type(stmt, 6) != SQLITE_NULL)
        r.amountCents = sqlite3_column_int64(stmt, 6);
    r.category = fromText(stmt, 7);
    r.outcome = Outcome(sqlite3_column_int(stmt, 8));
    r.status = sqlite3_column_int(stmt, 9);
    r.reason = fromText(stmt, 10);
    r.bodySize = sqlite3_column_int64(stmt, 11);
    r.redacted = sqlite3_column_int(stmt, 12) != 0;
    r.simulated = sqlite3_column_int(stmt, 13) != 0;
    r.answerMs = sqlite3_column_type(stmt, 14) == SQLITE_NULL ? -1 : sqlite3_column_int(stmt, 14);
    r.firstAttempt = sqlite3_column_int64(stmt, 15);
    r.retries = sqlite3_column_int64(stmt, 16);
    return r;
}

// pages: for the log's page queries (by id order) rather than a count.
QByteArray filterClause(const DeliveryFilter &f, QList<Bind> &binds, bool pages)
{
    QByteArray where = " WHERE 1";
    if (!f.text.isEmpty()) {
        // Rejected deliveries' bodies are not searched (nor indexed): junk from anyone.
        where += " AND outcome < 4";
        QString escaped = f.text;
        escaped.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        const QString pattern = u'%' + escaped + u'%';
        // The trigram index answers for what it holds (three characters or more, no wildcards in
        // the text); the rows it has not reached yet, and short texts, are scanned.
        if (f.text.toUtf8().size() >= 3 && escaped == f.text) {
            where += " AND ((id <= (SELECT value FROM meta WHERE key = 'fts_upto')"
                     "       AND id IN (SELECT rowid FROM deliveries_fts WHERE deliveries_fts.body LIKE ?))"
                     "  OR (id > (SELECT value FROM meta WHERE key = 'fts_upto') AND CAST(body AS TEXT) LIKE ? ESCAPE "
                     "'\\'))";
            binds << text(pattern) << text(pattern);
        } else {
            where += " AND CAST(body AS TEXT) LIKE ? ESCAPE '\\'";
            binds << text(pattern);
        }
    }
    if (!f.event.isEmpty()) {
        where += " AND event = ?";
        binds << text(f.event);
    }
    if (!f.helper.isEmpty()) {
        // Counting takes the two helper indexes (about 80 ms for 1M matches). A page must not: the
        // union of both indexes is sorted whole before the first 200 (350 ms at 240k matches), where
        // walking the ids down stops after 200 matches.
        where += pages ? " AND (+helper_name = ? OR +helper_command = ?)"
                       : " AND (helper_name = ? OR helper_command = ?)";
        binds << text(f.helper) << text(f.helper);
    }
    if (!f.outcomes.isEmpty()) {
        where += " AND outcome IN (";
        for (qsizetype i = 0; i < f.outcomes.size(); ++i) {
            where += i ? ",?" : "?";
            binds << number(qint64(f.outcomes[i]));
        }
        where += ')';
    }
    if (f.fromMs != std::numeric_limits<qint64>::min()) {
        where += " AND received_ms >= ?";
        binds << number(f.fromMs);
    }
    if (f.toMs != std::numeric_limits<qint64>::max()) {
        where += " AND received_ms < ?";
        binds << number(f.toMs);
    }
    if (f.afterId > 0) {
        where += " AND id > ?";
        binds << number(f.afterId);
    }
    if (f.uptoId != std::numeric_limits<qint64>::max()) {
        where += " AND id <= ?";
        binds << number(f.uptoId);
    }
    if (f.groupRetries)
        where += " AND first_attempt IS NULL";
    return where;
}

} // namespace

std::optional<QList<DeliveryRow>> SqliteStore::rows(const QByteArray &sql, const QList<Bind> &binds)
{
    QList<DeliveryRow> list;
    if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) { list.append(readRow(stmt)); })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

std::optional<QList<DeliveryRow>> SqliteStore::deliveriesBefore(const DeliveryFilter &given, qint64 beforeId, int limit)
{
    // One upper bound on id: SQLite 3.40 walks the rowid range from the first bound only, so a
    // snapshot bound beside the key made deep pages walk down from the newest row.
    DeliveryFilter filter = given;
    if (filter.uptoId != std::numeric_limits<qint64>::max()) {
        beforeId = qMin(beforeId, filter.uptoId + 1);
        filter.uptoId = std::numeric_limits<qint64>::max();
    }
    QList<Bind> binds;
    const QByteArray sql = kRowColumns + filterClause(filter, binds, true) + " AND id < ? ORDER BY id DESC LIMIT ?";
    binds << number(beforeId) << number(limit);
    return rows(sql, binds);
}

std::optional<QList<DeliveryRow>> SqliteStore::deliveriesAfter(const DeliveryFilter &given, qint64 afterId, int limit)
{
    DeliveryFilter filter = given; // one lower bound on id, as in deliveriesBefore
    afterId = qMax(afterId, filter.afterId);
    filter.afterId = 0;
    QList<Bind> binds;
    const QByteArray sql = kRowColumns + filterClause(filter, binds, true) + " AND id > ? ORDER BY id ASC LIMIT ?";
    binds << number(afterId) << number(limit);
    return rows(sql, binds);
}

std::optional<QList<DeliveryRow>> SqliteStore::deliveriesAt(const DeliveryFilter &filter, qint64 offset, int limit)
{
    QList<Bind> binds;
    const QByteArray sql = kRowColumns + filterClause(filter, binds, true) + " ORDER BY id DESC LIMIT ? OFFSET ?";
    binds << number(limit) << number(offset);
    return rows(sql, binds);
}

std::optional<qint64> SqliteStore::countDeliveries(const DeliveryFilter &filter)
{
    QList<Bind> binds;
    const QByteArray sql = "SELECT count(*) FROM deliveries" + filterClause(filter, binds, false);
    qint64 count = -1;
    if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) { count = sqlite3_column_int64(stmt, 0); })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return count;
}

std::optional<QList<DeliveryRow>> SqliteStore::attempts(qint64 id)
{
    const QByteArray sql = kRowColumns
        + QByteArray(" WHERE id = (SELECT coalesce(first_attempt, id) FROM deliveries WHERE id = ?1)"
                     " OR first_attempt = (SELECT coalesce(first_attempt, id) FROM deliveries WHERE id = ?1)"
                     " ORDER BY id");
    return rows(sql, {number(id)});
}

std::optional<QList<Delivery>> SqliteStore::entryHistory(const QString &entryId)
{
    QList<Delivery> list;
    const QByteArray sql = QByteArray(kDeliveryColumns) + " WHERE entry_id = ? ORDER BY id";
    if (!runQuery(m_db, sql, {text(entryId)}, [&](sqlite3_stmt *stmt) { list.append(readDelivery(stmt)); })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

} // namespace peanuts
