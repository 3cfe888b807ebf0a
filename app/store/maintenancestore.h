// Maintenance: retention, vacuum, the checks of --check, and deleting or redacting deliveries on
// request.
#pragma once

#include "data/records.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace peanuts {

class MaintenanceStore
{
public:
    virtual ~MaintenanceStore() = default;

    // Deletes, in one transaction, up to maxRows of the oldest deliveries the policy lets go (with
    // their copies in the search index), examining a bounded number of rows. Returns how many it
    // removed, or -1 on failure. *more says whether a further call may find more: a run of calls
    // resumes where the last one stopped until it reports no more.
    virtual int prune(const RetentionPolicy &policy, qint64 nowMs, int maxRows, bool *more = nullptr) = 0;
    // Rewrites the file without its free pages and empties the write-ahead log.
    virtual std::optional<VacuumResult> vacuum() = 0;
    // SQLite's PRAGMA integrity_check: {"ok"} when the file is sound, else the problems it lists.
    virtual std::optional<QStringList> integrityCheck() = 0;
    // Rebuilds the projection from the stored deliveries (for each entry, the verified event with the
    // greatest timestamp, rank and body hash) and compares it with the projection kept, in one
    // snapshot. nullopt when the database could not be read.
    virtual std::optional<ProjectionCheck> checkProjection() = 0;

    virtual bool deleteDeliveries(const QList<qint64> &ids) = 0;
    // Replaces the bodies (and any copy of them, such as the search index) with nothing.
    virtual bool redactDeliveries(const QList<qint64> &ids) = 0;

    virtual QString lastError() const = 0;
};

} // namespace peanuts
