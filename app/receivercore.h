// The whole receiver, headless or under the window: settings, secrets, the store's thread and the
// HTTP thread, started and stopped in the right order.
#pragma once

#include "config/options.h"
#include "ingest/signature.h"
#include "inspect/resend.h"
#include "pipeline/planner.h"
#include "pipeline/retrypolicy.h"

#include <QLockFile>
#include <QObject>
#include <QSslConfiguration>
#include <QThread>
#include <functional>
#include <memory>
#include <optional>

namespace peanuts {

class ActionService;
class BatchNotifier;
class DeliveryStream;
class Notifier;
class Pipeline;
class FiguresService;
class HttpFrontend;
class LogService;
class MaintenanceService;
class SecretStore;
class Settings;
class StoreWorker;
class TeamFeed;
class TeamNotifications;

class ReceiverCore : public QObject
{
    Q_OBJECT
public:
    explicit ReceiverCore(QObject *parent = nullptr);
    ~ReceiverCore() override;
    Q_DISABLE_COPY_MOVE(ReceiverCore)

    // Returns false with *error set (and nothing left running) when the receiver cannot start.
    bool start(const Options &options, QString *error);
    // Stops listening, answers what is in flight, closes the database. Safe to call twice.
    void stop();

    bool isRunning() const { return m_frontend != nullptr; }
    // --viewer: watching a team database, receiving nothing (isRunning() is false).
    bool isViewing() const { return m_feed != nullptr; }
    // The database in use, for the window: a file's path, or a team database's URL without its password.
    QString databaseForDisplay() const;
    quint16 port() const { return m_port; }

    // Listens elsewhere without a restart; on failure the old listener stays and *error says why.
    // TLS and the allowance for plain HTTP stay as they are.
    bool rebind(const QHostAddress &address, quint16 port, QString *error);
    // How the listener is secured, as chosen in the settings dialog.
    struct ListenerChoice
    {
        QString tlsCert; // PEM files; both empty: plain HTTP
        QString tlsKey;
        bool allowPlainHttp = false;
    };
    // As rebind(), with TLS from these files (read now: a bad file fails here) or plain HTTP where
    // allowed. An explicit choice: an older settings file's allowance ends.
    bool reconfigureListener(const QHostAddress &address, quint16 port, const ListenerChoice &choice, QString *error);
    bool servesTls() const { return m_tls.has_value(); }
    // While plain HTTP is served beyond loopback only because an older settings file chose the
    // address: the warning to show until TLS or the allowance is set. Empty otherwise.
    QString plainHttpWarning() const;
    // Re-reads secrets from the environment, the secret file and settings (after the user edits them).
    bool reloadSecrets(QString *error);
    // Secrets kept by the window's SecretStore (keychain or its fallback file), added to the others.
    void setStoredSecrets(const QList<Secret> &secrets);
    // Prunes by the new policy from now on (the store's thread does the work, in small steps).
    void setRetention(const RetentionPolicy &policy);
    // A new size limit for the database (0: none), without a restart.
    void setMaxDatabaseSize(qint64 bytes);
    // Saves a fresh API token in settings and returns it. Unless PEANUTS_API_TOKEN names this run's
    // token, the new one is in force at once: the old one gets 401 from the next request on.
    // Returns an empty token when the receiver is not running.
    QByteArray regenerateApiToken();
    // Whether this run's API token came from PEANUTS_API_TOKEN (which wins over the saved one).
    bool apiTokenFromEnvironment() const { return m_apiTokenFromEnvironment; }
    // After a failed start: whether it was the database that could not be opened.
    bool storeOpenFailed() const { return m_storeOpenFailed; }

Q_SIGNALS:
    void listening(const QHostAddress &address, quint16 port);
    void listenerFailed(const QString &message);
    // The writer's faults, on the core's thread: a commit failed, and writes work again.
    void storeFault(const QString &message);
    void storeRecovered();
    // Rejected deliveries in a minute passed the threshold (at most once per window); also a desktop
    // notification and, set up, a post to the alert URL. cleared(): the next window was quiet.
    void failureAlert(const QString &title, const QString &text);
    void failureAlertCleared();
    // The rules, forwards, alert URL or retry policy changed (saved and in force).
    void pipelineChanged();
    // The custom responses changed (saved and in force); also at start.
    void customResponsesChanged(const peanuts::CustomResponses &responses);
    // A viewer's connection to the team database dropped (reconnecting, with why) or is back.
    void teamConnectionChanged(bool connected, const QString &reason);

public:
    // What the window reads and changes, through the store's threads (services/). They live as long
    // as the core and answer nothing while it is stopped.
    LogService *log() const { return m_log.get(); }
    FiguresService *figures() const { return m_figures.get(); }
    MaintenanceService *maintenance() const { return m_maintenance.get(); }
    // Committed batches, merged and coalesced on the core's thread: what live views subscribe to.
    // The first call subscribes the notifier to the writer's batches, for this run and the next
    // ones: a headless run, which shows nothing, is not woken once a batch.
    BatchNotifier *batches();
    // The pipeline: dead letters, counts, a delivery's actions, reprocess and resend.
    ActionService *actions() const { return m_actions.get(); }

