#!/usr/bin/env bash
# Runs every test suite on a fresh machine: pnpm, dependencies, the real services, then Jest over
# every package (unit and API tests) with coverage thresholds, then the blog's Postman collection
# (skipped when arguments narrow the Jest run, e.g. `bash scripts/test.sh --selectProjects core`).
# The last line is the count: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pnpm.sh
prepare_workspace

mkdir -p .data
results=.data/jest-results.json
rm -f "$results"
status=0
pnpm exec jest --ci --coverage --json --outputFile="$results" "$@" || status=$?

# The blog's Postman collection, with newman, against a started auth service and blog.
if [ $# -eq 0 ]; then
  echo "postman: running the blog collection with newman"
  pnpm --filter @roadmap/blog run postman || status=$?
fi

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
