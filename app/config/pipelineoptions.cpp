// The pipeline's options: command line over settings over defaults.
#include "config/pipelineoptions.h"

#include "config/settings.h"
#include "ingest/delivery.h"
#include "pipeline/urlpolicy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace peanuts {

namespace {

// The outcomes a forward may include besides accepted ones, by the names --forward-include takes.
constexpr std::pair<const char *, Outcome> kIncludable[] = {
    {"accepted", Outcome::Accepted},
    {"duplicate", Outcome::Duplicate},
    {"stale", Outcome::Stale},
    {"ignored", Outcome::Ignored},
};

QStringList splitList(const QString &value)
{
    QStringList items = value.split(u',', Qt::SkipEmptyParts);
    for (QString &item : items)
        item = item.trimmed();
    items.removeAll(QString());
    return items;
}

// "duplicate,stale" -> a mask with accepted and those; empty error on success.
QString outcomeMaskOf(const QStringList &names, quint32 *mask)
{
    *mask = 1u << int(Outcome::Accepted);
    for (const QString &name : names) {
        bool known = false;
        for (const auto &[text, outcome] : kIncludable) {
            if (name == QLatin1String(text)) {
                *mask |= 1u << int(outcome);
                known = true;
            }
        }
        if (!known)
            return QStringLiteral("unknown outcome \"%1\" (expected duplicate, stale or ignored)").arg(name);
    }
    return QString();
}

QStringList outcomeNames(quint32 mask)
{
    QStringList names;
    for (const auto &[text, outcome] : kIncludable) {
        if (mask & (1u << int(outcome)))
            names.append(QLatin1String(text));
    }
    return names;
}

} // namespace

PipelineCommandLine::PipelineCommandLine()
    : m_rules(QStringLiteral("rules"),
        QCoreApplication::translate(
            "Options", "Rules file (JSON, README \"Rules\"; default: rules.json beside the settings)."),
        QStringLiteral("PATH"))
    , m_forwardTo(QStringLiteral("forward-to"),
          QCoreApplication::translate("Options",
              "Forward accepted deliveries, byte for byte and re-signed, to URL (your own handler). "
              "Repeatable."),
          QStringLiteral("URL"))
    , m_forwardInclude(QStringLiteral("forward-include"),
          QCoreApplication::translate(
              "Options", "Also forward these outcomes: comma-separated duplicate, stale, ignored."),
          QStringLiteral("LIST"))
    , m_forwardEvents(QStringLiteral("forward-events"),
          QCoreApplication::translate("Options", "Forward only these events (comma-separated, e.g. entry.created)."),
          QStringLiteral("LIST"))
    , m_forwardHelpers(QStringLiteral("forward-helpers"),
          QCoreApplication::translate("Options", "Forward only these helpers (comma-separated commands or names)."),
          QStringLiteral("LIST"))
    , m_forwardSecretFile(QStringLiteral("forward-secret-file"),
          QCoreApplication::translate("Options",
              "File holding the secret forwards are signed with (else PEANUTS_FORWARD_SECRET, else the "
              "first receiving secret)."),
          QStringLiteral("FILE"))
    , m_alertUrl(QStringLiteral("alert-url"),
          QCoreApplication::translate("Options",
              "Post {\"text\": ...} there for every rule that fires and every failure alert (Slack "
              "style). The command line is visible to every user: prefer PEANUTS_ALERT_URL."),
          QStringLiteral("URL"))
    , m_allowPrivate(QStringLiteral("allow-private-alert-urls"),
          QCoreApplication::translate(
              "Options", "Let alert and rule URLs reach private, loopback and link-local addresses."))
    , m_retryAttempts(QStringLiteral("retry-attempts"),
          QCoreApplication::translate(
              "Options", "Attempts of an outgoing action before it becomes a dead letter (default %1).")
              .arg(RetryPolicy().maxAttempts),
          QStringLiteral("N"))
    , m_retryBase(QStringLiteral("retry-base-delay"),
          QCoreApplication::translate(
              "Options", "Wait before the second attempt, in ms, doubled for each after (default %1).")
              .arg(RetryPolicy().baseDelayMs),
          QStringLiteral("MS"))
    , m_retryTimeout(QStringLiteral("retry-timeout"),
          QCoreApplication::translate("Options", "Timeout of one outgoing attempt, in ms (default %1).")
              .arg(RetryPolicy().timeoutMs),
          QStringLiteral("MS"))
    , m_rejectAlert(QStringLiteral("reject-alert-threshold"),
          QCoreApplication::translate(
              "Options", "Rejected deliveries in a minute that raise an alert (default %1; 0: none).")
              .arg(kDefaultRejectAlertPerMinute),
          QStringLiteral("N"))
    , m_dueCheck(QStringLiteral("due-check-every"),
          QCoreApplication::translate(
              "Options", "Minutes between checks of the date rules over the current entries (default %1).")
              .arg(kDefaultDueCheckMinutes),
          QStringLiteral("MIN"))
{
}

