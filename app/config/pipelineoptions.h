// The pipeline's part of the command line and settings: the rules file, forward targets and their
// secret, the alert URL, retries, and the rejected-deliveries alert.
#pragma once

#include "pipeline/planner.h"
#include "pipeline/retrypolicy.h"

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace peanuts {

class Settings;

constexpr int kDefaultRejectAlertPerMinute = 20;
constexpr int kDefaultDueCheckMinutes = 60;

struct PipelineOptions
{
    QString rulesPath; // empty: rules.json beside the settings file
    QList<ForwardTarget> forwards; // --forward-to (with --forward-include, --forward-events, --forward-helpers)
    QString forwardSecretFile; // else PEANUTS_FORWARD_SECRET, else the first receiving secret
    QString alertUrl; // --alert-url, PEANUTS_ALERT_URL, or the 0600 file beside the settings
    bool allowPrivateAlertUrls = false;
    RetryPolicy retry;
    int rejectAlertPerMinute = kDefaultRejectAlertPerMinute; // 0: no alert
    int dueCheckMinutes = kDefaultDueCheckMinutes;
    QStringList warnings; // said at start (a secret on the command line)
    // Not an option: set by the core in team mode, where the rules are the team database's document
    // and Pipeline::saveRules() stores them there (on the writer's thread) instead of in rulesPath.
    bool rulesInDatabase = false;
};

// Adds the options to parser; parse() reads them after parser.parse(). parse returns an error
// sentence, or an empty string; it appends the long names of what was set to explicitlySet.
class PipelineCommandLine
{
public:
    PipelineCommandLine();
    void addTo(QCommandLineParser &parser) const;
    QString parse(const QCommandLineParser &parser, PipelineOptions &options, QStringList &explicitlySet) const;

private:
    QCommandLineOption m_rules, m_forwardTo, m_forwardInclude, m_forwardEvents, m_forwardHelpers, m_forwardSecretFile,
        m_alertUrl, m_allowPrivate, m_retryAttempts, m_retryBase, m_retryTimeout, m_rejectAlert, m_dueCheck;
};

// A whole number option within [min, max] into target, its long name added to explicitlySet; false
// with *error set when the value is not one. Untouched when the option is not given.
bool readWholeNumber(const QCommandLineParser &parser, const QCommandLineOption &option, qint64 min, qint64 max,
    qint64 *value, QStringList &explicitlySet, QString *error);
template<typename T>
bool readNumberOption(const QCommandLineParser &parser, const QCommandLineOption &option, qint64 min, qint64 max,
    T &target, QStringList &explicitlySet, QString *error)
{
    qint64 value = qint64(target);
    if (!readWholeNumber(parser, option, min, max, &value, explicitlySet, error))
        return false;
    target = T(value);
    return true;
}

// Fills what the command line left unset from settings and the alert URL's file.
void applyPipelineSettings(
    PipelineOptions &options, const QStringList &explicitlySet, const Settings &settings, const QString &settingsPath);

// Forward targets in settings: a JSON array of {"url", "events", "helpers", "outcomes": ["accepted", ...]}.
QString forwardTargetsToJson(const QList<ForwardTarget> &targets);
QList<ForwardTarget> forwardTargetsFromJson(const QString &json, QString *error);

// Beside the settings file: the rules file's default path, and the alert URL's 0600 file.
QString defaultRulesPath(const QString &settingsPath);
QString alertUrlFilePath(const QString &settingsPath);
bool saveAlertUrlFile(const QString &path, const QString &url, QString *error);

} // namespace peanuts
