// Differential fuzz target: RequestFramer against a real QHttpServer 6.4 (QAbstractHttpServer, the raw
// server: not HttpGuard, not Connection). Each input is one connection's byte stream. The framer reads it
// byte by byte; the server reads it from a real socket (one end of a socketpair, adopted by a QTcpSocket
// and handed to the server as a pending connection), delivered four ways: whole, cut after every CR and
// LF, cut after every CR only (an LF then arrives with what follows it: QHttpServer reads two bytes after
// a chunked body's last CR), and in pieces of pseudo-random sizes derived from the input. QHttpServer
// 6.4's chunked reader depends on where its reads end, so each delivery waits until the server has read
// every byte of a piece before the next one is written: the server's reads end exactly at the cuts, and
// the run is deterministic.
//
// Invariant (for each delivery): either the framer and the server agree, or the framer refused.
// - The framer refused nothing: the server handled exactly as many requests as the framer completed;
// - the framer refused request k: the server handled at least the k requests before it;
// - the framer finished with a request that closes the connection: the server handled at least those
//   (Connection lets it read nothing after that one; after a chunked one, whose last CRLF the server
//   may read with one byte more, that byte is not counted);
// - and each of those requests (all of them, or the k before the refusal) matches: the same end in the
//   stream (the server's is the number of bytes it had read when it handled the request), the same
//   method, the same path, and the same body (the framer's is cut from the stream: Content-Length bytes,
//   or its chunked body decoded).
// A request neither side has finished when the stream ends is not compared; one the server handled and the
// framer had not completed (nor refused) makes the counts differ: a failure.
//
// On a failure the two sides are printed before the abort; PEANUTS_DIFF_VERBOSE=1 prints them every time,
// PEANUTS_DIFF_KEEP_GOING=1 prints failures without aborting (to see every delivery of a reproducer).
#include "fuzzcheck.h"
#include "http/requestframer.h"

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QList>
#include <QLoggingCategory>
#include <QPointer>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using peanuts::HttpLimits;
using peanuts::RequestFramer;

namespace {

// Inputs larger than this are skipped: the server side costs an event-loop round trip per piece.
constexpr size_t kMaxInput = 16 * 1024;
// Event-loop passes allowed for one piece to be read, and passes without progress that end the wait.
constexpr int kMaxPasses = 2000;
constexpr int kStuckPasses = 3;

bool verbose()
{
    static const bool on = qEnvironmentVariableIntValue("PEANUTS_DIFF_VERBOSE") != 0;
    return on;
}

bool keepGoing()
{
    static const bool on = qEnvironmentVariableIntValue("PEANUTS_DIFF_KEEP_GOING") != 0;
    return on;
}

// One request as a side saw it.
struct Seen
{
    qint64 end = 0; // stream offset just past its last byte
    QByteArray method; // as QHttpServerRequest::Method would name it
    QByteArray path; // empty: not compared
    QByteArray body;
};

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    default:
        return "?";
    }
}

// The method as QHttpServer 6.4 maps the request line's first word (case-sensitively).
QByteArray methodName(const QByteArray &word)
{
    static const QList<QByteArray> known {"GET", "PUT", "DELETE", "POST", "HEAD", "OPTIONS", "PATCH", "CONNECT"};
    return known.contains(word) ? word : QByteArray("?");
}

// ---- The framer's side -------------------------------------------------------------------------------

struct FramerRun final : RequestFramer::Listener
{
    explicit FramerRun(const HttpLimits &limits)
        : framer(limits, this)
    {
    }

    void requestStarted() override { }
    void headReceived(bool) override
    {
        head = framer.head();
        headEnd = offset + 1;
    }
    void continueExpected() override { }
    void requestComplete() override { complete.push_back({head, headEnd, offset + 1}); }
    void requestRefused(int status, const QString &reason) override
    {
        refusedStatus = status;
        refusedReason = reason;
    }

    struct Request
    {
        QByteArray head;
        qint64 headEnd;
        qint64 end;
    };

