// PostgreSQL backend, the payload log: pages by filter and search, counts, single deliveries, an
// entry's history, and the projection's entries.
#include "store/pgstore.h"

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

std::optional<QList<DeliveryRow>> PgStore::deliveriesBefore(
    const DeliveryFilter & /*filter*/, qint64 /*beforeId*/, int /*limit*/)
{
    return std::nullopt;
}

std::optional<QList<DeliveryRow>> PgStore::deliveriesAfter(
    const DeliveryFilter & /*filter*/, qint64 /*afterId*/, int /*limit*/)
{
    return std::nullopt;
}

std::optional<QList<DeliveryRow>> PgStore::deliveriesAt(
    const DeliveryFilter & /*filter*/, qint64 /*offset*/, int /*limit*/)
{
    return std::nullopt;
}

std::optional<qint64> PgStore::countDeliveries(const DeliveryFilter & /*filter*/)
{
    return std::nullopt;
}

std::optional<QList<DeliveryRow>> PgStore::attempts(qint64 /*id*/)
{
    return std::nullopt;
}

std::optional<QList<Delivery>> PgStore::entryHistory(const QString & /*entryId*/)
{
    return std::nullopt;
}

std::optional<QList<EntryRecord>> PgStore::entryRecords(
    const QString & /*afterEntryId*/, qint64 /*fromMs*/, qint64 /*toMs*/, int /*limit*/)
{
    return std::nullopt;
}

} // namespace peanuts
