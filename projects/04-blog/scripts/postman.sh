#!/usr/bin/env bash
# Runs the blog's two Postman collections with newman, the blog's own API and its RealWorld mount,
# against a real auth service and a real blog, each started here on a free port against the local
# MongoDB-compatible server and Redis, then stops both. Both collections run; it fails if either does.
#   pnpm --filter @roadmap/blog postman            (or: bash projects/04-blog/scripts/postman.sh)
# Env: MONGO_BASE (default mongodb://127.0.0.1:27017), REDIS_URL (default redis://127.0.0.1:6379),
#      NEWMAN_ARGS (extra newman options for the blog collection, e.g. "--reporters cli,junit"),
#      REALWORLD_NEWMAN_ARGS (the same for the RealWorld collection),
#      NEWMAN_EXIT_DIR (if set, each collection's exit code is written there: blog.exit, realworld.exit).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BLOG_DIR="$(dirname "$HERE")"
ROOT="$(cd "$BLOG_DIR/../.." && pwd)"
cd "$ROOT"

MONGO_BASE="${MONGO_BASE:-mongodb://127.0.0.1:27017}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
RUN_ID="postman-$$-$(date +%s)"
TSX="$ROOT/node_modules/.bin/tsx"
NEWMAN="$BLOG_DIR/node_modules/.bin/newman"
WORK_DIR="$(mktemp -d)"
PIDS=()

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do
    # Each server runs in its own process group (setsid), so this stops it and its children only.
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  # Remove this run's Redis keys (rate-limit counters, Bull queue) so runs leave nothing behind.
  (cd "$BLOG_DIR" && RUN_ID="$RUN_ID" REDIS_URL="$REDIS_URL" node -e "
    const { Redis } = require('ioredis');
    const redis = new Redis(process.env.REDIS_URL);
    (async () => {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', process.env.RUN_ID + '-*', 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
    })().catch(() => process.exit(0));
  ") || true
  if [ "$status" -ne 0 ]; then
    echo "--- auth service log (tail)"; tail -n 20 "$WORK_DIR/auth.log" 2>/dev/null || true
    echo "--- blog log (tail)"; tail -n 20 "$WORK_DIR/blog.log" 2>/dev/null || true
  fi
  rm -rf "$WORK_DIR"
  exit "$status"
}
trap cleanup EXIT INT TERM

wait_ready() {
  local url=$1 name=$2
  for _ in $(seq 1 150); do
    if curl -fsS "$url" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "$name did not become ready at $url" >&2
  return 1
}

AUTH_PORT="$(free_port)"
BLOG_PORT="$(free_port)"
while [ "$BLOG_PORT" = "$AUTH_PORT" ]; do BLOG_PORT="$(free_port)"; done

# The auth service: its own database and Redis prefix for this run, a fast bcrypt cost (not
# production), an ephemeral signing key published at /.well-known/jwks.json.
export_auth_env() {
  export NODE_ENV=development HOST=127.0.0.1 PORT="$AUTH_PORT" LOG_LEVEL=warn \
    MONGO_URL="$MONGO_BASE/auth-postman" REDIS_URL REDIS_PREFIX="$RUN_ID-auth:" \
    BCRYPT_COST=4 COOKIE_SECURE=false AUTH_ISSUER=http://localhost:3003 AUTH_AUDIENCE=backend-roadmap
}
(export_auth_env && pnpm --silent --filter @roadmap/auth-service seed >"$WORK_DIR/seed.log" 2>&1) || {
  cat "$WORK_DIR/seed.log" >&2
  exit 1
}
(export_auth_env && exec setsid "$TSX" projects/03-auth-service/src/server.ts >"$WORK_DIR/auth.log" 2>&1) &
PIDS+=("$!")
wait_ready "http://127.0.0.1:$AUTH_PORT/readyz" "auth service"

# The blog, trusting the auth service's JWKS. Mail goes to a port nobody listens on: the comment
# request still answers 201 (the email job fails in the background, which is the point).
(
  export NODE_ENV=development HOST=127.0.0.1 PORT="$BLOG_PORT" LOG_LEVEL=warn \
    MONGO_URL="$MONGO_BASE/blog-postman" REDIS_URL QUEUE_PREFIX="$RUN_ID-blog" \
    AUTH_JWKS_URL="http://127.0.0.1:$AUTH_PORT/.well-known/jwks.json" AUTH_URL="http://127.0.0.1:$AUTH_PORT" \
    AUTH_ISSUER=http://localhost:3003 AUTH_AUDIENCE=backend-roadmap \
    SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:1}" MAIL_RETRY_ATTEMPTS=1 UPLOAD_DIR="$WORK_DIR/uploads" \
    PUBLIC_URL="http://127.0.0.1:$BLOG_PORT"
  exec setsid "$TSX" projects/04-blog/src/server.ts >"$WORK_DIR/blog.log" 2>&1
) &
PIDS+=("$!")
wait_ready "http://127.0.0.1:$BLOG_PORT/readyz" "blog"

blog_exit=0
# shellcheck disable=SC2086
"$NEWMAN" run "$BLOG_DIR/postman/blog.postman_collection.json" \
  -e "$BLOG_DIR/postman/blog.postman_environment.json" \
  --env-var "authUrl=http://127.0.0.1:$AUTH_PORT" \
  --env-var "blogUrl=http://127.0.0.1:$BLOG_PORT" \
  ${NEWMAN_ARGS:-} || blog_exit=$?

# The RealWorld mount of the same blog: users registered through it live in the same auth service.
realworld_exit=0
# shellcheck disable=SC2086
"$NEWMAN" run "$BLOG_DIR/postman/realworld.postman_collection.json" \
  --env-var "authUrl=http://127.0.0.1:$AUTH_PORT" \
  --env-var "rwUrl=http://127.0.0.1:$BLOG_PORT/realworld/api" \
  ${REALWORLD_NEWMAN_ARGS:-} || realworld_exit=$?

if [ -n "${NEWMAN_EXIT_DIR:-}" ]; then
  echo "$blog_exit" >"$NEWMAN_EXIT_DIR/blog.exit"
  echo "$realworld_exit" >"$NEWMAN_EXIT_DIR/realworld.exit"
fi
[ "$blog_exit" -eq 0 ] && [ "$realworld_exit" -eq 0 ]
