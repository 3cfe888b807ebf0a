// The "Actions" settings page: tables over the rules and forwards, the alert URL and the retry policy.
#include "pipelinepage.h"

#include "ingest/delivery.h"
#include "palette.h"
#include "pipeline/urlpolicy.h"
#include "receivercore.h"
#include "settingsform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace peanuts {

namespace {

// Rule ids and the rule as shown, kept on the name cell.
constexpr int kRuleIdRole = Qt::UserRole + 10;

struct OpName
{
    ConditionOp op;
    const char *text;
};
constexpr OpName kOps[] = {{ConditionOp::Greater, ">"}, {ConditionOp::GreaterOrEqual, ">="}, {ConditionOp::Less, "<"},
    {ConditionOp::LessOrEqual, "<="}, {ConditionOp::Equal, "=="}, {ConditionOp::NotEqual, "!="},
    {ConditionOp::Contains, QT_TRANSLATE_NOOP("peanuts::PipelinePage", "contains")},
    {ConditionOp::DueWithinDays, QT_TRANSLATE_NOOP("peanuts::PipelinePage", "due within days")}};

// The operator as the table shows it: the words translated, the symbols as they are.
QString shownOp(const OpName &o)
{
    return QCoreApplication::translate("peanuts::PipelinePage", o.text);
}

QString opText(ConditionOp op)
{
    for (const OpName &o : kOps)
        if (o.op == op)
            return shownOp(o);
    return QString();
}

// Also the English word, as a rule typed before the language changed has it.
std::optional<ConditionOp> opFromText(const QString &text)
{
    for (const OpName &o : kOps)
        if (text.trimmed() == shownOp(o) || text.trimmed() == QLatin1String(o.text))
            return o.op;
    return std::nullopt;
}

// The operator column edits through a list of the operators there are.
class OperatorDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        for (const OpName &o : kOps)
            combo->addItem(shownOp(o));
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        combo->setCurrentIndex(qMax(0, combo->findText(index.data().toString())));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentText());
    }
};

QStringList splitList(const QString &text)
{
    QStringList list;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            list.append(part.trimmed());
    return list;
}

QTableWidgetItem *checkItem(bool on)
{
    auto *item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    return item;
}

QString cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

bool checked(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item && item->checkState() == Qt::Checked;
}

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    return table;
}

// Add and Remove under a table; Remove takes the selected rows.
QHBoxLayout *rowButtons(QTableWidget *table, const QString &add, QWidget *parent, const std::function<void()> &onAdd)
{
    auto *buttons = new QHBoxLayout;
    auto *addButton = new QPushButton(add, parent);
    auto *remove = new QPushButton(QCoreApplication::translate("peanuts::PipelinePage", "Remove"), parent);
    QObject::connect(addButton, &QPushButton::clicked, parent, onAdd);
    QObject::connect(remove, &QPushButton::clicked, parent, [table] {
        QList<int> rows;
        for (const QModelIndex &index : table->selectionModel()->selectedRows())
            rows.append(index.row());
        std::sort(rows.begin(), rows.end(), std::greater<int>());
        for (int row : std::as_const(rows))
            table->removeRow(row);
    });
    buttons->addWidget(addButton);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    return buttons;
}

QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(errorColorName()));
    label->hide();
    return label;
}

} // namespace

