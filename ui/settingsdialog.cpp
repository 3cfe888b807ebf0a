// The settings dialog: the port, bind address and secrets apply to the running receiver at once; the
// rest is saved to Settings and marked as taking effect after a restart.
#include "settingsdialog.h"

#include "settingsform.h"

#include "config/secretstore.h"
#include "config/settings.h"
#include "http/urlhost.h"
#include "palette.h"
#include "pipelinepage.h"
#include "platform/autostart.h"
#include "receivercore.h"
#include "responsespage.h"
#include "services/maintenanceservice.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>

namespace peanuts {

using namespace settingsform;

SettingsDialog::SettingsDialog(ReceiverCore *core, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_secrets(secrets)
{
    setWindowTitle(tr("Peanuts Monitor Settings"));
    auto *tabs = new QTabWidget(this);
    m_tabs = tabs;
    tabs->addTab(receiverPage(), tr("Receiver"));
    tabs->addTab(secretsPage(), tr("Secrets"));
    tabs->addTab(tokenPage(), tr("API token"));
    tabs->addTab(expensesPage(), tr("Expenses"));
    m_storage = storagePage();
    tabs->addTab(m_storage, tr("Storage"));
    m_pipeline = new PipelinePage(core, this);
    tabs->addTab(m_pipeline, tr("Actions"));
    m_responses = new ResponsesPage(core, this);
    tabs->addTab(m_responses, tr("Responses"));
    tabs->addTab(windowPage(), tr("Window"));

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(errorColorName()));
    m_error->hide();

    auto *buttons
        = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_okButton = buttons->button(QDialogButtonBox::Ok);
    m_applyButton = buttons->button(QDialogButtonBox::Apply);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!apply())
            return;
        if (isSaving())
            m_acceptWhenSaved = true;
        else
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_applyButton, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_pipeline, &PipelinePage::savingFinished, this, &SettingsDialog::pipelineSaved);
    connect(this, &QDialog::finished, this, [this] { m_acceptWhenSaved = false; }); // closed otherwise meanwhile

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    // The store may still be loading (the keychain answers asynchronously): follow it until edited.
    connect(m_secrets, &SecretStore::loaded, this, [this](const QList<Secret> &loaded, const QString &) {
        if (!m_secretsEdited)
            fillSecrets(loaded);
        updateSecretsWhere();
    });
    connect(m_secrets, &SecretStore::saved, this, [this](const QString &error) {
        updateSecretsWhere(); // a failing keychain moves the secrets to the file
        if (!error.isEmpty())
            showError(tr("The receiver uses the new secrets, but they could not be saved: %1").arg(error));
    });

    m_shown = current();
    if (!m_core->settings()) {
        // Cancel stays usable; there is nothing to edit or apply.
        showError(tr("The receiver is not running, so there is nothing to apply to."));
        tabs->setEnabled(false);
        m_okButton->setEnabled(false);
        m_applyButton->setEnabled(false);
    }
    resize(sizeHint().expandedTo(QSize(680, 460)));
}

SettingsDialog::Shown SettingsDialog::current() const
{
    Shown shown;
    shown.port = m_port->value();
    shown.bind = m_bind->currentText().trimmed();
    shown.tlsCert = m_tlsCert->text().trimmed();
    shown.tlsKey = m_tlsKey->text().trimmed();
    shown.allowPlainHttp = m_allowPlainHttp->isChecked();
    shown.maxBodyBytes = maxBodyBytes();
    shown.commands = normalizedCommands(m_commands->text());
    shown.zone = m_zone->currentData().toString();
    shown.database = m_database->text().trimmed();
    shown.viewer = m_viewer->isChecked();
    shown.durability = m_durability->currentData().toString();
    shown.closeToTray = m_closeToTray->isChecked();
    shown.notifications = m_notifications->isChecked();
    shown.startAtLogin = m_startAtLogin->isChecked();
    return shown;
}

qint64 SettingsDialog::maxBodyBytes() const
{
    return qint64(m_maxBody->value()) * m_maxBodyUnit->currentData().toLongLong();
}

void SettingsDialog::setMaxBodyBytes(qint64 bytes)
{
    const bool mebibytes = bytes >= kMiB && bytes % kMiB == 0;
    m_maxBodyUnit->setCurrentIndex(mebibytes ? 1 : 0);
    m_maxBody->setValue(int(mebibytes ? bytes / kMiB : (bytes + kKiB - 1) / kKiB));
}

