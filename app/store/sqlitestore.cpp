// SQLite backend: opening and closing the connection, its pragmas, and the helpers every role's file
// uses. The roles' methods live in sqliteingest.cpp, sqlitelog.cpp, sqlitefigures.cpp,
// sqlitemaintenance.cpp and sqliteprojectioncheck.cpp; the migrations in sqliteschema.cpp.
#include "store/sqlitestore.h"

#include "platform/logging.h"
#include "store/corruptdatabase.h"
#include "store/sqlitecheckpointer.h"
#include "store/sqliteinternal.h"

#include <QFile>

#include <fcntl.h>
#include <unistd.h>

namespace peanuts {

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

SqliteStore::SqliteStore() = default;

SqliteStore::~SqliteStore()
{
    close();
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
    if (!loadPendingCounts())
        return fail(QStringLiteral("cannot read the outbox of %1: %2").arg(config.path, m_lastError));
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
    m_checkpointer = std::make_unique<SqliteCheckpointer>();
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

void SqliteStore::close()
{
    m_checkpointer.reset(); // before the writer's connection: the last connection out checkpoints
    delete m_stmts;
    m_stmts = nullptr;
    closeActions();
    m_readDepth = 0;
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

} // namespace peanuts
