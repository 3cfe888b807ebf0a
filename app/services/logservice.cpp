// The log's reads, each one job on the reader's thread.
#include "services/logservice.h"

#include "services/inspection.h"
#include "services/storecall.h"
#include "store/exporter.h"

#include <QFile>

#include <algorithm>
#include <limits>

namespace peanuts {

LogService::LogService(QObject *parent)
    : QObject(parent)
{
}

void LogService::snapshot(
    QObject *receiver, const DeliveryFilter &filter, int pageSize, std::function<void(const LogSnapshot &)> done) const
{
    askStore(
        m_reader, receiver,
        [filter, pageSize](Store &store) {
            LogSnapshot s;
            const auto newest = store.deliveriesBefore(DeliveryFilter(), std::numeric_limits<qint64>::max(), 1);
            if (!newest) {
                s.error = store.lastError();
                return s;
            }
            if (newest->isEmpty())
                return s;
            s.newestId = newest->constFirst().id;
            DeliveryFilter snap = filter;
            snap.uptoId = s.newestId;
            // Counted without the snapshot's bound when no row arrived meanwhile: a bound on the id
            // keeps SQLite from counting over its smallest index (several times slower).
            auto counted = store.countDeliveries(filter);
            const auto after = store.deliveriesBefore(DeliveryFilter(), std::numeric_limits<qint64>::max(), 1);
            if (!after || after->isEmpty() || after->constFirst().id != s.newestId)
                counted = store.countDeliveries(snap);
            if (!counted) {
                s.error = store.lastError();
            } else if (*counted > 0) {
                s.count = *counted;
                const qint64 topPage = (s.count - 1) / pageSize;
                const int want = int(s.count - topPage * pageSize) + (topPage > 0 ? pageSize : 0);
                const auto rows = store.deliveriesBefore(snap, s.newestId + 1, want);
                if (rows)
                    s.newestFirst = *rows;
                else
                    s.error = store.lastError();
            }
            return s;
        },
        std::move(done));
}

void LogService::arrivals(QObject *receiver, const DeliveryFilter &filter, qint64 oldCount, int pageSize,
    std::function<void(const LogArrivals &)> done) const
{
    askStore(
        m_reader, receiver,
        [filter, oldCount, pageSize](Store &store) {
            LogArrivals a;
            auto rows = store.deliveriesBefore(filter,
                filter.uptoId == std::numeric_limits<qint64>::max() ? filter.uptoId : filter.uptoId + 1, pageSize);
            if (rows && rows->size() == pageSize) {
                // More than a page arrived: count them, and read down to a page boundary so that every
                // page the new rows open starts complete.
                const auto counted = store.countDeliveries(filter);
                if (counted) {
                    a.added = qMax<qint64>(*counted, rows->size());
                    const qint64 newCount = oldCount + a.added;
                    const qint64 from = qMax(oldCount, (newCount - pageSize) / pageSize * pageSize);
                    const qint64 more = newCount - from - rows->size();
                    if (more > 0) {
                        const auto rest = store.deliveriesBefore(filter, rows->constLast().id, int(more));
                        if (rest)
                            *rows += *rest;
                        else
                            rows.reset();
                    }
                } else {
                    rows.reset();
                }
            } else if (rows) {
                a.added = rows->size();
            }
            if (rows)
                a.newestFirst = std::move(*rows);
            else
                a.error = store.lastError();
            return a;
        },
        std::move(done));
}

void LogService::rows(QObject *receiver, LogKey kind, const DeliveryFilter &filter, qint64 key, int limit,
    Cancel cancel, std::function<void(const LogRows &)> done) const
{
    askStore(
        m_reader, receiver,
        [kind, filter, key, limit, cancel](Store &store) {
            LogRows r;
            r.skipped = cancel && cancel->load();
            if (r.skipped)
                return r;
            std::optional<QList<DeliveryRow>> rows;
            switch (kind) {
            case LogKey::Before:
                rows = store.deliveriesBefore(filter, key, limit);
                break;
            case LogKey::After:
                rows = store.deliveriesAfter(filter, key, limit);
                break;
            case LogKey::At:
                rows = store.deliveriesAt(filter, key, limit);
                break;
            }
            r.ok = rows.has_value();
            if (rows)
                r.rows = std::move(*rows);
            else
                r.error = store.lastError();
            return r;
        },
        [done = std::move(done)](const LogRows &r) {
            if (!r.skipped)
                done(r);
        });
}

void LogService::count(
    QObject *receiver, const DeliveryFilter &filter, std::function<void(std::optional<qint64>)> done) const
{
    askStore(
        m_reader, receiver, [filter](Store &store) { return store.countDeliveries(filter); }, std::move(done));
}

void LogService::deliveryCount(QObject *receiver, std::function<void(qint64)> done) const
{
    askStore(
        m_reader, receiver, [](Store &store) { return store.deliveryCount().value_or(0); }, std::move(done));
}

void LogService::delivery(QObject *receiver, qint64 id, std::function<void(const std::optional<Delivery> &)> done) const
{
    askStore(
        m_reader, receiver, [id](Store &store) { return store.delivery(id); }, std::move(done));
}

void LogService::exportJsonLines(QObject *receiver, const QString &path, const DeliveryFilter &filter,
    std::function<void(qint64, const QString &)> done) const
{
    exportDeliveries(receiver, path, ExportFormat::JsonLines, ExportSelection {filter, {}}, std::move(done));
}

void LogService::exportDeliveries(QObject *receiver, const QString &path, ExportFormat format,
    const ExportSelection &selection, std::function<void(qint64, const QString &)> done) const
{
    // Reads and writes on the reader's thread: a large export never stalls the window.
    askStore(
        m_reader, receiver,
        [path, format, selection](Store &store) {
            QString error;
            qint64 count = -1;
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                error = tr("cannot write %1: %2").arg(path, file.errorString());
            else
                count = peanuts::exportDeliveries(store, format, selection, file, &error);
            if (count >= 0 && !file.flush())
                error = file.errorString();
            return std::make_pair(count, error);
        },
        [done = std::move(done)](const std::pair<qint64, QString> &r) { done(r.first, r.second); });
}

void LogService::inspect(
    QObject *receiver, qint64 id, std::function<void(std::shared_ptr<const Inspection>)> done) const
{
    if (m_verifier)
        requestInspection(m_reader, receiver, id, m_verifier, std::move(done));
}

} // namespace peanuts
