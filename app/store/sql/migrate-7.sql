-- Schema 7: what fired moves into the entry's own row. A firing is decided in the transaction that
-- applies the entry, whose row that transaction writes anyway; a table of its own keyed by entry put
-- one more page at a random place into every commit that fired a rule.
-- fired: one record per rule and condition, each "rule_id<US>fire_key<RS>" (US = char(31), RS = char(30)).

ALTER TABLE entries ADD COLUMN fired TEXT NOT NULL DEFAULT '';

UPDATE entries SET fired = (
    SELECT group_concat(f.rule_id || char(31) || f.fire_key || char(30), '') FROM fired AS f
    WHERE f.entry_id = entries.entry_id)
WHERE entry_id IN (SELECT entry_id FROM fired);

-- A firing without an entry row cannot fire again (it fires on an entry the projection holds).
DROP TABLE fired;
