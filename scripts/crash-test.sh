#!/usr/bin/env bash
# Crash safety: runs a write load over HTTP (creates, comments, status changes), kills the
# server with SIGKILL in the middle of it, restarts it on the same database, and checks that
# every write that got a 2xx (in this round and every earlier one) is there and that nothing is
# half-written (a ticket without its history, a comment without its event). It kills the
# ticket server, not the database server or the machine: it shows that nothing is acknowledged
# before it commits and that commits are whole, not what a power cut does to unsynced pages.
#
#   scripts/crash-test.sh [sqlite] [postgres]      both by default
#
# CRASH_SECONDS=5   how long the load runs before the kill (docs/testing.md gives a longer run)
# CRASH_ROUNDS=1    kill and restart this many times on the same database
# TICKET_SERVER, TICKETS_TEST_POSTGRES_URL: as for scripts/fuzz.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
source scripts/server.sh

seconds=${CRASH_SECONDS:-5}
rounds=${CRASH_ROUNDS:-1}
stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(sqlite postgres)

if [[ " ${stores[*]} " == *" postgres "* ]] && [ -z "${TICKETS_TEST_POSTGRES_URL:-}" ]; then
    start_postgres
fi
server=${TICKET_SERVER:-}
if [ -z "$server" ]; then
    swift build --product ticket-server
    server=$(swift build --show-bin-path)/ticket-server
fi

work=$(mktemp -d /tmp/tickets-crash.XXXXXX)
server_pid=""
database_name=""
cleanup() {
    if [ -n "$server_pid" ]; then kill -9 "$server_pid" 2>/dev/null || true; fi
    if [ -n "$database_name" ]; then psql_admin -qc "DROP DATABASE IF EXISTS $database_name WITH (FORCE)" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
    stop_postgres
}
trap cleanup EXIT

admin_email=crash-admin@example.com
# The token secret of this run's servers (PostgreSQL needs one given; never on the command line).
jwt_secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
admin_password=crash-admin-password

# Starts the server on a port of its choosing; sets $server_pid and $port.
start_server() {
    rm -f "$work/server.port"
    TICKETS_ADMIN_PASSWORD="$admin_password" TICKETS_JWT_SECRET="$jwt_secret" \
        "$server" --host 127.0.0.1 --port 0 --port-file "$work/server.port" --database "$database" --bcrypt-cost 4 \
        --log-level warning --admin-email "$admin_email" --max-connections-per-address 10000 >>"$work/server.log" 2>&1 &
    server_pid=$!
    port=$(await_server_port "$work/server.port" "$server_pid" "$work/server.log") || exit 1
}

for store in "${stores[@]}"; do
    case "$store" in
        sqlite) database="$work/crash.sqlite" ;;
        postgres)
            database_name="tickets_crash_$$"
            psql_admin -qc "CREATE DATABASE $database_name" >/dev/null
            database="${TICKETS_TEST_POSTGRES_URL%/*}/$database_name"
            ;;
        *) echo "unknown store $store" >&2; exit 1 ;;
    esac
    rm -f "$work/acknowledged.json"
    for round in $(seq 1 "$rounds"); do
        echo "== crash test on $store, round $round: ${seconds} s of writes, then kill -9"
        start_server
        python3 scripts/crash/load.py run --base "http://127.0.0.1:$port" --admin-email "$admin_email" \
            --admin-password "$admin_password" --out "$work/acknowledged.json" --seconds "$seconds" &
        load_pid=$!
        sleep "$seconds"
        kill -9 "$server_pid"
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
        wait "$load_pid"
        start_server
        python3 scripts/crash/load.py verify --base "http://127.0.0.1:$port" --admin-email "$admin_email" \
            --admin-password "$admin_password" --out "$work/acknowledged.json"
        kill "$server_pid"
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    done
    if [ "$store" = postgres ]; then
        psql_admin -qc "DROP DATABASE IF EXISTS $database_name WITH (FORCE)" >/dev/null
        database_name=""
    else
        rm -f "$work"/crash.sqlite*
    fi
done
if grep -q "Unhandled error" "$work/server.log"; then
    echo "FAIL: the server logged an unhandled error:" >&2
    grep -m5 "Unhandled error" "$work/server.log" >&2
    exit 1
fi
echo "Crash test passed on: ${stores[*]}"
