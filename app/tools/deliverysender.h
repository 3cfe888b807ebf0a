// Posts signed deliveries to a receiver, one or many: many at a steady rate over several keep-alive
// connections, each answer timed from the moment its request was handed to the network.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <vector>

class QNetworkAccessManager;
class QTimer;

namespace peanuts {

struct OutgoingDelivery
{
    QByteArray body; // sent byte for byte
    QByteArray signature; // X-Peanuts-Signature; empty: none sent
};

struct SendResult
{
    int status = 0; // 0: no HTTP answer (see error)
    QByteArray answer;
    QString error; // the network error when there was no answer
    qint64 latencyUs = 0;

    bool succeeded() const { return status >= 200 && status < 300; }
};

// The receiver's own webhook URL: http://HOST:PORT/webhook, through loopback unless it is bound to
// one specific other address.
QUrl localWebhookUrl(const QHostAddress &bind, quint16 port);

class DeliverySender : public QObject
{
    Q_OBJECT
public:
    explicit DeliverySender(const QUrl &url, QObject *parent = nullptr);
    ~DeliverySender() override;
    Q_DISABLE_COPY_MOVE(DeliverySender)

    // Deliveries a second; 0 (the default): as fast as the concurrency allows.
    void setRate(double perSecond) { m_rate = perSecond; }
    // Most requests in flight at once (default 32), over as many connections as that needs.
    void setConcurrency(int requests);
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Sends count deliveries, making each when its turn comes (make(index)), so that a long run
    // never holds more bodies than are in flight. answered() comes once for each, then finished().
    void start(int count, std::function<OutgoingDelivery(int index)> make);
    bool isRunning() const { return m_next < m_count || m_inFlight > 0; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

Q_SIGNALS:
    void answered(int index, const peanuts::SendResult &result);
    void finished();

private:
    void pump();
    void post(int index);

    QUrl m_url;
    double m_rate = 0;
    int m_concurrency = 32;
    int m_timeoutMs = 30000;
    int m_count = 0;
    int m_next = 0;
    int m_inFlight = 0;
    std::function<OutgoingDelivery(int)> m_make;
    std::vector<QNetworkAccessManager *> m_managers; // Qt opens at most 6 connections per host and manager
    QTimer *m_pace = nullptr;
    QElapsedTimer m_clock;
};

// Counts of answers by status, and their latencies, for the summary of a run.
class SendTally
{
public:
    void add(const SendResult &result);
    int sent() const { return m_sent; }
    bool allSucceeded() const { return m_sent > 0 && m_failed == 0; }
    // Latency at the fraction q (0.5, 0.99) by the nearest-rank method; 0 when nothing was sent.
    qint64 percentileUs(double q) const;
    // "sent 100 in 1.02 s (98.0/s)", the count of each status (with the first answer of a failing
    // one), and "latency p50 2.1 ms, p99 6.4 ms", one a line.
    QString summary(qint64 elapsedMs) const;

private:
    int m_sent = 0;
    int m_failed = 0;
    QMap<QString, int> m_byStatus; // "200", "401", "error: Connection refused"
    QMap<QString, QByteArray> m_firstAnswer;
    mutable std::vector<qint64> m_latencies;
};

} // namespace peanuts

Q_DECLARE_METATYPE(peanuts::SendResult)
