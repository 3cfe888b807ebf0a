// Fuzz target: RequestFramer, the framing and limits that Connection applies to a connection's raw bytes
// before QHttpServer parses them (request line, header size and count, Content-Length, chunked bodies,
// Expect, Connection: close). Each input is one connection's byte stream, run under the production limits
// and under small ones that the fuzzer can reach.
//
// Invariants:
// - the steps do not depend on how the stream is split into reads (whole, random pieces, byte by byte);
// - steps come in order: started, head, [continue], complete; nothing follows a refusal, nor the
//   completion of a request that closes the connection;
// - a refusal carries 400, 413, 417, 431 or 501 and a reason; a head that was received fits maxHeaderBytes
//   and ends in a blank line;
// - a complete request's bytes, framed alone, make exactly one request that completes on its last byte;
// - its body spans exactly what its head announces, read by a separate strict reader here (Content-Length
//   bytes, or a chunked body with CRLF after every line and chunk), and holds at most maxBodyBytes.
#include "fuzzcheck.h"
#include "http/requestframer.h"

#include <QByteArray>
#include <QString>

#include <QList>

#include <cstdint>
#include <utility>
#include <vector>

using peanuts::HttpLimits;
using peanuts::RequestFramer;

namespace {

struct Recorder final : RequestFramer::Listener
{
    explicit Recorder(const HttpLimits &limits)
        : limits(limits)
        , framer(limits, this)
    {
    }

    void requestStarted() override
    {
        FUZZ_CHECK(!refused && !inRequest && !closed);
        inRequest = true;
        headDone = false;
        steps += 'S';
        starts.push_back(offset);
    }
    void headReceived(bool close) override
    {
        FUZZ_CHECK(!refused && inRequest && !headDone);
        const QByteArray &head = framer.head();
        FUZZ_CHECK(head.size() <= limits.maxHeaderBytes);
        FUZZ_CHECK(head.endsWith("\n\n") || head.endsWith("\n\r\n"));
        headDone = true;
        closing = close;
        steps += close ? 'H' : 'h';
        heads.push_back(head);
        headEnds.push_back(offset + 1);
    }
    void continueExpected() override
    {
        FUZZ_CHECK(!refused && headDone);
        steps += 'C';
    }
    void requestComplete() override
    {
        FUZZ_CHECK(!refused && inRequest && headDone);
        FUZZ_CHECK((framer.idle() || framer.finished()) && framer.head().isEmpty());
        inRequest = false;
        closed = closing;
        FUZZ_CHECK(framer.finished() == closed);
        steps += 'R';
        ends.push_back(offset + 1);
    }
    void requestRefused(int status, const QString &reason) override
    {
        FUZZ_CHECK(!refused && inRequest);
        FUZZ_CHECK(status == 400 || status == 413 || status == 417 || status == 431 || status == 501);
        FUZZ_CHECK(!reason.isEmpty());
        FUZZ_CHECK(framer.stopped());
        refused = true;
        steps += 'X';
        steps += QByteArray::number(status);
    }

    const HttpLimits limits;
    RequestFramer framer;
    QByteArray steps;
    bool refused = false;
    bool inRequest = false;
    bool headDone = false;
    bool closing = false; // the current request closes the connection
    bool closed = false; // and it is complete
    // Filled when fed byte by byte: the offset of the byte being consumed.
    qint64 offset = 0;
    std::vector<qint64> starts;
    std::vector<qint64> ends;
    std::vector<QByteArray> heads;
    std::vector<qint64> headEnds;
};

// The body framing a head announces, read here on its own: Content-Length, or chunked, or none.
struct Framing
{
    bool chunked = false;
    qint64 length = 0;
};

Framing framingOf(const QByteArray &head)
{
    Framing f;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed().toLower();
        const QByteArray value = lines[i].mid(colon + 1).trimmed().toLower();
        if (name == "content-length")
            f.length = value.toLongLong();
        else if (name == "transfer-encoding" && value.contains("chunked"))
            f.chunked = true;
    }
    return f;
}

