// Header lines as the store keeps them, split back into names and values.
#include "inspect/headerlines.h"

namespace peanuts {

QString headerText(QByteArrayView bytes)
{
    return bytes.isValidUtf8() ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

QList<QPair<QByteArray, QByteArray>> headerLines(const QByteArray &headers)
{
    QList<QPair<QByteArray, QByteArray>> lines;
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            lines.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return lines;
}

std::optional<QByteArray> headerValue(const QByteArray &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headerLines(headers)) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

} // namespace peanuts
