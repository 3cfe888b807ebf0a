// Start-up checks in order (settings, lock, secrets, database, listener) and a graceful stop.
#include "receivercore.h"

#include "config/secrets.h"
#include "config/secretstore.h"
#include "config/settings.h"
#include "http/httpfrontend.h"
#include "http/listenersecurity.h"
#include "pipeline/notifier.h"
#include "pipeline/pipeline.h"
#include "pipeline/teamnotifications.h"
#include "platform/logging.h"
#include "services/actionservice.h"
#include "services/batchnotifier.h"
#include "services/figuresservice.h"
#include "services/logservice.h"
#include "services/maintenanceservice.h"
#include "store/pgconnection.h"
#include "store/pglive.h"
#include "store/storefactory.h"
#include "store/storeworker.h"
#include "stream/deliverystream.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTcpSocket>

namespace peanuts {

ReceiverCore::ReceiverCore(QObject *parent)
    : QObject(parent)
    , m_batches(std::make_unique<BatchNotifier>())
    , m_log(std::make_unique<LogService>())
    , m_figures(std::make_unique<FiguresService>())
    , m_maintenance(std::make_unique<MaintenanceService>())
    , m_actions(std::make_unique<ActionService>())
    , m_pipeline(std::make_unique<Pipeline>())
{
    connect(m_pipeline.get(), &Pipeline::failureAlert, this, &ReceiverCore::failureAlert);
    connect(m_pipeline.get(), &Pipeline::failureAlertCleared, this, &ReceiverCore::failureAlertCleared);
    connect(m_pipeline.get(), &Pipeline::changed, this, &ReceiverCore::pipelineChanged);
    m_httpThread.setObjectName(QStringLiteral("http"));
}

ReceiverCore::~ReceiverCore()
{
    stop();
}

bool ReceiverCore::loadSecrets(QString *error)
{
    QList<Secret> secrets = secretsFromEnvironment();
    if (!m_options.secretFile.isEmpty()) {
        const SecretFileResult file = loadSecretFile(m_options.secretFile);
        if (!file.error.isEmpty()) {
            *error = file.error;
            return false;
        }
        secrets += file.secrets;
    }
    secrets += m_settings->secrets();
    secrets += m_storedSecrets;
    m_verifier.setSecrets(secrets);
    m_secrets = secrets;
    if (m_pipeline)
        m_pipeline->setFirstSecret(firstSecret());
    if (secrets.isEmpty())
        qCWarning(lcApp)
            << "no webhook secret is configured: deliveries get 503 with Retry-After until one is."
               " Set PEANUTS_SECRET, pass --secret-file FILE (label=secret lines), or add one in settings.";
    else
        qCInfo(lcApp).noquote() << "verifying with" << secrets.size()
                                << "secret(s):" << m_verifier.labels().join(u", ");
    return true;
}

bool ReceiverCore::start(const Options &options, QString *error)
{
    stop();
    m_options = options;
    m_storeOpenFailed = false;
    QString failure;
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        stop();
        return false;
    };

    m_settings
        = std::make_unique<Settings>(options.settingsPath.isEmpty() ? defaultSettingsPath() : options.settingsPath);
    if (m_settings->status() != QSettings::NoError)
        return fail(QStringLiteral("cannot read settings %1").arg(m_settings->path()));
    applySettings(m_options, *m_settings);
    if (!m_pipeline->loadRules(m_options.pipeline, &failure))
        return fail(failure);

    if (m_options.dbPath.isEmpty())
        m_options.dbPath = defaultDatabasePath();
    const bool team = isTeamDatabase(m_options.dbPath);
    if (m_options.viewer && !team)
        return fail(QStringLiteral("--viewer watches a team database: give one with --db postgresql://..."));
    if (!team) {
        const QFileInfo dbInfo(m_options.dbPath);
        if (!QDir().mkpath(dbInfo.absolutePath()))
            return fail(QStringLiteral("cannot create the folder %1").arg(dbInfo.absolutePath()));

        // One receiver per database file: a second one would interleave its own ids and projection. A
        // team database takes several; the database itself keeps them apart (store/pgstore.h).
        m_lock = std::make_unique<QLockFile>(m_options.dbPath + QStringLiteral(".lock"));
        m_lock->setStaleLockTime(0); // a lock whose process is gone is stale at once
        if (!m_lock->tryLock(0)) {
            qint64 pid = 0;
            QString host, app;
            m_lock->getLockInfo(&pid, &host, &app);
            m_lock.reset();
            return fail(
                QStringLiteral("another Peanuts Monitor (pid %1) is already using %2").arg(pid).arg(m_options.dbPath));
        }
    }

