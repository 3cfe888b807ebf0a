// Changes to the log on the writer's thread, the only connection that may write.
#include "services/maintenanceservice.h"

#include "services/storecall.h"
#include "store/importreader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

namespace peanuts {

namespace {

// Rows resolved per query when a selection reaches rows that are not loaded (select all, say).
constexpr int kResolveChunk = 5000;

} // namespace

MaintenanceService::MaintenanceService(QObject *parent)
    : QObject(parent)
{
}

void MaintenanceService::setWriter(StoreWorker *writer, const QString &dbPath)
{
    if (m_writer)
        disconnect(m_writer, nullptr, this, nullptr);
    m_writer = writer;
    m_dbPath = dbPath;
    if (writer)
        connect(writer, &StoreWorker::vacuumed, this, &MaintenanceService::compacted, Qt::QueuedConnection);
}

void MaintenanceService::deleteDeliveries(
    QObject *receiver, const DeliverySelection &selection, std::function<void(const QString &)> done) const
{
    change(receiver, selection, false, std::move(done));
}

void MaintenanceService::redactDeliveries(
    QObject *receiver, const DeliverySelection &selection, std::function<void(const QString &)> done) const
{
    change(receiver, selection, true, std::move(done));
}

void MaintenanceService::change(
    QObject *receiver, const DeliverySelection &selection, bool redact, std::function<void(const QString &)> done) const
{
    askStore(
        m_writer, receiver,
        [selection, redact](Store &store) {
            QList<qint64> ids = selection.ids;
            bool ok = true;
            for (const auto &run : selection.unresolved) {
                for (int done = 0; ok && done < run.second; done += kResolveChunk) {
                    const auto rows = store.deliveriesAt(
                        selection.snapshot, run.first + done, qMin(kResolveChunk, run.second - done));
                    ok = rows.has_value();
                    for (const DeliveryRow &row : rows.value_or(QList<DeliveryRow>()))
                        ids.append(row.id);
                }
            }
            ok = ok && (redact ? store.redactDeliveries(ids) : store.deleteDeliveries(ids));
            return ok ? QString() : store.lastError();
        },
        std::move(done));
}

struct MaintenanceService::ImportRun
{
    ImportReader reader; // read on the pool thread, then only on the writer's
    ImportTally tally; // the writer's until the last answer
    std::function<void(const ImportTally &, const QString &)> done;
};

void MaintenanceService::importFiles(
    QObject *receiver, const QStringList &paths, std::function<void(const ImportTally &, const QString &)> done)
{
    if (!m_writer) {
        done({}, tr("the receiver is not running"));
        return;
    }
    auto run = std::make_shared<ImportRun>();
    run->done = std::move(done);
    QPointer<MaintenanceService> self(this);
    QPointer<QObject> guard(receiver);
    QThreadPool::globalInstance()->start([run, paths, self, guard] {
        QString error;
        const bool ok = run->reader.open(paths, &error);
        // Back on the application's thread through qApp, which outlives the service and the receiver.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [run, self, guard, ok, error] {
                if (!self || !guard)
                    return;
                if (!ok)
                    run->done({}, error);
                else
                    self->importStep(guard, run);
            },
            Qt::QueuedConnection);
    });
}

void MaintenanceService::importStep(QObject *receiver, const std::shared_ptr<ImportRun> &run)
{
    if (!m_writer) {
        run->done(run->tally, tr("the receiver stopped during the import"));
        return;
    }
    QPointer<MaintenanceService> self(this);
    askStore(
        m_writer, receiver,
        [run](Store &store) {
            QString error;
            auto batch = run->reader.next(500, &error);
            if (batch && !batch->isEmpty() && !store.importDeliveries(*batch, &run->tally, &error))
                return error;
            return batch ? QString() : error;
        },
        [self, receiver, run](const QString &error) {
            if (!error.isEmpty() || run->reader.atEnd() || !self)
                run->done(run->tally, self ? error : tr("the receiver stopped during the import"));
            else
                self->importStep(receiver, run);
        });
}

void MaintenanceService::compact()
{
    if (m_writer)
        m_writer->vacuum();
}

qint64 MaintenanceService::databaseBytes() const
{
    if (m_dbPath.isEmpty() || !QFileInfo::exists(m_dbPath))
        return -1;
    // The file and its write-ahead log: both are the database's on disk.
    return QFileInfo(m_dbPath).size() + QFileInfo(m_dbPath + QStringLiteral("-wal")).size();
}

} // namespace peanuts
