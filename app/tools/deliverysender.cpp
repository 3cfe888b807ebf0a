// The sender paces by the clock: at each tick it starts the deliveries whose time has come (index /
// rate seconds after the start), within the concurrency; a reply frees a slot and starts the next.
#include "tools/deliverysender.h"

#include "inspect/replay.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace peanuts {

namespace {
constexpr int kConnectionsPerManager = 6; // QNetworkAccessManager's limit per host
}

QUrl localWebhookUrl(const QHostAddress &bind, quint16 port)
{
    return QUrl(QStringLiteral("http://%1:%2/webhook").arg(replayHost(bind)).arg(port));
}

DeliverySender::DeliverySender(const QUrl &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    qRegisterMetaType<peanuts::SendResult>();
    m_pace = new QTimer(this);
    m_pace->setTimerType(Qt::PreciseTimer);
    m_pace->setInterval(1);
    connect(m_pace, &QTimer::timeout, this, &DeliverySender::pump);
}

DeliverySender::~DeliverySender() = default;

void DeliverySender::setConcurrency(int requests)
{
    m_concurrency = std::max(1, requests);
}

void DeliverySender::start(int count, std::function<OutgoingDelivery(int)> make)
{
    m_count = count;
    m_next = 0;
    m_inFlight = 0;
    m_make = std::move(make);
    const int managers
        = (std::min(m_concurrency, std::max(count, 1)) + kConnectionsPerManager - 1) / kConnectionsPerManager;
    while (int(m_managers.size()) < managers)
        m_managers.push_back(new QNetworkAccessManager(this));
    m_clock.start();
    if (m_count <= 0) {
        QTimer::singleShot(0, this, &DeliverySender::finished);
        return;
    }
    pump();
    if (m_rate > 0 && m_next < m_count)
        m_pace->start();
}

void DeliverySender::pump()
{
    while (m_next < m_count && m_inFlight < m_concurrency) {
        if (m_rate > 0) {
            // Delivery i is due i / rate seconds after the start.
            const double dueMs = 1000.0 * m_next / m_rate;
            if (double(m_clock.nsecsElapsed()) / 1e6 < dueMs)
                break;
        }
        post(m_next++);
    }
    if (m_next >= m_count)
        m_pace->stop();
}

void DeliverySender::post(int index)
{
    const OutgoingDelivery delivery = m_make(index);
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("peanuts-monitor-send/" PEANUTS_VERSION));
    if (!delivery.signature.isEmpty())
        request.setRawHeader("X-Peanuts-Signature", delivery.signature);
    // What a Peanuts delivery is: one HTTP/1.1 POST, whose answer is reported as it is (no redirect
    // followed, no HTTP/2 upgrade asked for).
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkAccessManager *manager = m_managers[size_t(index) % m_managers.size()];
    ++m_inFlight;
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = manager->post(request, delivery.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, index, timer] {
        reply->deleteLater();
        SendResult result;
        result.latencyUs = timer.nsecsElapsed() / 1000;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.answer = reply->readAll();
        if (result.status == 0)
            result.error = reply->errorString();
        --m_inFlight;
        Q_EMIT answered(index, result);
        pump();
        if (m_next >= m_count && m_inFlight == 0)
            Q_EMIT finished();
    });
}

void SendTally::add(const SendResult &result)
{
    ++m_sent;
    if (!result.succeeded())
        ++m_failed;
    const QString key = result.status ? QString::number(result.status) : QStringLiteral("error: ") + result.error;
    if (!m_byStatus.contains(key) && !result.succeeded())
        m_firstAnswer.insert(key, result.answer);
    ++m_byStatus[key];
    m_latencies.push_back(result.latencyUs);
}

qint64 SendTally::percentileUs(double q) const
{
    if (m_latencies.empty())
        return 0;
    std::sort(m_latencies.begin(), m_latencies.end());
    const auto rank = size_t(std::ceil(q * double(m_latencies.size())));
    return m_latencies[std::clamp(rank, size_t(1), m_latencies.size()) - 1];
}

QString SendTally::summary(qint64 elapsedMs) const
{
    const double seconds = std::max<qint64>(elapsedMs, 1) / 1000.0;
    QString text = QStringLiteral("sent %1 in %2 s (%3/s)\n")
                       .arg(m_sent)
                       .arg(seconds, 0, 'f', 2)
                       .arg(m_sent / seconds, 0, 'f', 1);
    for (auto it = m_byStatus.cbegin(); it != m_byStatus.cend(); ++it) {
        text += QStringLiteral("  %1: %2").arg(it.key()).arg(it.value());
        const QByteArray first = m_firstAnswer.value(it.key());
        if (!first.isEmpty())
            text += QStringLiteral("  (first answer: %1)").arg(QString::fromUtf8(first.left(200)));
        text += u'\n';
    }
    auto ms = [](qint64 us) { return QString::number(us / 1000.0, 'f', 1); };
    text += QStringLiteral("latency p50 %1 ms, p99 %2 ms\n").arg(ms(percentileUs(0.5)), ms(percentileUs(0.99)));
    return text;
}

} // namespace peanuts
