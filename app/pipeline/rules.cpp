// Rules: the file's strict reader (every error names the JSON path of the bad field, unknown keys are
// refused so that a typo cannot silently switch a rule off), its writer, and evaluation against one
// entry. The file is read with the ordered JSON tree so that a number keeps the text it was written
// with: amounts compare exactly, in cents, and never go through a double.
#include "pipeline/rules.h"

#include "ingest/event.h"
#include "ingest/money.h"
#include "json/jsontext.h"
#include "json/jsontree.h"

#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <QUrl>

namespace peanuts {

namespace {

struct OpName
{
    ConditionOp op;
    const char *name;
};

constexpr OpName kOps[] = {
    {ConditionOp::Greater, ">"},
    {ConditionOp::GreaterOrEqual, ">="},
    {ConditionOp::Less, "<"},
    {ConditionOp::LessOrEqual, "<="},
    {ConditionOp::Equal, "=="},
    {ConditionOp::NotEqual, "!="},
    {ConditionOp::Contains, "contains"},
    {ConditionOp::DueWithinDays, "due_within_days"},
};

QString opName(ConditionOp op)
{
    for (const OpName &o : kOps) {
        if (o.op == op)
            return QString::fromLatin1(o.name);
    }
    return QString();
}

bool isOrdering(ConditionOp op)
{
    return op == ConditionOp::Greater || op == ConditionOp::GreaterOrEqual || op == ConditionOp::Less
        || op == ConditionOp::LessOrEqual;
}

const QStringList &knownEvents()
{
    static const QStringList events {QStringLiteral("entry.created"), QStringLiteral("entry.updated")};
    return events;
}

QString quoted(const QString &text)
{
    QString out = text;
    out.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + out + u'"';
}

// One reader per file: the first error wins and carries its path.
class RulesReader
{
public:
    QString error;

    bool fail(const QString &path, const QString &message)
    {
        if (error.isEmpty())
            error = path + QStringLiteral(": ") + message;
        return false;
    }

    // Refuses duplicate and unknown members of an object, listing the ones it takes.
    bool checkKeys(const JsonNode &node, const QString &path, const QStringList &allowed)
    {
        if (node.kind != JsonNode::Kind::Object)
            return fail(path, QStringLiteral("must be an object"));
        QStringList seen;
        for (const auto &child : node.children) {
            if (seen.contains(child->key))
                return fail(path, QStringLiteral("duplicate key ") + quoted(child->key));
            seen.append(child->key);
            if (!allowed.contains(child->key)) {
                return fail(path + u'.' + child->key,
                    QStringLiteral("unknown key (expected one of ") + allowed.join(QStringLiteral(", ")) + u')');
            }
        }
        return true;
    }

    bool string(const JsonNode *node, const QString &path, QString *out, bool required, bool nonEmpty)
    {
        if (!node)
            return !required || fail(path, QStringLiteral("is required"));
        if (node->kind != JsonNode::Kind::String)
            return fail(path, QStringLiteral("must be a string"));
        if (nonEmpty && node->value.isEmpty())
            return fail(path, QStringLiteral("must not be empty"));
        *out = node->value;
        return true;
    }

