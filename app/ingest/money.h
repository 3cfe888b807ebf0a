// Exact money: decimal text to integer cents, rounded half away from zero on the value as written.
#pragma once

#include <QByteArrayView>
#include <QtGlobal>
#include <optional>

class QJsonValue;

namespace peanuts {

// Parses a decimal number as written ("12.5", "-0.005", "2.675", "1e3", "  7 ") and returns it in
// cents, rounded half away from zero. Returns nullopt for anything that is not a finite decimal
// number, or whose cents do not fit in 53 bits (so that sums stay exact in JSON doubles too).
std::optional<qint64> decimalToCents(QByteArrayView text);

// A JSON `amount` as Peanuts sends it: a number (converted through its shortest round-trip text,
// so 2.675 stays 2.675) or a numeric string. nullopt for anything else.
std::optional<qint64> amountToCents(const QJsonValue &value);

// Cents as a JSON-ready decimal with at most two decimals: 1234 -> "12.34", -5 -> "-0.05", 100 -> "1".
QByteArray centsToDecimal(qint64 cents);

// Rounds numerator/denominator half away from zero (for averages in cents).
qint64 divideRounded(qint64 numerator, qint64 denominator);

} // namespace peanuts
