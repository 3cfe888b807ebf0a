// The planner turns a delivery (or a scheduled check, or a failure) into PlannedActions. plan() runs on
// the HTTP thread for every delivery, so it holds the lock only to copy the configuration's pointer and
// parses entry.data at most once, and only when some rule's helper and events match.
#include "pipeline/planner.h"

#include "ingest/delivery.h"
#include "ingest/event.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

namespace peanuts {

namespace {

constexpr quint32 kAcceptedOnly = 1u << int(Outcome::Accepted);

bool forwardApplies(const ForwardTarget &target, const ParsedEvent &event)
{
    if (!target.events.isEmpty() && !target.events.contains(event.event))
        return false;
    return target.helpers.isEmpty() || target.helpers.contains(event.helperCommand)
        || (!event.helperName.isEmpty() && target.helpers.contains(event.helperName));
}

PlannedAction alertPost(const QString &url, const QString &text)
{
    PlannedAction post;
    post.kind = ActionKind::Post;
    post.target = url;
    post.payload = slackText(text);
    return post;
}

// actionsFor() over a given snapshot, so that one call sees one configuration throughout.
QList<PlannedAction> actionsFrom(const PipelineConfig &config, const Rule &rule, const RuleMatch &match)
{
    // The match carries the actions rendered for its entry; without them, the match's own text stands in.
    QList<RuleAction> actions = match.actions;
    if (actions.size() != rule.actions.size()) {
        actions = rule.actions;
        for (RuleAction &a : actions) {
            a.title = match.title;
            a.text = match.text;
        }
    }
    QList<PlannedAction> out;
    out.reserve(actions.size() + 1);
    for (const RuleAction &a : std::as_const(actions)) {
        PlannedAction p;
        p.ruleId = rule.id;
        p.fireKey = match.fireKey;
        p.outcomeMask = kAcceptedOnly;
        if (a.type == RuleActionType::Notify) {
            p.kind = ActionKind::Notify;
            p.title = a.title.isEmpty() ? rule.name : a.title;
            p.payload = a.text.toUtf8();
        } else {
            p.kind = ActionKind::Post;
            p.target = a.url;
            p.payload = slackText(a.text);
        }
        out.append(p);
    }
    if (!config.alertUrl.isEmpty()) {
        PlannedAction post = alertPost(config.alertUrl, match.title + QStringLiteral(": ") + match.text);
        post.ruleId = rule.id;
        post.fireKey = match.fireKey;
        post.outcomeMask = kAcceptedOnly;
        out.append(post);
    }
    return out;
}

} // namespace

ActionPlanner::ActionPlanner()
    : m_config(std::make_shared<const PipelineConfig>())
{
}

void ActionPlanner::setConfig(const PipelineConfig &config)
{
    auto next = std::make_shared<const PipelineConfig>(config); // built outside the lock
    QMutexLocker locker(&m_mutex);
    m_config.swap(next);
}

std::shared_ptr<const PipelineConfig> ActionPlanner::config() const
{
    QMutexLocker locker(&m_mutex);
    return m_config;
}

QList<PlannedAction> ActionPlanner::plan(const ParsedEvent &event, qint64 nowMs) const
{
    const std::shared_ptr<const PipelineConfig> config = this->config();
    QList<PlannedAction> out;
    if (event.kind == EventKind::Created || event.kind == EventKind::Updated) {
        EntryFacts facts; // filled on the first rule that could apply
        bool factsReady = false;
        for (const Rule &rule : config->rules.rules) {
            // The cheap checks first: most deliveries match no rule's helper.
            if (!rule.enabled || (!rule.helper.isEmpty() && rule.helper != event.helperCommand)
                || (!rule.events.isEmpty() && !rule.events.contains(event.event)))
                continue;
            if (!factsReady) {
                facts = factsOf(event);
                factsReady = true;
            }
            const std::optional<RuleMatch> match = evaluateRule(rule, facts, nowMs, config->zone);
            if (match)
                out += actionsFrom(*config, rule, *match);
        }
    }
    for (const ForwardTarget &target : config->forwards) {
        if (!forwardApplies(target, event))
            continue;
        PlannedAction forward;
        forward.kind = ActionKind::Forward;
        forward.target = target.url;
        forward.outcomeMask = target.outcomeMask;
        out.append(forward);
    }
    return out;
}

QList<Firing> ActionPlanner::checkDates(const QList<CurrentEntry> &entries, qint64 nowMs) const
{
    const std::shared_ptr<const PipelineConfig> config = this->config();
    QList<Firing> out;
    for (const Rule &rule : config->rules.rules) {
        if (!rule.enabled || !rule.isDateRule())
            continue;
        for (const CurrentEntry &entry : entries) {
            if (!rule.helper.isEmpty() && rule.helper != entry.helperCommand)
                continue;
            EntryFacts facts;
            facts.event = entry.event;
            facts.helperCommand = entry.helperCommand;
            facts.entryId = entry.entryId;
            facts.data = entry.data;
            const std::optional<RuleMatch> match = evaluateRule(rule, facts, nowMs, config->zone);
            if (!match)
                continue;
            Firing firing;
            firing.ruleId = rule.id;
            firing.entryId = entry.entryId;
            firing.fireKey = match->fireKey;
            firing.deliveryId = entry.deliveryId;
            firing.actions = actionsFrom(*config, rule, *match);
            for (PlannedAction &action : firing.actions)
                action.deliveryId = entry.deliveryId;
            out.append(firing);
        }
    }
    return out;
}

QList<PlannedAction> ActionPlanner::alert(const QString &title, const QString &text) const
{
    const std::shared_ptr<const PipelineConfig> config = this->config();
    PlannedAction notify;
    notify.kind = ActionKind::Notify;
    notify.title = title;
    notify.payload = text.toUtf8();
    QList<PlannedAction> out {notify};
    if (!config->alertUrl.isEmpty())
        out.append(alertPost(config->alertUrl, title + QStringLiteral(": ") + text));
    return out;
}

QList<PlannedAction> ActionPlanner::actionsFor(const Rule &rule, const RuleMatch &match) const
{
    return actionsFrom(*config(), rule, match);
}

EntryFacts factsOf(const ParsedEvent &event)
{
    EntryFacts facts;
    facts.event = event.event;
    facts.helperCommand = event.helperCommand;
    facts.helperName = event.helperName;
    facts.entryId = event.entryId;
    facts.data = event.data;
    facts.amountCents = event.amountCents;
    return facts;
}

QByteArray slackText(const QString &text)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("text"), text}}).toJson(QJsonDocument::Compact);
}

} // namespace peanuts
