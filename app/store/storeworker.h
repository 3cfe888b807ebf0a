// The store's own thread: group-commits queued deliveries, many per transaction, and runs read jobs
// between batches. Callers learn each delivery's fate only after its transaction has committed.
#pragma once

#include "ingest/delivery.h"
#include "platform/displaytext.h"
#include "store/store.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <functional>
#include <memory>
#include <vector>

class QTimer;

namespace peanuts {

// What the submitter gets back for one delivery: the stored outcome, or a failure.
struct IngestResult
{
    quint64 token = 0; // the submitter's own tag
    Delivery delivery; // with id and final outcome when committed
    bool committed = false;
    QString error; // why the commit failed
};

class StoreWorker : public QObject
{
    Q_OBJECT
public:
    using ResultSink = std::function<void(std::vector<IngestResult> &&)>;

    // Opens the store on a new thread; on failure *error says why and isOpen() is false.
    StoreWorker(std::unique_ptr<Store> store, const StoreConfig &config, QString *error);
    ~StoreWorker() override;
    Q_DISABLE_COPY_MOVE(StoreWorker)

    bool isOpen() const { return m_open; }

    // Where results go: called on the worker thread once per committed (or failed) batch.
    void setResultSink(ResultSink sink);

    // Thread-safe. Called on the worker thread after a committed batch that wrote at least one outbox
    // action, once its results went to the sink, with those actions (handed to the dispatcher).
    void setActionsCommitted(std::function<void(QList<OutboxAction>)> hook);

    // Thread-safe. Queues a delivery for the next batch.
    void submit(quint64 token, Delivery &&delivery);

    // Thread-safe. Runs job with the store on the worker thread, after the batches queued before it: a
    // read on a reader, a read or a write on the writer. The window's views go through askStore()
    // (services/storecall.h), which brings the answer back to their thread.
    void run(std::function<void(Store &)> job);

    // Blocks until everything submitted so far has been committed and reported, then closes the store.
    void shutdown();

    // Thread-safe. Keeps the deliveries within policy: prunes at once and then every minute, a small
    // transaction at a time, letting batches queued meanwhile commit between them. Dead letters older
    // than policy.keepDeadLetterDays go in the same runs, which a writer makes every minute even
    // before a policy is set.
    void setRetention(const RetentionPolicy &policy);
    // Thread-safe. Runs VACUUM on the store's thread; vacuumed() reports the sizes.
    void vacuum();
    // For tests: rows per prune transaction.
    void setPruneChunkRows(int rows);
    // Thread-safe. A new size limit for the writer (0: none); a fault it caused clears at once.
    void setMaxSizeBytes(qint64 bytes);
    // What a user is told about a write fault (the raw SQLite text goes to the log).
    static QString describeFault(
        WriteFault fault, qint64 maxSizeBytes, const QString &raw, TextLanguage language = TextLanguage::Translated);

Q_SIGNALS:
    // Emitted on the worker thread after each committed batch.
    void batchCommitted(const peanuts::BatchSummary &summary);
    // Emitted when a commit fails and when the store works again after failures.
    void storeFault(const QString &message);
    void storeRecovered();
    // Emitted on the worker thread after each prune transaction: rows removed, and whether the
    // run goes on.
    void pruned(int removed, bool more);
    // Emitted on the worker thread when a vacuum() request is done; error is empty on success.
    void vacuumed(qint64 bytesBefore, qint64 bytesAfter, const QString &error);

private:
    struct Pending
    {
        quint64 token;
        Delivery delivery;
    };
    void drain();
    void scheduleCatchUp();
    void catchUpStep();
    static constexpr int kCatchUpRows = 500;
    static constexpr int kIdleBeforeCatchUpMs = 100;
    void indexUnderLoad();
    void handOverFolds(const std::function<void(QList<OutboxAction>)> &actionsCommitted);
    QTimer *m_foldTimer = nullptr; // the worker thread's: when the next fold of alerts closes
    // Steady traffic never pauses for catchUpStep, so the index also moves in small steps between
    // batches, except while batches keep the writer busy, when a step would hold up the answers;
    // it catches up when deliveries pause (measurements: docs/performance.md).
    static constexpr int kCatchUpUnderLoadRows = 50;
    static constexpr int kCatchUpUnderLoadEveryMs = 100;
    static constexpr int kMaxBusyPercentForIndexing = 33;
    void startPruneRun();
    void pruneDeadLetters();
    void pruneStep();
    // Small steps: each pruned row in the search index costs its text's removal from the trigram
    // index (measurements: docs/performance.md, bench/prune.cpp).
    static constexpr int kPruneRows = 500;
    static constexpr int kPruneEveryMs = 60'000;
    // Faults: reopen the connection after I/O and read-only faults, probe until writes work.
    void noteFault(const QString &raw);
    void noteRecovered();
    void reopenIfDue();
    void probe();
    static constexpr int kProbeEveryMs = 2000;
    static constexpr int kReopenAtMostEveryMs = 1000;

    QThread m_thread;
    std::unique_ptr<Store> m_store;
    bool m_open = false;
    bool m_faulted = false;
    QTimer *m_catchUpTimer = nullptr; // the worker thread's
    QElapsedTimer m_sinceCatchUp;
    qint64 m_busyNs = 0; // the writer's time in batches since m_sinceCatchUp started
    ResultSink m_sink;
    std::function<void(QList<OutboxAction>)> m_actionsCommitted; // under m_mutex
    // The worker thread's: the retention policy and the run of prune transactions under way.
    bool m_writable = false;
    RetentionPolicy m_retention;
    QTimer *m_pruneTimer = nullptr;
    bool m_pruning = false;
    qint64 m_prunedInRun = 0;
    int m_pruneRows = kPruneRows;
    StoreConfig m_config;
    bool m_wasOpened = false;
    bool m_needsReopen = false;
    QString m_faultMessage;
    QTimer *m_probeTimer = nullptr; // the worker thread's; runs while faulted
    QElapsedTimer m_sinceReopen;

    QMutex m_mutex;
    std::vector<Pending> m_inbox;
    bool m_drainScheduled = false;
};

} // namespace peanuts
