# Shared by the bench scripts: builds, free ports, starting and stopping what a script
# started (by process id only), and reading peanuts-loadgen's report. Source it from the repository root.

SHARED=${PEANUTS_SHARED:-$(cd .. && pwd)/shared}
OUT=bench/out
# Every script runs the bench build of the app: the same libraries as peanuts-monitor plus bench/probes/,
# whose probe stays off unless PEANUTS_BENCH_PROBE names a file. PEANUTS_BENCH_APP names another binary
# (an earlier build, for an A/B run: bench/ab.sh).
APP=${PEANUTS_BENCH_APP:-build/release/bin/peanuts-monitor-bench}
LOADGEN=build/release/bench/peanuts-loadgen
CEILING=$OUT/qt-ceiling/qt-ceiling
SECRET=bench-secret
TOKEN=bench-token # the API's bearer token, for get_ms
mkdir -p "$OUT"

APP_EXTRA=()
STARTED=() # process ids this script started; cleanup ends them and only them

bench_build() { # [wrk]: the release app, the sender, and the reference when asked
    cmake --preset release >/dev/null
    cmake --build --preset release --target peanuts-monitor-bench peanuts-loadgen >/dev/null
    if [ "${1:-}" = wrk ]; then
        command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
        cmake -S "$SHARED/bench/qt-ceiling" -B "$OUT/qt-ceiling" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
        cmake --build "$OUT/qt-ceiling" >/dev/null
        [ -s "$OUT/bodies.txt" ] || python3 "$SHARED/bench/gen_bodies.py" 400000 "$OUT/bodies.txt" --secret "$SECRET"
    fi
    command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 CLI is missing (installer/deps.sh)" >&2; exit 1; }
}

free_port() { # a port nothing listens on now (the reference cannot take port 0)
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_port() { # port [seconds=10]
    local tries=$((${2:-10} * 20))
    for _ in $(seq "$tries"); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done
    echo "bench: nothing listens on $1" >&2
    return 1
}

# start_app DIR DURABILITY [gui]: fresh database in DIR, or the one APP_DB names (a file or a
# postgresql:// URL); sets APP_PID and APP_PORT. With gui the window runs (DISPLAY must be set),
# otherwise --headless. APP_EXTRA (an array) adds arguments.
start_app() {
    local dir=$1 durability=$2 mode=${3:-headless}
    rm -rf "$dir" && mkdir -p "$dir"
    local args=(--port 0 --port-file "$dir/port" --durability "$durability" --db "${APP_DB:-$dir/bench.db}"
        --settings "$dir/settings.ini")
    [ "$mode" = gui ] || args+=(--headless)
    args+=("${APP_EXTRA[@]}")
    PEANUTS_SECRET=$SECRET PEANUTS_API_TOKEN=$TOKEN "$APP" "${args[@]}" 2>"$dir/log" &
    APP_PID=$!
    STARTED+=("$APP_PID")
    for _ in $(seq 200); do [ -s "$dir/port" ] && break; kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.05; done
    APP_PORT=$(cat "$dir/port" 2>/dev/null || true)
    [ -n "$APP_PORT" ] && wait_port "$APP_PORT" || { echo "bench: the app did not start:" >&2; cat "$dir/log" >&2; return 1; }
}

start_xvfb() { # DIR: a private Xvfb for this script's windows; exports DISPLAY
    command -v Xvfb >/dev/null || { echo "bench: Xvfb is missing (installer/deps.sh)" >&2; return 1; }
    Xvfb -displayfd 3 -nolisten tcp -screen 0 1400x860x24 3>"$1/display" 2>"$1/xvfb.log" &
    STARTED+=($!)
    for _ in $(seq 100); do [ -s "$1/display" ] && break; sleep 0.05; done
    [ -s "$1/display" ] || { echo "bench: Xvfb did not start" >&2; return 1; }
    export DISPLAY=:$(cat "$1/display")
    unset WAYLAND_DISPLAY
}

start_ceiling() { # sets REF_PID and REF_PORT
    REF_PORT=$(free_port)
    "$CEILING" "$REF_PORT" 2>/dev/null &
    REF_PID=$!
    STARTED+=("$REF_PID")
    wait_port "$REF_PORT"
}

stop_pid() { # pid [seconds=15]: SIGTERM, then SIGKILL if it is still there; never waits longer
    local pid=$1 limit=$((${2:-15} * 10))
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq "$limit"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "bench: process $pid ignored SIGTERM for ${2:-15} s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    for pid in "${STARTED[@]}"; do kill -0 "$pid" 2>/dev/null && stop_pid "$pid" 5; done
    STARTED=()
}

wrk_rate() { # port seconds [bodies file] -> requests/s that wrk reached with 16 connections
    BODIES="${3:-$OUT/bodies.txt}" timeout $(($2 + 30)) wrk -t1 -c16 -d"$2s" -s "$SHARED/bench/wrk-signed.lua" \
        "http://127.0.0.1:$1/webhook" | awk '/Requests\/sec/ {printf "%.0f\n", $2}'
}

get_ms() { # port path -> milliseconds the API took to answer, with the bench's token
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1$2" \
        | awk '{printf "%.1f\n", $1 * 1000}'
}

# report_field FILE KEY: one figure from a peanuts-loadgen report, e.g. p99, 200, none, sent
report_field() {
    awk -v key="$2" '{ for (i = 1; i <= NF; ++i) { split($i, kv, "="); if (kv[1] == key) { print kv[2]; exit } } }' "$1"
}

# lost_count DB ACKED: acknowledged entry ids with no delivery answered 200 in DB
lost_count() {
    local db=$1 acked=$2 tmp
    tmp=$(mktemp "$OUT/acked.XXXXXX.db")
    timeout 300 sqlite3 "$tmp" "CREATE TABLE acked(id TEXT PRIMARY KEY)" ".import '$acked' acked" >/dev/null
    timeout 300 sqlite3 -readonly "$db" "ATTACH '$tmp' AS a" \
        "SELECT count(*) FROM a.acked k WHERE NOT EXISTS
           (SELECT 1 FROM deliveries d WHERE d.entry_id = k.id AND d.status = 200)" || echo "?"
    rm -f "$tmp"
}
