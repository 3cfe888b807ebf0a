// The "Responses" settings page: a table of editors, one row per custom response, in the order the
// core tries them.
#include "responsespage.h"

#include "palette.h"
#include "receivercore.h"
#include "settingsform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace peanuts {

namespace {

const QStringList kEvents {
    QStringLiteral("entry.created"), QStringLiteral("entry.updated"), QStringLiteral("entry.deleted")};
const QStringList kHelpers {QStringLiteral("/expenses"), QStringLiteral("/tasks")};

// The word an event or helper cell shows for "every one".
QString anyChoice()
{
    return QCoreApplication::translate("peanuts::ResponsesPage", "any");
}

// "any" (or nothing) in an event or helper cell: the rule matches every one. The English word counts too,
// as it is the one the documentation gives.
QString matchText(const QComboBox *combo)
{
    const QString text = combo->currentText().trimmed();
    const bool any = text.compare(anyChoice(), Qt::CaseInsensitive) == 0
        || text.compare(QLatin1String("any"), Qt::CaseInsensitive) == 0;
    return any ? QString() : text;
}

QComboBox *choiceEdit(const QStringList &choices, const QString &value, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItem(anyChoice());
    combo->addItems(choices);
    combo->setCurrentText(value.isEmpty() ? anyChoice() : value);
    return combo;
}

QSpinBox *numberEdit(int minimum, int maximum, int value, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(minimum, maximum);
    spin->setValue(value);
    return spin;
}

// An earlier rule takes every delivery this one would match (whatever its percentage: the deliveries
// it leaves get the usual answer, not the next rule's).
bool covers(const CustomResponse &earlier, const CustomResponse &later)
{
    return (earlier.event.isEmpty() || earlier.event == later.event)
        && (earlier.helper.isEmpty() || earlier.helper == later.helper);
}

} // namespace

ResponsesPage::ResponsesPage(ReceiverCore *core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
{
    auto *layout = new QVBoxLayout(this);
    m_enabled = new QCheckBox(tr("Answer deliveries with custom responses"), this);
    m_enabled->setObjectName(QStringLiteral("responsesEnabled"));
    layout->addWidget(m_enabled);
    layout->addWidget(settingsform::hint(
        tr("To test how a sender retries: a verified delivery gets the answer of the first rule below "
           "that matches its event and helper, in this order; the first match wins. Deliveries no "
           "rule matches get the receiver's usual answer."),
        this));

    m_table = new QTableWidget(0, Columns, this);
    m_table->setObjectName(QStringLiteral("responseRules"));
    m_table->setAccessibleName(tr("Custom response rules, first match wins"));
    m_table->setHorizontalHeaderLabels(
        {tr("Event"), tr("Helper"), tr("Status"), tr("Percent"), tr("Delay"), tr("Body")});
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers); // the cells' own editors edit
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(150);
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add rule"), this);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_up = new QPushButton(tr("Move &up"), this);
    m_down = new QPushButton(tr("Move &down"), this);
    m_remove->setToolTip(tr("Remove the selected rule"));
    m_up->setToolTip(tr("Try the selected rule earlier"));
    m_down->setToolTip(tr("Try the selected rule later"));
    connect(m_add, &QPushButton::clicked, this, [this] { addRule(); });
    connect(m_remove, &QPushButton::clicked, this, &ResponsesPage::removeSelected);
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    for (QPushButton *button : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(button);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    layout->addWidget(settingsform::hint(
        tr("Event and helper: “any”, or one of them (a helper by its command, such as /expenses, or "
           "its name). Percent: of the deliveries the rule matches, how many get its answer; the others "
           "get the usual answer, not the next rule's. Delay: how long the answer waits after the "
           "commit, up to 60 s. Body: empty sends the usual body for a 2xx and a JSON error naming the "
           "simulation otherwise."),
        this));
    layout->addWidget(settingsform::hint(
        tr("Refusals (400, 401, 413, and 503 while there is no secret) are never changed: only "
           "deliveries that verified and parsed are matched. A 2xx still waits for the commit, and the "
           "delivery is stored and applied whatever the answer. Simulated failures are labelled in the "
           "log and the inspector and left out of the failure alerts."),
        this));

    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("responsesPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_preview);
    m_notSaved = new QLabel(tr("This run's custom responses came from --respond: what you apply here is "
                               "in force until the receiver stops, and is not saved."),
        this);
    m_notSaved->setObjectName(QStringLiteral("responsesNotSaved"));
    m_notSaved->setWordWrap(true);
    m_notSaved->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(toneText(OutcomeTone::Warning, palette())));
    m_notSaved->setVisible(m_core->options().explicitlySet.contains(QLatin1String("respond")));
    layout->addWidget(m_notSaved);

    connect(m_enabled, &QCheckBox::toggled, this, &ResponsesPage::updatePreview);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ResponsesPage::updateButtons);
    // Changed elsewhere (the window's "Turn off"): shown again unless edited here.
    connect(m_core, &ReceiverCore::customResponsesChanged, this, [this](const CustomResponses &responses) {
        if (responses != m_shown && edited() == m_shown)
            reload();
    });
    reload();
}

