// Tests for the ngrok watcher: picking our tunnel out of /api/tunnels answers, then the watcher's states
// against a local stand-in for the agent that answers, changes its answer, goes away and comes back.
#include "platform/ngrokwatcher.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace peanuts;

namespace {

constexpr quint16 kPort = 8787;
const QString kHttpsUrl = QStringLiteral("https://abcd-1-2-3-4.ngrok-free.app");
const QString kHttpUrl = QStringLiteral("http://abcd-1-2-3-4.ngrok-free.app");

// One tunnel as the agent describes it (metrics trimmed to their shape).
QJsonObject tunnel(const QString &publicUrl, const QString &addr, const QString &name = QStringLiteral("command_line"))
{
    const QJsonObject rates {{QStringLiteral("count"), 0}, {QStringLiteral("gauge"), 0}, {QStringLiteral("rate1"), 0},
        {QStringLiteral("rate5"), 0}, {QStringLiteral("rate15"), 0}, {QStringLiteral("p50"), 0}};
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("ID"), QStringLiteral("0123456789abcdef")},
        {QStringLiteral("uri"), QString(QStringLiteral("/api/tunnels/") + name)},
        {QStringLiteral("public_url"), publicUrl},
        {QStringLiteral("proto"), QUrl(publicUrl).scheme()},
        {QStringLiteral("config"), QJsonObject {{QStringLiteral("addr"), addr}, {QStringLiteral("inspect"), true}}},
        {QStringLiteral("metrics"), QJsonObject {{QStringLiteral("conns"), rates}, {QStringLiteral("http"), rates}}},
    };
}

// A whole /api/tunnels answer.
QByteArray answer(const QList<QJsonObject> &tunnels)
{
    QJsonArray array;
    for (const QJsonObject &t : tunnels)
        array.append(t);
    return QJsonDocument(
        QJsonObject {{QStringLiteral("tunnels"), array}, {QStringLiteral("uri"), QStringLiteral("/api/tunnels")}})
        .toJson(QJsonDocument::Compact);
}

// Stands in for the ngrok agent: answers every GET with `body` and closes the connection.
class AgentStandIn
{
public:
    QByteArray body;
    QByteArray status = QByteArrayLiteral("200 OK");
    bool silent = false; // accept connections but never answer
    int requests = 0;

    bool listen(quint16 port = 0)
    {
        if (!m_server.listen(QHostAddress::LocalHost, port))
            return false;
        if (!m_connected) {
            m_connected = true;
            QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
        }
        return true;
    }
    // Stops answering altogether, as a stopped agent does: refused connections from now on.
    void close()
    {
        m_server.close();
        for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
            socket->abort();
    }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/api/tunnels").arg(port())); }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                m_pending[socket] += socket->readAll();
                if (!m_pending[socket].contains("\r\n\r\n"))
                    return;
                m_pending.remove(socket);
                ++requests;
                if (silent)
                    return;
                socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
        }
    }

    QTcpServer m_server;
    bool m_connected = false;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

} // namespace

class TestNgrok : public QObject
{
    Q_OBJECT

private slots:
    void pickTunnel_data();
    void pickTunnel();
    void suggestedCommand();
    void followsTheAgent();
    void urlChangeIsReported();
    void foreignAnswerIsNoAgent();
    void silentAgentTimesOutWithOneRequestInFlight();
    void nothingBeforeThePortIsKnown();
    void backsOffAndStillFindsALaterTunnel();
};

