#include "store/storefactory.h"

#include "store/pgconnection.h"
#include "store/pgstore.h"
#include "store/sqlitestore.h"

namespace peanuts {

bool isTeamDatabase(const QString &location)
{
    return isPgUrl(location);
}

std::unique_ptr<Store> makeStore(const QString &location)
{
    if (isTeamDatabase(location))
        return std::make_unique<PgStore>();
    return std::make_unique<SqliteStore>();
}

QString databaseForDisplay(const QString &location)
{
    if (!isTeamDatabase(location))
        return location;
    QString ignored;
    const std::optional<PgLocation> parsed = parsePgUrl(location, &ignored);
    return parsed ? redactedPgUrl(*parsed) : QStringLiteral("postgresql://…");
}

} // namespace peanuts
