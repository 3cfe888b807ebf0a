// Mock deliveries for `peanuts-monitor send` and the window's "Send test delivery": the shipped
// fixtures (resources/fixtures/*.json), made fresh for the moment they are sent, with the user's
// overrides, as the exact bytes that are then signed and posted.
//
// A fixture file is an object: "description" (one line), "entry_id" (the base of the entry ids it
// gets) and "body" (the delivery, in the Peanuts guide's shape). A string value of the body that is
// exactly a placeholder is replaced when the delivery is built:
//   {{now}}, {{now+N<unit>}}, {{now-N<unit>}}  UTC date-time with milliseconds (unit s, m, h or d)
//   {{date}}, {{date+Nd}}, {{date-Nd}}          a calendar day, YYYY-MM-DD, in the local time zone
//   {{entry_id}}                                the delivery's entry id
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace peanuts {

struct Fixture
{
    QString name; // the file's name without .json: "expense.created"
    QString description;
    QString entryIdBase; // "expense": entry ids are this with a suffix
    QString event; // the body's event, for --event
    QString helper; // the body's helper.command, for --helper
    QByteArray body; // the body as a template: compact, placeholders not yet filled
};

// The fixtures compiled in (:/fixtures), by name.
QList<Fixture> builtInFixtures();
// Reads one fixture file's bytes; nullopt with *error when it is not one.
std::optional<Fixture> parseFixture(const QString &name, const QByteArray &json, QString *error);
const Fixture *findFixture(const QList<Fixture> &fixtures, const QString &name);
// The fixture sent when none is named: the one for this event and helper, else the /expenses one for
// the event (its helper.command is then replaced), else nullptr.
const Fixture *fixtureFor(const QList<Fixture> &fixtures, const QString &event, const QString &helper);

// What --event, --helper, --entry-id and --set change in a fixture's body.
struct BodyOverrides
{
    QString event; // empty: the fixture's
    QString helper; // helper.command; empty: the fixture's
    // entry.data fields, in order: a dotted path ("meta.source") and the value as JSON text (see
    // jsonValueFromText). A missing field is added at the end of its object, missing objects too.
    QList<QPair<QString, QByteArray>> data;
    bool replaceData = false; // entry.data is made of `data` alone (the window's table of fields)
};

// The top-level fields of a body's entry.data, each as the text that jsonValueFromText() turns back
// into the same value: a string as itself (unless that text would read as another JSON value, when it
// is shown quoted), anything else as its JSON text.
QList<QPair<QString, QString>> dataFieldsOf(const QByteArray &body);

// The rule for --set values: text that is one valid JSON value (a number as written, true, false,
// null, "a string", [...] or {...}) is that value, byte for byte; anything else becomes a JSON string
// of the text. So amount=99.99 is the number 99.99 exactly as typed, category=Food the string "Food",
// and code='"007"' the string "007".
QByteArray jsonValueFromText(const QString &text);

// Splits "key=value" (the first '='); false when there is no '=' or the key is empty.
bool splitAssignment(const QString &text, QString *key, QString *value);

// The entry id a delivery gets: base-suffix, where base is explicitId when set, else the fixture's
// base with runSuffix ("expense-mip3k2x1"); with a count above 1, "-N" (1-based) follows, so that
// every delivery of a run is an entry of its own. A single delivery with an explicit id gets it as is.
QString mockEntryId(const QString &explicitId, const Fixture &fixture, const QString &runSuffix, int index, int count);
// A suffix that differs from one run to the next: the time in milliseconds, in base 36.
QString runSuffix(const QDateTime &now);

struct BuiltBody
{
    QByteArray body; // empty on error
    QString error;
};

// The fixture's body with the overrides applied and the placeholders filled for now and entryId.
// Members keep the fixture's order and every byte not changed is the fixture's.
BuiltBody buildMockBody(
    const Fixture &fixture, const BodyOverrides &overrides, const QString &entryId, const QDateTime &now);

// Sets the member at path (object keys, outermost first) of the JSON object text to valueJson,
// replacing the old value's bytes or adding the member at the end of its object; objects missing on
// the way are added. nullopt with *error when the text is not JSON or the path runs through a value
// that is not an object.
std::optional<QByteArray> setJsonMember(
    const QByteArray &json, const QStringList &path, const QByteArray &valueJson, QString *error);

// Fills every string value that is exactly a placeholder; nullopt with *error naming an unknown one.
std::optional<QByteArray> fillPlaceholders(
    const QByteArray &json, const QDateTime &now, const QString &entryId, QString *error);

} // namespace peanuts
