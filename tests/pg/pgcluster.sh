#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (the CTest fixture "pg", tests/CMakeLists.txt).
#
#   pgcluster.sh start DIR   initdb a cluster in DIR, start it on 127.0.0.1 and a free port (never 5432),
#                            create the role and database "peanuts" (password over TCP, scram-sha-256) and
#                            pg_trgm in template1; write DIR/url (postgresql://peanuts:PW@127.0.0.1:PORT/peanuts)
#                            and DIR/port. A cluster left in DIR by an earlier run is stopped first.
#   pgcluster.sh stop DIR    stop it (fast shutdown; immediate, then SIGKILL if it hangs) and remove DIR.
#
# Without a PostgreSQL server installed, start writes no url and exits 0 (the tests skip), unless
# REQUIRE_PG=1, when it fails. The binaries come from /usr/lib/postgresql/15/bin, as on a fresh Debian 12
# where they are on no PATH, or else the highest /usr/lib/postgresql/*/bin. initdb refuses root, so as
# root the server runs as nobody:nogroup. Debian's own "main" cluster on 5432, and its socket directory
# /var/run/postgresql, are never used: the socket lives in DIR (or a short /tmp directory when DIR is too
# long a path for a unix socket).
set -euo pipefail

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}
(($# == 2)) || usage
action=$1
dir=$2
[[ -n $dir && $dir != / ]] || usage
dir=$(realpath -m -- "$dir")

say() { echo "pgcluster: $*" >&2; }

# PGCLUSTER_PG_ROOT stands in for /usr/lib/postgresql only in the tests of this script (a machine without
# PostgreSQL).
pg_root=${PGCLUSTER_PG_ROOT:-/usr/lib/postgresql}

pg_bin() {
    if [[ -x $pg_root/15/bin/initdb && -x $pg_root/15/bin/pg_ctl ]]; then
        echo "$pg_root/15/bin"
        return
    fi
    local candidate
    candidate=$(find "$pg_root" -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -n $candidate && -x $candidate/initdb && -x $candidate/pg_ctl ]]; then
        echo "$candidate"
    fi
}

# Runs a command as the cluster's owner: nobody when we are root, ourselves otherwise.
as_owner() {
    if ((EUID == 0)); then
        (cd / && setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@")
    else
        "$@"
    fi
}

# True while pid is a postgres process that has not exited (a zombie has).
server_alive() {
    [[ $1 =~ ^[0-9]+$ && -r /proc/$1/stat ]] || return 1
    local stat
    stat=$(<"/proc/$1/stat") || return 1
    [[ $stat == *"(postgres) "[^Z]* ]]
}

children_of() {
    local stat_file stat ppid
    for stat_file in /proc/[0-9]*/stat; do
        stat=$(<"$stat_file") 2>/dev/null || continue
        read -r _ ppid _ <<<"${stat##*) }"
        if [[ $ppid == "$1" ]]; then
            stat_file=${stat_file#/proc/}
            echo "${stat_file%/stat}"
        fi
    done
}

stop_cluster() {
    [[ -e $dir ]] || return 0
    local base=$dir
    [[ -s $dir/base ]] && base=$(<"$dir/base")
    local bin
    bin=$(pg_bin)
    if [[ -f $base/data/postmaster.pid ]]; then
        local pid
        pid=$(head -n 1 "$base/data/postmaster.pid")
        if [[ -n $bin ]]; then
            as_owner "$bin/pg_ctl" -D "$base/data" -m fast -w -t 20 stop >/dev/null 2>&1 ||
                as_owner "$bin/pg_ctl" -D "$base/data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
        fi
        # Never leave a server behind, whatever pg_ctl managed. The postmaster removes its pid file a
        # moment before it exits, so it gets 5 s; then it and its children are killed.
        local _
        for _ in $(seq 50); do
            server_alive "$pid" || break
            sleep 0.1
        done
        if server_alive "$pid"; then
            say "the server (pid $pid) did not stop; killing it"
            # The server's children each run in a session of their own: they are listed before the
            # postmaster dies and leaves them to init.
            local children child
            children=$(children_of "$pid")
            kill -KILL "$pid" 2>/dev/null || true
            for child in $children; do
                server_alive "$child" && kill -KILL "$child" 2>/dev/null
            done
        fi
    fi
    [[ $base != "$dir" ]] && rm -rf -- "$base"
    rm -rf -- "$dir"
}

free_port() {
    python3 - <<'EOF'
import socket
while True:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    if port != 5432:
        print(port)
        break
EOF
}

start_cluster() {
    stop_cluster
    local bin
    bin=$(pg_bin)
    if [[ -z $bin ]]; then
        if [[ ${REQUIRE_PG:-} == 1 ]]; then
            say "REQUIRE_PG=1 but no PostgreSQL server is installed (no $pg_root/*/bin/initdb): install postgresql-15"
            exit 1
        fi
        say "no PostgreSQL server installed (no $pg_root/*/bin/initdb); the PostgreSQL tests will skip"
        return 0
    fi
    mkdir -p -- "$dir"

    # Where the cluster lives: DIR itself, unless the owner cannot reach it (a build tree inside a
    # private home) or its socket path would pass the 107 bytes a unix socket address holds.
    local base=$dir
    if ((EUID == 0)); then
        chown nobody:nogroup "$dir"
        as_owner test -w "$dir" || base=""
    fi
    if [[ -z $base || ${#base} -gt 80 ]]; then
        base=$(mktemp -d /tmp/peanuts-pg.XXXXXX)
        ((EUID == 0)) && chown nobody:nogroup "$base"
        echo "$base" >"$dir/base"
    fi
    local data=$base/data sock=$base/sock
    as_owner mkdir -m 0700 "$sock"

    # initdb's own final sync of 40 MB is skipped (-N): the cluster is thrown away after the run anyway.
    # The server keeps fsync on, so that benchmarks measure the durability that ships; the tests'
    # fixture turns it off (PGCLUSTER_FSYNC=off): they check semantics, and every test case's CREATE
    # DATABASE would otherwise wait for the disk.
    if ! as_owner "$bin/initdb" -D "$data" -U postgres -A trust --auth-host=scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 -N >"$base/initdb.log" 2>&1; then
        cat "$base/initdb.log" >&2
        say "initdb failed"
        exit 1
    fi

    local password port attempt
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    for attempt in 1 2 3; do
        port=$(free_port)
        # Appended on each attempt: the last setting of a name wins.
        cat >>"$data/postgresql.conf" <<EOF
# tests/pg/pgcluster.sh
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 200
fsync = ${PGCLUSTER_FSYNC:-on}
EOF
        if as_owner "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 30 start >/dev/null; then
            break
        fi
        # Another process may have taken the port between asking for it and binding it.
        if ((attempt == 3)); then
            tail -n 20 "$base/server.log" >&2 || true
            say "the server did not start"
            stop_cluster
            exit 1
        fi
    done

    if ! "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d template1 >/dev/null <<EOF; then
CREATE EXTENSION pg_trgm;
CREATE ROLE peanuts LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE peanuts OWNER peanuts;
-- The redaction tests look for removed bytes in the table files themselves (in template1, so in every test database).
GRANT pg_checkpoint TO peanuts;
GRANT EXECUTE ON FUNCTION pg_read_binary_file(text) TO peanuts;
EOF
        say "setting up the role and database failed"
        stop_cluster
        exit 1
    fi
    echo "$port" >"$dir/port"
    echo "postgresql://peanuts:$password@127.0.0.1:$port/peanuts" >"$dir/url"
    say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $data"
}

case $action in
start) start_cluster ;;
stop) stop_cluster ;;
*) usage ;;
esac
