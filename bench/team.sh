#!/usr/bin/env bash
# Team mode on PostgreSQL against SQLite, in the same run, alternated, a fresh database each round:
# ingest rates (wrk, 16 connections) with the server on this machine, each backend in the durability
# it ships with (SQLite: WAL + synchronous=NORMAL; PostgreSQL: synchronous_commit on, fsync on), and
# /api/stats at ROWS stored deliveries on PostgreSQL (target: 10 ms or less).
#
#   bench/team.sh [ROUNDS=3] [SECONDS=10] [ROWS=1000000]
#
# The PostgreSQL server is a throwaway cluster of this script's (tests/pg/pgcluster.sh), on a free port.
# PEANUTS_BENCH_APP picks the binary (default: the release build's). Needs wrk, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_ROUND=${2:-10}
ROWS=${3:-1000000}
SHARED=${PEANUTS_SHARED:-$(cd .. && pwd)/shared}
OUT=bench/out/team
rm -rf "$OUT" && mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
if [ -z "${PEANUTS_BENCH_APP:-}" ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release --target peanuts-monitor peanuts-seed >/dev/null
fi
APP=${PEANUTS_BENCH_APP:-build/release/bin/peanuts-monitor}
SEED=${PEANUTS_BENCH_SEED:-build/release/bench/peanuts-seed}
PG="$OUT/pg"
tests/pg/pgcluster.sh start "$PG" >&2
trap 'kill ${pid:-} 2>/dev/null || true; tests/pg/pgcluster.sh stop "$PG" >&2' EXIT
ADMIN=$(cat "$PG/url")
database() { # name -> URL of a new, empty database on the cluster
    psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >&2
    echo "${ADMIN%/*}/$1"
}
[ -s "$OUT/bodies.txt" ] || python3 "$SHARED/bench/gen_bodies.py" 400000 "$OUT/bodies.txt" \
    --secret bench-secret --prefix team

PORT=18184
TOKEN=bench-token
start_app() { # db
    PEANUTS_SECRET=bench-secret PEANUTS_API_TOKEN=$TOKEN "$APP" --headless --no-stream \
        --port $PORT --db "$1" --settings "$OUT/settings.ini" 2>"$OUT/log" & pid=$!
    for _ in $(seq 400); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && return 0; sleep 0.05; done
    echo "bench: nothing listens on $PORT" >&2; cat "$OUT/log" >&2; exit 1
}
stop_app() { kill $pid; wait $pid 2>/dev/null || true; }
run_wrk() {
    BODIES="$OUT/bodies.txt" wrk -t1 -c16 -d"${SECONDS_PER_ROUND}s" -s "$SHARED/bench/wrk-signed.lua" \
        "http://127.0.0.1:$PORT/webhook" | awk '/Requests\/sec/ {print $2}'
}
get_ms() { # path -> ms
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1" \
        | awk '{printf "%.1f\n", $1 * 1000}'
}

sqlite=() pg=()
for round in $(seq "$ROUNDS"); do
    rm -f "$OUT"/ingest.db*
    start_app "$OUT/ingest.db"; sqlite+=("$(run_wrk)"); stop_app
    start_app "$(database ingest)"; pg+=("$(run_wrk)"); stop_app
    non200=$(psql -qAt "${ADMIN%/*}/ingest" -c "SELECT count(*) FROM deliveries WHERE status <> 200")
    echo "round $round: SQLite ${sqlite[-1]}/s, PostgreSQL ${pg[-1]}/s (non-200 rows on PostgreSQL: $non200)"
done

echo "seeding $ROWS deliveries into PostgreSQL..." >&2
big=$(database big)
"$SEED" "$ROWS" "$big" >&2
psql -q "$big" -c "SET client_min_messages = error" -c "VACUUM ANALYZE" >&2
start_app "$big"
stats=()
for _ in $(seq 20); do stats+=("$(get_ms /api/stats)"); done
stop_app

python3 - "${sqlite[*]}" "${pg[*]}" "${stats[*]}" "$ROWS" <<'PY'
import statistics, sys
sqlite, pg, stats = ([float(x) for x in a.split()] for a in sys.argv[1:4])
rows = int(sys.argv[4])
med = statistics.median
print(f"ingest, SQLite (normal): median {med(sqlite):,.0f}/s (min {min(sqlite):,.0f}, max {max(sqlite):,.0f})")
print(f"ingest, PostgreSQL (synchronous_commit on): median {med(pg):,.0f}/s (min {min(pg):,.0f}, max {max(pg):,.0f})")
print(f"PostgreSQL / SQLite: {med(pg) / med(sqlite):.2f}x")
s = sorted(stats)
print(f"/api/stats at {rows:,} on PostgreSQL: median {med(s):.1f} ms, max {max(s):.1f} ms over {len(s)} calls (target <= 10 ms)")
PY
