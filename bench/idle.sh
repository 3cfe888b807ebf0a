#!/usr/bin/env bash
# Issue 15: wakeups of an idle app. Starts the app on a fresh database, headless and then with its
# window under a private Xvfb, sends it one signed delivery (so that the window shows the log, not the
# first-run panel, with the focus in the log's table), lets it settle, and counts the context switches
# (voluntary and involuntary, /proc/PID/task/*/status) of every thread between the start and the end of
# a window of SECONDS. Prints, per thread and summed, wakeups per second. Nothing else is sent.
#
#   bench/idle.sh [SECONDS=60] [MODES="headless gui"] [SETTLE=100]
#
# The default SETTLE lets the delivery age out of the per-minute rate and the ngrok check reach its
# slowest pace (3 s doubling to 60 s), which is the state of an app left open; a short SETTLE shows
# the first minutes instead.
#
# PEANUTS_BENCH_APP names the binary (default: the release bench build, built when missing; a dev
# build works too: PEANUTS_BENCH_APP=build/dev/bin/peanuts-monitor). Needs Xvfb for the gui mode.
set -euo pipefail
cd "$(dirname "$0")/.."
WINDOW=${1:-60}
MODES=${2:-headless gui}
SETTLE=${3:-100}
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

deliver_one() { # port: one signed delivery, answered 200
    python3 - "$1" "$SECRET" <<'PY'
import hashlib, hmac, sys, urllib.request
port, secret = sys.argv[1], sys.argv[2]
body = (b'{"event":"entry.created","timestamp":"2026-01-05T10:00:00Z","helper":{"id":"h-exp","name":"Expense '
        b'Tracker","command":"/expenses"},"entry":{"id":"idle-1","created_at":"2026-01-05T10:00:00Z","data":'
        b'{"amount":12.5,"category":"Food","description":"idle bench"}},"user":{"id":"user-1"}}')
request = urllib.request.Request(f"http://127.0.0.1:{port}/webhook", data=body, method="POST", headers={
    "Content-Type": "application/json",
    "X-Peanuts-Signature": hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()})
with urllib.request.urlopen(request, timeout=10) as answer:
    if answer.status != 200:
        sys.exit(f"bench: the delivery was answered {answer.status}")
PY
}

for mode in $MODES; do
    dir="$OUT/idle-$mode"
    if [ "$mode" = gui ]; then
        rm -rf "$OUT/idle-xvfb" && mkdir -p "$OUT/idle-xvfb"
        start_xvfb "$OUT/idle-xvfb"
    fi
    start_app "$dir" normal "$mode"
    deliver_one "$APP_PORT"
    sleep "$SETTLE" # start-up work, the delivery's work and the ngrok check's first pace are not counted
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
