// The SQLite backend of Store: WAL, versioned migrations, prepared statements, one transaction a batch.
#pragma once

#include "store/store.h"

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace peanuts {

struct SqlBind;

class SqliteStore : public Store
{
public:
    SqliteStore();
    ~SqliteStore() override;
    Q_DISABLE_COPY_MOVE(SqliteStore)

    bool open(const StoreConfig &config, QString *error) override;
    void close() override;
    bool commit(QList<Delivery> &batch, QString *error) override;

    std::optional<OutcomeCounters> counters() override;
    std::optional<Delivery> delivery(qint64 id) override;
    std::optional<qint64> deliveryCount() override;
    std::optional<EntryState> entry(const QString &entryId) override;
    std::optional<QList<EntryState>> entries() override;
    std::optional<EntryTotals> entryTotals(const EntryFilter &filter) override;
    std::optional<QList<qint64>> sumsBetween(const QStringList &commands, const QList<qint64> &bounds) override;
    std::optional<QList<CategoryTotal>> categoryTotals(const EntryFilter &filter) override;
    std::optional<QList<MinuteCounts>> minuteCounts(qint64 fromMs, qint64 toMs) override;
    std::optional<QList<DeliveryRow>> deliveriesBefore(
        const DeliveryFilter &filter, qint64 beforeId, int limit) override;
    std::optional<QList<DeliveryRow>> deliveriesAfter(const DeliveryFilter &filter, qint64 afterId, int limit) override;
    std::optional<QList<DeliveryRow>> deliveriesAt(const DeliveryFilter &filter, qint64 offset, int limit) override;
    std::optional<qint64> countDeliveries(const DeliveryFilter &filter) override;
    std::optional<QList<Delivery>> entryHistory(const QString &entryId) override;
    bool deleteDeliveries(const QList<qint64> &ids) override;
    bool redactDeliveries(const QList<qint64> &ids) override;
    int catchUp(int maxRows) override;
    void afterAnswers() override;
    int prune(const RetentionPolicy &policy, qint64 nowMs, int maxRows, bool *more = nullptr) override;
    std::optional<VacuumResult> vacuum() override;
    std::optional<QStringList> integrityCheck() override;
    std::optional<ProjectionCheck> checkProjection() override;
    bool beginRead() override;
    void endRead() override;
    QString lastError() const override { return m_lastError; }
    WriteFault lastWriteFault() const override { return m_lastFault; }
    bool setMaxSizeBytes(qint64 bytes) override;
    bool probeWrite(QString *error) override;

    static int schemaVersion();

private:
    class Statement;
    using Bind = SqlBind;
    bool exec(const char *sql);
    bool checkVersion(QString *error);
    bool migrate(QString *error);
    bool prepareAll();
    bool writeOne(Delivery &delivery, OutcomeCounters &counts);
    QString errorText() const;
    std::optional<EntryState> readEntry(sqlite3_stmt *stmt) const;
    // pages: for the log's page queries (by id order) rather than a count.
    static QByteArray filterClause(const DeliveryFilter &filter, QList<Bind> &binds, bool pages);
    qint64 scalar(const char *sql, qint64 fallback);
    std::optional<QList<DeliveryRow>> rows(const QByteArray &sql, const QList<Bind> &binds);
    // Runs change for each id in one transaction, taking the body out of the search index first;
    // removesRows: the id counter is saved too, as the newest rows may be among them (keepNextId).
    bool changeDeliveries(const QList<qint64> &ids, const char *change, bool removesRows);
    bool startPruneRun(const RetentionPolicy &policy);
    qint64 fileBytes() const;
    // A TRUNCATE checkpoint, waiting a bounded time for readers: after it no byte that was changed
    // or removed remains in the write-ahead log.
    bool emptyWal();

    // A run of prune calls: where the last one stopped (in (received_ms, id) order), and the newest
    // row beyond the count limit, found once a run. Rows before the resume point were kept because
    // they were applied deliveries of current entries; the next run looks at them again.
    struct PruneRun
    {
        bool active = false;
        qint64 afterMs = 0;
        qint64 afterId = 0;
        bool started = false; // afterMs/afterId are set
        qint64 maxDeliveries = 0; // the count limit countBound was found for
        bool hasCountBound = false;
        qint64 countBoundMs = 0;
        qint64 countBoundId = 0;
    };
    void noteWriteFault(qint64 batchBytes);

    class Checkpointer;
    bool keepNextId();
    static int walHook(void *self, sqlite3 *db, const char *name, int frames);

    sqlite3 *m_db = nullptr;
    std::unique_ptr<Checkpointer> m_checkpointer; // the writer's; copies the WAL back on its own thread
    int m_framesAtCheckpoint = 0; // WAL frames when the checkpointer was last woken
    bool m_ownCheckpointDue = false; // the writer checkpoints itself in afterAnswers()
    QString m_lastError;
    struct Prepared;
    Prepared *m_stmts = nullptr;
    qint64 m_nextId = 1;
    qint64 m_ftsUpto = 0; // deliveries up to this id are in the search index
    bool m_hasRedactedBodies = false; // redacted_bodies has rows: incoming bodies are looked up there
    bool m_readOnly = false;
    int m_readDepth = 0; // nested beginRead() calls; the outermost began the transaction
    PruneRun m_prune;
    // Storage faults
    WriteFault m_lastFault = WriteFault::None;
    qint64 m_maxSizeBytes = 0;
    qint64 m_defaultMaxPages = 0; // SQLite's own max_page_count, restored when the limit goes
};

} // namespace peanuts
