-- Schema 8: imported deliveries (peanuts-monitor import, the window's Import). They are applied to
-- the projection as received ones are, but they were not received here: they count in no rate or
-- counter, and the pipeline fires nothing for them, at import or at a later due-date check.

ALTER TABLE deliveries ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
