// SQLite backend, the projection check of --check: the projection rebuilt from the stored deliveries
// and compared with the one kept, in one snapshot.
#include "store/sqlitestore.h"

#include "store/sqliteinternal.h"
#include "store/sqliteprojection.h"

#include <cstring>
#include <limits>
#include <tuple>

namespace peanuts {

namespace {

// memcmp order, then length: SQLite's BINARY collation, and QByteArray's order.
int compareBytes(sqlite3_stmt *a, sqlite3_stmt *b, int column)
{
    const void *pa = sqlite3_column_blob(a, column);
    const int na = sqlite3_column_bytes(a, column);
    const void *pb = sqlite3_column_blob(b, column);
    const int nb = sqlite3_column_bytes(b, column);
    const int common = qMin(na, nb);
    const int order = common > 0 ? std::memcmp(pa, pb, size_t(common)) : 0;
    return order != 0 ? order : (na < nb ? -1 : na > nb ? 1 : 0);
}

// A column as SQL would print it, so that a difference can be shown as it is stored.
QString rendered(sqlite3_stmt *stmt, int column)
{
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_NULL:
        return QStringLiteral("NULL");
    case SQLITE_INTEGER:
        return QString::number(sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT:
        return QString::number(sqlite3_column_double(stmt, column));
    case SQLITE_TEXT:
        return u'\'' + fromText(stmt, column) + u'\'';
    default:
        return QStringLiteral("x'%1'").arg(QString::fromLatin1(fromBlob(stmt, column).toHex()));
    }
}

// The projection as kept, and as the deliveries rebuild it, both by entry id (BINARY order, which is
// QByteArray's order too). Columns 1-7, 9 and 11 of the two are compared as they are; the rest are
// handled one by one in checkProjection().
const char kKeptEntries[] = "SELECT entry_id, event_ms, event_rank, body_sha256, deleted, helper_id, helper_name,"
                            " helper_command, created_ms, amount_cents, amount_flagged, category, data, delivery_id"
                            " FROM entries ORDER BY entry_id";

// Same type and same value; cheap, since it runs for every column of every entry.
bool sameValue(sqlite3_stmt *a, sqlite3_stmt *b, int column)
{
    const int type = sqlite3_column_type(a, column);
    if (type != sqlite3_column_type(b, column))
        return false;
    switch (type) {
    case SQLITE_NULL:
        return true;
    case SQLITE_INTEGER:
        return sqlite3_column_int64(a, column) == sqlite3_column_int64(b, column);
    case SQLITE_FLOAT:
        return sqlite3_column_double(a, column) == sqlite3_column_double(b, column);
    default:
        return compareBytes(a, b, column) == 0;
    }
}

using EntryKey = std::tuple<qint64, qint64, QByteArray>;

EntryKey entryKey(sqlite3_stmt *stmt)
{
    return {sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2), fromBlob(stmt, 3)};
}

} // namespace

