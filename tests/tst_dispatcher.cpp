// The dispatcher against real HTTP sinks on port 0 and a model outbox: retries on the backoff
// schedule (a manual clock: no test sleeps through a backoff), dead letters, Retry-After, timeouts,
// redirects not followed, refused URLs, forwards byte for byte and re-signed, the handler's answer
// kept (bounded), one target down not holding up another, notifications and stop(). What is handed
// over at commit, and throughput: tst_dispatchoffers.
#include "dispatchmodel.h"
#include "httpsink.h"
#include "ingest/signature.h"
#include "pipeline/dispatcher.h"
#include "pipeline/notifier.h"
#include "pipeline/urlpolicy.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QTest>
#include <QTimeZone>
#include <algorithm>

using namespace peanuts;
using testsupport::HttpSink;
using testsupport::SinkAnswer;
using testsupport::SinkRequest;

using namespace dispatchtest;

namespace {

SinkAnswer hangs()
{
    SinkAnswer answer;
    answer.mode = SinkAnswer::Mode::Hang;
    return answer;
}

QString imfDate(qint64 ms)
{
    return QLocale::c().toString(
               QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
        + QStringLiteral(" GMT");
}

} // namespace

class TestDispatcher : public QObject, public DispatchFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { reset(); }

    void postSucceedsAndKeepsTheAnswer()
    {
        SinkAnswer answer;
        answer.status = 201;
        answer.headers = {{"X-Answer", "yes"}};
        answer.body = "thanks";
        HttpSink sink(HttpSink::always(answer));
        QVERIFY(sink.listen());
        DispatchConfig config;
        config.allowPrivateAlertUrls = true; // the sink is on loopback
        auto dispatcher = make(config);
        const qint64 id = add(post(sink.url()));
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Done, 5000);
        const OutboxAction row = m_rows->row(id);
        QCOMPARE(row.attempts, 1);
        QVERIFY(row.lastError.isEmpty());
        QCOMPARE(row.answer.status, 201);
        QVERIFY2(row.answer.headers.contains("X-Answer: yes\n"), row.answer.headers.constData());
        QCOMPARE(row.answer.body, QByteArray("thanks"));
        QCOMPARE(row.answer.bodySize, 6);
        QCOMPARE(row.answer.atMs, m_clock->nowMs());
        QCOMPARE(sink.count(), 1);
        const SinkRequest &request = sink.requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/hook"));
        QCOMPARE(request.body, QByteArray("{\"text\":\"hi\"}"));
        QCOMPARE(request.header("content-type"), QByteArray("application/json"));
        QCOMPARE(request.header("idempotency-key"), QByteArray("key-1"));
        QCOMPARE(request.header("user-agent"), QByteArray("peanuts-monitor/" PEANUTS_VERSION));
        QCOMPARE(dispatcher->inFlight(), 0);
    }

    // Fails twice, then succeeds: each retry waits exactly the backoff (random fixed at 0.5), and
    // nothing is tried before the clock gets there.
    void retriesOnTheBackoffSchedule()
    {
        HttpSink sink(HttpSink::failing(2, 500));
        QVERIFY(sink.listen());
        DispatchConfig config;
        config.allowPrivateAlertUrls = true;
        config.retry.baseDelayMs = 1000;
        auto dispatcher = make(config);
        const qint64 t0 = m_clock->nowMs();
        const qint64 id = add(post(sink.url()));
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(id), 1, 5000);
        QCOMPARE(state(id), ActionState::Pending);
        QCOMPARE(m_rows->row(id).nextAttemptMs, t0 + 750); // 1000 * [0.5 + 0.5 * 0.5]
        QVERIFY(m_rows->row(id).lastError.startsWith(QStringLiteral("HTTP 500")));
        QCOMPARE(m_rows->row(id).answer.status, 500);

        m_clock->advance(749);
        dispatcher->wake();
        QTest::qWait(150);
        QCOMPARE(sink.count(), 1); // not due yet

        m_clock->advance(1);
        dispatcher->wake();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(id), 2, 5000);
        QCOMPARE(m_rows->row(id).nextAttemptMs, t0 + 750 + 1500); // doubled
        m_clock->advance(1500);
        dispatcher->wake();
        QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Done, 5000);
        QCOMPARE(attempts(id), 3);
        QCOMPARE(sink.count(), 3);
        for (const SinkRequest &request : sink.requests())
            QCOMPARE(request.header("idempotency-key"), QByteArray("key-1"));
        QCOMPARE(m_rows->resultsOf(id).size(), 3);
    }

    void deadLetterAfterMaxAttempts()
    {
        SinkAnswer failing;
        failing.status = 503;
        HttpSink sink(HttpSink::always(failing));
        QVERIFY(sink.listen());
        DispatchConfig config;
        config.allowPrivateAlertUrls = true;
        config.retry.maxAttempts = 3;
        auto dispatcher = make(config);
        const qint64 id = add(post(sink.url()));
        dispatcher->start();
        for (int attempt = 1; attempt <= 3; ++attempt) {
            QTRY_COMPARE_WITH_TIMEOUT(attempts(id), attempt, 5000);
            m_clock->advance(3'600'000);
            dispatcher->wake();
        }
        QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Dead, 5000);
        QTest::qWait(150);
        QCOMPARE(sink.count(), 3);
        QCOMPARE(attempts(id), 3);
        QVERIFY(m_rows->row(id).lastError.startsWith(QStringLiteral("HTTP 503")));
        for (const SinkRequest &request : sink.requests())
            QCOMPARE(request.header("idempotency-key"), QByteArray("key-1"));
    }

    void retryAfterIsHonoured_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("retryAfter"); // "+N": an HTTP date N seconds ahead
        QTest::addColumn<qint64>("delay");
        QTest::newRow("429, seconds") << 429 << QStringLiteral("7") << qint64(7000);
        QTest::newRow("503, date") << 503 << QStringLiteral("+20") << qint64(20'000);
        QTest::newRow("503, two hours: an hour") << 503 << QStringLiteral("7200") << qint64(3'600'000);
        QTest::newRow("429, bad: backoff") << 429 << QStringLiteral("soon") << qint64(750);
    }
    void retryAfterIsHonoured()
    {
        QFETCH(int, status);
        QFETCH(QString, retryAfter);
        QFETCH(qint64, delay);
        const qint64 t0 = m_clock->nowMs();
        SinkAnswer answer;
        answer.status = status;
        const QString value
            = retryAfter.startsWith(u'+') ? imfDate(t0 + retryAfter.mid(1).toLongLong() * 1000) : retryAfter;
        answer.headers = {{"Retry-After", value.toLatin1()}};
        HttpSink sink(HttpSink::always(answer));
        QVERIFY(sink.listen());
        DispatchConfig config;
        config.allowPrivateAlertUrls = true;
        auto dispatcher = make(config);
        const qint64 id = add(post(sink.url()));
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(id), 1, 5000);
        QCOMPARE(m_rows->row(id).nextAttemptMs, t0 + delay);
        QCOMPARE(m_rows->row(id).answer.status, status);
    }

    void hangingTargetTimesOutAndDoesNotHoldUpAnother()
    {
        HttpSink hanging(HttpSink::always(hangs()));
        HttpSink healthy;
        QVERIFY(hanging.listen());
        QVERIFY(healthy.listen());
        DispatchConfig config;
        config.retry.timeoutMs = 700;
        config.maxInFlightPerTarget = 2;
        auto dispatcher = make(config);
        QList<qint64> slow, fast;
        for (int i = 0; i < 20; ++i)
            slow.append(add(forward(hanging.url(), "{}", "Content-Type: application/json\n")));
        for (int i = 0; i < 40; ++i)
            fast.append(add(forward(healthy.url(), "{}", "Content-Type: application/json\n")));
        QElapsedTimer elapsed;
        elapsed.start();
        dispatcher->start();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(fast.begin(), fast.end(), [this](qint64 id) { return state(id) == ActionState::Done; }), 10000);
        const qint64 fastDone = elapsed.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(attempts(slow[0]) == 1 && attempts(slow[1]) == 1, 5000);
        qInfo() << "healthy target done after" << fastDone << "ms; the hanging one timed out after" << elapsed.elapsed()
                << "ms";
        QCOMPARE(hanging.count(), 2); // the bound per target
        QCOMPARE(m_rows->row(slow[0]).lastError, QStringLiteral("no complete answer within 700 ms"));
        QCOMPARE(m_rows->row(slow[0]).answer.status, 0);
        // After the failures the target cools down: its backlog burns neither attempts nor slots.
        QTest::qWait(300);
        QCOMPARE(hanging.count(), 2);
        for (int i = 2; i < slow.size(); ++i)
            QCOMPARE(attempts(slow[i]), 0);
        // Once the retry time comes, one attempt probes the target.
        m_clock->advance(3'600'000);
        dispatcher->wake();
        QTRY_COMPARE_WITH_TIMEOUT(hanging.count(), 3, 5000);
        QTest::qWait(200);
        QCOMPARE(hanging.count(), 3);
    }

    void connectionClosedMidAnswerIsRetried()
    {
        SinkAnswer cut;
        cut.mode = SinkAnswer::Mode::CloseMidAnswer;
        cut.body = "partial";
        HttpSink sink(HttpSink::always(cut));
        QVERIFY(sink.listen());
        auto dispatcher = make();
        const qint64 id = add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(id), 1, 5000);
        const OutboxAction row = m_rows->row(id);
        QCOMPARE(row.state, ActionState::Pending);
        QVERIFY2(row.lastError.startsWith(QStringLiteral("the request failed")), qPrintable(row.lastError));
        QCOMPARE(row.nextAttemptMs, m_clock->nowMs() + 750);
    }

    void redirectIsNotFollowed()
    {
        HttpSink second;
        QVERIFY(second.listen());
        SinkAnswer redirect;
        redirect.status = 307;
        redirect.headers = {{"Location", second.url(QStringLiteral("/elsewhere?secret=1")).toLatin1()}};
        HttpSink first(HttpSink::always(redirect));
        QVERIFY(first.listen());
        auto dispatcher = make();
        const qint64 id = add(forward(first.url(), "{}", "Content-Type: application/json\n"));
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(id), 1, 5000);
        QTest::qWait(200);
        QCOMPARE(second.count(), 0);
        QCOMPARE(first.count(), 1);
        const OutboxAction row = m_rows->row(id);
        QCOMPARE(row.state, ActionState::Pending);
        QCOMPARE(row.answer.status, 307);
        QCOMPARE(row.lastError, QStringLiteral("redirect to http://127.0.0.1:%1/… not followed").arg(second.port()));
    }

    void refusedUrlsAreDeadAtOnce()
    {
        HttpSink sink;
        QVERIFY(sink.listen());
        auto dispatcher = make();
        const qint64 file = add(post(QStringLiteral("file:///etc/passwd")));
        const qint64 fileForward = add(forward(QStringLiteral("file:///tmp/x"), "{}", "A: b\n"));
        const qint64 privateAddress = add(post(QStringLiteral("http://10.0.0.1/hook")));
        const qint64 loopback = add(post(sink.url()));
        const qint64 localhost = add(post(QStringLiteral("http://localhost:%1/hook").arg(sink.port())));
        const qint64 loopbackForward = add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        dispatcher->start();
        for (qint64 id : {file, fileForward, privateAddress, loopback, localhost})
            QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Dead, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(state(loopbackForward), ActionState::Done, 5000);
        QVERIFY(m_rows->row(file).lastError.contains(QStringLiteral("only http and https URLs can be used")));
        QVERIFY(m_rows->row(fileForward).lastError.contains(QStringLiteral("this one is file:")));
        for (qint64 id : {privateAddress, loopback, localhost}) {
            const QString error = m_rows->row(id).lastError;
            QVERIFY2(error.contains(QStringLiteral("may not reach private")), qPrintable(error));
        }
        QCOMPARE(sink.count(), 1); // the forward only
        dispatcher->stop();

        // Allowed in so many words: the loopback sink gets the alerts.
        DispatchConfig allowing;
        allowing.allowPrivateAlertUrls = true;
        auto second = make(allowing);
        const qint64 loopback2 = add(post(sink.url()));
        const qint64 localhost2 = add(post(QStringLiteral("http://localhost:%1/hook").arg(sink.port())));
        second->start();
        QTRY_COMPARE_WITH_TIMEOUT(state(loopback2), ActionState::Done, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(state(localhost2), ActionState::Done, 10000);
        QCOMPARE(sink.count(), 3);
    }

    // A name that is not "localhost" but resolves to a private address is refused once resolved.
    void alertNameResolvingToPrivateIsRefused()
    {
        const QString name = QHostInfo::localHostName();
        const QHostInfo info = QHostInfo::fromName(name);
        const QList<QHostAddress> addresses = info.addresses();
        if (name.isEmpty() || addresses.isEmpty()
            || !std::all_of(
                addresses.begin(), addresses.end(), [](const QHostAddress &a) { return isNonPublicAddress(a); }))
            QSKIP("this machine's name does not resolve to private addresses only");
        HttpSink sink;
        QVERIFY(sink.listen());
        auto dispatcher = make();
        const qint64 id = add(post(QStringLiteral("http://%1:%2/hook").arg(name).arg(sink.port())));
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Dead, 10000);
        const QString error = m_rows->row(id).lastError;
        QVERIFY2(error.contains(QStringLiteral("%1 resolves to").arg(name)), qPrintable(error));
        QCOMPARE(sink.count(), 0);
    }

    void forwardKeepsTheBodyAndSignsIt()
    {
        HttpSink sink;
        QVERIFY(sink.listen());
        auto dispatcher = make();
        const QByteArray body = QByteArray("{\"amount\":600.50,\"note\":\"caf\xe9\xff\x00\"}\r\nsecond line\r\n ", 45);
        QCOMPARE(body.size(), 45);
        const QByteArray headers = "Content-Type: application/json; charset=utf-8\n"
                                   "User-Agent: Peanuts-Webhooks/2.1\n"
                                   "X-Peanuts-Event: entry.created\n"
                                   "X-Peanuts-Delivery: d-123\n"
                                   "X-Peanuts-Signature: 00ff\n"
                                   "Host: receiver.example:9999\n"
                                   "Content-Length: 3\n"
                                   "Connection: close\n"
                                   "Transfer-Encoding: chunked\n"
                                   "Expect: 100-continue\n"
                                   "Keep-Alive: timeout=5\n"
                                   "TE: trailers\n"
                                   "Upgrade: h2c\n"
                                   "X-Forwarded-For: 203.0.113.9\n"
                                   "X-Forwarded-Host: receiver.example\n"
                                   "Forwarded: for=203.0.113.9\n"
                                   "Cookie: session=abc\n"
                                   "Authorization: Bearer secret-token\n"
                                   "X-Other: dropped\n";
        OutboxAction action = forward(sink.url(), body, headers);
        action.idempotencyKey = "fwd-7-1";
        const qint64 id = add(action);
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Done, 5000);
        QCOMPARE(sink.count(), 1);
        const SinkRequest &request = sink.requests().first();
        QCOMPARE(request.body, body); // byte for byte
        QCOMPARE(request.header("content-length"), QByteArray::number(body.size()));
        QCOMPARE(request.header("content-type"), QByteArray("application/json; charset=utf-8"));
        QCOMPARE(request.header("user-agent"), QByteArray("Peanuts-Webhooks/2.1"));
        QCOMPARE(request.header("x-peanuts-event"), QByteArray("entry.created"));
        QCOMPARE(request.header("x-peanuts-delivery"), QByteArray("d-123"));
        QCOMPARE(request.header("idempotency-key"), QByteArray("fwd-7-1"));
        QCOMPARE(request.header("host"), QByteArrayLiteral("127.0.0.1:") + QByteArray::number(sink.port()));
        for (const char *dropped : {"transfer-encoding", "expect", "keep-alive", "te", "upgrade", "x-forwarded-for",
                 "x-forwarded-host", "forwarded", "cookie", "authorization", "x-other"})
            QVERIFY2(!request.hasHeader(dropped), dropped);
        QVERIFY(request.header("connection").toLower() != "close");
        SignatureVerifier verifier;
        verifier.setSecrets({{QStringLiteral("forward"), kForwardSecret}});
        QCOMPARE(verifier.verify(request.body, request.header("x-peanuts-signature")).verdict, SignatureVerdict::Valid);
        int signatures = 0;
        for (const auto &pair : request.headers)
            signatures += pair.first == "x-peanuts-signature";
        QCOMPARE(signatures, 1);
    }

    void forwardWithoutSecretFailsAndRedactedIsDead()
    {
        HttpSink sink;
        QVERIFY(sink.listen());
        DispatchConfig config;
        config.forwardSecret = "x";
        auto dispatcher = make(config);
        dispatcher->setConfig(DispatchConfig {}); // the secret gone
        const qint64 unsigned_ = add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        const qint64 redacted = add(forward(QStringLiteral("http://127.0.0.1:1/other"), {}, {}));
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(unsigned_), 1, 5000);
        QCOMPARE(state(unsigned_), ActionState::Pending); // the user may set the secret: retried
        QVERIFY(m_rows->row(unsigned_).lastError.contains(QStringLiteral("no forwarding secret")));
        QTRY_COMPARE_WITH_TIMEOUT(state(redacted), ActionState::Dead, 5000);
        QCOMPARE(m_rows->row(redacted).lastError, QStringLiteral("the delivery was redacted"));
        QCOMPARE(sink.count(), 0);
        // The secret comes back: the next attempt goes out, signed.
        DispatchConfig withSecret;
        withSecret.forwardSecret = kForwardSecret;
        dispatcher->setConfig(withSecret);
        m_clock->advance(3'600'000);
        dispatcher->wake();
        QTRY_COMPARE_WITH_TIMEOUT(state(unsigned_), ActionState::Done, 5000);
        QCOMPARE(sink.requests().first().header("x-peanuts-signature"), hmacSha256Hex(kForwardSecret, "{}"));
    }

    void answerBodyIsBounded()
    {
        SinkAnswer big;
        big.body = QByteArray(200 * 1024, 'a');
        big.body[kMaxAnswerBodyBytes] = 'X';
        HttpSink sink(HttpSink::always(big));
        QVERIFY(sink.listen());
        auto dispatcher = make();
        const qint64 id = add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Done, 5000);
        const OutboxAction row = m_rows->row(id);
        QCOMPARE(row.answer.body.size(), kMaxAnswerBodyBytes);
        QVERIFY(!row.answer.body.contains('X'));
        QCOMPARE(row.answer.bodySize, qint64(200 * 1024));
    }

    void notifyGoesToTheNotifier()
    {
        RecordingNotifier notifier;
        auto dispatcher = make({}, &notifier);
        OutboxAction a
            = notification(QStringLiteral("High-value expense"), QStringLiteral("600.50 € at Café").toUtf8());
        a.deliveryId = 42;
        const qint64 id = add(a);
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(notifier.shown().size(), 1, 5000);
        QCOMPARE(notifier.shown().first().title, QStringLiteral("High-value expense"));
        QCOMPARE(notifier.shown().first().body, QStringLiteral("600.50 € at Café"));
        QCOMPARE(notifier.shown().first().deliveryId, qint64(42));
        QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Done, 5000);
        QCOMPARE(attempts(id), 1);
    }

    void notifyWithoutNotifierIsLogged()
    {
        auto dispatcher = make();
        const qint64 id = add(notification(QStringLiteral("Task due"), "Pay rent"));
        QTest::ignoreMessage(QtWarningMsg, "alert: Task due: Pay rent");
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Done, 5000);
    }

    // stop() with a request in flight: back within the grace, and the action still pending (tried
    // again next run: at least once).
    void stopLeavesUnfinishedPending()
    {
        // The first request hangs; the ones after it are answered.
        HttpSink sink([](const SinkRequest &, int index) { return index == 0 ? hangs() : SinkAnswer(); });
        QVERIFY(sink.listen());
        auto dispatcher = make();
        const qint64 id = add(forward(sink.url(), "{}", "Content-Type: application/json\n"));
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 1, 5000);
        QElapsedTimer elapsed;
        elapsed.start();
        dispatcher->stop();
        QVERIFY2(elapsed.elapsed() < 2000, qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(state(id), ActionState::Pending);
        QCOMPARE(attempts(id), 0);
        QCOMPARE(dispatcher->inFlight(), 0);
        dispatcher.reset();
        // The next run sends it again, with the same key: at least once.
        auto next = make();
        next->start();
        QTRY_COMPARE_WITH_TIMEOUT(state(id), ActionState::Done, 5000);
        QCOMPARE(sink.count(), 2);
        QCOMPARE(sink.requests().at(1).header("idempotency-key"), sink.requests().at(0).header("idempotency-key"));
    }
};

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