    if (!loadSecrets(&failure))
        return fail(failure);

    // The certificate and key are read before the database opens: a bad file is a start-up error.
    m_tls = loadServerTls(m_options.tlsCert, m_options.tlsKey, &failure);
    if (!failure.isEmpty())
        return fail(failure);
    // Refused before the database is created; listenOn() checks again, as it does at every rebind.
    const ListenerSecurity security {m_tls, m_options.allowPlainHttp || m_options.plainHttpFromOldSettings};
    // (A viewer listens nowhere.)
    if (const QString refusal = plainListenerRefusal(m_options.bindAddress, security);
        !refusal.isEmpty() && !m_options.viewer)
        return fail(refusal);

    m_apiToken = qEnvironmentVariable("PEANUTS_API_TOKEN").toUtf8();
    m_apiTokenFromEnvironment = !m_apiToken.isEmpty();
    if (m_apiToken.isEmpty())
        m_apiToken = m_settings->apiToken();

    StoreConfig storeConfig;
    storeConfig.path = m_options.dbPath;
    // A viewer receives nothing: its "writer" only deletes and redacts, and only where the settings
    // allow it; otherwise the database refuses it any write.
    storeConfig.readOnly = m_options.viewer && !m_settings->value(Settings::Key::ViewerMayChange).toBool();
    storeConfig.durability = m_options.durability;
    storeConfig.maxSizeBytes = m_options.maxDbSizeBytes;
    storeConfig.vfs = m_options.storeVfs;
    if (team && !m_options.headless) // a password kept in the keychain, for a URL without one
        storeConfig.password = pgKeychainPasswordFor(m_options.dbPath, 3000);
    m_store = std::make_unique<StoreWorker>(makeStore(storeConfig.path), storeConfig, &failure);
    if (!m_store->isOpen()) {
        m_storeOpenFailed = true;
        return fail(failure);
    }
    // Retention is the receiving instances' work (one at a time prunes a team database).
    if (!m_options.viewer)
        m_store->setRetention(m_options.retention);
    storeConfig.readOnly = true;
    m_reader = std::make_unique<StoreWorker>(makeStore(storeConfig.path), storeConfig, &failure);
    if (!m_reader->isOpen())
        return fail(failure);
    m_figuresReader = std::make_unique<StoreWorker>(makeStore(storeConfig.path), storeConfig, &failure);
    if (!m_figuresReader->isOpen())
        return fail(failure);
    attachBatches();
    connect(m_store.get(), &StoreWorker::storeFault, this, &ReceiverCore::storeFault, Qt::QueuedConnection);
    connect(m_store.get(), &StoreWorker::storeRecovered, this, &ReceiverCore::storeRecovered, Qt::QueuedConnection);
    m_log->setReader(m_reader.get());
    m_log->setVerifier(&m_verifier);
    m_figures->setReader(m_figuresReader.get(), m_options.figures);
    m_maintenance->setWriter(m_store.get(), m_options.dbPath);

    if (m_options.viewer)
        return startViewing(&failure) || fail(failure);
    if (team && !adoptTeamRules(&failure))
        return fail(failure);

    m_pipeline->start(
        m_options.pipeline, m_options.figures.zone, m_store.get(), notifier(), firstSecret(), m_settings.get());
    m_store->setActionsCommitted(
        [pipeline = m_pipeline.get()](QList<OutboxAction> actions) { pipeline->handOver(std::move(actions)); });
    loadStoredForwardSecret();
    m_actions->attach(m_store.get(), m_pipeline->planner(), m_pipeline->dispatcher());

