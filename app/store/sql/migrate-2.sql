-- Schema 2: the payload log's filters and search, redaction, and per-minute counts.

ALTER TABLE deliveries ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;
CREATE INDEX deliveries_received ON deliveries(received_ms);
CREATE INDEX deliveries_outcome ON deliveries(outcome);

CREATE TABLE minute_counters (minute INTEGER NOT NULL, outcome INTEGER NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (minute, outcome)) WITHOUT ROWID;

-- Substring search over raw bodies. Filled after the answers went out (catchUp), up to the
-- watermark kept in meta, so that indexing never delays an acknowledgement. Bodies are BLOBs (they
-- need not be UTF-8); the index and LIKE work on their text.
CREATE VIEW deliveries_text AS SELECT id, CAST(body AS TEXT) AS body FROM deliveries;
CREATE VIRTUAL TABLE deliveries_fts USING fts5(body, content='deliveries_text', content_rowid='id',
    tokenize='trigram', detail='none');

CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('fts_upto', 0);
-- Ids are never handed out twice, even after the newest rows were deleted: the search index and
-- the projection name deliveries by id.
INSERT INTO meta (key, value) VALUES ('next_id', (SELECT coalesce(max(id), 0) + 1 FROM deliveries));
