// One POST to a webhook path, as received and as decided: the unit the store keeps.
#pragma once

#include "ingest/event.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace peanuts {

// Every outcome a delivery can have. The numeric values are stored: append, never renumber.
enum class Outcome {
    Accepted = 0, // verified, valid, applied to the projection
    Duplicate = 1, // identical bytes already received
    Stale = 2, // older than the entry's applied state: stored, not applied
    Ignored = 3, // verified, but an event type we do not know: stored, not applied
    RejectedSize = 4, // 413
    RejectedSignature = 5, // 401
    RejectedShape = 6, // 400
    Unavailable = 7, // 503: no secret configured, or the store failed
    OutcomeCount
};

const char *outcomeName(Outcome outcome);
bool isRejected(Outcome outcome);

struct Delivery
{
    qint64 id = 0; // set by the store when the row is written
    qint64 receivedMs = 0;
    QString remoteAddress;
    QString forwardedFor; // X-Forwarded-For's first address, when the peer is a local tunnel
    QByteArray method;
    QByteArray path;
    QByteArray headers; // "name: value\n" lines as received
    QByteArray body; // raw bytes; for rejected deliveries, at most the first 4 KiB
    qint64 bodySize = 0; // size as received, before any truncation
    QByteArray bodySha256; // 32 raw bytes of the whole body
    Outcome outcome = Outcome::Accepted;
    int status = 200;
    QString reason; // why it was refused, or what was ignored
    QString secretLabel; // which secret matched, by label
    std::optional<ParsedEvent> event;
    bool redacted = false; // the body was removed on request
    bool keepRow = true; // false: counted, but not stored (rejected deliveries beyond the per-minute cap)
};

} // namespace peanuts
