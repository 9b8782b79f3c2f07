#!/usr/bin/env bash
# The browser tests of the web front end: starts the real ticket-server on a fresh SQLite
# database and drives its pages in headless Chromium with selenium (scripts/browser/test_web.py).
# Chromium and its driver come from Debian's packages (chromium, chromium-driver; .ci/run
# installs them), selenium from PyPI into a virtual environment made once.
#
#   scripts/browser-test.sh
#
# Screenshots of the main pages (and of any failing step) go to .build/screenshots, which is
# not committed. Settings (environment):
#   TICKET_SERVER=...   the server binary (default: the debug build, built if missing)
#   BROWSER_VENV=...    the virtual environment (default: .build/browser-venv)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/server.sh

for tool in chromium chromedriver; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is missing (apt-get install chromium chromium-driver)" >&2; exit 1; }
done

server=${TICKET_SERVER:-}
if [ -z "$server" ]; then
    swift build --product ticket-server
    server=$(swift build --show-bin-path)/ticket-server
fi

venv=${BROWSER_VENV:-$root/.build/browser-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
    echo "Installing selenium into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/browser/requirements.txt
fi

work=$(mktemp -d /tmp/tickets-browser.XXXXXX)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

admin_email=browser-admin@example.com
admin_password=browser-admin-password
TICKETS_ADMIN_PASSWORD="$admin_password" "$server" --host 127.0.0.1 --port 0 --port-file "$work/server.port" \
    --database "$work/tickets.sqlite" --bcrypt-cost 4 --log-level warning --allow-registration --admin-email "$admin_email" \
    >"$work/server.log" 2>&1 &
server_pid=$!
port=$(await_server_port "$work/server.port" "$server_pid" "$work/server.log") || exit 1

screenshots=$root/.build/screenshots
rm -rf "$screenshots"
echo "== browser tests (headless $(chromium --version 2>/dev/null | head -1)), screenshots in $screenshots"
status=0
"$venv/bin/python" scripts/browser/test_web.py --base-url "http://127.0.0.1:$port" \
    --admin-email "$admin_email" --admin-password "$admin_password" --screenshots "$screenshots" || status=$?
if grep -q "Unhandled error" "$work/server.log"; then
    echo "FAIL: the server logged an unhandled error:" >&2
    grep -m5 "Unhandled error" "$work/server.log" >&2
    status=1
fi
exit $status
