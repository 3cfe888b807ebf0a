// One POST to a webhook path, as received and as decided: the unit the store keeps.
#pragma once

#include "ingest/event.h"
#include "pipeline/action.h"

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

// Every text an outcome has lives in delivery.cpp: the API's and the export's name, the log's label, the
// inspector's chip and verdict, and the tone they are shown in.
const char *outcomeName(Outcome outcome); // "accepted", "rejected: signature": the API, the export, the chip
bool isRejected(Outcome outcome);

enum class OutcomeTone { Good, Warning, Bad };
OutcomeTone outcomeTone(Outcome outcome); // accepted: good; rejected: bad; the rest: a warning
// The outcome's name as the window shows it, translated (outcomeName is the machine-read one).
QString outcomeDisplayName(Outcome outcome);
// A stored refusal reason (kept in English: it is also the HTTP answer and goes into exports), in the
// user's language where it has a translation.
QString reasonForDisplay(const QString &reason);
// The log's Result column: "accepted", "stale", "rejected 401: <reason>", "unavailable 503: <reason>".
QString outcomeLabel(Outcome outcome, int status, const QString &reason);
// The inspector's chip: "rejected: signature · 401", "accepted · 503 simulated".
QString outcomeChip(Outcome outcome, int status, bool simulated = false);
// What a custom response answered, for the log and the inspector: "answered 503 (simulated failure)",
// "answered 202 (custom response)"; empty when the answer was the receiver's own.
QString customAnswerNote(int status, bool simulated);

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
    // Brought in by an import (store/importreader.h): applied to the projection, but counted in no rate
    // and firing no action; its outcome is the one recorded in the export.
    bool imported = false;
    bool keepRow = true; // false: counted, but not stored (rejected deliveries beyond the per-minute cap)
    qint64 resentFrom = 0; // sent by this app's "Edit and resend" from that delivery; 0: not
    // Answered by a custom response (http/customresponses.h): status is what was answered, and the
    // outcome is what was stored all the same.
    bool simulated = false;
    int answerMs = -1; // from the request's arrival to our answer; -1: not recorded (before schema 10)
    int answerDelayMs = 0; // a custom response's wait after the commit (part of answerMs; not stored apart)
    qint64 firstAttempt = 0; // a retry (the same bytes again): the first stored attempt; 0: not a retry
    // What the pipeline planned at ingest: written with the row when the final outcome is in each
    // action's mask (the outbox).
    QList<PlannedAction> actions;
};

// The inspector's one-sentence verdict on a delivery, and the tone to show it in. hasSignatureHeader:
// the request carried a non-empty X-Peanuts-Signature.
struct OutcomeVerdict
{
    QString text;
    OutcomeTone tone = OutcomeTone::Bad;
};
OutcomeVerdict outcomeVerdict(const Delivery &delivery, bool hasSignatureHeader);

} // namespace peanuts
