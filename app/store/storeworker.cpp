// Group commit on the store's own thread: every drain takes all that is queued as one transaction.
#include "store/storeworker.h"

#include "platform/logging.h"

#include <QDateTime>
#include <QMutexLocker>
#include <QTimer>

namespace peanuts {

StoreWorker::StoreWorker(std::unique_ptr<Store> store, const StoreConfig &config, QString *error)
    : m_store(std::move(store))
    , m_config(config)
{
    qRegisterMetaType<peanuts::BatchSummary>();
    m_catchUpTimer = new QTimer(this);
    m_catchUpTimer->setSingleShot(true);
    connect(m_catchUpTimer, &QTimer::timeout, this, &StoreWorker::catchUpStep);
    m_sinceCatchUp.start();
    m_writable = !config.readOnly;
    m_pruneTimer = new QTimer(this);
    connect(m_pruneTimer, &QTimer::timeout, this, &StoreWorker::startPruneRun);
    m_foldTimer = new QTimer(this);
    m_foldTimer->setSingleShot(true);
    connect(m_foldTimer, &QTimer::timeout, this, [this] {
        std::function<void(QList<OutboxAction>)> actionsCommitted;
        {
            QMutexLocker lock(&m_mutex);
            actionsCommitted = m_actionsCommitted;
        }
        if (m_open)
            handOverFolds(actionsCommitted);
    });
    m_probeTimer = new QTimer(this);
    m_probeTimer->setInterval(kProbeEveryMs);
    connect(m_probeTimer, &QTimer::timeout, this, &StoreWorker::probe);
    m_thread.setObjectName(QStringLiteral("store"));
    moveToThread(&m_thread);
    m_thread.start();
    // The connection belongs to the thread that opens it.
    QString openError;
    QMetaObject::invokeMethod(
        this,
        [&] {
            m_open = m_store->open(config, &openError);
            m_wasOpened = m_open;
            // Work queued after earlier answers (the search index) resumes where it stopped.
            if (m_open && !config.readOnly)
                scheduleCatchUp();
            // Dead letters are kept a bounded time whatever the policy for deliveries.
            if (m_open && !config.readOnly)
                m_pruneTimer->start(kPruneEveryMs);
        },
        Qt::BlockingQueuedConnection);
    if (error)
        *error = openError;
}

void StoreWorker::scheduleCatchUp()
{
    // Indexing waits until deliveries pause, so that it never slows acknowledgements under load.
    m_catchUpTimer->start(kIdleBeforeCatchUpMs);
}

void StoreWorker::catchUpStep()
{
    if (!m_open)
        return;
    m_sinceCatchUp.start();
    m_busyNs = 0;
    // Small steps, each its own transaction; a batch that arrives meanwhile goes first.
    if (m_store->catchUp(kCatchUpRows) > 0) {
        QMutexLocker lock(&m_mutex);
        if (m_inbox.empty())
            m_catchUpTimer->start(0);
    }
}

StoreWorker::~StoreWorker()
{
    shutdown();
}

void StoreWorker::setResultSink(ResultSink sink)
{
    QMutexLocker lock(&m_mutex);
    m_sink = std::move(sink);
}

void StoreWorker::setActionsCommitted(std::function<void(QList<OutboxAction>)> hook)
{
    QMutexLocker lock(&m_mutex);
    m_actionsCommitted = std::move(hook);
}

void StoreWorker::submit(quint64 token, Delivery &&delivery)
{
    bool schedule = false;
    {
        QMutexLocker lock(&m_mutex);
        m_inbox.push_back(Pending {token, std::move(delivery)});
        schedule = !m_drainScheduled;
        m_drainScheduled = true;
    }
    // One wake-up per batch, not per delivery: what arrives meanwhile joins the same transaction.
    if (schedule)
        QMetaObject::invokeMethod(this, &StoreWorker::drain, Qt::QueuedConnection);
}

void StoreWorker::run(std::function<void(Store &)> job)
{
    QMetaObject::invokeMethod(
        this, [this, job = std::move(job)] { job(*m_store); }, Qt::QueuedConnection);
}

void StoreWorker::drain()
{
    Q_ASSERT(QThread::currentThread() == &m_thread);
    std::vector<Pending> items;
    ResultSink sink;
    std::function<void(QList<OutboxAction>)> actionsCommitted;
    {
        QMutexLocker lock(&m_mutex);
        items.swap(m_inbox);
        m_drainScheduled = false;
        sink = m_sink;
        actionsCommitted = m_actionsCommitted;
    }
    if (items.empty())
        return;

    QElapsedTimer busy;
    busy.start();
    QList<Delivery> batch;
    batch.reserve(qsizetype(items.size()));
    for (Pending &p : items)
        batch.append(std::move(p.delivery));

    QString error;
    reopenIfDue();
    const bool ok = m_open && m_store->commit(batch, &error);
    if (!m_open)
        error = QStringLiteral("the database is not open");

    std::vector<IngestResult> results;
    results.reserve(items.size());
    BatchSummary summary;
    for (size_t i = 0; i < items.size(); ++i) {
        Delivery &d = batch[qsizetype(i)];
        if (ok) {
            ++summary.counts[size_t(d.outcome)];
            if (d.id)
                summary.ids.append(d.id);
        }
        results.push_back(IngestResult {items[i].token, std::move(d), ok, error});
    }
    if (ok)
        noteRecovered();
    else
        noteFault(error);
    if (sink)
        sink(std::move(results));
    // Sending starts once the answers are out.
    if (ok && actionsCommitted) {
        if (QList<OutboxAction> actions = m_store->committedActions(); !actions.isEmpty())
            actionsCommitted(std::move(actions));
    }
    if (ok)
        handOverFolds(actionsCommitted);
    m_store->afterAnswers();
    m_busyNs += busy.nsecsElapsed();
    if (ok) {
        Q_EMIT batchCommitted(summary);
        indexUnderLoad();
        scheduleCatchUp();
    }
}

// Folded alerts go once their window closes: now, or when the timer says so.
void StoreWorker::handOverFolds(const std::function<void(QList<OutboxAction>)> &actionsCommitted)
{
    if (QList<OutboxAction> closed = m_store->closeFolds(QDateTime::currentMSecsSinceEpoch());
        !closed.isEmpty() && actionsCommitted)
        actionsCommitted(std::move(closed));
    if (const std::optional<qint64> next = m_store->nextFoldCloseMs())
        m_foldTimer->start(int(std::clamp<qint64>(*next - QDateTime::currentMSecsSinceEpoch(), 0, 60'000)));
    else
        m_foldTimer->stop();
}

void StoreWorker::indexUnderLoad()
{
    const qint64 sinceNs = m_sinceCatchUp.nsecsElapsed();
    if (sinceNs < kCatchUpUnderLoadEveryMs * 1'000'000LL)
        return;
    const bool spareTime = m_busyNs * 100 <= sinceNs * kMaxBusyPercentForIndexing;
    m_sinceCatchUp.start();
    m_busyNs = 0;
    if (spareTime)
        m_store->catchUp(kCatchUpUnderLoadRows);
}

void StoreWorker::shutdown()
{
    if (!m_thread.isRunning())
        return;
    // Queued after every drain already scheduled, so all submitted deliveries are answered first.
    QMetaObject::invokeMethod(
        this,
        [this] {
            drain();
            m_catchUpTimer->stop();
            m_pruneTimer->stop();
            m_foldTimer->stop();
            m_probeTimer->stop();
            m_store->close();
            m_open = false;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void StoreWorker::setRetention(const RetentionPolicy &policy)
{
    QMetaObject::invokeMethod(
        this,
        [this, policy] {
            if (!m_writable)
                return;
            m_retention = policy;
            if (policy.keepsEverything() && policy.keepDeadLetterDays <= 0) {
                m_pruneTimer->stop();
                return;
            }
            if (!m_pruneTimer->isActive())
                m_pruneTimer->start(kPruneEveryMs);
            startPruneRun();
        },
        Qt::QueuedConnection);
}

void StoreWorker::setPruneChunkRows(int rows)
{
    QMetaObject::invokeMethod(
        this, [this, rows] { m_pruneRows = qMax(1, rows); }, Qt::QueuedConnection);
}

void StoreWorker::startPruneRun()
{
    Q_ASSERT(QThread::currentThread() == &m_thread);
    if (m_pruning || !m_open)
        return;
    pruneDeadLetters();
    if (m_retention.keepsEverything())
        return;
    m_pruning = true;
    m_prunedInRun = 0;
    pruneStep();
}

void StoreWorker::pruneDeadLetters()
{
    if (m_retention.keepDeadLetterDays <= 0)
        return;
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - qint64(m_retention.keepDeadLetterDays) * 86'400'000;
    const int removed = m_store->pruneDeadLetters(cutoff);
    if (removed < 0)
        qCWarning(lcStore) << "pruning dead letters failed, to be tried again in a minute:" << m_store->lastError();
    else if (removed > 0)
        qCInfo(lcStore) << "removed" << removed << "dead letters older than" << m_retention.keepDeadLetterDays
                        << "days";
}

void StoreWorker::pruneStep()
{
    Q_ASSERT(QThread::currentThread() == &m_thread);
    if (!m_open) {
        m_pruning = false;
        return;
    }
    bool more = false;
    const int removed = m_store->prune(m_retention, QDateTime::currentMSecsSinceEpoch(), m_pruneRows, &more);
    if (removed < 0)
        qCWarning(lcStore) << "pruning stopped, to be tried again in a minute:" << m_store->lastError();
    else
        m_prunedInRun += removed;
    m_pruning = more;
    if (!more && m_prunedInRun > 0)
        qCInfo(lcStore) << "pruned" << m_prunedInRun << "deliveries beyond the retention limits";
    Q_EMIT pruned(qMax(removed, 0), more);
    // Queued behind any batch that arrived during this step, so a batch waits for one step at most.
    if (more)
        QMetaObject::invokeMethod(this, &StoreWorker::pruneStep, Qt::QueuedConnection);
}

void StoreWorker::vacuum()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            const std::optional<VacuumResult> sizes = m_open ? m_store->vacuum() : std::nullopt;
            if (sizes)
                Q_EMIT vacuumed(sizes->bytesBefore, sizes->bytesAfter, QString());
            else
                Q_EMIT vacuumed(0, 0, m_open ? m_store->lastError() : tr("the database is not open"));
        },
        Qt::QueuedConnection);
}

// Storage faults ---------------------------------------------------------------------------------

QString StoreWorker::describeFault(WriteFault fault, qint64 maxSizeBytes, const QString &raw, TextLanguage language)
{
    auto text = [language](const char *source) { return displayText(language, "StoreWorker", source); };
    switch (fault) {
    case WriteFault::LimitReached:
        return text(QT_TRANSLATE_NOOP("StoreWorker",
                        "The database is full (limit %1 MB): deliveries are answered 503 until space is freed or the "
                        "limit is raised"))
            .arg(double(maxSizeBytes) / (1024 * 1024), 0, 'g', 6);
    case WriteFault::DiskFull:
        return text(
            QT_TRANSLATE_NOOP("StoreWorker", "The disk is full: deliveries are answered 503 until space is freed"));
    case WriteFault::ReadOnly:
        return text(QT_TRANSLATE_NOOP("StoreWorker",
            "The database file is read-only: deliveries are answered 503 until it can be written again"));
    case WriteFault::Io:
        return text(QT_TRANSLATE_NOOP("StoreWorker",
            "The database file cannot be written (I/O error): deliveries are answered 503 until it works again"));
    case WriteFault::Unreachable:
        return text(QT_TRANSLATE_NOOP(
            "StoreWorker", "The team database cannot be reached: deliveries are answered 503 until it is back"));
    case WriteFault::Busy:
        return text(QT_TRANSLATE_NOOP(
            "StoreWorker", "The database is locked by another program: deliveries are answered 503 until it lets go"));
    default:
        return text(QT_TRANSLATE_NOOP("StoreWorker",
                        "Deliveries cannot be stored (%1): deliveries are answered 503 until it works again"))
            .arg(raw);
    }
}

void StoreWorker::noteFault(const QString &raw)
{
    const WriteFault fault = m_open ? m_store->lastWriteFault() : WriteFault::Io;
    // A file that went read-only or failed under us is opened afresh before the next attempt: the
    // old handle may stay read-only or broken after the cause is gone. (A lost server connection is
    // the store's own to restore: Unreachable.)
    if (fault == WriteFault::ReadOnly || fault == WriteFault::Io)
        m_needsReopen = true;
    const QString message = describeFault(fault, m_config.maxSizeBytes, raw, TextLanguage::English);
    if (!m_faulted || message != m_faultMessage) {
        m_faulted = true;
        m_faultMessage = message;
        qCCritical(lcStore).noquote() << message << "- the database says:" << raw; // the log stays English
        Q_EMIT storeFault(describeFault(fault, m_config.maxSizeBytes, raw, TextLanguage::Translated));
    }
    if (!m_probeTimer->isActive())
        m_probeTimer->start();
}

void StoreWorker::noteRecovered()
{
    if (!m_faulted)
        return;
    m_faulted = false;
    m_faultMessage.clear();
    m_probeTimer->stop();
    qCInfo(lcStore) << "the store accepts writes again";
    Q_EMIT storeRecovered();
}

void StoreWorker::reopenIfDue()
{
    if (!m_wasOpened || (m_open && !m_needsReopen))
        return;
    if (m_sinceReopen.isValid() && m_sinceReopen.elapsed() < kReopenAtMostEveryMs)
        return;
    m_sinceReopen.start();
    m_store->close();
    QString error;
    m_open = m_store->open(m_config, &error);
    if (m_open) {
        m_needsReopen = false;
        qCInfo(lcStore) << "reopened the database after a write fault";
    } else {
        qCWarning(lcStore).noquote() << "reopening the database failed:" << error;
    }
}

void StoreWorker::probe()
{
    Q_ASSERT(QThread::currentThread() == &m_thread);
    if (!m_faulted) {
        m_probeTimer->stop();
        return;
    }
    {
        QMutexLocker lock(&m_mutex);
        if (!m_inbox.empty())
            return; // a drain is on its way and will tell
    }
    reopenIfDue();
    QString error;
    if (m_open && m_store->probeWrite(&error))
        noteRecovered();
    else
        noteFault(m_open ? error : QStringLiteral("the database is not open"));
}

void StoreWorker::setMaxSizeBytes(qint64 bytes)
{
    QMetaObject::invokeMethod(
        this,
        [this, bytes] {
            m_config.maxSizeBytes = bytes;
            if (m_open && !m_store->setMaxSizeBytes(bytes))
                qCWarning(lcStore).noquote() << "cannot change the size limit:" << m_store->lastError();
            if (m_faulted)
                probe();
        },
        Qt::QueuedConnection);
}

} // namespace peanuts
