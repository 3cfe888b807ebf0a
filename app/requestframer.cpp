// The byte framing of HTTP/1.1 requests that Connection applies ahead of QHttpServer 6.4: it must
// agree with QHttpServer on where each request ends, and refuse what would exceed the limits.
#include "requestframer.h"

#include <QList>

#include <cstring>

namespace peanuts {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

} // namespace

RequestFramer::RequestFramer(const HttpLimits &limits, Listener *listener)
    : m_limits(limits)
    , m_listener(listener)
{
}

void RequestFramer::consume(const char *data, qint64 size)
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
            m_listener->requestStarted();
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
                    complete();
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
                complete();
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

bool RequestFramer::headComplete()
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

    m_listener->headReceived(close);
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
        complete();
        return true;
    }
    if (expectContinue)
        m_listener->continueExpected();
    return true;
}

void RequestFramer::complete()
{
    m_state = State::Idle;
    m_head.clear();
    m_listener->requestComplete();
}

void RequestFramer::refuse(int status, const QString &reason)
{
    if (m_state == State::Refused)
        return;
    m_state = State::Refused;
    m_listener->requestRefused(status, reason);
}

void RequestFramer::stop()
{
    m_state = State::Refused;
}

} // namespace peanuts
