#include "pipeline/dispatcher.h"

#include "pipeline/notifier.h"
#include "pipeline/notifythrottle.h"
#include "pipeline/outgoing.h"
#include "pipeline/urlpolicy.h"
#include "platform/logging.h"

#include <QHash>
#include <QHostInfo>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <deque>

namespace peanuts {

namespace {

constexpr int kFlushEveryMs = 50; // results wait at most this long for their batch
constexpr int kFlushBatch = 256; // or go as soon as this many are there
constexpr int kClaimFactor = 4; // claimed per target: a few times what may be in flight
constexpr int kStopGraceMs = 1000; // requests in flight get this long at stop()
constexpr int kStopRecordMs = 2000; // and the last results this long to be recorded
constexpr int kRecordRetryMs = 1000;
constexpr int kPollMs = 1000; // a safety net while due rows are held back (in flight, cooling)
constexpr qint64 kLongestSleepMs = 60'000; // the clock may jump (suspend): look again at least this often
constexpr int kGatherNotificationsMs = 20; // handed-over notifications wait this long for more (one wake-up)

struct Attempt
{
    OutboxAction action;
    QString target;
    QUrl url;
    QPointer<QNetworkReply> reply;
    qint64 startMs = 0;
    QByteArray body;
    qint64 bodySize = 0;
    bool timedOut = false;
    bool abandoned = false; // stop() gave up on it: it stays pending
};

// Actions the writer handed over (Dispatcher::offer()), until the dispatcher's thread takes them.
struct OfferInbox
{
    enum class Wake { None, Soon, Now }; // the wake-up already posted
    QMutex mutex;
    QList<OutboxAction> actions;
    QSet<QString> overflowed; // targets with actions left out (kMaxOffered): claims bring them
    Wake posted = Wake::None;
};

struct Target
{
    std::deque<OutboxAction> queued; // claimed, waiting for a slot
    int active = 0;
    bool behind = false; // the outbox may hold due actions of it that are not queued: offers wait for a claim
    qint64 coolUntil = -1; // after a failure: nothing before it, then one attempt at a time until a success
};

} // namespace

// Lives on the dispatcher's thread; everything below runs there.
class DispatchEngine : public QObject
{
public:
    DispatchEngine(Dispatcher *q, Outbox *outbox, OfferInbox *inbox, Notifier *notifier, const DispatchConfig &config,
        Clock *clock, std::function<double()> random, std::atomic<int> *busy)
        : q(q)
        , outbox(outbox)
        , inbox(inbox)
        , notifier(notifier)
        , config(config)
        , clock(clock)
        , random(std::move(random))
        , busy(busy)
    {
    }

    void init()
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

    void setConfig(const DispatchConfig &c)
    {
        config = c;
        kick();
    }

    // Claims what is due; coalesces while a claim is under way.
    void pump()
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

    void claimed(QList<OutboxAction> due, std::optional<qint64> nextDueMs, int perTarget)
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
    void offersWaiting(bool urgent)
    {
        if (urgent)
            takeOffersAndGo();
        else if (!gatherTimer->isActive())
            gatherTimer->start(kGatherNotificationsMs);
    }

    void takeOffersAndGo()
    {
        if (!takeOffers())
            return;
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
    bool takeOffers()
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

    void startQueued()
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
    void kick()
    {
        if (kickPosted)
            return;
        kickPosted = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                kickPosted = false;
                if (stopping)
                    return;
                startQueued();
                if (moreDue && queuedStartable() < std::max(1, config.maxInFlightPerTarget))
                    pump();
                schedule();
                checkIdle();
            },
            Qt::QueuedConnection);
    }

    int queuedStartable() const
    {
        const qint64 now = clock->nowMs();
        int n = 0;
        for (const Target &target : targets) {
            if (target.coolUntil < 0 || now >= target.coolUntil)
                n += int(target.queued.size());
        }
        return n;
    }

    void schedule()
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

