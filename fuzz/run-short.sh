#!/usr/bin/env bash
# Builds the fuzz preset and runs each libFuzzer target for a few seconds over its seed corpus.
# Exits non-zero on any finding (a crash, a sanitizer report, a failed invariant, a leak, a timeout).
# Usage: fuzz/run-short.sh [SECONDS_PER_TARGET]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
targets=(framer signature event projection framer_differential answers json)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
# installer/deps.sh declares every package this build used (the dev and asan builds check theirs in CTest).
python3 installer/check-deps.py build/fuzz

bin=build/fuzz/fuzz
artifacts=build/fuzz/artifacts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
failed=()
for t in "${targets[@]}"; do
    mkdir -p "$work/$t"
    seeds=("fuzz/corpus/$t")
    # The differential target also starts from the framer's seeds; past findings are replayed with the seeds.
    [[ $t == framer_differential ]] && seeds+=(fuzz/corpus/framer)
    [[ -d fuzz/regressions/$t ]] && seeds+=("fuzz/regressions/$t")
    # New inputs go to the scratch directory (first), the seeds in the repository are only read.
    if "$bin/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$artifacts/$t-" "$work/$t" "${seeds[@]}" >"$work/$t.log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
        echo "fuzz $t: ok, ${runs:-?} runs in ${seconds} s" >&2
    else
        echo "fuzz $t: FAILED; the input is in $artifacts/, the log follows" >&2
        tail -n 60 "$work/$t.log" >&2
        failed+=("$t")
    fi
done
((${#failed[@]} == 0)) || { echo "fuzz: findings in ${failed[*]}" >&2; exit 1; }
