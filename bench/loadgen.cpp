// peanuts-loadgen: an open-loop, fixed-rate sender of signed Peanuts webhooks over keep-alive HTTP/1.1.
// Every send time is fixed before the run starts and latency is measured from that intended time, so a
// receiver that stalls is charged for the queue it causes (no coordinated omission).
//
//   peanuts-loadgen --url 127.0.0.1:8080/webhook --rate 2000 --duration 20 --secret S
//                   [--connections 16] [--acked FILE] [--prefix P] [--timeout MS] [--drain S]
//                   [--progress S]
//
// Request i is due at start + i / rate and goes out on connection i % connections; a connection has one
// request in flight at a time, so a due request waits for its connection's answer and the wait counts.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;
using Ns = int64_t;

Ns nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

volatile std::sig_atomic_t g_stop = 0;
void onSignal(int)
{
    g_stop = 1;
}

[[noreturn]] void usage(const char *message)
{
    if (message)
        std::fprintf(stderr, "peanuts-loadgen: %s\n", message);
    std::fprintf(stderr,
        "usage: peanuts-loadgen --url HOST:PORT/PATH --rate R --duration S --secret SECRET\n"
        "       [--connections N=16] [--acked FILE] [--prefix P] [--timeout MS=10000] [--drain S=10]\n"
        "       [--progress S=0]\n"
        "Sends R signed entry.created deliveries a second, evenly spaced, for S seconds, over N keep-alive\n"
        "connections with one request in flight each; latency counts from each request's scheduled time.\n");
    std::exit(2);
}

struct Config
{
    std::string host = "127.0.0.1";
    std::string port;
    std::string path = "/webhook";
    int connections = 16;
    double rate = 0;
    double duration = 0;
    std::string secret;
    std::string acked;
    std::string prefix;
    int timeoutMs = 10000;
    double drain = 10;
    double progress = 0;
};

double parseNumber(const char *name, const char *text, double min)
{
    char *end = nullptr;
    errno = 0;
    const double v = std::strtod(text, &end);
    if (errno || end == text || *end || !(v >= min)) {
        std::fprintf(stderr, "peanuts-loadgen: %s needs a number >= %g, not \"%s\"\n", name, min, text);
        std::exit(2);
    }
    return v;
}

Config parseArgs(int argc, char **argv)
{
    Config c;
    bool haveUrl = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-h" || a == "--help")
            usage(nullptr);
        if (i + 1 >= argc)
            usage(("missing value for " + a).c_str());
        const char *v = argv[++i];
        if (a == "--url") {
            std::string u = v;
            if (u.rfind("http://", 0) == 0)
                u.erase(0, 7);
            const auto slash = u.find('/');
            const std::string hostPort = u.substr(0, slash);
            c.path = slash == std::string::npos ? "/" : u.substr(slash);
            const auto colon = hostPort.rfind(':');
            if (colon == std::string::npos || colon + 1 == hostPort.size())
                usage("--url needs HOST:PORT[/PATH]");
            c.host = hostPort.substr(0, colon);
            c.port = hostPort.substr(colon + 1);
            haveUrl = true;
        } else if (a == "--connections") {
            c.connections = int(parseNumber("--connections", v, 1));
        } else if (a == "--rate") {
            c.rate = parseNumber("--rate", v, 0.001);
        } else if (a == "--duration") {
            c.duration = parseNumber("--duration", v, 0.001);
        } else if (a == "--secret") {
            c.secret = v;
        } else if (a == "--acked") {
            c.acked = v;
        } else if (a == "--prefix") {
            c.prefix = v;
        } else if (a == "--timeout") {
            c.timeoutMs = int(parseNumber("--timeout", v, 1));
        } else if (a == "--drain") {
            c.drain = parseNumber("--drain", v, 0);
        } else if (a == "--progress") {
            c.progress = parseNumber("--progress", v, 0);
        } else {
            usage(("unknown option " + a).c_str());
        }
    }
    if (!haveUrl || c.rate <= 0 || c.duration <= 0 || c.secret.empty())
        usage("--url, --rate, --duration and --secret are required");
    if (c.prefix.empty()) // unique across runs on one database: start time and process id
        c.prefix = "lg" + std::to_string(std::time(nullptr)) + "-" + std::to_string(getpid());
    return c;
}

