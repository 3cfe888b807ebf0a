// Custom responses: matching, the words that describe them, and their two written forms (the
// settings' JSON and the command line's --respond).
#include "http/customresponses.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace peanuts {

namespace {

// One rule's fields, checked the same way whichever form they came in; empty when fine.
QString checkRule(const CustomResponse &r)
{
    if (r.status < 200 || r.status > 599)
        return QStringLiteral("status: must be from 200 to 599, not %1").arg(r.status);
    if (r.delayMs < 0 || r.delayMs > kMaxResponseDelayMs)
        return QStringLiteral("delay: must be from 0 to %1 ms, not %2").arg(kMaxResponseDelayMs).arg(r.delayMs);
    if (r.percent < 1 || r.percent > 100)
        return QStringLiteral("percent: must be from 1 to 100, not %1").arg(r.percent);
    return QString();
}

} // namespace

QString describe(const CustomResponse &r, TextLanguage language)
{
    auto text = [language](const char *source) { return displayText(language, "CustomResponses", source); };
    QString result;
    if (r.event.isEmpty())
        result = r.percent == 100
            ? text(QT_TRANSLATE_NOOP("CustomResponses", "%1 to every delivery")).arg(r.status)
            : text(QT_TRANSLATE_NOOP("CustomResponses", "%1 to %2% of deliveries")).arg(r.status).arg(r.percent);
    else
        result = r.percent == 100
            ? text(QT_TRANSLATE_NOOP("CustomResponses", "%1 to every %2")).arg(QString::number(r.status), r.event)
            : text(QT_TRANSLATE_NOOP("CustomResponses", "%1 to %2% of %3"))
                  .arg(QString::number(r.status), QString::number(r.percent), r.event);
    if (!r.helper.isEmpty())
        result = text(QT_TRANSLATE_NOOP("CustomResponses", "%1 on %2")).arg(result, r.helper);
    if (r.delayMs > 0)
        result = text(QT_TRANSLATE_NOOP("CustomResponses", "%1, after %2 s"))
                     .arg(result, QString::number(r.delayMs / 1000.0));
    return result;
}

const CustomResponse *CustomResponses::match(
    const QString &event, const QString &helperName, const QString &helperCommand) const
{
    if (!enabled)
        return nullptr;
    for (const CustomResponse &r : rules) {
        if (!r.event.isEmpty() && r.event != event)
            continue;
        if (!r.helper.isEmpty() && r.helper != helperCommand && r.helper != helperName)
            continue;
        return &r;
    }
    return nullptr;
}

QString CustomResponses::summary(TextLanguage language) const
{
    if (!active())
        return QString();
    QStringList parts;
    for (const CustomResponse &r : rules)
        parts += describe(r, language);
    return displayText(language, "CustomResponses",
        QT_TRANSLATE_NOOP("CustomResponses", "Custom responses are on: %1. Deliveries are still stored and applied."))
        .arg(parts.join(displayText(language, "CustomResponses", QT_TRANSLATE_NOOP("CustomResponses", "; then "))));
}

QString customResponsesToJson(const QList<CustomResponse> &rules)
{
    QJsonArray array;
    for (const CustomResponse &r : rules) {
        QJsonObject o {{QStringLiteral("status"), r.status}, {QStringLiteral("delay_ms"), r.delayMs},
            {QStringLiteral("percent"), r.percent}};
        if (!r.event.isEmpty())
            o.insert(QStringLiteral("event"), r.event);
        if (!r.helper.isEmpty())
            o.insert(QStringLiteral("helper"), r.helper);
        if (!r.body.isEmpty())
            o.insert(QStringLiteral("body"), QString::fromUtf8(r.body));
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::optional<QList<CustomResponse>> customResponsesFromJson(const QString &json, QString *error)
{
    QList<CustomResponse> rules;
    if (json.trimmed().isEmpty())
        return rules;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (!doc.isArray()) {
        *error = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                              : QStringLiteral("must be a JSON array");
        return std::nullopt;
    }
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = QStringLiteral("[%1]").arg(i);
        if (!array[i].isObject()) {
            *error = at + QStringLiteral(": must be an object");
            return std::nullopt;
        }
        const QJsonObject o = array[i].toObject();
        CustomResponse r;
        for (const auto &[key, target] :
            {std::pair {QStringLiteral("status"), &r.status}, std::pair {QStringLiteral("delay_ms"), &r.delayMs},
                std::pair {QStringLiteral("percent"), &r.percent}}) {
            if (!o.contains(key))
                continue;
            const double value = o.value(key).toDouble(-1);
            if (!o.value(key).isDouble() || value != double(qint64(value))) {
                *error = at + u'.' + key + QStringLiteral(": must be a whole number");
                return std::nullopt;
            }
            *target = int(qBound(-1.0, value, 1e9));
        }
        for (const auto &[key, target] :
            {std::pair {QStringLiteral("event"), &r.event}, std::pair {QStringLiteral("helper"), &r.helper}}) {
            if (o.contains(key) && !o.value(key).isString()) {
                *error = at + u'.' + key + QStringLiteral(": must be a string");
                return std::nullopt;
            }
            *target = o.value(key).toString();
        }
        if (o.contains(QStringLiteral("body")) && !o.value(QStringLiteral("body")).isString()) {
            *error = at + QStringLiteral(".body: must be a string");
            return std::nullopt;
        }
        r.body = o.value(QStringLiteral("body")).toString().toUtf8();
        if (const QString problem = checkRule(r); !problem.isEmpty()) {
            *error = at + u'.' + problem;
            return std::nullopt;
        }
        rules.append(r);
    }
    return rules;
}

std::optional<CustomResponse> parseResponseSpec(const QString &spec, QString *error)
{
    CustomResponse r;
    QStringView rest(spec);
    while (!rest.isEmpty()) {
        const qsizetype eq = rest.indexOf(u'=');
        if (eq <= 0) {
            *error = QStringLiteral("\"%1\" is not key=value").arg(rest.toString());
            return std::nullopt;
        }
        const QString key = rest.left(eq).trimmed().toString();
        if (key == QLatin1String("body")) {
            r.body = rest.mid(eq + 1).toUtf8();
            break;
        }
        const qsizetype comma = rest.indexOf(u',', eq);
        const QString value = rest.mid(eq + 1, comma < 0 ? -1 : comma - eq - 1).trimmed().toString();
        rest = comma < 0 ? QStringView() : rest.mid(comma + 1);
        if (key == QLatin1String("event")) {
            r.event = value;
        } else if (key == QLatin1String("helper")) {
            r.helper = value;
        } else if (key == QLatin1String("status") || key == QLatin1String("percent") || key == QLatin1String("delay")) {
            bool ok = false;
            const int number = value.toInt(&ok);
            if (!ok) {
                *error = QStringLiteral("%1 must be a whole number, not \"%2\"").arg(key, value);
                return std::nullopt;
            }
            (key == QLatin1String("status")           ? r.status
                    : key == QLatin1String("percent") ? r.percent
                                                      : r.delayMs)
                = number;
        } else {
            *error = QStringLiteral("unknown key \"%1\" (status, percent, delay, event, helper, body)").arg(key);
            return std::nullopt;
        }
    }
    if (const QString problem = checkRule(r); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    return r;
}

} // namespace peanuts
