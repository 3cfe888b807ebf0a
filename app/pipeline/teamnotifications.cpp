#include "pipeline/teamnotifications.h"

#include "pipeline/action.h"
#include "pipeline/clock.h"
#include "pipeline/notifier.h"
#include "pipeline/notifythrottle.h"
#include "services/storecall.h"
#include "store/store.h"

namespace peanuts {

TeamNotifications::TeamNotifications(StoreWorker *reader, Notifier *notifier, QObject *parent)
    : QObject(parent)
    , m_reader(reader)
    , m_notifier(notifier)
    , m_throttle(new NotifyThrottle(notifier, &Clock::system(), this))
{
}

void TeamNotifications::committed(const BatchSummary &batch)
{
    if (!m_notifier->isEnabled())
        return; // switched off by this person: nothing to read
    if (batch.counts[size_t(Outcome::Accepted)] == 0 || batch.ids.isEmpty())
        return; // refusals and duplicates set nothing in motion
    const QList<qint64> ids = batch.ids.mid(std::max<qsizetype>(0, batch.ids.size() - kMaxPerBatch));
    askStore(
        m_reader, this,
        [ids](Store &store) {
            QList<OutboxAction> notifications;
            for (const qint64 id : ids) {
                for (const OutboxAction &action : store.actionsOfDelivery(id).value_or(QList<OutboxAction>())) {
                    if (action.kind == ActionKind::Notify)
                        notifications.append(action);
                }
            }
            return notifications;
        },
        [this](const QList<OutboxAction> &notifications) {
            for (const OutboxAction &action : notifications)
                m_throttle->offer(action.title, QString::fromUtf8(action.payload), action.deliveryId);
        });
}

} // namespace peanuts
