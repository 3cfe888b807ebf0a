#!/usr/bin/env bash
# P4: GUI-thread stalls under full-rate ingest. Starts the window under Xvfb with the bench probe
# (PEANUTS_BENCH_PROBE, app/stallprobe.h: a 5 ms timer on the GUI thread, each tick's lateness is
# how long the thread was busy), live view on, on a fresh database; drives it with wrk (16
# connections, unique signed bodies) for SECONDS; prints, for the seconds under load: the longest
# stall, p99 and p99.9 of tick lateness, ticks later than 50 ms (and how many of those the GUI
# thread spent running rather than descheduled), and chart redraws per second.
# Runs once with the log tab in front and once with the charts tab in front (VIEWS to choose).
#
#   bench/gui-stall.sh [SECONDS=20] [VIEWS="log expenses"]
#
# Needs: wrk, python3, xvfb-run (Debian: wrk xvfb xauth), a release build (built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_UNDER_LOAD=${1:-20}
VIEWS=${2:-log expenses}
source bench/lib.sh
PORT=18183

for tool in wrk xvfb-run python3; do
    command -v $tool >/dev/null || { echo "bench: $tool is missing (apt-get install wrk xvfb xauth python3)" >&2; exit 1; }
done
cmake --preset release >/dev/null
cmake --build --preset release --target peanuts-monitor-bench >/dev/null
[ -s "$OUT/bodies.txt" ] || python3 "$SHARED/bench/gen_bodies.py" 400000 "$OUT/bodies.txt" --secret bench-secret

for view in $VIEWS; do
    dir="$OUT/gui-$view"
    rm -rf "$dir" && mkdir -p "$dir"
    # The app's pid comes back through a file, so that only that process is signalled.
    PEANUTS_SECRET=bench-secret PEANUTS_BENCH_PROBE="$PWD/$dir/probe.jsonl" PEANUTS_BENCH_TAB="$view" \
        xvfb-run -a -s "-screen 0 1400x860x24" sh -c \
        '"$1" --port '$PORT' --db "$0/bench.db" --settings "$0/settings.ini" 2>"$0/log" &
         echo $! >"$0/pid"; wait' "$dir" "$APP" &
    xvfb=$!
    wait_port $PORT
    sleep 2 # the window settles; those seconds are not counted
    before=$(grep -c '"type":"interval"' "$dir/probe.jsonl" || true)
    rate=$(BODIES="$OUT/bodies.txt" wrk -t1 -c16 -d"${SECONDS_UNDER_LOAD}s" -s "$SHARED/bench/wrk-signed.lua" \
        "http://127.0.0.1:$PORT/webhook" | awk '/Requests\/sec/ {print $2}')
    after=$(grep -c '"type":"interval"' "$dir/probe.jsonl" || true)
    sleep 2
    kill -TERM "$(cat "$dir/pid")"
    wait $xvfb 2>/dev/null || true
    python3 - "$dir/probe.jsonl" "$before" "$after" "$view" "$rate" <<'PY'
import json, sys
path, before, after, view, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
lines = [json.loads(l) for l in open(path)]
intervals = [l for l in lines if l["type"] == "interval"]
load = intervals[before:after + 1]  # the second wrk started in and the one it ended in included
hist, ticks, stalls, busy, worst, worst_busy = {}, 0, 0, 0, 0.0, 0.0
redraws = [l["counters"].get("chart_redraws", 0) / l["seconds"] for l in load]
inserts = [l["counters"].get("log_rows_inserted", 0) for l in load]
for l in load:
    worst = max(worst, l["max_ms"]); stalls += l["stalls_over_50ms"]
    busy += l["busy_stalls_over_50ms"]; worst_busy = max(worst_busy, l["max_busy_ms"])
    for k, v in l["hist_0_1ms"].items():
        hist[int(k)] = hist.get(int(k), 0) + v; ticks += v
def pct(f):
    want, seen = ticks * f, 0
    for k in sorted(hist):
        seen += hist[k]
        if seen >= want:
            return (k + 1) * 0.1
    return worst
summary = next((l for l in lines if l["type"] == "summary"), None)
print(f"view {view}: wrk {float(rate):,.0f} deliveries/s for {len(load)} s of probe intervals, {ticks} ticks")
print(f"  under load: max stall {worst:.1f} ms, p99 {pct(0.99):.1f} ms, p99.9 {pct(0.999):.1f} ms, "
      f"ticks later than 50 ms: {stalls} (of which the GUI thread ran >= 50 ms: {busy}); "
      f"most GUI-thread CPU between two ticks {worst_busy:.1f} ms")
print(f"  chart redraws/s: max {max(redraws):.1f}, median {sorted(redraws)[len(redraws)//2]:.1f}; "
      f"log rows inserted/s: max {max(inserts)}")
print("  per second (max ms): " + " ".join(f"{l['max_ms']:.0f}" for l in load))
if summary:
    print(f"  whole run: max {summary['max_ms']:.1f} ms, p99 {summary['p99_ms']:.1f} ms, "
          f"over 50 ms {summary['stalls_over_50ms']}")
PY
done
