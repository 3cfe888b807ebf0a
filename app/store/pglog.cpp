// PostgreSQL backend, the payload log: pages by filter and search, counts, single deliveries, an
// entry's history, and the projection's entries.
#include "store/pgstore.h"

#include <limits>

namespace peanuts {

namespace {

const QString kDeliveryColumns = QStringLiteral(
    "SELECT id, received_ms, remote, forwarded_for, method, path, headers, body, body_size, body_sha256, outcome,"
    " status, reason, secret_label, event, entry_id, helper_id, helper_name, helper_command, event_ms, amount_cents,"
    " category, redacted, imported, simulated, answer_ms, first_attempt FROM deliveries");

Delivery readDelivery(const QSqlQuery &q)
{
    Delivery d;
    d.id = q.value(0).toLongLong();
    d.receivedMs = q.value(1).toLongLong();
    d.remoteAddress = q.value(2).toString();
    d.forwardedFor = q.value(3).toString();
    d.method = q.value(4).toString().toUtf8();
    d.path = q.value(5).toString().toUtf8();
    d.headers = q.value(6).toByteArray();
    d.body = q.value(7).toByteArray();
    d.bodySize = q.value(8).toLongLong();
    d.bodySha256 = q.value(9).toByteArray();
    d.outcome = Outcome(q.value(10).toInt());
    d.status = q.value(11).toInt();
    d.reason = q.value(12).toString();
    d.secretLabel = q.value(13).toString();
    d.redacted = q.value(22).toBool();
    d.imported = q.value(23).toBool();
    d.simulated = q.value(24).toBool();
    d.answerMs = q.isNull(25) ? -1 : q.value(25).toInt();
    d.firstAttempt = q.value(26).toLongLong();
    if (!q.isNull(14)) {
        ParsedEvent ev;
        ev.event = q.value(14).toString();
        ev.entryId = q.value(15).toString();
        ev.helperId = q.value(16).toString();
        ev.helperName = q.value(17).toString();
        ev.helperCommand = q.value(18).toString();
        ev.timestampMs = q.value(19).toLongLong();
        if (!q.isNull(20))
            ev.amountCents = q.value(20).toLongLong();
        ev.category = q.value(21).toString();
        d.event = ev;
    }
    return d;
}

const QString kEntryColumns
    = QStringLiteral("SELECT entry_id, event_ms, event_rank, body_sha256, deleted, helper_command,"
                     " created_ms, amount_cents, amount_flagged, category, delivery_id FROM entries");

EntryState readEntry(const QSqlQuery &q)
{
    EntryState e;
    e.entryId = q.value(0).toString();
    e.eventMs = q.value(1).toLongLong();
    e.eventRank = q.value(2).toInt();
    e.bodySha256 = q.value(3).toByteArray();
    e.deleted = q.value(4).toBool();
    e.helperCommand = q.value(5).toString();
    e.createdMs = q.value(6).toLongLong();
    if (!q.isNull(7))
        e.amountCents = q.value(7).toLongLong();
    e.amountFlagged = q.value(8).toBool();
    e.category = q.value(9).toString();
    e.deliveryId = q.value(10).toLongLong();
    return e;
}

} // namespace

std::optional<Delivery> PgStore::delivery(qint64 id)
{
    std::optional<Delivery> result;
    if (!select(kDeliveryColumns + QStringLiteral(" WHERE id = ?"), {id},
            [&](const QSqlQuery &q) { result = readDelivery(q); }))
        return std::nullopt;
    if (result
        && !select(QStringLiteral("SELECT source_id FROM resends WHERE delivery_id = ?"), {id},
            [&](const QSqlQuery &q) { result->resentFrom = q.value(0).toLongLong(); }))
        return std::nullopt;
    return result;
}

std::optional<qint64> PgStore::deliveryCount()
{
    return scalar(QStringLiteral("SELECT count(*) FROM deliveries"));
}

std::optional<EntryState> PgStore::entry(const QString &entryId)
{
    std::optional<EntryState> result;
    if (!select(kEntryColumns + QStringLiteral(" WHERE entry_id = ?"), {entryId},
            [&](const QSqlQuery &q) { result = readEntry(q); }))
        return std::nullopt;
    return result;
}

std::optional<QList<EntryState>> PgStore::entries()
{
    QList<EntryState> list;
    if (!select(kEntryColumns + QStringLiteral(" ORDER BY entry_id COLLATE \"C\""), {},
            [&](const QSqlQuery &q) { list.append(readEntry(q)); }))
        return std::nullopt;
    return list;
}

namespace {

const QString kRowColumns = QStringLiteral(
    "SELECT id, received_ms, event, helper_name, helper_command, entry_id, amount_cents, category, outcome,"
    " status, reason, body_size, redacted, simulated, answer_ms, first_attempt,"
    " (SELECT count(*) FROM deliveries r WHERE r.first_attempt = deliveries.id) FROM deliveries");

DeliveryRow readRow(const QSqlQuery &q)
{
    DeliveryRow r;
    r.id = q.value(0).toLongLong();
    r.receivedMs = q.value(1).toLongLong();
    r.event = q.value(2).toString();
    r.helperName = q.value(3).toString();
    r.helperCommand = q.value(4).toString();
    r.entryId = q.value(5).toString();
    if (!q.isNull(6))
        r.amountCents = q.value(6).toLongLong();
    r.category = q.value(7).toString();
    r.outcome = Outcome(q.value(8).toInt());
    r.status = q.value(9).toInt();
    r.reason = q.value(10).toString();
    r.bodySize = q.value(11).toLongLong();
    r.redacted = q.value(12).toBool();
    r.simulated = q.value(13).toBool();
    r.answerMs = q.isNull(14) ? -1 : q.value(14).toInt();
    r.firstAttempt = q.isNull(15) ? 0 : q.value(15).toLongLong();
    r.retries = q.value(16).toLongLong();
    return r;
}

// LIKE's pattern for "contains text": its wildcards and the escape character taken literally. NULs
// are dropped, as they are from body_text (a text value cannot hold one).
QString containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.remove(QChar(0))
        .replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

// The filter as a WHERE clause (" WHERE true AND ...") and its values, in order.
//
// Search: body_text holds the body of every delivery that is neither rejected nor redacted (NULL for
// those, so they are never found, as on SQLite). "Case-insensitive for ASCII" is SQLite's LIKE (and
// its FTS5 trigram LIKE, which agrees: "É" does not find "é" there). PostgreSQL's ILIKE folds every
// letter the database's locale knows (on C.UTF-8 "É" finds "é"), so it is only the index's half:
// pg_trgm's GIN index (deliveries_search) answers "body_text ILIKE", a superset of the matches, and
// "body_text COLLATE "C" ILIKE" then keeps exactly the ASCII-folded ones, since under the C collation
// ILIKE lowercases A-Z only. (The superset holds for libc locales, whose lowering maps A-Z to a-z one
// character at a time; a Turkish-locale database, where "I" lowers to a dotless i, would miss i/I.)
//
// EXPLAIN ANALYZE on 100k deliveries (PostgreSQL 15, C.UTF-8): a count of a search takes a Bitmap
// Index Scan on deliveries_search (the C-collation ILIKE as a filter on its few rows); a page of a
// rare text sorts that bitmap's rows by id, a page of a common one ("groceries", 15k matches) walks
// deliveries_pkey backwards from the key and stops at the limit. Texts shorter than a trigram have no
// index to use and are scanned, as on SQLite. Counts by event, outcome (deliveries_rejected for the
// rejected ones) and received_ms take their indexes, helper a BitmapOr of deliveries_helper_name and
// deliveries_helper_command; pages walk deliveries_pkey down (id < ?) and filter, and a row's retries
// are an index-only scan of deliveries_first_attempt.
QString filterClause(const DeliveryFilter &f, QVariantList &binds)
{
    QString where = QStringLiteral(" WHERE true");
    if (!f.text.isEmpty()) {
        where += QStringLiteral(" AND body_text ILIKE ? ESCAPE '\\' AND body_text COLLATE \"C\" ILIKE ? ESCAPE '\\'");
        const QString pattern = containsPattern(f.text);
        binds << pattern << pattern;
    }
    if (!f.event.isEmpty()) {
        where += QStringLiteral(" AND event = ?");
        binds << f.event;
    }
    if (!f.helper.isEmpty()) {
        where += QStringLiteral(" AND (helper_name = ? OR helper_command = ?)");
        binds << f.helper << f.helper;
    }
    if (!f.outcomes.isEmpty()) {
        QStringList list;
        for (Outcome o : f.outcomes)
            list.append(QString::number(int(o)));
        where += QStringLiteral(" AND outcome = ANY (?::integer[])");
        binds << QString(u'{' + list.join(u',') + u'}');
    }
    if (f.fromMs != std::numeric_limits<qint64>::min()) {
        where += QStringLiteral(" AND received_ms >= ?");
        binds << f.fromMs;
    }
    if (f.toMs != std::numeric_limits<qint64>::max()) {
        where += QStringLiteral(" AND received_ms < ?");
        binds << f.toMs;
    }
    if (f.afterId > 0) {
        where += QStringLiteral(" AND id > ?");
        binds << f.afterId;
    }
    if (f.uptoId != std::numeric_limits<qint64>::max()) {
        where += QStringLiteral(" AND id <= ?");
        binds << f.uptoId;
    }
    if (f.groupRetries)
        where += QStringLiteral(" AND first_attempt IS NULL");
    return where;
}

} // namespace

std::optional<QList<DeliveryRow>> PgStore::filteredRows(
    const DeliveryFilter &filter, const QString &order, const QVariantList &orderBinds)
{
    // A statement of its own each time, not a kept one: the best plan depends on the values (how
    // selective the search text, the helper or the time range is, how deep the page), and a kept
    // statement drifts to one generic plan for all of them.
    if (!usable())
        return std::nullopt;
    QVariantList binds;
    const QString sql = kRowColumns + filterClause(filter, binds) + order;
    QSqlQuery query(m_db);
    if (!run(query, sql, binds + orderBinds) && !(retried() && run(query, sql, binds + orderBinds)))
        return std::nullopt;
    QList<DeliveryRow> list;
    while (query.next())
        list.append(readRow(query));
    return list;
}

std::optional<QList<DeliveryRow>> PgStore::deliveriesBefore(const DeliveryFilter &filter, qint64 beforeId, int limit)
{
    return filteredRows(filter, QStringLiteral(" AND id < ? ORDER BY id DESC LIMIT ?"), {beforeId, limit});
}

std::optional<QList<DeliveryRow>> PgStore::deliveriesAfter(const DeliveryFilter &filter, qint64 afterId, int limit)
{
    return filteredRows(filter, QStringLiteral(" AND id > ? ORDER BY id ASC LIMIT ?"), {afterId, limit});
}

std::optional<QList<DeliveryRow>> PgStore::deliveriesAt(const DeliveryFilter &filter, qint64 offset, int limit)
{
    return filteredRows(filter, QStringLiteral(" ORDER BY id DESC LIMIT ? OFFSET ?"), {limit, offset});
}

std::optional<qint64> PgStore::countDeliveries(const DeliveryFilter &filter)
{
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT count(*) FROM deliveries") + filterClause(filter, binds);
    return scalar(sql, binds); // scalar() prepares afresh each time too
}

std::optional<QList<DeliveryRow>> PgStore::attempts(qint64 id)
{
    QList<DeliveryRow> list;
    if (!select(kRowColumns
                + QStringLiteral(" WHERE id = (SELECT coalesce(first_attempt, id) FROM deliveries WHERE id = ?)"
                                 " OR first_attempt = (SELECT coalesce(first_attempt, id) FROM deliveries WHERE id = ?)"
                                 " ORDER BY id"),
            {id, id}, [&](const QSqlQuery &q) { list.append(readRow(q)); }))
        return std::nullopt;
    return list;
}

std::optional<QList<Delivery>> PgStore::entryHistory(const QString &entryId)
{
    QList<Delivery> list;
    if (!select(kDeliveryColumns + QStringLiteral(" WHERE entry_id = ? ORDER BY id"), {entryId},
            [&](const QSqlQuery &q) { list.append(readDelivery(q)); }))
        return std::nullopt;
    return list;
}

std::optional<QList<EntryRecord>> PgStore::entryRecords(
    const QString &afterEntryId, qint64 fromMs, qint64 toMs, int limit)
{
    // Ids in byte order, as SQLite's: COLLATE "C" (entries_export, pg-1.sql, serves it).
    QList<EntryRecord> list;
    if (!select(QStringLiteral("SELECT entry_id, helper_name, helper_command, created_ms, amount_cents, category, data"
                               " FROM entries WHERE NOT deleted AND entry_id COLLATE \"C\" > ? AND created_ms >= ?"
                               " AND created_ms < ? ORDER BY entry_id COLLATE \"C\" LIMIT ?"),
            {afterEntryId.isNull() ? QStringLiteral("") : afterEntryId, fromMs, toMs, limit}, [&](const QSqlQuery &q) {
                EntryRecord e;
                e.entryId = q.value(0).toString();
                e.helperName = q.value(1).toString();
                e.helperCommand = q.value(2).toString();
                e.createdMs = q.value(3).toLongLong();
                if (!q.isNull(4))
                    e.amountCents = q.value(4).toLongLong();
                e.category = q.value(5).toString();
                e.data = q.isNull(6) ? QByteArray() : q.value(6).toByteArray();
                list.append(std::move(e));
            }))
        return std::nullopt;
    return list;
}

} // namespace peanuts
