// One client connection: watches its bytes ahead of QHttpServer to enforce the limits, and writes
// the answers in request order, whenever each becomes ready.
#pragma once

#include "httplimits.h"
#include "requestframer.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <deque>

class QTcpSocket;

namespace peanuts {

class Connection : public QObject, private RequestFramer::Listener
{
    Q_OBJECT
public:
    // The connection becomes a child of socket and lives as long as it does.
    Connection(QTcpSocket *socket, const HttpLimits &limits, QObject *httpServer);
    Q_DISABLE_COPY_MOVE(Connection)

    static Connection *of(QTcpSocket *socket);

    QTcpSocket *socket() const;

    // The ticket of the next complete request QHttpServer hands over, in arrival order.
    quint64 takeTicket();
    // Answers the request with this ticket; written once every earlier answer has been. A JSON body.
    void answer(quint64 ticket, int status, const QByteArray &body, const QByteArray &extraHeaders = QByteArray());

    // Called by the guard's sweep with the monotonic time; closes what has overstayed.
    void sweep(qint64 nowMs);

    // Slots wired around QHttpServer's own readyRead handler: before it and after it.
    void inspect();
    void afterServerRead();

Q_SIGNALS:
    // A request refused by the limits before QHttpServer saw it whole (413, 431, 400, 408).
    void refused(int status, const QByteArray &head, const QString &reason);

private:
    struct Slot
    {
        QByteArray response;
        bool ready = false;
        bool close = false;
        bool continuePending = false;
    };

    // What the framer reports of the bytes it was given.
    void requestStarted() override;
    void headReceived(bool close) override;
    void continueExpected() override;
    void requestComplete() override;
    void requestRefused(int status, const QString &reason) override;

    void refuse(int status, const QString &reason);
    quint64 allocateTicket(bool close);
    void flush();
    void closeNow();
    void halfClose();
    void detachServer();

    QTcpSocket *m_socket;
    QPointer<QObject> m_httpServer;
    HttpLimits m_limits;
    RequestFramer m_framer;
    qint64 m_seenAhead = 0; // buffered bytes already inspected that QHttpServer has not read yet

    // Answers by ticket: tickets are handed out in request order, and m_firstTicket is the front.
    std::deque<Slot> m_slots;
    quint64 m_firstTicket = 0;
    quint64 m_nextTicket = 0; // next ticket a complete head is given
    quint64 m_nextHandedOut = 0; // next ticket takeTicket() returns
    qint64 m_currentTicket = -1; // the ticket of the request being received, once its head is complete
    bool m_closing = false;
    bool m_halfClosed = false;
    qint64 m_closingSinceMs = 0;
    qint64 m_drained = 0; // bytes dropped after a refusal or while closing

    qint64 m_requestStartMs = -1; // when the current request's first byte arrived
    qint64 m_lastActivityMs = 0;
    qint64 m_lastCompleteMs = 0; // when a request last arrived whole
};

// Response bytes: status line, JSON content type, length, extra header lines ("Name: value\r\n"), body.
QByteArray httpResponse(
    int status, const QByteArray &body, const QByteArray &extraHeaders = QByteArray(), bool close = false);

// Milliseconds on a monotonic clock shared by the connections' deadlines.
qint64 monotonicMs();

} // namespace peanuts