void TestNgrok::pickTunnel_data()
{
    QTest::addColumn<QByteArray>("apiAnswer");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QUrl>("expected");

    const QUrl https(kHttpsUrl);
    const QUrl none;
    const auto row = [](const char *name, const QByteArray &apiAnswer, bool valid, const QUrl &expected,
                         quint16 port = kPort) { QTest::addRow("%s", name) << apiAnswer << port << valid << expected; };
    const auto forAddr = [&](const char *addr, bool matches) {
        const QByteArray name = QByteArrayLiteral("addr ") + (*addr ? addr : "empty");
        row(name.constData(), answer({tunnel(kHttpsUrl, QString::fromLatin1(addr))}), true, matches ? https : none);
    };

    // The forms agents have reported for `ngrok http 8787` and its variants.
    forAddr("http://localhost:8787", true);
    forAddr("localhost:8787", true);
    forAddr("127.0.0.1:8787", true);
    forAddr("8787", true);
    forAddr("http://127.0.0.1:8787", true);
    forAddr("[::1]:8787", true);
    forAddr("http://[::1]:8787", true);
    forAddr("LOCALHOST:8787", true);
    forAddr("0.0.0.0:8787", true);
    forAddr("http://localhost:8787/", true);
    forAddr(" localhost:8787 ", true);
    // Near misses: another port, a port that merely contains ours, another machine, no port at all.
    forAddr("http://localhost:8788", false);
    forAddr("localhost:87870", false);
    forAddr("18787", false);
    forAddr("878", false);
    forAddr("203.0.113.7:8787", false);
    forAddr("http://example.com:8787", false);
    forAddr("http://localhost", false);
    forAddr("localhost:eighty", false);
    forAddr("::1:8787", false);
    forAddr("", false);
    row("http://localhost for port 80", answer({tunnel(kHttpsUrl, QStringLiteral("http://localhost"))}), true, https,
        80);
    row("port 0 matches nothing", answer({tunnel(kHttpsUrl, QStringLiteral("0"))}), true, none, 0);

    row("https after http",
        answer({tunnel(kHttpUrl, QStringLiteral("localhost:8787"), QStringLiteral("a")),
            tunnel(kHttpsUrl, QStringLiteral("localhost:8787"), QStringLiteral("b"))}),
        true, https);
    row("https before http",
        answer({tunnel(kHttpsUrl, QStringLiteral("localhost:8787"), QStringLiteral("b")),
            tunnel(kHttpUrl, QStringLiteral("localhost:8787"), QStringLiteral("a"))}),
        true, https);
    row("only http", answer({tunnel(kHttpUrl, QStringLiteral("localhost:8787"))}), true, QUrl(kHttpUrl));
    row("ours among others",
        answer({tunnel(QStringLiteral("https://other.ngrok-free.app"), QStringLiteral("localhost:3000"),
                    QStringLiteral("x")),
            tunnel(kHttpsUrl, QStringLiteral("http://localhost:8787"), QStringLiteral("y"))}),
        true, https);
    row("tcp tunnel to our port",
        answer({tunnel(QStringLiteral("tcp://0.tcp.ngrok.io:12345"), QStringLiteral("8787"))}), true, none);
    row("no match", answer({tunnel(kHttpsUrl, QStringLiteral("localhost:3000"))}), true, none);
    row("empty tunnels list", answer({}), true, none);
    row("tunnel without config",
        R"({"tunnels":[{"name":"x","public_url":"https://abcd.ngrok-free.app"}],"uri":"/api/tunnels"})", true, none);

    row("invalid JSON", "<html><body>It works!</body></html>", false, none);
    row("truncated JSON", answer({tunnel(kHttpsUrl, QStringLiteral("localhost:8787"))}).chopped(3), false, none);
    row("empty body", QByteArray(), false, none);
    row("object without tunnels", R"({"status":"ok"})", false, none);
    row("tunnels not an array", R"({"tunnels":{}})", false, none);
    row("array", "[]", false, none);
}

void TestNgrok::pickTunnel()
{
    QFETCH(QByteArray, apiAnswer);
    QFETCH(bool, valid);
    QFETCH(QUrl, expected);
    QFETCH(quint16, port);

    bool isValid = !valid;
    QCOMPARE(peanuts::pickTunnel(apiAnswer, port, &isValid), expected);
    QCOMPARE(isValid, valid);
    QCOMPARE(peanuts::pickTunnel(apiAnswer, port), expected); // the out parameter is optional
}

void TestNgrok::suggestedCommand()
{
    NgrokWatcher watcher;
    watcher.setPort(8787);
    QCOMPARE(watcher.suggestedCommand(), QStringLiteral("ngrok http 8787"));
    watcher.setPort(9000);
    QCOMPARE(watcher.suggestedCommand(), QStringLiteral("ngrok http 9000"));
}

// Unknown -> Tunnel -> NoTunnel -> Tunnel -> NoAgent -> Tunnel, one signal per transition.
void TestNgrok::followsTheAgent()
{
    AgentStandIn agent;
    agent.body = answer({tunnel(kHttpsUrl, QStringLiteral("http://localhost:8787"))});
    QVERIFY(agent.listen());
    const quint16 agentPort = agent.port();

    NgrokWatcher watcher;
    watcher.setApiUrl(agent.url());
    watcher.setPort(kPort);
    watcher.setInterval(100);
    QSignalSpy changed(&watcher, &NgrokWatcher::changed);
    QCOMPARE(watcher.state(), NgrokWatcher::State::Unknown);
    QVERIFY(watcher.publicUrl().isEmpty());

    const auto lastSignal = [&] {
        const QList<QVariant> args = changed.constLast();
        return qMakePair(args.at(0).value<NgrokWatcher::State>(), args.at(1).toUrl());
    };
    // Lets a few polls pass, to show that an unchanged answer signals nothing.
    const auto severalPolls = [&] {
        const int seen = agent.requests;
        QTRY_VERIFY(agent.requests >= seen + 3);
    };

    watcher.start();
    QTRY_COMPARE(watcher.state(), NgrokWatcher::State::Tunnel);
    QCOMPARE(watcher.publicUrl(), QUrl(kHttpsUrl));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(lastSignal(), qMakePair(NgrokWatcher::State::Tunnel, QUrl(kHttpsUrl)));
    severalPolls();
    QCOMPARE(changed.size(), 1);

    // The user restarted ngrok for another port.
    agent.body = answer({tunnel(kHttpsUrl, QStringLiteral("http://localhost:3000"))});
    QTRY_COMPARE(watcher.state(), NgrokWatcher::State::NoTunnel);
    QVERIFY(watcher.publicUrl().isEmpty());
    QCOMPARE(changed.size(), 2);
    QCOMPARE(lastSignal(), qMakePair(NgrokWatcher::State::NoTunnel, QUrl()));
    severalPolls();
    QCOMPARE(changed.size(), 2);

    agent.body = answer({tunnel(kHttpsUrl, QStringLiteral("localhost:8787"))});
    QTRY_COMPARE(watcher.state(), NgrokWatcher::State::Tunnel);
    QCOMPARE(changed.size(), 3);

    // The agent stopped: the tunnel went away with it.
    agent.close();
    QTRY_COMPARE(watcher.state(), NgrokWatcher::State::NoAgent);
    QVERIFY(watcher.publicUrl().isEmpty());
    QCOMPARE(changed.size(), 4);
    QCOMPARE(lastSignal(), qMakePair(NgrokWatcher::State::NoAgent, QUrl()));
    QTest::qWait(500); // five intervals of refused connections
    QCOMPARE(changed.size(), 4);

    // And came back on its usual port.
    QVERIFY(agent.listen(agentPort));
    QTRY_COMPARE(watcher.state(), NgrokWatcher::State::Tunnel);
    QCOMPARE(watcher.publicUrl(), QUrl(kHttpsUrl));
    QCOMPARE(changed.size(), 5);
    QCOMPARE(lastSignal(), qMakePair(NgrokWatcher::State::Tunnel, QUrl(kHttpsUrl)));

    // Stopped, the watcher asks no more.
    watcher.stop();
    QTest::qWait(50); // lets a request already in flight finish
    const int seen = agent.requests;
    QTest::qWait(400);
    QCOMPARE(agent.requests, seen);
}

// A restarted free-plan agent gets a new URL for the same port: same state, new URL, one signal.
void TestNgrok::urlChangeIsReported()
{
    AgentStandIn agent;
    agent.body = answer({tunnel(kHttpsUrl, QStringLiteral("8787"))});
    QVERIFY(agent.listen());

    NgrokWatcher watcher;
    watcher.setApiUrl(agent.url());
    watcher.setPort(kPort);
    watcher.setInterval(100);
    QSignalSpy changed(&watcher, &NgrokWatcher::changed);
    watcher.start();
    QTRY_COMPARE(changed.size(), 1);

    const QUrl next(QStringLiteral("https://ef01-5-6-7-8.ngrok-free.app"));
    agent.body = answer({tunnel(next.toString(), QStringLiteral("8787"))});
    QTRY_COMPARE(watcher.publicUrl(), next);
    QCOMPARE(watcher.state(), NgrokWatcher::State::Tunnel);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.constLast().at(1).toUrl(), next);
}

