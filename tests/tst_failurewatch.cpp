// The rejected-deliveries alert: one alert per threshold window, counts by reason, what a spike of
// 401s means; and through a running receiver, one notification for a flood of bad signatures.
#include "markingtranslator.h"
#include "pipeline/failurewatch.h"
#include "pipeline/notifier.h"
#include "receivercore.h"
#include "testsupport.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace peanuts;

class FailureWatchTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneAlertPerThresholdWindow()
    {
        FailureWatch watch(5);
        const qint64 minute = 29'000'000LL * 60'000; // the start of a minute
        int alerts = 0;
        for (int i = 0; i < 50; ++i) // 50 refusals within one minute: one alert, at the fifth
            alerts += watch.noteRejected(Outcome::RejectedSignature, minute + i * 1000).has_value() ? 1 : 0;
        QCOMPARE(alerts, 1);
        QVERIFY(watch.alerting(minute + 59'000));
        // The next minute is another window: another spike, another alert.
        for (int i = 0; i < 4; ++i)
            QVERIFY(!watch.noteRejected(Outcome::RejectedSignature, minute + 60'000 + i).has_value());
        const auto next = watch.noteRejected(Outcome::RejectedSignature, minute + 60'010);
        QVERIFY(next.has_value());
        QCOMPARE(next->windowStartMs, minute + 60'000);
        // A quiet minute after the last alert's ends it.
        QVERIFY(watch.alerting(minute + 119'000));
        QVERIFY(!watch.alerting(minute + 180'000));
    }

    void belowThresholdAndOff()
    {
        FailureWatch watch(3);
        QVERIFY(!watch.noteRejected(Outcome::RejectedShape, 0).has_value());
        QVERIFY(!watch.noteRejected(Outcome::RejectedShape, 1).has_value());
        QVERIFY(!watch.noteRejected(Outcome::RejectedShape, 60'000).has_value()); // a new window starts from 0
        FailureWatch off(0);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(!off.noteRejected(Outcome::RejectedSignature, i).has_value());
    }

    void textSaysReasonsAndWhat401sMean()
    {
        FailureWatch watch(4);
        watch.noteRejected(Outcome::RejectedSignature, 0);
        watch.noteRejected(Outcome::RejectedSignature, 1);
        watch.noteRejected(Outcome::RejectedSize, 2);
        const auto alert = watch.noteRejected(Outcome::RejectedSignature, 3);
        QVERIFY(alert.has_value());
        QVERIFY2(alert->text.contains(QLatin1String("3 with a bad signature (401)")), qPrintable(alert->text));
        QVERIFY2(alert->text.contains(QLatin1String("1 too large (413)")), qPrintable(alert->text));
        QVERIFY2(alert->text.contains(QLatin1String("rotated on one side only")), qPrintable(alert->text));

        FailureWatch shapes(2);
        shapes.noteRejected(Outcome::RejectedShape, 0);
        const auto other = shapes.noteRejected(Outcome::RejectedShape, 1);
        QVERIFY(other.has_value());
        QVERIFY(!other->text.contains(QLatin1String("rotated")));
    }

    // The alert is made twice: in English for the outbox (the alert URL's body, the notification action,
    // both stored), and in the user's language for the window, with plural forms for the counts.
    void alertIsEnglishForTheOutboxAndTranslatedForTheWindow()
    {
        testsupport::MarkingTranslator translator;
        FailureWatch watch(3);
        watch.noteRejected(Outcome::RejectedSignature, 0);
        watch.noteRejected(Outcome::RejectedSignature, 1);
        const auto alert = watch.noteRejected(Outcome::RejectedSize, 2);
        QVERIFY(alert.has_value());
        QCOMPARE(alert->title, QStringLiteral("Rejected deliveries are spiking"));
        QVERIFY2(alert->text.startsWith(QLatin1String("3 deliveries were rejected within a minute: 2 with a bad "
                                                      "signature (401), 1 too large (413).")),
            qPrintable(alert->text));
        QVERIFY2(!alert->text.contains(testsupport::MarkingTranslator::kMark), qPrintable(alert->text));
        QCOMPARE(alert->shownTitle, testsupport::MarkingTranslator::kMark + alert->title);
        QVERIFY2(alert->shownText.startsWith(testsupport::MarkingTranslator::kMark + QLatin1String("3 deliveries")),
            qPrintable(alert->shownText));
        QVERIFY(
            translator.askedFor(QStringLiteral("FailureWatch"), QStringLiteral("%n with a bad signature (401)"), 2));
        QVERIFY(translator.askedFor(QStringLiteral("FailureWatch"), QStringLiteral("%n too large (413)"), 1));
        QVERIFY(translator.askedFor(
            QStringLiteral("FailureWatch"), QStringLiteral("%n deliveries were rejected within a minute: %1."), 3));
    }

    // A running receiver: 30 deliveries with a wrong signature, threshold 10: one desktop alert, one
    // failureAlert signal. With a translator installed: the refusal answered (and stored) and the alert
    // that goes to the outbox and on to the notification stay English; the window's signal is translated.
    void floodOf401sRaisesOneNotification()
    {
        testsupport::MarkingTranslator translator;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Options options = testsupport::testOptions(dir.path());
        options.pipeline.rejectAlertPerMinute = 10;
        options.explicitlySet.append(QStringLiteral("reject-alert-threshold"));
        RecordingNotifier notifier;
        ReceiverCore core;
        core.setNotifier(&notifier);
        QSignalSpy alerts(&core, &ReceiverCore::failureAlert);
        QString error;
        QVERIFY2(core.start(options, &error), qPrintable(error));
        // Stay within one minute: start the flood at a minute's start when the current one is late.
        const qint64 intoMinute = QDateTime::currentMSecsSinceEpoch() % 60'000;
        if (intoMinute > 50'000)
            QTest::qWait(int(60'000 - intoMinute + 100));
        testsupport::RawClient client(core.port());
        QVERIFY(client.isConnected());
        const QByteArray body = testsupport::makeBody(QStringLiteral("e-1"));
        QByteArray requests;
        for (int i = 0; i < 30; ++i)
            requests += testsupport::webhookRequest(body, testsupport::sign("wrong-secret", body));
        client.send(requests);
        const auto replies = client.waitForReplies(30);
        QCOMPARE(replies.size(), 30);
        QCOMPARE(replies.constLast().status, 401);
        QVERIFY2(replies.constLast().body.contains("signature matches no configured secret"), replies.constLast().body);
        QVERIFY2(!replies.constLast().body.contains(testsupport::MarkingTranslator::kMark.toUtf8()),
            replies.constLast().body);
        QTRY_COMPARE_WITH_TIMEOUT(notifier.shown().size(), 1, 5000);
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.constFirst().at(0).toString(),
            testsupport::MarkingTranslator::kMark + QStringLiteral("Rejected deliveries are spiking"));
        QCOMPARE(notifier.shown().constFirst().title, QStringLiteral("Rejected deliveries are spiking"));
        QVERIFY(notifier.shown().constFirst().body.contains(QLatin1String("rotated on one side only")));
        QTest::qWait(300); // nothing more arrives for the same window
        QCOMPARE(notifier.shown().size(), 1);
        core.stop();
    }
};

QTEST_GUILESS_MAIN(FailureWatchTest)
#include "tst_failurewatch.moc"
