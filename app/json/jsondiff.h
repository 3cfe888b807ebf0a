// What changed between two JSON values, member by member: the inspector's entry history.
#pragma once

#include "json/jsontree.h"

#include <QList>
#include <QString>

namespace peanuts {

struct JsonChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path; // relative to the compared values; empty when the values themselves differ
    QString before; // compact JSON, as written
    QString after;
};

// What changed from before to after: objects are compared member by member (recursively; the last of
// duplicate members counts), anything else as a whole by its compact text. Either side may be null
// (absent).
QList<JsonChange> diffJson(const JsonTree *beforeTree, const JsonNode *before, const JsonTree *afterTree,
    const JsonNode *after, const QString &path = QString());

// One line for a change, under root when its path is empty: "+ a.b: 1", "− a (was 2)", "a: 1 → 2".
QString describeChange(const JsonChange &change, const QString &root = QStringLiteral("data"));

} // namespace peanuts
