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
. bench/lib.sh
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
cmake --preset release >/dev/null
cmake --build --preset release --target peanuts-monitor-bench peanuts-seed >/dev/null
SEED="$OUT/seed-$ROWS.db"
. bench/seeded.sh
seeded_db "$ROWS" "$SEED"
# Bodies with ids of their own, so that nothing sent here is a duplicate of a seeded entry.
BODIES=$OUT/bodies-scale.txt
[ -s "$BODIES" ] || python3 "$SHARED/bench/gen_bodies.py" 400000 "$BODIES" --secret "$SECRET" --prefix scale
trap cleanup EXIT

empty=() big=() stats=() dash=() rss=()
for round in $(seq "$ROUNDS"); do
    start_app "$OUT/scale" normal
    empty+=("$(wrk_rate "$APP_PORT" "$SECONDS_PER_ROUND" "$BODIES")")
    stop_pid "$APP_PID"

    rm -f "$OUT"/scale-big.db*
    cp "$SEED" "$OUT/scale-big.db"
    sync # the copy's writeback must not run during the measurement
    APP_DB=$OUT/scale-big.db start_app "$OUT/scale" normal
    for _ in 1 2 3; do stats+=("$(get_ms "$APP_PORT" /api/stats)"); dash+=("$(get_ms "$APP_PORT" /api/dashboard)"); done
    big+=("$(wrk_rate "$APP_PORT" "$SECONDS_PER_ROUND" "$BODIES")")
    for _ in 1 2 3; do stats+=("$(get_ms "$APP_PORT" /api/stats)"); dash+=("$(get_ms "$APP_PORT" /api/dashboard)"); done
    rss+=("$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$APP_PID/status")")
    stop_pid "$APP_PID"
    echo "round $round: empty ${empty[-1]}/s, $ROWS stored ${big[-1]}/s, RSS ${rss[-1]} MB"
done
rm -rf "$OUT/scale" "$OUT"/scale-big.db*

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
