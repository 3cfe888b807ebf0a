// Carries out the outbox after the answers went out, on a thread of its own: desktop notifications
// through the Notifier, outgoing POSTs and forwards through QNetworkAccessManager with bounded
// concurrency per target, retries with backoff (retrypolicy.h), then dead letters. Delivery is at
// least once: every request carries an Idempotency-Key that stays the same across retries.
#pragma once

#include "pipeline/action.h"
#include "pipeline/clock.h"
#include "pipeline/retrypolicy.h"

#include <QObject>
#include <QSet>
#include <QThread>
#include <functional>
#include <memory>
#include <optional>

namespace peanuts {

class Notifier;
class StoreWorker;

// What the dispatcher needs of storage. Both calls answer on the dispatcher's thread. In a run it is
// the writer (StoreOutbox); tests may give a model of their own.
class Outbox
{
public:
    virtual ~Outbox() = default;
    using Due = std::function<void(QList<OutboxAction> due, std::optional<qint64> nextDueMs)>;
    // Due actions (ActionStore::dueActions), and the earliest due time of what remains pending.
    virtual void claimDue(qint64 nowMs, int perTarget, const QSet<qint64> &excluding, QObject *context, Due done) = 0;
    virtual void record(const QList<ActionResult> &results, QObject *context, std::function<void(bool ok)> done) = 0;
};

// The writer's ActionStore, through StoreWorker::run.
std::unique_ptr<Outbox> makeStoreOutbox(StoreWorker *writer);

struct DispatchConfig
{
    RetryPolicy retry;
    int maxInFlightPerTarget = 8;
    QByteArray forwardSecret; // signs forwards (X-Peanuts-Signature); empty: forwards fail with an error
    bool allowPrivateAlertUrls = false; // alert and rule URLs to private addresses
};

class Dispatcher : public QObject
{
    Q_OBJECT
public:
    // notifier may be null (Notify actions are then logged). clock: the system's unless a test gives one.
    Dispatcher(std::unique_ptr<Outbox> outbox, Notifier *notifier, const DispatchConfig &config,
        Clock *clock = &Clock::system());
    ~Dispatcher() override; // stops
    Q_DISABLE_COPY_MOVE(Dispatcher)

    // Starts the dispatcher's thread and looks for due actions at once (pending ones from an earlier
    // run resume). stop(): waits for requests in flight up to a short grace, records what finished.
    void start();
    void stop();

    // Thread-safe. New actions were committed, or the clock moved: look for due ones now.
    void wake();
    // Thread-safe. Actions just committed, as dueActions() would read them: carried out without a claim.
    // What finds its target's queue full, or behind older pending actions, is left to a later claim, and
    // so is what would take more than kMaxOffered waiting to be taken.
    void offer(QList<OutboxAction> actions);
    static constexpr int kMaxOffered = 20'000;
    // Thread-safe.
    void setConfig(const DispatchConfig &config);
    // The jitter's source, a value in [0, 1) per retry; QRandomGenerator unless a test fixes it.
    // Call before start().
    void setRandomSource(std::function<double()> random01);

    // Thread-safe, for tests and the status bar: attempts in flight, results not yet recorded.
    int inFlight() const;

Q_SIGNALS:
    // After each recorded batch of results (on the dispatcher's thread): counts of this batch.
    void recorded(int delivered, int retrying, int dead);
    void idle(); // nothing in flight, nothing due before the next wake-up

private:
    struct Private;
    std::unique_ptr<Private> d;
    QThread m_thread;
};

} // namespace peanuts
