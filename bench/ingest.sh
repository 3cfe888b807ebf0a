#!/usr/bin/env bash
# P1: ingest throughput of Peanuts Monitor against the constant-reply QHttpServer reference, in the
# same run, alternated, on a fresh database each round. Prints deliveries/s per round, the median
# and the spread, and the ratio of medians. Each round also runs peanuts-frontend-ceiling: the app's
# own HTTP path (guard, HMAC, validation, hand-off to the store's thread) over a store that writes
# nothing, the most any storage design can reach on it.
#
#   bench/ingest.sh [ROUNDS=3] [SECONDS=10] [DURABILITY=normal] [VIEW=window]
#
# VIEW=window runs the app with its window open and the live view on, under Xvfb (the condition of
# the P1 target); VIEW=headless runs it without. Needs: wrk, python3, Xvfb, a release build
# (installer/deps.sh + cmake --preset release; this script builds what is missing). Everything
# listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_ROUND=${2:-10}
DURABILITY=${3:-normal}
VIEW=${4:-window}
source bench/lib.sh
bench_build wrk
cmake --build --preset release --target peanuts-frontend-ceiling >/dev/null
trap cleanup EXIT
MODE=headless
if [ "$VIEW" = window ]; then
    MODE=gui
    start_xvfb "$OUT"
fi

ref=() front=() app=()
for round in $(seq "$ROUNDS"); do
    start_ceiling
    ref+=("$(wrk_rate "$REF_PORT" "$SECONDS_PER_ROUND")")
    stop_pid "$REF_PID"

    rm -rf "$OUT/front" && mkdir -p "$OUT/front"
    port=$(free_port)
    PEANUTS_SECRET=$SECRET build/release/bench/peanuts-frontend-ceiling "$port" "$OUT/front" 2>"$OUT/front/log" &
    pid=$!
    STARTED+=("$pid")
    wait_port "$port"
    front+=("$(wrk_rate "$port" "$SECONDS_PER_ROUND")")
    stop_pid "$pid"

    start_app "$OUT/db" "$DURABILITY" "$MODE"
    [ "$MODE" = gui ] && sleep 1 # the window settles
    app+=("$(wrk_rate "$APP_PORT" "$SECONDS_PER_ROUND")")
    stop_pid "$APP_PID"
    lost=$(sqlite3 "$OUT/db/bench.db" "SELECT count(*) FROM deliveries WHERE status <> 200" 2>/dev/null || echo "?")
    echo "round $round: reference ${ref[-1]}/s, frontend without writes ${front[-1]}/s, peanuts-monitor (${DURABILITY}, $VIEW) ${app[-1]}/s, non-200 rows $lost"
done

python3 - "${ref[*]}" "${front[*]}" "${app[*]}" "$DURABILITY, $VIEW" <<'PY'
import statistics, sys
ref, front, app = ([float(x) for x in arg.split()] for arg in sys.argv[1:4])
def show(name, xs):
    print(f"{name}: median {statistics.median(xs):,.0f}/s, min {min(xs):,.0f}, max {max(xs):,.0f}"
          f" ({statistics.median(xs) / statistics.median(ref):.2f}x the reference)")
show("qt-ceiling reference", ref)
show("frontend without writes (headless)", front)
show(f"peanuts-monitor ({sys.argv[4]})", app)
print(f"ratio of medians: {statistics.median(app) / statistics.median(ref):.2f}x")
PY
