// The listening socket handed to QHttpServer::bind(): it caps connections, and gives each accepted
// socket a Connection that enforces the limits before QHttpServer reads a byte.
#pragma once

#include "http/httplimits.h"

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

namespace peanuts {

class Connection;

class HttpGuard : public QTcpServer
{
    Q_OBJECT
public:
    explicit HttpGuard(const HttpLimits &limits, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(HttpGuard)

    // Call after QHttpServer::bind(this): the server whose reads the limits can cut off.
    void attachServer(QObject *httpServer);

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
    void onPendingConnectionAvailable();
    void sweep();
    void scheduleSweep();
    void sweepSoon();

    HttpLimits m_limits;
    QPointer<QObject> m_httpServer;
    QSet<Connection *> m_connections;
    QList<QPointer<Connection>> m_awaitingPostSlot;
    QTimer m_sweepTimer;
    int m_sweepPeriodMs = 250;
};

} // namespace peanuts
