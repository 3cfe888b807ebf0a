#!/usr/bin/env bash
# Issue 15: wakeups of an idle app. Starts the app on a fresh database, headless and then with its
# window under a private Xvfb, lets it settle, and counts the context switches (voluntary and
# involuntary, /proc/PID/task/*/status) of every thread between the start and the end of a window of
# SECONDS. Prints, per thread and summed, wakeups per second. Nothing is sent to the app.
#
#   bench/idle.sh [SECONDS=60] [MODES="headless gui"] [SETTLE=5]
#
# PEANUTS_BENCH_APP names the binary (default: the release bench build, built when missing; a dev
# build works too: PEANUTS_BENCH_APP=build/dev/bin/peanuts-monitor). Needs Xvfb for the gui mode.
set -euo pipefail
cd "$(dirname "$0")/.."
WINDOW=${1:-60}
MODES=${2:-headless gui}
SETTLE=${3:-5}
source bench/lib.sh
trap cleanup EXIT

if [ -z "${PEANUTS_BENCH_APP:-}" ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release --target peanuts-monitor-bench >/dev/null
fi

# snapshot PID: one line per thread, "tid name switches"
snapshot() {
    local task tid name v n
    for task in /proc/"$1"/task/*; do
        tid=${task##*/}
        name=$(tr ' ' '_' <"$task/comm" 2>/dev/null) || continue
        v=$(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status" 2>/dev/null) || continue
        n=$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$task/status" 2>/dev/null) || continue
        [ -n "$v" ] && [ -n "$n" ] && echo "$tid $name $((v + n))"
    done
}

for mode in $MODES; do
    dir="$OUT/idle-$mode"
    if [ "$mode" = gui ]; then
        rm -rf "$OUT/idle-xvfb" && mkdir -p "$OUT/idle-xvfb"
        start_xvfb "$OUT/idle-xvfb"
    fi
    start_app "$dir" normal "$mode"
    sleep "$SETTLE" # start-up work (catch-up, first queries, first paint) is not counted
    snapshot "$APP_PID" >"$dir/before"
    sleep "$WINDOW"
    snapshot "$APP_PID" >"$dir/after"
    kill -0 "$APP_PID" 2>/dev/null || { echo "bench: the app ended during the window:" >&2; cat "$dir/log" >&2; exit 1; }
    cleanup
    python3 - "$dir/before" "$dir/after" "$WINDOW" "$mode" <<'PY'
import sys
before_path, after_path, window, mode = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
def read(path):
    rows = {}
    for line in open(path):
        tid, name, count = line.split()
        rows[tid] = (name, int(count))
    return rows
before, after = read(before_path), read(after_path)
rows, total = [], 0
for tid, (name, count) in after.items():
    # A thread born inside the window counts from zero; one that ended inside it is not seen.
    delta = count - before.get(tid, (name, 0))[1]
    total += delta
    rows.append((delta, tid, name))
rows.sort(reverse=True)
print(f"{mode}: {total / window:.2f} wakeups/s over {window:.0f} s, {len(after)} threads")
for delta, tid, name in rows:
    if delta:
        print(f"  {name:<18} tid {tid:<8} {delta:>6} switches  {delta / window:6.2f}/s")
gone = [name for tid, (name, _) in before.items() if tid not in after]
if gone:
    print("  threads that ended in the window (not counted): " + " ".join(gone))
PY
done