    void notifyNow(const OutboxAction &action)
    {
        known.insert(action.id);
        busy->fetch_add(1);
        throttle->offer(action.title, QString::fromUtf8(action.payload), action.deliveryId);
        ActionResult result;
        result.id = action.id;
        result.state = ActionState::Done;
        result.attempts = action.attempts + 1;
        result.answer.atMs = clock->nowMs();
        addResult(std::move(result));
    }

    void begin(OutboxAction action)
    {
        auto attempt = std::make_shared<Attempt>();
        attempt->target = action.target;
        attempt->url = QUrl(action.target);
        attempt->startMs = clock->nowMs();
        attempt->action = std::move(action);
        const OutboxAction &a = attempt->action;
        const UrlUse use = a.kind == ActionKind::Forward ? UrlUse::Forward : UrlUse::Alert;
        const QString refusal = checkOutgoingUrl(attempt->url, use, config.allowPrivateAlertUrls);
        if (!refusal.isEmpty())
            return finish(attempt, refusal, {}, {}, true);
        if (a.kind == ActionKind::Forward && a.body.isEmpty() && a.headers.isEmpty())
            return finish(attempt, QStringLiteral("the delivery was redacted"), {}, {}, true);
        if (a.kind == ActionKind::Forward && config.forwardSecret.isEmpty()) {
            return finish(
                attempt, QStringLiteral("no forwarding secret is set: forwards are signed with it"), {}, {}, false);
        }
        live.insert(attempt.get(), attempt);
        QHostAddress literal;
        if (use == UrlUse::Alert && !config.allowPrivateAlertUrls && !literal.setAddress(attempt->url.host())) {
            // Resolve first, so that a public-looking name for a private address is refused too.
            QHostInfo::lookupHost(attempt->url.host(), this, [this, attempt](const QHostInfo &info) {
                if (attempt->abandoned)
                    return;
                if (info.error() != QHostInfo::NoError)
                    return finish(attempt,
                        QStringLiteral("cannot resolve %1: %2").arg(info.hostName(), info.errorString()), {}, {},
                        false);
                const QString why = checkResolvedAddresses(
                    attempt->url.host(), info.addresses(), UrlUse::Alert, config.allowPrivateAlertUrls);
                if (!why.isEmpty())
                    return finish(attempt, why, {}, {}, true);
                send(attempt);
            });
            return;
        }
        send(attempt);
    }

