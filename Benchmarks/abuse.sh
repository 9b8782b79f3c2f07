#!/usr/bin/env bash
# The secure-defaults review's attacks against a release server on a generated SQLite database
# (Benchmarks/abuse.py says which): peak memory with 60 clients that never read the largest
# answers, a real login's time after 200 abandoned logins, and /health's latency while 4 clients
# send the worst search.
#
#   Benchmarks/abuse.sh [TICKETS]      10,000 generated tickets by default
#   SERVER=path/to/ticket-server       a given binary instead of this checkout's release build
#   CAP=N                              the server's --max-connections-per-address (default 32,
#                                      the server's own; the attacks come from one address)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
source scripts/server.sh
tickets=${1:-10000}
server=${SERVER:-}
if [ -z "$server" ]; then
    swift build -c release --product ticket-server >/dev/null
    server=.build/release/ticket-server
fi
work=$(mktemp -d /tmp/tickets-abuse.XXXXXX)
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
"$server" generate --database "$work/tickets.sqlite" --tickets "$tickets" --seed 1 >/dev/null
TICKETS_ADMIN_PASSWORD=abuse-admin-password "$server" --database "$work/tickets.sqlite" --port 0 --port-file "$work/server.port" \
    --log-level warning --admin-email abuse-admin@example.com --max-connections-per-address "${CAP:-32}" >"$work/server.log" 2>&1 &
server_pid=$!
port=$(await_server_port "$work/server.port" "$server_pid" "$work/server.log") || exit 1
echo "$(date -u +%Y-%m-%d) | SQLite | $tickets tickets | bcrypt cost 12 | connections per address ${CAP:-32} | $(nproc) cores"
# generate's staff accounts share one password (DemoData.password).
python3 Benchmarks/abuse.py --port "$port" --pid "$server_pid" \
    --admin abuse-admin@example.com:abuse-admin-password --user staff1@generated.example:demo-password