    RequestFramer framer;
    qint64 offset = 0;
    QByteArray head;
    qint64 headEnd = 0;
    std::vector<Request> complete;
    int refusedStatus = 0;
    QString refusedReason;
};

// A chunked body as the framer frames it (size lines cut at ';' and trimmed, CRLF after each chunk, a
// blank line after the last), decoded; false when the span is not one.
bool decodeChunked(const QByteArray &span, QByteArray *body)
{
    qsizetype at = 0;
    while (true) {
        const qsizetype eol = span.indexOf('\n', at);
        if (eol < 0)
            return false;
        QByteArray line = span.mid(at, eol - at + 1).trimmed();
        at = eol + 1;
        const qsizetype semicolon = line.indexOf(';');
        if (semicolon >= 0)
            line = line.left(semicolon).trimmed();
        bool ok = false;
        const qint64 size = line.toLongLong(&ok, 16);
        if (!ok || size < 0)
            return false;
        if (size == 0)
            return span.indexOf('\n', at) == span.size() - 1;
        if (at + size + 2 > span.size())
            return false;
        body->append(span.constData() + at, size);
        at += size + 2;
    }
}

// The values of the fields called `name`, as the framer reads a head (a colon on each line, names trimmed),
// lowercased and joined.
QByteArray fieldValues(const QByteArray &head, const QByteArray &name)
{
    QByteArray values;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0 && lines[i].left(colon).trimmed().toLower() == name)
            values += lines[i].mid(colon + 1).trimmed().toLower() + ',';
    }
    return values;
}

bool isChunked(const QByteArray &head)
{
    return fieldValues(head, "transfer-encoding").contains("chunked");
}

std::vector<Seen> framed(const QByteArray &stream, const FramerRun &run)
{
    std::vector<Seen> out;
    for (const FramerRun::Request &r : run.complete) {
        Seen s;
        s.end = r.end;
        const QByteArray requestLine = r.head.left(r.head.indexOf('\n')).trimmed();
        const QList<QByteArray> words = requestLine.split(' ');
        s.method = methodName(words.value(0));
        const QUrl url = QUrl::fromEncoded(words.value(1));
        if (url.path().startsWith(u'/'))
            s.path = url.path(QUrl::FullyEncoded).toUtf8();
        const QByteArray span = stream.mid(r.headEnd, r.end - r.headEnd);
        if (!isChunked(r.head))
            s.body = span;
        else if (!decodeChunked(span, &s.body))
            s.body = "<framer's chunked body does not decode: " + span.toPercentEncoding() + '>';
        out.push_back(s);
    }
    return out;
}

// ---- The server's side -------------------------------------------------------------------------------

// Hands a socket the harness made to whoever listens for pending connections (QAbstractHttpServer).
class PairServer : public QTcpServer
{
public:
    QTcpSocket *adopt(int fd)
    {
        auto *socket = new QTcpSocket(this);
        FUZZ_CHECK(socket->setSocketDescriptor(fd));
        addPendingConnection(socket); // emits pendingConnectionAvailable, which QAbstractHttpServer takes
        FUZZ_CHECK(!hasPendingConnections());
        return socket;
    }
};

class RawServer : public QAbstractHttpServer
{
public:
    std::vector<Seen> handled;
    qint64 delivered = 0; // bytes written to the client end so far
    bool upgraded = false;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        int pending = 0;
        FUZZ_CHECK(::ioctl(int(socket->socketDescriptor()), FIONREAD, &pending) == 0);
        Seen s;
        s.end = delivered - socket->bytesAvailable() - pending;
        s.method = methodName(request.method());
        if (request.url().path().startsWith(u'/'))
            s.path = request.url().path(QUrl::FullyEncoded).toUtf8();
        s.body = request.body();
        handled.push_back(s);
        // QHttpServer takes the WebSocket path then, and drops the connection (no WebSocket handler).
        if (request.value("connection").toLower().contains("upgrade")
            && request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
            upgraded = true;
        return true; // no answer: the harness reads none
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }
};

