// PostgreSQL backend, the figures: counters, the aggregates' totals and sums, per-minute counts.
#include "store/pgstore.h"

namespace peanuts {

std::optional<OutcomeCounters> PgStore::counters()
{
    OutcomeCounters counts {};
    if (!select(QStringLiteral("SELECT outcome, count FROM counters"), {}, [&](const QSqlQuery &q) {
            const int outcome = q.value(0).toInt();
            if (outcome >= 0 && outcome < int(Outcome::OutcomeCount))
                counts[size_t(outcome)] = q.value(1).toLongLong();
        }))
        return std::nullopt;
    return counts;
}

bool PgStore::beginRead()
{
    // One snapshot for every read until endRead(), as SQLite's read transaction gives.
    if (m_readDepth == 0 && !exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")))
        return false;
    ++m_readDepth;
    return true;
}

void PgStore::endRead()
{
    if (m_readDepth > 0 && --m_readDepth == 0)
        exec(QStringLiteral("COMMIT"));
}

std::optional<EntryTotals> PgStore::entryTotals(const EntryFilter & /*filter*/)
{
    return std::nullopt;
}

std::optional<QList<qint64>> PgStore::sumsBetween(const QStringList & /*commands*/, const QList<qint64> & /*bounds*/)
{
    return std::nullopt;
}

std::optional<QList<CategoryTotal>> PgStore::categoryTotals(const EntryFilter & /*filter*/)
{
    return std::nullopt;
}

std::optional<QList<MinuteCounts>> PgStore::minuteCounts(qint64 /*fromMs*/, qint64 /*toMs*/)
{
    return std::nullopt;
}

} // namespace peanuts
