// Expense charts over app/figures: KPI cards, daily totals, categories, deliveries per minute.
// One read per refresh (FiguresService); series are replaced whole, never appended to; bars and axis labels
// change only where the figures did.
#include "chartspanel.h"

#include "chartupdates.h"
#include "hintchartview.h"
#include "ingest/money.h"
#include "kpicard.h"
#include "outgoingchart.h"
#include "palette.h"
#include "receivercore.h"
#include "services/batchnotifier.h"
#include "services/figuresservice.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QMenu>
#include <QStandardPaths>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <memory>
#include <utility>

namespace peanuts {

QString ChartsPanel::noExpensesHint()
{
    return tr("No expenses yet — send a test delivery");
}

ChartsPanel::ChartsPanel(ReceiverCore *core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_coalesce(new QTimer(this))
    , m_minuteTick(new QTimer(this))
{
    // Precise: a coarse timer may fire up to 5% early, and the interval is a promise.
    m_coalesce->setSingleShot(true);
    m_coalesce->setTimerType(Qt::PreciseTimer);
    m_coalesce->setInterval(kMinRedrawIntervalMs);
    connect(m_coalesce, &QTimer::timeout, this, &ChartsPanel::refreshNow);
    m_minuteTick->setSingleShot(true);
    connect(m_minuteTick, &QTimer::timeout, this, [this] {
        scheduleRefresh();
        scheduleMinuteTick();
    });

    m_total = new KpiCard(tr("Total this month"), this);
    m_count = new KpiCard(tr("Entries"), this);
    m_average = new KpiCard(tr("Average expense"), this);
    m_count->setDetail(tr("current expense entries, all time"));
    m_average->setDetail(tr("per entry with an amount, all time"));
    auto *cards = new QHBoxLayout;
    cards->setSpacing(12);
    for (KpiCard *card : {m_total, m_count, m_average})
        cards->addWidget(card);

    // Daily totals: bars on a value axis with a label a week apart, since thirty dates do not fit.
    auto *daily = new QChart;
    daily->setTitle(tr("Daily totals, last %1 days").arg(kDays));
    m_daily = new QBarSeries(daily);
    m_daily->setBarWidth(0.7);
    daily->addSeries(m_daily);
    m_dailyDays = new QCategoryAxis(daily);
    m_dailyDays->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_dailyDays->setGridLineVisible(false);
    m_dailyValues = new QValueAxis(daily);
    daily->addAxis(m_dailyDays, Qt::AlignBottom);
    daily->addAxis(m_dailyValues, Qt::AlignLeft);
    m_daily->attachAxis(m_dailyDays);
    m_daily->attachAxis(m_dailyValues);
    daily->legend()->hide();
    connect(m_daily, &QAbstractBarSeries::hovered, this, [this](bool on, int index) {
        if (!on || index < 0 || index >= m_dailyShown.size())
            return QToolTip::hideText();
        const auto &[day, cents] = m_dailyShown[index];
        QToolTip::showText(QCursor::pos(),
            tr("%1: %2", "day: total")
                .arg(QLocale().toString(day, QStringLiteral("ddd d MMM yyyy")),
                    QString::fromLatin1(centsToDecimal(cents))));
    });

    auto *categories = new QChart;
    categories->setTitle(tr("By category: total and entries"));
    m_categoryTotals = new QHorizontalBarSeries(categories);
    m_categoryCounts = new QHorizontalBarSeries(categories);
    m_categoryNames = new QBarCategoryAxis(categories);
    m_categoryNames->setGridLineVisible(false);
    m_categoryMoney = new QValueAxis(categories);
    m_categoryMoney->setTitleText(tr("total"));
    m_categoryEntries = new QValueAxis(categories);
    m_categoryEntries->setTitleText(tr("entries"));
    m_categoryEntries->setGridLineVisible(false); // one grid is enough; the money axis keeps it
    categories->addAxis(m_categoryNames, Qt::AlignLeft);
    categories->addAxis(m_categoryMoney, Qt::AlignBottom);
    categories->addAxis(m_categoryEntries, Qt::AlignTop);
    // Added counts first: the later series is drawn above, and the total is what the order is by.
    for (QHorizontalBarSeries *series : {m_categoryCounts, m_categoryTotals}) {
        series->setBarWidth(0.7);
        series->setLabelsVisible(true);
        series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
        series->setLabelsPrecision(15); // "1234.56", not "1234.6" or "1.23457e+06"
        categories->addSeries(series);
        series->attachAxis(m_categoryNames);
        series->attachAxis(series == m_categoryTotals ? m_categoryMoney : m_categoryEntries);
        connect(series, &QAbstractBarSeries::hovered, this, [this](bool on, int index) {
            if (!on || index < 0 || index >= m_categoriesShown.size())
                return QToolTip::hideText();
            const CategoryTotal &c = m_categoriesShown[index];
            QToolTip::showText(QCursor::pos(),
                tr("%1: %2 in %Ln entries", nullptr, int(c.count))
                    .arg(m_categoryNames->at(index), QString::fromLatin1(centsToDecimal(c.sumCents))));
        });
    }
    categories->legend()->setAlignment(Qt::AlignBottom);

    auto *minutes = new QChart;
    minutes->setTitle(tr("Deliveries per minute, last hour"));
    m_accepted = new QLineSeries(minutes);
    m_accepted->setName(tr("accepted"));
    m_rejected = new QLineSeries(minutes);
    m_rejected->setName(tr("rejected"));
    m_minuteTimes = new QCategoryAxis(minutes);
    m_minuteTimes->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_minuteValues = new QValueAxis(minutes);
    minutes->addAxis(m_minuteTimes, Qt::AlignBottom);
    minutes->addAxis(m_minuteValues, Qt::AlignLeft);
    for (QLineSeries *series : {m_accepted, m_rejected}) {
        minutes->addSeries(series);
        series->attachAxis(m_minuteTimes);
        series->attachAxis(m_minuteValues);
        connect(series, &QXYSeries::hovered, this, [this](const QPointF &point, bool on) {
            if (!on || m_minutesShown.isEmpty())
                return QToolTip::hideText();
            const qint64 first = m_minutesShown.constFirst().minuteStartMs;
            const qsizetype i
                = qBound<qsizetype>(0, qRound64((point.x() - qreal(first)) / 60'000.0), m_minutesShown.size() - 1);
            const MinuteTraffic &m = m_minutesShown[i];
            const QTimeZone zone = m_core->figures()->zone();
            QToolTip::showText(QCursor::pos(),
                tr("%1: %2 accepted, %3 rejected")
                    .arg(QDateTime::fromMSecsSinceEpoch(m.minuteStartMs, zone).toString(QStringLiteral("HH:mm")))
                    .arg(m.accepted)
                    .arg(m.rejected));
        });
    }
    minutes->legend()->setAlignment(Qt::AlignBottom);

    auto *grid = new QGridLayout;
    grid->setSpacing(12);
    grid->addWidget(addChart(daily, QStringLiteral("daily")), 0, 0, 1, 3);
    grid->addWidget(addChart(categories, QStringLiteral("categories")), 1, 0);
    grid->addWidget(addChart(minutes, QStringLiteral("minutes")), 1, 1);
    grid->addWidget(m_outgoing = new OutgoingChart(core->actions(), this), 1, 2);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(12);
    layout->addLayout(cards);
    layout->addLayout(grid, 1);
    applyStyle();

    // Nothing to show until the first figures arrive: the hint rather than bare axes.
    for (HintChartView *view : std::as_const(m_views))
        view->setHint(noExpensesHint());
    for (QAbstractSeries *series : {static_cast<QAbstractSeries *>(m_daily),
             static_cast<QAbstractSeries *>(m_categoryTotals), static_cast<QAbstractSeries *>(m_categoryCounts),
             static_cast<QAbstractSeries *>(m_accepted), static_cast<QAbstractSeries *>(m_rejected)}) {
        series->hide();
        for (QAbstractAxis *axis : series->attachedAxes())
            axis->hide();
    }

    connect(core->batches(), &BatchNotifier::committed, this, &ChartsPanel::scheduleRefresh);
    scheduleMinuteTick();
    refreshNow();
}

HintChartView *ChartsPanel::addChart(QChart *chart, const QString &name)
{
    chart->setAnimationOptions(QChart::NoAnimation); // at up to five redraws a second animation only lags
    chart->setMargins(QMargins(8, 6, 12, 6));
    chart->setBackgroundRoundness(8);
    auto *view = new HintChartView(chart, this);
    view->setObjectName(name);
    view->setAccessibleName(name);
    view->setFrameShape(QFrame::NoFrame);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(320, 220);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this, view, name](const QPoint &at) {
        QMenu menu(view);
        menu.addAction(tr("Save as PNG…"), this, [this, name] {
            const QString suggested
                = QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                      .filePath(
                          QStringLiteral("peanuts-%1-%2.png").arg(name, QDate::currentDate().toString(Qt::ISODate)));
            QString path
                = QFileDialog::getSaveFileName(this, tr("Save chart as PNG"), suggested, tr("PNG images (*.png)"));
            if (path.isEmpty())
                return;
            if (!path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
                path += QStringLiteral(".png");
            QString error;
            if (!saveChart(name, path, &error))
                QToolTip::showText(QCursor::pos(), error);
        });
        menu.exec(view->mapToGlobal(at));
    });
    m_views.insert(name, view);
    return view;
}

QString ChartsPanel::totalThisMonthText() const
{
    return m_total->value();
}

QString ChartsPanel::countText() const
{
    return m_count->value();
}

QString ChartsPanel::averageText() const
{
    return m_average->value();
}

bool ChartsPanel::saveChart(const QString &which, const QString &path, QString *error)
{
    if (m_hidden) // figures that arrived while the panel was hidden
        apply(*std::exchange(m_hidden, std::nullopt), false);
    HintChartView *view = m_views.value(which);
    if (!view) {
        if (error)
            *error = tr("There is no chart named \"%1\" (daily, categories, minutes).").arg(which);
        return false;
    }
    if (!view->grab().save(path, "PNG")) {
        if (error)
            *error = tr("Could not write %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

void ChartsPanel::scheduleRefresh()
{
    // While a read is out, note it; the timer starts when the read is shown, so redraws stay at least
    // kMinRedrawIntervalMs apart however long reads take.
    if (m_refreshing)
        m_refreshAgain = true;
    else if (!m_coalesce->isActive())
        m_coalesce->start();
}

void ChartsPanel::refreshNow()
{
    m_coalesce->stop(); // this read covers whatever was pending
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    FiguresService *figures = m_core->figures();
    if (!figures->isAvailable())
        return;
    m_refreshing = true;
    figures->charts(
        this, kDays, kMinutes, kMaxCategories, [this](const std::optional<ChartFigures> &f) { finishRefresh(f); });
}

void ChartsPanel::finishRefresh(const std::optional<ChartFigures> &figures)
{
    m_refreshing = false;
    if (figures && isVisible()) {
        m_hidden.reset();
        apply(*figures, true);
    } else if (figures) {
        // Behind another tab: the cards' texts now (they are cheap, and read), the charts' layout
        // when the panel shows.
        m_hidden = figures;
        applyCards(*figures);
    }
    // A failed read keeps the last figures on screen; the next batch or minute tries again.
    if (m_refreshAgain) {
        m_refreshAgain = false;
        m_coalesce->start();
    }
}

void ChartsPanel::applyCards(const ChartFigures &f)
{
    // The KPI texts are /api/stats' own numbers, printed by the same function.
    m_total->setValue(QString::fromLatin1(centsToDecimal(f.stats.totalThisMonthCents)));
    m_count->setValue(QString::number(f.stats.count));
    m_average->setValue(QString::fromLatin1(centsToDecimal(f.stats.averageCents)));
    if (!f.daily.dailyTotals.isEmpty())
        m_total->setDetail(
            tr("%1 · %2", "month · time zone")
                .arg(QLocale().toString(f.daily.dailyTotals.constLast().first, QStringLiteral("MMMM yyyy")),
                    QString::fromUtf8(f.stats.zoneId)));
    Q_EMIT cardsFilled();
}

void ChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_hidden)
        apply(*std::exchange(m_hidden, std::nullopt), true);
}

void ChartsPanel::apply(const ChartFigures &f, bool staged)
{
    ++m_redraws;
    const quint64 serial = ++m_applySerial; // a newer apply drops the stages left of this one
    applyCards(f);
    applyDaily(f);
    if (!staged) {
        applyCategories(f);
        applyMinutes(f);
        Q_EMIT refreshed();
        return;
    }
    // The other charts in later passes of the event loop, a paint apart: no single pass lays out and
    // paints all three charts (up to 30 ms together under load).
    QTimer::singleShot(kStageMs, this, [this, f, serial] {
        if (serial == m_applySerial)
            applyCategories(f);
    });
    QTimer::singleShot(2 * kStageMs, this, [this, f, serial] {
        if (serial != m_applySerial)
            return;
        applyMinutes(f);
        Q_EMIT refreshed();
    });
}

void ChartsPanel::applyDaily(const ChartFigures &f)
{
    m_dailyShown = f.daily.dailyTotals;
    QList<qreal> values;
    values.reserve(m_dailyShown.size());
    qreal lo = 0, hi = 0;
    bool any = false;
    for (const auto &[day, cents] : std::as_const(m_dailyShown)) {
        values.append(money(cents));
        lo = qMin(lo, values.last());
        hi = qMax(hi, values.last());
        any = any || cents != 0;
    }
    setBarValues(m_daily, tr("total"), values, chartBlue());

    // A label every seven days, counted back from today so that today is always named.
    const int n = int(m_dailyShown.size());
    QList<QPair<QString, qreal>> labels;
    for (int i = (n - 1) % 7; i < n; i += 7)
        labels.append({QLocale().toString(m_dailyShown[i].first, QStringLiteral("d MMM")), qreal(i)});
    setCategories(m_dailyDays, -0.5, labels);
    if (m_dailyDays->min() != -0.5 || m_dailyDays->max() != n - 0.5)
        m_dailyDays->setRange(-0.5, n - 0.5);
    setNiceRange(m_dailyValues, lo, hi, 5, false);

    QChart *chart = m_daily->chart();
    setTitle(chart,
        n ? tr("Daily totals, %1 – %2")
                .arg(QLocale().toString(m_dailyShown.constFirst().first, QStringLiteral("d MMM")),
                    QLocale().toString(m_dailyShown.constLast().first, QStringLiteral("d MMM yyyy")))
          : tr("Daily totals"));
    m_daily->setVisible(any);
    m_dailyDays->setVisible(any);
    m_dailyValues->setVisible(any);
    m_views.value(QStringLiteral("daily"))
        ->setHint(any                ? QString()
                : f.stats.count == 0 ? noExpensesHint()
                                     : tr("No expenses in the last %1 days").arg(n));
}

void ChartsPanel::applyCategories(const ChartFigures &f)
{
    // Largest total at the top: horizontal bars are drawn from the bottom up.
    QList<CategoryTotal> shown = f.categories.top;
    QStringList names;
    for (const CategoryTotal &c : std::as_const(shown))
        names.append(c.category.isEmpty() ? tr("(no category)") : c.category);
    if (f.categories.restCategories > 0) {
        shown.append(f.categories.rest);
        names.append(tr("%1 others").arg(f.categories.restCategories));
    }
    std::reverse(shown.begin(), shown.end());
    std::reverse(names.begin(), names.end());
    // The axis drops repeated names, which would shift every bar after one: keep them apart.
    for (qsizetype i = 0; i < names.size(); ++i) {
        while (names.indexOf(names[i]) < i)
            names[i] += QChar(0x200B); // a zero-width space: looks the same, compares different
    }
    m_categoriesShown = shown;

    QList<qreal> totals, counts;
    qreal lo = 0, hi = 0, maxCount = 0;
    for (const CategoryTotal &c : std::as_const(shown)) {
        totals.append(money(c.sumCents));
        counts.append(qreal(c.count));
        lo = qMin(lo, totals.last());
        hi = qMax(hi, totals.last());
        maxCount = qMax(maxCount, counts.last());
    }
    // Bar sets replaced whole. Qt Charts lays the bars of every bar series in a chart side by side,
    // so the two series share each category's slot without overlapping.
    const bool newTotals = setBarValues(m_categoryTotals, tr("total"), totals, chartBlue());
    const bool newCounts = setBarValues(m_categoryCounts, tr("entries"), counts, chartAmber());
    if (newTotals || newCounts) {
        const QColor text = palette().color(QPalette::Text);
        for (QBarSet *set : m_categoryTotals->barSets() + m_categoryCounts->barSets())
            set->setLabelColor(text);
    }
    QLegend *legend = m_categoryTotals->chart()->legend();

    if (m_categoryNames->categories() != names)
        m_categoryNames->setCategories(names);
    // Headroom for the value labels drawn past the longest bar.
    setNiceRange(m_categoryMoney, lo * 1.15, hi * 1.15, 4, false);
    setNiceRange(m_categoryEntries, 0, maxCount * 1.15, 4, true);

    const bool any = !shown.isEmpty();
    for (QAbstractSeries *series : {m_categoryTotals, m_categoryCounts})
        series->setVisible(any);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_categoryNames),
             static_cast<QAbstractAxis *>(m_categoryMoney), static_cast<QAbstractAxis *>(m_categoryEntries)})
        axis->setVisible(any);
    legend->setVisible(any);
    setTitle(m_categoryTotals->chart(),
        f.categories.restCategories > 0 ? tr("By category: total and entries (largest %1)").arg(f.categories.top.size())
                                        : tr("By category: total and entries"));
    m_views.value(QStringLiteral("categories"))->setHint(any ? QString() : noExpensesHint());
}

void ChartsPanel::applyMinutes(const ChartFigures &f)
{
    m_minutesShown = f.minutes;
    QList<QPointF> accepted, rejected;
    accepted.reserve(f.minutes.size());
    rejected.reserve(f.minutes.size());
    qint64 most = 0;
    for (const MinuteTraffic &m : f.minutes) {
        accepted.append(QPointF(qreal(m.minuteStartMs), qreal(m.accepted)));
        rejected.append(QPointF(qreal(m.minuteStartMs), qreal(m.rejected)));
        most = qMax(most, qMax(m.accepted, m.rejected));
    }
    // Whole lists: one change signal per series, where appending would relayout per point.
    m_accepted->replace(accepted);
    m_rejected->replace(rejected);

    // Time labels on round ten minutes of the figures' zone; they move once a minute.
    QList<QPair<QString, qreal>> labels;
    const QTimeZone zone = m_core->figures()->zone();
    for (const MinuteTraffic &m : f.minutes) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(m.minuteStartMs, zone);
        if (at.time().minute() % 10 == 0)
            labels.append({at.toString(QStringLiteral("HH:mm")), qreal(m.minuteStartMs)});
    }
    if (!f.minutes.isEmpty()) {
        const qreal first = qreal(f.minutes.constFirst().minuteStartMs);
        const qreal last = qreal(f.minutes.constLast().minuteStartMs);
        setCategories(m_minuteTimes, first, labels);
        if (m_minuteTimes->min() != first || m_minuteTimes->max() != last)
            m_minuteTimes->setRange(first, last);
    } else {
        setCategories(m_minuteTimes, m_minuteTimes->startValue(), {});
    }
    setNiceRange(m_minuteValues, 0, qreal(most), 4, true);

