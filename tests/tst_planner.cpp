// Tests for the action planner: what a parsed delivery plans with the default rules, forwards and their
// filters and masks, the alert URL, the scheduled due-date check, failure alerts, Slack bodies, and a
// configuration swapped while another thread plans.
#include "ingest/delivery.h"
#include "ingest/event.h"
#include "pipeline/planner.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <atomic>
#include <thread>

using namespace peanuts;

namespace {

const qint64 kNow = QDateTime::fromString(QStringLiteral("2026-12-03T12:00:00Z"), Qt::ISODate).toMSecsSinceEpoch();
constexpr quint32 kAccepted = 1u << int(Outcome::Accepted);

ParsedEvent parsed(const QByteArray &event, const QByteArray &command, const QByteArray &data,
    const QByteArray &helperName = "Expense Tracker")
{
    const QByteArray body = "{\"event\":\"" + event
        + "\",\"timestamp\":\"2026-12-03T11:00:00Z\",\"helper\":{\"id\":\"h-1\","
          "\"name\":\""
        + helperName + "\",\"command\":\"" + command + "\"},\"entry\":{\"id\":\"e-1\",\"data\":" + data
        + "},\"user\":{\"id\":\"u-1\"}}";
    const ParseResult result = parseEvent(body, kNow, 60'000);
    if (!result.event)
        qFatal("bad test body: %s", qPrintable(result.error));
    return *result.event;
}

ParsedEvent expense(const QByteArray &amount, const QByteArray &event = "entry.created")
{
    return parsed(event, "/expenses", "{\"amount\":" + amount + ",\"description\":\"Team dinner\"}");
}

PipelineConfig defaults()
{
    PipelineConfig config;
    config.rules = defaultRules();
    config.zone = QTimeZone::utc();
    return config;
}

QString slackTextOf(const QByteArray &payload)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject() || doc.object().size() != 1)
        return QStringLiteral("<not a slack body: %1>").arg(QString::fromUtf8(payload));
    return doc.object().value(QStringLiteral("text")).toString();
}

} // namespace

class TestPlanner : public QObject
{
    Q_OBJECT

private slots:
    void startsWithoutRules();
    void highExpenseNotifies();
    void exactly500DoesNot();
    void otherHelperOrDeletedPlansNoRule();
    void taskDueTomorrow();
    void ruleUrlAndAlertUrlPosts();
    void forwardsWithFiltersAndMasks();
    void deletedEntryIsStillForwarded();
    void checkDatesFindsDueTasks();
    void alertNotifiesAndPosts();
    void slackTextEscapes();
    void configSwapWhilePlanning();
    void planIsCheap();
};

void TestPlanner::startsWithoutRules()
{
    // Nothing runs until the core hands the planner its configuration (the rules file, or the defaults).
    ActionPlanner planner;
    QVERIFY(planner.config());
    QVERIFY(planner.config()->rules.rules.isEmpty());
    QVERIFY(planner.plan(expense("600.50"), kNow).isEmpty());
}

void TestPlanner::highExpenseNotifies()
{
    ActionPlanner planner;
    planner.setConfig(defaults());
    const QList<PlannedAction> actions = planner.plan(expense("600.50"), kNow);
    QCOMPARE(actions.size(), 1);
    const PlannedAction &a = actions.first();
    QCOMPARE(a.kind, ActionKind::Notify);
    QCOMPARE(a.ruleId, QStringLiteral("high-expense"));
    QCOMPARE(a.fireKey, QStringLiteral("amount>500"));
    QCOMPARE(a.title, QStringLiteral("High expense"));
    // ParsedEvent::data is entry.data re-encoded by QJsonDocument, which writes 600.50 as 600.5: the
    // amount is exact, but its trailing zero is gone by the time the template sees it.
    QCOMPARE(QString::fromUtf8(a.payload), QStringLiteral("High expense: 600.50 - Team dinner"));
    QCOMPARE(a.outcomeMask, kAccepted);
    QVERIFY(a.target.isEmpty());
    QCOMPARE(a.deliveryId, qint64(0));

    // An update fires too (the store keeps it to once per entry and condition), and a numeric string counts.
    QCOMPARE(planner.plan(expense("\"1200\"", "entry.updated"), kNow).size(), 1);
}

void TestPlanner::exactly500DoesNot()
{
    ActionPlanner planner;
    planner.setConfig(defaults());
    QVERIFY(planner.plan(expense("500.00"), kNow).isEmpty());
    QVERIFY(planner.plan(expense("500.004"), kNow).isEmpty()); // 500.00 in cents
    QCOMPARE(planner.plan(expense("500.01"), kNow).size(), 1);
    QVERIFY(planner.plan(expense("\"a lot\""), kNow).isEmpty());
    QVERIFY(planner.plan(parsed("entry.created", "/expenses", "{\"description\":\"no amount\"}"), kNow).isEmpty());
}

