#!/usr/bin/env bash
# The smoke test of the start command (.ci/run runs it): scripts/start.sh in the background, every
# app's /readyz and the edge proxy answering, then through the edge (http://127.0.0.1:8080) the
# landing page, each app's Swagger UI and /openapi.json under its path prefix and one real request
# per app (create a note, list shows, log in, list posts, list products, ...: the "smoke" entries of
# deploy/apps.json), then SIGINT, and every process of the start command gone within 15 s.
#   bash scripts/smoke.sh     (ports: the apps' own, 3001-3007, and 8080)
set -euo pipefail
cd "$(dirname "$0")/.."
# The checks below read the manifest with the workspace's dependencies (start.sh installs them too).
source scripts/lib/pnpm.sh
ensure_pnpm
pnpm install --frozen-lockfile >/dev/null
mkdir -p .data
log=$PWD/.data/smoke-start.log
export HOST=127.0.0.1 EDGE_ADDRESS=http://127.0.0.1:8080
edge=http://127.0.0.1:8080

# Job control gives start.sh a process group of its own (so "every process" is that group) and keeps
# SIGINT deliverable: a background job started without it ignores SIGINT, and bash cannot trap that.
# The same holds for this script when it was itself started that way (`.ci/run &` in a script): an
# ignored SIGINT is inherited, so start.sh gets the default back, as from a terminal, where env can.
default_sigint=()
env --default-signal=INT true 2>/dev/null && default_sigint=(env --default-signal=INT)
set -m
"${default_sigint[@]}" bash scripts/start.sh >"$log" 2>&1 &
pid=$!
set +m

stopped=false
finish() {
  local status=$?
  if [ "$stopped" = false ]; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    echo "--- last lines of the start command's output ($log)"
    grep -v '"http.log.access"' "$log" | tail -n 40
  fi
  exit "$status"
}
trap finish EXIT

node scripts/lib/smoke.mjs wait "$pid" 300 "$edge"
node scripts/lib/smoke.mjs check "$edge"

kill -INT "$pid"
started=$SECONDS
start_ns=$(date +%s%N)
while pgrep -g "$pid" >/dev/null; do
  if ((SECONDS - started > 15)); then
    echo "FAIL still running 15 s after SIGINT:"
    pgrep -a -g "$pid"
    exit 1
  fi
  sleep 0.1
done
stopped=true
wait "$pid" || true
echo "ok   SIGINT: every process of the start command gone after $((($(date +%s%N) - start_ns) / 1000000)) ms"
