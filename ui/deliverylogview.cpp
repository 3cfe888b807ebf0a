// The payload log's widget: a filter bar over the paged table, pinned to the newest row only while
// the user is there, with delete and redact of the selection done on the writer's thread.
#include "deliverylogview.h"

#include "deliverylogmodel.h"
#include "deliverylogwindow.h"
#include "receivercore.h"
#include "services/batchnotifier.h"
#include "services/maintenanceservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <tuple>

namespace peanuts {

namespace {

constexpr int kSearchDebounceMs = 250;
constexpr int kMaxHelpersListed = 100;
// The window moves once the top of the table comes this close to one of its ends.
constexpr int kWindowMargin = DeliveryLogWindow::kRows / 4;

// Outcomes of each entry of the result combo, as a bit set; 0 is any.
constexpr int bit(Outcome o)
{
    return 1 << int(o);
}

// Ctrl+F anywhere in the log focuses its search box. It is taken as a shortcut override rather
// than registered as a shortcut, so that a window-wide Find action (the main window has one) is
// not made ambiguous while the focus is in here, and still works everywhere else.
class FindKeyFilter : public QObject
{
public:
    FindKeyFilter(QLineEdit *search, QObject *parent)
        : QObject(parent)
        , m_search(search)
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
            return QObject::eventFilter(watched, event);
        auto *key = static_cast<QKeyEvent *>(event);
        if (!key->matches(QKeySequence::Find))
            return QObject::eventFilter(watched, event);
        if (event->type() == QEvent::ShortcutOverride) {
            m_search->setFocus(Qt::ShortcutFocusReason);
            m_search->selectAll();
        }
        event->accept();
        return true;
    }

private:
    QLineEdit *m_search;
};

// The text of an editable quick-filter combo, "" for its first item (Any).
QString comboFilter(const QComboBox *box)
{
    const QString text = box->currentText().trimmed();
    return text.compare(box->itemText(0), Qt::CaseInsensitive) == 0 ? QString() : text;
}

// "1 delivery", "2,400 deliveries": the one apart, so that the English source reads right without a
// translation; the other forms are the translation's plural forms.
QString deliveriesText(int count)
{
    return count == 1 ? QCoreApplication::translate("peanuts::DeliveryLogView", "1 delivery")
                      : QCoreApplication::translate("peanuts::DeliveryLogView", "%Ln deliveries", nullptr, count);
}

} // namespace

// The table tells the view about select all: it means every row of the log, not only the window's.
class DeliveryLogView::Table : public QTableView
{
public:
    Table(DeliveryLogView *view)
        : QTableView(view)
        , m_view(view)
    {
    }
    void selectAll() override
    {
        QTableView::selectAll();
        m_view->m_allSelected = selectionMode() == ExtendedSelection || selectionMode() == MultiSelection;
    }

private:
    DeliveryLogView *m_view;
};

