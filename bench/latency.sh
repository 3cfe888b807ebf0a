#!/usr/bin/env bash
# P2: latency from request to answer at a fixed rate. "p99 must be <= 5 ms at 16 connections, at 80% of
# the maximum rate."
#
#   bench/latency.sh [ROUNDS=3] [DURABILITIES="normal full"]
#
# Each round, for each durability: wrk finds the app's maximum rate (16 connections, MAX_SECONDS, fresh
# database, as bench/ingest.sh does); then peanuts-loadgen sends at FRACTION of it for LOAD_SECONDS,
# open loop, to the app on a fresh database and to the constant-reply QHttpServer reference at the same
# absolute rate, in alternating order. Latency counts from each request's scheduled send time.
# Prints every run, then the medians over rounds.
# Environment: MAX_SECONDS=10 LOAD_SECONDS=20 FRACTION=0.8 CONNECTIONS=16.
# RATES="1000 2000 4000" sends at those fixed rates instead (no wrk step): where does p99 cross 5 ms?
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
DURABILITIES=${2:-normal full}
MAX_SECONDS=${MAX_SECONDS:-10}
LOAD_SECONDS=${LOAD_SECONDS:-20}
FRACTION=${FRACTION:-0.8}
CONNECTIONS=${CONNECTIONS:-16}
source bench/lib.sh
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_build wrk
RESULTS=$OUT/latency-$(date +%Y%m%d-%H%M%S).tsv
echo -e "durability\tround\tmax_rate\trate\ttarget\tp50\tp90\tp99\tp99.9\tmax\tok\tother\tnone\tunsent\tlost\tload1" >"$RESULTS"

# load DURABILITY ROUND RATE TARGET(app|reference): one peanuts-loadgen run, appended to RESULTS
load() {
    local durability=$1 round=$2 rate=$3 target=$4 port dir=$OUT/latency-db rep=$OUT/latency-report.txt lost="-"
    if [ "$target" = app ]; then
        start_app "$dir" "$durability"
        port=$APP_PORT
    else
        start_ceiling
        port=$REF_PORT
    fi
    timeout $((LOAD_SECONDS + 60)) "$LOADGEN" --url "127.0.0.1:$port/webhook" --connections "$CONNECTIONS" \
        --rate "$rate" --duration "$LOAD_SECONDS" --secret "$SECRET" --acked "$OUT/latency-acked.txt" \
        >"$rep" 2>"$OUT/latency-loadgen.log" || true
    if [ "$target" = app ]; then
        stop_pid "$APP_PID"
        lost=$(lost_count "$dir/bench.db" "$OUT/latency-acked.txt")
    else
        stop_pid "$REF_PID"
    fi
    local unsent load1
    load1=$(cut -d' ' -f1 /proc/loadavg)
    unsent=$(awk '/^sent:/ { gsub(/\)/, "", $5); print $5 }' "$rep")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$durability" "$round" "$max" "$rate" \
        "$target" "$(report_field "$rep" p50)" "$(report_field "$rep" p90)" "$(report_field "$rep" p99)" \
        "$(report_field "$rep" p99.9)" "$(report_field "$rep" max)" "$(report_field "$rep" 200)" \
        "$(report_field "$rep" other)" "$(report_field "$rep" none)" "${unsent:-?}" "$lost" "$load1" >>"$RESULTS"
    tail -n1 "$RESULTS" | awk -F'\t' '{ printf "  %-9s at %s/s: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms  (200=%s other=%s none=%s not-sent=%s lost=%s; load %s)\n",
        $5, $4, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16 }'
}

RATES=${RATES:-}
for round in $(seq "$ROUNDS"); do
    for durability in $DURABILITIES; do
        if [ -n "$RATES" ]; then
            max=-
            for rate in $RATES; do
                echo "round $round, durability $durability: open loop at ${rate}/s for ${LOAD_SECONDS} s"
                if ((round % 2)); then order="app reference"; else order="reference app"; fi
                for target in $order; do load "$durability" "$round" "$rate" "$target"; done
            done
            continue
        fi
        start_app "$OUT/latency-db" "$durability"
        max=$(wrk_rate "$APP_PORT" "$MAX_SECONDS")
        stop_pid "$APP_PID"
        rate=$(awk -v m="$max" -v f="$FRACTION" 'BEGIN { printf "%.0f", m * f }')
        echo "round $round, durability $durability: wrk maximum ${max}/s; open loop at ${rate}/s for ${LOAD_SECONDS} s"
        if ((round % 2)); then order="app reference"; else order="reference app"; fi
        for target in $order; do load "$durability" "$round" "$rate" "$target"; done
    done
done

python3 - "$RESULTS" "$FRACTION" "$CONNECTIONS" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
frac, conns = float(sys.argv[2]), sys.argv[3]
fixed = bool(rows) and rows[0]['max_rate'] == '-'
how = "fixed rates, no wrk step" if fixed else f"{frac:.0%} of the wrk maximum"
print(f"\nmedians over rounds ({sys.argv[1]}), {conns} connections, {how}:")
keys = ['p50', 'p90', 'p99', 'p99.9', 'max']
def med(xs):
    xs = [float(x) for x in xs if x not in ('', '?', '-')]
    return statistics.median(xs) if xs else float('nan')
groups = dict.fromkeys((r['durability'], r['rate'] if fixed else '') for r in rows)
for d, rate in groups:
    rs = [r for r in rows if r['durability'] == d and (not fixed or r['rate'] == rate)]
    if fixed:
        print(f"durability {d} at {rate}/s:")
    else:
        print(f"durability {d}: wrk maximum median {med(r['max_rate'] for r in rs if r['target'] == 'app'):,.0f}/s, "
              f"load median {med(r['rate'] for r in rs if r['target'] == 'app'):,.0f}/s")
    for t in ('app', 'reference'):
        ts = [r for r in rs if r['target'] == t]
        figs = '  '.join(f"{k} {med(r[k] for r in ts):.3f}" for k in keys)
        p99s = ', '.join(r['p99'] for r in ts)
        extra = ''
        if t == 'app':
            extra = (f"  (p99 per round: {p99s}; none={sum(int(r['none'] or 0) for r in ts)}, "
                     f"other={sum(int(r['other'] or 0) for r in ts)}, lost={'/'.join(r['lost'] for r in ts)})")
        else:
            extra = f"  (p99 per round: {p99s})"
        print(f"  {t:9s} ms: {figs}{extra}")
    p99 = med(r['p99'] for r in rs if r['target'] == 'app')
    at = f" at {rate}/s" if fixed else ""
    print(f"  P2 (p99 <= 5 ms): {'met' if p99 <= 5 else 'NOT met'} at durability {d}{at} (median p99 {p99:.3f} ms)")
PY
