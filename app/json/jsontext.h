// JSON text rewritten without re-encoding any token: re-indented for reading, or compacted to compare.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace peanuts {

// JSON's four whitespace bytes (and no others).
inline bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Re-indents valid JSON without re-encoding any token: strings and numbers keep their bytes.
QByteArray prettyJson(QByteArrayView json, int indent = 2);
// Valid JSON without insignificant whitespace (to compare values written with different spacing).
QByteArray compactJson(QByteArrayView json);

} // namespace peanuts
