// SQLite backend: deliveries, the projection of current entries by timestamp order, and counters.
#include "store/sqlitestore.h"

#include "platform/logging.h"
#include "store/corruptdatabase.h"

#include <QFileInfo>

#include <condition_variable>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace peanuts {

namespace {

constexpr qint64 kBucketMs = 15 * 60'000;

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

// Whether a delivery row's body is in the search index: not redacted, reached by catchUp, and not
// rejected (unless an earlier version indexed it).
#define IN_SEARCH_INDEX                                                                                                \
    "(redacted = 0 AND id <= (SELECT value FROM meta WHERE key = 'fts_upto') AND (outcome < 4"                         \
    " OR id <= (SELECT value FROM meta WHERE key = 'fts_rejected_upto')))"

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

QString fromText(sqlite3_stmt *stmt, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, column)) : QString();
}

QByteArray fromBlob(sqlite3_stmt *stmt, int column)
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(stmt, column));
    return data ? QByteArray(data, sqlite3_column_bytes(stmt, column)) : QByteArray();
}

} // namespace

int eventRank(EventKind kind)
{
    switch (kind) {
    case EventKind::Deleted:
        return 2;
    case EventKind::Updated:
        return 1;
    default:
        return 0;
    }
}

// A prepared statement with typed binders; bound data is copied only where SQLite needs it.
class SqliteStore::Statement
{
public:
    Statement() = default;
    ~Statement() { sqlite3_finalize(m_stmt); }
    Q_DISABLE_COPY_MOVE(Statement)

    bool prepare(sqlite3 *db, const char *sql)
    {
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) == SQLITE_OK;
    }
    sqlite3_stmt *get() const { return m_stmt; }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bindNull(int i) { sqlite3_bind_null(m_stmt, i); }
    // The caller keeps the bytes alive until the statement is reset.
    void bind(int i, const QByteArray &v) { sqlite3_bind_blob64(m_stmt, i, v.constData(), v.size(), SQLITE_STATIC); }
    void bindText(int i, const QByteArray &utf8)
    {
        sqlite3_bind_text64(m_stmt, i, utf8.constData(), utf8.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    void bindTextOrNull(int i, const QByteArray &utf8)
    {
        if (utf8.isNull())
            bindNull(i);
        else
            bindText(i, utf8);
    }
    int step() { return sqlite3_step(m_stmt); }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

struct SqliteStore::Prepared
{
    Statement begin, commit, rollback, insertDelivery, findCopy, upsertEntry, bumpCounter, bumpMinute, saveNextId,
        isRedacted;
};

// A connection of its own on a thread of its own that copies the WAL back into the database file
// when asked, with PASSIVE checkpoints: they run beside the writer's commits without blocking them.
class SqliteStore::Checkpointer
{
public:
    Checkpointer() = default;
    ~Checkpointer()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();
        sqlite3_close_v2(m_db);
    }
    Q_DISABLE_COPY_MOVE(Checkpointer)

    bool open(const QByteArray &path, const QByteArray &vfs)
    {
        if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                vfs.isEmpty() ? nullptr : vfs.constData())
            != SQLITE_OK)
            return false;
        sqlite3_wal_autocheckpoint(m_db, 0); // this connection never writes; it checkpoints when asked
        // A connection finds the WAL on its first read; until then its checkpoints do nothing.
        if (sqlite3_exec(m_db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK)
            return false;
        m_thread = std::thread([this] { run(); });
        return true;
    }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

    // Thread-safe and never blocks: at most one checkpoint is pending.
    void request()
    {
        {
            std::lock_guard lock(m_mutex);
            m_pending = true;
        }
        m_wake.notify_one();
    }

    // Waits until no checkpoint runs or is pending, so that the writer's own can take the lock.
    void waitIdle()
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return !m_pending && !m_running; });
    }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_pending || m_stop; });
            if (m_stop)
                return;
            m_pending = false;
            m_running = true;
            lock.unlock();
            const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            if (rc != SQLITE_OK && rc != SQLITE_BUSY)
                qCWarning(lcStore) << "background checkpoint failed:" << sqlite3_errmsg(m_db);
            lock.lock();
            m_running = false;
            m_idle.notify_all();
        }
    }

    sqlite3 *m_db = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    bool m_pending = false;
    bool m_running = false;
    bool m_stop = false;
};

int SqliteStore::walHook(void *self, sqlite3 *, const char *, int frames)
{
    // From 16 MiB of WAL on, the checkpointer copies frames back, woken once per 4 MiB of new frames
    // rather than after every commit: a run copies each hot page once and syncs the files once.
    // (Woken after every commit, it kept most of a core busy at 14k deliveries/s.) The WAL starts
    // over only when a write begins with every frame copied back, which a busy writer seldom finds;
    // so from 64 MiB on the writer checkpoints itself, once the answers of the commit that got there
    // are out (afterAnswers), and the next transaction restarts the WAL. In the last 8 MiB before
    // that the checkpointer runs every 512 KiB, so that the writer's own run finds little left to
    // copy and sync (1-5 ms instead of about 5). (4 and 32 MiB cost about 10% of throughput: hot
    // pages were copied back more often; 256 MiB raised the p99 latency.)
    constexpr int kBackgroundFrames = 4096;
    constexpr int kOwnCheckpointFrames = 16384;
    constexpr int kFramesBetweenRuns = 1024;
    constexpr int kTrailingFrames = 2048;
    constexpr int kFramesBetweenTrailingRuns = 128;
    auto *store = static_cast<SqliteStore *>(self);
    if (frames < store->m_framesAtCheckpoint)
        store->m_framesAtCheckpoint = 0; // the WAL started over
    if (frames >= kOwnCheckpointFrames) {
        store->m_ownCheckpointDue = true; // after the answers: afterAnswers()
    } else if (frames >= kBackgroundFrames
        && frames - store->m_framesAtCheckpoint
            >= (frames >= kOwnCheckpointFrames - kTrailingFrames ? kFramesBetweenTrailingRuns : kFramesBetweenRuns)) {
        store->m_framesAtCheckpoint = frames;
        store->m_checkpointer->request();
    }
    return SQLITE_OK;
}

void SqliteStore::afterAnswers()
{
    if (!m_ownCheckpointDue || !m_db)
        return;
    m_ownCheckpointDue = false;
    m_checkpointer->waitIdle(); // a run under way would make this one give up (SQLITE_BUSY)
    sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

SqliteStore::SqliteStore() = default;

SqliteStore::~SqliteStore()
{
    close();
}

int SqliteStore::schemaVersion()
{
    return int(std::size(kMigrations));
}

QString SqliteStore::errorText() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("database is not open");
}

bool SqliteStore::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    m_lastError = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
    sqlite3_free(message);
    return false;
}

