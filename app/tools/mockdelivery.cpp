// Mock bodies are edited as bytes over the ordered JSON tree, one change at a time, so that members
// keep the fixture's order and numbers keep their text (QJsonObject would sort the one and round the
// other through a double).
#include "tools/mockdelivery.h"

#include "json/jsontext.h"
#include "json/jsontree.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace peanuts {

namespace {

const QString kFixtureDir = QStringLiteral(":/fixtures");

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // ["..."] without the brackets
}

QString stringMember(const JsonNode *node, const QString &name)
{
    const JsonNode *member = node ? node->member(name) : nullptr;
    return member && member->kind == JsonNode::Kind::String ? member->value : QString();
}

// `{"k2":{"k3":value}}` for the keys after the first missing one.
QByteArray nestedValue(const QStringList &keys, qsizetype from, const QByteArray &valueJson)
{
    QByteArray value = valueJson;
    for (qsizetype i = keys.size() - 1; i > from; --i)
        value = '{' + jsonString(keys.at(i)) + ':' + value + '}';
    return value;
}

void collectPlaceholders(const JsonNode &node, std::vector<const JsonNode *> *found)
{
    if (node.kind == JsonNode::Kind::String && node.value.startsWith(QLatin1String("{{"))
        && node.value.endsWith(QLatin1String("}}")))
        found->push_back(&node);
    for (const auto &child : node.children)
        collectPlaceholders(*child, found);
}

// The text a placeholder (without its braces) stands for; nullopt when it is not one we know.
std::optional<QString> placeholderValue(const QString &name, const QDateTime &now, const QString &entryId)
{
    if (name == QLatin1String("entry_id"))
        return entryId;
    static const QRegularExpression pattern(QStringLiteral("^(now|date)(?:([+-])(\\d{1,6})([smhd]))?$"));
    const QRegularExpressionMatch match = pattern.match(name);
    if (!match.hasMatch())
        return std::nullopt;
    const bool isDate = match.captured(1) == QLatin1String("date");
    qint64 amount = match.captured(3).toLongLong();
    if (match.captured(2) == QLatin1String("-"))
        amount = -amount;
    const QString unit = match.captured(4);
    if (isDate) {
        if (!unit.isEmpty() && unit != QLatin1String("d"))
            return std::nullopt; // a day moves by days only
        return now.toLocalTime().date().addDays(amount).toString(Qt::ISODate);
    }
    qint64 seconds = amount;
    if (unit == QLatin1String("m"))
        seconds *= 60;
    else if (unit == QLatin1String("h"))
        seconds *= 3600;
    else if (unit == QLatin1String("d"))
        seconds *= 86400;
    return now.toUTC().addSecs(seconds).toString(Qt::ISODateWithMs);
}

} // namespace

std::optional<Fixture> parseFixture(const QString &name, const QByteArray &json, QString *error)
{
    const JsonParse parsed = parseJsonTree(json);
    if (!parsed.tree || parsed.tree->top->kind != JsonNode::Kind::Object) {
        *error = QCoreApplication::translate("MockDelivery", "fixture %1 is not a JSON object").arg(name);
        return std::nullopt;
    }
    const JsonNode *top = parsed.tree->top.get();
    const JsonNode *body = top->member(QStringLiteral("body"));
    if (!body || body->kind != JsonNode::Kind::Object) {
        *error = QStringLiteral("fixture %1 has no \"body\" object").arg(name);
        return std::nullopt;
    }
    Fixture fixture;
    fixture.name = name;
    fixture.description = stringMember(top, QStringLiteral("description"));
    fixture.entryIdBase = stringMember(top, QStringLiteral("entry_id"));
    if (fixture.entryIdBase.isEmpty())
        fixture.entryIdBase = name;
    fixture.event = stringMember(body, QStringLiteral("event"));
    fixture.helper = stringMember(body->member(QStringLiteral("helper")), QStringLiteral("command"));
    fixture.body = compactJson(parsed.tree->bytesOf(body));
    return fixture;
}