DeliveryLogView::DeliveryLogView(ReceiverCore *core, QWidget *parent)
    : QWidget(parent)
    , m_model(new DeliveryLogModel(core->log(), this))
    , m_window(new DeliveryLogWindow(m_model, this))
    , m_maintenance(core->maintenance())
{

    m_search = new QLineEdit(this);
    m_search->setAccessibleName(tr("Search raw bodies"));
    m_search->setPlaceholderText(tr("Search raw bodies…"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Substring of the raw body, case-insensitive (Ctrl+F)"));

    m_event = new QComboBox(this);
    m_event->setEditable(true);
    m_event->setInsertPolicy(QComboBox::NoInsert);
    m_event->addItem(tr("Any"));
    // Event names as Peanuts sends them, matched against the stored event.
    m_event->addItems({QStringLiteral("entry.created"), QStringLiteral("entry.updated"),
        QStringLiteral("entry.deleted")}); // tr-lint: not text
    m_event->setToolTip(tr("Event type (any other type can be typed)"));

    m_result = new QComboBox(this);
    m_result->addItem(tr("Any"), 0);
    m_result->addItem(tr("Accepted"), bit(Outcome::Accepted));
    m_result->addItem(tr("Duplicate"), bit(Outcome::Duplicate));
    m_result->addItem(tr("Stale"), bit(Outcome::Stale));
    m_result->addItem(tr("Ignored"), bit(Outcome::Ignored));
    m_result->addItem(
        tr("Rejected"), bit(Outcome::RejectedSize) | bit(Outcome::RejectedSignature) | bit(Outcome::RejectedShape));
    m_result->addItem(tr("Unavailable"), bit(Outcome::Unavailable));
    m_result->setToolTip(tr("Result (Rejected: 401, 400 and 413)"));

    m_helper = new QComboBox(this);
    m_helper->setEditable(true);
    m_helper->setInsertPolicy(QComboBox::NoInsert);
    m_helper->addItem(tr("Any"));
    m_helper->setToolTip(tr("Helper name or command"));

    m_groupRetries = new QCheckBox(tr("Retries together"), this);
    m_groupRetries->setChecked(true);
    m_groupRetries->setToolTip(tr("A retry (the same bytes again) is not listed apart: its first "
                                  "attempt's row counts it, and the inspector lists every attempt. "
                                  "Applies while Result is Any."));

    m_range = new QComboBox(this);
    m_range->addItem(tr("All time"), 0);
    m_range->addItem(tr("Last 15 minutes"), 15 * 60);
    m_range->addItem(tr("Last hour"), 60 * 60);
    m_range->addItem(tr("Last 24 hours"), 24 * 60 * 60);
    m_range->addItem(tr("Last 7 days"), 7 * 24 * 60 * 60);

    m_status = new QLabel(this);
    QFont small = m_status->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_status->setFont(small);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    // Two rows: the search, the width of the log; the quick filters under it.
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_groupRetries);
    auto *bar = new QHBoxLayout;
    // Each box has a label: a screen reader reads a combo box's value as its name, and the label,
    // its buddy, as what it is ("Event", not "Any").
    for (const auto &[text, box, stretch] :
        {std::tuple {tr("&Event"), m_event, 2}, std::tuple {tr("Res&ult"), m_result, 1},
            std::tuple {tr("&Helper"), m_helper, 2}, std::tuple {tr("&When"), m_range, 1}}) {
        auto *label = new QLabel(text, this);
        label->setBuddy(box);
        bar->addWidget(label);
        bar->addWidget(box, stretch);
    }

    m_table = new Table(this);
    m_table->setModel(m_window);
    // The table's own bar spans the window; this one spans the log.
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll = new QScrollBar(Qt::Vertical, this);
    m_scroll->setObjectName(QStringLiteral("logScrollBar"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setCornerButtonEnabled(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    // Uniform row heights: the table never asks its rows for their size.
    QHeaderView *rows = m_table->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto width = [&](const QString &sample) { return metrics.horizontalAdvance(sample) + 16; };
    header->resizeSection(DeliveryLogModel::ReceivedColumn, width(QStringLiteral("2026-12-31 23:59:59")));
    header->resizeSection(DeliveryLogModel::EventColumn, width(QStringLiteral("entry.updated")));
    header->resizeSection(DeliveryLogModel::HelperColumn, width(QStringLiteral("Expense Tracker")));
    header->resizeSection(DeliveryLogModel::EntryColumn, width(QStringLiteral("entry-0000000")));
    header->resizeSection(DeliveryLogModel::AmountColumn, width(QStringLiteral("-1234567.89")));
    header->resizeSection(DeliveryLogModel::CategoryColumn, width(QStringLiteral("Groceries")));
    header->resizeSection(
        DeliveryLogModel::ResultColumn, width(QStringLiteral("rejected 401: signature matches no secret")));
    header->resizeSection(DeliveryLogModel::SizeColumn, width(QStringLiteral("1023.9 KB")));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(searchRow);
    layout->addLayout(bar);
    auto *tableRow = new QHBoxLayout;
    tableRow->setSpacing(0);
    tableRow->addWidget(m_table, 1);
    tableRow->addWidget(m_scroll);
    layout->addLayout(tableRow, 1);
    layout->addWidget(m_status);

    installEventFilter(new FindKeyFilter(m_search, this));

    // Typing waits for a pause; picking from a list applies at once.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    connect(m_debounce, &QTimer::timeout, this, &DeliveryLogView::applyFilter);
    const auto typed = [this] { m_debounce->start(kSearchDebounceMs); };
    const auto picked = [this] { m_debounce->start(0); };
    connect(m_search, &QLineEdit::textChanged, this, typed);
    for (QComboBox *box : {m_event, m_helper}) {
        connect(box, &QComboBox::currentTextChanged, this, typed);
        connect(box, &QComboBox::activated, this, picked);
    }
    for (QComboBox *box : {m_result, m_range})
        connect(box, &QComboBox::currentIndexChanged, this, picked);
    connect(m_groupRetries, &QCheckBox::toggled, this, picked);

    connect(m_model, &DeliveryLogModel::filterApplied, this, [this](qint64 elapsedMs, qint64) {
        m_filterMs = elapsedMs;
        updateStatus();
    });
    connect(m_model, &DeliveryLogModel::rowsArrived, this, &DeliveryLogView::updateStatus);
    connect(m_model, &DeliveryLogModel::readFailed, this, [this](const QString &message) {
        m_notice = tr("cannot read the log: %1").arg(message);
        updateStatus();
    });
    connect(core->batches(), &BatchNotifier::committed, m_model, &DeliveryLogModel::onBatchCommitted);
    applyFilter(); // the bar's own starting filter: retries together

    // Pinned to the newest only while the user is there; otherwise the rows they read stay put:
    // the window moves down the log with them, or (while it holds the whole log) the table scrolls.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        noteHelpers(first, last);
        updateBar();
    });
    connect(m_window, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_table->verticalScrollBar();
        m_wasAtTop = bar->value() == bar->minimum();
    });
    connect(m_window, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        if (first != 0 || m_wasAtTop)
            return;
        const int count = last - first + 1;
        const int step = m_table->verticalScrollMode() == QAbstractItemView::ScrollPerItem
            ? count
            : count * m_table->verticalHeader()->defaultSectionSize();
        // The table lays the new rows out later; the range grows now so that the position can
        // follow the rows the user was reading.
        QScrollBar *bar = m_table->verticalScrollBar();
        const QScopedValueRollback<bool> syncing(m_syncing, true);
        bar->setMaximum(bar->maximum() + step);
        bar->setValue(bar->value() + step);
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, &DeliveryLogView::tableScrolled);
    connect(m_table->verticalScrollBar(), &QScrollBar::rangeChanged, this, &DeliveryLogView::updateBar);
    connect(m_scroll, &QScrollBar::valueChanged, this, &DeliveryLogView::barMoved);
    connect(m_window, &QAbstractItemModel::layoutChanged, this, [this] {
        if (m_allSelected)
            selectWindow();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!m_syncing)
            m_allSelected = false;
    });

    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DeliveryLogView::announceCurrent);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        noteHelpers(from.row(), to.row());
        // A row made current before its page arrived is announced once it has.
        const QModelIndex current = m_table->selectionModel()->currentIndex();
        const int row = current.isValid() ? m_window->logRow(current.row()) : -1;
        if (current.isValid() && row >= from.row() && row <= to.row())
            announceCurrent();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // The table keeps its place in the log, as far as the new count allows.
        const int row = m_scroll->value();
        m_allSelected = false;
        updateBar();
        scrollToRow(row);
        noteHelpers(0, qMin(m_model->rowCount(), 2 * DeliveryLogModel::kPageSize) - 1);
        announceCurrent();
        updateStatus();
    });

    setUpActions();

    updateStatus();
    updateBar();
}

