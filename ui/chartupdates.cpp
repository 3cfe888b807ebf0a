// Chart updates that skip what is unchanged (see chartupdates.h).
#include "chartupdates.h"

#include <QAbstractBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QColor>
#include <QValueAxis>

#include <cmath>

namespace peanuts {

// Round ticks for an axis over [lo, hi]: a step of 1, 2 or 5 times a power of ten, at most about
// maxTicks intervals, and labels with as many decimals as the step needs.
void setNiceRange(QValueAxis *axis, qreal lo, qreal hi, int maxTicks, bool integral)
{
    lo = qMin<qreal>(lo, 0);
    hi = qMax<qreal>(hi, 0);
    if (hi - lo <= 0)
        hi = lo + 1;
    const qreal rough = (hi - lo) / maxTicks;
    const qreal power = std::pow(10.0, std::floor(std::log10(rough)));
    qreal step = 10 * power;
    for (qreal factor : {1.0, 2.0, 5.0}) {
        if (factor * power >= rough) {
            step = factor * power;
            break;
        }
    }
    if (integral)
        step = qMax<qreal>(step, 1);
    // The epsilons keep a bound that is a multiple already (0, or 80 for 80) from gaining a step.
    const qreal min = std::floor(lo / step + 1e-9) * step;
    qreal max = std::ceil(hi / step - 1e-9) * step;
    if (max <= min)
        max = min + step;
    const int decimals = step >= 1 ? 0 : qMin(2, int(std::ceil(-std::log10(step) - 1e-9)));
    const QString format = QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f");
    // Each setter lays the axis out again: nothing is set when nothing changes (most refreshes).
    if (axis->min() == min && axis->max() == max && axis->tickInterval() == step && axis->labelFormat() == format
        && axis->tickType() == QValueAxis::TicksDynamic)
        return;
    axis->setRange(min, max);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setMinorTickCount(0);
    axis->setLabelFormat(format);
}

// The labels (and the values they end at) of a category axis, unless they are those shown: each
// label removed or added lays the axis out again. Returns whether they changed.
bool setCategories(QCategoryAxis *axis, qreal start, const QList<QPair<QString, qreal>> &labels)
{
    const QStringList shown = axis->categoriesLabels();
    bool same = shown.size() == labels.size() && axis->startValue() == start;
    for (qsizetype i = 0; same && i < labels.size(); ++i)
        same = shown[i] == labels[i].first && axis->endValue(shown[i]) == labels[i].second;
    if (same)
        return false;
    for (const QString &label : shown)
        axis->remove(label);
    axis->setStartValue(start);
    for (const auto &[label, value] : labels)
        axis->append(label, value);
    return true;
}

void setTitle(QChart *chart, const QString &title)
{
    if (chart->title() != title)
        chart->setTitle(title);
}

QBarSet *barSet(const QString &name, const QList<qreal> &values, const QColor &color)
{
    auto *set = new QBarSet(name);
    set->append(values);
    set->setColor(color);
    set->setBorderColor(color);
    return set;
}

// The series' one bar set gets these values: in place when the count is unchanged (only the values
// that differ, typically today's bar), else a new set. Returns whether the set is new.
bool setBarValues(QAbstractBarSeries *series, const QString &name, const QList<qreal> &values, const QColor &color)
{
    const QList<QBarSet *> sets = series->barSets();
    if (sets.size() == 1 && sets.constFirst()->count() == values.size()) {
        QBarSet *set = sets.constFirst();
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (set->at(i) != values[i])
                set->replace(i, values[i]);
        }
        return false;
    }
    series->clear();
    series->append(barSet(name, values, color));
    return true;
}

} // namespace peanuts
