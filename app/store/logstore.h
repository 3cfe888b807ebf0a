// The payload log's role: pages of deliveries by filter and search, counts, single deliveries, an
// entry's history, and the entries the projection keeps.
#pragma once

#include "data/records.h"
#include "ingest/delivery.h"

#include <QList>
#include <QString>
#include <optional>

namespace peanuts {

class LogStore
{
public:
    virtual ~LogStore() = default;

    // The payload log, newest first, paged by key: rows with id < beforeId, at most limit.
    virtual std::optional<QList<DeliveryRow>> deliveriesBefore(const DeliveryFilter &filter, qint64 beforeId, int limit)
        = 0;
    // Rows with id > afterId, oldest first (to extend a page towards the newest).
    virtual std::optional<QList<DeliveryRow>> deliveriesAfter(const DeliveryFilter &filter, qint64 afterId, int limit)
        = 0;
    // Rows from a position in the newest-first order (a jump of the scroll bar).
    virtual std::optional<QList<DeliveryRow>> deliveriesAt(const DeliveryFilter &filter, qint64 offset, int limit) = 0;
    virtual std::optional<qint64> countDeliveries(const DeliveryFilter &filter) = 0;
    virtual std::optional<qint64> deliveryCount() = 0;

    virtual std::optional<Delivery> delivery(qint64 id) = 0;
    // The attempts of one delivery: its first attempt and every retry of it, oldest first (the first
    // alone when it was never retried). id may name any of them.
    virtual std::optional<QList<DeliveryRow>> attempts(qint64 id) = 0;
    // Every stored delivery of an entry, oldest first, with bodies.
    virtual std::optional<QList<Delivery>> entryHistory(const QString &entryId) = 0;
    virtual std::optional<EntryState> entry(const QString &entryId) = 0;
    virtual std::optional<QList<EntryState>> entries() = 0; // every entry, tombstones included, by id
    // Current entries (no tombstones) created in [fromMs, toMs), by id, after afterEntryId, at most limit:
    // pages for the CSV export.
    virtual std::optional<QList<EntryRecord>> entryRecords(
        const QString &afterEntryId, qint64 fromMs, qint64 toMs, int limit)
        = 0;

    virtual QString lastError() const = 0;
};

} // namespace peanuts
