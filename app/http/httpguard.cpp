// Accepts connections for QHttpServer, refusing those over the cap, and sweeps their deadlines.
#include "http/httpguard.h"

#include "http/connection.h"
#include "platform/logging.h"

#include <QTcpSocket>

#include <limits>

namespace peanuts {

HttpGuard::HttpGuard(const HttpLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
    // Deadlines are checked by one timer rather than two per connection, and only while a
    // connection is open: an idle app must not wake for nothing (issue 15).
    m_sweepPeriodMs = qBound(20, qMin(limits.requestTimeoutMs, limits.idleTimeoutMs) / 4, 250);
    m_sweepTimer.setSingleShot(true);
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpGuard::sweep);
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
    connect(connection, &QObject::destroyed, this, [this, connection] {
        m_connections.remove(connection);
        if (m_connections.isEmpty())
            m_sweepTimer.stop();
    });
    connect(connection, &Connection::woke, this, &HttpGuard::sweepSoon);
    // A new connection is quiet, with the latest idle deadline of all: it only needs the timer running.
    if (!m_sweepTimer.isActive())
        scheduleSweep();
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
    scheduleSweep();
}

void HttpGuard::scheduleSweep()
{
    if (m_connections.isEmpty()) {
        m_sweepTimer.stop();
        return;
    }
    // Only quiet connections: nothing can expire before the earliest idle deadline, and a request
    // starting earlier calls sweepSoon(). Otherwise the fine period, for the request deadlines.
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (const Connection *connection : std::as_const(m_connections)) {
        if (!connection->quiet()) {
            m_sweepTimer.start(m_sweepPeriodMs);
            return;
        }
        earliest = qMin(earliest, connection->idleDeadlineMs());
    }
    // sweep() closes a connection idle for more than the timeout: one millisecond past the deadline.
    const qint64 wait = qBound(qint64(0), earliest - monotonicMs() + 1, qint64(m_limits.idleTimeoutMs) + 1);
    m_sweepTimer.start(int(wait));
}

void HttpGuard::sweepSoon()
{
    if (!m_sweepTimer.isActive() || m_sweepTimer.remainingTime() > m_sweepPeriodMs)
        m_sweepTimer.start(m_sweepPeriodMs);
}

} // namespace peanuts