    bool rule(const JsonNode &node, const QString &path, Rule *rule)
    {
        if (!checkKeys(node, path,
                {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("enabled"), QStringLiteral("helper"),
                    QStringLiteral("events"), QStringLiteral("condition"), QStringLiteral("actions")}))
            return false;
        if (!string(node.member(QStringLiteral("id")), path + QStringLiteral(".id"), &rule->id, true, true))
            return false;
        if (!string(node.member(QStringLiteral("name")), path + QStringLiteral(".name"), &rule->name, false, false))
            return false;
        if (rule->name.isEmpty())
            rule->name = rule->id;
        if (const JsonNode *enabled = node.member(QStringLiteral("enabled"))) {
            if (enabled->kind != JsonNode::Kind::Bool)
                return fail(path + QStringLiteral(".enabled"), QStringLiteral("must be true or false"));
            rule->enabled = enabled->value == QLatin1String("true");
        }
        const QString helperPath = path + QStringLiteral(".helper");
        if (!string(node.member(QStringLiteral("helper")), helperPath, &rule->helper, false, false))
            return false;
        if (!rule->helper.isEmpty() && !rule->helper.startsWith(u'/'))
            return fail(helperPath, QStringLiteral("a helper command starts with \"/\", such as \"/expenses\""));
        if (const JsonNode *events = node.member(QStringLiteral("events"))) {
            const QString eventsPath = path + QStringLiteral(".events");
            if (events->kind != JsonNode::Kind::Array)
                return fail(eventsPath, QStringLiteral("must be an array of event names"));
            for (const auto &e : events->children) {
                const QString ePath = eventsPath + u'[' + e->key + u']';
                if (e->kind != JsonNode::Kind::String)
                    return fail(ePath, QStringLiteral("must be a string"));
                if (!knownEvents().contains(e->value)) {
                    return fail(ePath,
                        QStringLiteral("unknown event ") + quoted(e->value) + QStringLiteral(" (expected one of ")
                            + knownEvents().join(QStringLiteral(", "))
                            + QStringLiteral("; a deleted entry never fires)"));
                }
                if (rule->events.contains(e->value))
                    return fail(ePath, QStringLiteral("duplicate event ") + quoted(e->value));
                rule->events.append(e->value);
            }
        }
        const JsonNode *condition = node.member(QStringLiteral("condition"));
        if (!condition)
            return fail(path + QStringLiteral(".condition"), QStringLiteral("is required"));
        if (!this->condition(*condition, path + QStringLiteral(".condition"), &rule->condition))
            return false;
        const JsonNode *actions = node.member(QStringLiteral("actions"));
        const QString actionsPath = path + QStringLiteral(".actions");
        if (!actions)
            return fail(actionsPath, QStringLiteral("is required"));
        if (actions->kind != JsonNode::Kind::Array || actions->children.empty())
            return fail(actionsPath, QStringLiteral("must be an array of at least one action"));
        for (const auto &a : actions->children) {
            RuleAction action;
            if (!this->action(*a, actionsPath + u'[' + a->key + u']', &action))
                return false;
            rule->actions.append(action);
        }
        return true;
    }

    bool condition(const JsonNode &node, const QString &path, Condition *condition)
    {
        if (!checkKeys(node, path,
                {QStringLiteral("field"), QStringLiteral("op"), QStringLiteral("value"), QStringLiteral("days")}))
            return false;
        if (!string(
                node.member(QStringLiteral("field")), path + QStringLiteral(".field"), &condition->field, true, true))
            return false;
        if (condition->field.startsWith(u'.') || condition->field.endsWith(u'.')
            || condition->field.contains(QStringLiteral("..")))
            return fail(
                path + QStringLiteral(".field"), QStringLiteral("must be a field name, dotted for nested ones"));
        QString op;
        if (!string(node.member(QStringLiteral("op")), path + QStringLiteral(".op"), &op, true, false))
            return false;
        bool known = false;
        QStringList names;
        for (const OpName &o : kOps) {
            names.append(QString::fromLatin1(o.name));
            if (op == QLatin1String(o.name)) {
                condition->op = o.op;
                known = true;
            }
        }
        if (!known) {
            return fail(path + QStringLiteral(".op"),
                QStringLiteral("unknown operator ") + quoted(op) + QStringLiteral(" (expected one of ")
                    + names.join(QStringLiteral(", ")) + u')');
        }
        const JsonNode *value = node.member(QStringLiteral("value"));
        const JsonNode *days = node.member(QStringLiteral("days"));
        if (condition->op == ConditionOp::DueWithinDays) {
            if (value)
                return fail(
                    path + QStringLiteral(".value"), QStringLiteral("not used by due_within_days (use \"days\")"));
            if (!days)
                return fail(path + QStringLiteral(".days"), QStringLiteral("is required by due_within_days"));
            bool ok = false;
            const int n = days->value.toInt(&ok);
            if (days->kind != JsonNode::Kind::Number || !ok || n < 0 || n > 36500)
                return fail(path + QStringLiteral(".days"), QStringLiteral("must be a whole number from 0 to 36500"));
            condition->days = n;
            return true;
        }
        if (days)
            return fail(path + QStringLiteral(".days"), QStringLiteral("only used by due_within_days"));
        if (!value)
            return fail(path + QStringLiteral(".value"), QStringLiteral("is required by ") + quoted(op));
        if (value->kind != JsonNode::Kind::Number && value->kind != JsonNode::Kind::String)
            return fail(path + QStringLiteral(".value"), QStringLiteral("must be a number or a string"));
        if (isOrdering(condition->op) && !decimalToCents(value->value.toUtf8())) {
            return fail(path + QStringLiteral(".value"),
                QStringLiteral("must be a decimal number for ") + quoted(op) + QStringLiteral(", not ")
                    + quoted(value->value));
        }
        if (condition->op == ConditionOp::Contains && value->value.isEmpty())
            return fail(path + QStringLiteral(".value"), QStringLiteral("must not be empty for \"contains\""));
        condition->value = value->value; // a number exactly as written
        return true;
    }

