// The test delivery: built in the core from the shipped sample, fresh and signed with the first secret.
#include "ingest/event.h"
#include "ingest/signature.h"
#include "ingest/testdelivery.h"
#include "json/jsontree.h"

#include <QFile>
#include <QTest>

using namespace peanuts;

class TestDeliveryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bodyIsTheSampleMadeFresh()
    {
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-12-03T02:30:15.250Z"), Qt::ISODateWithMs);
        const QByteArray body = testDeliveryBody(now);
        QVERIFY(!body.isEmpty());
        QFile sample(QStringLiteral(":/samples/mock-entry.json"));
        QVERIFY(sample.open(QIODevice::ReadOnly));
        QByteArray expected = sample.readAll();
        // Exactly the sample's bytes but for the three fresh values.
        expected.replace("\"timestamp\":\"2026-11-26T10:00:00.000Z\"", "\"timestamp\":\"2026-12-03T02:30:15.250Z\"");
        expected.replace("\"created_at\":\"2026-11-26T10:00:00.000Z\"", "\"created_at\":\"2026-12-03T02:30:15.250Z\"");
        expected.replace(
            "\"id\":\"entry-123\"", QByteArray("\"id\":\"test-" + QByteArray::number(now.toMSecsSinceEpoch()) + "\""));
        QCOMPARE(body, expected);

        const ParseResult parsed = parseEvent(body, now.toMSecsSinceEpoch(), 5 * 60 * 1000);
        QVERIFY2(parsed.event, qPrintable(parsed.error));
        QCOMPARE(parsed.event->event, QStringLiteral("entry.created"));
        QCOMPARE(parsed.event->timestampMs, now.toMSecsSinceEpoch());
        QCOMPARE(parsed.event->createdAtMs, now.toMSecsSinceEpoch());
        QCOMPARE(parsed.event->entryId, QStringLiteral("test-%1").arg(now.toMSecsSinceEpoch()));
        QCOMPARE(parsed.event->amountCents, std::optional<qint64>(9999));
        QCOMPARE(parsed.event->helperCommand, QStringLiteral("/expenses")); // from the sample, not rewritten
    }

    void eachDeliveryIsANewEntry()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(testDeliveryBody(now) != testDeliveryBody(now.addMSecs(1)));
    }

    void signedWithTheFirstSecret()
    {
        SignatureVerifier verifier;
        QVERIFY(!makeTestDelivery(verifier)); // no secret: nothing to sign with
        verifier.setSecrets({{QStringLiteral("first"), "s3cret"}, {QStringLiteral("second"), "other"}});
        const std::optional<TestDelivery> test = makeTestDelivery(verifier);
        QVERIFY(test);
        QCOMPARE(test->signature, hmacSha256Hex("s3cret", test->body));
        const SignatureCheck check = verifier.verify(test->body, test->signature);
        QCOMPARE(check.verdict, SignatureVerdict::Valid);
        QCOMPARE(check.matchedLabel, QStringLiteral("first"));
    }
};

QTEST_GUILESS_MAIN(TestDeliveryTest)
#include "tst_testdelivery.moc"
