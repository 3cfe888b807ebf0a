// TeamFeed against a real PostgreSQL server: every committed delivery reaches a viewer once, in commit
// order rather than id order, within a second of its commit; and the feed comes back, subscribed and
// caught up, after the server restarts under it (on a throwaway cluster of the test's own).
#include "backends.h"
#include "pg/throwawaycluster.h"
#include "storekit.h"

#include "store/pgconnection.h"
#include "store/pglive.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <algorithm>

using namespace peanuts;
using namespace peanuts::test;

namespace {

// A TeamFeed on a thread of its own, as the window runs it; what it emits is collected here.
class FeedOnThread
{
public:
    explicit FeedOnThread(const QString &url)
    {
        m_feed = new TeamFeed(url);
        m_feed->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_feed, &QObject::deleteLater);
        QObject::connect(m_feed, &TeamFeed::committed, &m_context, [this](const BatchSummary &s) {
            const qint64 now = m_clock.elapsed();
            if (!std::is_sorted(s.ids.cbegin(), s.ids.cend()))
                unsorted = true;
            for (qint64 id : s.ids) {
                ids.append(id);
                arrivedMs.insert(id, now);
            }
            if (m_waiter && arrivedMs.contains(m_waitingFor))
                m_waiter->quit();
            for (size_t o = 0; o < counts.size(); ++o)
                counts[o] += s.counts[o];
        });
        QObject::connect(
            m_feed, &TeamFeed::connectionChanged, &m_context, [this](bool connected, const QString &reason) {
                changes.append({connected, reason});
            });
        m_clock.start();
        m_thread.start();
        QMetaObject::invokeMethod(m_feed, &TeamFeed::start);
    }
    ~FeedOnThread()
    {
        QMetaObject::invokeMethod(m_feed, &TeamFeed::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(FeedOnThread)

    bool connected() const { return !changes.isEmpty() && changes.last().first; }
    bool has(qint64 id) const { return arrivedMs.contains(id); }
    // Waits for id without the QTRY macros' 50 ms steps, so that the time of arrival is exact.
    bool waitFor(qint64 id, int timeoutMs)
    {
        if (has(id))
            return true;
        QEventLoop loop;
        m_waiter = &loop;
        m_waitingFor = id;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        m_waiter = nullptr;
        return has(id);
    }
    qint64 nowMs() const { return m_clock.elapsed(); }
    TeamFeed *feed() const { return m_feed; }

    QList<qint64> ids; // in arrival order, repeats kept
    QHash<qint64, qint64> arrivedMs;
    OutcomeCounters counts {};
    QList<QPair<bool, QString>> changes;
    bool unsorted = false;

private:
    QThread m_thread;
    QObject m_context;
    TeamFeed *m_feed = nullptr;
    QElapsedTimer m_clock;
    QEventLoop *m_waiter = nullptr;
    qint64 m_waitingFor = 0;
};

// A connection of the test's own (raw SQL on the schema, or the cluster's administration).
class RawConnection
{
public:
    explicit RawConnection(const QString &url)
        : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        QString error;
        const std::optional<PgLocation> location = parsePgUrl(url, &error);
        if (!location || !openPgDatabase(*location, m_name, &m_db, &error))
            qWarning().noquote() << "cannot connect:" << error;
    }
    ~RawConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(RawConnection)

    // Runs sql; the first column of its first row, or an invalid QVariant on failure.
    QVariant run(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql)) {
            qWarning().noquote() << sql << "failed:" << query.lastError().text();
            return {};
        }
        return query.next() ? query.value(0) : QVariant(QStringLiteral("done"));
    }
    // A row as a writer stores it, in the open transaction: its id.
    qint64 insertDelivery()
    {
        return run(QStringLiteral("INSERT INTO deliveries (id, received_ms, remote, method, path, headers, body,"
                                  " body_size, body_sha256, outcome, status) VALUES (nextval('deliveries_id_seq'),"
                                  " 0, '127.0.0.1', 'POST', '/webhook', '', '', 0, decode('00', 'hex'), 1, 200)"
                                  " RETURNING id"))
            .toLongLong();
    }
    // What every writer does last in its transaction (PgStore::writeBatch).
    bool notifyAndCommit()
    {
        return run(QStringLiteral("SELECT pg_notify('peanuts_deliveries', '')")).isValid()
            && run(QStringLiteral("COMMIT")).isValid();
    }

