// SQLite backend, the figures: outcome counters, the entries' totals, sums and categories (from the
// aggregates that triggers keep, where the range allows), per-minute counts, and read snapshots.
#include "store/sqlitestore.h"

#include "store/sqliteinternal.h"

#include <limits>

namespace peanuts {

std::optional<OutcomeCounters> SqliteStore::counters()
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT outcome, count FROM counters", -1, &stmt, nullptr) != SQLITE_OK) {
        m_lastError = errorText();
        return std::nullopt;
    }
    OutcomeCounters counts {};
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const int outcome = sqlite3_column_int(stmt, 0);
        if (outcome >= 0 && outcome < int(Outcome::OutcomeCount))
            counts[size_t(outcome)] = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return counts;
}

bool SqliteStore::beginRead()
{
    if (!m_db) {
        m_lastError = errorText();
        return false;
    }
    // A deferred transaction: its snapshot is taken by the first read and kept until endRead().
    if (m_readDepth == 0 && !exec("BEGIN"))
        return false;
    ++m_readDepth;
    return true;
}

void SqliteStore::endRead()
{
    if (m_readDepth > 0 && --m_readDepth == 0)
        exec("COMMIT");
}

std::optional<QList<MinuteCounts>> SqliteStore::minuteCounts(qint64 fromMs, qint64 toMs)
{
    QList<MinuteCounts> list;
    const bool ok = runQuery(m_db,
        "SELECT minute, outcome, count FROM minute_counters WHERE minute >= ? AND minute < ?"
        " ORDER BY minute",
        {number(fromMs / 60'000), number(toMs / 60'000 + (toMs % 60'000 ? 1 : 0))}, [&](sqlite3_stmt *stmt) {
            const qint64 minute = sqlite3_column_int64(stmt, 0) * 60'000;
            if (list.isEmpty() || list.last().minuteStartMs != minute)
                list.append(MinuteCounts {minute, {}});
            const int outcome = sqlite3_column_int(stmt, 1);
            if (outcome >= 0 && outcome < int(Outcome::OutcomeCount))
                list.last().counts[size_t(outcome)] = sqlite3_column_int64(stmt, 2);
        });
    if (!ok) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

namespace {

constexpr qint64 kBucketMs = 15 * 60'000;

// "helper_command IN (?, ?, ...)" for the filter's commands, bound from parameter `first` on.
QByteArray commandClause(const QStringList &commands)
{
    if (commands.isEmpty())
        return QByteArrayLiteral("0");
    QByteArray clause = "helper_command IN (";
    for (qsizetype i = 0; i < commands.size(); ++i)
        clause += i ? ", ?" : "?";
    return clause + ')';
}

constexpr qint64 kUnboundedFrom = std::numeric_limits<qint64>::min();
constexpr qint64 kUnboundedTo = std::numeric_limits<qint64>::max();

qint64 bucketOf(qint64 ms)
{
    return ms >= 0 ? ms / kBucketMs : -((kBucketMs - 1 - ms) / kBucketMs);
}

// Rows of (category, count, amount_count, sum_cents) for the current entries of some helpers whose
// created_at lies in [fromMs, toMs): the aggregates when the range is unbounded or on 15-minute
// boundaries (every day and month of every zone), else the entries themselves.
QByteArray figureSource(const QStringList &commands, qint64 fromMs, qint64 toMs, QList<Bind> &binds)
{
    for (const QString &c : commands)
        binds << text(c);
    auto onBoundary = [](qint64 ms, qint64 unbounded) { return ms == unbounded || ms % kBucketMs == 0; };
    if (fromMs == kUnboundedFrom && toMs == kUnboundedTo)
        return " entry_totals WHERE " + commandClause(commands);
    if (onBoundary(fromMs, kUnboundedFrom) && onBoundary(toMs, kUnboundedTo)) {
        binds << number(fromMs == kUnboundedFrom ? kUnboundedFrom : bucketOf(fromMs))
              << number(toMs == kUnboundedTo ? kUnboundedTo : bucketOf(toMs));
        return " entry_buckets WHERE " + commandClause(commands) + " AND bucket >= ? AND bucket < ?";
    }
    binds << number(fromMs) << number(toMs);
    return " (SELECT coalesce(category, '') AS category, 1 AS count, amount_cents IS NOT NULL AS amount_count,"
           " coalesce(amount_cents, 0) AS sum_cents FROM entries WHERE deleted = 0 AND "
        + commandClause(commands) + " AND created_ms >= ? AND created_ms < ?)";
}

} // namespace

std::optional<EntryTotals> SqliteStore::entryTotals(const EntryFilter &filter)
{
    QList<Bind> binds;
    const QByteArray sql = "SELECT coalesce(sum(count), 0), coalesce(sum(amount_count), 0), coalesce(sum(sum_cents), 0)"
                           " FROM"
        + figureSource(filter.commands, filter.fromMs, filter.toMs, binds);
    EntryTotals totals;
    if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) {
            totals = EntryTotals {
                sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2)};
        })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return totals;
}

std::optional<QList<qint64>> SqliteStore::sumsBetween(const QStringList &commands, const QList<qint64> &bounds)
{
    QList<qint64> sums;
    for (qsizetype i = 0; i + 1 < bounds.size(); ++i) {
        QList<Bind> binds;
        const QByteArray sql
            = "SELECT coalesce(sum(sum_cents), 0) FROM" + figureSource(commands, bounds[i], bounds[i + 1], binds);
        if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) { sums.append(sqlite3_column_int64(stmt, 0)); })) {
            m_lastError = errorText();
            return std::nullopt;
        }
    }
    return sums;
}

std::optional<QList<CategoryTotal>> SqliteStore::categoryTotals(const EntryFilter &filter)
{
    QList<Bind> binds;
    const QByteArray sql = "SELECT category, sum(count), sum(sum_cents) FROM"
        + figureSource(filter.commands, filter.fromMs, filter.toMs, binds)
        + " GROUP BY category HAVING sum(count) > 0 ORDER BY category";
    QList<CategoryTotal> list;
    if (!runQuery(m_db, sql, binds, [&](sqlite3_stmt *stmt) {
            list.append(
                CategoryTotal {fromText(stmt, 0), sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2)});
        })) {
        m_lastError = errorText();
        return std::nullopt;
    }
    return list;
}

} // namespace peanuts
