// The values that travel between the store and whoever reads it (the HTTP API, the services, the
// views): rows of the log, filters, totals and the results of maintenance. Plain data, no behaviour.
#pragma once

#include "ingest/delivery.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <array>
#include <limits>
#include <optional>

namespace peanuts {

using OutcomeCounters = std::array<qint64, size_t(Outcome::OutcomeCount)>;

// Current entries of some helpers whose effective created_at lies in [fromMs, toMs).
struct EntryFilter
{
    QStringList commands;
    qint64 fromMs = std::numeric_limits<qint64>::min();
    qint64 toMs = std::numeric_limits<qint64>::max();
};

struct EntryTotals
{
    qint64 count = 0; // current entries
    qint64 amountCount = 0; // of which have a numeric amount
    qint64 sumCents = 0;
};

// The projection's view of one entry, as applied.
struct EntryState
{
    QString entryId;
    qint64 eventMs = 0;
    int eventRank = 0;
    QByteArray bodySha256;
    bool deleted = false;
    QString helperCommand;
    qint64 createdMs = 0;
    std::optional<qint64> amountCents;
    bool amountFlagged = false;
    QString category;
    qint64 deliveryId = 0;
};

// A current entry as the CSV export writes it: the projection's row with its data (entry.data as
// received, compact JSON; null when its delivery was redacted).
struct EntryRecord
{
    QString entryId;
    QString helperName;
    QString helperCommand;
    qint64 createdMs = 0;
    std::optional<qint64> amountCents;
    QString category;
    QByteArray data;
};

// What an import did with the deliveries it was given.
struct ImportTally
{
    qint64 imported = 0; // rows written
    qint64 alreadyPresent = 0; // the same delivery (received time, path, body hash, outcome) was there
    qint64 redactedHere = 0; // written without the body: it had been redacted in this database
};

// What the payload log shows of a delivery: everything but the bytes.
struct DeliveryRow
{
    qint64 id = 0;
    qint64 receivedMs = 0;
    QString event;
    QString helperName;
    QString helperCommand;
    QString entryId;
    std::optional<qint64> amountCents;
    QString category;
    Outcome outcome = Outcome::Accepted;
    int status = 0;
    QString reason;
    qint64 bodySize = 0;
    bool redacted = false;
    bool simulated = false; // status is a custom response's (Delivery::simulated)
    int answerMs = -1; // -1: not recorded
    qint64 firstAttempt = 0; // a retry of that delivery; 0: not a retry
    qint64 retries = 0; // a first attempt: how many retries of it are stored
};

// The log's filter. Empty fields match everything.
struct DeliveryFilter
{
    QString text; // a substring of the raw body, case-insensitive for ASCII
    QString event; // exact event type
    QList<Outcome> outcomes;
    QString helper; // exact helper name or command
    qint64 fromMs = std::numeric_limits<qint64>::min(); // received time, [fromMs, toMs)
    qint64 toMs = std::numeric_limits<qint64>::max();
    // Ids in (afterId, uptoId]: a view's snapshot, so that rows arriving meanwhile do not shift it.
    qint64 afterId = 0;
    qint64 uptoId = std::numeric_limits<qint64>::max();
    // Retries together: a retry is left out, and its first attempt's row counts it (DeliveryRow::retries).
    bool groupRetries = false;

    bool operator==(const DeliveryFilter &o) const
    {
        return text == o.text && event == o.event && outcomes == o.outcomes && helper == o.helper && fromMs == o.fromMs
            && toMs == o.toMs && afterId == o.afterId && uptoId == o.uptoId && groupRetries == o.groupRetries;
    }
    bool operator!=(const DeliveryFilter &o) const { return !(*this == o); }
};

// Deliveries received in one minute, by outcome (exact: kept apart from the rows, like the counters).
struct MinuteCounts
{
    qint64 minuteStartMs = 0;
    OutcomeCounters counts {};
};

// What checkProjection() found when it rebuilt the projection from the stored deliveries.
struct ProjectionCheck
{
    qint64 entries = 0; // rows in the projection
    // Entries whose applied delivery was redacted or deleted since: compared on what is left of it
    // (a deleted one must still beat every delivery that remains).
    qint64 partial = 0;
    qint64 differenceCount = 0;
    QStringList differences; // the first few, one sentence each

    bool ok() const { return differenceCount == 0; }
};

struct CategoryTotal
{
    QString category; // "" for entries without one
    qint64 count = 0;
    qint64 sumCents = 0;
};

constexpr int kDefaultKeepRejectedDays = 7; // how long rejected deliveries are kept by default

// How long deliveries are kept. The current entries, and the delivery each of them was applied
// from, are kept whatever the policy; counters and minute counts are kept apart and never pruned.
struct RetentionPolicy
{
    int maxAgeDays = 0; // deliveries received longer ago go; 0: no age limit
    qint64 maxDeliveries = 0; // deliveries beyond the newest this many go; 0: no count limit
    int rejectedMaxAgeDays = 0; // rejected deliveries received longer ago go; 0: no age limit of their own
    // Dead letters (outbox actions whose last attempt failed) go this long after it; 0: kept. Not part
    // of keepsEverything(), which speaks of deliveries: the writer prunes dead letters either way.
    int keepDeadLetterDays = kDefaultKeepDeadLetterDays;

    bool keepsEverything() const { return maxAgeDays <= 0 && maxDeliveries <= 0 && rejectedMaxAgeDays <= 0; }
    bool operator==(const RetentionPolicy &o) const
    {
        return maxAgeDays == o.maxAgeDays && maxDeliveries == o.maxDeliveries
            && rejectedMaxAgeDays == o.rejectedMaxAgeDays && keepDeadLetterDays == o.keepDeadLetterDays;
    }
    bool operator!=(const RetentionPolicy &o) const { return !(*this == o); }
};

// A short summary of committed deliveries, for live views (one batch, or several merged).
struct BatchSummary
{
    QList<qint64> ids;
    OutcomeCounters counts {};
};

// The database's size on disk (the file and its write-ahead log) around a VACUUM.
struct VacuumResult
{
    qint64 bytesBefore = 0;
    qint64 bytesAfter = 0;
};

} // namespace peanuts

Q_DECLARE_METATYPE(peanuts::BatchSummary)
