#!/usr/bin/env bash
# Long libFuzzer runs of every target, one after the other, with a working corpus outside the
# repository (seeded from fuzz/corpus), printing the executions each target reached.
# Usage: fuzz/run-long.sh [SECONDS_PER_TARGET]   (default 600)
# Environment: FUZZ_JOBS (default 2: -fork=2, one worker per core; 1 runs in-process),
#              FUZZ_WORK (default ~/.cache/peanuts-fuzz), FUZZ_TARGETS (default: all seven),
#              FUZZ_PROJECTION_SECONDS (default SECONDS_PER_TARGET; the slowest target may want more).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
jobs=${FUZZ_JOBS:-2}
work=${FUZZ_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/peanuts-fuzz}
read -r -a targets <<<"${FUZZ_TARGETS:-framer signature event projection framer_differential answers json}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

bin=build/fuzz/fuzz
mkdir -p "$work/artifacts"
status=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "$work/corpus/$t"
    time=$seconds
    [[ $t == projection ]] && time=${FUZZ_PROJECTION_SECONDS:-$seconds}
    log="$work/$t.log"
    seeds=("fuzz/corpus/$t")
    # The differential target also starts from the framer's seeds; past findings are replayed with the seeds.
    [[ $t == framer_differential ]] && seeds+=(fuzz/corpus/framer)
    [[ -d fuzz/regressions/$t ]] && seeds+=("fuzz/regressions/$t")
    mode=()
    ((jobs > 1)) && mode=(-fork="$jobs")
    echo "== $t: $time s, jobs $jobs, corpus $work/corpus/$t, log $log" >&2
    rc=0
    "$bin/fuzz_$t" "${mode[@]}" -max_total_time="$time" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$t-" "$work/corpus/$t" "${seeds[@]}" >"$log" 2>&1 || rc=$?
    # In-process runs end with the final stats; fork mode's last status line counts every worker's runs.
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [[ -n $runs ]] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
    units=$(find "$work/corpus/$t" -type f | wc -l)
    line="$t: ${runs:-?} executions in $time s, working corpus $units files, exit $rc"
    echo "$line" >&2
    summary+=("$line")
    ((rc == 0)) || status=1
done
echo "== summary" >&2
printf '%s\n' "${summary[@]}"
ls "$work/artifacts" 2>/dev/null | sed 's/^/artifact: /'
exit $status
