// Turns one signed webhook body into a ParsedEvent, or into a one-sentence reason for answering 400.
// Bodies come from the network, so every check here must stay cheap and total on hostile input.
#include "ingest/event.h"

#include "ingest/money.h"

#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QStringView>
#include <QTime>

namespace peanuts {

namespace {

ParseResult failure(const QString &error)
{
    ParseResult result;
    result.error = error;
    return result;
}

// Reads exactly `count` ASCII digits at `pos`; -1 when any of them is not a digit.
int digitsAt(QStringView text, qsizetype pos, qsizetype count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// QJsonDocument 6.4 lets raw control characters through inside strings; RFC 8259 forbids them, and a raw
// NUL in an id or a category would only surprise whatever stores or shows it later.
qsizetype findControlByte(const QByteArray &body)
{
    for (qsizetype i = 0; i < body.size(); ++i) {
        const auto c = static_cast<unsigned char>(body[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return i;
    }
    return -1;
}

QString stringField(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString() : QString();
}

EventKind kindFromName(const QString &name)
{
    if (name == QLatin1String("entry.created"))
        return EventKind::Created;
    if (name == QLatin1String("entry.updated"))
        return EventKind::Updated;
    if (name == QLatin1String("entry.deleted"))
        return EventKind::Deleted;
    return EventKind::Unknown;
}

} // namespace

std::optional<qint64> parseIsoTimestamp(const QString &text)
{
    // Shape: YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|+hh:mm|-hh:mm), checked by hand because
    // QDateTime::fromString(Qt::ISODateWithMs) also takes dates alone, missing zones and other forms.
    const QStringView s(text);
    if (s.size() < 20)
        return std::nullopt;
    const int year = digitsAt(s, 0, 4);
    const int month = digitsAt(s, 5, 2);
    const int day = digitsAt(s, 8, 2);
    const int hour = digitsAt(s, 11, 2);
    const int minute = digitsAt(s, 14, 2);
    const int second = digitsAt(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return std::nullopt;
    // RFC 3339 allows a lowercase t and z as well.
    if (s[4] != u'-' || s[7] != u'-' || (s[10] != u'T' && s[10] != u't') || s[13] != u':' || s[16] != u':')
        return std::nullopt;

    qsizetype pos = 19;
    int msec = 0;
    if (s[pos] == u'.') {
        const qsizetype fractionBegin = ++pos;
        while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9')
            ++pos;
        const qsizetype fractionDigits = pos - fractionBegin;
        if (fractionDigits < 1 || fractionDigits > 9)
            return std::nullopt;
        // Truncated to the millisecond, as Date.prototype.toISOString and QDateTime do.
        for (qsizetype i = 0; i < 3; ++i)
            msec = msec * 10 + (i < fractionDigits ? s[fractionBegin + i].unicode() - u'0' : 0);
    }

    int offsetSeconds = 0;
    if (pos == s.size() - 1 && (s[pos] == u'Z' || s[pos] == u'z')) {
        offsetSeconds = 0;
    } else if (pos == s.size() - 6 && (s[pos] == u'+' || s[pos] == u'-') && s[pos + 3] == u':') {
        const int offsetHours = digitsAt(s, pos + 1, 2);
        const int offsetMinutes = digitsAt(s, pos + 4, 2);
        if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59)
            return std::nullopt;
        offsetSeconds = (offsetHours * 60 + offsetMinutes) * 60;
        if (s[pos] == u'-')
            offsetSeconds = -offsetSeconds;
    } else {
        return std::nullopt;
    }

    // QDate and QTime reject 2026-02-30, hour 24, second 60 and year 0000.
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QDateTime utc(date, time, Qt::UTC);
    if (!utc.isValid())
        return std::nullopt;
    return utc.toMSecsSinceEpoch() - qint64(offsetSeconds) * 1000;
}

ParseResult parseEvent(const QByteArray &body, qint64 nowMs, qint64 maxFutureMs)
{
    if (body.isEmpty())
        return failure(QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "body is empty; it must be a JSON object")));
    // Checked before parsing so the reason is plain, whatever the JSON parser would make of the bytes.
    if (!body.isValidUtf8())
        return failure(QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "body is not valid UTF-8")));
    const qsizetype controlAt = findControlByte(body);
    if (controlAt >= 0) {
        return failure(QStringLiteral("body is not valid JSON: unescaped control character 0x")
            + QString::number(static_cast<unsigned char>(body[controlAt]), 16).rightJustified(2, u'0')
            + QStringLiteral(" at offset ") + QString::number(controlAt));
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return failure(QStringLiteral("body is not valid JSON: ") + parseError.errorString()
            + QStringLiteral(" at offset ") + QString::number(parseError.offset));
    }
    if (!document.isObject())
        return failure(QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "body is not a JSON object")));
    const QJsonObject root = document.object();

    ParsedEvent event;

    const QJsonValue eventValue = root.value(QLatin1String("event"));
    if (!eventValue.isString() || eventValue.toString().isEmpty())
        return failure(QString::fromLatin1(
            QT_TRANSLATE_NOOP("Reason", "event must be a non-empty string, such as \"entry.created\"")));
    event.event = eventValue.toString();
    event.kind = kindFromName(event.event);

    const QJsonValue timestampValue = root.value(QLatin1String("timestamp"));
    const std::optional<qint64> timestamp
        = timestampValue.isString() ? parseIsoTimestamp(timestampValue.toString()) : std::nullopt;
    if (!timestamp) {
        return failure(QString::fromLatin1(QT_TRANSLATE_NOOP(
            "Reason", "timestamp must be an ISO-8601 date-time string with a zone, such as \"2026-11-26T10:00:00Z\"")));
    }
    // Unsigned difference: the two may be far apart, and only the distance into the future matters.
    if (*timestamp > nowMs && quint64(*timestamp) - quint64(nowMs) > quint64(qMax(maxFutureMs, qint64(0)))) {
        return failure(QStringLiteral("timestamp is in the future: more than ") + QString::number(maxFutureMs / 1000)
            + QStringLiteral(" s ahead of this computer's clock"));
    }
    event.timestampMs = *timestamp;

    const QJsonValue helperValue = root.value(QLatin1String("helper"));
    if (!helperValue.isObject())
        return failure(
            QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "helper must be an object with id, name and command")));
    const QJsonObject helper = helperValue.toObject();
    event.helperId = stringField(helper, QLatin1String("id"));
    event.helperName = stringField(helper, QLatin1String("name"));
    event.helperCommand = stringField(helper, QLatin1String("command"));

    const QJsonValue entryValue = root.value(QLatin1String("entry"));
    if (!entryValue.isObject())
        return failure(QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "entry must be an object")));
    const QJsonObject entry = entryValue.toObject();

    event.entryId = stringField(entry, QLatin1String("id"));
    if (event.entryId.isEmpty())
        return failure(QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "entry.id must be a non-empty string")));

    const QJsonValue createdAt = entry.value(QLatin1String("created_at"));
    if (createdAt.isString())
        event.createdAtMs = parseIsoTimestamp(createdAt.toString()).value_or(-1);

    const QJsonValue userValue = root.value(QLatin1String("user"));
    if (userValue.isObject())
        event.userId = stringField(userValue.toObject(), QLatin1String("id"));

    const QJsonValue dataValue = entry.value(QLatin1String("data"));
    if (dataValue.isObject()) {
        const QJsonObject data = dataValue.toObject();
        event.data = QJsonDocument(data).toJson(QJsonDocument::Compact);
        event.category = stringField(data, QLatin1String("category"));
        const QJsonValue amount = data.value(QLatin1String("amount"));
        event.amountPresent = !amount.isUndefined() && !amount.isNull();
        if (event.amountPresent)
            event.amountCents = amountToCents(amount);
    }

    ParseResult result;
    result.event = std::move(event);
    return result;
}

const char *eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Created:
        return "entry.created";
    case EventKind::Updated:
        return "entry.updated";
    case EventKind::Deleted:
        return "entry.deleted";
    case EventKind::Unknown:
        break;
    }
    return "unknown";
}

} // namespace peanuts
