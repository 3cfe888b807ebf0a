// Hooks the probe onto signals the window already has; nothing here runs in a normal session.
#include "benchprobe.h"

#include "chartspanel.h"
#include "deliverylogmodel.h"
#include "deliverylogview.h"
#include "mainwindow.h"
#include "stallprobe.h"

#include <QApplication>
#include <QEvent>
#include <QExposeEvent>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QWindow>

#include <cstdio>

namespace peanuts {

namespace {

// Watches the window's first exposure and the log's first paint after its first page came in;
// marks "usable" once those and the KPI cards are done.
class ColdStartWatch : public QObject
{
public:
    ColdStartWatch(MainWindow *window, StallProbe *probe)
        : QObject(probe)
        , m_window(window)
        , m_probe(probe)
    {
    }

    void check()
    {
        if (m_probe->hasMark(QStringLiteral("usable")))
            return;
        const bool logDone = m_probe->hasMark(QStringLiteral("log_painted"))
            || (m_probe->hasMark(QStringLiteral("log_first_page")) && m_window->isFirstRunShown());
        if (!m_probe->hasMark(QStringLiteral("window_exposed")) || !logDone
            || !m_probe->hasMark(QStringLiteral("kpi_filled")))
            return;
        m_probe->mark(QStringLiteral("usable"));
        if (qEnvironmentVariableIntValue("PEANUTS_BENCH_QUIT_WHEN_USABLE"))
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Expose && watched == m_window->windowHandle()
            && m_window->windowHandle()->isExposed()) {
            m_probe->mark(QStringLiteral("window_exposed"));
            check();
        } else if (event->type() == QEvent::Paint && watched == m_window->log()->table()->viewport()
            && m_probe->hasMark(QStringLiteral("log_first_page"))) {
            m_probe->mark(QStringLiteral("log_painted"));
            check();
        }
        return false;
    }

private:
    MainWindow *m_window;
    StallProbe *m_probe;
};

} // namespace

void attachBenchProbe(MainWindow *window)
{
    const QString path = qEnvironmentVariable("PEANUTS_BENCH_PROBE");
    if (path.isEmpty())
        return;
    auto *probe = new StallProbe(path, window);
    if (!probe->isOpen())
        std::fprintf(stderr, "peanuts-monitor: bench probe: %s\n", qPrintable(probe->errorString()));
    probe->mark(QStringLiteral("window_shown_called"));
    QTimer::singleShot(0, probe, [probe] { probe->mark(QStringLiteral("event_loop_running")); });

    auto *watch = new ColdStartWatch(window, probe);
    if (window->windowHandle()) {
        window->windowHandle()->installEventFilter(watch);
        if (window->windowHandle()->isExposed())
            probe->mark(QStringLiteral("window_exposed"));
    }
    window->log()->table()->viewport()->installEventFilter(watch);

    QObject::connect(window->log()->model(), &DeliveryLogModel::filterApplied, probe, [probe, watch] {
        probe->mark(QStringLiteral("log_first_page"));
        watch->check();
    });
    QObject::connect(window->log()->model(), &DeliveryLogModel::rowsArrived, probe, [probe](int rows) {
        probe->count(QStringLiteral("log_insert_batches"));
        probe->count(QStringLiteral("log_rows_inserted"), rows);
    });
    // Charts behind another tab are not redrawn; the cards are filled either way.
    QObject::connect(
        window->charts(), &ChartsPanel::refreshed, probe, [probe] { probe->count(QStringLiteral("chart_redraws")); });
    QObject::connect(window->charts(), &ChartsPanel::cardsFilled, probe, [probe, watch] {
        probe->mark(QStringLiteral("kpi_filled"));
        watch->check();
    });
    if (qEnvironmentVariable("PEANUTS_BENCH_TAB") == QStringLiteral("expenses")) {
        if (auto *tabs = window->findChild<QTabWidget *>())
            tabs->setCurrentWidget(window->charts());
    }
}

} // namespace peanuts
