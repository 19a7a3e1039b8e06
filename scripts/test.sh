#!/usr/bin/env bash
# Runs every test suite on a fresh machine: pnpm, dependencies, the real services, then Jest over
# every package (unit and API tests) with coverage thresholds, and the blog's Postman collection.
# The last line is the count: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pnpm.sh
ensure_pnpm

pnpm install --frozen-lockfile
bash scripts/services.sh

mkdir -p .data
results=.data/jest-results.json
rm -f "$results"
status=0
pnpm exec jest --ci --coverage --json --outputFile="$results" "$@" || status=$?

if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$PWD/$results"
else
  echo "tests: 0 passed, 1 failed"
  echo "Jest wrote no results (it failed before running tests)." >&2
fi
exit "$status"
