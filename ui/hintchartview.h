// A chart view that paints a hint over its chart when there is nothing to show ("No expenses yet"),
// instead of bare axes; the hint is also its accessible description.
#pragma once

#include <QChartView>

namespace peanuts {

class HintChartView : public QChartView
{
public:
    using QChartView::QChartView;

    void setHint(const QString &hint);

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    QString m_hint;
};

} // namespace peanuts
