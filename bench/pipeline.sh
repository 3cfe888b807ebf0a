#!/usr/bin/env bash
# The pipeline's figures (issue 13), in one run:
#  1. P1 with the two default rules on against no rules at all, alternated, on a fresh database each
#     round (wrk, 16 connections): the ratio must stay at 0.9x or more.
#  2. P1 with the default rules and one forward target, a constant-reply sink on this machine
#     (the qt-ceiling reference): the ingest rate, and the backlog of forwards when the load stops.
#  3. An open-loop 2,000 deliveries/s for DURATION seconds with the same forward target: the backlog
#     each second and after the load, the forwarding rate, and the time from the delivery's answer to
#     the forward's answer (received_ms to the action's answer_ms), p50/p99/max.
#
#   bench/pipeline.sh [ROUNDS=3] [SECONDS=10] [DURATION=20] [VIEW=headless]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_ROUND=${2:-10}
DURATION=${3:-20}
VIEW=${4:-headless}
source bench/lib.sh
bench_build wrk
trap cleanup EXIT
MODE=headless
if [ "$VIEW" = window ]; then
    MODE=gui
    start_xvfb "$OUT"
fi
DIR=$OUT/pipeline
mkdir -p "$DIR"
echo '{"version": 1, "rules": []}' >"$DIR/no-rules.json"

off=() on=()
for round in $(seq "$ROUNDS"); do
    APP_EXTRA=(--rules "$DIR/no-rules.json")
    start_app "$DIR/off" normal "$MODE"
    off+=("$(wrk_rate "$APP_PORT" "$SECONDS_PER_ROUND")")
    stop_pid "$APP_PID"
    APP_EXTRA=() # no rules file: the two default rules
    start_app "$DIR/on" normal "$MODE"
    on+=("$(wrk_rate "$APP_PORT" "$SECONDS_PER_ROUND")")
    stop_pid "$APP_PID"
    actions=$(sqlite3 "$DIR/on/bench.db" "SELECT count(*) FROM actions" 2>/dev/null || echo "?")
    echo "round $round: no rules ${off[-1]}/s, default rules ${on[-1]}/s ($actions actions written)"
done
python3 - "${off[*]}" "${on[*]}" <<'PY'
import statistics, sys
off, on = ([float(x) for x in arg.split()] for arg in sys.argv[1:3])
print(f"no rules: median {statistics.median(off):,.0f}/s (min {min(off):,.0f}, max {max(off):,.0f})")
print(f"default rules: median {statistics.median(on):,.0f}/s (min {min(on):,.0f}, max {max(on):,.0f})")
print(f"ratio of medians, rules on / off: {statistics.median(on) / statistics.median(off):.2f}x")
PY

start_ceiling # the forward target: answers at once
backlog() { sqlite3 -readonly "$1" "SELECT count(*) FROM actions WHERE kind = 2 AND state = 0" 2>/dev/null || echo "?"; }
forwards_done() { sqlite3 -readonly "$1" "SELECT count(*) FROM actions WHERE kind = 2 AND state = 1" 2>/dev/null || echo "?"; }
drain() { # db: samples the backlog each second until it is empty (at most 120 s); prints the seconds it took
    local t=0
    while [ "$(backlog "$1")" != 0 ] && [ $t -lt 120 ]; do sleep 1; t=$((t + 1)); done
    echo "$t"
}

APP_EXTRA=(--forward-to "http://127.0.0.1:$REF_PORT/webhook") # the reference answers POST /webhook
export PEANUTS_FORWARD_SECRET=forward-secret
start_app "$DIR/fwd" normal "$MODE"
rate=$(wrk_rate "$APP_PORT" "$SECONDS_PER_ROUND")
left=$(backlog "$DIR/fwd/bench.db")
took=$(drain "$DIR/fwd/bench.db")
echo "closed loop with one forward target: ingest ${rate}/s; backlog when the load stopped ${left}, drained in ${took} s; forwards done $(forwards_done "$DIR/fwd/bench.db")"
stop_pid "$APP_PID"

start_app "$DIR/fwd2k" normal "$MODE"
DB=$DIR/fwd2k/bench.db
"$LOADGEN" --url "127.0.0.1:$APP_PORT/webhook" --connections 16 --rate 2000 --duration "$DURATION" \
    --secret "$SECRET" >"$DIR/fwd2k/report.txt" 2>"$DIR/fwd2k/loadgen.log" &
LG_PID=$!
STARTED+=("$LG_PID")
samples=()
while kill -0 "$LG_PID" 2>/dev/null; do
    sleep 1
    samples+=("$(backlog "$DB")")
done
left=$(backlog "$DB")
took=$(drain "$DB")
echo "open loop, 2000/s for ${DURATION} s: $(cat "$DIR/fwd2k/report.txt" | head -n1)"
echo "  forward backlog each second: ${samples[*]}"
echo "  backlog when the load stopped: $left; drained in $took s"
sqlite3 -readonly "$DB" "SELECT count(*), min(a.answer_ms), max(a.answer_ms) FROM actions a WHERE a.kind = 2 AND a.state = 1" |
    awk -F'|' -v d="$DURATION" '{ span = ($3 - $2) / 1000.0; printf "  forwards done %d over %.1f s: %.0f/s\n", $1, span, (span > 0 ? $1 / span : 0) }'
sqlite3 -readonly "$DB" "SELECT a.answer_ms - d.received_ms FROM actions a JOIN deliveries d ON d.id = a.delivery_id
    WHERE a.kind = 2 AND a.state = 1 ORDER BY 1" >"$DIR/fwd2k/lag.txt"
python3 - "$DIR/fwd2k/lag.txt" <<'PY'
import sys
xs = [int(x) for x in open(sys.argv[1]) if x.strip()]
if xs:
    q = lambda p: xs[min(len(xs) - 1, int(p * len(xs)))]
    print(f"  from the delivery's arrival to the forward's answer: p50 {q(0.5)} ms, p99 {q(0.99)} ms, max {xs[-1]} ms ({len(xs)} forwards)")
PY
stop_pid "$APP_PID"
