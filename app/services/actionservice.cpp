// The pipeline's side of the window: every read and change runs on the writer's thread (the outbox is
// written there), and what changes the outbox wakes the dispatcher and says changed().
#include "services/actionservice.h"

#include "ingest/event.h"
#include "pipeline/dispatcher.h"
#include "pipeline/planner.h"
#include "pipeline/urlpolicy.h"
#include "services/storecall.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <limits>

namespace peanuts {

namespace {

constexpr qint64 kMinuteMs = 60'000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Every outcome: a resend goes out whatever the delivery came to.
constexpr quint32 kEveryOutcome = (1u << int(Outcome::OutcomeCount)) - 1u;

} // namespace

QList<OutgoingMinute> fillOutgoingMinutes(const QList<OutgoingMinute> &rows, int minutes, qint64 now)
{
    QList<OutgoingMinute> filled;
    if (minutes <= 0)
        return filled;
    const qint64 last = now - now % kMinuteMs;
    const qint64 first = last - qint64(minutes - 1) * kMinuteMs;
    filled.reserve(minutes);
    for (int i = 0; i < minutes; ++i) {
        OutgoingMinute zero;
        zero.minuteStartMs = first + qint64(i) * kMinuteMs;
        filled.append(zero);
    }
    for (const OutgoingMinute &row : rows) {
        const qint64 start = row.minuteStartMs - row.minuteStartMs % kMinuteMs;
        if (start < first || start > last)
            continue;
        OutgoingMinute &slot = filled[int((start - first) / kMinuteMs)];
        slot.delivered += row.delivered;
        slot.retrying += row.retrying;
        slot.dead += row.dead;
    }
    return filled;
}

ActionService::ActionService(QObject *parent)
    : QObject(parent)
{
}

void ActionService::attach(StoreWorker *writer, ActionPlanner *planner, Dispatcher *dispatcher)
{
    if (m_dispatcher)
        disconnect(m_dispatcher, nullptr, this, nullptr);
    m_writer = writer;
    m_planner = planner;
    m_dispatcher = dispatcher;
    // Results are recorded on the dispatcher's thread; the window hears of them on this one.
    if (dispatcher)
        connect(dispatcher, &Dispatcher::recorded, this, &ActionService::changed, Qt::QueuedConnection);
}

void ActionService::afterChange() const
{
    if (m_dispatcher)
        m_dispatcher->wake();
    Q_EMIT const_cast<ActionService *>(this)->changed();
}

void ActionService::deadLetters(QObject *receiver, int limit, std::function<void(QList<OutboxAction>)> done) const
{
    askStore(
        m_writer, receiver, [limit](Store &store) { return store.deadLetters(limit).value_or(QList<OutboxAction>()); },
        std::move(done));
}

void ActionService::retryDeadLetters(QObject *receiver, const QList<qint64> &ids, std::function<void(int)> done) const
{
    QPointer<QObject> guard(receiver);
    askStore(
        m_writer, const_cast<ActionService *>(this),
        [ids](Store &store) { return store.retryDeadLetters(ids, nowMs()); },
        [this, guard, done = std::move(done)](int count) {
            afterChange();
            if (guard && done)
                done(count);
        });
}

void ActionService::discardDeadLetters(QObject *receiver, const QList<qint64> &ids, std::function<void(int)> done) const
{
    QPointer<QObject> guard(receiver);
    askStore(
        m_writer, const_cast<ActionService *>(this), [ids](Store &store) { return store.discardDeadLetters(ids); },
        [this, guard, done = std::move(done)](int count) {
            afterChange();
            if (guard && done)
                done(count);
        });
}

void ActionService::counts(QObject *receiver, std::function<void(QHash<QString, ActionCounts>)> done) const
{
    askStore(
        m_writer, receiver, [](Store &store) { return store.actionCounts().value_or(QHash<QString, ActionCounts>()); },
        std::move(done));
}

void ActionService::actionsOfDelivery(
    QObject *receiver, qint64 deliveryId, std::function<void(QList<OutboxAction>)> done) const
{
    askStore(
        m_writer, receiver,
        [deliveryId](Store &store) { return store.actionsOfDelivery(deliveryId).value_or(QList<OutboxAction>()); },
        std::move(done));
}

void ActionService::outgoingMinutes(
    QObject *receiver, int minutes, std::function<void(QList<OutgoingMinute>)> done) const
{
    askStore(
        m_writer, receiver,
        [minutes](Store &store) {
            const qint64 now = nowMs();
            const qint64 current = now - now % kMinuteMs;
            const qint64 from = current - qint64(qMax(0, minutes - 1)) * kMinuteMs;
            const auto rows = store.outgoingMinutes(from, current + kMinuteMs);
            return fillOutgoingMinutes(rows.value_or(QList<OutgoingMinute>()), minutes, now);
        },
        std::move(done));
}

void ActionService::reprocess(
    QObject *receiver, const QList<qint64> &deliveryIds, std::function<void(QList<ReprocessHit>)> done) const
{
    if (!m_planner)
        return;
    const std::shared_ptr<const PipelineConfig> config = m_planner->config();
    const qint64 now = nowMs();
    QPointer<QObject> guard(receiver);
    askStore(
        m_writer, const_cast<ActionService *>(this),
        [deliveryIds, config, now](Store &store) {
            QList<ReprocessHit> hits;
            for (qint64 id : deliveryIds) {
                const std::optional<Delivery> delivery = store.delivery(id);
                // Only accepted bodies were verified and applied; redacted ones have nothing to read.
                if (!delivery || delivery->outcome != Outcome::Accepted || delivery->redacted
                    || delivery->body.isEmpty())
                    continue;
                // No bound on the future: the body was judged when it came.
                const ParseResult parsed = parseEvent(delivery->body, std::numeric_limits<qint64>::max(), 0);
                if (!parsed.event)
                    continue;
                const EntryFacts facts = factsOf(*parsed.event);
                for (const Rule &rule : config->rules.rules) {
                    if (!rule.enabled)
                        continue;
                    const std::optional<RuleMatch> match = evaluateRule(rule, facts, now, config->zone);
                    if (!match)
                        continue;
                    ReprocessHit hit;
                    hit.deliveryId = id;
                    hit.entryId = facts.entryId;
                    hit.ruleId = rule.id;
                    hit.ruleName = rule.name;
                    hit.match = *match;
                    hits.append(hit);
                }
            }
            return hits;
        },
        // The actions are planned here, on the planner's (the core's) thread, where it is sure to exist.
        [this, guard, config, done = std::move(done)](QList<ReprocessHit> hits) {
            if (!guard || !done)
                return;
            for (ReprocessHit &hit : hits) {
                for (const Rule &rule : config->rules.rules) {
                    if (rule.id != hit.ruleId)
                        continue;
                    if (m_planner)
                        hit.actions = m_planner->actionsFor(rule, hit.match);
                    for (PlannedAction &action : hit.actions)
                        action.deliveryId = hit.deliveryId;
                    break;
                }
            }
            done(hits);
        });
}

void ActionService::runActions(QObject *receiver, const QList<ReprocessHit> &hits, std::function<void(int)> done) const
{
    QList<PlannedAction> actions;
    for (const ReprocessHit &hit : hits) {
        for (PlannedAction action : hit.actions) {
            action.deliveryId = hit.deliveryId;
            actions.append(action);
        }
    }
    QPointer<QObject> guard(receiver);
    askStore(
        m_writer, const_cast<ActionService *>(this),
        [actions](Store &store) { return actions.isEmpty() ? 0 : store.addActions(actions, nowMs()); },
        [this, guard, done = std::move(done)](int added) {
            afterChange();
            if (guard && done)
                done(added);
        });
}

void ActionService::resend(QObject *receiver, const QList<qint64> &deliveryIds, const QString &url,
    std::function<void(int, QString)> done) const
{
    const QString refused = checkOutgoingUrl(QUrl(url), UrlUse::Forward, false, TextLanguage::Translated);
    if (!refused.isEmpty() || !m_writer) {
        // Answered later, as every other answer is, never from inside the call.
        const QString error = refused.isEmpty() ? tr("the receiver is not running") : refused;
        QTimer::singleShot(0, receiver, [done = std::move(done), error] {
            if (done)
                done(0, error);
        });
        return;
    }
    QList<PlannedAction> actions;
    for (qint64 id : deliveryIds) {
        PlannedAction action;
        action.kind = ActionKind::Forward;
        action.target = url;
        action.deliveryId = id;
        action.outcomeMask = kEveryOutcome;
        actions.append(action);
    }
    QPointer<QObject> guard(receiver);
    askStore(
        m_writer, const_cast<ActionService *>(this),
        [actions](Store &store) {
            const int added = store.addActions(actions, nowMs());
            return qMakePair(added, added < 0 ? store.lastError() : QString());
        },
        [this, guard, done = std::move(done)](QPair<int, QString> result) {
            afterChange();
            if (!guard || !done)
                return;
            if (result.first < 0)
                done(0, result.second.isEmpty() ? tr("the outbox could not be written") : result.second);
            else
                done(result.first, QString());
        });
}

} // namespace peanuts
