// The whole window over a running receiver, offscreen: signed deliveries posted over HTTP appear in
// the log, the inspector shows their exact bytes, the KPIs change; test delivery, export, pause.
#include "chartspanel.h"
#include "config/secretstore.h"
#include "deliverylogmodel.h"
#include "deliverylogview.h"
#include "ingest/event.h"
#include "inspector.h"
#include "mainwindow.h"
#include "notifier.h"
#include "receivercore.h"
#include "senddialog.h"
#include "store/exporter.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;
    peanuts::RecordingNotifier m_notifier;
    std::unique_ptr<peanuts::SecretStore> m_secrets;
    std::unique_ptr<peanuts::MainWindow> m_window;

    // Screenshots for the README when PEANUTS_SCREENSHOT_DIR is set.
    void screenshot(const char *name)
    {
        const QString dir = qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(300);
        QVERIFY(m_window->grab().save(QDir(dir).filePath(QString::fromLatin1(name) + QStringLiteral(".png"))));
    }

    // The status bar's "N deliveries/min".
    QString rateText() const
    {
        const QList<QLabel *> labels = m_window->statusBar()->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (label->text().endsWith(QStringLiteral(" deliveries/min")))
                return label->text();
        }
        return QString();
    }

    int post(const QByteArray &request)
    {
        RawClient client(m_core.port());
        client.send(request);
        return client.waitForReplies(1).value(0).status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        peanuts::Options options = testOptions(m_dir.path());
        options.figures.zone = QTimeZone::systemTimeZone();
        QString error;
        QVERIFY2(m_core.start(options, &error), qPrintable(error));
        m_secrets = std::make_unique<peanuts::SecretStore>(
            QStringLiteral("peanuts-monitor-test"), m_dir.filePath(QStringLiteral("secrets.json")));
        m_secrets->setKeychainEnabled(false);
        m_window = std::make_unique<peanuts::MainWindow>(&m_core, &m_notifier, m_secrets.get());
        m_window->resize(1400, 860);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void firstRunPanel()
    {
        QVERIFY(m_window->isFirstRunShown());
        QCOMPARE(m_window->log()->model()->rowCount(), 0);
        QVERIFY(m_window->webhookUrl().endsWith(QStringLiteral(":%1/webhook").arg(m_core.port())));
        // Issue 15: at zero deliveries a minute the rates wait for a batch rather than a timer.
        QTRY_COMPARE(rateText(), QStringLiteral("0 deliveries/min"));
        QVERIFY(!m_window->rateRefreshArmed());
        screenshot("first-run");
    }

    void deliveriesAppearLive()
    {
        peanuts::DeliveryLogModel *model = m_window->log()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_window->charts()->countText(), QStringLiteral("0"));
        QList<QByteArray> bodies;
        const QList<QPair<QByteArray, QString>> expenses {
            {"12.50", QStringLiteral("Food")}, {"40", QStringLiteral("Travel")}, {"7.25", QStringLiteral("Food")}};
        for (int i = 0; i < expenses.size(); ++i) {
            bodies.append(makeBody(QStringLiteral("win-%1").arg(i), QStringLiteral("entry.created"),
                earlierToday(i + 1), expenses[i].first, expenses[i].second));
            QCOMPARE(post(signedRequest(bodies.last())), 200);
        }
        QCOMPARE(post(webhookRequest(makeBody(QStringLiteral("win-bad")), QByteArray(64, 'b'))), 401);

        QTRY_COMPARE(model->rowCount(), 4);
        QVERIFY(!m_window->isFirstRunShown());
        // The committed batch asked for the rates; above zero they are asked again as they age.
        QTRY_VERIFY(!rateText().isEmpty() && !rateText().startsWith(u'0'));
        QVERIFY(m_window->rateRefreshArmed());
        // Newest first: the rejected one, then win-2.
        QTRY_VERIFY(model->rowAt(1));
        QCOMPARE(model->rowAt(1)->entryId, QStringLiteral("win-2"));
        QCOMPARE(model->data(model->index(0, peanuts::DeliveryLogModel::ResultColumn)).toString().left(12),
            QStringLiteral("rejected 401"));
        QCOMPARE(
            model->data(model->index(1, peanuts::DeliveryLogModel::AmountColumn)).toString(), QStringLiteral("7.25"));

        // The KPI cards follow, with the same figures as /api/stats: 12.50 + 40 + 7.25.
        QTRY_COMPARE(m_window->charts()->countText(), QStringLiteral("3"));
        QCOMPARE(m_window->charts()->totalThisMonthText(), QStringLiteral("59.75"));
        QCOMPARE(m_window->charts()->averageText(), QStringLiteral("19.92"));

        // Selecting a row shows its exact bytes in the inspector.
        QSignalSpy shown(m_window->inspector(), &peanuts::Inspector::deliveryShown);
        m_window->log()->table()->selectRow(2);
        QVERIFY(shown.wait(5000) || shown.count() > 0);
        auto *raw = qobject_cast<QPlainTextEdit *>(m_window->inspector()->tabs()->widget(2));
        QVERIFY(raw);
        QVERIFY(raw->toPlainText().contains(QString::fromUtf8(bodies[1])));
        QVERIFY(m_window->inspector()->curlCommand().contains(
            QStringLiteral("openssl dgst -sha256 -hmac \"$PEANUTS_SECRET\"")));
        QVERIFY(!m_window->inspector()->curlCommand().contains(QString::fromLatin1(kSecret)));
        screenshot("live");
        m_window->inspector()->tabs()->setCurrentIndex(4);
        screenshot("inspector-signature");
        m_window->inspector()->tabs()->setCurrentIndex(0);
    }

    void testDelivery()
    {
        // The toolbar's action opens the send dialog on the first fixture; its Send posts it.
        QSignalSpy answered(m_window.get(), &peanuts::MainWindow::testDeliveryAnswered);
        m_window->sendTestDelivery();
        QVERIFY(m_window->sendDialog() && m_window->sendDialog()->isVisible());
        QTest::mouseClick(m_window->sendDialog()->sendButton(), Qt::LeftButton);
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.at(0).at(0).toInt(), 200);
        QCOMPARE(answered.at(0).at(1).toByteArray(), QByteArray("{\"processed\":true}"));
        QTRY_COMPARE(m_window->log()->model()->rowCount(), 5);
        m_window->sendDialog()->close();
    }

    void pauseFreezesTheViewNotIngest()
    {
        peanuts::DeliveryLogModel *model = m_window->log()->model();
        m_window->setPaused(true);
        QCOMPARE(
            post(signedRequest(makeBody(QStringLiteral("paused"), QStringLiteral("entry.created"), earlierToday(5)))),
            200);
        QTest::qWait(500);
        QCOMPARE(model->rowCount(), 5);
        m_window->setPaused(false);
        QTRY_COMPARE(model->rowCount(), 6);
    }

    void exportJsonLines()
    {
        QSignalSpy finished(m_window.get(), &peanuts::MainWindow::exportFinished);
        const QString path = m_dir.filePath(QStringLiteral("export.jsonl"));
        m_window->exportDeliveries(path);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(0).toLongLong(), 6);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        QVERIFY(lines.last().contains("\"entry_id\":\"win-0\""));
        // Nothing secret in an export: neither the secret nor a recomputed expected signature.
        for (const QByteArray &line : lines)
            QVERIFY(!line.contains(kSecret));
    }

    void exportHarCsvAndImportThroughTheWindow()
    {
        QSignalSpy exported(m_window.get(), &peanuts::MainWindow::exportFinished);
        const QString har = m_dir.filePath(QStringLiteral("export.har"));
        m_window->exportDeliveries(har);
        QVERIFY(exported.wait(5000));
        QCOMPARE(exported.at(0).at(0).toLongLong(), 6);
        QFile harFile(har);
        QVERIFY(harFile.open(QIODevice::ReadOnly));
        const QJsonObject log
            = QJsonDocument::fromJson(harFile.readAll()).object().value(QLatin1String("log")).toObject();
        QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("1.2"));
        QCOMPARE(log.value(QLatin1String("entries")).toArray().size(), 6);
        const QString csv = m_dir.filePath(QStringLiteral("entries.csv"));
        m_window->exportDeliveries(csv);
        QVERIFY(exported.wait(5000));
        // The current entries, not the deliveries: as many as the charts count (all are expenses here).
        QCOMPARE(exported.at(1).at(0).toLongLong(), m_window->charts()->countText().toLongLong());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QVERIFY(csvFile.readLine().startsWith("id,helper,helper_name,created_at,amount,category,description"));

        // The selected rows only (the first and the third shown), oldest first.
        auto *table = m_window->log()->findChild<QTableView *>();
        QVERIFY(table);
        peanuts::DeliveryLogModel *model = m_window->log()->model();
        table->clearSelection();
        for (int row : {0, 2})
            table->selectionModel()->select(
                model->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QList<qint64> picked = m_window->log()->selectedIds();
        QCOMPARE(picked.size(), 2);
        const QString selectedHar = m_dir.filePath(QStringLiteral("selected.har"));
        m_window->exportSelected(selectedHar);
        QVERIFY(exported.wait(5000));
        QCOMPARE(exported.at(2).at(0).toLongLong(), 2);
        QFile selectedFile(selectedHar);
        QVERIFY(selectedFile.open(QIODevice::ReadOnly));
        QList<qint64> inFile;
        for (const QJsonValue &e : QJsonDocument::fromJson(selectedFile.readAll())
                                       .object()
                                       .value(QLatin1String("log"))
                                       .toObject()
                                       .value(QLatin1String("entries"))
                                       .toArray())
            inFile.append(
                qint64(e.toObject().value(QLatin1String("_peanuts")).toObject().value(QLatin1String("id")).toDouble()));
        QList<qint64> sortedPicked = picked;
        std::sort(sortedPicked.begin(), sortedPicked.end());
        QCOMPARE(inFile, sortedPicked); // oldest first
        table->clearSelection();

        // An import goes through the running receiver's writer and shows like a delivery.
        const QByteArray body = makeBody(QStringLiteral("imported-1"), QStringLiteral("entry.created"),
            earlierToday(20), "5.00", QStringLiteral("Imported"));
        peanuts::Delivery d = receivedDelivery(body, QDateTime::currentMSecsSinceEpoch() - 60'000);
        d.event = peanuts::parseEvent(body, QDateTime::currentMSecsSinceEpoch(), 300'000).event;
        d.secretLabel = QStringLiteral("rotated-away");
        const QString file = m_dir.filePath(QStringLiteral("import.jsonl"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(peanuts::deliveryJson(d) + '\n');
        out.close();
        QSignalSpy imported(m_window.get(), &peanuts::MainWindow::importFinished);
        const int rowsBefore = m_window->log()->model()->rowCount();
        const qint64 entriesBefore = m_window->charts()->countText().toLongLong();
        m_window->importDeliveries({file});
        QVERIFY(imported.wait(10'000));
        QCOMPARE(imported.at(0).at(0).toLongLong(), 1);
        QTRY_COMPARE(m_window->log()->model()->rowCount(), rowsBefore + 1);
        QTRY_COMPARE(m_window->charts()->countText().toLongLong(), entriesBefore + 1);
        // Again: already there, nothing added.
        m_window->importDeliveries({file});
        QVERIFY(imported.wait(10'000));
        QCOMPARE(imported.at(1).at(0).toLongLong(), 0);
    }

    void chartsTab()
    {
        m_window->findChild<QTabWidget *>()->setCurrentIndex(1);
        QTRY_VERIFY(m_window->charts()->redrawCount() > 0);
        screenshot("charts");
        const QString png = m_dir.filePath(QStringLiteral("daily.png"));
        QVERIFY(m_window->charts()->saveChart(QStringLiteral("daily"), png));
        QVERIFY(!QImage(png).isNull());
        m_window->findChild<QTabWidget *>()->setCurrentIndex(0);
    }

    // A window closed while its reads are in flight (the first-run check, the rates, an export): the
    // reader's thread runs them while the window is being destroyed, and they answer through qApp,
    // which outlives that thread, never through the window (issue 11, defect 6). Before, each job
    // turned its QPointer<MainWindow> into a MainWindow * on the reader's thread, which UBSan
    // reports here as a downcast of an object that is no longer a MainWindow.
    void windowClosedWhileReadsInFlight()
    {
        QSemaphore holding, release, done;
        m_core.reader()->run([&](peanuts::Store &) {
            holding.release();
            release.acquire();
        });
        QVERIFY(holding.tryAcquire(1, 5000));
        const QString path = m_dir.filePath(QStringLiteral("closed.jsonl"));
        auto *window = new peanuts::MainWindow(&m_core, &m_notifier, m_secrets.get());
        window->exportDeliveries(path);
        m_core.reader()->run([&](peanuts::Store &) { done.release(); });
        // Midway through the window's destruction (its children go in ~QWidget, before ~QObject
        // clears the QPointers), the reader lets its queued jobs run, and they finish.
        bool finished = false;
        connect(window->statusBar(), &QObject::destroyed, this, [&] {
            release.release();
            finished = done.tryAcquire(1, 10000);
        });
        delete window;
        QVERIFY(finished);
        QTest::qWait(50); // their answers arrive and find the window gone
        QVERIFY(QFile::exists(path));
        QVERIFY(m_window->isVisible());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_core.stop();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
