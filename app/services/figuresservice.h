// What the charts, the KPI cards and the status bar's rates show, read on the figures reader's thread
// (app/figures computes it, the same code as /api/stats and /api/dashboard).
#pragma once

#include "data/records.h"
#include "figures/figures.h"

#include <QObject>
#include <functional>
#include <optional>

namespace peanuts {

class StoreWorker;

// Deliveries per minute over the last full minute and the current one, and the refusals in the
// last hour.
struct TrafficRates
{
    qint64 perMinute = 0;
    qint64 rejectedLastHour = 0;
};

class FiguresService : public QObject
{
    Q_OBJECT
public:
    explicit FiguresService(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FiguresService)

    // The core sets the reader and the figures' configuration while it runs.
    void setReader(StoreWorker *reader, const FiguresConfig &config);
    bool isAvailable() const { return m_reader != nullptr; }
    QTimeZone zone() const { return m_config.zone; }

    // Everything the charts show, in one read (one snapshot, one `now`); nullopt when it failed.
    void charts(QObject *receiver, int days, int minutes, int maxCategories,
        std::function<void(const std::optional<ChartFigures> &)> done) const;
    // Skipped (done not called) when the read fails.
    void rates(QObject *receiver, std::function<void(const TrafficRates &)> done) const;

private:
    StoreWorker *m_reader = nullptr;
    FiguresConfig m_config;
};

} // namespace peanuts