// A strict chunked body (CRLF everywhere, no trailer fields) from the start of `body`: the bytes it
// spans and the decoded size, or -1 when it is not one.
std::pair<qint64, qint64> chunkedExtent(const char *body, qint64 size)
{
    qint64 at = 0;
    qint64 decoded = 0;
    while (true) {
        qint64 eol = at;
        while (eol + 1 < size && !(body[eol] == '\r' && body[eol + 1] == '\n'))
            ++eol;
        if (eol + 1 >= size)
            return {-1, -1};
        QByteArray line = QByteArray(body + at, eol - at);
        if (line.contains('\n'))
            return {-1, -1};
        const qsizetype semicolon = line.indexOf(';');
        if (semicolon >= 0)
            line.truncate(semicolon);
        bool ok = false;
        const qint64 chunk = line.trimmed().toLongLong(&ok, 16);
        if (!ok || chunk < 0)
            return {-1, -1};
        at = eol + 2;
        if (chunk == 0) {
            // No trailer fields: one more line, blank (the framer, like QHttpServer, trims it).
            qint64 last = at;
            while (last + 1 < size && !(body[last] == '\r' && body[last + 1] == '\n'))
                ++last;
            if (last + 1 >= size || !QByteArray(body + at, last - at).trimmed().isEmpty()
                || QByteArray(body + at, last - at).contains('\n'))
                return {-1, -1};
            return {last + 2, decoded};
        }
        if (at + chunk + 2 > size || body[at + chunk] != '\r' || body[at + chunk + 1] != '\n')
            return {-1, -1};
        decoded += chunk;
        at += chunk + 2;
    }
}

// Small, deterministic pseudo-random numbers from the input, for the split points.
quint32 nextRandom(quint32 &state)
{
    state = state * 1664525u + 1013904223u;
    return state >> 8;
}

void check(const char *data, qint64 size, const HttpLimits &limits)
{
    Recorder whole(limits);
    whole.framer.consume(data, size);

    Recorder pieces(limits);
    quint32 seed = 2166136261u;
    for (qint64 i = 0; i < size; ++i)
        seed = (seed ^ quint8(data[i])) * 16777619u;
    for (qint64 at = 0; at < size && !pieces.framer.stopped();) {
        const qint64 take = qMin(size - at, qint64(1 + nextRandom(seed) % 64));
        pieces.framer.consume(data + at, take);
        at += take;
    }
    FUZZ_CHECK(pieces.steps == whole.steps);

    Recorder bytes(limits);
    for (qint64 i = 0; i < size && !bytes.framer.stopped(); ++i) {
        bytes.offset = i;
        bytes.framer.consume(data + i, 1);
    }
    FUZZ_CHECK(bytes.steps == whole.steps);
    FUZZ_CHECK(bytes.refused == whole.refused);

    // Each complete request, framed on its own, ends exactly where it ended in the stream.
    FUZZ_CHECK(bytes.ends.size() <= bytes.starts.size());
    for (size_t r = 0; r < bytes.ends.size(); ++r) {
        const qint64 begin = bytes.starts[r];
        const qint64 end = bytes.ends[r];
        FUZZ_CHECK(begin < end && end <= size);
        Recorder alone(limits);
        for (qint64 i = begin; i < end; ++i) {
            alone.offset = i;
            alone.framer.consume(data + i, 1);
        }
        FUZZ_CHECK(!alone.refused && alone.ends.size() == 1 && alone.ends[0] == end);
        FUZZ_CHECK(alone.framer.idle() || alone.framer.finished());

        // The body ends where its own framing says, within the limit.
        const qint64 bodyBegin = bytes.headEnds[r];
        FUZZ_CHECK(begin < bodyBegin && bodyBegin <= end);
        const Framing framing = framingOf(bytes.heads[r]);
        if (framing.chunked) {
            const auto [extent, decoded] = chunkedExtent(data + bodyBegin, end - bodyBegin);
            FUZZ_CHECK(extent == end - bodyBegin);
            FUZZ_CHECK(decoded <= limits.maxBodyBytes);
        } else {
            FUZZ_CHECK(end - bodyBegin == framing.length);
            FUZZ_CHECK(framing.length <= limits.maxBodyBytes);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const auto *bytes = reinterpret_cast<const char *>(data);
    check(bytes, qint64(size), HttpLimits());
    HttpLimits small;
    small.maxBodyBytes = 300;
    small.maxHeaderBytes = 200;
    small.maxHeaderLines = 6;
    check(bytes, qint64(size), small);
    return 0;
}
