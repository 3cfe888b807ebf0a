// One client connection: watches its bytes ahead of QHttpServer to enforce the limits, and writes
// the answers in request order, whenever each becomes ready.
#pragma once

#include "http/answerqueue.h"
#include "http/httplimits.h"
#include "http/requestframer.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <optional>

class QSslSocket;
class QTcpSocket;

namespace peanuts {

class Connection : public QObject, private RequestFramer::Listener
{
    Q_OBJECT
public:
    // How far the answers may pile up before the connection stops reading (a client that pipelines
    // and never reads): answers handed to the server or written and not yet sent.
    static constexpr int kMaxWaitingAnswers = 64;
    static constexpr qint64 kMaxWaitingAnswerBytes = 1024 * 1024;
    // How many whole requests the framer reads ahead of QHttpServer.
    static constexpr int kMaxFramedAhead = 16;

    // The connection becomes a child of socket and lives as long as it does.
    Connection(QTcpSocket *socket, const HttpLimits &limits, QObject *httpServer);
    Q_DISABLE_COPY_MOVE(Connection)

    static Connection *of(QTcpSocket *socket);

    QTcpSocket *socket() const;

    // The ticket of the request QHttpServer hands over, in arrival order; nothing when the framer did
    // not read that request: the connection is then aborted, and the request must not be answered.
    std::optional<quint64> takeTicket();
    // Answers the request with this ticket; written once every earlier answer has been. A JSON body.
    void answer(quint64 ticket, int status, const QByteArray &body, const QByteArray &extraHeaders = QByteArray());

    bool readingPaused() const { return m_paused; }

    // Called by the guard's sweep with the monotonic time; closes what has overstayed.
    void sweep(qint64 nowMs);
    // Nothing in flight: no request begun, no answer owed, not paused or closing. Such a connection
    // has only the idle deadline, idleDeadlineMs(), for the sweep to watch.
    bool quiet() const;
    qint64 idleDeadlineMs() const { return m_lastActivityMs + m_limits.idleTimeoutMs; }

    // Slots wired around QHttpServer's own readyRead handler: before it and after it.
    void inspect();
    void afterServerRead();

Q_SIGNALS:
    // Bytes arrived on a quiet() connection: its request deadline needs the guard's fine sweep.
    void woke();
    // A request refused by the limits before QHttpServer saw it whole (400, 408, 413, 417, 431, 501).
    void refused(int status, const QByteArray &head, const QString &reason);

private:
    // What the framer reports of the bytes it was given.
    void requestStarted() override;
    void headReceived(bool close) override;
    void continueExpected() override;
    void requestComplete() override;
    void requestRefused(int status, const QString &reason) override;

    void frame();
    void refuse(int status, const QString &reason);
    void flush();
    void updateFlow();
    void pauseReading();
    void resumeReading();
    void closeNow();
    void halfClose();
    void detachServer();
    // What the socket holds and the kernel has not taken: over TLS, the encrypted bytes too.
    qint64 unsent() const;

    QTcpSocket *m_socket;
    QSslSocket *m_tls; // the same socket when it is a TLS one, else null
    QPointer<QObject> m_httpServer;
    HttpLimits m_limits;
    RequestFramer m_framer;
    AnswerQueue m_answers;
    std::optional<quint64> m_current; // the ticket of the request being received, once its head is read

    // Bytes at the socket's read position that the framer has read and QHttpServer not yet.
    qint64 m_framed = 0;
    qint64 m_availableBeforeServer = 0; // bytesAvailable() as QHttpServer's handler started
    bool m_detached = false; // QHttpServer reads no more of this socket

    // Answers written to the socket and not yet sent: where each ends in the written stream.
    std::deque<qint64> m_unsentEnds;
    qint64 m_written = 0;
    bool m_paused = false;
    qint64 m_pausedProgressMs = 0; // when a paused connection last got an answer out
    QTimer m_resumeTimer;

    bool m_closing = false;
    bool m_halfClosed = false;
    qint64 m_closingSinceMs = 0;
    qint64 m_drained = 0; // bytes dropped after a refusal or while closing

    qint64 m_requestStartMs = -1; // when the current request's first byte arrived
    qint64 m_lastActivityMs = 0;
    qint64 m_lastCompleteMs = 0; // when a request last arrived whole
};

// Milliseconds on a monotonic clock shared by the connections' deadlines.
qint64 monotonicMs();

} // namespace peanuts
