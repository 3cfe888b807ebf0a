// TLS on the receiver's listener, through a real receiver on a free port: a signed delivery over
// HTTPS is stored, plain HTTP to the TLS port is not, a client that never handshakes is dropped, and
// the limits layer holds over TLS as over plain. The rule that a listener beyond loopback needs TLS
// or an allowance, at start and at rebind, and an older settings file that keeps working with a
// warning. The certificate and keys are in tests/data/tls (README.md there says how they were made).
#include "config/options.h"
#include "config/settings.h"
#include "receivercore.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSettings>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace testsupport;

namespace {

const QString kTlsDir = QStringLiteral(PEANUTS_TEST_DATA_DIR "/tls");
const QString kCert = kTlsDir + QStringLiteral("/cert.pem");
const QString kKey = kTlsDir + QStringLiteral("/key.pem");
const QString kOtherKey = kTlsDir + QStringLiteral("/other-key.pem");

constexpr int kHandshakeTimeoutMs = 300;
constexpr qint64 kMaxBody = 64 * 1024;

// A client that trusts the test certificate (self-signed: it is its own CA) and checks the name.
QSslConfiguration trustingClient()
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromPath(kCert));
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return config;
}

// A receiver of its own in a temporary folder; TLS unless told otherwise.
struct Receiver
{
    QTemporaryDir dir;
    peanuts::Options options;
    peanuts::ReceiverCore core;
    QString error;

    explicit Receiver(bool tls = true)
        : options(testOptions(dir.path()))
    {
        if (tls) {
            options.tlsCert = kCert;
            options.tlsKey = kKey;
        }
        options.limits.maxBodyBytes = kMaxBody;
        options.limits.handshakeTimeoutMs = kHandshakeTimeoutMs;
        options.limits.requestTimeoutMs = 1000;
        options.limits.idleTimeoutMs = 1000;
    }
    bool start() { return core.start(options, &error); }
    qint64 deliveries() const { return rawNumber(options.dbPath, "SELECT count(*) FROM deliveries"); }
    qint64 storedWith(const char *sql) const { return rawNumber(options.dbPath, sql); }
    void writeSettings(const QList<QPair<QString, QVariant>> &values)
    {
        QSettings settings(options.settingsPath, QSettings::IniFormat);
        for (const auto &[key, value] : values)
            settings.setValue(key, value);
    }
};

