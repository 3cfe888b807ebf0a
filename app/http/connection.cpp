// Per-connection limits ahead of QHttpServer, and in-order answers that may be written late.
#include "http/connection.h"

#include "platform/logging.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace peanuts {

namespace {

const char kConnectionProperty[] = "peanuts.connection";
// How long, and how much, a closing connection is drained before it is reset.
constexpr qint64 kLingerMs = 2000;
constexpr qint64 kMaxDrainBytes = 4 * 1024 * 1024;
// How often a connection that stopped reading looks whether its answers went out.
constexpr int kResumePollMs = 10;
// How much the framer is shown at a time, at least.
constexpr qint64 kFrameWindow = 4 * 1024;

QByteArray errorBody(const QString &message)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact);
}

// Qt's read buffer holds one whole request at most and a little more: QHttpServer keeps a request
// in it until the request is complete, and the rest waits in the kernel, where TCP slows the client.
qint64 readBufferSize(const HttpLimits &limits)
{
    return limits.maxHeaderBytes + limits.maxBodyBytes + RequestFramer::kMaxChunkOverhead + 64 * 1024;
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

Connection::Connection(QTcpSocket *socket, const HttpLimits &limits, QObject *httpServer)
    : QObject(socket)
    , m_socket(socket)
    , m_tls(qobject_cast<QSslSocket *>(socket))
    , m_httpServer(httpServer)
    , m_limits(limits)
    , m_framer(limits, this)
    , m_lastActivityMs(monotonicMs())
{
    socket->setProperty(kConnectionProperty, QVariant::fromValue(static_cast<QObject *>(this)));
    socket->setReadBufferSize(readBufferSize(limits));
    // Connected before QHttpServer's own handler, so every byte is inspected before it is parsed.
    connect(socket, &QTcpSocket::readyRead, this, &Connection::inspect);
    m_resumeTimer.setInterval(kResumePollMs);
    connect(&m_resumeTimer, &QTimer::timeout, this, &Connection::updateFlow);
}

Connection *Connection::of(QTcpSocket *socket)
{
    return qobject_cast<Connection *>(socket->property(kConnectionProperty).value<QObject *>());
}

QTcpSocket *Connection::socket() const
{
    return m_socket;
}

qint64 Connection::unsent() const
{
    // A QSslSocket's bytesToWrite() counts only what it has not encrypted yet; once encrypted, the
    // bytes wait in its TCP socket. Counted in encrypted bytes, a little more than the plain ones they
    // carry: the flow control below errs on the side of pausing.
    return m_tls ? m_tls->bytesToWrite() + m_tls->encryptedBytesToWrite() : m_socket->bytesToWrite();
}

void Connection::inspect()
{
    if (m_detached) {
        // Nobody else reads any more: drop what the client still sends, up to a point.
        m_drained += m_socket->skip(m_socket->bytesAvailable());
        if (m_closing && m_drained > kMaxDrainBytes)
            m_socket->abort();
        return;
    }
    const bool wasQuiet = quiet();
    frame();
    if (!m_detached)
        m_availableBeforeServer = m_socket->bytesAvailable();
    if (wasQuiet)
        Q_EMIT woke();
}

bool Connection::quiet() const
{
    return !m_closing && !m_paused && !m_detached && (m_framer.idle() || m_framer.finished()) && m_answers.empty();
}

void Connection::frame()
{
    while (!m_detached && !m_paused && !m_framer.stopped() && !m_framer.finished()
        && m_answers.aheadOfServer() < kMaxFramedAhead) {
        const qint64 available = m_socket->bytesAvailable();
        if (available <= m_framed)
            return;
        m_lastActivityMs = monotonicMs();
        // peek() copies from the read position: the window grows with what is framed already, so
        // that a large body costs a few copies, and a flood of small requests small ones.
        const QByteArray bytes = m_socket->peek(qMin(available, m_framed + qMax(kFrameWindow, m_framed)));
        const qint64 offered = bytes.size() - m_framed;
        const qint64 consumed = m_framer.consume(bytes.constData() + m_framed, offered);
        if (m_detached)
            return; // refused on the way
        m_framed += consumed;
        if (consumed < offered)
            return; // held, or the connection ends with this request
    }
}

void Connection::afterServerRead()
{
    if (m_detached)
        return;
    const qint64 available = m_socket->bytesAvailable();
    m_framed -= m_availableBeforeServer - available;
    m_availableBeforeServer = available;
    if (m_framed < 0 && !m_framer.finished()) {
        // Cannot happen while the two parsers agree; if it does, nothing the server read unchecked is
        // answered.
        qCWarning(lcHttp) << "closing a connection from" << m_socket->peerAddress()
                          << "- the server read past what the limits layer checked";
        m_answers.clear();
        m_socket->abort();
        return;
    }
    // The request that closes the connection has been read: the server reads nothing after it.
    // (After a chunked one it may have taken one byte more with the final CRLF; it goes unanswered.)
    if (m_framer.finished() && m_framed <= 0)
        detachServer();
}

void Connection::requestStarted()
{
    m_requestStartMs = monotonicMs();
}

void Connection::headReceived(bool close)
{
    m_current = m_answers.open(close, m_framer.headMethod());
}

void Connection::continueExpected()
{
    if (m_current)
        m_answers.expectContinue(*m_current);
    flush();
}

void Connection::requestComplete()
{
    m_lastCompleteMs = monotonicMs();
    m_requestStartMs = -1;
    m_current.reset();
    if (m_answers.aheadOfServer() >= kMaxFramedAhead)
        m_framer.hold();
}

std::optional<quint64> Connection::takeTicket()
{
    const std::optional<quint64> ticket = m_answers.handOver();
    if (!ticket) {
        // The server handed over a request the framer has not read whole: they disagree, and an
        // answer would go to a request nobody checked.
        qCWarning(lcHttp) << "closing a connection from" << m_socket->peerAddress()
                          << "- the server read a request the limits layer did not";
        m_answers.clear();
        m_socket->abort();
        return std::nullopt;
    }
    updateFlow();
    return ticket;
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
    if (m_closing)
        return;
    qCInfo(lcHttp).noquote() << "refused" << status << "from" << m_socket->peerAddress().toString() << "-" << reason;
    m_answers.refuse(m_current, status, errorBody(reason));
    m_current.reset();
    detachServer();
    Q_EMIT refused(status, m_framer.head(), reason);
    flush();
}

void Connection::detachServer()
{
    // QHttpServer stops reading this socket: the rest of an oversized body is never buffered.
    m_detached = true;
    if (m_httpServer)
        QObject::disconnect(m_socket, &QTcpSocket::readyRead, m_httpServer, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    m_drained += m_socket->skip(m_socket->bytesAvailable());
    m_framed = 0;
}

void Connection::answer(quint64 ticket, int status, const QByteArray &body, const QByteArray &extraHeaders)
{
    if (m_closing)
        return;
    if (m_answers.answer(ticket, status, body, extraHeaders))
        flush();
}

void Connection::flush()
{
    const bool connected = m_socket->state() == QAbstractSocket::ConnectedState;
    const auto write = [&](const QByteArray &bytes) {
        if (!connected)
            return;
        m_socket->write(bytes);
        m_written += bytes.size();
        m_unsentEnds.push_back(m_written);
    };
    while (std::optional<AnswerQueue::Answer> ready = m_answers.takeReady()) {
        write(ready->bytes);
        m_lastActivityMs = monotonicMs();
        if (ready->close) {
            closeNow();
            return;
        }
    }
    write(m_answers.takeContinue());
    updateFlow();
}

void Connection::updateFlow()
{
    if (m_closing)
        return;
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        if (m_paused)
            resumeReading(); // lets the disconnection be seen
        return;
    }
    const auto over = [this] {
        const qint64 sent = m_written - unsent();
        if (!m_unsentEnds.empty() && m_unsentEnds.front() <= sent) {
            m_pausedProgressMs = monotonicMs();
            while (!m_unsentEnds.empty() && m_unsentEnds.front() <= sent)
                m_unsentEnds.pop_front();
        }
        const qint64 waiting = m_answers.inServer() + qint64(m_unsentEnds.size());
        return waiting > kMaxWaitingAnswers || unsent() > kMaxWaitingAnswerBytes;
    };
    // Qt hands written answers to the kernel on its next pass; before judging the client, hand them
    // over now, so that only answers the client has not taken count.
    bool overLimit = over();
    if (overLimit && m_socket->flush())
        overLimit = over();
    if (overLimit && !m_paused)
        pauseReading();
    else if (!overLimit && m_paused)
        resumeReading();
}

void Connection::pauseReading()
{
    // Neither Qt nor QHttpServer reads on: Qt's buffer stops taking bytes from the kernel (it takes at
    // most one more), and readyRead, which both the framer and QHttpServer wait for, stays silent.
    m_paused = true;
    m_pausedProgressMs = monotonicMs();
    m_socket->setReadBufferSize(1);
    m_socket->blockSignals(true);
    m_resumeTimer.start();
}

void Connection::resumeReading()
{
    if (!m_paused)
        return;
    m_paused = false;
    m_resumeTimer.stop();
    m_lastCompleteMs = monotonicMs();
    m_socket->setReadBufferSize(readBufferSize(m_limits));
    m_socket->blockSignals(false);
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        // The disconnection happened while the socket was silent: tell QHttpServer now.
        Q_EMIT m_socket->disconnected();
        return;
    }
    // What arrived, or what QHttpServer asked to be read again, while the socket was silent.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(
            m_socket, [socket = m_socket] { Q_EMIT socket->readyRead(); }, Qt::QueuedConnection);
}

