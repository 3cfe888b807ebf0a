// Expense charts over app/figures: KPI cards, daily totals, categories, deliveries per minute.
// One read job per refresh on the reader's thread; series are replaced whole, never appended to.
#include "chartspanel.h"

#include "money.h"
#include "receivercore.h"
#include "storeworker.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QGridLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QPointer>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace peanuts {

struct ChartsPanel::Figures
{
    Stats stats;
    Dashboard daily;
    QList<CategoryTotal> categories;
    QList<MinuteCounts> minutes;
};

namespace {

QWidget *kpiCard(const QString &caption, QLabel **value, QWidget *parent)
{
    auto *card = new QFrame(parent);
    card->setObjectName(QStringLiteral("kpiCard"));
    card->setStyleSheet(QStringLiteral("#kpiCard { border: 1px solid palette(midlight); border-radius: 8px; "
                                       "background: palette(base); }"));
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(16, 10, 16, 10);
    *value = new QLabel(QStringLiteral("—"), card);
    QFont big = (*value)->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    (*value)->setFont(big);
    auto *label = new QLabel(caption, card);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(*value);
    layout->addWidget(label);
    return card;
}

double money(qint64 cents)
{
    return double(cents) / 100.0;
}

// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
double niceMax(double value)
{
    if (value <= 0)
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * power)
            return step * power;
    }
    return 10 * power;
}

} // namespace

ChartsPanel::ChartsPanel(ReceiverCore *core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_coalesce(new QTimer(this))
{
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(kMinRedrawIntervalMs);
    connect(m_coalesce, &QTimer::timeout, this, &ChartsPanel::refreshNow);

    auto *cards = new QHBoxLayout;
    cards->addWidget(kpiCard(QStringLiteral("Total this month"), &m_total, this));
    cards->addWidget(kpiCard(QStringLiteral("Entries"), &m_count, this));
    cards->addWidget(kpiCard(QStringLiteral("Average expense"), &m_average, this));
    m_hint = new QLabel(
        QStringLiteral("No expenses yet — send a test delivery, or point Peanuts at the webhook URL."), this);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid); padding: 6px;"));

    // Daily totals, last 30 days.
    auto *daily = new QChart;
    daily->setTitle(QStringLiteral("Daily totals, last 30 days"));
    m_daily = new QBarSeries(daily);
    daily->addSeries(m_daily);
    m_dailyAxis = new QBarCategoryAxis(daily);
    m_dailyValues = new QValueAxis(daily);
    m_dailyValues->setLabelFormat(QStringLiteral("%.0f"));
    daily->addAxis(m_dailyAxis, Qt::AlignBottom);
    daily->addAxis(m_dailyValues, Qt::AlignLeft);
    m_daily->attachAxis(m_dailyAxis);
    m_daily->attachAxis(m_dailyValues);
    daily->legend()->hide();

    // Categories: count and total.
    auto *categories = new QChart;
    categories->setTitle(QStringLiteral("By category: total and count"));
    m_categories = new QHorizontalBarSeries(categories);
    categories->addSeries(m_categories);
    m_categoryAxis = new QBarCategoryAxis(categories);
    m_categoryValues = new QValueAxis(categories);
    m_categoryValues->setLabelFormat(QStringLiteral("%.0f"));
    categories->addAxis(m_categoryAxis, Qt::AlignLeft);
    categories->addAxis(m_categoryValues, Qt::AlignBottom);
    m_categories->attachAxis(m_categoryAxis);
    m_categories->attachAxis(m_categoryValues);
    categories->legend()->setAlignment(Qt::AlignBottom);

    // Deliveries per minute, last hour.
    auto *minutes = new QChart;
    minutes->setTitle(QStringLiteral("Deliveries per minute, last hour"));
    m_accepted = new QLineSeries(minutes);
    m_accepted->setName(QStringLiteral("accepted"));
    m_rejected = new QLineSeries(minutes);
    m_rejected->setName(QStringLiteral("rejected"));
    m_rejected->setColor(QColor(0xc6, 0x28, 0x28));
    m_accepted->setColor(QColor(0x2e, 0x7d, 0x32));
    minutes->addSeries(m_accepted);
    minutes->addSeries(m_rejected);
    m_minuteAxis = new QDateTimeAxis(minutes);
    m_minuteAxis->setFormat(QStringLiteral("HH:mm"));
    m_minuteAxis->setTickCount(7);
    m_minuteValues = new QValueAxis(minutes);
    m_minuteValues->setLabelFormat(QStringLiteral("%.0f"));
    minutes->addAxis(m_minuteAxis, Qt::AlignBottom);
    minutes->addAxis(m_minuteValues, Qt::AlignLeft);
    for (QLineSeries *series : {m_accepted, m_rejected}) {
        series->attachAxis(m_minuteAxis);
        series->attachAxis(m_minuteValues);
    }
    minutes->legend()->setAlignment(Qt::AlignBottom);

    for (QChart *chart : {daily, categories, minutes}) {
        chart->setAnimationOptions(QChart::NoAnimation); // redraws are frequent; animation only lags
        chart->setMargins(QMargins(4, 4, 4, 4));
        chart->setBackgroundRoundness(6);
    }

    auto *grid = new QGridLayout;
    grid->addWidget(chartView(daily, QStringLiteral("daily")), 0, 0, 1, 2);
    grid->addWidget(chartView(categories, QStringLiteral("categories")), 1, 0);
    grid->addWidget(chartView(minutes, QStringLiteral("minutes")), 1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(cards);
    layout->addWidget(m_hint);
    layout->addLayout(grid, 1);

    connect(core->store(), &StoreWorker::batchCommitted, this, &ChartsPanel::scheduleRefresh, Qt::QueuedConnection);
    // The minute chart moves, and the month turns, even when nothing arrives.
    auto *clock = new QTimer(this);
    clock->setInterval(60'000);
    connect(clock, &QTimer::timeout, this, &ChartsPanel::scheduleRefresh);
    clock->start();
    refreshNow();
}

QChartView *ChartsPanel::chartView(QChart *chart, const QString &name)
{
    auto *view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this, view, name](const QPoint &at) {
        QMenu menu(this);
        menu.addAction(QStringLiteral("Save as PNG…"), this, [this, name] {
            const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save chart"),
                name + QStringLiteral(".png"), QStringLiteral("PNG images (*.png)"));
            if (!path.isEmpty())
                saveChart(name, path);
        });
        menu.exec(view->mapToGlobal(at));
    });
    m_views.insert(name, view);
    return view;
}

