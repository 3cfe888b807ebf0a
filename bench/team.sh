#!/usr/bin/env bash
# Team mode on PostgreSQL against SQLite, in the same run, alternated, a fresh database each round:
# ingest rates (wrk, 16 connections) with the server on this machine, each backend in the durability
# it ships with (SQLite: WAL + synchronous=NORMAL; PostgreSQL: synchronous_commit on, fsync on), and
# /api/stats at ROWS stored deliveries on PostgreSQL (target: 10 ms or less).
#
#   bench/team.sh [ROUNDS=3] [SECONDS=10] [ROWS=1000000] [STATS_CALLS=200]
#
# ROWS=0 measures ingest alone (bench/ab.sh "team.sh 1 10 0" against an earlier build).
#
# The PostgreSQL server is a throwaway cluster of this script's (tests/pg/pgcluster.sh), on a free port,
# or the running one that PEANUTS_BENCH_PG_DIR names (started by pgcluster.sh, left running), whose
# "big" database is kept for the next run: seeding a million rows takes minutes.
# PEANUTS_BENCH_APP picks the app (default: the bench build), PEANUTS_BENCH_SEED the seeder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_ROUND=${2:-10}
ROWS=${3:-1000000}
STATS_CALLS=${4:-200}
. bench/lib.sh
DIR=$OUT/team
rm -rf "$DIR" && mkdir -p "$DIR"
if [ -z "${PEANUTS_BENCH_APP:-}" ]; then
    bench_build wrk
    cmake --build --preset release --target peanuts-seed >/dev/null
fi
SEED=${PEANUTS_BENCH_SEED:-build/release/bench/peanuts-seed}
if [ -n "${PEANUTS_BENCH_PG_DIR:-}" ]; then
    PG=$PEANUTS_BENCH_PG_DIR
    trap cleanup EXIT
else
    PG="$DIR/pg"
    tests/pg/pgcluster.sh start "$PG" >&2
    trap 'cleanup; tests/pg/pgcluster.sh stop "$PG" >&2' EXIT
fi
ADMIN=$(cat "$PG/url")
database() { # name -> URL of a new, empty database on the cluster
    psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >&2
    echo "${ADMIN%/*}/$1"
}
BODIES=$OUT/bodies-team.txt
[ -s "$BODIES" ] || python3 "$SHARED/bench/gen_bodies.py" 400000 "$BODIES" --secret "$SECRET" --prefix team
APP_EXTRA=(--no-stream)

sqlite=() pg=()
for round in $(seq "$ROUNDS"); do
    start_app "$DIR/sqlite" normal
    sqlite+=("$(wrk_rate "$APP_PORT" "$SECONDS_PER_ROUND" "$BODIES")")
    stop_pid "$APP_PID"
    APP_DB=$(database ingest) start_app "$DIR/pg" normal
    pg+=("$(wrk_rate "$APP_PORT" "$SECONDS_PER_ROUND" "$BODIES")")
    stop_pid "$APP_PID"
    non200=$(psql -qAt "${ADMIN%/*}/ingest" -c "SELECT count(*) FROM deliveries WHERE status <> 200")
    echo "round $round: SQLite ${sqlite[-1]}/s, PostgreSQL ${pg[-1]}/s (non-200 rows on PostgreSQL: $non200)"
done

stats=()
if [ "$ROWS" -gt 0 ]; then
    big=${ADMIN%/*}/big
    if [ "$(psql -qAt "$big" -c "SELECT count(*) FROM deliveries" 2>/dev/null)" != "$ROWS" ]; then
        echo "seeding $ROWS deliveries into PostgreSQL..." >&2
        big=$(database big)
        "$SEED" "$ROWS" "$big" >&2
    fi
    psql -q "$big" -c "SET client_min_messages = error" -c "VACUUM ANALYZE" >&2
    APP_DB=$big start_app "$DIR/big" normal
    for _ in $(seq 5); do get_ms "$APP_PORT" /api/stats >/dev/null; done # the connection's first plans
    for _ in $(seq "$STATS_CALLS"); do stats+=("$(get_ms "$APP_PORT" /api/stats)"); done
    stop_pid "$APP_PID"
fi

python3 - "${sqlite[*]}" "${pg[*]}" "${stats[*]}" "$ROWS" <<'PY'
import statistics, sys
sqlite, pg, stats = ([float(x) for x in a.split()] for a in sys.argv[1:4])
rows = int(sys.argv[4])
med = statistics.median
print(f"ingest, SQLite (normal): median {med(sqlite):,.0f}/s (min {min(sqlite):,.0f}, max {max(sqlite):,.0f})")
print(f"ingest, PostgreSQL (synchronous_commit on): median {med(pg):,.0f}/s (min {min(pg):,.0f}, max {max(pg):,.0f})")
print(f"PostgreSQL / SQLite: {med(pg) / med(sqlite):.2f}x")
if not stats:
    sys.exit(0)
s = sorted(stats)
p99 = s[min(len(s) - 1, int(len(s) * 0.99))]
print(f"/api/stats at {rows:,} on PostgreSQL: median {med(s):.1f} ms, p99 {p99:.1f} ms, max {max(s):.1f} ms"
      f" over {len(s)} calls (target <= 10 ms)")
PY
