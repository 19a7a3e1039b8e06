#!/usr/bin/env bash
# Starts everything on a fresh machine: pnpm, dependencies, the services (MongoDB, PostgreSQL,
# Redis, RabbitMQ: found or started by scripts/services.sh), a build, demo data, then every project
# in the foreground. Ctrl-C stops them all (each shuts down gracefully).
#
#   bash scripts/start.sh            everything
#   bash scripts/start.sh notes-api  one project (its package name without @roadmap/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pnpm.sh
prepare_workspace
pnpm build

# Projects trust the auth service's keys (JWKS) unless configured otherwise.
export NODE_ENV="${NODE_ENV:-development}"
export AUTH_JWKS_URL="${AUTH_JWKS_URL:-http://127.0.0.1:3003/.well-known/jwks.json}"
export AUTH_ISSUER="${AUTH_ISSUER:-http://localhost:3003}"
export AUTH_AUDIENCE="${AUTH_AUDIENCE:-backend-roadmap}"
export NOTES_DEMO_DATA="${NOTES_DEMO_DATA:-true}"
# The auth service keeps its development signing key here, so tokens survive a restart.
export JWT_PRIVATE_KEY_FILE="${JWT_PRIVATE_KEY_FILE:-$PWD/.data/keys/auth-jwt-es256.pem}"

filter=(--filter "./projects/*")
if [ $# -gt 0 ]; then filter=(--filter "@roadmap/$1"); fi

echo "seeding demo data (idempotent)"
pnpm "${filter[@]}" --filter "!@roadmap/notes-api" --workspace-concurrency=1 --if-present run seed

cat <<'INFO'
starting:
  notes-api      http://localhost:3001/docs
  movie-booking  http://localhost:3002/docs
  auth-service   http://localhost:3003/docs
  blog           http://localhost:3004/docs
INFO
exec pnpm "${filter[@]}" --parallel --stream run start