bool SqliteStore::open(const StoreConfig &config, QString *error)
{
    close();
    const QByteArray path = QFile::encodeName(config.path);
    auto fail = [&](const QString &what) {
        m_lastError = what;
        if (error)
            *error = what;
        close();
        return false;
    };

    m_readOnly = config.readOnly;
    if (!m_readOnly) {
        // Create the file ourselves so that it is readable by the user alone; SQLite gives its WAL
        // and shared-memory files the same mode. O_EXCL leaves an existing file exactly as it is.
        const int fd = ::open(path.constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
        if (fd >= 0)
            ::close(fd);
    }

    if (!looksLikeSqlite(config.path))
        return fail(QStringLiteral("%1 is not a usable Peanuts Monitor database (file is not a database). It was left "
                                   "untouched; move it aside or pass another --db.")
                        .arg(config.path));
    const int flags = (m_readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
    const QByteArray vfs = config.vfs.toUtf8();
    if (sqlite3_open_v2(path.constData(), &m_db, flags, vfs.isEmpty() ? nullptr : vfs.constData()) != SQLITE_OK)
        return fail(QStringLiteral("cannot open database %1: %2").arg(config.path, errorText()));
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 2000);

    // Reading the header first: a file that is not a database fails here, before anything is written.
    if (!exec("SELECT count(*) FROM sqlite_schema"))
        return fail(QStringLiteral("%1 is not a usable Peanuts Monitor database (%2). It was left untouched; "
                                   "move it aside or pass another --db.")
                        .arg(config.path, m_lastError));
    if (m_readOnly) {
        if (scalar("PRAGMA user_version", -1) != schemaVersion())
            return fail(QStringLiteral("%1 has not been migrated to schema %2").arg(config.path).arg(schemaVersion()));
        return true;
    }
    // Refuse a database that is not ours, or is newer, before anything below writes to the file.
    QString versionError;
    if (!checkVersion(&versionError))
        return fail(QStringLiteral("%1: %2").arg(config.path, versionError));
    // Pages stay at SQLite's 4 KiB: a batch's rows share pages, and each WAL frame costs its own
    // system calls, so fewer, fuller frames beat small ones (measured: +25-50% over 1 KiB pages).
    if (!exec("PRAGMA journal_mode=WAL"))
        return fail(QStringLiteral("cannot switch %1 to WAL: %2").arg(config.path, m_lastError));
    const char *sync = config.durability == Durability::Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
    // A 32 MiB page cache keeps the hot index pages of a database of millions of rows in memory.
    if (!exec(sync) || !exec("PRAGMA temp_store=MEMORY") || !exec("PRAGMA cache_size=-32768"))
        return fail(m_lastError);
    QString migrateError;
    if (!migrate(&migrateError))
        return fail(migrateError);
    if (!prepareAll())
        return fail(QStringLiteral("cannot prepare statements: %1").arg(errorText()));
    // Ids are assigned here rather than by SQLite, so that the projection can name its delivery
    // before the delivery row is written. meta's next_id is written only where rows are deleted
    // (keepNextId): otherwise the newest row says it, and a commit saves a page.
    m_nextId = scalar("SELECT max((SELECT value FROM meta WHERE key = 'next_id'),"
                      " (SELECT coalesce(max(id), 0) + 1 FROM deliveries))",
        1);
    m_ftsUpto = scalar("SELECT value FROM meta WHERE key = 'fts_upto'", 0);
    m_hasRedactedBodies = scalar("SELECT EXISTS (SELECT 1 FROM redacted_bodies)", 1) != 0;
    m_defaultMaxPages = scalar("PRAGMA max_page_count", 0);
    if (!setMaxSizeBytes(config.maxSizeBytes))
        return fail(QStringLiteral("cannot set the size limit of %1: %2").arg(config.path, m_lastError));
    // Checkpoints run on a thread of their own, so that copying the WAL back and its fsyncs never hold
    // up a commit (they made the slowest 1-10% of answers wait 15-20 ms); walHook decides when.
    m_checkpointer = std::make_unique<Checkpointer>();
    if (!m_checkpointer->open(path, config.vfs.toUtf8()))
        return fail(QStringLiteral("cannot open %1 for checkpoints: %2").arg(config.path, m_checkpointer->error()));
    m_framesAtCheckpoint = 0;
    m_ownCheckpointDue = false;
    sqlite3_wal_hook(m_db, &SqliteStore::walHook, this);
    qCInfo(lcStore) << "opened" << config.path << "schema" << schemaVersion()
                    << (config.durability == Durability::Full ? "synchronous=FULL" : "synchronous=NORMAL");
    return true;
}

qint64 SqliteStore::scalar(const char *sql, qint64 fallback)
{
    sqlite3_stmt *stmt = nullptr;
    qint64 value = fallback;
    if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW
        && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
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

bool SqliteStore::prepareAll()
{
    m_stmts = new Prepared;
    Prepared &p = *m_stmts;
    return p.begin.prepare(m_db, "BEGIN IMMEDIATE") && p.commit.prepare(m_db, "COMMIT")
        && p.rollback.prepare(m_db, "ROLLBACK")
        && p.insertDelivery.prepare(m_db,
            "INSERT INTO deliveries (id, received_ms, remote, forwarded_for, method, path, headers, body, body_size,"
            " body_sha256, outcome, status, reason, secret_label, event, entry_id, helper_id, helper_name,"
            " helper_command, event_ms, amount_cents, category, redacted)"
            " VALUES (?22, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
            " ?21, ?23)")
        && p.isRedacted.prepare(m_db, "SELECT 1 FROM redacted_bodies WHERE body_sha256 = ?1")
        && p.findCopy.prepare(m_db,
            "SELECT 1 FROM deliveries WHERE entry_id = ?1 AND body_sha256 = ?2"
            " AND outcome IN (0, 2, 3) LIMIT 1")
        // The incoming event wins only when its (timestamp, rank, body hash) is greater than the
        // applied one's: every ordering of the same deliveries ends in the same state.
        && p.upsertEntry.prepare(m_db,
            "INSERT INTO entries (entry_id, event_ms, event_rank, body_sha256, deleted, helper_id, helper_name,"
            " helper_command, created_ms, amount_cents, amount_flagged, category, data, delivery_id)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            " ON CONFLICT (entry_id) DO UPDATE SET event_ms = excluded.event_ms, event_rank = excluded.event_rank,"
            " body_sha256 = excluded.body_sha256, deleted = excluded.deleted, helper_id = excluded.helper_id,"
            " helper_name = excluded.helper_name, helper_command = excluded.helper_command,"
            " created_ms = excluded.created_ms, amount_cents = excluded.amount_cents,"
            " amount_flagged = excluded.amount_flagged, category = excluded.category, data = excluded.data,"
            " delivery_id = excluded.delivery_id"
            " WHERE (excluded.event_ms, excluded.event_rank, excluded.body_sha256)"
            "     > (entries.event_ms, entries.event_rank, entries.body_sha256)")
        && p.saveNextId.prepare(m_db, "UPDATE meta SET value = ?1 WHERE key = 'next_id'")
        && p.bumpMinute.prepare(m_db,
            "INSERT INTO minute_counters (minute, outcome, count) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (minute, outcome) DO UPDATE SET count = count + excluded.count")
        && p.bumpCounter.prepare(m_db,
            "INSERT INTO counters (outcome, count) VALUES (?1, ?2)"
            " ON CONFLICT (outcome) DO UPDATE SET count = count + excluded.count");
}

bool SqliteStore::keepNextId()
{
    // In the transaction that deletes rows: the newest of them may be among them, and ids are
    // never handed out twice (the search index and the projection name deliveries by id).
    if (!m_stmts)
        return false;
    Statement &s = m_stmts->saveNextId;
    s.bind(1, m_nextId);
    const bool ok = s.step() == SQLITE_DONE;
    s.reset();
    return ok;
}

void SqliteStore::close()
{
    m_checkpointer.reset(); // before the writer's connection: the last connection out checkpoints
    delete m_stmts;
    m_stmts = nullptr;
    m_readDepth = 0;
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool SqliteStore::writeOne(Delivery &d, OutcomeCounters &counts)
{
    Prepared &p = *m_stmts;
    const ParsedEvent *ev = d.event ? &*d.event : nullptr;
    // Keep the UTF-8 conversions alive until the statements are reset (they are bound SQLITE_STATIC).
    const QByteArray remote = d.remoteAddress.toUtf8();
    const QByteArray forwarded = d.forwardedFor.isEmpty() ? QByteArray() : d.forwardedFor.toUtf8();
    const QByteArray reason = d.reason.isEmpty() ? QByteArray() : d.reason.toUtf8();
    const QByteArray label = d.secretLabel.isEmpty() ? QByteArray() : d.secretLabel.toUtf8();
    QByteArray event, entryId, helperId, helperName, helperCommand, category;
    if (ev) {
        event = ev->event.toUtf8();
        entryId = ev->entryId.toUtf8();
        helperId = ev->helperId.toUtf8();
        helperName = ev->helperName.toUtf8();
        helperCommand = ev->helperCommand.toUtf8();
        category = ev->category.isNull() ? QByteArray() : ev->category.toUtf8();
    }

    // A body redacted before (Peanuts retrying a redacted delivery): stored without its bytes.
    bool redacted = false;
    if (m_hasRedactedBodies) {
        p.isRedacted.bind(1, d.bodySha256.isNull() ? QByteArray("") : d.bodySha256);
        const int rc = p.isRedacted.step();
        p.isRedacted.reset();
        if (rc == SQLITE_ROW)
            redacted = true;
        else if (rc != SQLITE_DONE)
            return false;
    }

    if (ev && (d.outcome == Outcome::Accepted || d.outcome == Outcome::Ignored)) {
        p.findCopy.bindText(1, entryId);
        p.findCopy.bind(2, d.bodySha256);
        const int rc = p.findCopy.step();
        p.findCopy.reset();
        if (rc == SQLITE_ROW)
            d.outcome = Outcome::Duplicate;
        else if (rc != SQLITE_DONE)
            return false;
    }

    if (d.outcome == Outcome::Accepted && ev) {
        Statement &u = p.upsertEntry;
        const bool deleted = ev->kind == EventKind::Deleted;
        u.bindText(1, entryId);
        u.bind(2, ev->timestampMs);
        u.bind(3, qint64(eventRank(ev->kind)));
        u.bind(4, d.bodySha256);
        u.bind(5, qint64(deleted));
        u.bindText(6, helperId);
        u.bindText(7, helperName);
        u.bindText(8, helperCommand);
        u.bind(9, ev->createdAtMs >= 0 ? ev->createdAtMs : ev->timestampMs);
        if (ev->amountCents && !deleted)
            u.bind(10, *ev->amountCents);
        u.bind(11, qint64(ev->amountFlagged()));
        u.bindTextOrNull(12, category);
        if (!redacted)
            u.bind(13, ev->data);
        u.bind(14, d.keepRow ? m_nextId : 0);
        const int rc = u.step();
        u.reset();
        if (rc != SQLITE_DONE)
            return false;
        if (sqlite3_changes(m_db) == 0)
            d.outcome = Outcome::Stale;
    }

    ++counts[size_t(d.outcome)];
    if (!d.keepRow)
        return true;

    Statement &s = p.insertDelivery;
    d.id = m_nextId++;
    s.bind(22, d.id);
    s.bind(1, d.receivedMs);
    s.bindText(2, remote);
    s.bindTextOrNull(3, forwarded);
    s.bindText(4, d.method);
    s.bindText(5, d.path);
    s.bind(6, d.headers.isNull() || redacted ? QByteArray("") : d.headers);
    s.bind(7, d.body.isNull() || redacted ? QByteArray("") : d.body);
    s.bind(8, d.bodySize);
    s.bind(9, d.bodySha256.isNull() ? QByteArray("") : d.bodySha256);
    s.bind(10, qint64(d.outcome));
    s.bind(11, qint64(d.status));
    s.bindTextOrNull(12, reason);
    s.bindTextOrNull(13, label);
    if (ev) {
        s.bindText(14, event);
        s.bindText(15, entryId);
        s.bindText(16, helperId);
        s.bindText(17, helperName);
        s.bindText(18, helperCommand);
        s.bind(19, ev->timestampMs);
        if (ev->amountCents)
            s.bind(20, *ev->amountCents);
        s.bindTextOrNull(21, category);
    }
    s.bind(23, qint64(redacted));
    const int rc = s.step();
    s.reset();
    if (rc != SQLITE_DONE)
        return false;
    if (redacted) {
        d.redacted = true;
        d.body.clear();
        d.headers.clear();
    }
    return true;
}

bool SqliteStore::commit(QList<Delivery> &batch, QString *error)
{
    if (!m_db || !m_stmts) {
        m_lastError = QStringLiteral("database is not open");
        if (error)
            *error = m_lastError;
        return false;
    }
    Prepared &p = *m_stmts;
    const QList<Delivery> before = batch; // outcomes and ids are restored if the transaction fails
    const qint64 nextIdBefore = m_nextId;
    OutcomeCounters counts {};
    bool ok = p.begin.step() == SQLITE_DONE;
    p.begin.reset();
    for (qsizetype i = 0; ok && i < batch.size(); ++i)
        ok = writeOne(batch[i], counts);
    for (size_t o = 0; ok && o < counts.size(); ++o) {
        if (!counts[o])
            continue;
        p.bumpCounter.bind(1, qint64(o));
        p.bumpCounter.bind(2, counts[o]);
        ok = p.bumpCounter.step() == SQLITE_DONE;
        p.bumpCounter.reset();
    }
    // Per-minute counts, by received time; a batch seldom spans more than one minute.
    std::map<std::pair<qint64, int>, qint64> minutes;
    for (qsizetype i = 0; ok && i < batch.size(); ++i)
        ++minutes[{batch[i].receivedMs / 60'000, int(batch[i].outcome)}];
    for (auto it = minutes.cbegin(); ok && it != minutes.cend(); ++it) {
        p.bumpMinute.bind(1, it->first.first);
        p.bumpMinute.bind(2, qint64(it->first.second));
        p.bumpMinute.bind(3, it->second);
        ok = p.bumpMinute.step() == SQLITE_DONE;
        p.bumpMinute.reset();
    }
    if (ok) {
        ok = p.commit.step() == SQLITE_DONE;
        p.commit.reset();
    }
    if (ok)
        return true;
    m_lastError = errorText();
    if (error)
        *error = m_lastError;
    qint64 batchBytes = 0;
    for (const Delivery &d : std::as_const(batch))
        batchBytes += d.body.size() + d.headers.size();
    noteWriteFault(batchBytes);
    if (!sqlite3_get_autocommit(m_db)) {
        p.rollback.step();
        p.rollback.reset();
    }
    batch = before;
    m_nextId = nextIdBefore;
    return false;
}

std::optional<OutcomeCounters> SqliteStore::counters()
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT outcome, count FROM counters", -1, &stmt, nullptr) != SQLITE_OK) {
        m_lastError = errorText();
        return std::nullopt;
    }
    OutcomeCounters counts {};
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const int outcome = sqlite3_column_int(stmt, 0);
        if (outcome >= 0 && outcome < int(Outcome::OutcomeCount))
            counts[size_t(outcome)] = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return counts;
}

namespace {

const char kDeliveryColumns[]
    = "SELECT id, received_ms, remote, forwarded_for, method, path, headers, body, body_size, body_sha256, outcome,"
      " status, reason, secret_label, event, entry_id, helper_id, helper_name, helper_command, event_ms, amount_cents,"
      " category, redacted FROM deliveries";

Delivery readDelivery(sqlite3_stmt *stmt)
{
    Delivery d;
    d.id = sqlite3_column_int64(stmt, 0);
    d.receivedMs = sqlite3_column_int64(stmt, 1);
    d.remoteAddress = fromText(stmt, 2);
    d.forwardedFor = fromText(stmt, 3);
    d.method = fromBlob(stmt, 4);
    d.path = fromBlob(stmt, 5);
    d.headers = fromBlob(stmt, 6);
    d.body = fromBlob(stmt, 7);
    d.bodySize = sqlite3_column_int64(stmt, 8);
    d.bodySha256 = fromBlob(stmt, 9);
    d.outcome = Outcome(sqlite3_column_int(stmt, 10));
    d.status = sqlite3_column_int(stmt, 11);
    d.reason = fromText(stmt, 12);
    d.secretLabel = fromText(stmt, 13);
    d.redacted = sqlite3_column_int(stmt, 22) != 0;
    if (sqlite3_column_type(stmt, 14) != SQLITE_NULL) {
        ParsedEvent ev;
        ev.event = fromText(stmt, 14);
        ev.entryId = fromText(stmt, 15);
        ev.helperId = fromText(stmt, 16);
        ev.helperName = fromText(stmt, 17);
        ev.helperCommand = fromText(stmt, 18);
        ev.timestampMs = sqlite3_column_int64(stmt, 19);
        if (sqlite3_column_type(stmt, 20) != SQLITE_NULL)
            ev.amountCents = sqlite3_column_int64(stmt, 20);
        ev.category = fromText(stmt, 21);
        d.event = ev;
    }
    return d;
}

} // namespace

std::optional<Delivery> SqliteStore::delivery(qint64 id)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray sql = QByteArray(kDeliveryColumns) + " WHERE id = ?1";
    if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK) {
        m_lastError = errorText();
        return std::nullopt;
    }
    sqlite3_bind_int64(stmt, 1, id);
    std::optional<Delivery> result;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        result = readDelivery(stmt);
    sqlite3_finalize(stmt);
    return result;
}

std::optional<qint64> SqliteStore::deliveryCount()
{
    sqlite3_stmt *stmt = nullptr;
    std::optional<qint64> count;
    if (sqlite3_prepare_v2(m_db, "SELECT count(*) FROM deliveries", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        count = sqlite3_column_int64(stmt, 0);
    else
        m_lastError = errorText();
    sqlite3_finalize(stmt);
    return count;
}

namespace {
const char kEntryColumns[] = "SELECT entry_id, event_ms, event_rank, body_sha256, deleted, helper_command, created_ms,"
                             " amount_cents, amount_flagged, category, delivery_id FROM entries";
}

std::optional<EntryState> SqliteStore::readEntry(sqlite3_stmt *stmt) const
{
    EntryState e;
    e.entryId = fromText(stmt, 0);
    e.eventMs = sqlite3_column_int64(stmt, 1);
    e.eventRank = sqlite3_column_int(stmt, 2);
    e.bodySha256 = fromBlob(stmt, 3);
    e.deleted = sqlite3_column_int(stmt, 4) != 0;
    e.helperCommand = fromText(stmt, 5);
    e.createdMs = sqlite3_column_int64(stmt, 6);
    if (sqlite3_column_type(stmt, 7) != SQLITE_NULL)
        e.amountCents = sqlite3_column_int64(stmt, 7);
    e.amountFlagged = sqlite3_column_int(stmt, 8) != 0;
    e.category = fromText(stmt, 9);
    e.deliveryId = sqlite3_column_int64(stmt, 10);
    return e;
}

std::optional<EntryState> SqliteStore::entry(const QString &entryId)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray sql = QByteArray(kEntryColumns) + " WHERE entry_id = ?1";
    if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK) {
        m_lastError = errorText();
        return std::nullopt;
    }
    const QByteArray id = entryId.toUtf8();
    sqlite3_bind_text64(stmt, 1, id.constData(), id.size(), SQLITE_STATIC, SQLITE_UTF8);
    std::optional<EntryState> result;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        result = readEntry(stmt);
    sqlite3_finalize(stmt);
    return result;
}

std::optional<QList<EntryState>> SqliteStore::entries()
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray sql = QByteArray(kEntryColumns) + " ORDER BY entry_id";
    if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK) {
        m_lastError = errorText();
        return std::nullopt;
    }
    QList<EntryState> list;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        list.append(*readEntry(stmt));
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

