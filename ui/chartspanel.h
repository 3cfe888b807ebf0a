// Charts of the expenses (Qt Charts): KPI cards, daily totals for 30 days, count and total by
// category, deliveries per minute over the last hour (accepted against rejected). Figures come from
// app/figures (the same code as /api/stats and /api/dashboard); redraws are coalesced to at most 5 a
// second however fast deliveries come.
#pragma once

#include "figures.h"

#include <QWidget>

class QLabel;
class QTimer;

namespace peanuts {

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

    // Saves one chart ("daily", "categories", "minutes") as PNG; false with *error on failure.
    bool saveChart(const QString &which, const QString &path, QString *error = nullptr);

public Q_SLOTS:
    void scheduleRefresh(); // coalesced
    void refreshNow();

Q_SIGNALS:
    void refreshed(); // after the figures are shown

private:
    ReceiverCore *m_core;
    QTimer *m_coalesce = nullptr;
    int m_redraws = 0;
};

} // namespace peanuts
