// The main window assembles the log, inspector and charts over the running receiver, and keeps the
// GUI thread free: every query goes through the core's services and comes back queued.
#include "mainwindow.h"

#include "chartspanel.h"
#include "config/settings.h"
#include "deadletterview.h"
#include "deliverylogmodel.h"
#include "deliverylogview.h"
#include "diffdialog.h"
#include "http/urlhost.h"
#include "inspector.h"
#include "notifier.h"
#include "palette.h"
#include "receivercore.h"
#include "reprocessdialog.h"
#include "responsebanner.h"
#include "senddialog.h"
#include "services/batchnotifier.h"
#include "services/figuresservice.h"
#include "services/logservice.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "trayicon.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace peanuts {

namespace {

constexpr int kRateRefreshMs = 2000;
constexpr int kRejectedRefreshMs = 60'000;

QLabel *selectableLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

MainWindow::MainWindow(ReceiverCore *core, Notifier *notifier, SecretStore *secrets, QWidget *parent)
    : QMainWindow(parent)
    , m_core(core)
    , m_notifier(notifier)
    , m_secrets(secrets)
{
    setWindowTitle(tr("Peanuts Monitor"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/peanuts-monitor.svg")));
    resize(1280, 800);

    m_log = new DeliveryLogView(core, this);
    m_inspector = new Inspector(core, this);
    connect(m_log, &DeliveryLogView::deliverySelected, m_inspector, &Inspector::showDelivery);
    connect(m_log, &DeliveryLogView::reprocessRequested, this, &MainWindow::reprocessSelected);
    connect(m_log, &DeliveryLogView::resendRequested, this, &MainWindow::resendSelected);
    connect(m_log, &DeliveryLogView::compareRequested, this, &MainWindow::compareSelected);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_log);
    splitter->addWidget(m_inspector);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({760, 520});

    m_deliveriesPage = new QStackedWidget(this);
    m_deliveriesPage->addWidget(buildFirstRunPanel());
    m_deliveriesPage->addWidget(splitter);
    m_charts = new ChartsPanel(core, this);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_deliveriesPage, tr("Deliveries"));
    m_tabs->addTab(m_charts, tr("Expenses"));
    // Custom responses change what senders are told: a strip above the tabs says so while they are on.
    m_responseBanner = new ResponseBanner(core, this);
    connect(m_responseBanner, &ResponseBanner::editRequested, this, &MainWindow::openResponseSettings);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_responseBanner);
    centralLayout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    buildActions();
    buildStatusBar();
    m_tray = new TrayIcon(core, m_pause, this);
    connect(m_tray, &TrayIcon::showWindowRequested, this, &MainWindow::bringToFront);
    connect(m_tray, &TrayIcon::quitRequested, this, [this] {
        m_quitting = true;
        QApplication::quit();
    });

