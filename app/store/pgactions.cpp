// STUB: replaced by the role's implementation.
#include "store/pgstore.h"

namespace peanuts {

std::optional<QList<OutboxAction>> PgStore::dueActions(
    qint64 /*nowMs*/, int /*perTarget*/, const QSet<qint64> & /*excluding*/)
{
    return std::nullopt;
}

std::optional<qint64> PgStore::nextDueMs()
{
    return std::nullopt;
}

bool PgStore::recordResults(const QList<ActionResult> & /*results*/)
{
    return noteError(QStringLiteral("not yet on PostgreSQL"));
}

int PgStore::addActions(const QList<PlannedAction> & /*actions*/, qint64 /*nowMs*/)
{
    noteError(QStringLiteral("not yet on PostgreSQL"));
    return -1;
}

std::optional<QList<CurrentEntry>> PgStore::currentEntries(const QString & /*helperCommand*/)
{
    return std::nullopt;
}

int PgStore::recordFirings(const QList<Firing> & /*firings*/, qint64 /*nowMs*/,
    const std::function<QList<PlannedAction>(const QList<Firing> &fresh)> & /*plan*/)
{
    noteError(QStringLiteral("not yet on PostgreSQL"));
    return -1;
}

std::optional<QList<OutboxAction>> PgStore::actionsOfDelivery(qint64 /*deliveryId*/)
{
    return std::nullopt;
}

std::optional<QList<OutboxAction>> PgStore::deadLetters(int /*limit*/)
{
    return std::nullopt;
}

int PgStore::retryDeadLetters(const QList<qint64> & /*ids*/, qint64 /*nowMs*/)
{
    noteError(QStringLiteral("not yet on PostgreSQL"));
    return -1;
}

int PgStore::discardDeadLetters(const QList<qint64> & /*ids*/)
{
    noteError(QStringLiteral("not yet on PostgreSQL"));
    return -1;
}

std::optional<QHash<QString, ActionCounts>> PgStore::actionCounts()
{
    return std::nullopt;
}

std::optional<QList<OutgoingMinute>> PgStore::outgoingMinutes(qint64 /*fromMs*/, qint64 /*toMs*/)
{
    return std::nullopt;
}

int PgStore::pruneDeadLetters(qint64 /*olderThanMs*/)
{
    noteError(QStringLiteral("not yet on PostgreSQL"));
    return -1;
}

bool PgStore::writeActionsOf(const Delivery &, const Firings &, QList<OutboxAction> *)
{
    return true;
}

} // namespace peanuts
