-- Schema 1: the first schema.

CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    received_ms INTEGER NOT NULL,
    remote TEXT NOT NULL,
    forwarded_for TEXT,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    headers BLOB NOT NULL,
    body BLOB NOT NULL,
    body_size INTEGER NOT NULL,
    body_sha256 BLOB NOT NULL,
    outcome INTEGER NOT NULL,
    status INTEGER NOT NULL,
    reason TEXT,
    secret_label TEXT,
    event TEXT,
    entry_id TEXT,
    helper_id TEXT,
    helper_name TEXT,
    helper_command TEXT,
    event_ms INTEGER,
    amount_cents INTEGER,
    category TEXT);

-- An entry's history, and duplicate detection: identical bytes always carry the same entry id, so
-- one probe here finds an earlier copy without a global index of random hashes.
CREATE INDEX deliveries_entry ON deliveries(entry_id, body_sha256) WHERE entry_id IS NOT NULL;

-- The projection: one row per entry id; deleted entries stay as tombstones so that a late, older
-- event cannot bring them back.
CREATE TABLE entries (
    entry_id TEXT PRIMARY KEY,
    event_ms INTEGER NOT NULL,
    event_rank INTEGER NOT NULL,
    body_sha256 BLOB NOT NULL,
    deleted INTEGER NOT NULL,
    helper_id TEXT,
    helper_name TEXT,
    helper_command TEXT,
    created_ms INTEGER NOT NULL,
    amount_cents INTEGER,
    amount_flagged INTEGER NOT NULL,
    category TEXT,
    data BLOB,
    delivery_id INTEGER NOT NULL) WITHOUT ROWID;

CREATE INDEX entries_figures ON entries(helper_command, created_ms, amount_cents, category) WHERE deleted = 0;

-- Exact counts of every outcome, kept apart from the rows so that pruning rows keeps figures right.
CREATE TABLE counters (outcome INTEGER PRIMARY KEY, count INTEGER NOT NULL);
