// Fuzz target: parseEvent, the validation of a signed webhook body (UTF-8, control bytes, JSON, nesting,
// the shape of event/timestamp/helper/entry/user/data), and parseIsoTimestamp.
//
// Invariants:
// - an accepted body is strict UTF-8 (checked here by an independent decoder: no overlong forms, no
//   surrogates, nothing above U+10FFFF) and holds no raw control byte but tab, CR and LF;
// - an accepted body is a JSON object whose fields are what the parsed event says: a non-empty event
//   string and its kind, a non-empty entry.id, a timestamp no further ahead than allowed;
// - entry.data re-encoded parses back to the same object; amountFlagged implies amountPresent;
// - a body with invalid UTF-8 is refused with that reason, whatever else is wrong with it;
// - parsing is deterministic; an accepted timestamp round-trips through its UTC text.
#include "fuzzcheck.h"
#include "ingest/event.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cstdint>

using namespace peanuts;

namespace {

// 2026-11-26T10:00:00Z, and the five minutes of clock skew the receiver allows by default.
constexpr qint64 kNowMs = 1795687200000;
constexpr qint64 kMaxFutureMs = 5 * 60 * 1000;

// RFC 3629 UTF-8, decoded by hand so that the check does not lean on the code under test.
bool isStrictUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        int extra;
        char32_t cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false;
        for (int k = 1; k <= extra; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        static const char32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

bool hasRawControlByte(const QByteArray &bytes)
{
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return true;
    }
    return false;
}

bool sameEvent(const ParsedEvent &a, const ParsedEvent &b)
{
    return a.event == b.event && a.kind == b.kind && a.timestampMs == b.timestampMs && a.helperId == b.helperId
        && a.helperName == b.helperName && a.helperCommand == b.helperCommand && a.entryId == b.entryId
        && a.createdAtMs == b.createdAtMs && a.userId == b.userId && a.category == b.category
        && a.amountCents == b.amountCents && a.amountPresent == b.amountPresent && a.data == b.data;
}

void checkTimestamp(const QString &text)
{
    const std::optional<qint64> ms = parseIsoTimestamp(text);
    if (!ms)
        return;
    FUZZ_CHECK(text.size() >= 20 && text.size() <= 35);
    // An offset can carry a date into year 0 or 10000, which the four-digit form cannot write.
    const QDateTime moment = QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    FUZZ_CHECK(moment.isValid());
    if (moment.date().year() < 1 || moment.date().year() > 9999)
        return;
    const QString utc = moment.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
    FUZZ_CHECK(parseIsoTimestamp(utc) == ms);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1024 * 1024)
        return 0;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const ParseResult result = parseEvent(body, kNowMs, kMaxFutureMs);

    FUZZ_CHECK(result.event.has_value() == result.error.isEmpty());
    const bool utf8 = isStrictUtf8(body);
    if (!utf8 && !body.isEmpty())
        FUZZ_CHECK(result.error == QLatin1String("body is not valid UTF-8"));

    // Deterministic.
    const ParseResult again = parseEvent(body, kNowMs, kMaxFutureMs);
    FUZZ_CHECK(again.error == result.error);
    FUZZ_CHECK(again.event.has_value() == result.event.has_value());
    if (result.event)
        FUZZ_CHECK(sameEvent(*again.event, *result.event));

    // The first line as a timestamp, for the hand-written ISO-8601 parser alone.
    const qsizetype newline = body.indexOf('\n');
    if (utf8)
        checkTimestamp(QString::fromUtf8(newline < 0 ? body : body.left(newline)));

    if (!result.event)
        return 0;
    const ParsedEvent &event = *result.event;
    FUZZ_CHECK(utf8);
    FUZZ_CHECK(!hasRawControlByte(body));

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && document.isObject());
    const QJsonObject root = document.object();
    FUZZ_CHECK(!event.event.isEmpty() && root.value(QLatin1String("event")).toString() == event.event);
    const bool known = event.event == QLatin1String("entry.created") || event.event == QLatin1String("entry.updated")
        || event.event == QLatin1String("entry.deleted");
    FUZZ_CHECK(known == (event.kind != EventKind::Unknown));
    if (known)
        FUZZ_CHECK(QLatin1String(eventKindName(event.kind)) == event.event);
    FUZZ_CHECK(parseIsoTimestamp(root.value(QLatin1String("timestamp")).toString()) == event.timestampMs);
    FUZZ_CHECK(event.timestampMs <= kNowMs + kMaxFutureMs);
    const QJsonObject entry = root.value(QLatin1String("entry")).toObject();
    FUZZ_CHECK(!event.entryId.isEmpty() && entry.value(QLatin1String("id")).toString() == event.entryId);
    FUZZ_CHECK(root.value(QLatin1String("helper")).isObject());
    if (event.createdAtMs != -1)
        FUZZ_CHECK(parseIsoTimestamp(entry.value(QLatin1String("created_at")).toString()) == event.createdAtMs);

    if (event.amountFlagged())
        FUZZ_CHECK(event.amountPresent);
    if (event.amountCents)
        FUZZ_CHECK(event.amountPresent);
    const QJsonValue dataValue = entry.value(QLatin1String("data"));
    FUZZ_CHECK(dataValue.isObject() == !event.data.isEmpty());
    if (dataValue.isObject()) {
        const QJsonDocument reparsed = QJsonDocument::fromJson(event.data, &error);
        FUZZ_CHECK(error.error == QJsonParseError::NoError && reparsed.isObject());
        FUZZ_CHECK(reparsed.object() == dataValue.toObject());
    }
    return 0;
}
