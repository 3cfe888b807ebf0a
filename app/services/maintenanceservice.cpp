// Changes to the log on the writer's thread, the only connection that may write.
#include "services/maintenanceservice.h"

#include "services/storecall.h"

#include <QFileInfo>

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
