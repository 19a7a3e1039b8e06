#!/usr/bin/env bash
# Runs every test suite on a fresh machine, nothing built beforehand: pnpm, dependencies, the real
# services, then Jest over every package (unit and API tests) with coverage thresholds, then the
# blog's Postman collections with newman, its own API and its RealWorld mount (both skipped when
# arguments narrow the Jest run, e.g. `bash scripts/test.sh --selectProjects core`).
# It ends with the time of each step, the 10 slowest Jest suites (load, setup, tests, teardown), and
# a last line counting what ran, Jest tests plus newman assertions: "tests: N passed, N failed (...)".
# A step that fails without a failing test (a coverage threshold, a crash) counts as a failure, so a
# run that exits non-zero never says "0 failed". docs/testing.md tells how to run less.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pnpm.sh
# Every test starts its own SMTP sink, so the suite needs no mail catcher (scripts/start.sh starts one).
MAIL_CATCHER=${MAIL_CATCHER:-skip} prepare_workspace
prepared=$SECONDS

mkdir -p .data
jest_report=$PWD/.data/jest-results.json
newman_report=$PWD/.data/newman-results.json
newman_realworld_report=$PWD/.data/newman-realworld-results.json
# Each suite's phases, written by Jest's test environment (scripts/lib/jest-phases.js).
export JEST_PHASES=$PWD/.data/jest-phases.jsonl
rm -f "$jest_report" "$newman_report" "$newman_realworld_report" "$JEST_PHASES" .data/blog.exit .data/realworld.exit

# Coverage thresholds hold for the whole suite, so a narrowed run (arguments) does not measure them.
coverage=()
[ $# -gt 0 ] || coverage=(--coverage)
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null || command -v google-chrome >/dev/null; then
  echo "browser test: runs (a Chromium is installed)"
else
  echo "browser test: skipped, no Chromium (apt-get install -y chromium; .ci/run installs it)"
fi
jest_exit=0
jest_started=$SECONDS
node scripts/lib/run-jest.mjs --ci "${coverage[@]}" --json --outputFile="$jest_report" "$@" || jest_exit=$?
jest_seconds=$((SECONDS - jest_started))
steps=("jest=$jest_exit=$jest_report")

# The blog's Postman collections, with newman, against a started auth service and blog: the blog's
# own API, then its RealWorld mount; each is counted on its own.
if [ $# -eq 0 ]; then
  echo "postman: running the blog and RealWorld collections with newman"
  postman_exit=0
  NEWMAN_ARGS="--reporters cli,json --reporter-json-export $newman_report ${NEWMAN_ARGS:-}" \
    REALWORLD_NEWMAN_ARGS="--reporters cli,json --reporter-json-export $newman_realworld_report" \
    NEWMAN_EXIT_DIR="$PWD/.data" \
    pnpm --filter @roadmap/blog run postman || postman_exit=$?
  # A run that failed before a collection ran (a server that did not start) fails both steps.
  newman_exit=$(cat .data/blog.exit 2>/dev/null || echo "$postman_exit")
  newman_realworld_exit=$(cat .data/realworld.exit 2>/dev/null || echo "$postman_exit")
  steps+=("newman=$newman_exit=$newman_report" "newman-realworld=$newman_realworld_exit=$newman_realworld_report")
fi

echo
echo "time: install and services $prepared s, jest $jest_seconds s, newman $((SECONDS - jest_started - jest_seconds)) s," \
  "total $SECONDS s"
exec node scripts/lib/test-summary.mjs "${steps[@]}"
