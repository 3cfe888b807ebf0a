-- Schema 9: "Edit and resend". A delivery that the window sent to its own receiver links to the
-- delivery it came from. A table of its own: almost no delivery has a link, and the receive path
-- writes a row here only for those.
CREATE TABLE IF NOT EXISTS resends (
    delivery_id INTEGER PRIMARY KEY, -- the delivery that arrived
    source_id INTEGER NOT NULL); -- the delivery it was edited from (it may have been deleted since)
CREATE INDEX IF NOT EXISTS resends_source ON resends(source_id);
-- A link goes with the delivery that arrived.
CREATE TRIGGER IF NOT EXISTS resends_go_with_deliveries AFTER DELETE ON deliveries
    WHEN EXISTS (SELECT 1 FROM resends)
BEGIN
    DELETE FROM resends WHERE delivery_id = old.id;
END;