QString ChartsPanel::totalThisMonthText() const
{
    return m_total->text();
}

QString ChartsPanel::countText() const
{
    return m_count->text();
}

QString ChartsPanel::averageText() const
{
    return m_average->text();
}

bool ChartsPanel::saveChart(const QString &which, const QString &path, QString *error)
{
    QChartView *view = m_views.value(which);
    if (!view) {
        if (error)
            *error = QStringLiteral("no chart named %1").arg(which);
        return false;
    }
    if (!view->grab().save(path, "PNG")) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

void ChartsPanel::scheduleRefresh()
{
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void ChartsPanel::refreshNow()
{
    // One refresh in flight at a time; what arrives meanwhile is folded into the next.
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    const FiguresConfig config = m_core->options().figures;
    QPointer<ChartsPanel> self(this);
    m_core->reader()->read([self, config](Store &store) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Figures figures;
        const auto stats = computeStats(store, config, now);
        const auto daily = computeDashboard(store, config, now, 30);
        const auto categories = computeCategoryTotals(store, config);
        const auto minutes = computeMinuteSeries(store, now.toMSecsSinceEpoch(), 60);
        const bool ok = stats && daily && categories && minutes;
        if (ok)
            figures = Figures {*stats, *daily, *categories, *minutes};
        QMetaObject::invokeMethod(
            self,
            [self, ok, figures] {
                if (!self)
                    return;
                self->m_refreshing = false;
                if (ok)
                    self->apply(figures);
                if (self->m_refreshAgain) {
                    self->m_refreshAgain = false;
                    self->scheduleRefresh();
                }
            },
            Qt::QueuedConnection);
    });
}

void ChartsPanel::apply(const Figures &f)
{
    ++m_redraws;
    m_total->setText(QString::fromLatin1(centsToDecimal(f.stats.totalThisMonthCents)));
    m_count->setText(QString::number(f.stats.count));
    m_average->setText(QString::fromLatin1(centsToDecimal(f.stats.averageCents)));
    m_hint->setVisible(f.stats.count == 0);

    // Daily totals: one bar set replaced whole.
    QStringList days;
    QList<qreal> totals;
    qint64 maxDay = 0;
    for (const auto &[day, cents] : f.daily.dailyTotals) {
        // Day numbers only: thirty labels have room to stay whole; the title names the months.
        days.append(QString::number(day.day()));
        totals.append(money(cents));
        maxDay = qMax(maxDay, cents);
    }
    auto *set = new QBarSet(QStringLiteral("total"));
    set->append(totals);
    set->setColor(QColor(0x3b, 0x82, 0xc4));
    m_daily->clear();
    m_daily->append(set);
    m_dailyAxis->setCategories(days);
    if (!f.daily.dailyTotals.isEmpty())
        m_daily->chart()->setTitle(
            QStringLiteral("Daily totals, %1 – %2")
                .arg(f.daily.dailyTotals.constFirst().first.toString(QStringLiteral("d MMM")),
                    f.daily.dailyTotals.constLast().first.toString(QStringLiteral("d MMM yyyy"))));
    m_dailyValues->setRange(0, niceMax(money(maxDay)));
    m_dailyValues->applyNiceNumbers();

    // Categories: total and count, the largest total first (on top).
    QStringList names;
    QList<qreal> sums, counts;
    double maxValue = 0;
    for (qsizetype i = f.categories.size() - 1; i >= 0; --i) {
        const CategoryTotal &c = f.categories[i];
        names.append(c.category.isEmpty() ? QStringLiteral("(none)") : c.category);
        sums.append(money(c.sumCents));
        counts.append(qreal(c.count));
        maxValue = qMax(maxValue, qMax(money(c.sumCents), double(c.count)));
    }
    auto *sumSet = new QBarSet(QStringLiteral("total"));
    sumSet->append(sums);
    sumSet->setColor(QColor(0x3b, 0x82, 0xc4));
    auto *countSet = new QBarSet(QStringLiteral("count"));
    countSet->append(counts);
    countSet->setColor(QColor(0xe0, 0xa0, 0x40));
    m_categories->clear();
    m_categories->append({sumSet, countSet});
    m_categoryAxis->setCategories(names);
    m_categoryValues->setRange(0, niceMax(maxValue));
    m_categoryValues->applyNiceNumbers();

    // Per minute: both series replaced whole.
    QList<QPointF> accepted, rejected;
    qint64 maxMinute = 0;
    for (const MinuteCounts &m : f.minutes) {
        qint64 ok = 0, refused = 0;
        for (size_t o = 0; o < m.counts.size(); ++o)
            (isRejected(Outcome(o)) ? refused : ok) += m.counts[o];
        accepted.append(QPointF(qreal(m.minuteStartMs), qreal(ok)));
        rejected.append(QPointF(qreal(m.minuteStartMs), qreal(refused)));
        maxMinute = qMax(maxMinute, qMax(ok, refused));
    }
    m_accepted->replace(accepted);
    m_rejected->replace(rejected);
    if (!f.minutes.isEmpty())
        m_minuteAxis->setRange(QDateTime::fromMSecsSinceEpoch(f.minutes.constFirst().minuteStartMs),
            QDateTime::fromMSecsSinceEpoch(f.minutes.constLast().minuteStartMs));
    m_minuteValues->setRange(0, niceMax(double(maxMinute)));
    m_minuteValues->applyNiceNumbers();
    Q_EMIT refreshed();
}

} // namespace peanuts
