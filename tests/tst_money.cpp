// Tests for exact money: decimal text to cents, JSON amounts, cents back to text, and rounded division.
// Rounding cases are the ones a double would get wrong (2.675, 0.1 sums), overflow cases the hostile ones.
#include "ingest/money.h"

#include <QElapsedTimer>
#include <QJsonValue>
#include <QTest>
#include <limits>

using namespace peanuts;

namespace {

constexpr qint64 TwoTo53 = qint64(1) << 53;

} // namespace

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void decimalToCents_data();
    void decimalToCents();
    void hugeInputsAreFast();
    void amountToCents_data();
    void amountToCents();
    void tenDimesMakeOneDollar();
    void centsToDecimal_data();
    void centsToDecimal();
    void roundTrip();
    void divideRounded_data();
    void divideRounded();
};

void TestMoney::decimalToCents_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("cents");

    const auto ok = [](const char *name, const char *text, qint64 cents) {
        QTest::addRow("%s", name) << QByteArray(text) << true << cents;
    };
    const auto bad
        = [](const char *name, const QByteArray &text) { QTest::addRow("%s", name) << text << false << qint64(0); };

    ok("integer", "12", 1200);
    ok("two decimals", "12.34", 1234);
    ok("one decimal", "12.5", 1250);
    ok("trailing zeros", "12.50000000000000000000000000", 1250);
    ok("leading zeros", "000012.34", 1234);
    ok("zero", "0", 0);
    ok("negative zero", "-0.00", 0);
    ok("plus sign", "+7", 700);
    ok("leading dot", ".5", 50);
    ok("trailing dot", "5.", 500);
    ok("half up 2.675", "2.675", 268);
    ok("half away -2.675", "-2.675", -268);
    ok("half cent", "0.005", 1);
    ok("minus half cent", "-0.005", -1);
    ok("just under half cent", "0.0049999999999999999999", 0);
    ok("just over half cent", "0.00500000000000000000001", 1);
    ok("rounds to zero", "0.004", 0);
    ok("negative rounds to zero", "-0.004", 0);
    ok("carry through", "9.995", 1000);
    ok("exponent", "1e2", 10000);
    ok("exponent upper", "1E2", 10000);
    ok("exponent plus", "1e+2", 10000);
    ok("exponent minus", "125e-2", 125);
    ok("exponent rounds", "1.2345e1", 1235);
    ok("negative exponent rounds", "-1.2345e1", -1235);
    ok("exponent leading zeros", "1e0000000000000000000000000002", 10000);
    ok("tiny exponent", "5e-3", 1);
    ok("far below a cent", "1e-999999999", 0);
    ok("far below a cent huge exponent", "9e-99999999999999999999999999", 0);
    ok("zero with huge exponent", "0e999999999", 0);
    ok("surrounding whitespace", " \t\n 7 \r\n", 700);
    ok("max cents", "90071992547409.92", TwoTo53);
    ok("min cents", "-90071992547409.92", -TwoTo53);
    ok("max cents by rounding", "90071992547409.915", TwoTo53);
    ok("shortest double text", "99.99", 9999);

    bad("empty", QByteArray());
    bad("only spaces", "   ");
    bad("letters", "abc");
    bad("two dots", "1.2.3");
    bad("dot alone", ".");
    bad("sign alone", "-");
    bad("exponent without digits", "1e");
    bad("exponent sign without digits", "1e+");
    bad("exponent alone", "e5");
    bad("double sign", "--1");
    bad("plus minus", "+-1");
    bad("NaN", "NaN");
    bad("nan", "nan");
    bad("Infinity", "Infinity");
    bad("inf", "-inf");
    bad("hex", "0x10");
    bad("comma decimal", "1,5");
    bad("thousands separator", "1,000.00");
    bad("currency sign", "$5");
    bad("inner space", "1 000");
    bad("trailing garbage", "12.5abc");
    bad("non-breaking space", "5\xc2\xa0");
    bad("embedded NUL", QByteArray("5\0", 2));
    bad("just over max cents", "90071992547409.93");
    bad("just over min cents", "-90071992547409.93");
    bad("twenty nines", "99999999999999999999");
    bad("huge exponent", "1e999999999");
    bad("huge exponent overflowing int64", "1e99999999999999999999999999");
    bad("huge digit string", QByteArray(100000, '9'));
    bad("huge digit string after dot", "1" + QByteArray(100000, '0') + ".5");
}

