#!/usr/bin/env bash
# The fuzz stage: starts the real ticket-server on each store and attacks it over TCP with
# schemathesis (as an administrator and as a plain user, over the served OpenAPI document) and
# with scripts/fuzz/raw_fuzz.py (raw requests no HTTP library would send). Schemathesis runs
# every check it has, its stateful phase included, on a database with tickets and comments. Any 5xx, any response
# that breaks the document, any dropped connection or a server that stops answering fails it;
# the failing request is printed so it can be replayed.
#
#   scripts/fuzz.sh [sqlite] [postgres]      both by default
#
# Settings (environment):
#   FUZZ_SEED=N            seed of both fuzzers (schemathesis --seed, raw_fuzz.py --seed); a new
#                          random one each run by default, printed first, so that every run
#                          tries other requests and a failing one can be replayed
#   FUZZ_SECONDS=20        time budget of the raw fuzzer per store
#   FUZZ_EXAMPLES=12       schemathesis examples per operation and phase
#   FUZZ_ST_SECONDS=30     time budget of each schemathesis run (its fuzzing and stateful phases
#                          repeat until it is spent)
#   FUZZ_SCHEMATHESIS=1    0 skips schemathesis (the raw fuzzer alone, e.g. for long runs)
#   TICKET_SERVER=...      the server binary (default: .build/debug/ticket-server, built if missing)
#   TICKETS_TEST_POSTGRES_URL  a PostgreSQL server whose superuser may create databases (the
#                          fuzz servers each get a database of their own, dropped afterwards);
#                          when unset, a throwaway server is started (scripts/postgres.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/postgres.sh
source scripts/server.sh

seed=${FUZZ_SEED:-$(( $(od -An -N4 -tu4 /dev/urandom) % 1000000 ))}
echo "== fuzz seed $seed (replay a failure with FUZZ_SEED=$seed scripts/fuzz.sh)"
seconds=${FUZZ_SECONDS:-20}
examples=${FUZZ_EXAMPLES:-12}
st_seconds=${FUZZ_ST_SECONDS:-30}
stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(sqlite postgres)

if [[ " ${stores[*]} " == *" postgres "* ]] && [ -z "${TICKETS_TEST_POSTGRES_URL:-}" ]; then
    start_postgres
fi

work=$(mktemp -d /tmp/tickets-fuzz.XXXXXX)
server_pid=""
databases=()
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    for database in "${databases[@]}"; do psql_admin -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$work"
    stop_postgres
}
trap cleanup EXIT

# The server under test: the current sources' debug build (a no-op when it is up to date).
server=${TICKET_SERVER:-}
if [ -z "$server" ]; then
    swift build --product ticket-server
    server=$(swift build --show-bin-path)/ticket-server
fi

