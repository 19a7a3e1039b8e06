#!/usr/bin/env bash
# Starts everything on a fresh machine: pnpm, dependencies, the services (MongoDB, PostgreSQL,
# Redis, RabbitMQ: found or started by scripts/services.sh), a build, demo data, then every app of
# deploy/apps.json and, when Caddy is installed, the edge proxy that serves them all under one origin
# (http://localhost:8080/, the landing page). Everything stays in the foreground; Ctrl-C (SIGINT) or
# SIGTERM stops every process gracefully, and if one app stops on its own the rest are stopped too.
#
#   bash scripts/start.sh                 every app
#   bash scripts/start.sh notes-api blog  some apps (names from deploy/apps.json)
#
# Variables: NODE_ENV [development], HOST [0.0.0.0], EDGE_ADDRESS [:8080] (the edge's address; give
# http://HOST:PORT to bind one interface),
# and anything each app's src/config.ts reads.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pnpm.sh
prepare_workspace
pnpm build

export NODE_ENV="${NODE_ENV:-development}"
export NOTES_DEMO_DATA="${NOTES_DEMO_DATA:-true}"
# The auth service keeps its development signing key here, so tokens survive a restart. The other
# apps trust its JWKS at http://127.0.0.1:3003 by default outside production (their src/config.ts).
export JWT_PRIVATE_KEY_FILE="${JWT_PRIVATE_KEY_FILE:-$PWD/.data/keys/auth-jwt-es256.pem}"
# The shop's admin page opened on its own port (:3005) calls the auth service across origins (through
# the edge, :8080/shop/admin/, both share one origin and need no CORS).
export CORS_ORIGINS="${CORS_ORIGINS:-http://localhost:3005,http://127.0.0.1:3005}"

# name package dir entry port path seed, one app a line.
mapfile -t manifest < <(node scripts/lib/apps.mjs list name package dir entry port path seed)
selected=()
for line in "${manifest[@]}"; do
  name=${line%%$'\t'*}
  if [ $# -eq 0 ] || [[ " $* " == *" $name "* ]]; then selected+=("$line"); fi
done
if [ ${#selected[@]} -eq 0 ]; then
  echo "start.sh: no app named $*; deploy/apps.json lists: $(node scripts/lib/apps.mjs list | xargs)" >&2
  exit 2
fi

echo "seeding demo data (idempotent)"
seeded=" "
for line in "${selected[@]}"; do
  IFS=$'\t' read -r name package dir entry port path seed <<<"$line"
  if [ "$seed" = true ] && [[ $seeded != *" $package "* ]]; then
    pnpm --filter "$package" run seed
    seeded+="$package "
  fi
done

pids=()
declare -A process_names=()
# start NAME DIR COMMAND...: runs COMMAND in DIR in the background and remembers it.
start() {
  local name=$1 dir=$2
  shift 2
  (cd "$dir" && exec "$@") &
  pids+=("$!")
  process_names[$!]=$name
}

stop_all() {
  trap - INT TERM
  echo "stopping ${#pids[@]} processes"
  local pid deadline=$((SECONDS + 15))
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do
      if ((SECONDS >= deadline)); then
        echo "${process_names[$pid]} (pid $pid) did not stop within 15 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.1
    done
  done
  wait 2>/dev/null || true
}
trap 'stop_all; exit 0' INT TERM

echo "starting:"
for line in "${selected[@]}"; do
  IFS=$'\t' read -r name package dir entry port path seed <<<"$line"
  where=$([ "$path" = - ] && echo "(not behind the edge)" || echo "http://localhost:8080$path/docs/")
  printf '  %-16s http://localhost:%s/docs/   %s\n' "$name" "$port" "$where"
  start "$name" "$dir" env PORT="$port" node --enable-source-maps "$entry"
done

if command -v caddy >/dev/null 2>&1; then
  upstreams=()
  for line in "${manifest[@]}"; do
    IFS=$'\t' read -r name package dir entry port path seed <<<"$line"
    upstreams+=("$(tr 'a-z-' 'A-Z_' <<<"$name")_UPSTREAM=127.0.0.1:$port")
  done
  mkdir -p .data/caddy
  edge=${EDGE_ADDRESS:-:8080}
  url=${edge/#:/localhost:}
  echo "  edge             http://${url#http://}/ (the landing page; every app under its path)"
  start edge . env "${upstreams[@]}" SITE_ADDRESS="$edge" LANDING_DIR="$PWD/deploy/landing" \
    XDG_DATA_HOME="$PWD/.data/caddy" XDG_CONFIG_HOME="$PWD/.data/caddy" \
    caddy run --config deploy/Caddyfile --adapter caddyfile
else
  echo "  edge             not started: Caddy is not installed (apt-get install caddy)"
fi

# Wait until one process ends on its own (a crash, a port in use), then stop the others.
status=0
wait -n || status=$?
for pid in "${pids[@]}"; do
  kill -0 "$pid" 2>/dev/null || echo "${process_names[$pid]} stopped on its own (exit status $status)" >&2
done
stop_all
exit 1
