// A bounded, paged window onto the deliveries table: counts and pages are read on the reader's
// thread, by key from a loaded neighbour; new deliveries arrive in coalesced inserts at the top.
#include "deliverylogmodel.h"

#include "deliverylogrows.h"

#include "services/logservice.h"

#include <QTimer>

#include <algorithm>
#include <limits>

namespace peanuts {

namespace {

// At most ten inserts a second whatever the ingest rate, and an isolated delivery shows at once.
constexpr int kMinFetchIntervalMs = 100;
// While the scroll bar is dragged only the latest positions matter: older waiting reads are dropped.
constexpr int kMaxReadsQueued = 6;
// Rows of a page nearest its held neighbour that do not read ahead yet (more than a screen).
constexpr int kPrefetchMargin = 50;

} // namespace

DeliveryLogModel::DeliveryLogModel(LogService *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
    , m_coalesce(new QTimer(this))
{
    m_coalesce->setSingleShot(true);
    connect(m_coalesce, &QTimer::timeout, this, &DeliveryLogModel::fetchNew);
    startReload(false);
}

DeliveryLogModel::~DeliveryLogModel()
{
    cancelReads(); // reads still queued are skipped; answers still coming are dropped (askStore)
}

bool DeliveryLogModel::canRead() const
{
    return m_log && m_log->isAvailable();
}

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
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == AmountColumn || section == SizeColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                                : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ReceivedColumn:
        return tr("Received");
    case EventColumn:
        return tr("Event");
    case HelperColumn:
        return tr("Helper");
    case EntryColumn:
        return tr("Entry");
    case AmountColumn:
        return tr("Amount");
    case CategoryColumn:
        return tr("Category");
    case ResultColumn:
        return tr("Result");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

int DeliveryLogModel::rowsInPage(int page) const
{
    const qint64 first = qint64(page) * kPageSize;
    if (page < 0 || first >= m_rowCount)
        return 0;
    return int(qMin<qint64>(kPageSize, m_rowCount - first));
}

const DeliveryRow *DeliveryLogModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const qint64 position = positionOf(row);
    const auto page = m_pages.constFind(int(position / kPageSize));
    const qsizetype slot = qsizetype(position % kPageSize);
    if (page == m_pages.cend() || slot >= page->rows.size())
        return nullptr;
    return &page->rows.at(slot);
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
        held += page.rows.size();
    return held;
}

QVariant DeliveryLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 position = positionOf(index.row());
    const int page = int(position / kPageSize);
    const DeliveryRow *row = rowAt(index.row());
    if (!row) {
        handedOut(page);
        requestPage(page);
        if (role == RowLoadedRole)
            return false;
        if (role == Qt::DisplayRole && index.column() == ReceivedColumn)
            return QStringLiteral("…");
        return {};
    }
    touch(page);
    if (m_pages.constFind(page)->stale) {
        handedOut(page);
        requestPage(page);
    }
    prefetchAround(position);

    switch (role) {
    case IdRole:
        return row->id;
    case OutcomeRole:
        return int(row->outcome);
    case RowLoadedRole:
        return true;
    default:
        return deliveryRowData(*row, index.column(), role);
    }
}

DeliveryFilter DeliveryLogModel::snapshot() const
{
    DeliveryFilter f = m_filter;
    f.afterId = 0;
    f.uptoId = m_newestId;
    return f;
}

void DeliveryLogModel::touch(int page) const
{
    const auto it = m_pages.find(page);
    if (it != m_pages.end())
        it->lastUse = ++m_useClock;
}

void DeliveryLogModel::prefetchAround(qint64 position) const
{
    // The next page in the direction the view moves (away from a held neighbour) is read well
    // before the view reaches it. A jump has no held neighbour, and a screen that straddles two
    // pages stays within the margins: either reads just what it shows.
    const int page = int(position / kPageSize);
    const int slot = int(position % kPageSize);
    if (slot < kPageSize - kPrefetchMargin && page > 0 && !m_pages.contains(page - 1) && m_pages.contains(page + 1))
        requestPage(page - 1);
    else if (slot >= kPrefetchMargin && rowsInPage(page + 1) > 0 && !m_pages.contains(page + 1)
        && m_pages.contains(page - 1))
        requestPage(page + 1);
}