    connect(core->batches(), &BatchNotifier::committed, this, &MainWindow::onBatchCommitted);
    connect(core, &ReceiverCore::storeFault, this, &MainWindow::showFault);
    connect(core, &ReceiverCore::storeRecovered, this, [this] {
        m_fault->hide();
        statusBar()->showMessage(tr("The database accepts writes again."), 10'000);
    });
    connect(core, &ReceiverCore::listening, this, [this] {
        updateAddress();
        m_ngrok->setPort(m_core->port());
    });
    connect(core, &ReceiverCore::listenerFailed, this, &MainWindow::showFault);
    // The core raises the failure alert (the desktop notification comes from it, through the
    // notifier); the window keeps it in the status bar until the next quiet window clears it.
    connect(core, &ReceiverCore::failureAlert, this, [this](const QString &title, const QString &text) {
        m_alert->setText(QStringLiteral("⚠ %1").arg(title));
        m_alert->setToolTip(text);
        m_alert->show();
        statusBar()->showMessage(tr("%1: %2", "failure alert: title, then text").arg(title, text), 30'000);
    });
    connect(core, &ReceiverCore::failureAlertCleared, this, [this] {
        m_alert->hide();
        m_alert->clear();
        statusBar()->clearMessage();
    });
    connect(m_notifier, &Notifier::activated, this, [this](qint64 id) {
        bringToFront();
        if (id)
            showDelivery(id);
    });

    m_ngrok = new NgrokWatcher(this);
    m_ngrok->setPort(core->port());
    connect(m_ngrok, &NgrokWatcher::changed, this, &MainWindow::updateNgrok);
    // A viewer has no listener: no tunnel to watch, no first delivery to wait for here.
    if (!core->isViewing())
        m_ngrok->start();
    updateAddress();
    connect(core, &ReceiverCore::teamConnectionChanged, this, [this](bool connected, const QString &reason) {
        if (connected) {
            m_fault->hide();
            if (m_teamConnectionLost)
                statusBar()->showMessage(tr("Connected to the team database again; caught up."), 10'000);
            m_teamConnectionLost = false;
        } else {
            m_teamConnectionLost = true;
            m_fault->setText(tr("⚠ Reconnecting to the team database…"));
            m_fault->setToolTip(reason);
            m_fault->show();
        }
    });

    // The first-run panel stays until the database holds a delivery.
    core->log()->deliveryCount(this, [this](qint64 count) {
        if (count > 0 || m_core->isViewing())
            m_deliveriesPage->setCurrentIndex(1);
    });

    // The rates are asked again when batches are committed, and while they are not zero, to let them
    // fall as deliveries age out of their window: at zero, nothing arrives and nothing wakes (issue 15).
    m_rateTimer = new QTimer(this);
    m_rateTimer->setSingleShot(true);
    connect(m_rateTimer, &QTimer::timeout, this, &MainWindow::refreshRates);
    refreshRates();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_pause = toolbar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause live view"));
    m_pause->setCheckable(true);
    // F8, as a debugger pauses and resumes; Ctrl+P is Print everywhere else.
    m_pause->setShortcut(QKeySequence(Qt::Key_F8));
    m_pause->setToolTip(tr("Freeze the log while you read it. Deliveries are still received and stored."));
    connect(m_pause, &QAction::toggled, this, &MainWindow::setPaused);

    QAction *test = toolbar->addAction(style()->standardIcon(QStyle::SP_ArrowForward), tr("Send test delivery"));
    test->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return)); // "send", as in mail
    test->setToolTip(tr("Post a signed mock delivery, as in the Peanuts guide, to this receiver."));
    test->setVisible(!m_core->isViewing()); // a viewer receives nothing
    connect(test, &QAction::triggered, this, &MainWindow::sendTestDelivery);

    buildExchangeActions(toolbar); // Export… and its menu, with Import (mainwindowexchange.cpp)

    QAction *settings = toolbar->addAction(style()->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Settings…"));
    settings->setShortcut(QKeySequence::Preferences);
    if (settings->shortcut().isEmpty()) // the platform has none (X11 outside KDE): GNOME's Ctrl+,
        settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(settings, &QAction::triggered, this, &MainWindow::openSettings);

    QAction *find = new QAction(tr("Search the raw bodies"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex(0);
        m_deliveriesPage->setCurrentIndex(1);
        m_log->searchBox()->setFocus();
        m_log->searchBox()->selectAll();
    });
    addAction(find);

    QAction *shortcuts
        = toolbar->addAction(style()->standardIcon(QStyle::SP_DialogHelpButton), tr("Keyboard shortcuts"));
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Question));
    connect(shortcuts, &QAction::triggered, this, [this] {
        auto *dialog = new ShortcutsDialog(this, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

void MainWindow::buildStatusBar()
{
    m_address = new QLabel(this);
    m_ngrokLabel = new QLabel(this);
    m_ngrokLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyUrl = new QToolButton(this);
    m_copyUrl->setText(tr("Copy webhook URL"));
    m_copyUrl->setAutoRaise(true);
    connect(m_copyUrl, &QToolButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(webhookUrl());
        statusBar()->showMessage(tr("Copied %1").arg(webhookUrl()), 4000);
    });
    m_rate = new QLabel(this);
    m_rejected = new QLabel(this);
    m_fault = new QLabel(this);
    m_fault->setObjectName(QStringLiteral("storeFault"));
    m_fault->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;").arg(errorColorName()));
    m_fault->hide();
    m_alert = new QLabel(this);
    m_alert->setObjectName(QStringLiteral("failureAlert"));
    m_alert->setStyleSheet(m_fault->styleSheet());
    m_alert->hide();
    m_plainHttp = new QLabel(this);
    m_plainHttp->setObjectName(QStringLiteral("plainHttpWarning"));
    m_plainHttp->setStyleSheet(m_fault->styleSheet());
    m_plainHttp->setText(QStringLiteral("⚠ %1").arg(tr("Plain HTTP beyond this computer")));
    m_plainHttp->hide();
    m_deadLetters = new DeadLetterButton(m_core->actions(), this);
    connect(m_deadLetters, &QToolButton::clicked, this, &MainWindow::openDeadLetters);
    statusBar()->addPermanentWidget(m_fault);
    statusBar()->addPermanentWidget(m_alert);
    statusBar()->addPermanentWidget(m_plainHttp);
    statusBar()->addPermanentWidget(m_deadLetters);
    statusBar()->addPermanentWidget(m_address);
    statusBar()->addPermanentWidget(m_ngrokLabel);
    statusBar()->addPermanentWidget(m_copyUrl);
    statusBar()->addPermanentWidget(m_rate);
    statusBar()->addPermanentWidget(m_rejected);
}

QWidget *MainWindow::buildFirstRunPanel()
{
    auto *panel = new QWidget(this);
    auto *outer = new QVBoxLayout(panel);
    outer->addStretch(1);
    auto *card = new QWidget(panel);
    card->setMaximumWidth(760);
    auto *layout = new QVBoxLayout(card);
    layout->setSpacing(14);
    auto *title = new QLabel(tr("<h1>Waiting for your first delivery</h1>"), card);
    layout->addWidget(title);
    layout->addWidget(
        new QLabel(tr("Peanuts Monitor verifies, stores and shows every webhook Peanuts sends. Three steps:"), card));

    m_firstRunSecret = selectableLabel(QString(), card);
    m_firstRunUrl = selectableLabel(QString(), card);
    m_firstRunNgrok = selectableLabel(QString(), card);
    for (QLabel *step : {m_firstRunSecret, m_firstRunNgrok, m_firstRunUrl}) {
        step->setTextFormat(Qt::RichText);
        layout->addWidget(step);
    }
    auto *buttons = new QHBoxLayout;
    auto *test = new QPushButton(tr("Send test delivery"), card);
    test->setDefault(true);
    connect(test, &QPushButton::clicked, this, &MainWindow::sendTestDelivery);
    auto *settings = new QPushButton(tr("Open settings…"), card);
    connect(settings, &QPushButton::clicked, this, &MainWindow::openSettings);
    // Or, on a team's desk: watch the team's database instead of receiving here.
    auto *team = new QPushButton(tr("Connect to a team database…"), card);
    team->setObjectName(QStringLiteral("connectTeam"));
    connect(team, &QPushButton::clicked, this, [this] { runSettings(SettingsPage::Storage); });
    auto *copy = new QPushButton(tr("Copy webhook URL"), card);
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(webhookUrl()); });
    buttons->addWidget(test);
    buttons->addWidget(copy);
    buttons->addWidget(settings);
    buttons->addWidget(team);
    buttons->addStretch();
    layout->addLayout(buttons);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(card, 4);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);
    return panel;
}

