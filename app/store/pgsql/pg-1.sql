-- PostgreSQL schema 1: what SQLite's schemas 1-10 hold, in PostgreSQL's terms, for team mode (several
-- instances on one database). The differences from the SQLite file, and why:
-- * Ids come from sequences: several writers, and a sequence never hands an id out twice.
-- * Duplicates are decided by a unique index (deliveries_applied), not by a select before the insert:
--   under READ COMMITTED two instances would both pass the select. Of an entry's identical bytes only
--   one row can be accepted, stale or ignored; every other copy is a duplicate.
-- * txid: the transaction that wrote a row. Ids commit out of order, so a viewer catching up by
--   "id greater than the last seen" would miss rows; it follows transactions instead (pglive.cpp).
-- * Search is pg_trgm over body_text (the body as text: invalid UTF-8 replaced, NULs dropped), written
--   with the row; rejected and redacted deliveries have none.
-- * The aggregates' triggers are PL/pgSQL; the projection's rule is the same (store/sqliteprojection.cpp).
-- * Actions are claimed by one instance (claimed_by, claim_until_ms) with FOR UPDATE SKIP LOCKED.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE deliveries (
    id bigint PRIMARY KEY,
    txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    received_ms bigint NOT NULL,
    remote text NOT NULL,
    forwarded_for text,
    method text NOT NULL,
    path text NOT NULL,
    headers bytea NOT NULL,
    body bytea NOT NULL,
    body_text text,
    body_size bigint NOT NULL,
    body_sha256 bytea NOT NULL,
    outcome integer NOT NULL,
    status integer NOT NULL,
    reason text,
    secret_label text,
    event text,
    entry_id text,
    helper_id text,
    helper_name text,
    helper_command text,
    event_ms bigint,
    amount_cents bigint,
    category text,
    redacted boolean NOT NULL DEFAULT false,
    imported boolean NOT NULL DEFAULT false,
    simulated boolean NOT NULL DEFAULT false,
    answer_ms integer,
    first_attempt bigint);
CREATE SEQUENCE deliveries_id_seq OWNED BY deliveries.id;

CREATE UNIQUE INDEX deliveries_applied ON deliveries (entry_id, body_sha256)
    WHERE entry_id IS NOT NULL AND outcome IN (0, 2, 3);
CREATE INDEX deliveries_entry ON deliveries (entry_id, body_sha256) WHERE entry_id IS NOT NULL;
CREATE INDEX deliveries_txid ON deliveries (txid);
CREATE INDEX deliveries_received ON deliveries (received_ms);
CREATE INDEX deliveries_outcome ON deliveries (outcome);
CREATE INDEX deliveries_rejected ON deliveries (received_ms) WHERE outcome >= 4;
CREATE INDEX deliveries_event ON deliveries (event);
CREATE INDEX deliveries_helper_name ON deliveries (helper_name);
CREATE INDEX deliveries_helper_command ON deliveries (helper_command);
CREATE INDEX deliveries_first_attempt ON deliveries (first_attempt) WHERE first_attempt IS NOT NULL;
CREATE INDEX deliveries_search ON deliveries USING gin (body_text gin_trgm_ops);

CREATE TABLE entries (
    entry_id text PRIMARY KEY,
    event_ms bigint NOT NULL,
    event_rank integer NOT NULL,
    body_sha256 bytea NOT NULL,
    deleted boolean NOT NULL,
    helper_id text,
    helper_name text,
    helper_command text,
    created_ms bigint NOT NULL,
    amount_cents bigint,
    amount_flagged boolean NOT NULL,
    category text,
    data bytea,
    delivery_id bigint NOT NULL,
    fired text NOT NULL DEFAULT '');

