#!/usr/bin/env bash
# A/B against an earlier build: runs each bench command ROUNDS times for the earlier binary and for this
# tree's, alternated (before, after, before, ...), in one run, so that both meet the same machine.
# Each command keeps its own reference, so compare the ratios each run prints.
#
#   bench/ab.sh BEFORE_BINARY ROUNDS "gui-stall.sh 15" ["ingest.sh 1 10 normal window" ...]
#
# BEFORE_BINARY: an earlier peanuts-monitor (release, with its bench probe) or peanuts-monitor-bench.
set -uo pipefail
cd "$(dirname "$0")/.."
BEFORE=$(realpath "$1")
ROUNDS=$2
shift 2
status=0
for command in "$@"; do
    for round in $(seq "$ROUNDS"); do
        for side in before after; do
            echo "=== $command: round $round, $side ==="
            if [ "$side" = before ]; then
                PEANUTS_BENCH_APP=$BEFORE bench/$command || status=1
            else
                bench/$command || status=1
            fi
        done
    done
done
exit $status
