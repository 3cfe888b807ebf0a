// Accepts connections for QHttpServer, refusing those over the cap, and sweeps their deadlines.
#include "http/httpguard.h"

#include "http/connection.h"
#include "platform/logging.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <limits>

namespace peanuts {

HttpGuard::HttpGuard(const HttpLimits &limits, const std::optional<QSslConfiguration> &tls, QObject *parent)
    : QSslServer(parent)
    , m_limits(limits)
    , m_tls(tls.has_value())
{
    // Deadlines are checked by one timer rather than two per connection, and only while a
    // connection is open: an idle app must not wake for nothing (issue 15).
    m_sweepPeriodMs = qBound(20, qMin(limits.requestTimeoutMs, limits.idleTimeoutMs) / 4, 250);
    m_sweepTimer.setSingleShot(true);
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpGuard::sweep);
    if (!m_tls)
        return;
    setSslConfiguration(*tls);
    // QSslServer drops a client that has not finished its handshake in time, and one whose first
    // byte is not a TLS handshake record (plain HTTP to this port): closed, unanswered. It stops
    // accepting while this many sockets are in their handshake or not yet taken by QHttpServer; its
    // default, 30, would let 30 silent clients hold the port for a handshake timeout.
    setHandshakeTimeout(limits.handshakeTimeoutMs);
    setMaxPendingConnections(limits.maxConnections);
    connect(this, &QSslServer::startedEncryptionHandshake, this, &HttpGuard::onHandshakeStarted);
    connect(this, &QSslServer::errorOccurred, this, [](QSslSocket *socket, QAbstractSocket::SocketError) {
        qCInfo(lcHttp).noquote() << "TLS handshake with" << socket->peerAddress().toString()
                                 << "failed:" << socket->errorString();
    });
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
    if (!m_tls) {
        acceptPlain(handle);
        return;
    }
    if (atCap()) {
        // A 503 would need the handshake first, the very work the cap spares: closed unanswered.
        QTcpSocket socket;
        if (socket.setSocketDescriptor(handle)) {
            qCWarning(lcHttp) << "refusing a TLS connection from" << socket.peerAddress() << "- already"
                              << m_connections.size() << "open";
            socket.abort();
        }
        return;
    }
    // A QSslSocket, child of this server, that waits for the client's first byte: a handshake
    // record starts encryption (onHandshakeStarted), anything else closes it.
    QSslServer::incomingConnection(handle);
}

void HttpGuard::onHandshakeStarted(QSslSocket *socket)
{
    // Several clients may have passed the check in incomingConnection while in their handshakes.
    if (atCap()) {
        qCWarning(lcHttp) << "refusing a TLS connection from" << socket->peerAddress() << "- already"
                          << m_connections.size() << "open";
        socket->abort();
        socket->deleteLater();
        return;
    }
    // From here on readyRead means decrypted bytes: the Connection sees exactly what QHttpServer
    // will, and its inspect() is connected before QHttpServer's handler.
    Connection *connection = track(socket);
    // On encrypted, QSslServer's own slot runs first (it was connected first): it hands the socket
    // to QHttpServer, which connects its handler. The post-read slot goes in behind it.
    connect(
        socket, &QSslSocket::encrypted, connection,
        [connection, socket] { connect(socket, &QTcpSocket::readyRead, connection, &Connection::afterServerRead); },
        Qt::SingleShotConnection);
}

void HttpGuard::acceptPlain(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    if (atCap()) {
        qCWarning(lcHttp) << "refusing a connection from" << socket->peerAddress() << "- already"
                          << m_connections.size() << "open";
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(httpResponse(503, QByteArrayLiteral("{\"error\":\"too many connections\"}"),
            QByteArrayLiteral("Retry-After: 1\r\n"), true));
        socket->disconnectFromHost();
        return;
    }
    Connection *connection = track(socket);
    m_awaitingPostSlot.append(connection);
    addPendingConnection(socket);
}

Connection *HttpGuard::track(QTcpSocket *socket)
{
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
    return connection;
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
