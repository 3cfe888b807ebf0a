// A bounded, paged view of the deliveries table: counts and pages come from the reader's thread;
// new deliveries are fetched in coalesced steps and inserted at the top.
#include "deliverylogmodel.h"

#include "money.h"
#include "storeworker.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <QPointer>
#include <QTimer>

namespace peanuts {

namespace {

constexpr int kCoalesceMs = 100; // new rows show within ~100-200 ms of their commit

QString resultText(const DeliveryRow &row)
{
    switch (row.outcome) {
    case Outcome::Accepted:
        return QStringLiteral("accepted");
    case Outcome::Duplicate:
        return QStringLiteral("duplicate");
    case Outcome::Stale:
        return QStringLiteral("stale (older than applied)");
    case Outcome::Ignored:
        return QStringLiteral("ignored: unknown event");
    default:
        return QStringLiteral("rejected %1: %2").arg(row.status).arg(row.reason);
    }
}

// Two decimals always, in the log: 252.20 rather than 252.2.
QString moneyText(qint64 cents)
{
    const qint64 magnitude = cents < 0 ? -cents : cents;
    return QStringLiteral("%1%2.%3")
        .arg(cents < 0 ? QStringLiteral("-") : QString())
        .arg(magnitude / 100)
        .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

QString sizeText(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

DeliveryLogModel::DeliveryLogModel(StoreWorker *reader, QObject *parent)
    : QAbstractTableModel(parent)
    , m_reader(reader)
    , m_coalesce(new QTimer(this))
{
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(kCoalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &DeliveryLogModel::fetchNew);
    reload();
}

DeliveryLogModel::~DeliveryLogModel() = default;

int DeliveryLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rowCount);
}

int DeliveryLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeliveryLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ReceivedColumn:
        return QStringLiteral("Received");
    case EventColumn:
        return QStringLiteral("Event");
    case HelperColumn:
        return QStringLiteral("Helper");
    case EntryColumn:
        return QStringLiteral("Entry");
    case AmountColumn:
        return QStringLiteral("Amount");
    case CategoryColumn:
        return QStringLiteral("Category");
    case ResultColumn:
        return QStringLiteral("Result");
    case SizeColumn:
        return QStringLiteral("Size");
    default:
        return {};
    }
}

const DeliveryRow *DeliveryLogModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const int position = positionOf(row);
    const auto page = m_pages.constFind(position / kPageSize);
    if (page == m_pages.constEnd() || position % kPageSize >= page->size())
        return nullptr;
    return &page->at(position % kPageSize);
}

qint64 DeliveryLogModel::idAt(int row) const
{
    const DeliveryRow *r = rowAt(row);
    return r ? r->id : 0;
}

qint64 DeliveryLogModel::rowsHeld() const
{
    qint64 held = 0;
    for (const Page &page : std::as_const(m_pages))
        held += page.size();
    return held;
}

QVariant DeliveryLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeliveryRow *row = rowAt(index.row());
    if (!row) {
        requestPage(positionOf(index.row()) / kPageSize);
        if (role == Qt::DisplayRole && index.column() == ReceivedColumn)
            return QStringLiteral("…");
        return role == RowLoadedRole ? QVariant(false) : QVariant();
    }
    touch(positionOf(index.row()) / kPageSize);
    switch (role) {
    case IdRole:
        return row->id;
    case OutcomeRole:
        return int(row->outcome);
    case RowLoadedRole:
        return true;
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn && isRejected(row->outcome))
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (index.column() == ResultColumn && row->outcome != Outcome::Accepted)
            return QBrush(QColor(0xb2, 0x6a, 0x00));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AmountColumn || index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ReceivedColumn)
            return QDateTime::fromMSecsSinceEpoch(row->receivedMs).toString(Qt::ISODateWithMs);
        return index.column() == ResultColumn ? resultText(*row) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case ReceivedColumn: {
        // Today's deliveries show the time alone; the full date is in the tooltip.
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(row->receivedMs);
        return when.toString(when.date() == QDate::currentDate() ? QStringLiteral("HH:mm:ss.zzz")
                                                                 : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    case EventColumn:
        return row->event;
    case HelperColumn:
        return row->helperName.isEmpty() ? row->helperCommand : row->helperName;
    case EntryColumn:
        return row->entryId;
    case AmountColumn:
        return row->amountCents ? moneyText(*row->amountCents) : QString();
    case CategoryColumn:
        return row->category;
    case ResultColumn:
        return resultText(*row);
    case SizeColumn:
        return QString(sizeText(row->bodySize) + (row->redacted ? QStringLiteral(" (redacted)") : QString()));
    default:
        return {};
    }
}