// The body of delivery i in the webhook shape of the Peanuts guide (as shared/bench/gen_bodies.py writes
// it) and its request, signed with HMAC-SHA256 over the exact body bytes.
class RequestMaker
{
public:
    explicit RequestMaker(const Config &c)
        : m_config(c)
    {
    }

    std::string entryId(uint64_t i) const
    {
        char buf[32];
        std::snprintf(buf, sizeof buf, "-%08" PRIu64, i);
        return m_config.prefix + buf;
    }

    std::string make(uint64_t i) const
    {
        static const char *const categories[]
            = {"Food", "Travel", "Office", "Software", "Rent", "Fuel", "Health", "Other"};
        char stamp[40];
        {
            timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            tm t;
            gmtime_r(&ts.tv_sec, &t);
            const size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &t);
            std::snprintf(stamp + n, sizeof stamp - n, ".%03ldZ", ts.tv_nsec / 1000000);
        }
        // Deterministic variety without a random generator: amounts, categories and lengths from i.
        const uint64_t h = (i + 1) * 0x9E3779B97F4A7C15ull;
        const unsigned cents = unsigned(100 + (h >> 20) % 89900);
        const std::string id = entryId(i);
        std::string body;
        body.reserve(512);
        body += "{\"event\":\"entry.created\",\"timestamp\":\"";
        body += stamp;
        body += "\",\"helper\":{\"id\":\"h-exp\",\"name\":\"Expense Tracker\",\"command\":\"/expenses\"},"
                "\"entry\":{\"id\":\"";
        body += id;
        body += "\",\"created_at\":\"";
        body += stamp;
        char data[96];
        std::snprintf(data, sizeof data,
            "\",\"data\":{\"amount\":%u.%02u,\"category\":\"%s\",\"description\":\"purchase %" PRIu64 " ", cents / 100,
            cents % 100, categories[(h >> 40) % 8], i);
        body += data;
        body.append(10 + (h >> 50) % 190, 'x');
        body += "\"}},\"user\":{\"id\":\"user-1\"}}";

        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int digestLen = 0;
        HMAC(EVP_sha256(), m_config.secret.data(), int(m_config.secret.size()),
            reinterpret_cast<const unsigned char *>(body.data()), body.size(), digest, &digestLen);
        char hex[2 * EVP_MAX_MD_SIZE + 1];
        for (unsigned k = 0; k < digestLen; ++k)
            std::snprintf(hex + 2 * k, 3, "%02x", digest[k]);

        std::string req;
        req.reserve(body.size() + 256);
        req += "POST ";
        req += m_config.path;
        req += " HTTP/1.1\r\nHost: ";
        req += m_config.host;
        req += ':';
        req += m_config.port;
        req += "\r\nContent-Type: application/json\r\nX-Peanuts-Signature: ";
        req += hex;
        req += "\r\nContent-Length: ";
        req += std::to_string(body.size());
        req += "\r\n\r\n";
        req += body;
        return req;
    }

private:
    const Config &m_config;
};

