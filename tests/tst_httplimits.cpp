// The HTTP limits QHttpServer 6.4 lacks, each proven over a raw socket while a normal client keeps
// delivering and keeps getting 200.
#include "httpprobe.h"
#include "receivercore.h"
#include "store/store.h"
#include "store/storeworker.h"
#include "testsupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace httpprobe;
using namespace testsupport;

namespace {

constexpr qint64 kMaxBody = 256 * 1024; // room for a body nested 100,000 arrays deep
constexpr int kRequestTimeoutMs = 1000;
constexpr int kIdleTimeoutMs = 1000;

// Signed deliveries every 20 ms on fresh connections, from its own thread, counting the answers.
class NormalTraffic
{
public:
    explicit NormalTraffic(quint16 port)
        : m_thread([this, port] { run(port); })
    {
    }
    ~NormalTraffic() { stop(); }
    Q_DISABLE_COPY_MOVE(NormalTraffic)
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int ok() const { return m_ok; }
    int other() const { return m_other; }
    QByteArray firstFailure() const { return m_firstFailure; } // read after stop()

private:
    void run(quint16 port)
    {
        static std::atomic<int> serial {0};
        do {
            const QByteArray body = makeBody(QStringLiteral("normal-%1").arg(++serial));
            RawClient client(port);
            client.send(signedRequest(body, "Connection: close\r\n"));
            const QList<HttpReply> replies = client.waitForReplies(1, 5000);
            if (replies.size() == 1 && replies[0].status == 200) {
                ++m_ok;
            } else {
                if (m_other++ == 0)
                    m_firstFailure = client.received().left(300);
            }
            QThread::msleep(20);
        } while (!m_stop);
    }
    std::atomic<bool> m_stop {false};
    std::atomic<int> m_ok {0};
    std::atomic<int> m_other {0};
    QByteArray m_firstFailure;
    std::thread m_thread;
};

QByteArray chunked(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

} // namespace

class TestHttpLimits : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;
    std::unique_ptr<NormalTraffic> m_traffic;
    int m_idleConnections = 200;
    quint16 port() const { return m_core.port(); }

private Q_SLOTS:
    void initTestCase()
    {
        // Both ends of every connection live in this process: two descriptors each.
        rlimit limit {};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
        limit.rlim_cur = qMax(limit.rlim_cur, qMin<rlim_t>(limit.rlim_max, 8192));
        setrlimit(RLIMIT_NOFILE, &limit);
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
        m_idleConnections = limit.rlim_cur >= 2 * 1000 + 256 ? 1000 : 200;
        qInfo("open files limit %llu: %d idle connections", static_cast<unsigned long long>(limit.rlim_cur),
            m_idleConnections);

        QVERIFY(m_dir.isValid());
        peanuts::Options options = testOptions(m_dir.path());
        options.limits.maxBodyBytes = kMaxBody;
        options.limits.requestTimeoutMs = kRequestTimeoutMs;
        options.limits.idleTimeoutMs = kIdleTimeoutMs;
        options.limits.maxConnections = 3000;
        QString error;
        QVERIFY2(m_core.start(options, &error), qPrintable(error));
    }

    // Every case runs while a normal client keeps delivering; each of its deliveries must get 200.
    void init() { m_traffic = std::make_unique<NormalTraffic>(port()); }

    void cleanup()
    {
        QTest::qWait(100);
        m_traffic->stop();
        QVERIFY(m_traffic->ok() > 0);
        QVERIFY2(m_traffic->other() == 0,
            qPrintable(QStringLiteral("%1 of %2 normal deliveries failed; the first got: %3")
                           .arg(m_traffic->other())
                           .arg(m_traffic->ok() + m_traffic->other())
                           .arg(QString::fromLatin1(m_traffic->firstFailure()))));
        m_traffic.reset();
    }