void TestMoney::decimalToCents()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(qint64, cents);

    const std::optional<qint64> result = peanuts::decimalToCents(text);
    QCOMPARE(result.has_value(), valid);
    if (valid)
        QCOMPARE(*result, cents);
}

void TestMoney::hugeInputsAreFast()
{
    // Linear in the text, whatever the exponent says.
    const QByteArray longFraction = "0." + QByteArray(5'000'000, '0') + "1e5000000";
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(peanuts::decimalToCents(longFraction), std::optional<qint64>(10));
    QCOMPARE(peanuts::decimalToCents(QByteArray(5'000'000, '1')), std::nullopt);
    QVERIFY2(timer.elapsed() < 2000, "decimalToCents took too long on long inputs");
}

void TestMoney::amountToCents_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("cents");

    QTest::addRow("double 12.5") << QJsonValue(12.5) << true << qint64(1250);
    QTest::addRow("double 2.675") << QJsonValue(2.675) << true << qint64(268);
    QTest::addRow("double -2.675") << QJsonValue(-2.675) << true << qint64(-268);
    QTest::addRow("double 0.1") << QJsonValue(0.1) << true << qint64(10);
    QTest::addRow("double 1.005") << QJsonValue(1.005) << true << qint64(101);
    QTest::addRow("double 99.99") << QJsonValue(99.99) << true << qint64(9999);
    QTest::addRow("integer") << QJsonValue(qint64(42)) << true << qint64(4200);
    QTest::addRow("double 1e20") << QJsonValue(1e20) << false << qint64(0);
    QTest::addRow("double 1e-30") << QJsonValue(1e-30) << true << qint64(0);
    QTest::addRow("infinity") << QJsonValue(std::numeric_limits<double>::infinity()) << false << qint64(0);
    QTest::addRow("string 12.50") << QJsonValue(QStringLiteral("12.50")) << true << qint64(1250);
    QTest::addRow("string with spaces") << QJsonValue(QStringLiteral(" 3 ")) << true << qint64(300);
    QTest::addRow("string 2.675") << QJsonValue(QStringLiteral("2.675")) << true << qint64(268);
    QTest::addRow("string twelve") << QJsonValue(QStringLiteral("twelve")) << false << qint64(0);
    QTest::addRow("string empty") << QJsonValue(QString()) << false << qint64(0);
    QTest::addRow("string 1e400") << QJsonValue(QStringLiteral("1e400")) << false << qint64(0);
    QTest::addRow("string arabic digits") << QJsonValue(QStringLiteral("\u0661\u0662")) << false << qint64(0);
    QTest::addRow("bool") << QJsonValue(true) << false << qint64(0);
    QTest::addRow("null") << QJsonValue(QJsonValue::Null) << false << qint64(0);
    QTest::addRow("undefined") << QJsonValue(QJsonValue::Undefined) << false << qint64(0);
    QTest::addRow("array") << QJsonValue(QJsonValue::Array) << false << qint64(0);
    QTest::addRow("object") << QJsonValue(QJsonValue::Object) << false << qint64(0);
}

void TestMoney::amountToCents()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, valid);
    QFETCH(qint64, cents);

    const std::optional<qint64> result = peanuts::amountToCents(value);
    QCOMPARE(result.has_value(), valid);
    if (valid)
        QCOMPARE(*result, cents);
}

void TestMoney::tenDimesMakeOneDollar()
{
    qint64 total = 0;
    for (int i = 0; i < 10; ++i)
        total += peanuts::amountToCents(QJsonValue(0.1)).value_or(-1);
    QCOMPARE(total, qint64(100));
}

