// The sizes of a database's files on disk: the database itself and its write-ahead log.
#pragma once

#include <QString>

namespace peanuts {

struct DatabaseFileSizes
{
    qint64 file = 0; // the database file
    qint64 wal = 0; // its -wal beside it; 0 when there is none
    qint64 total() const { return file + wal; }
};

// The bytes of path and of path + "-wal" as they are now; absent files count 0.
DatabaseFileSizes databaseFileSizes(const QString &path);

} // namespace peanuts