    void declaredHugeBodyIsRefusedAtOnce()
    {
        PlainClient client(port());
        QVERIFY(client.isOpen());
        const QByteArray head = "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                "X-Peanuts-Signature: 00\r\nContent-Length: 10737418240\r\n\r\n";
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(client.send(head, 1000), qint64(head.size()));
        // Not one byte of the body sent: the 413 comes anyway, and then the server's FIN.
        client.readUntil(1000, [&] { return !parseReplies(client.received()).isEmpty(); });
        const qint64 answeredMs = timer.elapsed();
        const QList<HttpReply> replies = parseReplies(client.received());
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 413);
        QCOMPARE(replies[0].header("connection"), QByteArray("close"));
        QVERIFY2(answeredMs < 1000, qPrintable(QString::number(answeredMs)));
        QVERIFY(client.waitForClose(1000));

        // The client sends 8 MB of the body anyway. The server drops what arrives, never keeps it: 3 MB
        // in (less than it drains before giving up), the heap holds nothing of them.
        const qint64 heapBefore = liveHeapBytes();
        qint64 heapPeak = heapBefore;
        const QByteArray piece(64 * 1024, 'x');
        qint64 sent = 0;
        auto sendUpTo = [&](qint64 total) {
            while (sent < total && !client.sendFailed()) {
                const qint64 n = client.send(piece, 3000);
                if (n == 0)
                    break;
                sent += n;
                heapPeak = qMax(heapPeak, liveHeapBytes());
            }
        };
        sendUpTo(3 * 1024 * 1024);
        QCOMPARE(sent, qint64(3 * 1024 * 1024));
        QTest::qWait(200);
        const qint64 retained = liveHeapBytes() - heapBefore;
        // Then the rest, until the server resets a client that does not stop (it drains 4 MB at most,
        // for two seconds at most).
        sendUpTo(8 * 1024 * 1024);
        const QDeadlineTimer resetDeadline(4000);
        while (!client.sendFailed() && !resetDeadline.hasExpired()) {
            client.send(piece, 100);
            heapPeak = qMax(heapPeak, liveHeapBytes());
        }
        qInfo("%lld body bytes sent after the 413; live heap: %lld bytes more after 3 MB, peak %lld more", sent,
            retained, heapPeak - heapBefore);
        QVERIFY2(retained < 1024 * 1024, qPrintable(QString::number(retained)));
        QVERIFY2(heapPeak - heapBefore < 6 * 1024 * 1024, qPrintable(QString::number(heapPeak - heapBefore)));
        QVERIFY(client.sendFailed()); // the server let go of the connection entirely
        QCOMPARE(parseReplies(client.received()).size(), 1); // and said nothing more
        QTest::qWait(100);
        QVERIFY2(liveHeapBytes() - heapBefore < 1024 * 1024, qPrintable(QString::number(liveHeapBytes() - heapBefore)));
    }

    void chunkedBodies()
    {
        RawClient big(port());
        big.send("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-Peanuts-Signature: 00\r\n\r\n");
        const QByteArray chunk = chunked(QByteArray(16 * 1024, 'a'));
        int chunks = 0;
        for (; chunks < 64 && big.isConnected() && big.socket().bytesAvailable() == 0; ++chunks) {
            big.send(chunk);
            big.socket().waitForBytesWritten(1000);
        }
        const QList<HttpReply> refused = big.waitForReplies(1, 3000);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused[0].status, 413);
        QVERIFY2(chunks > kMaxBody / (16 * 1024) - 1, qPrintable(QString::number(chunks))); // not before the limit
        QVERIFY(big.waitForClose(4000));

        // Within the limit, in pieces of uneven size, one with a chunk extension.
        const QByteArray body = makeBody(QStringLiteral("chunked-ok"));
        RawClient small(port());
        small.send("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-Peanuts-Signature: "
            + sign(kSecret, body) + "\r\n\r\n" + chunked(body.left(7)) + QByteArray::number(body.size() - 17, 16)
            + ";ext=1\r\n" + body.mid(7, body.size() - 17) + "\r\n" + chunked(body.right(10)) + "0\r\n\r\n");
        const QList<HttpReply> accepted = small.waitForReplies(1);
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted[0].status, 200);
        QCOMPARE(accepted[0].body, QByteArray("{\"processed\":true}"));
    }

    // The guard reads chunked framing itself, ahead of QHttpServer 6.4's own reader. Where the two
    // would read the bytes differently, the guard has to refuse rather than let them disagree: a
    // correctly signed body gets its 200 or a clean 400, never silence, a misread body or a hang.
    void chunkedFramingAgreesWithTheServer_data()
    {
        QTest::addColumn<QByteArray>("framing"); // SIZE and BODY stand for the chunk's size and data
        QTest::addRow("a trailer field") << QByteArray("SIZE\r\nBODY\r\n0\r\nX-Trailer: t\r\n\r\n");
        QTest::addRow("LF alone after the chunk data") << QByteArray("SIZE\r\nBODY\n0\r\n\r\n");
        QTest::addRow("LF alone after the chunk size") << QByteArray("SIZE\nBODY\r\n0\r\n\r\n");
    }

    void chunkedFramingAgreesWithTheServer()
    {
        QFETCH(QByteArray, framing);
        const QByteArray body
            = makeBody(QStringLiteral("framing-%1").arg(QString::fromLatin1(QTest::currentDataTag())));
        framing.replace("SIZE", QByteArray::number(body.size(), 16)).replace("BODY", body);
        RawClient client(port());
        client.send("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-Peanuts-Signature: "
            + sign(kSecret, body) + "\r\n\r\n" + framing);
        const QList<HttpReply> replies = client.waitForReplies(1, kRequestTimeoutMs + 2000);
        QVERIFY2(replies.size() == 1,
            qPrintable(QStringLiteral("no answer; the connection is %1")
                           .arg(client.isConnected() ? QStringLiteral("still open") : QStringLiteral("closed"))));
        QVERIFY2(replies[0].status == 200 || replies[0].status == 400,
            qPrintable(QStringLiteral("%1 %2").arg(replies[0].status).arg(QString::fromLatin1(replies[0].body))));
        if (replies[0].status == 400) {
            QVERIFY(client.waitForClose(2000));
            return;
        }
        // Accepted: the connection goes on serving, as a kept-alive one should.
        QVERIFY2(client.isConnected(), "closed after the 200");
        client.send(signedRequest(makeBody(QStringLiteral("framing-next"))));
        const QList<HttpReply> next = client.waitForReplies(2, 3000);
        QVERIFY2(next.size() == 2, "the next request on the connection got no answer");
        QCOMPARE(next[1].status, 200);
    }

    // A trailer that QHttpServer 6.4 would take for the next request's head must not carry that
    // request's body past the limits, nor past the deadlines.
    void trailerCannotSmuggleARequest()
    {
        PlainClient client(port());
        QVERIFY(client.isOpen());
        const qint64 heapBefore = liveHeapBytes();
        const QByteArray head
            = "POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n"
              "XXPOST /webhook HTTP/1.1\r\nContent-Length: 1000000000\r\n\r\n";
        QCOMPARE(client.send(head, 1000), qint64(head.size()));
        // Then 8 MB that the guard would read as small pipelined requests, the server as that body.
        QByteArray filler;
        while (filler.size() < 64 * 1024)
            filler += "GET /healthz HTTP/1.1\r\n\r\n";
        qint64 sent = 0;
        const QDeadlineTimer deadline(5000);
        while (sent < 8 * 1024 * 1024 && !client.sendFailed() && !deadline.hasExpired()) {
            const qint64 n = client.send(filler, 1000);
            if (n == 0)
                break;
            sent += n;
        }
        QTest::qWait(200);
        const qint64 grown = liveHeapBytes() - heapBefore;
        qInfo("%lld bytes sent after the head; live heap %lld bytes more", sent, grown);
        QVERIFY2(grown < 2 * 1024 * 1024, qPrintable(QStringLiteral("the heap grew by %1 bytes").arg(grown)));
        QVERIFY(client.waitForClose(kRequestTimeoutMs + 2000));
    }

    void headerFloods_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addRow("one 64 KiB header") << QByteArray("X-Big: " + QByteArray(64 * 1024, 'h') + "\r\n");
        QByteArray many;
        for (int i = 0; i < 500; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        QTest::addRow("500 small headers") << many;
    }

    void headerFloods()
    {
        QFETCH(QByteArray, headers);
        RawClient client(port());
        client.send("POST /webhook HTTP/1.1\r\nHost: x\r\n" + headers + "Content-Length: 2\r\n\r\n{}");
        const QList<HttpReply> replies = client.waitForReplies(1);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 431);
        QCOMPARE(replies[0].header("connection"), QByteArray("close"));
        QVERIFY(client.waitForClose(4000));
        QCOMPARE(parseReplies(client.received()).size(), 1);
    }

    void slowlorisHitsTheRequestDeadline()
    {
        RawClient client(port());
        const QByteArray head = "POST /webhook HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
        QElapsedTimer timer;
        timer.start();
        int sentBytes = 0;
        for (char c : head) {
            if (!client.isConnected())
                break;
            client.send(QByteArray(1, c));
            ++sentBytes;
            client.waitForClose(300); // a byte every 300 ms: an idle timer alone would never fire
        }
        QVERIFY(client.waitForClose(3000));
        const qint64 closedMs = timer.elapsed();
        QVERIFY2(closedMs >= kRequestTimeoutMs - 50 && closedMs < 3000, qPrintable(QString::number(closedMs)));
        QVERIFY(sentBytes < head.size()); // it was still arriving when the deadline struck
        QVERIFY(client.received().startsWith("HTTP/1.1 408"));
    }

    void idleKeepAliveConnectionsAreClosed()
    {
        const int before = openDescriptors();
        const int count = m_idleConnections;
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < count; ++i) {
            clients.push_back(std::make_unique<RawClient>(port()));
            QVERIFY(clients.back()->isConnected());
            clients.back()->send(signedRequest(makeBody(QStringLiteral("idle-%1").arg(i))));
        }
        for (auto &client : clients) {
            const QList<HttpReply> replies = client->waitForReplies(1);
            QCOMPARE(replies.size(), 1);
            QCOMPARE(replies[0].status, 200);
            QVERIFY(replies[0].header("connection").isEmpty()); // kept alive
        }
        const int open = openDescriptors();
        QVERIFY2(open >= before + count, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(open)));
        // Every one of them idle now: all closed by the server within the idle timeout and two seconds.
        const QDeadlineTimer deadline(kIdleTimeoutMs + 2000);
        for (auto &client : clients)
            QVERIFY2(client->waitForClose(int(qMax<qint64>(deadline.remainingTime(), 0))),
                qPrintable(
                    QStringLiteral("a connection was still open %1 ms after its answer").arg(kIdleTimeoutMs + 2000)));
        clients.clear();
        QTRY_VERIFY2_WITH_TIMEOUT(openDescriptors() < before + 20,
            qPrintable(QStringLiteral("%1 descriptors, %2 before").arg(openDescriptors()).arg(before)), 5000);
    }

    void connectionCap()
    {
        QTemporaryDir dir;
        peanuts::Options options = testOptions(dir.path());
        options.limits.maxConnections = 5;
        peanuts::ReceiverCore capped;
        QString error;
        QVERIFY2(capped.start(options, &error), qPrintable(error));
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < 5; ++i) {
            clients.push_back(std::make_unique<RawClient>(capped.port()));
            clients.back()->send(signedRequest(makeBody(QStringLiteral("cap-%1").arg(i))));
            QCOMPARE(clients.back()->waitForReplies(1).value(0).status, 200);
        }
        RawClient extra(capped.port());
        const QList<HttpReply> refused = extra.waitForReplies(1);
        QCOMPARE(refused.value(0).status, 503);
        QVERIFY(!refused.value(0).header("retry-after").isEmpty());
        QVERIFY(extra.waitForClose(3000));
        // The five keep working on their connections.
        for (int i = 0; i < 5; ++i) {
            clients[size_t(i)]->send(signedRequest(makeBody(QStringLiteral("cap-second-%1").arg(i))));
            const QList<HttpReply> replies = clients[size_t(i)]->waitForReplies(2);
            QCOMPARE(replies.size(), 2);
            QCOMPARE(replies[1].status, 200);
        }
        // After two hang up, and the server has seen it, two new connections are served again. A
        // refused attempt is closed by the server at once, so attempts are merely spaced out.
        clients[0]->socket().abort();
        clients[1]->socket().abort();
        clients.erase(clients.begin(), clients.begin() + 2);
        std::vector<std::unique_ptr<RawClient>> fresh;
        QElapsedTimer timer;
        timer.start();
        while (fresh.size() < 2 && timer.elapsed() < 10'000) {
            auto again = std::make_unique<RawClient>(capped.port());
            again->send(signedRequest(makeBody(QStringLiteral("cap-again-%1").arg(fresh.size()))));
            const QList<HttpReply> r = again->waitForReplies(1, 2000);
            if (r.size() == 1 && r[0].status == 200)
                fresh.push_back(std::move(again));
            else
                QTest::qWait(100);
        }
        QCOMPARE(int(fresh.size()), 2);
        // And the cap holds again with five open.
        RawClient sixth(capped.port());
        QCOMPARE(sixth.waitForReplies(1).value(0).status, 503);
    }

    void connectionCloseIsHonoured_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addRow("Connection: close")
            << signedRequest(makeBody(QStringLiteral("close-1")), "Connection: close\r\n");
        QByteArray old = signedRequest(makeBody(QStringLiteral("close-2")));
        old.replace("HTTP/1.1", "HTTP/1.0");
        QTest::addRow("HTTP/1.0") << old;
    }

    void connectionCloseIsHonoured()
    {
        QFETCH(QByteArray, request);
        RawClient client(port());
        client.send(request);
        const QList<HttpReply> replies = client.waitForReplies(1);
        QCOMPARE(replies.value(0).status, 200);
        QCOMPARE(replies.value(0).body, QByteArray("{\"processed\":true}"));
        QCOMPARE(replies.value(0).header("connection"), QByteArray("close"));
        // Closed by the server, well before the idle timeout could have done it.
        QVERIFY(client.waitForClose(kIdleTimeoutMs / 2));
    }

    void expectContinue()
    {
        const QByteArray body = makeBody(QStringLiteral("expect-1"));
        RawClient client(port());
        client.send("POST /webhook HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nX-Peanuts-Signature: "
            + sign(kSecret, body) + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
        const QList<HttpReply> interim = client.waitForReplies(1, 2000);
        QCOMPARE(interim.size(), 1);
        QCOMPARE(interim[0].status, 100);
        QVERIFY(client.received().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
        QCOMPARE(client.waitForReplies(2, 200).size(), 1); // nothing else before the body
        client.send(body);
        const QList<HttpReply> replies = client.waitForReplies(2);
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies[1].status, 200);
        QCOMPARE(replies[1].body, QByteArray("{\"processed\":true}"));

        RawClient big(port());
        QElapsedTimer timer;
        timer.start();
        big.send("POST /webhook HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 999999999\r\n\r\n");
        QCOMPARE(big.waitForReplies(1).value(0).status, 413);
        QVERIFY(timer.elapsed() < 1000);
        QVERIFY(!big.received().contains("100 Continue"));
        QVERIFY(big.waitForClose(2000));

        RawClient odd(port());
        odd.send("POST /webhook HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\nContent-Length: 2\r\n\r\n{}");
        QCOMPARE(odd.waitForReplies(1).value(0).status, 417);
        QVERIFY(odd.waitForClose(2000));
    }

    void pipelinedAnswersKeepTheirOrder()
    {
        QByteArray all;
        QList<QPair<int, QByteArray>> expected;
        QSet<QByteArray> sent;
        for (int i = 0; i < 20; ++i) {
            const QByteArray body = makeBody(QStringLiteral("pipe-%1").arg(i / 2));
            switch (i % 5) {
            case 0:
            case 1: // new deliveries, and the same bytes again
                all += signedRequest(body);
                expected.append(
                    {200, sent.contains(body) ? "{\"processed\":true,\"duplicate\":true}" : "{\"processed\":true}"});
                sent.insert(body);
                break;
            case 2:
                all += webhookRequest(body, QByteArray(64, 'f'));
                expected.append({401, QByteArray()});
                break;
            case 3:
                all += signedRequest("{\"event\":");
                expected.append({400, QByteArray()});
                break;
            case 4:
                all += signedRequest(makeBody(QStringLiteral("pipe-u-%1").arg(i), QStringLiteral("entry.archived")));
                expected.append({200, "{\"processed\":false,\"ignored\":\"unknown event\"}"});
                break;
            }
        }
        RawClient client(port());
        client.send(all); // one write
        const QList<HttpReply> replies = client.waitForReplies(20);
        QCOMPARE(replies.size(), 20);
        for (int i = 0; i < 20; ++i) {
            QVERIFY2(replies[i].status == expected[i].first,
                qPrintable(
                    QStringLiteral("reply %1: %2, expected %3").arg(i).arg(replies[i].status).arg(expected[i].first)));
            if (!expected[i].second.isEmpty())
                QCOMPARE(replies[i].body, expected[i].second);
            else
                QVERIFY(replies[i].body.startsWith("{\"error\":"));
        }
        QVERIFY(client.isConnected()); // still kept alive
    }

    void clientsHangingUpBeforeTheCommit()
    {
        const int before = openDescriptors();
        for (int i = 0; i < 200; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port());
            QVERIFY(socket.waitForConnected(2000));
            socket.write(signedRequest(makeBody(QStringLiteral("hangup-%1").arg(i))));
            socket.flush();
            socket.abort();
        }
        // Nothing crashed, the server still answers, and every delivery that arrived whole was stored.
        RawClient client(port());
        client.send(signedRequest(makeBody(QStringLiteral("after-hangups"))));
        QCOMPARE(client.waitForReplies(1).value(0).status, 200);
        const std::function<int(peanuts::Store &)> countHangups = [](peanuts::Store &store) {
            int n = 0;
            for (const peanuts::EntryState &e : store.entries().value_or(QList<peanuts::EntryState>()))
                n += e.entryId.startsWith(QLatin1String("hangup-")) ? 1 : 0;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(readStore(m_core, countHangups).value_or(-1), 200, 5000);
        // And the connections cost nothing once gone.
        QTRY_VERIFY2_WITH_TIMEOUT(openDescriptors() < before + 10,
            qPrintable(QStringLiteral("%1 descriptors, %2 before").arg(openDescriptors()).arg(before)), 5000);
    }

    void hostileBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("invalid UTF-8") << QByteArray("{\"event\":\"entry.created\",\"x\":\"\xff\xfe\"}");
        QTest::addRow("100k nested arrays") << QByteArray(100'000, '[') + QByteArray(100'000, ']');
        QTest::addRow("huge number") << makeBody(
            QStringLiteral("huge"), QStringLiteral("entry.created"), QStringLiteral("2026-11-20T10:00:00Z"), "1e400");
    }

    void hostileBodies()
    {
        QFETCH(QByteArray, body);
        QVERIFY(body.size() <= kMaxBody);
        RawClient client(port());
        client.send(signedRequest(body));
        const QList<HttpReply> replies = client.waitForReplies(1, 5000);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 400);
        QVERIFY(replies[0].body.startsWith("{\"error\":"));
        // The connection survives a rejected body.
        client.send(
            signedRequest(makeBody(QStringLiteral("after-%1").arg(QString::fromLatin1(QTest::currentDataTag())))));
        QCOMPARE(client.waitForReplies(2).value(1).status, 200);
    }

    void ambiguousFramingIsRefused_data()
    {
        QTest::addColumn<QByteArray>("framing");
        QTest::addRow("Content-Length, then chunked")
            << QByteArray("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n");
        QTest::addRow("chunked, then Content-Length")
            << QByteArray("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n");
        QTest::addRow("two different lengths") << QByteArray("Content-Length: 5\r\nContent-Length: 7\r\n");
    }

    void ambiguousFramingIsRefused()
    {
        QFETCH(QByteArray, framing);
        // If the server read it as chunked, a second request would follow the empty chunk.
        RawClient client(port());
        client.send("POST /webhook HTTP/1.1\r\nHost: x\r\n" + framing
            + "\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        const QList<HttpReply> replies = client.waitForReplies(2, 2000);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 400);
        QCOMPARE(replies[0].header("connection"), QByteArray("close"));
        QVERIFY(client.waitForClose(3000));
    }
};

QTEST_GUILESS_MAIN(TestHttpLimits)
#include "tst_httplimits.moc"
