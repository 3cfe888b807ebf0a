// Per-connection limits ahead of QHttpServer, and in-order answers that may be written late.
#include "connection.h"

#include "logging.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <sys/socket.h>

namespace peanuts {

namespace {

const char kConnectionProperty[] = "peanuts.connection";
// How long, and how much, a closing connection is drained before it is reset.
constexpr qint64 kLingerMs = 2000;
constexpr qint64 kMaxDrainBytes = 4 * 1024 * 1024;

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 417:
        return "Expectation Failed";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray errorBody(const QString &message)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact);
}

} // namespace

qint64 monotonicMs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

QByteArray httpResponse(int status, const QByteArray &body, const QByteArray &extraHeaders, bool close)
{
    QByteArray out;
    out.reserve(120 + body.size() + extraHeaders.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\nContent-Type: application/json\r\nContent-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n";
    out += extraHeaders;
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += body;
    return out;
}

Connection::Connection(QTcpSocket *socket, const HttpLimits &limits, QObject *httpServer)
    : QObject(socket)
    , m_socket(socket)
    , m_httpServer(httpServer)
    , m_limits(limits)
    , m_framer(limits, this)
    , m_lastActivityMs(monotonicMs())
{
    socket->setProperty(kConnectionProperty, QVariant::fromValue(static_cast<QObject *>(this)));
    // Connected before QHttpServer's own handler, so every byte is inspected before it is parsed.
    connect(socket, &QTcpSocket::readyRead, this, &Connection::inspect);
}

Connection *Connection::of(QTcpSocket *socket)
{
    return qobject_cast<Connection *>(socket->property(kConnectionProperty).value<QObject *>());
}

QTcpSocket *Connection::socket() const
{
    return m_socket;
}

void Connection::inspect()
{
    if (m_framer.stopped() || m_closing) {
        // Nobody else reads any more: drop what the client still sends, up to a point.
        m_drained += m_socket->skip(m_socket->bytesAvailable());
        if (m_closing && m_drained > kMaxDrainBytes)
            m_socket->abort();
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    if (available <= m_seenAhead)
        return;
    m_lastActivityMs = monotonicMs();
    const QByteArray bytes = m_socket->peek(available);
    const qint64 fresh = bytes.size() - m_seenAhead;
    const qint64 from = m_seenAhead;
    m_seenAhead = bytes.size();
    m_framer.consume(bytes.constData() + from, fresh);
}

void Connection::afterServerRead()
{
    if (m_framer.stopped() || m_closing)
        return;
    // What QHttpServer left unread (a pipelined request behind the one it handled) was inspected already.
    m_seenAhead = m_socket->bytesAvailable();
}

void Connection::requestStarted()
{
    m_requestStartMs = monotonicMs();
}

void Connection::headReceived(bool close)
{
    m_currentTicket = qint64(allocateTicket(close));
}

void Connection::continueExpected()
{
    m_slots[size_t(quint64(m_currentTicket) - m_firstTicket)].continuePending = true;
    flush();
}

void Connection::requestComplete()
{
    m_lastCompleteMs = monotonicMs();
    m_requestStartMs = -1;
    m_currentTicket = -1;
}

quint64 Connection::allocateTicket(bool close)
{
    Slot slot;
    slot.close = close;
    m_slots.push_back(slot);
    return m_nextTicket++;
}

quint64 Connection::takeTicket()
{
    // QHttpServer hands over requests in the order their heads completed here.
    if (m_nextHandedOut == m_nextTicket)
        allocateTicket(false);
    return m_nextHandedOut++;
}

void Connection::refuse(int status, const QString &reason)
{
    if (m_framer.stopped() || m_closing)
        return;
    m_framer.stop();
    requestRefused(status, reason);
}

void Connection::requestRefused(int status, const QString &reason)
{
    // The framer has stopped; once closing, nothing more is answered.
    if (m_closing)
        return;
    qCInfo(lcHttp).noquote() << "refused" << status << "from" << m_socket->peerAddress().toString() << "-" << reason;
    const quint64 ticket = m_currentTicket >= 0 ? quint64(m_currentTicket) : allocateTicket(true);
    detachServer();
    // Complete requests that QHttpServer had not reached yet will never be handled: say so honestly.
    for (quint64 t = m_nextHandedOut; t < ticket; ++t) {
        Slot &s = m_slots[size_t(t - m_firstTicket)];
        s.response = httpResponse(503,
            errorBody(QStringLiteral("not processed: a later request on this "
                                     "connection was refused; retry")),
            "Retry-After: 1\r\n");
        s.ready = true;
    }
    m_nextHandedOut = m_nextTicket;
    Slot &slot = m_slots[size_t(ticket - m_firstTicket)];
    slot.response = httpResponse(status, errorBody(reason), QByteArray(), true);
    slot.ready = true;
    slot.close = true;
    slot.continuePending = false;
    Q_EMIT refused(status, m_framer.head(), reason);
    flush();
}

void Connection::detachServer()
{
    // QHttpServer stops reading this socket: the rest of an oversized body is never buffered.
    if (m_httpServer)
        QObject::disconnect(m_socket, &QTcpSocket::readyRead, m_httpServer, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    m_socket->readAll();
    m_seenAhead = 0;
}

void Connection::answer(quint64 ticket, int status, const QByteArray &body, const QByteArray &extraHeaders)
{
    if (ticket < m_firstTicket || ticket >= m_nextTicket || m_closing)
        return;
    Slot &slot = m_slots[size_t(ticket - m_firstTicket)];
    if (slot.ready)
        return;
    slot.response = httpResponse(status, body, extraHeaders, slot.close);
    slot.ready = true;
    flush();
}

void Connection::flush()
{
    const bool connected = m_socket->state() == QAbstractSocket::ConnectedState;
    while (!m_slots.empty()) {
        Slot &front = m_slots.front();
        if (!front.ready) {
            if (front.continuePending && connected) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                front.continuePending = false;
            }
            return;
        }
        if (connected)
            m_socket->write(front.response);
        const bool close = front.close;
        m_slots.pop_front();
        ++m_firstTicket;
        m_lastActivityMs = monotonicMs();
        if (close) {
            closeNow();
            return;
        }
    }
}

void Connection::closeNow()
{
    if (m_closing)
        return;
    m_closing = true;
    m_closingSinceMs = monotonicMs();
    m_slots.clear();
    m_firstTicket = m_nextTicket;
    detachServer();
    // Closing a socket with unread input makes the kernel send a reset, which can destroy the
    // answer before the client reads it (a 413 while the body is still coming). So: finish
    // writing, send FIN, keep draining, and let the client close; sweep() aborts a client that
    // lingers.
    if (m_socket->bytesToWrite() == 0)
        halfClose();
    else
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0)
                halfClose();
        });
}

