// Where each HTTP/1.1 request ends in a connection's byte stream, and whether it stays within the
// limits: the framing Connection applies ahead of QHttpServer, kept apart from the socket so that it
// can be driven with bytes alone (the fuzz target does).
#pragma once

#include "httplimits.h"

#include <QByteArray>
#include <QString>

namespace peanuts {

class RequestFramer
{
public:
    // Told of each step as the bytes arrive, in stream order.
    class Listener
    {
    public:
        virtual void requestStarted() = 0; // the first byte of a request (blank lines between requests do not count)
        virtual void headReceived(bool close) = 0; // a head that can be served: the request takes its place in line
        virtual void continueExpected() = 0; // Expect: 100-continue, and a body still to come
        virtual void requestComplete() = 0;
        virtual void requestRefused(int status, const QString &reason) = 0; // nothing after this is consumed

    protected:
        ~Listener() = default;
    };

    RequestFramer(const HttpLimits &limits, Listener *listener);

    void consume(const char *data, qint64 size);
    // Refused from outside (a timeout): nothing more is consumed.
    void stop();

    bool idle() const { return m_state == State::Idle; }
    bool stopped() const { return m_state == State::Refused; }
    // The current request's head as received so far; empty between requests.
    const QByteArray &head() const { return m_head; }

private:
    enum class State { Idle, Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Refused };

    bool headComplete();
    void complete();
    void refuse(int status, const QString &reason);

    HttpLimits m_limits;
    Listener *m_listener;
    State m_state = State::Idle;
    QByteArray m_head; // the current request's head as received
    QByteArray m_line; // a chunk-size or trailer line in progress
    int m_headerLines = 0;
    qint64 m_remaining = 0; // bytes left in the body or the current chunk
    qint64 m_bodyBytes = 0; // body bytes so far (chunked)
};

} // namespace peanuts
