// The projection's rule in SQL: one key, used by the writer's upsert and by the rebuild.
#include "store/sqliteprojection.h"

#include "store/store.h"

namespace peanuts::projection {

namespace {

// The key an entry's events are ordered by, most significant first. A body hash settles a tie of
// timestamp and rank, so that every ordering of the same deliveries ends in the same state.
const char *const kKey[] = {"event_ms", "event_rank", "body_sha256"};

QByteArray keyOf(const char *table)
{
    QByteArray key = "(";
    for (const char *column : kKey)
        key += (key.size() > 1 ? ", " : "") + QByteArray(table) + '.' + column;
    return key + ')';
}

} // namespace

QByteArray beats(const char *a, const char *b)
{
    return keyOf(a) + " > " + keyOf(b);
}

QByteArray winnerFirst()
{
    QByteArray order;
    for (const char *column : kKey)
        order += (order.isEmpty() ? "" : ", ") + QByteArray(column) + " DESC";
    return order;
}

QByteArray upsertEntrySql()
{
    return "INSERT INTO entries (entry_id, event_ms, event_rank, body_sha256, deleted, helper_id, helper_name,"
           " helper_command, created_ms, amount_cents, amount_flagged, category, data, delivery_id, fired)"
           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
           " ON CONFLICT (entry_id) DO UPDATE SET event_ms = excluded.event_ms, event_rank = excluded.event_rank,"
           " body_sha256 = excluded.body_sha256, deleted = excluded.deleted, helper_id = excluded.helper_id,"
           " helper_name = excluded.helper_name, helper_command = excluded.helper_command,"
           " created_ms = excluded.created_ms, amount_cents = excluded.amount_cents,"
           " amount_flagged = excluded.amount_flagged, category = excluded.category, data = excluded.data,"
           " delivery_id = excluded.delivery_id, fired = peanuts_fire(entries.fired, ?15)"
           " WHERE "
        + beats("excluded", "entries");
}

QByteArray rebuiltEntriesSql()
{
    // The upsert's rule over all the deliveries at once: among an entry's verified events, the
    // greatest key is applied. A duplicate carries the same bytes (hence the same key) as an earlier
    // copy, so it never changes the winner; the lowest id among equal keys is the copy that was
    // applied. Ignored (unknown) events are not applied.
    QByteArray rank = "CASE event";
    QByteArray known;
    for (EventKind kind : {EventKind::Created, EventKind::Updated, EventKind::Deleted}) {
        rank += " WHEN '" + QByteArray(eventKindName(kind)) + "' THEN " + QByteArray::number(eventRank(kind));
        known += (known.isEmpty() ? "'" : ", '") + QByteArray(eventKindName(kind)) + '\'';
    }
    rank += " END";
    const QByteArray verified = QByteArray::number(int(Outcome::Accepted)) + ", "
        + QByteArray::number(int(Outcome::Duplicate)) + ", " + QByteArray::number(int(Outcome::Stale));
    const QByteArray deletedRank = QByteArray::number(eventRank(EventKind::Deleted));
    return "SELECT d.entry_id, d.event_ms, w.event_rank, d.body_sha256, w.event_rank = " + deletedRank
        + ", d.helper_id, d.helper_name, d.helper_command, d.id, CASE WHEN w.event_rank = " + deletedRank
        + " THEN NULL ELSE d.amount_cents END, d.redacted, d.category, d.body"
          " FROM (SELECT id, event_rank, row_number() OVER (PARTITION BY entry_id ORDER BY "
        + winnerFirst()
        + ", id) AS n"
          "       FROM (SELECT id, entry_id, event_ms, body_sha256, "
        + rank
        + " AS event_rank FROM deliveries"
          "             WHERE entry_id IS NOT NULL AND outcome IN ("
        + verified + ") AND event IN (" + known
        + "))) AS w"
          " JOIN deliveries AS d ON d.id = w.id WHERE w.n = 1 ORDER BY d.entry_id";
}

} // namespace peanuts::projection
