// The dispatcher's public side, and its engine's bookkeeping: claims, actions handed over at commit,
// per-target queues, results recorded in batches, and stop(). One attempt is dispatchattempt.cpp's.
#include "pipeline/dispatcher.h"

#include "pipeline/dispatchengine.h"
#include "pipeline/notifier.h"
#include "pipeline/notifythrottle.h"
#include "platform/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <algorithm>

namespace peanuts {

using namespace dispatch;

void DispatchEngine::init()
{
    throttle = new NotifyThrottle(notifier, clock, this);
    nam = new QNetworkAccessManager(this); // on this thread, where its replies live
    nam->setAutoDeleteReplies(false);
    nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    dueTimer = new QTimer(this);
    dueTimer->setSingleShot(true);
    connect(dueTimer, &QTimer::timeout, this, [this] {
        kick();
        pump();
    });
    flushTimer = new QTimer(this);
    flushTimer->setSingleShot(true);
    connect(flushTimer, &QTimer::timeout, this, [this] { flush(); });
    gatherTimer = new QTimer(this);
    gatherTimer->setSingleShot(true);
    connect(gatherTimer, &QTimer::timeout, this, [this] { takeOffersAndGo(); });
    pump();
}

void DispatchEngine::setConfig(const DispatchConfig &c)
{
    config = c;
    kick();
}

// Claims what is due; coalesces while a claim is under way.
void DispatchEngine::pump()
{
    if (stopping || !nam)
        return;
    if (claiming) {
        again = true;
        return;
    }
    claiming = true;
    again = false;
    const int perTarget = kClaimFactor * std::max(1, config.maxInFlightPerTarget);
    outbox->claimDue(clock->nowMs(), perTarget, known, this,
        [this, perTarget](QList<OutboxAction> due, std::optional<qint64> nextDueMs) {
            claimed(std::move(due), nextDueMs, perTarget);
        });
}

void DispatchEngine::claimed(QList<OutboxAction> due, std::optional<qint64> nextDueMs, int perTarget)
{
    claiming = false;
    if (stopping)
        return;
    QHash<QString, int> counts;
    bool full = false;
    const qint64 now = clock->nowMs();
    for (OutboxAction &action : due) {
        if (known.contains(action.id))
            continue;
        // More is due when a target filled its share; a cooling target's backlog waits for its timer.
        if (++counts[action.target] >= perTarget) {
            const auto cooling = targets.constFind(action.target);
            full = full || cooling == targets.constEnd() || cooling->coolUntil <= now;
        }
        if (action.kind == ActionKind::Notify) {
            notifyNow(action);
            continue;
        }
        Target &target = targets[action.target];
        if (int(target.queued.size()) >= perTarget) {
            counts[action.target] = perTarget; // bounded: it is claimed again later
            continue;
        }
        known.insert(action.id);
        target.queued.push_back(std::move(action));
    }
    for (auto it = targets.begin(); it != targets.end(); ++it)
        it->behind = counts.value(it.key()) >= perTarget;
    moreDue = full;
    nextDue = nextDueMs;
    // What was handed over before this claim ran is in the inbox now: taken while what the claim
    // brought of it is still known, so that nothing is carried out twice.
    claimedOnce = true;
    takeOffers();
    startQueued();
    schedule();
    if (again)
        pump();
    checkIdle();
}

// Offers wait in the inbox: notifications alone for kGatherNotificationsMs (one wake-up for many
// batches), anything else not at all.
void DispatchEngine::offersWaiting(bool urgent)
{
    if (urgent)
        takeOffersAndGo();
    else if (!gatherTimer->isActive())
        gatherTimer->start(kGatherNotificationsMs);
}

void DispatchEngine::takeOffersAndGo()
{
    if (takeOffers())
        proceed();
}

void DispatchEngine::proceed()
{
    startQueued();
    if (moreDue && queuedStartable() < std::max(1, config.maxInFlightPerTarget))
        pump();
    schedule();
    checkIdle();
}

// Actions the writer just committed: queued as a claim would queue them, in commit order. A target
// that is behind (older due actions wait in the outbox) or full takes none: they wait for a claim,
// so that each target's actions still go in order. Before the first claim's answer nothing is taken
// (that claim may bring older ones); claimed() takes them after it. Returns whether it took any.
bool DispatchEngine::takeOffers()
{
    if (stopping || !claimedOnce)
        return false;
    QList<OutboxAction> actions;
    QSet<QString> overflowed;
    {
        QMutexLocker lock(&inbox->mutex);
        actions.swap(inbox->actions);
        overflowed.swap(inbox->overflowed);
        inbox->posted = OfferInbox::Wake::None;
    }
    gatherTimer->stop();
    for (const QString &target : std::as_const(overflowed)) {
        if (!target.isEmpty()) // notifications have no order to keep
            targets[target].behind = true;
    }
    moreDue = moreDue || !overflowed.isEmpty();
    const int perTarget = kClaimFactor * std::max(1, config.maxInFlightPerTarget);
    for (OutboxAction &action : actions) {
        if (known.contains(action.id))
            continue;
        if (action.kind == ActionKind::Notify) {
            notifyNow(action);
            continue;
        }
        Target &target = targets[action.target];
        if (target.behind || int(target.queued.size()) >= perTarget) {
            target.behind = true;
            moreDue = true;
            continue;
        }
        known.insert(action.id);
        target.queued.push_back(std::move(action));
    }
    return !actions.isEmpty() || !overflowed.isEmpty();
}

void DispatchEngine::startQueued()
{
    const qint64 now = clock->nowMs();
    for (auto it = targets.begin(); it != targets.end(); ++it) {
        Target &target = it.value();
        int limit = std::max(1, config.maxInFlightPerTarget);
        if (target.coolUntil >= 0) {
            if (now < target.coolUntil)
                continue;
            limit = 1; // one attempt tells whether the target is back
        }
        while (target.active < limit && !target.queued.empty()) {
            OutboxAction action = std::move(target.queued.front());
            target.queued.pop_front();
            ++target.active;
            ++inFlightCount;
            busy->fetch_add(1);
            begin(std::move(action));
        }
    }
}

// After attempts finished: fill the slots they left, claim more when the backlog goes on.
void DispatchEngine::kick()
{
    if (kickPosted)
        return;
    kickPosted = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            kickPosted = false;
            if (!stopping)
                proceed();
        },
        Qt::QueuedConnection);
}

