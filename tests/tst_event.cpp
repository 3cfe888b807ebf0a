// Tests for webhook body validation: every 400 reason names its field, optional fields fall back quietly,
// amounts stay exact, the seed vectors parse, and hostile bodies fail fast instead of crashing or hanging.
#include "ingest/event.h"
#include "testsupport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace peanuts;

namespace {

// A fixed clock a little after every timestamp the bodies below use, so the tests do not depend on today.
const qint64 NowMs = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
constexpr qint64 MaxFutureMs = 5 * 60 * 1000;

ParseResult parse(const QByteArray &body)
{
    return parseEvent(body, NowMs, MaxFutureMs);
}

QJsonObject validObject()
{
    return QJsonDocument::fromJson(testsupport::makeBody(QStringLiteral("e-1"))).object();
}

QByteArray toBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The valid body with `key` of the top-level object replaced (or removed when value is undefined).
QByteArray withTop(const QString &key, const QJsonValue &value)
{
    QJsonObject object = validObject();
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return toBody(object);
}

// The valid body with `key` inside `entry` replaced (or removed when value is undefined).
QByteArray withEntry(const QString &key, const QJsonValue &value)
{
    QJsonObject object = validObject();
    QJsonObject entry = object.value(QLatin1String("entry")).toObject();
    if (value.isUndefined())
        entry.remove(key);
    else
        entry.insert(key, value);
    object.insert(QStringLiteral("entry"), entry);
    return toBody(object);
}

QByteArray withAmountJson(const QByteArray &amountJson)
{
    return testsupport::makeBody(
        QStringLiteral("e-1"), QStringLiteral("entry.created"), QStringLiteral("2026-11-20T10:00:00Z"), amountJson);
}

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

} // namespace

class TestEvent : public QObject
{
    Q_OBJECT

private slots:
    void parsesAllFields();
    void rejects_data();
    void rejects();
    void eventKinds_data();
    void eventKinds();
    void unknownEventIsNotAnError();
    void isoTimestamps_data();
    void isoTimestamps();
    void futureTolerance();
    void amounts_data();
    void amounts();
    void amountAbsent();
    void tenDimesMakeOneDollar();
    void createdAtFallback_data();
    void createdAtFallback();
    void optionalFieldsFallBack();
    void dataIsReencodedCompactly();
    void seedVectors_data();
    void seedVectors();
    void hostileBodiesFailFast_data();
    void hostileBodiesFailFast();
};

