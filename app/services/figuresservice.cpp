// The figures' reads, each one job on the figures reader's thread.
#include "services/figuresservice.h"

#include "services/storecall.h"

#include <QDateTime>

namespace peanuts {

FiguresService::FiguresService(QObject *parent)
    : QObject(parent)
{
}

void FiguresService::setReader(StoreWorker *reader, const FiguresConfig &config)
{
    m_reader = reader;
    m_config = config;
}

void FiguresService::charts(QObject *receiver, int days, int minutes, int maxCategories,
    std::function<void(const std::optional<ChartFigures> &)> done) const
{
    askStore(
        m_reader, receiver,
        [config = m_config, days, minutes, maxCategories](Store &store) {
            return computeChartFigures(store, config, QDateTime::currentDateTimeUtc(), days, minutes, maxCategories);
        },
        std::move(done));
}

void FiguresService::rates(QObject *receiver, std::function<void(const TrafficRates &)> done) const
{
    askStore(
        m_reader, receiver,
        [](Store &store) -> std::optional<TrafficRates> {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const auto minutes = store.minuteCounts(now - 60 * 60'000, now + 1);
            if (!minutes)
                return std::nullopt;
            qint64 lastTwoMinutes = 0;
            TrafficRates rates;
            const qint64 currentMinute = now / 60'000 * 60'000;
            for (const MinuteCounts &m : *minutes) {
                for (size_t o = 0; o < m.counts.size(); ++o) {
                    if (isRejected(Outcome(o)))
                        rates.rejectedLastHour += m.counts[o];
                    if (m.minuteStartMs >= currentMinute - 60'000)
                        lastTwoMinutes += m.counts[o];
                }
            }
            // A rate over the last full minute plus the current partial one.
            const double window = 60.0 + double(now - currentMinute) / 1000.0;
            rates.perMinute = qRound64(double(lastTwoMinutes) * 60.0 / window);
            return rates;
        },
        [done = std::move(done)](const std::optional<TrafficRates> &rates) {
            if (rates)
                done(*rates);
        });
}

} // namespace peanuts
