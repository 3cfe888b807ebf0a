// The "Actions" settings page's Apply: each edited part handed to the core on its own. The rules may
// be answered later (a team database stores them on its own thread): meanwhile the rules group waits.
#include "pipelinepage.h"

#include "receivercore.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>

namespace peanuts {

void PipelinePage::setError(QLabel *label, const QString &error)
{
    label->setText(error);
    label->setVisible(!error.isEmpty());
}

QString PipelinePage::applyRules()
{
    if (isSaving())
        return QString(); // the rules group waits for the answer to the last save
    QString problem;
    const std::optional<RuleSet> rules = editedRules(&problem);
    if (!rules) {
        setError(m_rulesError, tr("Rules not saved: %1").arg(problem));
        return m_rulesError->text();
    }
    if (*rules == m_shownRules) {
        setError(m_rulesError, QString());
        return QString();
    }
    m_rulesSave = RulesSave::Asking;
    m_core->saveRules(*rules, this, [this, saved = *rules](const QString &error) { rulesAnswered(saved, error); });
    if (m_rulesSave == RulesSave::Asking) { // a team database's answer comes later
        m_rulesSave = RulesSave::Waiting;
        setError(m_rulesError, QString());
        m_rulesSaving->show();
        m_rulesBox->setEnabled(false);
        return QString();
    }
    return m_rulesError->text();
}

void PipelinePage::rulesAnswered(const RuleSet &rules, const QString &error)
{
    const bool late = m_rulesSave == RulesSave::Waiting;
    m_rulesSave = RulesSave::Idle;
    if (error.isEmpty())
        m_shownRules = rules;
    setError(m_rulesError, error.isEmpty() ? QString() : tr("Rules not saved: %1").arg(error));
    m_rulesSaving->hide();
    m_rulesBox->setEnabled(true);
    if (late)
        Q_EMIT savingFinished(m_rulesError->text());
}

bool PipelinePage::apply(QString *error)
{
    QStringList problems;
    // Each part on its own: a refused one leaves the others applied and its last good value in force.
    if (const QString rulesProblem = applyRules(); !rulesProblem.isEmpty())
        problems << rulesProblem;

    const QList<ForwardTarget> forwards = editedForwards();
    QString problem;
    if (forwards != m_shownForwards) {
        if (m_core->setForwardTargets(forwards, &problem))
            m_shownForwards = forwards;
    }
    const QByteArray secret = m_forwardSecret->text().trimmed().toUtf8();
    if (!secret.isEmpty()) {
        m_core->setStoredForwardSecret(secret);
        m_forwardSecret->clear();
    }
    showForwardSecretSource();
    setError(m_forwardsError, problem.isEmpty() ? QString() : tr("Forwards not saved: %1").arg(problem));
    if (!problem.isEmpty())
        problems << m_forwardsError->text();

    const QString typed = m_alertUrl->text().trimmed();
    const bool allow = m_allowPrivate->isChecked();
    problem.clear();
    if (!typed.isEmpty() || m_clearAlert->isChecked() || allow != m_shownAllowPrivate) {
        const std::shared_ptr<const PipelineConfig> config = m_core->pipelineConfig();
        const QString url = !typed.isEmpty() ? typed
            : m_clearAlert->isChecked()      ? QString()
            : config                         ? config->alertUrl
                                             : QString();
        if (m_core->setAlertUrl(url, allow, &problem)) {
            m_shownAllowPrivate = allow;
            m_alertUrl->clear();
            m_clearAlert->setChecked(false);
        }
        showCurrentAlert();
    }
    // The refused URL is not repeated: it may be a secret.
    setError(m_alertError, problem.isEmpty() ? QString() : tr("Alert URL not saved: %1").arg(problem));
    if (!problem.isEmpty())
        problems << m_alertError->text();

    const RetryPolicy retry = editedRetry();
    if (!(retry == m_shownRetry)) {
        m_core->setRetryPolicy(retry);
        m_shownRetry = retry;
    }
    if (error)
        *error = problems.join(u' ');
    return problems.isEmpty();
}

} // namespace peanuts
