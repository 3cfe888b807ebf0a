// One attempt of an outbox action on the dispatcher's thread: a notification through the throttle,
// or a POST or forward through QNetworkAccessManager, refused URLs and redacted forwards dead at once,
// the answer kept (bounded), and the result with its retry time or dead letter.
#include "pipeline/dispatchengine.h"

#include "pipeline/notifier.h"
#include "pipeline/notifythrottle.h"
#include "pipeline/outgoing.h"
#include "pipeline/urlpolicy.h"

#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <algorithm>

namespace peanuts {

using namespace dispatch;

void DispatchEngine::notifyNow(const OutboxAction &action)
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

void DispatchEngine::begin(OutboxAction action)
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
                return finish(attempt, QStringLiteral("cannot resolve %1: %2").arg(info.hostName(), info.errorString()),
                    {}, {}, false);
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

void DispatchEngine::send(const std::shared_ptr<Attempt> &attempt)
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

void DispatchEngine::replyFinished(const std::shared_ptr<Attempt> &attempt)
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
    const QString why = describeFailure(*reply, attempt->url, answer.status, attempt->timedOut, config.retry.timeoutMs);
    finish(attempt, why, std::move(answer), reply->rawHeader("Retry-After"), false);
}

// One attempt's end: Done, Pending again with its retry time, or Dead. refused: dead at once,
// and the target is not to blame.
void DispatchEngine::finish(const std::shared_ptr<Attempt> &attempt, const QString &error, HandlerAnswer answer,
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
        const qint64 retryAt
            = now + retryDelayMs(config.retry, result.attempts, retryAfter, now, std::clamp(random(), 0.0, 0.999999));
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

} // namespace peanuts
