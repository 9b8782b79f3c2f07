#!/usr/bin/env bash
# What each trigger-kept cache saves, at several sizes, on both stores: makes generated
# databases of each size (release `ticket-server generate`, the same data as Benchmarks/run.sh)
# and runs Benchmarks/caches.py on each, which times the query a route runs on a cache against
# the plain query it would run without it. The tables it prints are kept in
# docs/schema/README.md.
#
#   Benchmarks/caches.sh [SIZES...]      (default: 10000 100000 1000000)
#
# SQLite files go to $CACHE_BENCH_DIR (default /tmp/cache-bench) and are kept for the next run;
# PostgreSQL is a throwaway server (scripts/postgres.sh), one database per size.
# RUNS=n times each query n times (default 40).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
dir=${CACHE_BENCH_DIR:-/tmp/cache-bench}
runs=${RUNS:-40}
mkdir -p "$dir"
command -v psql >/dev/null || { echo "psql is missing: apt-get install postgresql-client" >&2; exit 1; }

swift build -c release --product ticket-server >/dev/null
server=$(swift build -c release --show-bin-path)/ticket-server
start_postgres
base=${TICKETS_TEST_POSTGRES_URL%/*}

for size in "${sizes[@]}"; do
    file="$dir/tickets-$size.sqlite"
    have=$( [ -f "$file" ] && sqlite3 "$file" "SELECT count(*) FROM tickets" 2>/dev/null || echo 0)
    if [ "$have" != "$size" ]; then
        rm -f "$file" "$file-wal" "$file-shm"
        echo "Generating $size tickets into $file" >&2
        "$server" generate --database "$file" --tickets "$size" --seed 1 >&2
    fi
    "$server" generate --database "$file" --tickets 0 >/dev/null
    python3 Benchmarks/caches.py sqlite "$file" "$runs"
    echo

    url="$base/cache_bench_$size"
    psql "$base/postgres" -Xq -c "CREATE DATABASE cache_bench_$size" >/dev/null
    echo "Generating $size tickets into PostgreSQL" >&2
    "$server" generate --database "$url" --tickets "$size" --seed 1 --batch-size 10000 >&2
    psql "$url" -Xq -c "VACUUM ANALYZE" >/dev/null
    python3 Benchmarks/caches.py postgres "$url" "$runs"
    echo
done
