// The settings dialog: the port, bind address and secrets apply to the running receiver at once; the
// rest is saved to Settings and marked as taking effect after a restart.
#include "settingsdialog.h"

#include "config/secretstore.h"
#include "config/settings.h"
#include "palette.h"
#include "receivercore.h"
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

namespace {

// The secret column keeps the value in its own role; the display role only ever holds the mask,
// unless the row's "Show" is on.
constexpr int kSecretRole = Qt::UserRole + 1;
constexpr int kShownRole = Qt::UserRole + 2;
const QString kMask = QStringLiteral("••••••••");
constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = 1024 * 1024;

QString maskedText(const QString &secret, bool shown)
{
    return shown || secret.isEmpty() ? secret : kMask;
}

// Edits a secret in a line edit that is masked too unless the row shows its secret.
class SecretDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *editor = new QLineEdit(parent);
        editor->setEchoMode(index.data(kShownRole).toBool() ? QLineEdit::Normal : QLineEdit::Password);
        editor->setPlaceholderText(QStringLiteral("the webhook secret from Peanuts"));
        return editor;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QLineEdit *>(editor)->setText(index.data(kSecretRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        const QString secret = static_cast<QLineEdit *>(editor)->text();
        model->setData(index, secret, kSecretRole);
        model->setData(index, maskedText(secret, index.data(kShownRole).toBool()), Qt::DisplayRole);
    }
};

// Secondary text: explanations and "takes effect after restart".
QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

// A field with "takes effect after restart" beside it: the running receiver read it at start.
QWidget *needsRestart(QWidget *field, QWidget *parent, QWidget *extra = nullptr)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    const bool grows = field->sizePolicy().horizontalPolicy() & QSizePolicy::ExpandFlag;
    layout->addWidget(field, grows ? 1 : 0);
    if (extra)
        layout->addWidget(extra);
    auto *note = hint(QStringLiteral("takes effect after restart"), row);
    note->setWordWrap(false);
    layout->addWidget(note);
    if (!grows)
        layout->addStretch(1);
    row->setFocusProxy(field);
    return row;
}

// Two columns on a grid (QFormLayout leaves gaps around word-wrapped explanations): labels on the
// left, fields and their explanations on the right, everything kept at the top.
class Form
{
public:
    explicit Form(QWidget *page)
        : m_grid(new QGridLayout(page))
    {
        m_grid->setColumnStretch(1, 1);
    }
    ~Form() { m_grid->setRowStretch(m_rows, 1); }
    Q_DISABLE_COPY_MOVE(Form)

    void addRow(const QString &label, QWidget *field)
    {
        auto *name = new QLabel(label, field->parentWidget());
        name->setBuddy(field);
        addRow(name);
        m_grid->addWidget(field, m_rows++, 1);
    }
    void addRow(const QString &label, QLayout *field)
    {
        addRow(new QLabel(label, m_grid->parentWidget()));
        m_grid->addLayout(field, m_rows++, 1);
    }
    // Under the field above (an explanation), or on its own in the field column.
    void addField(QWidget *field) { m_grid->addWidget(field, m_rows++, 1); }
    // Across both columns (a group of its own).
    void addWide(QWidget *widget) { m_grid->addWidget(widget, m_rows++, 0, 1, 2); }

private:
    void addRow(QLabel *name)
    {
        if (m_rows > 0) // a little air between one setting and the next
            m_grid->setRowMinimumHeight(m_rows++, 4);
        m_grid->addWidget(name, m_rows, 0, Qt::AlignRight | Qt::AlignVCenter);
    }

    QGridLayout *m_grid;
    int m_rows = 0;
};

QString hostText(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']' : address.toString();
}

QString normalizedCommands(const QString &text)
{
    QStringList commands;
    for (const QString &command : text.split(u',', Qt::SkipEmptyParts))
        if (!command.trimmed().isEmpty())
            commands.append(command.trimmed());
    return commands.join(QStringLiteral(", "));
}

} // namespace

