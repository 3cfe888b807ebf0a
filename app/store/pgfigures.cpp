// PostgreSQL backend, the figures: counters, the aggregates' totals and sums, per-minute counts.
#include "store/pgstore.h"

#include <limits>

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
    if (m_readDepth == 0 && !begin(QStringLiteral(" ISOLATION LEVEL REPEATABLE READ READ ONLY")))
        return false;
    ++m_readDepth;
    return true;
}

void PgStore::endRead()
{
    if (m_readDepth > 0 && --m_readDepth == 0)
        commitTransaction();
}

std::optional<QList<MinuteCounts>> PgStore::minuteCounts(qint64 fromMs, qint64 toMs)
{
    QList<MinuteCounts> list;
    if (!select(QStringLiteral("SELECT minute, outcome, count FROM minute_counters WHERE minute >= ? AND minute < ?"
                               " ORDER BY minute"),
            {fromMs / 60'000, toMs / 60'000 + (toMs % 60'000 ? 1 : 0)}, [&](const QSqlQuery &q) {
                const qint64 minute = q.value(0).toLongLong() * 60'000;
                if (list.isEmpty() || list.last().minuteStartMs != minute)
                    list.append(MinuteCounts {minute, {}});
                const int outcome = q.value(1).toInt();
                if (outcome >= 0 && outcome < int(Outcome::OutcomeCount))
                    list.last().counts[size_t(outcome)] = q.value(2).toLongLong();
            }))
        return std::nullopt;
    return list;
}

namespace {

constexpr qint64 kBucketMs = 15 * 60'000;
constexpr qint64 kUnboundedFrom = std::numeric_limits<qint64>::min();
constexpr qint64 kUnboundedTo = std::numeric_limits<qint64>::max();

// The bucket a time lies in (rounded down, also before 1970), and the first bucket starting at or
// after it.
qint64 bucketOf(qint64 ms)
{
    return ms / kBucketMs - (ms % kBucketMs < 0 ? 1 : 0);
}
qint64 firstBucketFrom(qint64 ms)
{
    return ms / kBucketMs + (ms % kBucketMs > 0 ? 1 : 0);
}

// The commands as an array literal, bound as one value: one statement text for any number of them.
QString commandArray(const QStringList &commands)
{
    QStringList quoted;
    for (QString c : commands)
        quoted.append(u'"' + c.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\"")) + u'"');
    return u'{' + quoted.join(u',') + u'}';
}

// Rows of (category, count, amount_count, sum_cents) summing to the current entries of some helpers
// created in [fromMs, toMs). The aggregates answer whole 15-minute buckets (every day and month of
// every zone is made of them, so /api/stats and the dashboard read nothing else); only a range's
// partial buckets at its edges are read from the entries (entries_figures), where SQLite reads all
// of such a range from the entries. The same sums either way.
QString figureSource(const QStringList &commands, qint64 fromMs, qint64 toMs, QVariantList &binds)
{
    const QString array = commandArray(commands);
    if (fromMs == kUnboundedFrom && toMs == kUnboundedTo) {
        binds << array;
        return QStringLiteral(" (SELECT category, count, amount_count, sum_cents FROM entry_totals"
                              " WHERE helper_command = ANY (?::text[])) AS s");
    }
    QStringList parts;
    const auto fromEntries = [&](qint64 from, qint64 to) {
        parts.append(QStringLiteral("SELECT coalesce(category, ''), 1, (amount_cents IS NOT NULL)::integer,"
                                    " coalesce(amount_cents, 0) FROM entries WHERE NOT deleted"
                                    " AND helper_command = ANY (?::text[]) AND created_ms >= ? AND created_ms < ?"));
        binds << array << from << to;
    };
    // Times this close to the ends of qint64 have no bucket boundary to spare: the entries answer.
    const bool extreme = (fromMs != kUnboundedFrom && fromMs > kUnboundedTo - kBucketMs)
        || (toMs != kUnboundedTo && toMs < kUnboundedFrom + kBucketMs);
    const qint64 first = fromMs == kUnboundedFrom ? kUnboundedFrom : firstBucketFrom(fromMs);
    const qint64 end = toMs == kUnboundedTo ? kUnboundedTo : bucketOf(toMs);
    if (extreme || first >= end) {
        fromEntries(fromMs, toMs); // within one bucket or two partial ones
    } else {
        parts.append(QStringLiteral("SELECT category, count, amount_count, sum_cents FROM entry_buckets"
                                    " WHERE helper_command = ANY (?::text[]) AND bucket >= ? AND bucket < ?"));
        binds << array << first << end;
        if (fromMs != kUnboundedFrom && fromMs < first * kBucketMs)
            fromEntries(fromMs, first * kBucketMs);
        if (toMs != kUnboundedTo && end * kBucketMs < toMs)
            fromEntries(end * kBucketMs, toMs);
    }
    return QStringLiteral(" (") + parts.join(QStringLiteral(" UNION ALL "))
        + QStringLiteral(") AS s (category, count, amount_count, sum_cents)");
}

} // namespace

// sum() of bigint is numeric in PostgreSQL, which the driver would hand over as a double: the casts
// keep cents exact.

std::optional<EntryTotals> PgStore::entryTotals(const EntryFilter &filter)
{
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT coalesce(sum(count), 0)::bigint, coalesce(sum(amount_count), 0)::bigint,"
                                       " coalesce(sum(sum_cents), 0)::bigint FROM")
        + figureSource(filter.commands, filter.fromMs, filter.toMs, binds);
    EntryTotals totals;
    if (!select(sql, binds, [&](const QSqlQuery &q) {
            totals = EntryTotals {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
        }))
        return std::nullopt;
    return totals;
}

std::optional<QList<qint64>> PgStore::sumsBetween(const QStringList &commands, const QList<qint64> &bounds)
{
    QList<qint64> sums;
    for (qsizetype i = 0; i + 1 < bounds.size(); ++i) {
        QVariantList binds;
        const QString sql = QStringLiteral("SELECT coalesce(sum(sum_cents), 0)::bigint FROM")
            + figureSource(commands, bounds[i], bounds[i + 1], binds);
        if (!select(sql, binds, [&](const QSqlQuery &q) { sums.append(q.value(0).toLongLong()); }))
            return std::nullopt;
    }
    return sums;
}

std::optional<QList<CategoryTotal>> PgStore::categoryTotals(const EntryFilter &filter)
{
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT category, sum(count)::bigint, sum(sum_cents)::bigint FROM")
        + figureSource(filter.commands, filter.fromMs, filter.toMs, binds)
        + QStringLiteral(" GROUP BY category HAVING sum(count) > 0 ORDER BY category COLLATE \"C\"");
    QList<CategoryTotal> list;
    if (!select(sql, binds, [&](const QSqlQuery &q) {
            list.append(CategoryTotal {q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()});
        }))
        return std::nullopt;
    return list;
}

} // namespace peanuts
