// The version diff of the entry history: objects member by member, anything else by its compact text.
#include "json/jsondiff.h"

#include "json/jsontext.h"

#include <QHash>

#include <algorithm>

namespace peanuts {

namespace {

QString compactText(const JsonTree *tree, const JsonNode *node)
{
    if (!tree || !node)
        return QString();
    return QString::fromUtf8(compactJson(tree->bytesOf(node)));
}

} // namespace

QList<JsonChange> diffJson(const JsonTree *beforeTree, const JsonNode *before, const JsonTree *afterTree,
    const JsonNode *after, const QString &path, const JsonDiffOptions &options)
{
    QList<JsonChange> changes;
    if (!before && !after)
        return changes;
    if (!before) {
        changes.append({JsonChange::Kind::Added, path, QString(), compactText(afterTree, after)});
        return changes;
    }
    if (!after) {
        changes.append({JsonChange::Kind::Removed, path, compactText(beforeTree, before), QString()});
        return changes;
    }
    if (before->kind == JsonNode::Kind::Object && after->kind == JsonNode::Kind::Object) {
        // Members in the order of the newer version, then those it dropped in the older one's order.
        QHash<QString, const JsonNode *> old;
        for (const auto &child : before->children)
            old.insert(child->key, child.get());
        for (const auto &child : after->children) {
            if (after->member(child->key) != child.get())
                continue; // an earlier duplicate: the last one counts
            changes += diffJson(
                beforeTree, old.value(child->key), afterTree, child.get(), appendKeyPath(path, *child), options);
        }
        for (const auto &child : before->children) {
            if (before->member(child->key) == child.get() && !after->member(child->key))
                changes.append({JsonChange::Kind::Removed, appendKeyPath(path, *child),
                    compactText(beforeTree, child.get()), QString()});
        }
        return changes;
    }
    if (options.arraysByIndex && before->kind == JsonNode::Kind::Array && after->kind == JsonNode::Kind::Array) {
        for (size_t i = 0; i < std::max(before->children.size(), after->children.size()); ++i) {
            const JsonNode *was = i < before->children.size() ? before->children[i].get() : nullptr;
            const JsonNode *now = i < after->children.size() ? after->children[i].get() : nullptr;
            changes += diffJson(beforeTree, was, afterTree, now, appendKeyPath(path, now ? *now : *was), options);
        }
        return changes;
    }
    const QString was = compactText(beforeTree, before);
    const QString now = compactText(afterTree, after);
    if (was != now)
        changes.append({JsonChange::Kind::Changed, path, was, now});
    else if (options.withSame)
        changes.append({JsonChange::Kind::Same, path, was, now});
    return changes;
}

QString describeChange(const JsonChange &change, const QString &root)
{
    const QString path = change.path.isEmpty() ? root : change.path;
    switch (change.kind) {
    case JsonChange::Kind::Added:
        return QStringLiteral("+ %1: %2").arg(path, change.after);
    case JsonChange::Kind::Removed:
        return QStringLiteral("− %1 (was %2)").arg(path, change.before);
    case JsonChange::Kind::Same:
        return QStringLiteral("= %1: %2").arg(path, change.after);
    case JsonChange::Kind::Changed:
        break;
    }
    return QStringLiteral("%1: %2 → %3").arg(path, change.before, change.after);
}

} // namespace peanuts