DeliveryFilter DeliveryLogModel::snapshot() const
{
    DeliveryFilter f = m_filter;
    f.uptoId = m_newestId;
    return f;
}

void DeliveryLogModel::touch(int page) const
{
    if (!m_pageUse.isEmpty() && m_pageUse.constLast() == page)
        return;
    m_pageUse.removeOne(page);
    m_pageUse.append(page);
}

void DeliveryLogModel::requestPage(int page) const
{
    if (m_requested.contains(page) || m_resetting)
        return;
    m_requested.insert(page);
    const int first = page * kPageSize;
    const int last = qMin<int>(first + kPageSize, int(m_rowCount)) - 1;
    const int count = last - first + 1;
    if (count <= 0)
        return;
    // By key from a loaded neighbour when there is one; by offset only for a jump.
    const auto above = m_pages.constFind(page + 1);
    const auto below = m_pages.constFind(page - 1);
    enum class How { Before, After, Offset } how = How::Offset;
    qint64 key = 0;
    if (above != m_pages.constEnd() && !above->isEmpty()) {
        how = How::Before;
        key = above->constFirst().id;
    } else if (below != m_pages.constEnd() && below->size() == kPageSize) {
        how = How::After;
        key = below->constLast().id;
    }
    const qint64 offsetFromTop = m_rowCount - 1 - last;
    const DeliveryFilter filter = snapshot();
    const quint64 generation = m_generation;
    QPointer<const DeliveryLogModel> self(this);
    auto *mutableSelf = const_cast<DeliveryLogModel *>(this);
    m_reader->read([self, mutableSelf, filter, generation, page, how, key, count, offsetFromTop](Store &store) {
        std::optional<QList<DeliveryRow>> rows;
        if (how == How::Before)
            rows = store.deliveriesBefore(filter, key, count);
        else if (how == How::After)
            rows = store.deliveriesAfter(filter, key, count);
        else
            rows = store.deliveriesAt(filter, offsetFromTop, count);
        const QString error = rows ? QString() : store.lastError();
        QList<DeliveryRow> oldestFirst = rows.value_or(QList<DeliveryRow>());
        if (how != How::After)
            std::reverse(oldestFirst.begin(), oldestFirst.end());
        QMetaObject::invokeMethod(
            mutableSelf,
            [self, mutableSelf, generation, page, oldestFirst, error] {
                if (!self || generation != mutableSelf->m_generation)
                    return;
                mutableSelf->m_requested.remove(page);
                if (!error.isEmpty()) {
                    Q_EMIT mutableSelf->readFailed(error);
                    return;
                }
                mutableSelf->m_rowsRead += oldestFirst.size();
                mutableSelf->m_pages.insert(page, oldestFirst);
                mutableSelf->touch(page);
                // Evict the least recently used pages, never the one just read.
                while (mutableSelf->m_pages.size() > kMaxPages && mutableSelf->m_pageUse.size() > 1) {
                    const int victim = mutableSelf->m_pageUse.takeFirst();
                    mutableSelf->m_pages.remove(victim);
                }
                const int firstRow
                    = qMax(0, int(mutableSelf->m_rowCount) - 1 - (page * kPageSize + int(oldestFirst.size()) - 1));
                const int lastRow = int(mutableSelf->m_rowCount) - 1 - page * kPageSize;
                if (firstRow <= lastRow && lastRow >= 0)
                    Q_EMIT mutableSelf->dataChanged(
                        mutableSelf->index(firstRow, 0), mutableSelf->index(lastRow, ColumnCount - 1));
            },
            Qt::QueuedConnection);
    });
}

void DeliveryLogModel::setFilter(const DeliveryFilter &filter)
{
    m_filter = filter;
    m_filter.afterId = 0;
    m_filter.uptoId = std::numeric_limits<qint64>::max();
    reload();
}

