// --check: the backend's integrity check and the projection rebuilt from the stored deliveries, run on a
// database file (or a team database, by its URL) without starting the receiver.
#pragma once

#include <QString>

namespace peanuts {

struct DatabaseCheck
{
    bool ok = false;
    QString report; // lines for the user, whatever the result
};

// Checks the database at path, opened read-only: a receiver may keep running on it meanwhile.
// (checkDatabase() in startup.h finds the path from the options.)
DatabaseCheck checkDatabaseFile(const QString &path);

} // namespace peanuts
