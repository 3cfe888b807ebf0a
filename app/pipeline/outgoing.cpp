#include "pipeline/outgoing.h"

#include "ingest/signature.h"
#include "pipeline/urlpolicy.h"

#include <QNetworkReply>
#include <algorithm>

namespace peanuts {

bool keepForwardHeader(const QByteArray &lowerName)
{
    // What describes the body and the sender. Hop-by-hop and routing headers, cookies and credentials
    // stay behind; the signature is made anew.
    if (lowerName == "content-type" || lowerName == "user-agent")
        return true;
    return lowerName.startsWith("x-peanuts-") && lowerName != "x-peanuts-signature";
}

OutgoingRequest buildOutgoingRequest(const OutboxAction &action, const QUrl &url, const DispatchConfig &config)
{
    OutgoingRequest out;
    QNetworkRequest &request = out.request;
    request.setUrl(url);
    // A 307 or 308 would send the POST again, wherever it points.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Nothing one target answered goes to another: no cookie jar, no cached credentials, no cache.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(config.retry.timeoutMs);
    request.setRawHeader("Idempotency-Key", action.idempotencyKey);
    bool haveUserAgent = false;
    bool haveContentType = false;
    if (action.kind == ActionKind::Forward) {
        out.body = action.body;
        for (const QByteArray &line : action.headers.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.first(colon).trimmed();
            const QByteArray lower = name.toLower();
            if (!keepForwardHeader(lower))
                continue;
            request.setRawHeader(name, line.sliced(colon + 1).trimmed());
            haveUserAgent = haveUserAgent || lower == "user-agent";
            haveContentType = haveContentType || lower == "content-type";
        }
        request.setRawHeader("X-Peanuts-Signature", hmacSha256Hex(config.forwardSecret, out.body));
    } else {
        out.body = action.payload;
    }
    if (!haveContentType)
        request.setRawHeader("Content-Type", "application/json");
    if (!haveUserAgent)
        request.setRawHeader("User-Agent", QByteArrayLiteral("peanuts-monitor/" PEANUTS_VERSION));
    return out;
}

void readBounded(QIODevice &reply, QByteArray &kept, qint64 &size)
{
    while (reply.bytesAvailable() > 0) {
        const QByteArray chunk = reply.read(64 * 1024);
        if (chunk.isEmpty())
            break;
        size += chunk.size();
        const qsizetype room = kMaxAnswerBodyBytes - kept.size();
        if (room > 0)
            kept.append(chunk.first(std::min<qsizetype>(room, chunk.size())));
    }
}

QString describeFailure(const QNetworkReply &reply, const QUrl &url, int status, bool timedOut, int timeoutMs)
{
    const QNetworkReply::NetworkError error = reply.error();
    if (timedOut || error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError)
        return QStringLiteral("no complete answer within %1 ms").arg(timeoutMs);
    // Connection and proxy errors, or no HTTP status at all; a 200 whose body was cut short too.
    if (error != QNetworkReply::NoError && (status == 0 || error < QNetworkReply::ContentAccessDenied))
        return QStringLiteral("the request failed: %1").arg(reply.errorString());
    if (status >= 300 && status < 400) {
        const QUrl location = reply.attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        return location.isEmpty()
            ? QStringLiteral("HTTP %1: a redirect, not followed").arg(status)
            : QStringLiteral("redirect to %1 not followed").arg(redactedUrl(url.resolved(location)));
    }
    if (!isSuccessStatus(status)) {
        const QString phrase = reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        return phrase.isEmpty() ? QStringLiteral("HTTP %1").arg(status)
                                : QStringLiteral("HTTP %1 %2").arg(status).arg(phrase);
    }
    if (error != QNetworkReply::NoError)
        return QStringLiteral("the request failed: %1").arg(reply.errorString());
    return {};
}

} // namespace peanuts
