#!/usr/bin/env bash
# P5: Peanuts Monitor beside other stacks doing the same exercise (verify the HMAC, store the
# delivery, answer), in one run: the Peanuts guide's suggestion (Node.js + Express + lowdb) and
# Express + better-sqlite3 (WAL, synchronous=NORMAL), both from shared/bench/peer-express.mjs, at 0
# and at 100k entries already stored, with the constant-reply QHttpServer reference for context.
# Each measurement: a fresh copy of the store, wrk 16 connections for SECONDS with unique signed
# bodies. Rounds alternate the receivers (reversed order every other round); medians are printed.
#
#   bench/peers.sh [ROUNDS=3] [SECONDS=10]
#
# Needs: wrk, python3, node + npm (Debian: nodejs npm; better-sqlite3 builds with g++/make if no
# prebuilt binary fits), a release build (built when missing). The peer's npm packages and the
# seeded 100k stores are kept in $PEANUTS_BENCH_SCRATCH (default ~/.cache/peanuts-bench), outside
# the repository; the first run installs and seeds them (about a minute each).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
source bench/lib.sh
SCRATCH=${PEANUTS_BENCH_SCRATCH:-${XDG_CACHE_HOME:-$HOME/.cache}/peanuts-bench}
SIZE=100000
mkdir -p "$SCRATCH/peer"

missing=()
for tool in wrk python3 node npm; do command -v $tool >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
    echo "bench: missing ${missing[*]} (Debian: apt-get install wrk python3 nodejs npm)" >&2
    exit 1
fi
cmake --preset release >/dev/null
cmake --build --preset release --target peanuts-monitor-bench peanuts-seed >/dev/null
cmake -S "$SHARED/bench/qt-ceiling" -B "$OUT/qt-ceiling" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$OUT/qt-ceiling" >/dev/null
[ -s "$OUT/bodies.txt" ] || python3 "$SHARED/bench/gen_bodies.py" 400000 "$OUT/bodies.txt" --secret "$SECRET"

PEER="$SCRATCH/peer"
cp "$SHARED/bench/peer-express.mjs" "$SHARED/bench/package.json" "$PEER/"
if [ ! -d "$PEER/node_modules" ]; then
    echo "bench: npm install in $PEER (express, lowdb, better-sqlite3; about a minute)" >&2
    (cd "$PEER" && npm install --no-audit --no-fund >&2) || {
        echo "bench: npm install failed in $PEER; better-sqlite3 needs g++ and make when no prebuilt binary fits" >&2
        exit 1
    }
fi

# Stores with $SIZE entries, seeded once and copied for every measurement. Seeded ids ("seed-N")
# never collide with the benchmark's ("e-N").
. bench/seeded.sh
seeded_db "$SIZE" "$SCRATCH/app-$SIZE.db"
if [ ! -s "$SCRATCH/peer-sqlite-$SIZE.db" ] || [ ! -s "$SCRATCH/peer-lowdb-$SIZE.json" ]; then
    cat >"$PEER/seed.cjs" <<'JS'
// Fills peer-express.mjs's two stores with N entries in the shapes it writes itself.
const fs = require('fs');
const Database = require('better-sqlite3');
const [n, sqlitePath, lowdbPath] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const cats = ['Food', 'Travel', 'Office', 'Software', 'Rent', 'Fuel', 'Health', 'Other'];
const helper = { id: 'h-exp', name: 'Expense Tracker', command: '/expenses' };
const now = Date.now();
const events = [];
for (let i = 0; i < n; i++) {
  const at = new Date(now - (i % (40 * 24 * 60)) * 60000).toISOString();
  const entry = { id: `seed-${i}`, created_at: at,
    data: { amount: ((i * 7919) % 90000) / 100 + 1, category: cats[i % 8], description: `seeded purchase ${i}` } };
  events.push({ event: 'entry.created', timestamp: at, helper, entry, user: { id: 'user-1' } });
}
fs.rmSync(sqlitePath, { force: true });
const db = new Database(sqlitePath);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS raw(id INTEGER PRIMARY KEY, body TEXT); CREATE TABLE IF NOT EXISTS entries(id TEXT PRIMARY KEY, created_at TEXT, helper TEXT, data TEXT)');
const ins = db.prepare('INSERT INTO raw(body) VALUES (?)');
const up = db.prepare('INSERT INTO entries(id, created_at, helper, data) VALUES (?,?,?,?)');
db.transaction(() => {
  for (const ev of events) {
    ins.run(JSON.stringify(ev));
    up.run(ev.entry.id, ev.entry.created_at, JSON.stringify(ev.helper), JSON.stringify(ev.entry.data));
  }
})();
db.close();
const data = { entries: {} };
for (const ev of events) data.entries[ev.entry.id] = { ...ev.entry, helper: ev.helper };
fs.writeFileSync(lowdbPath, JSON.stringify(data));
JS
    (cd "$PEER" && node seed.cjs $SIZE "$SCRATCH/peer-sqlite-$SIZE.db" "$SCRATCH/peer-lowdb-$SIZE.json")
