// The storage interface: deliveries, the projection of current entries, counters and the figures'
// aggregates. Nothing outside a backend speaks SQL; a backend belongs to the thread that opened it.
//
// A Store is the union of five roles, each an interface of its own (ingeststore.h, logstore.h,
// figuresstore.h, maintenancestore.h, actionstore.h), so that code needing one role takes only that one and a
// backend can be written a role at a time.
#pragma once

#include "ingest/delivery.h"
#include "store/actionstore.h"
#include "store/figuresstore.h"
#include "store/ingeststore.h"
#include "store/logstore.h"
#include "store/maintenancestore.h"

#include <QString>

#include <functional>

namespace peanuts {

enum class Durability {
    Normal, // WAL, synchronous=NORMAL: survives an app crash; a power loss may undo the last commits
    Full, // WAL, synchronous=FULL: every acknowledged delivery survives a power loss too
};

struct StoreConfig
{
    QString path;
    Durability durability = Durability::Normal;
    bool readOnly = false; // a second connection for reads: no migrations, no writes
    qint64 maxSizeBytes = 0; // the writer's size limit (PRAGMA max_page_count); 0: none
    QString vfs {}; // SQLite VFS name; empty: the default. Tests name a fault-injecting one here.
    QString password {}; // a team database's password from the keychain, used when its URL has none
};

class Store : public IngestStore, public LogStore, public FiguresStore, public MaintenanceStore, public ActionStore
{
public:
    ~Store() override = default;

    // Opens (creating when absent) and migrates. Never overwrites a file that is not a database of ours.
    virtual bool open(const StoreConfig &config, QString *error) = 0;
    virtual void close() = 0;

    // One error text for every role: the last failure of any of them.
    QString lastError() const override = 0;

    // Team mode: the pipeline's rules live in the database, one document for every instance, so
    // that instances cannot disagree (SQLite keeps them in the rules file instead).
    // The stored document; empty when none was stored yet; nullopt on failure.
    virtual std::optional<QByteArray> rulesDocument() { return std::nullopt; }
    // Stores the document (every instance is told); seedOnly: only when none is stored yet (the first
    // instance brings its rules file). False on failure.
    virtual bool saveRulesDocument(const QByteArray &document, bool seedOnly)
    {
        Q_UNUSED(document)
        Q_UNUSED(seedOnly)
        return false;
    }
    // Calls changed, on the store's thread, whenever an instance saved the rules document.
    virtual void watchRules(std::function<void()> changed) { Q_UNUSED(changed) }
};

// Ordering rank of an event kind when timestamps tie: deleted beats updated beats created.
int eventRank(EventKind kind);

} // namespace peanuts
