// The pipeline of one run: the rules and forwards in force (ActionPlanner), the dispatcher that
// carries out the outbox, the scheduled checks of date rules, and the rejected-deliveries alert. The
// receiver's core owns one; its setters save the configuration and put it in force at once (a team
// database's rules once the database has stored them).
#pragma once

#include "config/pipelineoptions.h"
#include "pipeline/clock.h"
#include "pipeline/failurewatch.h"
#include "pipeline/planner.h"

#include <QObject>

#include <QTimer>
#include <functional>
#include <memory>

namespace peanuts {

class Dispatcher;
class Notifier;
class Settings;
class StoreWorker;

class Pipeline : public QObject
{
    Q_OBJECT
public:
    explicit Pipeline(Clock *clock = &Clock::system(), QObject *parent = nullptr);
    ~Pipeline() override;
    Q_DISABLE_COPY_MOVE(Pipeline)

    // Loads the rules file: a bad one fails the start, naming the JSON path, before anything opens.
    bool loadRules(const PipelineOptions &options, QString *error);
    // Starts the dispatcher (pending actions of an earlier run resume) and the first date check.
    // firstSecret signs forwards when neither --forward-secret-file nor PEANUTS_FORWARD_SECRET is set.
    bool start(const PipelineOptions &options, const QTimeZone &zone, StoreWorker *writer, Notifier *notifier,
        const QByteArray &firstSecret, Settings *settings);
    void stop();

    ActionPlanner *planner() { return &m_planner; }
    Dispatcher *dispatcher() const { return m_dispatcher.get(); }
    FailureWatch *failures() { return &m_failures; }
    const PipelineOptions &options() const { return m_options; }

    // Thread-safe (the writer calls it with the actions a batch wrote); nothing once stopped.
    void handOver(QList<OutboxAction> actions);
    // Called on the HTTP thread for every refusal.
    void noteRejected(Outcome outcome, qint64 nowMs);

    // The date rules over the current entries, now (also run at start and every dueCheckMinutes).
    // More than kSummaryAbove fresh firings of one rule become one summary notification.
    void runDateCheck();
    static constexpr int kSummaryAbove = 3;

    // What saveRules() answers: empty when the rules were saved and are in force, else why not.
    using RulesSaved = std::function<void(const QString &error)>;
    // Checks the rules as the file is checked at start, and the address rules of their alert URLs, then
    // saves them: to the rules file, or in team mode (options().rulesInDatabase) as the team's document
    // on the writer's thread, which the caller never waits for. They are put in force once saved.
    // done(error) comes before saveRules() returns when the rules are refused or go to the file, and
    // later, through the caller's event loop, from the database; not at all when receiver is gone by
    // then (saved rules are put in force all the same).
    void saveRules(const RuleSet &rules, QObject *receiver, RulesSaved done);
    // Team mode: the rules are a document in the team's database. useRulesDocument() puts one in force
    // (checked as the file is).
    QByteArray rulesDocument() const;
    bool useRulesDocument(const QByteArray &document, QString *error);
    bool setForwardTargets(const QList<ForwardTarget> &targets, QString *error);
    bool setAlertUrl(const QString &url, bool allowPrivate, QString *error);
    void setRetryPolicy(const RetryPolicy &policy);
    // Re-reads the forwarding secret's sources (after the receiving secrets changed).
    void setFirstSecret(const QByteArray &firstSecret);
    // The forwarding secret saved from the window (keychain, or a file only the user can read): below
    // --forward-secret-file and PEANUTS_FORWARD_SECRET, above the first receiving secret.
    void setStoredForwardSecret(const QByteArray &secret);
    // Where the secret that signs forwards comes from, in words; empty when nothing can sign them.
    QString forwardSecretSource() const;
    // X-Peanuts-Signature for body under the secret that signs forwards ("Edit and resend" to a URL);
    // empty when nothing can sign.
    QByteArray signAsForward(QByteArrayView body) const;

Q_SIGNALS:
    void failureAlert(const QString &title, const QString &text);
    void failureAlertCleared();
    void changed();
    void dateCheckDone(int fresh);

private:
    void applyConfig();
    void applyDispatchConfig();
    // Why rules cannot be saved (empty: they can): the file's checks and the alert URLs' address rules.
    QString refusal(const RuleSet &rules) const;
    // Saved rules in force: the planner's, and a date check at once for a new date rule.
    void adoptRules(const RuleSet &rules);
    void raise(const FailureAlert &alert);
    void checkAlertEnded();
    struct Signing
    {
        QByteArray secret;
        QString source;
    };
    Signing forwardSigning() const;
    QByteArray forwardSecret() const { return forwardSigning().secret; }

    Clock *m_clock;
    PipelineOptions m_options;
    QTimeZone m_zone;
    RuleSet m_rules;
    quint64 m_run = 0; // counts stop(): a save answered after one is not put in force by a later run
    ActionPlanner m_planner;
    FailureWatch m_failures;
    StoreWorker *m_writer = nullptr;
    Settings *m_settings = nullptr;
    QByteArray m_firstSecret;
    QByteArray m_storedForwardSecret;
    std::unique_ptr<Dispatcher> m_dispatcher;
    QMutex m_dispatcherMutex; // handOver() against stop()
    QTimer m_dueTimer;
    QTimer m_alertTimer;
    bool m_alerting = false;
};

} // namespace peanuts