// Parses one HTTP/1.1 response at the start of buf. Returns the bytes it spans, 0 when incomplete,
// -1 when malformed. Sets status and whether the server will close the connection.
long parseResponse(const std::string &buf, int &status, bool &close)
{
    const auto headEnd = buf.find("\r\n\r\n");
    if (headEnd == std::string::npos)
        return buf.size() > 65536 ? -1 : 0;
    if (buf.compare(0, 5, "HTTP/") != 0)
        return -1;
    const auto sp = buf.find(' ');
    if (sp == std::string::npos || sp + 4 > headEnd)
        return -1;
    status = std::atoi(buf.c_str() + sp + 1);
    close = buf.compare(5, 3, "1.0") == 0;
    long contentLength = -1;
    bool chunked = false;
    size_t pos = buf.find("\r\n") + 2;
    while (pos < headEnd) {
        const size_t eol = buf.find("\r\n", pos);
        const std::string line = buf.substr(pos, eol - pos);
        pos = eol + 2;
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        std::transform(value.begin(), value.end(), value.begin(), [](unsigned char ch) { return std::tolower(ch); });
        if (name == "content-length")
            contentLength = std::atol(value.c_str());
        else if (name == "transfer-encoding" && value.find("chunked") != std::string::npos)
            chunked = true;
        else if (name == "connection")
            close = value.find("close") != std::string::npos    ? true
                : value.find("keep-alive") != std::string::npos ? false
                                                                : close;
    }
    size_t bodyStart = headEnd + 4;
    if (chunked) {
        size_t p = bodyStart;
        for (;;) {
            const auto eol = buf.find("\r\n", p);
            if (eol == std::string::npos)
                return 0;
            const long size = std::strtol(buf.c_str() + p, nullptr, 16);
            if (size < 0)
                return -1;
            p = eol + 2;
            if (size == 0) { // no trailers expected: the final CRLF follows
                if (buf.size() < p + 2)
                    return 0;
                return long(p + 2);
            }
            if (buf.size() < p + size_t(size) + 2)
                return 0;
            p += size_t(size) + 2;
        }
    }
    if (contentLength < 0)
        contentLength = 0; // answers to POST without a length and without chunking: treat as empty
    if (buf.size() < bodyStart + size_t(contentLength))
        return 0;
    return long(bodyStart + size_t(contentLength));
}

struct Conn
{
    int fd = -1;
    bool connecting = false;
    Ns retryAt = 0; // when closed: earliest time to connect again
    uint64_t next = 0; // index of the next request this connection sends
    bool busy = false; // a request is being written or awaits its answer
    uint64_t inFlight = 0; // its index
    Ns sentAt = 0; // when its first byte went out
    std::string out;
    size_t outOff = 0;
    std::string in;
};

struct Stats
{
    uint64_t sent = 0, ok = 0, other = 0, none = 0;
    std::vector<Ns> latency; // every answer, from intended time to the end of the answer
    Ns lastSend = 0, lastAnswer = 0;
    // for progress lines
    uint64_t ivAnswers = 0;
    Ns ivMax = 0;
};

class Runner
{
public:
    explicit Runner(const Config &c)
        : m_c(c)
        , m_maker(c)
    {
        m_total = uint64_t(c.rate * c.duration + 0.5);
        m_interval = 1e9 / c.rate;
        m_conns.resize(size_t(c.connections));
        for (size_t k = 0; k < m_conns.size(); ++k)
            m_conns[k].next = k;
        m_stats.latency.reserve(size_t(std::min<uint64_t>(m_total, 50'000'000)));
    }