void TestPlanner::otherHelperOrDeletedPlansNoRule()
{
    ActionPlanner planner;
    planner.setConfig(defaults());
    QVERIFY(planner.plan(parsed("entry.created", "/income", "{\"amount\":9000}"), kNow).isEmpty());
    QVERIFY(planner.plan(expense("600", "entry.deleted"), kNow).isEmpty());
    QVERIFY(planner.plan(expense("600", "entry.archived"), kNow).isEmpty());
}

void TestPlanner::taskDueTomorrow()
{
    ActionPlanner planner;
    planner.setConfig(defaults());
    const auto task = [](const QByteArray &due) {
        return parsed(
            "entry.created", "/tasks", "{\"title\":\"Call the bank\",\"due_date\":\"" + due + "\"}", "Task Manager");
    };
    const QList<PlannedAction> actions = planner.plan(task("2026-12-04"), kNow);
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions[0].kind, ActionKind::Notify);
    QCOMPARE(actions[0].ruleId, QStringLiteral("task-due"));
    QCOMPARE(actions[0].fireKey, QStringLiteral("due:2026-12-04"));
    QCOMPARE(actions[0].title, QStringLiteral("Task due"));
    QCOMPARE(QString::fromUtf8(actions[0].payload), QStringLiteral("Task due 2026-12-04: Call the bank"));
    QCOMPARE(planner.plan(task("2026-11-01"), kNow).size(), 1); // overdue
    QVERIFY(planner.plan(task("2026-12-05"), kNow).isEmpty()); // two days away

    // The zone decides the day: at 16:00 UTC it is still Dec 3 in UTC but already Dec 4 in Tokyo, so
    // Dec 5 is tomorrow there.
    const qint64 later = kNow + 4 * 3600 * 1000;
    QVERIFY(planner.plan(task("2026-12-05"), later).isEmpty());
    PipelineConfig tokyo = defaults();
    tokyo.zone = QTimeZone("Asia/Tokyo");
    planner.setConfig(tokyo);
    QCOMPARE(planner.plan(task("2026-12-05"), later).size(), 1);
}

void TestPlanner::ruleUrlAndAlertUrlPosts()
{
    PipelineConfig config = defaults();
    RuleAction post;
    post.type = RuleActionType::Post;
    post.url = QStringLiteral("https://hooks.example/rule");
    post.text = QStringLiteral("Spent {amount} on \"{description}\"");
    config.rules.rules[0].actions.append(post);
    config.alertUrl = QStringLiteral("https://hooks.slack.example/services/T/B/secret");
    ActionPlanner planner;
    planner.setConfig(config);

    const QList<PlannedAction> actions = planner.plan(expense("600.50"), kNow);
    QCOMPARE(actions.size(), 3);
    QCOMPARE(actions[0].kind, ActionKind::Notify);
    QCOMPARE(actions[1].kind, ActionKind::Post);
    QCOMPARE(actions[1].target, post.url);
    QCOMPARE(slackTextOf(actions[1].payload), QStringLiteral("Spent 600.50 on \"Team dinner\""));
    QCOMPARE(actions[2].kind, ActionKind::Post);
    QCOMPARE(actions[2].target, config.alertUrl);
    QCOMPARE(slackTextOf(actions[2].payload), QStringLiteral("High expense: High expense: 600.50 - Team dinner"));
    for (const PlannedAction &a : actions) {
        QCOMPARE(a.ruleId, QStringLiteral("high-expense"));
        QCOMPARE(a.fireKey, QStringLiteral("amount>500"));
        QCOMPARE(a.outcomeMask, kAccepted);
    }
    // Nothing fires: nothing goes to the alert URL either.
    QVERIFY(planner.plan(expense("12"), kNow).isEmpty());
}

