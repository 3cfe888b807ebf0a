// The pipeline through a running receiver: what a 200 sets in motion (the default rules' alerts,
// forwards to the user's handler with the handler's answer kept), the scheduled date checks (one
// summary for many, once per entry and due date), and pending work resumed after a restart.
#include "httpsink.h"
#include "ingest/signature.h"
#include "pipeline/notifier.h"
#include "pipeline/notifythrottle.h"
#include "pipeline/pipeline.h"
#include "receivercore.h"
#include "services/actionservice.h"
#include "testsupport.h"

#include <QDate>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace peanuts;
using testsupport::HttpSink;
using testsupport::SinkAnswer;

namespace {

// A /tasks entry whose due_date lies `days` from today (UTC, the tests' zone).
QByteArray taskBody(
    const QString &entryId, int days, const QString &event = QStringLiteral("entry.created"), int second = 0)
{
    const QString stamp = testsupport::earlierToday(second);
    const QString due = QDate::currentDate().addDays(days).toString(Qt::ISODate);
    return QStringLiteral(
        R"({"event":"%1","timestamp":"%2","helper":{"id":"h-tasks","name":"Tasks","command":"/tasks"},)"
        R"("entry":{"id":"%3","created_at":"%2","data":{"title":"Task %3","due_date":"%4"}},)"
        R"("user":{"id":"u-1"}})")
        .arg(event, stamp, entryId, due)
        .toUtf8();
}

QByteArray expenseBody(const QString &entryId, const QByteArray &amount)
{
    QByteArray body = testsupport::makeBody(
        entryId, QStringLiteral("entry.created"), testsupport::earlierToday(), amount, QStringLiteral("Food"));
    return body;
}

// Posts each body on one connection; returns the statuses.
QList<int> post(quint16 port, const QList<QByteArray> &bodies)
{
    testsupport::RawClient client(port);
    QByteArray requests;
    for (const QByteArray &body : bodies)
        requests += testsupport::signedRequest(body);
    client.send(requests);
    QList<int> statuses;
    for (const testsupport::HttpReply &reply : client.waitForReplies(int(bodies.size())))
        statuses.append(reply.status);
    return statuses;
}

QList<OutboxAction> actionsOf(ReceiverCore &core, qint64 deliveryId)
{
    QList<OutboxAction> result;
    bool done = false;
    QObject receiver;
    core.actions()->actionsOfDelivery(&receiver, deliveryId, [&](QList<OutboxAction> actions) {
        result = actions;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 5000))
        qWarning("the store did not answer within 5 s");
    return result;
}

void writeRules(const QString &path, const QByteArray &json)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(json);
}

} // namespace

class PipelineTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { qunsetenv("PEANUTS_FORWARD_SECRET"); }

    // A burst of alerts of one kind is one notification now and one summary after the gap; another
    // kind is not held up by it.
    void burstsOfAlertsAreSummarized()
    {
        RecordingNotifier notifier;
        ManualClock clock;
        NotifyThrottle throttle(&notifier, &clock);
        for (int i = 0; i < 50; ++i)
            throttle.offer(QStringLiteral("High expense"), QStringLiteral("High expense: %1").arg(600 + i), i + 1);
        throttle.offer(QStringLiteral("Task due"), QStringLiteral("Task due today"), 99);
        QTRY_COMPARE(notifier.shown().size(), 2);
        QCOMPARE(notifier.shown().at(0).body, QStringLiteral("High expense: 600"));
        QCOMPARE(notifier.shown().at(1).deliveryId, 99);
        clock.advance(NotifyThrottle::kGapMs);
        throttle.flush();
        QTRY_COMPARE(notifier.shown().size(), 3);
        QCOMPARE(notifier.shown().at(2).body, QStringLiteral("49 more; the latest: High expense: 649"));
        QCOMPARE(notifier.shown().at(2).deliveryId, 50);
        // After a quiet gap, the next one shows at once again.
        clock.advance(NotifyThrottle::kGapMs);
        throttle.offer(QStringLiteral("High expense"), QStringLiteral("High expense: 700"), 51);
        QTRY_COMPARE(notifier.shown().size(), 4);
    }

    // A 600.50 expense: one desktop alert naming the amount, a click target, and a forward of the
    // exact bytes, signed with the first receiving secret; the handler's answer is kept with it.
    void highExpenseAlertsAndForwards()
    {
        QTemporaryDir dir;
        SinkAnswer handled;
        handled.status = 202;
        handled.headers = {{"x-handler", "mine"}};
        handled.body = "handled";
        HttpSink sink(HttpSink::always(handled));
        QVERIFY(sink.listen());
        Options options = testsupport::testOptions(dir.path());
        options.pipeline.forwards = {ForwardTarget {sink.url(), {}, {}, 1u}};
        options.explicitlySet.append(QStringLiteral("forward-to"));
        RecordingNotifier notifier;
        ReceiverCore core;
        core.setNotifier(&notifier);
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));

        const QByteArray big = expenseBody(QStringLiteral("e-big"), "600.50");
        const QByteArray small = expenseBody(QStringLiteral("e-small"), "500.00");
        QCOMPARE(post(core.port(), {big, small, big}), (QList<int> {200, 200, 200}));

        QTRY_COMPARE_WITH_TIMEOUT(notifier.shown().size(), 1, 5000);
        QCOMPARE(notifier.shown().constFirst().title, QStringLiteral("High expense"));
        QVERIFY2(notifier.shown().constFirst().body.contains(QLatin1String("600.50")),
            qPrintable(notifier.shown().constFirst().body));
        QCOMPARE(notifier.shown().constFirst().deliveryId, 1);
        // Both accepted deliveries are forwarded; the duplicate is not.
        QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 2, 5000);
        QTest::qWait(200);
        QCOMPARE(sink.count(), 2);
        const testsupport::SinkRequest &first = sink.requests().constFirst();
        QCOMPARE(first.body, big);
        SignatureVerifier verifier;
        verifier.setSecrets({Secret {QStringLiteral("forward"), testsupport::kSecret}});
        QCOMPARE(verifier.verify(first.body, first.header("x-peanuts-signature")).verdict, SignatureVerdict::Valid);
        QVERIFY(!first.header("idempotency-key").isEmpty());
        QCOMPARE(first.header("content-type"), QByteArray("application/json"));

        // The handler's answer, as the inspector shows it.
        QList<OutboxAction> actions;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                actions = actionsOf(core, 1);
                for (const OutboxAction &a : std::as_const(actions)) {
                    if (a.kind == ActionKind::Forward && a.state == ActionState::Done)
                        return true;
                }
                return false;
            }(),
            5000);
        for (const OutboxAction &a : std::as_const(actions)) {
            if (a.kind != ActionKind::Forward)
                continue;
            QCOMPARE(a.answer.status, 202);
            QCOMPARE(a.answer.body, QByteArray("handled"));
            QVERIFY(a.answer.headers.contains("x-handler: mine"));
            QCOMPARE(a.idempotencyKey, first.header("idempotency-key"));
        }
        core.stop();
    }

    // Tasks stored while no date rule was in force: the first check finds five due or overdue, says so
    // in one summary, and records them; a second check says nothing; a changed due date fires again.
    void dateCheckSummarizesOnce()
    {
        QTemporaryDir dir;
        const QString rules = dir.filePath(QStringLiteral("rules.json"));
        writeRules(rules, R"({"version": 1, "rules": []})");
        Options options = testsupport::testOptions(dir.path());
        options.pipeline.rulesPath = rules;
        options.explicitlySet.append(QStringLiteral("rules"));
        {
            ReceiverCore core;
            RecordingNotifier quiet;
            core.setNotifier(&quiet);
            QString error;
            QVERIFY2(core.start(options, &error), qPrintable(error));
            QList<QByteArray> bodies;
            for (int i = 0; i < 4; ++i)
                bodies.append(taskBody(QStringLiteral("t-%1").arg(i), i % 2)); // today, tomorrow
            bodies.append(taskBody(QStringLiteral("t-late"), -3)); // overdue
            bodies.append(taskBody(QStringLiteral("t-far"), 9)); // not yet
            bodies.append(taskBody(QStringLiteral("t-gone"), 0));
            bodies.append(taskBody(QStringLiteral("t-gone"), 0, QStringLiteral("entry.deleted"), 1)); // never fires
            QCOMPARE(post(core.port(), bodies), QList<int>(8, 200));
            core.stop();
            QVERIFY(quiet.shown().isEmpty());
        }
        QFile::remove(rules); // the default rules from now on

        RecordingNotifier notifier;
        ReceiverCore core;
        core.setNotifier(&notifier);
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(notifier.shown().size(), 1, 5000);
        QCOMPARE(notifier.shown().constFirst().body, QStringLiteral("5 tasks are due or overdue (rule \"Task due\")"));

        QSignalSpy checked(core.pipeline(), &Pipeline::dateCheckDone);
        core.pipeline()->runDateCheck();
        QVERIFY(checked.wait(5000));
        QCOMPARE(checked.constFirst().constFirst().toInt(), 0);
        QTest::qWait(200);
        QCOMPARE(notifier.shown().size(), 1);

        // An update that moves t-far to tomorrow fires at once, for that entry alone.
        QCOMPARE(post(core.port(), {taskBody(QStringLiteral("t-far"), 1, QStringLiteral("entry.updated"), 2)}),
            QList<int> {200});
        QTRY_COMPARE_WITH_TIMEOUT(notifier.shown().size(), 2, 5000);
        QVERIFY2(
            notifier.shown().at(1).body.contains(QLatin1String("Task t-far")), qPrintable(notifier.shown().at(1).body));
        core.stop();
    }

    // A handler that is down: the forward waits, retrying; after a restart it is resumed and arrives,
    // with the same Idempotency-Key.
    // A forwarding secret saved here signs the forwards in place of the first receiving secret, is kept
    // in a file only the user can read (headless: no keychain), comes back after a restart, gives way to
    // PEANUTS_FORWARD_SECRET, and never verifies an incoming delivery.
    void storedForwardSecretSignsForwards()
    {
        QTemporaryDir dir;
        HttpSink sink;
        QVERIFY(sink.listen());
        Options options = testsupport::testOptions(dir.path());
        options.pipeline.forwards = {ForwardTarget {sink.url(), {}, {}, 1u}};
        options.explicitlySet.append(QStringLiteral("forward-to"));
        const QByteArray stored = "stored-forwarding-secret";
        {
            ReceiverCore core;
            QString error;
            QVERIFY2(core.start(options, &error), qPrintable(error));
            QCOMPARE(core.forwardSecretSource(), QStringLiteral("the first receiving secret"));
            core.setStoredForwardSecret(stored);
            QCOMPARE(core.forwardSecretSource(), QStringLiteral("the forwarding secret saved here"));
            const QByteArray body = expenseBody(QStringLiteral("fs-1"), "12.00");
            QCOMPARE(post(core.port(), {body}), QList<int> {200});
            QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 1, 5000);
            SignatureVerifier verifier;
            verifier.setSecrets({Secret {QStringLiteral("forward"), stored}});
            QCOMPARE(verifier.verify(body, sink.requests().constFirst().header("x-peanuts-signature")).verdict,
                SignatureVerdict::Valid);
            // Not a receiving secret: a delivery signed with it is refused.
            const QByteArray forged = expenseBody(QStringLiteral("fs-2"), "13.00");
            testsupport::RawClient client(core.port());
            client.send(testsupport::webhookRequest(forged, testsupport::sign(stored, forged)));
            QCOMPARE(client.waitForReplies(1).value(0).status, 401);
            core.stop();
        }
        const QString file = dir.filePath(QStringLiteral("forwarding-secret.json"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 5000);
        QCOMPARE(QFile::permissions(file),
            QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser); // 0600
        ReceiverCore again;
        QString error;
        QVERIFY2(again.start(options, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(
            again.forwardSecretSource(), QStringLiteral("the forwarding secret saved here"), 5000);
        qputenv("PEANUTS_FORWARD_SECRET", "from-the-environment");
        QCOMPARE(again.forwardSecretSource(), QStringLiteral("PEANUTS_FORWARD_SECRET"));
        qunsetenv("PEANUTS_FORWARD_SECRET");
        again.setStoredForwardSecret({}); // removed: the first receiving secret again
        QCOMPARE(again.forwardSecretSource(), QStringLiteral("the first receiving secret"));
        again.stop();
    }

    void restartResumesPendingForward()
    {
        QTemporaryDir dir;
        bool up = false;
        HttpSink sink([&](const testsupport::SinkRequest &, int) {
            SinkAnswer answer;
            answer.status = up ? 200 : 503;
            return answer;
        });
        QVERIFY(sink.listen());
        Options options = testsupport::testOptions(dir.path());
        options.pipeline.forwards = {ForwardTarget {sink.url(), {}, {}, 1u}};
        options.pipeline.retry.baseDelayMs = 100;
        options.explicitlySet << QStringLiteral("forward-to") << QStringLiteral("retry-base-delay");
        QByteArray key;
        {
            ReceiverCore core;
            QString error;
            QVERIFY2(core.start(options, &error), qPrintable(error));
            QCOMPARE(post(core.port(), {expenseBody(QStringLiteral("e-1"), "12.00")}), QList<int> {200});
            QTRY_VERIFY_WITH_TIMEOUT(sink.count() >= 1, 5000);
            key = sink.requests().constFirst().header("idempotency-key");
            core.stop();
        }
        const int before = sink.count();
        up = true;
        ReceiverCore core;
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(sink.count() > before, 10000);
        QCOMPARE(sink.requests().constLast().header("idempotency-key"), key);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QList<OutboxAction> actions = actionsOf(core, 1);
                return actions.size() == 1 && actions.constFirst().state == ActionState::Done
                    && actions.constFirst().attempts >= 2;
            }(),
            5000);
        core.stop();
    }
};

QTEST_GUILESS_MAIN(PipelineTest)
#include "tst_pipeline.moc"