struct Harness
{
    Harness()
    {
        pairs = new PairServer;
        // Listening only so that QTcpServer does not warn on each nextPendingConnection(): nothing connects.
        FUZZ_CHECK(pairs->listen(QHostAddress::LocalHost, 0));
        server.bind(pairs); // takes ownership
    }

    PairServer *pairs;
    RawServer server;
    int firstFd = -1;
};

Harness *harness = nullptr;

// Writes without blocking: a piece is at most kMaxInput bytes, far below a socketpair's buffer, so a short
// write only happens when the server has stopped reading or closed its end: what it does not read then
// is never read.
void writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        data += n;
        size -= n;
    }
}

// Runs the event loop until the server has read everything written, or dropped the connection, or stops
// reading (it keeps what it has not read: what it handled is compared as is). A socketpair's bytes are
// readable as soon as they are written, so one pass normally reads them all, in one read.
void settle(const QPointer<QTcpSocket> &socket)
{
    qint64 last = -1;
    int still = 0;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
        QCoreApplication::processEvents();
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        int pending = 0;
        FUZZ_CHECK(::ioctl(int(socket->socketDescriptor()), FIONREAD, &pending) == 0);
        const qint64 left = pending + socket->bytesAvailable();
        if (left == 0)
            return;
        still = left == last ? still + 1 : 0;
        if (still >= kStuckPasses)
            return;
        last = left;
    }
}

