// The settings dialog over the one Settings class: port and bind address, secrets with labels,
// the API token, expense helper commands, time zone, database path, body limit, durability, and
// whether closing the window leaves the app in the tray. Changes that can apply at once do
// (rebinding the port, reloading secrets); the rest say that they take effect at the next start.
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

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

    // The secrets table, for tests: adds a row.
    void addSecretRow(const QString &label, const QString &secret);
    void setPort(int port);

private:
    ReceiverCore *m_core;
    SecretStore *m_secrets;
    QLabel *m_error = nullptr;
    QString m_lastError;
    QSpinBox *m_port = nullptr;
    QComboBox *m_bind = nullptr;
    QSpinBox *m_maxBodyKiB = nullptr;
    QTableWidget *m_secretTable = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_commands = nullptr;
    QComboBox *m_zone = nullptr;
    QLineEdit *m_database = nullptr;
    QComboBox *m_durability = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QCheckBox *m_notifications = nullptr;
};

} // namespace peanuts
