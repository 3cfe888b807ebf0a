// What a delivery sets in motion, decided at ingest, before the answer: the rules that fire and the
// forwards it goes to, as PlannedActions the store writes in the delivery's own transaction. The same
// rules serve the scheduled due-date checks and a reprocess. Thread-safe: the HTTP thread plans while
// the window changes the configuration.
#pragma once

#include "pipeline/action.h"
#include "pipeline/rules.h"

#include <QMutex>
#include <QTimeZone>
#include <memory>

namespace peanuts {

struct ParsedEvent;

struct ForwardTarget
{
    QString url;
    QStringList events; // empty: every event
    QStringList helpers; // helper commands or names; empty: every helper
    quint32 outcomeMask = 1u; // bit i: Outcome(i); default: accepted only (duplicates, stale, ignored on request)

    bool operator==(const ForwardTarget &o) const
    {
        return url == o.url && events == o.events && helpers == o.helpers && outcomeMask == o.outcomeMask;
    }
};

struct PipelineConfig
{
    RuleSet rules;
    QList<ForwardTarget> forwards;
    QString alertUrl; // every rule that fires and every failure alert posts {"text": ...} here; empty: none
    QTimeZone zone = QTimeZone::systemTimeZone(); // the figures' zone: days are counted in it
};

class ActionPlanner
{
public:
    ActionPlanner();
    void setConfig(const PipelineConfig &config);
    std::shared_ptr<const PipelineConfig> config() const;

    // For a verified delivery with a parsed event: the actions of every enabled rule whose condition
    // holds now (outcomeMask: accepted), and a Forward per matching target (its outcomeMask).
    QList<PlannedAction> plan(const ParsedEvent &event, qint64 nowMs) const;

    // The date rules over the current entries (a scheduled check).
    QList<Firing> checkDates(const QList<CurrentEntry> &entries, qint64 nowMs) const;

    // A failure alert: a Notify, and a Post of {"text": title + ": " + text} to the alert URL if one is set.
    QList<PlannedAction> alert(const QString &title, const QString &text) const;
    // What a firing rule does: its own actions, and a Post to the alert URL if one is set.
    QList<PlannedAction> actionsFor(const Rule &rule, const RuleMatch &match) const;

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const PipelineConfig> m_config;
};

// {"text": "..."} as a Slack-compatible incoming webhook takes it.
QByteArray slackText(const QString &text);

// What the rules see of an event's entry (its data parsed on first use).
EntryFacts factsOf(const ParsedEvent &event);

} // namespace peanuts