int DeliveryLogView::topRow() const
{
    // The scroll position: at the very end the table shows part of the row above it, too.
    return m_window->rowCount() > 0 ? m_window->logRow(m_table->verticalScrollBar()->value()) : -1;
}

void DeliveryLogView::tableScrolled()
{
    if (m_syncing)
        return;
    // Wheel, keys and the current row move the table within the window; near its ends the window
    // moves on, keeping the rows shown where they are.
    const QScrollBar *inner = m_table->verticalScrollBar();
    const int value = inner->value();
    const bool nearTop = value < kWindowMargin && m_window->top() > 0;
    const bool nearEnd = value + inner->pageStep() > m_window->rowCount() - kWindowMargin
        && m_window->top() + m_window->rowCount() < m_model->rowCount();
    if (nearTop || nearEnd)
        scrollToRow(m_window->logRow(value));
    else
        updateBar();
}

void DeliveryLogView::barMoved(int row)
{
    if (!m_syncing)
        scrollToRow(row);
}

void DeliveryLogView::scrollToRow(int row)
{
    const QScopedValueRollback<bool> syncing(m_syncing, true);
    row = qBound(0, row, qMax(0, m_model->rowCount() - 1));
    QScrollBar *inner = m_table->verticalScrollBar();
    const int within = row - m_window->top();
    if (within < 0 || within + inner->pageStep() > m_window->rowCount()
        || (within < kWindowMargin && m_window->top() > 0)
        || (within + inner->pageStep() > m_window->rowCount() - kWindowMargin
            && m_window->top() + m_window->rowCount() < m_model->rowCount())) {
        m_window->moveTo(row - DeliveryLogWindow::kRows / 2);
        m_table->doItemsLayout(); // the table's range, now rather than at the next paint
    }
    inner->setValue(row - m_window->top());
    updateBar();
}