    const bool any = most > 0;
    for (QAbstractSeries *series : {m_accepted, m_rejected})
        series->setVisible(any);
    m_minuteTimes->setVisible(any);
    m_minuteValues->setVisible(any);
    m_accepted->chart()->legend()->setVisible(any);
    m_views.value(QStringLiteral("minutes"))
        ->setHint(any ? QString() : tr("No deliveries in the last hour — send a test delivery"));
}

void ChartsPanel::scheduleMinuteTick()
{
    // Just after each minute turns, when the minute chart gains a point.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_minuteTick->start(int(60'000 - now % 60'000 + 50));
}

void ChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyStyle();
}

void ChartsPanel::applyStyle()
{
    // The charts follow the widget palette rather than a fixed chart theme, so dark mode looks native.
    const QPalette &p = palette();
    const QColor window = p.color(QPalette::Window);
    const QColor base = p.color(QPalette::Base);
    const QColor text = p.color(QPalette::Text);
    const QColor muted = blend(text, base, 0.35);
    const QColor grid = blend(base, text, 0.10);
    const QColor border = blend(window, p.color(QPalette::WindowText), 0.16);
    QFont titleFont = font();
    titleFont.setPointSizeF(font().pointSizeF() * 1.05);
    titleFont.setWeight(QFont::DemiBold);
    QFont labelFont = font();
    labelFont.setPointSizeF(font().pointSizeF() * 0.9);

    for (HintChartView *view : std::as_const(m_views)) {
        view->setBackgroundBrush(window);
        QChart *chart = view->chart();
        chart->setBackgroundBrush(base);
        chart->setBackgroundPen(QPen(border, 1));
        chart->setPlotAreaBackgroundVisible(false);
        chart->setTitleBrush(text);
        chart->setTitleFont(titleFont);
        chart->legend()->setLabelColor(text);
        chart->legend()->setFont(labelFont);
        for (QAbstractAxis *axis : chart->axes()) {
            axis->setLabelsBrush(muted);
            axis->setLabelsFont(labelFont);
            axis->setTitleBrush(muted);
            axis->setTitleFont(labelFont);
            axis->setLinePenColor(border);
            axis->setGridLineColor(grid);
        }
    }
    // Each value axis of the category chart in its series' colour: which scale is which at a glance.
    QFont axisTitle = labelFont;
    axisTitle.setWeight(QFont::DemiBold);
    for (auto [axis, color] : {std::pair {m_categoryMoney, chartBlue()}, std::pair {m_categoryEntries, chartAmber()}}) {
        axis->setTitleBrush(color);
        axis->setTitleFont(axisTitle);
        axis->setLinePenColor(color);
    }
    m_accepted->setPen(QPen(chartBlue(), 2));
    m_rejected->setPen(QPen(chartRed(), 2));
    for (QBarSet *set : m_categoryTotals->barSets() + m_categoryCounts->barSets())
        set->setLabelColor(text);
}

} // namespace peanuts
