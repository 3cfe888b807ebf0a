// The limits layer and QHttpServer 6.4 hold one view of every request: whatever QHttpServer's parser
// would read differently is refused before it reads it, nothing is read after a request that closes
// the connection, answers keep their framing, and a client that never reads its answers cannot make
// the server hold more than a bounded amount for it. Over real sockets against a real receiver.
#include "httpprobe.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace httpprobe;
using namespace testsupport;

namespace {

constexpr int kRequestTimeoutMs = 1000;
constexpr int kIdleTimeoutMs = 8000;

const QByteArray kSmuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

bool answersHealth(const QList<HttpReply> &replies)
{
    for (const HttpReply &reply : replies) {
        if (reply.body.contains("\"status\":\"ok\""))
            return true;
    }
    return false;
}

int countEntries(peanuts::ReceiverCore &core, const QString &prefix)
{
    const std::function<int(peanuts::Store &)> job = [prefix](peanuts::Store &store) {
        int n = 0;
        for (const peanuts::EntryState &e : store.entries().value_or(QList<peanuts::EntryState>()))
            n += e.entryId.startsWith(prefix) ? 1 : 0;
        return n;
    };
    return readStore(core, job).value_or(-1);
}

} // namespace

class TestHttpAgreement : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;
    quint16 port() const { return m_core.port(); }

    // The server still serves a normal delivery on a new connection.
    void serverStillServes(const QString &id)
    {
        RawClient client(port());
        client.send(signedRequest(makeBody(id), "Connection: close\r\n"));
        const QList<HttpReply> replies = client.waitForReplies(1);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 200);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        peanuts::Options options = testOptions(m_dir.path());
        options.limits.requestTimeoutMs = kRequestTimeoutMs;
        options.limits.idleTimeoutMs = kIdleTimeoutMs;
        QString error;
        QVERIFY2(m_core.start(options, &error), qPrintable(error));
    }

    // Each head below makes QHttpServer 6.4 read the request's end elsewhere than a reader that trims,
    // skips or folds would (its header parser drops every field of a block it rejects, Content-Length
    // included). A GET /healthz rides in what the head announces as the body: if the server ever
    // answers it, a request nobody checked got through.
    void headsTheServerWouldReadOtherwiseAreRefused_data()
    {
        QTest::addColumn<QByteArray>("head"); // LENGTH stands for the smuggled request's size
        QTest::addColumn<int>("status");
        QTest::addRow("space before the colon") << QByteArray("Content-Length : LENGTH\r\n") << 400;
        QTest::addRow("tab before the colon") << QByteArray("Content-Length\t: LENGTH\r\n") << 400;
        QTest::addRow("folded line") << QByteArray("X-A: b\r\n Content-Length: LENGTH\r\n") << 400;
        QTest::addRow("folded with a tab") << QByteArray("X-A: b\r\n\tContent-Length: LENGTH\r\n") << 400;
        QTest::addRow("first field starts with a space") << QByteArray(" X-A: b\r\nContent-Length: LENGTH\r\n") << 400;
        QTest::addRow("line without a colon") << QByteArray("X-A\r\nContent-Length: LENGTH\r\n") << 400;
        QTest::addRow("empty name") << QByteArray(": b\r\nContent-Length: LENGTH\r\n") << 400;
        QTest::addRow("non-token byte in a name") << QByteArray("X(A): b\r\nContent-Length: LENGTH\r\n") << 400;
        QTest::addRow("NUL in a name") << QByteArray("X\0A: b\r\nContent-Length: LENGTH\r\n", 32) << 400;
        QTest::addRow("control byte in a value") << QByteArray("X-A: b\x0b\r\nContent-Length: LENGTH\r\n") << 400;
        QTest::addRow("bare CR in a value") << QByteArray("X-A: b\rc\r\nContent-Length: LENGTH\r\n") << 400;
        QTest::addRow("bare LF line end") << QByteArray("X-A: b\nContent-Length: LENGTH\r\n") << 400;
        QByteArray many;
        for (int i = 0; i < 100; ++i)
            many += "X-" + QByteArray::number(i) + ": v\r\n";
        QTest::addRow("101 fields") << QByteArray(many + "Content-Length: LENGTH\r\n") << 431;
        QTest::addRow("sign before the length") << QByteArray("Content-Length: +LENGTH\r\n") << 400;
        QTest::addRow("two lengths, the first empty")
            << QByteArray("Content-Length:\r\nContent-Length: LENGTH\r\n") << 400;
        QTest::addRow("gzip, then chunked")
            << QByteArray("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n") << 501;
        QTest::addRow("chunked, gzip in one field") << QByteArray("Transfer-Encoding: chunked, gzip\r\n") << 501;
        QTest::addRow("WebSocket upgrade")
            << QByteArray("Connection: Upgrade\r\nUpgrade: websocket\r\nContent-Length: LENGTH\r\n") << 400;
    }

    void headsTheServerWouldReadOtherwiseAreRefused()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        head.replace("LENGTH", QByteArray::number(kSmuggled.size()));
        RawClient client(port());
        client.send("POST /webhook HTTP/1.1\r\nHost: x\r\n" + head + "\r\n" + kSmuggled);
        QVERIFY(client.waitForClose(kRequestTimeoutMs + 2000));
        const QList<HttpReply> replies = parseReplies(client.received());
        QVERIFY2(!answersHealth(replies), client.received().constData());
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, status);
        QCOMPARE(replies[0].header("connection"), QByteArray("close"));
    }

    void requestLinesTheServerWouldReadOtherwiseAreRefused_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addRow("version HTTP/1.10") << QByteArray("GET /healthz HTTP/1.10");
        QTest::addRow("version HTTP/2.0") << QByteArray("GET /healthz HTTP/2.0");
        QTest::addRow("two spaces") << QByteArray("GET  /healthz HTTP/1.1");
        QTest::addRow("a fourth word") << QByteArray("GET /healthz HTTP/1.1 x");
        QTest::addRow("tab after the version") << QByteArray("GET /healthz HTTP/1.1\t");
        QTest::addRow("control byte in the target") << QByteArray("GET /health\x01z HTTP/1.1");
    }

    void requestLinesTheServerWouldReadOtherwiseAreRefused()
    {
        QFETCH(QByteArray, line);
        RawClient client(port());
        client.send(line + "\r\nHost: x\r\n\r\n");
        QVERIFY(client.waitForClose(2000));
        const QList<HttpReply> replies = parseReplies(client.received());
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 400);
    }

    // What both read the same way is served, and the connection stays open.
    void headsBothReadAlikeAreServed_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addRow("lower-case name") << QByteArray("content-length: LENGTH\r\n");
        QTest::addRow("spaces and tabs around the value") << QByteArray("Content-Length: \t LENGTH \t\r\n");
        QTest::addRow("no space after the colon") << QByteArray("Content-Length:LENGTH\r\n");
        QTest::addRow("the same length twice") << QByteArray("Content-Length: LENGTH\r\nContent-Length: LENGTH\r\n");
        QTest::addRow("UTF-8 in a value") << QByteArray("User-Agent: caf\xc3\xa9\r\nContent-Length: LENGTH\r\n");
        QTest::addRow("keep-alive") << QByteArray("Connection: keep-alive\r\nContent-Length: LENGTH\r\n");
    }

    void headsBothReadAlikeAreServed()
    {
        QFETCH(QByteArray, head);
        const QByteArray body = makeBody(QStringLiteral("alike-%1").arg(QString::fromLatin1(QTest::currentDataTag())));
        head.replace("LENGTH", QByteArray::number(body.size()));
        RawClient client(port());
        client.send("POST /webhook HTTP/1.1\r\nHost: x\r\nX-Peanuts-Signature: " + sign(kSecret, body) + "\r\n" + head
            + "\r\n" + body + kSmuggled);
        const QList<HttpReply> replies = client.waitForReplies(2);
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies[0].status, 200);
        QCOMPARE(replies[0].body, QByteArray("{\"processed\":true}"));
        QVERIFY(answersHealth({replies[1]}));
        QVERIFY(client.isConnected());
    }

    // Two ways to have QHttpServer answer a request that the limits layer was still receiving; the
    // request's deadline then refused it as well, writing into the answer of a request already gone.
    void answeredWhileStillBeingReceived_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addRow("space before the colon")
            << QByteArray("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length : 100\r\n\r\n");
        QTest::addRow("trailer cut off") << QByteArray("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                                       "chunked\r\n\r\n2\r\n{}\r\n0\r\nX:");
    }

    void answeredWhileStillBeingReceived()
    {
        QFETCH(QByteArray, bytes);
        RawClient client(port());
        client.send(bytes);
        QVERIFY(client.waitForClose(kRequestTimeoutMs + 2000));
        const QList<HttpReply> replies = parseReplies(client.received());
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 400);
        serverStillServes(QStringLiteral("after-%1").arg(QString::fromLatin1(QTest::currentDataTag())));
    }

    void headAnswersCarryNoBody()
    {
        RawClient client(port());
        client.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        client.waitForReplies(3, 1000); // reads for a second: the replies' framing is what is checked
        const QByteArray received = client.received();
        QCOMPARE(received.count("HTTP/1.1 200 OK\r\n"), 2);
        const qsizetype firstEnd = received.indexOf("\r\n\r\n") + 4;
        QVERIFY(received.left(firstEnd).contains("Content-Length: "));
        // The second answer starts right where the first one's head ends: no body in between.
        QVERIFY2(received.mid(firstEnd).startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
        const QList<HttpReply> second = parseReplies(received.mid(firstEnd));
        QCOMPARE(second.size(), 1);
        QVERIFY(answersHealth(second));
        QVERIFY(client.isConnected());
    }

    // A request that closes the connection is the last one read: what follows it is neither stored
    // nor answered, so Peanuts' retry on a new connection is the only copy.
    void nothingIsReadAfterARequestThatCloses_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<QString>("prefix");
        const QByteArray closing = makeBody(QStringLiteral("closing-1"));
        QTest::addRow("Connection: close")
            << signedRequest(closing, "Connection: close\r\n") << QStringLiteral("behind-close-");
        QByteArray old = signedRequest(makeBody(QStringLiteral("closing-2")));
        old.replace("HTTP/1.1", "HTTP/1.0");
        QTest::addRow("HTTP/1.0") << old << QStringLiteral("behind-http10-");
        const QByteArray body = makeBody(QStringLiteral("closing-3"));
        QTest::addRow("chunked") << QByteArray("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                               "X-Peanuts-Signature: "
            + sign(kSecret, body) + "\r\n\r\n" + QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n0\r\n\r\n")
                                 << QStringLiteral("behind-chunked-");
    }

    void nothingIsReadAfterARequestThatCloses()
    {
        QFETCH(QByteArray, first);
        QFETCH(QString, prefix);
        QByteArray behind;
        for (int i = 0; i < 3; ++i)
            behind += signedRequest(makeBody(prefix + QString::number(i)));
        RawClient client(port());
        client.send(first + behind);
        QVERIFY(client.waitForClose(3000));
        const QList<HttpReply> replies = parseReplies(client.received());
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 200);
        QCOMPARE(replies[0].header("connection"), QByteArray("close"));
        serverStillServes(prefix + QStringLiteral("probe")); // committed after anything that could have been
        QCOMPARE(countEntries(m_core, prefix), 1); // the probe alone
    }

    // A client pipelining requests and reading none of the answers: the server stops reading it
    // once 64 answers (or 1 MiB of them) wait, so its memory stays flat however much is sent; and
    // when the client reads, every request it got through is answered, in order.
    void clientThatNeverReadsKeepsMemoryFlat()
    {
        PlainClient client(port());
        QVERIFY(client.isOpen());
        const QByteArray request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        QByteArray batch;
        while (batch.size() < 64 * 1024)
            batch += request;
        const qint64 heapBefore = liveHeapBytes();
        qint64 sent = 0;
        qint64 heapPeak = heapBefore;
        QElapsedTimer timer;
        timer.start();
        QByteArray pending;
        while (sent < 16 * 1024 * 1024 && timer.elapsed() < 3000) {
            if (pending.isEmpty())
                pending = batch;
            const qint64 n = client.send(pending, 50);
            pending.remove(0, n);
            sent += n;
            QTest::qWait(n == 0 ? 20 : 0); // the server's event loop runs here
            heapPeak = qMax(heapPeak, liveHeapBytes());
        }
        QTest::qWait(300);
        heapPeak = qMax(heapPeak, liveHeapBytes());
        qInfo("%lld bytes of pipelined requests taken in %lld ms; live heap grew %lld bytes at most", sent,
            timer.elapsed(), heapPeak - heapBefore);
        QVERIFY2(heapPeak - heapBefore < 8 * 1024 * 1024, qPrintable(QString::number(heapPeak - heapBefore)));
        // Now it reads: every request that arrived whole is answered, in order, the connection open.
        const qint64 complete = sent / request.size();
        client.readUntil(5000, [&] { return client.received().indexOf("HTTP/1.1", 1) > 0; });
        const qint64 answerSize = client.received().indexOf("HTTP/1.1", 1); // all alike
        QVERIFY(answerSize > 0);
        client.readUntil(30'000, [&] { return client.received().size() >= complete * answerSize; });
        QCOMPARE(qint64(client.received().count("HTTP/1.1 200 OK")), complete);
        QVERIFY(!client.peerClosed());
    }
};

QTEST_GUILESS_MAIN(TestHttpAgreement)
#include "tst_httpagreement.moc"
