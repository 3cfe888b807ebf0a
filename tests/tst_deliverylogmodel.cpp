// The paged log model at 100k rows: what it reads from SQL and what it holds stay bounded while a
// view scrolls end to end; filters narrow the count; new rows arrive at the top.
#include "deliverylogmodel.h"
#include "event.h"
#include "receivercore.h"
#include "signature.h"
#include "storeworker.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;
using peanuts::DeliveryLogModel;

class TestDeliveryLogModel : public QObject
{
    Q_OBJECT

private:
    static constexpr int kRows = 100'000;
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;

    // Reads every row in [first, last] the way a view does, waiting until each page is in.
    static void visit(DeliveryLogModel &model, int first, int last)
    {
        for (int row = first; row <= last; ++row) {
            const QModelIndex index = model.index(row, DeliveryLogModel::EntryColumn);
            // A page arrives in a millisecond or so: poll finely rather than QTRY's 50 ms steps.
            QElapsedTimer timer;
            timer.start();
            while (!model.data(index, DeliveryLogModel::RowLoadedRole).toBool() && timer.elapsed() < 10000)
                QTest::qWait(1);
            QVERIFY(model.data(index, DeliveryLogModel::RowLoadedRole).toBool());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
        // Seeded straight through the store, 1000 a transaction.
        bool done = false;
        m_core.store()->read([&done](peanuts::Store &store) {
            for (int batchStart = 0; batchStart < kRows; batchStart += 1000) {
                QList<peanuts::Delivery> batch;
                for (int i = batchStart; i < batchStart + 1000; ++i) {
                    peanuts::Delivery d;
                    d.receivedMs = 1'700'000'000'000 + i;
                    d.method = "POST";
                    d.path = "/webhook";
                    d.body = makeBody(QStringLiteral("row-%1").arg(i),
                        i % 10 ? QStringLiteral("entry.created") : QStringLiteral("entry.updated"),
                        QStringLiteral("2026-11-20T10:00:00Z"), "1",
                        i % 1000 == 7 ? QStringLiteral("Needle") : QStringLiteral("Food"));
                    d.bodySize = d.body.size();
                    d.bodySha256 = peanuts::sha256(d.body);
                    d.event = peanuts::parseEvent(d.body, 4'000'000'000'000, 0).event;
                    batch.append(d);
                }
                QString ignored;
                store.commit(batch, &ignored);
            }
            done = true;
        });
        QElapsedTimer timer;
        timer.start();
        QTRY_VERIFY_WITH_TIMEOUT(done, 120'000);
        qInfo("seeded %d deliveries in %lld ms", kRows, timer.elapsed());
    }

    void scrollsEndToEndWithBoundedReads()
    {
        // No QAbstractItemModelTester here: it checks every index of each page that arrives, which
        // costs more than the paging under test. The other functions run it.
        DeliveryLogModel model(m_core.reader());
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows, 10000);
        QCOMPARE(model.data(model.index(0, DeliveryLogModel::EntryColumn)).toString(), QStringLiteral("row-99999"));

        // Scroll from the top to the bottom a screenful (40 rows) at a time, as a view would.
        qint64 maxHeld = 0;
        for (int top = 0; top < kRows; top += 40) {
            visit(model, top, top); // a screen's first and last rows are enough to need its pages
            visit(model, qMin(top + 39, kRows - 1), qMin(top + 39, kRows - 1));
            maxHeld = qMax(maxHeld, model.rowsHeld());
        }
        QCOMPARE(model.data(model.index(kRows - 1, DeliveryLogModel::EntryColumn)).toString(), QStringLiteral("row-0"));
        // Every row was read about once, never the whole table per step; the held rows stay bounded.
        QVERIFY2(
            model.rowsRead() <= kRows + 2 * DeliveryLogModel::kPageSize, qPrintable(QString::number(model.rowsRead())));
        QVERIFY(maxHeld <= DeliveryLogModel::kPageSize * DeliveryLogModel::kMaxPages);

        // A jump to the middle reads one page, not everything before it.
        const qint64 before = model.rowsRead();
        visit(model, kRows / 2, kRows / 2);
        QVERIFY(model.rowsRead() - before <= DeliveryLogModel::kPageSize);
        QCOMPARE(model.data(model.index(kRows / 2, DeliveryLogModel::EntryColumn)).toString(),
            QStringLiteral("row-%1").arg(kRows - 1 - kRows / 2));
    }

    void filtersNarrowTheCount()
    {
        DeliveryLogModel model(m_core.reader());
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows, 10000);
        QSignalSpy applied(&model, &DeliveryLogModel::filterApplied);
        peanuts::DeliveryFilter filter;
        filter.event = QStringLiteral("entry.updated");
        model.setFilter(filter);
        QVERIFY(applied.wait(10000));
        QCOMPARE(model.rowCount(), kRows / 10);
        filter = peanuts::DeliveryFilter();
        filter.text = QStringLiteral("needle");
        model.setFilter(filter);
        QVERIFY(applied.wait(20000));
        QCOMPARE(model.rowCount(), kRows / 1000);
        qInfo("text filter over %d rows: %lld ms (index not caught up: part of the rows are scanned)", kRows,
            applied.last().at(0).toLongLong());
    }

    void newRowsArriveAtTheTop()
    {
        DeliveryLogModel model(m_core.reader());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(m_core.store(), &peanuts::StoreWorker::batchCommitted, &model, &DeliveryLogModel::onBatchCommitted,
            Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows, 10000);
        visit(model, 0, 10);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        RawClient client(m_core.port());
        QByteArray all;
        for (int i = 0; i < 3; ++i)
            all += signedRequest(makeBody(QStringLiteral("live-%1").arg(i)));
        client.send(all);
        QCOMPARE(client.waitForReplies(3).size(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows + 3, 2000);
        QVERIFY(inserted.count() <= 3);
        for (const QList<QVariant> &args : std::as_const(inserted))
            QCOMPARE(args.at(1).toInt(), 0); // always at the top
        QCOMPARE(model.data(model.index(0, DeliveryLogModel::EntryColumn)).toString(), QStringLiteral("live-2"));
        QCOMPARE(model.data(model.index(3, DeliveryLogModel::EntryColumn)).toString(), QStringLiteral("row-99999"));

        model.setLive(false);
        client.send(signedRequest(makeBody(QStringLiteral("live-paused"))));
        QCOMPARE(client.waitForReplies(4).size(), 4);
        QTest::qWait(400);
        QCOMPARE(model.rowCount(), kRows + 3);
        model.setLive(true);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows + 4, 2000);
    }
};

QTEST_MAIN(TestDeliveryLogModel)
#include "tst_deliverylogmodel.moc"