SettingsDialog::SettingsDialog(ReceiverCore *core, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_secrets(secrets)
{
    setWindowTitle(QStringLiteral("Peanuts Monitor Settings"));
    auto *tabs = new QTabWidget(this);
    tabs->addTab(receiverPage(), QStringLiteral("Receiver"));
    tabs->addTab(secretsPage(), QStringLiteral("Secrets"));
    tabs->addTab(tokenPage(), QStringLiteral("API token"));
    tabs->addTab(expensesPage(), QStringLiteral("Expenses"));
    tabs->addTab(storagePage(), QStringLiteral("Storage"));
    tabs->addTab(windowPage(), QStringLiteral("Window"));

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(errorColorName()));
    m_error->hide();

    auto *buttons
        = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, [this] { apply(); });

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
            showError(QStringLiteral("The receiver uses the new secrets, but they could not be saved: %1").arg(error));
    });

    m_shown = current();
    if (!m_core->settings()) {
        // Cancel stays usable; there is nothing to edit or apply.
        showError(QStringLiteral("The receiver is not running, so there is nothing to apply to."));
        tabs->setEnabled(false);
        buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        buttons->button(QDialogButtonBox::Apply)->setEnabled(false);
    }
    resize(sizeHint().expandedTo(QSize(680, 460)));
}

QWidget *SettingsDialog::receiverPage()
{
    const Options &options = m_core->options();
    auto *page = new QWidget(this);
    Form form(page);

    m_listening = new QLabel(page);
    m_listening->setTextInteractionFlags(Qt::TextSelectableByMouse);
    updateListening();
    form.addRow(QStringLiteral("Listening:"), m_listening);

    m_port = new QSpinBox(page);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    m_port->setValue(m_core->port() != 0 ? m_core->port() : options.port);
    m_port->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    form.addRow(QStringLiteral("&Port:"), m_port);

    m_bind = new QComboBox(page);
    m_bind->setObjectName(QStringLiteral("bind"));
    m_bind->setEditable(true);
    m_bind->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("0.0.0.0"), QStringLiteral("::1")});
    m_bind->setCurrentText(options.bindAddress.toString());
    m_bind->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_bind->setMinimumContentsLength(16);
    form.addRow(QStringLiteral("&Listen on:"), m_bind);
    form.addField(
        hint(QStringLiteral("127.0.0.1 (or ::1) accepts connections from this computer only, which is all ngrok "
                            "needs; 0.0.0.0 accepts them from every network. Port and address apply at once."),
            page));

    m_maxBody = new QSpinBox(page);
    m_maxBody->setObjectName(QStringLiteral("maxBody"));
    m_maxBody->setRange(1, 1024 * 1024);
    m_maxBodyUnit = new QComboBox(page);
    m_maxBodyUnit->addItem(QStringLiteral("KiB"), kKiB);
    m_maxBodyUnit->addItem(QStringLiteral("MiB"), kMiB);
    setMaxBodyBytes(options.limits.maxBodyBytes);
    auto *body = new QWidget(page);
    auto *bodyLayout = new QHBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(m_maxBody);
    bodyLayout->addWidget(m_maxBodyUnit);
    form.addRow(QStringLiteral("&Body limit:"), needsRestart(body, page));
    form.addField(hint(QStringLiteral("Larger deliveries get 413 at once, unread."), page));
    return page;
}

