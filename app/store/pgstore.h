// The PostgreSQL backend of Store, for team mode: several instances on one database, through Qt's
// QPSQL driver. The same roles and the same semantics as SqliteStore; what differs is decided by the
// database rather than by one writer's memory:
// - duplicates by a unique index (pgsql/pg-1.sql, deliveries_applied), so that two instances given
//   the same delivery apply it once;
// - ids by sequences, which never hand one out twice;
// - actions claimed by one instance (FOR UPDATE SKIP LOCKED) and sent once by the team;
// - migrations, pruning and imports by one instance at a time, under advisory locks.
//
// One class over one connection, its methods in a file per role: pgstore.cpp (open, migrations,
// shared helpers), pgingest.cpp, pglog.cpp, pgfigures.cpp, pgmaintenance.cpp, pgactions.cpp,
// pgimport.cpp. StoreConfig::path holds the postgresql:// URL (store/pgconnection.h).
#pragma once

#include "store/store.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <functional>
#include <memory>

namespace peanuts {

class PgStore : public Store
{
public:
    PgStore();
    ~PgStore() override;
    Q_DISABLE_COPY_MOVE(PgStore)

    bool open(const StoreConfig &config, QString *error) override;
    void close() override;
    QString lastError() const override { return m_lastError; }

    // IngestStore (pgingest.cpp)
    bool commit(QList<Delivery> &batch, QString *error) override;
    int catchUp(int maxRows) override;
    WriteFault lastWriteFault() const override { return m_lastFault; }
    bool setMaxSizeBytes(qint64 bytes) override;
    bool probeWrite(QString *error) override;
    QList<OutboxAction> committedActions() const override { return m_committedActions; }
    // pgimport.cpp
    bool importDeliveries(QList<Delivery> &batch, ImportTally *tally, QString *error) override;

    // LogStore (pglog.cpp)
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
        const QString &afterEntryId, qint64 fromMs, qint64 toMs, int limit) override;

    // FiguresStore (pgfigures.cpp)
    std::optional<OutcomeCounters> counters() override;
    std::optional<EntryTotals> entryTotals(const EntryFilter &filter) override;
    std::optional<QList<qint64>> sumsBetween(const QStringList &commands, const QList<qint64> &bounds) override;
    std::optional<QList<CategoryTotal>> categoryTotals(const EntryFilter &filter) override;
    std::optional<QList<MinuteCounts>> minuteCounts(qint64 fromMs, qint64 toMs) override;
    bool beginRead() override;
    void endRead() override;

    // MaintenanceStore (pgmaintenance.cpp)
    int prune(const RetentionPolicy &policy, qint64 nowMs, int maxRows, bool *more = nullptr) override;
    std::optional<VacuumResult> vacuum() override;
    std::optional<QStringList> integrityCheck() override;
    std::optional<ProjectionCheck> checkProjection() override;
    bool deleteDeliveries(const QList<qint64> &ids) override;
    bool redactDeliveries(const QList<qint64> &ids) override;

    // ActionStore (pgactions.cpp)
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

    // The team's rules (pgstore.cpp): the team_rules row; a save notifies every instance
    // (peanuts_rules), in the transaction that writes it.
    std::optional<QByteArray> rulesDocument() override;
    bool saveRulesDocument(const QByteArray &document, bool seedOnly) override;
    void watchRules(std::function<void()> changed) override; // LISTEN peanuts_rules on this connection

    static int schemaVersion();
    // This instance, as the actions it claims name it (unique per open store).
    QString instanceId() const { return m_instanceId; }
    // For tests: how long a claim on an action lasts before another instance may take it over.
    void setClaimLeaseMs(qint64 ms) { m_claimLeaseMs = ms; }
    // The connection, for the live feed (pglive.h) and tests; invalid while closed.
    QSqlDatabase database() const { return m_db; }

private:
    // pgstore.cpp: statements. run() prepares sql (cached by its text on this connection), binds
    // values in order and executes; false on failure, with m_lastError set. A null QVariant of a
    // type binds SQL NULL.
    bool run(QSqlQuery &query, const QString &sql, const QVariantList &binds = {});
    QSqlQuery *prepared(const QString &sql); // nullptr when it cannot be prepared
    bool runPrepared(const QString &sql, const QVariantList &binds, QSqlQuery **query = nullptr); // kept prepared
    bool exec(const QString &sql); // one unprepared statement, no result
    // Runs a kept-prepared query and hands each row to onRow.
    bool select(const QString &sql, const QVariantList &binds, const std::function<void(const QSqlQuery &)> &onRow);
    std::optional<qint64> scalar(const QString &sql, const QVariantList &binds = {});
    bool begin(const QString &mode = QString());
    bool commitTransaction();
    void rollback();
    bool noteError(const QSqlQuery &query);
    bool noteError(const QString &error);
    // QPSQL does not reconnect by itself. After a failed statement that ran outside a transaction (or
    // was its BEGIN), retried() opens the connection again when it is gone, and says whether the
    // statement may be run once more; a statement in a transaction fails with it, and the next one
    // outside reconnects. Attempts back off from 250 ms to 10 s while the server stays away.
    bool retried();
    bool connectionLost();
    bool reopen();
    bool usable(); // open, or opened again now
    bool writable(); // usable() and not a reader
    bool setUpSession(); // this connection's settings, after every open
    bool m_inTransaction = false;
    qint64 m_reconnectAtMs = 0; // ms since the epoch; no attempt before
    int m_reconnectDelayMs = 0;
    std::function<void()> m_rulesChanged; // watchRules()'s, subscribed again after a reconnect
    bool subscribeRules();
    // A transaction-scoped advisory lock of the team (kLockMigrate, kLockPrune, kLockImport): held by one
    // instance at a time, released at the transaction's end. tryLock: false at once when another holds it.
    enum AdvisoryLock : qint64 {
        kLockMigrate = 0x5045414e0001,
        kLockPrune = 0x5045414e0002,
        kLockImport = 0x5045414e0003,
    };
    bool advisoryLock(AdvisoryLock lock, bool tryLock, bool *taken = nullptr);
    // pgstore.cpp: the schema.
    bool migrate(QString *error);