void TestEvent::parsesAllFields()
{
    const ParseResult result = parse(testsupport::makeBody(QStringLiteral("e-42"), QStringLiteral("entry.updated"),
        QStringLiteral("2026-11-20T10:00:00Z"), QByteArrayLiteral("12.50"), QStringLiteral("Food"),
        QStringLiteral("/expenses"), QStringLiteral("2026-11-19T09:30:00.250+01:00")));
    QVERIFY2(result.event, qPrintable(result.error));
    QVERIFY(result.error.isEmpty());
    const ParsedEvent &event = *result.event;
    QCOMPARE(event.event, QStringLiteral("entry.updated"));
    QCOMPARE(event.kind, EventKind::Updated);
    QCOMPARE(event.timestampMs, QDateTime(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(event.helperId, QStringLiteral("h-1"));
    QCOMPARE(event.helperName, QStringLiteral("Expense Tracker"));
    QCOMPARE(event.helperCommand, QStringLiteral("/expenses"));
    QCOMPARE(event.entryId, QStringLiteral("e-42"));
    QCOMPARE(event.createdAtMs, QDateTime(QDate(2026, 11, 19), QTime(8, 30, 0, 250), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(event.userId, QStringLiteral("user-1"));
    QCOMPARE(event.category, QStringLiteral("Food"));
    QVERIFY(event.amountPresent);
    QCOMPARE(event.amountCents, std::optional<qint64>(1250));
    QVERIFY(!event.amountFlagged());
    QCOMPARE(event.data, QByteArrayLiteral(R"({"amount":12.5,"category":"Food","description":"test"})"));
}

void TestEvent::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");

    const QString body = QStringLiteral("body");
    const QString event = QStringLiteral("event");
    const QString timestamp = QStringLiteral("timestamp");
    const QString helper = QStringLiteral("helper");
    const QString entry = QStringLiteral("entry");
    const QString entryId = QStringLiteral("entry.id");
    const QJsonValue absent(QJsonValue::Undefined);

    QTest::addRow("empty body") << QByteArray() << body;
    QTest::addRow("whitespace body") << QByteArrayLiteral(" \r\n") << body;
    QTest::addRow("not JSON") << QByteArrayLiteral("hello") << body;
    QTest::addRow("truncated JSON") << toBody(validObject()).chopped(1) << body;
    QTest::addRow("trailing garbage") << toBody(validObject()) + "x" << body;
    QTest::addRow("JSON array") << QByteArrayLiteral("[]") << body;
    QTest::addRow("JSON string") << QByteArrayLiteral("\"entry.created\"") << body;
    QTest::addRow("JSON null") << QByteArrayLiteral("null") << body;
    QTest::addRow("invalid UTF-8 in a string")
        << withTop(QStringLiteral("x"), QStringLiteral("caf")).replace("\"caf\"", "\"caf\xff\xfe\"") << body;
    QTest::addRow("UTF-8 encoded surrogate")
        << withTop(QStringLiteral("x"), QStringLiteral("s")).replace("\"s\"", "\"\xed\xa0\x80\"") << body;
    QTest::addRow("NUL byte in a string")
        << withTop(QStringLiteral("x"), QStringLiteral("ab")).replace("\"ab\"", QByteArray("\"a\0b\"", 5)) << body;
    QTest::addRow("NUL byte after the object") << toBody(validObject()) + QByteArray(1, '\0') << body;
    QTest::addRow("100000 nested arrays") << nested(100000) << body;
    QTest::addRow("amount 1e400") << withAmountJson("1e400") << body;

    QTest::addRow("event missing") << withTop(event, absent) << event;
    QTest::addRow("event null") << withTop(event, QJsonValue(QJsonValue::Null)) << event;
    QTest::addRow("event number") << withTop(event, 1) << event;
    QTest::addRow("event empty") << withTop(event, QString()) << event;
    QTest::addRow("event object") << withTop(event, QJsonObject()) << event;

    QTest::addRow("timestamp missing") << withTop(timestamp, absent) << timestamp;
    QTest::addRow("timestamp number") << withTop(timestamp, 1764151200000.0) << timestamp;
    QTest::addRow("timestamp without zone") << withTop(timestamp, QStringLiteral("2026-11-26T10:00:00")) << timestamp;
    QTest::addRow("timestamp date only") << withTop(timestamp, QStringLiteral("2026-11-26")) << timestamp;
    QTest::addRow("timestamp garbage") << withTop(timestamp, QStringLiteral("yesterday")) << timestamp;
    QTest::addRow("timestamp invalid date") << withTop(timestamp, QStringLiteral("2026-02-30T10:00:00Z")) << timestamp;
    QTest::addRow("timestamp in the future")
        << withTop(timestamp, QStringLiteral("2026-12-01T00:05:00.001Z")) << timestamp;
    QTest::addRow("timestamp far in the future")
        << withTop(timestamp, QStringLiteral("9999-12-31T23:59:59Z")) << timestamp;

    QTest::addRow("helper missing") << withTop(helper, absent) << helper;
    QTest::addRow("helper null") << withTop(helper, QJsonValue(QJsonValue::Null)) << helper;
    QTest::addRow("helper string") << withTop(helper, QStringLiteral("h-1")) << helper;
    QTest::addRow("helper array") << withTop(helper, QJsonArray()) << helper;

    QTest::addRow("entry missing") << withTop(entry, absent) << entry;
    QTest::addRow("entry string") << withTop(entry, QStringLiteral("e-1")) << entry;
    QTest::addRow("entry array") << withTop(entry, QJsonArray {QStringLiteral("e-1")}) << entry;

    QTest::addRow("entry.id missing") << withEntry(QStringLiteral("id"), absent) << entryId;
    QTest::addRow("entry.id number") << withEntry(QStringLiteral("id"), 7) << entryId;
    QTest::addRow("entry.id empty") << withEntry(QStringLiteral("id"), QString()) << entryId;
    QTest::addRow("entry.id null") << withEntry(QStringLiteral("id"), QJsonValue(QJsonValue::Null)) << entryId;
}

void TestEvent::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);

    const ParseResult result = parse(body);
    QVERIFY2(!result.event, "the body was accepted");
    // Starting with the field's name keeps "entry" from passing for an "entry.id" message and vice versa.
    QVERIFY2(result.error.startsWith(field + u' '), qPrintable(result.error));
}

void TestEvent::eventKinds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<EventKind>("kind");
    QTest::addColumn<QByteArray>("kindName");

    QTest::addRow("created") << QStringLiteral("entry.created") << EventKind::Created << QByteArray("entry.created");
    QTest::addRow("updated") << QStringLiteral("entry.updated") << EventKind::Updated << QByteArray("entry.updated");
    QTest::addRow("deleted") << QStringLiteral("entry.deleted") << EventKind::Deleted << QByteArray("entry.deleted");
    QTest::addRow("other") << QStringLiteral("entry.archived") << EventKind::Unknown << QByteArray("unknown");
    QTest::addRow("case differs") << QStringLiteral("Entry.Created") << EventKind::Unknown << QByteArray("unknown");
}

