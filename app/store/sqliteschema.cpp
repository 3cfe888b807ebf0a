// SQLite backend, the schema: each migration in its own transaction, user_version counting them;
// a database that is not ours, or newer, is refused before anything is written.
#include "store/sqlitestore.h"

#include "platform/logging.h"
#include "store/sqliteinternal.h"

namespace peanuts {

namespace {

// The 15-minute bucket of a time in ms, rounded down (also before 1970), as SQL.
#define BUCKET_OF(ms) "(CASE WHEN " ms " >= 0 THEN " ms " / 900000 ELSE -((899999 - " ms ") / 900000) END)"
#define AGGREGATE_SET                                                                                                  \
    " ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_count = amount_count + excluded.amount_count,"  \
    " sum_cents = sum_cents + excluded.sum_cents;"
// Adds sign times one entry row (new or old) to both aggregates when cond holds.
#define AGGREGATE_ADD(row, sign, cond)                                                                                 \
    "INSERT INTO entry_totals (helper_command, category, count, amount_count, sum_cents)"                              \
    " SELECT coalesce(" row ".helper_command, ''), coalesce(" row ".category, ''), " sign ", " sign " * (" row         \
    ".amount_cents IS NOT NULL), " sign " * coalesce(" row ".amount_cents, 0) WHERE " cond AGGREGATE_SET               \
    "INSERT INTO entry_buckets (helper_command, bucket, category, count, amount_count, sum_cents)"                     \
    " SELECT coalesce(" row                                                                                            \
    ".helper_command, ''), " BUCKET_OF(row ".created_ms") ", coalesce(" row ".category, ''), " sign ", " sign          \
                                                          " * (" row ".amount_cents IS NOT NULL), " sign               \
                                                          " * coalesce(" row                                           \
                                                          ".amount_cents, 0) WHERE " cond AGGREGATE_SET

// Each entry is one migration, applied in its own transaction; user_version counts them.
const char *const kMigrations[] = {
    // 1: the first schema.
    "CREATE TABLE deliveries ("
    "  id INTEGER PRIMARY KEY,"
    "  received_ms INTEGER NOT NULL,"
    "  remote TEXT NOT NULL,"
    "  forwarded_for TEXT,"
    "  method TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  headers BLOB NOT NULL,"
    "  body BLOB NOT NULL,"
    "  body_size INTEGER NOT NULL,"
    "  body_sha256 BLOB NOT NULL,"
    "  outcome INTEGER NOT NULL,"
    "  status INTEGER NOT NULL,"
    "  reason TEXT,"
    "  secret_label TEXT,"
    "  event TEXT,"
    "  entry_id TEXT,"
    "  helper_id TEXT,"
    "  helper_name TEXT,"
    "  helper_command TEXT,"
    "  event_ms INTEGER,"
    "  amount_cents INTEGER,"
    "  category TEXT);"
    // An entry's history, and duplicate detection: identical bytes always carry the same entry id,
    // so one probe here finds an earlier copy without a global index of random hashes.
    "CREATE INDEX deliveries_entry ON deliveries(entry_id, body_sha256) WHERE entry_id IS NOT NULL;"
    // The projection: one row per entry id; deleted entries stay as tombstones so that a late,
    // older event cannot bring them back.
    "CREATE TABLE entries ("
    "  entry_id TEXT PRIMARY KEY,"
    "  event_ms INTEGER NOT NULL,"
    "  event_rank INTEGER NOT NULL,"
    "  body_sha256 BLOB NOT NULL,"
    "  deleted INTEGER NOT NULL,"
    "  helper_id TEXT,"
    "  helper_name TEXT,"
    "  helper_command TEXT,"
    "  created_ms INTEGER NOT NULL,"
    "  amount_cents INTEGER,"
    "  amount_flagged INTEGER NOT NULL,"
    "  category TEXT,"
    "  data BLOB,"
    "  delivery_id INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX entries_figures ON entries(helper_command, created_ms, amount_cents, category) WHERE deleted = 0;"
    // Exact counts of every outcome, kept apart from the rows so that pruning rows keeps figures right.
    "CREATE TABLE counters (outcome INTEGER PRIMARY KEY, count INTEGER NOT NULL);",

    // 2: the payload log's filters and search, redaction, and per-minute counts.
    "ALTER TABLE deliveries ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX deliveries_received ON deliveries(received_ms);"
    "CREATE INDEX deliveries_outcome ON deliveries(outcome);"
    "CREATE TABLE minute_counters (minute INTEGER NOT NULL, outcome INTEGER NOT NULL, count INTEGER NOT NULL,"
    "  PRIMARY KEY (minute, outcome)) WITHOUT ROWID;"
    // Substring search over raw bodies. Filled after the answers went out (catchUp), up to the
    // watermark kept in meta, so that indexing never delays an acknowledgement.
    // Bodies are BLOBs (they need not be UTF-8); the index and LIKE work on their text.
    "CREATE VIEW deliveries_text AS SELECT id, CAST(body AS TEXT) AS body FROM deliveries;"
    "CREATE VIRTUAL TABLE deliveries_fts USING fts5(body, content='deliveries_text', content_rowid='id',"
    "  tokenize='trigram', detail='none');"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "INSERT INTO meta (key, value) VALUES ('fts_upto', 0);"
    // Ids are never handed out twice, even after the newest rows were deleted: the search index and
    // the projection name deliveries by id.
    "INSERT INTO meta (key, value) VALUES ('next_id', (SELECT coalesce(max(id), 0) + 1 FROM deliveries));",

    // 3: the figures' aggregates and the log's filter indexes. The aggregates are kept by triggers,
    // in the same transaction as the projection, so that /api/stats, /api/dashboard and the charts
    // read a few hundred rows instead of every entry: entry_totals holds all-time totals per helper
    // command and category, entry_buckets the same per 15-minute UTC bucket of created_at, which
    // every zone's days and months are made of (all offsets are multiples of 15 minutes). Rows
    // whose count falls to 0 stay.
    // clang-format off
    "CREATE TABLE entry_totals (helper_command TEXT NOT NULL, category TEXT NOT NULL, count INTEGER NOT NULL,"
    "  amount_count INTEGER NOT NULL, sum_cents INTEGER NOT NULL, PRIMARY KEY (helper_command, category))"
    "  WITHOUT ROWID;"
    "CREATE TABLE entry_buckets (helper_command TEXT NOT NULL, bucket INTEGER NOT NULL, category TEXT NOT NULL,"
    "  count INTEGER NOT NULL, amount_count INTEGER NOT NULL, sum_cents INTEGER NOT NULL,"
    "  PRIMARY KEY (helper_command, bucket, category)) WITHOUT ROWID;"
    "CREATE TRIGGER entries_aggregate_insert AFTER INSERT ON entries BEGIN "
    AGGREGATE_ADD("new", "1", "new.deleted = 0")
    "END;"
    "CREATE TRIGGER entries_aggregate_update"
    "  AFTER UPDATE OF deleted, helper_command, category, amount_cents, created_ms ON entries BEGIN "
    AGGREGATE_ADD("old", "-1", "old.deleted = 0")
    AGGREGATE_ADD("new", "1", "new.deleted = 0")
    "END;"
    "CREATE TRIGGER entries_aggregate_delete AFTER DELETE ON entries BEGIN "
    AGGREGATE_ADD("old", "-1", "old.deleted = 0")
    "END;"
    "INSERT INTO entry_totals SELECT coalesce(helper_command, ''), coalesce(category, ''), count(*),"
    "  count(amount_cents), coalesce(sum(amount_cents), 0) FROM entries WHERE deleted = 0 GROUP BY 1, 2;"
    "INSERT INTO entry_buckets SELECT coalesce(helper_command, ''), " BUCKET_OF("created_ms") ","
    "  coalesce(category, ''), count(*), count(amount_cents), coalesce(sum(amount_cents), 0) FROM entries"
    "  WHERE deleted = 0 GROUP BY 1, 2, 3;"
    // The payload log's event and helper filters, which otherwise scan every row (150-300 ms at 1M).
    "CREATE INDEX deliveries_event ON deliveries(event);"
    "CREATE INDEX deliveries_helper_name ON deliveries(helper_name);"
    "CREATE INDEX deliveries_helper_command ON deliveries(helper_command);"
    // The aggregates answer the figures now; this index cost a random page per delivery.
    "DROP INDEX entries_figures;",
    // clang-format on

    // 4: redaction for good. The hashes of redacted bodies, so that a retry of a redacted delivery
    // (the same bytes again) is stored without them. Redactions made before are completed: the
    // duplicate copies of their bodies, their headers and the projection's copy of their data go too.
    "CREATE TABLE redacted_bodies (body_sha256 BLOB PRIMARY KEY) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO redacted_bodies SELECT body_sha256 FROM deliveries"
    "  WHERE redacted = 1 AND length(body_sha256) = 32;"
    "INSERT INTO deliveries_fts (deliveries_fts, rowid, body)"
    "  SELECT 'delete', id, CAST(body AS TEXT) FROM deliveries WHERE redacted = 0"
    "  AND id <= (SELECT value FROM meta WHERE key = 'fts_upto')"
    "  AND entry_id IS NOT NULL AND body_sha256 IN (SELECT body_sha256 FROM redacted_bodies);"
    "UPDATE deliveries SET body = x'', headers = x'', redacted = 1"
    "  WHERE redacted = 1 OR (entry_id IS NOT NULL AND body_sha256 IN (SELECT body_sha256 FROM redacted_bodies));"
    "UPDATE entries SET data = NULL WHERE body_sha256 IN (SELECT body_sha256 FROM redacted_bodies);",

    // 5: rejected deliveries are kept for a while (prune, by their own age limit) and are not searched.
    // Earlier versions indexed their bodies: those up to fts_rejected_upto are in the search index
    // until they go.
    "CREATE INDEX deliveries_rejected ON deliveries(received_ms) WHERE outcome >= 4;"
    "INSERT INTO meta (key, value) VALUES ('fts_rejected_upto', (SELECT value FROM meta WHERE key = 'fts_upto'));",
};

} // namespace

int SqliteStore::schemaVersion()
{
    return int(std::size(kMigrations));
}

bool SqliteStore::checkVersion(QString *error)
{
    const qint64 version = scalar("PRAGMA user_version", -1);
    if (version < 0) {
        *error = QStringLiteral("cannot read the schema version: %1").arg(errorText());
        return false;
    }
    if (version > schemaVersion()) {
        *error = QStringLiteral("the database has schema version %1, newer than this build knows (%2); "
                                "use a newer Peanuts Monitor. It was left untouched.")
                     .arg(version)
                     .arg(schemaVersion());
        return false;
    }
    // A database with tables but no version is someone else's: refuse rather than mix schemas.
    if (version == 0 && scalar("SELECT count(*) FROM sqlite_schema", 0) > 0) {
        *error = QStringLiteral("the database holds tables that are not Peanuts Monitor's; it was left untouched");
        return false;
    }
    return true;
}

bool SqliteStore::migrate(QString *error)
{
    const int version = int(scalar("PRAGMA user_version", 0));
    for (int v = version; v < schemaVersion(); ++v) {
        const QByteArray setVersion = "PRAGMA user_version=" + QByteArray::number(v + 1);
        if (!exec("BEGIN IMMEDIATE") || !exec(kMigrations[v]) || !exec(setVersion.constData()) || !exec("COMMIT")) {
            *error = QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(m_lastError);
            exec("ROLLBACK");
            return false;
        }
        qCInfo(lcStore) << "migrated to schema" << v + 1;
    }
    return true;
}

} // namespace peanuts