void TestPlanner::forwardsWithFiltersAndMasks()
{
    PipelineConfig config = defaults();
    ForwardTarget all;
    all.url = QStringLiteral("http://127.0.0.1:4000/all");
    ForwardTarget updatesOnly;
    updatesOnly.url = QStringLiteral("http://127.0.0.1:4000/updates");
    updatesOnly.events = {QStringLiteral("entry.updated")};
    ForwardTarget byName;
    byName.url = QStringLiteral("http://127.0.0.1:4000/by-name");
    byName.helpers = {QStringLiteral("Expense Tracker")};
    byName.outcomeMask = kAccepted | (1u << int(Outcome::Duplicate)) | (1u << int(Outcome::Stale));
    ForwardTarget byCommand;
    byCommand.url = QStringLiteral("http://127.0.0.1:4000/tasks");
    byCommand.helpers = {QStringLiteral("/tasks")};
    config.forwards = {all, updatesOnly, byName, byCommand};
    ActionPlanner planner;
    planner.setConfig(config);

    const auto urls = [](const QList<PlannedAction> &actions) {
        QStringList out;
        for (const PlannedAction &a : actions) {
            if (a.kind == ActionKind::Forward)
                out.append(a.target);
        }
        return out;
    };
    const QList<PlannedAction> created = planner.plan(expense("12"), kNow);
    QCOMPARE(urls(created), (QStringList {all.url, byName.url}));
    QCOMPARE(created.size(), 2); // no rule fired
    QCOMPARE(created[0].outcomeMask, kAccepted);
    QCOMPARE(created[1].outcomeMask, byName.outcomeMask);
    for (const PlannedAction &a : created) {
        QVERIFY(a.payload.isEmpty());
        QVERIFY(a.fireKey.isEmpty());
        QVERIFY(a.ruleId.isEmpty());
    }
    // Rule actions come first, then the forwards.
    const QList<PlannedAction> updated = planner.plan(expense("600", "entry.updated"), kNow);
    QCOMPARE(updated.size(), 4);
    QCOMPARE(updated[0].kind, ActionKind::Notify);
    QCOMPARE(urls(updated), (QStringList {all.url, updatesOnly.url, byName.url}));
    const ParsedEvent task = parsed("entry.created", "/tasks", "{\"title\":\"x\"}", "Task Manager");
    QCOMPARE(urls(planner.plan(task, kNow)), (QStringList {all.url, byCommand.url}));
}

void TestPlanner::deletedEntryIsStillForwarded()
{
    PipelineConfig config = defaults();
    ForwardTarget target;
    target.url = QStringLiteral("http://localhost:3000/webhooks");
    config.forwards = {target};
    ActionPlanner planner;
    planner.setConfig(config);
    const QList<PlannedAction> actions = planner.plan(expense("600", "entry.deleted"), kNow);
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions[0].kind, ActionKind::Forward);
    QCOMPARE(actions[0].target, target.url);
}

void TestPlanner::checkDatesFindsDueTasks()
{
    PipelineConfig config = defaults();
    config.zone = QTimeZone("America/New_York");
    config.alertUrl = QStringLiteral("https://hooks.example/alerts");
    ActionPlanner planner;
    planner.setConfig(config);
    const auto entry
        = [](const char *id, const char *event, const char *command, const QByteArray &data, qint64 deliveryId) {
              CurrentEntry e;
              e.entryId = QString::fromLatin1(id);
              e.event = QString::fromLatin1(event);
              e.helperCommand = QString::fromLatin1(command);
              e.data = data;
              e.deliveryId = deliveryId;
              return e;
          };
    const QList<CurrentEntry> entries {
        entry("t-1", "entry.created", "/tasks", R"({"title":"Due tomorrow","due_date":"2026-12-04"})", 11),
        entry("t-2", "entry.updated", "/tasks", R"({"title":"Far off","due_date":"2026-12-20"})", 12),
        entry("t-3", "entry.updated", "/tasks", R"({"title":"Overdue","due_date":"2026-11-02"})", 13),
        entry("t-4", "entry.created", "/tasks", QByteArray(), 14), // redacted
        entry("e-1", "entry.created", "/expenses", R"({"amount":9000,"due_date":"2026-12-03"})", 15),
        entry("t-5", "entry.created", "/tasks", R"({"title":"No date"})", 16),
    };
    // 2026-12-03 23:30 in New York (Dec 4 in UTC): Dec 4 is tomorrow, Dec 5 would not be.
    const qint64 now = QDateTime::fromString(QStringLiteral("2026-12-04T04:30:00Z"), Qt::ISODate).toMSecsSinceEpoch();
    const QList<Firing> firings = planner.checkDates(entries, now);
    QCOMPARE(firings.size(), 2);
    QCOMPARE(firings[0].ruleId, QStringLiteral("task-due"));
    QCOMPARE(firings[0].entryId, QStringLiteral("t-1"));
    QCOMPARE(firings[0].fireKey, QStringLiteral("due:2026-12-04"));
    QCOMPARE(firings[0].deliveryId, qint64(11));
    QCOMPARE(firings[0].actions.size(), 2); // the notification and the alert URL's post
    QCOMPARE(QString::fromUtf8(firings[0].actions[0].payload), QStringLiteral("Task due 2026-12-04: Due tomorrow"));
    QCOMPARE(slackTextOf(firings[0].actions[1].payload), QStringLiteral("Task due: Task due 2026-12-04: Due tomorrow"));
    for (const PlannedAction &a : firings[0].actions) {
        QCOMPARE(a.deliveryId, qint64(11));
        QCOMPARE(a.fireKey, QStringLiteral("due:2026-12-04"));
    }
    QCOMPARE(firings[1].entryId, QStringLiteral("t-3"));
    QCOMPARE(firings[1].fireKey, QStringLiteral("due:2026-11-02"));
    QCOMPARE(firings[1].deliveryId, qint64(13));

    // Only date rules: an amount rule never fires from a scheduled check.
    PipelineConfig amountOnly = config;
    amountOnly.rules.rules.removeLast();
    planner.setConfig(amountOnly);
    QVERIFY(planner.checkDates(entries, now).isEmpty());
}