    bool action(const JsonNode &node, const QString &path, RuleAction *action)
    {
        if (node.kind != JsonNode::Kind::Object)
            return fail(path, QStringLiteral("must be an object"));
        QString type;
        if (!string(node.member(QStringLiteral("type")), path + QStringLiteral(".type"), &type, true, false))
            return false;
        if (type == QLatin1String("notify")) {
            action->type = RuleActionType::Notify;
            if (!checkKeys(node, path, {QStringLiteral("type"), QStringLiteral("title"), QStringLiteral("text")}))
                return false;
            if (!string(node.member(QStringLiteral("title")), path + QStringLiteral(".title"), &action->title, false,
                    false))
                return false;
        } else if (type == QLatin1String("post")) {
            action->type = RuleActionType::Post;
            if (!checkKeys(node, path, {QStringLiteral("type"), QStringLiteral("url"), QStringLiteral("text")}))
                return false;
            const QString urlPath = path + QStringLiteral(".url");
            if (!string(node.member(QStringLiteral("url")), urlPath, &action->url, true, true))
                return false;
            const QUrl url(action->url, QUrl::StrictMode);
            const QString scheme = url.scheme().toLower();
            if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
                || url.host().isEmpty())
                return fail(urlPath, QStringLiteral("must be an http or https URL with a host"));
        } else {
            return fail(path + QStringLiteral(".type"),
                QStringLiteral("unknown action ") + quoted(type) + QStringLiteral(" (expected one of notify, post)"));
        }
        return string(node.member(QStringLiteral("text")), path + QStringLiteral(".text"), &action->text, true, true);
    }
};

// A strict JSON number: what the writer may put down bare (anything else is written as a string).
bool isJsonNumber(const QString &text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto digit = [&](qsizetype at) { return at < n && text[at] >= u'0' && text[at] <= u'9'; };
    if (i < n && text[i] == u'-')
        ++i;
    if (!digit(i))
        return false;
    if (text[i] == u'0')
        ++i;
    else
        while (digit(i))
            ++i;
    if (i < n && text[i] == u'.') {
        if (!digit(++i))
            return false;
        while (digit(i))
            ++i;
    }
    if (i < n && (text[i] == u'e' || text[i] == u'E')) {
        ++i;
        if (i < n && (text[i] == u'+' || text[i] == u'-'))
            ++i;
        if (!digit(i))
            return false;
        while (digit(i))
            ++i;
    }
    return i == n;
}

QByteArray jsonString(const QString &text)
{
    // Escaped on the UTF-8 bytes: only the quote, the backslash and control bytes need it.
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += "\\u00" + QByteArray::number(int(c), 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

} // namespace

RuleSet defaultRules()
{
    Rule expense;
    expense.id = QStringLiteral("high-expense");
    expense.name = QStringLiteral("High expense");
    expense.helper = QStringLiteral("/expenses");
    expense.condition = {QStringLiteral("amount"), ConditionOp::Greater, QStringLiteral("500"), 0};
    expense.actions.append({RuleActionType::Notify, QString(), QStringLiteral("High expense"),
        QStringLiteral("High expense: {amount} - {description}")});

    Rule task;
    task.id = QStringLiteral("task-due");
    task.name = QStringLiteral("Task due");
    task.helper = QStringLiteral("/tasks");
    task.condition = {QStringLiteral("due_date"), ConditionOp::DueWithinDays, QString(), 1};
    task.actions.append({RuleActionType::Notify, QString(), QStringLiteral("Task due"),
        QStringLiteral("Task due {due_date}: {title}")});

    RuleSet set;
    set.rules = {expense, task};
    return set;
}

std::optional<RuleSet> parseRules(const QByteArray &json, QString *error)
{
    RulesReader reader;
    const auto finish = [&]() -> std::optional<RuleSet> {
        if (error)
            *error = reader.error;
        return std::nullopt;
    };
    const JsonParse parsed = parseJsonTree(json);
    if (!parsed.tree) {
        reader.fail(QStringLiteral("$"),
            QStringLiteral("not valid JSON: ") + parsed.error + QStringLiteral(" at offset ")
                + QString::number(parsed.errorOffset));
        return finish();
    }
    const JsonNode &root = *parsed.tree->top;
    if (root.kind != JsonNode::Kind::Object) {
        reader.fail(QStringLiteral("$"), QStringLiteral("must be an object with \"version\" and \"rules\""));
        return finish();
    }
    if (!reader.checkKeys(root, QStringLiteral("$"), {QStringLiteral("version"), QStringLiteral("rules")}))
        return finish();
    const JsonNode *version = root.member(QStringLiteral("version"));
    if (!version || version->kind != JsonNode::Kind::Number || version->value != QLatin1String("1")) {
        reader.fail(QStringLiteral("$.version"), QStringLiteral("must be 1"));
        return finish();
    }
    const JsonNode *rules = root.member(QStringLiteral("rules"));
    if (!rules || rules->kind != JsonNode::Kind::Array) {
        reader.fail(QStringLiteral("$.rules"), QStringLiteral("must be an array of rules"));
        return finish();
    }
    RuleSet set;
    for (const auto &node : rules->children) {
        const QString path = QStringLiteral("$.rules[") + node->key + u']';
        Rule rule;
        if (!reader.rule(*node, path, &rule))
            return finish();
        for (const Rule &other : std::as_const(set.rules)) {
            if (other.id == rule.id) {
                reader.fail(path + QStringLiteral(".id"), QStringLiteral("duplicate rule id ") + quoted(rule.id));
                return finish();
            }
        }
        set.rules.append(rule);
    }
    if (error)
        error->clear();
    return set;
}

QByteArray serializeRules(const RuleSet &rules)
{
    // Written compactly by hand (so that number literals keep their text), then indented.
    QByteArray out = "{\"version\":1,\"rules\":[";
    for (qsizetype i = 0; i < rules.rules.size(); ++i) {
        const Rule &r = rules.rules[i];
        if (i > 0)
            out += ',';
        out += "{\"id\":" + jsonString(r.id) + ",\"name\":" + jsonString(r.name)
            + ",\"enabled\":" + (r.enabled ? "true" : "false");
        if (!r.helper.isEmpty())
            out += ",\"helper\":" + jsonString(r.helper);
        if (!r.events.isEmpty()) {
            out += ",\"events\":[";
            for (qsizetype e = 0; e < r.events.size(); ++e)
                out += (e > 0 ? "," : "") + jsonString(r.events[e]);
            out += ']';
        }
        const Condition &c = r.condition;
        out += ",\"condition\":{\"field\":" + jsonString(c.field) + ",\"op\":" + jsonString(opName(c.op));
        if (c.op == ConditionOp::DueWithinDays)
            out += ",\"days\":" + QByteArray::number(c.days);
        else
            out += ",\"value\":" + (isJsonNumber(c.value) ? c.value.toUtf8() : jsonString(c.value));
        out += "},\"actions\":[";
        for (qsizetype a = 0; a < r.actions.size(); ++a) {
            const RuleAction &action = r.actions[a];
            if (a > 0)
                out += ',';
            if (action.type == RuleActionType::Notify) {
                out += "{\"type\":\"notify\"";
                if (!action.title.isEmpty())
                    out += ",\"title\":" + jsonString(action.title);
            } else {
                out += "{\"type\":\"post\",\"url\":" + jsonString(action.url);
            }
            out += ",\"text\":" + jsonString(action.text) + '}';
        }
        out += "]}";
    }
    out += "]}";
    return prettyJson(out) + '\n';
}

std::optional<RuleSet> loadRulesFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists()) {
        if (error)
            error->clear();
        return defaultRules();
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = path + QStringLiteral(": ") + file.errorString();
        return std::nullopt;
    }
    QString parseError;
    std::optional<RuleSet> rules = parseRules(file.readAll(), &parseError);
    if (!rules && error)
        *error = path + QStringLiteral(": ") + parseError;
    return rules;
}

bool saveRulesFile(const QString &path, const RuleSet &rules, QString *error)
{
    QSaveFile file(path);
    // The mode is set on the temporary file before it replaces the old one, so the rules (whose
    // URLs may be secrets) are never readable by others, not even for a moment.
    const bool ok = file.open(QIODevice::WriteOnly)
        && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        && file.write(serializeRules(rules)) >= 0 && file.commit();
    if (!ok && error)
        *error = path + QStringLiteral(": ") + file.errorString();
    if (ok && error)
        error->clear();
    return ok;
}

} // namespace peanuts