QList<Fixture> builtInFixtures()
{
    QList<Fixture> fixtures;
    const QStringList files = QDir(kFixtureDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        QFile in(kFixtureDir + u'/' + file);
        if (!in.open(QIODevice::ReadOnly))
            continue;
        QString error;
        std::optional<Fixture> fixture = parseFixture(file.chopped(5), in.readAll(), &error);
        if (fixture)
            fixtures.append(std::move(*fixture));
    }
    return fixtures;
}

const Fixture *findFixture(const QList<Fixture> &fixtures, const QString &name)
{
    for (const Fixture &fixture : fixtures) {
        if (fixture.name == name)
            return &fixture;
    }
    return nullptr;
}

const Fixture *fixtureFor(const QList<Fixture> &fixtures, const QString &event, const QString &helper)
{
    // The plain fixtures ("expense.created") before the special ones ("expense.high").
    const Fixture *fallback = nullptr;
    for (const Fixture &fixture : fixtures) {
        if (fixture.event != event)
            continue;
        const QString plain = fixture.name.section(u'.', 0, 0) + u'.' + event.section(u'.', 1);
        if (fixture.name != plain)
            continue;
        if (fixture.helper == helper)
            return &fixture;
        if (fixture.helper == QLatin1String("/expenses"))
            fallback = &fixture;
    }
    return fallback;
}

QByteArray jsonValueFromText(const QString &text)
{
    const QByteArray utf8 = text.trimmed().toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + utf8 + ']', &error);
    if (error.error == QJsonParseError::NoError && document.isArray() && document.array().size() == 1)
        return utf8;
    return jsonString(text);
}

QList<QPair<QString, QString>> dataFieldsOf(const QByteArray &body)
{
    QList<QPair<QString, QString>> fields;
    const JsonParse parsed = parseJsonTree(body);
    const JsonNode *entry = parsed.tree ? parsed.tree->top->member(QStringLiteral("entry")) : nullptr;
    const JsonNode *data = entry ? entry->member(QStringLiteral("data")) : nullptr;
    if (!data || data->kind != JsonNode::Kind::Object)
        return fields;
    for (const auto &child : data->children) {
        QString text = QString::fromUtf8(parsed.tree->bytesOf(child.get()));
        if (child->kind == JsonNode::Kind::String && jsonValueFromText(child->value) == jsonString(child->value))
            text = child->value;
        fields.append({child->key, text});
    }
    return fields;
}

bool splitAssignment(const QString &text, QString *key, QString *value)
{
    const qsizetype equals = text.indexOf(u'=');
    if (equals <= 0)
        return false;
    *key = text.left(equals).trimmed();
    *value = text.mid(equals + 1);
    return !key->isEmpty();
}

QString runSuffix(const QDateTime &now)
{
    return QString::number(now.toMSecsSinceEpoch(), 36);
}

QString mockEntryId(const QString &explicitId, const Fixture &fixture, const QString &suffix, int index, int count)
{
    const QString base = explicitId.isEmpty() ? fixture.entryIdBase + u'-' + suffix : explicitId;
    return count > 1 ? base + u'-' + QString::number(index + 1) : base;
}

