#!/usr/bin/env bash
# Runs every test of the package, PostgreSQL ones included: `scripts/test.sh [swift test arguments]`.
# Without arguments it then runs the browser tests of the web pages (scripts/browser-test.sh,
# headless Chromium against the real server), the fuzz stage (scripts/fuzz.sh) and the
# crash-safety check (scripts/crash-test.sh) against the real server on both stores; with
# arguments (a `--filter`, say) only `swift test` runs, unless FUZZ=1.
#
# The PostgreSQL tests use TICKETS_TEST_POSTGRES_URL. When it is not set, this script starts a
# throwaway server (scripts/postgres.sh), stopped and removed afterwards even when tests fail.
# If the server cannot start, the run fails: PostgreSQL tests are never skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/postgres.sh

if [ -z "${TICKETS_TEST_POSTGRES_URL:-}" ]; then
    start_postgres
fi

swift build --build-tests
# A stalled test (a deadlock, say) fails the run instead of holding CI to its limit.
timeout 1200 swift test --skip-build "$@"

if [ $# -eq 0 ] || [ "${FUZZ:-0}" = 1 ]; then
    scripts/browser-test.sh
    scripts/fuzz.sh sqlite postgres
    scripts/crash-test.sh sqlite postgres
fi
