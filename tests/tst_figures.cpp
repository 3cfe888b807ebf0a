// The expense figures over a real store: cents, averages rounded half away from zero, the exact
// JSON, the helper filter, deletions, date ranges, month edges in zones other than UTC, and the
// dashboard's days (including 23- and 25-hour days).
#include "figures/figures.h"
#include "ingest/event.h"
#include "ingest/signature.h"
#include "store/sqlitestore.h"
#include "testsupport.h"

#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <functional>
#include <utility>

using namespace peanuts;
using namespace testsupport;

namespace {

constexpr qint64 kNowMs = 4'000'000'000'000; // far beyond every event timestamp used here

// One delivery: an event about an entry created at createdAt (also its timestamp unless given).
struct Spec
{
    Spec(const QString &createdAt, const QByteArray &amount = "1", const QString &category = QStringLiteral("Food"),
        const QString &command = QStringLiteral("/expenses"), const QString &event = QStringLiteral("entry.created"),
        const QString &id = QString(), const QString &timestamp = QString())
        : createdAt(createdAt)
        , amount(amount)
        , category(category)
        , command(command)
        , event(event)
        , id(id)
        , timestamp(timestamp)
    {
    }
    QString createdAt;
    QByteArray amount;
    QString category; // null: no category at all
    QString command;
    QString event;
    QString id; // empty: a fresh entry id
    QString timestamp; // empty: createdAt
};

QDateTime at(const char *iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t;
}

QTimeZone zone(const char *id)
{
    return QTimeZone(QByteArray(id));
}

FiguresConfig config(const char *zoneId, const QStringList &commands = {QStringLiteral("/expenses")})
{
    FiguresConfig c;
    c.zone = zone(zoneId);
    c.expenseCommands = commands;
    return c;
}

QString categoriesText(const QList<QPair<QString, qint64>> &categories)
{
    QStringList parts;
    for (const auto &c : categories)
        parts.append(c.first + u'=' + QString::number(c.second));
    return parts.join(u',');
}

QString daysText(const Dashboard &dashboard)
{
    QStringList parts;
    for (const auto &d : dashboard.dailyTotals)
        parts.append(d.first.toString(Qt::ISODate) + u'=' + QString::number(d.second));
    return parts.join(u',');
}

// Runs `commit` once, on the reader's connection, just before its second SELECT starts: a writer
// committing between two queries of one answer, deterministically. Installed on every connection
// opened from here on (an auto extension); only read-only connections are watched.
struct BetweenQueries
{
    static inline std::function<void()> commit;
    static inline int selects = 0;

    static int onStatement(unsigned, void *, void *stmt, void *)
    {
        sqlite3 *db = sqlite3_db_handle(static_cast<sqlite3_stmt *>(stmt));
        const char *sql = sqlite3_sql(static_cast<sqlite3_stmt *>(stmt));
        if (!commit || sqlite3_db_readonly(db, "main") != 1 || !sql || qstrnicmp(sql, "SELECT", 6) != 0)
            return 0;
        if (++selects == 2) {
            const std::function<void()> run = std::exchange(commit, {});
            run();
        }
        return 0;
    }
    static int install(sqlite3 *db, const char **, const struct sqlite3_api_routines *)
    {
        sqlite3_trace_v2(db, SQLITE_TRACE_STMT, &BetweenQueries::onStatement, nullptr);
        return SQLITE_OK;
    }
    static void arm(std::function<void()> run)
    {
        selects = 0;
        commit = std::move(run);
    }
};

} // namespace