namespace {

// "helper_command IN (?, ?, ...)" for the filter's commands, bound from parameter `first` on.
QByteArray commandClause(const QStringList &commands)
{
    if (commands.isEmpty())
        return QByteArrayLiteral("0");
    QByteArray clause = "helper_command IN (";
    for (qsizetype i = 0; i < commands.size(); ++i)
        clause += i ? ", ?" : "?";
    return clause + ')';
}

} // namespace

// A value bound to a numbered parameter; text is kept alive by the list holding it.
struct SqlBind
{
    bool isText = false;
    qint64 number = 0;
    QByteArray text;
};

namespace {

using Bind = SqlBind;

// Prepares sql, binds values in order, and hands each row to onRow. False on any SQLite error.
template<typename OnRow> bool runQuery(sqlite3 *db, const QByteArray &sql, const QList<Bind> &binds, OnRow onRow)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return false;
    for (qsizetype i = 0; i < binds.size(); ++i) {
        if (binds[i].isText)
            sqlite3_bind_text64(
                stmt, int(i + 1), binds[i].text.constData(), binds[i].text.size(), SQLITE_STATIC, SQLITE_UTF8);
        else
            sqlite3_bind_int64(stmt, int(i + 1), binds[i].number);
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        onRow(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}

Bind number(qint64 v)
{
    return Bind {false, v, {}};
}

Bind text(const QString &v)
{
    return Bind {true, 0, v.toUtf8()};
}

const char kRowColumns[]
    = "SELECT id, received_ms, event, helper_name, helper_command, entry_id, amount_cents, category,"
      " outcome, status, reason, body_size, redacted FROM deliveries";

DeliveryRow readRow(sqlite3_stmt *stmt)
{
    DeliveryRow r;
    r.id = sqlite3_column_int64(stmt, 0);
    r.receivedMs = sqlite3_column_int64(stmt, 1);
    r.event = fromText(stmt, 2);
    r.helperName = fromText(stmt, 3);
    r.helperCommand = fromText(stmt, 4);
    r.entryId = fromText(stmt, 5);
    if (sqlite3_column_type(stmt, 6) != SQLITE_NULL)
        r.amountCents = sqlite3_column_int64(stmt, 6);
    r.category = fromText(stmt, 7);
    r.outcome = Outcome(sqlite3_column_int(stmt, 8));
    r.status = sqlite3_column_int(stmt, 9);
    r.reason = fromText(stmt, 10);
    r.bodySize = sqlite3_column_int64(stmt, 11);
    r.redacted = sqlite3_column_int(stmt, 12) != 0;
    return r;
}

} // namespace

QByteArray SqliteStore::filterClause(const DeliveryFilter &f, QList<Bind> &binds, bool pages)
{
    QByteArray where = " WHERE 1";
    if (!f.text.isEmpty()) {
        // Rejected deliveries' bodies are not searched (nor indexed): junk from anyone.
        where += " AND outcome < 4";
        QString escaped = f.text;
        escaped.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        const QString pattern = u'%' + escaped + u'%';
        // The trigram index answers for what it holds (three characters or more, no wildcards in
        // the text); the rows it has not reached yet, and short texts, are scanned.
        if (f.text.toUtf8().size() >= 3 && escaped == f.text) {
            where += " AND ((id <= (SELECT value FROM meta WHERE key = 'fts_upto')"
                     "       AND id IN (SELECT rowid FROM deliveries_fts WHERE deliveries_fts.body LIKE ?))"
                     "  OR (id > (SELECT value FROM meta WHERE key = 'fts_upto') AND CAST(body AS TEXT) LIKE ? ESCAPE "
                     "'\\'))";
            binds << text(pattern) << text(pattern);
        } else {
            where += " AND CAST(body AS TEXT) LIKE ? ESCAPE '\\'";
            binds << text(pattern);
        }
    }
    if (!f.event.isEmpty()) {
        where += " AND event = ?";
        binds << text(f.event);
    }
    if (!f.helper.isEmpty()) {
        // Counting takes the two helper indexes (about 80 ms for 1M matches). A page must not: the
        // union of both indexes is sorted whole before the first 200 (350 ms at 240k matches), where
        // walking the ids down stops after 200 matches.
        where += pages ? " AND (+helper_name = ? OR +helper_command = ?)"
                       : " AND (helper_name = ? OR helper_command = ?)";
        binds << text(f.helper) << text(f.helper);
    }
    if (!f.outcomes.isEmpty()) {
        where += " AND outcome IN (";
        for (qsizetype i = 0; i < f.outcomes.size(); ++i) {
            where += i ? ",?" : "?";
            binds << number(qint64(f.outcomes[i]));
        }
        where += ')';
    }
    if (f.fromMs != std::numeric_limits<qint64>::min()) {
        where += " AND received_ms >= ?";
        binds << number(f.fromMs);
    }
    if (f.toMs != std::numeric_limits<qint64>::max()) {
        where += " AND received_ms < ?";
        binds << number(f.toMs);
    }
    if (f.afterId > 0) {
        where += " AND id > ?";
        binds << number(f.afterId);
    }
    if (f.uptoId != std::numeric_limits<qint64>::max()) {
        where += " AND id <= ?";
        binds << number(f.uptoId);
    }
    return where;
}

std::optional<QList<DeliveryRow>> SqliteStore::rows(const QByteArray &sql, const QList<Bind> &binds)
{
    QList<DeliveryRow> list;
    if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) { list.append(readRow(stmt)); })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