void ResponsesPage::reload()
{
    m_shown = m_core->customResponses();
    m_enabled->setChecked(m_shown.enabled);
    setRules(m_shown.rules);
    updateButtons();
    updatePreview();
}

CustomResponses ResponsesPage::edited() const
{
    CustomResponses responses;
    responses.enabled = m_enabled->isChecked();
    for (int row = 0; row < m_table->rowCount(); ++row)
        responses.rules.append(rowRule(row));
    return responses;
}

bool ResponsesPage::apply()
{
    const CustomResponses now = edited();
    if (now == m_shown)
        return false;
    m_shown = now;
    m_core->setCustomResponses(now);
    updatePreview();
    return true;
}

void ResponsesPage::addRule(const CustomResponse &rule)
{
    const int row = m_table->rowCount();
    insertRow(row, rule);
    selectRow(row);
    updatePreview();
}

void ResponsesPage::removeSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    renameRows();
    if (m_table->rowCount() > 0)
        selectRow(qMin(row, m_table->rowCount() - 1));
    updateButtons();
    updatePreview();
}

void ResponsesPage::moveSelected(int by)
{
    const int row = selectedRow();
    const int target = row + by;
    if (row < 0 || target < 0 || target >= m_table->rowCount())
        return;
    // The editors stay where they are; the two rules trade places in them.
    QList<CustomResponse> rules = edited().rules;
    rules.swapItemsAt(row, target);
    setRules(rules);
    selectRow(target);
    updatePreview();
}

QComboBox *ResponsesPage::eventEdit(int row) const
{
    return qobject_cast<QComboBox *>(m_table->cellWidget(row, Event));
}

QComboBox *ResponsesPage::helperEdit(int row) const
{
    return qobject_cast<QComboBox *>(m_table->cellWidget(row, Helper));
}

QSpinBox *ResponsesPage::statusEdit(int row) const
{
    return qobject_cast<QSpinBox *>(m_table->cellWidget(row, Status));
}

QSpinBox *ResponsesPage::percentEdit(int row) const
{
    return qobject_cast<QSpinBox *>(m_table->cellWidget(row, Percent));
}

QSpinBox *ResponsesPage::delayEdit(int row) const
{
    return qobject_cast<QSpinBox *>(m_table->cellWidget(row, Delay));
}

QLineEdit *ResponsesPage::bodyEdit(int row) const
{
    return qobject_cast<QLineEdit *>(m_table->cellWidget(row, Body));
}

void ResponsesPage::setRules(const QList<CustomResponse> &rules)
{
    // Rows that stay keep their editors (and the focus); only their values change.
    while (m_table->rowCount() > rules.size())
        m_table->removeRow(m_table->rowCount() - 1);
    for (int row = 0; row < rules.size(); ++row) {
        if (row >= m_table->rowCount()) {
            insertRow(row, rules[row]);
            continue;
        }
        const CustomResponse &rule = rules[row];
        eventEdit(row)->setCurrentText(rule.event.isEmpty() ? anyChoice() : rule.event);
        helperEdit(row)->setCurrentText(rule.helper.isEmpty() ? anyChoice() : rule.helper);
        statusEdit(row)->setValue(rule.status);
        percentEdit(row)->setValue(rule.percent);
        delayEdit(row)->setValue(rule.delayMs);
        bodyEdit(row)->setText(QString::fromUtf8(rule.body));
    }
}