    int run()
    {
        addrinfo hints {};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo *res = nullptr;
        if (const int e = getaddrinfo(m_c.host.c_str(), m_c.port.c_str(), &hints, &res)) {
            std::fprintf(stderr, "peanuts-loadgen: %s: %s\n", m_c.host.c_str(), gai_strerror(e));
            return 2;
        }
        std::memcpy(&m_addr, res->ai_addr, res->ai_addrlen);
        m_addrLen = res->ai_addrlen;
        m_family = res->ai_family;
        freeaddrinfo(res);

        if (!m_c.acked.empty()) {
            m_acked = std::fopen(m_c.acked.c_str(), "w");
            if (!m_acked) {
                std::fprintf(stderr, "peanuts-loadgen: cannot write %s: %s\n", m_c.acked.c_str(), std::strerror(errno));
                return 2;
            }
        }
        m_ep = epoll_create1(EPOLL_CLOEXEC);

        // Connect everything before the clock starts, so that the first requests do not pay for it.
        for (auto &conn : m_conns)
            openConn(conn);
        const Ns connectDeadline = nowNs() + 5'000'000'000;
        while (!g_stop && nowNs() < connectDeadline
            && std::any_of(m_conns.begin(), m_conns.end(), [](const Conn &x) { return x.connecting; }))
            poll(nowNs() + 10'000'000);
        if (std::any_of(m_conns.begin(), m_conns.end(), [](const Conn &x) { return x.fd < 0 || x.connecting; }))
            std::fprintf(stderr, "peanuts-loadgen: not every connection is up at the start; going on\n");

        m_start = nowNs() + 1'000'000;
        m_scheduleEnd = m_start + Ns(double(m_total) * m_interval);
        m_deadline = m_scheduleEnd + Ns(m_c.drain * 1e9);
        m_nextProgress = m_c.progress > 0 ? m_start + Ns(m_c.progress * 1e9) : INT64_MAX;
        m_ivStart = m_start;

        for (;;) {
            const Ns now = nowNs();
            if (g_stop || now >= m_deadline)
                break;
            Ns wake = m_deadline;
            bool allDone = true;
            for (auto &conn : m_conns) {
                if (conn.busy && now - conn.sentAt > Ns(m_c.timeoutMs) * 1'000'000) {
                    fail(conn, now, "no answer in time");
                }
                if (conn.busy) {
                    allDone = false;
                    wake = std::min(wake, conn.sentAt + Ns(m_c.timeoutMs) * 1'000'000);
                    continue;
                }
                if (conn.next >= m_total)
                    continue;
                allDone = false;
                const Ns due = intended(conn.next);
                if (conn.fd < 0) {
                    if (now >= conn.retryAt)
                        openConn(conn);
                    else
                        wake = std::min(wake, conn.retryAt);
                    if (conn.fd < 0)
                        continue;
                }
                if (conn.connecting)
                    continue; // EPOLLOUT tells us when it is up
                if (due <= now)
                    send(conn, now);
                else
                    wake = std::min(wake, due);
            }
            if (allDone)
                break;
            if (now >= m_nextProgress) {
                printProgress(now);
                m_nextProgress += Ns(m_c.progress * 1e9);
            }
            wake = std::min(wake, m_nextProgress);
            poll(wake);
        }
        const Ns end = nowNs();
        uint64_t unsent = 0;
        for (auto &conn : m_conns) {
            if (conn.busy) {
                ++m_stats.none;
                conn.busy = false;
            }
            for (uint64_t i = conn.next; i < m_total; i += m_conns.size())
                ++unsent;
            if (conn.fd >= 0)
                ::close(conn.fd);
        }
        if (m_acked)
            std::fclose(m_acked);
        report(end, unsent);
        return m_stats.latency.empty() ? 1 : 0; // nothing answered: say so to a script
    }

private:
    Ns intended(uint64_t i) const { return m_start + Ns(double(i) * m_interval); }

