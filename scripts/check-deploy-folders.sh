#!/usr/bin/env bash
# What each image would run, checked without Docker (.ci/run runs this): for every app of
# deploy/apps.json it builds the deploy folder the Dockerfile copies (scripts/deploy-folder.sh),
# checks it holds compiled output and production dependencies only, then starts it with the image's
# start command (`node --enable-source-maps .`, under tini when installed) and the image's
# environment (NODE_ENV=production), configured as production requires (passwords in database URLs,
# a signing key made for it), as an unprivileged user that cannot write to the folder, and waits
# for /readyz; an app that seeds runs `node dist/seed.js` there first, as compose's seed container
# does. After SIGTERM it checks the process wrote files only to its volume.
# Prints each folder's size (the README's table). Needs the services of scripts/services.sh.
#   bash scripts/check-deploy-folders.sh [APP...]
set -euo pipefail
cd "$(dirname "$0")/.."

MONGO_BASE=${MONGO_BASE:-mongodb://127.0.0.1:27017}
# Production refuses a MONGO_URL without a password, so each app gets USER:PASSWORD and these options.
# The defaults suit FerretDB, which hands PLAIN credentials to PostgreSQL (the trusted role postgres
# takes any password); for MongoDB create a user and pass e.g. ci:secret and authSource=admin.
MONGO_CREDENTIALS=${IMAGE_CHECK_MONGO_CREDENTIALS:-postgres:$(openssl rand -hex 12)}
MONGO_OPTIONS=${IMAGE_CHECK_MONGO_OPTIONS:-authMechanism=PLAIN}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
AMQP_URL=${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672}
# Production refuses a DATABASE_URL without a password: the local server trusts the postgres role, so
# any password works; against a server with passwords pass e.g. postgres://app:secret@host:5432.
PG_BASE=${IMAGE_CHECK_PG_BASE:-postgres://postgres:$(openssl rand -hex 12)@127.0.0.1:5432}
RUN_ID="image-check-$$"
# One PostgreSQL database per run, shared by the apps of a package (the e-commerce processes use one).
PG_DATABASE=${RUN_ID//-/_}
work=$(mktemp -d /tmp/deploy-folders.XXXXXX)
chmod 755 "$work"
marker="$work/.started"
pids=()
uid=65534 # nobody: owns nothing in the deploy folders

cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # This run's databases and Redis keys.
  (cd projects/04-blog && RUN_ID="$RUN_ID" MONGO_BASE="$MONGO_BASE" REDIS_URL="$REDIS_URL" node -e '
    const mongoose = require("mongoose");
    const { Redis } = require("ioredis");
    (async () => {
      const admin = await mongoose.createConnection(process.env.MONGO_BASE, { serverSelectionTimeoutMS: 3000 }).asPromise();
      const { databases } = await admin.db.admin().listDatabases();
      for (const { name } of databases) {
        if (name.startsWith(process.env.RUN_ID.replaceAll("-", "_"))) await admin.useDb(name).dropDatabase();
      }
      await admin.close();
      const redis = new Redis(process.env.REDIS_URL);
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", process.env.RUN_ID + "*", "COUNT", 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== "0");
      await redis.quit();
    })().catch((err) => { console.error("cleanup:", err.message); process.exit(0); });
  ') || true
  # This run's PostgreSQL database and RabbitMQ exchanges and queues.
  (cd projects/05-ecommerce && PG_BASE="$PG_BASE" PG_DATABASE="$PG_DATABASE" AMQP_URL="$AMQP_URL" RUN_ID="$RUN_ID" node -e '
    const { Client } = require("pg");
    const { connect } = require("amqplib");
    (async () => {
      const admin = new Client({ connectionString: process.env.PG_BASE + "/postgres", connectionTimeoutMillis: 3000 });
      await admin.connect();
      await admin.query("DROP DATABASE IF EXISTS \"" + process.env.PG_DATABASE + "\" WITH (FORCE)");
      await admin.end();
      const connection = await connect(process.env.AMQP_URL);
      const channel = await connection.createChannel();
      const exchange = process.env.RUN_ID + ".events";
      for (const queue of ["shop.payment-events", "shop.realtime-events", "payments.order-events", "notifications.order-events"])
        for (const name of [exchange + "." + queue, exchange + "." + queue + ".dlq"]) await channel.deleteQueue(name);
      await channel.deleteExchange(exchange);
      await channel.deleteExchange(exchange + ".dlx");
      await connection.close();
    })().catch((err) => { console.error("cleanup:", err.message); process.exit(0); });
  ') || true
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

fail() {
  echo "FAIL $*" >&2
  exit 1
}

# As root (CI), the apps run as nobody, who owns nothing in the deploy folders.
as_app_user=()
run_uid=$(id -u)
if [ "$run_uid" -eq 0 ]; then
  as_app_user=(setpriv "--reuid=$uid" "--regid=$uid" --clear-groups)
  run_uid=$uid
fi

# The production environment an app gets, from what its manifest entry uses.
app_env() {
  local name=$1 port=$2 uses=$3 volume=$4 secrets=${5:-[]}
  local db=${RUN_ID//-/_}_${name//-/_}
  echo "NODE_ENV=production HOST=127.0.0.1 PORT=$port LOG_LEVEL=warn HOME=/nonexistent"
  [[ $uses == *'"mongo"'* ]] && echo "MONGO_URL=${MONGO_BASE/:\/\//://$MONGO_CREDENTIALS@}/${db}?${MONGO_OPTIONS}"
  [[ $uses == *'"redis"'* ]] && echo "REDIS_URL=$REDIS_URL REDIS_PREFIX=$RUN_ID-$name: QUEUE_PREFIX=$RUN_ID-$name"
  [[ $uses == *'"smtp"'* ]] && echo "SMTP_URL=smtp://127.0.0.1:1"
  [[ $uses == *'"auth-jwks"'* ]] && echo "AUTH_JWKS_URL=http://127.0.0.1:$(node scripts/lib/apps.mjs get auth-service port)/.well-known/jwks.json"
  [[ $uses == *'"signing-key"'* ]] && echo "JWT_PRIVATE_KEY_FILE=$volume/jwt-es256.pem"
  [[ $uses == *'"uploads"'* ]] && echo "UPLOAD_DIR=$volume/uploads"
  [[ $uses == *'"postgres"'* ]] && echo "DATABASE_URL=$PG_BASE/$PG_DATABASE MIGRATE_ON_START=true"
  [[ $uses == *'"rabbitmq"'* ]] && echo "AMQP_URL=$AMQP_URL AMQP_EXCHANGE=$RUN_ID.events AMQP_QUEUE_PREFIX=$RUN_ID.events."
  # Choices production refuses to default: the payments service runs the offline fake provider here,
  # as a demo deployment would choose (render.yaml asks for it; a real one sets stripe and its keys).
  [[ $name == payments ]] && echo "PAYMENT_PROVIDER=fake"
  # Secrets production refuses to take from the development defaults: made for this run.
  local secret
  for secret in $(node -e 'console.log(JSON.parse(process.argv[1]).join(" "))' "$secrets"); do
    echo "$secret=$(openssl rand -hex 24)"
  done
  return 0
}

wait_ready() {
  local url=$1 pid=$2 deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.3
  done
}

mapfile -t manifest < <(node scripts/lib/apps.mjs list name port uses seed secrets)
# The auth service first: the others fetch its JWKS.
ordered=()
for line in "${manifest[@]}"; do [[ $line == auth-service$'\t'* ]] && ordered+=("$line"); done
for line in "${manifest[@]}"; do [[ $line != auth-service$'\t'* ]] && ordered+=("$line"); done

touch "$marker"
printf '%-16s %8s  %s\n' app size 'check'
for line in "${ordered[@]}"; do
  IFS=$'\t' read -r name port uses seed secrets <<<"$line"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]] && [ "$name" != auth-service ]; then continue; fi
  folder=$work/$name volume=$work/$name-volume
  bash scripts/deploy-folder.sh "$name" "$folder" >/dev/null

  # Compiled output and production dependencies only.
  if [ -e "$folder/src" ] || [ -e "$folder/test" ]; then fail "$name: the deploy folder holds sources or tests"; fi
  for tool in typescript jest tsx @swc+core eslint prettier supertest newman; do
    if compgen -G "$folder/node_modules/.pnpm/$tool@*" >/dev/null; then fail "$name: the deploy folder holds $tool"; fi
  done

  # The demo data, as docker-compose.yml's <app>-seed container loads it (development mode).
  seeded=""
  if [ "$seed" = true ]; then
    seeded="node dist/seed.js ok, "
    read -r -a seed_env <<<"$(app_env "$name" "$port" "$uses" "$volume" "$secrets" | xargs)"
    (cd "$folder" && env -i PATH="$PATH" "${seed_env[@]}" NODE_ENV=development node dist/seed.js >"$work/$name-seed.log" 2>&1) ||
      { tail -n 20 "$work/$name-seed.log" >&2; fail "$name: node dist/seed.js in its deploy folder failed"; }
  fi

  mkdir -p "$volume"
  chown -R "$uid:$uid" "$volume" 2>/dev/null || true
  # Without root the app runs as this user, who owns the folder: take away write permission instead.
  [ ${#as_app_user[@]} -gt 0 ] || chmod -R a-w "$folder"
  if [[ $uses == *'"signing-key"'* ]]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$volume/jwt-es256.pem" 2>/dev/null
    chown "$uid:$uid" "$volume/jwt-es256.pem" 2>/dev/null || true
  fi
  read -r -a env_vars <<<"$(app_env "$name" "$port" "$uses" "$volume" "$secrets" | xargs)"
  init=()
  command -v tini >/dev/null && init=(tini -s --)
  (cd "$folder" && exec env -i PATH="$PATH" "${env_vars[@]}" "${as_app_user[@]}" "${init[@]}" node --enable-source-maps . \
    >"$work/$name.log" 2>&1) &
  pid=$!
  pids+=("$pid")
  if ! wait_ready "http://127.0.0.1:$port/readyz" "$pid"; then
    echo "--- $name's output" >&2
    tail -n 30 "$work/$name.log" >&2
    fail "$name: \`node --enable-source-maps .\` in its deploy folder did not answer /readyz within 60 s"
  fi
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" || fail "$name: /healthz"
  printf '%-16s %8s  %s\n' "$name" "$(du -sh "$folder" | cut -f1)" "${seeded}answers /readyz (NODE_ENV=production, uid $run_uid)"
done

# Stop them (SIGTERM, as docker stop does) and require a clean exit.
for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${pids[@]}"; do
  status=0
  wait "$pid" 2>/dev/null || status=$?
  [ "$status" -eq 0 ] || fail "an app exited $status after SIGTERM instead of shutting down cleanly"
done
pids=()

# A read-only root filesystem works if nothing but the volumes was written (files owned by the
# unprivileged user; without root, the read-only deploy folders above are the check).
[ ${#as_app_user[@]} -gt 0 ] || chmod -R u+w "$work"
written=$(find /tmp /var/tmp /dev/shm "$work" -xdev -newer "$marker" -user "$uid" ! -path "$work/*-volume*" -print 2>/dev/null |
  head -n 20)
[ -z "$written" ] || fail "the apps wrote outside their volumes:"$'\n'"$written"
echo "ok   every app ran from its deploy folder as an unprivileged user and wrote only to its volume"
