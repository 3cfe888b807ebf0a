// The HTTP face of the receiver: QHttpServer's parser, our limits (HttpGuard), and the routes:
// POST /webhook and /api/peanuts, GET /api/stats, /api/dashboard and /healthz.
#pragma once

#include "figures/figures.h"
#include "http/customresponses.h"
#include "http/httplimits.h"
#include "http/listenersecurity.h"
#include "inspect/resend.h"
#include "store/storeworker.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QPointer>
#include <atomic>

namespace peanuts {

class DeliveryStream;
class Pipeline;

class Connection;
class HttpGuard;
class SignatureVerifier;

struct FrontendConfig
{
    HttpLimits limits;
    qint64 futureSkewMs = 300'000;
    int rejectedRowsPerMinute = 60;
    qint64 rejectedBytesPerMinute = 256 * 1024; // of the rejected rows' bodies and headers
    FiguresConfig figures;
    QByteArray apiToken;
    // Plans each verified delivery's actions (rules, forwards) and hears of each refusal; may be null.
    Pipeline *pipeline = nullptr;
    // Hears of each delivery once it is answered (the headless stream); may be null. Outlives the frontend.
    DeliveryStream *stream = nullptr;
    // What the window's "Edit and resend" sent here: a delivery with those bytes links to its source.
    ResendRegistry *resends = nullptr;
    // What verified deliveries are answered; setCustomResponses() changes it while running.
    CustomResponses responses;
};

class HttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    // Deliveries go to store; the read API's queries go to reader (a read-only connection of their own).
    HttpFrontend(const FrontendConfig &config, SignatureVerifier *verifier, StoreWorker *store, StoreWorker *reader,
        QObject *parent = nullptr);
    ~HttpFrontend() override;
    Q_DISABLE_COPY_MOVE(HttpFrontend)

    // On the frontend's thread. Returns the port bound, or 0 with *error set: also when the address
    // is beyond loopback and security has neither TLS nor the allowance for plain HTTP.
    quint16 listenOn(const QHostAddress &address, quint16 port, const ListenerSecurity &security, QString *error);
    void stopListening();

    // Deliveries handed to the store whose answers have not been written yet.
    int inFlight() const { return m_inFlight.load(); }

    void setApiToken(const QByteArray &token);
    // On the frontend's thread: deliveries from now on are answered by these.
    void setCustomResponses(const CustomResponses &responses) { m_config.responses = responses; }
    // On the frontend's thread, when the receiver stops: custom responses still in their delay go now,
    // and those committed from now on go without one.
    void answerDelayedNow();

Q_SIGNALS:
    void listenerFailed(const QString &message);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Waiting
    {
        QPointer<Connection> connection;
        quint64 ticket = 0;
        bool custom = false; // a custom response: status, body (empty: the usual one) and delay below
        int status = 200;
        QByteArray body;
        int delayMs = 0;
    };
    struct Delayed
    {
        QPointer<Connection> connection;
        quint64 ticket;
        int status;
        QByteArray body;
    };
    void ingest(const QHttpServerRequest &request, Connection *connection, quint64 ticket);
    void serveFigures(const QHttpServerRequest &request, const QString &path, Connection *connection, quint64 ticket);
    bool authorized(const QHttpServerRequest &request) const;
    void recordRejected(Delivery &&delivery);
    void onCommitted(std::vector<IngestResult> &results);
    void answerDelayed(quint64 id);
    static QByteArray usualBody(Outcome outcome); // a committed delivery's answer, by its outcome
    void onRefused(const QHostAddress &peer, int status, const QByteArray &head, const QString &reason);

    FrontendConfig m_config;
    SignatureVerifier *m_verifier;
    StoreWorker *m_store;
    StoreWorker *m_reader;
    HttpGuard *m_guard = nullptr;

    QHash<quint64, Waiting> m_waiting;
    QHash<quint64, Delayed> m_delayed; // committed, answered when their custom delay ends
    quint64 m_nextDelayed = 1;
    bool m_stopping = false; // answerDelayedNow() ran: no more delays
    quint64 m_nextToken = 1;
    std::atomic<int> m_inFlight {0};

    qint64 m_rejectedWindowStartMs = 0;
    int m_rejectedInWindow = 0;
    qint64 m_rejectedBytesInWindow = 0;

    mutable QMutex m_tokenMutex;
    QByteArray m_apiTokenSha256;
};

} // namespace peanuts