    // Where desktop alerts go: the window's notifier; a headless run logs them. Set before start().
    void setNotifier(Notifier *notifier) { m_notifier = notifier; }
    // The pipeline's configuration in force (rules, forwards, alert URL, zone).
    std::shared_ptr<const PipelineConfig> pipelineConfig() const;
    QString rulesPath() const;
    // The rules, checked at once and saved: to the rules file, or in team mode to the team's database
    // on the store's thread, which the caller never waits for; in force once saved. done(error), empty
    // when saved, comes as Pipeline::saveRules() says: at once for a refusal or the file, later from the
    // database, and not when receiver is gone by then.
    void saveRules(const RuleSet &rules, QObject *receiver, std::function<void(const QString &error)> done);
    // Each saves (the alert URL's file with mode 0600, the rest in settings) and puts the change in
    // force at once; false with *error when refused (a bad URL) or not saved.
    bool setForwardTargets(const QList<ForwardTarget> &targets, QString *error);
    bool setAlertUrl(const QString &url, bool allowPrivate, QString *error);
    void setRetryPolicy(const RetryPolicy &policy);
    // What verified deliveries are answered (http/customresponses.h). Saved in settings unless this run's
    // came from --respond, and in force from the next delivery on.
    CustomResponses customResponses() const { return m_options.responses; }
    void setCustomResponses(const CustomResponses &responses);
    RetryPolicy retryPolicy() const;
    // The forwarding secret saved here: in the system keychain, or a file only the user can read where
    // there is none (headless runs use the file). It signs forwards unless --forward-secret-file or
    // PEANUTS_FORWARD_SECRET say otherwise; an empty one removes it. Saved asynchronously, in force at once.
    void setStoredForwardSecret(const QByteArray &secret);
    // Where the secret that signs forwards comes from, in words; empty when nothing can sign them.
    QString forwardSecretSource() const;
    bool allowPrivateAlertUrls() const;
    Pipeline *pipeline() const { return m_pipeline.get(); }

    const Options &options() const { return m_options; }
    QByteArray apiToken() const { return m_apiToken; }
    SignatureVerifier &verifier() { return m_verifier; }
    // What "Edit and resend" posts to this receiver, so that the delivery it becomes links back.
    ResendRegistry &resends() { return m_resends; }
    StoreWorker *store() const { return m_store.get(); }
    // A second, read-only connection on its own thread, for the window's queries and the read API.
    StoreWorker *reader() const { return m_reader.get(); }
    // Another read-only connection for the expense figures (API and charts): they scan the
    // projection, and must not hold up the log's pages on reader().
    StoreWorker *figuresReader() const { return m_figuresReader.get(); }
    // The headless stream on standard output while it runs (streamWanted()), else null.
    DeliveryStream *stream() const { return m_stream.get(); }
    Settings *settings() const { return m_settings.get(); }

private:
    bool loadSecrets(QString *error);
    bool listen(const QHostAddress &address, quint16 port, const std::optional<QSslConfiguration> &tls,
        bool plainAllowed, QString *error);
    // --viewer: no listener, no pipeline; the team's commits come through the feed.
    bool startViewing(QString *error);
    // A team database: its rules are the pipeline's (the first instance seeds them from its file).
    bool adoptTeamRules(QString *error);
    QThread m_feedThread;
    TeamFeed *m_feed = nullptr; // lives on m_feedThread
    std::unique_ptr<TeamNotifications> m_teamNotifications; // a viewer's
    Notifier *notifier(); // the one set, or the log's

    Options m_options;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<QLockFile> m_lock;
    SignatureVerifier m_verifier;
    ResendRegistry m_resends;
    std::unique_ptr<StoreWorker> m_store;
    std::unique_ptr<StoreWorker> m_reader;
    std::unique_ptr<StoreWorker> m_figuresReader;
    QThread m_httpThread;
    HttpFrontend *m_frontend = nullptr;
    quint16 m_port = 0;
    std::optional<QSslConfiguration> m_tls; // the listener's, from m_options.tlsCert and tlsKey
    QByteArray m_apiToken;
    bool m_apiTokenFromEnvironment = false;
    QList<Secret> m_storedSecrets;
    std::unique_ptr<SecretStore> m_forwardSecretStore; // the stored forwarding secret (one entry)
    bool m_forwardSecretSet = false; // set from the window since the store was loaded: the load is stale
    void loadStoredForwardSecret();
    QList<Secret> m_secrets; // in force: the environment's, the file's, the settings', the stored ones
    bool m_storeOpenFailed = false;
    std::unique_ptr<BatchNotifier> m_batches;
    void attachBatches();
    bool m_batchesWanted = false;
    std::unique_ptr<LogService> m_log;
    std::unique_ptr<FiguresService> m_figures;
    std::unique_ptr<MaintenanceService> m_maintenance;
    std::unique_ptr<ActionService> m_actions;
    std::unique_ptr<Pipeline> m_pipeline;
    std::unique_ptr<DeliveryStream> m_stream;
    Notifier *m_notifier = nullptr;
    std::unique_ptr<Notifier> m_logNotifier; // headless, or no notifier set
    QByteArray firstSecret() const;
};

} // namespace peanuts