void TestEvent::eventKinds()
{
    QFETCH(QString, name);
    QFETCH(EventKind, kind);
    QFETCH(QByteArray, kindName);

    const ParseResult result = parse(testsupport::makeBody(QStringLiteral("e-1"), name));
    QVERIFY2(result.event, qPrintable(result.error));
    QCOMPARE(result.event->kind, kind);
    QCOMPARE(result.event->event, name);
    QCOMPARE(QByteArray(eventKindName(kind)), kindName);
}

void TestEvent::unknownEventIsNotAnError()
{
    const ParseResult result = parse(testsupport::makeBody(QStringLiteral("e-7"), QStringLiteral("helper.renamed")));
    QVERIFY2(result.event, qPrintable(result.error));
    QCOMPARE(result.event->kind, EventKind::Unknown);
    QCOMPARE(result.event->event, QStringLiteral("helper.renamed"));
    QCOMPARE(result.event->entryId, QStringLiteral("e-7"));
}

void TestEvent::isoTimestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("ms");

    const auto utc = [](int y, int mo, int d, int h, int mi, int s, int ms) {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
    };
    const auto ok = [](const char *name, const char *text, qint64 ms) {
        QTest::addRow("%s", name) << QString::fromUtf8(text) << true << ms;
    };
    const auto bad = [](const char *name, const char *text) {
        QTest::addRow("%s", name) << QString::fromUtf8(text) << false << qint64(0);
    };

    ok("Z", "2026-11-26T10:00:00Z", utc(2026, 11, 26, 10, 0, 0, 0));
    ok("Z with ms", "2026-11-26T10:00:00.000Z", utc(2026, 11, 26, 10, 0, 0, 0));
    ok("tenths and plus offset", "2026-11-26T10:00:00.5+02:00", utc(2026, 11, 26, 8, 0, 0, 500));
    ok("minus half-hour offset", "2026-11-26T10:00:00-05:30", utc(2026, 11, 26, 15, 30, 0, 0));
    ok("microseconds truncate", "2026-11-26T10:00:00.123999Z", utc(2026, 11, 26, 10, 0, 0, 123));
    ok("nanoseconds", "2026-11-26T10:00:00.000000001Z", utc(2026, 11, 26, 10, 0, 0, 0));
    ok("offset crosses midnight", "2026-01-01T00:30:00+01:00", utc(2025, 12, 31, 23, 30, 0, 0));
    ok("lowercase t and z", "2026-11-26t10:00:00z", utc(2026, 11, 26, 10, 0, 0, 0));
    ok("leap day", "2028-02-29T12:00:00Z", utc(2028, 2, 29, 12, 0, 0, 0));
    ok("epoch", "1970-01-01T00:00:00Z", 0);
    ok("before epoch", "1969-12-31T23:59:59.999Z", -1);

    bad("empty", "");
    bad("missing zone", "2026-11-26T10:00:00");
    bad("missing zone with ms", "2026-11-26T10:00:00.000");
    bad("date only", "2026-11-26");
    bad("date with zone only", "2026-11-26Z");
    bad("garbage", "not a date at all!!");
    bad("february 30", "2026-02-30T10:00:00Z");
    bad("february 29 not leap", "2026-02-29T10:00:00Z");
    bad("month 13", "2026-13-01T10:00:00Z");
    bad("hour 24", "2026-11-26T24:00:00Z");
    bad("minute 60", "2026-11-26T10:60:00Z");
    bad("leap second", "2026-12-31T23:59:60Z");
    bad("year zero", "0000-01-01T00:00:00Z");
    bad("no seconds", "2026-11-26T10:00Z");
    bad("space separator", "2026-11-26 10:00:00Z");
    bad("empty fraction", "2026-11-26T10:00:00.Z");
    bad("ten fraction digits", "2026-11-26T10:00:00.0000000001Z");
    bad("compact offset", "2026-11-26T10:00:00+0200");
    bad("hour-only offset", "2026-11-26T10:00:00+02");
    bad("offset hour 24", "2026-11-26T10:00:00+24:00");
    bad("offset minute 60", "2026-11-26T10:00:00+01:60");
    bad("named zone", "2026-11-26T10:00:00 UTC");
    bad("trailing text", "2026-11-26T10:00:00Zjunk");
    bad("leading space", " 2026-11-26T10:00:00Z");
    bad("signed year", "+2026-11-26T10:00:00Z");
    bad("basic format", "20261126T100000Z");
    bad("arabic digits", "\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6-11-26T10:00:00Z");
    bad("day name", "Thu, 26 Nov 2026 10:00:00 GMT");
}

