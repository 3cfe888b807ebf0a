#include "pipeline/pipeline.h"

#include "config/settings.h"
#include "ingest/signature.h"
#include "pipeline/dispatcher.h"
#include "pipeline/urlpolicy.h"
#include "platform/logging.h"
#include "services/storecall.h"

#include <QFile>
#include <QHash>
#include <QPointer>
#include <QSet>

namespace peanuts {

namespace {

// What fresh firings of a scheduled check do: each its own actions, unless one rule fired for more
// than kSummaryAbove entries at once (a first check over a database full of tasks): then one summary.
QList<PlannedAction> planFirings(const ActionPlanner &planner, const QList<Firing> &fresh, int summaryAbove)
{
    QHash<QString, QList<const Firing *>> byRule;
    QStringList order;
    for (const Firing &firing : fresh) {
        if (!byRule.contains(firing.ruleId))
            order.append(firing.ruleId);
        byRule[firing.ruleId].append(&firing);
    }
    const auto config = planner.config();
    QList<PlannedAction> actions;
    for (const QString &ruleId : std::as_const(order)) {
        const QList<const Firing *> &firings = byRule[ruleId];
        if (firings.size() <= summaryAbove) {
            for (const Firing *firing : firings)
                actions += firing->actions;
            continue;
        }
        QString name = ruleId, helper;
        for (const Rule &rule : config->rules.rules) {
            if (rule.id == ruleId) {
                name = rule.name.isEmpty() ? rule.id : rule.name;
                helper = rule.helper;
            }
        }
        const QString what = helper == QLatin1String("/tasks") ? QStringLiteral("tasks") : QStringLiteral("entries");
        actions += planner.alert(
            name, QStringLiteral("%1 %2 are due or overdue (rule \"%3\")").arg(firings.size()).arg(what, name));
    }
    return actions;
}

QStringList dateRuleHelpers(const RuleSet &rules, bool *any)
{
    QStringList helpers;
    *any = false;
    for (const Rule &rule : rules.rules) {
        if (!rule.enabled || !rule.isDateRule())
            continue;
        if (rule.helper.isEmpty())
            *any = true;
        else if (!helpers.contains(rule.helper))
            helpers.append(rule.helper);
    }
    return helpers;
}

} // namespace

Pipeline::Pipeline(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    connect(&m_dueTimer, &QTimer::timeout, this, &Pipeline::runDateCheck);
    m_alertTimer.setInterval(15'000);
    connect(&m_alertTimer, &QTimer::timeout, this, &Pipeline::checkAlertEnded);
}

Pipeline::~Pipeline()
{
    stop();
}

bool Pipeline::loadRules(const PipelineOptions &options, QString *error)
{
    QString failure;
    const std::optional<RuleSet> rules = loadRulesFile(options.rulesPath, &failure);
    if (!rules) {
        *error = QStringLiteral("the rules file %1 is refused: %2").arg(options.rulesPath, failure);
        return false;
    }
    m_rules = *rules;
    return true;
}

bool Pipeline::start(const PipelineOptions &options, const QTimeZone &zone, StoreWorker *writer, Notifier *notifier,
    const QByteArray &firstSecret, Settings *settings)
{
    stop();
    m_options = options;
    m_zone = zone;
    m_writer = writer;
    m_settings = settings;
    m_firstSecret = firstSecret;
    for (const QString &warning : std::as_const(m_options.warnings))
        qCWarning(lcPipeline).noquote() << warning;
    if (!m_options.forwards.isEmpty() && forwardSecret().isEmpty())
        qCWarning(lcPipeline) << "forwards are set up but no secret can sign them: set PEANUTS_FORWARD_SECRET,"
                                 " --forward-secret-file, a forwarding secret in the settings, or a receiving secret";
    m_failures.setThreshold(m_options.rejectAlertPerMinute);
    applyConfig();

    DispatchConfig dispatch;
    dispatch.retry = m_options.retry;
    dispatch.forwardSecret = forwardSecret();
    dispatch.allowPrivateAlertUrls = m_options.allowPrivateAlertUrls;
    {
        QMutexLocker lock(&m_dispatcherMutex);
        m_dispatcher = std::make_unique<Dispatcher>(makeStoreOutbox(writer), notifier, dispatch, m_clock);
    }
    m_dispatcher->start();
    m_dueTimer.start(m_options.dueCheckMinutes * 60'000);
    QTimer::singleShot(0, this, &Pipeline::runDateCheck);
    qCInfo(lcPipeline).noquote() << QStringLiteral("%1 rule(s) in force from %2; %3 forward target(s)")
                                        .arg(m_rules.rules.size())
                                        .arg(m_options.rulesInDatabase ? QStringLiteral("the team database")
                                                                       : m_options.rulesPath)
                                        .arg(m_options.forwards.size());
    return true;
}

void Pipeline::stop()
{
    m_dueTimer.stop();
    m_alertTimer.stop();
    if (m_dispatcher) {
        m_dispatcher->stop();
        QMutexLocker lock(&m_dispatcherMutex);
        m_dispatcher.reset();
    }
    m_writer = nullptr;
    m_settings = nullptr;
    ++m_run;
}

void Pipeline::applyConfig()
{
    PipelineConfig config;
    config.rules = m_rules;
    config.forwards = m_options.forwards;
    config.alertUrl = m_options.alertUrl;
    config.zone = m_zone;
    m_planner.setConfig(config);
}

void Pipeline::applyDispatchConfig()
{
    if (!m_dispatcher)
        return;
    DispatchConfig dispatch;
    dispatch.retry = m_options.retry;
    dispatch.forwardSecret = forwardSecret();
    dispatch.allowPrivateAlertUrls = m_options.allowPrivateAlertUrls;
    m_dispatcher->setConfig(dispatch);
}

Pipeline::Signing Pipeline::forwardSigning() const
{
    if (!m_options.forwardSecretFile.isEmpty()) {
        QFile file(m_options.forwardSecretFile);
        if (file.open(QIODevice::ReadOnly))
            return {file.readAll().trimmed(),
                QStringLiteral("the file %1 (--forward-secret-file)").arg(m_options.forwardSecretFile)};
        qCWarning(lcPipeline).noquote()
            << QStringLiteral("cannot read the forwarding secret file %1").arg(m_options.forwardSecretFile);
        return {};
    }
    if (qEnvironmentVariableIsSet("PEANUTS_FORWARD_SECRET"))
        return {qgetenv("PEANUTS_FORWARD_SECRET"), QStringLiteral("PEANUTS_FORWARD_SECRET")};
    if (!m_storedForwardSecret.isEmpty())
        return {m_storedForwardSecret, QStringLiteral("the forwarding secret saved here")};
    if (!m_firstSecret.isEmpty())
        return {m_firstSecret, QStringLiteral("the first receiving secret")};
    return {};
}

void Pipeline::setStoredForwardSecret(const QByteArray &secret)
{
    m_storedForwardSecret = secret;
    applyDispatchConfig();
}

QByteArray Pipeline::signAsForward(QByteArrayView body) const
{
    const QByteArray secret = forwardSecret();
    return secret.isEmpty() ? QByteArray() : hmacSha256Hex(secret, body);
}

QString Pipeline::forwardSecretSource() const
{
    const Signing signing = forwardSigning();
    return signing.secret.isEmpty() ? QString() : signing.source;
}

void Pipeline::setFirstSecret(const QByteArray &firstSecret)
{
    m_firstSecret = firstSecret;
    applyDispatchConfig();
}

void Pipeline::handOver(QList<OutboxAction> actions)
{
    QMutexLocker lock(&m_dispatcherMutex);
    if (m_dispatcher)
        m_dispatcher->offer(std::move(actions));
}

void Pipeline::noteRejected(Outcome outcome, qint64 nowMs)
{
    if (std::optional<FailureAlert> alert = m_failures.noteRejected(outcome, nowMs))
        QMetaObject::invokeMethod(
            this, [this, alert = *alert] { raise(alert); }, Qt::QueuedConnection);
}

void Pipeline::raise(const FailureAlert &alert)
{
    m_alerting = true;
    // Whether the alert has ended is checked only while one is on: an idle app does not wake for it.
    if (!m_alertTimer.isActive())
        m_alertTimer.start();
    Q_EMIT failureAlert(alert.shownTitle, alert.shownText); // the window's, in the user's language
    const QList<PlannedAction> actions = m_planner.alert(alert.title, alert.text);
    const qint64 now = m_clock->nowMs();
    askStore(
        m_writer, this, [actions, now](Store &store) { return store.addActions(actions, now); },
        [this](int added) {
            if (added > 0 && m_dispatcher)
                m_dispatcher->wake();
        });
}

void Pipeline::checkAlertEnded()
{
    if (m_alerting && !m_failures.alerting(m_clock->nowMs())) {
        m_alerting = false;
        m_alertTimer.stop();
        Q_EMIT failureAlertCleared();
    }
}

void Pipeline::runDateCheck()
{
    if (!m_writer)
        return;
    bool any = false;
    const QStringList helpers = dateRuleHelpers(m_rules, &any);
    if (!any && helpers.isEmpty())
        return;
    const QStringList scan = any ? QStringList {QString()} : helpers;
    const qint64 now = m_clock->nowMs();
    const ActionPlanner *planner = &m_planner;
    askStore(
        m_writer, this,
        [planner, scan, now](Store &store) {
            QList<CurrentEntry> entries;
            for (const QString &helper : scan) {
                const auto found = store.currentEntries(helper);
                if (!found)
                    return -1;
                entries += *found;
            }
            const QList<Firing> firings = planner->checkDates(entries, now);
            if (firings.isEmpty())
                return 0;
            return store.recordFirings(firings, now,
                [planner](const QList<Firing> &fresh) { return planFirings(*planner, fresh, kSummaryAbove); });
        },
        [this](int fresh) {
            if (fresh < 0)
                qCWarning(lcPipeline) << "the check of date rules failed; it runs again at the next interval";
            if (fresh > 0 && m_dispatcher)
                m_dispatcher->wake();
            Q_EMIT dateCheckDone(fresh);
        });
}

QString Pipeline::refusal(const RuleSet &rules) const
{
    // The same checks as the file gets at start, and the address rules of alert URLs.
    QString refused;
    if (!parseRules(serializeRules(rules), &refused))
        return refused;
    for (qsizetype r = 0; r < rules.rules.size(); ++r) {
        for (qsizetype a = 0; a < rules.rules[r].actions.size(); ++a) {
            const RuleAction &action = rules.rules[r].actions[a];
            if (action.type != RuleActionType::Post)
                continue;
            refused = checkOutgoingUrl(QUrl(action.url), UrlUse::Alert, m_options.allowPrivateAlertUrls);
            if (!refused.isEmpty())
                return QStringLiteral("$.rules[%1].actions[%2].url: %3").arg(r).arg(a).arg(refused);
        }
    }
    return QString();
}

void Pipeline::adoptRules(const RuleSet &rules)
{
    m_rules = rules;
    applyConfig();
    Q_EMIT changed();
    runDateCheck(); // a new date rule looks at today's entries at once
}

void Pipeline::saveRules(const RuleSet &rules, QObject *receiver, RulesSaved done)
{
    QString error = refusal(rules);
    if (error.isEmpty() && m_options.rulesInDatabase && !m_writer)
        error = QStringLiteral("the receiver is not running");
    if (!error.isEmpty() || !m_options.rulesInDatabase) {
        if (error.isEmpty() && saveRulesFile(m_options.rulesPath, rules, &error))
            adoptRules(rules);
        if (done)
            done(error);
        return;
    }
    // The team's document: stored on the writer's thread, after what is queued there (a reconnect to
    // a server that went away included); the answer comes back here.
    const QByteArray document = serializeRules(rules);
    askStore(
        m_writer, this,
        [document](Store &store) {
            if (store.saveRulesDocument(document, false))
                return QString();
            return QStringLiteral("the rules were not saved in the team database: %1").arg(store.lastError());
        },
        [this, rules, run = m_run, guard = QPointer<QObject>(receiver), done = std::move(done)](const QString &error) {
            if (error.isEmpty() && run == m_run)
                adoptRules(rules);
            if (guard && done)
                done(error);
        });
}

QByteArray Pipeline::rulesDocument() const
{
    return serializeRules(m_rules);
}

bool Pipeline::useRulesDocument(const QByteArray &document, QString *error)
{
    QString failure;
    const std::optional<RuleSet> rules = parseRules(document, &failure);
    if (!rules) {
        *error = QStringLiteral("the team database's rules are refused: %1").arg(failure);
        return false;
    }
    if (*rules == m_rules)
        return true;
    m_rules = *rules;
    applyConfig();
    Q_EMIT changed();
    return true;
}

bool Pipeline::setForwardTargets(const QList<ForwardTarget> &targets, QString *error)
{
    for (const ForwardTarget &target : targets) {
        const QString refused = checkOutgoingUrl(QUrl(target.url), UrlUse::Forward, true);
        if (!refused.isEmpty()) {
            *error = QStringLiteral("%1: %2").arg(target.url, refused);
            return false;
        }
    }
    if (m_settings) {
        m_settings->setValue(Settings::Key::ForwardTargets, forwardTargetsToJson(targets));
        m_settings->sync();
    }
    m_options.forwards = targets;
    applyConfig();
    Q_EMIT changed();
    return true;
}

bool Pipeline::setAlertUrl(const QString &url, bool allowPrivate, QString *error)
{
    if (!url.isEmpty()) {
        const QString refused = checkOutgoingUrl(QUrl(url), UrlUse::Alert, allowPrivate);
        if (!refused.isEmpty()) {
            *error = refused;
            return false;
        }
    }
    if (m_settings) {
        if (!saveAlertUrlFile(alertUrlFilePath(m_settings->path()), url, error))
            return false;
        m_settings->setValue(Settings::Key::AllowPrivateAlertUrls, allowPrivate);
        m_settings->sync();
    }
    m_options.alertUrl = url;
    m_options.allowPrivateAlertUrls = allowPrivate;
    applyConfig();
    applyDispatchConfig();
    Q_EMIT changed();
    return true;
}

void Pipeline::setRetryPolicy(const RetryPolicy &policy)
{
    if (m_settings) {
        m_settings->setValue(Settings::Key::RetryAttempts, policy.maxAttempts);
        m_settings->setValue(Settings::Key::RetryBaseDelayMs, policy.baseDelayMs);
        m_settings->setValue(Settings::Key::RetryTimeoutMs, policy.timeoutMs);
        m_settings->sync();
    }
    m_options.retry = policy;
    applyDispatchConfig();
    Q_EMIT changed();
}

} // namespace peanuts