std::optional<QList<DeliveryRow>> SqliteStore::deliveriesBefore(const DeliveryFilter &given, qint64 beforeId, int limit)
{
    // One upper bound on id: SQLite 3.40 walks the rowid range from the first bound only, so a
    // snapshot bound beside the key made deep pages walk down from the newest row.
    DeliveryFilter filter = given;
    if (filter.uptoId != std::numeric_limits<qint64>::max()) {
        beforeId = qMin(beforeId, filter.uptoId + 1);
        filter.uptoId = std::numeric_limits<qint64>::max();
    }
    QList<Bind> binds;
    const QByteArray sql = kRowColumns + filterClause(filter, binds, true) + " AND id < ? ORDER BY id DESC LIMIT ?";
    binds << number(beforeId) << number(limit);
    return rows(sql, binds);
}

std::optional<QList<DeliveryRow>> SqliteStore::deliveriesAfter(const DeliveryFilter &given, qint64 afterId, int limit)
{
    DeliveryFilter filter = given; // one lower bound on id, as in deliveriesBefore
    afterId = qMax(afterId, filter.afterId);
    filter.afterId = 0;
    QList<Bind> binds;
    const QByteArray sql = kRowColumns + filterClause(filter, binds, true) + " AND id > ? ORDER BY id ASC LIMIT ?";
    binds << number(afterId) << number(limit);
    return rows(sql, binds);
}

std::optional<QList<DeliveryRow>> SqliteStore::deliveriesAt(const DeliveryFilter &filter, qint64 offset, int limit)
{
    QList<Bind> binds;
    const QByteArray sql = kRowColumns + filterClause(filter, binds, true) + " ORDER BY id DESC LIMIT ? OFFSET ?";
    binds << number(limit) << number(offset);
    return rows(sql, binds);
}

std::optional<qint64> SqliteStore::countDeliveries(const DeliveryFilter &filter)
{
    QList<Bind> binds;
    const QByteArray sql = "SELECT count(*) FROM deliveries" + filterClause(filter, binds, false);
    qint64 count = -1;
    if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) { count = sqlite3_column_int64(stmt, 0); })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return count;
}