void TestPlanner::alertNotifiesAndPosts()
{
    ActionPlanner planner;
    QList<PlannedAction> actions
        = planner.alert(QStringLiteral("Deliveries rejected"), QStringLiteral("12 in a minute"));
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions[0].kind, ActionKind::Notify);
    QCOMPARE(actions[0].title, QStringLiteral("Deliveries rejected"));
    QCOMPARE(actions[0].payload, QByteArray("12 in a minute"));

    PipelineConfig config;
    config.alertUrl = QStringLiteral("https://hooks.example/a");
    planner.setConfig(config);
    actions = planner.alert(QStringLiteral("Deliveries rejected"), QStringLiteral("12 in a minute"));
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions[1].kind, ActionKind::Post);
    QCOMPARE(actions[1].target, config.alertUrl);
    QCOMPARE(slackTextOf(actions[1].payload), QStringLiteral("Deliveries rejected: 12 in a minute"));
}

void TestPlanner::slackTextEscapes()
{
    const QString text = QStringLiteral("Quote \" backslash \\ newline\n tab\t control \x01 é ✓ </script>");
    const QByteArray body = slackText(text);
    QVERIFY(body.startsWith("{\"text\":\""));
    QVERIFY(!body.contains('\n'));
    QCOMPARE(slackTextOf(body), text);
    QCOMPARE(slackText(QString()), QByteArray("{\"text\":\"\"}"));
}

void TestPlanner::configSwapWhilePlanning()
{
    // One thread plans while this one swaps between the defaults and no rules: every plan sees one whole
    // configuration (one notification or none, never a torn mix), and nothing crashes (run under asan).
    ActionPlanner planner;
    const PipelineConfig withRules = defaults();
    const PipelineConfig none;
    std::atomic<bool> stop {false};
    std::atomic<int> bad {0};
    std::atomic<int> fired {0};
    std::atomic<int> plans {0};
    const ParsedEvent event = expense("600.50");
    std::thread worker([&] {
        while (!stop.load()) {
            const QList<PlannedAction> actions = planner.plan(event, kNow);
            if (actions.size() > 1 || (actions.size() == 1 && actions[0].ruleId != QLatin1String("high-expense")))
                ++bad;
            fired += int(actions.size());
            ++plans;
        }
    });
    for (int i = 0; i < 2000 || plans.load() < 200; ++i)
        planner.setConfig(i % 2 ? none : withRules);
    stop = true;
    worker.join();
    QCOMPARE(bad.load(), 0);
    QVERIFY(plans.load() >= 200);
    planner.setConfig(withRules);
    QCOMPARE(planner.plan(event, kNow).size(), 1);
}

void TestPlanner::planIsCheap()
{
    // plan() runs on the HTTP thread for every delivery. With the default rules, an expense under the
    // limit is decided from ParsedEvent::amountCents and a delivery of another helper by its command:
    // neither parses data. The bound is loose (a slow, shared machine); the figures are printed.
    ActionPlanner planner;
    planner.setConfig(defaults());
    const ParsedEvent small = expense("12.50");
    const ParsedEvent other = parsed("entry.created", "/notes", "{\"text\":\"hello\"}");
    const ParsedEvent task = parsed("entry.created", "/tasks", "{\"title\":\"x\",\"due_date\":\"2027-01-01\"}");
    constexpr int kRounds = 20'000;
    qint64 planned = 0;
    QElapsedTimer timer;
    for (const ParsedEvent *event : {&small, &other, &task}) {
        timer.start();
        for (int i = 0; i < kRounds; ++i)
            planned += planner.plan(*event, kNow).size();
        const qint64 ns = timer.nsecsElapsed();
        qInfo("%s: %.2f us a plan", qPrintable(event->helperCommand), double(ns) / kRounds / 1000.0);
        QVERIFY2(ns < qint64(2'000'000'000), "plan() is far too slow");
    }
    QCOMPARE(planned, qint64(0));
}

QTEST_GUILESS_MAIN(TestPlanner)
#include "tst_planner.moc"
