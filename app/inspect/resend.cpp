// Edit and resend: the registry of what the window sent here, the editor's JSON check, the signed POST.
#include "inspect/resend.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <memory>

namespace peanuts {

void ResendRegistry::expect(const QByteArray &bodySha256, qint64 sourceId, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    m_expected.removeIf([nowMs](const auto &it) { return it.value().untilMs <= nowMs; });
    m_expected.insert(bodySha256, Expected {sourceId, nowMs + kExpireMs});
    m_count.store(int(m_expected.size()), std::memory_order_release);
}

qint64 ResendRegistry::take(const QByteArray &bodySha256, qint64 nowMs)
{
    // The receive path's usual case: nothing expected, no lock taken. expect() stores the count before
    // the window posts the bytes, so a delivery of them always finds it raised.
    if (m_count.load(std::memory_order_acquire) == 0)
        return 0;
    QMutexLocker lock(&m_mutex);
    const Expected expected = m_expected.take(bodySha256);
    m_count.store(int(m_expected.size()), std::memory_order_release);
    return expected.untilMs > nowMs ? expected.sourceId : 0;
}

QString jsonProblem(const QByteArray &body)
{
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError)
        return {};
    // Qt's offset is just past the byte it stopped at; lines and columns count characters, from 1.
    const QByteArray before = body.left(std::max(0, error.offset - 1));
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const int line = int(before.count('\n')) + 1;
    const int column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    return QCoreApplication::translate("JsonProblem", "line %1, column %2: %3")
        .arg(line)
        .arg(column)
        .arg(error.errorString());
}

void postSigned(QNetworkAccessManager *network, const QUrl &url, const QByteArray &body, const QByteArray &signature,
    QObject *context, std::function<void(const ResendAnswer &)> done)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-Peanuts-Signature", signature);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30'000);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *reply = network->post(request, body);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, timer, done = std::move(done)] {
        reply->deleteLater();
        ResendAnswer answer;
        answer.elapsedMs = timer->elapsed();
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->read(ResendAnswer::kMaxAnswerBytes);
        // An HTTP error status is an answer, not a failure to send.
        if (answer.status == 0)
            answer.error = reply->errorString();
        done(answer);
    });
}

} // namespace peanuts