QWidget *SettingsDialog::secretsPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(hint(QStringLiteral("Any of these secrets verifies a delivery, so a secret can be rotated: add "
                                          "the new one, switch Peanuts over, then remove the old one. Changes apply "
                                          "at once. Secrets from PEANUTS_SECRET, --secret-file and the settings "
                                          "file are used too, but are not listed here."),
        page));

    m_secretTable = new QTableWidget(0, 3, page);
    m_secretTable->setObjectName(QStringLiteral("secrets"));
    m_secretTable->setHorizontalHeaderLabels({QStringLiteral("Label"), QStringLiteral("Secret"), QString()});
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
    auto *add = new QPushButton(QStringLiteral("&Add"), page);
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
    auto *remove = new QPushButton(QStringLiteral("&Remove"), page);
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
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    auto *show = new QPushButton(QStringLiteral("Show"), page);
    show->setCheckable(true);
    connect(show, &QPushButton::toggled, this, [this, show](bool on) {
        m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
        show->setText(on ? QStringLiteral("Hide") : QStringLiteral("Show"));
    });
    auto *copy = new QPushButton(QStringLiteral("&Copy"), page);
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_token->text()); });
    auto *regenerate = new QPushButton(QStringLiteral("&Regenerate"), page);
    regenerate->setObjectName(QStringLiteral("regenerate"));
    connect(regenerate, &QPushButton::clicked, this, &SettingsDialog::regenerateToken);
    auto *row = new QHBoxLayout;
    row->addWidget(m_token, 1);
    row->addWidget(show);
    row->addWidget(copy);
    row->addWidget(regenerate);
    form.addRow(QStringLiteral("Bearer token:"), row);
    form.addField(
        hint(QStringLiteral("GET /api/stats and /api/dashboard need “Authorization: Bearer <token>”, since ngrok "
                            "exposes the whole port. /healthz and the webhook need none."),
            page));
    QString note = QStringLiteral("Regenerate saves a new token and puts it in force at once: the current one is "
                                  "refused from then on.");
    if (m_core->apiTokenFromEnvironment())
        note += QStringLiteral(" This run uses PEANUTS_API_TOKEN from the environment, which wins over the saved "
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
    m_commands->setPlaceholderText(QStringLiteral("/expenses"));
    form.addRow(QStringLiteral("&Helper commands:"), needsRestart(m_commands, page));
    form.addField(hint(QStringLiteral("Comma-separated; entries of these helper commands count as expenses in the "
                                      "figures."),
        page));

    m_zone = new QComboBox(page);
    m_zone->setObjectName(QStringLiteral("zone"));
    m_zone->setMaxVisibleItems(20);
    m_zone->addItem(QStringLiteral("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())), QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    const QString saved = m_core->settings() ? m_core->settings()->timeZone() : QString();
    m_zone->setCurrentIndex(qMax(0, saved.isEmpty() ? 0 : m_zone->findData(saved)));
    form.addRow(QStringLiteral("&Time zone:"), needsRestart(m_zone, page));
    QString zoneHint = QStringLiteral("Days and months of the figures begin at midnight in this zone.");
    if (options.explicitlySet.contains(QLatin1String("time-zone")))
        zoneHint += QStringLiteral(" This run uses %1 from --time-zone, which wins over this setting.")
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
    auto *browse = new QPushButton(QStringLiteral("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Database file"), m_database->text(),
            QStringLiteral("SQLite databases (*.db);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_database->setText(path);
    });
    form.addRow(QStringLiteral("&Database:"), needsRestart(m_database, page, browse));
    form.addField(hint(QStringLiteral("One SQLite file per receiver. A new path starts an empty database there; the "
                                      "current file is left as it is."),
        page));

    m_durability = new QComboBox(page);
    m_durability->setObjectName(QStringLiteral("durability"));
    m_durability->addItem(QStringLiteral("Normal"), QStringLiteral("normal"));
    m_durability->addItem(QStringLiteral("Full"), QStringLiteral("full"));
    m_durability->setCurrentIndex(options.durability == Durability::Full ? 1 : 0);
    m_durability->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    form.addRow(QStringLiteral("D&urability:"), needsRestart(m_durability, page));
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
    m_closeToTray = new QCheckBox(QStringLiteral("Closing the window keeps receiving in the tray"), page);
    m_closeToTray->setObjectName(QStringLiteral("closeToTray"));
    m_closeToTray->setChecked(settings ? settings->closeToTray() : true);
    m_notifications = new QCheckBox(QStringLiteral("Desktop notifications for rejected deliveries and problems"), page);
    m_notifications->setObjectName(QStringLiteral("notifications"));
    m_notifications->setChecked(settings ? settings->notificationsEnabled() : true);
    form.addField(m_closeToTray);
    auto *trayHint = hint(QStringLiteral("Quit from the tray icon's menu to stop the receiver."), page);
    // Lined up with the check box's text rather than its box.
    trayHint->setContentsMargins(
        style()->pixelMetric(QStyle::PM_IndicatorWidth) + style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing), 0, 0,
        0);
    form.addField(trayHint);
    form.addField(m_notifications);
    return page;
}

SettingsDialog::Shown SettingsDialog::current() const
{
    Shown shown;
    shown.port = m_port->value();
    shown.bind = m_bind->currentText().trimmed();
    shown.maxBodyBytes = maxBodyBytes();
    shown.commands = normalizedCommands(m_commands->text());
    shown.zone = m_zone->currentData().toString();
    shown.database = m_database->text().trimmed();
    shown.durability = m_durability->currentData().toString();
    shown.closeToTray = m_closeToTray->isChecked();
    shown.notifications = m_notifications->isChecked();
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
    toggle->setText(QStringLiteral("Show"));
    toggle->setCheckable(true);
    toggle->setAutoRaise(true);
    toggle->setToolTip(QStringLiteral("Show or hide this secret"));
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
        static_cast<QToolButton *>(toggle)->setText(shown ? QStringLiteral("Hide") : QStringLiteral("Show"));
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
            *error = QStringLiteral("Secret row %1 needs both a label and a secret.").arg(row + 1);
            return false;
        }
        if (labels.contains(label)) {
            *error = QStringLiteral("Two secrets are labelled “%1”; each needs a label of its own.").arg(label);
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
    m_secretsWhere->setText(QStringLiteral("Kept in %1.").arg(m_secrets->backendDescription()));
}

void SettingsDialog::updateListening()
{
    m_listening->setText(m_core->port() == 0
            ? QStringLiteral("not listening")
            : QStringLiteral("http://%1:%2/webhook").arg(hostText(m_core->options().bindAddress)).arg(m_core->port()));
}

void SettingsDialog::updateDurabilityHelp()
{
    m_durabilityHelp->setText(m_durability->currentData().toString() == QLatin1String("full")
            ? QStringLiteral("Every delivery answered 200 survives an app crash and a power loss: the log is "
                             "synced to disk before each answer (one sync per batch), which is slower.")
            : QStringLiteral("Every delivery answered 200 survives an app crash. After a power loss or kernel "
                             "crash the database stays consistent, but its last commits can be rolled back."));
}

void SettingsDialog::regenerateToken()
{
    const QByteArray token = m_core->regenerateApiToken();
    if (token.isEmpty())
        return;
    m_token->setText(QString::fromUtf8(token));
    m_tokenNote->setText(m_core->apiTokenFromEnvironment()
            ? QStringLiteral("New token saved. This run uses PEANUTS_API_TOKEN from the environment, which wins "
                             "over the saved token: the new one takes effect when the receiver starts without it.")
            : QStringLiteral("New token saved and in force: the old one is refused from now on."));
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
        showError(QStringLiteral("The receiver is not running; nothing was saved."));
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
        showError(QStringLiteral("“%1” is not an IP address. Use 127.0.0.1 for this computer only, or 0.0.0.0 "
                                 "for every network.")
                      .arg(now.bind));
        return false;
    }

    // The listener first: it is the one change that can fail, and then nothing is saved.
    const QHostAddress oldAddress = m_core->options().bindAddress;
    const quint16 oldPort = m_core->port();
    if (quint16(now.port) != oldPort || address != oldAddress) {
        QString error;
        if (!m_core->rebind(address, quint16(now.port), &error)) {
            // HttpFrontend::listenOn closes the old listener before it tries the new one, so the old
            // one is opened again (its port was ours a moment ago).
            QString restoreError;
            const bool restored = oldPort != 0 && m_core->rebind(oldAddress, oldPort, &restoreError);
            // error reads "cannot listen on ADDRESS:PORT: reason", so it names the port.
            QString message = error.isEmpty() ? QStringLiteral("Cannot listen on port %1").arg(now.port) : error;
            message[0] = message.at(0).toUpper();
            message += QStringLiteral(". Nothing was saved; ");
            message += restored
                ? QStringLiteral("the receiver is still listening on %1:%2.").arg(hostText(oldAddress)).arg(oldPort)
                : QStringLiteral("listening again on %1:%2 failed too (%3): choose a free port and apply.")
                      .arg(hostText(oldAddress))
                      .arg(oldPort)
                      .arg(restoreError);
            showError(message);
            updateListening();
            return false;
        }
    }
    updateListening();

    if (now.port != m_shown.port)
        settings->setPort(quint16(now.port));
    if (now.bind != m_shown.bind)
        settings->setBindAddress(address.toString());
    if (now.maxBodyBytes != m_shown.maxBodyBytes)
        settings->setMaxBodyBytes(now.maxBodyBytes);
    if (now.commands != m_shown.commands)
        settings->setExpenseCommands(now.commands.split(QStringLiteral(", "), Qt::SkipEmptyParts));
    if (now.zone != m_shown.zone)
        settings->setTimeZone(now.zone);
    if (now.database != m_shown.database)
        settings->setDatabasePath(now.database);
    if (now.durability != m_shown.durability)
        settings->setDurability(now.durability);
    if (now.closeToTray != m_shown.closeToTray)
        settings->setCloseToTray(now.closeToTray);
    if (now.notifications != m_shown.notifications)
        settings->setNotificationsEnabled(now.notifications);
    applyRetention(settings);
    settings->sync();
    m_shown = now;

    if (secrets != m_secrets->secrets()) {
        m_secrets->save(secrets);
        m_core->setStoredSecrets(secrets);
    }
    m_secretsEdited = false;
    showError(QString());
    return true;
}

