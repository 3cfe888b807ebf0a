// The expense figures over a real store: cents, averages, helper filter, ranges, and days and months
// in zones other than UTC (month edges, a DST day).
#include "event.h"
#include "figures.h"
#include "signature.h"
#include "sqlitestore.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace peanuts;
using namespace testsupport;

class TestFigures : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    int m_entries = 0;

    // A store holding one entry per (created_at, amount, category, command).
    struct Entry
    {
        QString createdAt;
        QByteArray amount;
        QString category = QStringLiteral("Food");
        QString command = QStringLiteral("/expenses");
        QString event = QStringLiteral("entry.created");
    };

    void fill(SqliteStore &store, const QList<Entry> &entries)
    {
        QString error;
        QVERIFY2(store.open(StoreConfig {m_dir.filePath(QStringLiteral("f%1.db").arg(++m_files))}, &error),
            qPrintable(error));
        QList<Delivery> batch;
        for (const Entry &e : entries) {
            Delivery d;
            d.body = makeBody(QStringLiteral("f%1").arg(++m_entries), e.event, e.createdAt, e.amount, e.category,
                e.command, e.createdAt);
            d.bodySha256 = sha256(d.body);
            d.event = parseEvent(d.body, 4'000'000'000'000, 0).event;
            QVERIFY(d.event);
            batch.append(d);
        }
        QVERIFY(store.commit(batch, &error));
    }

    static QDateTime at(const char *iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate); }

