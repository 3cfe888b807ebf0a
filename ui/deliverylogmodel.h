// The payload log's model: a million rows without holding them. It knows the filtered row count and
// keeps a bounded set of pages around what is shown, read by key on the reader's thread.
#pragma once

#include "store.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSet>

namespace peanuts {

class StoreWorker;
struct BatchSummary;

class DeliveryLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ReceivedColumn, EventColumn, HelperColumn, EntryColumn, AmountColumn, CategoryColumn,
                  ResultColumn, SizeColumn, ColumnCount };
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
    struct Page;
    // Implementation-defined state: pages keyed by their first row, requests in flight, a
    // generation number that discards answers to an older filter, and the newest id known.
    void requestPage(int pageIndex) const;
    void evictFarPages(int aroundPage) const;

    StoreWorker *m_reader;
    DeliveryFilter m_filter;
    bool m_live = true;
    qint64 m_rowCount = 0;
    qint64 m_newestId = 0;
    quint64 m_generation = 0;
    mutable qint64 m_rowsRead = 0;
    mutable QHash<int, QList<DeliveryRow>> m_pages; // page index -> rows
    mutable QSet<int> m_requested;
    mutable QList<int> m_pageUse; // most recently used last
    QElapsedTimer m_filterTimer;
};

} // namespace peanuts
