// The tray icon: what the receiver is doing at a glance (listening, the live view paused, or failing
// and why), and a menu to bring the window back, pause the live view or quit. The state, icon and
// tooltip are kept whether or not the desktop has a system tray; the icon is shown only where it has.
#pragma once

#include <QIcon>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace peanuts {

class ReceiverCore;

class TrayIcon : public QObject
{
    Q_OBJECT
public:
    // Failing wins over Paused, Paused over Listening. Failing covers the store refusing deliveries,
    // the rejected-deliveries alert, and the listener lost: each means senders are not being served
    // (or are being refused), which is what the red mark is for.
    enum class State { Listening, Paused, Failing };
    Q_ENUM(State)

    // pause: the window's checkable "Pause live view" action, put in the menu; its checked state is
    // the Paused state. Neither is owned.
    TrayIcon(ReceiverCore *core, QAction *pause, QObject *parent = nullptr);
    ~TrayIcon() override;
    Q_DISABLE_COPY_MOVE(TrayIcon)

    State state() const { return m_state; }
    // The state in words, then every other condition that holds, one per line.
    QString toolTip() const { return m_toolTip; }
    QIcon icon() const { return m_icon; }
    QMenu *menu() const { return m_menu.get(); }
    // Shown in a system tray (false where the desktop has none, as offscreen).
    bool isShown() const;

    // The app icon with the state's badge drawn on it.
    static QIcon iconFor(State state);

Q_SIGNALS:
    void stateChanged(peanuts::TrayIcon::State state);
    void showWindowRequested();
    void quitRequested();

private:
    void update();

    ReceiverCore *m_core;
    QAction *m_pause;
    std::unique_ptr<QMenu> m_menu; // a widget, and this is not: owned here
    QSystemTrayIcon *m_tray = nullptr;

    // What holds now; an empty message means it does not.
    QString m_storeFault;
    QString m_alert;
    QString m_listenerFault;

    State m_state = State::Listening;
    QString m_toolTip;
    QIcon m_icon;
};

} // namespace peanuts