bool MainWindow::isFirstRunShown() const
{
    return m_deliveriesPage->currentIndex() == 0;
}

QString MainWindow::webhookUrl() const
{
    if (m_ngrok && m_ngrok->state() == NgrokWatcher::State::Tunnel)
        return m_ngrok->publicUrl().toString() + QStringLiteral("/webhook");
    QHostAddress address = m_core->options().bindAddress;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6)
        address = QHostAddress::LocalHost;
    return QStringLiteral("%1://%2:%3/webhook")
        .arg(m_core->servesTls() ? QStringLiteral("https") : QStringLiteral("http"), urlHost(address))
        .arg(m_core->port());
}

void MainWindow::updateAddress()
{
    if (m_core->isViewing()) {
        m_address->setText(tr("Viewing the team database %1").arg(m_core->databaseForDisplay()));
        m_ngrokLabel->hide();
        m_copyUrl->hide();
        return;
    }
    m_address->setText(tr("Listening on %1:%2").arg(m_core->options().bindAddress.toString()).arg(m_core->port()));
    // Until TLS or the allowance is set (Settings → Receiver); the tooltip says why and how.
    const QString plainHttpWarning = m_core->plainHttpWarning();
    m_plainHttp->setToolTip(plainHttpWarning);
    m_plainHttp->setVisible(!plainHttpWarning.isEmpty());
    const QStringList labels = m_core->verifier().labels();
    m_firstRunSecret->setText(labels.isEmpty()
            ? tr("<b>1. Set your webhook secret.</b> <span style='color:%1'>No secret yet: deliveries "
                 "are answered 503 (Peanuts retries) until you add one.</span> Open <i>Settings → "
                 "Secrets</i>, or start with <code>PEANUTS_SECRET=…</code>.")
                  .arg(errorColorName())
            : tr("<b>1. Webhook secret</b> ✓ verifying with %1.").arg(labels.join(QStringLiteral(", "))));
    m_firstRunUrl->setText(
        tr("<b>3. Paste the webhook URL into Peanuts:</b> <code>%1</code>").arg(webhookUrl().toHtmlEscaped()));
    updateNgrok(m_ngrok ? m_ngrok->state() : NgrokWatcher::State::Unknown, m_ngrok ? m_ngrok->publicUrl() : QUrl());
}

