-- Schema 3: the figures' aggregates and the log's filter indexes. The aggregates are kept by
-- triggers, in the same transaction as the projection, so that /api/stats, /api/dashboard and the
-- charts read a few hundred rows instead of every entry: entry_totals holds all-time totals per
-- helper command and category, entry_buckets the same per 15-minute UTC bucket of created_at, which
-- every zone's days and months are made of (all offsets are multiples of 15 minutes). Rows whose
-- count falls to 0 stay.
--
-- A bucket is created_ms / 900000 rounded down, also before 1970:
--   (CASE WHEN created_ms >= 0 THEN created_ms / 900000 ELSE -((899999 - created_ms) / 900000) END)
-- Each trigger adds +1 times the new row and -1 times the old one to both aggregates, for rows that
-- are not deleted.

CREATE TABLE entry_totals (helper_command TEXT NOT NULL, category TEXT NOT NULL, count INTEGER NOT NULL,
    amount_count INTEGER NOT NULL, sum_cents INTEGER NOT NULL, PRIMARY KEY (helper_command, category))
    WITHOUT ROWID;

CREATE TABLE entry_buckets (helper_command TEXT NOT NULL, bucket INTEGER NOT NULL, category TEXT NOT NULL,
    count INTEGER NOT NULL, amount_count INTEGER NOT NULL, sum_cents INTEGER NOT NULL,
    PRIMARY KEY (helper_command, bucket, category)) WITHOUT ROWID;

CREATE TRIGGER entries_aggregate_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entry_totals (helper_command, category, count, amount_count, sum_cents)
        SELECT coalesce(new.helper_command, ''), coalesce(new.category, ''), 1, 1 * (new.amount_cents IS NOT NULL),
            1 * coalesce(new.amount_cents, 0) WHERE new.deleted = 0
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_count = amount_count + excluded.amount_count,
            sum_cents = sum_cents + excluded.sum_cents;
    INSERT INTO entry_buckets (helper_command, bucket, category, count, amount_count, sum_cents)
        SELECT coalesce(new.helper_command, ''),
            (CASE WHEN new.created_ms >= 0 THEN new.created_ms / 900000 ELSE -((899999 - new.created_ms) / 900000) END),
            coalesce(new.category, ''), 1, 1 * (new.amount_cents IS NOT NULL), 1 * coalesce(new.amount_cents, 0)
            WHERE new.deleted = 0
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_count = amount_count + excluded.amount_count,
            sum_cents = sum_cents + excluded.sum_cents;
END;

CREATE TRIGGER entries_aggregate_update
    AFTER UPDATE OF deleted, helper_command, category, amount_cents, created_ms ON entries BEGIN
    INSERT INTO entry_totals (helper_command, category, count, amount_count, sum_cents)
        SELECT coalesce(old.helper_command, ''), coalesce(old.category, ''), -1, -1 * (old.amount_cents IS NOT NULL),
            -1 * coalesce(old.amount_cents, 0) WHERE old.deleted = 0
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_count = amount_count + excluded.amount_count,
            sum_cents = sum_cents + excluded.sum_cents;
    INSERT INTO entry_buckets (helper_command, bucket, category, count, amount_count, sum_cents)
        SELECT coalesce(old.helper_command, ''),
            (CASE WHEN old.created_ms >= 0 THEN old.created_ms / 900000 ELSE -((899999 - old.created_ms) / 900000) END),
            coalesce(old.category, ''), -1, -1 * (old.amount_cents IS NOT NULL), -1 * coalesce(old.amount_cents, 0)
            WHERE old.deleted = 0
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_count = amount_count + excluded.amount_count,
            sum_cents = sum_cents + excluded.sum_cents;
    INSERT INTO entry_totals (helper_command, category, count, amount_count, sum_cents)
        SELECT coalesce(new.helper_command, ''), coalesce(new.category, ''), 1, 1 * (new.amount_cents IS NOT NULL),
            1 * coalesce(new.amount_cents, 0) WHERE new.deleted = 0
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_count = amount_count + excluded.amount_count,
            sum_cents = sum_cents + excluded.sum_cents;
    INSERT INTO entry_buckets (helper_command, bucket, category, count, amount_count, sum_cents)
        SELECT coalesce(new.helper_command, ''),
            (CASE WHEN new.created_ms >= 0 THEN new.created_ms / 900000 ELSE -((899999 - new.created_ms) / 900000) END),
            coalesce(new.category, ''), 1, 1 * (new.amount_cents IS NOT NULL), 1 * coalesce(new.amount_cents, 0)
            WHERE new.deleted = 0
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_count = amount_count + excluded.amount_count,
            sum_cents = sum_cents + excluded.sum_cents;
END;

CREATE TRIGGER entries_aggregate_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entry_totals (helper_command, category, count, amount_count, sum_cents)
        SELECT coalesce(old.helper_command, ''), coalesce(old.category, ''), -1, -1 * (old.amount_cents IS NOT NULL),
            -1 * coalesce(old.amount_cents, 0) WHERE old.deleted = 0
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_count = amount_count + excluded.amount_count,
            sum_cents = sum_cents + excluded.sum_cents;
    INSERT INTO entry_buckets (helper_command, bucket, category, count, amount_count, sum_cents)
        SELECT coalesce(old.helper_command, ''),
            (CASE WHEN old.created_ms >= 0 THEN old.created_ms / 900000 ELSE -((899999 - old.created_ms) / 900000) END),
            coalesce(old.category, ''), -1, -1 * (old.amount_cents IS NOT NULL), -1 * coalesce(old.amount_cents, 0)
            WHERE old.deleted = 0
        ON CONFLICT DO UPDATE SET count = count + excluded.count, amount_count = amount_count + excluded.amount_count,
            sum_cents = sum_cents + excluded.sum_cents;
END;

-- The entries so far, into both aggregates.
INSERT INTO entry_totals SELECT coalesce(helper_command, ''), coalesce(category, ''), count(*),
    count(amount_cents), coalesce(sum(amount_cents), 0) FROM entries WHERE deleted = 0 GROUP BY 1, 2;
INSERT INTO entry_buckets SELECT coalesce(helper_command, ''),
    (CASE WHEN created_ms >= 0 THEN created_ms / 900000 ELSE -((899999 - created_ms) / 900000) END),
    coalesce(category, ''), count(*), count(amount_cents), coalesce(sum(amount_cents), 0) FROM entries
    WHERE deleted = 0 GROUP BY 1, 2, 3;

-- The payload log's event and helper filters, which otherwise scan every row (150-300 ms at 1M).
CREATE INDEX deliveries_event ON deliveries(event);
CREATE INDEX deliveries_helper_name ON deliveries(helper_name);
CREATE INDEX deliveries_helper_command ON deliveries(helper_command);

-- The aggregates answer the figures now; this index cost a random page per delivery.
DROP INDEX entries_figures;
