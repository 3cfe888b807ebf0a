#!/usr/bin/env bash
# P3: start of the window to usable, with a million stored deliveries. Each run copies a seeded
# database (peanuts-seed, kept in $PEANUTS_BENCH_SCRATCH, default ~/.cache/peanuts-bench, outside
# the repository), starts the window under Xvfb with the bench probe, and reads the milestones the
# probe times from process start (kernel start time, 10 ms granularity): window exposed, first log
# page in the model and painted, KPI cards filled, and "usable" when all of them are done; the app
# quits by itself at that point (PEANUTS_BENCH_QUIT_WHEN_USABLE). No caches are dropped: the
# database was just copied, so this is a start with the file in the OS cache (warm), not a cold disk.
#
#   bench/coldstart.sh [RUNS=3] [DELIVERIES=1000000]
#
# Needs: xvfb-run, python3, a release build (built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
N=${2:-1000000}
SCRATCH=${PEANUTS_BENCH_SCRATCH:-${XDG_CACHE_HOME:-$HOME/.cache}/peanuts-bench}
OUT=bench/out/coldstart
TIMEOUT=${PEANUTS_BENCH_TIMEOUT:-300}
mkdir -p "$OUT" "$SCRATCH"

for tool in xvfb-run python3; do
    command -v $tool >/dev/null || { echo "bench: $tool is missing (apt-get install xvfb xauth python3)" >&2; exit 1; }
done
cmake --preset release >/dev/null
APP=${PEANUTS_BENCH_APP:-build/release/bin/peanuts-monitor-bench}
cmake --build --preset release --target peanuts-monitor-bench peanuts-seed >/dev/null
. bench/seeded.sh
seeded_db "$N" "$SCRATCH/app-$N.db"

for run in $(seq "$RUNS"); do
    dir="$OUT/run$run"
    rm -rf "$dir" && mkdir -p "$dir"
    cp "$SCRATCH/app-$N.db" "$dir/bench.db"
    PEANUTS_SECRET=bench-secret PEANUTS_BENCH_PROBE="$PWD/$dir/probe.jsonl" PEANUTS_BENCH_QUIT_WHEN_USABLE=1 \
        timeout "$TIMEOUT" xvfb-run -a -s "-screen 0 1400x860x24" \
        "$APP" --port 18187 --db "$dir/bench.db" --settings "$dir/settings.ini" \
        >"$dir/log" 2>&1 || echo "bench: run $run ended with status $? (see $dir/log)" >&2
    python3 - "$dir/probe.jsonl" "$run" "$N" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
marks = {l["name"]: l["ms_since_process_start"] for l in lines if l["type"] == "mark"}
summary = next((l for l in lines if l["type"] == "summary"), {})
order = ["window_shown_called", "event_loop_running", "window_exposed", "log_first_page", "log_painted",
         "kpi_filled", "usable"]
shown = ", ".join(f"{m} {marks[m]:,.0f} ms" for m in order if m in marks)
print(f"run {sys.argv[2]} ({int(sys.argv[3]):,} stored): {shown}")
if summary:
    print(f"  GUI thread meanwhile: longest stall {summary['max_ms']:.1f} ms, p99 {summary['p99_ms']:.1f} ms, "
          f"ticks later than 50 ms: {summary['stalls_over_50ms']} (GUI thread running >= 50 ms of the gap: "
          f"{summary['busy_stalls_over_50ms']}), most GUI-thread CPU between two ticks {summary['max_busy_ms']:.1f} ms")
PY
done
