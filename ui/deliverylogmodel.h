// The payload log's model: a million rows without holding them. It knows the filtered row count and
// keeps a bounded set of pages around what is shown, read by key through LogService (the reader's thread).
#pragma once

#include "data/records.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSet>

#include <atomic>
#include <memory>

class QTimer;

namespace peanuts {

class LogService;
struct LogSnapshot;

class DeliveryLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ReceivedColumn,
        ResultColumn, // second: what a user scans the log for
        EventColumn,
        HelperColumn,
        EntryColumn,
        AmountColumn,
        CategoryColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, OutcomeRole, RowLoadedRole };

    static constexpr int kPageSize = 200;
    static constexpr int kMaxPages = 12; // rows held stay under kPageSize * kMaxPages

    explicit DeliveryLogModel(LogService *log, QObject *parent = nullptr);
    ~DeliveryLogModel() override;
    Q_DISABLE_COPY_MOVE(DeliveryLogModel)

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    DeliveryFilter filter() const { return m_filter; }
    // Re-counts and reloads from the top; emits filterApplied when the first page is in.
    void setFilter(const DeliveryFilter &filter);
    void reload();

    // Paused: new deliveries are not inserted (ingest never pauses); resuming catches up.
    void setLive(bool live);
    bool isLive() const { return m_live; }

    qint64 idAt(int row) const; // 0 while the row's page is not loaded
    // The loaded row's content, if its page is held.
    const DeliveryRow *rowAt(int row) const;

    // Instrumentation for the tests and the benchmark: rows read from SQL so far, rows held now.
    qint64 rowsRead() const { return m_rowsRead; }
    qint64 rowsHeld() const;

public Q_SLOTS:
    // Called with each committed batch: new rows are inserted at the top (row 0 is the newest).
    void onBatchCommitted(const peanuts::BatchSummary &summary);

Q_SIGNALS:
    void filterApplied(qint64 elapsedMs, qint64 rowCount);
    void rowsArrived(int count); // new deliveries inserted at the top
    void readFailed(const QString &message);

private:
    friend class DeliveryLogView; // resolves selected row ranges against the same snapshot

    // Rows are addressed by their position counted from the OLDEST row of the snapshot (ids up to
    // m_newestId), so rows inserted at the top never move a loaded page. Page p holds positions
    // [p * kPageSize, (p + 1) * kPageSize), oldest first, always from the page's first position.
    struct Page
    {
        QList<DeliveryRow> rows;
        quint64 lastUse = 0;
        bool shortRead = false; // fewer rows came back than the count promised: some vanished
        bool stale = false; // shown until re-read by its own key (after a reload that moved nothing)
    };
    enum class ReadKind { Before, After, Offset, Extend, Refresh };
    struct Read
    {
        quint64 serial = 0;
        std::shared_ptr<std::atomic_bool> cancelled;
        int heldBefore = 0; // Extend: rows the page held when asked
    };
    struct PageReply
    {
        quint64 generation = 0;
        quint64 serial = 0;
        int page = 0;
        ReadKind kind = ReadKind::Offset;
        int asked = 0;
        QList<DeliveryRow> oldestFirst;
        QString error;
    };
    qint64 positionOf(int row) const { return m_rowCount - 1 - row; }
    int rowsInPage(int page) const;
    void touch(int page) const;
    void prefetchAround(qint64 position) const;
    void requestPage(int page) const;
    void handedOut(int page) const { m_placeholders.insert(page); }
    void startRead(int page, ReadKind kind, qint64 key, qint64 offset, int count, int heldBefore = 0);
    void pageRead(const PageReply &reply);
    void evictFor(int incoming, int keep = -1);
    void emitPageChanged(int page);
    void startReload(bool keepView);
    void reloadRead(quint64 generation, const LogSnapshot &snapshot);
    void placeNewest(qint64 count, const QList<DeliveryRow> &newestFirst);
    void cancelReads();
    void scheduleFetchNew();
    void fetchNew();
    void applyNew(qint64 uptoId, qint64 added, const QList<DeliveryRow> &newestFirst);
    DeliveryFilter snapshot() const;

    bool canRead() const;

    LogService *m_log;
    DeliveryFilter m_filter;
    bool m_live = true;
    qint64 m_rowCount = 0;
    qint64 m_newestId = 0; // the snapshot: the model shows matching rows with id <= this
    qint64 m_pendingNewestId = 0; // the newest id committed, maybe not shown yet
    bool m_fetchingNew = false;
    bool m_resetting = false; // a reload is under way: no page reads until its answer
    bool m_keepView = false; // the reload under way may keep rows in place if nothing moved
    bool m_loaded = false; // a reload has answered at least once
    bool m_recountAsked = false; // a short read asked for a recount since the last reset
    quint64 m_generation = 0;
    mutable quint64 m_serial = 0;
    mutable quint64 m_useClock = 0;
    mutable qint64 m_rowsRead = 0;
    mutable QHash<int, Page> m_pages;
    mutable QHash<int, Read> m_reads; // page reads asked of the reader and not answered yet
    // Pages whose placeholders (or stale rows) data() handed out: their arrival is announced with
    // dataChanged. Pages read ahead that nobody looked at arrive silently.
    mutable QSet<int> m_placeholders;
    QTimer *m_coalesce = nullptr;
    QElapsedTimer m_sinceFetch; // since the last fetch of new rows started
    QElapsedTimer m_filterTimer;
};

} // namespace peanuts
