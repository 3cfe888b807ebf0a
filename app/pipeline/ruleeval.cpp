// Evaluating a rule against one entry, and rendering its texts. Numbers compare as exact decimals in
// cents (ingest/money.h: rounded half away from zero past the cent, as the figures count money), never
// as doubles; dates are calendar days in the figures' zone. Runs on the HTTP thread for every delivery,
// so a rule that cannot apply is refused before entry.data is parsed.
#include "pipeline/rules.h"

#include "ingest/event.h"
#include "ingest/money.h"
#include "json/jsontext.h"
#include "json/jsontree.h"

#include <QDate>
#include <QDateTime>

namespace peanuts {

namespace {

const JsonNode *dataRoot(const EntryFacts &entry)
{
    if (!entry.dataParsed) {
        entry.dataParsed = true;
        if (!entry.data.isEmpty())
            entry.parsedData = parseJsonTree(entry.data).tree;
    }
    if (!entry.parsedData || entry.parsedData->top->kind != JsonNode::Kind::Object)
        return nullptr;
    return entry.parsedData->top.get();
}

// A field of data by dotted path ("meta.priority"), or nullptr.
const JsonNode *findField(const EntryFacts &entry, const QString &path)
{
    const JsonNode *node = dataRoot(entry);
    for (const QStringView part : QStringView(path).split(u'.')) {
        if (!node)
            return nullptr;
        node = node->member(part.toString());
    }
    return node;
}

// A number field, or a numeric string (Peanuts may send amounts either way), in cents.
std::optional<qint64> centsOf(const EntryFacts &entry, const QString &field)
{
    if (entry.amountCents && field == QLatin1String("amount"))
        return entry.amountCents;
    const JsonNode *node = findField(entry, field);
    if (!node || (node->kind != JsonNode::Kind::Number && node->kind != JsonNode::Kind::String))
        return std::nullopt;
    return decimalToCents(node->value.toUtf8());
}

bool eventApplies(const Rule &rule, const QString &event)
{
    const bool createdOrUpdated = event == QLatin1String("entry.created") || event == QLatin1String("entry.updated");
    if (!createdOrUpdated)
        return false; // a deleted entry never fires; unknown events neither
    return rule.events.isEmpty() || rule.events.contains(event);
}

// "YYYY-MM-DD" (a day in zone) or an ISO-8601 date-time, as the calendar day it falls on in zone.
QDate dueDateOf(const QString &text, const QTimeZone &zone)
{
    if (text.size() == 10 && text[4] == u'-' && text[7] == u'-') {
        for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (text[i] < u'0' || text[i] > u'9')
                return QDate();
        }
        return QDate(text.left(4).toInt(), text.mid(5, 2).toInt(), text.mid(8, 2).toInt());
    }
    const std::optional<qint64> ms = parseIsoTimestamp(text);
    if (!ms)
        return QDate();
    return QDateTime::fromMSecsSinceEpoch(*ms, zone).date();
}

bool holds(const Condition &c, const EntryFacts &entry)
{
    switch (c.op) {
    case ConditionOp::Greater:
    case ConditionOp::GreaterOrEqual:
    case ConditionOp::Less:
    case ConditionOp::LessOrEqual: {
        const std::optional<qint64> limit = decimalToCents(c.value.toUtf8());
        const std::optional<qint64> cents = limit ? centsOf(entry, c.field) : std::nullopt;
        if (!cents)
            return false;
        if (c.op == ConditionOp::Greater)
            return *cents > *limit;
        if (c.op == ConditionOp::GreaterOrEqual)
            return *cents >= *limit;
        if (c.op == ConditionOp::Less)
            return *cents < *limit;
        return *cents <= *limit;
    }
    case ConditionOp::Equal:
    case ConditionOp::NotEqual: {
        const JsonNode *node = findField(entry, c.field);
        if (!node || node->isContainer())
            return false;
        bool equal = false;
        const std::optional<qint64> limit
            = node->kind == JsonNode::Kind::Number ? decimalToCents(c.value.toUtf8()) : std::nullopt;
        if (limit) {
            const std::optional<qint64> cents = decimalToCents(node->value.toUtf8());
            equal = cents && *cents == *limit;
        } else {
            equal = node->value == c.value;
        }
        return c.op == ConditionOp::Equal ? equal : !equal;
    }
    case ConditionOp::Contains: {
        const JsonNode *node = findField(entry, c.field);
        return node && node->kind == JsonNode::Kind::String && node->value.contains(c.value, Qt::CaseInsensitive);
    }
    case ConditionOp::DueWithinDays:
        break; // needs the clock: evaluateRule
    }
    return false;
}

QString fireKeyOf(const Condition &c)
{
    switch (c.op) {
    case ConditionOp::Greater:
        return c.field + u'>' + c.value;
    case ConditionOp::GreaterOrEqual:
        return c.field + QStringLiteral(">=") + c.value;
    case ConditionOp::Less:
        return c.field + u'<' + c.value;
    case ConditionOp::LessOrEqual:
        return c.field + QStringLiteral("<=") + c.value;
    case ConditionOp::Equal:
        return c.field + QStringLiteral("==") + c.value;
    case ConditionOp::NotEqual:
        return c.field + QStringLiteral("!=") + c.value;
    case ConditionOp::Contains:
        return c.field + QStringLiteral(" contains ") + c.value;
    case ConditionOp::DueWithinDays:
        break;
    }
    return c.field;
}

QString renderNode(const EntryFacts &entry, const JsonNode *node)
{
    if (!node || node->kind == JsonNode::Kind::Null)
        return QString();
    if (node->isContainer())
        return QString::fromUtf8(compactJson(entry.parsedData->bytesOf(node)));
    return node->value; // strings decoded, numbers and booleans as written
}

QString resolve(const EntryFacts &entry, const QString &name)
{
    if (name == QLatin1String("entry.id"))
        return entry.entryId;
    if (name == QLatin1String("event"))
        return entry.event;
    if (name == QLatin1String("helper.command"))
        return entry.helperCommand;
    if (name == QLatin1String("helper.name"))
        return entry.helperName;
    // The amount in cents as money is written ("600.50"): the data handed over was re-encoded, and
    // lost the literal's trailing zeros.
    if (entry.amountCents && (name == QLatin1String("amount") || name == QLatin1String("data.amount")))
        return QStringLiteral("%1%2.%3")
            .arg(*entry.amountCents < 0 ? QStringLiteral("-") : QString())
            .arg(qAbs(*entry.amountCents) / 100)
            .arg(qAbs(*entry.amountCents) % 100, 2, 10, QLatin1Char('0'));
    if (name.startsWith(QLatin1String("data.")))
        return renderNode(entry, findField(entry, name.mid(5)));
    if (name.isEmpty() || name.contains(u'.'))
        return QString();
    const JsonNode *root = dataRoot(entry);
    return renderNode(entry, root ? root->member(name) : nullptr);
}

} // namespace