void SettingsDialog::showStoragePage()
{
    m_tabs->setCurrentWidget(m_storage);
}

void SettingsDialog::showResponsesPage()
{
    m_tabs->setCurrentWidget(m_responses);
}

void SettingsDialog::setPort(int port)
{
    m_port->setValue(port);
}

void SettingsDialog::addSecretRow(const QString &label, const QString &secret)
{
    const bool edited = m_secretsEdited;
    const int row = m_secretTable->rowCount();
    m_secretTable->insertRow(row);
    m_secretTable->setItem(row, 0, new QTableWidgetItem(label));
    auto *value = new QTableWidgetItem(maskedText(secret, false));
    value->setData(kSecretRole, secret);
    value->setData(kShownRole, false);
    m_secretTable->setItem(row, 1, value);
    auto *toggle = new QToolButton(m_secretTable);
    toggle->setText(tr("Show"));
    toggle->setCheckable(true);
    toggle->setAutoRaise(true);
    toggle->setToolTip(tr("Show or hide this secret"));
    connect(toggle, &QToolButton::toggled, this, [this, toggle](bool on) { setSecretShown(toggle, on); });
    m_secretTable->setCellWidget(row, 2, toggle);
    m_secretsEdited = edited;
}

void SettingsDialog::setSecretShown(QWidget *toggle, bool shown)
{
    // Rows move as others are removed: find this toggle's row now.
    for (int row = 0; row < m_secretTable->rowCount(); ++row) {
        if (m_secretTable->cellWidget(row, 2) != toggle)
            continue;
        QTableWidgetItem *item = m_secretTable->item(row, 1);
        const bool edited = m_secretsEdited;
        item->setData(kShownRole, shown);
        item->setText(maskedText(item->data(kSecretRole).toString(), shown));
        m_secretsEdited = edited; // showing is not editing
        static_cast<QToolButton *>(toggle)->setText(shown ? tr("Hide") : tr("Show"));
        return;
    }
}

void SettingsDialog::fillSecrets(const QList<Secret> &secrets)
{
    m_secretTable->setRowCount(0);
    for (const Secret &secret : secrets)
        addSecretRow(secret.label, QString::fromUtf8(secret.key));
    m_secretsEdited = false;
}

bool SettingsDialog::tableSecrets(QList<Secret> *secrets, QString *error) const
{
    secrets->clear();
    QStringList labels;
    for (int row = 0; row < m_secretTable->rowCount(); ++row) {
        const QString label = m_secretTable->item(row, 0)->text().trimmed();
        const QString secret = m_secretTable->item(row, 1)->data(kSecretRole).toString();
        if (label.isEmpty() && secret.isEmpty())
            continue; // an added row left blank
        if (label.isEmpty() || secret.isEmpty()) {
            *error = tr("Secret row %1 needs both a label and a secret.").arg(row + 1);
            return false;
        }
        if (labels.contains(label)) {
            *error = tr("Two secrets are labelled “%1”; each needs a label of its own.").arg(label);
            return false;
        }
        labels.append(label);
        secrets->append(Secret {label, secret.toUtf8()});
    }
    return true;
}

void SettingsDialog::updateSecretsWhere()
{
    const bool file = m_secrets->backend() == SecretStore::Backend::File;
    m_secretsWhereIcon->setVisible(file);
    m_secretsWhere->setText(tr("Kept in %1.").arg(m_secrets->backendDescription()));
}

void SettingsDialog::updateListening()
{
    m_listening->setText(m_core->port() == 0
            ? tr("not listening")
            : QStringLiteral("%1://%2:%3/webhook")
                  .arg(m_core->servesTls() ? QStringLiteral("https") : QStringLiteral("http"),
                      urlHost(m_core->options().bindAddress))
                  .arg(m_core->port()));
    const QString warning = m_core->plainHttpWarning();
    m_plainHttpWarning->setText(QStringLiteral("⚠ %1").arg(warning));
    m_plainHttpWarning->setVisible(!warning.isEmpty());
}

