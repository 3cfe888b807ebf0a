// The settings dialog's "Actions" page: the rules (what raises an alert), the forward targets (the
// user's own handler), the alert URL (a secret: only its redacted form is ever shown) and the retry
// policy. Apply hands each edited part to the core, which checks, saves and puts it in force; a
// refused part keeps the last good one in force and says why under its own group.
#pragma once

#include "pipeline/planner.h"
#include "pipeline/retrypolicy.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace peanuts {

class ReceiverCore;

class PipelinePage : public QWidget
{
    Q_OBJECT
public:
    // Columns of the rules table.
    enum RuleColumn { On, Name, Helper, Events, Field, Operator, Value, NotifyText, PostUrl, RuleColumns };
    // Columns of the forwards table.
    enum ForwardColumn { Url, ForwardEvents, Helpers, Duplicates, Stale, Ignored, ForwardColumns };

    explicit PipelinePage(ReceiverCore *core, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(PipelinePage)

    // Applies what was edited since it was shown (or last applied). false with *error (and the
    // error shown under the group) when the core refused a part. Rules kept in a team database are
    // saved on the store's thread: until its answer, isSaving() is true and the rules group disabled,
    // saying so; then savingFinished() says how it went (the error under the group too).
    bool apply(QString *error);
    bool isSaving() const { return m_rulesSave != RulesSave::Idle; }
    // Shows the configuration in force again (after the core changed it).
    void reload();

    // What the tables say now; nullopt with *error when a row cannot be read (a day count that is not
    // a number, a rule with no action).
    std::optional<RuleSet> editedRules(QString *error) const;
    QList<ForwardTarget> editedForwards() const;

    QTableWidget *rulesTable() const { return m_rules; }
    QTableWidget *forwardsTable() const { return m_forwards; }
    QLineEdit *alertUrlEdit() const { return m_alertUrl; }
    QCheckBox *allowPrivate() const { return m_allowPrivate; }
    QSpinBox *attempts() const { return m_attempts; }
    QLabel *rulesError() const { return m_rulesError; }
    QLabel *alertError() const { return m_alertError; }
    QLabel *alertCurrent() const { return m_alertCurrent; }
    QLineEdit *forwardSecretEdit() const { return m_forwardSecret; }
    QLabel *forwardSecretSource() const { return m_forwardSecretSource; }
    QLabel *rulesSaving() const { return m_rulesSaving; }
    QWidget *rulesBox() const { return m_rulesBox; }
    void addRule();
    void addForward(const ForwardTarget &target = ForwardTarget());

Q_SIGNALS:
    // The answer to a save of the rules that was still to come when apply() returned: problem is empty
    // when they were saved and are in force, else what the rules' error label says.
    void savingFinished(const QString &problem);

private:
    QWidget *rulesGroup();
    QWidget *forwardsGroup();
    QWidget *alertGroup();
    QWidget *retryGroup();
    void addRuleRow(const Rule &rule);
    RetryPolicy editedRetry() const;
    void showCurrentAlert();
    void showForwardSecretSource();
    static void setError(QLabel *label, const QString &error);
    // The rules' part of apply(): the problem known at once, or empty (saved, or the answer to come).
    QString applyRules();
    void rulesAnswered(const RuleSet &rules, const QString &error);

    ReceiverCore *m_core;
    QWidget *m_rulesBox = nullptr;
    QTableWidget *m_rules = nullptr;
    QLabel *m_rulesError = nullptr;
    QLabel *m_rulesSaving = nullptr;
    // Asking: the core is asked (it may answer before it returns); Waiting: the answer is to come.
    enum class RulesSave { Idle, Asking, Waiting };
    RulesSave m_rulesSave = RulesSave::Idle;
    QTableWidget *m_forwards = nullptr;
    QLabel *m_forwardsError = nullptr;
    QLineEdit *m_forwardSecret = nullptr;
    QLabel *m_forwardSecretSource = nullptr;
    QLineEdit *m_alertUrl = nullptr;
    QLabel *m_alertCurrent = nullptr;
    QCheckBox *m_clearAlert = nullptr;
    QCheckBox *m_allowPrivate = nullptr;
    QLabel *m_alertError = nullptr;
    QSpinBox *m_attempts = nullptr;
    QSpinBox *m_baseDelay = nullptr;
    QSpinBox *m_timeout = nullptr;

    // What the page showed, so that only edited parts are applied; the rules by id keep what the
    // table does not show (titles, further actions).
    RuleSet m_shownRules;
    QList<ForwardTarget> m_shownForwards;
    bool m_shownAllowPrivate = false;
    RetryPolicy m_shownRetry;
};

} // namespace peanuts
