// The dialog over app/tools: the table's rows become entry.data in their order, each value read by
// the --set rule, so that what the window sends is what the command would send.
#include "senddialog.h"

#include "receivercore.h"
#include "tools/deliverysender.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace peanuts {

SendDialog::SendDialog(ReceiverCore *core, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_fixtures(builtInFixtures())
{
    setWindowTitle(tr("Send test delivery"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_fixture = new QComboBox(this);
    m_fixture->setAccessibleName(tr("Fixture"));
    for (const Fixture &fixture : std::as_const(m_fixtures)) {
        m_fixture->addItem(fixture.name, fixture.name);
        m_fixture->setItemData(m_fixture->count() - 1, fixture.description, Qt::ToolTipRole);
    }
    form->addRow(tr("Fixture:"), m_fixture);
    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    form->addRow(QString(), m_description);
    m_entryId = new QLineEdit(this);
    form->addRow(tr("Entry id:"), m_entryId);
    layout->addLayout(form);

    auto *hint
        = new QLabel(tr("Data fields. A value that is valid JSON (99.99, true, [\"a\"], \"007\") is sent as that JSON, "
                        "exactly as typed; anything else as text. {{now+1d}} and {{date+7d}} are filled in "
                        "when sent."),
            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_fields = new QTableWidget(0, 2, this);
    m_fields->setAccessibleName(tr("Data fields"));
    m_fields->setHorizontalHeaderLabels({tr("Field"), tr("Value")});
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_fields->verticalHeader()->hide();
    m_fields->setColumnWidth(0, 160);
    layout->addWidget(m_fields, 2);
    auto *rowButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add field"), this);
    auto *remove = new QPushButton(tr("Remove field"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow(QString(), QString());
        m_fields->editItem(m_fields->item(m_fields->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_fields->currentRow() >= 0)
            m_fields->removeRow(m_fields->currentRow());
    });
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch();
    layout->addLayout(rowButtons);

    layout->addWidget(new QLabel(tr("Answer:"), this));
    m_answer = new QPlainTextEdit(this);
    m_answer->setAccessibleName(tr("Answer"));
    m_answer->setReadOnly(true);
    m_answer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_answer->setPlaceholderText(tr("The receiver's answer shows here."));
    layout->addWidget(m_answer, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::ActionRole);
    m_send->setDefault(true);
    connect(m_send, &QPushButton::clicked, this, &SendDialog::send);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_fixture, &QComboBox::currentIndexChanged, this, &SendDialog::showFixture);
    showFixture();
    resize(640, 520);
}

SendDialog::~SendDialog() = default;

QString SendDialog::answerText() const
{
    return m_answer->toPlainText();
}

bool SendDialog::selectFixture(const QString &name)
{
    const int index = m_fixture->findData(name);
    if (index < 0)
        return false;
    m_fixture->setCurrentIndex(index);
    return true;
}

void SendDialog::addRow(const QString &key, const QString &value)
{
    const int row = m_fields->rowCount();
    m_fields->insertRow(row);
    m_fields->setItem(row, 0, new QTableWidgetItem(key));
    m_fields->setItem(row, 1, new QTableWidgetItem(value));
}

void SendDialog::setField(const QString &key, const QString &value)
{
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        if (m_fields->item(row, 0)->text() == key) {
            m_fields->item(row, 1)->setText(value);
            return;
        }
    }
    addRow(key, value);
}

void SendDialog::showFixture()
{
    const Fixture *fixture = findFixture(m_fixtures, m_fixture->currentData().toString());
    m_fields->setRowCount(0);
    if (!fixture)
        return;
    m_description->setText(fixture->description);
    m_entryId->setPlaceholderText(tr("%1-… (a new one for each send)").arg(fixture->entryIdBase));
    for (const auto &[key, value] : dataFieldsOf(fixture->body))
        addRow(key, value);
}

void SendDialog::send()
{
    const Fixture *fixture = findFixture(m_fixtures, m_fixture->currentData().toString());
    if (!fixture || (m_sender && m_sender->isRunning()))
        return;
    BodyOverrides overrides;
    overrides.replaceData = true;
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        const QString key = m_fields->item(row, 0)->text().trimmed();
        const QString value = m_fields->item(row, 1) ? m_fields->item(row, 1)->text() : QString();
        if (key.isEmpty() && value.isEmpty())
            continue;
        if (key.isEmpty()) {
            m_answer->setPlainText(tr("Row %1 has a value but no field name.").arg(row + 1));
            return;
        }
        overrides.data.append({key, jsonValueFromText(value)});
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString entryId = mockEntryId(m_entryId->text().trimmed(), *fixture, runSuffix(now), 0, 1);
    const BuiltBody built = buildMockBody(*fixture, overrides, entryId, now);
    if (!built.error.isEmpty()) {
        m_answer->setPlainText(tr("Not sent: %1").arg(built.error));
        return;
    }
    // Signed as the window always signed its test delivery: with the first configured secret.
    const std::optional<QByteArray> signature = m_core->verifier().signWithFirst(built.body);
    if (!signature) {
        m_answer->setPlainText(
            tr("Not sent: no webhook secret is configured. Add one in Settings: the delivery is signed "
               "with it, as Peanuts signs real ones."));
        return;
    }
    m_lastBody = built.body;
    delete m_sender;
    m_sender = new DeliverySender(localWebhookUrl(m_core->options().bindAddress, m_core->port()), this);
    connect(m_sender, &DeliverySender::answered, this,
        [this, entryId](int, const SendResult &result) { finish(result, entryId); });
    m_send->setEnabled(false);
    m_answer->setPlainText(tr("Sending entry %1…").arg(entryId));
    const OutgoingDelivery delivery {built.body, *signature};
    m_sender->start(1, [delivery](int) { return delivery; });
}

void SendDialog::finish(const SendResult &result, const QString &entryId)
{
    m_send->setEnabled(true);
    if (result.status)
        m_answer->setPlainText(tr("Entry %1: HTTP %2 in %3 ms\n%4\n\nSent:\n%5")
                                   .arg(entryId)
                                   .arg(result.status)
                                   .arg(result.latencyUs / 1000.0, 0, 'f', 1)
                                   .arg(QString::fromUtf8(result.answer), QString::fromUtf8(m_lastBody)));
    else
        m_answer->setPlainText(tr("Entry %1: no answer: %2").arg(entryId, result.error));
    Q_EMIT answered(result.status, result.status ? result.answer : result.error.toUtf8());
}

} // namespace peanuts