void TestEvent::isoTimestamps()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, ms);

    const std::optional<qint64> result = parseIsoTimestamp(text);
    QCOMPARE(result.has_value(), valid);
    if (valid)
        QCOMPARE(*result, ms);
}

void TestEvent::futureTolerance()
{
    const auto bodyAt = [](qint64 ms) {
        return testsupport::makeBody(QStringLiteral("e-1"), QStringLiteral("entry.created"),
            QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs));
    };
    QVERIFY(parse(bodyAt(NowMs)).event);
    QVERIFY(parse(bodyAt(NowMs + MaxFutureMs)).event);
    QVERIFY(parse(bodyAt(NowMs - 365LL * 24 * 3600 * 1000)).event);

    const ParseResult ahead = parse(bodyAt(NowMs + MaxFutureMs + 1));
    QVERIFY(!ahead.event);
    QVERIFY2(ahead.error.contains(QLatin1String("timestamp")) && ahead.error.contains(QLatin1String("future")),
        qPrintable(ahead.error));
}

void TestEvent::amounts_data()
{
    QTest::addColumn<QByteArray>("amountJson");
    QTest::addColumn<bool>("present");
    QTest::addColumn<bool>("numeric");
    QTest::addColumn<qint64>("cents");

    QTest::addRow("number 12.50") << QByteArray("12.50") << true << true << qint64(1250);
    QTest::addRow("number 99.99") << QByteArray("99.99") << true << true << qint64(9999);
    QTest::addRow("integer") << QByteArray("12") << true << true << qint64(1200);
    QTest::addRow("negative refund") << QByteArray("-3.333") << true << true << qint64(-333);
    QTest::addRow("number 2.675") << QByteArray("2.675") << true << true << qint64(268);
    QTest::addRow("number 0.1") << QByteArray("0.1") << true << true << qint64(10);
    QTest::addRow("exponent") << QByteArray("1.2345e1") << true << true << qint64(1235);
    QTest::addRow("numeric string 12.50") << QByteArray("\"12.50\"") << true << true << qint64(1250);
    QTest::addRow("numeric string 2.675") << QByteArray("\"2.675\"") << true << true << qint64(268);
    QTest::addRow("non-numeric twelve") << QByteArray("\"twelve\"") << true << false << qint64(0);
    QTest::addRow("empty string") << QByteArray("\"\"") << true << false << qint64(0);
    QTest::addRow("bool") << QByteArray("true") << true << false << qint64(0);
    QTest::addRow("array") << QByteArray("[12.5]") << true << false << qint64(0);
    QTest::addRow("object") << QByteArray("{\"value\":12.5}") << true << false << qint64(0);
    QTest::addRow("twenty nines") << QByteArray("99999999999999999999") << true << false << qint64(0);
    QTest::addRow("string 1e400") << QByteArray("\"1e400\"") << true << false << qint64(0);
    QTest::addRow("string 1e999999999") << QByteArray("\"1e999999999\"") << true << false << qint64(0);
    QTest::addRow("string of 100000 digits")
        << QByteArray('"' + QByteArray(100000, '9') + '"') << true << false << qint64(0);
    QTest::addRow("null") << QByteArray("null") << false << false << qint64(0);
}

