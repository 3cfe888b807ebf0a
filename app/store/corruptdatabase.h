// A database file that SQLite cannot use at all, found at start: recognising one, and moving it
// aside so that a new database can start. Nothing is ever overwritten or deleted.
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace peanuts {

// False when the file has bytes but does not start with SQLite's header: then no connection, least of
// all a writing one, should open it (SQLite may checkpoint or delete a -wal beside it).
bool looksLikeSqlite(const QString &path);

// True when path exists and is not a usable database: not a database at all, or malformed. *reason
// says what SQLite said. A newer schema or a database of someone else's tables is usable: false.
bool isUnusableDatabase(const QString &path, QString *reason);

struct MovedAside
{
    bool ok = false;
    QStringList from; // the files moved, the database first
    QStringList to; // where each went
    QString error;
};

// Renames path, and its -wal and -shm where present, to <name>.corrupt-<yyyyMMdd-HHmmss> (with -2,
// -3, ... when such a name is taken). On failure nothing has moved.
MovedAside moveDatabaseAside(const QString &path, const QDateTime &when = QDateTime::currentDateTime());

} // namespace peanuts