    void send(const std::shared_ptr<Attempt> &attempt)
    {
        const OutgoingRequest out = buildOutgoingRequest(attempt->action, attempt->url, config);
        QNetworkReply *reply = nam->post(out.request, out.body);
        attempt->reply = reply;
        attempt->startMs = clock->nowMs();
        connect(reply, &QNetworkReply::readyRead, this,
            [attempt] { readBounded(*attempt->reply, attempt->body, attempt->bodySize); });
        connect(reply, &QNetworkReply::finished, this, [this, attempt] { replyFinished(attempt); });
        // The transfer timeout counts silence; this one bounds the whole attempt (a trickling answer).
        auto *deadline = new QTimer(reply);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, reply, [attempt, reply] {
            attempt->timedOut = true;
            reply->abort();
        });
        deadline->start(std::max(1, config.retry.timeoutMs));
    }

    void replyFinished(const std::shared_ptr<Attempt> &attempt)
    {
        QNetworkReply *reply = attempt->reply;
        if (!reply)
            return;
        reply->deleteLater();
        if (attempt->abandoned)
            return;
        readBounded(*reply, attempt->body, attempt->bodySize);
        HandlerAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (answer.status != 0) {
            for (const auto &[name, value] : reply->rawHeaderPairs())
                answer.headers += name + ": " + value + '\n';
        }
        answer.body = std::move(attempt->body);
        answer.bodySize = attempt->bodySize;
        const QString why
            = describeFailure(*reply, attempt->url, answer.status, attempt->timedOut, config.retry.timeoutMs);
        finish(attempt, why, std::move(answer), reply->rawHeader("Retry-After"), false);
    }

    // One attempt's end: Done, Pending again with its retry time, or Dead. refused: dead at once,
    // and the target is not to blame.
    void finish(const std::shared_ptr<Attempt> &attempt, const QString &error, HandlerAnswer answer,
        const QByteArray &retryAfter, bool refused)
    {
        live.remove(attempt.get());
        --inFlightCount;
        const qint64 now = clock->nowMs();
        answer.atMs = now;
        answer.durationMs = std::max<qint64>(0, now - attempt->startMs);
        const OutboxAction &a = attempt->action;
        ActionResult result;
        result.id = a.id;
        result.attempts = a.attempts + 1;
        result.error = error;
        Target &target = targets[attempt->target];
        --target.active;
        if (error.isEmpty()) {
            result.state = ActionState::Done;
            target.coolUntil = -1;
        } else if (refused) {
            result.state = ActionState::Dead;
        } else {
            const qint64 retryAt = now
                + retryDelayMs(config.retry, result.attempts, retryAfter, now, std::clamp(random(), 0.0, 0.999999));
            result.state = result.attempts >= config.retry.maxAttempts ? ActionState::Dead : ActionState::Pending;
            result.nextAttemptMs = result.state == ActionState::Pending ? retryAt : 0;
            // The target's backlog waits for the same time, so that it burns neither attempts nor slots.
            target.coolUntil = std::max(target.coolUntil, retryAt);
        }
        result.answer = std::move(answer);
        if (stopping && inFlightCount == 0 && graceTimer)
            QTimer::singleShot(0, this, [this] { drain(); });
        addResult(std::move(result));
    }

    void addResult(ActionResult result)
    {
        results.append(std::move(result));
        if (results.size() >= kFlushBatch)
            flush();
        else if (!flushTimer->isActive())
            flushTimer->start(kFlushEveryMs);
        kick();
    }

    void flush()
    {
        if (recording || results.isEmpty())
            return;
        recording = true;
        QList<ActionResult> batch;
        batch.swap(results);
        outbox->record(batch, this, [this, batch](bool ok) { recorded(batch, ok); });
    }

    void recorded(const QList<ActionResult> &batch, bool ok)
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

    void checkIdle()
    {
        const bool isIdle
            = !claiming && !recording && results.isEmpty() && inFlightCount == 0 && queuedStartable() == 0;
        if (isIdle && !wasIdle)
            Q_EMIT q->idle();
        wasIdle = isIdle;
    }

    // stop(): requests in flight get a short grace, then the rest is abandoned (still pending: it is
    // tried again next run), the results are recorded, and the thread ends.
    void beginStop()
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

    void drain()
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

    void finishStop()
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

    Dispatcher *q;
    Outbox *outbox;
    OfferInbox *inbox;
    QPointer<Notifier> notifier;
    NotifyThrottle *throttle = nullptr;
    DispatchConfig config;
    Clock *clock;
    std::function<double()> random;
    std::atomic<int> *busy;

    QNetworkAccessManager *nam = nullptr;
    QTimer *dueTimer = nullptr;
    QTimer *flushTimer = nullptr;
    QTimer *gatherTimer = nullptr;
    QTimer *graceTimer = nullptr;
    QHash<QString, Target> targets;
    QSet<qint64> known; // queued, in flight, or finished and not recorded yet: left out of claims
    QHash<Attempt *, std::shared_ptr<Attempt>> live;
    QList<ActionResult> results;
    std::optional<qint64> nextDue;
    int inFlightCount = 0;
    bool claiming = false;
    bool claimedOnce = false; // the inbox waits for the first claim's answer (takeOffers())
    bool again = false;
    bool moreDue = false;
    bool recording = false;
    bool kickPosted = false;
    bool wasIdle = false;
    bool stopping = false;
    bool draining = false;
    bool finished = false;
};

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
