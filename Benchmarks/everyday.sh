#!/usr/bin/env bash
# The everyday requests, side by side in one run: a route that touches no database, the token
# check, a single ticket, pages, search, similar, stats, a create, a comment, a status change, a
# login, and a single ticket while 16 clients log in. Each case is also given as a ratio to the
# no-database route of the same run, so figures from a noisy or slower machine stay comparable.
#
#   Benchmarks/everyday.sh [sqlite|postgres] [TICKETS]
#
# Builds the release server, makes a database of the store with the generator (TICKETS,
# default 10000), and for each round starts the server on 127.0.0.1 on a fresh copy of it (so
# the writes of one round do not change what the next one reads) and measures each case with
# wrk (the Lua scripts in Benchmarks/wrk). PostgreSQL runs on a throwaway server (scripts/postgres.sh) and
# gets `pgbench -S` on the same server as a second reference. Prints a markdown table.
#
# Settings (environment): RUNS=1 (rounds; the table shows medians), DURATION=10 (seconds per
# case), CONNECTIONS=32, THREADS=2, LOG_LEVEL=info (the server's), BCRYPT_COST=12, SERVER (a
# ticket-server binary to measure instead of building this checkout's, e.g. an older build for a
# same-day comparison; it also generates the database).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/postgres.sh
source scripts/server.sh

store=${1:-sqlite}
tickets=${2:-10000}
runs=${RUNS:-1}
duration=${DURATION:-10}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
log_level=${LOG_LEVEL:-info}
cost=${BCRYPT_COST:-12}

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing wrk" >&2
        apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
    fi
    command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
fi
if [ -n "${SERVER:-}" ]; then
    server=$(cd "$(dirname "$SERVER")" && pwd)/$(basename "$SERVER")
else
    swift build -c release --product ticket-server >/dev/null
    server=$root/.build/release/ticket-server
fi

work=$(mktemp -d /tmp/tickets-everyday.XXXXXX)
server_pid=""
cleanup() {
    stop_round
    if [ "$store" = postgres ]; then
        psql_admin -qc "DROP DATABASE IF EXISTS bench_everyday WITH (FORCE)" >/dev/null 2>&1 || true
        psql_admin -qc "DROP DATABASE IF EXISTS bench_pgbench WITH (FORCE)" >/dev/null 2>&1 || true
        stop_postgres
    fi
    rm -rf "$work"
}
trap cleanup EXIT

case "$store" in
    sqlite) template="$work/bench.sqlite" ;;
    postgres)
        # A throwaway server with PostgreSQL's durable defaults (synchronous_commit=on, fsync=on).
        [ -n "${TICKETS_TEST_POSTGRES_URL:-}" ] || POSTGRES_DURABLE=1 start_postgres
        psql_admin -qc "CREATE DATABASE bench_everyday" >/dev/null
        template="${TICKETS_TEST_POSTGRES_URL%/*}/bench_everyday"
        ;;
    *) echo "usage: Benchmarks/everyday.sh [sqlite|postgres] [TICKETS]" >&2; exit 2 ;;
esac

echo "Generating $tickets tickets ($store)" >&2
"$server" generate --database "$template" --tickets "$tickets" --seed 1 >/dev/null

