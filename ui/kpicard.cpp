// A KPI card: caption, big value, detail; painted from the palette rather than a style sheet so that
// it follows a palette change (light to dark) without a restart.
#include "kpicard.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace peanuts {

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
        float(a.greenF() + (b.greenF() - a.greenF()) * t), float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

KpiCard::KpiCard(const QString &caption, QWidget *parent)
    : QFrame(parent)
    , m_caption(new QLabel(caption, this))
    , m_value(new QLabel(QStringLiteral("–"), this))
    , m_detail(new QLabel(this))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse); // people copy these numbers
    m_value->setAccessibleName(caption);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 12, 18, 12);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    applyPalette();
}

QString KpiCard::value() const
{
    return m_value->text();
}

void KpiCard::setValue(const QString &value)
{
    m_value->setText(value);
}

void KpiCard::setDetail(const QString &detail)
{
    m_detail->setText(detail);
}

void KpiCard::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &p = palette();
    painter.setPen(QPen(blend(p.color(QPalette::Window), p.color(QPalette::WindowText), 0.16), 1));
    painter.setBrush(p.color(QPalette::Base));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
}

void KpiCard::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void KpiCard::applyPalette()
{
    const QPalette &p = palette();
    const QColor text = p.color(QPalette::Text);
    const QColor muted = blend(text, p.color(QPalette::Base), 0.42);
    for (QLabel *label : {m_caption, m_detail}) {
        QPalette lp = label->palette();
        lp.setColor(QPalette::WindowText, muted);
        label->setPalette(lp);
    }
    QPalette vp = m_value->palette();
    vp.setColor(QPalette::WindowText, text);
    m_value->setPalette(vp);

    QFont captionFont = font();
    captionFont.setPointSizeF(font().pointSizeF() * 0.95);
    captionFont.setWeight(QFont::DemiBold);
    m_caption->setFont(captionFont);
    QFont valueFont = font();
    valueFont.setPointSizeF(font().pointSizeF() * 2.1);
    valueFont.setWeight(QFont::Bold);
    m_value->setFont(valueFont);
    QFont detailFont = font();
    detailFont.setPointSizeF(font().pointSizeF() * 0.85);
    m_detail->setFont(detailFont);
}

} // namespace peanuts
