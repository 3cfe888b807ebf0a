// The retry schedule: exponential backoff with jitter, Retry-After in seconds and as an HTTP date,
// and the caps (an hour, the policy's longest wait).
#include "pipeline/retrypolicy.h"

#include <QTest>

using peanuts::backoffDelayMs;
using peanuts::kMaxRetryAfterMs;
using peanuts::parseRetryAfter;
using peanuts::retryDelayMs;
using peanuts::RetryPolicy;

namespace {
// Sun, 06 Nov 1994 08:49:37 GMT
constexpr qint64 k1994 = 784111777000;
} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoff_data()
    {
        QTest::addColumn<qint64>("base");
        QTest::addColumn<qint64>("maxDelay");
        QTest::addColumn<int>("failed");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("first, no jitter") << qint64(1000) << qint64(3'600'000) << 1 << 0.0 << qint64(500);
        QTest::newRow("first, most jitter") << qint64(1000) << qint64(3'600'000) << 1 << 0.999 << qint64(999);
        QTest::newRow("second doubles") << qint64(1000) << qint64(3'600'000) << 2 << 0.0 << qint64(1000);
        QTest::newRow("fifth") << qint64(1000) << qint64(3'600'000) << 5 << 0.5 << qint64(12000);
        QTest::newRow("capped, low") << qint64(1000) << qint64(10'000) << 10 << 0.0 << qint64(5000);
        QTest::newRow("capped, high") << qint64(1000) << qint64(10'000) << 10 << 0.999 << qint64(9995);
        QTest::newRow("hour cap") << qint64(1000) << qint64(100'000'000) << 40 << 0.999 << qint64(3'598'200);
        QTest::newRow("huge count") << qint64(1000) << qint64(3'600'000) << 1'000'000 << 0.0 << qint64(1'800'000);
        QTest::newRow("zero base") << qint64(0) << qint64(3'600'000) << 3 << 0.5 << qint64(0);
        QTest::newRow("zero failed as one") << qint64(1000) << qint64(3'600'000) << 0 << 0.0 << qint64(500);
    }
    void backoff()
    {
        QFETCH(qint64, base);
        QFETCH(qint64, maxDelay);
        QFETCH(int, failed);
        QFETCH(double, random);
        QFETCH(qint64, expected);
        RetryPolicy policy;
        policy.baseDelayMs = base;
        policy.maxDelayMs = maxDelay;
        QCOMPARE(backoffDelayMs(policy, failed, random), expected);
    }

    void jitterStaysWithinHalfAndFull()
    {
        RetryPolicy policy;
        for (int failed = 1; failed <= 25; ++failed) {
            const qint64 low = backoffDelayMs(policy, failed, 0.0);
            const qint64 high = backoffDelayMs(policy, failed, 0.999);
            const qint64 full = std::min<qint64>(policy.baseDelayMs << std::min(failed - 1, 30), policy.maxDelayMs);
            QCOMPARE(low, full / 2);
            QVERIFY2(high <= full && high >= full - full / 500 - 1, qPrintable(QString::number(failed)));
        }
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<qint64>("expected"); // -1: nullopt
        QTest::newRow("seconds") << QByteArray("120") << k1994 << qint64(120'000);
        QTest::newRow("zero") << QByteArray("0") << k1994 << qint64(0);
        QTest::newRow("spaces around") << QByteArray(" 5 ") << k1994 << qint64(5000);
        QTest::newRow("huge saturates") << QByteArray("99999999999999999999999999") << k1994
                                        << qint64(std::numeric_limits<qint64>::max() / 1000 * 1000);
        QTest::newRow("negative") << QByteArray("-5") << k1994 << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << k1994 << qint64(-1);
        QTest::newRow("plus") << QByteArray("+5") << k1994 << qint64(-1);
        QTest::newRow("empty") << QByteArray("") << k1994 << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << k1994 << qint64(-1);
        QTest::newRow("imf-fixdate ahead")
            << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << k1994 - 30'000 << qint64(30'000);
        QTest::newRow("imf-fixdate past") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << k1994 + 5000 << qint64(0);
        QTest::newRow("imf-fixdate a day on")
            << QByteArray("Mon, 07 Nov 1994 08:49:37 GMT") << k1994 << qint64(86'400'000);
        QTest::newRow("rfc 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << k1994 - 1000 << qint64(1000);
        QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << k1994 - 2000 << qint64(2000);
        QTest::newRow("not GMT") << QByteArray("Sun, 06 Nov 1994 08:49:37 UTC") << k1994 << qint64(-1);
        QTest::newRow("bad month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << k1994 << qint64(-1);
        QTest::newRow("bad day name") << QByteArray("Xyz, 06 Nov 1994 08:49:37 GMT") << k1994 << qint64(-1);
        QTest::newRow("bad hour") << QByteArray("Sun, 06 Nov 1994 25:49:37 GMT") << k1994 << qint64(-1);
        QTest::newRow("31 February") << QByteArray("Sun, 31 Feb 1994 08:49:37 GMT") << k1994 << qint64(-1);
        QTest::newRow("short") << QByteArray("Sun, 6 Nov 1994 08:49:37 GMT") << k1994 << qint64(-1);
    }
    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, now);
        QFETCH(qint64, expected);
        const std::optional<qint64> parsed = parseRetryAfter(value, now);
        if (expected < 0)
            QVERIFY2(!parsed, qPrintable(QString::number(parsed.value_or(-1))));
        else
            QCOMPARE(parsed.value_or(-1), expected);
    }

    void retryDelay_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<qint64>("maxDelay");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("no header: backoff") << QByteArray() << qint64(3'600'000) << qint64(2000);
        QTest::newRow("bad header: backoff") << QByteArray("later") << qint64(3'600'000) << qint64(2000);
        QTest::newRow("seconds honoured") << QByteArray("30") << qint64(3'600'000) << qint64(30'000);
        QTest::newRow("zero honoured") << QByteArray("0") << qint64(3'600'000) << qint64(0);
        QTest::newRow("capped to an hour") << QByteArray("7200") << qint64(100'000'000) << kMaxRetryAfterMs;
        QTest::newRow("huge capped") << QByteArray("999999999999999999999") << qint64(100'000'000) << kMaxRetryAfterMs;
        QTest::newRow("capped to the policy") << QByteArray("600") << qint64(60'000) << qint64(60'000);
        QTest::newRow("date") << QByteArray("Sun, 06 Nov 1994 08:50:37 GMT") << qint64(3'600'000) << qint64(60'000);
        QTest::newRow("date a day on, capped")
            << QByteArray("Mon, 07 Nov 1994 08:49:37 GMT") << qint64(3'600'000) << kMaxRetryAfterMs;
    }
    void retryDelay()
    {
        QFETCH(QByteArray, retryAfter);
        QFETCH(qint64, maxDelay);
        QFETCH(qint64, expected);
        RetryPolicy policy;
        policy.maxDelayMs = maxDelay;
        // Third failed attempt, random 0: backoff 4000 -> 2000.
        QCOMPARE(retryDelayMs(policy, 3, retryAfter, k1994, 0.0), expected);
    }

    void successStatuses()
    {
        QVERIFY(peanuts::isSuccessStatus(200));
        QVERIFY(peanuts::isSuccessStatus(204));
        QVERIFY(peanuts::isSuccessStatus(299));
        QVERIFY(!peanuts::isSuccessStatus(0));
        QVERIFY(!peanuts::isSuccessStatus(199));
        QVERIFY(!peanuts::isSuccessStatus(307));
        QVERIFY(!peanuts::isSuccessStatus(429));
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