std::optional<QList<Delivery>> SqliteStore::entryHistory(const QString &entryId)
{
    QList<Delivery> list;
    const QByteArray sql = QByteArray(kDeliveryColumns) + " WHERE entry_id = ? ORDER BY id";
    if (!runQuery(m_db, sql, {text(entryId)}, [&](sqlite3_stmt *stmt) { list.append(readDelivery(stmt)); })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

bool SqliteStore::changeDeliveries(const QList<qint64> &ids, const char *change, bool removesRows)
{
    if (!exec("BEGIN IMMEDIATE"))
        return false;
    bool ok = !removesRows || keepNextId();
    for (qsizetype i = 0; ok && i < ids.size(); ++i) {
        const qint64 id = ids[i];
        // The search index holds a copy of the body: take it out first.
        ok = runQuery(m_db,
                 "INSERT INTO deliveries_fts (deliveries_fts, rowid, body)"
                 " SELECT 'delete', id, CAST(body AS TEXT) FROM deliveries WHERE id = ? AND " IN_SEARCH_INDEX,
                 {number(id)}, [](sqlite3_stmt *) {})
            && runQuery(m_db, change, {number(id)}, [](sqlite3_stmt *) {});
    }
    if (ok && exec("COMMIT"))
        return true;
    m_lastError = errorText();
    exec("ROLLBACK");
    return false;
}

bool SqliteStore::deleteDeliveries(const QList<qint64> &ids)
{
    m_prune = PruneRun {}; // the count limit's bound may have moved older
    return changeDeliveries(ids, "DELETE FROM deliveries WHERE id = ?", true);
}

bool SqliteStore::redactDeliveries(const QList<qint64> &ids)
{
    if (!m_db || m_readOnly) {
        m_lastError = m_db ? QStringLiteral("the database is open read-only") : errorText();
        return false;
    }
    // Freed and rewritten space is overwritten with zeros, so that the bytes do not stay in free
    // pages; the checkpoint below then takes them out of the write-ahead log.
    const qint64 secureDelete = scalar("PRAGMA secure_delete", 0);
    if (!exec("PRAGMA secure_delete = ON"))
        return false;
    auto restore = [&] {
        const QByteArray sql = "PRAGMA secure_delete = " + QByteArray::number(secureDelete);
        exec(sql.constData());
    };
    auto none = [](sqlite3_stmt *) {};
    // One transaction: the body and headers of the delivery and of every copy of it (the duplicates:
    // the same bytes about the same entry), the copy of its text in the search index, and the
    // projection's copy of the entry's data. The amount and category stay in the figures.
    bool ok = exec("BEGIN IMMEDIATE");
    bool removedFromIndex = false;
    for (qsizetype i = 0; ok && i < ids.size(); ++i) {
        QList<qint64> copies;
        ok = runQuery(m_db,
                 "SELECT id FROM deliveries WHERE id = ?1 UNION SELECT c.id FROM deliveries AS d"
                 " JOIN deliveries AS c ON c.entry_id = d.entry_id AND c.body_sha256 = d.body_sha256 WHERE d.id = ?1",
                 {number(ids[i])}, [&](sqlite3_stmt *stmt) { copies.append(sqlite3_column_int64(stmt, 0)); })
            && runQuery(m_db,
                "INSERT OR IGNORE INTO redacted_bodies (body_sha256) SELECT body_sha256 FROM deliveries"
                " WHERE id = ? AND length(body_sha256) = 32",
                {number(ids[i])}, none)
            && runQuery(m_db,
                "UPDATE entries SET data = NULL WHERE entry_id = (SELECT entry_id FROM deliveries WHERE id = ?1)"
                " AND body_sha256 = (SELECT body_sha256 FROM deliveries WHERE id = ?1) AND data IS NOT NULL",
                {number(ids[i])}, none);
        for (qsizetype c = 0; ok && c < copies.size(); ++c) {
            ok = runQuery(m_db,
                "INSERT INTO deliveries_fts (deliveries_fts, rowid, body)"
                " SELECT 'delete', id, CAST(body AS TEXT) FROM deliveries WHERE id = ? AND " IN_SEARCH_INDEX,
                {number(copies[c])}, none);
            removedFromIndex = removedFromIndex || (ok && sqlite3_changes(m_db) > 0);
            ok = ok
                && runQuery(m_db, "UPDATE deliveries SET body = x'', headers = x'', redacted = 1 WHERE id = ?",
                    {number(copies[c])}, none);
        }
    }
    // The index's delete only records that the rows are gone: their terms (every three characters
    // of the body) stay in its segments until these are merged. Merging all of them into one drops
    // them, and the old segments' pages are zeroed as they are freed. It rewrites the whole index,
    // which takes time in proportion to its size; redactions are rare.
    if (ok && removedFromIndex)
        ok = exec("INSERT INTO deliveries_fts (deliveries_fts) VALUES ('optimize')");
    if (!ok || !exec("COMMIT")) {
        m_lastError = errorText();
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
        restore();
        return false;
    }
    m_hasRedactedBodies = m_hasRedactedBodies || !ids.isEmpty();
    restore();
    return emptyWal();
}

bool SqliteStore::emptyWal()
{
    // Copies every frame back into the file and truncates the log to nothing. A reader holding an
    // older snapshot keeps it from finishing: each try waits for readers as long as the busy timeout
    // (2 s), and a few tries bound the wait.
    constexpr int kTries = 3;
    m_checkpointer->waitIdle();
    for (int attempt = 0; attempt < kTries; ++attempt) {
        const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
        if (rc == SQLITE_OK)
            return true;
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
    }
    m_lastError = QStringLiteral("the deliveries were redacted, but the write-ahead log could not be emptied (%1): "
                                 "the removed bytes stay in it until the next checkpoint")
                      .arg(errorText());
    qCWarning(lcStore).noquote() << m_lastError;
    return false;
}

bool SqliteStore::beginRead()
{
    if (!m_db) {
        m_lastError = errorText();
        return false;
    }
    // A deferred transaction: its snapshot is taken by the first read and kept until endRead().
    if (m_readDepth == 0 && !exec("BEGIN"))
        return false;
    ++m_readDepth;
    return true;
}

void SqliteStore::endRead()
{
    if (m_readDepth > 0 && --m_readDepth == 0)
        exec("COMMIT");
}

std::optional<QList<MinuteCounts>> SqliteStore::minuteCounts(qint64 fromMs, qint64 toMs)
{
    QList<MinuteCounts> list;
    const bool ok = runQuery(m_db,
        "SELECT minute, outcome, count FROM minute_counters WHERE minute >= ? AND minute < ?"
        " ORDER BY minute",
        {number(fromMs / 60'000), number(toMs / 60'000 + (toMs % 60'000 ? 1 : 0))}, [&](sqlite3_stmt *stmt) {
            const qint64 minute = sqlite3_column_int64(stmt, 0) * 60'000;
            if (list.isEmpty() || list.last().minuteStartMs != minute)
                list.append(MinuteCounts {minute, {}});
            const int outcome = sqlite3_column_int(stmt, 1);
            if (outcome >= 0 && outcome < int(Outcome::OutcomeCount))
                list.last().counts[size_t(outcome)] = sqlite3_column_int64(stmt, 2);
        });
    if (!ok) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

int SqliteStore::catchUp(int maxRows)
{
    if (!m_db || m_readOnly)
        return 0;
    qint64 upto = m_ftsUpto;
    runQuery(m_db, "SELECT max(id) FROM (SELECT id FROM deliveries WHERE id > ? ORDER BY id LIMIT ?)",
        {number(m_ftsUpto), number(maxRows)}, [&](sqlite3_stmt *stmt) {
            if (sqlite3_column_type(stmt, 0) != SQLITE_NULL)
                upto = sqlite3_column_int64(stmt, 0);
        });
    if (upto == m_ftsUpto)
        return 0;
    const bool ok = exec("BEGIN IMMEDIATE")
        && runQuery(m_db,
            "INSERT INTO deliveries_fts (rowid, body) SELECT id, CAST(body AS TEXT) FROM deliveries"
            " WHERE id > ? AND id <= ? AND redacted = 0 AND outcome < 4",
            {number(m_ftsUpto), number(upto)}, [](sqlite3_stmt *) {})
        && runQuery(m_db, "UPDATE meta SET value = ? WHERE key = 'fts_upto'", {number(upto)}, [](sqlite3_stmt *) {})
        && exec("COMMIT");
    if (!ok) {
        m_lastError = errorText();
        exec("ROLLBACK");
        return 0;
    }
    const int handled = int(upto - m_ftsUpto);
    m_ftsUpto = upto;
    return handled;
}

namespace {

constexpr qint64 kUnboundedFrom = std::numeric_limits<qint64>::min();
constexpr qint64 kUnboundedTo = std::numeric_limits<qint64>::max();

qint64 bucketOf(qint64 ms)
{
    return ms >= 0 ? ms / kBucketMs : -((kBucketMs - 1 - ms) / kBucketMs);
}

// Rows of (category, count, amount_count, sum_cents) for the current entries of some helpers whose
// created_at lies in [fromMs, toMs): the aggregates when the range is unbounded or on 15-minute
// boundaries (every day and month of every zone), else the entries themselves.
QByteArray figureSource(const QStringList &commands, qint64 fromMs, qint64 toMs, QList<Bind> &binds)
{
    for (const QString &c : commands)
        binds << text(c);
    auto onBoundary = [](qint64 ms, qint64 unbounded) { return ms == unbounded || ms % kBucketMs == 0; };
    if (fromMs == kUnboundedFrom && toMs == kUnboundedTo)
        return " entry_totals WHERE " + commandClause(commands);
    if (onBoundary(fromMs, kUnboundedFrom) && onBoundary(toMs, kUnboundedTo)) {
        binds << number(fromMs == kUnboundedFrom ? kUnboundedFrom : bucketOf(fromMs))
              << number(toMs == kUnboundedTo ? kUnboundedTo : bucketOf(toMs));
        return " entry_buckets WHERE " + commandClause(commands) + " AND bucket >= ? AND bucket < ?";
    }
    binds << number(fromMs) << number(toMs);
    return " (SELECT coalesce(category, '') AS category, 1 AS count, amount_cents IS NOT NULL AS amount_count,"
           " coalesce(amount_cents, 0) AS sum_cents FROM entries WHERE deleted = 0 AND "
        + commandClause(commands) + " AND created_ms >= ? AND created_ms < ?)";
}

} // namespace

std::optional<EntryTotals> SqliteStore::entryTotals(const EntryFilter &filter)
{
    QList<Bind> binds;
    const QByteArray sql = "SELECT coalesce(sum(count), 0), coalesce(sum(amount_count), 0), coalesce(sum(sum_cents), 0)"
                           " FROM"
        + figureSource(filter.commands, filter.fromMs, filter.toMs, binds);
    EntryTotals totals;
    if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) {
            totals = EntryTotals {
                sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2)};
        })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return totals;
}

std::optional<QList<qint64>> SqliteStore::sumsBetween(const QStringList &commands, const QList<qint64> &bounds)
{
    QList<qint64> sums;
    for (qsizetype i = 0; i + 1 < bounds.size(); ++i) {
        QList<Bind> binds;
        const QByteArray sql
            = "SELECT coalesce(sum(sum_cents), 0) FROM" + figureSource(commands, bounds[i], bounds[i + 1], binds);
        if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) { sums.append(sqlite3_column_int64(stmt, 0)); })) {
            m_lastError = errorText();
            return std::nullopt;
        }
    }
    return sums;
}

