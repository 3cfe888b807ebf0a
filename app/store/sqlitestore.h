// The SQLite backend of Store: WAL, versioned migrations, prepared statements, one transaction a batch.
//
// One class over one connection, its methods in a file per role: sqlitestore.cpp (open, close,
// shared helpers), sqliteschema.cpp (migrations, from the .sql resources in sql/), sqliteingest.cpp
// (commit, the projection's upsert, catch-up, checkpoints, write faults), sqlitelog.cpp,
// sqlitefigures.cpp, sqlitemaintenance.cpp (retention, vacuum, deletion, redaction),
// sqliteactions.cpp (the outbox), sqliteimport.cpp (imports, the CSV export's pages) and
// sqliteprojectioncheck.cpp; the projection's rule, which ingest and the check
// share, in sqliteprojection.cpp. The roles share the writer's state (the next id, the search index's watermark, the
// redacted-bodies flag, the checkpointer, the prune run), which one object keeps consistent without handing it between
// classes.
#pragma once

#include "store/store.h"

#include <memory>

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_context;
struct sqlite3_value;

namespace peanuts {

struct SqlBind;
class SqliteCheckpointer;

class SqliteStore : public Store
{
public:
    SqliteStore();
    ~SqliteStore() override;
    Q_DISABLE_COPY_MOVE(SqliteStore)

    bool open(const StoreConfig &config, QString *error) override;
    void close() override;
    QString lastError() const override { return m_lastError; }

    // IngestStore (sqliteingest.cpp)
    bool commit(QList<Delivery> &batch, QString *error) override;
    int catchUp(int maxRows) override;
    void afterAnswers() override;
    WriteFault lastWriteFault() const override { return m_lastFault; }
    bool setMaxSizeBytes(qint64 bytes) override;
    bool probeWrite(QString *error) override;
    // sqliteimport.cpp
    bool importDeliveries(QList<Delivery> &batch, ImportTally *tally, QString *error) override;

    // LogStore (sqlitelog.cpp)
    std::optional<QList<DeliveryRow>> deliveriesBefore(
        const DeliveryFilter &filter, qint64 beforeId, int limit) override;
    std::optional<QList<DeliveryRow>> deliveriesAfter(const DeliveryFilter &filter, qint64 afterId, int limit) override;
    std::optional<QList<DeliveryRow>> deliveriesAt(const DeliveryFilter &filter, qint64 offset, int limit) override;
    std::optional<qint64> countDeliveries(const DeliveryFilter &filter) override;
    std::optional<qint64> deliveryCount() override;
    std::optional<QList<DeliveryRow>> attempts(qint64 id) override;
    std::optional<Delivery> delivery(qint64 id) override;
    std::optional<QList<Delivery>> entryHistory(const QString &entryId) override;
    std::optional<EntryState> entry(const QString &entryId) override;
    std::optional<QList<EntryState>> entries() override;
    std::optional<QList<EntryRecord>> entryRecords(
        const QString &afterEntryId, qint64 fromMs, qint64 toMs, int limit) override; // sqliteimport.cpp

    // FiguresStore (sqlitefigures.cpp)
    std::optional<OutcomeCounters> counters() override;
    std::optional<EntryTotals> entryTotals(const EntryFilter &filter) override;
    std::optional<QList<qint64>> sumsBetween(const QStringList &commands, const QList<qint64> &bounds) override;
    std::optional<QList<CategoryTotal>> categoryTotals(const EntryFilter &filter) override;
    std::optional<QList<MinuteCounts>> minuteCounts(qint64 fromMs, qint64 toMs) override;
    bool beginRead() override;
    void endRead() override;

    // MaintenanceStore (sqlitemaintenance.cpp, sqliteprojectioncheck.cpp)
    int prune(const RetentionPolicy &policy, qint64 nowMs, int maxRows, bool *more = nullptr) override;
    std::optional<VacuumResult> vacuum() override;
    std::optional<QStringList> integrityCheck() override;
    std::optional<ProjectionCheck> checkProjection() override;
    bool deleteDeliveries(const QList<qint64> &ids) override;
    bool redactDeliveries(const QList<qint64> &ids) override;

