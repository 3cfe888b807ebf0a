// Accepts connections for QHttpServer, refusing those over the cap, and sweeps their deadlines.
#include "http/httpguard.h"

#include "http/connection.h"
#include "platform/logging.h"

#include <QTcpSocket>

namespace peanuts {

HttpGuard::HttpGuard(const HttpLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
    // Deadlines are checked by one coarse timer rather than two timers per connection.
    m_sweepTimer.setInterval(qBound(20, qMin(limits.requestTimeoutMs, limits.idleTimeoutMs) / 4, 250));
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpGuard::sweep);
    m_sweepTimer.start();
}

void HttpGuard::attachServer(QObject *httpServer)
{
    m_httpServer = httpServer;
    // QHttpServer connects its readyRead handler when it takes the pending connection; this slot
    // runs after that, so the post-read slot lands behind QHttpServer's.
    connect(this, &QTcpServer::pendingConnectionAvailable, this, &HttpGuard::onPendingConnectionAvailable);
}

void HttpGuard::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    if (m_connections.size() >= m_limits.maxConnections) {
        qCWarning(lcHttp) << "refusing a connection from" << socket->peerAddress() << "- already"
                          << m_connections.size() << "open";
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(httpResponse(503, QByteArrayLiteral("{\"error\":\"too many connections\"}"),
            QByteArrayLiteral("Retry-After: 1\r\n"), true));
        socket->disconnectFromHost();
        return;
    }
    auto *connection = new Connection(socket, m_limits, m_httpServer);
    m_connections.insert(connection);
    connect(connection, &QObject::destroyed, this, [this, connection] { m_connections.remove(connection); });
    connect(connection, &Connection::refused, this,
        [this, socket](int status, const QByteArray &head, const QString &reason) {
            Q_EMIT connectionRefused(socket->peerAddress(), status, head, reason);
        });
    m_awaitingPostSlot.append(connection);
    addPendingConnection(socket);
}

void HttpGuard::onPendingConnectionAvailable()
{
    for (const QPointer<Connection> &connection : std::as_const(m_awaitingPostSlot)) {
        if (connection)
            connect(connection->socket(), &QTcpSocket::readyRead, connection, &Connection::afterServerRead);
    }
    m_awaitingPostSlot.clear();
}

void HttpGuard::sweep()
{
    const qint64 now = monotonicMs();
    // sweep() may close connections, which removes them from the set: iterate over a copy.
    const QList<Connection *> connections(m_connections.cbegin(), m_connections.cend());
    for (Connection *connection : connections)
        connection->sweep(now);
}

} // namespace peanuts