void TestEvent::amounts()
{
    QFETCH(QByteArray, amountJson);
    QFETCH(bool, present);
    QFETCH(bool, numeric);
    QFETCH(qint64, cents);

    const ParseResult result = parse(withAmountJson(amountJson));
    QVERIFY2(result.event, qPrintable(result.error));
    const ParsedEvent &event = *result.event;
    QCOMPARE(event.amountPresent, present);
    QCOMPARE(event.amountCents.has_value(), numeric);
    if (numeric)
        QCOMPARE(*event.amountCents, cents);
    QCOMPARE(event.amountFlagged(), present && !numeric);
}

void TestEvent::amountAbsent()
{
    QJsonObject data = validObject().value(QLatin1String("entry")).toObject().value(QLatin1String("data")).toObject();
    data.remove(QStringLiteral("amount"));
    const ParseResult result = parse(withEntry(QStringLiteral("data"), data));
    QVERIFY2(result.event, qPrintable(result.error));
    QVERIFY(!result.event->amountPresent);
    QVERIFY(!result.event->amountCents);
    QVERIFY(!result.event->amountFlagged());
    QCOMPARE(result.event->category, QStringLiteral("Food"));
}

void TestEvent::tenDimesMakeOneDollar()
{
    qint64 total = 0;
    for (int i = 0; i < 10; ++i) {
        const ParseResult result = parse(withAmountJson("0.1"));
        QVERIFY2(result.event && result.event->amountCents, qPrintable(result.error));
        total += *result.event->amountCents;
    }
    QCOMPARE(total, qint64(100));
}