void DeliveryLogModel::requestPage(int page) const
{
    if (m_resetting || m_reads.contains(page))
        return;
    const int wanted = rowsInPage(page);
    if (wanted <= 0)
        return;
    auto *self = const_cast<DeliveryLogModel *>(this);
    const auto held = m_pages.constFind(page);
    if (held != m_pages.cend() && !held->rows.isEmpty()) {
        if (held->stale) {
            // Re-read in place by its own key range, without moving anything.
            self->startRead(page, ReadKind::Refresh, held->rows.constLast().id + 1, 0, int(held->rows.size()));
        } else if (!held->shortRead && held->rows.size() < wanted) {
            // The newest page grew with live rows that were not fetched with the insert.
            self->startRead(page, ReadKind::Extend, held->rows.constLast().id, 0, wanted - int(held->rows.size()),
                int(held->rows.size()));
        }
        return;
    }
    if (held != m_pages.cend())
        return; // a short read that came back empty: the recount will replace it
    // By key from a loaded neighbour (sequential scrolling); by offset only for a jump.
    const auto newer = m_pages.constFind(page + 1);
    if (newer != m_pages.cend() && !newer->rows.isEmpty() && !newer->shortRead) {
        self->startRead(page, ReadKind::Before, newer->rows.constFirst().id, 0, wanted);
        return;
    }
    const auto older = m_pages.constFind(page - 1);
    if (older != m_pages.cend() && older->rows.size() == kPageSize && !older->shortRead) {
        self->startRead(page, ReadKind::After, older->rows.constLast().id, 0, wanted);
        return;
    }
    const qint64 offsetFromNewest = m_rowCount - (qint64(page) * kPageSize + wanted);
    self->startRead(page, ReadKind::Offset, 0, offsetFromNewest, wanted);
}

void DeliveryLogModel::startRead(int page, ReadKind kind, qint64 key, qint64 offset, int count, int heldBefore)
{
    if (!canRead() || count <= 0)
        return;
    if (m_reads.size() >= kMaxReadsQueued) {
        auto oldest = m_reads.begin();
        for (auto it = m_reads.begin(); it != m_reads.end(); ++it) {
            if (it->serial < oldest->serial)
                oldest = it;
        }
        oldest->cancelled->store(true);
        m_reads.erase(oldest);
    }
    Read read;
    read.serial = ++m_serial;
    read.cancelled = std::make_shared<std::atomic_bool>(false);
    read.heldBefore = heldBefore;
    m_reads.insert(page, read);

    PageReply reply;
    reply.generation = m_generation;
    reply.serial = read.serial;
    reply.page = page;
    reply.kind = kind;
    reply.asked = count;
    DeliveryFilter filter = snapshot();
    // A read below a key already lies inside the snapshot. Left in, the snapshot's bound would be a
    // second upper bound on the id, and SQLite ranges on the first one: it would walk down from the
    // newest row to the key, a cost growing with the depth of the page.
    if (kind == ReadKind::Before || kind == ReadKind::Refresh)
        filter.uptoId = std::numeric_limits<qint64>::max();
    const LogKey by = kind == ReadKind::Offset                ? LogKey::At
        : kind == ReadKind::After || kind == ReadKind::Extend ? LogKey::After
                                                              : LogKey::Before;
    m_log->rows(this, by, filter, by == LogKey::At ? offset : key, count, read.cancelled,
        [this, reply](const LogRows &rows) mutable {
            if (!rows.ok) {
                reply.error = rows.error;
            } else {
                reply.oldestFirst = rows.rows;
                if (reply.kind != ReadKind::After && reply.kind != ReadKind::Extend)
                    std::reverse(reply.oldestFirst.begin(), reply.oldestFirst.end());
            }
            pageRead(reply);
        });
}

void DeliveryLogModel::pageRead(const PageReply &reply)
{
    m_rowsRead += reply.oldestFirst.size();
    const auto read = m_reads.constFind(reply.page);
    if (read == m_reads.cend() || read->serial != reply.serial)
        return; // dropped while it ran, or asked again since
    const int heldBefore = read->heldBefore;
    m_reads.erase(read);
    if (reply.generation != m_generation)
        return;
    if (!reply.error.isEmpty()) {
        Q_EMIT readFailed(reply.error);
        return;
    }
    const bool shortRead = reply.oldestFirst.size() < reply.asked;
    if (reply.kind == ReadKind::Extend) {
        const auto held = m_pages.find(reply.page);
        if (held == m_pages.end() || held->rows.size() != heldBefore)
            return; // the page changed meanwhile; it is asked for again when shown
        held->rows += reply.oldestFirst;
        held->shortRead = shortRead;
    } else {
        if (!m_pages.contains(reply.page))
            evictFor(1, reply.page);
        Page &page = m_pages[reply.page];
        page.rows = reply.oldestFirst;
        page.shortRead = shortRead;
        page.stale = false;
    }
    touch(reply.page);
    emitPageChanged(reply.page);
    if (shortRead && !m_recountAsked) {
        // Rows vanished under the snapshot (deleted elsewhere): positions are off, count again.
        m_recountAsked = true;
        reload();
    }
}

