// Desktop alerts at the pace a person reads them: the first alert of a kind (its title) shows at
// once; those that follow within kGapMs are held and shown as one ("37 more; the latest: ..."), so a
// burst of high expenses is one notification, not thousands. Lives on the dispatcher's thread; hands
// each alert to the notifier on the notifier's thread, or to the log when there is none.
#pragma once

#include "pipeline/clock.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <limits>

namespace peanuts {

class Notifier;

class NotifyThrottle : public QObject
{
public:
    NotifyThrottle(Notifier *notifier, Clock *clock, QObject *parent = nullptr);
    void offer(const QString &title, const QString &body, qint64 deliveryId);
    // Shows what is held at once (before the dispatcher stops).
    void flush();

    static constexpr qint64 kGapMs = 2000;

private:
    struct Kind
    {
        qint64 lastShownMs = std::numeric_limits<qint64>::min() / 2;
        int held = 0;
        QString latestBody;
        qint64 latestDeliveryId = 0;
    };
    void show(const QString &title, const QString &body, qint64 deliveryId);
    void flushDue(bool all);

    QPointer<Notifier> m_notifier;
    bool m_hasNotifier;
    Clock *m_clock;
    QHash<QString, Kind> m_kinds;
    QTimer m_timer;
};

} // namespace peanuts
