// The writer's role: committing batches of deliveries, the work left for after the answers went
// out, and the faults of writing.
#pragma once

#include "data/records.h"
#include "ingest/delivery.h"

#include <QList>
#include <QString>
#include <optional>

namespace peanuts {

// Why the last write failed, in terms a user can act on.
enum class WriteFault {
    None,
    Busy, // locked by another process
    LimitReached, // the size limit (maxSizeBytes) is reached
    DiskFull,
    ReadOnly,
    Io, // an I/O error, or the file cannot be opened
    Unreachable, // a database server that cannot be reached (the team database's connection is lost)
    Other,
};

class IngestStore
{
public:
    virtual ~IngestStore() = default;

    // Writes the batch in one transaction. Decides duplicates (same body bytes as an earlier
    // verified delivery) and stale events, updating each item's outcome, and assigns ids.
    // Items with keepRow == false only count. On failure nothing is written.
    virtual bool commit(QList<Delivery> &batch, QString *error) = 0;
    // The outbox actions the last successful commit() wrote (none after a failed one), with what the
    // dispatcher needs to carry them out (a forward's body and headers): it need not read them back.
    virtual QList<OutboxAction> committedActions() const { return {}; }
    // Alerts of one rule are folded for a while after the first (one row, due when the fold closes):
    // the folds closed by nowMs, as dueActions() would read them back, for the dispatcher; and when
    // the next fold with a row closes.
    virtual QList<OutboxAction> closeFolds(qint64 nowMs)
    {
        Q_UNUSED(nowMs);
        return {};
    }
    virtual std::optional<qint64> nextFoldCloseMs() const { return std::nullopt; }

    // Writes imported deliveries (delivery.imported set, outcomes as recorded) in one transaction: applied
    // to the projection as received ones are, counted in no counter or rate, firing nothing. A delivery
    // already present is skipped; one whose body was redacted here is written without it, and one
    // recorded as redacted stays so (its hash joins the redacted bodies). Ids are assigned.
    virtual bool importDeliveries(QList<Delivery> &batch, ImportTally *tally, QString *error)
    {
        Q_UNUSED(batch);
        Q_UNUSED(tally);
        *error = QStringLiteral("this store cannot import");
        return false;
    }

    // Work done after the answers went out (the body search index): up to maxRows a call, resumed
    // after a restart. Returns how many rows it handled; 0 when nothing is left.
    virtual int catchUp(int maxRows) = 0;
    // Work a commit left for after its answers went out (the writer's own WAL checkpoint).
    virtual void afterAnswers() { }

    // Faults of the writer: what the last failed write was, a new size limit (0: none), and a small
    // write transaction that succeeds only when a delivery could be stored again.
    virtual WriteFault lastWriteFault() const { return WriteFault::Other; }
    virtual bool setMaxSizeBytes(qint64 bytes) { return bytes == 0; }
    virtual bool probeWrite(QString *error) = 0;

    virtual QString lastError() const = 0;
};

} // namespace peanuts
