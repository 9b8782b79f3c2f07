# Sourced by scripts/test.sh, scripts/fuzz.sh and scripts/crash-test.sh: `start_postgres` starts a throwaway
# PostgreSQL server (initdb in a temporary directory, as the postgres user when run as root,
# since initdb refuses root; on a free port), exports TICKETS_TEST_POSTGRES_URL and stops and
# removes the server when the calling script exits, even on failure. It installs PostgreSQL
# with apt when the binaries are missing.

find_pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

free_port() {
    local port
    # Below the ephemeral range (32768-60999 here), where outgoing connections take ports the
    # probe would not see; only listening servers live there, and the probe sees those.
    for port in $(shuf -i 20000-32000 -n 50); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

start_postgres() {
    local bin
    if ! bin=$(find_pg_bin) || { [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; }; then
        echo "PostgreSQL binaries not found; installing with apt"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin=$(find_pg_bin)
    fi
    pg_tmp=$(mktemp -d /tmp/tickets-pg.XXXXXX)
    local port run_as=()
    port=$(free_port)
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$pg_tmp"
        chmod 700 "$pg_tmp"
        run_as=(runuser -u postgres --)
    fi
    pg_run() { "${run_as[@]}" "$@"; }
    trap stop_postgres EXIT
    pg_run "$bin/initdb" -D "$pg_tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$pg_tmp/initdb.log" 2>&1 \
        || { cat "$pg_tmp/initdb.log"; echo "initdb failed" >&2; exit 1; }
    # Tests need no durability; benchmarks of writes ask for PostgreSQL's durable defaults.
    local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${POSTGRES_DURABLE:-0}" = 1 ] && durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    pg_run "$bin/pg_ctl" -D "$pg_tmp/data" -l "$pg_tmp/server.log" -w -t 60 \
        -o "-p $port -k $pg_tmp -c listen_addresses=127.0.0.1 -c max_connections=400 $durability" start \
        >/dev/null || { cat "$pg_tmp/server.log"; echo "PostgreSQL did not start" >&2; exit 1; }
    pg_stop=("${run_as[@]}" "$bin/pg_ctl" -D "$pg_tmp/data" -m fast stop)
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE tickets_test" postgres
    export TICKETS_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/tickets_test"
    echo "Started PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
}

stop_postgres() {
    [ -n "${pg_stop:-}" ] && "${pg_stop[@]}" >/dev/null 2>&1 || true
    if [ -n "${pg_tmp:-}" ]; then rm -rf "$pg_tmp"; fi
}

# psql against the maintenance database of TICKETS_TEST_POSTGRES_URL's server (to create and
# drop databases of one's own).
psql_admin() {
    local psql
    psql=$(command -v psql || echo "$(find_pg_bin)/psql")
    "$psql" "${TICKETS_TEST_POSTGRES_URL%/*}/postgres" "$@"
}