    FrontendConfig config;
    config.pipeline = m_pipeline.get();
    config.resends = &m_resends;
    config.limits = m_options.limits;
    config.futureSkewMs = qint64(m_options.futureSkewSeconds) * 1000;
    config.rejectedRowsPerMinute = m_options.rejectedRowsPerMinute;
    config.figures = m_options.figures;
    config.apiToken = m_apiToken;
    config.responses = m_options.responses;
    if (m_options.responses.active())
        qCWarning(lcApp).noquote() << m_options.responses.summary(TextLanguage::English)
                                   << "Turn them off in the window's settings, or start without --respond.";
    if (streamWanted(
            m_options.stream, m_options.printJson, m_options.headless, stdoutIsTerminal(), runningUnderSystemd())) {
        m_stream = std::make_unique<DeliveryStream>(m_options.printJson ? StreamForm::Json : StreamForm::Compact);
        config.stream = m_stream.get();
    }
    m_frontend = new HttpFrontend(config, &m_verifier, m_store.get(), m_figuresReader.get());
    m_frontend->moveToThread(&m_httpThread);
    m_httpThread.start();
    QMetaObject::invokeMethod(
        m_frontend, [&] { m_port = m_frontend->listenOn(m_options.bindAddress, m_options.port, security, &failure); },
        Qt::BlockingQueuedConnection);
    if (m_port == 0)
        return fail(failure);
    if (const QString warning = plainHttpWarning(); !warning.isEmpty())
        qCWarning(lcApp).noquote() << warning;
    connect(m_frontend, &HttpFrontend::listenerFailed, this, &ReceiverCore::listenerFailed);
    Q_EMIT listening(m_options.bindAddress, m_port);
    Q_EMIT customResponsesChanged(m_options.responses);

    if (!m_options.portFile.isEmpty()) {
        QFile file(m_options.portFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(QByteArray::number(m_port) + '\n') < 0)
            return fail(QStringLiteral("cannot write the port file %1").arg(m_options.portFile));
    }
    return true;
}

bool ReceiverCore::rebind(const QHostAddress &address, quint16 port, QString *error)
{
    return listen(address, port, m_tls, m_options.allowPlainHttp || m_options.plainHttpFromOldSettings, error);
}

bool ReceiverCore::reconfigureListener(
    const QHostAddress &address, quint16 port, const ListenerChoice &choice, QString *error)
{
    QString failure;
    const std::optional<QSslConfiguration> tls = loadServerTls(choice.tlsCert, choice.tlsKey, &failure);
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        return false;
    }
    if (!listen(address, port, tls, choice.allowPlainHttp, error))
        return false;
    m_options.tlsCert = choice.tlsCert;
    m_options.tlsKey = choice.tlsKey;
    m_options.allowPlainHttp = choice.allowPlainHttp;
    m_options.plainHttpFromOldSettings = false;
    m_tls = tls;
    Q_EMIT listening(address, m_port); // again: the warning may have gone
    return true;
}

bool ReceiverCore::listen(const QHostAddress &address, quint16 port, const std::optional<QSslConfiguration> &tls,
    bool plainAllowed, QString *error)
{
    if (!m_frontend) {
        if (error)
            *error = tr("the receiver is not running");
        return false;
    }
    quint16 bound = 0;
    QString failure;
    const ListenerSecurity security {tls, plainAllowed};
    QMetaObject::invokeMethod(
        m_frontend, [&] { bound = m_frontend->listenOn(address, port, security, &failure); },
        Qt::BlockingQueuedConnection);
    if (bound == 0) {
        if (error)
            *error = failure;
        return false;
    }
    m_options.bindAddress = address;
    m_port = bound;
    Q_EMIT listening(address, bound);
    return true;
}

QString ReceiverCore::plainHttpWarning() const
{
    if (!m_frontend || m_tls || m_options.allowPlainHttp || !m_options.plainHttpFromOldSettings
        || m_options.bindAddress.isLoopback())
        return QString();
    return tr("Listening on %1 with plain HTTP because settings saved by an earlier version chose that "
              "address: deliveries and the API token cross the network unencrypted. Set a TLS certificate and "
              "key, or allow plain HTTP, in Settings → Receiver (or start with --tls-cert and --tls-key, or "
              "--allow-plain-http).")
        .arg(m_options.bindAddress.toString());
}

void ReceiverCore::setCustomResponses(const CustomResponses &responses)
{
    if (responses == m_options.responses)
        return;
    m_options.responses = responses;
    if (m_settings && !m_options.explicitlySet.contains(QLatin1String("respond"))) {
        m_settings->setValue(Settings::Key::CustomResponses, customResponsesToJson(responses.rules));
        m_settings->setValue(Settings::Key::CustomResponsesOn, responses.enabled);
        m_settings->sync();
    }
    if (m_frontend)
        QMetaObject::invokeMethod(
            m_frontend, [frontend = m_frontend, responses] { frontend->setCustomResponses(responses); });
    if (responses.active())
        qCWarning(lcApp).noquote() << responses.summary(TextLanguage::English);
    else
        qCInfo(lcApp) << "custom responses are off: deliveries get the receiver's own answers";
    Q_EMIT customResponsesChanged(responses);
}

