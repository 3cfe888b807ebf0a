// The settings dialog over the one Settings class: port and bind address, secrets with labels,
// the API token, expense helper commands, time zone, database path, body limit, durability, and
// whether closing the window leaves the app in the tray, starting at login, and disk usage (retention limits, the
// file's size, compacting it), the pipeline's actions (pipelinepage.h) and custom responses (responsespage.h). Changes
// that can apply at once do (rebinding the port, reloading secrets, retention); the rest say that they take effect at
// the next start.
#pragma once

#include "data/records.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QHostAddress;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace peanuts {

namespace settingsform {
struct RestartRow;
}

class PipelinePage;
class ResponsesPage;
class ReceiverCore;
class SecretStore;
class Settings;
struct Secret;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(ReceiverCore *core, SecretStore *secrets, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // Applies what was edited; returns false (and shows the reason in the dialog) when something
    // cannot apply, such as a port already taken. Rules kept in a team database may still be saving
    // when it returns (isSaving()): OK and Apply wait for the answer, and a refusal then shows as any
    // other (OK closes the dialog only once they are saved).
    bool apply();
    bool isSaving() const;
    QString lastError() const { return m_lastError; }

    // The secrets table, for tests: adds a row.
    void addSecretRow(const QString &label, const QString &secret);
    void setPort(int port);
    PipelinePage *pipelinePage() const { return m_pipeline; }
    ResponsesPage *responsesPage() const { return m_responses; }
    // The Storage page, where a team database is chosen (the first-run panel's button).
    void showStoragePage();
    // Opens on the Responses page (the main window's banner: "Edit…").
    void showResponsesPage();

private:
    // What the dialog showed when it opened (or last applied): only fields edited since are written,
    // so a value given on the command line for one run does not end up in the settings.
    struct Shown
    {
        int port = 0;
        QString bind;
        QString tlsCert;
        QString tlsKey;
        bool allowPlainHttp = false;
        qint64 maxBodyBytes = 0;
        QString commands;
        QString zone;
        QString database;
        bool viewer = false;
        QString durability;
        bool closeToTray = true;
        bool notifications = true;
        bool startAtLogin = false; // the autostart entry, not a setting (platform/autostart.h)
    };

    QWidget *receiverPage();
    QWidget *secretsPage();
    QWidget *tokenPage();
    QWidget *expensesPage();
    QWidget *storagePage();
    QWidget *windowPage();
    Shown current() const;
    qint64 maxBodyBytes() const;
    void setMaxBodyBytes(qint64 bytes);
    void fillSecrets(const QList<Secret> &secrets);
    bool tableSecrets(QList<Secret> *secrets, QString *error) const;
    void setSecretShown(QWidget *toggle, bool shown);
    void updateSecretsWhere();
    void updateListening();
    // A path field with a Browse… button; the field is the row label's buddy.
    settingsform::RestartRow pathRow(QLineEdit *field, const QString &title, QWidget *parent);
    // The address, certificate, key or allowance edited: the listener is secured anew.
    bool listenerSecurityEdited(const Shown &now) const;
    bool applyListener(const Shown &now, const QHostAddress &address);
    void updateDurabilityHelp();
    void regenerateToken();
    void showError(const QString &message);
    // The rules' save answered after apply() returned.
    void pipelineSaved(const QString &problem);

    // Disk usage: retention limits (applied live) and compacting the file on the store's thread.
    QWidget *diskUsageGroup(QWidget *parent);
    RetentionPolicy editedRetention() const;
    void applyRetention(Settings *settings);
    void compactNow();
    void updateDatabaseSize();

    ReceiverCore *m_core;
    SecretStore *m_secrets;
    QLabel *m_error = nullptr;
    QString m_lastError;
    Shown m_shown;
    bool m_secretsEdited = false; // the table no longer follows the store's loads
    QLabel *m_listening = nullptr;
    QSpinBox *m_port = nullptr;
    QComboBox *m_bind = nullptr;
    QLineEdit *m_tlsCert = nullptr;
    QLineEdit *m_tlsKey = nullptr;
    QCheckBox *m_allowPlainHttp = nullptr;
    QLabel *m_plainHttpWarning = nullptr;
    QSpinBox *m_maxBody = nullptr;
    QComboBox *m_maxBodyUnit = nullptr;
    QTableWidget *m_secretTable = nullptr;
    QLabel *m_secretsWhereIcon = nullptr;
    QLabel *m_secretsWhere = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_tokenNote = nullptr;
    QLineEdit *m_commands = nullptr;
    QComboBox *m_zone = nullptr;
    QLineEdit *m_database = nullptr;
    QCheckBox *m_viewer = nullptr;
    QWidget *m_storage = nullptr;
    QComboBox *m_durability = nullptr;
    QLabel *m_durabilityHelp = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
    PipelinePage *m_pipeline = nullptr;
    ResponsesPage *m_responses = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPushButton *m_okButton = nullptr;
    QPushButton *m_applyButton = nullptr;
    bool m_acceptWhenSaved = false; // OK was pressed while the rules were saving

    RetentionPolicy m_shownRetention;
    QSpinBox *m_maxSizeMb = nullptr;
    int m_shownMaxSizeMb = 0;
    QSpinBox *m_keepDays = nullptr;
    QSpinBox *m_keepDeliveries = nullptr;
    QLabel *m_databaseSize = nullptr;
    QPushButton *m_compact = nullptr;
    QLabel *m_compactResult = nullptr;
};

} // namespace peanuts
