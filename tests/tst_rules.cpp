// Tests for rules: the file's strict reader (every bad file names the JSON path of its bad field), the
// writer (round trip with number literals, mode 0600), the defaults, and evaluation: exact cents, strings,
// due dates counted in a zone around midnight and DST changes with an explicit clock, and templates.
#include "pipeline/rules.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace peanuts;

namespace {

// One rule file around a rule's JSON.
QByteArray fileWith(const QByteArray &rule)
{
    return "{\"version\": 1, \"rules\": [" + rule + "]}";
}

// A rule with the given condition and a notify action.
QByteArray ruleWith(const QByteArray &condition, const QByteArray &extra = QByteArray())
{
    return "{\"id\": \"r\", " + extra + "\"condition\": " + condition
        + ", \"actions\": [{\"type\": \"notify\", \"text\": \"t\"}]}";
}

Rule parseOne(const QByteArray &rule)
{
    QString error;
    const std::optional<RuleSet> set = parseRules(fileWith(rule), &error);
    if (!set || set->rules.size() != 1)
        qFatal("bad test rule: %s", qPrintable(error));
    return set->rules.first();
}

EntryFacts facts(const QByteArray &data, const QString &command = QStringLiteral("/expenses"),
    const QString &event = QStringLiteral("entry.created"))
{
    EntryFacts f;
    f.event = event;
    f.helperCommand = command;
    f.helperName = QStringLiteral("Expense Tracker");
    f.entryId = QStringLiteral("e-1");
    f.data = data;
    return f;
}

qint64 ms(const char *iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    if (!t.isValid())
        qFatal("bad test time %s", iso);
    return t.toMSecsSinceEpoch();
}

} // namespace

class TestRules : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreTheGuides();
    void shippedExampleIsTheDefaults();
    void parsesEveryField();
    void parseErrors_data();
    void parseErrors();
    void badFiles_data();
    void badFiles();
    void roundTrip_data();
    void roundTrip();
    void saveIsAtomicAndPrivate();
    void missingFileGivesDefaults();
    void badFileNamesFileAndPath();
    void evaluate_data();
    void evaluate();
    void knownAmountSparesTheData();
    void dueDates_data();
    void dueDates();
    void templates_data();
    void templates();
    void matchRendersActions();
};

void TestRules::defaultsAreTheGuides()
{
    const RuleSet set = defaultRules();
    QCOMPARE(set.rules.size(), 2);
    const Rule &expense = set.rules[0];
    QCOMPARE(expense.id, QStringLiteral("high-expense"));
    QVERIFY(expense.enabled);
    QCOMPARE(expense.helper, QStringLiteral("/expenses"));
    QVERIFY(expense.events.isEmpty());
    QCOMPARE(expense.condition.field, QStringLiteral("amount"));
    QCOMPARE(expense.condition.op, ConditionOp::Greater);
    QCOMPARE(expense.condition.value, QStringLiteral("500"));
    QCOMPARE(expense.actions.size(), 1);
    QCOMPARE(expense.actions[0].type, RuleActionType::Notify);
    QCOMPARE(expense.actions[0].title, QStringLiteral("High expense"));
    QCOMPARE(expense.actions[0].text, QStringLiteral("High expense: {amount} - {description}"));

    const Rule &task = set.rules[1];
    QCOMPARE(task.id, QStringLiteral("task-due"));
    QVERIFY(task.enabled);
    QVERIFY(task.isDateRule());
    QCOMPARE(task.helper, QStringLiteral("/tasks"));
    QCOMPARE(task.condition.field, QStringLiteral("due_date"));
    QCOMPARE(task.condition.days, 1);
    QCOMPARE(task.actions[0].title, QStringLiteral("Task due"));
    QCOMPARE(task.actions[0].text, QStringLiteral("Task due {due_date}: {title}"));
}