    // ActionStore (sqliteactions.cpp)
    std::optional<QList<OutboxAction>> dueActions(qint64 nowMs, int perTarget, const QSet<qint64> &excluding) override;
    std::optional<qint64> nextDueMs() override;
    bool recordResults(const QList<ActionResult> &results) override;
    int addActions(const QList<PlannedAction> &actions, qint64 nowMs) override;
    std::optional<QList<CurrentEntry>> currentEntries(const QString &helperCommand) override;
    int recordFirings(const QList<Firing> &firings, qint64 nowMs,
        const std::function<QList<PlannedAction>(const QList<Firing> &fresh)> &plan) override;
    std::optional<QList<OutboxAction>> actionsOfDelivery(qint64 deliveryId) override;
    std::optional<QList<OutboxAction>> deadLetters(int limit) override;
    int retryDeadLetters(const QList<qint64> &ids, qint64 nowMs) override;
    int discardDeadLetters(const QList<qint64> &ids) override;
    std::optional<QHash<QString, ActionCounts>> actionCounts() override;
    std::optional<QList<OutgoingMinute>> outgoingMinutes(qint64 fromMs, qint64 toMs) override;
    int pruneDeadLetters(qint64 olderThanMs) override;
    QList<OutboxAction> committedActions() const override { return m_committedActions; }
    QList<OutboxAction> closeFolds(qint64 nowMs) override;
    std::optional<qint64> nextFoldCloseMs() const override;

    // For tests: the per-target limit on pending actions (kMaxPendingPerTarget).
    void setMaxPendingPerTarget(qint64 limit) { m_maxPendingPerTarget = limit; }

    static int schemaVersion();

private:
    using Bind = SqlBind;
    struct Prepared;

    // sqlitestore.cpp
    bool exec(const char *sql);
    qint64 scalar(const char *sql, qint64 fallback);
    QString errorText() const;
    // sqliteschema.cpp
    bool checkVersion(QString *error);
    bool migrate(QString *error);
    // sqliteingest.cpp
    bool prepareAll();
    // What fired for a delivery, decided by the entry's upsert in the row it writes anyway: offered
    // holds the records of the rule actions it plans (entries.fired), fresh those new to the entry.
    // Decided only when the event was applied; otherwise writeActionsOf() asks the entry's row.
    struct Firings
    {
        bool decided = false;
        QList<QByteArray> offered;
        QList<QByteArray> fresh;
    };
    bool writeOne(Delivery &delivery, OutcomeCounters &counts, Firings &firings);
    // peanuts_fire(fired, records): fired with the records it lacks appended; notes those in
    // m_firedByUpsert. Registered on the writer's connection only, for the upsert (upsertEntrySql()).
    static void fireFunction(sqlite3_context *context, int argc, sqlite3_value **argv);
    // In the transaction that deletes rows: saves the id counter (ids are never handed out twice).
    bool keepNextId();
    void noteWriteFault(qint64 batchBytes);
    static int walHook(void *self, sqlite3 *db, const char *name, int frames);
    // sqlitelog.cpp
    std::optional<QList<DeliveryRow>> rows(const QByteArray &sql, const QList<Bind> &binds);
    // sqlitemaintenance.cpp
    // Runs change for each id in one transaction, taking the body out of the search index first;
    // removesRows: the id counter is saved too, as the newest rows may be among them (keepNextId).
    // alsoChange, when set, runs for each id after change, in the same transaction.
    bool changeDeliveries(
        const QList<qint64> &ids, const char *change, bool removesRows, const char *alsoChange = nullptr);
    bool startPruneRun(const RetentionPolicy &policy);
    // sqliteactions.cpp
    struct ActionStatements;
    ActionStatements *actionStatements(); // prepared on first use; nullptr on failure
    void closeActions();
    // The pending counts per target, from the table (at open, and after rows went in bulk).
    bool loadPendingCounts();
    // In an open transaction: writes one action (pending, due at dueMs) unless its target is at the
    // limit, when the drop is counted instead. *id is the new row's, or 0 when it was dropped.
    bool insertAction(const PlannedAction &action, qint64 deliveryId, qint64 createdMs, qint64 dueMs, qint64 *id);
    // A rule's alerts (by kind, rule, target and title) after the first are folded into one more ("N
    // more; the latest: ..."), for kFoldWindowMs from the first: the first goes as it is, the fold is
    // one row due when the window closes, which later batches of the window update rather than adding
    // rows (each row costs a commit its pages in the table and its indexes). Batch by batch, a commit
    // gathers its firings (FoldedAlert) and flushFoldedAlerts() writes them into the open fold.
    struct FoldedAlert
    {
        PlannedAction latest;
        const Delivery *delivery = nullptr;
        int held = 0;
    };
    using FoldedAlerts = QHash<QString, FoldedAlert>;
    struct OpenFold
    {
        qint64 closesMs = 0;
        int held = 0; // firings in the fold row so far
        qint64 rowId = 0; // 0 until the fold has a row
    };
    static constexpr qint64 kFoldWindowMs = 1000;
    QHash<QString, OpenFold> m_openFolds; // the writer's, by fold key
    QList<qint64> m_closedFolds; // rows of folds whose window closed, waiting for closeFolds()
    // In commit()'s transaction: the delivery's planned actions its final outcome calls for. What is
    // written is appended to *written, as the dispatcher would claim it.
    bool writeActionsOf(
        const Delivery &delivery, const Firings &firings, FoldedAlerts &folded, QList<OutboxAction> *written);
    bool flushFoldedAlerts(const FoldedAlerts &folded);
    // A fold whose window closed: its row goes to m_closedFolds and the key is free again.
    void closeFold(const QString &key);
    // sqliteoutbox.cpp: the actions of ids still pending, as dueActions() reads them (closed folds are
    // handed over as the table holds them: a deletion or redaction meanwhile has its say).
    QList<OutboxAction> pendingActions(const QList<qint64> &ids);
    // One action of a delivery written in this transaction, as dueActions() would read it back.
    bool writeDeliveryAction(
        const PlannedAction &action, const Delivery &delivery, qint64 dueMs, QList<OutboxAction> *written);
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

