// The window follows the log's signals: a reset starts it again where it was, rows inserted at the
// top go in only while it follows the newest rows (and push out as many at its bottom).
#include "deliverylogwindow.h"

#include "deliverylogmodel.h"

#include <utility>

namespace peanuts {

DeliveryLogWindow::DeliveryLogWindow(DeliveryLogModel *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    m_count = windowCount(0);
    connect(log, &QAbstractItemModel::modelAboutToBeReset, this, &DeliveryLogWindow::beginResetModel);
    connect(log, &QAbstractItemModel::modelReset, this, &DeliveryLogWindow::logReset);
    // Told before the log changes (what the window's own rows were is still readable then), and after.
    connect(log, &QAbstractItemModel::rowsAboutToBeInserted, this,
        [this](const QModelIndex &, int first, int last) { logRowsAboutToBeInserted(first, last); });
    connect(log, &QAbstractItemModel::rowsInserted, this, &DeliveryLogWindow::logRowsInserted);
    connect(log, &QAbstractItemModel::dataChanged, this, &DeliveryLogWindow::logDataChanged);
}

int DeliveryLogWindow::windowCount(int top) const
{
    return qBound(0, m_log->rowCount() - top, kRows);
}

int DeliveryLogWindow::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int DeliveryLogWindow::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_log->columnCount();
}

QVariant DeliveryLogWindow::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return m_log->data(m_log->index(m_top + index.row(), index.column()), role);
}

QVariant DeliveryLogWindow::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return {};
    return m_log->headerData(section, orientation, role);
}

void DeliveryLogWindow::moveTo(int top)
{
    top = qBound(0, top, qMax(0, m_log->rowCount() - kRows));
    if (top == m_top)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const int count = windowCount(top);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before) {
        const int row = index.row() + m_top - top;
        after.append(row >= 0 && row < count ? createIndex(row, index.column()) : QModelIndex());
    }
    m_top = top;
    m_count = count;
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void DeliveryLogWindow::logReset()
{
    // Where it was, within the new count: the view puts its scroll position back over it.
    m_top = qBound(0, m_top, qMax(0, m_log->rowCount() - kRows));
    m_count = windowCount(m_top);
    endResetModel();
}

void DeliveryLogWindow::logRowsAboutToBeInserted(int first, int last)
{
    m_inserting = 0;
    const int added = last - first + 1;
    if (first != 0 || added <= 0)
        return; // the log only inserts at the top
    // The window's row count changes only here and in a reset: while the log is shorter than the
    // window, the window starts at its top and holds all of it.
    if (m_top > 0 || (!m_followNewest && m_count + added > kRows)) {
        // The rows shown stay: they are further down the log now.
        m_shift = added;
        return;
    }
    m_inserting = qMin(added, kRows);
    beginInsertRows(QModelIndex(), 0, m_inserting - 1);
}

void DeliveryLogWindow::logRowsInserted()
{
    m_top += std::exchange(m_shift, 0);
    if (m_inserting == 0)
        return;
    m_count += std::exchange(m_inserting, 0);
    endInsertRows();
    if (m_count > kRows) {
        beginRemoveRows(QModelIndex(), kRows, m_count - 1);
        m_count = kRows;
        endRemoveRows();
    }
}

void DeliveryLogWindow::logDataChanged(const QModelIndex &from, const QModelIndex &to, const QList<int> &roles)
{
    const int first = qMax(from.row() - m_top, 0);
    const int last = qMin(to.row() - m_top, m_count - 1);
    if (first > last)
        return;
    Q_EMIT dataChanged(index(first, from.column()), index(last, to.column()), roles);
}

} // namespace peanuts
