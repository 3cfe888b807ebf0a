// The HTTP limits QHttpServer 6.4 lacks, each proven over a raw socket while a normal client keeps
// delivering and keeps getting 200.
#include "receivercore.h"
#include "store.h"
#include "storeworker.h"
#include "testsupport.h"

#include <QDir>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <sys/resource.h>
#include <thread>

using namespace testsupport;

namespace {

// Signed deliveries every 20 ms on fresh connections, from its own thread, counting the answers.
class NormalTraffic
{
public:
    explicit NormalTraffic(quint16 port)
        : m_thread([this, port] { run(port); })
    {
    }
    ~NormalTraffic() { stop(); }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int ok() const { return m_ok; }
    int other() const { return m_other; }

private:
    void run(quint16 port)
    {
        static std::atomic<int> serial {0};
        while (!m_stop) {
            const QByteArray body = makeBody(QStringLiteral("normal-%1").arg(++serial));
            RawClient client(port);
            client.send(signedRequest(body, "Connection: close\r\n"));
            const QList<HttpReply> replies = client.waitForReplies(1, 5000);
            (replies.size() == 1 && replies[0].status == 200 ? m_ok : m_other)++;
            QThread::msleep(20);
        }
    }
    std::atomic<bool> m_stop {false};
    std::atomic<int> m_ok {0};
    std::atomic<int> m_other {0};
    std::thread m_thread;
};

int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::System).size());
}

} // namespace

class TestHttpLimits : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;
    std::unique_ptr<NormalTraffic> m_traffic;
    quint16 port() const { return m_core.port(); }