// Something other than ngrok on the API port: reported as no agent, with one warning.
void TestNgrok::foreignAnswerIsNoAgent()
{
    AgentStandIn agent;
    agent.body = QByteArrayLiteral("<html><body>It works!</body></html>");
    QVERIFY(agent.listen());

    NgrokWatcher watcher;
    watcher.setApiUrl(agent.url());
    watcher.setPort(kPort);
    watcher.setInterval(100);
    watcher.setMaxInterval(100); // polls at a steady pace: the warning must still come once
    QSignalSpy changed(&watcher, &NgrokWatcher::changed);
    const QRegularExpression warning(QStringLiteral("is not the ngrok agent's"));
    QTest::ignoreMessage(QtWarningMsg, warning);
    QTest::failOnWarning(warning); // a second one (every poll) would be noise
    watcher.start();
    QTRY_COMPARE(watcher.state(), NgrokWatcher::State::NoAgent);
    QCOMPARE(changed.size(), 1);
    const int seen = agent.requests;
    QTRY_VERIFY(agent.requests >= seen + 3);
    QCOMPARE(changed.size(), 1);

    // An HTTP error from whatever listens there is no agent either.
    agent.status = QByteArrayLiteral("404 Not Found");
    agent.body = QByteArrayLiteral("not found");
    const int before = agent.requests;
    QTRY_VERIFY(agent.requests >= before + 3);
    QCOMPARE(watcher.state(), NgrokWatcher::State::NoAgent);
    QCOMPARE(changed.size(), 1);
}

