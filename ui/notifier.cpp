// Desktop notifications over org.freedesktop.Notifications; silent where there is no session bus.
#include "notifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace peanuts {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
} // namespace

DBusNotifier::DBusNotifier(QObject *parent)
    : Notifier(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected())
        bus.connect(
            kService, kPath, kService, QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
}

bool DBusNotifier::isAvailable() const
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface() && bus.interface()->isServiceRegistered(kService).value();
}

void DBusNotifier::notify(const QString &title, const QString &body, qint64 deliveryId)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
    const QStringList actions
        = deliveryId ? QStringList {QStringLiteral("default"), QStringLiteral("Open")} : QStringList();
    call << QStringLiteral("Peanuts Monitor") << uint(0) << QStringLiteral("peanuts-monitor") << title << body
         << actions << QVariantMap() << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, deliveryId] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (!reply.isError() && deliveryId)
            m_deliveryByNotification.insert(reply.value(), deliveryId);
    });
}

void DBusNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    const qint64 deliveryId = m_deliveryByNotification.take(id);
    if (deliveryId && actionKey == QLatin1String("default"))
        Q_EMIT activated(deliveryId);
}

} // namespace peanuts
