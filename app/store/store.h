// The storage interface: deliveries, the projection of current entries, counters and the figures'
// aggregates. Nothing outside a backend speaks SQL; a backend belongs to the thread that opened it.
#pragma once

#include "data/records.h"
#include "ingest/delivery.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <array>
#include <limits>
#include <optional>

namespace peanuts {

enum class Durability {
    Normal, // WAL, synchronous=NORMAL: survives an app crash; a power loss may undo the last commits
    Full, // WAL, synchronous=FULL: every acknowledged delivery survives a power loss too
};

struct StoreConfig
{
    QString path;
    Durability durability = Durability::Normal;
    bool readOnly = false; // a second connection for reads: no migrations, no writes
    qint64 maxSizeBytes = 0; // the writer's size limit (PRAGMA max_page_count); 0: none
    QString vfs {}; // SQLite VFS name; empty: the default. Tests name a fault-injecting one here.
};

// Why the last write failed, in terms a user can act on.
enum class WriteFault {
    None,
    Busy, // locked by another process
    LimitReached, // the size limit (maxSizeBytes) is reached
    DiskFull,
    ReadOnly,
    Io, // an I/O error, or the file cannot be opened
    Other,
};

class Store
{
public:
    virtual ~Store() = default;

    // Opens (creating when absent) and migrates. Never overwrites a file that is not a database of ours.
    virtual bool open(const StoreConfig &config, QString *error) = 0;
    virtual void close() = 0;

    // Writes the batch in one transaction. Decides duplicates (same body bytes as an earlier
    // verified delivery) and stale events, updating each item's outcome, and assigns ids.
    // Items with keepRow == false only count. On failure nothing is written.
    virtual bool commit(QList<Delivery> &batch, QString *error) = 0;

    virtual std::optional<OutcomeCounters> counters() = 0;
    virtual std::optional<Delivery> delivery(qint64 id) = 0;
    virtual std::optional<qint64> deliveryCount() = 0;
    virtual std::optional<EntryState> entry(const QString &entryId) = 0;
    virtual std::optional<QList<EntryState>> entries() = 0; // every entry, tombstones included, by id

    virtual std::optional<EntryTotals> entryTotals(const EntryFilter &filter) = 0;
    // Sum of amounts in each [bounds[i], bounds[i+1]) of effective created_at: bounds.size()-1 sums.
    virtual std::optional<QList<qint64>> sumsBetween(const QStringList &commands, const QList<qint64> &bounds) = 0;

    virtual std::optional<QList<CategoryTotal>> categoryTotals(const EntryFilter &filter) = 0;
    virtual std::optional<QList<MinuteCounts>> minuteCounts(qint64 fromMs, qint64 toMs) = 0;

    // The payload log, newest first, paged by key: rows with id < beforeId, at most limit.
    virtual std::optional<QList<DeliveryRow>> deliveriesBefore(const DeliveryFilter &filter, qint64 beforeId, int limit)
        = 0;
    // Rows with id > afterId, oldest first (to extend a page towards the newest).
    virtual std::optional<QList<DeliveryRow>> deliveriesAfter(const DeliveryFilter &filter, qint64 afterId, int limit)
        = 0;
    // Rows from a position in the newest-first order (a jump of the scroll bar).
    virtual std::optional<QList<DeliveryRow>> deliveriesAt(const DeliveryFilter &filter, qint64 offset, int limit) = 0;
    virtual std::optional<qint64> countDeliveries(const DeliveryFilter &filter) = 0;
    // Every stored delivery of an entry, oldest first, with bodies.
    virtual std::optional<QList<Delivery>> entryHistory(const QString &entryId) = 0;
    virtual bool deleteDeliveries(const QList<qint64> &ids) = 0;
    // Replaces the bodies (and any copy of them, such as the search index) with nothing.
    virtual bool redactDeliveries(const QList<qint64> &ids) = 0;

    // Work done after the answers went out (the body search index): up to maxRows a call, resumed
    // after a restart. Returns how many rows it handled; 0 when nothing is left.
    virtual int catchUp(int maxRows) = 0;
    // Work a commit left for after its answers went out (the writer's own WAL checkpoint).
    virtual void afterAnswers() { }

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

    // The reads between beginRead() and endRead() see one snapshot of the database, whatever a writer
    // commits meanwhile: the figures of one answer are read in one transaction. Calls nest.
    virtual bool beginRead() { return true; }
    virtual void endRead() { }

    virtual QString lastError() const = 0;

    // Faults of the writer: what the last failed write was, a new size limit (0: none), and a small
    // write transaction that succeeds only when a delivery could be stored again.
    virtual WriteFault lastWriteFault() const { return WriteFault::Other; }
    virtual bool setMaxSizeBytes(qint64 bytes) { return bytes == 0; }
    virtual bool probeWrite(QString *error) = 0;
};

// beginRead() and endRead() around a scope.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(Store &store)
        : m_store(store)
        , m_ok(store.beginRead())
    {
    }
    ~ReadSnapshot()
    {
        if (m_ok)
            m_store.endRead();
    }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;
    bool ok() const { return m_ok; }

private:
    Store &m_store;
    bool m_ok;
};

// Ordering rank of an event kind when timestamps tie: deleted beats updated beats created.
int eventRank(EventKind kind);

} // namespace peanuts
