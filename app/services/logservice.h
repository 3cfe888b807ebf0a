// What the payload log and the inspector read: the log paged by key, counts, single deliveries, and
// the export of a filtered log. Every read runs on the reader's thread (askStore()); its answer comes
// back on the caller's thread, or not at all when the receiver is gone by then.
#pragma once

#include "data/records.h"
#include "store/exporter.h"

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace peanuts {

class StoreWorker;
class SignatureVerifier;
struct Inspection;

// The log as it stands when a view (re)loads: the newest id, the count of matching rows up to it,
// and the rows of the newest pages (newest first, down to a page boundary plus one page).
struct LogSnapshot
{
    qint64 newestId = 0;
    qint64 count = 0;
    QList<DeliveryRow> newestFirst;
    QString error;
};

// The rows committed since a view's snapshot: how many, and the newest of them (down to a page
// boundary when more than a page arrived).
struct LogArrivals
{
    qint64 added = 0;
    QList<DeliveryRow> newestFirst;
    QString error;
};

enum class LogKey {
    Before, // ids below the key, newest first
    After, // ids above the key, oldest first
    At, // from an offset in the newest-first order
};

struct LogRows
{
    bool ok = false;
    bool skipped = false; // cancelled before it ran
    QList<DeliveryRow> rows; // in the order of the key (see LogKey)
    QString error;
};

class LogService : public QObject
{
    Q_OBJECT
public:
    using Cancel = std::shared_ptr<std::atomic_bool>;

    explicit LogService(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(LogService)

    // The core sets the reader while it runs; without one nothing is asked and nothing answers.
    void setReader(StoreWorker *reader) { m_reader = reader; }
    // The verifier whose secrets the inspector's expected signatures use; it outlives the reader.
    void setVerifier(const SignatureVerifier *verifier) { m_verifier = verifier; }
    bool isAvailable() const { return m_reader != nullptr; }

    void snapshot(QObject *receiver, const DeliveryFilter &filter, int pageSize,
        std::function<void(const LogSnapshot &)> done) const;
    // Rows with ids in (filter.afterId, filter.uptoId]; oldCount is the view's row count, for the
    // page boundary.
    void arrivals(QObject *receiver, const DeliveryFilter &filter, qint64 oldCount, int pageSize,
        std::function<void(const LogArrivals &)> done) const;
    // At most limit rows by key (an id, or for LogKey::At an offset). A cancel set before the read
    // starts skips it, and done is not called.
    void rows(QObject *receiver, LogKey kind, const DeliveryFilter &filter, qint64 key, int limit, Cancel cancel,
        std::function<void(const LogRows &)> done) const;
    void count(QObject *receiver, const DeliveryFilter &filter, std::function<void(std::optional<qint64>)> done) const;
    void deliveryCount(QObject *receiver, std::function<void(qint64)> done) const;
    void delivery(QObject *receiver, qint64 id, std::function<void(const std::optional<Delivery> &)> done) const;
    // Writes the filtered log to path as JSON lines on the reader's thread; done(count, error), count
    // -1 on failure.
    void exportJsonLines(QObject *receiver, const QString &path, const DeliveryFilter &filter,
        std::function<void(qint64, const QString &)> done) const;
    // The same in any export format, of the filter or of selected deliveries (store/exporter.h).
    void exportDeliveries(QObject *receiver, const QString &path, ExportFormat format, const ExportSelection &selection,
        std::function<void(qint64, const QString &)> done) const;

    // What the inspector shows of delivery id (services/inspection.h).
    void inspect(QObject *receiver, qint64 id, std::function<void(std::shared_ptr<const Inspection>)> done) const;

private:
    StoreWorker *m_reader = nullptr;
    const SignatureVerifier *m_verifier = nullptr;
};

} // namespace peanuts
