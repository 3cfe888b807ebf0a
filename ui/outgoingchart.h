// Outgoing actions per minute over the last hour: delivered, retrying (failed, with another attempt
// to come) and dead, beside the incoming deliveries' chart. Fed by ActionService::outgoingMinutes;
// series are replaced whole, never appended to point by point.
#pragma once

#include "pipeline/action.h"

#include <QChartView>

class QDateTimeAxis;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace peanuts {

class ActionService;

class OutgoingChart : public QChartView
{
    Q_OBJECT
public:
    static constexpr int kMinutes = 60;

    // service may be null (tests feed minutes with showMinutes()).
    explicit OutgoingChart(ActionService *service, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(OutgoingChart)

    void showMinutes(const QList<OutgoingMinute> &minutes);
    QLineSeries *delivered() const { return m_delivered; }
    QLineSeries *retrying() const { return m_retrying; }
    QLineSeries *dead() const { return m_dead; }
    QString hint() const { return m_hint; }

public Q_SLOTS:
    void refresh(); // coalesced

Q_SIGNALS:
    void shown();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void changeEvent(QEvent *event) override;

private:
    void applyStyle();

    ActionService *m_service;
    QTimer *m_coalesce;
    QTimer *m_minuteTick;
    QLineSeries *m_delivered;
    QLineSeries *m_retrying;
    QLineSeries *m_dead;
    QDateTimeAxis *m_times;
    QValueAxis *m_values;
    QString m_hint;
};

} // namespace peanuts