void PipelineCommandLine::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_rules, m_forwardTo, m_forwardInclude, m_forwardEvents, m_forwardHelpers, m_forwardSecretFile,
        m_alertUrl, m_allowPrivate, m_retryAttempts, m_retryBase, m_retryTimeout, m_rejectAlert, m_dueCheck});
}

QString PipelineCommandLine::parse(
    const QCommandLineParser &parser, PipelineOptions &o, QStringList &explicitlySet) const
{
    auto name = [](const QCommandLineOption &option) { return option.names().constFirst(); };
    auto mark = [&](const QCommandLineOption &option) { explicitlySet.append(name(option)); };
    QString error;
    auto number = [&](const QCommandLineOption &option, qint64 min, qint64 max, auto &target) {
        return readNumberOption(parser, option, min, max, target, explicitlySet, &error);
    };
    if (!number(m_retryAttempts, 1, 100, o.retry.maxAttempts) || !number(m_retryBase, 1, 3'600'000, o.retry.baseDelayMs)
        || !number(m_retryTimeout, 100, 600'000, o.retry.timeoutMs)
        || !number(m_rejectAlert, 0, 100'000'000, o.rejectAlertPerMinute)
        || !number(m_dueCheck, 1, 7 * 24 * 60, o.dueCheckMinutes))
        return error;
    if (parser.isSet(m_rules)) {
        o.rulesPath = QDir::cleanPath(QDir::current().absoluteFilePath(parser.value(m_rules)));
        mark(m_rules);
    }
    if (parser.isSet(m_forwardTo)) {
        quint32 mask = 0;
        const QString maskError = outcomeMaskOf(splitList(parser.value(m_forwardInclude)), &mask);
        if (!maskError.isEmpty())
            return QStringLiteral("--forward-include: %1").arg(maskError);
        for (const QString &url : parser.values(m_forwardTo)) {
            const QString refused = checkOutgoingUrl(QUrl(url), UrlUse::Forward, true);
            if (!refused.isEmpty())
                return QStringLiteral("--forward-to %1: %2").arg(url, refused);
            o.forwards.append(
                {url, splitList(parser.value(m_forwardEvents)), splitList(parser.value(m_forwardHelpers)), mask});
        }
        mark(m_forwardTo);
    } else if (parser.isSet(m_forwardInclude) || parser.isSet(m_forwardEvents) || parser.isSet(m_forwardHelpers)) {
        return QStringLiteral("--forward-include, --forward-events and --forward-helpers need --forward-to");
    }
    if (parser.isSet(m_forwardSecretFile))
        o.forwardSecretFile = parser.value(m_forwardSecretFile);
    o.allowPrivateAlertUrls = parser.isSet(m_allowPrivate);
    if (o.allowPrivateAlertUrls)
        mark(m_allowPrivate);
    if (parser.isSet(m_alertUrl)) {
        o.alertUrl = parser.value(m_alertUrl);
        o.warnings.append(QStringLiteral("--alert-url is visible to every user of this machine in the process "
                                         "list; PEANUTS_ALERT_URL or the settings keep it private"));
        mark(m_alertUrl);
    } else if (qEnvironmentVariableIsSet("PEANUTS_ALERT_URL")) {
        o.alertUrl = qEnvironmentVariable("PEANUTS_ALERT_URL");
        mark(m_alertUrl);
    }
    if (!o.alertUrl.isEmpty()) {
        const QString refused = checkOutgoingUrl(QUrl(o.alertUrl), UrlUse::Alert, o.allowPrivateAlertUrls);
        if (!refused.isEmpty())
            return QStringLiteral("the alert URL %1: %2").arg(redactedUrl(QUrl(o.alertUrl)), refused);
    }
    return QString();
}

void applyPipelineSettings(
    PipelineOptions &o, const QStringList &explicitlySet, const Settings &settings, const QString &settingsPath)
{
    using K = Settings::Key;
    auto unset = [&](const char *name) { return !explicitlySet.contains(QLatin1String(name)); };
    if (unset("rules"))
        o.rulesPath = settings.value(K::RulesPath).toString().isEmpty() ? defaultRulesPath(settingsPath)
                                                                        : settings.value(K::RulesPath).toString();
    if (unset("forward-to")) {
        QString error;
        o.forwards = forwardTargetsFromJson(settings.value(K::ForwardTargets).toString(), &error);
        if (!error.isEmpty())
            o.warnings.append(QStringLiteral("settings: the forward targets are ignored: %1").arg(error));
    }
    if (unset("retry-attempts"))
        o.retry.maxAttempts = qBound(1, settings.value(K::RetryAttempts).toInt(), 100);
    if (unset("retry-base-delay"))
        o.retry.baseDelayMs = qBound(qint64(1), settings.value(K::RetryBaseDelayMs).toLongLong(), qint64(3'600'000));
    if (unset("retry-timeout"))
        o.retry.timeoutMs = qBound(100, settings.value(K::RetryTimeoutMs).toInt(), 600'000);
    if (unset("allow-private-alert-urls"))
        o.allowPrivateAlertUrls = settings.value(K::AllowPrivateAlertUrls).toBool();
    if (unset("reject-alert-threshold"))
        o.rejectAlertPerMinute = qMax(0, settings.value(K::RejectAlertPerMinute).toInt());
    if (unset("alert-url")) {
        QFile file(alertUrlFilePath(settingsPath));
        if (file.open(QIODevice::ReadOnly))
            o.alertUrl = QString::fromUtf8(file.readAll().trimmed());
    }
}

QString forwardTargetsToJson(const QList<ForwardTarget> &targets)
{
    QJsonArray array;
    for (const ForwardTarget &t : targets) {
        array.append(QJsonObject {{QStringLiteral("url"), t.url},
            {QStringLiteral("events"), QJsonArray::fromStringList(t.events)},
            {QStringLiteral("helpers"), QJsonArray::fromStringList(t.helpers)},
            {QStringLiteral("outcomes"), QJsonArray::fromStringList(outcomeNames(t.outcomeMask))}});
    }
    return targets.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<ForwardTarget> forwardTargetsFromJson(const QString &json, QString *error)
{
    QList<ForwardTarget> targets;
    if (json.trimmed().isEmpty())
        return targets;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (!doc.isArray()) {
        *error = QStringLiteral("not a JSON array (%1)").arg(parseError.errorString());
        return {};
    }
    auto strings = [](const QJsonValue &v) {
        QStringList list;
        for (const QJsonValue &item : v.toArray())
            list.append(item.toString());
        return list;
    };
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        ForwardTarget t;
        t.url = object.value(QStringLiteral("url")).toString();
        t.events = strings(object.value(QStringLiteral("events")));
        t.helpers = strings(object.value(QStringLiteral("helpers")));
        QStringList outcomes = strings(object.value(QStringLiteral("outcomes")));
        outcomes.removeAll(QStringLiteral("accepted"));
        const QString maskError = outcomeMaskOf(outcomes, &t.outcomeMask);
        const QString refused = checkOutgoingUrl(QUrl(t.url), UrlUse::Forward, true);
        if (!maskError.isEmpty() || !refused.isEmpty()) {
            *error = QStringLiteral("$[%1]: %2").arg(i).arg(maskError.isEmpty() ? refused : maskError);
            return {};
        }
        targets.append(t);
    }
    return targets;
}

bool readWholeNumber(const QCommandLineParser &parser, const QCommandLineOption &option, qint64 min, qint64 max,
    qint64 *value, QStringList &explicitlySet, QString *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qint64 given = parser.value(option).toLongLong(&ok);
    if (!ok || given < min || given > max) {
        *error = QStringLiteral("--%1 must be a whole number from %2 to %3, not \"%4\"")
                     .arg(option.names().constFirst())
                     .arg(min)
                     .arg(max)
                     .arg(parser.value(option));
        return false;
    }
    *value = given;
    explicitlySet.append(option.names().constFirst());
    return true;
}

QString defaultRulesPath(const QString &settingsPath)
{
    return QFileInfo(settingsPath).absolutePath() + QStringLiteral("/rules.json");
}

QString alertUrlFilePath(const QString &settingsPath)
{
    return QFileInfo(settingsPath).absolutePath() + QStringLiteral("/alert-url");
}

bool saveAlertUrlFile(const QString &path, const QString &url, QString *error)
{
    if (url.isEmpty()) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = QStringLiteral("cannot remove %1").arg(path);
            return false;
        }
        return true;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    // The temporary file is made 0600 before the URL is written to it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(url.toUtf8() + '\n');
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace peanuts
