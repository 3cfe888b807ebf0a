// The settings dialog's pages, built once when it opens; what they do is in settingsdialog.cpp.
#include "settingsdialog.h"

#include "config/secretstore.h"
#include "config/settings.h"
#include "palette.h"
#include "platform/autostart.h"
#include "receivercore.h"
#include "services/maintenanceservice.h"
#include "settingsform.h"
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
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

QWidget *SettingsDialog::receiverPage()
{
    const Options &options = m_core->options();
    auto *page = new QWidget(this);
    Form form(page);

    m_listening = new QLabel(page);
    m_listening->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form.addRow(tr("Listening:"), m_listening);

    m_port = new QSpinBox(page);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_port->setValue(m_core->port() != 0 ? m_core->port() : options.port);
    m_port->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    form.addRow(tr("&Port:"), m_port);

    m_bind = new QComboBox(page);
    m_bind->setObjectName(QStringLiteral("bind"));
    m_bind->setEditable(true);
    m_bind->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("0.0.0.0"), QStringLiteral("::1")});
    m_bind->setCurrentText(options.bindAddress.toString());
    m_bind->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_bind->setMinimumContentsLength(16);
    form.addRow(tr("&Listen on:"), m_bind);
    form.addField(hint(tr("127.0.0.1 (or ::1) accepts connections from this computer only, which is all ngrok "
                          "needs; 0.0.0.0 accepts them from every network, and needs TLS below or plain HTTP "
                          "allowed. Port and address apply at once."),
        page));

    m_tlsCert = new QLineEdit(options.tlsCert, page);
    m_tlsCert->setObjectName(QStringLiteral("tlsCert"));
    m_tlsCert->setPlaceholderText(tr("none: plain HTTP"));
    form.addRow(tr("TLS &certificate:"), pathRow(m_tlsCert, tr("TLS certificate (PEM)"), page));
    m_tlsKey = new QLineEdit(options.tlsKey, page);
    m_tlsKey->setObjectName(QStringLiteral("tlsKey"));
    form.addRow(tr("TLS &key:"), pathRow(m_tlsKey, tr("TLS private key (PEM)"), page));
    form.addField(hint(tr("PEM files: the certificate (then its chain) and its private key, without a passphrase. "
                          "With both, the receiver serves HTTPS only; they apply at once."),
        page));
    m_allowPlainHttp = new QCheckBox(tr("&Allow plain HTTP beyond this computer"), page);
    m_allowPlainHttp->setObjectName(QStringLiteral("allowPlainHttp"));
    m_allowPlainHttp->setChecked(options.allowPlainHttp);
    form.addField(m_allowPlainHttp);
    form.addField(hint(tr("Only when something in front of the receiver, such as a proxy, encrypts the traffic: "
                          "otherwise deliveries and the API token cross the network readable."),
        page));
    m_plainHttpWarning = new QLabel(page);
    m_plainHttpWarning->setObjectName(QStringLiteral("plainHttpWarning"));
    m_plainHttpWarning->setWordWrap(true);
    m_plainHttpWarning->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plainHttpWarning->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(errorColorName()));
    form.addField(m_plainHttpWarning);
    updateListening();

    m_maxBody = new QSpinBox(page);
    m_maxBody->setObjectName(QStringLiteral("maxBody"));
    m_maxBody->setRange(1, 1024 * 1024);
    m_maxBodyUnit = new QComboBox(page);
    m_maxBodyUnit->setAccessibleName(tr("Unit of the largest body"));
    m_maxBodyUnit->addItem(tr("KiB"), kKiB);
    m_maxBodyUnit->addItem(tr("MiB"), kMiB);
    setMaxBodyBytes(options.limits.maxBodyBytes);
    form.addRow(tr("&Body limit:"), needsRestart(m_maxBody, page, m_maxBodyUnit));
    form.addField(hint(tr("Larger deliveries get 413 at once, unread."), page));
    return page;
}