void ReceiverCore::setMaxDatabaseSize(qint64 bytes)
{
    m_options.maxDbSizeBytes = bytes;
    if (m_store)
        m_store->setMaxSizeBytes(bytes);
}

QByteArray ReceiverCore::regenerateApiToken()
{
    if (!m_settings)
        return QByteArray();
    const QByteArray token = Settings::newApiToken();
    m_settings->setApiToken(token);
    m_settings->sync();
    if (!m_apiTokenFromEnvironment) {
        m_apiToken = token;
        // The frontend's copy is behind a mutex: the next request already compares with the new token.
        if (m_frontend)
            m_frontend->setApiToken(token);
    }
    return token;
}

bool ReceiverCore::reloadSecrets(QString *error)
{
    QString failure;
    if (!m_settings || !loadSecrets(&failure)) {
        if (error)
            *error = m_settings ? failure : QStringLiteral("the receiver is not running");
        return false;
    }
    return true;
}

void ReceiverCore::setStoredSecrets(const QList<Secret> &secrets)
{
    if (secrets.isEmpty() && m_storedSecrets.isEmpty())
        return; // nothing changes: no need to say again what is missing
    m_storedSecrets = secrets;
    QString ignored;
    if (m_settings)
        loadSecrets(&ignored); // the environment and the file were read fine at start
}

void ReceiverCore::setRetention(const RetentionPolicy &policy)
{
    m_options.retention = policy;
    if (m_store)
        m_store->setRetention(policy);
}

