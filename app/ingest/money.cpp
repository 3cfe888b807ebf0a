// Exact money arithmetic: amounts are parsed from their decimal text and kept as integer cents, so no
// binary floating point ever decides how a value rounds.
#include "ingest/money.h"

#include <QByteArray>
#include <QJsonValue>
#include <QLocale>
#include <limits>

namespace peanuts {

namespace {

// 2^53: the largest magnitude whose every integer below it a JSON double (and so a browser) holds exactly.
constexpr quint64 MaxCents = quint64(1) << 53;

// 10^16 > 2^53, so a magnitude with more than this many digits is out of range before it is computed.
constexpr qsizetype MaxCentDigits = 16;

bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

quint64 magnitude(qint64 v)
{
    // Unsigned negation, because -INT64_MIN does not fit in qint64.
    return v < 0 ? quint64(0) - quint64(v) : quint64(v);
}

} // namespace

std::optional<qint64> decimalToCents(QByteArrayView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isAsciiSpace(text[begin]))
        ++begin;
    while (end > begin && isAsciiSpace(text[end - 1]))
        --end;

    qsizetype pos = begin;
    bool negative = false;
    if (pos < end && (text[pos] == '+' || text[pos] == '-')) {
        negative = text[pos] == '-';
        ++pos;
    }

    const qsizetype intBegin = pos;
    while (pos < end && isDigit(text[pos]))
        ++pos;
    const QByteArrayView intDigits = text.sliced(intBegin, pos - intBegin);

    QByteArrayView fracDigits;
    if (pos < end && text[pos] == '.') {
        const qsizetype fracBegin = ++pos;
        while (pos < end && isDigit(text[pos]))
            ++pos;
        fracDigits = text.sliced(fracBegin, pos - fracBegin);
    }
    if (intDigits.isEmpty() && fracDigits.isEmpty())
        return std::nullopt;

    // The exponent saturates a little past the text's length: beyond that the value is either far too
    // large or far below half a cent, so the exact figure no longer matters and cannot overflow.
    const qint64 exponentLimit = qint64(text.size()) + 32;
    qint64 exponent = 0;
    if (pos < end && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        bool negativeExponent = false;
        if (pos < end && (text[pos] == '+' || text[pos] == '-')) {
            negativeExponent = text[pos] == '-';
            ++pos;
        }
        const qsizetype expBegin = pos;
        while (pos < end && isDigit(text[pos])) {
            if (exponent <= exponentLimit)
                exponent = exponent * 10 + (text[pos] - '0');
            ++pos;
        }
        if (pos == expBegin)
            return std::nullopt;
        exponent = qMin(exponent, exponentLimit);
        if (negativeExponent)
            exponent = -exponent;
    }
    if (pos != end)
        return std::nullopt;

    // The digits, read as one integer D, are worth D * 10^shift cents.
    const qsizetype digitCount = intDigits.size() + fracDigits.size();
    const auto digitAt
        = [&](qsizetype i) { return i < intDigits.size() ? intDigits[i] : fracDigits[i - intDigits.size()]; };
    qsizetype first = 0;
    while (first < digitCount && digitAt(first) == '0')
        ++first;
    if (first == digitCount)
        return qint64(0);
    const qsizetype significant = digitCount - first;
    const qint64 shift = exponent - qint64(fracDigits.size()) + 2;

    quint64 cents = 0;
    if (shift >= 0) {
        if (qint64(significant) + shift > MaxCentDigits)
            return std::nullopt;
        for (qsizetype i = first; i < digitCount; ++i)
            cents = cents * 10 + quint64(digitAt(i) - '0');
        for (qint64 i = 0; i < shift; ++i)
            cents *= 10;
    } else {
        // Digits past the cent are dropped; only the first dropped one decides the rounding, because
        // half away from zero on the magnitude means "round up when the rest is at least one half".
        const qint64 kept = qint64(significant) + shift;
        if (kept > MaxCentDigits)
            return std::nullopt;
        for (qsizetype i = first; i < first + kept; ++i)
            cents = cents * 10 + quint64(digitAt(i) - '0');
        const bool roundUp = kept >= 0 && digitAt(first + kept) >= '5';
        if (roundUp)
            ++cents;
    }
    if (cents > MaxCents)
        return std::nullopt;
    return negative ? -qint64(cents) : qint64(cents);
}

std::optional<qint64> amountToCents(const QJsonValue &value)
{
    if (value.isDouble()) {
        // The shortest text that reads back as the same double is what the sender most likely wrote.
        return decimalToCents(QByteArray::number(value.toDouble(), 'g', QLocale::FloatingPointShortest));
    }
    if (value.isString())
        return decimalToCents(value.toString().toUtf8());
    return std::nullopt;
}

QByteArray centsToDecimal(qint64 cents)
{
    const quint64 abs = magnitude(cents);
    const quint64 whole = abs / 100;
    const quint64 fraction = abs % 100;

    QByteArray out;
    if (cents < 0)
        out += '-';
    out += QByteArray::number(whole);
    if (fraction != 0) {
        out += '.';
        out += char('0' + fraction / 10);
        if (fraction % 10 != 0)
            out += char('0' + fraction % 10);
    }
    return out;
}

qint64 divideRounded(qint64 numerator, qint64 denominator)
{
    if (denominator == 0)
        return 0;
    // The one quotient that does not fit (and is undefined behaviour to compute).
    if (numerator == std::numeric_limits<qint64>::min() && denominator == -1)
        return std::numeric_limits<qint64>::max();

    qint64 quotient = numerator / denominator;
    const quint64 remainder = magnitude(numerator % denominator);
    const quint64 divisor = magnitude(denominator);
    // remainder >= divisor - remainder is 2*remainder >= divisor without the overflow.
    if (remainder != 0 && remainder >= divisor - remainder)
        quotient += ((numerator < 0) != (denominator < 0)) ? -1 : 1;
    return quotient;
}

} // namespace peanuts
