#!/usr/bin/env bash
# Runs every test of the package: `scripts/test.sh [swift test arguments]`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build "$@"
