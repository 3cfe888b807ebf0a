// Desktop notifications through the core's Notifier (pipeline/notifier.h): the freedesktop service
// over D-Bus where it exists, so that a click can name the delivery.
#pragma once

#include "pipeline/notifier.h"

#include <QHash>

namespace peanuts {

// org.freedesktop.Notifications over the session bus.
class DBusNotifier final : public Notifier
{
    Q_OBJECT
public:
    explicit DBusNotifier(QObject *parent = nullptr);
    bool isAvailable() const override;
    void notify(const QString &title, const QString &body, qint64 deliveryId = 0) override;

private Q_SLOTS:
    // Connected by name (QtDBus signal connections are string based).
    void onActionInvoked(uint id, const QString &actionKey);

private:
    QHash<uint, qint64> m_deliveryByNotification;
};

} // namespace peanuts
