// The core's way to raise an alert on the desktop: the window implements it over D-Bus; a headless
// run writes the alert to the log. Called on the notifier's own thread (the dispatcher posts there).
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <atomic>

namespace peanuts {

class Notifier : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Notifier() override = default;
    Q_DISABLE_COPY_MOVE(Notifier)

    virtual bool isAvailable() const = 0;
    // Off: the user silenced desktop notifications (implementations drop them). Thread-safe.
    void setEnabled(bool enabled) { m_enabled.store(enabled); }
    bool isEnabled() const { return m_enabled.load(); }
    // deliveryId: what a click on the notification opens (0: none).
    virtual void notify(const QString &title, const QString &body, qint64 deliveryId = 0) = 0;

Q_SIGNALS:
    void activated(qint64 deliveryId);

private:
    std::atomic<bool> m_enabled {true};
};

// Headless: every alert is a log line (category peanuts.pipeline).
class LogNotifier final : public Notifier
{
    Q_OBJECT
public:
    using Notifier::Notifier;
    bool isAvailable() const override { return true; }
    void notify(const QString &title, const QString &body, qint64 deliveryId = 0) override;
};

// Records what would have been shown; activate() plays a click. For tests.
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
        Q_EMIT shownChanged();
    }
    const QList<Shown> &shown() const { return m_shown; }
    void activate(qint64 deliveryId) { Q_EMIT activated(deliveryId); }

Q_SIGNALS:
    void shownChanged();

private:
    QList<Shown> m_shown;
};

} // namespace peanuts