void TestEvent::createdAtFallback_data()
{
    QTest::addColumn<QJsonValue>("createdAt");
    QTest::addColumn<qint64>("ms");

    QTest::addRow("valid") << QJsonValue(QStringLiteral("2026-11-25T09:00:00Z"))
                           << QDateTime(QDate(2026, 11, 25), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
    QTest::addRow("valid with offset") << QJsonValue(QStringLiteral("2026-11-25T09:00:00-01:00"))
                                       << QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
    QTest::addRow("absent") << QJsonValue(QJsonValue::Undefined) << qint64(-1);
    QTest::addRow("null") << QJsonValue(QJsonValue::Null) << qint64(-1);
    QTest::addRow("empty") << QJsonValue(QString()) << qint64(-1);
    QTest::addRow("no zone") << QJsonValue(QStringLiteral("2026-11-25T09:00:00")) << qint64(-1);
    QTest::addRow("invalid date") << QJsonValue(QStringLiteral("2026-02-30T09:00:00Z")) << qint64(-1);
    QTest::addRow("garbage") << QJsonValue(QStringLiteral("last tuesday")) << qint64(-1);
    QTest::addRow("number") << QJsonValue(1764061200000.0) << qint64(-1);
}

void TestEvent::createdAtFallback()
{
    QFETCH(QJsonValue, createdAt);
    QFETCH(qint64, ms);

    const ParseResult result = parse(withEntry(QStringLiteral("created_at"), createdAt));
    QVERIFY2(result.event, qPrintable(result.error));
    QCOMPARE(result.event->createdAtMs, ms);
}

void TestEvent::optionalFieldsFallBack()
{
    QJsonObject object = validObject();
    object.insert(QStringLiteral("helper"), QJsonObject {{QStringLiteral("id"), 5}});
    object.remove(QStringLiteral("user"));
    QJsonObject entry = object.value(QLatin1String("entry")).toObject();
    entry.insert(QStringLiteral("data"), QJsonObject {{QStringLiteral("category"), 3}});
    object.insert(QStringLiteral("entry"), entry);

    const ParseResult result = parse(toBody(object));
    QVERIFY2(result.event, qPrintable(result.error));
    const ParsedEvent &event = *result.event;
    QVERIFY(event.helperId.isEmpty());
    QVERIFY(event.helperName.isEmpty());
    QVERIFY(event.helperCommand.isEmpty());
    QVERIFY(event.userId.isEmpty());
    QVERIFY(event.category.isEmpty());
    QVERIFY(!event.amountPresent);

    object.insert(QStringLiteral("user"), QStringLiteral("user-1"));
    const ParseResult userNotObject = parse(toBody(object));
    QVERIFY2(userNotObject.event, qPrintable(userNotObject.error));
    QVERIFY(userNotObject.event->userId.isEmpty());
}

void TestEvent::dataIsReencodedCompactly()
{
    const QByteArray pretty = QJsonDocument(validObject()).toJson(QJsonDocument::Indented);
    const ParseResult result = parse(pretty);
    QVERIFY2(result.event, qPrintable(result.error));
    QCOMPARE(result.event->data, QByteArrayLiteral(R"({"amount":12.5,"category":"Food","description":"test"})"));

    const ParseResult noData = parse(withEntry(QStringLiteral("data"), QJsonValue(QJsonValue::Undefined)));
    QVERIFY2(noData.event, qPrintable(noData.error));
    QVERIFY(noData.event->data.isEmpty());
    QVERIFY(!noData.event->amountPresent);

    const ParseResult dataArray = parse(withEntry(QStringLiteral("data"), QJsonArray {1, 2}));
    QVERIFY2(dataArray.event, qPrintable(dataArray.error));
    QVERIFY(dataArray.event->data.isEmpty());

    const ParseResult emptyData = parse(withEntry(QStringLiteral("data"), QJsonObject()));
    QVERIFY2(emptyData.event, qPrintable(emptyData.error));
    QCOMPARE(emptyData.event->data, QByteArrayLiteral("{}"));
}

void TestEvent::seedVectors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorField");

    QFile file(QString::fromUtf8(PEANUTS_TEST_DATA_DIR) + QStringLiteral("/signature-vectors.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QJsonArray vectors
        = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("vectors")).toArray();
    QVERIFY(vectors.size() >= 5);
    for (const QJsonValue &vector : vectors) {
        const QString name = vector.toObject().value(QLatin1String("name")).toString();
        const QByteArray body = vector.toObject().value(QLatin1String("body")).toString().toUtf8();
        // The vectors exist for signatures; these two are not meant to be complete events.
        QString errorField;
        if (body.isEmpty())
            errorField = QStringLiteral("body");
        else if (name.startsWith(QLatin1String("same event, pretty-printed")))
            errorField = QStringLiteral("helper");
        QTest::addRow("%s", qPrintable(name)) << body << errorField;
    }
}

void TestEvent::seedVectors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorField);

    const ParseResult result = parse(body);
    if (!errorField.isEmpty()) {
        QVERIFY(!result.event);
        QVERIFY2(result.error.startsWith(errorField + u' '), qPrintable(result.error));
        return;
    }
    QVERIFY2(result.event, qPrintable(result.error));
    const ParsedEvent &event = *result.event;
    QVERIFY(!event.entryId.isEmpty());
    QVERIFY(event.kind != EventKind::Unknown);
    QVERIFY(event.createdAtMs > 0);
    QVERIFY(!event.data.isEmpty());
    if (event.entryId == QLatin1String("e/1")) {
        // The escaped slash and the non-ASCII text come back as the characters they stand for.
        QCOMPARE(event.helperName, QStringLiteral("D\u00e9penses"));
        QCOMPARE(event.category, QStringLiteral("Caf\u00e9 \u2615"));
        QCOMPARE(event.amountCents, std::optional<qint64>(1250));
    }
    if (event.entryId == QLatin1String("entry-123"))
        QCOMPARE(event.amountCents, std::optional<qint64>(9999));
}