void DeliveryLogModel::evictFor(int incoming, int keep)
{
    while (!m_pages.isEmpty() && m_pages.size() + incoming > kMaxPages) {
        auto victim = m_pages.end();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it.key() != keep && (victim == m_pages.end() || it->lastUse < victim->lastUse))
                victim = it;
        }
        if (victim == m_pages.end())
            return;
        m_pages.erase(victim);
    }
}

void DeliveryLogModel::emitPageChanged(int page)
{
    if (!m_placeholders.remove(page))
        return;
    const auto held = m_pages.constFind(page);
    if (held == m_pages.cend() || held->rows.isEmpty())
        return;
    const qint64 first = qint64(page) * kPageSize;
    const qint64 last = qMin<qint64>(first + held->rows.size(), m_rowCount) - 1;
    if (last < first)
        return;
    Q_EMIT dataChanged(index(int(m_rowCount - 1 - last), 0), index(int(m_rowCount - 1 - first), ColumnCount - 1));
}

void DeliveryLogModel::cancelReads()
{
    for (const Read &read : std::as_const(m_reads))
        read.cancelled->store(true);
    m_reads.clear();
}

void DeliveryLogModel::setFilter(const DeliveryFilter &filter)
{
    m_filter = filter;
    m_filter.afterId = 0;
    m_filter.uptoId = std::numeric_limits<qint64>::max();
    startReload(false);
}

void DeliveryLogModel::reload()
{
    startReload(true);
}

void DeliveryLogModel::startReload(bool keepView)
{
    ++m_generation;
    cancelReads();
    m_resetting = true;
    m_keepView = keepView && m_loaded;
    m_filterTimer.start();
    if (!canRead())
        return;
    const quint64 generation = m_generation;
    // The snapshot: the newest id now, the count up to it, and the newest two pages.
    m_log->snapshot(this, m_filter, kPageSize, [this, generation](const LogSnapshot &snapshot) {
        m_rowsRead += snapshot.newestId > 0 ? 2 : 0; // the newest row, before and after counting
        reloadRead(generation, snapshot);
    });
}

