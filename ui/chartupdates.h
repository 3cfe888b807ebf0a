// Small updates of Qt Charts objects that change nothing when nothing changed: each setter of an
// axis or a bar set lays its chart out again, and the charts refresh up to five times a second.
#pragma once

#include <QList>
#include <QPair>
#include <QString>

class QAbstractBarSeries;
class QBarSet;
class QCategoryAxis;
class QChart;
class QColor;
class QValueAxis;

namespace peanuts {

// Round ticks for an axis over [lo, hi]: a step of 1, 2 or 5 times a power of ten, at most about
// maxTicks intervals, and labels with as many decimals as the step needs.
void setNiceRange(QValueAxis *axis, qreal lo, qreal hi, int maxTicks, bool integral);
// The labels (and the values they end at) of a category axis starting at start. Returns whether
// they changed.
bool setCategories(QCategoryAxis *axis, qreal start, const QList<QPair<QString, qreal>> &labels);
// Display only: exact figures stay in cents; a chart needs a double.
inline qreal money(qint64 cents)
{
    return qreal(cents) / 100.0;
}
void setTitle(QChart *chart, const QString &title);
QBarSet *barSet(const QString &name, const QList<qreal> &values, const QColor &color);
// The series' one bar set gets these values: in place when the count is unchanged (only the values
// that differ, typically today's bar), else a new set. Returns whether the set is new.
bool setBarValues(QAbstractBarSeries *series, const QString &name, const QList<qreal> &values, const QColor &color);

} // namespace peanuts
