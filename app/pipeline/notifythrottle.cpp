#include "pipeline/notifythrottle.h"

#include "pipeline/notifier.h"
#include "platform/logging.h"

namespace peanuts {

NotifyThrottle::NotifyThrottle(Notifier *notifier, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_notifier(notifier)
    , m_hasNotifier(notifier != nullptr)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { flushDue(false); });
}

void NotifyThrottle::offer(const QString &title, const QString &body, qint64 deliveryId)
{
    Kind &kind = m_kinds[title];
    const qint64 now = m_clock->nowMs();
    if (kind.held == 0 && now - kind.lastShownMs >= kGapMs) {
        kind.lastShownMs = now;
        show(title, body, deliveryId);
        return;
    }
    ++kind.held;
    kind.latestBody = body;
    kind.latestDeliveryId = deliveryId;
    if (!m_timer.isActive())
        m_timer.start(int(std::clamp<qint64>(kind.lastShownMs + kGapMs - now, 0, kGapMs)));
}

void NotifyThrottle::flush()
{
    m_timer.stop();
    flushDue(true);
}

void NotifyThrottle::flushDue(bool all)
{
    const qint64 now = m_clock->nowMs();
    qint64 nextMs = -1;
    for (auto it = m_kinds.begin(); it != m_kinds.end(); ++it) {
        Kind &kind = it.value();
        if (kind.held == 0)
            continue;
        if (!all && now - kind.lastShownMs < kGapMs) {
            const qint64 wait = kind.lastShownMs + kGapMs - now;
            nextMs = nextMs < 0 ? wait : std::min(nextMs, wait);
            continue;
        }
        show(it.key(),
            kind.held == 1 ? kind.latestBody
                           : QStringLiteral("%1 more; the latest: %2").arg(kind.held).arg(kind.latestBody),
            kind.latestDeliveryId);
        kind.held = 0;
        kind.lastShownMs = now;
    }
    if (nextMs >= 0)
        m_timer.start(int(std::clamp<qint64>(nextMs, 0, kGapMs)));
}

void NotifyThrottle::show(const QString &title, const QString &body, qint64 deliveryId)
{
    if (!m_hasNotifier) {
        qCWarning(lcPipeline).noquote() << QStringLiteral("alert: %1: %2").arg(title, body);
        return;
    }
    QPointer<Notifier> target = m_notifier;
    QMetaObject::invokeMethod(
        target.data(),
        [target, title, body, deliveryId] {
            if (target)
                target->notify(title, body, deliveryId);
        },
        Qt::QueuedConnection);
}

} // namespace peanuts
