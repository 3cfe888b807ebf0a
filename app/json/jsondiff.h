// What changed between two JSON values, member by member: the inspector's entry history and the log's
// diff of two deliveries.
#pragma once

#include "json/jsontree.h"

#include <QList>
#include <QString>

namespace peanuts {

struct JsonChange
{
    enum class Kind { Added, Removed, Changed, Same };
    Kind kind = Kind::Changed;
    QString path; // relative to the compared values; empty when the values themselves differ
    QString before; // compact JSON, as written
    QString after;
};

struct JsonDiffOptions
{
    bool withSame = false; // also list the values that did not change (Kind::Same)
    bool arraysByIndex = false; // compare arrays element by element, not as a whole
};

// What changed from before to after: objects are compared member by member (recursively; the last of
// duplicate members counts), anything else as a whole by its compact text (arrays element by element
// when options say so). Either side may be null (absent).
QList<JsonChange> diffJson(const JsonTree *beforeTree, const JsonNode *before, const JsonTree *afterTree,
    const JsonNode *after, const QString &path = QString(), const JsonDiffOptions &options = {});

// One line for a change, under root when its path is empty: "+ a.b: 1", "− a (was 2)", "a: 1 → 2".
QString describeChange(const JsonChange &change, const QString &root = QStringLiteral("data"));

} // namespace peanuts
