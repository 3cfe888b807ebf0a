// The pipeline's role: the outbox of actions a delivery set in motion (written by commit() in the
// delivery's own transaction, see IngestStore), their attempts, the dead letters, what fired, and
// the outgoing counts. Runs on the writer's thread.
#pragma once

#include "pipeline/action.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <functional>
#include <optional>

namespace peanuts {

// A rule and condition as an entry's row records what fired (entries.fired, migrate-7.sql):
// "rule_id<US>fire_key<RS>". Both backends keep it so.
QByteArray firedRecord(const QString &ruleId, const QString &fireKey);

class ActionStore
{
public:
    virtual ~ActionStore() = default;

    // Pending actions due at nowMs, at most perTarget of them for each target (so that a target with
    // a long backlog cannot crowd out the others), oldest due first, leaving out the ids in
    // `excluding` (in flight). Forwards come with their delivery's body and headers.
    virtual std::optional<QList<OutboxAction>> dueActions(qint64 nowMs, int perTarget, const QSet<qint64> &excluding)
    {
        Q_UNUSED(nowMs)
        Q_UNUSED(perTarget)
        Q_UNUSED(excluding)
        return std::nullopt;
    }
    // The earliest nextAttemptMs among pending actions; nullopt when none is pending (or on failure).
    virtual std::optional<qint64> nextDueMs() { return std::nullopt; }
    // Records attempts in one transaction: state, attempts, next attempt, error, the answer (bounded),
    // and the outgoing per-minute counts (by result.answer.atMs).
    virtual bool recordResults(const QList<ActionResult> &results)
    {
        Q_UNUSED(results)
        return false;
    }
    // Adds actions outside a delivery's commit (failure alerts, reprocess, resend), pending at once,
    // subject to the per-target limit. Returns how many were added, or -1 on failure.
    virtual int addActions(const QList<PlannedAction> &actions, qint64 nowMs)
    {
        Q_UNUSED(actions)
        Q_UNUSED(nowMs)
        return -1;
    }

    // Scheduled checks: the current (not deleted) entries of a helper command ("" any).
    virtual std::optional<QList<CurrentEntry>> currentEntries(const QString &helperCommand)
    {
        Q_UNUSED(helperCommand)
        return std::nullopt;
    }
    // In one transaction: records every firing not recorded before (rule, entry, fire key), and adds
    // the actions plan(fresh) returns for the fresh ones (their own, or one summary). Returns the
    // number of fresh firings, or -1 on failure.
    virtual int recordFirings(const QList<Firing> &firings, qint64 nowMs,
        const std::function<QList<PlannedAction>(const QList<Firing> &fresh)> &plan)
    {
        Q_UNUSED(firings)
        Q_UNUSED(nowMs)
        Q_UNUSED(plan)
        return -1;
    }

    // Views.
    virtual std::optional<QList<OutboxAction>> actionsOfDelivery(qint64 deliveryId)
    {
        Q_UNUSED(deliveryId)
        return std::nullopt;
    }
    virtual std::optional<QList<OutboxAction>> deadLetters(int limit)
    {
        Q_UNUSED(limit)
        return std::nullopt;
    }
    // Dead letters back to pending (attempts from 0, due at nowMs), or gone. Returns how many.
    virtual int retryDeadLetters(const QList<qint64> &ids, qint64 nowMs)
    {
        Q_UNUSED(ids)
        Q_UNUSED(nowMs)
        return -1;
    }
    virtual int discardDeadLetters(const QList<qint64> &ids)
    {
        Q_UNUSED(ids)
        return -1;
    }
    // Per target ("" for desktop notifications).
    virtual std::optional<QHash<QString, ActionCounts>> actionCounts() { return std::nullopt; }
    // Outgoing attempts per minute in [fromMs, toMs), zeros left out.
    virtual std::optional<QList<OutgoingMinute>> outgoingMinutes(qint64 fromMs, qint64 toMs)
    {
        Q_UNUSED(fromMs)
        Q_UNUSED(toMs)
        return std::nullopt;
    }
    // Dead letters older than the cutoff (by their last attempt) go, and the outgoing counts of the
    // minutes before it. Returns how many dead letters, -1 on failure.
    virtual int pruneDeadLetters(qint64 olderThanMs)
    {
        Q_UNUSED(olderThanMs)
        return -1;
    }
};

} // namespace peanuts