// How long until the server closes a client that sends first (nothing when it stays open).
qint64 msUntilClosed(RawClient &client, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    return client.waitForClose(timeoutMs) ? timer.elapsed() : -1;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend here"); }

    void signedDeliveryOverHttpsIsStored()
    {
        Receiver receiver;
        QVERIFY2(receiver.start(), qPrintable(receiver.error));
        QVERIFY(receiver.core.servesTls());
        RawClient client(receiver.core.port(), trustingClient());
        QVERIFY2(client.encrypted(), qPrintable(client.socket().errorString()));
        const QByteArray body = makeBody(QStringLiteral("tls-1"));
        client.send(signedRequest(body));
        const QList<HttpReply> replies = client.waitForReplies(1);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 200);
        QCOMPARE(replies[0].body, QByteArrayLiteral("{\"processed\":true}"));
        // A second request on the same connection: keep-alive over TLS.
        client.send(signedRequest(makeBody(QStringLiteral("tls-2"))));
        QCOMPARE(client.waitForReplies(2).value(1).status, 200);
        QTRY_COMPARE(receiver.deliveries(), 2);
        const QByteArray sql
            = "SELECT count(*) FROM deliveries WHERE status = 200 AND body_size = " + QByteArray::number(body.size());
        QCOMPARE(receiver.storedWith(sql.constData()), 2);
    }

    void plainHttpToTheTlsPortIsClosedUnanswered()
    {
        Receiver receiver;
        QVERIFY2(receiver.start(), qPrintable(receiver.error));
        RawClient client(receiver.core.port());
        QVERIFY(client.isConnected());
        client.send(signedRequest(makeBody(QStringLiteral("plain-1"))));
        QVERIFY(client.waitForClose(3000));
        QCOMPARE(client.received(), QByteArray());
        // Nothing was stored, not even as a rejected delivery.
        QTest::qWait(200);
        QCOMPARE(receiver.deliveries(), 0);
        // And the port still serves TLS.
        RawClient tls(receiver.core.port(), trustingClient());
        QVERIFY(tls.encrypted());
    }

    void clientThatNeverHandshakesIsDropped_data()
    {
        QTest::addColumn<QByteArray>("sent");
        QTest::addRow("silent") << QByteArray();
        // The start of a handshake record, and then nothing: QSslServer restarts its timer once, at
        // the first byte.
        QTest::addRow("stalled handshake") << QByteArray("\x16\x03\x01", 3);
    }
    void clientThatNeverHandshakesIsDropped()
    {
        QFETCH(QByteArray, sent);
        Receiver receiver;
        receiver.options.limits.idleTimeoutMs = 10'000; // only the handshake timeout can close it soon
        QVERIFY2(receiver.start(), qPrintable(receiver.error));
        RawClient client(receiver.core.port());
        QVERIFY(client.isConnected());
        if (!sent.isEmpty())
            client.send(sent);
        const qint64 closedAfter = msUntilClosed(client, 5000);
        QVERIFY2(closedAfter >= 0, "the server kept a client that never finished its handshake");
        QVERIFY2(closedAfter >= kHandshakeTimeoutMs / 2 && closedAfter < 3 * kHandshakeTimeoutMs + 500,
            qPrintable(QStringLiteral("closed after %1 ms").arg(closedAfter)));
    }

    void connectionCapHoldsOverTls()
    {
        Receiver receiver;
        receiver.options.limits.maxConnections = 3;
        receiver.options.limits.idleTimeoutMs = 10'000;
        QVERIFY2(receiver.start(), qPrintable(receiver.error));
        const quint16 port = receiver.core.port();
        std::vector<std::unique_ptr<RawClient>> open;
        for (int i = 0; i < 3; ++i) {
            open.push_back(std::make_unique<RawClient>(port, trustingClient()));
            QVERIFY(open.back()->encrypted());
        }
        {
            RawClient over(port, trustingClient(), 2000);
            QVERIFY2(!over.encrypted(), "a connection over the cap was served");
            QVERIFY(over.waitForClose(2000));
        }
        // The cap counts open connections: one closes, and the next is served.
        open.front()->socket().abort();
        open.erase(open.begin());
        QElapsedTimer waited;
        waited.start();
        std::unique_ptr<RawClient> next;
        do {
            next = std::make_unique<RawClient>(port, trustingClient(), 1000);
        } while (!next->encrypted() && waited.elapsed() < 5000);
        QVERIFY(next->encrypted());
        next->send(signedRequest(makeBody(QStringLiteral("after-cap"))));
        QCOMPARE(next->waitForReplies(1).value(0).status, 200);
    }

    void idleAndRequestTimeoutsHoldOverTls()
    {
        Receiver receiver;
        QVERIFY2(receiver.start(), qPrintable(receiver.error));
        const quint16 port = receiver.core.port();

        RawClient idle(port, trustingClient());
        QVERIFY(idle.encrypted());
        const qint64 idleClosed = msUntilClosed(idle, 5000);
        QVERIFY2(idleClosed >= 700 && idleClosed < 3000,
            qPrintable(QStringLiteral("idle closed after %1 ms").arg(idleClosed)));

        RawClient slow(port, trustingClient());
        QVERIFY(slow.encrypted());
        QElapsedTimer timer;
        timer.start();
        slow.send("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"event\":");
        const QList<HttpReply> replies = slow.waitForReplies(1, 5000);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies[0].status, 408);
        QVERIFY2(timer.elapsed() >= 900, qPrintable(QStringLiteral("408 after %1 ms").arg(timer.elapsed())));
        QVERIFY(slow.waitForClose(3000));
    }

    // The limits layer reads the decrypted bytes: its refusals are the same over TLS as over plain.
    void oversizedBodyIsRefusedAsOverPlain()
    {
        const QByteArray request = "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
            + QByteArray::number(kMaxBody + 1) + "\r\n\r\n" + QByteArray(4096, 'x');
        QList<HttpReply> answers;
        for (const bool tls : {false, true}) {
            Receiver receiver(tls);
            QVERIFY2(receiver.start(), qPrintable(receiver.error));
            std::unique_ptr<RawClient> client = tls
                ? std::make_unique<RawClient>(receiver.core.port(), trustingClient())
                : std::make_unique<RawClient>(receiver.core.port());
            QCOMPARE(client->encrypted(), tls);
            client->send(request);
            const QList<HttpReply> replies = client->waitForReplies(1);
            QCOMPARE(replies.size(), 1);
            answers.append(replies[0]);
            QVERIFY(client->waitForClose(3000)); // the rest of the body is not read
            // Kept as a rejected delivery in both cases.
            QTRY_COMPARE(receiver.storedWith("SELECT count(*) FROM deliveries WHERE status = 413"), 1);
        }
        QCOMPARE(answers[0].status, 413);
        QCOMPARE(answers[1].status, answers[0].status);
        QCOMPARE(answers[1].body, answers[0].body);
        QCOMPARE(answers[1].header("connection"), answers[0].header("connection"));
    }

    void bindingBeyondLoopbackNeedsTlsOrTheAllowance_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("allowPlain");
        QTest::addColumn<bool>("starts");
        QTest::addRow("plain") << false << false << false;
        QTest::addRow("plain, allowed") << false << true << true;
        QTest::addRow("TLS") << true << false << true;
    }
    void bindingBeyondLoopbackNeedsTlsOrTheAllowance()
    {
        QFETCH(bool, tls);
        QFETCH(bool, allowPlain);
        QFETCH(bool, starts);
        Receiver receiver(tls);
        receiver.options.bindAddress = QHostAddress::AnyIPv4;
        receiver.options.allowPlainHttp = allowPlain;
        QCOMPARE(receiver.start(), starts);
        if (!starts) {
            QVERIFY2(receiver.error.startsWith(QLatin1String("refusing to listen on 0.0.0.0 with plain HTTP")),
                qPrintable(receiver.error));
            QVERIFY(receiver.error.contains(QLatin1String("--allow-plain-http")));
            QVERIFY(!receiver.core.isRunning());
            return;
        }
        QCOMPARE(receiver.core.servesTls(), tls);
        QCOMPARE(receiver.core.plainHttpWarning(), QString()); // chosen, not inherited: no warning
    }

    void rebindBeyondLoopbackNeedsTlsOrTheAllowance()
    {
        Receiver receiver(false);
        QVERIFY2(receiver.start(), qPrintable(receiver.error));
        const quint16 port = receiver.core.port();
        QString error;
        QVERIFY(!receiver.core.rebind(QHostAddress::AnyIPv4, 0, &error));
        QVERIFY2(error.startsWith(QLatin1String("refusing to listen on 0.0.0.0 with plain HTTP")), qPrintable(error));
        // The old listener stays.
        QCOMPARE(receiver.core.port(), port);
        QCOMPARE(receiver.core.options().bindAddress, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(postAndFindId(port, receiver.core.store(), makeBody(QStringLiteral("still"))) > 0);

        // A bad key for TLS fails as clearly, and changes nothing either.
        QVERIFY(!receiver.core.reconfigureListener(QHostAddress::AnyIPv4, 0, {kCert, kOtherKey, false}, &error));
        QVERIFY2(error.contains(QLatin1String("does not belong to the certificate")), qPrintable(error));
        QCOMPARE(receiver.core.port(), port);

        QVERIFY2(receiver.core.reconfigureListener(QHostAddress::AnyIPv4, 0, {kCert, kKey, false}, &error),
            qPrintable(error));
        QVERIFY(receiver.core.servesTls());
        RawClient client(receiver.core.port(), trustingClient());
        QVERIFY(client.encrypted());

        QVERIFY2(receiver.core.reconfigureListener(QHostAddress::AnyIPv4, 0, {QString(), QString(), true}, &error),
            qPrintable(error));
        QVERIFY(!receiver.core.servesTls());
        QVERIFY(postAndFindId(receiver.core.port(), receiver.core.store(), makeBody(QStringLiteral("plain"))) > 0);
    }

    void badCertificateOrKeyIsAStartUpError_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("error");
        QTest::addRow("missing cert") << kTlsDir + QStringLiteral("/none.pem") << kKey
                                      << QStringLiteral("cannot read the TLS certificate");
        QTest::addRow("not a cert") << kKey << kKey << QStringLiteral("holds no PEM certificate");
        QTest::addRow("not a key") << kCert << kCert << QStringLiteral("holds no PEM private key");
        QTest::addRow("another key") << kCert << kOtherKey << QStringLiteral("does not belong to the certificate");
        QTest::addRow("cert alone") << kCert << QString() << QStringLiteral("TLS needs a key");
        QTest::addRow("key alone") << QString() << kKey << QStringLiteral("TLS needs a certificate");
    }
    void badCertificateOrKeyIsAStartUpError()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, error);
        Receiver receiver(false);
        receiver.options.tlsCert = cert;
        receiver.options.tlsKey = key;
        QVERIFY(!receiver.start());
        QVERIFY2(receiver.error.contains(error), qPrintable(receiver.error));
        QVERIFY(!receiver.core.isRunning());
    }

    // A settings file from before the rule: bind 0.0.0.0, no TLS, no allow_plain_http key.
    void olderSettingsBeyondLoopbackStartWithAWarning()
    {
        Receiver receiver(false);
        receiver.writeSettings({{QStringLiteral("receiver/bind"), QStringLiteral("0.0.0.0")}});
        QTest::ignoreMessage(QtWarningMsg,
            QRegularExpression(QStringLiteral("^Listening on 0\\.0\\.0\\.0 with plain HTTP because settings saved "
                                              "by an earlier version chose that address")));
        QVERIFY2(receiver.start(), qPrintable(receiver.error));
        QCOMPARE(receiver.core.options().bindAddress, QHostAddress(QHostAddress::AnyIPv4));
        QVERIFY(receiver.core.plainHttpWarning().contains(QLatin1String("--allow-plain-http")));
        QVERIFY(postAndFindId(receiver.core.port(), receiver.core.store(), makeBody(QStringLiteral("old"))) > 0);
        // A new port keeps the old allowance; an explicit choice ends the warning.
        QString error;
        QVERIFY2(receiver.core.rebind(QHostAddress::AnyIPv4, 0, &error), qPrintable(error));
        QVERIFY(!receiver.core.plainHttpWarning().isEmpty());
        QVERIFY2(receiver.core.reconfigureListener(QHostAddress::AnyIPv4, 0, {QString(), QString(), true}, &error),
            qPrintable(error));
        QCOMPARE(receiver.core.plainHttpWarning(), QString());
    }

    void savedAllowanceDecides_data()
    {
        QTest::addColumn<QVariant>("allow");
        QTest::addColumn<bool>("starts");
        QTest::addRow("allowed") << QVariant(true) << true;
        QTest::addRow("not allowed") << QVariant(false) << false;
    }
    void savedAllowanceDecides()
    {
        QFETCH(QVariant, allow);
        QFETCH(bool, starts);
        Receiver receiver(false);
        receiver.writeSettings({{QStringLiteral("receiver/bind"), QStringLiteral("0.0.0.0")},
            {QStringLiteral("receiver/allow_plain_http"), allow}});
        QCOMPARE(receiver.start(), starts);
        if (starts)
            QCOMPARE(receiver.core.plainHttpWarning(), QString());
        else
            QVERIFY2(receiver.error.startsWith(QLatin1String("refusing to listen")), qPrintable(receiver.error));
    }

    void settingsGiveTheCertificate()
    {
        Receiver receiver(false);
        receiver.writeSettings(
            {{QStringLiteral("receiver/bind"), QStringLiteral("0.0.0.0")}, {QStringLiteral("receiver/tls_cert"), kCert},
                {QStringLiteral("receiver/tls_key"), kKey}, {QStringLiteral("receiver/allow_plain_http"), false}});
        QVERIFY2(receiver.start(), qPrintable(receiver.error));
        QVERIFY(receiver.core.servesTls());
        RawClient client(receiver.core.port(), trustingClient());
        QVERIFY(client.encrypted());
    }

    void commandLineOptions()
    {
        using peanuts::parseCommandLine;
        const peanuts::CommandLine parsed
            = parseCommandLine({QStringLiteral("peanuts-monitor"), QStringLiteral("--tls-cert"),
                QStringLiteral("c.pem"), QStringLiteral("--tls-key"), kKey, QStringLiteral("--allow-plain-http")});
        QVERIFY2(!parsed.exit, qPrintable(parsed.output));
        QVERIFY(QDir::isAbsolutePath(parsed.options.tlsCert));
        QVERIFY(parsed.options.tlsCert.endsWith(QLatin1String("/c.pem")));
        QCOMPARE(parsed.options.tlsKey, kKey);
        QVERIFY(parsed.options.allowPlainHttp);
        for (const char *name : {"tls-cert", "tls-key", "allow-plain-http"})
            QVERIFY(parsed.options.explicitlySet.contains(QLatin1String(name)));
        QVERIFY(!parseCommandLine({QStringLiteral("peanuts-monitor")}).options.allowPlainHttp);

        // The command line wins over the settings: --allow-plain-http over a saved "false".
        QTemporaryDir dir;
        peanuts::Options options = parsed.options;
        options.settingsPath = dir.filePath(QStringLiteral("s.ini"));
        {
            peanuts::Settings settings(options.settingsPath);
            settings.setValue(peanuts::Settings::Key::AllowPlainHttp, false);
            settings.setValue(peanuts::Settings::Key::TlsKey, QStringLiteral("/elsewhere/key.pem"));
            settings.sync();
            peanuts::applySettings(options, settings);
        }
        QVERIFY(options.allowPlainHttp);
        QCOMPARE(options.tlsKey, kKey);

        const QString help = parseCommandLine({QStringLiteral("peanuts-monitor"), QStringLiteral("--help")}).output;
        for (const char *name : {"--tls-cert <PATH>", "--tls-key <PATH>", "--allow-plain-http"})
            QVERIFY2(help.contains(QLatin1String(name)), name);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
