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
# the P1 target); VIEW=headless runs it without. Needs: wrk, python3, xvfb-run, a release build
# (installer/deps.sh + cmake --preset release; this script builds what is missing). Everything
# listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_ROUND=${2:-10}
DURABILITY=${3:-normal}
VIEW=${4:-window}
SHARED=${PEANUTS_SHARED:-$(cd .. && pwd)/shared}
OUT=bench/out
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
cmake --preset release >/dev/null
cmake --build --preset release --target peanuts-monitor peanuts-frontend-ceiling >/dev/null
cmake -S "$SHARED/bench/qt-ceiling" -B "$OUT/qt-ceiling" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$OUT/qt-ceiling" >/dev/null
[ -s "$OUT/bodies.txt" ] || python3 "$SHARED/bench/gen_bodies.py" 400000 "$OUT/bodies.txt" --secret bench-secret

run_wrk() { # port -> deliveries/s
    BODIES="$OUT/bodies.txt" wrk -t1 -c16 -d"${SECONDS_PER_ROUND}s" -s "$SHARED/bench/wrk-signed.lua" \
        "http://127.0.0.1:$1/webhook" | awk '/Requests\/sec/ {print $2}'
}

wait_port() { # port
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done
    echo "bench: nothing listens on $1" >&2; return 1
}

ref=() front=() app=()
for round in $(seq "$ROUNDS"); do
    "$OUT/qt-ceiling/qt-ceiling" 18181 & pid=$!
    wait_port 18181; ref+=("$(run_wrk 18181)"); kill $pid; wait $pid 2>/dev/null || true

    rm -rf "$OUT/front" && mkdir -p "$OUT/front"
    PEANUTS_SECRET=bench-secret build/release/bench/peanuts-frontend-ceiling 18183 "$OUT/front" 2>"$OUT/front/log" &
    pid=$!
    wait_port 18183; front+=("$(run_wrk 18183)"); kill $pid; wait $pid 2>/dev/null || true

    rm -rf "$OUT/db" && mkdir -p "$OUT/db"
    if [ "$VIEW" = window ]; then
        # The app's own pid comes back through a file, so that only it is signalled.
        PEANUTS_SECRET=bench-secret xvfb-run -a -s "-screen 0 1400x860x24" sh -c \
            'build/release/bin/peanuts-monitor --port 18182 --durability "$1" --db "$0/bench.db" \
                --settings "$0/settings.ini" 2>"$0/log" & echo $! >"$0/pid"; wait' "$OUT/db" "$DURABILITY" &
        pid=$!
        wait_port 18182; sleep 1; app+=("$(run_wrk 18182)"); kill -TERM "$(cat "$OUT/db/pid")"
    else
        PEANUTS_SECRET=bench-secret build/release/bin/peanuts-monitor --headless --port 18182 \
            --durability "$DURABILITY" --db "$OUT/db/bench.db" --settings "$OUT/db/settings.ini" 2>"$OUT/db/log" &
        pid=$!
        wait_port 18182; app+=("$(run_wrk 18182)"); kill $pid
    fi
    wait $pid 2>/dev/null || true
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
