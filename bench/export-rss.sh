#!/bin/bash
# Peak memory of `peanuts-monitor export` and `import` by size: databases of N deliveries made by
# peanuts-seed, exported in each format and the JSON lines imported into a new database, each run's peak
# resident set size read by GNU time. Flat memory means the same peak at 100k and 1M.
#   bench/export-rss.sh [N...]        (default: 100000 1000000; run from the repository root)
# BUILD names the build directory (default build/release; cmake --preset release first).
set -euo pipefail
BUILD=${BUILD:-build/release}
OUT=${OUT:-bench/out/export-rss}
APP=$BUILD/bin/peanuts-monitor
SEED=$BUILD/bench/peanuts-seed
[ -x "$APP" ] && [ -x "$SEED" ] || { echo "export-rss: build peanuts-monitor and peanuts-seed in $BUILD first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "export-rss: GNU time (/usr/bin/time) is missing" >&2; exit 1; }
mkdir -p "$OUT"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)

measure() { # label command...: prints "label  peak-RSS-MiB  seconds"
    local label=$1 log
    shift
    log=$(mktemp)
    /usr/bin/time -f '%M %e' -o "$log" "$@" >/dev/null 2>"$log.err" || { cat "$log.err" >&2; exit 1; }
    read -r kib secs <"$log"
    printf '%-28s %8.1f MiB %8.1f s\n' "$label" "$(echo "$kib / 1024" | bc -l)" "$secs"
    rm -f "$log" "$log.err"
}

printf '%-28s %12s %10s\n' "run" "peak RSS" "time"
for n in "${sizes[@]}"; do
    db=$OUT/seed-$n.db
    [ -s "$db" ] || "$SEED" "$n" "$db" >/dev/null 2>&1
    for format in jsonl har csv; do
        measure "export $format $n" "$APP" export --format "$format" --db "$db" --out "$OUT/export-$n.$format"
    done
    rm -f "$OUT/import-$n.db"*
    measure "import jsonl $n" "$APP" import --db "$OUT/import-$n.db" "$OUT/export-$n.jsonl"
    ls -l "$OUT"/export-"$n".* | awk '{printf "  %s: %.1f MiB\n", $9, $5 / 1048576}'
    rm -f "$OUT/import-$n.db"* "$OUT"/export-"$n".*
done