std::optional<QList<CategoryTotal>> SqliteStore::categoryTotals(const EntryFilter &filter)
{
    QList<Bind> binds;
    const QByteArray sql = "SELECT category, sum(count), sum(sum_cents) FROM"
        + figureSource(filter.commands, filter.fromMs, filter.toMs, binds)
        + " GROUP BY category HAVING sum(count) > 0 ORDER BY category";
    QList<CategoryTotal> list;
    if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) {
            list.append(
                CategoryTotal {fromText(stmt, 0), sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2)});
        })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

bool SqliteStore::startPruneRun(const RetentionPolicy &policy)
{
    m_prune = PruneRun {};
    m_prune.active = true;
    m_prune.maxDeliveries = policy.maxDeliveries;
    if (policy.maxDeliveries <= 0)
        return true;
    // Walks the small received_ms index rather than the rows; once a run, since at a million rows
    // the offset costs tens of milliseconds. Rows arriving during the run only move the true bound
    // newer, so the bound found here keeps too much, never too little.
    const bool ok
        = runQuery(m_db, "SELECT received_ms, id FROM deliveries ORDER BY received_ms DESC, id DESC LIMIT 1 OFFSET ?",
            {number(policy.maxDeliveries)}, [&](sqlite3_stmt *stmt) {
                m_prune.hasCountBound = true;
                m_prune.countBoundMs = sqlite3_column_int64(stmt, 0);
                m_prune.countBoundId = sqlite3_column_int64(stmt, 1);
            });
    if (!ok) {
        m_lastError = errorText();
        m_prune = PruneRun {};
    }
    return ok;
}

int SqliteStore::prune(const RetentionPolicy &policy, qint64 nowMs, int maxRows, bool *more)
{
    if (more)
        *more = false;
    if (!m_db || m_readOnly || maxRows <= 0 || policy.keepsEverything()) {
        m_prune = PruneRun {};
        return 0;
    }
    if ((!m_prune.active || m_prune.maxDeliveries != policy.maxDeliveries) && !startPruneRun(policy))
        return -1;

    // Rows go when (received_ms, id) < (boundMs, boundId): the larger of the two limits' bounds.
    constexpr qint64 kLowest = std::numeric_limits<qint64>::min();
    qint64 boundMs = kLowest, boundId = kLowest;
    if (policy.maxAgeDays > 0)
        boundMs = nowMs - qint64(policy.maxAgeDays) * 86'400'000;
    if (m_prune.hasCountBound
        && std::make_pair(m_prune.countBoundMs, m_prune.countBoundId + 1) > std::make_pair(boundMs, boundId)) {
        boundMs = m_prune.countBoundMs;
        boundId = m_prune.countBoundId + 1;
    }
    // No limit on deliveries in general: only rejected ones may go (below).
    const bool general = boundMs != kLowest || boundId != kLowest;

    // Protected rows are looked at but not taken; looking stops after a bounded number of them too,
    // so that one call stays short even when the oldest rows are all kept. The applied delivery of
    // an entry is found through the entries' primary key, one probe per row looked at.
    const qint64 scanLimit = qint64(maxRows) * 8;
    const qint64 fromMs = m_prune.started ? m_prune.afterMs : kLowest;
    const qint64 fromId = m_prune.started ? m_prune.afterId : kLowest;
    struct Doomed
    {
        qint64 id;
        bool indexed;
    };
    QList<Doomed> doomed;
    qint64 looked = 0, lastMs = fromMs, lastId = fromId;
    bool full = false;

    if (!exec("BEGIN IMMEDIATE"))
        return -1;
    bool ok = true;
    if (general) {
        sqlite3_stmt *stmt = nullptr;
        ok = sqlite3_prepare_v2(m_db,
                 "SELECT d.id, d.received_ms, d.redacted = 0 AND (d.outcome < 4"
                 "   OR d.id <= (SELECT value FROM meta WHERE key = 'fts_rejected_upto')),"
                 " NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.entry_id = d.entry_id AND e.delivery_id = d.id"
                 "             AND e.deleted = 0)"
                 " FROM deliveries AS d INDEXED BY deliveries_received"
                 " WHERE (d.received_ms, d.id) > (?1, ?2) AND (d.received_ms, d.id) < (?3, ?4)"
                 " ORDER BY d.received_ms, d.id LIMIT ?5",
                 -1, &stmt, nullptr)
            == SQLITE_OK;
        if (ok) {
            sqlite3_bind_int64(stmt, 1, fromMs);
            sqlite3_bind_int64(stmt, 2, fromId);
            sqlite3_bind_int64(stmt, 3, boundMs);
            sqlite3_bind_int64(stmt, 4, boundId);
            sqlite3_bind_int64(stmt, 5, scanLimit);
            int rc;
            while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                ++looked;
                lastId = sqlite3_column_int64(stmt, 0);
                lastMs = sqlite3_column_int64(stmt, 1);
                if (sqlite3_column_int(stmt, 3)) {
                    doomed.append(Doomed {lastId, lastId <= m_ftsUpto && sqlite3_column_int(stmt, 2)});
                    if (doomed.size() >= maxRows) {
                        full = true;
                        break;
                    }
                }
            }
            ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
        }
        sqlite3_finalize(stmt);
    }
    // Rejected deliveries older than their own limit, with what room this call has left. They are
    // never applied deliveries; the counters keep them counted.
    bool rejectedFull = false;
    const qsizetype room = maxRows - doomed.size();
    if (ok && policy.rejectedMaxAgeDays > 0 && room > 0) {
        const qint64 rejectedBoundMs = nowMs - qint64(policy.rejectedMaxAgeDays) * 86'400'000;
        qsizetype found = 0;
        ok = runQuery(m_db,
            "SELECT id, redacted = 0 AND id <= (SELECT value FROM meta WHERE key = 'fts_rejected_upto')"
            " FROM deliveries INDEXED BY deliveries_rejected WHERE outcome >= 4 AND received_ms < ?"
            " ORDER BY received_ms LIMIT ?",
            {number(rejectedBoundMs), number(room)}, [&](sqlite3_stmt *stmt) {
                const qint64 id = sqlite3_column_int64(stmt, 0);
                ++found;
                // A row the general limits took already (their scan ran first) is not taken twice.
                for (const Doomed &d : std::as_const(doomed)) {
                    if (d.id == id)
                        return;
                }
                doomed.append(Doomed {id, id <= m_ftsUpto && sqlite3_column_int(stmt, 1)});
            });
        rejectedFull = found == room;
    }
    if (ok && !doomed.isEmpty()) {
        // The search index keeps its own copy of each indexed body: it needs the text to forget it.
        Statement unindex, remove;
        ok = unindex.prepare(m_db,
                 "INSERT INTO deliveries_fts (deliveries_fts, rowid, body)"
                 " SELECT 'delete', id, CAST(body AS TEXT) FROM deliveries WHERE id = ?1")
            && remove.prepare(m_db, "DELETE FROM deliveries WHERE id = ?1");
        for (qsizetype i = 0; ok && i < doomed.size(); ++i) {
            if (doomed[i].indexed) {
                unindex.bind(1, doomed[i].id);
                ok = unindex.step() == SQLITE_DONE;
                unindex.reset();
            }
            if (ok) {
                remove.bind(1, doomed[i].id);
                ok = remove.step() == SQLITE_DONE;
                remove.reset();
            }
        }
    }
    // An ordinary transaction: a crash before COMMIT rolls it all back, so nothing acknowledged and
    // nothing half-deleted is left behind.
    if (!ok || (!doomed.isEmpty() && !keepNextId()) || !exec("COMMIT")) {
        m_lastError = errorText();
        exec("ROLLBACK");
        m_prune = PruneRun {};
        return -1;
    }
    const bool moreToDo = full || looked == scanLimit || rejectedFull;
    if (moreToDo) {
        m_prune.started = true;
        m_prune.afterMs = lastMs;
        m_prune.afterId = lastId;
    } else {
        m_prune = PruneRun {}; // the next run starts from the oldest row again
    }
    if (more)
        *more = moreToDo;
    return int(doomed.size());
}