void Connection::halfClose()
{
    if (m_halfClosed)
        return;
    m_halfClosed = true;
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void Connection::sweep(qint64 nowMs)
{
    if (m_closing) {
        // A client that neither reads its answer nor closes does not keep the socket.
        if (nowMs - m_closingSinceMs > kLingerMs)
            m_socket->abort();
        return;
    }
    if (!m_framer.idle() && !m_framer.stopped() && m_requestStartMs >= 0
        && nowMs - m_requestStartMs > m_limits.requestTimeoutMs) {
        refuse(408,
            QStringLiteral("the request did not arrive whole within %1 s").arg(m_limits.requestTimeoutMs / 1000.0));
        return;
    }
    // A request complete here that QHttpServer never took over means the two disagreed on framing:
    // end the connection rather than let it hang (or let the server buffer what we never checked).
    const quint64 completeUpTo = m_currentTicket >= 0 ? quint64(m_currentTicket) : m_nextTicket;
    if (m_nextHandedOut < completeUpTo && nowMs - m_lastCompleteMs > m_limits.requestTimeoutMs) {
        refuse(408,
            QStringLiteral("the request was not taken over by the server within %1 s")
                .arg(m_limits.requestTimeoutMs / 1000.0));
        return;
    }
    if (m_framer.idle() && m_slots.empty() && nowMs - m_lastActivityMs > m_limits.idleTimeoutMs) {
        qCDebug(lcHttp) << "closing idle connection from" << m_socket->peerAddress();
        closeNow();
    }
}

} // namespace peanuts
