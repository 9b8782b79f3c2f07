#!/usr/bin/env bash
# Runs every test of the package, PostgreSQL ones included: `scripts/test.sh [swift test arguments]`.
# Without arguments it then builds TicketCore's documentation, runs the browser tests of the web
# pages (scripts/browser-test.sh, headless Chromium against the real server), the fuzz stage (scripts/fuzz.sh) and the
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

# Our own targets build without a warning: a warning from Sources/, Tests/ or Examples/ fails the
# run (the dependencies' warnings are theirs). A build prints the warnings of what it compiles,
# so this bites on a fresh clone (CI) and on every changed file.
build_log=.build/test-build.log
mkdir -p .build
swift build --build-tests 2>&1 | tee "$build_log"
if grep -E "^$(pwd)/(Sources|Tests|Examples)/[^:]*:[0-9]+:[0-9]+: warning:" "$build_log" >&2; then
    echo "FAIL: the build warns about our own code (above); fix the warnings" >&2
    exit 1
fi
# A stalled test (a deadlock, say) fails the run instead of holding CI to its limit.
timeout 1200 swift test --skip-build "$@"

if [ $# -eq 0 ]; then
    # TicketCore's documentation (Sources/TicketCore/TicketCore.docc) builds, and every symbol
    # link in it and in the doc comments resolves.
    if ! swift package generate-documentation --target TicketCore --warnings-as-errors > .build/docs.log 2>&1; then
        tail -40 .build/docs.log >&2
        echo "FAIL: TicketCore's documentation does not build cleanly (above; whole log in .build/docs.log)" >&2
        exit 1
    fi
fi
if [ $# -eq 0 ] || [ "${FUZZ:-0}" = 1 ]; then
    scripts/browser-test.sh
    scripts/fuzz.sh sqlite postgres
    scripts/crash-test.sh sqlite postgres
fi