settingsform::RestartRow SettingsDialog::pathRow(QLineEdit *field, const QString &title, QWidget *parent)
{
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(field, 1);
    auto *browse = new QPushButton(tr("Browse…"), parent);
    browse->setToolTip(title);
    connect(browse, &QPushButton::clicked, this, [this, field, title] {
        const QString path = QFileDialog::getOpenFileName(
            this, title, QFileInfo(field->text()).absolutePath(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!path.isEmpty())
            field->setText(path);
    });
    row->addWidget(browse);
    return {row, field}; // the field, the label's buddy, named by it
}

QWidget *SettingsDialog::secretsPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(hint(tr("Any of these secrets verifies a delivery, so a secret can be rotated: add "
                              "the new one, switch Peanuts over, then remove the old one. Changes apply "
                              "at once. Secrets from PEANUTS_SECRET, --secret-file and the settings "
                              "file are used too, but are not listed here."),
        page));

    m_secretTable = new QTableWidget(0, 3, page);
    m_secretTable->setObjectName(QStringLiteral("secrets"));
    m_secretTable->setAccessibleName(tr("Webhook secrets"));
    m_secretTable->setHorizontalHeaderLabels({tr("Label"), tr("Secret"), QString()});
    m_secretTable->setItemDelegateForColumn(1, new SecretDelegate(m_secretTable));
    m_secretTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_secretTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_secretTable->verticalHeader()->hide();
    m_secretTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_secretTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_secretTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_secretTable->setColumnWidth(0, 180);
    connect(m_secretTable, &QTableWidget::itemChanged, this, [this] { m_secretsEdited = true; });
    layout->addWidget(m_secretTable, 1);
    fillSecrets(m_secrets->secrets());

    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add"), page);
    connect(add, &QPushButton::clicked, this, [this] {
        int n = m_secretTable->rowCount() + 1;
        QStringList labels;
        for (int row = 0; row < m_secretTable->rowCount(); ++row)
            labels.append(m_secretTable->item(row, 0)->text());
        while (labels.contains(QStringLiteral("secret-%1").arg(n)))
            ++n;
        addSecretRow(QStringLiteral("secret-%1").arg(n), QString());
        const int row = m_secretTable->rowCount() - 1;
        m_secretTable->setCurrentCell(row, 1);
        m_secretTable->editItem(m_secretTable->item(row, 1));
    });
    auto *remove = new QPushButton(tr("&Remove"), page);
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_secretTable->currentRow();
        if (row >= 0) {
            m_secretTable->removeRow(row);
            m_secretsEdited = true;
        }
    });
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    auto *where = new QHBoxLayout;
    m_secretsWhereIcon = new QLabel(page);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_secretsWhereIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    m_secretsWhereIcon->setAlignment(Qt::AlignTop);
    m_secretsWhere = new QLabel(page);
    m_secretsWhere->setObjectName(QStringLiteral("secretsWhere"));
    m_secretsWhere->setWordWrap(true);
    m_secretsWhere->setTextInteractionFlags(Qt::TextSelectableByMouse);
    where->addWidget(m_secretsWhereIcon);
    where->addWidget(m_secretsWhere, 1);
    layout->addLayout(where);
    updateSecretsWhere();
    return page;
}

QWidget *SettingsDialog::tokenPage()
{
    auto *page = new QWidget(this);
    Form form(page);
    m_token = new QLineEdit(QString::fromUtf8(m_core->apiToken()), page);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setAccessibleName(tr("API token"));
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    auto *show = new QPushButton(tr("Show"), page);
    show->setCheckable(true);
    connect(show, &QPushButton::toggled, this, [this, show](bool on) {
        m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
        show->setText(on ? tr("Hide") : tr("Show"));
    });
    auto *copy = new QPushButton(tr("&Copy"), page);
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_token->text()); });
    auto *regenerate = new QPushButton(tr("&Regenerate"), page);
    regenerate->setObjectName(QStringLiteral("regenerate"));
    connect(regenerate, &QPushButton::clicked, this, &SettingsDialog::regenerateToken);
    auto *row = new QHBoxLayout;
    row->addWidget(m_token, 1);
    row->addWidget(show);
    row->addWidget(copy);
    row->addWidget(regenerate);
    form.addRow(tr("Bearer token:"), row);
    form.addField(hint(tr("GET /api/stats and /api/dashboard need “Authorization: Bearer <token>”, since ngrok "
                          "exposes the whole port. /healthz and the webhook need none."),
        page));
    QString note = tr("Regenerate saves a new token and puts it in force at once: the current one is "
                      "refused from then on.");
    if (m_core->apiTokenFromEnvironment())
        note += tr(" This run uses PEANUTS_API_TOKEN from the environment, which wins over the saved "
                   "token while it is set.");
    m_tokenNote = hint(note, page);
    form.addField(m_tokenNote);
    return page;
}

