#!/usr/bin/env bash
# Every performance figure of docs/performance.md in one run (about 25 minutes on 2 cores):
# P1 ingest (window open, both durabilities), P2 latency, P3 scale and cold start, P4 GUI stalls,
# P5 the other stacks (when node and npm are there). Each script alternates the app with its
# reference in the same run and prints medians and spreads.
set -uo pipefail
cd "$(dirname "$0")"
status=0
run() { echo; echo "=== $* ==="; "$@" || { echo "bench: $1 failed" >&2; status=1; }; }
run ./ingest.sh 3 10 normal window
run ./ingest.sh 3 10 full window
run ./latency.sh 3 normal
run ./scale.sh 3 10
run ./coldstart.sh 3
run ./gui-stall.sh 15
if command -v node >/dev/null && command -v npm >/dev/null; then
    run ./peers.sh 3 10
else
    echo "bench: node and npm are missing; P5 (peers.sh) skipped" >&2
fi
exit $status
