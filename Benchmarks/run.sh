#!/usr/bin/env bash
# Measures the list, search, similar, single-ticket and stats endpoints with wrk against a release server.
#
#   Benchmarks/run.sh [DATABASE] [TICKETS]
#
# DATABASE defaults to bench.sqlite (a postgres:// URL works too). When it holds fewer than
# TICKETS tickets (default 1000000), the missing ones are generated first. Every request goes
# to 127.0.0.1 only; each scenario runs for DURATION seconds (default 20) with 16 connections.
# ONLY=text runs just the scenarios whose name contains text (e.g. ONLY=/stats).
set -euo pipefail
cd "$(dirname "$0")/.."

database=${1:-bench.sqlite}
tickets=${2:-1000000}
duration=${DURATION:-20}
port=${PORT:-8181}
connections=16

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
swift build -c release --product ticket-server >/dev/null
server=.build/release/ticket-server

existing=0
if [[ "$database" != postgres* ]] && [ -f "$database" ]; then
    existing=$(sqlite3 "$database" "SELECT count(*) FROM tickets" 2>/dev/null || echo 0)
fi
if [[ "$database" == postgres* ]]; then
    existing=$(psql "$database" -tAc "SELECT count(*) FROM tickets" 2>/dev/null || echo 0)
fi
if [ "$existing" -lt "$tickets" ]; then
    echo "Generating $((tickets - existing)) tickets into $database"
    "$server" generate --database "$database" --tickets $((tickets - existing)) --seed "$((existing + 1))" | tail -1
fi

# Migrate and refresh planner statistics before the clock starts.
"$server" generate --database "$database" --tickets 0 >/dev/null

TICKETS_ADMIN_PASSWORD=bench-password "$server" --database "$database" --port "$port" --log-level warning \
    --admin-email bench-admin@example.com --max-connections-per-address 100000 >/tmp/ticket-bench-server.log 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 0.2
done

token() {
    curl -sf -X POST "http://127.0.0.1:$port/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$1\", \"password\": \"demo-password\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}
tech=$(token tech1@generated.example)
staff=$(token staff1@generated.example)
# One of the staff member's own open tickets, for the single-ticket scenario.
ticket=$(curl -sf -H "Authorization: Bearer $staff" "http://127.0.0.1:$port/tickets?limit=1&status=open&priority=low" |
    sed -nE 's/^\[\{"id":([0-9]+).*/\1/p')
[ -n "$ticket" ] || { echo "staff1 has no open low-priority ticket to read" >&2; exit 1; }

scenarios=(
    "none|GET /health (baseline: one trivial query, no token)|/health"
    "tech|GET /tickets (page of 50, all tickets)|/tickets?limit=50"
    "tech|GET /tickets filtered (status open + in progress)|/tickets?limit=50&status=open,in%20progress"
    "tech|GET /tickets filtered (priority high, sort -updated_at)|/tickets?limit=50&priority=high&sort=-updated_at"
    "tech|GET /tickets?assigned_to_id=me&status=open,in progress (a technician's queue)|/tickets?limit=50&assigned_to_id=me&status=open,in%20progress"
    "tech|GET /tickets?assigned_to_id=none (not yet assigned)|/tickets?limit=50&assigned_to_id=none"
    "staff|GET /tickets as staff (own tickets only)|/tickets?limit=50"
    "staff|GET /tickets?status=open as staff|/tickets?limit=50&status=open"
    "staff|GET /tickets?q=printer as staff|/tickets?limit=50&q=printer"
    "tech|GET /tickets?q=printer (full-text, one common word)|/tickets?limit=50&q=printer"
    "tech|GET /tickets?q=printer jams floor (full-text, three words)|/tickets?limit=50&q=printer%20jams%20floor"
    "staff|GET /tickets/similar (printer jams on floor 2)|/tickets/similar?title=printer%20jams%20on%20floor%202"
    "staff|GET /tickets/{id} as staff (with queue_position, duplicates, comments)|/tickets/$ticket"
    "staff|GET /stats as staff (office counts, 30-day trend, own queue with positions)|/stats"
    "tech|GET /stats?days=365 as technician|/stats?days=365"
)

echo
echo "$(date -u +%Y-%m-%d) | $tickets tickets | $database | wrk -t2 -c$connections -d${duration}s | $(nproc) cores"
echo
echo "| scenario | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
for scenario in "${scenarios[@]}"; do
    IFS='|' read -r who name path <<<"$scenario"
    [[ "$name" == *"${ONLY:-}"* ]] || continue
    case "$who" in
        tech) header="Authorization: Bearer $tech" ;;
        staff) header="Authorization: Bearer $staff" ;;
        *) header="X-Benchmark: baseline" ;;
    esac
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "http://127.0.0.1:$port$path")
    [ "$status" = 200 ] || { echo "$name answered $status" >&2; exit 1; }
    out=$(wrk -t2 -c$connections -d"${duration}s" --latency -H "$header" "http://127.0.0.1:$port$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
    echo "| $name | $rps | $p50 | $p99 |${errors:+ $errors}"
done
