// Desktop notifications through one small interface: the freedesktop service over D-Bus where it
// exists (so that a click can name the delivery), and a recording double for tests.
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace peanuts {

class Notifier : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Notifier() override = default;
    Q_DISABLE_COPY_MOVE(Notifier)

    virtual bool isAvailable() const = 0;
    // deliveryId: what a click on the notification opens (0: none).
    virtual void notify(const QString &title, const QString &body, qint64 deliveryId = 0) = 0;

Q_SIGNALS:
    void activated(qint64 deliveryId);
};

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

// Records what would have been shown; activate() plays a click.
class RecordingNotifier final : public Notifier
{
    Q_OBJECT
public:
    struct Shown
    {
        QString title;
        QString body;
        qint64 deliveryId;
    };
    using Notifier::Notifier;
    bool isAvailable() const override { return true; }
    void notify(const QString &title, const QString &body, qint64 deliveryId = 0) override
    {
        m_shown.append({title, body, deliveryId});
    }
    const QList<Shown> &shown() const { return m_shown; }
    void activate(qint64 deliveryId) { Q_EMIT activated(deliveryId); }

private:
    QList<Shown> m_shown;
};

} // namespace peanuts
