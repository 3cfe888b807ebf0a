// Where each HTTP/1.1 request ends in a connection's byte stream, and whether it stays within the
// limits: the framing Connection applies ahead of QHttpServer, kept apart from the socket so that it
// can be driven with bytes alone (the fuzz targets do).
//
// The framer and QHttpServer 6.4 must hold one view of every request. QHttpServer's own parser is
// lenient in ways that change where a request ends (it drops every header when one line is malformed,
// joins folded lines, takes the first Content-Length, skips two unread bytes after a chunk), so the
// framer accepts only the strict subset of HTTP/1.1 that both read the same way and refuses the rest.
#pragma once

#include "http/httplimits.h"

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
        virtual void requestComplete() = 0; // may call hold()
        virtual void requestRefused(int status, const QString &reason) = 0; // nothing after this is consumed

    protected:
        ~Listener() = default;
    };

    RequestFramer(const HttpLimits &limits, Listener *listener);

    // Consumes bytes up to the end of the stream, a refusal, the end of a request that closes the
    // connection, or a hold(); returns how many it consumed.
    qint64 consume(const char *data, qint64 size);
    // From requestComplete(): consume() returns right after this request.
    void hold() { m_hold = true; }
    // Refused from outside (a timeout): nothing more is consumed.
    void stop();

    bool idle() const { return m_state == State::Idle; }
    bool stopped() const { return m_state == State::Refused; }
    // The last request closed the connection: nothing after it belongs to any request.
    bool finished() const { return m_state == State::Finished; }
    // The current request's head as received so far; empty between requests.
    const QByteArray &head() const { return m_head; }
    // The current request is a HEAD request: its answer carries no body.
    bool headMethod() const { return m_headMethod; }

    // The most header fields a request may have: with more, QHttpHeaderParser drops them all.
    static constexpr int kMaxFields = 100;
    // Chunked framing (sizes, extensions, CRLFs) allowed beyond the body's own bytes.
    static constexpr qint64 kMaxChunkOverhead = 64 * 1024;

private:
    enum class State { Idle, Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Refused, Finished };

    bool headLine();
    bool headComplete();
    void complete();
    void refuse(int status, const QString &reason);

    HttpLimits m_limits;
    Listener *m_listener;
    State m_state = State::Idle;
    QByteArray m_head; // the current request's head as received
    QByteArray m_line; // a chunk-size or trailer line in progress
    int m_headerLines = 0;
    bool m_close = false; // the current request closes the connection once complete
    bool m_headMethod = false;
    bool m_hold = false;
    qint64 m_remaining = 0; // bytes left in the body or the current chunk
    qint64 m_bodyBytes = 0; // body bytes so far (chunked)
    qint64 m_chunkOverhead = 0; // chunked framing bytes so far
};

} // namespace peanuts
