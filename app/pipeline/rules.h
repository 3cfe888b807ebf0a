// Rules: when a delivery (or, on a schedule, a current entry) should raise an alert. A rule names a
// helper command, the event types it applies to, one condition on a `data` field, and its actions.
// They live in one JSON file (README: "Rules"); a bad file is refused with the JSON path of the bad
// field, and the caller keeps the last good rules in force.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <memory>
#include <optional>

namespace peanuts {

struct JsonTree;

enum class ConditionOp { Greater, GreaterOrEqual, Less, LessOrEqual, Equal, NotEqual, Contains, DueWithinDays };

struct Condition
{
    QString field; // a `data` field, dotted for nested ones ("amount", "due_date", "meta.priority")
    ConditionOp op = ConditionOp::Greater;
    // The value compared with, as written: a decimal compares exactly (amounts in cents), a string
    // as a string. Unused by DueWithinDays.
    QString value;
    int days = 0; // DueWithinDays: at most this many calendar days away (overdue included)

    bool operator==(const Condition &o) const
    {
        return field == o.field && op == o.op && value == o.value && days == o.days;
    }
};

enum class RuleActionType { Notify, Post };

struct RuleAction
{
    RuleActionType type = RuleActionType::Notify;
    QString url; // Post: where {"text": ...} goes
    // Templates over the entry: {amount}, {due_date}, {data.FIELD}, {entry.id}, {event}, {helper.command},
    // {helper.name}; an unknown or absent field renders as an empty string.
    QString title; // Notify only; empty: the rule's name
    QString text;

    bool operator==(const RuleAction &o) const
    {
        return type == o.type && url == o.url && title == o.title && text == o.text;
    }
};

struct Rule
{
    QString id; // unique in the file; what "fired" is recorded under
    QString name;
    bool enabled = true;
    QString helper; // a helper command ("/expenses"); empty: any
    QStringList events; // empty: entry.created and entry.updated
    Condition condition;
    QList<RuleAction> actions; // at least one

    bool isDateRule() const { return condition.op == ConditionOp::DueWithinDays; }
    bool operator==(const Rule &o) const
    {
        return id == o.id && name == o.name && enabled == o.enabled && helper == o.helper && events == o.events
            && condition == o.condition && actions == o.actions;
    }
};

struct RuleSet
{
    QList<Rule> rules;
    bool operator==(const RuleSet &o) const { return rules == o.rules; }
};

// The two rules that ship, switched on, from the Peanuts guide: an expense on /expenses with
// amount > 500, and a task on /tasks whose due_date is at most 1 day away.
RuleSet defaultRules();

// nullopt with *error naming the JSON path of the bad field: "$.rules[1].condition.op: unknown
// operator \"gt\" (expected one of >, >=, <, <=, ==, !=, contains, due_within_days)".
std::optional<RuleSet> parseRules(const QByteArray &json, QString *error);
QByteArray serializeRules(const RuleSet &rules); // indented; parseRules(serializeRules(r)) == r
// Reads the file; a missing file gives defaultRules().
std::optional<RuleSet> loadRulesFile(const QString &path, QString *error);
// Writes atomically, mode 0600 (rule URLs may be secrets).
bool saveRulesFile(const QString &path, const RuleSet &rules, QString *error);

// What a rule says about one entry, when its condition holds.
struct RuleMatch
{
    QString fireKey; // once per entry and condition: a date rule's key includes the due date
    QString title;
    QString text; // rendered
    QList<RuleAction> actions; // the rule's actions, title and text rendered for this entry
};

// The entry a rule is evaluated against.
struct EntryFacts
{
    QString event;
    QString helperCommand;
    QString helperName;
    QString entryId;
    QByteArray data; // entry.data as JSON
    // entry.data.amount in cents when the caller already knows it exactly (ParsedEvent::amountCents):
    // spares parsing data for a numeric condition on "amount". Unset: read from data.
    std::optional<qint64> amountCents;

    // data parsed on first use and kept, so that several rules and templates parse it once at most
    // (set data before the first evaluation; a copy shares the parse).
    mutable std::shared_ptr<const JsonTree> parsedData;
    mutable bool dataParsed = false;
};

// nullopt when the rule does not apply (disabled, other helper or event, the field is absent or of
// another type, or the condition is false). Dates are counted in calendar days in zone.
std::optional<RuleMatch> evaluateRule(const Rule &rule, const EntryFacts &entry, qint64 nowMs, const QTimeZone &zone);

QString renderTemplate(const QString &templ, const EntryFacts &entry);

} // namespace peanuts
