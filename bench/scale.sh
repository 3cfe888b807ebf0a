#!/usr/bin/env bash
# P3: Peanuts Monitor with a million stored deliveries against itself on an empty database, in the
# same run, alternated, a fresh copy of each database every round. Prints the ingest rates and
# their ratio, /api/stats and /api/dashboard answer times on the big database, and the app's RSS.
#
#   bench/scale.sh [ROUNDS=3] [SECONDS=10] [ROWS=1000000]
#
# The seeded database is made once by bench/peanuts-seed (same schema, projection and search
# index as the app) and kept in bench/out. Durability: the shipped default (normal).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_ROUND=${2:-10}
ROWS=${3:-1000000}
SHARED=${PEANUTS_SHARED:-$(cd .. && pwd)/shared}
OUT=bench/out
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
cmake --preset release >/dev/null
APP=${PEANUTS_BENCH_APP:-build/release/bin/peanuts-monitor-bench}
cmake --build --preset release --target peanuts-monitor-bench peanuts-seed >/dev/null
SEED="$OUT/seed-$ROWS.db"
. bench/seeded.sh
seeded_db "$ROWS" "$SEED"
# Bodies with ids of their own, so that nothing sent here is a duplicate of a seeded entry.
[ -s "$OUT/bodies-scale.txt" ] || python3 "$SHARED/bench/gen_bodies.py" 400000 "$OUT/bodies-scale.txt" \
    --secret bench-secret --prefix scale

PORT=18183
TOKEN=bench-token
run_wrk() {
    BODIES="$OUT/bodies-scale.txt" wrk -t1 -c16 -d"${SECONDS_PER_ROUND}s" -s "$SHARED/bench/wrk-signed.lua" \
        "http://127.0.0.1:$PORT/webhook" | awk '/Requests\/sec/ {print $2}'
}
start_app() { # db
    PEANUTS_SECRET=bench-secret PEANUTS_API_TOKEN=$TOKEN "$APP" --headless \
        --port $PORT --db "$1" --settings "$OUT/scale/settings.ini" 2>"$OUT/scale/log" & pid=$!
    for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && return 0; sleep 0.05; done
    echo "bench: nothing listens on $PORT" >&2; exit 1
}
stop_app() { kill $pid; wait $pid 2>/dev/null || true; }
get_ms() { # path -> ms
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1" \
        | awk '{printf "%.1f\n", $1 * 1000}'
}

empty=() big=() stats=() dash=() rss=()
for round in $(seq "$ROUNDS"); do
    rm -rf "$OUT/scale" && mkdir -p "$OUT/scale"
    start_app "$OUT/scale/empty.db"; empty+=("$(run_wrk)"); stop_app

    rm -rf "$OUT/scale" && mkdir -p "$OUT/scale"
    cp "$SEED" "$OUT/scale/big.db"
    sync # the copy's writeback must not run during the measurement
    start_app "$OUT/scale/big.db"
    for _ in 1 2 3; do stats+=("$(get_ms /api/stats)"); dash+=("$(get_ms /api/dashboard)"); done
    big+=("$(run_wrk)")
    for _ in 1 2 3; do stats+=("$(get_ms /api/stats)"); dash+=("$(get_ms /api/dashboard)"); done
    rss+=("$(awk '/VmRSS/ {print $2 / 1024}' /proc/$pid/status)")
    stop_app
    echo "round $round: empty ${empty[-1]}/s, $ROWS stored ${big[-1]}/s, RSS ${rss[-1]} MB"
done
rm -rf "$OUT/scale"

python3 - "${empty[*]}" "${big[*]}" "${stats[*]}" "${dash[*]}" "${rss[*]}" "$ROWS" <<'PY'
import statistics, sys
empty, big, stats, dash, rss = ([float(x) for x in a.split()] for a in sys.argv[1:6])
rows = int(sys.argv[6])
med = statistics.median
print(f"ingest, empty database: median {med(empty):,.0f}/s (min {min(empty):,.0f}, max {max(empty):,.0f})")
print(f"ingest, {rows:,} stored: median {med(big):,.0f}/s (min {min(big):,.0f}, max {max(big):,.0f})")
print(f"ratio of medians: {med(big) / med(empty):.2f}x (target >= 0.9x)")
print(f"/api/stats at {rows:,}: median {med(stats):.1f} ms, max {max(stats):.1f} ms over {len(stats)} calls (target <= 10 ms)")
print(f"/api/dashboard at {rows:,}: median {med(dash):.1f} ms, max {max(dash):.1f} ms over {len(dash)} calls (target <= 10 ms)")
print(f"RSS after the run: max {max(rss):.0f} MB (target <= 150 MB)")
PY