    sqlite3 *m_db = nullptr;
    std::unique_ptr<SqliteCheckpointer> m_checkpointer; // the writer's; copies the WAL back on its own thread
    int m_framesAtCheckpoint = 0; // WAL frames when the checkpointer was last woken
    bool m_ownCheckpointDue = false; // the writer checkpoints itself in afterAnswers()
    QString m_lastError;
    Prepared *m_stmts = nullptr;
    qint64 m_nextId = 1;
    qint64 m_batchStartMs = 0; // when the batch being written began: its answers go out at its commit
    qint64 m_ftsUpto = 0; // deliveries up to this id are in the search index
    bool m_hasRedactedBodies = false; // redacted_bodies has rows: incoming bodies are looked up there
    bool m_readOnly = false;
    int m_readDepth = 0; // nested beginRead() calls; the outermost began the transaction
    PruneRun m_prune;
    // The outbox: pending actions per target, kept on the writer so that the limit costs no query.
    ActionStatements *m_actionStmts = nullptr;
    QHash<QString, qint64> m_pendingPerTarget;
    QByteArray m_actionKeyPrefix; // meta's action_key_prefix (idempotency keys); read when first needed
    const QByteArray &actionKeyPrefix();
    qint64 m_maxPendingPerTarget = kMaxPendingPerTarget;
    // Drops are logged, at most once a minute per target with the count since (headless runs have no
    // status bar to show them).
    struct DropNote
    {
        qint64 loggedMs = 0;
        qint64 unlogged = 0;
    };
    QHash<QString, DropNote> m_dropNotes;
    void noteDropped(const QString &target);
    QList<OutboxAction> m_committedActions; // the last commit()'s
    std::optional<QList<QByteArray>> m_firedByUpsert; // set by fireFunction() during the upsert's step
    // Storage faults
    WriteFault m_lastFault = WriteFault::None;
    qint64 m_maxSizeBytes = 0;
    qint64 m_defaultMaxPages = 0; // SQLite's own max_page_count, restored when the limit goes
};

} // namespace peanuts
