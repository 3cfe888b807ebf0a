// Desktop notifications over org.freedesktop.Notifications, whose clicks name the delivery to open;
// quiet where there is no session bus (CI, headless, a bare window manager).
#include "notifier.h"

#include "platform/logging.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QStringList>
#include <QVariantMap>

namespace peanuts {

namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
const QString kDefaultAction = QStringLiteral("default");

// Forgets a notification once the server closed it (expired, dismissed, clicked), so that the map of
// notification ids does not grow with every delivery. QtDBus connects signals to slots by name only,
// hence a small object with a slot rather than a lambda.
class ClosedListener : public QObject
{
    Q_OBJECT
public:
    ClosedListener(QHash<uint, qint64> *deliveryByNotification, QObject *parent)
        : QObject(parent)
        , m_deliveryByNotification(deliveryByNotification)
    {
    }

public Q_SLOTS:
    void onNotificationClosed(uint id, uint reason)
    {
        Q_UNUSED(reason)
        m_deliveryByNotification->remove(id);
    }

private:
    QHash<uint, qint64> *m_deliveryByNotification;
};

} // namespace

DBusNotifier::DBusNotifier(QObject *parent)
    : Notifier(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCDebug(lcApp) << "no session bus: desktop notifications are off";
        return;
    }
    // ActionInvoked is broadcast to every client; ids the server gave other applications are not in the map.
    bus.connect(
        kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
    bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"),
        new ClosedListener(&m_deliveryByNotification, this), SLOT(onNotificationClosed(uint, uint)));
}

bool DBusNotifier::isAvailable() const
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    if (bus.interface()->isServiceRegistered(kService).value())
        return true;
    // Many notification servers (dunst, xfce4-notifyd, …) are started by the bus on the first call.
    const QDBusReply<QStringList> activatable = bus.interface()->activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(kService);
}

void DBusNotifier::notify(const QString &title, const QString &body, qint64 deliveryId)
{
    if (!isEnabled())
        return;
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;

    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    // The "default" action is what a click on the notification body invokes.
    const QStringList actions = deliveryId != 0 ? QStringList {kDefaultAction, tr("Open")} : QStringList();
    // The application name stays as it is: notification servers key their per-application settings on it.
    call << QStringLiteral("Peanuts Monitor") << uint(0) << QStringLiteral("peanuts-monitor") << title << body
         << actions << QVariantMap() << qint32(-1);

    // Asynchronous: a slow or absent notification server must not stall the window.
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, deliveryId] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            qCDebug(lcApp).noquote() << "notification not shown:" << reply.error().message();
            return;
        }
        if (deliveryId != 0)
            m_deliveryByNotification.insert(reply.value(), deliveryId);
    });
}

void DBusNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    const auto found = m_deliveryByNotification.constFind(id);
    if (found == m_deliveryByNotification.constEnd())
        return;
    const qint64 deliveryId = found.value();
    m_deliveryByNotification.erase(found);
    if (actionKey == kDefaultAction)
        Q_EMIT activated(deliveryId);
}

} // namespace peanuts

#include "notifier.moc"
