-- Schema 4: redaction for good. The hashes of redacted bodies, so that a retry of a redacted
-- delivery (the same bytes again) is stored without them. Redactions made before are completed: the
-- duplicate copies of their bodies, their headers and the projection's copy of their data go too.

CREATE TABLE redacted_bodies (body_sha256 BLOB PRIMARY KEY) WITHOUT ROWID;

INSERT OR IGNORE INTO redacted_bodies SELECT body_sha256 FROM deliveries
    WHERE redacted = 1 AND length(body_sha256) = 32;

INSERT INTO deliveries_fts (deliveries_fts, rowid, body)
    SELECT 'delete', id, CAST(body AS TEXT) FROM deliveries WHERE redacted = 0
    AND id <= (SELECT value FROM meta WHERE key = 'fts_upto')
    AND entry_id IS NOT NULL AND body_sha256 IN (SELECT body_sha256 FROM redacted_bodies);

UPDATE deliveries SET body = x'', headers = x'', redacted = 1
    WHERE redacted = 1 OR (entry_id IS NOT NULL AND body_sha256 IN (SELECT body_sha256 FROM redacted_bodies));

UPDATE entries SET data = NULL WHERE body_sha256 IN (SELECT body_sha256 FROM redacted_bodies);