private:
    static inline int s_count = 0;
    QString m_name;
    QSqlDatabase m_db;
};

QList<Delivery> deliveries(int count, const QString &prefix, int second = 0)
{
    QList<Delivery> batch;
    for (int i = 0; i < count; ++i)
        batch.append(verified(body(QStringLiteral("%1-%2").arg(prefix).arg(i), created(), second)));
    return batch;
}

QList<qint64> sorted(QList<qint64> list)
{
    std::sort(list.begin(), list.end());
    return list;
}

} // namespace

class TestTeamFeed : public QObject
{
    Q_OBJECT

private:
    // The shared test cluster's database for this test case, with its schema made by a writer.
    std::unique_ptr<FreshBackend> m_fresh;
    std::unique_ptr<Store> m_writer;

    bool openWriter()
    {
        m_fresh = std::make_unique<FreshBackend>(QStringLiteral("postgresql"));
        if (!m_fresh->unavailable().isEmpty())
            return false;
        m_writer = m_fresh->open();
        return m_writer != nullptr;
    }

private Q_SLOTS:
    void init()
    {
        if (!openWriter()) {
            if (pgRequired())
                QFAIL("REQUIRE_PG=1 but PostgreSQL is not available");
            QSKIP("no PostgreSQL test cluster (PEANUTS_TEST_PG_URL)");
        }
    }
    void cleanup()
    {
        m_writer.reset();
        m_fresh.reset();
    }

    // Every committed delivery arrives exactly once, with its outcome counted; nothing committed
    // before the feed started does.
    void deliversEveryCommitOnce()
    {
        QList<Delivery> before = deliveries(1, QStringLiteral("before"));
        QVERIFY(commitBatch(*m_writer, before));
        FeedOnThread feed(m_fresh->location());
        QTRY_VERIFY(feed.connected());

        QList<qint64> expected;
        OutcomeCounters counts {};
        for (int round = 0; round < 20; ++round) {
            QList<Delivery> batch = deliveries(1 + round % 3, QStringLiteral("r%1").arg(round));
            if (round % 5 == 4) // the same bytes again: stored as a duplicate
                batch.append(verified(body(QStringLiteral("r%1-0").arg(round), created(), 0)));
            if (round % 7 == 6)
                batch.append(verified(body(QStringLiteral("u%1").arg(round), QStringLiteral("entry.moved"), 0)));
            const std::optional<BatchSummary> summary = commitBatch(*m_writer, batch);
            QVERIFY(summary);
            expected += summary->ids;
            for (size_t o = 0; o < counts.size(); ++o)
                counts[o] += summary->counts[o];
        }
        QVERIFY(counts[size_t(Outcome::Duplicate)] > 0 && counts[size_t(Outcome::Ignored)] > 0);
        QTRY_COMPARE(feed.ids.size(), expected.size());
        QTest::qWait(300); // nothing more comes
        QCOMPARE(sorted(feed.ids), sorted(expected));
        QCOMPARE(QSet<qint64>(feed.ids.cbegin(), feed.ids.cend()).size(), feed.ids.size());
        QVERIFY(!feed.has(before.first().id));
        QVERIFY(feed.counts == counts);
        QVERIFY(!feed.unsorted);
    }