// The requests QHttpServer handles when `stream` arrives cut at `cuts` (ascending offsets).
std::vector<Seen> served(const QByteArray &stream, const std::vector<qint64> &cuts, bool *upgraded)
{
    int fds[2];
    FUZZ_CHECK(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    // A leak would show as ever larger descriptor numbers.
    if (harness->firstFd < 0)
        harness->firstFd = fds[0];
    FUZZ_CHECK(fds[0] <= harness->firstFd + 16 && fds[1] <= harness->firstFd + 16);

    RawServer &server = harness->server;
    server.handled.clear();
    server.delivered = 0;
    server.upgraded = false;
    QPointer<QTcpSocket> socket = harness->pairs->adopt(fds[1]);

    qint64 at = 0;
    for (size_t i = 0; i <= cuts.size() && at < stream.size(); ++i) {
        const qint64 to = i < cuts.size() ? qMin(cuts[i], qint64(stream.size())) : stream.size();
        if (to <= at)
            continue;
        if (!socket || socket->state() != QAbstractSocket::ConnectedState || server.upgraded)
            break;
        server.delivered = to;
        writeAll(fds[0], stream.constData() + at, to - at);
        at = to;
        settle(socket);
    }

    std::vector<Seen> out = std::move(server.handled);
    *upgraded = server.upgraded;
    // Done: close both ends; whatever the server still waits for never comes.
    ::close(fds[0]);
    if (socket) {
        socket->abort();
        delete socket.data();
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    FUZZ_CHECK(harness->pairs->findChildren<QTcpSocket *>().isEmpty());
    return out;
}

// ---- Comparison --------------------------------------------------------------------------------------

QByteArray show(const QByteArray &bytes)
{
    QByteArray out = bytes.left(120).toPercentEncoding(" /:;,=-_.~");
    if (bytes.size() > 120)
        out += "...(" + QByteArray::number(bytes.size()) + " bytes)";
    return out;
}

void print(const char *side, const std::vector<Seen> &list)
{
    std::fprintf(stderr, "  %s: %zu request(s)\n", side, list.size());
    for (size_t i = 0; i < list.size(); ++i)
        std::fprintf(stderr, "    #%zu ends at %lld: %s %s, body %lld bytes \"%s\"\n", i, (long long)list[i].end,
            list[i].method.constData(), list[i].path.isEmpty() ? "(path not compared)" : list[i].path.constData(),
            (long long)list[i].body.size(), show(list[i].body).constData());
}

bool same(const Seen &a, const Seen &b)
{
    return a.end == b.end && a.method == b.method && a.body == b.body
        && (a.path.isEmpty() || b.path.isEmpty() || a.path == b.path);
}

void compare(const char *delivery, const QByteArray &stream, const FramerRun &run, const std::vector<Seen> &framer,
    const std::vector<Seen> &server, bool upgraded)
{
    const bool refused = run.refusedStatus != 0;
    // After a request that closes the connection, Connection lets the server read nothing more.
    const bool finished = run.framer.finished();
    bool agree = refused || finished ? server.size() >= framer.size() : server.size() == framer.size();
    for (size_t i = 0; agree && i < framer.size(); ++i) {
        Seen seen = server[i];
        // A chunked request closes the connection because QHttpServer, given its last CR and LF in two
        // reads, takes the next byte with the LF: that byte belongs to no request, and is dropped.
        if (finished && i + 1 == framer.size() && seen.end == framer[i].end + 1 && isChunked(run.complete.back().head))
            seen.end = framer[i].end;
        agree = same(framer[i], seen);
    }
    if (agree && !verbose())
        return;
    std::fprintf(stderr, "%s: delivery \"%s\" of %lld bytes \"%s\"\n", agree ? "agree" : "DISAGREE", delivery,
        (long long)stream.size(), show(stream).constData());
    if (refused)
        std::fprintf(stderr, "  framer refused request #%zu: %d %s\n", framer.size(), run.refusedStatus,
            qPrintable(run.refusedReason));
    print("framer", framer);
    print("server", server);
    if (upgraded)
        std::fprintf(stderr, "  server: the last request took the WebSocket path (connection dropped)\n");
    FUZZ_CHECK(agree || keepGoing());
}

quint32 nextRandom(quint32 &state)
{
    state = state * 1664525u + 1013904223u;
    return state >> 8;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static int appArgc = 1;
    static char appName[] = "fuzz_framer_differential";
    static char *appArgv[] = {appName, nullptr};
    (void)argc;
    (void)argv;
    // QHttpServer warns about every WebSocket upgrade it cannot hand over.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.httpserver*=false"));
    new QCoreApplication(appArgc, appArgv); // lives as long as the process
    harness = new Harness;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > kMaxInput)
        return 0;
    const QByteArray stream(reinterpret_cast<const char *>(data), qsizetype(size));

    HttpLimits limits;
    limits.maxBodyBytes = 64 * 1024;
    FramerRun run(limits);
    for (qint64 i = 0; i < stream.size() && !run.framer.stopped(); ++i) {
        run.offset = i;
        run.framer.consume(stream.constData() + i, 1);
    }
    const std::vector<Seen> framer = framed(stream, run);

    bool upgraded = false;
    // Whole.
    compare("whole", stream, run, framer, served(stream, {}, &upgraded), upgraded);
    // Cut after every CR and LF.
    std::vector<qint64> cuts;
    for (qsizetype i = 0; i < stream.size(); ++i)
        if (stream[i] == '\r' || stream[i] == '\n')
            cuts.push_back(i + 1);
    compare("lines", stream, run, framer, served(stream, cuts, &upgraded), upgraded);
    // Cut after every CR only.
    cuts.clear();
    for (qsizetype i = 0; i < stream.size(); ++i)
        if (stream[i] == '\r')
            cuts.push_back(i + 1);
    compare("cr", stream, run, framer, served(stream, cuts, &upgraded), upgraded);
    // Pieces of 1 to 16 bytes, the sizes drawn from the input's hash.
    cuts.clear();
    quint32 seed = 2166136261u;
    for (char c : stream)
        seed = (seed ^ quint8(c)) * 16777619u;
    for (qint64 at = 0; at < stream.size();)
        cuts.push_back(at += 1 + nextRandom(seed) % 16);
    compare("pieces", stream, run, framer, served(stream, cuts, &upgraded), upgraded);
    return 0;
}