int DispatchEngine::queuedStartable() const
{
    const qint64 now = clock->nowMs();
    int n = 0;
    for (const Target &target : targets) {
        if (target.coolUntil < 0 || now >= target.coolUntil)
            n += int(target.queued.size());
    }
    return n;
}

void DispatchEngine::schedule()
{
    if (stopping)
        return;
    const qint64 now = clock->nowMs();
    std::optional<qint64> wakeAt;
    if (nextDue && *nextDue > now)
        wakeAt = *nextDue;
    for (const Target &target : targets) {
        if (!target.queued.empty() && target.coolUntil > now)
            wakeAt = std::min(wakeAt.value_or(target.coolUntil), target.coolUntil);
    }
    qint64 delay;
    if (wakeAt)
        delay = std::clamp<qint64>(*wakeAt - now, 0, kLongestSleepMs);
    else if (nextDue) // due but held back (in flight, not recorded yet): those finish and wake us
        delay = kPollMs;
    else
        delay = kLongestSleepMs;
    dueTimer->start(int(delay));
}

void DispatchEngine::addResult(ActionResult result)
{
    results.append(std::move(result));
    if (results.size() >= kFlushBatch)
        flush();
    else if (!flushTimer->isActive())
        flushTimer->start(kFlushEveryMs);
    kick();
}

void DispatchEngine::flush()
{
    if (recording || results.isEmpty())
        return;
    recording = true;
    QList<ActionResult> batch;
    batch.swap(results);
    outbox->record(batch, this, [this, batch](bool ok) { recorded(batch, ok); });
}

void DispatchEngine::recorded(const QList<ActionResult> &batch, bool ok)
{
    recording = false;
    if (ok) {
        int delivered = 0, retrying = 0, dead = 0;
        for (const ActionResult &r : batch) {
            known.remove(r.id);
            (r.state == ActionState::Done ? delivered : r.state == ActionState::Dead ? dead : retrying) += 1;
        }
        busy->fetch_sub(int(batch.size()));
        Q_EMIT q->recorded(delivered, retrying, dead);
    } else {
        qCWarning(lcPipeline) << "cannot record" << batch.size() << "outgoing results; trying again";
        results = batch + results;
    }
    if (stopping) {
        if (results.isEmpty() || !ok)
            finishStop();
        else
            flush();
        return;
    }
    if (!results.isEmpty())
        flushTimer->start(ok ? (results.size() >= kFlushBatch ? 0 : kFlushEveryMs) : kRecordRetryMs);
    pump(); // what was recorded changed what is due
    checkIdle();
}

void DispatchEngine::checkIdle()
{
    const bool isIdle = !claiming && !recording && results.isEmpty() && inFlightCount == 0 && queuedStartable() == 0;
    if (isIdle && !wasIdle)
        Q_EMIT q->idle();
    wasIdle = isIdle;
}

// stop(): requests in flight get a short grace, then the rest is abandoned (still pending: it is
// tried again next run), the results are recorded, and the thread ends.
void DispatchEngine::beginStop()
{
    stopping = true;
    dueTimer->stop();
    if (inFlightCount == 0)
        return drain();
    graceTimer = new QTimer(this);
    graceTimer->setSingleShot(true);
    connect(graceTimer, &QTimer::timeout, this, [this] { drain(); });
    graceTimer->start(kStopGraceMs);
}

void DispatchEngine::drain()
{
    if (draining)
        return;
    draining = true;
    if (graceTimer)
        graceTimer->stop();
    const auto abandoned = live;
    for (const std::shared_ptr<Attempt> &attempt : abandoned) {
        attempt->abandoned = true;
        known.remove(attempt->action.id);
        busy->fetch_sub(1);
        if (attempt->reply)
            attempt->reply->abort();
    }
    live.clear();
    inFlightCount = 0;
    flushTimer->stop();
    if (results.isEmpty() && !recording)
        return finishStop();
    auto *deadline = new QTimer(this);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this] { finishStop(); });
    deadline->start(kStopRecordMs);
    flush();
}

