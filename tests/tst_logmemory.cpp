// The log's memory with the window open while deliveries keep arriving: the table is given a bounded
// window of the log, so neither its header (one entry per row the table's model reports) nor the
// rows held grow with the log. Before the window, 100k arrivals left 100k header sections behind,
// ~1.1 MB a minute at 2,000 deliveries/s.
#include "deliverylogmodel.h"
#include "deliverylogview.h"
#include "deliverylogwindow.h"
#include "ingest/event.h"
#include "receivercore.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#include <malloc.h>
#define PEANUTS_HEAP_MEASURED 1
#endif

using namespace testsupport;
using peanuts::DeliveryLogModel;
using peanuts::DeliveryLogView;
using peanuts::DeliveryLogWindow;

namespace {

// Bytes in use on the heap, every arena: shown, not asserted, since the store threads' SQLite caches
// grow with the database meanwhile (about 25 MB over this test).
qint64 heapInUse()
{
#ifdef PEANUTS_HEAP_MEASURED
    return qint64(mallinfo2().uordblks);
#else
    return -1;
#endif
}

} // namespace

class TestLogMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void memoryStaysFlatWhileRowsArrive()
    {
        QTemporaryDir dir;
        peanuts::ReceiverCore core;
        QString error;
        QVERIFY2(core.start(testOptions(dir.path()), &error), qPrintable(error));

        DeliveryLogView view(&core);
        view.resize(1000, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        DeliveryLogModel *log = view.model();
        QTableView *table = view.table();

        // 100,000 deliveries in batches of 500 as fast as the writer takes them, the view following
        // them at the top (its pinned state) the whole time.
        constexpr int kTotal = 100'000, kPerBatch = 500, kBatches = kTotal / kPerBatch;
        constexpr int kWarmBatches = 20; // 10,000 rows: the structures the window keeps are at size
        std::atomic<int> committed {0};
        int sent = 0;
        peanuts::StoreWorker *writer = core.store();
        const auto sendBatch = [&] {
            const int batchNo = sent++;
            writer->run([writer, batchNo, &committed](peanuts::Store &store) {
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                QList<peanuts::Delivery> batch;
                for (int i = 0; i < kPerBatch; ++i) {
                    peanuts::Delivery d
                        = receivedDelivery(makeBody(QStringLiteral("mem-%1").arg(batchNo * kPerBatch + i)), now);
                    d.event = peanuts::parseEvent(d.body, now, 300'000).event;
                    batch.append(d);
                }
                const std::optional<peanuts::BatchSummary> summary = commitBatch(store, batch);
                if (!summary)
                    return;
                ++committed;
                Q_EMIT writer->batchCommitted(*summary);
            });
        };
        const auto sendUpTo = [&](int batches) {
            while (sent < batches) {
                sendBatch();
                // Paced by the writer, with the event loop running as the window's does.
                QTRY_VERIFY_WITH_TIMEOUT(committed == sent, 10'000);
                QTest::qWait(2);
            }
        };

        sendUpTo(kWarmBatches);
        QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), kWarmBatches * kPerBatch, 5000);
        QTest::qWait(50);
        const qint64 heapWarm = heapInUse();
        const int sectionsWarm = table->verticalHeader()->count();

        sendUpTo(kBatches);
        QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), kTotal, 10'000);
        QTest::qWait(50);
        const qint64 heapAfter = heapInUse();
        const int sections = table->verticalHeader()->count();
        qInfo("after %d rows arrived: %d header sections (%d at %d rows), %d window rows, %lld rows held; "
              "heap %+lld bytes since %d rows",
            kTotal, sections, sectionsWarm, kWarmBatches * kPerBatch, table->model()->rowCount(), log->rowsHeld(),
            heapAfter - heapWarm, kWarmBatches * kPerBatch);

        // The log still counts every row, the scroll bar spans them all, and the newest is at the top.
        QCOMPARE(log->rowCount(), kTotal);
        QVERIFY(qAbs(view.scrollBar()->maximum() + view.scrollBar()->pageStep() - kTotal) <= 1);
        QCOMPARE(view.topRow(), 0);
        QTRY_COMPARE(table->model()->data(table->model()->index(0, DeliveryLogModel::EntryColumn)).toString(),
            QStringLiteral("mem-%1").arg(kTotal - 1));
        // What the table keeps per row stays bounded: its header has a section per window row.
        QVERIFY2(sections <= DeliveryLogWindow::kRows, qPrintable(QString::number(sections)));
        QCOMPARE(sections, sectionsWarm);
        QVERIFY(log->rowsHeld() <= qint64(DeliveryLogModel::kPageSize) * DeliveryLogModel::kMaxPages);

        // Scrolling far down moves the window rather than growing it (checked by the tester: the
        // window's moves are layout changes that keep the persistent indexes right).
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        table->selectionModel()->setCurrentIndex(
            table->model()->index(5, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view.scrollToRow(kTotal / 2);
        QTRY_COMPARE(view.topRow(), kTotal / 2);
        QVERIFY(!table->selectionModel()->currentIndex().isValid()); // row 5 is out of the window now
        // Wheel and keys move the table within the window; near its end the window moves on.
        const int windowTop = view.logWindow()->top();
        table->setCurrentIndex(table->model()->index(table->rowAt(0), 0));
        for (int i = 0; i < 60; ++i)
            QTest::keyClick(table, Qt::Key_PageDown);
        QVERIFY(view.logWindow()->top() > windowTop);
        QVERIFY(view.topRow() > kTotal / 2 + 1000);
        QCOMPARE(view.scrollBar()->value(), view.topRow());
        QCOMPARE(table->verticalHeader()->count(), sections);
        view.scrollToRow(kTotal / 2);
        QTRY_COMPARE(
            table->model()->data(table->model()->index(table->rowAt(0), DeliveryLogModel::EntryColumn)).toString(),
            QStringLiteral("mem-%1").arg(kTotal - 1 - kTotal / 2));
        QCOMPARE(table->verticalHeader()->count(), sections);

        // Select all still means the whole log, not the window's rows: it stays so as the window
        // moves, and deleting deletes every row.
        table->setFocus();
        QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(table->selectionModel()->selectedRows().size(), table->model()->rowCount());
        view.scrollToRow(kTotal - 1); // as far as it goes: the last screen
        QTRY_COMPARE(view.topRow(), view.scrollBar()->maximum());
        QCOMPARE(view.logWindow()->top() + view.logWindow()->rowCount(), kTotal);
        QCOMPARE(table->selectionModel()->selectedRows().size(), table->model()->rowCount());
        view.setConfirmChanges(false);
        view.deleteSelected();
        QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 0, 30'000);
        QCOMPARE(table->model()->rowCount(), 0);
        core.stop();
    }
};

QTEST_MAIN(TestLogMemory)
#include "tst_logmemory.moc"