-- What fired (see migrate-7.sql): records "rule_id<US>fire_key<RS>". fired_fresh holds those the last
-- upsert added, which the writer reads back in the same statement (RETURNING), so that a rule fires
-- once for an entry even when two instances apply its events at once.
ALTER TABLE entries ADD COLUMN fired_fresh text NOT NULL DEFAULT '';
CREATE FUNCTION peanuts_missing(fired text, offered text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(string_agg(r || chr(30), '' ORDER BY n), '')
    FROM unnest(string_to_array(offered, chr(30))) WITH ORDINALITY AS t (r, n)
    WHERE r <> '' AND position(chr(30) || r || chr(30) IN chr(30) || fired) = 0;
$$;

CREATE TABLE counters (outcome integer PRIMARY KEY, count bigint NOT NULL);
CREATE TABLE minute_counters (minute bigint NOT NULL, outcome integer NOT NULL, count bigint NOT NULL,
    PRIMARY KEY (minute, outcome));
CREATE TABLE redacted_bodies (body_sha256 bytea PRIMARY KEY);

-- The figures' aggregates, kept by a trigger in the projection's transaction (see migrate-3.sql).
CREATE TABLE entry_totals (helper_command text NOT NULL, category text NOT NULL, count bigint NOT NULL,
    amount_count bigint NOT NULL, sum_cents bigint NOT NULL, PRIMARY KEY (helper_command, category));
CREATE TABLE entry_buckets (helper_command text NOT NULL, bucket bigint NOT NULL, category text NOT NULL,
    count bigint NOT NULL, amount_count bigint NOT NULL, sum_cents bigint NOT NULL,
    PRIMARY KEY (helper_command, bucket, category));

-- sign: +1 adds the row to both aggregates, -1 takes it out. A bucket is 15 minutes of created_ms,
-- rounded down also before 1970.
CREATE FUNCTION peanuts_aggregate(cmd text, cat text, created bigint, cents bigint, sign integer)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO entry_totals AS t (helper_command, category, count, amount_count, sum_cents)
        VALUES (coalesce(cmd, ''), coalesce(cat, ''), sign, sign * (cents IS NOT NULL)::integer,
            sign * coalesce(cents, 0))
        ON CONFLICT (helper_command, category) DO UPDATE SET count = t.count + excluded.count,
            amount_count = t.amount_count + excluded.amount_count, sum_cents = t.sum_cents + excluded.sum_cents;
    INSERT INTO entry_buckets AS b (helper_command, bucket, category, count, amount_count, sum_cents)
        VALUES (coalesce(cmd, ''),
            CASE WHEN created >= 0 THEN created / 900000 ELSE -((899999 - created) / 900000) END,
            coalesce(cat, ''), sign, sign * (cents IS NOT NULL)::integer, sign * coalesce(cents, 0))
        ON CONFLICT (helper_command, bucket, category) DO UPDATE SET count = b.count + excluded.count,
            amount_count = b.amount_count + excluded.amount_count, sum_cents = b.sum_cents + excluded.sum_cents;
$$;

CREATE FUNCTION peanuts_entries_aggregate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.deleted THEN
        IF TG_OP = 'UPDATE' AND NOT NEW.deleted AND OLD.helper_command IS NOT DISTINCT FROM NEW.helper_command
            AND OLD.category IS NOT DISTINCT FROM NEW.category
            AND OLD.amount_cents IS NOT DISTINCT FROM NEW.amount_cents AND OLD.created_ms = NEW.created_ms THEN
            RETURN NULL; -- nothing the aggregates hold changed
        END IF;
        PERFORM peanuts_aggregate(OLD.helper_command, OLD.category, OLD.created_ms, OLD.amount_cents, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NOT NEW.deleted THEN
        PERFORM peanuts_aggregate(NEW.helper_command, NEW.category, NEW.created_ms, NEW.amount_cents, 1);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER entries_aggregate AFTER INSERT OR UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION peanuts_entries_aggregate();

-- The pipeline's outbox (see migrate-6.sql). claimed_by: the instance sending it, until claim_until_ms;
-- another instance takes it over only after that (the first one stopped).
CREATE TABLE actions (
    id bigserial PRIMARY KEY,
    delivery_id bigint,
    kind integer NOT NULL,
    state integer NOT NULL,
    target text NOT NULL DEFAULT '',
    rule_id text NOT NULL DEFAULT '',
    title text NOT NULL DEFAULT '',
    payload bytea NOT NULL DEFAULT '',
    attempts integer NOT NULL DEFAULT 0,
    created_ms bigint NOT NULL,
    next_attempt_ms bigint NOT NULL,
    last_error text NOT NULL DEFAULT '',
    answer_status integer NOT NULL DEFAULT 0,
    answer_headers bytea NOT NULL DEFAULT '',
    answer_body bytea NOT NULL DEFAULT '',
    answer_body_size bigint NOT NULL DEFAULT 0,
    answer_ms bigint NOT NULL DEFAULT 0,
    answer_duration_ms bigint NOT NULL DEFAULT 0,
    finished_ms bigint NOT NULL DEFAULT 0,
    claimed_by text NOT NULL DEFAULT '',
    claim_until_ms bigint NOT NULL DEFAULT 0);
CREATE INDEX actions_target_due ON actions (target, next_attempt_ms) WHERE state = 0;
CREATE INDEX actions_delivery ON actions (delivery_id) WHERE delivery_id IS NOT NULL;
CREATE INDEX actions_dead ON actions (finished_ms) WHERE state = 2;
CREATE TABLE action_drops (target text PRIMARY KEY, count bigint NOT NULL);
CREATE TABLE outgoing_minutes (minute bigint NOT NULL, result integer NOT NULL, count bigint NOT NULL,
    PRIMARY KEY (minute, result));

-- "Edit and resend" links (see migrate-9.sql); a link goes with the delivery that arrived.
CREATE TABLE resends (
    delivery_id bigint PRIMARY KEY REFERENCES deliveries (id) ON DELETE CASCADE,
    source_id bigint NOT NULL);
CREATE INDEX resends_source ON resends (source_id);

-- The pipeline's rules, one document for every instance (team mode keeps them here, not in settings).
CREATE TABLE team_rules (id integer PRIMARY KEY CHECK (id = 1), document text NOT NULL, updated_ms bigint NOT NULL);

INSERT INTO meta (key, value) VALUES ('action_key_prefix', substr(replace(gen_random_uuid()::text, '-', ''), 1, 16));

-- The payload log and the figures (pglog.cpp, pgfigures.cpp).
-- entries_figures: a figure whose range does not fall on 15-minute boundaries reads its whole buckets
-- from entry_buckets and only the partial ones at its edges from the entries (SQLite's index of the
-- same name). entries_export: entryRecords() pages the current entries by id in byte order, as
-- SQLite does, whatever the database's collation.
CREATE INDEX entries_figures ON entries (helper_command, created_ms) WHERE NOT deleted;
CREATE INDEX entries_export ON entries ((entry_id COLLATE "C")) WHERE NOT deleted;
