// The settings dialog over the one Settings class: port and bind address, secrets with labels,
// the API token, expense helper commands, time zone, database path, body limit, durability, and
// whether closing the window leaves the app in the tray. Changes that can apply at once do
// (rebinding the port, reloading secrets); the rest say that they take effect at the next start.
#pragma once

#include <QDialog>

class QLabel;

namespace peanuts {

class ReceiverCore;
class SecretStore;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(ReceiverCore *core, SecretStore *secrets, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // Applies what was edited; returns false (and shows the reason in the dialog) when something
    // cannot apply, such as a port already taken.
    bool apply();
    QString lastError() const { return m_lastError; }

private:
    ReceiverCore *m_core;
    SecretStore *m_secrets;
    QLabel *m_error = nullptr;
    QString m_lastError;
};

} // namespace peanuts
