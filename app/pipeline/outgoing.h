// One outgoing request of the dispatcher: what it sends (headers, body, signature) and what its
// answer comes to. Kept apart from the dispatcher's scheduling.
#pragma once

#include "pipeline/action.h"
#include "pipeline/dispatcher.h"

#include <QNetworkRequest>
#include <QUrl>

class QIODevice;
class QNetworkReply;

namespace peanuts {

struct OutgoingRequest
{
    QNetworkRequest request;
    QByteArray body;
};

// Forwards: the delivery's body byte for byte, the headers worth keeping, a new signature. Posts:
// the payload as JSON. Both: the Idempotency-Key, no redirects, no cookies, the attempt's timeout.
OutgoingRequest buildOutgoingRequest(const OutboxAction &action, const QUrl &url, const DispatchConfig &config);

// Whether a forward keeps a header of the delivery (its name in lower case).
bool keepForwardHeader(const QByteArray &lowerName);

// Reads what arrived: keeps at most kMaxAnswerBodyBytes in kept, counts all of it in size.
void readBounded(QIODevice &reply, QByteArray &kept, qint64 &size);

// Why a finished reply is a failure; empty when it is a success (2xx, complete).
QString describeFailure(const QNetworkReply &reply, const QUrl &url, int status, bool timedOut, int timeoutMs);

} // namespace peanuts