    // Ids commit out of order: a transaction that took its id first (even before the feed started)
    // and commits last still arrives, a later one is not held back by it, and none arrives twice.
    void followsCommitOrderNotIds()
    {
        RawConnection first(m_fresh->location()), early(m_fresh->location()), second(m_fresh->location()),
            aborted(m_fresh->location()), idle(m_fresh->location());
        QVERIFY(first.run(QStringLiteral("BEGIN")).isValid());
        const qint64 firstId = first.insertDelivery();
        QVERIFY(firstId > 0);
        QVERIFY(early.run(QStringLiteral("BEGIN")).isValid());
        const qint64 earlyId = early.insertDelivery();
        // One that completes after it took its id: the feed's first snapshot then lists it in flight
        // (below its xmax) rather than not yet started.
        QList<Delivery> earlier = deliveries(1, QStringLiteral("earlier"));
        QVERIFY(commitBatch(*m_writer, earlier));

        FeedOnThread feed(m_fresh->location());
        QTRY_VERIFY(feed.connected());
        // Begun before the feed's first snapshot, committed first after it.
        QVERIFY(early.notifyAndCommit());
        QVERIFY(feed.waitFor(earlyId, 1000));
        // A transaction with an id that never notifies (an action claim, another database's work).
        QVERIFY(idle.run(QStringLiteral("BEGIN")).isValid());
        QVERIFY(idle.run(QStringLiteral("SELECT pg_current_xact_id()")).isValid());
        QVERIFY(aborted.run(QStringLiteral("BEGIN")).isValid());
        const qint64 abortedId = aborted.insertDelivery();
        QVERIFY(second.run(QStringLiteral("BEGIN")).isValid());
        const qint64 secondId = second.insertDelivery();
        QVERIFY(firstId < earlyId && earlyId < abortedId && abortedId < secondId);
        QVERIFY(second.notifyAndCommit());
        QTRY_VERIFY_WITH_TIMEOUT(feed.has(secondId), 1000);
        QVERIFY(!feed.has(firstId));

        QVERIFY(aborted.run(QStringLiteral("ROLLBACK")).isValid());
        QVERIFY(first.notifyAndCommit());
        QTRY_VERIFY_WITH_TIMEOUT(feed.has(firstId), 1000);
        QList<Delivery> batch = deliveries(2, QStringLiteral("after"));
        QVERIFY(commitBatch(*m_writer, batch));
        QTRY_VERIFY(feed.has(batch.last().id));
        QVERIFY(idle.run(QStringLiteral("COMMIT")).isValid());
        QTest::qWait(300);
        QCOMPARE(feed.ids, (QList<qint64> {earlyId, secondId, firstId, batch.first().id, batch.last().id}));
    }

    // A saved cursor takes up where the last feed stopped: what committed in between arrives, once.
    void resumesFromASavedCursor()
    {
        QString cursor;
        {
            FeedOnThread feed(m_fresh->location());
            QTRY_VERIFY(feed.connected());
            QList<Delivery> seen = deliveries(1, QStringLiteral("seen"));
            QVERIFY(commitBatch(*m_writer, seen));
            QTRY_VERIFY(feed.has(seen.first().id));
            cursor = feed.feed()->cursor();
        }
        QList<Delivery> missed = deliveries(2, QStringLiteral("missed"));
        QVERIFY(commitBatch(*m_writer, missed));
        TeamFeed probe(QString {});
        QVERIFY(!probe.setCursor(QStringLiteral("12:10:")));
        QVERIFY(!probe.setCursor(QStringLiteral("drop table")));
        QVERIFY(probe.setCursor(cursor));

        FeedOnThread feed(m_fresh->location());
        QVERIFY(feed.feed()->setCursor(cursor));
        QTRY_COMPARE(feed.ids, ids(missed));
    }

    // A commit reaches the feed within a second (the window shows it then): p99 over 200 commits.
    void latencyOfNotifications()
    {
        FeedOnThread feed(m_fresh->location());
        QTRY_VERIFY(feed.connected());
        QList<qint64> latencies;
        for (int i = 0; i < 200; ++i) {
            QList<Delivery> batch = deliveries(1, QStringLiteral("l%1").arg(i));
            QVERIFY(commitBatch(*m_writer, batch));
            const qint64 committedMs = feed.nowMs();
            const qint64 id = batch.first().id;
            QVERIFY(feed.waitFor(id, 5000));
            latencies.append(feed.arrivedMs.value(id) - committedMs);
        }
        std::sort(latencies.begin(), latencies.end());
        const qint64 p50 = latencies.at(latencies.size() / 2);
        const qint64 p99 = latencies.at(latencies.size() * 99 / 100 - 1);
        qInfo("team feed latency over %lld commits: p50 %lld ms, p99 %lld ms, max %lld ms", qint64(latencies.size()),
            p50, p99, latencies.last());
        QVERIFY2(p99 < 1000, qPrintable(QStringLiteral("p99 %1 ms").arg(p99)));
        QCOMPARE(feed.ids.size(), 200);
    }