void Connection::closeNow()
{
    if (m_closing)
        return;
    resumeReading();
    m_closing = true;
    m_closingSinceMs = monotonicMs();
    m_answers.clear();
    detachServer();
    // Closing a socket with unread input makes the kernel send a reset, which can destroy the
    // answer before the client reads it (a 413 while the body is still coming). So: finish
    // writing, send FIN, keep draining, and let the client close; sweep() aborts a client that
    // lingers.
    // Over TLS the peer gets no close_notify: the answers carry their lengths, and an encrypted
    // socket has no way to send one without closing both directions.
    if (unsent() == 0) {
        halfClose();
        return;
    }
    const auto halfCloseWhenSent = [this] {
        if (unsent() == 0)
            halfClose();
    };
    // A QSslSocket signals bytesWritten as it encrypts, before the encrypted bytes reach its TCP
    // socket: only encryptedBytesWritten says that the kernel took them.
    if (m_tls)
        connect(m_tls, &QSslSocket::encryptedBytesWritten, this, halfCloseWhenSent);
    else
        connect(m_socket, &QTcpSocket::bytesWritten, this, halfCloseWhenSent);
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
    if (m_paused) {
        // Nor does one that stopped reading its answers.
        if (nowMs - m_pausedProgressMs > m_limits.idleTimeoutMs) {
            qCInfo(lcHttp) << "closing a connection from" << m_socket->peerAddress()
                           << "- its answers have not been read for" << m_limits.idleTimeoutMs << "ms";
            resumeReading();
            m_socket->abort();
        }
        return;
    }
    if (!m_framer.idle() && !m_framer.stopped() && !m_framer.finished() && m_requestStartMs >= 0
        && nowMs - m_requestStartMs > m_limits.requestTimeoutMs) {
        refuse(408,
            QStringLiteral("the request did not arrive whole within %1 s").arg(m_limits.requestTimeoutMs / 1000.0));
        return;
    }
    // A request complete here that QHttpServer never took over means the two disagreed on framing:
    // end the connection rather than let it hang (or let the server buffer what we never checked).
    const qsizetype completeAhead = m_answers.aheadOfServer() - (m_current ? 1 : 0);
    if (!m_detached && completeAhead > 0 && nowMs - m_lastCompleteMs > m_limits.requestTimeoutMs) {
        refuse(408,
            QStringLiteral("the request was not taken over by the server within %1 s")
                .arg(m_limits.requestTimeoutMs / 1000.0));
        return;
    }
    if ((m_framer.idle() || m_framer.finished()) && m_answers.empty()
        && nowMs - m_lastActivityMs > m_limits.idleTimeoutMs) {
        qCDebug(lcHttp) << "closing idle connection from" << m_socket->peerAddress();
        closeNow();
    }
}

} // namespace peanuts