    void openConn(Conn &conn)
    {
        conn.in.clear();
        conn.fd = socket(m_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (conn.fd < 0) {
            conn.retryAt = nowNs() + 100'000'000;
            return;
        }
        const int one = 1;
        setsockopt(conn.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        const int r = ::connect(conn.fd, reinterpret_cast<const sockaddr *>(&m_addr), m_addrLen);
        if (r < 0 && errno != EINPROGRESS) {
            ::close(conn.fd);
            conn.fd = -1;
            conn.retryAt = nowNs() + 100'000'000;
            return;
        }
        conn.connecting = r < 0;
        epoll_event ev {};
        ev.events = EPOLLIN | EPOLLRDHUP | (conn.connecting ? uint32_t(EPOLLOUT) : 0u);
        ev.data.u64 = uint64_t(&conn - m_conns.data());
        epoll_ctl(m_ep, EPOLL_CTL_ADD, conn.fd, &ev);
    }

    // Level-triggered; EPOLLOUT is asked for only while connecting or while a request is half written.
    void watchWrites(Conn &conn, bool on)
    {
        epoll_event ev {};
        ev.events = EPOLLIN | EPOLLRDHUP | (on ? uint32_t(EPOLLOUT) : 0u);
        ev.data.u64 = uint64_t(&conn - m_conns.data());
        epoll_ctl(m_ep, EPOLL_CTL_MOD, conn.fd, &ev);
    }

    void closeConn(Conn &conn, Ns now, bool soon)
    {
        if (conn.fd >= 0)
            ::close(conn.fd); // also leaves the epoll set
        conn.fd = -1;
        conn.connecting = false;
        conn.retryAt = soon ? now : now + 100'000'000;
        conn.in.clear();
        conn.out.clear();
        conn.outOff = 0;
    }

    void fail(Conn &conn, Ns now, const char *why)
    {
        if (conn.busy) {
            ++m_stats.none;
            conn.busy = false;
            if (m_failReports++ < 5)
                std::fprintf(stderr, "peanuts-loadgen: request %" PRIu64 ": %s\n", conn.inFlight, why);
        }
        closeConn(conn, now, false);
    }

    void send(Conn &conn, Ns now)
    {
        conn.inFlight = conn.next;
        conn.next += m_conns.size();
        conn.busy = true;
        conn.out = m_maker.make(conn.inFlight);
        conn.outOff = 0;
        conn.sentAt = now;
        ++m_stats.sent;
        m_stats.lastSend = now;
        flush(conn, now);
    }

    void flush(Conn &conn, Ns now)
    {
        const bool wasWaiting = conn.outOff > 0;
        while (conn.outOff < conn.out.size()) {
            const ssize_t n
                = ::send(conn.fd, conn.out.data() + conn.outOff, conn.out.size() - conn.outOff, MSG_NOSIGNAL);
            if (n > 0) {
                conn.outOff += size_t(n);
            } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
                if (!wasWaiting)
                    watchWrites(conn, true);
                return;
            } else {
                fail(conn, now, std::strerror(errno));
                return;
            }
        }
        if (wasWaiting)
            watchWrites(conn, false);
    }

    void readable(Conn &conn, Ns now)
    {
        // One read per readiness: level-triggered epoll reports what is left.
        char buf[16384];
        {
            const ssize_t n = ::recv(conn.fd, buf, sizeof buf, 0);
            if (n > 0) {
                conn.in.append(buf, size_t(n));
                consume(conn, now);
                return;
            }
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                return;
            // closed by the peer, or an error
            consume(conn, now);
            if (conn.fd >= 0) {
                if (conn.busy)
                    fail(conn, now, n == 0 ? "connection closed before the answer" : std::strerror(errno));
                else
                    closeConn(conn, now, true);
            }
            return;
        }
    }

    void consume(Conn &conn, Ns now)
    {
        while (conn.fd >= 0 && !conn.in.empty()) {
            int status = 0;
            bool close = false;
            const long used = parseResponse(conn.in, status, close);
            if (used == 0)
                return;
            if (used < 0 || !conn.busy) {
                fail(conn, now, used < 0 ? "malformed answer" : "answer without a request");
                return;
            }
            conn.in.erase(0, size_t(used));
            conn.busy = false;
            const Ns lat = now - intended(conn.inFlight);
            m_stats.latency.push_back(lat);
            m_stats.lastAnswer = now;
            ++m_stats.ivAnswers;
            m_stats.ivMax = std::max(m_stats.ivMax, lat);
            if (status == 200) {
                ++m_stats.ok;
                if (m_acked) {
                    const std::string id = m_maker.entryId(conn.inFlight);
                    std::fputs(id.c_str(), m_acked);
                    std::fputc('\n', m_acked);
                }
            } else {
                if (m_stats.other++ < 5)
                    std::fprintf(stderr, "peanuts-loadgen: request %" PRIu64 " answered %d\n", conn.inFlight, status);
                ++m_otherByStatus[status];
            }
            if (close)
                closeConn(conn, now, true);
        }
    }

    void poll(Ns until)
    {
        // Nanosecond timeout (epoll_pwait2, Linux 5.11): sends leave within microseconds of their time.
        const Ns wait = std::clamp<Ns>(until - nowNs(), 0, 1'000'000'000);
        timespec ts {time_t(wait / 1'000'000'000), long(wait % 1'000'000'000)};
        epoll_event events[64];
        const int n = epoll_pwait2(m_ep, events, 64, &ts, nullptr);
        const Ns t = nowNs();
        for (int k = 0; k < n; ++k) {
            Conn &conn = m_conns[events[k].data.u64];
            if (conn.fd < 0)
                continue;
            const uint32_t e = events[k].events;
            if (conn.connecting && (e & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(conn.fd, SOL_SOCKET, SO_ERROR, &err, &len);
                if (err) {
                    if (m_failReports++ < 5)
                        std::fprintf(stderr, "peanuts-loadgen: connect: %s\n", std::strerror(err));
                    closeConn(conn, t, false);
                    continue;
                }
                conn.connecting = false;
                watchWrites(conn, false);
            }
            if (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
                readable(conn, t);
            if (conn.fd >= 0 && conn.busy && (e & EPOLLOUT))
                flush(conn, t);
        }
    }

    static double percentile(const std::vector<Ns> &sorted, double p)
    {
        if (sorted.empty())
            return 0;
        size_t rank = size_t(std::ceil(p * double(sorted.size())));
        rank = std::clamp<size_t>(rank, 1, sorted.size());
        return double(sorted[rank - 1]) / 1e6;
    }

    void printProgress(Ns now)
    {
        std::fprintf(stderr,
            "progress t=%.0fs sent=%" PRIu64 " ok=%" PRIu64 " other=%" PRIu64 " none=%" PRIu64 " behind=%" PRIu64
            " interval_rate=%.0f/s interval_max_ms=%.2f\n",
            double(now - m_start) / 1e9, m_stats.sent, m_stats.ok, m_stats.other, m_stats.none, due(now) - m_stats.sent,
            double(m_stats.ivAnswers) * 1e9 / double(std::max<Ns>(now - m_ivStart, 1)), double(m_stats.ivMax) / 1e6);
        std::fflush(stderr);
        m_stats.ivAnswers = 0;
        m_stats.ivMax = 0;
        m_ivStart = now;
    }

    uint64_t due(Ns now) const
    {
        if (now < m_start)
            return 0;
        return std::min<uint64_t>(m_total, uint64_t(double(now - m_start) / m_interval) + 1);
    }

    void report(Ns end, uint64_t unsent)
    {
        auto &lat = m_stats.latency;
        std::sort(lat.begin(), lat.end());
        const double sendSpan = double(std::max<Ns>(m_stats.lastSend - m_start, 1)) / 1e9;
        const double answerSpan = double(std::max<Ns>(m_stats.lastAnswer - m_start, 1)) / 1e9;
        std::printf("target: %s:%s%s, %d connections, %.0f/s for %.0f s (%" PRIu64 " requests)%s\n", m_c.host.c_str(),
            m_c.port.c_str(), m_c.path.c_str(), m_c.connections, m_c.rate, m_c.duration, m_total,
            g_stop ? " [interrupted]" : "");
        std::printf("sent: %" PRIu64 " (not sent: %" PRIu64 ")\n", m_stats.sent, unsent);
        std::printf(
            "answered: 200=%" PRIu64 " other=%" PRIu64 " none=%" PRIu64 "\n", m_stats.ok, m_stats.other, m_stats.none);
        for (const auto &[status, count] : m_otherByStatus)
            std::printf("  status %d: %" PRIu64 "\n", status, count);
        std::printf("achieved: sent %.1f/s, answered %.1f/s, run %.2f s\n", double(m_stats.sent) / sendSpan,
            double(lat.size()) / answerSpan, double(end - m_start) / 1e9);
        std::printf(
            "latency_ms: p50=%.3f p90=%.3f p99=%.3f p99.9=%.3f max=%.3f (n=%zu, from scheduled send to answer)\n",
            percentile(lat, 0.50), percentile(lat, 0.90), percentile(lat, 0.99), percentile(lat, 0.999),
            lat.empty() ? 0.0 : double(lat.back()) / 1e6, lat.size());
        std::fflush(stdout);
    }

    const Config &m_c;
    RequestMaker m_maker;
    uint64_t m_total = 0;
    double m_interval = 0;
    std::vector<Conn> m_conns;
    Stats m_stats;
    std::map<int, uint64_t> m_otherByStatus;
    sockaddr_storage m_addr {};
    socklen_t m_addrLen = 0;
    int m_family = AF_INET;
    int m_ep = -1;
    FILE *m_acked = nullptr;
    Ns m_start = 0, m_scheduleEnd = 0, m_deadline = 0, m_nextProgress = 0, m_ivStart = 0;
    unsigned m_failReports = 0;
};

} // namespace

int main(int argc, char **argv)
{
    const Config config = parseArgs(argc, argv);
    struct sigaction sa
    {
    };
    sa.sa_handler = onSignal; // no SA_RESTART: epoll_wait returns and the run ends with its report
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    // The default 50 us timer slack is kept: a late send is counted in its latency, and fewer wake-ups leave
    // more of a shared machine to the receiver.
    Runner runner(config);
    return runner.run();
}
