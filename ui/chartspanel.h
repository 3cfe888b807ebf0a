// Charts of the expenses (Qt Charts): KPI cards, daily totals for 30 days, count and total by
// category, deliveries per minute over the last hour (accepted against rejected). Figures come from
// app/figures (the same code as /api/stats and /api/dashboard); redraws are coalesced to at most 5 a
// second however fast deliveries come.
#pragma once

#include "figures.h"

#include <QWidget>

#include <QHash>

class QBarCategoryAxis;
class QBarSeries;
class QChart;
class QChartView;
class QDateTimeAxis;
class QHorizontalBarSeries;
class QLabel;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace peanuts {

class ReceiverCore;

class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMinRedrawIntervalMs = 200;

    explicit ChartsPanel(ReceiverCore *core, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChartsPanel)

    // KPI texts as shown, for tests: total this month, count, average.
    QString totalThisMonthText() const;
    QString countText() const;
    QString averageText() const;
    int redrawCount() const { return m_redraws; }

    // Saves one chart ("daily", "categories", "minutes") as PNG; false with *error on failure.
    bool saveChart(const QString &which, const QString &path, QString *error = nullptr);

public Q_SLOTS:
    void scheduleRefresh(); // coalesced
    void refreshNow();

Q_SIGNALS:
    void refreshed(); // after the figures are shown

private:
    struct Figures; // everything one refresh shows, read in one job on the reader's thread
    void apply(const Figures &figures);
    QChartView *chartView(QChart *chart, const QString &name);

    ReceiverCore *m_core;
    QTimer *m_coalesce = nullptr;
    int m_redraws = 0;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    QLabel *m_total = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_average = nullptr;
    QLabel *m_hint = nullptr;
    QHash<QString, QChartView *> m_views;
    QBarSeries *m_daily = nullptr;
    QBarCategoryAxis *m_dailyAxis = nullptr;
    QValueAxis *m_dailyValues = nullptr;
    QHorizontalBarSeries *m_categories = nullptr;
    QBarCategoryAxis *m_categoryAxis = nullptr;
    QValueAxis *m_categoryValues = nullptr;
    QLineSeries *m_accepted = nullptr;
    QLineSeries *m_rejected = nullptr;
    QDateTimeAxis *m_minuteAxis = nullptr;
    QValueAxis *m_minuteValues = nullptr;
};

} // namespace peanuts
