// The outgoing chart: three line series over a time axis, read on the writer's thread.
#include "outgoingchart.h"

#include "chartupdates.h"
#include "palette.h"
#include "services/actionservice.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
#include <QPainter>
#include <QTimer>
#include <QValueAxis>

namespace peanuts {

namespace {

// At most one read a second however busy the outbox is.
constexpr int kCoalesceMs = 1000;

} // namespace

OutgoingChart::OutgoingChart(ActionService *service, QWidget *parent)
    : QChartView(parent)
    , m_service(service)
    , m_coalesce(new QTimer(this))
    , m_minuteTick(new QTimer(this))
{
    setObjectName(QStringLiteral("outgoing"));
    setAccessibleName(tr("Outgoing actions"));
    auto *chart = new QChart;
    chart->setTitle(tr("Outgoing actions per minute, last hour"));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(8, 6, 12, 6));
    chart->setBackgroundRoundness(8);
    m_delivered = new QLineSeries(chart);
    m_delivered->setName(tr("delivered"));
    m_retrying = new QLineSeries(chart);
    m_retrying->setName(tr("retrying"));
    m_dead = new QLineSeries(chart);
    m_dead->setName(tr("dead"));
    m_times = new QDateTimeAxis(chart);
    m_times->setFormat(QStringLiteral("HH:mm"));
    m_times->setTickCount(7);
    m_values = new QValueAxis(chart);
    chart->addAxis(m_times, Qt::AlignBottom);
    chart->addAxis(m_values, Qt::AlignLeft);
    for (QLineSeries *series : {m_delivered, m_retrying, m_dead}) {
        chart->addSeries(series);
        series->attachAxis(m_times);
        series->attachAxis(m_values);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setFrameShape(QFrame::NoFrame);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    applyStyle();

    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(kCoalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, [this] {
        if (m_service && m_service->isAvailable())
            m_service->outgoingMinutes(this, kMinutes, [this](const QList<OutgoingMinute> &m) { showMinutes(m); });
    });
    // The chart moves each minute even when nothing goes out.
    m_minuteTick->setInterval(60'000);
    connect(m_minuteTick, &QTimer::timeout, this, &OutgoingChart::refresh);
    m_minuteTick->start();
    if (m_service)
        connect(m_service, &ActionService::changed, this, &OutgoingChart::refresh);
    showMinutes({});
    refresh();
}

void OutgoingChart::refresh()
{
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void OutgoingChart::showMinutes(const QList<OutgoingMinute> &minutes)
{
    QList<QPointF> delivered, retrying, dead;
    delivered.reserve(minutes.size());
    retrying.reserve(minutes.size());
    dead.reserve(minutes.size());
    qint64 most = 0;
    for (const OutgoingMinute &m : minutes) {
        const qreal x = qreal(m.minuteStartMs);
        delivered.append(QPointF(x, qreal(m.delivered)));
        retrying.append(QPointF(x, qreal(m.retrying)));
        dead.append(QPointF(x, qreal(m.dead)));
        most = qMax(most, qMax(m.delivered, qMax(m.retrying, m.dead)));
    }
    // Whole lists: one change signal per series.
    m_delivered->replace(delivered);
    m_retrying->replace(retrying);
    m_dead->replace(dead);
    if (!minutes.isEmpty())
        m_times->setRange(QDateTime::fromMSecsSinceEpoch(minutes.constFirst().minuteStartMs),
            QDateTime::fromMSecsSinceEpoch(minutes.constLast().minuteStartMs));
    setNiceRange(m_values, 0, qreal(most), 4, true);
    const bool any = most > 0;
    for (QLineSeries *series : {m_delivered, m_retrying, m_dead})
        series->setVisible(any);
    m_times->setVisible(any);
    m_values->setVisible(any);
    chart()->legend()->setVisible(any);
    const QString hint
        = any ? QString() : tr("Nothing went out in the last hour — add a forward or a rule in Settings → Actions");
    if (hint != m_hint) {
        m_hint = hint;
        setAccessibleDescription(hint);
        viewport()->update();
    }
    Q_EMIT shown();
}

void OutgoingChart::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (m_hint.isEmpty())
        return;
    painter->save();
    painter->setPen(palette().color(QPalette::PlaceholderText));
    painter->drawText(chart()->geometry(), Qt::AlignCenter | Qt::TextWordWrap, m_hint);
    painter->restore();
}

void OutgoingChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
}

void OutgoingChart::applyStyle()
{
    // Follows the widget palette, as the other charts do.
    const QPalette &p = palette();
    QChart *c = chart();
    c->setBackgroundBrush(p.color(QPalette::Base));
    c->setTitleBrush(p.color(QPalette::Text));
    c->legend()->setLabelColor(p.color(QPalette::Text));
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_times), static_cast<QAbstractAxis *>(m_values)}) {
        axis->setLabelsColor(p.color(QPalette::Text));
        axis->setGridLineColor(p.color(QPalette::Mid));
    }
    m_delivered->setColor(chartBlue());
    m_retrying->setColor(chartAmber());
    m_dead->setColor(chartRed());
}

} // namespace peanuts