QWidget *SettingsDialog::diskUsageGroup(QWidget *parent)
{
    const Options &options = m_core->options();
    auto *group = new QGroupBox(QStringLiteral("Disk usage"), parent);
    Form form(group);

    m_keepDays = new QSpinBox(group);
    m_keepDays->setObjectName(QStringLiteral("keepDays"));
    m_keepDays->setRange(0, kMaxKeepDays);
    m_keepDays->setSpecialValueText(QStringLiteral("no age limit"));
    m_keepDays->setSuffix(QStringLiteral(" days"));
    m_keepDays->setValue(options.retention.maxAgeDays);
    form.addRow(QStringLiteral("&Keep for:"), m_keepDays);

    m_keepDeliveries = new QSpinBox(group);
    m_keepDeliveries->setObjectName(QStringLiteral("keepDeliveries"));
    m_keepDeliveries->setRange(0, int(kMaxKeepDeliveries));
    m_keepDeliveries->setSpecialValueText(QStringLiteral("no count limit"));
    m_keepDeliveries->setSuffix(QStringLiteral(" deliveries"));
    m_keepDeliveries->setGroupSeparatorShown(true);
    m_keepDeliveries->setValue(int(options.retention.maxDeliveries));
    form.addRow(QStringLiteral("Keep at &most:"), m_keepDeliveries);
    QString retentionHint = QStringLiteral(
        "Older deliveries are deleted in the background, every minute. The current entries, the delivery each was "
        "applied from, and all counts and figures are kept whatever the limits. Applies at once.");
    if (options.explicitlySet.contains(QLatin1String("keep-days"))
        || options.explicitlySet.contains(QLatin1String("keep-deliveries")))
        retentionHint += QStringLiteral(" This run was started with --keep-days or --keep-deliveries, which win over "
                                        "these settings at the next start.");
    form.addField(hint(retentionHint, group));
    m_shownRetention.rejectedMaxAgeDays = options.retention.rejectedMaxAgeDays;
    m_shownRetention = editedRetention();

    m_maxSizeMb = new QSpinBox(group);
    m_maxSizeMb->setObjectName(QStringLiteral("maxDatabaseSize"));
    m_maxSizeMb->setRange(0, kMaxDatabaseSizeMb);
    m_maxSizeMb->setSpecialValueText(QStringLiteral("no limit"));
    m_maxSizeMb->setSuffix(QStringLiteral(" MB"));
    m_maxSizeMb->setGroupSeparatorShown(true);
    m_maxSizeMb->setValue(int(options.maxDbSizeBytes / kBytesPerMb));
    form.addRow(QStringLiteral("&Largest size:"), m_maxSizeMb);
    form.addField(hint(QStringLiteral("When the file reaches it, deliveries are answered 503 (senders retry later) "
                                      "and the window says so, until old deliveries are deleted or the limit is "
                                      "raised. Applies at once."),
        group));
    m_shownMaxSizeMb = m_maxSizeMb->value();

    m_databaseSize = new QLabel(group);
    m_databaseSize->setObjectName(QStringLiteral("databaseSize"));
    m_databaseSize->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_compact = new QPushButton(QStringLiteral("&Compact now"), group);
    m_compact->setObjectName(QStringLiteral("compact"));
    m_compact->setEnabled(m_core->maintenance()->isAvailable());
    m_compactResult = new QLabel(group);
    m_compactResult->setObjectName(QStringLiteral("compactResult"));
    m_compactResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(m_databaseSize);
    row->addWidget(m_compact);
    row->addWidget(m_compactResult, 1);
    form.addRow(QStringLiteral("Database size:"), row);
    form.addField(hint(QStringLiteral("Deleting frees room inside the file for new deliveries; compacting gives it "
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
                        ? QStringLiteral("Compacted: %1 → %2")
                              .arg(locale.formattedDataSize(before), locale.formattedDataSize(after))
                        : QStringLiteral("Compacting failed: %1").arg(error));
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
    m_compactResult->setText(QStringLiteral("Compacting…"));
    maintenance->compact(); // on the store's thread: the window stays responsive
}

void SettingsDialog::updateDatabaseSize()
{
    const qint64 bytes = m_core->maintenance()->databaseBytes();
    m_databaseSize->setText(bytes < 0 ? QStringLiteral("unknown") : QLocale().formattedDataSize(bytes));
}

} // namespace peanuts
