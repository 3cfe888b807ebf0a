-- Schema 5: rejected deliveries are kept for a while (prune, by their own age limit) and are not
-- searched. Earlier versions indexed their bodies: those up to fts_rejected_upto are in the search
-- index until they go.

CREATE INDEX deliveries_rejected ON deliveries(received_ms) WHERE outcome >= 4;

INSERT INTO meta (key, value) VALUES ('fts_rejected_upto', (SELECT value FROM meta WHERE key = 'fts_upto'));
