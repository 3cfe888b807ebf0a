// Texts the core makes twice: in English for what is stored, sent or logged, and in the user's
// language for the window. Their sources are marked with QT_TRANSLATE_NOOP / QT_TRANSLATE_N_NOOP where
// they are written, so that lupdate finds them.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <algorithm>
#include <limits>

namespace peanuts {

enum class TextLanguage { English, Translated };

// source in context, translated or not; n fills %n (and picks the plural form when translated).
inline QString displayText(TextLanguage language, const char *context, const char *source, qint64 n = -1)
{
    const int count = int(std::clamp<qint64>(n, -1, std::numeric_limits<int>::max()));
    if (language == TextLanguage::Translated)
        return QCoreApplication::translate(context, source, nullptr, count);
    QString text = QString::fromUtf8(source);
    return count < 0 ? text : text.replace(QLatin1String("%n"), QString::number(count));
}

} // namespace peanuts
