// The byte framing of HTTP/1.1 requests that Connection applies ahead of QHttpServer 6.4: it must
// agree with QHttpServer on where each request ends, and refuse what would exceed the limits.
//
// What is accepted, and why QHttpServer 6.4 reads it the same way:
// - every line ends in CRLF; QHttpServer also takes a bare LF, so it ends no line earlier;
// - the request line is `method SP target SP HTTP/1.0|1.1` with a token method and a target of
//   visible characters, which QHttpServer's space-splitting reads identically;
// - a header line is `token ":" value`, the value free of control characters but HTAB. QHttpHeaderParser
//   drops every header of a block when one line is not of that form (a space before the colon, a
//   first line or any line starting with whitespace, no colon, a non-token name), or when it holds
//   more than 100 fields, which would take Content-Length and Transfer-Encoding away from it alone;
// - Content-Length: digits only, and every copy the same (QHttpServer reads the first);
// - Transfer-Encoding: chunked alone, never beside Content-Length; chunk sizes are hex digits, lines
//   and chunks end in CRLF (QHttpServer skips two bytes after a chunk unread, and reads a bad size as
//   the last chunk), and no trailer fields (QHttpServer cannot read them);
// - no WebSocket upgrade, which QHttpServer hands to a path that does not commit its read.
// A chunked request closes the connection: QHttpServer reads the CRLF that ends it two bytes at a
// time, and when those arrive in two reads it takes the next request's first byte with them.
#include "http/requestframer.h"

#include <QList>

#include <cstring>

namespace peanuts {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (c == '\0' || !isTokenChar(c))
            return false;
    }
    return true;
}

// A field value or chunk extension: visible characters, spaces, tabs and obs-text.
bool isFieldText(QByteArrayView s)
{
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u != '\t' && (u < 0x20 || u == 0x7f))
            return false;
    }
    return true;
}

bool isVisible(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return false;
    }
    return true;
}

bool isDigits(QByteArrayView s, qsizetype maxSize, bool hex)
{
    if (s.isEmpty() || s.size() > maxSize)
        return false;
    for (char c : s) {
        const bool digit = c >= '0' && c <= '9';
        const bool hexLetter = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!digit && !(hex && hexLetter))
            return false;
    }
    return true;
}

QByteArrayView trimmedField(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
        s.chop(1);
    return s;
}

} // namespace

RequestFramer::RequestFramer(const HttpLimits &limits, Listener *listener)
    : m_limits(limits)
    , m_listener(listener)
{
}

qint64 RequestFramer::consume(const char *data, qint64 size)
{
    const char *const begin = data;
    m_hold = false;
    while (size > 0 && !m_hold) {
        switch (m_state) {
        case State::Idle:
            if (isSpace(*data)) { // QHttpServer skips whitespace between requests; so do we
                ++data;
                --size;
                continue;
            }
            m_state = State::Head;
            m_head.clear();
            m_headerLines = 0;
            m_close = false;
            m_headMethod = false;
            m_listener->requestStarted();
            break;
        case State::Head: {
            const auto *newline = static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
            const qint64 take = newline ? newline - data + 1 : size;
            if (m_head.size() + take > m_limits.maxHeaderBytes) {
                refuse(431, QStringLiteral("request headers exceed %1 bytes").arg(m_limits.maxHeaderBytes));
                return data - begin;
            }
            m_head.append(data, take);
            data += take;
            size -= take;
            if (!newline)
                break;
            if (!headLine())
                return data - begin;
            // The blank line that ends the head (every line before it ends in CRLF).
            if (m_headerLines > 1 && m_head.endsWith("\r\n\r\n") && !headComplete())
                return data - begin;
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
        case State::Trailers:
            // Exactly CRLF after a chunk's data, and after the last chunk: QHttpServer 6.4 reads two
            // bytes there unchecked, so a wrong byte is refused before it reads it.
            if (*data != (m_line.isEmpty() ? '\r' : '\n')) {
                refuse(400,
                    m_state == State::Trailers ? QString::fromLatin1(
                        QT_TRANSLATE_NOOP("Reason", "trailer fields after a chunked body are not supported"))
                                               : QString::fromLatin1(QT_TRANSLATE_NOOP("Reason",
                                                   "malformed chunked body: chunk data is not followed by CRLF")));
                return data - begin;
            }
            ++m_chunkOverhead;
            ++data;
            --size;
            if (m_line.isEmpty()) {
                m_line = "\r";
            } else if (m_state == State::Trailers) {
                m_line.clear();
                complete();
            } else {
                m_line.clear();
                m_state = State::ChunkSize;
            }
            break;
        case State::ChunkSize: {
            const auto *newline = static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
            const qint64 take = newline ? newline - data + 1 : size;
            m_chunkOverhead += take;
            if (m_chunkOverhead > kMaxChunkOverhead) {
                refuse(413, QStringLiteral("chunked framing exceeds %1 bytes").arg(kMaxChunkOverhead));
                return data - begin;
            }
            m_line.append(data, take);
            data += take;
            size -= take;
            if (!newline)
                break;
            if (!m_line.endsWith("\r\n")) {
                refuse(400,
                    QString::fromLatin1(
                        QT_TRANSLATE_NOOP("Reason", "malformed chunked body: a line does not end in CRLF")));
                return data - begin;
            }
            const QByteArrayView line(m_line.constData(), m_line.size() - 2);
            const qsizetype semicolon = line.indexOf(';');
            const QByteArrayView digits = semicolon >= 0 ? line.first(semicolon) : line;
            if (!isDigits(digits, 15, true) || (semicolon >= 0 && !isFieldText(line.sliced(semicolon)))) {
                refuse(400,
                    QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "malformed chunked body: bad chunk size line")));
                return data - begin;
            }
            const qint64 chunk = QByteArray(digits.data(), digits.size()).toLongLong(nullptr, 16);
            m_line.clear();
            if (m_bodyBytes + chunk > m_limits.maxBodyBytes) {
                refuse(413, QStringLiteral("body exceeds %1 bytes").arg(m_limits.maxBodyBytes));
                return data - begin;
            }
            m_bodyBytes += chunk;
            m_remaining = chunk;
            m_state = chunk == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::Refused:
        case State::Finished:
            return data - begin;
        }
    }
    return data - begin;
}