void ReceiverCore::stop()
{
    if (m_feed) {
        QMetaObject::invokeMethod(m_feed, &TeamFeed::stop, Qt::BlockingQueuedConnection);
        m_feedThread.quit();
        m_feedThread.wait();
        m_feed = nullptr; // deleted with its thread's end
    }
    m_teamNotifications.reset();
    // The services answer nothing from here on (a view still open asks in vain).
    m_log->setReader(nullptr);
    m_figures->setReader(nullptr, m_options.figures);
    m_maintenance->setWriter(nullptr, QString());
    m_actions->attach(nullptr, nullptr, nullptr);
    if (m_frontend) {
        QMetaObject::invokeMethod(m_frontend, &HttpFrontend::stopListening, Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(m_frontend, &HttpFrontend::answerDelayedNow, Qt::QueuedConnection);
        // Deliveries already handed to the store get their answers before the sockets go (a custom
        // response's delay is cut short).
        QDeadlineTimer deadline(10'000);
        while (m_frontend->inFlight() > 0 && !deadline.hasExpired())
            QThread::msleep(5);
    }
    // The dispatcher records what it finished through the writer, so it stops first.
    m_pipeline->stop();
    // The store's and the readers' threads end before the frontend is deleted: their jobs and the
    // store's result sink post to the frontend from those threads (a figures query may still be
    // running, a drain may hold a copy of the sink), so it must outlive them. shutdown() runs what
    // is queued and joins the thread; the objects stay until the frontend is gone, since it may
    // still hand them work (which then never runs).
    for (StoreWorker *worker : {m_reader.get(), m_figuresReader.get(), m_store.get()}) {
        if (worker)
            worker->shutdown();
    }
    if (m_frontend) {
        // After the answers those jobs posted, which go out with the flush.
        QMetaObject::invokeMethod(
            m_frontend,
            [this] {
                const auto sockets = m_frontend->findChildren<QTcpSocket *>();
                for (QTcpSocket *socket : sockets)
                    socket->flush();
            },
            Qt::BlockingQueuedConnection);
        // Deleted on its own thread (deferred deletes run as the thread finishes): its sockets and
        // timers belong there.
        m_frontend->deleteLater();
        m_frontend = nullptr;
        m_httpThread.quit();
        m_httpThread.wait();
    } else if (m_httpThread.isRunning()) {
        m_httpThread.quit();
        m_httpThread.wait();
    }
    // Every delivery was answered, and told to the stream: what it still holds goes out (or is counted).
    if (m_stream) {
        m_stream->finish();
        m_stream.reset();
    }
    m_reader.reset();
    m_figuresReader.reset();
    m_store.reset();
    if (m_settings) {
        m_settings->sync();
        m_settings.reset();
    }
    m_lock.reset();
    m_port = 0;
    m_tls.reset();
}

QByteArray ReceiverCore::firstSecret() const
{
    return m_secrets.isEmpty() ? QByteArray() : m_secrets.constFirst().key;
}

std::shared_ptr<const PipelineConfig> ReceiverCore::pipelineConfig() const
{
    return m_pipeline->planner()->config();
}

QString ReceiverCore::rulesPath() const
{
    return m_pipeline->options().rulesPath;
}

void ReceiverCore::saveRules(const RuleSet &rules, QObject *receiver, std::function<void(const QString &)> done)
{
    m_pipeline->saveRules(rules, receiver, std::move(done));
}

bool ReceiverCore::setForwardTargets(const QList<ForwardTarget> &targets, QString *error)
{
    return m_pipeline->setForwardTargets(targets, error);
}

bool ReceiverCore::setAlertUrl(const QString &url, bool allowPrivate, QString *error)
{
    return m_pipeline->setAlertUrl(url, allowPrivate, error);
}

// One entry of its own, apart from the receiving secrets: a forwarding secret must never verify an
// incoming delivery.
constexpr auto kForwardSecretLabel = "forwarding";

void ReceiverCore::loadStoredForwardSecret()
{
    const QString dir = QFileInfo(m_settings->path()).absolutePath();
    m_forwardSecretStore = std::make_unique<SecretStore>(
        QStringLiteral("peanuts-monitor-forwarding"), dir + QStringLiteral("/forwarding-secret.json"));
    m_forwardSecretStore->setKeychainEnabled(!m_options.headless);
    m_forwardSecretSet = false;
    connect(m_forwardSecretStore.get(), &SecretStore::loaded, this,
        [this](const QList<Secret> &stored, const QString &error) {
            if (!error.isEmpty())
                qCWarning(lcApp).noquote() << "the stored forwarding secret:" << error;
            if (!m_forwardSecretSet)
                m_pipeline->setStoredForwardSecret(stored.isEmpty() ? QByteArray() : stored.constFirst().key);
        });
    connect(m_forwardSecretStore.get(), &SecretStore::saved, this, [](const QString &error) {
        if (!error.isEmpty())
            qCWarning(lcApp).noquote() << "the forwarding secret was not saved:" << error;
    });
    m_forwardSecretStore->load();
}

void ReceiverCore::setStoredForwardSecret(const QByteArray &secret)
{
    m_forwardSecretSet = true;
    m_pipeline->setStoredForwardSecret(secret);
    if (m_forwardSecretStore)
        m_forwardSecretStore->save(
            secret.isEmpty() ? QList<Secret>() : QList<Secret> {Secret {QLatin1String(kForwardSecretLabel), secret}});
}

QString ReceiverCore::forwardSecretSource() const
{
    return m_pipeline->forwardSecretSource();
}

void ReceiverCore::setRetryPolicy(const RetryPolicy &policy)
{
    m_pipeline->setRetryPolicy(policy);
}

RetryPolicy ReceiverCore::retryPolicy() const
{
    return m_pipeline->options().retry;
}

bool ReceiverCore::allowPrivateAlertUrls() const
{
    return m_pipeline->options().allowPrivateAlertUrls;
}

BatchNotifier *ReceiverCore::batches()
{
    m_batchesWanted = true;
    attachBatches();
    return m_batches.get();
}

void ReceiverCore::attachBatches()
{
    if (m_batchesWanted && m_store)
        connect(m_store.get(), &StoreWorker::batchCommitted, m_batches.get(), &BatchNotifier::add,
            Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
    // A viewer's batches are the team's commits, as its feed sees them.
    if (m_batchesWanted && m_feed)
        connect(m_feed, &TeamFeed::committed, m_batches.get(), &BatchNotifier::add,
            Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
}

QString ReceiverCore::databaseForDisplay() const
{
    return peanuts::databaseForDisplay(m_options.dbPath);
}

Notifier *ReceiverCore::notifier()
{
    if (m_notifier)
        return m_notifier;
    if (!m_logNotifier)
        m_logNotifier = std::make_unique<LogNotifier>();
    return m_logNotifier.get();
}

} // namespace peanuts
