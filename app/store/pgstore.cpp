// PostgreSQL backend: opening, the schema, and the statements every role file shares.
#include "store/pgstore.h"

#include "platform/logging.h"
#include "store/pgconnection.h"

#include <QAtomicInteger>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QUuid>

namespace peanuts {

namespace {

// Migrations are scripts compiled in as resources (pgsql/pg-N.sql, listed in app/CMakeLists.txt):
// pg-N brings a database from schema N-1 to N. meta's schema_version counts the ones applied. The
// numbers are PostgreSQL's own: its first schema holds what SQLite's first ten do.
constexpr int kPgSchemaVersion = 1;

QByteArray migrationScript(int version)
{
    QFile file(QStringLiteral(":/store/pgsql/pg-%1.sql").arg(version));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("peanuts-pg-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

PgStore::PgStore() = default;

PgStore::~PgStore()
{
    close();
}

int PgStore::schemaVersion()
{
    return kPgSchemaVersion;
}

bool PgStore::open(const StoreConfig &config, QString *error)
{
    close();
    const std::optional<PgLocation> location = parsePgUrl(config.path, error);
    if (!location)
        return false;
    m_connectionName = nextConnectionName();
    m_instanceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_readOnly = config.readOnly;
    if (!openPgDatabase(*location, m_connectionName, &m_db, error)) {
        close();
        return false;
    }
    // Durability: a commit returns once PostgreSQL has flushed it (synchronous_commit on, whatever the
    // server's default), so an answered delivery survives a crash of this app and of the server. Both
    // of StoreConfig's levels get that; the server's fsync setting decides about power losses.
    bool ok = exec(QStringLiteral("SET synchronous_commit = on"));
    if (ok && m_readOnly)
        ok = exec(QStringLiteral("SET default_transaction_read_only = on"));
    if (ok && !m_readOnly)
        ok = migrate(error);
    else if (ok) {
        // A reader does not migrate; it needs the schema a writer made.
        const std::optional<qint64> version
            = scalar(QStringLiteral("SELECT value::bigint FROM meta WHERE key = 'schema_version'"));
        if (!version || *version != kPgSchemaVersion) {
            ok = false;
            *error = QStringLiteral("the database %1 has no Peanuts Monitor schema of version %2 yet")
                         .arg(redactedPgUrl(*location))
                         .arg(kPgSchemaVersion);
        }
    }
    if (!ok) {
        if (error->isEmpty())
            *error = m_lastError;
        close();
        return false;
    }
    return true;
}

void PgStore::close()
{
    qDeleteAll(m_prepared);
    m_prepared.clear();
    m_readDepth = 0;
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool PgStore::migrate(QString *error)
{
    // One instance at a time: the others wait for the lock, then find the schema current.
    if (!begin() || !advisoryLock(kLockMigrate, false)) {
        *error = QStringLiteral("cannot lock the schema for migration: %1").arg(m_lastError);
        rollback();
        return false;
    }
    const std::optional<qint64> hasMeta
        = scalar(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_tables"
                                " WHERE schemaname = current_schema() AND tablename = 'meta'"));
    const std::optional<qint64> tables
        = scalar(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"));
    if (!hasMeta || !tables) {
        *error = QStringLiteral("cannot read the schema: %1").arg(m_lastError);
        rollback();
        return false;
    }
    qint64 version = 0;
    if (*hasMeta) {
        const std::optional<qint64> v = scalar(
            QStringLiteral("SELECT coalesce((SELECT value::bigint FROM meta WHERE key = 'schema_version'), 0)"));
        if (!v) {
            *error = QStringLiteral("cannot read the schema version: %1").arg(m_lastError);
            rollback();
            return false;
        }
        version = *v;
    }
    if (version == 0 && *tables > 0) {
        *error = QStringLiteral("the database holds tables that are not Peanuts Monitor's; it was left untouched");
        rollback();
        return false;
    }
    if (version > kPgSchemaVersion) {
        *error = QStringLiteral("the database has schema version %1, newer than this build knows (%2); "
                                "use a newer Peanuts Monitor. It was left untouched.")
                     .arg(version)
                     .arg(kPgSchemaVersion);
        rollback();
        return false;
    }
    for (qint64 v = version; v < kPgSchemaVersion; ++v) {
        const QByteArray script = migrationScript(int(v + 1));
        if (script.isEmpty()) {
            *error = QStringLiteral("migration to schema %1 failed: its script is missing from the build").arg(v + 1);
            rollback();
            return false;
        }
        // The whole script in one simple query: PostgreSQL runs its statements in this transaction.
        QSqlQuery query(m_db);
        if (!query.exec(QString::fromUtf8(script))
            || !run(query,
                QStringLiteral("INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                {QString::number(v + 1)})) {
            if (query.lastError().isValid())
                noteError(query);
            *error = QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(m_lastError);
            rollback();
            return false;
        }
        qCInfo(lcStore) << "migrated the PostgreSQL database to schema" << v + 1;
    }
    if (!commitTransaction()) {
        *error = QStringLiteral("migration failed: %1").arg(m_lastError);
        return false;
    }
    return true;
}

// Statements

QSqlQuery *PgStore::prepared(const QString &sql)
{
    QSqlQuery *&query = m_prepared[sql];
    if (!query) {
        auto made = std::make_unique<QSqlQuery>(m_db);
        made->setForwardOnly(true);
        if (!made->prepare(sql)) {
            noteError(*made);
            m_prepared.remove(sql);
            return nullptr;
        }
        query = made.release();
    }
    return query;
}

bool PgStore::run(QSqlQuery &query, const QString &sql, const QVariantList &binds)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return noteError(query);
    for (qsizetype i = 0; i < binds.size(); ++i)
        query.bindValue(int(i), binds[i]);
    if (!query.exec())
        return noteError(query);
    return true;
}

bool PgStore::runPrepared(const QString &sql, const QVariantList &binds, QSqlQuery **out)
{
    if (!m_db.isOpen())
        return noteError(QStringLiteral("database is not open"));
    QSqlQuery *query = prepared(sql);
    if (!query)
        return false;
    for (qsizetype i = 0; i < binds.size(); ++i)
        query->bindValue(int(i), binds[i]);
    if (!query->exec())
        return noteError(*query);
    if (out)
        *out = query;
    return true;
}

bool PgStore::select(const QString &sql, const QVariantList &binds, const std::function<void(const QSqlQuery &)> &onRow)
{
    QSqlQuery *query = nullptr;
    if (!runPrepared(sql, binds, &query))
        return false;
    while (query->next())
        onRow(*query);
    query->finish();
    return true;
}

bool PgStore::exec(const QString &sql)
{
    if (!m_db.isOpen())
        return noteError(QStringLiteral("database is not open"));
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return noteError(query);
    return true;
}

std::optional<qint64> PgStore::scalar(const QString &sql, const QVariantList &binds)
{
    if (!m_db.isOpen()) {
        noteError(QStringLiteral("database is not open"));
        return std::nullopt;
    }
    QSqlQuery query(m_db);
    if (!run(query, sql, binds))
        return std::nullopt;
    if (!query.next())
        return 0;
    return query.value(0).toLongLong();
}

bool PgStore::begin()
{
    return exec(QStringLiteral("BEGIN"));
}

bool PgStore::commitTransaction()
{
    return exec(QStringLiteral("COMMIT"));
}

void PgStore::rollback()
{
    if (!m_db.isOpen())
        return;
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("ROLLBACK"));
}

bool PgStore::advisoryLock(AdvisoryLock lock, bool tryLock, bool *taken)
{
    QSqlQuery query(m_db);
    if (!run(query,
            tryLock ? QStringLiteral("SELECT pg_try_advisory_xact_lock(?)")
                    : QStringLiteral("SELECT pg_advisory_xact_lock(?) IS NULL"),
            {qint64(lock)}))
        return false;
    const bool got = query.next() && query.value(0).toBool();
    if (taken)
        *taken = got;
    return true;
}

bool PgStore::noteError(const QSqlQuery &query)
{
    const QSqlError e = query.lastError();
    noteError(e.databaseText().isEmpty() ? e.text() : e.databaseText().trimmed());
    m_lastErrorCode = e.nativeErrorCode();
    return false;
}

bool PgStore::noteError(const QString &error)
{
    m_lastError = error;
    m_lastErrorCode.clear();
    return false;
}

} // namespace peanuts
