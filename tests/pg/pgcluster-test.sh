#!/usr/bin/env bash
# The cluster script's own test (CTest pgcluster_lifecycle), in a directory of its own: a second start
# replaces the first cluster, a crashed server does not stop the next start, stop leaves no server and no
# directory, and a second stop does nothing. Prints how long start and stop took. Exit 77 (skipped) when
# no PostgreSQL is installed, unless REQUIRE_PG=1.
set -euo pipefail
script="$(dirname "$0")/pgcluster.sh"
dir=$1

fail() {
    echo "FAIL: $*" >&2
    "$script" stop "$dir" || true
    exit 1
}

# The postmaster's pid, from the pid file wherever the cluster lives.
server_pid() {
    local base=$dir
    [[ -s $dir/base ]] && base=$(<"$dir/base")
    head -n 1 "$base/data/postmaster.pid"
}

alive() { [[ -r /proc/$1/stat && $(</proc/"$1"/stat) != *") Z "* ]]; }

ms() { date +%s%3N; }

t0=$(ms)
"$script" start "$dir"
t1=$(ms)
if [[ ! -e $dir/url ]]; then
    [[ ${REQUIRE_PG:-} == 1 ]] && fail "no url after start under REQUIRE_PG=1"
    echo "SKIP: no PostgreSQL installed"
    exit 77
fi
first=$(server_pid)
alive "$first" || fail "no server after start"
grep -Eq "^postgresql://peanuts:[0-9a-f]{32}@127\.0\.0\.1:$(<"$dir/port")/peanuts$" "$dir/url" ||
    fail "url and port disagree: $(sed 's/:[0-9a-f]*@/:***@/' "$dir/url"), $(<"$dir/port")"

"$script" start "$dir"
second=$(server_pid)
alive "$first" && fail "the first server ($first) still runs after a second start"
alive "$second" || fail "no server after the second start"

kill -KILL "$second" # a crashed run: a stale pid file, no postmaster
"$script" start "$dir"
third=$(server_pid)
alive "$third" || fail "no server after starting over a crashed one"

t2=$(ms)
"$script" stop "$dir"
t3=$(ms)
alive "$third" && fail "the server ($third) still runs after stop"
[[ -e $dir ]] && fail "$dir is still there after stop"
"$script" stop "$dir" || fail "a second stop failed"
echo "start $((t1 - t0)) ms, stop $((t3 - t2)) ms"
