// The dispatcher and the outbox it is handed: actions handed over at commit carried out without a claim,
// neither lost nor doubled beside the claims, in each target's order, beyond the inbox's bound; the
// production outbox answering on the caller's thread; and a backlog drained, with its rate.
#include "dispatchmodel.h"
#include "httpsink.h"
#include "pipeline/notifier.h"
#include "store/sqlitestore.h"
#include "store/storeworker.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>

using namespace dispatchtest;
using testsupport::HttpSink;

class TestDispatchOffers : public QObject, public DispatchFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { reset(); }

    // Actions handed over as they are committed are carried out without a claim: here claims see none
    // of them.
    void offeredActionsNeedNoClaim()
    {
        HttpSink sink;
        QVERIFY(sink.listen());
        RecordingNotifier notifier;
        auto dispatcher = make({}, &notifier);
        m_rows->claimableUpTo = 0;
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_rows->claims, 1, 5000);
        const qint64 first = add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        add(notification(QStringLiteral("High-value expense"), "600.50"));
        add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        dispatcher->offer(m_rows->rowsFrom(first));
        QTRY_COMPARE_WITH_TIMEOUT(m_rows->countIn(ActionState::Done), 3, 5000);
        QCOMPARE(sink.count(), 2);
        QCOMPARE(notifier.shown().size(), 1);
        QCOMPARE(sink.requests().at(0).header("idempotency-key"), QByteArray("key-1"));
        QCOMPARE(sink.requests().at(1).header("idempotency-key"), QByteArray("key-3"));
    }

    // Offers before the first claim's answer wait for it: what the claim brings is carried out once,
    // and what it could not see is taken from the offers after it.
    void offersBeforeTheFirstClaimAreNeitherLostNorDoubled()
    {
        HttpSink sink;
        QVERIFY(sink.listen());
        auto dispatcher = make();
        for (int i = 0; i < 5; ++i)
            add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        m_rows->claimableUpTo = 3; // 4 and 5 were committed after the claim ran
        dispatcher->start();
        dispatcher->offer(m_rows->rowsFrom(1));
        QTRY_COMPARE_WITH_TIMEOUT(m_rows->countIn(ActionState::Done), 5, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(dispatcher->inFlight(), 0, 5000);
        QCOMPARE(sink.count(), 5);
        const QHash<qint64, int> counts = m_rows->resultCounts();
        for (qint64 id = 1; id <= 5; ++id)
            QCOMPARE(counts.value(id), 1);
    }

    // A target with older due actions in the outbox than its queue holds takes no offer: they would
    // overtake the older ones. One request at a time shows the order.
    void offersDoNotOvertakeATargetsBacklog()
    {
        HttpSink sink;
        QVERIFY(sink.listen());
        DispatchConfig config;
        config.maxInFlightPerTarget = 1; // claims take 4 at a time
        auto dispatcher = make(config);
        for (int i = 0; i < 30; ++i)
            add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        dispatcher->start();
        QTRY_VERIFY_WITH_TIMEOUT(sink.count() >= 1, 5000);
        const qint64 first = add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        for (int i = 0; i < 4; ++i)
            add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        dispatcher->offer(m_rows->rowsFrom(first));
        QTRY_COMPARE_WITH_TIMEOUT(m_rows->countIn(ActionState::Done), 35, 10000);
        QCOMPARE(sink.count(), 35);
        for (int i = 0; i < 35; ++i)
            QCOMPARE(sink.requests().at(i).header("idempotency-key"), "key-" + QByteArray::number(i + 1));
    }

    // More than the inbox holds: the rest is left to claims, and each is still carried out once.
    void offersBeyondTheInboxAreClaimed()
    {
        RecordingNotifier notifier;
        auto dispatcher = make({}, &notifier);
        m_rows->claimableUpTo = 0;
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_rows->claims, 1, 5000);
        const int n = Dispatcher::kMaxOffered + 10;
        for (int i = 0; i < n; ++i)
            add(notification(QStringLiteral("Task due")));
        {
            QMutexLocker lock(&m_rows->mutex);
            m_rows->claimableUpTo = std::numeric_limits<qint64>::max();
        }
        const QList<OutboxAction> all = m_rows->rowsFrom(1);
        dispatcher->offer(all.mid(0, 10));
        dispatcher->offer(all.mid(10)); // does not fit beside the first ten
        QTRY_COMPARE_WITH_TIMEOUT(m_rows->countIn(ActionState::Done), n, 20000);
        const QHash<qint64, int> counts = m_rows->resultCounts();
        QCOMPARE(counts.size(), n);
        QVERIFY(std::all_of(counts.cbegin(), counts.cend(), [](int c) { return c == 1; }));
    }

    // The production adapter: the writer's jobs answer on the caller's thread.
    void storeOutboxAnswersOnTheCallersThread()
    {
        QTemporaryDir dir;
        StoreConfig config;
        config.path = dir.filePath(QStringLiteral("outbox.sqlite"));
        QString error;
        StoreWorker writer(std::make_unique<SqliteStore>(), config, &error);
        QVERIFY2(writer.isOpen(), qPrintable(error));
        const std::unique_ptr<Outbox> outbox = makeStoreOutbox(&writer);
        QObject context;
        bool answered = false;
        QThread *answeredOn = nullptr;
        outbox->claimDue(m_clock->nowMs(), 8, {}, &context, [&](QList<OutboxAction> due, std::optional<qint64>) {
            answered = true;
            answeredOn = QThread::currentThread();
            QVERIFY(due.isEmpty()); // an empty outbox
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 5000);
        QCOMPARE(answeredOn, QThread::currentThread());
        bool recorded = false;
        outbox->record({}, &context, [&](bool) { recorded = true; });
        QTRY_VERIFY_WITH_TIMEOUT(recorded, 5000);
        writer.shutdown();
    }

    // A backlog of forwards to a sink that answers at once drains; the rate is reported.
    void backlogDrains()
    {
        HttpSink sink;
        QVERIFY(sink.listen());
        const int n = qEnvironmentVariableIntValue("PEANUTS_DISPATCH_N") > 0
            ? qEnvironmentVariableIntValue("PEANUTS_DISPATCH_N")
            : 4000;
        const QByteArray body = testBody();
        m_clock->set(QDateTime::currentMSecsSinceEpoch()); // the rows are due by the system's clock
        for (int i = 0; i < n; ++i)
            add(forward(sink.url(), body, "Content-Type: application/json\nUser-Agent: Peanuts\n"));
        auto dispatcher = make({}, nullptr, false);
        std::atomic<int> recordedBatches {0};
        connect(
            dispatcher.get(), &Dispatcher::recorded, this, [&recordedBatches] { ++recordedBatches; },
            Qt::DirectConnection);
        QElapsedTimer elapsed;
        elapsed.start();
        dispatcher->start();
        // A real event loop for the sink (QTRY's qWait sleeps 10 ms between rounds of events, which
        // would measure the test, not the dispatcher).
        QEventLoop loop;
        QTimer poll;
        qint64 ms = 0;
        connect(&poll, &QTimer::timeout, &loop, [&] {
            if (m_rows->countIn(ActionState::Done) == n || elapsed.elapsed() > 60000) {
                ms = std::max<qint64>(1, elapsed.elapsed());
                loop.quit();
            }
        });
        poll.start(5);
        loop.exec();
        QCOMPARE(m_rows->countIn(ActionState::Done), n);
        qInfo().noquote()
            << QStringLiteral("%1 forwards drained in %2 ms: %3 a second").arg(n).arg(ms).arg(n * 1000 / ms);
        QCOMPARE(sink.count(), n);
        qInfo() << "claims:" << m_rows->claims << "recorded batches:" << recordedBatches.load();
        QTRY_COMPARE_WITH_TIMEOUT(dispatcher->inFlight(), 0, 5000);
        elapsed.restart();
        dispatcher->stop();
        QVERIFY(elapsed.elapsed() < 1000);
    }

private:
    static QByteArray testBody()
    {
        return QByteArrayLiteral("{\"event\":\"entry.created\",\"data\":{\"id\":\"e-1\",\"amount\":12.5}}");
    }
};

QTEST_GUILESS_MAIN(TestDispatchOffers)
#include "tst_dispatchoffers.moc"