class TestFigures : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    int m_entries = 0;

    // Opens a fresh store and commits one delivery per spec, in order, in one batch. Every delivery
    // must be applied, except those listed in `stale` (by index).
    void fill(SqliteStore &store, const QList<Spec> &specs, const QList<int> &stale = {})
    {
        QString error;
        QVERIFY2(store.open(StoreConfig {m_dir.filePath(QStringLiteral("f%1.db").arg(++m_files))}, &error),
            qPrintable(error));
        QList<Delivery> batch;
        for (const Spec &s : specs) {
            const QString id = s.id.isEmpty() ? QStringLiteral("f%1").arg(++m_entries) : s.id;
            Delivery d;
            d.body = makeBody(id, s.event, s.timestamp.isEmpty() ? s.createdAt : s.timestamp, s.amount,
                s.category.isNull() ? QStringLiteral("-") : s.category, s.command, s.createdAt);
            if (s.category.isNull())
                d.body.replace(",\"category\":\"-\"", "");
            d.bodySize = d.body.size();
            d.bodySha256 = sha256(d.body);
            ParseResult parsed = parseEvent(d.body, kNowMs, 0);
            QVERIFY2(parsed.event, qPrintable(parsed.error));
            d.event = parsed.event;
            batch.append(d);
        }
        QVERIFY(store.commit(batch, &error));
        for (qsizetype i = 0; i < batch.size(); ++i)
            QCOMPARE(batch[i].outcome, stale.contains(int(i)) ? Outcome::Stale : Outcome::Accepted);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(QStringLiteral("peanuts.store.info=false"));
        for (const char *id : {"UTC", "America/New_York", "Asia/Tokyo"})
            QVERIFY2(zone(id).isValid(), id);
    }

    void statsJson_data()
    {
        QTest::addColumn<QByteArrayList>("amounts"); // /expenses entries in November 2026, category Food
        QTest::addColumn<qint64>("averageCents");
        QTest::addColumn<QByteArray>("json");
        QTest::addRow("nothing") << QByteArrayList {} << qint64(0)
                                 << QByteArray("{\"total_this_month\":0,\"count_by_category\":{},\"average_amount\":0,"
                                               "\"count\":0,\"total\":0,\"time_zone\":\"UTC\"}");
        QTest::addRow("0.01 and 0.02: 1.5 cents rounds up")
            << QByteArrayList {"0.01", "0.02"} << qint64(2)
            << QByteArray("{\"total_this_month\":0.03,\"count_by_category\":{\"Food\":2},\"average_amount\":0.02,"
                          "\"count\":2,\"total\":0.03,\"time_zone\":\"UTC\"}");
        QTest::addRow("1, 2, 2: 1.666...")
            << QByteArrayList {"1", "2", "2"} << qint64(167)
            << QByteArray("{\"total_this_month\":5,\"count_by_category\":{\"Food\":3},\"average_amount\":1.67,"
                          "\"count\":3,\"total\":5,\"time_zone\":\"UTC\"}");
        QTest::addRow("negative half cents round away from zero")
            << QByteArrayList {"-0.01", "-0.02"} << qint64(-2)
            << QByteArray("{\"total_this_month\":-0.03,\"count_by_category\":{\"Food\":2},\"average_amount\":-0.02,"
                          "\"count\":2,\"total\":-0.03,\"time_zone\":\"UTC\"}");
        QTest::addRow("0.01, 0.01, 0.02: 1.33 cents rounds down")
            << QByteArrayList {"0.01", "0.01", "0.02"} << qint64(1)
            << QByteArray("{\"total_this_month\":0.04,\"count_by_category\":{\"Food\":3},\"average_amount\":0.01,"
                          "\"count\":3,\"total\":0.04,\"time_zone\":\"UTC\"}");
        QTest::addRow("one decimal and none: trailing zeros dropped")
            << QByteArrayList {"10.10", "0.40"} << qint64(525)
            << QByteArray("{\"total_this_month\":10.5,\"count_by_category\":{\"Food\":2},\"average_amount\":5.25,"
                          "\"count\":2,\"total\":10.5,\"time_zone\":\"UTC\"}");
        QTest::addRow("whole amounts") << QByteArrayList {"2", "4.00"} << qint64(300)
                                       << QByteArray(
                                              "{\"total_this_month\":6,\"count_by_category\":{\"Food\":2},"
                                              "\"average_amount\":3,\"count\":2,\"total\":6,\"time_zone\":\"UTC\"}");
        QTest::addRow("a non-numeric amount counts as an entry, not in the average")
            << QByteArrayList {"1", "\"n/a\"", "2.675"} << qint64(184)
            << QByteArray("{\"total_this_month\":3.68,\"count_by_category\":{\"Food\":3},\"average_amount\":1.84,"
                          "\"count\":3,\"total\":3.68,\"time_zone\":\"UTC\"}");
        QTest::addRow("only non-numeric amounts")
            << QByteArrayList {"\"n/a\""} << qint64(0)
            << QByteArray("{\"total_this_month\":0,\"count_by_category\":{\"Food\":1},"
                          "\"average_amount\":0,\"count\":1,\"total\":0,\"time_zone\":\"UTC\"}");
    }

    void statsJson()
    {
        QFETCH(QByteArrayList, amounts);
        QFETCH(qint64, averageCents);
        QFETCH(QByteArray, json);
        QList<Spec> specs;
        for (qsizetype i = 0; i < amounts.size(); ++i)
            specs.append(Spec {QStringLiteral("2026-11-%1T10:00:00Z").arg(i + 3, 2, 10, QLatin1Char('0')), amounts[i]});
        SqliteStore store;
        fill(store, specs);
        if (QTest::currentTestFailed())
            return;
        const Stats stats = computeStats(store, config("UTC"), at("2026-11-20T12:00:00Z")).value();
        QCOMPARE(stats.averageCents, averageCents);
        QCOMPARE(stats.count, qint64(amounts.size()));
        QCOMPARE(stats.zoneId, QByteArray("UTC"));
        QCOMPARE(peanuts::statsJson(stats), json);
    }

    void categoriesInJson()
    {
        SqliteStore store;
        fill(store,
            {{QStringLiteral("2026-11-03T10:00:00Z"), "1", QStringLiteral("Travel")},
                {QStringLiteral("2026-11-03T10:00:00Z"), "1", QStringLiteral("Food")},
                {QStringLiteral("2026-11-03T10:00:00Z"), "1", QStringLiteral("Food")},
                {QStringLiteral("2026-11-03T10:00:00Z"), "1", QStringLiteral("Say \\\"hi\\\"")},
                {QStringLiteral("2026-11-03T10:00:00Z"), "1", QStringLiteral("Caf\u00e9")},
                {QStringLiteral("2026-11-03T10:00:00Z"), "1", QString()}});
        if (QTest::currentTestFailed())
            return;
        const Stats stats = computeStats(store, config("Asia/Tokyo"), at("2026-11-20T12:00:00Z")).value();
        QCOMPARE(categoriesText(stats.countByCategory), QStringLiteral("=1,Caf\u00e9=1,Food=2,Say \"hi\"=1,Travel=1"));
        const QByteArray expected = QByteArray("{\"total_this_month\":6,\"count_by_category\":{\"\":1,\"")
            + QStringLiteral("Caf\u00e9").toUtf8()
            + "\":1,\"Food\":2,\"Say \\\"hi\\\"\":1,\"Travel\":1},\"average_amount\":1,\"count\":6,\"total\":6,"
              "\"time_zone\":\"Asia/Tokyo\"}";
        QCOMPARE(peanuts::statsJson(stats), expected);
    }

    void onlyExpenseCommandsCount_data()
    {
        QTest::addColumn<QStringList>("commands");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<qint64>("sumCents");
        QTest::addRow("default /expenses") << QStringList {QStringLiteral("/expenses")} << qint64(1) << qint64(100);
        QTest::addRow("two commands") << QStringList {QStringLiteral("/expenses"), QStringLiteral("/spend")}
                                      << qint64(2) << qint64(300);
        QTest::addRow("another helper only") << QStringList {QStringLiteral("/tasks")} << qint64(1) << qint64(400);
        QTest::addRow("none configured") << QStringList {} << qint64(0) << qint64(0);
        QTest::addRow("case matters") << QStringList {QStringLiteral("/EXPENSES")} << qint64(1) << qint64(800);
    }

    void onlyExpenseCommandsCount()
    {
        QFETCH(QStringList, commands);
        QFETCH(qint64, count);
        QFETCH(qint64, sumCents);
        SqliteStore store;
        fill(store,
            {{QStringLiteral("2026-11-03T10:00:00Z"), "1", QStringLiteral("Food"), QStringLiteral("/expenses")},
                {QStringLiteral("2026-11-04T10:00:00Z"), "2", QStringLiteral("Food"), QStringLiteral("/spend")},
                {QStringLiteral("2026-11-05T10:00:00Z"), "4", QStringLiteral("Food"), QStringLiteral("/tasks")},
                {QStringLiteral("2026-11-06T10:00:00Z"), "8", QStringLiteral("Food"), QStringLiteral("/EXPENSES")}});
        if (QTest::currentTestFailed())
            return;
        const FiguresConfig c = config("UTC", commands);
        const QDateTime now = at("2026-11-20T12:00:00Z");
        const Stats stats = computeStats(store, c, now).value();
        QCOMPARE(stats.count, count);
        QCOMPARE(stats.sumCents, sumCents);
        QCOMPARE(stats.totalThisMonthCents, sumCents);
        QCOMPARE(stats.averageCents, count ? sumCents / count : 0);
        QCOMPARE(categoriesText(stats.countByCategory), count ? QStringLiteral("Food=%1").arg(count) : QString());
        const Dashboard dashboard = computeDashboard(store, c, now, 30).value();
        QCOMPARE(dashboard.totalCents, sumCents);
    }

    void deletedEntriesLeaveEveryFigure()
    {
        const QString food = QStringLiteral("Food");
        const QString expenses = QStringLiteral("/expenses");
        const QString createdEvent = QStringLiteral("entry.created");
        const QString deletedEvent = QStringLiteral("entry.deleted");
        SqliteStore store;
        fill(store,
            {// x: created, then deleted a day later.
                {QStringLiteral("2026-11-03T10:00:00Z"), "7", QStringLiteral("Gone"), expenses, createdEvent,
                    QStringLiteral("x")},
                {QStringLiteral("2026-11-03T10:00:00Z"), "7", QStringLiteral("Gone"), expenses, deletedEvent,
                    QStringLiteral("x"), QStringLiteral("2026-11-04T10:00:00Z")},
                // z: deleted first; its older created arrives late and is stale (a tombstone stays).
                {QStringLiteral("2026-11-05T10:00:00Z"), "50", QStringLiteral("Tomb"), expenses, deletedEvent,
                    QStringLiteral("z"), QStringLiteral("2026-11-06T10:00:00Z")},
                {QStringLiteral("2026-11-05T10:00:00Z"), "50", QStringLiteral("Tomb"), expenses, createdEvent,
                    QStringLiteral("z")},
                // y: alive.
                {QStringLiteral("2026-11-03T10:00:00Z"), "3", food, expenses, createdEvent, QStringLiteral("y")}},
            {3});
        if (QTest::currentTestFailed())
            return;
        QVERIFY(store.entry(QStringLiteral("x"))->deleted);
        QVERIFY(store.entry(QStringLiteral("z"))->deleted);
        const FiguresConfig c = config("UTC");
        const QDateTime now = at("2026-11-20T12:00:00Z");
        const Stats stats = computeStats(store, c, now).value();
        QCOMPARE(stats.count, 1);
        QCOMPARE(stats.sumCents, 300);
        QCOMPARE(stats.averageCents, 300);
        QCOMPARE(stats.totalThisMonthCents, 300);
        QCOMPARE(categoriesText(stats.countByCategory), QStringLiteral("Food=1"));
        QCOMPARE(computeDashboard(store, c, now, 30)->totalCents, 300);
        const auto totals = computeCategoryTotals(store, c).value();
        QCOMPARE(totals.size(), 1);
        QCOMPARE(totals[0].category, food);
        QCOMPARE(totals[0].sumCents, 300);
    }

    void rangeNarrowsAllButTheMonth_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<qint64>("sumCents");
        QTest::addColumn<qint64>("averageCents");
        QTest::addColumn<QString>("categories");
        const QDate none;
        QTest::addRow("unbounded") << none << none << qint64(6) << qint64(6300) << qint64(1050)
                                   << QStringLiteral("Food=3,Travel=3");
        QTest::addRow("one local day") << QDate(2026, 11, 4) << QDate(2026, 11, 4) << qint64(2) << qint64(600)
                                       << qint64(300) << QStringLiteral("Travel=2");
        QTest::addRow("from only") << QDate(2026, 11, 4) << none << qint64(4) << qint64(4600) << qint64(1150)
                                   << QStringLiteral("Food=1,Travel=3");
        QTest::addRow("to only") << none << QDate(2026, 11, 3) << qint64(2) << qint64(1700) << qint64(850)
                                 << QStringLiteral("Food=2");
        QTest::addRow("two days") << QDate(2026, 11, 4) << QDate(2026, 11, 5) << qint64(3) << qint64(1400)
                                  << qint64(467) << QStringLiteral("Food=1,Travel=2");
        QTest::addRow("to before from") << QDate(2026, 11, 5) << QDate(2026, 11, 4) << qint64(0) << qint64(0)
                                        << qint64(0) << QString();
        QTest::addRow("a day with nothing")
            << QDate(2026, 11, 12) << QDate(2026, 11, 12) << qint64(0) << qint64(0) << qint64(0) << QString();
    }

    void rangeNarrowsAllButTheMonth()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(qint64, count);
        QFETCH(qint64, sumCents);
        QFETCH(qint64, averageCents);
        QFETCH(QString, categories);
        const QString food = QStringLiteral("Food");
        const QString travel = QStringLiteral("Travel");
        SqliteStore store;
        // Local dates in New York (EST, UTC-5, in these days of November 2026).
        fill(store,
            {{QStringLiteral("2026-11-04T04:30:00Z"), "1", food}, // Nov 3, 23:30 (already Nov 4 in UTC)
                {QStringLiteral("2026-11-04T05:30:00Z"), "2", travel}, // Nov 4, 00:30
                {QStringLiteral("2026-11-05T04:59:59Z"), "4", travel}, // Nov 4, 23:59:59
                {QStringLiteral("2026-11-05T05:00:00Z"), "8", food}, // Nov 5, 00:00
                {QStringLiteral("2026-10-20T12:00:00Z"), "16", food}, // October
                {QStringLiteral("2026-12-02T12:00:00Z"), "32", travel}}); // December
        if (QTest::currentTestFailed())
            return;
        const Stats stats
            = computeStats(store, config("America/New_York"), at("2026-11-20T17:00:00Z"), from, to).value();
        QCOMPARE(stats.count, count);
        QCOMPARE(stats.sumCents, sumCents);
        QCOMPARE(stats.averageCents, averageCents);
        QCOMPARE(categoriesText(stats.countByCategory), categories);
        QCOMPARE(stats.totalThisMonthCents, 1500); // November in New York, whatever the range
    }

    void monthEdges_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QString>("now");
        QTest::addColumn<qint64>("monthCents"); // which of the entries below count, by their amounts
        QTest::addRow("New York, Nov 30 22:00 local")
            << QByteArray("America/New_York") << QStringLiteral("2026-12-01T03:00:00Z") << qint64(252);
        QTest::addRow("New York, Dec 1 00:00 local")
            << QByteArray("America/New_York") << QStringLiteral("2026-12-01T05:00:00Z") << qint64(256);
        QTest::addRow("New York, Oct 31 23:30 local")
            << QByteArray("America/New_York") << QStringLiteral("2026-11-01T03:30:00Z") << qint64(3);
        QTest::addRow("Tokyo, Dec 1 01:00 local")
            << QByteArray("Asia/Tokyo") << QStringLiteral("2026-11-30T16:00:00Z") << qint64(480);
        QTest::addRow("Tokyo, Nov 30 23:00 local")
            << QByteArray("Asia/Tokyo") << QStringLiteral("2026-11-30T14:00:00Z") << qint64(30);
        QTest::addRow("UTC, Nov 30") << QByteArray("UTC") << QStringLiteral("2026-11-30T16:00:00Z") << qint64(62);
        QTest::addRow("UTC, Dec 1") << QByteArray("UTC") << QStringLiteral("2026-12-01T00:00:00Z") << qint64(448);
    }

    void monthEdges()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QString, now);
        QFETCH(qint64, monthCents);
        SqliteStore store;
        fill(store,
            {{QStringLiteral("2026-10-31T12:00:00Z"), "0.01"}, // October everywhere (Oct 31 21:00 in Tokyo)
                {QStringLiteral("2026-11-01T03:30:00Z"), "0.02"}, // Oct 31 23:30 in New York (EDT)
                {QStringLiteral("2026-11-01T04:00:00Z"), "0.04"}, // Nov 1 00:00 in New York
                {QStringLiteral("2026-11-15T12:00:00Z"), "0.08"}, // November everywhere
                {QStringLiteral("2026-11-30T14:59:59Z"), "0.16"}, // Nov 30 23:59:59 in Tokyo
                {QStringLiteral("2026-11-30T15:00:00Z"), "0.32"}, // Dec 1 00:00 in Tokyo
                {QStringLiteral("2026-12-01T02:00:00Z"), "0.64"}, // Nov 30 21:00 in New York (EST)
                {QStringLiteral("2026-12-01T04:59:59Z"), "1.28"}, // Nov 30 23:59:59 in New York
                {QStringLiteral("2026-12-01T05:00:00Z"), "2.56"}}); // Dec 1 00:00 in New York
        if (QTest::currentTestFailed())
            return;
        FiguresConfig c;
        c.zone = QTimeZone(zone);
        QVERIFY(c.zone.isValid());
        const QDateTime when = QDateTime::fromString(now, Qt::ISODate);
        QVERIFY(when.isValid());
        const Stats stats = computeStats(store, c, when).value();
        QCOMPARE(stats.totalThisMonthCents, monthCents);
        QCOMPARE(stats.zoneId, zone);
        QCOMPARE(stats.count, 9); // the month total is the only figure that follows now
        QCOMPARE(stats.sumCents, 511);
    }

    void dstDays_data()
    {
        QTest::addColumn<QDate>("day"); // a transition day in New York
        QTest::addColumn<int>("hours");
        QTest::addColumn<QStringList>("created"); // UTC instants, amounts 1, 2, 4, ... in this order
        QTest::addColumn<QString>("now");
        QTest::addColumn<QString>("days"); // the dashboard over three days
        QTest::addColumn<QByteArray>("json");
        QTest::addRow("spring forward, 23 hours")
            << QDate(2026, 3, 8) << 23
            << QStringList {QStringLiteral("2026-03-08T04:59:59Z"), // Mar 7, 23:59:59 EST
                   QStringLiteral("2026-03-08T05:00:00Z"), // Mar 8, 00:00 EST
                   QStringLiteral("2026-03-08T07:30:00Z"), // Mar 8, 03:30 EDT, just after the gap
                   QStringLiteral("2026-03-09T03:59:59Z"), // Mar 8, 23:59:59 EDT
                   QStringLiteral("2026-03-09T04:00:00Z"), // Mar 9, 00:00 EDT
                   QStringLiteral("2026-03-06T12:00:00Z"), // before the window
                   QStringLiteral("2026-03-10T12:00:00Z")} // after today
            << QStringLiteral("2026-03-09T16:00:00Z")
            << QStringLiteral("2026-03-07=100,2026-03-08=1400,2026-03-09=1600")
            << QByteArray("{\"daily_totals\":{\"2026-03-07\":1,\"2026-03-08\":14,\"2026-03-09\":16},\"total\":31}");
        QTest::addRow("fall back, 25 hours")
            << QDate(2026, 11, 1) << 25
            << QStringList {QStringLiteral("2026-11-01T03:59:59Z"), // Oct 31, 23:59:59 EDT
                   QStringLiteral("2026-11-01T04:00:00Z"), // Nov 1, 00:00 EDT
                   QStringLiteral("2026-11-01T05:30:00Z"), // Nov 1, 01:30 EDT
                   QStringLiteral("2026-11-01T06:30:00Z"), // Nov 1, 01:30 EST, the repeated hour
                   QStringLiteral("2026-11-02T04:59:59Z"), // Nov 1, 23:59:59 EST
                   QStringLiteral("2026-11-02T05:00:00Z"), // Nov 2, 00:00 EST
                   QStringLiteral("2026-10-30T12:00:00Z"), // before the window
                   QStringLiteral("2026-11-03T12:00:00Z")} // after today
            << QStringLiteral("2026-11-02T17:00:00Z")
            << QStringLiteral("2026-10-31=100,2026-11-01=3000,2026-11-02=3200")
            << QByteArray("{\"daily_totals\":{\"2026-10-31\":1,\"2026-11-01\":30,\"2026-11-02\":32},\"total\":63}");
    }

    void dstDays()
    {
        QFETCH(QDate, day);
        QFETCH(int, hours);
        QFETCH(QStringList, created);
        QFETCH(QString, now);
        QFETCH(QString, days);
        QFETCH(QByteArray, json);
        const FiguresConfig c = config("America/New_York");
        QCOMPARE(startOfDayMs(day.addDays(1), c.zone) - startOfDayMs(day, c.zone), qint64(hours) * 3'600'000);
        QCOMPARE(startOfDayMs(day, c.zone),
            QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() + (hours == 23 ? 5 : 4) * 3'600'000);

        QList<Spec> specs;
        for (qsizetype i = 0; i < created.size(); ++i)
            specs.append(Spec {created[i], QByteArray::number(1 << i)});
        SqliteStore store;
        fill(store, specs);
        if (QTest::currentTestFailed())
            return;
        const Dashboard dashboard = computeDashboard(store, c, QDateTime::fromString(now, Qt::ISODate), 3).value();
        QCOMPARE(daysText(dashboard), days);
        qint64 shown = 0;
        for (const auto &d : dashboard.dailyTotals)
            shown += d.second;
        QCOMPARE(dashboard.totalCents, shown);
        QCOMPARE(dashboardJson(dashboard), json);
    }

    void dashboardWindow_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<int>("days");
        for (const char *z : {"UTC", "Asia/Tokyo", "America/New_York"}) {
            for (int days : {1, 7, 30})
                QTest::addRow("%s, %d days", z, days) << QByteArray(z) << days;
        }
    }

    void dashboardWindow()
    {
        QFETCH(QByteArray, zone);
        QFETCH(int, days);
        const FiguresConfig c = config(zone.constData());
        const QDateTime now = at("2026-11-30T23:30:00Z"); // Nov 30 in New York, Dec 1 in Tokyo
        const QDate today = now.toTimeZone(c.zone).date();
        // One entry at local noon of each day from 40 days ago to 2 days ahead, amount = its day's
        // distance into the past plus one, in whole units; plus one of another helper and a deleted one today.
        QList<Spec> specs;
        for (int back = -2; back <= 40; ++back) {
            const QDateTime noon(today.addDays(-back), QTime(12, 0), c.zone);
            specs.append(Spec {noon.toUTC().toString(Qt::ISODate), QByteArray::number(back + 3)});
        }
        const QString todayNoon = QDateTime(today, QTime(12, 0), c.zone).toUTC().toString(Qt::ISODate);
        specs.append(Spec {todayNoon, "1000", QStringLiteral("Food"), QStringLiteral("/tasks")});
        specs.append(Spec {
            todayNoon, "1000", QStringLiteral("Food"), QStringLiteral("/expenses"), QStringLiteral("entry.deleted")});
        SqliteStore store;
        fill(store, specs);
        if (QTest::currentTestFailed())
            return;

        const Dashboard dashboard = computeDashboard(store, c, now, days).value();
        QCOMPARE(dashboard.dailyTotals.size(), qsizetype(days));
        qint64 shown = 0;
        for (int i = 0; i < days; ++i) {
            const int back = days - 1 - i; // oldest first, today last
            QCOMPARE(dashboard.dailyTotals[i].first, today.addDays(-back));
            QCOMPARE(dashboard.dailyTotals[i].second, qint64(back + 3) * 100);
            shown += dashboard.dailyTotals[i].second;
        }
        QCOMPARE(dashboard.dailyTotals.last().first, today);
        QCOMPARE(dashboard.totalCents, shown);
        // Sum of 3..days+2 whole units: the entries outside the window (and the others) are left out.
        QCOMPARE(dashboard.totalCents, qint64(days) * (days + 5) / 2 * 100);
    }

    void statsAndDashboardReadOneSnapshot()
    {
        // /api/stats and /api/dashboard answer from several queries on the reader's connection while
        // the writer goes on committing: every figure of one answer must come from the same state.
        sqlite3_auto_extension(reinterpret_cast<void (*)()>(&BetweenQueries::install));
        const QString path = m_dir.filePath(QStringLiteral("snapshot.db"));
        SqliteStore writer;
        QString error;
        QVERIFY2(writer.open(StoreConfig {path}, &error), qPrintable(error));
        const FiguresConfig c = config("UTC");
        const QDateTime now = at("2026-11-30T23:30:00Z");
        auto commit = [&](const QString &id, const QString &event, const QString &createdAt, const char *category) {
            Delivery d;
            d.body = makeBody(
                id, event, createdAt, "10", QString::fromLatin1(category), QStringLiteral("/expenses"), createdAt);
            d.bodySize = d.body.size();
            d.bodySha256 = sha256(d.body);
            d.event = parseEvent(d.body, kNowMs, 0).event;
            QList<Delivery> batch {d};
            QVERIFY2(writer.commit(batch, &error), qPrintable(error));
        };
        commit(
            QStringLiteral("snap-1"), QStringLiteral("entry.created"), QStringLiteral("2026-11-24T12:00:00Z"), "Food");
        commit(
            QStringLiteral("snap-2"), QStringLiteral("entry.created"), QStringLiteral("2026-11-30T12:00:00Z"), "Food");

        SqliteStore reader;
        QVERIFY2(reader.open(StoreConfig {path, Durability::Normal, true}, &error), qPrintable(error));

        // A new entry of another category commits between the stats' queries.
        BetweenQueries::arm([&] {
            commit(QStringLiteral("snap-3"), QStringLiteral("entry.created"), now.toString(Qt::ISODate), "Travel");
        });
        const Stats stats = computeStats(reader, c, now).value();
        QVERIFY2(BetweenQueries::selects >= 2, "the hook did not run between two queries");
        qint64 byCategory = 0;
        for (const auto &category : stats.countByCategory)
            byCategory += category.second;
        QVERIFY2(stats.count == byCategory,
            qPrintable(QStringLiteral("count %1, but count_by_category sums to %2 (%3)")
                           .arg(stats.count)
                           .arg(byCategory)
                           .arg(categoriesText(stats.countByCategory))));

        // The dashboard: an entry moves from the first day of the window to the last between its
        // queries. Read from one snapshot, the week's total stays what it was (30.00 either way).
        BetweenQueries::arm([&] {
            commit(QStringLiteral("snap-1"), QStringLiteral("entry.updated"), QStringLiteral("2026-11-30T13:00:00Z"),
                "Food");
        });
        const Dashboard dashboard = computeDashboard(reader, c, now, 7).value();
        QVERIFY2(BetweenQueries::selects >= 2, "the hook did not run between two queries");
        QVERIFY2(dashboard.totalCents == 3000,
            qPrintable(QStringLiteral("the week's total is %1 cents (%2)")
                           .arg(dashboard.totalCents)
                           .arg(daysText(dashboard))));
        sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(&BetweenQueries::install));
    }
};

QTEST_GUILESS_MAIN(TestFigures)
#include "tst_figures.moc"
