// The payload log's model: a million rows without holding them. It knows the filtered row count and
// keeps a bounded set of pages around what is shown, read by key on the reader's thread.
#pragma once

#include "store.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSet>

class QTimer;

namespace peanuts {

class StoreWorker;
struct BatchSummary;

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

    explicit DeliveryLogModel(StoreWorker *reader, QObject *parent = nullptr);
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
    // Rows are kept by their position counted from the OLDEST row, so that rows inserted at the
    // top (the newest) never move a loaded page. Page p holds positions [p * kPageSize, ...).
    using Page = QList<DeliveryRow>;
    int positionOf(int row) const { return int(m_rowCount) - 1 - row; }
    void requestPage(int page) const;
    void touch(int page) const;
    void fetchNew();
    void applyNew(qint64 uptoId, qint64 added, const QList<DeliveryRow> &newestFirst);
    DeliveryFilter snapshot() const;

    StoreWorker *m_reader;
    DeliveryFilter m_filter;
    bool m_live = true;
    qint64 m_rowCount = 0;
    qint64 m_newestId = 0; // the model shows rows with id <= this
    qint64 m_pendingNewestId = 0; // the newest id committed, not shown yet
    bool m_fetchingNew = false;
    bool m_resetting = false;
    quint64 m_generation = 0;
    mutable qint64 m_rowsRead = 0;
    mutable QHash<int, Page> m_pages;
    mutable QSet<int> m_requested;
    mutable QList<int> m_pageUse; // least recently used first
    QTimer *m_coalesce = nullptr;
    QElapsedTimer m_filterTimer;
};

} // namespace peanuts
