-- The figures' aggregate, rewritten in PL/pgSQL with the same statements: a SQL function that is not
-- inlined plans its statements again at every call, and the trigger calls it for every entry applied.
-- PL/pgSQL keeps the plans for the session. Measured with pg_stat_statements under bench/team.sh's
-- load: 0.11 ms a call before (docs/performance.md, "Issue 16").
CREATE OR REPLACE FUNCTION peanuts_aggregate(cmd text, cat text, created bigint, cents bigint, sign integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
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
END;
$$;
