// The settings dialog: what applies at once (port, bind address, secrets) applies at once; the rest
// is saved and marked as taking effect at the next start.
#include "settingsdialog.h"

#include "receivercore.h"
#include "secretstore.h"
#include "settings.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace peanuts {

namespace {

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    return label;
}

const QString kRestart = QStringLiteral("Takes effect at the next start.");

} // namespace

SettingsDialog::SettingsDialog(ReceiverCore *core, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_secrets(secrets)
{
    setWindowTitle(QStringLiteral("Settings"));
    resize(640, 480);
    Settings *settings = core->settings();
    const Options &options = core->options();
    auto *tabs = new QTabWidget(this);

    // Receiver.
    auto *receiver = new QWidget(this);
    auto *rf = new QFormLayout(receiver);
    m_port = new QSpinBox(receiver);
    m_port->setRange(1, 65535);
    m_port->setValue(core->port());
    m_bind = new QComboBox(receiver);
    m_bind->setEditable(true);
    m_bind->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("0.0.0.0"), QStringLiteral("::1")});
    m_bind->setCurrentText(options.bindAddress.toString());
    m_maxBodyKiB = new QSpinBox(receiver);
    m_maxBodyKiB->setRange(1, 1024 * 1024);
    m_maxBodyKiB->setSuffix(QStringLiteral(" KiB"));
    m_maxBodyKiB->setValue(int(options.limits.maxBodyBytes / 1024));
    rf->addRow(QStringLiteral("Port"), m_port);
    rf->addRow(QStringLiteral("Listen on"), m_bind);
    rf->addRow(QString(),
        note(QStringLiteral("127.0.0.1 is enough for ngrok; 0.0.0.0 exposes the port to your "
                            "network. A change here applies at once."),
            receiver));
    rf->addRow(QStringLiteral("Body limit"), m_maxBodyKiB);
    rf->addRow(QString(), note(kRestart, receiver));
    tabs->addTab(receiver, QStringLiteral("Receiver"));

    // Secrets.
    auto *secretsPage = new QWidget(this);
    auto *sl = new QVBoxLayout(secretsPage);
    sl->addWidget(note(QStringLiteral("Any secret verifies a delivery, so you can rotate: add the new one, switch "
                                      "Peanuts over, then remove the old. Secrets from PEANUTS_SECRET or "
                                      "--secret-file are not listed here."),
        secretsPage));
    m_secretTable = new QTableWidget(0, 2, secretsPage);
    m_secretTable->setHorizontalHeaderLabels({QStringLiteral("Label"), QStringLiteral("Secret")});
    m_secretTable->horizontalHeader()->setStretchLastSection(true);
    m_secretTable->verticalHeader()->hide();
    for (const Secret &secret : secrets->secrets())
        addSecretRow(secret.label, QString::fromUtf8(secret.key));
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(QStringLiteral("Add"), secretsPage);
    connect(add, &QPushButton::clicked, this, [this] {
        addSecretRow(QStringLiteral("secret-%1").arg(m_secretTable->rowCount() + 1), QString());
        m_secretTable->editItem(m_secretTable->item(m_secretTable->rowCount() - 1, 1));
    });
    auto *remove = new QPushButton(QStringLiteral("Remove"), secretsPage);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_secretTable->currentRow() >= 0)
            m_secretTable->removeRow(m_secretTable->currentRow());
    });
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    sl->addWidget(m_secretTable, 1);
    sl->addLayout(buttons);
    const bool file = secrets->backend() == SecretStore::Backend::File;
    auto *where = new QLabel(
        QStringLiteral("%1Kept in %2.").arg(file ? QStringLiteral("⚠ ") : QString(), secrets->backendDescription()),
        secretsPage);
    where->setWordWrap(true);
    if (file)
        where->setStyleSheet(QStringLiteral("color: #b26a00;"));
    sl->addWidget(where);
    tabs->addTab(secretsPage, QStringLiteral("Secrets"));

    // API token.
    auto *api = new QWidget(this);
    auto *af = new QFormLayout(api);
    m_token = new QLineEdit(QString::fromUtf8(core->apiToken()), api);
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    auto *show = new QPushButton(QStringLiteral("Show"), api);
    show->setCheckable(true);
    connect(show, &QPushButton::toggled, this,
        [this](bool on) { m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    auto *copy = new QPushButton(QStringLiteral("Copy"), api);
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_token->text()); });
    auto *regenerate = new QPushButton(QStringLiteral("Regenerate"), api);
    connect(regenerate, &QPushButton::clicked, this, [this] {
        QByteArray raw(24, Qt::Uninitialized);
        QRandomGenerator::system()->generate(raw.begin(), raw.end());
        m_token->setText(QStringLiteral("pm_")
            + QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    });
    tokenRow->addWidget(show);
    tokenRow->addWidget(copy);
    tokenRow->addWidget(regenerate);
    af->addRow(QStringLiteral("Bearer token"), tokenRow);
    af->addRow(QString(),
        note(QStringLiteral("/api/stats and /api/dashboard need “Authorization: Bearer <token>”. "
                            "PEANUTS_API_TOKEN overrides it. A new token takes effect at the next "
                            "start."),
            api));
    tabs->addTab(api, QStringLiteral("API"));

    // Expenses.
    auto *expenses = new QWidget(this);
    auto *ef = new QFormLayout(expenses);
    m_commands = new QLineEdit(options.figures.expenseCommands.join(QStringLiteral(", ")), expenses);
    m_zone = new QComboBox(expenses);
    m_zone->addItem(QStringLiteral("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())), QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    const int zoneIndex = m_zone->findData(settings->timeZone());
    m_zone->setCurrentIndex(qMax(0, zoneIndex));
    ef->addRow(QStringLiteral("Expense helpers"), m_commands);
    ef->addRow(QStringLiteral("Time zone"), m_zone);
    ef->addRow(QString(),
        note(QStringLiteral("Helper commands whose entries count as expenses, comma-separated. The "
                            "zone decides days and months. ")
                + kRestart,
            expenses));
    tabs->addTab(expenses, QStringLiteral("Expenses"));

    // Storage.
    auto *storage = new QWidget(this);
    auto *sf = new QFormLayout(storage);
    m_database = new QLineEdit(options.dbPath, storage);
    auto *browse = new QPushButton(QStringLiteral("Browse…"), storage);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Database file"), m_database->text(),
            QStringLiteral("SQLite databases (*.db);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_database->setText(path);
    });
    auto *dbRow = new QHBoxLayout;
    dbRow->addWidget(m_database, 1);
    dbRow->addWidget(browse);
    m_durability = new QComboBox(storage);
    m_durability->addItem(QStringLiteral("Normal — survives an app crash; a power loss can undo the last commits"),
        QStringLiteral("normal"));
    m_durability->addItem(QStringLiteral("Full — also survives a power loss; slower"), QStringLiteral("full"));
    m_durability->setCurrentIndex(options.durability == Durability::Full ? 1 : 0);
    sf->addRow(QStringLiteral("Database"), dbRow);
    sf->addRow(QStringLiteral("Durability"), m_durability);
    sf->addRow(QString(), note(kRestart, storage));
    tabs->addTab(storage, QStringLiteral("Storage"));

    // Window.
    auto *window = new QWidget(this);
    auto *wf = new QFormLayout(window);
    m_closeToTray = new QCheckBox(QStringLiteral("Closing the window keeps receiving in the tray"), window);
    m_closeToTray->setChecked(settings->closeToTray());
    m_notifications = new QCheckBox(QStringLiteral("Desktop notifications"), window);
    m_notifications->setChecked(settings->notificationsEnabled());
    wf->addRow(m_closeToTray);
    wf->addRow(m_notifications);
    tabs->addTab(window, QStringLiteral("Window"));

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold;"));
    m_error->hide();
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(box, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(box->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, [this] { apply(); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(box);
}

void SettingsDialog::addSecretRow(const QString &label, const QString &secret)
{
    const int row = m_secretTable->rowCount();
    m_secretTable->insertRow(row);
    m_secretTable->setItem(row, 0, new QTableWidgetItem(label));
    m_secretTable->setItem(row, 1, new QTableWidgetItem(secret));
}

void SettingsDialog::setPort(int port)
{
    m_port->setValue(port);
}

bool SettingsDialog::apply()
{
    m_lastError.clear();
    Settings *settings = m_core->settings();

    QList<Secret> secrets;
    QStringList labels;
    for (int row = 0; row < m_secretTable->rowCount(); ++row) {
        const QString label = m_secretTable->item(row, 0) ? m_secretTable->item(row, 0)->text().trimmed() : QString();
        const QString key = m_secretTable->item(row, 1) ? m_secretTable->item(row, 1)->text() : QString();
        if (label.isEmpty() && key.isEmpty())
            continue;
        if (label.isEmpty() || key.isEmpty() || labels.contains(label)) {
            m_lastError = QStringLiteral("Each secret needs a label of its own and a value (row %1).").arg(row + 1);
            break;
        }
        labels.append(label);
        secrets.append(Secret {label, key.toUtf8()});
    }

    QHostAddress address;
    if (m_lastError.isEmpty() && !address.setAddress(m_bind->currentText().trimmed()))
        m_lastError = QStringLiteral("“%1” is not an IP address.").arg(m_bind->currentText());
    if (m_lastError.isEmpty() && (m_port->value() != m_core->port() || address != m_core->options().bindAddress)) {
        QString error;
        if (!m_core->rebind(address, quint16(m_port->value()), &error))
            m_lastError = QStringLiteral("Port %1: %2. The receiver keeps listening on %3.")
                              .arg(m_port->value())
                              .arg(error)
                              .arg(m_core->port());
    }
    if (!m_lastError.isEmpty()) {
        m_error->setText(m_lastError);
        m_error->show();
        return false;
    }
    m_error->hide();

    settings->setPort(quint16(m_port->value()));
    settings->setBindAddress(address.toString());
    settings->setMaxBodyBytes(qint64(m_maxBodyKiB->value()) * 1024);
    settings->setApiToken(m_token->text().toUtf8());
    QStringList commands;
    for (const QString &c : m_commands->text().split(u',', Qt::SkipEmptyParts))
        commands.append(c.trimmed());
    settings->setExpenseCommands(commands);
    settings->setTimeZone(m_zone->currentData().toString());
    settings->setDatabasePath(m_database->text().trimmed());
    settings->setDurability(m_durability->currentData().toString());
    settings->setCloseToTray(m_closeToTray->isChecked());
    settings->setNotificationsEnabled(m_notifications->isChecked());
    settings->sync();

    m_secrets->save(secrets);
    m_core->setStoredSecrets(secrets);
    return true;
}

} // namespace peanuts
