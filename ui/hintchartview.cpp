// The hint painted over an empty chart (see hintchartview.h).
#include "hintchartview.h"

#include "kpicard.h"

#include <QChart>
#include <QPainter>

namespace peanuts {

void HintChartView::setHint(const QString &hint)
{
    if (hint == m_hint)
        return;
    m_hint = hint;
    setAccessibleDescription(hint); // painted text is invisible to screen readers
    viewport()->update();
}

void HintChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (m_hint.isEmpty() || !chart())
        return;
    painter->save();
    const QRectF area = chart()->geometry();
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 1.1);
    painter->setFont(font);
    painter->setPen(blend(palette().color(QPalette::Text), palette().color(QPalette::Base), 0.45));
    painter->drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_hint);
    painter->restore();
}

} // namespace peanuts
