// STUB: replaced by the role's implementation.
#include "store/pgstore.h"

namespace peanuts {

bool PgStore::importDeliveries(QList<Delivery> &, ImportTally *, QString *error)
{
    *error = QStringLiteral("not yet on PostgreSQL");
    return false;
}

} // namespace peanuts