qint64 SqliteStore::fileBytes() const
{
    const char *name = m_db ? sqlite3_db_filename(m_db, "main") : nullptr;
    if (!name || !*name)
        return 0;
    const QString path = QFile::decodeName(name);
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

std::optional<VacuumResult> SqliteStore::vacuum()
{
    if (!m_db || m_readOnly) {
        m_lastError = m_db ? QStringLiteral("the database is open read-only") : errorText();
        return std::nullopt;
    }
    VacuumResult result;
    result.bytesBefore = fileBytes();
    // VACUUM writes the whole new file through the log; the checkpoint copies it back and empties
    // the log, which is what frees the disk space.
    if (!exec("VACUUM"))
        return std::nullopt;
    m_checkpointer->waitIdle();
    if (!exec("PRAGMA wal_checkpoint(TRUNCATE)"))
        return std::nullopt;
    result.bytesAfter = fileBytes();
    qCInfo(lcStore) << "vacuumed:" << result.bytesBefore << "bytes before," << result.bytesAfter << "after";
    return result;
}

} // namespace peanuts

// Storage faults: the size limit, what a failed write means for the user, and the probe.
namespace peanuts {

bool SqliteStore::setMaxSizeBytes(qint64 bytes)
{
    if (!m_db || m_readOnly)
        return bytes == 0;
    const qint64 pageSize = scalar("PRAGMA page_size", 4096);
    // SQLite raises a limit below the current size to the current size: the database is then full.
    const qint64 pages = bytes > 0 ? std::max<qint64>(1, bytes / pageSize) : m_defaultMaxPages;
    if (pages <= 0)
        return true;
    const QByteArray sql = "PRAGMA max_page_count=" + QByteArray::number(pages);
    if (!exec(sql.constData()))
        return false;
    m_maxSizeBytes = bytes;
    return true;
}

void SqliteStore::noteWriteFault(qint64 batchBytes)
{
    const int code = sqlite3_extended_errcode(m_db);
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        m_lastFault = WriteFault::Busy;
        break;
    case SQLITE_FULL: {
        // SQLite says "database or disk is full" for both. The limit is the likely cause when what
        // is stored plus a generous estimate of the batch's pages (rows, indexes, search) reaches it.
        const qint64 stored = scalar("PRAGMA page_count", 0) * scalar("PRAGMA page_size", 4096);
        const bool atLimit = m_maxSizeBytes > 0 && stored + 4 * batchBytes + 64 * 1024 >= m_maxSizeBytes;
        m_lastFault = atLimit ? WriteFault::LimitReached : WriteFault::DiskFull;
        break;
    }
    case SQLITE_READONLY:
        m_lastFault = WriteFault::ReadOnly;
        break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        m_lastFault = WriteFault::Io;
        break;
    default:
        m_lastFault = WriteFault::Other;
        break;
    }
    qCDebug(lcStore).noquote() << QStringLiteral("write failed: %1 (SQLite code %2)").arg(m_lastError).arg(code);
}

bool SqliteStore::probeWrite(QString *error)
{
    // A page-sized value written and removed in one committed transaction: it needs room under the
    // limit, and it reaches the disk (the WAL), so it fails for as long as a delivery would.
    const bool ok = m_db && m_stmts && exec("BEGIN IMMEDIATE")
        && exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('write_probe', zeroblob(16384))")
        && exec("DELETE FROM meta WHERE key = 'write_probe'") && exec("COMMIT");
    if (ok) {
        m_lastFault = WriteFault::None;
        return true;
    }
    if (!m_db || !m_stmts) {
        m_lastError = QStringLiteral("database is not open");
        m_lastFault = WriteFault::Io;
    } else {
        noteWriteFault(16384);
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
    }
    if (error)
        *error = m_lastError;
    return false;
}

std::optional<QStringList> SqliteStore::integrityCheck()
{
    QStringList lines;
    if (!m_db || !runQuery(m_db, "PRAGMA integrity_check", {}, [&](sqlite3_stmt *stmt) {
            lines.append(fromText(stmt, 0));
        })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return lines;
}

namespace {

// memcmp order, then length: SQLite's BINARY collation, and QByteArray's order.
int compareBytes(sqlite3_stmt *a, sqlite3_stmt *b, int column)
{
    const void *pa = sqlite3_column_blob(a, column);
    const int na = sqlite3_column_bytes(a, column);
    const void *pb = sqlite3_column_blob(b, column);
    const int nb = sqlite3_column_bytes(b, column);
    const int common = qMin(na, nb);
    const int order = common > 0 ? std::memcmp(pa, pb, size_t(common)) : 0;
    return order != 0 ? order : (na < nb ? -1 : na > nb ? 1 : 0);
}

// A column as SQL would print it, so that a difference can be shown as it is stored.
QString rendered(sqlite3_stmt *stmt, int column)
{
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_NULL:
        return QStringLiteral("NULL");
    case SQLITE_INTEGER:
        return QString::number(sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT:
        return QString::number(sqlite3_column_double(stmt, column));
    case SQLITE_TEXT:
        return u'\'' + fromText(stmt, column) + u'\'';
    default:
        return QStringLiteral("x'%1'").arg(QString::fromLatin1(fromBlob(stmt, column).toHex()));
    }
}

// The projection as kept, and as the deliveries rebuild it, both by entry id (BINARY order, which is
// QByteArray's order too). Columns 1-7, 9 and 11 of the two are compared as they are; the rest are
// handled one by one in checkProjection().
const char kKeptEntries[] = "SELECT entry_id, event_ms, event_rank, body_sha256, deleted, helper_id, helper_name,"
                            " helper_command, created_ms, amount_cents, amount_flagged, category, data, delivery_id"
                            " FROM entries ORDER BY entry_id";

QByteArray rebuiltEntriesSql()
{
    // The rule of upsertEntry, restated over all the deliveries at once: among an entry's verified
    // events, the greatest (timestamp, rank, body hash) is applied. A duplicate carries the same
    // bytes (hence the same key) as an earlier copy, so it never changes the winner; the lowest id
    // among equal keys is the copy that was applied. Ignored (unknown) events are not applied.
    QByteArray rank = "CASE event";
    QByteArray known;
    for (EventKind kind : {EventKind::Created, EventKind::Updated, EventKind::Deleted}) {
        rank += " WHEN '" + QByteArray(eventKindName(kind)) + "' THEN " + QByteArray::number(eventRank(kind));
        known += (known.isEmpty() ? "'" : ", '") + QByteArray(eventKindName(kind)) + '\'';
    }
    rank += " END";
    const QByteArray verified = QByteArray::number(int(Outcome::Accepted)) + ", "
        + QByteArray::number(int(Outcome::Duplicate)) + ", " + QByteArray::number(int(Outcome::Stale));
    const QByteArray deletedRank = QByteArray::number(eventRank(EventKind::Deleted));
    return "SELECT d.entry_id, d.event_ms, w.rank, d.body_sha256, w.rank = " + deletedRank
        + ", d.helper_id, d.helper_name, d.helper_command, d.id, CASE WHEN w.rank = " + deletedRank
        + " THEN NULL ELSE d.amount_cents END, d.redacted, d.category, d.body"
          " FROM (SELECT id, rank, row_number() OVER (PARTITION BY entry_id"
          "         ORDER BY event_ms DESC, rank DESC, body_sha256 DESC, id) AS n"
          "       FROM (SELECT id, entry_id, event_ms, body_sha256, "
        + rank
        + " AS rank FROM deliveries"
          "             WHERE entry_id IS NOT NULL AND outcome IN ("
        + verified + ") AND event IN (" + known
        + "))) AS w"
          " JOIN deliveries AS d ON d.id = w.id WHERE w.n = 1 ORDER BY d.entry_id";
}

// Same type and same value; cheap, since it runs for every column of every entry.
bool sameValue(sqlite3_stmt *a, sqlite3_stmt *b, int column)
{
    const int type = sqlite3_column_type(a, column);
    if (type != sqlite3_column_type(b, column))
        return false;
    switch (type) {
    case SQLITE_NULL:
        return true;
    case SQLITE_INTEGER:
        return sqlite3_column_int64(a, column) == sqlite3_column_int64(b, column);
    case SQLITE_FLOAT:
        return sqlite3_column_double(a, column) == sqlite3_column_double(b, column);
    default:
        return compareBytes(a, b, column) == 0;
    }
}

using EntryKey = std::tuple<qint64, qint64, QByteArray>;

EntryKey entryKey(sqlite3_stmt *stmt)
{
    return {sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2), fromBlob(stmt, 3)};
}

} // namespace

