// The charts panel over an in-process receiver, offscreen: its numbers are exactly the API's, redraws
// are coalesced under a flood, series are replaced whole, charts save as PNG, empty charts say so.
#include "chartspanel.h"
#include "figures/figures.h"
#include "ingest/money.h"
#include "receivercore.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QHorizontalBarSeries>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

using namespace testsupport;

namespace {

// "now" in UTC to the second, kept within today: the receiver's zone in tests is UTC, so these are
// today and this month, and never ahead of the receiver's clock by more than it allows.
QString nowStamp(int secondsLater = 0)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime at = now.addSecs(secondsLater);
    return (at.date() == now.date() ? at : now).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

// A number exactly as the API printed it, not as a double would print again.
QString rawNumber(const QByteArray &json, const QString &key)
{
    const QRegularExpression re(QStringLiteral("\"%1\":(-?[0-9.eE+-]+)").arg(key));
    return re.match(QString::fromUtf8(json)).captured(1);
}

QString stripZeroWidth(QString text)
{
    return text.remove(QChar(0x200B));
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;
    QNetworkAccessManager m_nam;
    std::unique_ptr<peanuts::ChartsPanel> m_panel;
    int m_accepted = 0; // deliveries answered 200 so far
    int m_rejected = 0;
    int m_batches = 0;

    // Screenshots to look at when PEANUTS_SCREENSHOT_DIR is set.
    void screenshot(const char *name)
    {
        const QString dir = qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(100); // the charts lay out on posted events
        QVERIFY(m_panel->grab().save(QDir(dir).filePath(QString::fromLatin1(name) + QStringLiteral(".png"))));
    }

    int post(const QByteArray &request)
    {
        RawClient client(m_core.port());
        client.send(request);
        const int status = client.waitForReplies(1).value(0).status;
        (status == 200 ? m_accepted : m_rejected) += 1;
        return status;
    }

    QByteArray get(const QString &path)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_core.port()).arg(path)));
        request.setRawHeader("Authorization", "Bearer " + kApiToken);
        QNetworkReply *reply = m_nam.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        const QByteArray body = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status == 200 ? body : QByteArray();
    }

    // Waits for a refresh that read the store after everything committed so far: a refresh already
    // out when we ask may have read too early, so ask twice.
    void settle()
    {
        // Refusals are answered before their rows commit: a job queued on the writer now runs after
        // the commit of everything submitted so far.
        QSemaphore written;
        m_core.store()->run([&written](peanuts::Store &) { written.release(); });
        QVERIFY(written.tryAcquire(1, 10'000));
        for (int round = 0; round < 2; ++round) {
            QSignalSpy refreshed(m_panel.get(), &peanuts::ChartsPanel::refreshed);
            m_panel->refreshNow();
            QVERIFY(refreshed.count() > 0 || refreshed.wait(5000));
        }
    }

    QChartView *view(const char *name) const { return m_panel->findChild<QChartView *>(QString::fromLatin1(name)); }

    template<typename Series> QList<Series *> seriesOf(const char *name) const
    {
        QList<Series *> found;
        for (QAbstractSeries *s : view(name)->chart()->series()) {
            if (auto *typed = qobject_cast<Series *>(s))
                found.append(typed);
        }
        return found;
    }

    QBarSet *categorySet(const QString &label) const
    {
        for (QHorizontalBarSeries *series : seriesOf<QHorizontalBarSeries>("categories")) {
            for (QBarSet *set : series->barSets()) {
                if (set->label() == label)
                    return set;
            }
        }
        return nullptr;
    }

    QLineSeries *minuteSeries(const QString &name) const
    {
        for (QLineSeries *series : seriesOf<QLineSeries>("minutes")) {
            if (series->name() == name)
                return series;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_nam.setAutoDeleteReplies(false);
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
        m_panel = std::make_unique<peanuts::ChartsPanel>(&m_core);
        m_panel->resize(1280, 860);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        QTRY_VERIFY(m_panel->redrawCount() > 0);
    }

    void emptyStateShowsAHint()
    {
        QCOMPARE(m_panel->countText(), QStringLiteral("0"));
        QCOMPARE(m_panel->totalThisMonthText(), QStringLiteral("0"));
        QCOMPARE(m_panel->averageText(), QStringLiteral("0"));
        for (const char *name : {"daily", "categories", "minutes"}) {
            QVERIFY2(view(name), name);
            QVERIFY2(view(name)->accessibleDescription().contains(QStringLiteral("send a test delivery")), name);
            for (QAbstractSeries *series : view(name)->chart()->series())
                QVERIFY2(!series->isVisible(), name);
            for (QAbstractAxis *axis : view(name)->chart()->axes())
                QVERIFY2(!axis->isVisible(), name);
        }
        QVERIFY(view("daily")->accessibleDescription().startsWith(QStringLiteral("No expenses yet")));
        screenshot("charts-empty");
    }

    void kpisAreTheApisNumbers()
    {
        const QList<std::tuple<QString, QByteArray, QString, QString>> expenses {
            {QStringLiteral("e1"), "12.50", QStringLiteral("Food"), QStringLiteral("/expenses")},
            {QStringLiteral("e2"), "40", QStringLiteral("Travel"), QStringLiteral("/expenses")},
            {QStringLiteral("e3"), "7.25", QStringLiteral("Food"), QStringLiteral("/expenses")},
            {QStringLiteral("e4"), "3.335", QStringLiteral("Books"), QStringLiteral("/expenses")}, // 3.34
            // Counted, not summed: a non-numeric amount is kept and flagged.
            {QStringLiteral("e5"), "\"n/a\"", QStringLiteral("Food"), QStringLiteral("/expenses")},
            {QStringLiteral("e6"), "1", QString(), QStringLiteral("/expenses")}, // no category
            {QStringLiteral("e7"), "99", QStringLiteral("Food"), QStringLiteral("/notes")}, // not an expense
        };
        for (const auto &[id, amount, category, command] : expenses)
            QCOMPARE(post(signedRequest(
                         makeBody(id, QStringLiteral("entry.created"), nowStamp(-2), amount, category, command))),
                200);
        // e2 corrected to 41: the projection, not the sum of events, is what counts.
        QCOMPARE(post(signedRequest(makeBody(QStringLiteral("e2"), QStringLiteral("entry.updated"), nowStamp(), "41",
                     QStringLiteral("Travel"), QStringLiteral("/expenses"), nowStamp(-2)))),
            200);
        QCOMPARE(post(webhookRequest(makeBody(QStringLiteral("bad-1")), QByteArray(64, 'a'))), 401);
        QCOMPARE(post(webhookRequest(makeBody(QStringLiteral("bad-2")), QByteArray())), 401);
        QCOMPARE(post(signedRequest("{\"event\":7}")), 400);
        settle();

        const QByteArray stats = get(QStringLiteral("/api/stats"));
        QVERIFY2(!stats.isEmpty(), "GET /api/stats failed");
        QCOMPARE(m_panel->totalThisMonthText(), rawNumber(stats, QStringLiteral("total_this_month")));
        QCOMPARE(m_panel->countText(), rawNumber(stats, QStringLiteral("count")));
        QCOMPARE(m_panel->averageText(), rawNumber(stats, QStringLiteral("average_amount")));
        // And the API says what these expenses add up to: 12.50 + 41 + 7.25 + 3.34 + 1 over 5 amounts.
        QCOMPARE(m_panel->totalThisMonthText(), QStringLiteral("65.09"));
        QCOMPARE(m_panel->countText(), QStringLiteral("6"));
        QCOMPARE(m_panel->averageText(), QStringLiteral("13.02"));
        for (const char *name : {"daily", "categories", "minutes"})
            QVERIFY2(view(name)->accessibleDescription().isEmpty(), name);
        screenshot("charts");
    }

    void dailyBarsAreTheDashboard()
    {
        const QJsonObject dashboard = QJsonDocument::fromJson(get(QStringLiteral("/api/dashboard"))).object();
        const QJsonObject days = dashboard.value(QStringLiteral("daily_totals")).toObject();
        QCOMPARE(days.size(), 30);
        const QList<QBarSeries *> series = seriesOf<QBarSeries>("daily");
        QCOMPARE(series.size(), 1);
        QCOMPARE(series[0]->count(), 1);
        QBarSet *set = series[0]->barSets().constFirst();
        QCOMPARE(set->count(), 30);
        const QDate today = QDateTime::currentDateTimeUtc().date();
        QCOMPARE(set->at(29), days.value(today.toString(Qt::ISODate)).toDouble());
        QCOMPARE(set->at(29), 65.09);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(set->at(i), days.value(today.addDays(i - 29).toString(Qt::ISODate)).toDouble());
        // Labels a week apart, today's among them, so that thirty dates do not crowd the axis.
        auto *axis = qobject_cast<QCategoryAxis *>(series[0]->attachedAxes().constFirst());
        QVERIFY(axis);
        QVERIFY(axis->count() <= 5);
        QVERIFY(axis->categoriesLabels().contains(QLocale().toString(today, QStringLiteral("d MMM"))));
    }

    void categoryBarsAreTheStats()
    {
        const QByteArray raw = get(QStringLiteral("/api/stats"));
        const QJsonObject stats = QJsonDocument::fromJson(raw).object();
        const QJsonObject byCategory = stats.value(QStringLiteral("count_by_category")).toObject();
        QBarSet *totals = categorySet(QStringLiteral("total"));
        QBarSet *counts = categorySet(QStringLiteral("entries"));
        QVERIFY(totals && counts);
        QBarCategoryAxis *names = nullptr;
        for (QAbstractAxis *axis : view("categories")->chart()->axes()) {
            if (auto *a = qobject_cast<QBarCategoryAxis *>(axis))
                names = a;
        }
        QVERIFY(names);
        QCOMPARE(names->count(), byCategory.size());
        QCOMPARE(totals->count(), names->count());
        QCOMPARE(counts->count(), names->count());
        qint64 sumCents = 0;
        QStringList order;
        for (int i = 0; i < names->count(); ++i) {
            QString name = stripZeroWidth(names->at(i));
            order.prepend(name); // drawn bottom up: the first is the smallest
            const QString key = name == QStringLiteral("(no category)") ? QString() : name;
            QVERIFY2(byCategory.contains(key), qPrintable(name));
            QCOMPARE(counts->at(i), byCategory.value(key).toDouble());
            sumCents += qRound64(totals->at(i) * 100);
            if (i > 0)
                QVERIFY(totals->at(i) >= totals->at(i - 1));
        }
        QCOMPARE(order,
            QStringList({QStringLiteral("Travel"), QStringLiteral("Food"), QStringLiteral("Books"),
                QStringLiteral("(no category)")}));
        QCOMPARE(totals->at(names->count() - 1), 41.0);
        QCOMPARE(totals->at(names->count() - 2), 19.75);
        QCOMPARE(QString::fromLatin1(peanuts::centsToDecimal(sumCents)), rawNumber(raw, QStringLiteral("total")));
    }

    void minuteSeriesCountsDeliveries()
    {
        QLineSeries *accepted = minuteSeries(QStringLiteral("accepted"));
        QLineSeries *rejected = minuteSeries(QStringLiteral("rejected"));
        QVERIFY(accepted && rejected);
        QCOMPARE(accepted->count(), 60);
        QCOMPARE(rejected->count(), 60);
        QCOMPARE(rejected->color(), QColor(0xd6, 0x45, 0x45));
        qreal acceptedSum = 0, rejectedSum = 0;
        for (int i = 0; i < 60; ++i) {
            acceptedSum += accepted->at(i).y();
            rejectedSum += rejected->at(i).y();
            if (i > 0)
                QCOMPARE(accepted->at(i).x() - accepted->at(i - 1).x(), 60'000.0);
        }
        QCOMPARE(acceptedSum, qreal(m_accepted));
        QCOMPARE(rejectedSum, qreal(m_rejected));
        const qint64 minute = QDateTime::currentMSecsSinceEpoch() / 60'000 * 60'000;
        QVERIFY(qAbs(accepted->at(59).x() - qreal(minute)) <= 60'000);
    }

    void seriesAreReplacedWhole()
    {
        QLineSeries *accepted = minuteSeries(QStringLiteral("accepted"));
        QSignalSpy added(accepted, &QXYSeries::pointAdded);
        QSignalSpy removed(accepted, &QXYSeries::pointsRemoved);
        QSignalSpy replaced(accepted, &QXYSeries::pointsReplaced);
        QBarSeries *daily = seriesOf<QBarSeries>("daily").constFirst();
        QSignalSpy setsAdded(daily, &QAbstractBarSeries::barsetsAdded);
        QBarSet *days = daily->barSets().constFirst();
        const qreal today = days->at(days->count() - 1);
        QSignalSpy daysChanged(days, &QBarSet::valueChanged);
        QCOMPARE(post(signedRequest(makeBody(
                     QStringLiteral("e8"), QStringLiteral("entry.created"), nowStamp(), "2", QStringLiteral("Food")))),
            200);
        settle();
        QCOMPARE(added.count(), 0);
        QCOMPARE(removed.count(), 0);
        QVERIFY(replaced.count() >= 1);
        // The bars keep their set: only the value that changed (today's) is replaced, so that a
        // refresh does not rebuild thirty bars and their labels.
        QCOMPARE(setsAdded.count(), 0);
        QCOMPARE(daily->barSets().constFirst(), days);
        QCOMPARE(daysChanged.count(), 1);
        QCOMPARE(daysChanged.at(0).at(0).toInt(), days->count() - 1);
        QCOMPARE(days->at(days->count() - 1), today + 2);
        QCOMPARE(accepted->count(), 60);
        QCOMPARE(daily->barSets().constFirst()->count(), 30);
        QCOMPARE(daily->count(), 1);
    }

    // Posts `perConnection` deliveries on each of `connections` connections, `pipelined` at a time with
    // `pauseMs` between, from threads of their own so that the GUI thread is free to redraw meanwhile;
    // returns how many were answered 200.
    int deliverFromThreads(int connections, int perConnection, int pipelined, int pauseMs)
    {
        const quint16 port = m_core.port();
        const int batch = ++m_batches;
        std::atomic<int> ok {0};
        QList<QThread *> threads;
        for (int c = 0; c < connections; ++c) {
            threads.append(QThread::create([=, &ok] {
                RawClient client(port);
                for (int sent = 0; sent < perConnection; sent += pipelined) {
                    QByteArray requests;
                    for (int i = sent; i < sent + pipelined; ++i)
                        requests += signedRequest(makeBody(QStringLiteral("load-%1-%2-%3").arg(batch).arg(c).arg(i),
                            QStringLiteral("entry.created"), nowStamp(), "1", QStringLiteral("Bulk")));
                    client.send(requests);
                    // The client keeps every reply of the connection: wait for this batch's too.
                    client.waitForReplies(sent + pipelined, 20000);
                    if (pauseMs)
                        QThread::msleep(pauseMs);
                }
                for (const HttpReply &reply : parseReplies(client.received()))
                    ok += reply.status == 200 ? 1 : 0;
            }));
        }
        for (QThread *thread : threads)
            thread->start();
        for (QThread *thread : threads) {
            while (!thread->wait(QDeadlineTimer(10)))
                QCoreApplication::processEvents(); // the panel redraws meanwhile
        }
        qDeleteAll(threads);
        m_accepted += ok.load();
        return ok.load();
    }

    // Delivers under load while timing every redraw, then checks the rate: at most one redraw per
    // kMinRedrawIntervalMs, on average and between any two.
    void checkRedrawRate(int connections, int perConnection, int pipelined, int pauseMs, int minRedraws)
    {
        settle();
        const int countBefore = m_panel->countText().toInt();
        const int redrawsBefore = m_panel->redrawCount();
        QList<qint64> shownAt;
        QElapsedTimer clock;
        clock.start();
        // Timed where a redraw starts (the cards are filled first): the throttle spaces those. Its end,
        // refreshed(), comes two staged passes later, which a loaded event loop may delay for one redraw
        // and not the next.
        const QMetaObject::Connection timing = connect(
            m_panel.get(), &peanuts::ChartsPanel::cardsFilled, this, [&] { shownAt.append(clock.elapsed()); });

        const int sent = connections * perConnection;
        QCOMPARE(deliverFromThreads(connections, perConnection, pipelined, pauseMs), sent);
        const qint64 delivered = clock.elapsed();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->countText(), QString::number(countBefore + sent), 5000);
        const qint64 elapsed = clock.elapsed();
        const int redraws = m_panel->redrawCount() - redrawsBefore;
        disconnect(timing);

        qInfo("%d deliveries in %lld ms, shown after %lld ms with %d redraws", sent, delivered, elapsed, redraws);
        QVERIFY2(redraws >= minRedraws, qPrintable(QStringLiteral("only %1 redraws").arg(redraws)));
        QVERIFY2(redraws <= elapsed / peanuts::ChartsPanel::kMinRedrawIntervalMs + 2,
            qPrintable(QStringLiteral("%1 redraws in %2 ms").arg(redraws).arg(elapsed)));
        // Never two within the interval (a millisecond clock, hence the 1 ms slack).
        for (qsizetype i = 1; i < shownAt.size(); ++i)
            QVERIFY2(shownAt[i] - shownAt[i - 1] >= peanuts::ChartsPanel::kMinRedrawIntervalMs - 1,
                qPrintable(QStringLiteral("redraws %1 ms apart").arg(shownAt[i] - shownAt[i - 1])));
        settle();
        QCOMPARE(m_panel->countText(), rawNumber(get(QStringLiteral("/api/stats")), QStringLiteral("count")));
    }

    void floodIsCoalesced()
    {
        // 500 as fast as the receiver takes them: 4 connections, 25 pipelined at a time.
        checkRedrawRate(4, 125, 25, 0, 1);
        screenshot("charts-flood");
    }

    void steadyStreamRedrawsAtMostFiveTimesASecond()
    {
        // About 2.5 s of one delivery every 10 ms: the panel keeps up, five times a second at most.
        checkRedrawRate(1, 250, 1, 10, 5);
    }

    void manyCategoriesFoldIntoOthers()
    {
        // Nine small categories more: fourteen in all, so the chart shows seven and folds the rest.
        for (int i = 1; i <= 9; ++i)
            QCOMPARE(post(signedRequest(makeBody(QStringLiteral("small-%1").arg(i), QStringLiteral("entry.created"),
                         nowStamp(), QByteArray::number(i) + "0", QStringLiteral("Small %1").arg(i)))),
                200);
        settle();
        const QByteArray raw = get(QStringLiteral("/api/stats"));
        const QJsonObject byCategory
            = QJsonDocument::fromJson(raw).object().value(QStringLiteral("count_by_category")).toObject();
        QCOMPARE(byCategory.size(), 14);
        QBarSet *totals = categorySet(QStringLiteral("total"));
        QBarSet *counts = categorySet(QStringLiteral("entries"));
        QVERIFY(totals && counts);
        QCOMPARE(totals->count(), 8);
        QBarCategoryAxis *names = nullptr;
        for (QAbstractAxis *axis : view("categories")->chart()->axes()) {
            if (auto *a = qobject_cast<QBarCategoryAxis *>(axis))
                names = a;
        }
        QVERIFY(names);
        QCOMPARE(names->at(0), QStringLiteral("7 others")); // at the bottom
        // Nothing lost in the fold: the bars still add up to the API's count and total.
        qint64 sumCents = 0, count = 0;
        for (int i = 0; i < totals->count(); ++i) {
            sumCents += qRound64(totals->at(i) * 100);
            count += qint64(counts->at(i));
        }
        QCOMPARE(QString::fromLatin1(peanuts::centsToDecimal(sumCents)), rawNumber(raw, QStringLiteral("total")));
        QCOMPARE(QString::number(count), rawNumber(raw, QStringLiteral("count")));
        // The largest seven are shown by name, largest at the top.
        QCOMPARE(stripZeroWidth(names->at(7)), QStringLiteral("Bulk"));
        QCOMPARE(stripZeroWidth(names->at(6)), QStringLiteral("Small 9")); // 90
        QCOMPARE(stripZeroWidth(names->at(1)), QStringLiteral("Travel")); // 41, above Small 4's 40
        screenshot("charts-categories");
    }

    void followsADarkPalette()
    {
        const QPalette light = m_panel->palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Base, QColor(0x2b, 0x2d, 0x31));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        m_panel->setPalette(dark);
        for (const char *name : {"daily", "categories", "minutes"}) {
            QCOMPARE(view(name)->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
            QCOMPARE(view(name)->chart()->titleBrush().color(), dark.color(QPalette::Text));
        }
        screenshot("charts-dark");
        m_panel->setPalette(light);
        QCOMPARE(view("daily")->chart()->backgroundBrush().color(), light.color(QPalette::Base));
    }

    void chartsSaveAsPng_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addRow("daily") << QStringLiteral("daily");
        QTest::addRow("categories") << QStringLiteral("categories");
        QTest::addRow("minutes") << QStringLiteral("minutes");
    }

    void chartsSaveAsPng()
    {
        QFETCH(QString, which);
        const QString path = m_dir.filePath(which + QStringLiteral(".png"));
        QString error;
        QVERIFY2(m_panel->saveChart(which, path, &error), qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 0);
        const QImage image(path);
        QVERIFY(!image.isNull());
        QChartView *chart = view(qPrintable(which));
        QCOMPARE(image.size(), chart->size() * chart->devicePixelRatio());
        QVERIFY(image.size().width() >= 320 && image.size().height() >= 220);
    }

    void unknownChartIsAnError()
    {
        QString error;
        QVERIFY(!m_panel->saveChart(QStringLiteral("pie"), m_dir.filePath(QStringLiteral("pie.png")), &error));
        QVERIFY(error.contains(QStringLiteral("pie")));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("pie.png"))));
        QVERIFY(
            !m_panel->saveChart(QStringLiteral("daily"), m_dir.filePath(QStringLiteral("no/such/dir.png")), &error));
        QVERIFY(!error.isEmpty());
    }

    void contextMenuOffersSaveAsPng()
    {
        QStringList actions;
        QTimer::singleShot(100, this, [&actions] {
            if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
                for (QAction *action : menu->actions())
                    actions.append(action->text());
                menu->close();
            }
        });
        QChartView *chart = view("minutes");
        QCOMPARE(chart->contextMenuPolicy(), Qt::CustomContextMenu);
        Q_EMIT chart->customContextMenuRequested(QPoint(20, 20));
        QCOMPARE(actions, QStringList {QStringLiteral("Save as PNG…")});
    }

    void foldingCategories()
    {
        const QList<peanuts::CategoryTotal> five {{QStringLiteral("a"), 1, 500}, {QStringLiteral("b"), 2, 400},
            {QStringLiteral("c"), 3, 300}, {QStringLiteral("d"), 4, 200}, {QStringLiteral("e"), 5, 100}};
        auto folded = peanuts::foldCategories(five, 3);
        QCOMPARE(folded.top.size(), 2);
        QCOMPARE(folded.top[1].category, QStringLiteral("b"));
        QCOMPARE(folded.restCategories, 3);
        QCOMPARE(folded.rest.count, 12);
        QCOMPARE(folded.rest.sumCents, 600);
        folded = peanuts::foldCategories(five, 5);
        QCOMPARE(folded.top.size(), 5);
        QCOMPARE(folded.restCategories, 0);
        QCOMPARE(folded.rest.count, 0);
    }

    void acceptedAgainstRejected()
    {
        peanuts::MinuteCounts minute {120'000, {}};
        for (int o = 0; o < int(peanuts::Outcome::OutcomeCount); ++o)
            minute.counts[size_t(o)] = qint64(1) << o;
        const auto traffic = peanuts::acceptedAndRejected({minute});
        QCOMPARE(traffic.size(), 1);
        QCOMPARE(traffic[0].minuteStartMs, 120'000);
        QCOMPARE(traffic[0].accepted, 1 + 2 + 4 + 8); // accepted, duplicate, stale, ignored
        QCOMPARE(traffic[0].rejected, 16 + 32 + 64 + 128); // 413, 401, 400 and 503
    }

    void cleanupTestCase()
    {
        m_panel.reset();
        m_core.stop();
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