// A line of the head has arrived whole (it is the end of m_head): check its form.
bool RequestFramer::headLine()
{
    if (!m_head.endsWith("\r\n")) {
        refuse(400, QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "request lines must end in CRLF")));
        return false;
    }
    const qsizetype end = m_head.size() - 2;
    const qsizetype start = m_head.lastIndexOf('\n', end - 1) + 1;
    const QByteArrayView line(m_head.constData() + start, end - start);
    if (++m_headerLines == 1) {
        // method SP target SP version, each separated by exactly one space.
        const qsizetype first = line.indexOf(' ');
        const qsizetype second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        const QByteArrayView version = second < 0 ? QByteArrayView() : line.sliced(second + 1);
        if (first < 0 || second < 0 || !isToken(line.first(first))
            || !isVisible(line.sliced(first + 1, second - first - 1))
            || (version != "HTTP/1.1" && version != "HTTP/1.0")) {
            refuse(400, QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "malformed request line")));
            return false;
        }
        m_headMethod = line.first(first) == "HEAD";
        return true;
    }
    if (line.isEmpty())
        return true; // the blank line: the caller completes the head
    if (m_headerLines - 1 > qMin(m_limits.maxHeaderLines, kMaxFields)) {
        refuse(
            431, QStringLiteral("more than %1 request header fields").arg(qMin(m_limits.maxHeaderLines, kMaxFields)));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0 || !isToken(line.first(colon))) {
        refuse(400,
            QString::fromLatin1(
                QT_TRANSLATE_NOOP("Reason", "malformed header line: a field is a token, a colon and a value")));
        return false;
    }
    if (!isFieldText(line.sliced(colon + 1))) {
        refuse(400,
            QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "malformed header line: a control character in a value")));
        return false;
    }
    return true;
}

bool RequestFramer::headComplete()
{
    const qsizetype requestLineEnd = m_head.indexOf("\r\n");
    const bool http10 = m_head.first(requestLineEnd).endsWith("HTTP/1.0");
    bool close = false;
    bool keepAlive = false;
    int transferEncodings = 0;
    bool chunked = false;
    bool expectContinue = false;
    bool upgradeConnection = false;
    QByteArray upgrade; // every Upgrade value joined, as QHttpServer joins them
    bool hasUpgrade = false;
    qint64 contentLength = -1;
    for (qsizetype at = requestLineEnd + 2; at < m_head.size() - 2;) {
        const qsizetype end = m_head.indexOf("\r\n", at);
        const QByteArrayView line(m_head.constData() + at, end - at);
        at = end + 2;
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArrayView value = trimmedField(line.sliced(colon + 1));
        if (name == "content-length") {
            const qint64 length = isDigits(value, 18, false) ? QByteArray(value.data(), value.size()).toLongLong() : -1;
            if (length < 0 || (contentLength >= 0 && contentLength != length)) {
                refuse(400, QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "invalid Content-Length")));
                return false;
            }
            contentLength = length;
        } else if (name == "transfer-encoding") {
            if (++transferEncodings > 1 || value.compare("chunked", Qt::CaseInsensitive) != 0) {
                refuse(501,
                    QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "only Transfer-Encoding: chunked is supported")));
                return false;
            }
            chunked = true;
        } else if (name == "connection") {
            const QByteArray v = value.toByteArray().toLower();
            for (const QByteArray &option : v.split(',')) {
                const QByteArray o = option.trimmed();
                close = close || o == "close";
                keepAlive = keepAlive || o == "keep-alive";
            }
            upgradeConnection = upgradeConnection || v.contains("upgrade");
        } else if (name == "upgrade") {
            if (hasUpgrade)
                upgrade += ", ";
            upgrade += value.toByteArray();
            hasUpgrade = true;
        } else if (name == "expect") {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0) {
                refuse(417, QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "only Expect: 100-continue is supported")));
                return false;
            }
            expectContinue = true;
        }
    }
    if (chunked && contentLength >= 0) {
        refuse(400,
            QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "both Content-Length and Transfer-Encoding: chunked")));
        return false;
    }
    if (upgradeConnection && upgrade.compare("websocket", Qt::CaseInsensitive) == 0) {
        refuse(400, QString::fromLatin1(QT_TRANSLATE_NOOP("Reason", "WebSocket upgrades are not supported")));
        return false;
    }
    m_close = close || (http10 && !keepAlive) || chunked;

    m_listener->headReceived(m_close);
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
        m_chunkOverhead = 0;
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
    m_state = m_close ? State::Finished : State::Idle;
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