std::optional<ProjectionCheck> SqliteStore::checkProjection()
{
    if (!m_db) {
        m_lastError = errorText();
        return std::nullopt;
    }
    constexpr int kListed = 20;
    ProjectionCheck check;
    auto differ = [&](const QString &text) {
        if (check.differences.size() < kListed)
            check.differences.append(text);
        ++check.differenceCount;
    };

    // One read transaction: both sides come from the same snapshot while a writer goes on.
    if (!exec("BEGIN"))
        return std::nullopt;
    sqlite3_stmt *kept = nullptr;
    sqlite3_stmt *rebuilt = nullptr;
    sqlite3_stmt *exists = nullptr;
    const QByteArray rebuiltSql = rebuiltEntriesSql();
    bool ok = sqlite3_prepare_v2(m_db, kKeptEntries, -1, &kept, nullptr) == SQLITE_OK
        && sqlite3_prepare_v2(m_db, rebuiltSql.constData(), int(rebuiltSql.size()), &rebuilt, nullptr) == SQLITE_OK
        && sqlite3_prepare_v2(m_db, "SELECT 1 FROM deliveries WHERE id = ?1", -1, &exists, nullptr) == SQLITE_OK;
    auto deliveryExists = [&](qint64 id) {
        sqlite3_bind_int64(exists, 1, id);
        const bool found = sqlite3_step(exists) == SQLITE_ROW;
        sqlite3_reset(exists);
        return found;
    };

    static const char *const kSameColumns[] = {nullptr, "event_ms", "event_rank", "body_sha256", "deleted", "helper_id",
        "helper_name", "helper_command", nullptr, "amount_cents", nullptr, "category"};
    int keptRc = ok ? sqlite3_step(kept) : SQLITE_ERROR;
    int rebuiltRc = ok ? sqlite3_step(rebuilt) : SQLITE_ERROR;
    while (keptRc == SQLITE_ROW || rebuiltRc == SQLITE_ROW) {
        if ((keptRc != SQLITE_ROW && keptRc != SQLITE_DONE) || (rebuiltRc != SQLITE_ROW && rebuiltRc != SQLITE_DONE))
            break;
        int order = 0; // < 0: only in the projection, > 0: only rebuilt
        if (keptRc != SQLITE_ROW)
            order = 1;
        else if (rebuiltRc != SQLITE_ROW)
            order = -1;
        else
            order = compareBytes(kept, rebuilt, 0);

        if (order < 0) {
            ++check.entries;
            const qint64 deliveryId = sqlite3_column_int64(kept, 13);
            // Its deliveries were all deleted on request: nothing is left to rebuild it from.
            if (!deliveryExists(deliveryId))
                ++check.partial;
            else
                differ(QStringLiteral("entry %1 is in the projection (delivery %2), but none of its stored "
                                      "deliveries is a verified event")
                           .arg(rendered(kept, 0))
                           .arg(deliveryId));
            keptRc = sqlite3_step(kept);
            continue;
        }
        if (order > 0) {
            differ(QStringLiteral("entry %1 is missing from the projection; delivery %2 rebuilds it")
                       .arg(rendered(rebuilt, 0))
                       .arg(sqlite3_column_int64(rebuilt, 8)));
            rebuiltRc = sqlite3_step(rebuilt);
            continue;
        }

        ++check.entries;
        const qint64 keptDelivery = sqlite3_column_int64(kept, 13);
        const qint64 rebuiltDelivery = sqlite3_column_int64(rebuilt, 8);
        QStringList wrong;
        if (keptDelivery != rebuiltDelivery && !deliveryExists(keptDelivery)) {
            // The applied delivery was deleted on request; what remains must not beat it.
            ++check.partial;
            if (entryKey(rebuilt) > entryKey(kept))
                wrong.append(QStringLiteral("the applied delivery %1 was deleted, and delivery %2 beats it")
                                 .arg(keptDelivery)
                                 .arg(rebuiltDelivery));
        } else {
            for (int c = 1; c < int(std::size(kSameColumns)); ++c) {
                if (!kSameColumns[c])
                    continue;
                if (!sameValue(kept, rebuilt, c))
                    wrong.append(QStringLiteral("%1 is %2, rebuilt %3")
                                     .arg(QLatin1String(kSameColumns[c]), rendered(kept, c), rendered(rebuilt, c)));
            }
            if (keptDelivery != rebuiltDelivery)
                wrong.append(QStringLiteral("delivery_id is %1, rebuilt %2").arg(keptDelivery).arg(rebuiltDelivery));
            const QByteArray data = fromBlob(kept, 12);
            if (sqlite3_column_int(rebuilt, 10) != 0) {
                // Redacted: the body is gone, and the projection's copy of its data with it.
                ++check.partial;
                if (!data.isEmpty())
                    wrong.append(QStringLiteral("data is kept although delivery %1 was redacted").arg(rebuiltDelivery));
            } else {
                const ParseResult parsed = parseEvent(fromBlob(rebuilt, 12), std::numeric_limits<qint64>::max(), 0);
                if (!parsed.event) {
                    wrong.append(QStringLiteral("the body of delivery %1 does not parse: %2")
                                     .arg(rebuiltDelivery)
                                     .arg(parsed.error));
                } else {
                    const ParsedEvent &ev = *parsed.event;
                    const qint64 createdMs = ev.createdAtMs >= 0 ? ev.createdAtMs : ev.timestampMs;
                    if (sqlite3_column_int64(kept, 8) != createdMs)
                        wrong.append(
                            QStringLiteral("created_ms is %1, rebuilt %2").arg(rendered(kept, 8)).arg(createdMs));
                    if (sqlite3_column_int64(kept, 10) != qint64(ev.amountFlagged()))
                        wrong.append(QStringLiteral("amount_flagged is %1, rebuilt %2")
                                         .arg(rendered(kept, 10))
                                         .arg(int(ev.amountFlagged())));
                    if (data != ev.data)
                        wrong.append(QStringLiteral("data is %1, rebuilt '%2'")
                                         .arg(rendered(kept, 12), QString::fromUtf8(ev.data)));
                }
            }
        }
        if (!wrong.isEmpty())
            differ(QStringLiteral("entry %1: %2").arg(rendered(kept, 0), wrong.join(QStringLiteral("; "))));
        keptRc = sqlite3_step(kept);
        rebuiltRc = sqlite3_step(rebuilt);
    }
    ok = ok && keptRc == SQLITE_DONE && rebuiltRc == SQLITE_DONE;
    if (!ok)
        m_lastError = errorText();
    sqlite3_finalize(kept);
    sqlite3_finalize(rebuilt);
    sqlite3_finalize(exists);
    exec("COMMIT");
    if (!ok)
        return std::nullopt;
    return check;
}

} // namespace peanuts
