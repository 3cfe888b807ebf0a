// The projection's rule, written once for the SQLite backend: of an entry's verified events, the one
// with the greatest (timestamp, rank, body hash) is applied. The writer applies it one delivery at a
// time (the upsert's condition); the projection check rebuilds the projection from all the stored
// deliveries at once (a window ordered by the same key). Both build their SQL from the key below.
#pragma once

#include <QByteArray>

namespace peanuts::projection {

// "(a.event_ms, a.event_rank, a.body_sha256) > (b.event_ms, ...)": a's event beats b's.
QByteArray beats(const char *a, const char *b);

// "event_ms DESC, event_rank DESC, body_sha256 DESC": the winner first.
QByteArray winnerFirst();

// The writer's upsert of one entry, ?1-?14 as in entries' columns: it changes the kept entry only
// when the incoming event beats it (no row changed: the event is stale). ?15 holds the records of the
// rules the delivery fires (entries.fired): a new entry starts with all of them, an applied event adds
// those the entry lacks, through peanuts_fire(), which the writer registers (SqliteStore::Firings).
QByteArray upsertEntrySql();

// The projection rebuilt from the deliveries, by entry id: entry_id, event_ms, event_rank,
// body_sha256, deleted, helper_id, helper_name, helper_command, delivery id, amount_cents, redacted,
// category, body.
QByteArray rebuiltEntriesSql();

} // namespace peanuts::projection
