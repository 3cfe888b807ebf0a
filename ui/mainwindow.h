// The main window: the live payload log beside the inspector, the expense charts, and around them
// the toolbar (pause, test delivery, export, settings), the status bar (address, ngrok URL, rates,
// the core's failure alert, the dead-letter count), the first-run panel and the tray icon.
#pragma once

#include "platform/ngrokwatcher.h"

#include <QMainWindow>

class QAction;
class QToolBar;
class QLabel;
class QTimer;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace peanuts {

class ChartsPanel;
class DeadLetterButton;
class DeadLetterDialog;
class DeliveryLogView;
class Inspector;
class Notifier;
class ReceiverCore;
class ResponseBanner;
class SecretStore;
class SendDialog;
class TrayIcon;
struct BatchSummary;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // notifier: the desktop notifications (a recording double in tests); secrets: where the
    // settings dialog keeps secrets. Neither is owned.
    MainWindow(ReceiverCore *core, Notifier *notifier, SecretStore *secrets, QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    DeliveryLogView *log() const { return m_log; }
    Inspector *inspector() const { return m_inspector; }
    ChartsPanel *charts() const { return m_charts; }
    ResponseBanner *responseBanner() const { return m_responseBanner; }
    NgrokWatcher *ngrok() const { return m_ngrok; }
    // The status bar's rates are asked again on a timer only while they are above zero.
    bool rateRefreshArmed() const;
    bool isFirstRunShown() const;
    QString webhookUrl() const; // the public one when a tunnel is up, else the local one
    DeadLetterButton *deadLetterButton() const { return m_deadLetters; }
    QLabel *failureAlertLabel() const { return m_alert; }
    // Shown while plain HTTP is served beyond loopback only because older settings chose it.
    QLabel *plainHttpWarningLabel() const { return m_plainHttp; }
    DeadLetterDialog *deadLetterDialog() const { return m_deadLetterDialog; }
    SendDialog *sendDialog() const { return m_sendDialog; } // null until first opened
    TrayIcon *tray() const { return m_tray; }

public Q_SLOTS:
    void sendTestDelivery(); // opens the send dialog (asks for a secret first when there is none)
    // Exports (mainwindowexchange.cpp): the format follows the path's suffix (.har, .csv, else JSON lines);
    // an empty path asks for one. exportSelected() takes the log's selected rows.
    void exportDeliveries(const QString &path = QString()); // what the filter shows
    void exportSelected(const QString &path = QString());
    // Imports export files through the running receiver's writer; asks for them when empty.
    void importDeliveries(const QStringList &paths = QStringList());
    void openSettings();
    void openResponseSettings(); // the settings dialog on its Responses page
    void setPaused(bool paused);
    void bringToFront();
    void showDelivery(qint64 id);
    void openDeadLetters(); // non-modal, one at a time
    void reprocessSelected();
    void resendSelected();
    void compareSelected();

Q_SIGNALS:
    void testDeliveryAnswered(int status, const QByteArray &body);
    void exportFinished(qint64 count, const QString &error);
    void importFinished(qint64 imported, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildExchangeActions(QToolBar *toolbar);
    void runExport(const QString &path, const QList<qint64> &ids);
    void buildStatusBar();
    QWidget *buildFirstRunPanel();
    void onBatchCommitted(const BatchSummary &summary);
    void refreshRates();
    void updateAddress();
    void updateNgrok(NgrokWatcher::State state, const QUrl &url);
    void showFault(const QString &message);
    void notify(const QString &title, const QString &body); // unless notifications are off in settings
    enum class SettingsPage { First, Responses, Storage };
    void runSettings(SettingsPage page);

    ReceiverCore *m_core;
    Notifier *m_notifier;
    SecretStore *m_secrets;
    SendDialog *m_sendDialog = nullptr; // made on first use, kept (non-modal)
    NgrokWatcher *m_ngrok = nullptr;

    QTabWidget *m_tabs = nullptr;
    QStackedWidget *m_deliveriesPage = nullptr;
    DeliveryLogView *m_log = nullptr;
    Inspector *m_inspector = nullptr;
    ChartsPanel *m_charts = nullptr;
    ResponseBanner *m_responseBanner = nullptr;

    QAction *m_pause = nullptr;
    QLabel *m_address = nullptr;
    QLabel *m_ngrokLabel = nullptr;
    QToolButton *m_copyUrl = nullptr;
    QLabel *m_rate = nullptr;
    QLabel *m_rejected = nullptr;
    QLabel *m_fault = nullptr;
    QLabel *m_alert = nullptr;
    QLabel *m_plainHttp = nullptr;
    DeadLetterButton *m_deadLetters = nullptr;
    DeadLetterDialog *m_deadLetterDialog = nullptr;
    QLabel *m_firstRunUrl = nullptr;
    QLabel *m_firstRunNgrok = nullptr;
    QLabel *m_firstRunSecret = nullptr;
    TrayIcon *m_tray = nullptr;
    bool m_rateRefreshPending = false;
    QTimer *m_rateTimer = nullptr; // armed only while a shown rate can fall as time passes
    bool m_quitting = false;
    bool m_teamConnectionLost = false; // a viewer whose connection dropped, until it is back
};

} // namespace peanuts