# Starts the server on a fresh copy of the generated database and prepares what the cases
# use: tokens, 16 login accounts hashed at the configured cost (see wrk/login.lua), one of a
# staff member's tickets with a comment (read), another (commented on), and open tickets the
# technician moves.
start_round() {
    case "$store" in
        sqlite)
            # The generator's last writes may still be in the WAL: copy it along.
            for suffix in "" -wal -shm; do
                [ -f "$template$suffix" ] && cp "$template$suffix" "$work/round.sqlite$suffix"
            done
            database="$work/round.sqlite"
            ;;
        postgres)
            psql_admin -qc "CREATE DATABASE bench_round TEMPLATE bench_everyday" >/dev/null
            database="${TICKETS_TEST_POSTGRES_URL%/*}/bench_round"
            ;;
    esac
    rm -f "$work/server.port"
    TICKETS_ADMIN_PASSWORD=bench-admin-password TICKETS_JWT_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n') \
        "$server" --database "$database" --port 0 --port-file "$work/server.port" --log-level "$log_level" --bcrypt-cost "$cost" \
        --admin-email bench-admin@example.com --max-connections-per-address 100000 >/dev/null 2>&1 &
    server_pid=$!
    port=$(await_server_port "$work/server.port" "$server_pid" /dev/null) || exit 1
    base="http://127.0.0.1:$port"
    admin=$(token bench-admin@example.com bench-admin-password)
    tech=$(token tech1@generated.example demo-password)
    staff=$(token staff1@generated.example demo-password)
    for number in $(seq 1 16); do
        curl -sf -o /dev/null -X POST "$base/auth/register/admin" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
            -d "{\"name\": \"Bench $number\", \"email\": \"bench-login-$number@example.com\", \"password\": \"bench-login-password\", \"role\": \"user\"}"
    done
    local own
    own=$(ticket_ids "$staff" "limit=2")
    ticket=$(sed -n 1p <<<"$own")
    commented=$(sed -n 2p <<<"$own")
    [ -n "$ticket" ] && [ -n "$commented" ] || { echo "staff1@generated.example has fewer than two tickets" >&2; exit 1; }
    curl -sf -o /dev/null -X POST "$base/tickets/$ticket/comments" -H "Authorization: Bearer $staff" -H 'Content-Type: application/json' \
        -d '{"content": "Any news?"}'
    export BENCH_MOVED_TICKETS
    BENCH_MOVED_TICKETS=$(ticket_ids "$tech" "limit=32&status=open" | paste -sd, -)
    [ -n "$BENCH_MOVED_TICKETS" ] || BENCH_MOVED_TICKETS=$ticket
}

# Stops the round's server and drops its copy of the database.
stop_round() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
    case "$store" in
        sqlite) rm -f "$work"/round.sqlite* ;;
        postgres) psql_admin -qc "DROP DATABASE IF EXISTS bench_round WITH (FORCE)" >/dev/null 2>&1 || true ;;
    esac
}

# The ids of the tickets a list shows to the holder of token $1 (query $2), one per line.
ticket_ids() {
    curl -sf -H "Authorization: Bearer $1" "$base/tickets?$2" | python3 -c 'import json, sys; print(*(t["id"] for t in json.load(sys.stdin)), sep="\n")' || true
}

token() {
    curl -sf -X POST "$base/auth/login" -H 'Content-Type: application/json' -d "{\"email\": \"$1\", \"password\": \"$2\"}" |
        sed -E 's/.*"token":"([^"]+)".*/\1/'
}

# The cases, as name|token|path|lua script (empty: GET), for the round's server.
round_cases() {
    cases=(
        "no database (404 problem)||/benchmark-no-such-route|"
        "GET /auth/me|$staff|/auth/me|"
        "GET /tickets/{id}|$staff|/tickets/$ticket|"
        "GET /tickets page of 50 (technician)|$tech|/tickets?limit=50|"
        "GET /tickets page of 50 (own, staff)|$staff|/tickets?limit=50|"
        "GET /tickets?q=printer|$tech|/tickets?limit=50&q=printer|"
        "GET /tickets/similar|$staff|/tickets/similar?title=printer%20jams%20on%20floor%202|"
        "GET /stats|$staff|/stats|"
        "POST /tickets|$staff|/tickets|post-ticket.lua"
        "POST /tickets/{id}/comments|$staff|/tickets/$commented/comments|post-comment.lua"
        "PATCH /tickets/{id} status|$tech|/tickets|patch-status.lua"
        "POST /auth/login (cost $cost)||/auth/login|login.lua"
        "GET /tickets/{id} while 16 clients log in|$staff|/tickets/$ticket|"
    )
}