fi

# wrk's own timeout is raised to the run's length: lowdb answers slowly, and an answer that comes
# late still counts (one that never comes within the run does not).
run_wrk() { # port name -> "rate non2xx errors"
    BODIES="$OUT/bodies.txt" wrk -t1 -c16 -d"${SECONDS_PER_RUN}s" --timeout "${SECONDS_PER_RUN}s" \
        -s "$SHARED/bench/wrk-signed.lua" "http://127.0.0.1:$1/webhook" >"$OUT/peers/wrk-$2.txt"
    awk '/Requests\/sec/ {r=$2} /Non-2xx/ {n=$5} /Socket errors/ {e=$0} END {gsub(/ +/, "_", e); print r, n+0, (e==""?"-":e)}' \
        "$OUT/peers/wrk-$2.txt"
}

measure() { # receiver size -> prints "rate non2xx errors"
    local receiver=$1 size=$2 dir="$OUT/peers/run" pid port
    rm -rf "$dir" && mkdir -p "$dir"
    case $receiver in
    reference)
        port=18184
        "$OUT/qt-ceiling/qt-ceiling" $port >/dev/null 2>&1 & pid=$! ;;
    app)
        port=18185
        [ "$size" = 0 ] || cp "$SCRATCH/app-$SIZE.db" "$dir/bench.db"
        PEANUTS_SECRET=$SECRET "$APP" --headless --port $port \
            --db "$dir/bench.db" --settings "$dir/settings.ini" >"$dir/log" 2>&1 & pid=$! ;;
    sqlite | lowdb)
        port=18186
        local file="$dir/peer.$([ "$receiver" = lowdb ] && echo json || echo db)"
        if [ "$size" != 0 ]; then
            if [ "$receiver" = lowdb ]; then cp "$SCRATCH/peer-lowdb-$SIZE.json" "$file"
            else cp "$SCRATCH/peer-sqlite-$SIZE.db" "$file"; fi
        fi
        PEANUTS_SECRET=$SECRET PORT=$port STORE=$receiver DB="$file" node "$PEER/peer-express.mjs" >"$dir/log" 2>&1 &
        pid=$! ;;
    esac
    wait_port $port 20
    run_wrk $port "$receiver-$size"
    kill $pid
    wait $pid 2>/dev/null || true
}

mkdir -p "$OUT/peers"
results="$OUT/peers/results.txt"
: >"$results"
order=("reference 0" "app 0" "sqlite 0" "lowdb 0" "app $SIZE" "sqlite $SIZE" "lowdb $SIZE")
for round in $(seq "$ROUNDS"); do
    runs=("${order[@]}")
    if ((round % 2 == 0)); then # reversed every other round, so drift hits every receiver alike
        runs=()
        for ((i = ${#order[@]} - 1; i >= 0; i--)); do runs+=("${order[i]}"); done
    fi
    for run in "${runs[@]}"; do
        set -- $run
        got=$(measure "$1" "$2")
        echo "$round $1 $2 $got" | tee -a "$results"
    done
done

python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def rates(receiver, size):
    return [float(r[3]) for r in rows if r[1] == receiver and r[2] == size]
def trouble(receiver, size):
    bad = [r for r in rows if r[1] == receiver and r[2] == size and (r[4] != "0" or r[5] != "-")]
    return "; ".join(f"round {r[0]}: non-2xx {r[4]}, {r[5].replace('_', ' ')}" for r in bad)
names = {"app": "Peanuts Monitor (durability normal)", "sqlite": "Express + better-sqlite3",
         "lowdb": "Express + lowdb (the guide's stack)"}
ref = rates("reference", "0")
sizes = sorted({r[2] for r in rows if r[1] == "app"}, key=int)
app = {s: statistics.median(rates("app", s)) for s in sizes}
print()
print(f"qt-ceiling reference (no verification, no storage): median {statistics.median(ref):,.0f}/s "
      f"(min {min(ref):,.0f}, max {max(ref):,.0f}), {len(ref)} rounds")
print()
print("| receiver | " + " | ".join(f"{int(s):,} stored: median deliveries/s (min-max)" for s in sizes)
      + " | " + " | ".join(f"app / it at {int(s):,}" for s in sizes) + " |")
print("| --- |" + " --- |" * (2 * len(sizes)))
for receiver in ("app", "sqlite", "lowdb"):
    cells = []
    for s in sizes:
        xs = rates(receiver, s)
        cells.append(f"{statistics.median(xs):,.0f} ({min(xs):,.0f}-{max(xs):,.0f})")
    ratios = [f"{app[s] / statistics.median(rates(receiver, s)):.1f}x" for s in sizes]
    print(f"| {names[receiver]} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
notes = [(n, t) for n in ("app", "sqlite", "lowdb") for s in sizes if (t := trouble(n, s))]
for n, t in notes:
    print(f"note {names[n]}: {t}")
PY
