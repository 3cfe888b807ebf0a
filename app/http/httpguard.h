// The listening socket handed to QHttpServer::bind(): it caps connections, and gives each accepted
// socket a Connection that enforces the limits before QHttpServer reads a byte. Plain TCP, or TLS
// through QSslServer's own handshake when it is given a configuration.
#pragma once

#include "http/httplimits.h"

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTimer>
#include <optional>

class QSslSocket;

namespace peanuts {

class Connection;

class HttpGuard : public QSslServer
{
    Q_OBJECT
public:
    // Without tls every connection is plain TCP, and QSslServer's machinery is never used.
    explicit HttpGuard(const HttpLimits &limits, const std::optional<QSslConfiguration> &tls = std::nullopt,
        QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(HttpGuard)

    // Call after QHttpServer::bind(this): the server whose reads the limits can cut off.
    void attachServer(QObject *httpServer);

    bool servesTls() const { return m_tls; }
    int connectionCount() const { return int(m_connections.size()); }
    // The deadline sweep runs only while connections are open: every sweepPeriodMs() while one has a
    // request or an answer in flight, otherwise once, at the earliest idle deadline.
    bool sweepArmed() const { return m_sweepTimer.isActive(); }
    int sweepPeriodMs() const { return m_sweepPeriodMs; }

Q_SIGNALS:
    void connectionRefused(const QHostAddress &peer, int status, const QByteArray &head, const QString &reason);

protected:
    void incomingConnection(qintptr handle) override;

private:
    void acceptPlain(qintptr handle);
    void onHandshakeStarted(QSslSocket *socket);
    bool atCap() const { return m_connections.size() >= m_limits.maxConnections; }
    Connection *track(QTcpSocket *socket);
    void onPendingConnectionAvailable();
    void sweep();
    void scheduleSweep();
    void sweepSoon();

    HttpLimits m_limits;
    bool m_tls = false;
    QPointer<QObject> m_httpServer;
    QSet<Connection *> m_connections;
    QList<QPointer<Connection>> m_awaitingPostSlot;
    QTimer m_sweepTimer;
    int m_sweepPeriodMs = 250;
};

} // namespace peanuts
