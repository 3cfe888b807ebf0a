// Issue 15: the guard's deadline sweep runs only while connections are open, and waits for the
// earliest idle deadline when every connection is quiet, without letting a deadline slip: an idle
// keep-alive connection is still closed at the idle timeout, and a request begun on a quiet
// connection still meets the request timeout.
#include "http/httpguard.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QTcpSocket>
#include <QTest>

using peanuts::HttpGuard;
using peanuts::HttpLimits;

namespace {

constexpr int kRequestTimeoutMs = 400;

struct Server
{
    explicit Server(int idleTimeoutMs)
        : guard(limits(idleTimeoutMs))
    {
        http.route(QStringLiteral("/"), [] { return QStringLiteral("ok"); });
        guard.listen(QHostAddress::LocalHost, 0);
        http.bind(&guard);
        guard.attachServer(&http);
    }
    static HttpLimits limits(int idleTimeoutMs)
    {
        HttpLimits l;
        l.requestTimeoutMs = kRequestTimeoutMs;
        l.idleTimeoutMs = idleTimeoutMs;
        return l;
    }
    QHttpServer http;
    HttpGuard guard;
};

} // namespace

class TestHttpSweep : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sweepRunsOnlyWithConnections()
    {
        Server server(5000);
        QVERIFY(server.guard.isListening());
        QVERIFY(!server.guard.sweepArmed());
        QTest::qWait(2 * server.guard.sweepPeriodMs());
        QVERIFY(!server.guard.sweepArmed());

        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.guard.serverPort());
        QVERIFY(client.waitForConnected(2000));
        QTRY_COMPARE(server.guard.connectionCount(), 1);
        QVERIFY(server.guard.sweepArmed());

        client.disconnectFromHost();
        QTRY_COMPARE(server.guard.connectionCount(), 0);
        QVERIFY(!server.guard.sweepArmed());
    }

    // The sweep waits for the earliest idle deadline, and closes each connection at its own deadline,
    // not much later: the second, opened half a timeout after the first, is not left for a whole one.
    void idleConnectionsAreClosedAtTheIdleTimeout()
    {
        constexpr int kIdleMs = 800;
        Server server(kIdleMs);
        QTcpSocket first, second;
        QElapsedTimer sinceFirst, sinceSecond;
        sinceFirst.start();
        first.connectToHost(QHostAddress::LocalHost, server.guard.serverPort());
        QVERIFY(first.waitForConnected(2000));
        QTRY_COMPARE(server.guard.connectionCount(), 1);
        QVERIFY(server.guard.sweepArmed());
        QTest::qWait(kIdleMs / 2);
        sinceSecond.start();
        second.connectToHost(QHostAddress::LocalHost, server.guard.serverPort());
        QVERIFY(second.waitForConnected(2000));
        QTRY_COMPARE(server.guard.connectionCount(), 2);

        qint64 firstClosed = -1, secondClosed = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                if (firstClosed < 0 && first.state() == QAbstractSocket::UnconnectedState)
                    firstClosed = sinceFirst.elapsed();
                if (secondClosed < 0 && second.state() == QAbstractSocket::UnconnectedState)
                    secondClosed = sinceSecond.elapsed();
                return firstClosed >= 0 && secondClosed >= 0;
            }(),
            3 * kIdleMs + 2000);
        for (const qint64 closed : {firstClosed, secondClosed}) {
            QVERIFY2(closed >= kIdleMs, qPrintable(QString::number(closed)));
            QVERIFY2(closed < kIdleMs + 300, qPrintable(QString::number(closed)));
        }
        QTRY_VERIFY(!server.guard.sweepArmed());
    }

    // A quiet connection left the sweep waiting for a distant idle deadline; a request that starts
    // on it and never ends must still get its 408 at the request timeout.
    void requestOnAQuietConnectionMeetsTheRequestTimeout()
    {
        Server server(10'000);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.guard.serverPort());
        QVERIFY(client.waitForConnected(2000));
        QTRY_COMPARE(server.guard.connectionCount(), 1);
        QTest::qWait(200);
        QElapsedTimer elapsed;
        elapsed.start();
        client.write("POST / HTTP/1.1\r\nHost: x\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(
            client.bytesAvailable() > 0 || client.state() != QAbstractSocket::ConnectedState, 5000);
        QVERIFY2(elapsed.elapsed() < kRequestTimeoutMs + 800, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY2(client.readAll().startsWith("HTTP/1.1 408"), "the unfinished request was not answered 408");
    }
};

QTEST_GUILESS_MAIN(TestHttpSweep)
#include "tst_httpsweep.moc"