void DeliveryLogModel::reloadRead(quint64 generation, const LogSnapshot &snapshot)
{
    const qint64 newestId = snapshot.newestId;
    qint64 count = snapshot.count;
    const QList<DeliveryRow> &newestFirst = snapshot.newestFirst;
    const QString &error = snapshot.error;
    m_rowsRead += newestFirst.size();
    if (generation != m_generation)
        return;
    m_resetting = false;
    if (!error.isEmpty()) {
        Q_EMIT readFailed(error);
        return;
    }
    count = qMin<qint64>(count, std::numeric_limits<int>::max());
    if (m_keepView && count == m_rowCount && newestId == m_newestId) {
        // Nothing moved (a redaction, say): rows stay where the view has them, and are read again
        // by their own keys as they are shown.
        for (Page &page : m_pages)
            page.stale = true;
        placeNewest(count, newestFirst);
        if (m_rowCount > 0)
            Q_EMIT dataChanged(index(0, 0), index(int(m_rowCount) - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_pages.clear();
        m_placeholders.clear();
        m_rowCount = count;
        m_newestId = newestId;
        placeNewest(count, newestFirst);
        m_recountAsked = false;
        endResetModel();
    }
    m_loaded = true;
    Q_EMIT filterApplied(m_filterTimer.elapsed(), m_rowCount);
    scheduleFetchNew();
}

void DeliveryLogModel::placeNewest(qint64 count, const QList<DeliveryRow> &newestFirst)
{
    // The rows end at the newest position and start on a page boundary (see startReload).
    const qint64 first = count - newestFirst.size();
    if (newestFirst.isEmpty() || first % kPageSize != 0)
        return;
    QList<int> pages;
    for (qint64 p = first / kPageSize; p * kPageSize < count; ++p)
        pages.append(int(p));
    int incoming = 0;
    for (int p : std::as_const(pages))
        incoming += m_pages.contains(p) ? 0 : 1;
    evictFor(incoming);
    for (int p : std::as_const(pages)) {
        Page &page = m_pages[p];
        page = Page();
        const qint64 from = qint64(p) * kPageSize;
        const qint64 to = qMin<qint64>(from + kPageSize, count);
        for (qint64 position = from; position < to; ++position)
            page.rows.append(newestFirst.at(qsizetype(count - 1 - position)));
        page.lastUse = ++m_useClock;
    }
}

void DeliveryLogModel::setLive(bool live)
{
    m_live = live;
    if (!live)
        m_coalesce->stop();
    scheduleFetchNew();
}

void DeliveryLogModel::onBatchCommitted(const BatchSummary &summary)
{
    if (summary.ids.isEmpty())
        return;
    if (m_filter.groupRetries && summary.counts[size_t(Outcome::Duplicate)] > 0 && m_rowCount > 0) {
        // A retry adds no row here, but its first attempt's row counts it: rows shown are read again.
        for (Page &page : m_pages)
            page.stale = true;
        Q_EMIT dataChanged(index(0, 0), index(int(m_rowCount) - 1, ColumnCount - 1));
    }
    // On a team database ids commit out of order (store/pglive.h): an id below the newest shown
    // arrived late, and "after the newest" would never read it. The rows are read again instead.
    if (m_live && !m_resetting && m_rowCount > 0
        && *std::min_element(summary.ids.cbegin(), summary.ids.cend()) < m_newestId) {
        reload();
        return;
    }
    m_pendingNewestId = qMax(m_pendingNewestId, *std::max_element(summary.ids.cbegin(), summary.ids.cend()));
    scheduleFetchNew();
}

void DeliveryLogModel::scheduleFetchNew()
{
    if (!m_live || m_resetting || m_fetchingNew || m_coalesce->isActive() || m_pendingNewestId <= m_newestId)
        return;
    // Leading edge: a delivery after a quiet spell shows at once; under load the batches that
    // arrive meanwhile wait for the next step and join one insert.
    const qint64 since = m_sinceFetch.isValid() ? m_sinceFetch.elapsed() : kMinFetchIntervalMs;
    m_coalesce->start(int(qBound(qint64(0), kMinFetchIntervalMs - since, qint64(kMinFetchIntervalMs))));
}

void DeliveryLogModel::fetchNew()
{
    if (!canRead() || !m_live || m_fetchingNew || m_resetting || m_pendingNewestId <= m_newestId)
        return;
    m_fetchingNew = true;
    m_sinceFetch.start();
    DeliveryFilter filter = m_filter;
    filter.afterId = m_newestId;
    filter.uptoId = m_pendingNewestId;
    const quint64 generation = m_generation;
    const qint64 oldCount = m_rowCount;
    const qint64 uptoId = m_pendingNewestId;
    m_log->arrivals(this, filter, oldCount, kPageSize, [this, generation, uptoId](const LogArrivals &arrivals) {
        m_fetchingNew = false;
        m_rowsRead += arrivals.newestFirst.size();
        // Paused meanwhile: nothing is inserted; resuming fetches again.
        if (generation == m_generation && m_live) {
            if (arrivals.error.isEmpty())
                applyNew(uptoId, arrivals.added, arrivals.newestFirst);
            else
                Q_EMIT readFailed(arrivals.error);
        }
        scheduleFetchNew();
    });
}

void DeliveryLogModel::applyNew(qint64 uptoId, qint64 added, const QList<DeliveryRow> &newestFirst)
{
    added = qMin<qint64>(added, std::numeric_limits<int>::max() - m_rowCount);
    if (added <= 0) {
        m_newestId = qMax(m_newestId, uptoId);
        return;
    }
    const qint64 oldCount = m_rowCount;
    const qint64 newCount = oldCount + added;
    const qint64 fetched = qMin<qint64>(newestFirst.size(), added);
    const qint64 start = newCount - fetched;
    // The fetched rows are kept only where someone looks at the newest rows (the page of the old
    // newest row is held), so that a user reading further down keeps their pages.
    const int oldTop = oldCount > 0 ? int((oldCount - 1) / kPageSize) : -1;
    const bool keepRows = fetched > 0 && (oldCount == 0 || m_pages.contains(oldTop));
    QList<int> opened;
    if (keepRows) {
        for (qint64 p = (start + kPageSize - 1) / kPageSize; p * kPageSize < newCount; ++p)
            opened.append(int(p));
    }
    // Room is made before the insert, so that no row changes while the rows are being inserted.
    evictFor(int(opened.size()), oldTop);

    beginInsertRows(QModelIndex(), 0, int(added) - 1);
    m_rowCount = newCount;
    m_newestId = uptoId;
    for (int p : std::as_const(opened))
        m_pages.insert(p, Page());
    if (keepRows) {
        for (qint64 i = fetched - 1; i >= 0; --i) {
            const qint64 position = newCount - 1 - i;
            const auto page = m_pages.find(int(position / kPageSize));
            if (page != m_pages.end() && !page->shortRead && page->rows.size() == position % kPageSize)
                page->rows.append(newestFirst.at(qsizetype(i)));
        }
        touch(oldTop);
        for (int p : std::as_const(opened))
            touch(p);
    }
    endInsertRows();
    Q_EMIT rowsArrived(int(added));
}

} // namespace peanuts