std::optional<QByteArray> setJsonMember(
    const QByteArray &json, const QStringList &path, const QByteArray &valueJson, QString *error)
{
    const JsonParse parsed = parseJsonTree(json);
    if (!parsed.tree || parsed.tree->top->kind != JsonNode::Kind::Object) {
        *error = QCoreApplication::translate("MockDelivery", "the body is not a JSON object");
        return std::nullopt;
    }
    if (path.isEmpty() || path.contains(QString())) {
        *error = QStringLiteral("\"%1\" has an empty key").arg(path.join(u'.'));
        return std::nullopt;
    }
    const JsonNode *node = parsed.tree->top.get();
    QByteArray result = json;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QString &key = path.at(i);
        const JsonNode *child = node->member(key);
        const bool last = i == path.size() - 1;
        if (child && last) {
            result.replace(child->begin, child->end - child->begin, valueJson);
            return result;
        }
        if (!child) {
            const QByteArray member = jsonString(key) + ':' + nestedValue(path, i, valueJson);
            if (node->children.empty())
                result.insert(node->begin + 1, member);
            else
                result.insert(node->children.back()->end, ',' + member);
            return result;
        }
        if (child->kind != JsonNode::Kind::Object) {
            *error = QStringLiteral("%1 is not an object, so it has no field \"%2\"")
                         .arg(path.mid(0, i + 1).join(u'.'), path.at(i + 1));
            return std::nullopt;
        }
        node = child;
    }
    return result; // not reached: the last key returns above
}

std::optional<QByteArray> fillPlaceholders(
    const QByteArray &json, const QDateTime &now, const QString &entryId, QString *error)
{
    const JsonParse parsed = parseJsonTree(json);
    if (!parsed.tree) {
        *error = QCoreApplication::translate("MockDelivery", "not JSON: %1").arg(parsed.error);
        return std::nullopt;
    }
    std::vector<const JsonNode *> found;
    collectPlaceholders(*parsed.tree->top, &found);
    // From the end backwards, so that the offsets still to be used stay valid.
    std::sort(found.begin(), found.end(), [](const JsonNode *a, const JsonNode *b) { return a->begin > b->begin; });
    QByteArray result = json;
    for (const JsonNode *node : found) {
        const QString name = node->value.mid(2, node->value.size() - 4).trimmed();
        const std::optional<QString> value = placeholderValue(name, now, entryId);
        if (!value) {
            *error = QStringLiteral("%1: unknown placeholder \"%2\" (known: {{now}}, {{now+2h}}, {{now-1d}}, "
                                    "{{date}}, {{date+1d}}, {{entry_id}})")
                         .arg(keyPathOf(node), node->value);
            return std::nullopt;
        }
        result.replace(node->begin, node->end - node->begin, jsonString(*value));
    }
    return result;
}

BuiltBody buildMockBody(
    const Fixture &fixture, const BodyOverrides &overrides, const QString &entryId, const QDateTime &now)
{
    BuiltBody built;
    QByteArray body = fixture.body;
    auto set = [&](const QStringList &path, const QByteArray &value, const QString &what) {
        QString error;
        const std::optional<QByteArray> changed = setJsonMember(body, path, value, &error);
        if (!changed) {
            built.error = what + QStringLiteral(": ") + error;
            return false;
        }
        body = *changed;
        return true;
    };
    if (!overrides.event.isEmpty()
        && !set({QStringLiteral("event")}, jsonString(overrides.event), QStringLiteral("--event")))
        return built;
    if (!overrides.helper.isEmpty()
        && !set({QStringLiteral("helper"), QStringLiteral("command")}, jsonString(overrides.helper),
            QStringLiteral("--helper")))
        return built;
    if (!set({QStringLiteral("entry"), QStringLiteral("id")}, jsonString(entryId),
            QCoreApplication::translate("MockDelivery", "entry id")))
        return built;
    if (overrides.replaceData
        && !set({QStringLiteral("entry"), QStringLiteral("data")}, QByteArrayLiteral("{}"), QStringLiteral("data")))
        return built;
    for (const auto &[field, value] : overrides.data) {
        const QStringList path = QStringList {QStringLiteral("entry"), QStringLiteral("data")} + field.split(u'.');
        if (!set(path, value, QStringLiteral("--set ") + field))
            return built;
    }
    QString error;
    const std::optional<QByteArray> filled = fillPlaceholders(body, now, entryId, &error);
    if (!filled) {
        built.error = error;
        return built;
    }
    built.body = *filled;
    return built;
}

} // namespace peanuts
