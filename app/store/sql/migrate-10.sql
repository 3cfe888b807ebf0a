-- Schema 10: our answer, as it went out. status was always what was answered; a custom response
-- (the user testing a sender's retries) may now answer something else than the outcome's status,
-- and says so. answer_ms is the time from the request's arrival to the answer (NULL before this
-- schema). A Peanuts retry, the same bytes again, names the first stored attempt of them, so that
-- the log can show the attempts of one delivery together; few rows are retries, so the index is partial.
ALTER TABLE deliveries ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN answer_ms INTEGER;
ALTER TABLE deliveries ADD COLUMN first_attempt INTEGER;
CREATE INDEX IF NOT EXISTS deliveries_first_attempt ON deliveries(first_attempt) WHERE first_attempt IS NOT NULL;