private Q_SLOTS:
    void statsInCents()
    {
        SqliteStore store;
        fill(store,
            {{QStringLiteral("2026-11-03T10:00:00Z"), "1"},
                {QStringLiteral("2026-11-04T10:00:00Z"), "2", QStringLiteral("Travel")},
                {QStringLiteral("2026-11-05T10:00:00Z"), "\"2\""}, {QStringLiteral("2026-11-05T11:00:00Z"), "\"n/a\""},
                {QStringLiteral("2026-11-05T12:00:00Z"), "500", QStringLiteral("Food"), QStringLiteral("/tasks")},
                {QStringLiteral("2026-10-31T10:00:00Z"), "0.01", QStringLiteral("Travel")}});
        FiguresConfig config;
        config.zone = QTimeZone("UTC");
        const Stats stats = computeStats(store, config, at("2026-11-20T12:00:00Z")).value();
        // Average over the numeric amounts of /expenses entries: (1 + 2 + 2 + 0.01) / 4 = 1.2525 -> 1.25.
        QCOMPARE(statsJson(stats),
            QByteArray("{\"total_this_month\":5,\"count_by_category\":{\"Food\":3,\"Travel\":2},"
                       "\"average_amount\":1.25,\"count\":5,\"total\":5.01,\"time_zone\":\"UTC\"}"));
        // A range narrows everything but the month total.
        const Stats range
            = computeStats(store, config, at("2026-11-20T12:00:00Z"), QDate(2026, 11, 4), QDate(2026, 11, 4)).value();
        QCOMPARE(range.count, 1);
        QCOMPARE(range.sumCents, 200);
        QCOMPARE(range.totalThisMonthCents, 500);
    }

    void averageRoundsHalfAwayFromZero()
    {
        SqliteStore store;
        fill(store,
            {{QStringLiteral("2026-11-03T10:00:00Z"), "0.01"}, {QStringLiteral("2026-11-03T10:00:00Z"), "0.02"}});
        FiguresConfig config;
        config.zone = QTimeZone("UTC");
        QCOMPARE(computeStats(store, config, at("2026-11-20T12:00:00Z"))->averageCents, 2); // 1.5 cents -> 2
    }

    void deletedEntriesLeaveEveryFigure()
    {
        SqliteStore store;
        fill(store,
            {{QStringLiteral("2026-11-03T10:00:00Z"), "7", QStringLiteral("Food"), QStringLiteral("/expenses"),
                 QStringLiteral("entry.deleted")},
                {QStringLiteral("2026-11-03T10:00:00Z"), "3"}});
        FiguresConfig config;
        config.zone = QTimeZone("UTC");
        const Stats stats = computeStats(store, config, at("2026-11-20T12:00:00Z")).value();
        QCOMPARE(stats.count, 1);
        QCOMPARE(stats.totalThisMonthCents, 300);
    }

    void monthEdges_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QString>("now");
        QTest::addColumn<qint64>("monthCents");
        // New York: 2026-12-01T03:00Z is still November 30 there.
        QTest::addRow("New York, still November")
            << QByteArray("America/New_York") << QStringLiteral("2026-12-01T03:00:00Z") << qint64(100 + 200);
        QTest::addRow("New York, December")
            << QByteArray("America/New_York") << QStringLiteral("2026-12-01T06:00:00Z") << qint64(400);
        // Tokyo: 2026-11-30T16:00Z is already December 1 there.
        QTest::addRow("Tokyo, December") << QByteArray("Asia/Tokyo") << QStringLiteral("2026-11-30T16:00:00Z")
                                         << qint64(200 + 400);
        QTest::addRow("UTC, November") << QByteArray("UTC") << QStringLiteral("2026-11-30T16:00:00Z")
                                       << qint64(100 + 800);
    }

    void monthEdges()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QString, now);
        QFETCH(qint64, monthCents);
        SqliteStore store;
        fill(store,
            {{QStringLiteral("2026-11-15T12:00:00Z"), "1"}, // November everywhere
                {QStringLiteral("2026-12-01T02:00:00Z"), "2"}, // Nov 30 in New York, Dec 1 in Tokyo and UTC
                {QStringLiteral("2026-12-01T10:00:00Z"), "4"}, // December everywhere
                {QStringLiteral("2026-11-01T03:30:00Z"), "8"}}); // Oct 31 in New York
        FiguresConfig config;
        config.zone = QTimeZone(zone);
        QVERIFY(config.zone.isValid());
        const QDateTime when = QDateTime::fromString(now, Qt::ISODate);
        const Stats stats = computeStats(store, config, when).value();
        QCOMPARE(stats.totalThisMonthCents, monthCents);
        QCOMPARE(stats.zoneId, zone);
    }

    void dashboardDays()
    {
        SqliteStore store;
        // 2026-03-08 is the spring-forward day in New York: 23 hours long.
        fill(store,
            {{QStringLiteral("2026-03-08T04:30:00Z"), "1"}, // Mar 7, 23:30 EST
                {QStringLiteral("2026-03-08T05:30:00Z"), "2"}, // Mar 8, 00:30 EST
                {QStringLiteral("2026-03-09T03:30:00Z"), "4"}, // Mar 8, 23:30 EDT
                {QStringLiteral("2026-03-09T04:30:00Z"), "8"}, // Mar 9, 00:30 EDT
                {QStringLiteral("2026-01-01T12:00:00Z"), "16"}}); // outside the window
        FiguresConfig config;
        config.zone = QTimeZone("America/New_York");
        const Dashboard d = computeDashboard(store, config, at("2026-03-09T16:00:00Z"), 3).value();
        QCOMPARE(d.dailyTotals.size(), 3);
        QCOMPARE(d.dailyTotals[0].first, QDate(2026, 3, 7));
        QCOMPARE(d.dailyTotals[0].second, 100);
        QCOMPARE(d.dailyTotals[1].second, 600);
        QCOMPARE(d.dailyTotals[2].first, QDate(2026, 3, 9));
        QCOMPARE(d.dailyTotals[2].second, 800);
        QCOMPARE(d.totalCents, 1500);
        QCOMPARE(dashboardJson(d),
            QByteArray("{\"daily_totals\":{\"2026-03-07\":1,\"2026-03-08\":6,\"2026-03-09\":8},"
                       "\"total\":15}"));
        QCOMPARE(startOfDayMs(QDate(2026, 3, 9), config.zone) - startOfDayMs(QDate(2026, 3, 8), config.zone),
            qint64(23) * 3600 * 1000);
    }
};

QTEST_GUILESS_MAIN(TestFigures)
#include "tst_figures.moc"