// An API port that accepts but never answers: NoAgent after the request timeout (about 1.5 s), and no
// requests pile up meanwhile although the interval is much shorter.
void TestNgrok::silentAgentTimesOutWithOneRequestInFlight()
{
    AgentStandIn agent;
    agent.silent = true;
    QVERIFY(agent.listen());

    NgrokWatcher watcher;
    watcher.setApiUrl(agent.url());
    watcher.setPort(kPort);
    watcher.setInterval(50);
    QSignalSpy changed(&watcher, &NgrokWatcher::changed);
    QElapsedTimer elapsed;
    elapsed.start();
    watcher.start();
    QTRY_VERIFY(agent.requests == 1);
    QTest::qWait(1000);
    QCOMPARE(agent.requests, 1);
    QCOMPARE(watcher.state(), NgrokWatcher::State::Unknown);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.state(), NgrokWatcher::State::NoAgent, 5000);
    QVERIFY2(elapsed.elapsed() >= 1400, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(changed.size(), 1);
}

void TestNgrok::nothingBeforeThePortIsKnown()
{
    AgentStandIn agent;
    agent.body = answer({});
    QVERIFY(agent.listen());

    NgrokWatcher watcher;
    watcher.setApiUrl(agent.url());
    watcher.setInterval(50);
    watcher.start();
    QTest::qWait(300);
    QCOMPARE(agent.requests, 0);
    QCOMPARE(watcher.state(), NgrokWatcher::State::Unknown);

    // Learning the port asks at once.
    watcher.setInterval(60'000);
    watcher.setPort(kPort);
    QTRY_COMPARE(watcher.state(), NgrokWatcher::State::NoTunnel);
    QCOMPARE(agent.requests, 1);
}

// Issue 15: while the answer stays the same the wait doubles up to the maximum, so an idle app polls
// rarely; a tunnel started later is still found within the maximum, and the pace starts over.
void TestNgrok::backsOffAndStillFindsALaterTunnel()
{
    AgentStandIn agent;
    agent.body = answer({});
    QVERIFY(agent.listen());

    NgrokWatcher watcher;
    watcher.setApiUrl(agent.url());
    watcher.setPort(kPort);
    watcher.setInterval(50);
    watcher.setMaxInterval(800);
    watcher.start();
    QTRY_COMPARE(watcher.state(), NgrokWatcher::State::NoTunnel);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.currentInterval(), 800, 5000);
    // At the maximum pace, two seconds hold at most three checks (fifty at the first pace).
    const int before = agent.requests;
    QTest::qWait(2000);
    QVERIFY2(agent.requests - before <= 3, qPrintable(QString::number(agent.requests - before)));

    agent.body = answer({tunnel(kHttpsUrl, QStringLiteral("8787"))});
    QElapsedTimer elapsed;
    elapsed.start();
    QTRY_COMPARE_WITH_TIMEOUT(watcher.state(), NgrokWatcher::State::Tunnel, 3000);
    QVERIFY2(elapsed.elapsed() < 800 + 500, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(watcher.currentInterval(), 50);
}

QTEST_GUILESS_MAIN(TestNgrok)
#include "tst_ngrok.moc"