# Runs wrk for one case; prints "rps p50 p99 errors peak-rss-MB".
measure() {
    local token=$1 path=$2 script=$3
    # A login at cost 12 queues for bcrypt well past wrk's default 2-second timeout.
    local arguments=(-t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency)
    [ -n "$token" ] && arguments+=(-H "Authorization: Bearer $token")
    [ -n "$script" ] && arguments+=(-s "$root/Benchmarks/wrk/$script")
    local peak=0 sampler
    echo 0 >"$work/rss"
    (
        local high=0
        while kill -0 "$server_pid" 2>/dev/null; do
            rss=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0)
            [ "${rss:-0}" -gt "$high" ] && high=$rss && echo "$high" >"$work/rss"
            sleep 0.2
        done
    ) &
    sampler=$!
    local out
    out=$(wrk "${arguments[@]}" "$base$path")
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    peak=$(( $(cat "$work/rss") / 1024 ))
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses/ {n += $NF} /Socket errors/ {for (i = 3; i <= NF; i++) {v = $i; sub(/,/, "", v); if (v ~ /^[0-9]+$/) n += v}} END {print n + 0}' <<<"$out")
    echo "$rps $p50 $p99 $errors $peak"
}

declare -A results
for run in $(seq 1 "$runs"); do
    start_round
    round_cases
    for entry in "${cases[@]}"; do
        IFS='|' read -r name token path script <<<"$entry"
        if [[ "$name" == *"while 16 clients log in"* ]]; then
            wrk -t1 -c16 -d"$((duration + 2))s" -s "$root/Benchmarks/wrk/login.lua" "$base/auth/login" >/dev/null &
            background=$!
            sleep 1
            results["$name|$run"]=$(measure "$token" "$path" "$script")
            wait "$background" || true
        else
            results["$name|$run"]=$(measure "$token" "$path" "$script")
        fi
        echo "run $run: $name: ${results["$name|$run"]}" >&2
    done
    stop_round
done

# The median of column `field` (1-based) over the runs of a case.
median() {
    local name=$1 field=$2
    for run in $(seq 1 "$runs"); do echo "${results["$name|$run"]}" | awk -v f="$field" '{print $f}'; done |
        sed -E 's/ms$//; s/us$/e-3/; s/s$/e3/' | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

baseline=$(median "${cases[0]%%|*}" 1)
if [ "$store" = postgres ]; then
    durability="synchronous_commit=$(psql_admin -Atc "SHOW synchronous_commit"), fsync=$(psql_admin -Atc "SHOW fsync")"
else
    durability="synchronous=FULL"
fi
echo
echo "$(date -u +%Y-%m-%d) | $store | $tickets tickets | wrk -t$threads -c$connections -d${duration}s | runs $runs (medians) | log level $log_level | $durability | $(nproc) cores${SERVER:+ | server $SERVER}"
echo
echo "| case | requests/s | ratio to no-database | p50 (ms) | p99 (ms) | errors | peak RSS (MB) |"
echo "|---|---|---|---|---|---|---|"
for entry in "${cases[@]}"; do
    name=${entry%%|*}
    rps=$(median "$name" 1)
    printf '| %s | %.0f | %.2f | %.2f | %.2f | %s | %s |\n' "$name" "$rps" "$(awk -v a="$rps" -v b="$baseline" 'BEGIN {print a / b}')" \
        "$(median "$name" 2)" "$(median "$name" 3)" "$(median "$name" 4)" "$(median "$name" 5)"
done

if [ "$store" = postgres ] && command -v pgbench >/dev/null; then
    psql_admin -qc "CREATE DATABASE bench_pgbench" >/dev/null
    pgbench_url="${TICKETS_TEST_POSTGRES_URL%/*}/bench_pgbench"
    pgbench -q -i -s 1 "$pgbench_url" >/dev/null 2>&1
    tps=$(pgbench -S -c "$connections" -j "$threads" -T "$duration" "$pgbench_url" 2>/dev/null | awk '/^tps/ {print $3; exit}')
    echo
    echo "Reference on the same PostgreSQL server: pgbench -S -c$connections -j$threads: $tps transactions/s (one primary-key read each)."
fi
