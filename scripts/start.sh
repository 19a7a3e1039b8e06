#!/usr/bin/env bash
# Starts everything on a fresh machine: Caddy (the edge proxy, from Debian when missing), pnpm,
# dependencies, the services (MongoDB, PostgreSQL, Redis, RabbitMQ and a mail catcher: found or
# started by scripts/services.sh), a build, demo data, then every app of deploy/apps.json and the edge
# that serves them all under one origin (http://localhost:8080/, the landing page). Every email the
# apps send shows at http://localhost:8025. Everything stays in the foreground; Ctrl-C (SIGINT),
# SIGTERM or SIGHUP stops every process gracefully, and if one app stops on its own the rest are
# stopped too.
#
#   bash scripts/start.sh                 every app
#   bash scripts/start.sh notes-api blog  some apps (names from deploy/apps.json)
#
# Started in the background from a script without job control (`bash scripts/start.sh &` inside
# another script), it ignores SIGINT: bash starts such background jobs with SIGINT ignored and a
# script cannot trap a signal ignored on entry. Stop it with SIGTERM (`kill PID`) or SIGHUP, or start
# it under `set -m` as scripts/smoke.sh does.
#
# Variables: NODE_ENV [development], HOST [0.0.0.0], EDGE_ADDRESS [:8080] (the edge's address; give
# http://HOST:PORT to bind one interface), CADDY_BIN [caddy on PATH], EDGE [on] (off: no edge, no
# install), TRUST_PROXY [loopback] (the apps believe the edge's X-Forwarded-* headers), and anything
# each app's src/config.ts reads.
set -euo pipefail
cd "$(dirname "$0")/.."

# The edge first, so what is missing is said in the first lines: Debian's caddy, as .ci/run installs it.
edge_bin=""
if [ "${EDGE:-on}" != off ]; then
  # CADDY_BIN names the one to use; a missing path makes this machine one without Caddy.
  if [ -n "${CADDY_BIN:-}" ]; then
    [ -x "$CADDY_BIN" ] && edge_bin=$CADDY_BIN
  else
    edge_bin=$(command -v caddy || true)
  fi
  if [ -z "$edge_bin" ]; then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
    if command -v apt-get >/dev/null && "${sudo[@]}" true 2>/dev/null; then
      echo "edge: Caddy is missing; installing it from Debian (apt-get install caddy)"
      if "${sudo[@]}" apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends caddy >/dev/null; then
        edge_bin=$(command -v caddy || true)
      fi
    fi
  fi
  if [ -z "$edge_bin" ]; then
    echo "edge: Caddy is not installed, so there will be no landing page on http://localhost:8080/ (each app" >&2
    echo "      still answers on its own port). Fix: sudo apt-get install caddy, then run this again;" >&2
    echo "      or EDGE=off to start without it." >&2
  fi
fi

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
# The edge runs on this machine: the apps believe its X-Forwarded-* headers (client address, the path
# prefix their links follow) from loopback only.
export TRUST_PROXY="${TRUST_PROXY:-loopback}"
# Every app sends its email to the mail catcher services.sh started (the auth service only logs its
# emails without SMTP_URL).
export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:1025}"
edge_address=${EDGE_ADDRESS:-:8080}
edge_origin=${edge_address/#:/localhost:}
edge_origin=http://${edge_origin#http://}

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
  trap - INT TERM HUP
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
trap 'stop_all; exit 0' INT TERM HUP

# Links made without a request (in emails, the fake provider's page) point at the edge when it runs.
if [ -n "$edge_bin" ]; then
  payments_path=$(node scripts/lib/apps.mjs get payments path)
  export PAYMENTS_PUBLIC_URL="${PAYMENTS_PUBLIC_URL:-$edge_origin$payments_path}"
fi

echo "starting:"
for line in "${selected[@]}"; do
  IFS=$'\t' read -r name package dir entry port path seed <<<"$line"
  where=$([ "$path" = - ] && echo "(not behind the edge)" || echo "$edge_origin$path/docs/")
  printf '  %-16s http://localhost:%s/docs/   %s\n' "$name" "$port" "$where"
  links=()
  [ -n "$edge_bin" ] && [ "$path" != - ] && links=(PUBLIC_URL="$edge_origin$path")
  start "$name" "$dir" env PORT="$port" "${links[@]}" node --enable-source-maps "$entry"
done

if [ -n "$edge_bin" ]; then
  upstreams=()
  for line in "${manifest[@]}"; do
    IFS=$'\t' read -r name package dir entry port path seed <<<"$line"
    upstreams+=("$(tr 'a-z-' 'A-Z_' <<<"$name")_UPSTREAM=127.0.0.1:$port")
  done
  mkdir -p .data/caddy
  echo "  edge             $edge_origin/ (the landing page; every app under its path)"
  start edge . env "${upstreams[@]}" SITE_ADDRESS="$edge_address" LANDING_DIR="$PWD/deploy/landing" \
    XDG_DATA_HOME="$PWD/.data/caddy" XDG_CONFIG_HOME="$PWD/.data/caddy" \
    "$edge_bin" run --config deploy/Caddyfile --adapter caddyfile
else
  echo "  edge             not started: Caddy is not installed (sudo apt-get install caddy)"
fi
echo "  mail             http://localhost:${MAIL_UI_PORT:-8025}/ (every email the apps send)"
echo "  demo accounts    admin@example.com / Admin-password-1 (admin), demo@example.com / Demo-password-1"

# Wait until one process ends on its own (a crash, a port in use), then stop the others.
status=0
wait -n || status=$?
for pid in "${pids[@]}"; do
  kill -0 "$pid" 2>/dev/null || echo "${process_names[$pid]} stopped on its own (exit status $status)" >&2
done
stop_all
exit 1