void DeliveryLogView::updateBar()
{
    const QScopedValueRollback<bool> syncing(m_syncing, true);
    const QScrollBar *inner = m_table->verticalScrollBar();
    const int page = qMax(1, inner->pageStep());
    m_scroll->setPageStep(page);
    m_scroll->setSingleStep(inner->singleStep());
    // The rows that fit below the last top row are the table's own count: its range says it.
    m_scroll->setRange(0, qMax(0, m_model->rowCount() - m_window->rowCount() + inner->maximum()));
    m_scroll->setValue(m_window->top() + inner->value());
    m_scroll->setEnabled(m_scroll->maximum() > 0);
    m_window->setFollowNewest(m_scroll->value() == 0);
}

void DeliveryLogView::selectWindow()
{
    const QScopedValueRollback<bool> syncing(m_syncing, true);
    m_table->selectAll();
    m_allSelected = true;
}

void DeliveryLogView::selectRows(int first, int last)
{
    scrollToRow(first);
    const QScopedValueRollback<bool> syncing(m_syncing, true);
    m_allSelected = false;
    m_table->selectionModel()->select(
        QItemSelection(m_window->index(first - m_window->top(), 0), m_window->index(last - m_window->top(), 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void DeliveryLogView::applyFilter()
{
    m_debounce->stop();
    DeliveryFilter filter;
    filter.text = m_search->text();
    filter.event = comboFilter(m_event);
    filter.helper = comboFilter(m_helper);
    const int outcomes = m_result->currentData().toInt();
    for (int o = 0; o < int(Outcome::OutcomeCount); ++o) {
        if (outcomes & bit(Outcome(o)))
            filter.outcomes.append(Outcome(o));
    }
    // Asked for duplicates (or any one result), the user wants those rows themselves.
    filter.groupRetries = outcomes == 0 && m_groupRetries->isChecked();
    const int seconds = m_range->currentData().toInt();
    if (seconds > 0)
        filter.fromMs = QDateTime::currentMSecsSinceEpoch() - qint64(seconds) * 1000;
    // A time range is relative to now, so it is applied again even when unchanged.
    if (seconds == 0 && filter == m_model->filter())
        return;
    m_notice.clear();
    m_model->setFilter(filter);
}

void DeliveryLogView::updateStatus()
{
    QString text;
    if (m_filterMs < 0) {
        text = tr("Loading…");
    } else {
        const int rows = m_model->rowCount();
        text = tr("%1 · filtered in %2 ms").arg(deliveriesText(rows), QString::number(m_filterMs));
    }
    if (!m_notice.isEmpty())
        text = tr("%1 · %2", "status: the count, then a notice").arg(text, m_notice);
    m_status->setText(text);
}

void DeliveryLogView::noteHelpers(int firstRow, int lastRow)
{
    // Large ranges are whole-model refreshes of rows already seen as their pages arrived.
    if (firstRow < 0 || lastRow - firstRow > 2 * DeliveryLogModel::kPageSize
        || m_helpersSeen.size() >= kMaxHelpersListed)
        return;
    for (int row = firstRow; row <= lastRow; ++row) {
        const DeliveryRow *r = m_model->rowAt(row);
        if (!r)
            continue;
        for (const QString *name : {&r->helperName, &r->helperCommand}) {
            if (name->isEmpty() || m_helpersSeen.contains(*name))
                continue;
            m_helpersSeen.insert(*name);
            // Sorted after "Any"; inserting never changes the text being edited.
            int at = 1;
            while (at < m_helper->count() && m_helper->itemText(at).compare(*name, Qt::CaseInsensitive) < 0)
                ++at;
            m_helper->insertItem(at, *name);
        }
    }
}

void DeliveryLogView::announceCurrent()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const qint64 id = current.isValid() ? m_model->idAt(m_window->logRow(current.row())) : 0;
    if (current.isValid() && id == 0)
        return; // its page is on its way; announced when it arrives
    if (id == m_announcedId)
        return;
    m_announcedId = id;
    Q_EMIT deliverySelected(id);
}

QList<qint64> DeliveryLogView::selectedIds() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : std::as_const(rows)) {
        if (const qint64 id = m_model->idAt(m_window->logRow(row)))
            ids.append(id);
    }
    return ids;
}

qint64 DeliveryLogView::selectedRowCount() const
{
    return m_allSelected ? m_model->rowCount() : m_table->selectionModel()->selectedRows().size();
}

void DeliveryLogView::changeSelected(bool redact)
{
    if (!m_maintenance || !m_maintenance->isAvailable())
        return;
    // The selected rows of the log, merged into runs; loaded rows give their ids, runs of rows not
    // loaded are resolved on the writer against the model's snapshot (the positions the user sees).
    QList<QPair<int, int>> runs;
    if (m_allSelected && m_model->rowCount() > 0) {
        runs.append({0, m_model->rowCount() - 1});
    } else {
        const QItemSelection selection = m_table->selectionModel()->selection();
        for (const QItemSelectionRange &range : selection)
            runs.append({m_window->logRow(range.top()), m_window->logRow(range.bottom())});
    }
    std::sort(runs.begin(), runs.end());
    QList<QPair<int, int>> merged;
    for (const auto &run : std::as_const(runs)) {
        if (!merged.isEmpty() && run.first <= merged.last().second + 1)
            merged.last().second = qMax(merged.last().second, run.second);
        else
            merged.append(run);
    }
    QList<qint64> ids;
    QList<QPair<int, int>> unresolved; // (offset from the newest, count)
    qint64 total = 0;
    for (const auto &run : std::as_const(merged)) {
        total += run.second - run.first + 1;
        for (int row = run.first; row <= run.second; ++row) {
            if (const qint64 id = m_model->idAt(row)) {
                ids.append(id);
            } else if (!unresolved.isEmpty() && unresolved.last().first + unresolved.last().second == row) {
                ++unresolved.last().second;
            } else {
                unresolved.append({row, 1});
            }
        }
    }
    if (total == 0)
        return;

    const QString count = deliveriesText(total);
    if (m_confirm) {
        QMessageBox box(QMessageBox::Warning, redact ? tr("Redact bodies") : tr("Delete deliveries"),
            redact ? tr("Remove the body and headers of %1, with every copy of them: duplicate "
                        "deliveries, the entry's data and the search index? Size and result stay, and "
                        "the figures keep the amounts and categories. The bytes are gone for good; a "
                        "retry of the same delivery is stored without them.")
                         .arg(count)
                   : tr("Delete %1 from the log? Counters, figures and current entries are kept.").arg(count),
            QMessageBox::Yes | QMessageBox::Cancel, this);
        box.button(QMessageBox::Yes)->setText(redact ? tr("Redact") : tr("Delete"));
        box.setDefaultButton(QMessageBox::Cancel);
        if (box.exec() != QMessageBox::Yes)
            return;
    }

    DeliverySelection picked;
    picked.snapshot = m_model->snapshot();
    picked.ids = ids;
    picked.unresolved = unresolved;
    const auto done = [this, redact, count](const QString &error) {
        m_notice = error.isEmpty() ? (redact ? tr("redacted %1") : tr("deleted %1")).arg(count)
                                   : tr("could not change the log: %1").arg(error);
        updateStatus();
        m_model->reload();
    };
    if (redact)
        m_maintenance->redactDeliveries(this, picked, done);
    else
        m_maintenance->deleteDeliveries(this, picked, done);
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
