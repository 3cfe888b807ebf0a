// SQLite backend, the schema: each migration (a script in sql/) in its own transaction, user_version
// counting them; a database that is not ours, or newer, is refused before anything is written.
#include "store/sqlitestore.h"

#include "platform/logging.h"
#include "store/sqliteinternal.h"

#include <QFile>

namespace peanuts {

namespace {

// The migrations are SQL scripts compiled in as resources (sql/migrate-N.sql, listed in
// app/CMakeLists.txt): migrate-N brings a database from schema N-1 to N, and a new database runs
// them all. user_version counts the ones applied.
constexpr int kSchemaVersion = 10;

QByteArray migrationScript(int version)
{
    QFile file(QStringLiteral(":/store/sql/migrate-%1.sql").arg(version));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

int SqliteStore::schemaVersion()
{
    return kSchemaVersion;
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
        const QByteArray script = migrationScript(v + 1);
        if (script.isEmpty()) {
            *error = QStringLiteral("migration to schema %1 failed: its script is missing from the build").arg(v + 1);
            return false;
        }
        // One script of many statements; sqlite3_exec runs them in order and stops at the first error.
        if (!exec("BEGIN IMMEDIATE") || !exec(script.constData()) || !exec(setVersion.constData()) || !exec("COMMIT")) {
            *error = QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(m_lastError);
            exec("ROLLBACK");
            return false;
        }
        qCInfo(lcStore) << "migrated to schema" << v + 1;
    }
    return true;
}

} // namespace peanuts
