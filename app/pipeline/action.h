// What the pipeline does after a delivery is answered: the actions a rule or a forward plans at
// ingest, the outbox rows they become (written in the delivery's own transaction), and what each
// attempt to carry one out came to. Plain data, no behaviour.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace peanuts {

// Stored: append, never renumber.
enum class ActionKind {
    Notify = 0, // a desktop notification (headless: a log line)
    Post = 1, // an outgoing POST of payload to target (an alert URL, a rule's URL)
    Forward = 2, // the delivery's body, byte for byte and re-signed, to target (the user's handler)
};

// Stored: append, never renumber. "Retrying" is Pending with attempts > 0.
enum class ActionState {
    Pending = 0,
    Done = 1,
    Dead = 2, // the last attempt failed: a dead letter, until retried or discarded
};

const char *actionKindName(ActionKind kind); // "notify", "post", "forward"

// Planned at ingest (or by a scheduled check, a reprocess, a resend), before the delivery's final
// outcome is known: the store writes it in the delivery's transaction only when that outcome is in
// outcomeMask, and, when fireKey is set, only when (ruleId, entry id, fireKey) has not fired before.
struct PlannedAction
{
    ActionKind kind = ActionKind::Notify;
    QString target; // Post, Forward: the URL; Notify: empty
    QString ruleId; // the rule that fired; empty for forwards and resends
    QString fireKey; // once per entry and condition: e.g. "amount>50000", "due:2026-12-04"
    QString title; // Notify: the notification's title
    QByteArray payload; // Notify: the text (UTF-8); Post: the body; Forward: empty (the delivery's body)
    quint32 outcomeMask = 1u; // bit i: Outcome(i); default: accepted only
    qint64 deliveryId = 0; // for actions added after the fact (reprocess, resend, scheduled checks)

    bool operator==(const PlannedAction &o) const
    {
        return kind == o.kind && target == o.target && ruleId == o.ruleId && fireKey == o.fireKey && title == o.title
            && payload == o.payload && outcomeMask == o.outcomeMask && deliveryId == o.deliveryId;
    }
};

// The answer the target gave to one attempt (the user's handler, for a forward): kept with the action
// and shown in the inspector. Bodies are bounded (kMaxAnswerBodyBytes).
struct HandlerAnswer
{
    int status = 0; // 0: no HTTP answer (refused, timed out, closed)
    QByteArray headers; // "name: value\n" lines
    QByteArray body; // at most kMaxAnswerBodyBytes
    qint64 bodySize = 0; // as received, before the bound
    qint64 atMs = 0; // when the answer (or the failure) came
    qint64 durationMs = 0; // from the request's start
};
constexpr int kMaxAnswerBodyBytes = 64 * 1024;

// One outbox row.
struct OutboxAction
{
    qint64 id = 0;
    qint64 deliveryId = 0; // 0: not tied to a delivery (failure alerts)
    ActionKind kind = ActionKind::Notify;
    ActionState state = ActionState::Pending;
    QString target;
    QString ruleId;
    QString title;
    QByteArray payload;
    QByteArray idempotencyKey; // the same across every attempt
    int attempts = 0; // made so far
    qint64 createdMs = 0;
    qint64 nextAttemptMs = 0; // Pending: not before
    QString lastError; // empty when the last attempt succeeded
    HandlerAnswer answer; // the last attempt's
    // Forwards, when claimed: the delivery's body and headers as stored (empty when redacted).
    QByteArray body;
    QByteArray headers;
};

// What one attempt came to, recorded by the dispatcher.
struct ActionResult
{
    qint64 id = 0;
    ActionState state = ActionState::Pending; // Done, Dead, or Pending again (a retry at nextAttemptMs)
    int attempts = 0; // including this one
    qint64 nextAttemptMs = 0;
    QString error; // why it failed; empty when it succeeded
    HandlerAnswer answer;
};

// Counts the status bar and the charts show, per target ("" for desktop notifications).
struct ActionCounts
{
    qint64 pending = 0; // never tried yet
    qint64 retrying = 0; // pending after a failed attempt
    qint64 dead = 0;
    qint64 dropped = 0; // refused by the per-target limit since the database was made
};

// Outgoing attempts in one minute, by result.
struct OutgoingMinute
{
    qint64 minuteStartMs = 0;
    qint64 delivered = 0;
    qint64 retrying = 0; // failed attempts with another one scheduled
    qint64 dead = 0;
};

// A rule that a scheduled check found true for a current entry.
struct Firing
{
    QString ruleId;
    QString entryId;
    QString fireKey;
    qint64 deliveryId = 0; // the delivery the entry was applied from
    QList<PlannedAction> actions; // what it does when it has not fired before
};

// An entry of the projection, for scheduled checks: what the rules look at.
struct CurrentEntry
{
    QString entryId;
    QString event; // of the applied delivery
    QString helperCommand;
    QByteArray data; // entry.data, compact JSON; empty when redacted
    qint64 deliveryId = 0;
};

constexpr qint64 kMaxPendingPerTarget = 100'000;
constexpr int kDefaultKeepDeadLetterDays = 30;

} // namespace peanuts

Q_DECLARE_METATYPE(peanuts::ActionCounts)