void MainWindow::updateNgrok(NgrokWatcher::State state, const QUrl &url)
{
    const QString command = QStringLiteral("ngrok http %1").arg(m_core->port());
    switch (state) {
    case NgrokWatcher::State::Tunnel:
        m_ngrokLabel->setText(tr("ngrok: %1").arg(url.toString()));
        m_firstRunNgrok->setText(
            tr("<b>2. Tunnel</b> ✓ ngrok forwards <code>%1</code> here.").arg(url.toString().toHtmlEscaped()));
        break;
    case NgrokWatcher::State::NoTunnel:
        m_ngrokLabel->setText(tr("<span style='color:%3'>ngrok runs, but no tunnel points at port "
                                 "%1</span> — run <code>%2</code>")
                                  .arg(m_core->port())
                                  .arg(command, errorColorName()));
        m_firstRunNgrok->setText(tr("<b>2. Expose it:</b> ngrok is running but not for this port. Run "
                                    "<code>%1</code>.")
                                     .arg(command));
        break;
    default:
        m_ngrokLabel->setText(tr("No tunnel — run <code>%1</code>").arg(command));
        m_firstRunNgrok->setText(
            tr("<b>2. Expose it to the internet:</b> run <code>%1</code> in a terminal.").arg(command));
        break;
    }
    m_firstRunUrl->setText(
        tr("<b>3. Paste the webhook URL into Peanuts:</b> <code>%1</code>").arg(webhookUrl().toHtmlEscaped()));
}

void MainWindow::onBatchCommitted(const BatchSummary &summary)
{
    // Rejections are the core's failure alert now (a threshold per minute), not the window's.
    if (!summary.ids.isEmpty() && isFirstRunShown())
        m_deliveriesPage->setCurrentIndex(1);
    if (!m_rateRefreshPending) {
        m_rateRefreshPending = true;
        QTimer::singleShot(500, this, &MainWindow::refreshRates);
    }
}

bool MainWindow::rateRefreshArmed() const
{
    return m_rateTimer->isActive();
}

void MainWindow::refreshRates()
{
    m_rateRefreshPending = false;
    m_core->figures()->rates(this, [this](const TrafficRates &rates) {
        m_rate->setText(tr("%n deliveries/min", nullptr, int(rates.perMinute)));
        m_rejected->setText(tr("%n rejected in the last hour", nullptr, int(rates.rejectedLastHour)));
        m_rejected->setStyleSheet(
            rates.rejectedLastHour ? QStringLiteral("color: %1; font-weight: bold;").arg(errorColorName()) : QString());
        // The count per minute changes within seconds; the one per hour, a minute late at most.
        if (rates.perMinute > 0)
            m_rateTimer->start(kRateRefreshMs);
        else if (rates.rejectedLastHour > 0)
            m_rateTimer->start(kRejectedRefreshMs);
        else
            m_rateTimer->stop();
    });
}

