// BatchNotifier: the writer's batches reach the views merged, at most once per interval, the first
// after a quiet spell at once; and the core feeds it from the writer.
#include "receivercore.h"
#include "services/batchnotifier.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using peanuts::BatchNotifier;
using peanuts::BatchSummary;
using peanuts::Outcome;

namespace {

BatchSummary batch(std::initializer_list<qint64> ids, Outcome outcome = Outcome::Accepted)
{
    BatchSummary s;
    for (qint64 id : ids) {
        s.ids.append(id);
        ++s.counts[size_t(outcome)];
    }
    return s;
}

} // namespace

class TestBatchNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergesWithinTheInterval()
    {
        BatchNotifier notifier;
        notifier.setIntervalMs(100);
        QList<qint64> at;
        QElapsedTimer clock;
        clock.start();
        QSignalSpy committed(&notifier, &BatchNotifier::committed);
        connect(&notifier, &BatchNotifier::committed, this, [&] { at.append(clock.elapsed()); });

        // The first goes out at once.
        notifier.add(batch({1, 2}));
        QCOMPARE(committed.count(), 1);
        QCOMPARE(committed.at(0).at(0).value<BatchSummary>().ids, QList<qint64>({1, 2}));

        // Fifty more within the next interval: one signal, with all of them.
        for (int i = 0; i < 50; ++i)
            notifier.add(batch({3 + i}, i % 10 == 0 ? Outcome::RejectedSignature : Outcome::Accepted));
        QCOMPARE(committed.count(), 1);
        QTRY_COMPARE(committed.count(), 2);
        const BatchSummary merged = committed.at(1).at(0).value<BatchSummary>();
        QCOMPARE(merged.ids.size(), 50);
        QCOMPARE(merged.ids.constFirst(), 3);
        QCOMPARE(merged.ids.constLast(), 52);
        QCOMPARE(merged.counts[size_t(Outcome::RejectedSignature)], 5);
        QCOMPARE(merged.counts[size_t(Outcome::Accepted)], 45);
        QVERIFY2(at[1] - at[0] >= 95, qPrintable(QString::number(at[1] - at[0])));
        QCOMPARE(notifier.batchesIn(), 51);
        QCOMPARE(notifier.notificationsOut(), 2);

        // A steady stream for half a second: about one signal per interval, whatever the rate.
        committed.clear();
        QElapsedTimer stream;
        stream.start();
        qint64 next = 100;
        while (stream.elapsed() < 500) {
            notifier.add(batch({next++}));
            QTest::qWait(2);
        }
        QTRY_VERIFY(
            !committed.isEmpty() && committed.constLast().at(0).value<BatchSummary>().ids.constLast() == next - 1);
        QVERIFY2(committed.count() >= 4 && committed.count() <= 7, qPrintable(QString::number(committed.count())));
        qint64 seen = 0;
        for (const QList<QVariant> &args : std::as_const(committed))
            seen += args.at(0).value<BatchSummary>().ids.size();
        QCOMPARE(seen, next - 100);
    }

    void theCoreFeedsItFromTheWriter()
    {
        QTemporaryDir dir;
        peanuts::ReceiverCore core;
        QString error;
        QVERIFY2(core.start(testsupport::testOptions(dir.path()), &error), qPrintable(error));
        QSignalSpy committed(core.batches(), &BatchNotifier::committed);
        testsupport::RawClient client(core.port());
        QByteArray requests;
        for (int i = 0; i < 20; ++i)
            requests += testsupport::signedRequest(testsupport::makeBody(QStringLiteral("n-%1").arg(i)));
        client.send(requests);
        QCOMPARE(client.waitForReplies(20).size(), 20);
        QTRY_VERIFY(!committed.isEmpty());
        QTRY_COMPARE(core.batches()->batchesIn() > 0, true);
        qint64 ids = 0, accepted = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                ids = accepted = 0;
                for (const QList<QVariant> &args : std::as_const(committed)) {
                    const BatchSummary s = args.at(0).value<BatchSummary>();
                    ids += s.ids.size();
                    accepted += s.counts[size_t(Outcome::Accepted)];
                }
                return ids == 20;
            }(),
            2000);
        QCOMPARE(accepted, 20);
        QVERIFY(core.batches()->notificationsOut() <= core.batches()->batchesIn());
        core.stop();
    }

    void aHeadlessRunIsNotWokenPerBatch()
    {
        // Nothing has asked for the notifier: the writer's batches reach no one on the main thread.
        QTemporaryDir dir;
        peanuts::ReceiverCore core;
        QString error;
        QVERIFY2(core.start(testsupport::testOptions(dir.path()), &error), qPrintable(error));
        const auto send = [&](const QString &prefix) {
            testsupport::RawClient client(core.port());
            QByteArray requests;
            for (int i = 0; i < 10; ++i)
                requests += testsupport::signedRequest(testsupport::makeBody(prefix + QString::number(i)));
            client.send(requests);
            QCOMPARE(client.waitForReplies(10).size(), 10);
        };
        send(QStringLiteral("quiet-"));
        QTest::qWait(200); // time for queued batches to arrive, were they sent
        BatchNotifier *notifier = core.batches(); // the first subscriber attaches it
        QCOMPARE(notifier->batchesIn(), 0);
        send(QStringLiteral("heard-"));
        QTRY_VERIFY(notifier->batchesIn() > 0);
        // And again after a restart on the same core.
        core.stop();
        const qint64 before = notifier->batchesIn();
        QVERIFY2(core.start(testsupport::testOptions(dir.path()), &error), qPrintable(error));
        send(QStringLiteral("again-"));
        QTRY_VERIFY(notifier->batchesIn() > before);
        core.stop();
    }
};

QTEST_MAIN(TestBatchNotifier)
#include "tst_batchnotifier.moc"
