// The inspector's read: one delivery and everything shown about it, computed away from the GUI thread.
#include "services/inspection.h"

#include "ingest/signature.h"
#include "services/storecall.h"
#include "store/store.h"
#include "json/jsontext.h"

namespace peanuts {

Inspection inspectDelivery(Store &store, qint64 id, const SignatureVerifier &verifier)
{
    Inspection loaded;
    loaded.id = id;
    loaded.delivery = store.delivery(id);
    if (!loaded.delivery)
        return loaded;
    const Delivery &d = *loaded.delivery;
    if (!d.redacted && !d.body.isEmpty()) {
        loaded.json = parseJsonTree(d.body);
        if (loaded.json.tree)
            loaded.pretty = QString::fromUtf8(prettyJson(d.body));
    }
    loaded.bodyWhole = !d.redacted && d.body.size() == d.bodySize;
    if (loaded.bodyWhole)
        loaded.expected = verifier.expectedSignatures(d.body);
    if (d.event) {
        loaded.event = d.event->event;
        loaded.entryId = d.event->entryId;
    } else if (const JsonTree *tree = loaded.json.tree.get()) {
        // A refused body may still name its entry, and that entry's history is worth seeing next to it.
        const JsonNode *event = tree->top->member(QStringLiteral("event"));
        const JsonNode *entry = tree->top->member(QStringLiteral("entry"));
        const JsonNode *entryId = entry ? entry->member(QStringLiteral("id")) : nullptr;
        if (event && event->kind == JsonNode::Kind::String)
            loaded.event = event->value;
        if (entryId && entryId->kind == JsonNode::Kind::String)
            loaded.entryId = entryId->value;
        loaded.fromBody = !loaded.event.isEmpty() || !loaded.entryId.isEmpty();
    }
    // Retries are duplicates of a verified delivery: a refused one skips the query.
    if (!isRejected(d.outcome)) {
        if (auto attempts = store.attempts(id); attempts && attempts->size() > 1)
            loaded.attempts = std::move(*attempts);
    }
    if (!loaded.entryId.isEmpty()) {
        if (const auto history = store.entryHistory(loaded.entryId))
            loaded.history = entryHistoryVersions(*history);
        else
            loaded.historyError = store.lastError();
    }
    return loaded;
}

void requestInspection(StoreWorker *worker, QObject *receiver, qint64 id, const SignatureVerifier *verifier,
    std::function<void(std::shared_ptr<const Inspection>)> done)
{
    askStore(
        worker, receiver,
        [id, verifier](
            Store &store) { return std::make_shared<const Inspection>(inspectDelivery(store, id, *verifier)); },
        std::move(done));
}

} // namespace peanuts
