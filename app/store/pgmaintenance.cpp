// STUB: replaced by the role's implementation.
#include "store/pgstore.h"

namespace peanuts {

int PgStore::prune(const RetentionPolicy & /*policy*/, qint64 /*nowMs*/, int /*maxRows*/, bool * /*more*/)
{
    noteError(QStringLiteral("not yet on PostgreSQL"));
    return -1;
}

std::optional<VacuumResult> PgStore::vacuum()
{
    return std::nullopt;
}

std::optional<QStringList> PgStore::integrityCheck()
{
    return std::nullopt;
}

std::optional<ProjectionCheck> PgStore::checkProjection()
{
    return std::nullopt;
}

bool PgStore::deleteDeliveries(const QList<qint64> & /*ids*/)
{
    return noteError(QStringLiteral("not yet on PostgreSQL"));
}

bool PgStore::redactDeliveries(const QList<qint64> & /*ids*/)
{
    return noteError(QStringLiteral("not yet on PostgreSQL"));
}

} // namespace peanuts