# schemathesis and its dependencies, pinned, in a virtual environment made once.
venv=${FUZZ_VENV:-$root/.build/fuzz-venv}
case "$venv" in /*) ;; *) venv="$root/$venv" ;; esac
if [ "${FUZZ_SCHEMATHESIS:-1}" = 1 ] && [ ! -x "$venv/bin/st" ]; then
    echo "Installing schemathesis into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/fuzz/requirements.txt
fi

admin_email=fuzz-admin@example.com
# The token secret of this run's servers (PostgreSQL needs one given; never on the command line).
jwt_secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
admin_password=fuzz-admin-password
user_email=fuzz-user@example.com
user_password=fuzz-user-password

# Registers an account (POST /auth/register with the JSON `body`).
register() {
    curl -fsS -o /dev/null -X POST "http://127.0.0.1:$port/auth/register" -H 'Content-Type: application/json' -d "$1"
}

# Starts a fresh server on `store` and registers the plain user; sets $port and $server_pid.
# The fuzzers open a connection per request, hundreds a second from one address, and the server
# keeps each briefly after its answer (until the client's close); the per-address caps on
# connections and on self-registrations are lifted so that the fuzzers meet the requests'
# handling, not the caps (the Swift tests cover both).
start_server() {
    local store=$1 name=$2 database
    case "$store" in
        sqlite) database="$work/$name.sqlite" ;;
        postgres)
            [ -n "${TICKETS_TEST_POSTGRES_URL:-}" ] || { echo "TICKETS_TEST_POSTGRES_URL is not set" >&2; exit 1; }
            local db="tickets_fuzz_${name//-/_}_$$"
            psql_admin -qc "CREATE DATABASE $db" >/dev/null
            databases+=("$db")
            database="${TICKETS_TEST_POSTGRES_URL%/*}/$db"
            ;;
    esac
    TICKETS_ADMIN_PASSWORD="$admin_password" TICKETS_JWT_SECRET="$jwt_secret" \
        "$server" --host 127.0.0.1 --port 0 --port-file "$work/$name.port" --database "$database" --bcrypt-cost 4 \
        --log-level warning --admin-email "$admin_email" --allow-registration --max-connections-per-address 10000 \
        --registrations-per-address 1000000 \
        >"$work/$name.log" 2>&1 &
    server_pid=$!
    port=$(await_server_port "$work/$name.port" "$server_pid" "$work/$name.log") || exit 1
    register "{\"name\": \"Fuzz User\", \"email\": \"$user_email\", \"password\": \"$user_password\"}"
}

# Stops the server; fails (with its log) if it died on its own while being fuzzed.
stop_server() {
    local name=$1
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "FAIL: the server ($name) died; the end of its log:" >&2
        tail -40 "$work/$name.log" >&2
        exit 1
    fi
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    if grep -q "Unhandled error" "$work/$name.log"; then
        echo "FAIL: the server ($name) logged an unhandled error:" >&2
        grep -m5 "Unhandled error" "$work/$name.log" >&2
        exit 1
    fi
}

# Logs in and prints the token; fails unless GET /auth/me then answers with the expected role.
token_for() {
    local email=$1 password=$2 role=$3 token
    token=$(curl -fsS -X POST "http://127.0.0.1:$port/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$email\", \"password\": \"$password\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
    curl -fsS "http://127.0.0.1:$port/auth/me" -H "Authorization: Bearer $token" \
        | python3 -c 'import json, sys; sys.exit(json.load(sys.stdin)["user_role"]["role_name"] != sys.argv[1])' "$role" \
        || { echo "FAIL: $email is not logged in as $role" >&2; exit 1; }
    echo "$token"
}

# Posts JSON as the holder of a token and prints the new object's id.
post_json() {
    local token=$1 path=$2 body=$3
    curl -fsS -X POST "http://127.0.0.1:$port$path" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "$body" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}

# Gives the fuzzed server something to find, laid out so that the document's examples (the
# examples phase sends them) name objects that are there, whichever order the operations run in:
# tickets 1-3 are the plain user's and 4-6 the administrator's; comments 1 and 2 are the user's
# on ticket 2 (examples: 1 to read and change, 2 to delete; ticket 3 is the one to delete);
# account 2 is the plain user, 3 the example login, 4 the account to deactivate.
seed_data() {
    local user_token admin_token token name ticket id
    user_token=$(token_for "$user_email" "$user_password" user)
    admin_token=$(token_for "$admin_email" "$admin_password" admin)
    for id in 1 2 3 4 5 6; do
        token=$user_token name=user
        [ "$id" -le 3 ] || token=$admin_token name=admin
        ticket=$(post_json "$token" /tickets "{\"title\": \"Printer $id of $name jams\", \"description\": \"Paper jams on page two.\", \"priority\": \"high\"}")
        [ "$ticket" = "$id" ] || { echo "FAIL: seeded ticket $ticket, expected $id" >&2; exit 1; }
    done
    post_json "$user_token" /tickets/2/comments '{"content": "It jammed again."}' >/dev/null
    post_json "$user_token" /tickets/2/comments '{"content": "And again after lunch."}' >/dev/null
    post_json "$admin_token" /tickets/5/comments '{"content": "New rollers are on order."}' >/dev/null
    # The document's example login (POST /auth/login) is an account here, so that sending it signs in.
    register "$(curl -fsS "http://127.0.0.1:$port/openapi.json" \
        | python3 -c 'import json, sys; login = json.load(sys.stdin)["paths"]["/auth/login"]["post"]["requestBody"]["content"]["application/json"]["example"]; print(json.dumps({"name": "Example Login", **login}))')"
    register '{"name": "Leaving Soon", "email": "leaving@example.com", "password": "leaving-soon-password"}'
}

run_schemathesis() {
    local store=$1 role=$2 email=$3 password=$4 name="$1-schemathesis-$2"
    start_server "$store" "$name"
    local token only_admin=()
    token=$(token_for "$email" "$password" "$role")
    # A plain user may register and deactivate no one and replace only their own account, whose
    # id a generator hits by chance alone: every request would be refused, which tests nothing
    # (the permission matrix of the Swift tests checks these refusals for every role). The
    # administrator's run has them.
    [ "$role" = admin ] || only_admin=(--exclude-operation-id deactivateUser --exclude-operation-id replaceUser --exclude-operation-id registerByAdmin)
    seed_data
    echo "== schemathesis on $store as $role (seed $seed, $examples examples per operation, every check, stateful)"
    # Every check, the stateful phase following the document's links from the creating
    # operations; scripts/fuzz/schemathesis.toml says where a check is tuned and why. Signing
    # out would end the run's own token. Its example database and reports
    # stay in the work directory.
    local served="$work/$name.served"
    (cd "$work" && FUZZ_SERVED_FILE="$served" PYTHONPATH="$root/scripts/fuzz" SCHEMATHESIS_HOOKS=hooks \
        "$venv/bin/st" --config-file "$root/scripts/fuzz/schemathesis.toml" run "http://127.0.0.1:$port/openapi.json" \
        --header "Authorization: Bearer $token" --seed "$seed" --max-examples "$examples" --max-time "$st_seconds" \
        --exclude-path /auth/logout --exclude-path /auth/logout-all "${only_admin[@]}" \
        --phases examples,coverage,fuzzing,stateful --request-timeout 15 --no-shrink --workers 1 \
        --suppress-health-check all --output-truncate true) || {
        stop_server "$name" || true
        echo "FAIL: schemathesis on $store as $role; replay with FUZZ_SEED=$seed scripts/fuzz.sh $store" >&2
        exit 1
    }
    stop_server "$name"
    # The operations whose "missing test data" warning schemathesis.toml turns off must still
    # have served schema-valid data at least once (scripts/fuzz/hooks.py records them).
    if ! grep -q '^called ' "$served" 2>/dev/null; then
        echo "FAIL: schemathesis on $store as $role: scripts/fuzz/hooks.py recorded no call" >&2
        exit 1
    fi
    local unserved
    unserved=$(sed -n 's/^called //p' "$served" | grep -vxF -f <(sed -n 's/^served //p' "$served") || true)
    if [ -n "$unserved" ]; then
        echo "FAIL: schemathesis on $store as $role: no schema-valid request was served by: ${unserved//$'\n'/, }; replay with FUZZ_SEED=$seed scripts/fuzz.sh $store" >&2
        exit 1
    fi
}

run_raw() {
    local store=$1 name="$1-raw"
    start_server "$store" "$name"
    echo "== raw fuzzer on $store (seed $seed, $seconds s)"
    python3 scripts/fuzz/raw_fuzz.py --port "$port" --seed "$seed" --seconds "$seconds" \
        --admin "$admin_email:$admin_password" --user "$user_email:$user_password" || {
        stop_server "$name" || true
        echo "FAIL: raw fuzzer on $store; replay the request above, or the run with FUZZ_SEED=$seed scripts/fuzz.sh $store" >&2
        exit 1
    }
    stop_server "$name"
}

for store in "${stores[@]}"; do
    run_raw "$store"
    if [ "${FUZZ_SCHEMATHESIS:-1}" = 1 ]; then
        run_schemathesis "$store" user "$user_email" "$user_password"
        run_schemathesis "$store" admin "$admin_email" "$admin_password"
    fi
done
echo "Fuzz stage passed on: ${stores[*]}"
