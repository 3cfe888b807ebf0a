// Leading-edge coalescing: an isolated batch shows at once, a stream of them once per interval.
#include "services/batchnotifier.h"

#include <QTimer>

namespace peanuts {

BatchNotifier::BatchNotifier(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<peanuts::BatchSummary>();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &BatchNotifier::flush);
}

void BatchNotifier::setIntervalMs(int ms)
{
    m_intervalMs = qMax(0, ms);
}

void BatchNotifier::add(const BatchSummary &summary)
{
    ++m_batchesIn;
    m_pending.ids += summary.ids;
    for (size_t o = 0; o < summary.counts.size(); ++o)
        m_pending.counts[o] += summary.counts[o];
    m_hasPending = true;
    if (m_timer->isActive())
        return;
    const qint64 since = m_sinceFlush.isValid() ? m_sinceFlush.elapsed() : m_intervalMs;
    if (since >= m_intervalMs)
        flush();
    else
        m_timer->start(int(m_intervalMs - since));
}

void BatchNotifier::flush()
{
    if (!m_hasPending)
        return;
    BatchSummary merged = std::move(m_pending);
    m_pending = BatchSummary();
    m_hasPending = false;
    m_sinceFlush.start();
    ++m_notificationsOut;
    Q_EMIT committed(merged);
}

} // namespace peanuts