std::optional<ProjectionCheck> SqliteStore::checkProjection()
{
    if (!m_db) {
        m_lastError = errorText();
        return std::nullopt;
    }
    constexpr int kListed = 20;
    ProjectionCheck check;
    auto differ = [&](const QString &text) {
        if (check.differences.size() < kListed)
            check.differences.append(text);
        ++check.differenceCount;
    };

    // One read transaction: both sides come from the same snapshot while a writer goes on.
    if (!exec("BEGIN"))
        return std::nullopt;
    sqlite3_stmt *kept = nullptr;
    sqlite3_stmt *rebuilt = nullptr;
    sqlite3_stmt *exists = nullptr;
    const QByteArray rebuiltSql = projection::rebuiltEntriesSql();
    bool ok = sqlite3_prepare_v2(m_db, kKeptEntries, -1, &kept, nullptr) == SQLITE_OK
        && sqlite3_prepare_v2(m_db, rebuiltSql.constData(), int(rebuiltSql.size()), &rebuilt, nullptr) == SQLITE_OK
        && sqlite3_prepare_v2(m_db, "SELECT 1 FROM deliveries WHERE id = ?1", -1, &exists, nullptr) == SQLITE_OK;
    auto deliveryExists = [&](qint64 id) {
        sqlite3_bind_int64(exists, 1, id);
        const bool found = sqlite3_step(exists) == SQLITE_ROW;
        sqlite3_reset(exists);
        return found;
    };

    static const char *const kSameColumns[] = {nullptr, "event_ms", "event_rank", "body_sha256", "deleted", "helper_id",
        "helper_name", "helper_command", nullptr, "amount_cents", nullptr, "category"};
    int keptRc = ok ? sqlite3_step(kept) : SQLITE_ERROR;
    int rebuiltRc = ok ? sqlite3_step(rebuilt) : SQLITE_ERROR;
    while (keptRc == SQLITE_ROW || rebuiltRc == SQLITE_ROW) {
        if ((keptRc != SQLITE_ROW && keptRc != SQLITE_DONE) || (rebuiltRc != SQLITE_ROW && rebuiltRc != SQLITE_DONE))
            break;
        int order = 0; // < 0: only in the projection, > 0: only rebuilt
        if (keptRc != SQLITE_ROW)
            order = 1;
        else if (rebuiltRc != SQLITE_ROW)
            order = -1;
        else
            order = compareBytes(kept, rebuilt, 0);

        if (order < 0) {
            ++check.entries;
            const qint64 deliveryId = sqlite3_column_int64(kept, 13);
            // Its deliveries were all deleted on request: nothing is left to rebuild it from.
            if (!deliveryExists(deliveryId))
                ++check.partial;
            else
                differ(QStringLiteral("entry %1 is in the projection (delivery %2), but none of its stored "
                                      "deliveries is a verified event")
                           .arg(rendered(kept, 0))
                           .arg(deliveryId));
            keptRc = sqlite3_step(kept);
            continue;
        }
        if (order > 0) {
            differ(QStringLiteral("entry %1 is missing from the projection; delivery %2 rebuilds it")
                       .arg(rendered(rebuilt, 0))
                       .arg(sqlite3_column_int64(rebuilt, 8)));
            rebuiltRc = sqlite3_step(rebuilt);
            continue;
        }

        ++check.entries;
        const qint64 keptDelivery = sqlite3_column_int64(kept, 13);
        const qint64 rebuiltDelivery = sqlite3_column_int64(rebuilt, 8);
        QStringList wrong;
        if (keptDelivery != rebuiltDelivery && !deliveryExists(keptDelivery)) {
            // The applied delivery was deleted on request; what remains must not beat it.
            ++check.partial;
            if (entryKey(rebuilt) > entryKey(kept))
                wrong.append(QStringLiteral("the applied delivery %1 was deleted, and delivery %2 beats it")
                                 .arg(keptDelivery)
                                 .arg(rebuiltDelivery));
        } else {
            for (int c = 1; c < int(std::size(kSameColumns)); ++c) {
                if (!kSameColumns[c])
                    continue;
                if (!sameValue(kept, rebuilt, c))
                    wrong.append(QStringLiteral("%1 is %2, rebuilt %3")
                                     .arg(QLatin1String(kSameColumns[c]), rendered(kept, c), rendered(rebuilt, c)));
            }
            if (keptDelivery != rebuiltDelivery)
                wrong.append(QStringLiteral("delivery_id is %1, rebuilt %2").arg(keptDelivery).arg(rebuiltDelivery));
            const QByteArray data = fromBlob(kept, 12);
            if (sqlite3_column_int(rebuilt, 10) != 0) {
                // Redacted: the body is gone, and the projection's copy of its data with it.
                ++check.partial;
                if (!data.isEmpty())
                    wrong.append(QStringLiteral("data is kept although delivery %1 was redacted").arg(rebuiltDelivery));
            } else {
                const ParseResult parsed = parseEvent(fromBlob(rebuilt, 12), std::numeric_limits<qint64>::max(), 0);
                if (!parsed.event) {
                    wrong.append(QStringLiteral("the body of delivery %1 does not parse: %2")
                                     .arg(rebuiltDelivery)
                                     .arg(parsed.error));
                } else {
                    const ParsedEvent &ev = *parsed.event;
                    const qint64 createdMs = ev.createdAtMs >= 0 ? ev.createdAtMs : ev.timestampMs;
                    if (sqlite3_column_int64(kept, 8) != createdMs)
                        wrong.append(
                            QStringLiteral("created_ms is %1, rebuilt %2").arg(rendered(kept, 8)).arg(createdMs));
                    if (sqlite3_column_int64(kept, 10) != qint64(ev.amountFlagged()))
                        wrong.append(QStringLiteral("amount_flagged is %1, rebuilt %2")
                                         .arg(rendered(kept, 10))
                                         .arg(int(ev.amountFlagged())));
                    if (data != ev.data)
                        wrong.append(QStringLiteral("data is %1, rebuilt '%2'")
                                         .arg(rendered(kept, 12), QString::fromUtf8(ev.data)));
                }
            }
        }
        if (!wrong.isEmpty())
            differ(QStringLiteral("entry %1: %2").arg(rendered(kept, 0), wrong.join(QStringLiteral("; "))));
        keptRc = sqlite3_step(kept);
        rebuiltRc = sqlite3_step(rebuilt);
    }
    ok = ok && keptRc == SQLITE_DONE && rebuiltRc == SQLITE_DONE;
    if (!ok)
        m_lastError = errorText();
    sqlite3_finalize(kept);
    sqlite3_finalize(rebuilt);
    sqlite3_finalize(exists);
    exec("COMMIT");
    if (!ok)
        return std::nullopt;
    return check;
}

} // namespace peanuts