QString renderTemplate(const QString &templ, const EntryFacts &entry)
{
    QString out;
    out.reserve(templ.size() + 32);
    qsizetype i = 0;
    while (i < templ.size()) {
        const QChar c = templ[i];
        if (c != u'{') {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 < templ.size() && templ[i + 1] == u'{') {
            out += u'{'; // "{{" is a literal brace
            i += 2;
            continue;
        }
        const qsizetype close = templ.indexOf(u'}', i + 1);
        if (close < 0) {
            out += templ.mid(i); // an unterminated brace stays as written
            break;
        }
        out += resolve(entry, templ.mid(i + 1, close - i - 1).trimmed());
        i = close + 1;
    }
    return out;
}

std::optional<RuleMatch> evaluateRule(const Rule &rule, const EntryFacts &entry, qint64 nowMs, const QTimeZone &zone)
{
    if (!rule.enabled || (!rule.helper.isEmpty() && rule.helper != entry.helperCommand)
        || !eventApplies(rule, entry.event))
        return std::nullopt;

    RuleMatch match;
    const Condition &c = rule.condition;
    if (c.op == ConditionOp::DueWithinDays) {
        const JsonNode *node = findField(entry, c.field);
        if (!node || node->kind != JsonNode::Kind::String)
            return std::nullopt;
        const QTimeZone tz = zone.isValid() ? zone : QTimeZone::systemTimeZone();
        const QDate due = dueDateOf(node->value, tz);
        const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, tz).date();
        if (!due.isValid() || !today.isValid() || today.daysTo(due) > c.days)
            return std::nullopt; // overdue (negative) fires too, as the guide's "at most 1 day away"
        match.fireKey = QStringLiteral("due:") + due.toString(Qt::ISODate);
    } else {
        if (!holds(c, entry))
            return std::nullopt;
        match.fireKey = fireKeyOf(c);
    }

    for (RuleAction action : rule.actions) {
        if (action.type == RuleActionType::Notify)
            action.title = action.title.isEmpty() ? rule.name : renderTemplate(action.title, entry);
        action.text = renderTemplate(action.text, entry);
        match.actions.append(action);
    }
    match.title = rule.name;
    for (const RuleAction &action : std::as_const(match.actions)) {
        if (action.type == RuleActionType::Notify) {
            match.title = action.title;
            break;
        }
    }
    match.text = match.actions.isEmpty() ? QString() : match.actions.first().text;
    return match;
}

} // namespace peanuts
