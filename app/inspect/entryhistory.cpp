// The entry history: each delivery's entry.data diffed against the previous distinct version.
#include "inspect/entryhistory.h"

#include <QCoreApplication>
#include <QHash>
#include <memory>

namespace peanuts {

const JsonNode *entryDataOf(const JsonTree *tree)
{
    if (!tree)
        return nullptr;
    const JsonNode *entry = tree->top->member(QStringLiteral("entry"));
    return entry ? entry->member(QStringLiteral("data")) : nullptr;
}

QList<HistoryVersion> entryHistoryVersions(const QList<Delivery> &deliveries)
{
    QList<HistoryVersion> versions;
    QHash<QByteArray, qint64> firstWithBytes; // body SHA-256 -> first delivery id
    std::shared_ptr<const JsonTree> previousTree;
    const JsonNode *previousData = nullptr;
    qint64 previousId = 0;
    for (const Delivery &d : deliveries) {
        HistoryVersion v;
        v.id = d.id;
        v.receivedMs = d.receivedMs;
        v.outcome = d.outcome;
        v.status = d.status;
        if (d.event) {
            v.event = d.event->event;
            v.timestampMs = d.event->timestampMs;
            v.hasTimestamp = true;
        }
        if (d.redacted) {
            v.summary = QCoreApplication::translate("EntryHistory", "body redacted: its data cannot be compared");
        } else if (const auto same = firstWithBytes.constFind(d.bodySha256); same != firstWithBytes.constEnd()) {
            v.summary = QCoreApplication::translate("EntryHistory", "the same bytes as #%1").arg(*same);
        } else {
            firstWithBytes.insert(d.bodySha256, d.id);
            const JsonParse parsed = parseJsonTree(d.body);
            const JsonNode *data = entryDataOf(parsed.tree.get());
            if (!data) {
                v.summary = QCoreApplication::translate("EntryHistory", "no entry.data in this body");
                versions.append(v);
                continue;
            }
            if (!previousTree) {
                // The first version: everything in it is new.
                JsonNode nothing;
                nothing.kind = JsonNode::Kind::Object;
                v.changes = diffJson(nullptr, &nothing, parsed.tree.get(), data);
                v.summary = QCoreApplication::translate("EntryHistory", "first version");
            } else {
                v.changes = diffJson(previousTree.get(), previousData, parsed.tree.get(), data);
                if (v.changes.isEmpty())
                    v.summary
                        = QCoreApplication::translate("EntryHistory", "no change in data since #%1").arg(previousId);
                else if (v.changes.size() == 1)
                    v.summary = describeChange(v.changes.constFirst());
                else
                    v.summary = QCoreApplication::translate(
                        "EntryHistory", "%n changes since #%1", nullptr, int(v.changes.size()))
                                    .arg(previousId);
            }
            previousTree = parsed.tree;
            previousData = data;
            previousId = d.id;
        }
        versions.append(v);
    }
    return versions;
}

} // namespace peanuts
