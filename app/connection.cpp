// Per-connection limits ahead of QHttpServer, and in-order answers that may be written late.
#include "connection.h"

#include "logging.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <cstring>
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

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
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
    if (m_state == State::Refused || m_closing) {
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
    consume(bytes.constData() + from, fresh);
}

void Connection::afterServerRead()
{
    if (m_state == State::Refused || m_closing)
        return;
    // What QHttpServer left unread (a pipelined request behind the one it handled) was inspected already.
    m_seenAhead = m_socket->bytesAvailable();
}

void Connection::consume(const char *data, qint64 size)
{
    while (size > 0) {
        switch (m_state) {
        case State::Idle:
            if (isSpace(*data)) { // QHttpServer skips blank lines between requests; so do we
                ++data;
                --size;
                continue;
            }
            m_state = State::Head;
            m_head.clear();
            m_headerLines = 0;
            m_requestStartMs = monotonicMs();
            break;
        case State::Head: {
            const auto *newline = static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
            const qint64 take = newline ? newline - data + 1 : size;
            if (m_head.size() + take > m_limits.maxHeaderBytes) {
                refuse(431, QStringLiteral("request headers exceed %1 bytes").arg(m_limits.maxHeaderBytes));
                return;
            }
            m_head.append(data, take);
            data += take;
            size -= take;
            if (!newline)
                break;
            if (++m_headerLines > m_limits.maxHeaderLines + 1) {
                refuse(431, QStringLiteral("more than %1 request header lines").arg(m_limits.maxHeaderLines));
                return;
            }
            if ((m_head.endsWith("\n\n") || m_head.endsWith("\n\r\n")) && !headComplete())
                return;
            break;
        }
        case State::Body:
        case State::ChunkData: {
            const qint64 take = qMin(size, m_remaining);
            data += take;
            size -= take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (m_state == State::Body) {
                    requestComplete();
                } else {
                    m_state = State::ChunkEnd;
                    m_line.clear();
                }
            }
            break;
        }
        case State::ChunkEnd:
            // Exactly CRLF after a chunk's data: QHttpServer 6.4 skips two bytes there unread, so
            // anything else would make the two parsers disagree on where the request ends.
            if (*data != (m_line.isEmpty() ? '\r' : '\n')) {
                refuse(400, QStringLiteral("malformed chunked body: chunk data is not followed by CRLF"));
                return;
            }
            if (m_line.isEmpty()) {
                m_line = "\r";
            } else {
                m_line.clear();
                m_state = State::ChunkSize;
            }
            ++data;
            --size;
            break;
        case State::ChunkSize:
        case State::Trailers: {
            const auto *newline = static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
            const qint64 take = newline ? newline - data + 1 : size;
            if (m_line.size() + take > 4096) {
                refuse(400, QStringLiteral("malformed chunked body: a line exceeds 4096 bytes"));
                return;
            }
            m_line.append(data, take);
            data += take;
            size -= take;
            if (!newline)
                break;
            // Lines end in CRLF, as QHttpServer 6.4 requires; it cannot read trailer fields at all.
            if (!m_line.endsWith("\r\n")) {
                refuse(400, QStringLiteral("malformed chunked body: a line does not end in CRLF"));
                return;
            }
            QByteArray line = m_line.trimmed();
            m_line.clear();
            if (m_state == State::Trailers) {
                if (!line.isEmpty()) {
                    refuse(400, QStringLiteral("trailer fields after a chunked body are not supported"));
                    return;
                }
                requestComplete();
                break;
            }
            const qsizetype semicolon = line.indexOf(';');
            if (semicolon >= 0)
                line = line.left(semicolon).trimmed();
            bool ok = !line.isEmpty() && line.size() <= 15;
            const qint64 chunk = ok ? line.toLongLong(&ok, 16) : 0;
            if (!ok || chunk < 0) {
                refuse(400, QStringLiteral("malformed chunked body: bad chunk size"));
                return;
            }
            if (m_bodyBytes + chunk > m_limits.maxBodyBytes) {
                refuse(413, QStringLiteral("body exceeds %1 bytes").arg(m_limits.maxBodyBytes));
                return;
            }
            m_bodyBytes += chunk;
            m_remaining = chunk;
            m_state = chunk == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::Refused:
            return;
        }
    }
}

bool Connection::headComplete()
{
    const QList<QByteArray> lines = m_head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        refuse(400, QStringLiteral("malformed request line"));
        return false;
    }
    bool close = requestLine[2] == "HTTP/1.0";
    bool chunked = false;
    bool expectContinue = false;
    qint64 contentLength = -1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = !value.isEmpty() && value.size() <= 18;
            for (char c : value)
                ok = ok && c >= '0' && c <= '9';
            const qint64 length = ok ? value.toLongLong() : -1;
            if (!ok || (contentLength >= 0 && contentLength != length)) {
                refuse(400, QStringLiteral("invalid Content-Length"));
                return false;
            }
            contentLength = length;
        } else if (name == "transfer-encoding") {
            chunked = chunked || value.toLower().contains("chunked");
        } else if (name == "connection") {
            const QByteArray v = value.toLower();
            if (v.contains("close"))
                close = true;
            else if (v.contains("keep-alive"))
                close = false;
        } else if (name == "expect") {
            if (value.toLower() != "100-continue") {
                refuse(417, QStringLiteral("only Expect: 100-continue is supported"));
                return false;
            }
            expectContinue = true;
        }
    }
    if (chunked && contentLength >= 0) {
        refuse(400, QStringLiteral("both Content-Length and Transfer-Encoding: chunked"));
        return false;
    }

    m_currentTicket = qint64(allocateTicket(close));
    if (contentLength > m_limits.maxBodyBytes) {
        refuse(413,
            QStringLiteral("body of %1 bytes exceeds the limit of %2 bytes")
                .arg(contentLength)
                .arg(m_limits.maxBodyBytes));
        return false;
    }
    if (chunked) {
        m_state = State::ChunkSize;
        m_bodyBytes = 0;
        m_line.clear();
    } else if (contentLength > 0) {
        m_state = State::Body;
        m_remaining = contentLength;
    } else {
        requestComplete();
        return true;
    }
    if (expectContinue) {
        m_slots[size_t(quint64(m_currentTicket) - m_firstTicket)].continuePending = true;
        flush();
    }
    return true;
}

void Connection::requestComplete()
{
    m_lastCompleteMs = monotonicMs();
    m_state = State::Idle;
    m_requestStartMs = -1;
    m_currentTicket = -1;
    m_head.clear();
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
    if (m_state == State::Refused || m_closing)
        return;
    qCInfo(lcHttp).noquote() << "refused" << status << "from" << m_socket->peerAddress().toString() << "-" << reason;
    const quint64 ticket = m_currentTicket >= 0 ? quint64(m_currentTicket) : allocateTicket(true);
    m_state = State::Refused;
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
    Q_EMIT refused(status, m_head, reason);
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
    if (m_state != State::Idle && m_state != State::Refused && m_requestStartMs >= 0
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
    if (m_state == State::Idle && m_slots.empty() && nowMs - m_lastActivityMs > m_limits.idleTimeoutMs) {
        qCDebug(lcHttp) << "closing idle connection from" << m_socket->peerAddress();
        closeNow();
    }
}

} // namespace peanuts
