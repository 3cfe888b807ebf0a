#!/usr/bin/env bash
# Soak (issue 4): hold a steady rate against the app on a fresh database for a set time, watch its
# memory, descriptors and WAL, then count lost deliveries (entry ids answered 200 that are not stored).
#
#   bench/soak.sh MINUTES RATE [--gui] [--durability normal|full] [--connections N]
#
# Every 10 s: the app's RSS (VmRSS), open fds, the WAL and database sizes, and the sender's progress.
# At the end: RSS and fds at the start and end, the largest WAL, the sender's report and the lost count.
# --gui runs the window under a private Xvfb instead of --headless. The script never waits without a
# bound, ends only the processes it started, and prints its summary even when interrupted.
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
MINUTES=$1 RATE=$2
shift 2
MODE=headless DURABILITY=normal CONNECTIONS=16
while [ $# -gt 0 ]; do
    case $1 in
    --gui) MODE=gui ;;
    --durability) DURABILITY=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    *) echo "soak: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
source bench/lib.sh
set -e
bench_build
set +e

DIR=$OUT/soak
RUN=$OUT/soak-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN"
SAMPLES=$RUN/samples.tsv
DURATION=$(awk -v m="$MINUTES" 'BEGIN { printf "%.0f", m * 60 }')
INTERRUPTED=0
trap 'INTERRUPTED=1' INT TERM
trap cleanup EXIT

if [ "$MODE" = gui ]; then
    start_xvfb "$RUN" || exit 1
fi
start_app "$DIR" "$DURABILITY" "$MODE" || exit 1
DB=$DIR/bench.db

sample() { # t phase -> one row: t phase rss_kb fds wal_bytes db_bytes + the sender's last progress line
    local rss fds wal dbs progress
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$APP_PID/status" 2>/dev/null)
    fds=$(ls "/proc/$APP_PID/fd" 2>/dev/null | wc -l)
    wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
    dbs=$(stat -c %s "$DB" 2>/dev/null || echo 0)
    progress=$(grep '^progress' "$RUN/loadgen.log" 2>/dev/null | tail -n1 | cut -d' ' -f3-)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "${rss:-?}" "$fds" "$wal" "$dbs" "${progress:--}" | tee -a "$SAMPLES" |
        awk -F'\t' '{ printf "t=%4ss %-5s rss %6.1f MB  fds %4s  wal %7.1f MB  db %8.1f MB  | %s\n", $1, $2, $3 / 1024, $4, $5 / 1048576, $6 / 1048576, $7 }'
}

echo "soak: $MINUTES min at $RATE/s, $CONNECTIONS connections, $MODE, durability $DURABILITY, app pid $APP_PID, port $APP_PORT; files in $RUN"
echo -e "t\tphase\trss_kb\tfds\twal_bytes\tdb_bytes\tsender" >"$SAMPLES"
sample 0 idle
"$LOADGEN" --url "127.0.0.1:$APP_PORT/webhook" --connections "$CONNECTIONS" --rate "$RATE" --duration "$DURATION" \
    --secret "$SECRET" --acked "$RUN/acked.txt" --progress 10 --drain 15 >"$RUN/report.txt" 2>"$RUN/loadgen.log" &
LG_PID=$!
STARTED+=("$LG_PID")
START=$(date +%s)
HARD_END=$((START + DURATION + 15 + 60)) # the sender's own drain is 15 s; past this it is stopped
APP_DIED=0
next=$((START + 10))
while kill -0 "$LG_PID" 2>/dev/null; do
    if [ "$INTERRUPTED" = 1 ]; then echo "soak: interrupted; stopping the sender"; break; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "soak: the app exited during the run"; APP_DIED=1; break; fi
    now=$(date +%s)
    if [ "$now" -ge "$HARD_END" ]; then echo "soak: the sender overran its time; stopping it"; break; fi
    if [ "$now" -ge "$next" ]; then
        sample $((now - START)) load
        next=$((next + 10))
    fi
    sleep 1 & wait $! 2>/dev/null
done
stop_pid "$LG_PID" 10 # a no-op when it has finished; SIGTERM makes it print its report
END_T=$(($(date +%s) - START))
[ "$APP_DIED" = 1 ] || sample "$END_T" after
APP_EXIT=?
if kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    for _ in $(seq 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$APP_PID" 2>/dev/null && { echo "soak: the app ignored SIGTERM for 30 s; killing it"; kill -KILL "$APP_PID"; }
fi
wait "$APP_PID" 2>/dev/null
APP_EXIT=$?
LOST=$(lost_count "$DB" "$RUN/acked.txt")
ROWS=$(timeout 120 sqlite3 -readonly "$DB" "SELECT count(*) FROM deliveries" 2>/dev/null || echo "?")
ACKED=$(wc -l <"$RUN/acked.txt" 2>/dev/null || echo 0)
cleanup

echo
echo "== soak summary: $MINUTES min at $RATE/s, $CONNECTIONS connections, $MODE, durability $DURABILITY =="
cat "$RUN/report.txt" 2>/dev/null || echo "(no report from the sender)"
python3 - "$SAMPLES" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]), delimiter='\t') if r['rss_kb'] not in ('?', '')]
if not rows:
    print("no samples"); sys.exit()
load = [r for r in rows if r['phase'] == 'load'] or rows
first, last = load[0], load[-1]
kb = lambda r: int(r['rss_kb']) / 1024
mb = lambda r, k: int(r[k]) / 1048576
print(f"samples: {len(rows)} (every 10 s; 'idle' before the sender, 'after' once it finished)")
print(f"rss: {kb(rows[0]):.1f} MB idle, {kb(first):.1f} MB at t={first['t']}s, {kb(last):.1f} MB at t={last['t']}s "
      f"(last under load), max {max(kb(r) for r in rows):.1f} MB, {kb(rows[-1]):.1f} MB after")
print(f"fds: {rows[0]['fds']} idle, {first['fds']} at t={first['t']}s, {last['fds']} at t={last['t']}s, "
      f"max {max(int(r['fds']) for r in rows)}, {rows[-1]['fds']} after")
print(f"wal: max {max(mb(r, 'wal_bytes') for r in rows):.1f} MB, {mb(rows[-1], 'wal_bytes'):.1f} MB at the end; "
      f"database {mb(rows[-1], 'db_bytes'):.1f} MB at the end")
PY
if [ "$APP_DIED" = 1 ]; then echo "app exit status: $APP_EXIT (it exited during the run)"; else echo "app exit status after SIGTERM: $APP_EXIT"; fi
echo "stored deliveries: $ROWS; acknowledged (200) entry ids: $ACKED; lost (acknowledged, not stored): $LOST"
[ "$APP_DIED" = 0 ] || echo "THE APP EXITED DURING THE RUN (log: $DIR/log)"
# Non-zero when something is wrong, so that a caller can tell: the app died, or a delivery was lost.
[ "$APP_DIED" = 0 ] && [ "$LOST" = 0 ]
