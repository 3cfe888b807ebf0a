// The compare dialog: two reads, one diff, two tables.
#include "diffdialog.h"

#include "diffmodel.h"
#include "palette.h"
#include "services/logservice.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace peanuts {

namespace {

QTableView *makeTable(DiffModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    model->setPalette(table->palette());
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideRight);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(DiffModel::PathColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(DiffModel::LeftColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(DiffModel::RightColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(DiffModel::ChangeColumn, QHeaderView::ResizeToContents);
    header->resizeSection(DiffModel::PathColumn, 200);
    return table;
}

QString counts(const DiffModel *model)
{
    return DiffDialog::tr(
        "%1 changed, %2 added, %3 removed, %4 the same", "counts of compared rows; a row is a header or a key")
        .arg(model->count(JsonChange::Kind::Changed))
        .arg(model->count(JsonChange::Kind::Added))
        .arg(model->count(JsonChange::Kind::Removed))
        .arg(model->count(JsonChange::Kind::Same));
}

QString describe(const Delivery &d)
{
    QString text
        = QStringLiteral("#%1 · %2 · %3")
              .arg(d.id)
              .arg(QDateTime::fromMSecsSinceEpoch(d.receivedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")))
              .arg(outcomeChip(d.outcome, d.status));
    if (d.event)
        text += QStringLiteral(" · %1 · %2").arg(d.event->event, d.event->entryId);
    return text;
}

} // namespace

DiffDialog::DiffDialog(LogService *log, qint64 leftId, qint64 rightId, QWidget *parent)
    : QDialog(parent)
    , m_leftId(std::min(leftId, rightId))
    , m_rightId(std::max(leftId, rightId))
    , m_headerModel(new DiffModel(tr("Header"), this))
    , m_bodyModel(new DiffModel(tr("Key"), this))
{
    setWindowTitle(tr("Compare deliveries #%1 and #%2").arg(m_leftId).arg(m_rightId));
    resize(1000, 680);

    m_leftLabel = new QLabel(tr("Left: #%1 …").arg(m_leftId), this);
    m_rightLabel = new QLabel(tr("Right: #%1 …").arg(m_rightId), this);
    for (QLabel *label : {m_leftLabel, m_rightLabel})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_showSame = new QCheckBox(tr("Show unchanged rows"), this);
    connect(m_showSame, &QCheckBox::toggled, this, [this](bool on) {
        m_headerModel->setShowSame(on);
        m_bodyModel->setShowSame(on);
    });

    m_headerTable = makeTable(m_headerModel, this);
    m_headerTable->setAccessibleName(tr("Headers compared"));
    m_bodyTable = makeTable(m_bodyModel, this);
    m_bodyTable->setAccessibleName(tr("Bodies compared"));
    m_bodyNote = new QLabel(this);
    m_bodyNote->setWordWrap(true);
    m_bodyNote->hide();

    auto *headers = new QGroupBox(tr("Headers"), this);
    auto *headersLayout = new QVBoxLayout(headers);
    headersLayout->addWidget(m_headerTable);
    auto *body = new QGroupBox(tr("Body"), this);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->addWidget(m_bodyNote);
    bodyLayout->addWidget(m_bodyTable);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(headers);
    splitter->addWidget(body);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);

    auto *sides = new QHBoxLayout;
    sides->addWidget(m_leftLabel, 1);
    sides->addWidget(m_rightLabel, 1);
    auto *options = new QHBoxLayout;
    options->addWidget(m_summary, 1);
    options->addWidget(m_showSame);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(sides);
    layout->addLayout(options);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    if (!log || !log->isAvailable()) {
        if (log)
            showError(tr("The receiver is not running: the deliveries cannot be read."));
        return;
    }
    m_summary->setText(tr("Reading both deliveries…"));
    log->delivery(this, m_leftId, [this](const std::optional<Delivery> &d) {
        m_left = d;
        arrived();
    });
    log->delivery(this, m_rightId, [this](const std::optional<Delivery> &d) {
        m_right = d;
        arrived();
    });
}

void DiffDialog::arrived()
{
    if (!m_left || !m_right)
        return;
    if (!*m_left && !*m_right)
        return showError(tr("Deliveries #%1 and #%2 are no longer in the database.").arg(m_leftId).arg(m_rightId));
    if (!*m_left || !*m_right)
        return showError(tr("Delivery #%1 is no longer in the database.").arg(*m_left ? m_rightId : m_leftId));
    showDiff(**m_left, **m_right);
}

void DiffDialog::showDiff(const Delivery &left, const Delivery &right)
{
    const DeliveryDiff diff = diffDeliveries(left, right);
    m_leftLabel->setText(tr("Left: %1").arg(describe(left)));
    m_rightLabel->setText(tr("Right: %1").arg(describe(right)));
    m_headerModel->setChanges(diff.headers);
    m_bodyModel->setChanges(diff.body);
    m_bodyNote->setText(diff.bodyNote);
    m_bodyNote->setVisible(!diff.bodyNote.isEmpty());
    m_summary->setText(tr("Headers: %1.  Body: %2.").arg(counts(m_headerModel), counts(m_bodyModel)));
    m_summary->setStyleSheet(QString());
    Q_EMIT ready();
}

void DiffDialog::showError(const QString &message)
{
    m_summary->setText(message);
    m_summary->setStyleSheet(QStringLiteral("color: %1").arg(errorColorName()));
    Q_EMIT ready();
}

QString DiffDialog::summaryText() const
{
    return m_summary->text();
}

QString DiffDialog::bodyNoteText() const
{
    return m_bodyNote->isVisible() || !m_bodyNote->text().isEmpty() ? m_bodyNote->text() : QString();
}

QString DiffDialog::sideText(bool left) const
{
    return (left ? m_leftLabel : m_rightLabel)->text();
}

} // namespace peanuts
