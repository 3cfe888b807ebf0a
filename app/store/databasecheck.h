// --check: SQLite's integrity check and the projection rebuilt from the stored deliveries, run on a
// database file without starting the receiver.
#pragma once

#include "config/options.h"

#include <QString>

namespace peanuts {

struct DatabaseCheck
{
    bool ok = false;
    QString report; // lines for the user, whatever the result
};

// Checks the database the options name (--db, else the settings' path, else the default), opened
// read-only: a receiver may keep running on it meanwhile.
DatabaseCheck checkDatabase(const Options &options);

} // namespace peanuts