void TestEvent::hostileBodiesFailFast_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("100000 nested arrays") << nested(100000) << false;
    QTest::addRow("100000 unclosed arrays") << QByteArray(100000, '[') << false;
    QTest::addRow("100000 nested objects")
        << QByteArray(QByteArray("{\"a\":").repeated(100000) + "1" + QByteArray(100000, '}')) << false;
    QTest::addRow("deep data inside a valid event")
        << withEntry(QStringLiteral("data"), QJsonValue(QJsonValue::Null)).replace("null", nested(100000)) << false;
    QTest::addRow("escaped NUL in entry.id")
        << withEntry(QStringLiteral("id"), QStringLiteral("x")).replace("\"id\":\"x\"", "\"id\":\"a\\u0000b\"") << true;
    QTest::addRow("lone surrogate escape")
        << withEntry(QStringLiteral("id"), QStringLiteral("x")).replace("\"id\":\"x\"", "\"id\":\"\\ud800\"") << true;
    QTest::addRow("number with 100000 digits") << withAmountJson(QByteArray(100000, '9')) << false;
    QTest::addRow("amount -1e400") << withAmountJson("-1e400") << false;
    QTest::addRow("10 MB category") << testsupport::makeBody(QStringLiteral("e-1"), QStringLiteral("entry.created"),
        QStringLiteral("2026-11-20T10:00:00Z"), "1", QString(10'000'000, u'x'))
                                    << true;
    QTest::addRow("only a NUL byte") << QByteArray(1, '\0') << false;
    QTest::addRow("only invalid UTF-8") << QByteArray("\xff\xfe\xfd") << false;
    QTest::addRow("UTF-8 byte order mark") << QByteArray("\xef\xbb\xbf") + toBody(validObject()) << true;
}

void TestEvent::hostileBodiesFailFast()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, accepted);

    QElapsedTimer timer;
    timer.start();
    const ParseResult result = parse(body);
    QVERIFY2(timer.elapsed() < 3000, "parsing took too long");
    QCOMPARE(result.event.has_value(), accepted);
    QCOMPARE(result.error.isEmpty(), accepted);
}

QTEST_APPLESS_MAIN(TestEvent)
#include "tst_event.moc"