void MainWindow::notify(const QString &title, const QString &body)
{
    if (!m_core->settings() || m_core->settings()->notificationsEnabled())
        m_notifier->notify(title, body);
}

void MainWindow::showFault(const QString &message)
{
    m_fault->setText(QStringLiteral("⚠ %1").arg(message));
    m_fault->setToolTip(message);
    m_fault->show();
    notify(tr("Peanuts Monitor needs attention"), message);
}

void MainWindow::sendTestDelivery()
{
    // Signed with the first secret, like Peanuts signs real ones: without one there is nothing to sign with.
    if (!m_core->verifier().hasSecrets()) {
        QMessageBox::information(this, tr("No webhook secret"),
            tr("Set a webhook secret first: the test delivery is signed with it, "
               "like Peanuts signs real ones."));
        openSettings();
        return;
    }
    if (!m_sendDialog) {
        m_sendDialog = new SendDialog(m_core, this);
        connect(m_sendDialog, &SendDialog::answered, this, [this](int status, const QByteArray &answer) {
            statusBar()->showMessage(status
                    ? tr("Test delivery answered %1 %2").arg(status).arg(QString::fromUtf8(answer))
                    : tr("Test delivery failed: %1").arg(QString::fromUtf8(answer)),
                8000);
            Q_EMIT testDeliveryAnswered(status, answer);
        });
    }
    m_sendDialog->show();
    m_sendDialog->raise();
    m_sendDialog->activateWindow();
}

void MainWindow::openSettings()
{
    runSettings(SettingsPage::First);
}

void MainWindow::openResponseSettings()
{
    runSettings(SettingsPage::Responses);
}

void MainWindow::runSettings(SettingsPage page)
{
    SettingsDialog dialog(m_core, m_secrets, this);
    dialog.setObjectName(QStringLiteral("settingsDialog"));
    if (page == SettingsPage::Responses)
        dialog.showResponsesPage();
    else if (page == SettingsPage::Storage)
        dialog.showStoragePage();
    dialog.exec();
    updateAddress();
}

void MainWindow::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    m_log->model()->setLive(!paused);
    m_pause->setText(paused ? tr("Resume live view") : tr("Pause live view"));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    statusBar()->showMessage(
        paused ? tr("Live view paused — deliveries are still received and stored.") : tr("Live view resumed."),
        paused ? 0 : 3000);
}

void MainWindow::bringToFront()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::showDelivery(qint64 id)
{
    m_tabs->setCurrentIndex(0);
    m_deliveriesPage->setCurrentIndex(1);
    m_inspector->showDelivery(id);
}

void MainWindow::openDeadLetters()
{
    if (!m_deadLetterDialog) {
        m_deadLetterDialog = new DeadLetterDialog(m_core->actions(), this);
        m_deadLetterDialog->setObjectName(QStringLiteral("deadLetterDialog"));
    }
    m_deadLetterDialog->view()->refresh();
    m_deadLetterDialog->show();
    m_deadLetterDialog->raise();
    m_deadLetterDialog->activateWindow();
}

void MainWindow::reprocessSelected()
{
    // The loaded rows' ids are enough here; the dialog says how many selected rows were left out.
    const QList<qint64> ids = m_log->selectedIds();
    auto *dialog = new ReprocessDialog(m_core->actions(), ids, m_log->selectedRowCount() - ids.size(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("reprocessDialog"));
    dialog->show();
}

void MainWindow::resendSelected()
{
    const QList<qint64> ids = m_log->selectedIds();
    askResend(this, m_core->actions(), ids, m_log->selectedRowCount() - ids.size(),
        [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
}

void MainWindow::compareSelected()
{
    const QList<qint64> ids = m_log->selectedIds();
    if (ids.size() != 2)
        return;
    auto *dialog = new DiffDialog(m_core->log(), ids[0], ids[1], this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("diffDialog"));
    dialog->show();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_tray->isShown() && m_core->settings() && m_core->settings()->closeToTray()) {
        hide();
        notify(tr("Peanuts Monitor is still running"), tr("Deliveries keep arriving. Quit from the tray icon."));
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace peanuts