void TestRules::shippedExampleIsTheDefaults()
{
    // The README's example is this file: it must stay what the app ships.
    QFile file(QStringLiteral(PEANUTS_TEST_DATA_DIR "/rules/default-rules.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    const std::optional<RuleSet> set = parseRules(file.readAll(), &error);
    QVERIFY2(set, qPrintable(error));
    QCOMPARE(*set, defaultRules());

    // And the README's "Rules" section shows it.
    QFile readme(QStringLiteral(PEANUTS_TEST_DATA_DIR "/../../README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QByteArray text = readme.readAll();
    const qsizetype section = text.indexOf("\n## Rules\n");
    QVERIFY(section >= 0);
    const qsizetype begin = text.indexOf("```json\n", section);
    const qsizetype end = text.indexOf("\n```\n", begin);
    QVERIFY(begin > section && end > begin);
    const std::optional<RuleSet> shown = parseRules(text.mid(begin + 8, end - begin - 8), &error);
    QVERIFY2(shown, qPrintable(error));
    QCOMPARE(*shown, defaultRules());
}

void TestRules::parsesEveryField()
{
    const QByteArray json = R"({"version": 1, "rules": [
        {"id": "big", "name": "Big one", "enabled": false, "helper": "/expenses",
         "events": ["entry.updated"], "condition": {"field": "meta.amount", "op": ">=", "value": 500.50},
         "actions": [{"type": "notify", "title": "T {amount}", "text": "x"},
                     {"type": "post", "url": "https://hooks.example/services/T0/B0/xyz", "text": "y {amount}"}]},
        {"id": "cat", "condition": {"field": "category", "op": "==", "value": "Food"},
         "actions": [{"type": "post", "url": "http://127.0.0.1:9000/hook", "text": "z"}]},
        {"id": "exp", "condition": {"field": "amount", "op": "<", "value": 1E+3},
         "actions": [{"type": "notify", "text": "w"}]}
    ]})";
    QString error;
    const std::optional<RuleSet> set = parseRules(json, &error);
    QVERIFY2(set, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(set->rules.size(), 3);
    const Rule &big = set->rules[0];
    QCOMPARE(big.name, QStringLiteral("Big one"));
    QVERIFY(!big.enabled);
    QCOMPARE(big.events, QStringList {QStringLiteral("entry.updated")});
    QCOMPARE(big.condition.field, QStringLiteral("meta.amount"));
    QCOMPARE(big.condition.op, ConditionOp::GreaterOrEqual);
    QCOMPARE(big.condition.value, QStringLiteral("500.50")); // the literal, not 500.5
    QCOMPARE(big.actions[1].type, RuleActionType::Post);
    QCOMPARE(big.actions[1].url, QStringLiteral("https://hooks.example/services/T0/B0/xyz"));
    QCOMPARE(set->rules[1].name, QStringLiteral("cat")); // no name: the id
    QVERIFY(set->rules[1].enabled);
    QCOMPARE(set->rules[1].condition.value, QStringLiteral("Food"));
    QCOMPARE(set->rules[2].condition.value, QStringLiteral("1E+3"));

    QVERIFY(parseRules(R"({"version": 1, "rules": []})", &error));
}

void TestRules::parseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    const QByteArray ops = "(expected one of >, >=, <, <=, ==, !=, contains, due_within_days)";
    const QByteArray good = ruleWith(R"({"field": "amount", "op": ">", "value": 500})");

    QTest::newRow("not json") << QByteArray("{\"version\": 1,") << QString();
    QTest::newRow("not an object") << QByteArray("[]")
                                   << QStringLiteral("$: must be an object with \"version\" and \"rules\"");
    QTest::newRow("no version") << QByteArray(R"({"rules": []})") << QStringLiteral("$.version: must be 1");
    QTest::newRow("version 2") << QByteArray(R"({"version": 2, "rules": []})")
                               << QStringLiteral("$.version: must be 1");
    QTest::newRow("version 1.001") << QByteArray(R"({"version": 1.001, "rules": []})")
                                   << QStringLiteral("$.version: must be 1");
    QTest::newRow("version string") << QByteArray(R"({"version": "1", "rules": []})")
                                    << QStringLiteral("$.version: must be 1");
    QTest::newRow("no rules") << QByteArray(R"({"version": 1})")
                              << QStringLiteral("$.rules: must be an array of rules");
    QTest::newRow("unknown top key") << QByteArray(R"({"version": 1, "rules": [], "rule": []})")
                                     << QStringLiteral("$.rule: unknown key (expected one of version, rules)");
    QTest::newRow("duplicate top key") << QByteArray(R"({"version": 1, "rules": [], "rules": []})")
                                       << QStringLiteral("$: duplicate key \"rules\"");
    QTest::newRow("rule not object") << fileWith("42") << QStringLiteral("$.rules[0]: must be an object");
    QTest::newRow("second rule's op") << fileWith(
        good + ", " + ruleWith(R"({"field": "amount", "op": "gt", "value": 500})").replace("\"r\"", "\"s\""))
                                      << QStringLiteral("$.rules[1].condition.op: unknown operator \"gt\" ")
            + QString::fromLatin1(ops);
    QTest::newRow("no id") << fileWith(R"({"condition": {"field": "a", "op": ">", "value": 1}, "actions": []})")
                           << QStringLiteral("$.rules[0].id: is required");
    QTest::newRow("empty id") << fileWith(ruleWith(R"({"field": "a", "op": ">", "value": 1})").replace("\"r\"", "\"\""))
                              << QStringLiteral("$.rules[0].id: must not be empty");
    QTest::newRow("id number") << fileWith(ruleWith(R"({"field": "a", "op": ">", "value": 1})").replace("\"r\"", "7"))
                               << QStringLiteral("$.rules[0].id: must be a string");
    QTest::newRow("duplicate id") << fileWith(good + ", " + good)
                                  << QStringLiteral("$.rules[1].id: duplicate rule id \"r\"");
    QTest::newRow("typo in a rule key") << fileWith(
        ruleWith(R"({"field": "a", "op": ">", "value": 1})", R"("enable": false, )"))
                                        << QStringLiteral("$.rules[0].enable: unknown key (expected one of id, name, "
                                                          "enabled, helper, events, condition, actions)");
    QTest::newRow("enabled string") << fileWith(ruleWith(R"({"field": "a", "op": ">", "value": 1})",
        R"("enabled": "yes", )")) << QStringLiteral("$.rules[0].enabled: must be true or false");
    QTest::newRow("helper without slash")
        << fileWith(ruleWith(R"({"field": "a", "op": ">", "value": 1})", R"("helper": "expenses", )"))
        << QStringLiteral("$.rules[0].helper: a helper command starts with \"/\", such as \"/expenses\"");
    QTest::newRow("events not array") << fileWith(
        ruleWith(R"({"field": "a", "op": ">", "value": 1})", R"("events": "entry.created", )"))
                                      << QStringLiteral("$.rules[0].events: must be an array of event names");
    QTest::newRow("unknown event")
        << fileWith(
               ruleWith(R"({"field": "a", "op": ">", "value": 1})", R"("events": ["entry.created", "entry.create"], )"))
        << QStringLiteral("$.rules[0].events[1]: unknown event \"entry.create\" (expected one of entry.created, "
                          "entry.updated; a deleted entry never fires)");
    QTest::newRow("deleted event")
        << fileWith(ruleWith(R"({"field": "a", "op": ">", "value": 1})", R"("events": ["entry.deleted"], )"))
        << QStringLiteral("$.rules[0].events[0]: unknown event \"entry.deleted\" (expected one of entry.created, "
                          "entry.updated; a deleted entry never fires)");
    QTest::newRow("no condition") << fileWith(R"({"id": "r", "actions": [{"type": "notify", "text": "t"}]})")
                                  << QStringLiteral("$.rules[0].condition: is required");
    QTest::newRow("condition array") << fileWith(ruleWith("[]"))
                                     << QStringLiteral("$.rules[0].condition: must be an object");
    QTest::newRow("no field") << fileWith(ruleWith(R"({"op": ">", "value": 1})"))
                              << QStringLiteral("$.rules[0].condition.field: is required");
    QTest::newRow("bad dotted field") << fileWith(ruleWith(R"({"field": "meta..a", "op": ">", "value": 1})"))
                                      << QStringLiteral("$.rules[0].condition.field: must be a field name, dotted for "
                                                        "nested ones");
    QTest::newRow("unknown op") << fileWith(ruleWith(R"({"field": "a", "op": "gt", "value": 1})"))
                                << QStringLiteral("$.rules[0].condition.op: unknown operator \"gt\" ")
            + QString::fromLatin1(ops);
    QTest::newRow("op not string") << fileWith(ruleWith(R"({"field": "a", "op": 1, "value": 1})"))
                                   << QStringLiteral("$.rules[0].condition.op: must be a string");
    QTest::newRow("no value") << fileWith(ruleWith(R"({"field": "a", "op": ">"})"))
                              << QStringLiteral("$.rules[0].condition.value: is required by \">\"");
    QTest::newRow("value bool") << fileWith(ruleWith(R"({"field": "a", "op": "==", "value": true})"))
                                << QStringLiteral("$.rules[0].condition.value: must be a number or a string");
    QTest::newRow("value not numeric for >")
        << fileWith(ruleWith(R"({"field": "a", "op": ">", "value": "lots"})"))
        << QStringLiteral("$.rules[0].condition.value: must be a decimal number for \">\", not \"lots\"");
    QTest::newRow("empty contains") << fileWith(ruleWith(R"({"field": "a", "op": "contains", "value": ""})"))
                                    << QStringLiteral("$.rules[0].condition.value: must not be empty for \"contains\"");
    QTest::newRow("days with >") << fileWith(ruleWith(R"({"field": "a", "op": ">", "value": 1, "days": 2})"))
                                 << QStringLiteral("$.rules[0].condition.days: only used by due_within_days");
    QTest::newRow("due without days") << fileWith(ruleWith(R"({"field": "due_date", "op": "due_within_days"})"))
                                      << QStringLiteral("$.rules[0].condition.days: is required by due_within_days");
    QTest::newRow("due with value") << fileWith(
        ruleWith(R"({"field": "due_date", "op": "due_within_days", "value": 1, "days": 1})"))
                                    << QStringLiteral(
                                           "$.rules[0].condition.value: not used by due_within_days (use \"days\")");
    QTest::newRow("negative days") << fileWith(ruleWith(R"({"field": "d", "op": "due_within_days", "days": -1})"))
                                   << QStringLiteral(
                                          "$.rules[0].condition.days: must be a whole number from 0 to 36500");
    QTest::newRow("fractional days") << fileWith(ruleWith(R"({"field": "d", "op": "due_within_days", "days": 1.5})"))
                                     << QStringLiteral("$.rules[0].condition.days: must be a whole number from 0 to "
                                                       "36500");
    QTest::newRow("condition typo") << fileWith(ruleWith(R"({"field": "a", "op": ">", "vaule": 1})"))
                                    << QStringLiteral("$.rules[0].condition.vaule: unknown key (expected one of field, "
                                                      "op, value, days)");
    QTest::newRow("no actions") << fileWith(R"({"id": "r", "condition": {"field": "a", "op": ">", "value": 1}})")
                                << QStringLiteral("$.rules[0].actions: is required");
    QTest::newRow("empty actions") << fileWith(
        R"({"id": "r", "condition": {"field": "a", "op": ">", "value": 1}, "actions": []})")
                                   << QStringLiteral("$.rules[0].actions: must be an array of at least one action");
    const QByteArray cond = R"({"id": "r", "condition": {"field": "a", "op": ">", "value": 1}, "actions": [)";
    QTest::newRow("unknown action") << fileWith(cond + R"({"type": "email", "text": "t"}]})")
                                    << QStringLiteral("$.rules[0].actions[0].type: unknown action \"email\" (expected "
                                                      "one of notify, post)");
    QTest::newRow("action without type") << fileWith(cond + R"({"text": "t"}]})")
                                         << QStringLiteral("$.rules[0].actions[0].type: is required");
    QTest::newRow("notify without text") << fileWith(cond + R"({"type": "notify"}]})")
                                         << QStringLiteral("$.rules[0].actions[0].text: is required");
    QTest::newRow("notify with url")
        << fileWith(
               cond + R"({"type": "notify", "text": "t"}, {"type": "notify", "url": "https://a.b", "text": "t"}]})")
        << QStringLiteral("$.rules[0].actions[1].url: unknown key (expected one of type, title, text)");
    QTest::newRow("post without url") << fileWith(cond + R"({"type": "post", "text": "t"}]})")
                                      << QStringLiteral("$.rules[0].actions[0].url: is required");
    QTest::newRow("post to file") << fileWith(cond + R"({"type": "post", "url": "file:///etc/passwd", "text": "t"}]})")
                                  << QStringLiteral(
                                         "$.rules[0].actions[0].url: must be an http or https URL with a host");
    QTest::newRow("post to data") << fileWith(cond + R"({"type": "post", "url": "data:text/plain,hi", "text": "t"}]})")
                                  << QStringLiteral(
                                         "$.rules[0].actions[0].url: must be an http or https URL with a host");
    QTest::newRow("post without host") << fileWith(cond + R"({"type": "post", "url": "https://", "text": "t"}]})")
                                       << QStringLiteral("$.rules[0].actions[0].url: must be an http or https URL "
                                                         "with a host");
    QTest::newRow("post with title")
        << fileWith(cond + R"({"type": "post", "url": "https://a.example", "title": "x", "text": "t"}]})")
        << QStringLiteral("$.rules[0].actions[0].title: unknown key (expected one of type, url, text)");
}

void TestRules::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString actual = QStringLiteral("untouched");
    QVERIFY(!parseRules(json, &actual));
    if (error.isEmpty())
        QVERIFY2(actual.startsWith(QStringLiteral("$: not valid JSON: ")), qPrintable(actual));
    else
        QCOMPARE(actual, error);
}

void TestRules::badFiles_data()
{
    // Each bad-*.json under tests/data/rules has its expected error in the .err file beside it.
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(PEANUTS_TEST_DATA_DIR "/rules"));
    const QStringList files = dir.entryList({QStringLiteral("bad-*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 3);
    for (const QString &name : files)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestRules::badFiles()
{
    QFETCH(QString, path);
    QFile expected(QString(path).replace(QStringLiteral(".json"), QStringLiteral(".err")));
    QVERIFY(expected.open(QIODevice::ReadOnly));
    QString error;
    QVERIFY(!loadRulesFile(path, &error));
    QCOMPARE(error, path + QStringLiteral(": ") + QString::fromUtf8(expected.readAll()).trimmed());
}

void TestRules::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("defaults") << serializeRules(defaultRules());
    QTest::newRow("literals and strings") << QByteArray(R"({"version": 1, "rules": [
        {"id": "a", "name": "Quote \" and \\ and\nnewline", "helper": "/x", "events": ["entry.created", "entry.updated"],
         "condition": {"field": "amount", "op": ">", "value": 500.50}, "actions": [{"type": "notify", "text": "é ✓ \u0001"}]},
        {"id": "b", "enabled": false, "condition": {"field": "n", "op": "<=", "value": -0.0050e2},
         "actions": [{"type": "post", "url": "https://hooks.example/a?b=c", "text": "{amount}"}]},
        {"id": "c", "condition": {"field": "code", "op": "==", "value": "007"},
         "actions": [{"type": "notify", "title": "T", "text": "{{x}"}]},
        {"id": "d", "condition": {"field": "due", "op": "due_within_days", "days": 0},
         "actions": [{"type": "notify", "text": "d"}]}]})");
}

void TestRules::roundTrip()
{
    QFETCH(QByteArray, json);
    QString error;
    const std::optional<RuleSet> first = parseRules(json, &error);
    QVERIFY2(first, qPrintable(error));
    const QByteArray written = serializeRules(*first);
    const std::optional<RuleSet> second = parseRules(written, &error);
    QVERIFY2(second, qPrintable(error + QStringLiteral("\n") + QString::fromUtf8(written)));
    QCOMPARE(*second, *first);
    QCOMPARE(serializeRules(*second), written);
    if (QTest::currentDataTag() == QByteArray("literals and strings")) {
        QVERIFY(written.contains("500.50")); // the literal, not 500.5
        QVERIFY(written.contains("-0.0050e2"));
        QVERIFY(written.contains("\"007\"")); // a string stays a string
        QCOMPARE(second->rules[1].condition.value, QStringLiteral("-0.0050e2"));
    }
}

void TestRules::saveIsAtomicAndPrivate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("rules.json"));
    // An existing file readable by all: the save must not keep its mode.
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("{}");
    }
    QVERIFY(QFile::setPermissions(
        path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    RuleSet rules = defaultRules();
    rules.rules[0].condition.value = QStringLiteral("500.50");
    QString error = QStringLiteral("untouched");
    QVERIFY2(saveRulesFile(path, rules, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList {QStringLiteral("rules.json")});

    const std::optional<RuleSet> loaded = loadRulesFile(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(*loaded, rules);

    // A new file is private too.
    const QString fresh = dir.filePath(QStringLiteral("fresh.json"));
    QVERIFY(saveRulesFile(fresh, defaultRules(), &error));
    QCOMPARE(::stat(QFile::encodeName(fresh).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));

    // A directory that does not exist: refused with a reason.
    QVERIFY(!saveRulesFile(dir.filePath(QStringLiteral("no/such/dir/rules.json")), rules, &error));
    QVERIFY(!error.isEmpty());
}

void TestRules::missingFileGivesDefaults()
{
    QTemporaryDir dir;
    QString error = QStringLiteral("untouched");
    const std::optional<RuleSet> rules = loadRulesFile(dir.filePath(QStringLiteral("absent.json")), &error);
    QVERIFY(rules);
    QVERIFY(error.isEmpty());
    QCOMPARE(*rules, defaultRules());
}

void TestRules::badFileNamesFileAndPath()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rules.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(fileWith(ruleWith(R"({"field": "amount", "op": "=>", "value": 5})")));
    file.close();
    QString error;
    QVERIFY(!loadRulesFile(path, &error));
    QVERIFY2(error.startsWith(path + QStringLiteral(": $.rules[0].condition.op: unknown operator \"=>\"")),
        qPrintable(error));
}

void TestRules::evaluate_data()
{
    QTest::addColumn<QByteArray>("rule");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("fireKey"); // empty: does not apply

    const QString exp = QStringLiteral("/expenses");
    const QString created = QStringLiteral("entry.created");
    const QByteArray gt500 = ruleWith(R"({"field": "amount", "op": ">", "value": 500})", R"("helper": "/expenses", )");
    const QString gtKey = QStringLiteral("amount>500");

    QTest::newRow("600.50 > 500") << gt500 << QByteArray(R"({"amount":600.50})") << exp << created << gtKey;
    QTest::newRow("500.00 > 500") << gt500 << QByteArray(R"({"amount":500.00})") << exp << created << QString();
    QTest::newRow("500.01 > 500") << gt500 << QByteArray(R"({"amount":500.01})") << exp << created << gtKey;
    // Past the cent, money.h rounds half away from zero, as the figures count money: 500.001 is 500.00.
    QTest::newRow("500.001 > 500") << gt500 << QByteArray(R"({"amount":500.001})") << exp << created << QString();
    QTest::newRow("500.005 > 500") << gt500 << QByteArray(R"({"amount":500.005})") << exp << created << gtKey;
    QTest::newRow("1e3 > 500") << gt500 << QByteArray(R"({"amount":1e3})") << exp << created << gtKey;
    QTest::newRow("numeric string") << gt500 << QByteArray(R"({"amount":"600.50"})") << exp << created << gtKey;
    QTest::newRow("text amount") << gt500 << QByteArray(R"({"amount":"lots"})") << exp << created << QString();
    QTest::newRow("bool amount") << gt500 << QByteArray(R"({"amount":true})") << exp << created << QString();
    QTest::newRow("null amount") << gt500 << QByteArray(R"({"amount":null})") << exp << created << QString();
    QTest::newRow("no amount") << gt500 << QByteArray(R"({"category":"Food"})") << exp << created << QString();
    QTest::newRow("no data") << gt500 << QByteArray() << exp << created << QString();
    QTest::newRow("data not object") << gt500 << QByteArray("[600]") << exp << created << QString();
    QTest::newRow("updated") << gt500 << QByteArray(R"({"amount":600})") << exp << QStringLiteral("entry.updated")
                             << gtKey;
    QTest::newRow("deleted never") << gt500 << QByteArray(R"({"amount":600})") << exp << QStringLiteral("entry.deleted")
                                   << QString();
    QTest::newRow("unknown event") << gt500 << QByteArray(R"({"amount":600})") << exp
                                   << QStringLiteral("entry.archived") << QString();
    QTest::newRow("other helper") << gt500 << QByteArray(R"({"amount":600})") << QStringLiteral("/tasks") << created
                                  << QString();
    const QByteArray anyHelper = ruleWith(R"({"field": "amount", "op": ">", "value": 500})");
    QTest::newRow("any helper") << anyHelper << QByteArray(R"({"amount":600})") << QStringLiteral("/tasks") << created
                                << gtKey;
    const QByteArray onlyUpdated
        = ruleWith(R"({"field": "amount", "op": ">", "value": 500})", R"("events": ["entry.updated"], )");
    QTest::newRow("events: created not listed")
        << onlyUpdated << QByteArray(R"({"amount":600})") << exp << created << QString();
    QTest::newRow("events: updated listed")
        << onlyUpdated << QByteArray(R"({"amount":600})") << exp << QStringLiteral("entry.updated") << gtKey;
    const QByteArray disabled = ruleWith(R"({"field": "amount", "op": ">", "value": 500})", R"("enabled": false, )");
    QTest::newRow("disabled") << disabled << QByteArray(R"({"amount":600})") << exp << created << QString();

    const QByteArray ge = ruleWith(R"({"field": "amount", "op": ">=", "value": 500.00})");
    QTest::newRow(">= equal") << ge << QByteArray(R"({"amount":500})") << exp << created
                              << QStringLiteral("amount>=500.00");
    QTest::newRow(">= below") << ge << QByteArray(R"({"amount":499.99})") << exp << created << QString();
    const QByteArray lt = ruleWith(R"({"field": "amount", "op": "<", "value": -10})");
    QTest::newRow("< negative") << lt << QByteArray(R"({"amount":-10.01})") << exp << created
                                << QStringLiteral("amount<-10");
    QTest::newRow("< equal") << lt << QByteArray(R"({"amount":-10})") << exp << created << QString();
    const QByteArray le = ruleWith(R"({"field": "amount", "op": "<=", "value": "0.1"})");
    QTest::newRow("<= sum of dimes") << le << QByteArray(R"({"amount":0.10})") << exp << created
                                     << QStringLiteral("amount<=0.1");
    QTest::newRow("huge amount") << gt500 << QByteArray(R"({"amount":1e400})") << exp << created << QString();

    const QByteArray eqNum = ruleWith(R"({"field": "amount", "op": "==", "value": 12.50})");
    QTest::newRow("== number as number") << eqNum << QByteArray(R"({"amount":12.5})") << exp << created
                                         << QStringLiteral("amount==12.50");
    QTest::newRow("== number differs") << eqNum << QByteArray(R"({"amount":12.51})") << exp << created << QString();
    QTest::newRow("== string is not number")
        << eqNum << QByteArray(R"({"amount":"12.5"})") << exp << created << QString();
    const QByteArray eqStr = ruleWith(R"({"field": "category", "op": "==", "value": "Food"})");
    QTest::newRow("== string") << eqStr << QByteArray(R"({"category":"Food"})") << exp << created
                               << QStringLiteral("category==Food");
    QTest::newRow("== is case-sensitive")
        << eqStr << QByteArray(R"({"category":"food"})") << exp << created << QString();
    QTest::newRow("== absent") << eqStr << QByteArray(R"({"amount":1})") << exp << created << QString();
    QTest::newRow("== object") << eqStr << QByteArray(R"({"category":{"a":1}})") << exp << created << QString();
    const QByteArray ne = ruleWith(R"({"field": "category", "op": "!=", "value": "Food"})");
    QTest::newRow("!= differs") << ne << QByteArray(R"({"category":"Travel"})") << exp << created
                                << QStringLiteral("category!=Food");
    QTest::newRow("!= same") << ne << QByteArray(R"({"category":"Food"})") << exp << created << QString();
    QTest::newRow("!= absent") << ne << QByteArray(R"({"amount":1})") << exp << created << QString();
    const QByteArray eqBool = ruleWith(R"({"field": "paid", "op": "==", "value": "true"})");
    QTest::newRow("== bool as text") << eqBool << QByteArray(R"({"paid":true})") << exp << created
                                     << QStringLiteral("paid==true");

    const QByteArray contains = ruleWith(R"({"field": "description", "op": "contains", "value": "TAXI"})");
    QTest::newRow("contains any case") << contains << QByteArray(R"({"description":"Night taxi home"})") << exp
                                       << created << QStringLiteral("description contains TAXI");
    QTest::newRow("contains not") << contains << QByteArray(R"({"description":"Bus"})") << exp << created << QString();
    QTest::newRow("contains number") << contains << QByteArray(R"({"description":42})") << exp << created << QString();

    const QByteArray nested = ruleWith(R"({"field": "meta.priority", "op": "==", "value": "high"})");
    QTest::newRow("nested") << nested << QByteArray(R"({"meta":{"priority":"high"}})") << exp << created
                            << QStringLiteral("meta.priority==high");
    QTest::newRow("nested missing") << nested << QByteArray(R"({"meta":"high"})") << exp << created << QString();
    QTest::newRow("later duplicate wins") << eqStr << QByteArray(R"({"category":"Travel","category":"Food"})") << exp
                                          << created << QStringLiteral("category==Food");
}

void TestRules::evaluate()
{
    QFETCH(QByteArray, rule);
    QFETCH(QByteArray, data);
    QFETCH(QString, command);
    QFETCH(QString, event);
    QFETCH(QString, fireKey);
    const std::optional<RuleMatch> match
        = evaluateRule(parseOne(rule), facts(data, command, event), ms("2026-12-03T12:00:00Z"), QTimeZone::utc());
    QCOMPARE(bool(match), !fireKey.isEmpty());
    if (match)
        QCOMPARE(match->fireKey, fireKey);
}

void TestRules::knownAmountSparesTheData()
{
    // The planner passes ParsedEvent::amountCents: it decides "amount" without the data being read.
    const Rule rule = defaultRules().rules[0];
    EntryFacts f = facts(QByteArray(R"({"amount":1})"));
    f.amountCents = 50000;
    QVERIFY(!evaluateRule(rule, f, 0, QTimeZone::utc()));
    QVERIFY(!f.dataParsed); // decided without reading data
    f.amountCents = 50001;
    const std::optional<RuleMatch> match = evaluateRule(rule, f, 0, QTimeZone::utc());
    QVERIFY(match);
    // The amount in the text is the exact one, written as money (the data handed over lost its literal).
    QCOMPARE(match->text, QStringLiteral("High expense: 500.01 - "));
}

void TestRules::dueDates_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("now");
    QTest::addColumn<QByteArray>("due"); // the due_date as JSON
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("fireKey"); // empty: does not fire

    const QByteArray ny = "America/New_York";
    const QByteArray tokyo = "Asia/Tokyo";
    // 23:30 on Dec 3 in New York is already Dec 4 in UTC: days are counted in the zone.
    const QString nyLate = QStringLiteral("2026-12-03T23:30:00-05:00");
    QTest::newRow("ny overdue") << ny << nyLate << QByteArray("\"2026-11-20\"") << 1
                                << QStringLiteral("due:2026-11-20");
    QTest::newRow("ny yesterday") << ny << nyLate << QByteArray("\"2026-12-02\"") << 1
                                  << QStringLiteral("due:2026-12-02");
    QTest::newRow("ny today") << ny << nyLate << QByteArray("\"2026-12-03\"") << 1 << QStringLiteral("due:2026-12-03");
    QTest::newRow("ny tomorrow") << ny << nyLate << QByteArray("\"2026-12-04\"") << 1
                                 << QStringLiteral("due:2026-12-04");
    QTest::newRow("ny in 2 days") << ny << nyLate << QByteArray("\"2026-12-05\"") << 1 << QString();
    QTest::newRow("utc same instant: 2026-12-05 is tomorrow")
        << QByteArray("UTC") << nyLate << QByteArray("\"2026-12-05\"") << 1 << QStringLiteral("due:2026-12-05");
    QTest::newRow("ny in 2 days, 2 allowed")
        << ny << nyLate << QByteArray("\"2026-12-05\"") << 2 << QStringLiteral("due:2026-12-05");
    QTest::newRow("days 0: today") << ny << nyLate << QByteArray("\"2026-12-03\"") << 0
                                   << QStringLiteral("due:2026-12-03");
    QTest::newRow("days 0: tomorrow") << ny << nyLate << QByteArray("\"2026-12-04\"") << 0 << QString();
    // 00:30 on Dec 4 in Tokyo is still Dec 3 in UTC.
    const QString tokyoEarly = QStringLiteral("2026-12-04T00:30:00+09:00");
    QTest::newRow("tokyo tomorrow") << tokyo << tokyoEarly << QByteArray("\"2026-12-05\"") << 1
                                    << QStringLiteral("due:2026-12-05");
    QTest::newRow("tokyo yesterday is overdue")
        << tokyo << tokyoEarly << QByteArray("\"2026-12-03\"") << 1 << QStringLiteral("due:2026-12-03");
    QTest::newRow("tokyo in 2 days") << tokyo << tokyoEarly << QByteArray("\"2026-12-06\"") << 1 << QString();
    QTest::newRow("utc same instant: 2026-12-05 is 2 days")
        << QByteArray("UTC") << tokyoEarly << QByteArray("\"2026-12-05\"") << 1 << QString();
    // A date-time is the calendar day it falls on in the zone: 02:00 in Tokyo on Dec 5 is Dec 4, 12:00 in NY.
    QTest::newRow("date-time in ny") << ny << nyLate << QByteArray("\"2026-12-05T02:00:00+09:00\"") << 1
                                     << QStringLiteral("due:2026-12-04");
    QTest::newRow("date-time in tokyo") << tokyo << tokyoEarly << QByteArray("\"2026-12-05T02:00:00+09:00\"") << 1
                                        << QStringLiteral("due:2026-12-05");
    QTest::newRow("date-time Z in ny: 2 days")
        << ny << nyLate << QByteArray("\"2026-12-06T03:00:00Z\"") << 1 << QString();
    QTest::newRow("date-time Z in ny, 2 allowed")
        << ny << nyLate << QByteArray("\"2026-12-06T03:00:00Z\"") << 2 << QStringLiteral("due:2026-12-05");
    // DST in New York: clocks go back on 2026-11-01 (a 25-hour day) and forward on 2026-03-08 (23 hours).
    QTest::newRow("before fall back") << ny << QStringLiteral("2026-10-31T23:30:00-04:00")
                                      << QByteArray("\"2026-11-01\"") << 1 << QStringLiteral("due:2026-11-01");
    QTest::newRow("before fall back, 2 days")
        << ny << QStringLiteral("2026-10-31T23:30:00-04:00") << QByteArray("\"2026-11-02\"") << 1 << QString();
    QTest::newRow("end of the 25-hour day") << ny << QStringLiteral("2026-11-01T23:59:00-05:00")
                                            << QByteArray("\"2026-11-02\"") << 1 << QStringLiteral("due:2026-11-02");
    QTest::newRow("end of the 25-hour day, 2 days")
        << ny << QStringLiteral("2026-11-01T23:59:00-05:00") << QByteArray("\"2026-11-03\"") << 1 << QString();
    QTest::newRow("before spring forward") << ny << QStringLiteral("2026-03-07T23:59:00-05:00")
                                           << QByteArray("\"2026-03-08\"") << 1 << QStringLiteral("due:2026-03-08");
    QTest::newRow("before spring forward, 2 days")
        << ny << QStringLiteral("2026-03-07T23:59:00-05:00") << QByteArray("\"2026-03-09\"") << 1 << QString();
    QTest::newRow("just after spring forward") << ny << QStringLiteral("2026-03-08T03:00:00-04:00")
                                               << QByteArray("\"2026-03-09\"") << 1 << QStringLiteral("due:2026-03-09");
    QTest::newRow("not a date") << ny << nyLate << QByteArray("\"tomorrow\"") << 1 << QString();
    QTest::newRow("impossible date") << ny << nyLate << QByteArray("\"2026-02-30\"") << 1 << QString();
    QTest::newRow("date-time without zone") << ny << nyLate << QByteArray("\"2026-12-04T10:00:00\"") << 1 << QString();
    QTest::newRow("number") << ny << nyLate << QByteArray("20261204") << 1 << QString();
    QTest::newRow("null") << ny << nyLate << QByteArray("null") << 1 << QString();
}

void TestRules::dueDates()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, now);
    QFETCH(QByteArray, due);
    QFETCH(int, days);
    QFETCH(QString, fireKey);
    const QTimeZone tz(zone);
    QVERIFY(tz.isValid());
    Rule rule = defaultRules().rules[1];
    rule.condition.days = days;
    const EntryFacts f = facts("{\"title\":\"Call the bank\",\"due_date\":" + due + "}", QStringLiteral("/tasks"));
    const std::optional<RuleMatch> match = evaluateRule(rule, f, ms(qPrintable(now)), tz);
    QCOMPARE(bool(match), !fireKey.isEmpty());
    if (match) {
        QCOMPARE(match->fireKey, fireKey);
        QCOMPARE(match->text,
            QStringLiteral("Task due ") + QString::fromUtf8(due).remove(u'"') + QStringLiteral(": Call the bank"));
    }
}

void TestRules::templates_data()
{
    QTest::addColumn<QString>("templ");
    QTest::addColumn<QString>("expected");

    QTest::newRow("amount as written") << QStringLiteral("{amount}") << QStringLiteral("600.50");
    QTest::newRow("guide's text") << QStringLiteral("High expense: {amount} - {description}")
                                  << QStringLiteral("High expense: 600.50 - Team \"dinner\"");
    QTest::newRow("entry and helper") << QStringLiteral("{entry.id} {event} {helper.command} {helper.name}")
                                      << QStringLiteral("e-1 entry.created /expenses Expense Tracker");
    QTest::newRow("dotted") << QStringLiteral("{data.meta.who}/{data.amount}") << QStringLiteral("Ann/600.50");
    QTest::newRow("object compact") << QStringLiteral("{meta}") << QStringLiteral(R"({"who":"Ann","n":[1,2.50]})");
    QTest::newRow("array") << QStringLiteral("{data.meta.n}") << QStringLiteral("[1,2.50]");
    QTest::newRow("bool and null") << QStringLiteral("[{paid}][{note}]") << QStringLiteral("[false][]");
    QTest::newRow("unknown") << QStringLiteral("a{nope}b{data.meta.nope}c{meta.who}d") << QStringLiteral("abcd");
    QTest::newRow("literal braces") << QStringLiteral("{{amount} is {amount}") << QStringLiteral("{amount} is 600.50");
    QTest::newRow("unterminated") << QStringLiteral("x {amount") << QStringLiteral("x {amount");
    QTest::newRow("closing alone") << QStringLiteral("a } b") << QStringLiteral("a } b");
    QTest::newRow("unicode") << QStringLiteral("{category} ✓") << QStringLiteral("Café ✓");
    QTest::newRow("empty") << QString() << QString();
}

void TestRules::templates()
{
    QFETCH(QString, templ);
    QFETCH(QString, expected);
    const EntryFacts f = facts(QByteArray(R"({"amount":600.50,"description":"Team \"dinner\"","category":"Caf\u00e9",)"
                                          R"("paid":false,"note":null,"meta":{"who":"Ann","n":[1,2.50]}})"));
    QCOMPARE(renderTemplate(templ, f), expected);
}

