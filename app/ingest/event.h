// Parsing and validating one webhook body into the fields the store and the figures need.
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace peanuts {

enum class EventKind { Created, Updated, Deleted, Unknown };

struct ParsedEvent
{
    QString event; // the `event` string as sent
    EventKind kind = EventKind::Unknown;
    qint64 timestampMs = 0; // `timestamp`, UTC milliseconds since the epoch
    QString helperId;
    QString helperName;
    QString helperCommand;
    QString entryId;
    qint64 createdAtMs = -1; // `entry.created_at`, or -1 when absent or not ISO-8601
    QString userId;
    QString category; // `entry.data.category` when it is a string
    std::optional<qint64> amountCents; // `entry.data.amount` when numeric
    bool amountPresent = false; // `entry.data.amount` exists (numeric or not)
    QByteArray data; // `entry.data` re-encoded compactly, for display and history (never for signing)

    bool amountFlagged() const { return amountPresent && !amountCents; }
};

struct ParseResult
{
    std::optional<ParsedEvent> event;
    QString error; // set when event is empty: a sentence that names the field, e.g. "entry.id must be a string"
};

// Validates a body whose signature has already been checked. nowMs and maxFutureMs bound how far
// in the future `timestamp` may lie.
ParseResult parseEvent(const QByteArray &body, qint64 nowMs, qint64 maxFutureMs);

// ISO-8601 date-time with a zone designator (Z or +hh:mm) to UTC milliseconds; nullopt otherwise.
std::optional<qint64> parseIsoTimestamp(const QString &text);

const char *eventKindName(EventKind kind);

} // namespace peanuts