void TestMoney::centsToDecimal_data()
{
    QTest::addColumn<qint64>("cents");
    QTest::addColumn<QByteArray>("text");

    QTest::addRow("1234") << qint64(1234) << QByteArray("12.34");
    QTest::addRow("1230") << qint64(1230) << QByteArray("12.3");
    QTest::addRow("100") << qint64(100) << QByteArray("1");
    QTest::addRow("5") << qint64(5) << QByteArray("0.05");
    QTest::addRow("50") << qint64(50) << QByteArray("0.5");
    QTest::addRow("-5") << qint64(-5) << QByteArray("-0.05");
    QTest::addRow("-1230") << qint64(-1230) << QByteArray("-12.3");
    QTest::addRow("0") << qint64(0) << QByteArray("0");
    QTest::addRow("2^53") << TwoTo53 << QByteArray("90071992547409.92");
    QTest::addRow("int64 min") << std::numeric_limits<qint64>::min() << QByteArray("-92233720368547758.08");
    QTest::addRow("int64 max") << std::numeric_limits<qint64>::max() << QByteArray("92233720368547758.07");
}

void TestMoney::centsToDecimal()
{
    QFETCH(qint64, cents);
    QFETCH(QByteArray, text);

    QCOMPARE(peanuts::centsToDecimal(cents), text);
}

void TestMoney::roundTrip()
{
    for (qint64 cents :
        {qint64(0), qint64(1), qint64(-1), qint64(99), qint64(-1001), qint64(123456789), TwoTo53, -TwoTo53}) {
        QCOMPARE(peanuts::decimalToCents(peanuts::centsToDecimal(cents)), std::optional<qint64>(cents));
    }
}

void TestMoney::divideRounded_data()
{
    QTest::addColumn<qint64>("numerator");
    QTest::addColumn<qint64>("denominator");
    QTest::addColumn<qint64>("quotient");

    constexpr qint64 Min = std::numeric_limits<qint64>::min();
    constexpr qint64 Max = std::numeric_limits<qint64>::max();

    QTest::addRow("exact") << qint64(10) << qint64(5) << qint64(2);
    QTest::addRow("below half") << qint64(10) << qint64(3) << qint64(3);
    QTest::addRow("above half") << qint64(11) << qint64(3) << qint64(4);
    QTest::addRow("half up") << qint64(5) << qint64(2) << qint64(3);
    QTest::addRow("half away negative numerator") << qint64(-5) << qint64(2) << qint64(-3);
    QTest::addRow("half away negative denominator") << qint64(5) << qint64(-2) << qint64(-3);
    QTest::addRow("both negative") << qint64(-5) << qint64(-2) << qint64(3);
    QTest::addRow("negative below half") << qint64(-10) << qint64(3) << qint64(-3);
    QTest::addRow("negative above half") << qint64(-11) << qint64(3) << qint64(-4);
    QTest::addRow("small over large") << qint64(1) << qint64(3) << qint64(0);
    QTest::addRow("half of one") << qint64(1) << qint64(2) << qint64(1);
    QTest::addRow("zero numerator") << qint64(0) << qint64(7) << qint64(0);
    QTest::addRow("zero denominator") << qint64(42) << qint64(0) << qint64(0);
    QTest::addRow("average of 3 amounts") << qint64(1000) << qint64(3) << qint64(333);
    QTest::addRow("int64 max by max") << Max << Max << qint64(1);
    QTest::addRow("int64 min by max") << Min << Max << qint64(-1);
    QTest::addRow("half of int64 max") << Max << qint64(2) << qint64(Max / 2 + 1);
    QTest::addRow("int64 min by -1 saturates") << Min << qint64(-1) << Max;
    QTest::addRow("one by int64 min") << qint64(1) << Min << qint64(0);
    QTest::addRow("huge remainder") << (Max - 1) << Max << qint64(1);
}

void TestMoney::divideRounded()
{
    QFETCH(qint64, numerator);
    QFETCH(qint64, denominator);
    QFETCH(qint64, quotient);

    QCOMPARE(peanuts::divideRounded(numerator, denominator), quotient);
}

QTEST_APPLESS_MAIN(TestMoney)
#include "tst_money.moc"
