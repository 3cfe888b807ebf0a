// What the window changes in the store: delete and redact deliveries, import exports, compact the file, and the
// database's size on disk. Changes run on the writer's thread (StoreWorker::run, askStore()); the
// answers come back on the caller's thread.
#pragma once

#include "data/records.h"

#include <QObject>
#include <QPair>
#include <functional>
#include <memory>

namespace peanuts {

class StoreWorker;

// Deliveries a user picked in the log: the ids of rows already loaded, and runs of rows not loaded,
// given as (offset from the newest, count) in the view's snapshot, resolved on the writer's thread.
struct DeliverySelection
{
    DeliveryFilter snapshot;
    QList<qint64> ids;
    QList<QPair<int, int>> unresolved;
};

class MaintenanceService : public QObject
{
    Q_OBJECT
public:
    explicit MaintenanceService(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(MaintenanceService)

    // The core sets the writer and the database's path while it runs.
    void setWriter(StoreWorker *writer, const QString &dbPath);
    bool isAvailable() const { return m_writer != nullptr; }

    // Deletes the selected deliveries from the log, or redacts their bodies; done(error), empty on
    // success.
    void deleteDeliveries(
        QObject *receiver, const DeliverySelection &selection, std::function<void(const QString &)> done) const;
    void redactDeliveries(
        QObject *receiver, const DeliverySelection &selection, std::function<void(const QString &)> done) const;
    // Imports export files (JSON lines, HAR) through the writer: the files are read and checked on a pool
    // thread, then written a batch a job, so that deliveries arriving meanwhile go in between. done(tally,
    // error) on the caller's thread; after an error, what was written before it stays (importing the same
    // files again skips it).
    void importFiles(QObject *receiver, const QStringList &paths,
        std::function<void(const ImportTally &, const QString &)> done);
    // VACUUM on the writer's thread; compacted() reports the sizes it measured.
    void compact();
    // The database file and its write-ahead log; -1 when unknown.
    qint64 databaseBytes() const;

Q_SIGNALS:
    void compacted(qint64 bytesBefore, qint64 bytesAfter, const QString &error);

private:
    void change(QObject *receiver, const DeliverySelection &selection, bool redact,
        std::function<void(const QString &)> done) const;

    struct ImportRun;
    void importStep(QObject *receiver, const std::shared_ptr<ImportRun> &run);

    StoreWorker *m_writer = nullptr;
    QString m_dbPath;
};

} // namespace peanuts