void ResponsesPage::insertRow(int row, const CustomResponse &rule)
{
    m_table->insertRow(row);
    auto *event = choiceEdit(kEvents, rule.event, m_table);
    event->setToolTip(tr("The event this rule answers; any: every event"));
    auto *helper = choiceEdit(kHelpers, rule.helper, m_table);
    helper->setToolTip(tr("The helper this rule answers, by command or name; any: every helper"));
    auto *status = numberEdit(200, 599, rule.status, m_table);
    status->setToolTip(tr("The HTTP status answered, from 200 to 599"));
    auto *percent = numberEdit(1, 100, rule.percent, m_table);
    percent->setSuffix(tr("%", "percent suffix"));
    percent->setToolTip(tr("Of the deliveries this rule matches, how many get its answer"));
    auto *delay = numberEdit(0, kMaxResponseDelayMs, rule.delayMs, m_table);
    delay->setSuffix(tr(" ms", "milliseconds suffix"));
    delay->setSingleStep(500);
    delay->setToolTip(tr("How long the answer waits after the commit, up to 60,000 ms"));
    auto *body = new QLineEdit(QString::fromUtf8(rule.body), m_table);
    body->setToolTip(tr("What the answer says; empty: the receiver's usual body, or a JSON error naming "
                        "the simulation for a failure"));
    auto placeholder = [status, body] {
        body->setPlaceholderText(status->value() < 300 ? tr("the usual body") : tr("JSON error: simulated failure"));
    };
    placeholder();

    m_table->setCellWidget(row, Event, event);
    m_table->setCellWidget(row, Helper, helper);
    m_table->setCellWidget(row, Status, status);
    m_table->setCellWidget(row, Percent, percent);
    m_table->setCellWidget(row, Delay, delay);
    m_table->setCellWidget(row, Body, body);
    // (The view selects the row of the editor that takes the focus, for Remove and Move.)
    // Wide enough for what the editors can hold ("entry.created", "60000 ms"), the same in every row;
    // the body takes the rest.
    for (int column = Event; column < Body; ++column) {
        const QWidget *editor = m_table->cellWidget(row, column);
        m_table->setColumnWidth(
            column, std::max(editor->sizeHint().width(), m_table->horizontalHeader()->sectionSizeHint(column)));
    }

    connect(event, &QComboBox::currentTextChanged, this, &ResponsesPage::updatePreview);
    connect(helper, &QComboBox::currentTextChanged, this, &ResponsesPage::updatePreview);
    for (QSpinBox *spin : {status, percent, delay})
        connect(spin, &QSpinBox::valueChanged, this, &ResponsesPage::updatePreview);
    connect(status, &QSpinBox::valueChanged, body, placeholder);
    connect(body, &QLineEdit::textChanged, this, &ResponsesPage::updatePreview);
    renameRows();
}

CustomResponse ResponsesPage::rowRule(int row) const
{
    CustomResponse rule;
    rule.event = matchText(eventEdit(row));
    rule.helper = matchText(helperEdit(row));
    rule.status = statusEdit(row)->value();
    rule.percent = percentEdit(row)->value();
    rule.delayMs = delayEdit(row)->value();
    rule.body = bodyEdit(row)->text().toUtf8();
    return rule;
}

int ResponsesPage::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

void ResponsesPage::selectRow(int row)
{
    m_table->selectRow(row);
    updateButtons();
}

void ResponsesPage::renameRows()
{
    // Screen readers hear which rule an editor belongs to, and rows move.
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const int rule = row + 1;
        eventEdit(row)->setAccessibleName(tr("Rule %1 event").arg(rule));
        helperEdit(row)->setAccessibleName(tr("Rule %1 helper").arg(rule));
        statusEdit(row)->setAccessibleName(tr("Rule %1 status").arg(rule));
        percentEdit(row)->setAccessibleName(tr("Rule %1 percent of matching deliveries").arg(rule));
        delayEdit(row)->setAccessibleName(tr("Rule %1 delay in milliseconds").arg(rule));
        bodyEdit(row)->setAccessibleName(tr("Rule %1 body").arg(rule));
    }
}

void ResponsesPage::updateButtons()
{
    const int row = selectedRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < m_table->rowCount() - 1);
}

void ResponsesPage::updatePreview()
{
    const CustomResponses now = edited();
    const QString state = now.active() ? now.summary()
        : now.enabled                  ? tr("on, but with no rules: deliveries get the receiver's usual answers.")
                                       : tr("off: deliveries get the receiver's usual answers.");
    QString text = (now == m_shown ? tr("In force: %1") : tr("After Apply: %1")).arg(state);
    QStringList warnings;
    for (int i = 0; i < now.rules.size(); ++i) {
        const CustomResponse &rule = now.rules[i];
        if (!rule.event.isEmpty() && !kEvents.contains(rule.event))
            warnings += tr("Rule %1: Peanuts sends %2; “%3” matches only an event of exactly that name.")
                            .arg(i + 1)
                            .arg(kEvents.join(QStringLiteral(", ")), rule.event);
        for (int earlier = 0; earlier < i; ++earlier) {
            if (covers(now.rules[earlier], rule)) {
                warnings += tr("Rule %1 is never used: rule %2 comes first and matches every delivery it "
                               "would.")
                                .arg(i + 1)
                                .arg(earlier + 1);
                break;
            }
        }
    }
    if (!warnings.isEmpty())
        text += u'\n' + warnings.join(u'\n');
    m_preview->setText(text);
}

} // namespace peanuts