    // The server restarts under a running feed: it says so, reconnects, subscribes again and catches
    // up on what committed while it was away; no reason names a password.
    void reconnectsAfterTheServerRestarts()
    {
        THROWAWAY_CLUSTER_OR_SKIP();
        ThrowawayCluster cluster;
        QVERIFY(cluster.start());
        const QString feedPassword = QStringLiteral("feed-secret-pw");
        const auto openWriter = [&] {
            auto store = std::make_unique<PgStore>();
            StoreConfig config;
            config.path = cluster.adminUrl();
            QString error;
            if (!store->open(config, &error))
                qWarning().noquote() << "cannot open the writer:" << error;
            return store;
        };
        auto writer = openWriter();
        {
            RawConnection admin(cluster.adminUrl());
            QVERIFY(admin.run(QStringLiteral("CREATE ROLE feeder LOGIN PASSWORD '%1'").arg(feedPassword)).isValid());
            QVERIFY(admin.run(QStringLiteral("GRANT SELECT ON deliveries TO feeder")).isValid());
        }
        FeedOnThread feed(cluster.url(QStringLiteral("feeder"), feedPassword));
        QTRY_VERIFY(feed.connected());
        QList<Delivery> first = deliveries(1, QStringLiteral("first"));
        QVERIFY(commitBatch(*writer, first));
        QTRY_VERIFY(feed.has(first.first().id));

        // Restarted: the feed says it lost the connection, then that it is back; a commit right
        // after arrives (it subscribed again).
        writer.reset();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(cluster.restart());
        QTRY_VERIFY_WITH_TIMEOUT(feed.changes.size() >= 3 && feed.connected(), 15000);
        QCOMPARE(feed.changes.at(1).first, false);
        qInfo("reconnected %lld ms after the restart began", clock.elapsed());
        writer = openWriter();
        QList<Delivery> afterRestart = deliveries(1, QStringLiteral("after"));
        QVERIFY(commitBatch(*writer, afterRestart));
        QTRY_VERIFY_WITH_TIMEOUT(feed.has(afterRestart.first().id), 1000);

        // Kept away (its role may not log in) while deliveries commit: they arrive once it is back.
        const qsizetype changesBefore = feed.changes.size();
        {
            RawConnection admin(cluster.adminUrl());
            QVERIFY(admin.run(QStringLiteral("ALTER ROLE feeder NOLOGIN")).isValid());
            QVERIFY(admin
                        .run(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                            " WHERE usename = 'feeder'"))
                        .isValid());
        }
        QTRY_VERIFY_WITH_TIMEOUT(!feed.connected() && feed.changes.size() > changesBefore, 5000);
        QList<Delivery> whileAway = deliveries(2, QStringLiteral("away"));
        QVERIFY(commitBatch(*writer, whileAway));
        QTest::qWait(300);
        QVERIFY(!feed.has(whileAway.first().id));
        {
            RawConnection admin(cluster.adminUrl());
            QVERIFY(admin.run(QStringLiteral("ALTER ROLE feeder LOGIN")).isValid());
        }
        QTRY_VERIFY_WITH_TIMEOUT(feed.connected(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(feed.has(whileAway.last().id), 1000);
        QTest::qWait(300);
        QCOMPARE(feed.ids, ids(first) + ids(afterRestart) + ids(whileAway));
        for (const auto &change : std::as_const(feed.changes)) {
            QVERIFY2(!change.second.contains(feedPassword), qPrintable(change.second));
            QCOMPARE(change.second.isEmpty(), change.first); // a reason for every loss, none when back
            QVERIFY(change.first || change.second.contains(QLatin1String("127.0.0.1")));
        }
    }
};

QTEST_GUILESS_MAIN(TestTeamFeed)
#include "tst_teamfeed.moc"