QWidget *SettingsDialog::expensesPage()
{
    const Options &options = m_core->options();
    auto *page = new QWidget(this);
    Form form(page);
    m_commands = new QLineEdit(options.figures.expenseCommands.join(QStringLiteral(", ")), page);
    m_commands->setObjectName(QStringLiteral("commands"));
    // A helper command as Peanuts names it, the same in every language.
    m_commands->setPlaceholderText(QStringLiteral("/expenses")); // tr-lint: not text
    form.addRow(tr("&Helper commands:"), needsRestart(m_commands, page));
    form.addField(hint(tr("Comma-separated; entries of these helper commands count as expenses in the "
                          "figures."),
        page));

    m_zone = new QComboBox(page);
    m_zone->setObjectName(QStringLiteral("zone"));
    m_zone->setMaxVisibleItems(20);
    m_zone->addItem(tr("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())), QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    const QString saved = m_core->settings() ? m_core->settings()->timeZone() : QString();
    m_zone->setCurrentIndex(qMax(0, saved.isEmpty() ? 0 : m_zone->findData(saved)));
    form.addRow(tr("&Time zone:"), needsRestart(m_zone, page));
    QString zoneHint = tr("Days and months of the figures begin at midnight in this zone.");
    if (options.explicitlySet.contains(QLatin1String("time-zone")))
        zoneHint += tr(" This run uses %1 from --time-zone, which wins over this setting.")
                        .arg(QString::fromUtf8(options.figures.zone.id()));
    form.addField(hint(zoneHint, page));
    return page;
}

QWidget *SettingsDialog::storagePage()
{
    const Options &options = m_core->options();
    auto *page = new QWidget(this);
    Form form(page);
    m_database = new QLineEdit(options.dbPath, page);
    m_database->setObjectName(QStringLiteral("database"));
    m_database->setPlaceholderText(defaultDatabasePath());
    auto *browse = new QPushButton(tr("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Database file"), m_database->text(),
            tr("SQLite databases (*.db);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_database->setText(path);
    });
    form.addRow(tr("&Database:"), needsRestart(m_database, page, browse));
    form.addField(hint(tr("One SQLite file per receiver. A new path starts an empty database there; the "
                          "current file is left as it is. A team database on PostgreSQL is a URL: "
                          "postgresql://user@host:port/dbname (the password from ~/.pgpass or the keychain)."),
        page));
    m_viewer = new QCheckBox(tr("Only &watch the team database: receive nothing (a viewer)"), page);
    m_viewer->setObjectName(QStringLiteral("viewer"));
    m_viewer->setChecked(m_core->isViewing());
    form.addRow(tr("Team:"), needsRestart(m_viewer, page));

    m_durability = new QComboBox(page);
    m_durability->setObjectName(QStringLiteral("durability"));
    m_durability->addItem(tr("Normal"), QStringLiteral("normal"));
    m_durability->addItem(tr("Full"), QStringLiteral("full"));
    m_durability->setCurrentIndex(options.durability == Durability::Full ? 1 : 0);
    m_durability->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    form.addRow(tr("D&urability:"), needsRestart(m_durability, page));
    m_durabilityHelp = hint(QString(), page);
    form.addField(m_durabilityHelp);
    connect(m_durability, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateDurabilityHelp);
    updateDurabilityHelp();
    form.addWide(diskUsageGroup(page));
    return page;
}

QWidget *SettingsDialog::windowPage()
{
    Settings *settings = m_core->settings();
    auto *page = new QWidget(this);
    Form form(page);
    m_closeToTray = new QCheckBox(tr("Closing the window keeps receiving in the tray"), page);
    m_closeToTray->setObjectName(QStringLiteral("closeToTray"));
    m_closeToTray->setChecked(settings ? settings->closeToTray() : true);
    m_notifications = new QCheckBox(tr("Desktop notifications for rejected deliveries and problems"), page);
    m_notifications->setObjectName(QStringLiteral("notifications"));
    m_notifications->setChecked(settings ? settings->notificationsEnabled() : true);
    form.addField(m_closeToTray);
    auto *trayHint = hint(tr("Quit from the tray icon's menu to stop the receiver."), page);
    // Lined up with the check box's text rather than its box.
    trayHint->setContentsMargins(
        style()->pixelMetric(QStyle::PM_IndicatorWidth) + style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing), 0, 0,
        0);
    form.addField(trayHint);
    form.addField(m_notifications);
    m_startAtLogin = new QCheckBox(tr("Start at login"), page);
    m_startAtLogin->setObjectName(QStringLiteral("startAtLogin"));
    m_startAtLogin->setChecked(Autostart().isEnabled());
    form.addField(m_startAtLogin);
    QString folder = QFileInfo(Autostart::entryPath()).absolutePath();
    if (folder.startsWith(QDir::homePath() + u'/'))
        folder.replace(0, QDir::homePath().size(), QStringLiteral("~"));
    auto *loginHint
        = hint(tr("Starts Peanuts Monitor when you log in to this desktop, with an entry in %1.").arg(folder), page);
    loginHint->setContentsMargins(trayHint->contentsMargins());
    form.addField(loginHint);
    return page;
}

QWidget *SettingsDialog::diskUsageGroup(QWidget *parent)
{
    const Options &options = m_core->options();
    auto *group = new QGroupBox(tr("Disk usage"), parent);
    Form form(group);

    m_keepDays = new QSpinBox(group);
    m_keepDays->setObjectName(QStringLiteral("keepDays"));
    m_keepDays->setRange(0, kMaxKeepDays);
    m_keepDays->setSpecialValueText(tr("no age limit"));
    m_keepDays->setSuffix(tr(" days"));
    m_keepDays->setValue(options.retention.maxAgeDays);
    form.addRow(tr("&Keep for:"), m_keepDays);

    m_keepDeliveries = new QSpinBox(group);
    m_keepDeliveries->setObjectName(QStringLiteral("keepDeliveries"));
    m_keepDeliveries->setRange(0, int(kMaxKeepDeliveries));
    m_keepDeliveries->setSpecialValueText(tr("no count limit"));
    m_keepDeliveries->setSuffix(tr(" deliveries"));
    m_keepDeliveries->setGroupSeparatorShown(true);
    m_keepDeliveries->setValue(int(options.retention.maxDeliveries));
    form.addRow(tr("Keep at &most:"), m_keepDeliveries);
    QString retentionHint
        = tr("Older deliveries are deleted in the background, every minute. The current entries, the delivery each was "
             "applied from, and all counts and figures are kept whatever the limits. Applies at once.");
    if (options.explicitlySet.contains(QLatin1String("keep-days"))
        || options.explicitlySet.contains(QLatin1String("keep-deliveries")))
        retentionHint += tr(" This run was started with --keep-days or --keep-deliveries, which win over "
                            "these settings at the next start.");
    form.addField(hint(retentionHint, group));
    m_shownRetention.rejectedMaxAgeDays = options.retention.rejectedMaxAgeDays;
    m_shownRetention = editedRetention();

    m_maxSizeMb = new QSpinBox(group);
    m_maxSizeMb->setObjectName(QStringLiteral("maxDatabaseSize"));
    m_maxSizeMb->setRange(0, kMaxDatabaseSizeMb);
    m_maxSizeMb->setSpecialValueText(tr("no limit"));
    m_maxSizeMb->setSuffix(tr(" MB"));
    m_maxSizeMb->setGroupSeparatorShown(true);
    m_maxSizeMb->setValue(int(options.maxDbSizeBytes / kBytesPerMb));
    form.addRow(tr("&Largest size:"), m_maxSizeMb);
    form.addField(hint(tr("When the file reaches it, deliveries are answered 503 (senders retry later) "
                          "and the window says so, until old deliveries are deleted or the limit is "
                          "raised. Applies at once."),
        group));
    m_shownMaxSizeMb = m_maxSizeMb->value();

    m_databaseSize = new QLabel(group);
    m_databaseSize->setObjectName(QStringLiteral("databaseSize"));
    m_databaseSize->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_compact = new QPushButton(tr("&Compact now"), group);
    m_compact->setObjectName(QStringLiteral("compact"));
    m_compact->setEnabled(m_core->maintenance()->isAvailable());
    m_compactResult = new QLabel(group);
    m_compactResult->setObjectName(QStringLiteral("compactResult"));
    m_compactResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(m_databaseSize);
    row->addWidget(m_compact);
    row->addWidget(m_compactResult, 1);
    form.addRow(tr("Database size:"), row);
    form.addField(hint(tr("Deleting frees room inside the file for new deliveries; compacting gives it "
                          "back to the disk. Deliveries wait while it runs, which can take a while for "
                          "a large file."),
        group));
    updateDatabaseSize();

    connect(m_compact, &QPushButton::clicked, this, &SettingsDialog::compactNow);
    {
        // The connection goes with the dialog if it closes first.
        connect(
            m_core->maintenance(), &MaintenanceService::compacted, this,
            [this](qint64 before, qint64 after, const QString &error) {
                m_compact->setEnabled(true);
                const QLocale locale;
                m_compactResult->setText(error.isEmpty()
                        ? tr("Compacted: %1 → %2")
                              .arg(locale.formattedDataSize(before), locale.formattedDataSize(after))
                        : tr("Compacting failed: %1").arg(error));
                // The size the store measured right after compacting: reading the files again here
                // would race with the next write's WAL header.
                if (error.isEmpty())
                    m_databaseSize->setText(locale.formattedDataSize(after));
                else
                    updateDatabaseSize();
            },
            Qt::QueuedConnection);
    }
    return group;
}

} // namespace peanuts