private Q_SLOTS:
    void initTestCase()
    {
        rlimit limit {};
        getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = qMin<rlim_t>(limit.rlim_max, 8192);
        setrlimit(RLIMIT_NOFILE, &limit);
        peanuts::Options options = testOptions(m_dir.path());
        options.limits.maxBodyBytes = 64 * 1024;
        options.limits.requestTimeoutMs = 1000;
        options.limits.idleTimeoutMs = 1000;
        options.limits.maxConnections = 3000;
        QString error;
        QVERIFY2(m_core.start(options, &error), qPrintable(error));
    }

    void init() { m_traffic = std::make_unique<NormalTraffic>(port()); }

    void cleanup()
    {
        QTest::qWait(100);
        m_traffic->stop();
        QVERIFY(m_traffic->ok() > 0);
        QCOMPARE(m_traffic->other(), 0);
    }

    void declaredHugeBodyIsRefusedAtOnce()
    {
        RawClient client(port());
        QElapsedTimer timer;
        timer.start();
        client.send(
            "POST /webhook HTTP/1.1\r\nHost: x\r\nX-Peanuts-Signature: 00\r\nContent-Length: 10737418240\r\n\r\n");
        client.send(QByteArray(1 << 20, 'x')); // some of the body; the rest never comes
        const QList<HttpReply> replies = client.waitForReplies(1, 3000);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 413);
        QVERIFY(timer.elapsed() < 1500);
        QVERIFY(client.waitForClose(4000));
    }

    void chunkedBodies()
    {
        RawClient big(port());
        big.send("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-Peanuts-Signature: 00\r\n\r\n");
        const QByteArray chunk = QByteArray::number(16 * 1024, 16) + "\r\n" + QByteArray(16 * 1024, 'a') + "\r\n";
        for (int i = 0; i < 8 && big.isConnected(); ++i)
            big.send(chunk);
        const QList<HttpReply> refused = big.waitForReplies(1, 3000);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused[0].status, 413);
        QVERIFY(big.waitForClose(4000));

        const QByteArray body = makeBody(QStringLiteral("chunked-ok"));
        RawClient small(port());
        small.send("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-Peanuts-Signature: "
            + sign(kSecret, body) + "\r\n\r\n" + QByteArray::number(body.size() - 10, 16) + "\r\n"
            + body.left(body.size() - 10) + "\r\na\r\n" + body.right(10) + "\r\n0\r\n\r\n");
        const QList<HttpReply> accepted = small.waitForReplies(1);
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted[0].status, 200);
    }

    void headerFloods_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addRow("one huge header") << QByteArray("X-Big: " + QByteArray(64 * 1024, 'h') + "\r\n");
        QByteArray many;
        for (int i = 0; i < 500; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        QTest::addRow("many headers") << many;
    }

    void headerFloods()
    {
        QFETCH(QByteArray, headers);
        RawClient client(port());
        client.send("POST /webhook HTTP/1.1\r\nHost: x\r\n" + headers + "Content-Length: 2\r\n\r\n{}");
        const QList<HttpReply> replies = client.waitForReplies(1);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 431);
        QVERIFY(client.waitForClose(4000));
    }

    void slowlorisHitsTheRequestDeadline()
    {
        RawClient client(port());
        const QByteArray head = "POST /webhook HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
        QElapsedTimer timer;
        timer.start();
        for (char c : head) {
            if (!client.isConnected())
                break;
            client.send(QByteArray(1, c));
            client.waitForClose(300); // a byte every 300 ms: an idle timer alone would never fire
        }
        QVERIFY(client.waitForClose(3000));
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(client.received().startsWith("HTTP/1.1 408"));
    }

    void idleKeepAliveConnectionsAreClosed()
    {
        const int before = openDescriptors();
        std::vector<std::unique_ptr<RawClient>> clients;
        const int count = 1000;
        for (int i = 0; i < count; ++i) {
            clients.push_back(std::make_unique<RawClient>(port()));
            clients.back()->send(signedRequest(makeBody(QStringLiteral("idle-%1").arg(i))));
        }
        for (auto &client : clients) {
            const QList<HttpReply> replies = client->waitForReplies(1);
            QCOMPARE(replies.size(), 1);
            QCOMPARE(replies[0].status, 200);
        }
        QVERIFY(openDescriptors() >= before + count); // ours and the server's ends
        for (auto &client : clients)
            QVERIFY(client->waitForClose(4000));
        clients.clear();
        QTRY_VERIFY_WITH_TIMEOUT(openDescriptors() < before + 50, 5000);
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
        clients.front()->socket().abort();
        clients.erase(clients.begin());
        // Once the server has seen the hang-up, a new connection is served again. Each attempt's own
        // connection counts until the server sees it close, so attempts are spaced out.
        bool served = false;
        QElapsedTimer timer;
        timer.start();
        while (!served && timer.elapsed() < 10'000) {
            RawClient again(capped.port());
            again.send(signedRequest(makeBody(QStringLiteral("cap-again"))));
            const QList<HttpReply> r = again.waitForReplies(1, 2000);
            served = r.size() == 1 && r[0].status == 200;
            if (!served)
                QTest::qWait(200);
        }
        QVERIFY(served);
    }

    void connectionCloseIsHonoured_data()
    {
        QTest::addColumn<QByteArray>("request");
        const QByteArray body = makeBody(QStringLiteral("close-1"));
        QTest::addRow("Connection: close") << signedRequest(body, "Connection: close\r\n");
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
        QCOMPARE(replies.value(0).header("connection"), QByteArray("close"));
        QVERIFY(client.waitForClose(2000));
    }

    void expectContinue()
    {
        const QByteArray body = makeBody(QStringLiteral("expect-1"));
        RawClient client(port());
        client.send("POST /webhook HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nX-Peanuts-Signature: "
            + sign(kSecret, body) + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(
            (client.waitForReplies(0, 50), client.received().startsWith("HTTP/1.1 100 Continue\r\n\r\n")), 2000);
        client.send(body);
        QTRY_VERIFY_WITH_TIMEOUT((client.waitForReplies(0, 50), client.received().contains("HTTP/1.1 200 OK")), 3000);

        RawClient big(port());
        big.send("POST /webhook HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 999999999\r\n\r\n");
        QCOMPARE(big.waitForReplies(1).value(0).status, 413);
        QVERIFY(!big.received().contains("100 Continue"));

        RawClient odd(port());
        odd.send("POST /webhook HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n{}");
        QCOMPARE(odd.waitForReplies(1).value(0).status, 417);
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
        client.send(all);
        const QList<HttpReply> replies = client.waitForReplies(20);
        QCOMPARE(replies.size(), 20);
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(replies[i].status, expected[i].first);
            if (!expected[i].second.isEmpty())
                QCOMPARE(replies[i].body, expected[i].second);
        }
    }

    void clientsHangingUpBeforeTheCommit()
    {
        qint64 before = -1;
        m_core.reader()->read([&](peanuts::Store &store) { before = store.deliveryCount().value_or(-1); });
        QTRY_VERIFY(before >= 0);
        for (int i = 0; i < 200; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port());
            QVERIFY(socket.waitForConnected(2000));
            socket.write(signedRequest(makeBody(QStringLiteral("hangup-%1").arg(i))));
            socket.flush();
            socket.abort();
        }
        // Nothing crashed, the server still answers, and what arrived whole was stored.
        RawClient client(port());
        client.send(signedRequest(makeBody(QStringLiteral("after-hangups"))));
        QCOMPARE(client.waitForReplies(1).value(0).status, 200);
        qint64 after = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            (m_core.reader()->read([&](peanuts::Store &store) { after = store.deliveryCount().value_or(-1); }),
                QTest::qWait(50), after >= before + 150),
            5000);
    }

    void hostileBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("invalid UTF-8") << QByteArray("{\"event\":\"entry.created\",\"x\":\"\xff\xfe\"}");
        // As deep as the 64 KiB limit allows: far beyond any parser's recursion guard.
        QTest::addRow("30k nested arrays") << QByteArray(30'000, '[') + QByteArray(30'000, ']');
        QTest::addRow("huge number") << makeBody(
            QStringLiteral("huge"), QStringLiteral("entry.created"), QStringLiteral("2026-11-20T10:00:00Z"), "1e400");
    }

    void hostileBodies()
    {
        QFETCH(QByteArray, body);
        RawClient client(port());
        client.send(signedRequest(body));
        QCOMPARE(client.waitForReplies(1).value(0).status, 400);
    }

    void ambiguousFramingIsRefused()
    {
        RawClient client(port());
        client.send("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "0\r\n\r\n");
        QCOMPARE(client.waitForReplies(1).value(0).status, 400);
        QVERIFY(client.waitForClose(3000));
    }
};

QTEST_GUILESS_MAIN(TestHttpLimits)
#include "tst_httplimits.moc"