void SettingsDialog::updateDurabilityHelp()
{
    m_durabilityHelp->setText(m_durability->currentData().toString() == QLatin1String("full")
            ? tr("Every delivery answered 200 survives an app crash and a power loss: the log is "
                 "synced to disk before each answer (one sync per batch), which is slower.")
            : tr("Every delivery answered 200 survives an app crash. After a power loss or kernel "
                 "crash the database stays consistent, but its last commits can be rolled back."));
}

void SettingsDialog::regenerateToken()
{
    const QByteArray token = m_core->regenerateApiToken();
    if (token.isEmpty())
        return;
    m_token->setText(QString::fromUtf8(token));
    m_tokenNote->setText(m_core->apiTokenFromEnvironment()
            ? tr("New token saved. This run uses PEANUTS_API_TOKEN from the environment, which wins "
                 "over the saved token: the new one takes effect when the receiver starts without it.")
            : tr("New token saved and in force: the old one is refused from now on."));
}

void SettingsDialog::showError(const QString &message)
{
    m_lastError = message;
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool SettingsDialog::apply()
{
    Settings *settings = m_core->settings();
    if (!settings) {
        showError(tr("The receiver is not running; nothing was saved."));
        return false;
    }
    QList<Secret> secrets;
    QString problem;
    if (!tableSecrets(&secrets, &problem)) {
        showError(problem);
        return false;
    }
    const Shown now = current();
    QHostAddress address;
    if (!address.setAddress(now.bind)) {
        showError(tr("“%1” is not an IP address. Use 127.0.0.1 for this computer only, or 0.0.0.0 "
                     "for every network.")
                      .arg(now.bind));
        return false;
    }

    // The listener first: it is the one change that can fail, and then nothing is saved.
    if (!applyListener(now, address))
        return false;

    if (now.port != m_shown.port)
        settings->setPort(quint16(now.port));
    if (now.bind != m_shown.bind)
        settings->setBindAddress(address.toString());
    if (now.tlsCert != m_shown.tlsCert)
        settings->setValue(Settings::Key::TlsCert, now.tlsCert);
    if (now.tlsKey != m_shown.tlsKey)
        settings->setValue(Settings::Key::TlsKey, now.tlsKey);
    // Written, true or false, with any change of the address, certificate or key too: a file
    // without the key reads as one saved before plain HTTP needed allowing (applySettings).
    if (listenerSecurityEdited(now))
        settings->setValue(Settings::Key::AllowPlainHttp, now.allowPlainHttp);
    if (now.maxBodyBytes != m_shown.maxBodyBytes)
        settings->setMaxBodyBytes(now.maxBodyBytes);
    if (now.commands != m_shown.commands)
        settings->setExpenseCommands(now.commands.split(QStringLiteral(", "), Qt::SkipEmptyParts));
    if (now.zone != m_shown.zone)
        settings->setTimeZone(now.zone);
    if (now.database != m_shown.database)
        settings->setDatabasePath(now.database);
    if (now.viewer != m_shown.viewer)
        settings->setValue(Settings::Key::Viewer, now.viewer);
    if (now.durability != m_shown.durability)
        settings->setDurability(now.durability);
    if (now.closeToTray != m_shown.closeToTray)
        settings->setCloseToTray(now.closeToTray);
    if (now.notifications != m_shown.notifications)
        settings->setNotificationsEnabled(now.notifications);
    applyRetention(settings);
    settings->sync();
    // Not a setting: the entry in the autostart folder is the state. A failure is retried on the next apply.
    QString autostartError;
    const bool autostartFailed
        = now.startAtLogin != m_shown.startAtLogin && !Autostart().setEnabled(now.startAtLogin, &autostartError);
    m_shown = now;
    if (autostartFailed)
        m_shown.startAtLogin = !now.startAtLogin;

    if (secrets != m_secrets->secrets()) {
        m_secrets->save(secrets);
        m_core->setStoredSecrets(secrets);
    }
    m_secretsEdited = false;
    m_responses->apply(); // checked as typed: the editors hold only what the core accepts
    // The pipeline last: a refused part (a bad URL) keeps the dialog open on its error, the rest applied.
    QString pipelineError;
    const bool pipelineApplied = m_pipeline->apply(&pipelineError);
    // Until the rules' answer, nothing more to apply.
    m_okButton->setEnabled(!isSaving());
    m_applyButton->setEnabled(!isSaving());
    if (!pipelineApplied) {
        showError(pipelineError);
        return false;
    }
    showError(autostartFailed ? tr("Start at login was not changed: %1").arg(autostartError) : QString());
    return !autostartFailed;
}

bool SettingsDialog::isSaving() const
{
    return m_pipeline->isSaving();
}

void SettingsDialog::pipelineSaved(const QString &problem)
{
    m_okButton->setEnabled(true);
    m_applyButton->setEnabled(true);
    const bool close = std::exchange(m_acceptWhenSaved, false);
    if (!problem.isEmpty())
        showError(problem); // open on its error, as with a refusal
    else if (close)
        accept();
}

bool SettingsDialog::listenerSecurityEdited(const Shown &now) const
{
    return now.bind != m_shown.bind || now.tlsCert != m_shown.tlsCert || now.tlsKey != m_shown.tlsKey
        || now.allowPlainHttp != m_shown.allowPlainHttp;
}

bool SettingsDialog::applyListener(const Shown &now, const QHostAddress &address)
{
    const QHostAddress oldAddress = m_core->options().bindAddress;
    const quint16 oldPort = m_core->port();
    QString error;
    bool ok = true;
    if (listenerSecurityEdited(now)) // an explicit choice: it also ends an older settings file's allowance
        ok = m_core->reconfigureListener(
            address, quint16(now.port), {now.tlsCert, now.tlsKey, now.allowPlainHttp}, &error);
    else if (quint16(now.port) != oldPort || address != oldAddress)
        ok = m_core->rebind(address, quint16(now.port), &error);
    if (!ok) {
        // HttpFrontend::listenOn closes the old listener before it tries the new one on the same
        // port, so the old one is opened again (its port was ours a moment ago).
        QString restoreError;
        const bool restored = oldPort != 0 && m_core->rebind(oldAddress, oldPort, &restoreError);
        // error reads "cannot listen on ADDRESS:PORT: reason", so it names the port.
        QString reason = error.isEmpty() ? tr("Cannot listen on port %1").arg(now.port) : error;
        reason[0] = reason.at(0).toUpper();
        if (reason.endsWith(u'.'))
            reason.chop(1);
        const QString oldPortText = QString::number(oldPort);
        showError(restored ? tr("%1. Nothing was saved; the receiver is still listening on %2:%3.")
                                 .arg(reason, urlHost(oldAddress), oldPortText)
                           : tr("%1. Nothing was saved; listening again on %2:%3 failed too (%4): choose a free "
                                "port and apply.")
                                 .arg(reason, urlHost(oldAddress), oldPortText, restoreError));
    }
    updateListening();
    return ok;
}

RetentionPolicy SettingsDialog::editedRetention() const
{
    // Rejected deliveries' age limit is set by option or in the settings file, not here.
    return RetentionPolicy {
        m_keepDays->value(), qint64(m_keepDeliveries->value()), m_shownRetention.rejectedMaxAgeDays};
}

void SettingsDialog::applyRetention(Settings *settings)
{
    const RetentionPolicy edited = editedRetention();
    if (edited.maxAgeDays != m_shownRetention.maxAgeDays)
        settings->setKeepDays(edited.maxAgeDays);
    if (edited.maxDeliveries != m_shownRetention.maxDeliveries)
        settings->setKeepDeliveries(edited.maxDeliveries);
    if (edited != m_shownRetention)
        m_core->setRetention(edited);
    m_shownRetention = edited;
    if (m_maxSizeMb->value() != m_shownMaxSizeMb) {
        m_shownMaxSizeMb = m_maxSizeMb->value();
        settings->setMaxDatabaseSizeMb(m_shownMaxSizeMb);
        m_core->setMaxDatabaseSize(qint64(m_shownMaxSizeMb) * kBytesPerMb);
    }
}

void SettingsDialog::compactNow()
{
    MaintenanceService *maintenance = m_core->maintenance();
    if (!maintenance->isAvailable())
        return;
    m_compact->setEnabled(false);
    m_compactResult->setText(tr("Compacting…"));
    maintenance->compact(); // on the store's thread: the window stays responsive
}

void SettingsDialog::updateDatabaseSize()
{
    const qint64 bytes = m_core->maintenance()->databaseBytes();
    m_databaseSize->setText(bytes < 0 ? tr("unknown") : QLocale().formattedDataSize(bytes));
}

} // namespace peanuts