void DeliveryLogModel::reload()
{
    ++m_generation;
    m_resetting = true;
    m_filterTimer.start();
    const DeliveryFilter filter = m_filter;
    const quint64 generation = m_generation;
    QPointer<DeliveryLogModel> self(this);
    m_reader->read([self, filter, generation](Store &store) {
        // The snapshot: the newest id now, the count up to it, and the newest page.
        const auto newest = store.deliveriesBefore(DeliveryFilter(), std::numeric_limits<qint64>::max(), 1);
        const qint64 newestId = newest && !newest->isEmpty() ? newest->constFirst().id : 0;
        DeliveryFilter snap = filter;
        snap.uptoId = newestId;
        const auto count = store.countDeliveries(snap);
        const qint64 rowCount = count.value_or(0);
        const int topPage = rowCount > 0 ? int((rowCount - 1) / kPageSize) : 0;
        const int topCount = int(rowCount - qint64(topPage) * kPageSize);
        auto rows = rowCount > 0 ? store.deliveriesAt(snap, 0, topCount)
                                 : std::optional<QList<DeliveryRow>>(QList<DeliveryRow>());
        const QString error = count && rows ? QString() : store.lastError();
        QList<DeliveryRow> oldestFirst = rows.value_or(QList<DeliveryRow>());
        std::reverse(oldestFirst.begin(), oldestFirst.end());
        QMetaObject::invokeMethod(
            self,
            [self, generation, newestId, rowCount, topPage, oldestFirst, error] {
                if (!self || generation != self->m_generation)
                    return;
                self->beginResetModel();
                self->m_pages.clear();
                self->m_requested.clear();
                self->m_pageUse.clear();
                self->m_resetting = false;
                self->m_newestId = newestId;
                self->m_rowCount = error.isEmpty() ? qMin<qint64>(rowCount, std::numeric_limits<int>::max()) : 0;
                if (error.isEmpty() && rowCount > 0) {
                    self->m_pages.insert(topPage, oldestFirst);
                    self->m_pageUse.append(topPage);
                    self->m_rowsRead += oldestFirst.size();
                }
                self->endResetModel();
                if (!error.isEmpty())
                    Q_EMIT self->readFailed(error);
                Q_EMIT self->filterApplied(self->m_filterTimer.elapsed(), self->m_rowCount);
                if (self->m_pendingNewestId > self->m_newestId)
                    self->m_coalesce->start();
            },
            Qt::QueuedConnection);
    });
}

void DeliveryLogModel::setLive(bool live)
{
    m_live = live;
    if (live && m_pendingNewestId > m_newestId)
        m_coalesce->start();
}

void DeliveryLogModel::onBatchCommitted(const BatchSummary &summary)
{
    if (summary.ids.isEmpty())
        return;
    m_pendingNewestId = qMax(m_pendingNewestId, summary.ids.constLast());
    if (m_live && !m_coalesce->isActive() && !m_fetchingNew)
        m_coalesce->start();
}

void DeliveryLogModel::fetchNew()
{
    if (!m_live || m_fetchingNew || m_resetting || m_pendingNewestId <= m_newestId)
        return;
    m_fetchingNew = true;
    DeliveryFilter filter = m_filter;
    filter.afterId = m_newestId;
    filter.uptoId = m_pendingNewestId;
    const quint64 generation = m_generation;
    const qint64 uptoId = m_pendingNewestId;
    QPointer<DeliveryLogModel> self(this);
    m_reader->read([self, filter, generation, uptoId](Store &store) {
        const auto added = store.countDeliveries(filter);
        const auto rows = store.deliveriesBefore(filter, uptoId + 1, kPageSize);
        const qint64 count = added && rows ? *added : -1;
        const QList<DeliveryRow> newestFirst = rows.value_or(QList<DeliveryRow>());
        QMetaObject::invokeMethod(
            self,
            [self, generation, uptoId, count, newestFirst] {
                if (!self)
                    return;
                self->m_fetchingNew = false;
                if (generation == self->m_generation && count >= 0)
                    self->applyNew(uptoId, count, newestFirst);
                if (self->m_pendingNewestId > self->m_newestId)
                    self->m_coalesce->start();
            },
            Qt::QueuedConnection);
    });
}

void DeliveryLogModel::applyNew(qint64 uptoId, qint64 added, const QList<DeliveryRow> &newestFirst)
{
    m_newestId = uptoId;
    if (added <= 0)
        return;
    const int n = int(qMin<qint64>(added, std::numeric_limits<int>::max() - m_rowCount));
    beginInsertRows(QModelIndex(), 0, n - 1);
    m_rowCount += n;
    // The last n positions are new; the fetched rows are the newest of them. Append
    // them to the top page when it is contiguous, else start pages; what was not fetched is read
    // on demand.
    const qint64 firstFetched = m_rowCount - newestFirst.size();
    for (qsizetype i = newestFirst.size() - 1; i >= 0; --i) {
        const qint64 position = firstFetched + (newestFirst.size() - 1 - i);
        const int page = int(position / kPageSize);
        const int slot = int(position % kPageSize);
        auto it = m_pages.find(page);
        if (it == m_pages.end() && slot == 0)
            it = m_pages.insert(page, Page());
        if (it != m_pages.end() && it->size() == slot)
            it->append(newestFirst[i]);
        else if (it != m_pages.end())
            m_pages.erase(it); // not contiguous: read again when needed
    }
    endInsertRows();
    Q_EMIT rowsArrived(n);
}

} // namespace peanuts
