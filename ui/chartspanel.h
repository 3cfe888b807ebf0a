// Charts of the expenses (Qt Charts): KPI cards, daily totals for 30 days, count and total by
// category, deliveries per minute over the last hour (accepted against rejected) and beside it the
// outgoing actions per minute (outgoingchart.h). Figures come from
// app/figures (the same code as /api/stats and /api/dashboard); redraws are coalesced to at most 5 a
// second however fast deliveries come.
#pragma once

#include "figures/figures.h"

#include <QWidget>

#include <QHash>

class QBarCategoryAxis;
class QBarSeries;
class QCategoryAxis;
class QChart;
class QHorizontalBarSeries;
class QLineSeries;
class QTimer;
class QShowEvent;
class QValueAxis;

namespace peanuts {

class HintChartView;
class KpiCard;
class OutgoingChart;
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
    OutgoingChart *outgoing() const { return m_outgoing; }

    // Saves one chart ("daily", "categories", "minutes") as PNG; false with *error on failure.
    bool saveChart(const QString &which, const QString &path, QString *error = nullptr);

public Q_SLOTS:
    void scheduleRefresh(); // coalesced
    void refreshNow();

Q_SIGNALS:
    void refreshed(); // after the figures are shown
    void cardsFilled(); // after the KPI cards show new figures, also behind another tab

private:
    static QString noExpensesHint();
    static constexpr int kDays = 30;
    static constexpr int kMinutes = 60;
    static constexpr int kMaxCategories = 8;
    static constexpr int kStageMs = 30;

    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void applyCards(const ChartFigures &figures);
    void finishRefresh(const std::optional<ChartFigures> &figures);
    // staged: the charts one event-loop pass apart; refreshed() when the last is in.
    void apply(const ChartFigures &figures, bool staged);
    void applyDaily(const ChartFigures &figures);
    void applyCategories(const ChartFigures &figures);
    void applyMinutes(const ChartFigures &figures);
    void applyStyle();
    void scheduleMinuteTick();
    HintChartView *addChart(QChart *chart, const QString &name);

    ReceiverCore *m_core;
    QTimer *m_coalesce = nullptr; // pending redraw, at most one
    QTimer *m_minuteTick = nullptr; // the minute chart moves and the month turns with no delivery
    int m_redraws = 0;
    quint64 m_applySerial = 0;
    bool m_refreshing = false; // a read job is out
    bool m_refreshAgain = false; // something changed while it was out
    std::optional<ChartFigures> m_hidden; // the latest figures, read while the panel was hidden
    KpiCard *m_total = nullptr;
    KpiCard *m_count = nullptr;
    KpiCard *m_average = nullptr;
    QHash<QString, HintChartView *> m_views;

    QBarSeries *m_daily = nullptr;
    QCategoryAxis *m_dailyDays = nullptr;
    QValueAxis *m_dailyValues = nullptr;
    QList<QPair<QDate, qint64>> m_dailyShown; // for tooltips, in exact cents

    // Two series on one category axis, each with its own value axis (money and entries), so that
    // neither scale flattens the other.
    QHorizontalBarSeries *m_categoryTotals = nullptr;
    QHorizontalBarSeries *m_categoryCounts = nullptr;
    QBarCategoryAxis *m_categoryNames = nullptr;
    QValueAxis *m_categoryMoney = nullptr;
    QValueAxis *m_categoryEntries = nullptr;
    QList<CategoryTotal> m_categoriesShown; // bottom to top, as drawn

    QLineSeries *m_accepted = nullptr;
    QLineSeries *m_rejected = nullptr;
    QCategoryAxis *m_minuteTimes = nullptr;
    QValueAxis *m_minuteValues = nullptr;
    QList<MinuteTraffic> m_minutesShown;
    OutgoingChart *m_outgoing = nullptr;
};

} // namespace peanuts