void DispatchEngine::finishStop()
{
    if (finished)
        return;
    finished = true;
    if (throttle)
        throttle->flush(); // what was held is shown, and its timer stops
    const auto timers = findChildren<QTimer *>(Qt::FindDirectChildrenOnly);
    for (QTimer *timer : timers)
        timer->stop(); // deleted later on another thread: nothing may be left running
    delete nam;
    nam = nullptr;
    thread()->quit();
}

struct Dispatcher::Private
{
    std::unique_ptr<Outbox> outbox;
    Notifier *notifier = nullptr;
    DispatchConfig config;
    Clock *clock = nullptr;
    std::function<double()> random = [] { return QRandomGenerator::global()->generateDouble(); };
    std::atomic<int> busy {0};
    OfferInbox inbox;
    QMutex mutex; // guards engine and config against the thread-safe calls
    DispatchEngine *engine = nullptr;
};

Dispatcher::Dispatcher(std::unique_ptr<Outbox> outbox, Notifier *notifier, const DispatchConfig &config, Clock *clock)
    : d(std::make_unique<Private>())
{
    d->outbox = std::move(outbox);
    d->notifier = notifier;
    d->config = config;
    d->clock = clock ? clock : &Clock::system();
    m_thread.setObjectName(QStringLiteral("peanuts-dispatcher"));
}

Dispatcher::~Dispatcher()
{
    stop();
}

void Dispatcher::start()
{
    QMutexLocker lock(&d->mutex);
    if (d->engine)
        return;
    d->busy.store(0);
    {
        QMutexLocker inboxLock(&d->inbox.mutex); // what an earlier run left is pending: claimed at start
        d->inbox.actions.clear();
        d->inbox.overflowed.clear();
        d->inbox.posted = OfferInbox::Wake::None;
    }
    d->engine
        = new DispatchEngine(this, d->outbox.get(), &d->inbox, d->notifier, d->config, d->clock, d->random, &d->busy);
    d->engine->moveToThread(&m_thread);
    m_thread.start();
    DispatchEngine *engine = d->engine;
    QMetaObject::invokeMethod(
        engine, [engine] { engine->init(); }, Qt::QueuedConnection);
}

void Dispatcher::stop()
{
    DispatchEngine *engine = nullptr;
    {
        QMutexLocker lock(&d->mutex);
        engine = std::exchange(d->engine, nullptr);
    }
    if (!engine)
        return;
    QMetaObject::invokeMethod(
        engine, [engine] { engine->beginStop(); }, Qt::QueuedConnection);
    if (!m_thread.wait(kStopGraceMs + kStopRecordMs + 2000)) {
        qCWarning(lcPipeline) << "the dispatcher did not stop in time";
        m_thread.quit();
        m_thread.wait();
    }
    delete engine;
}

void Dispatcher::wake()
{
    QMutexLocker lock(&d->mutex);
    if (DispatchEngine *engine = d->engine) {
        QMetaObject::invokeMethod(
            engine,
            [engine] {
                engine->kick();
                engine->pump();
            },
            Qt::QueuedConnection);
    }
}

void Dispatcher::offer(QList<OutboxAction> actions)
{
    const bool urgent = std::any_of(
        actions.cbegin(), actions.cend(), [](const OutboxAction &a) { return a.kind != ActionKind::Notify; });
    QMutexLocker lock(&d->mutex);
    DispatchEngine *engine = d->engine;
    if (!engine || actions.isEmpty())
        return;
    OfferInbox &inbox = d->inbox;
    QMutexLocker inboxLock(&inbox.mutex);
    if (inbox.actions.size() + actions.size() > kMaxOffered) { // claims bring these
        for (const OutboxAction &a : std::as_const(actions))
            inbox.overflowed.insert(a.target);
    } else {
        inbox.actions += std::move(actions);
    }
    // One wake-up posted at a time; an urgent one goes out even when a gathering one is on its way.
    const OfferInbox::Wake wanted = urgent ? OfferInbox::Wake::Now : OfferInbox::Wake::Soon;
    if (inbox.posted >= wanted)
        return;
    inbox.posted = wanted;
    QMetaObject::invokeMethod(
        engine, [engine, urgent] { engine->offersWaiting(urgent); }, Qt::QueuedConnection);
}

void Dispatcher::setConfig(const DispatchConfig &config)
{
    QMutexLocker lock(&d->mutex);
    d->config = config;
    if (DispatchEngine *engine = d->engine)
        QMetaObject::invokeMethod(
            engine, [engine, config] { engine->setConfig(config); }, Qt::QueuedConnection);
}

void Dispatcher::setRandomSource(std::function<double()> random01)
{
    QMutexLocker lock(&d->mutex);
    d->random = std::move(random01);
}

int Dispatcher::inFlight() const
{
    return d->busy.load();
}

} // namespace peanuts
