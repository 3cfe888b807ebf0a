// The dispatcher's engine, shared by dispatcher.cpp (claims, offers, results, stop) and
// dispatchattempt.cpp (one attempt of a notification, a POST or a forward). Private to app/pipeline.
#pragma once

#include "pipeline/dispatcher.h"

#include <QHash>
#include <QMutex>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <atomic>
#include <deque>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace peanuts {

class NotifyThrottle;

namespace dispatch {

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

} // namespace dispatch

// Lives on the dispatcher's thread; everything it does runs there.
class DispatchEngine : public QObject
{
public:
    using Attempt = dispatch::Attempt;
    using OfferInbox = dispatch::OfferInbox;
    using Target = dispatch::Target;

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

    void init();
    void setConfig(const DispatchConfig &c);

    // Claims what is due; coalesces while a claim is under way.
    void pump();
    void claimed(QList<OutboxAction> due, std::optional<qint64> nextDueMs, int perTarget);

    // Offers wait in the inbox: notifications alone for kGatherNotificationsMs (one wake-up for many
    // batches), anything else not at all.
    void offersWaiting(bool urgent);
    void takeOffersAndGo();
    // Fills the free slots, claims more when a target is behind, sets the next wake-up.
    void proceed();

    // Actions the writer just committed: queued as a claim would queue them, in commit order. A target
    // that is behind (older due actions wait in the outbox) or full takes none: they wait for a claim,
    // so that each target's actions still go in order. Before the first claim's answer nothing is taken
    // (that claim may bring older ones); claimed() takes them after it. Returns whether it took any.
    bool takeOffers();
    void startQueued();

    // After attempts finished: fill the slots they left, claim more when the backlog goes on.
    void kick();
    int queuedStartable() const;
    void schedule();
    void notifyNow(const OutboxAction &action);
    void begin(OutboxAction action);
    void send(const std::shared_ptr<Attempt> &attempt);
    void replyFinished(const std::shared_ptr<Attempt> &attempt);

    // One attempt's end: Done, Pending again with its retry time, or Dead. refused: dead at once,
    // and the target is not to blame.
    void finish(const std::shared_ptr<Attempt> &attempt, const QString &error, HandlerAnswer answer,
        const QByteArray &retryAfter, bool refused);
    void addResult(ActionResult result);
    void flush();
    void recorded(const QList<ActionResult> &batch, bool ok);
    void checkIdle();

    // stop(): requests in flight get a short grace, then the rest is abandoned (still pending: it is
    // tried again next run), the results are recorded, and the thread ends.
    void beginStop();
    void drain();
    void finishStop();
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

} // namespace peanuts