    // pgingest.cpp
    // Whether the last failed statement was aborted by a deadlock or a serialization failure with another
    // instance: then its transaction is written again from the start, up to kConflictAttempts times.
    bool conflicted() const;
    static constexpr int kConflictAttempts = 5;
    struct Firings
    {
        bool decided = false;
        QList<QByteArray> offered;
        QList<QByteArray> fresh;
    };
    // One attempt at commit(): the batch's transaction, committed; false with it open on failure.
    bool writeBatch(QList<Delivery> &batch, QList<OutboxAction> *actionsWritten);
    bool writeOne(Delivery &delivery, OutcomeCounters &counts, Firings &firings);
    QVariantList entryBinds(const Delivery &delivery, Firings &firings);
    void noteWriteFault();

    // pgactions.cpp: in commit()'s transaction, the delivery's planned actions its final outcome calls
    // for, claimed by this instance; what is written is appended to *written.
    bool writeActionsOf(const Delivery &delivery, const Firings &firings, QList<OutboxAction> *written);

    // --- state of pglog.cpp / pgfigures.cpp ---
    // pglog.cpp: the log's rows that pass filter, then order (" AND id < ? ORDER BY ...") with its values.
    std::optional<QList<DeliveryRow>> filteredRows(
        const DeliveryFilter &filter, const QString &order, const QVariantList &orderBinds);

    // pgimport.cpp: one attempt at importDeliveries(): the batch's transaction, committed; false with it
    // open on failure. *counted: the tallies of this attempt.
    bool importBatch(QList<Delivery> &batch, ImportTally *counted);

    // --- state of pgmaintenance.cpp / pgimport.cpp ---
    // Where a run of prune() calls resumes: after the last row looked at, while the policy is the same.
    struct PruneRun
    {
        bool started = false;
        RetentionPolicy policy;
        qint64 afterMs = 0;
        qint64 afterId = 0;
    };
    PruneRun m_prune;
    // VACUUM FULL of these tables, one by one, giving up on a lock held longer than a few seconds.
    bool rewriteTables(const QStringList &tables);
    // Waits up to timeoutMs until every transaction that began before xid has ended; false if not.
    bool waitForOlderTransactions(qint64 xid, int timeoutMs);

    // --- state of pgactions.cpp ---
    QList<OutboxAction> m_committedActions; // the last commit()'s
    qint64 m_claimLeaseMs = 5 * 60 * 1000;
    // meta's action_key_prefix and the per-target limit, read once per connection (m_actionsReadOn).
    QString m_actionsReadOn;
    QByteArray m_actionKeyPrefix;
    qint64 m_maxPendingPerTarget = kMaxPendingPerTarget;
    bool readActionSettings();
    // Targets a count found at the limit, and until when their actions are dropped without counting again.
    QHash<QString, qint64> m_fullUntilMs;
    struct DropNote
    {
        qint64 loggedMs = 0;
        qint64 unlogged = 0;
    };
    QHash<QString, DropNote> m_dropNotes;
    void noteDropped(const QString &target);
    // In an open transaction: one pending action, claimed by claimedBy until claimUntilMs ("" and 0:
    // by nobody), unless its target is at the limit (then the drop is counted). *id: 0 when dropped.
    bool insertAction(const PlannedAction &action, qint64 deliveryId, qint64 createdMs, qint64 dueMs,
        const QString &claimedBy, qint64 claimUntilMs, qint64 *id);
    // In an open transaction: records that the rule fired for the entry; false when it had, or when
    // there is no such entry; nullopt on an error.
    std::optional<bool> fireOnce(const QString &entryId, const QByteArray &record);

    // --- shared ---
    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_instanceId;
    QString m_lastError;
    QString m_lastErrorCode; // the SQLSTATE of the last failed statement, when the server gave one
    WriteFault m_lastFault = WriteFault::None;
    bool m_readOnly = false;
    int m_readDepth = 0;
    QHash<QString, QSqlQuery *> m_prepared;
};

} // namespace peanuts
