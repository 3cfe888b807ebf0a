// "Edit and resend": a body the user edited in the inspector, signed and posted to this receiver or to
// a URL, and the link from what arrives here back to the delivery it came from. The app knows what it
// sent, so the link needs no header from the network.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QUrl>
#include <atomic>
#include <functional>

class QNetworkAccessManager;
class QObject;

namespace peanuts {

// What a resend was answered, or why it got no answer.
struct ResendAnswer
{
    int status = 0; // 0: no HTTP answer (error says why)
    QByteArray body; // at most kMaxAnswerBytes
    QString error;
    qint64 elapsedMs = 0;
    static constexpr qint64 kMaxAnswerBytes = 64 * 1024;
};

// What this app posted to its own receiver, by the body's SHA-256: the delivery that arrives with those
// bytes links to its source. Thread-safe: the window expects, the HTTP thread takes. An expectation
// is taken once, and lapses after kExpireMs if nothing arrives.
class ResendRegistry
{
public:
    void expect(const QByteArray &bodySha256, qint64 sourceId, qint64 nowMs);
    // The source of a delivery with these bytes, once; 0 when none is expected.
    qint64 take(const QByteArray &bodySha256, qint64 nowMs);
    static constexpr qint64 kExpireMs = 120'000;

private:
    struct Expected
    {
        qint64 sourceId = 0;
        qint64 untilMs = 0;
    };
    QMutex m_mutex;
    QHash<QByteArray, Expected> m_expected;
    std::atomic<int> m_count {0}; // m_expected's size, read without the lock
};

// Empty when body is one JSON value (as the receiver reads it); else "line L, column C: what is wrong".
QString jsonProblem(const QByteArray &body);

// Posts body to url as application/json, with signature (the lowercase hex HMAC-SHA256 of these exact
// bytes) in X-Peanuts-Signature. Redirects are not followed (a 307 would send the body on to wherever it points); the
// caller checks the URL first (checkOutgoingUrl). done runs on context's thread, once.
void postSigned(QNetworkAccessManager *network, const QUrl &url, const QByteArray &body, const QByteArray &signature,
    QObject *context, std::function<void(const ResendAnswer &)> done);

} // namespace peanuts
