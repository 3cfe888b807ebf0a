// A stored delivery's header block ("name: value\n" lines as received), read back for the inspector.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace peanuts {

// Header bytes as text: UTF-8 when they are, else one character per byte.
QString headerText(QByteArrayView bytes);
// Each "name: value" line, trimmed, in the order received; lines without a name are skipped.
QList<QPair<QByteArray, QByteArray>> headerLines(const QByteArray &headers);
// The first header called name (case-insensitively), or nullopt.
std::optional<QByteArray> headerValue(const QByteArray &headers, QByteArrayView name);

} // namespace peanuts
