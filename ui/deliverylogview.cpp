// The payload log's widget: filter bar over the paged table, pinned to the newest row only while
// the user is there, with delete and redact for the selection.
#include "deliverylogview.h"

#include "deliverylogmodel.h"
#include "storeworker.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace peanuts {

DeliveryLogView::DeliveryLogView(StoreWorker *reader, StoreWorker *writer, QWidget *parent)
    : QWidget(parent)
    , m_model(new DeliveryLogModel(reader, this))
    , m_writer(writer)
{
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(QStringLiteral("Search raw bodies…  (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_event = new QComboBox(this);
    m_event->addItem(QStringLiteral("Any event"), QString());
    for (const char *e : {"entry.created", "entry.updated", "entry.deleted"})
        m_event->addItem(QString::fromLatin1(e), QString::fromLatin1(e));
    m_result = new QComboBox(this);
    m_result->addItem(QStringLiteral("Any result"), -1);
    m_result->addItem(QStringLiteral("Accepted"), int(Outcome::Accepted));
    m_result->addItem(QStringLiteral("Duplicate"), int(Outcome::Duplicate));
    m_result->addItem(QStringLiteral("Stale"), int(Outcome::Stale));
    m_result->addItem(QStringLiteral("Ignored"), int(Outcome::Ignored));
    m_result->addItem(QStringLiteral("Rejected"), -2);
    m_helper = new QComboBox(this);
    m_helper->setEditable(true);
    m_helper->addItem(QString());
    m_helper->lineEdit()->setPlaceholderText(QStringLiteral("Any helper"));
    m_helper->addItems({QStringLiteral("/expenses"), QStringLiteral("/tasks")});
    m_range = new QComboBox(this);
    m_range->addItem(QStringLiteral("All time"), 0);
    m_range->addItem(QStringLiteral("Last 15 minutes"), 15 * 60);
    m_range->addItem(QStringLiteral("Last hour"), 3600);
    m_range->addItem(QStringLiteral("Last 24 hours"), 86400);
    m_range->addItem(QStringLiteral("Last 7 days"), 7 * 86400);
    m_status = new QLabel(this);
    m_status->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 3);
    bar->addWidget(m_event, 1);
    bar->addWidget(m_result, 1);
    bar->addWidget(m_helper, 1);
    bar->addWidget(m_range, 1);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const int digit = m_table->fontMetrics().horizontalAdvance(u'0');
    header->resizeSection(DeliveryLogModel::ReceivedColumn, digit * 15);
    header->resizeSection(DeliveryLogModel::EventColumn, digit * 14);
    header->resizeSection(DeliveryLogModel::HelperColumn, digit * 15);
    header->resizeSection(DeliveryLogModel::EntryColumn, digit * 14);
    header->resizeSection(DeliveryLogModel::AmountColumn, digit * 10);
    header->resizeSection(DeliveryLogModel::CategoryColumn, digit * 12);
    header->resizeSection(DeliveryLogModel::ResultColumn, digit * 22);
    header->resizeSection(DeliveryLogModel::SizeColumn, digit * 10);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, [this] {
        DeliveryFilter filter;
        filter.text = m_search->text();
        filter.event = m_event->currentData().toString();
        const int result = m_result->currentData().toInt();
        if (result == -2)
            filter.outcomes
                = {Outcome::RejectedSize, Outcome::RejectedSignature, Outcome::RejectedShape, Outcome::Unavailable};
        else if (result >= 0)
            filter.outcomes = {Outcome(result)};
        filter.helper = m_helper->currentText().trimmed();
        const int seconds = m_range->currentData().toInt();
        if (seconds > 0)
            filter.fromMs = QDateTime::currentMSecsSinceEpoch() - qint64(seconds) * 1000;
        m_model->setFilter(filter);
    });
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_event, m_result, m_range})
        connect(box, &QComboBox::currentIndexChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_helper, &QComboBox::currentTextChanged, m_debounce, qOverload<>(&QTimer::start));

    connect(m_model, &DeliveryLogModel::filterApplied, this, [this](qint64 ms, qint64 rows) {
        m_status->setText(
            QStringLiteral("%1 deliveries · read in %2 ms").arg(QLocale::system().toString(rows)).arg(ms));
    });
    connect(m_model, &DeliveryLogModel::readFailed, this,
        [this](const QString &message) { m_status->setText(QStringLiteral("Cannot read the log: %1").arg(message)); });
    connect(writer, &StoreWorker::batchCommitted, m_model, &DeliveryLogModel::onBatchCommitted, Qt::QueuedConnection);

    // Pinned to the newest only while the user is there; otherwise the rows they read stay put.
    auto pinned = std::make_shared<bool>(true);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this,
        [this, pinned] { *pinned = m_table->verticalScrollBar()->value() == 0; });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this, pinned](const QModelIndex &, int first, int last) {
        QScrollBar *bar = m_table->verticalScrollBar();
        if (*pinned)
            bar->setValue(0);
        else
            bar->setValue(bar->value() + (last - first + 1));
        m_status->setText(QStringLiteral("%1 deliveries").arg(QLocale::system().toString(m_model->rowCount())));
    });

    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            Q_EMIT deliverySelected(current.isValid() ? m_model->idAt(current.row()) : 0);
        });
    // A row selected before its page arrived is announced once it has.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid() && current.row() >= from.row() && current.row() <= to.row())
            Q_EMIT deliverySelected(m_model->idAt(current.row()));
    });

    auto *remove = new QAction(QStringLiteral("Delete…"), this);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(remove, &QAction::triggered, this, &DeliveryLogView::deleteSelected);
    auto *redact = new QAction(QStringLiteral("Redact body…"), this);
    connect(redact, &QAction::triggered, this, &DeliveryLogView::redactSelected);
    m_table->addAction(remove);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this, remove, redact](const QPoint &at) {
        if (selectedIds().isEmpty())
            return;
        QMenu menu(this);
        menu.addAction(redact);
        menu.addAction(remove);
        menu.exec(m_table->viewport()->mapToGlobal(at));
    });
}

QList<qint64> DeliveryLogView::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        if (const qint64 id = m_model->idAt(index.row()))
            ids.append(id);
    }
    return ids;
}

void DeliveryLogView::changeSelected(bool redact)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const QString what = redact ? QStringLiteral("Redact the bodies of %1 delivery(ies)? Their headers, sizes and "
                                                 "outcomes stay; the bytes are gone for good.")
                                : QStringLiteral("Delete %1 delivery(ies) from the log? Counters and current entries "
                                                 "are kept.");
    if (m_confirm
        && QMessageBox::question(this, redact ? QStringLiteral("Redact bodies") : QStringLiteral("Delete deliveries"),
               what.arg(ids.size()))
            != QMessageBox::Yes)
        return;
    QPointer<DeliveryLogView> self(this);
    m_writer->read([self, ids, redact](Store &store) {
        const bool ok = redact ? store.redactDeliveries(ids) : store.deleteDeliveries(ids);
        const QString error = ok ? QString() : store.lastError();
        QMetaObject::invokeMethod(
            self,
            [self, error] {
                if (!self)
                    return;
                if (!error.isEmpty())
                    self->m_status->setText(QStringLiteral("Could not change the log: %1").arg(error));
                self->m_model->reload();
            },
            Qt::QueuedConnection);
    });
}

void DeliveryLogView::deleteSelected()
{
    changeSelected(false);
}

void DeliveryLogView::redactSelected()
{
    changeSelected(true);
}

} // namespace peanuts
