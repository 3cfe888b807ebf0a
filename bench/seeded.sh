# Sourced by the scale benchmarks, from the repository root, after the release build:
#   seeded_db N PATH
# leaves at PATH a database of N deliveries made by bench/peanuts-seed, made again when it is missing
# or was written by a build with another schema (it would be migrated on every copy otherwise).
seeded_db() {
    local n=$1 path=$2 want have
    want=$(build/release/bench/peanuts-seed --schema)
    have=$(sqlite3 "$path" "PRAGMA user_version" 2>/dev/null || echo none)
    [ -s "$path" ] && [ "$have" = "$want" ] && return 0
    rm -f "$path" "$path"-* "$path".tmp*
    build/release/bench/peanuts-seed "$n" "$path.tmp" >&2
    sqlite3 "$path.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    mv "$path.tmp" "$path"
    rm -f "$path".tmp-*
}