void TestRules::matchRendersActions()
{
    const QByteArray json = R"({"version": 1, "rules": [{"id": "big", "name": "Big", "helper": "/expenses",
        "condition": {"field": "amount", "op": ">", "value": 500},
        "actions": [{"type": "post", "url": "https://hooks.example/x", "text": "Post {amount}"},
                    {"type": "notify", "text": "Notify {description}"},
                    {"type": "notify", "title": "Second {category}", "text": "Again"}]}]})";
    QString error;
    const std::optional<RuleSet> set = parseRules(json, &error);
    QVERIFY2(set, qPrintable(error));
    const std::optional<RuleMatch> match = evaluateRule(
        set->rules[0], facts(R"({"amount":750,"description":"Laptop","category":"Work"})"), 0, QTimeZone::utc());
    QVERIFY(match);
    QCOMPARE(match->fireKey, QStringLiteral("amount>500"));
    QCOMPARE(match->actions.size(), 3);
    QCOMPARE(match->actions[0].text, QStringLiteral("Post 750"));
    QCOMPARE(match->actions[0].url, QStringLiteral("https://hooks.example/x"));
    QCOMPARE(match->actions[1].title, QStringLiteral("Big")); // no title: the rule's name
    QCOMPARE(match->actions[1].text, QStringLiteral("Notify Laptop"));
    QCOMPARE(match->actions[2].title, QStringLiteral("Second Work"));
    // The match's own title and text: the first notification's title, the first action's text.
    QCOMPARE(match->title, QStringLiteral("Big"));
    QCOMPARE(match->text, QStringLiteral("Post 750"));
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