PipelinePage::PipelinePage(ReceiverCore *core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
{
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(rulesGroup(), 2);
    layout->addWidget(forwardsGroup(), 1);
    layout->addWidget(alertGroup());
    layout->addWidget(retryGroup());
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    reload();
}

QWidget *PipelinePage::rulesGroup()
{
    auto *group = new QGroupBox(tr("Rules: when a delivery raises an alert"), this);
    auto *layout = new QVBoxLayout(group);
    m_rules = makeTable({tr("On"), tr("Name"), tr("Helper"), tr("Events"), tr("Field"), tr("Operator"),
                            tr("Value / days"), tr("Notification text"), tr("Post to URL")},
        group);
    m_rules->setObjectName(QStringLiteral("rules"));
    m_rules->setAccessibleName(tr("Rules"));
    m_rules->setItemDelegateForColumn(Operator, new OperatorDelegate(m_rules));
    m_rules->setMinimumHeight(150);
    layout->addWidget(m_rules, 1);
    layout->addWidget(settingsform::hint(
        tr("Helper: a command such as /expenses (empty: any). Events: comma-separated (empty: created and "
           "updated). Amounts compare exactly, in cents. “due within days” counts calendar days in the "
           "figures' time zone, overdue included. Texts are templates: {amount}, {due_date}, "
           "{data.FIELD}, {entry.id}, {event}, {helper.name}. Posts send {\"text\": …}, Slack-style."),
        group));
    layout->addLayout(rowButtons(m_rules, tr("Add rule"), group, [this] { addRule(); }));
    m_rulesError = errorLabel(group);
    m_rulesError->setObjectName(QStringLiteral("rulesError"));
    layout->addWidget(m_rulesError);
    m_rulesSaving = new QLabel(tr("Saving the rules in the team database…"), group);
    m_rulesSaving->setObjectName(QStringLiteral("rulesSaving"));
    m_rulesSaving->hide();
    layout->addWidget(m_rulesSaving);
    m_rulesBox = group;
    return group;
}

QWidget *PipelinePage::forwardsGroup()
{
    auto *group = new QGroupBox(tr("Forward deliveries to your own handler"), this);
    auto *layout = new QVBoxLayout(group);
    m_forwards = makeTable(
        {tr("URL"), tr("Events"), tr("Helpers"), tr("Also duplicates"), tr("Also stale"), tr("Also ignored")}, group);
    m_forwards->setObjectName(QStringLiteral("forwards"));
    m_forwards->setAccessibleName(tr("Forward targets"));
    m_forwards->horizontalHeader()->setStretchLastSection(false);
    m_forwards->horizontalHeader()->setSectionResizeMode(Url, QHeaderView::Stretch);
    m_forwards->setMinimumHeight(90);
    layout->addWidget(m_forwards, 1);
    layout->addWidget(settingsform::hint(
        tr("Each accepted delivery is posted byte for byte, re-signed with the forwarding secret under "
           "X-Peanuts-Signature, like stripe listen --forward-to. The handler's answer shows in the "
           "inspector. Empty events or helpers: all of them."),
        group));
    layout->addLayout(rowButtons(m_forwards, tr("Add forward"), group, [this] { addForward(); }));
    auto *secretRow = new QHBoxLayout;
    auto *secretLabel = new QLabel(tr("Forwarding secret:"), group);
    m_forwardSecret = new QLineEdit(group);
    m_forwardSecret->setObjectName(QStringLiteral("forwardSecret"));
    m_forwardSecret->setEchoMode(QLineEdit::Password);
    m_forwardSecret->setPlaceholderText(tr("a new secret for your handler; empty keeps the one in use"));
    secretLabel->setBuddy(m_forwardSecret);
    secretRow->addWidget(secretLabel);
    secretRow->addWidget(m_forwardSecret, 1);
    layout->addLayout(secretRow);
    m_forwardSecretSource = new QLabel(group);
    m_forwardSecretSource->setObjectName(QStringLiteral("forwardSecretSource"));
    m_forwardSecretSource->setWordWrap(true);
    layout->addWidget(m_forwardSecretSource);
    m_forwardsError = errorLabel(group);
    layout->addWidget(m_forwardsError);
    return group;
}

QWidget *PipelinePage::alertGroup()
{
    auto *group = new QGroupBox(tr("Alert URL"), this);
    auto *layout = new QVBoxLayout(group);
    m_alertCurrent = new QLabel(group);
    m_alertCurrent->setObjectName(QStringLiteral("alertCurrent"));
    m_alertCurrent->setWordWrap(true);
    layout->addWidget(m_alertCurrent);
    auto *row = new QHBoxLayout;
    m_alertUrl = new QLineEdit(group);
    m_alertUrl->setObjectName(QStringLiteral("alertUrl"));
    m_alertUrl->setEchoMode(QLineEdit::Password); // a Slack URL carries its secret in the path
    m_alertUrl->setPlaceholderText(tr("a new URL, e.g. https://hooks.slack.com/services/…"));
    m_clearAlert = new QCheckBox(tr("Remove the alert URL"), group);
    row->addWidget(m_alertUrl, 1);
    row->addWidget(m_clearAlert);
    layout->addLayout(row);
    layout->addWidget(settingsform::hint(
        tr("Every rule that fires and every failure alert posts {\"text\": …} here. It is kept like a "
           "secret (keychain or a file only you can read) and never shown or logged in full."),
        group));
    m_allowPrivate = new QCheckBox(tr("Allow private and local addresses for alert URLs"), group);
    layout->addWidget(m_allowPrivate);
    auto *warning = settingsform::hint(
        tr("Warning: with this on, a rule or alert URL can reach machines on your network and cloud "
           "metadata services (169.254.169.254). Leave it off unless your alert endpoint is one of "
           "yours on this network."),
        group);
    layout->addWidget(warning);
    m_alertError = errorLabel(group);
    m_alertError->setObjectName(QStringLiteral("alertError"));
    layout->addWidget(m_alertError);
    return group;
}

QWidget *PipelinePage::retryGroup()
{
    auto *group = new QGroupBox(tr("Retries"), this);
    auto *layout = new QHBoxLayout(group);
    m_attempts = new QSpinBox(group);
    m_attempts->setRange(1, 50);
    m_attempts->setObjectName(QStringLiteral("attempts"));
    m_baseDelay = new QSpinBox(group);
    m_baseDelay->setRange(1, 3600);
    m_baseDelay->setSuffix(tr(" s", "seconds"));
    m_timeout = new QSpinBox(group);
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(tr(" s", "seconds"));
    layout->addWidget(new QLabel(tr("Attempts"), group));
    layout->addWidget(m_attempts);
    layout->addWidget(new QLabel(tr("first retry after"), group));
    layout->addWidget(m_baseDelay);
    layout->addWidget(new QLabel(tr("(doubled each time, with jitter)   Timeout"), group));
    layout->addWidget(m_timeout);
    layout->addStretch(1);
    group->setToolTip(tr("After the last attempt an action becomes a dead letter, which you can retry "
                         "or discard from the status bar."));
    return group;
}

void PipelinePage::reload()
{
    const std::shared_ptr<const PipelineConfig> config = m_core->pipelineConfig();
    m_shownRules = config ? config->rules : RuleSet();
    m_shownForwards = config ? config->forwards : QList<ForwardTarget>();
    m_rules->setRowCount(0);
    for (const Rule &rule : std::as_const(m_shownRules.rules))
        addRuleRow(rule);
    m_rules->resizeColumnsToContents();
    m_forwards->setRowCount(0);
    for (const ForwardTarget &target : std::as_const(m_shownForwards))
        addForward(target);
    m_shownAllowPrivate = m_core->allowPrivateAlertUrls();
    m_allowPrivate->setChecked(m_shownAllowPrivate);
    m_alertUrl->clear();
    m_clearAlert->setChecked(false);
    showCurrentAlert();
    m_forwardSecret->clear();
    showForwardSecretSource();
    m_shownRetry = m_core->retryPolicy();
    m_attempts->setValue(m_shownRetry.maxAttempts);
    m_baseDelay->setValue(int(qMax<qint64>(1, m_shownRetry.baseDelayMs / 1000)));
    m_timeout->setValue(qMax(1, m_shownRetry.timeoutMs / 1000));
}

void PipelinePage::showCurrentAlert()
{
    const std::shared_ptr<const PipelineConfig> config = m_core->pipelineConfig();
    const QString url = config ? config->alertUrl : QString();
    m_clearAlert->setEnabled(!url.isEmpty());
    m_alertCurrent->setText(url.isEmpty()
            ? tr("No alert URL is set.")
            : tr("In use: %1 (type a new one below to replace it)").arg(redactedUrl(QUrl(url))));
}

void PipelinePage::showForwardSecretSource()
{
    const QString source = m_core->forwardSecretSource();
    m_forwardSecretSource->setText(source.isEmpty()
            ? tr("Nothing can sign forwards yet: type a forwarding secret, or add a receiving secret.")
            : tr("Forwards are signed with %1. A secret typed here is kept in the system keychain (or a "
                 "file only you can read) and is overridden by --forward-secret-file and "
                 "PEANUTS_FORWARD_SECRET.")
                  .arg(source));
}

void PipelinePage::addRuleRow(const Rule &rule)
{
    const int row = m_rules->rowCount();
    m_rules->insertRow(row);
    m_rules->setItem(row, On, checkItem(rule.enabled));
    auto *name = new QTableWidgetItem(rule.name);
    name->setData(kRuleIdRole, rule.id);
    m_rules->setItem(row, Name, name);
    m_rules->setItem(row, Helper, new QTableWidgetItem(rule.helper));
    m_rules->setItem(row, Events, new QTableWidgetItem(rule.events.join(QStringLiteral(", "))));
    m_rules->setItem(row, Field, new QTableWidgetItem(rule.condition.field));
    m_rules->setItem(row, Operator, new QTableWidgetItem(opText(rule.condition.op)));
    m_rules->setItem(row, Value,
        new QTableWidgetItem(rule.isDateRule() ? QString::number(rule.condition.days) : rule.condition.value));
    QString notify, post;
    for (const RuleAction &action : rule.actions) {
        if (action.type == RuleActionType::Notify && notify.isEmpty())
            notify = action.text;
        if (action.type == RuleActionType::Post && post.isEmpty())
            post = action.url;
    }
    m_rules->setItem(row, NotifyText, new QTableWidgetItem(notify));
    m_rules->setItem(row, PostUrl, new QTableWidgetItem(post));
}

void PipelinePage::addRule()
{
    // A fresh id that no row has.
    QSet<QString> ids;
    for (int row = 0; row < m_rules->rowCount(); ++row)
        ids.insert(m_rules->item(row, Name)->data(kRuleIdRole).toString());
    int n = m_rules->rowCount() + 1;
    while (ids.contains(QStringLiteral("rule-%1").arg(n)))
        ++n;
    Rule rule;
    rule.id = QStringLiteral("rule-%1").arg(n);
    rule.name = tr("New rule");
    rule.helper = QStringLiteral("/expenses");
    rule.condition.field = QStringLiteral("amount");
    rule.condition.value = QStringLiteral("100");
    rule.actions.append(RuleAction {RuleActionType::Notify, QString(), QString(), QStringLiteral("{amount}")});
    addRuleRow(rule);
    m_rules->setCurrentCell(m_rules->rowCount() - 1, Name);
}

void PipelinePage::addForward(const ForwardTarget &target)
{
    const int row = m_forwards->rowCount();
    m_forwards->insertRow(row);
    m_forwards->setItem(row, Url, new QTableWidgetItem(target.url));
    m_forwards->setItem(row, ForwardEvents, new QTableWidgetItem(target.events.join(QStringLiteral(", "))));
    m_forwards->setItem(row, Helpers, new QTableWidgetItem(target.helpers.join(QStringLiteral(", "))));
    m_forwards->setItem(row, Duplicates, checkItem(target.outcomeMask & (1u << int(Outcome::Duplicate))));
    m_forwards->setItem(row, Stale, checkItem(target.outcomeMask & (1u << int(Outcome::Stale))));
    m_forwards->setItem(row, Ignored, checkItem(target.outcomeMask & (1u << int(Outcome::Ignored))));
}

std::optional<RuleSet> PipelinePage::editedRules(QString *error) const
{
    RuleSet set;
    for (int row = 0; row < m_rules->rowCount(); ++row) {
        const QString id = m_rules->item(row, Name)->data(kRuleIdRole).toString();
        // What the table does not show (titles, further actions, the post's own text) is kept.
        Rule rule;
        for (const Rule &shown : m_shownRules.rules)
            if (shown.id == id)
                rule = shown;
        rule.id = id;
        rule.enabled = checked(m_rules, row, On);
        rule.name = cell(m_rules, row, Name);
        rule.helper = cell(m_rules, row, Helper);
        rule.events = splitList(cell(m_rules, row, Events));
        rule.condition.field = cell(m_rules, row, Field);
        const std::optional<ConditionOp> op = opFromText(cell(m_rules, row, Operator));
        if (!op) {
            *error = tr("Rule %1: “%2” is not an operator.").arg(row + 1).arg(cell(m_rules, row, Operator));
            return std::nullopt;
        }
        rule.condition.op = *op;
        const QString value = cell(m_rules, row, Value);
        if (rule.isDateRule()) {
            bool ok = false;
            rule.condition.days = value.toInt(&ok);
            if (!ok || rule.condition.days < 0) {
                *error = tr("Rule %1: “due within days” needs a number of days, not “%2”.").arg(row + 1).arg(value);
                return std::nullopt;
            }
            rule.condition.value.clear();
        } else {
            rule.condition.value = value;
            rule.condition.days = 0;
        }
        const QString notify = cell(m_rules, row, NotifyText);
        const QString url = cell(m_rules, row, PostUrl);
        QList<RuleAction> actions;
        bool notifyDone = false, postDone = false;
        for (RuleAction action : std::as_const(rule.actions)) {
            // The first of each kind is the one the table edits; an emptied cell removes it.
            if (action.type == RuleActionType::Notify && !notifyDone) {
                notifyDone = true;
                if (notify.isEmpty())
                    continue;
                action.text = notify;
            } else if (action.type == RuleActionType::Post && !postDone) {
                postDone = true;
                if (url.isEmpty())
                    continue;
                action.url = url;
            }
            actions.append(action);
        }
        if (!notifyDone && !notify.isEmpty())
            actions.append(RuleAction {RuleActionType::Notify, QString(), QString(), notify});
        if (!postDone && !url.isEmpty())
            actions.append(RuleAction {RuleActionType::Post, url, QString(),
                notify.isEmpty() ? rule.name + QStringLiteral(": {entry.id}") : notify});
        if (actions.isEmpty()) {
            *error = tr("Rule %1 (“%2”) needs a notification text or a URL to post to.").arg(row + 1).arg(rule.name);
            return std::nullopt;
        }
        rule.actions = actions;
        set.rules.append(rule);
    }
    return set;
}

QList<ForwardTarget> PipelinePage::editedForwards() const
{
    QList<ForwardTarget> targets;
    for (int row = 0; row < m_forwards->rowCount(); ++row) {
        ForwardTarget target;
        target.url = cell(m_forwards, row, Url);
        if (target.url.isEmpty())
            continue; // an added row left blank
        target.events = splitList(cell(m_forwards, row, ForwardEvents));
        target.helpers = splitList(cell(m_forwards, row, Helpers));
        target.outcomeMask = 1u << int(Outcome::Accepted);
        if (checked(m_forwards, row, Duplicates))
            target.outcomeMask |= 1u << int(Outcome::Duplicate);
        if (checked(m_forwards, row, Stale))
            target.outcomeMask |= 1u << int(Outcome::Stale);
        if (checked(m_forwards, row, Ignored))
            target.outcomeMask |= 1u << int(Outcome::Ignored);
        targets.append(target);
    }
    return targets;
}

RetryPolicy PipelinePage::editedRetry() const
{
    RetryPolicy policy = m_shownRetry;
    policy.maxAttempts = m_attempts->value();
    // Whole seconds on screen: a policy in milliseconds that rounds to the same stays as it was.
    if (m_baseDelay->value() != int(qMax<qint64>(1, m_shownRetry.baseDelayMs / 1000)))
        policy.baseDelayMs = qint64(m_baseDelay->value()) * 1000;
    if (m_timeout->value() != qMax(1, m_shownRetry.timeoutMs / 1000))
        policy.timeoutMs = m_timeout->value() * 1000;
    return policy;
}

} // namespace peanuts
