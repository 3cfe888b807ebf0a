// Which backend a database location names: a postgresql:// URL is a team database on PostgreSQL
// (store/pgstore.h), anything else a SQLite file (store/sqlitestore.h).
#pragma once

#include "store/store.h"

#include <memory>

namespace peanuts {

bool isTeamDatabase(const QString &location);
std::unique_ptr<Store> makeStore(const QString &location);
// The location as logs and the window show it: a file's path, or a team database's URL without its password.
QString databaseForDisplay(const QString &location);

} // namespace peanuts
