#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2317  # $0/$1 expand in the child bash; checks are called via wait_until
# Makes sure PostgreSQL, Redis, RabbitMQ, MongoDB and a mail catcher answer at their configured URLs,
# starting local servers for the ones that don't, and prints one line per service saying what it did.
#
#   scripts/services.sh                  check / start everything (idempotent, ~1 s when all is up)
#   scripts/services.sh stop-ferretdb    stop the FerretDB this script started (also: --stop)
#   scripts/services.sh stop-mail        stop the mail catcher this script started
#
# URLs (defaults in brackets): DATABASE_URL [postgres://postgres@127.0.0.1:5432/postgres],
# REDIS_URL [redis://127.0.0.1:6379], AMQP_URL [amqp://guest:guest@127.0.0.1:5672],
# MONGO_URL [mongodb://127.0.0.1:27017].
# MongoDB, when nothing answers: `docker compose up -d mongo` if a Docker engine answers, else the
# embedded FerretDB launcher of tools/ferretdb (built with Go, stored in PostgreSQL). FerretDB knobs:
# FERRETDB_BACKEND [postgresql] or sqlite, FERRETDB_POSTGRESQL_URL [DATABASE_URL's server, database
# "ferretdb"], FERRETDB_LOG_LEVEL [error]. Its pid file, log and SQLite files live in .data/ferretdb/.
# Mail, when nothing answers on SMTP_URL [smtp://127.0.0.1:1025]: MailDev (npm maildev, installed into
# .data/maildev/ on first use), catching every email on that port with a web UI and API on
# MAIL_UI_PORT [8025] (http://localhost:8025, as Mailpit's in docker compose). MAIL_CATCHER=skip
# leaves mail alone. Its pid file, log and the caught emails live in .data/maildev/.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
AMQP_URL=${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672}
MONGO_URL=${MONGO_URL:-mongodb://127.0.0.1:27017}

FERRETDB_SRC=$ROOT/tools/ferretdb
FERRETDB_BIN=$ROOT/.data/bin/ferretdb
FERRETDB_DIR=$ROOT/.data/ferretdb
FERRETDB_PID=$FERRETDB_DIR/ferretdb.pid
FERRETDB_LOG=$FERRETDB_DIR/ferretdb.log

SMTP_URL=${SMTP_URL:-smtp://127.0.0.1:1025}
MAIL_UI_PORT=${MAIL_UI_PORT:-8025}
MAILDEV_VERSION=3.0.0
MAILDEV_DIR=$ROOT/.data/maildev
MAILDEV_BIN=$MAILDEV_DIR/node_modules/maildev/dist/bin/maildev.js
MAILDEV_PID=$MAILDEV_DIR/maildev.pid
MAILDEV_LOG=$MAILDEV_DIR/maildev.log

failed=0

say() { printf '%s\n' "$*"; }
fail() { say "$*" >&2; failed=1; }

# parse_url URL DEFAULT_PORT -> sets URL_HOST and URL_PORT.
# Handles scheme://user:pass@host:port/db?x, [ipv6]:port and, for MongoDB seed lists, takes the first host.
parse_url() {
  local rest=${1#*://}
  rest=${rest%%/*}
  rest=${rest%%\?*}
  rest=${rest##*@}
  rest=${rest%%,*}
  if [[ $rest == \[* ]]; then
    URL_HOST=${rest%%]*}
    URL_HOST=${URL_HOST#[}
    rest=${rest#*]}
    URL_PORT=${rest#:}
  elif [[ $rest == *:* ]]; then
    URL_HOST=${rest%%:*}
    URL_PORT=${rest#*:}
  else
    URL_HOST=$rest
    URL_PORT=
  fi
  URL_HOST=${URL_HOST:-127.0.0.1}
  URL_PORT=${URL_PORT:-$2}
}

redact() { sed -E 's#(://[^:/@]*:)[^@/]*@#\1***@#' <<<"$1"; }

is_local() { [[ $1 == 127.* || $1 == localhost || $1 == ::1 || $1 == 0.0.0.0 ]]; }

tcp_open() { timeout 2 bash -c ': <>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

# wait_until SECONDS COMMAND... : polls COMMAND every 0.2 s until it succeeds or time runs out.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS >= deadline)) && return 1
    sleep 0.2
  done
}

docker_answers() { command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1; }

compose_up() {
  if docker compose version >/dev/null 2>&1; then
    # --wait: until healthy (MongoDB's health check also initiates its replica set).
    docker compose -f "$ROOT/docker-compose.yml" up -d --wait "$1"
  else
    docker-compose -f "$ROOT/docker-compose.yml" up -d "$1"
  fi
}

# start_detached PIDFILE LOG COMMAND... : runs COMMAND in a session of its own (so stopping the
# caller's process group, e.g. scripts/start.sh's, leaves it running) and writes its pid to PIDFILE.
start_detached() {
  local pidfile=$1 log=$2
  shift 2
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" >"$log" 2>&1 </dev/null &
  wait_until 5 test -s "$pidfile"
}

# start_and_wait NAME URL SECONDS CHECK WHAT HINT COMMAND... : runs COMMAND (quietly), then polls
# CHECK until it succeeds; says "NAME: started WHAT; using URL" or fails naming HINT.
start_and_wait() {
  local name=$1 url=$2 seconds=$3 check=$4 what=$5 hint=$6
  shift 6
  "$@" >/dev/null 2>&1
  if wait_until "$seconds" "$check"; then
    say "$name: started $what; using $url"
  else
    fail "$name: started $what but $url did not answer within $seconds s${hint:+ ($hint)}"
  fi
}

# ---------------------------------------------------------------- PostgreSQL
postgres_answers() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -t 2 -d "$DATABASE_URL" 2>/dev/null
  else
    tcp_open "$PG_HOST" "$PG_PORT"
  fi
}

ensure_postgres() {
  parse_url "$DATABASE_URL" 5432
  PG_HOST=$URL_HOST PG_PORT=$URL_PORT
  local url
  url=$(redact "$DATABASE_URL")
  if postgres_answers; then
    say "postgres: using $url (already answering)"
  elif ! is_local "$PG_HOST"; then
    fail "postgres: $url does not answer, and it is not on this machine, so nothing was started"
  elif command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
    local version
    version=$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)
    start_and_wait postgres "$url" 30 postgres_answers "local PostgreSQL $version cluster 'main'" \
      "see /var/log/postgresql/" pg_ctlcluster --skip-systemctl-redirect "$version" main start
  elif docker_answers; then
    start_and_wait postgres "$url" 60 postgres_answers "docker compose service 'postgres'" "" compose_up postgres
  else
    fail "postgres: $url does not answer; install PostgreSQL (apt-get install postgresql), start Docker, or set DATABASE_URL"
  fi
}

# ---------------------------------------------------------------- Redis
redis_answers() {
  if command -v redis-cli >/dev/null; then
    [[ $(timeout 2 redis-cli -u "$REDIS_URL" --no-auth-warning ping 2>/dev/null) == PONG ]]
  else
    tcp_open "$REDIS_HOST" "$REDIS_PORT"
  fi
}

ensure_redis() {
  parse_url "$REDIS_URL" 6379
  REDIS_HOST=$URL_HOST REDIS_PORT=$URL_PORT
  local url
  url=$(redact "$REDIS_URL")
  if redis_answers; then
    say "redis: using $url (already answering)"
  elif ! is_local "$REDIS_HOST"; then
    fail "redis: $url does not answer, and it is not on this machine, so nothing was started"
  elif command -v redis-server >/dev/null; then
    mkdir -p /var/lib/redis /var/log/redis
    start_and_wait redis "$url" 15 redis_answers "local redis-server on port $REDIS_PORT" \
      "see /var/log/redis/ci.log" redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
      --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  elif docker_answers; then
    start_and_wait redis "$url" 60 redis_answers "docker compose service 'redis'" "" compose_up redis
  else
    fail "redis: $url does not answer; install Redis (apt-get install redis-server), start Docker, or set REDIS_URL"
  fi
}

# ---------------------------------------------------------------- RabbitMQ
rabbitmq_answers() { tcp_open "$AMQP_HOST" "$AMQP_PORT"; }

ensure_rabbitmq() {
  parse_url "$AMQP_URL" 5672
  AMQP_HOST=$URL_HOST AMQP_PORT=$URL_PORT
  local url
  url=$(redact "$AMQP_URL")
  if rabbitmq_answers; then
    say "rabbitmq: using $url (already answering)"
  elif ! is_local "$AMQP_HOST"; then
    fail "rabbitmq: $url does not answer, and it is not on this machine, so nothing was started"
  elif command -v rabbitmq-server >/dev/null; then
    # RabbitMQ opens its AMQP port only once it has booted, so the port answering means ready.
    start_and_wait rabbitmq "$url" 120 rabbitmq_answers "local rabbitmq-server" "see /var/log/rabbitmq/" \
      rabbitmq-server -detached
  elif docker_answers; then
    start_and_wait rabbitmq "$url" 120 rabbitmq_answers "docker compose service 'rabbitmq'" "" compose_up rabbitmq
  else
    fail "rabbitmq: $url does not answer; install RabbitMQ (apt-get install rabbitmq-server), start Docker, or set AMQP_URL"
  fi
}

# ---------------------------------------------------------------- MongoDB
# The FerretDB launcher opens its port only after its backend is ready, and mongod likewise,
# so a TCP connect is a sufficient readiness check.
mongo_answers() { tcp_open "$MONGO_HOST" "$MONGO_PORT"; }

ferretdb_pid() {
  local pid
  pid=$(cat "$FERRETDB_PID" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && [[ $(ps -p "$pid" -o comm= 2>/dev/null) == ferretdb ]] && printf '%s' "$pid"
}

ferretdb_alive() { [[ -n $(ferretdb_pid) ]]; }

mongo_or_ferretdb_dead() { mongo_answers || ! ferretdb_alive; }

ferretdb_needs_build() {
  [[ ! -x $FERRETDB_BIN ]] ||
    [[ -n $(find "$FERRETDB_SRC" -maxdepth 1 \( -name '*.go' -o -name go.mod -o -name go.sum \) \
      -newer "$FERRETDB_BIN" -print -quit) ]]
}

start_ferretdb() {
  local url=$1 how=started
  mkdir -p "$FERRETDB_DIR" "$(dirname "$FERRETDB_BIN")"

  if ferretdb_needs_build; then
    if ! command -v go >/dev/null; then
      fail "mongo: $url does not answer and FerretDB cannot be built: no Go toolchain." \
        "Provide MongoDB by one of: set MONGO_URL to a running MongoDB; install Docker (then this" \
        "script runs 'docker compose up -d mongo'); or install Go >= 1.24 (go.dev/dl) so this" \
        "script can build tools/ferretdb"
      return
    fi
    say "mongo: building FerretDB launcher into ${FERRETDB_BIN#"$ROOT"/} (first build takes a minute or two)"
    if ! (cd "$FERRETDB_SRC" && go build -o "$FERRETDB_BIN" .) >"$FERRETDB_DIR/build.log" 2>&1; then
      fail "mongo: building tools/ferretdb failed; see ${FERRETDB_DIR#"$ROOT"/}/build.log:"
      tail -n 20 "$FERRETDB_DIR/build.log" >&2
      return
    fi
    how="built and started"
  fi

  local backend=${FERRETDB_BACKEND:-postgresql} storage
  if [[ $backend == sqlite ]]; then
    storage="SQLite in ${FERRETDB_DIR#"$ROOT"/}/sqlite"
  else
    # The same server as DATABASE_URL, in a database of its own.
    local base=${DATABASE_URL%%\?*}
    local authority=${base#*://}
    authority=${authority%%/*}
    FERRETDB_POSTGRESQL_URL=${FERRETDB_POSTGRESQL_URL:-${base%%://*}://$authority/ferretdb}
    storage="PostgreSQL $(redact "$FERRETDB_POSTGRESQL_URL")"
    if ! postgres_answers; then
      fail "mongo: FerretDB needs PostgreSQL, which does not answer (see the postgres line)"
      return
    fi
  fi

  local listen=$MONGO_HOST:$MONGO_PORT
  [[ $MONGO_HOST == *:* ]] && listen="[$MONGO_HOST]:$MONGO_PORT"
  [[ $MONGO_HOST == localhost ]] && listen=127.0.0.1:$MONGO_PORT

  rm -f "$FERRETDB_PID"
  FERRETDB_BACKEND=$backend FERRETDB_POSTGRESQL_URL=${FERRETDB_POSTGRESQL_URL:-} \
    start_detached "$FERRETDB_PID" "$FERRETDB_LOG" "$FERRETDB_BIN" -listen "$listen" -sqlite-dir "$FERRETDB_DIR/sqlite"

  if ! wait_until 30 mongo_or_ferretdb_dead || ! mongo_answers; then
    fail "mongo: FerretDB did not come up on $listen; last lines of ${FERRETDB_LOG#"$ROOT"/}:"
    tail -n 20 "$FERRETDB_LOG" >&2
    return
  fi
  say "mongo: $how FerretDB (pid $(cat "$FERRETDB_PID"), $storage, log ${FERRETDB_LOG#"$ROOT"/}); using $url"
}

ensure_mongo() {
  parse_url "$MONGO_URL" 27017
  MONGO_HOST=$URL_HOST MONGO_PORT=$URL_PORT
  local url
  url=$(redact "$MONGO_URL")
  if [[ $MONGO_URL == mongodb+srv://* ]]; then
    say "mongo: using $url (SRV record: not checked from here)"
  elif mongo_answers; then
    say "mongo: using $url (already answering)"
    if ferretdb_alive && ferretdb_needs_build; then
      say "mongo: note: tools/ferretdb changed since the running FerretDB was built;" \
        "run '$0 stop-ferretdb' and then '$0' to rebuild and restart it"
    fi
  elif ! is_local "$MONGO_HOST"; then
    fail "mongo: $url does not answer, and it is not on this machine, so nothing was started"
  elif ferretdb_alive && wait_until 30 mongo_or_ferretdb_dead && mongo_answers; then
    say "mongo: FerretDB (pid $(ferretdb_pid)) was still starting, now answers; using $url"
  elif docker_answers; then
    start_and_wait mongo "$url" 90 mongo_answers "docker compose service 'mongo'" "" compose_up mongo
  else
    start_ferretdb "$url"
  fi
}

# ---------------------------------------------------------------- Mail
# Mailpit's Go module builds without its web UI (its pages are built with npm in its release
# pipeline), so the catcher started here is MailDev: one npm package with its UI and a JSON API.
mail_answers() { tcp_open "$MAIL_HOST" "$MAIL_PORT"; }

maildev_pid() {
  local pid
  pid=$(cat "$MAILDEV_PID" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && [[ $(ps -p "$pid" -o args= 2>/dev/null) == *maildev* ]] && printf '%s' "$pid"
}

maildev_alive() { [[ -n $(maildev_pid) ]]; }

mail_or_maildev_dead() { mail_answers || ! maildev_alive; }

start_maildev() {
  local url=$1 how=started
  mkdir -p "$MAILDEV_DIR/mail"
  if [[ ! -f $MAILDEV_BIN ]]; then
    say "mail: installing MailDev $MAILDEV_VERSION into ${MAILDEV_DIR#"$ROOT"/} (npm, once)"
    if ! npm install --prefix "$MAILDEV_DIR" --no-audit --no-fund --loglevel=error "maildev@$MAILDEV_VERSION" \
      >"$MAILDEV_DIR/install.log" 2>&1; then
      fail "mail: installing MailDev failed; see ${MAILDEV_DIR#"$ROOT"/}/install.log:"
      tail -n 20 "$MAILDEV_DIR/install.log" >&2
      return
    fi
    how="installed and started"
  fi
  rm -f "$MAILDEV_PID"
  start_detached "$MAILDEV_PID" "$MAILDEV_LOG" node "$MAILDEV_BIN" --ip "$MAIL_HOST" --smtp "$MAIL_PORT" \
    --web-ip 127.0.0.1 --web "$MAIL_UI_PORT" --mail-directory "$MAILDEV_DIR/mail"
  if ! wait_until 30 mail_or_maildev_dead || ! mail_answers; then
    fail "mail: MailDev did not come up on $MAIL_HOST:$MAIL_PORT; last lines of ${MAILDEV_LOG#"$ROOT"/}:"
    tail -n 20 "$MAILDEV_LOG" >&2
    return
  fi
  say "mail: $how MailDev (pid $(cat "$MAILDEV_PID"), every email at http://localhost:$MAIL_UI_PORT, log ${MAILDEV_LOG#"$ROOT"/}); using $url"
}

ensure_mail() {
  parse_url "$SMTP_URL" 1025
  MAIL_HOST=$URL_HOST MAIL_PORT=$URL_PORT
  [[ $MAIL_HOST == localhost ]] && MAIL_HOST=127.0.0.1
  local url
  url=$(redact "$SMTP_URL")
  if [[ ${MAIL_CATCHER:-start} == skip ]]; then
    say "mail: not checked (MAIL_CATCHER=skip); the apps send to $url"
  elif mail_answers; then
    say "mail: using $url (already answering)"
  elif ! is_local "$MAIL_HOST"; then
    fail "mail: $url does not answer, and it is not on this machine, so nothing was started"
  elif maildev_alive && wait_until 30 mail_or_maildev_dead && mail_answers; then
    say "mail: MailDev (pid $(maildev_pid)) was still starting, now answers; using $url"
  elif docker_answers; then
    start_and_wait mail "$url" 60 mail_answers "docker compose service 'mailpit' (UI http://localhost:8025)" "" \
      compose_up mailpit
  elif ! command -v npm >/dev/null; then
    fail "mail: $url does not answer and MailDev cannot be installed without npm; set SMTP_URL to a mail" \
      "server, or MAIL_CATCHER=skip (the apps then retry their emails until one answers)"
  else
    start_maildev "$url"
  fi
}

process_gone() { ! kill -0 "$1" 2>/dev/null; }

stop_ferretdb() {
  local pid
  if ! pid=$(ferretdb_pid); then
    rm -f "$FERRETDB_PID"
    say "ferretdb: not running (no live process in ${FERRETDB_PID#"$ROOT"/})"
    return 0
  fi
  kill -TERM "$pid"
  if wait_until 15 process_gone "$pid"; then
    rm -f "$FERRETDB_PID"
    say "ferretdb: stopped pid $pid"
  else
    say "ferretdb: pid $pid did not stop within 15 s after SIGTERM" >&2
    return 1
  fi
}

stop_maildev() {
  local pid
  if ! pid=$(maildev_pid); then
    rm -f "$MAILDEV_PID"
    say "maildev: not running (no live process in ${MAILDEV_PID#"$ROOT"/})"
    return 0
  fi
  kill -TERM "$pid"
  if wait_until 15 process_gone "$pid"; then
    rm -f "$MAILDEV_PID"
    say "maildev: stopped pid $pid"
  else
    say "maildev: pid $pid did not stop within 15 s after SIGTERM" >&2
    return 1
  fi
}

case ${1:-} in
  stop-ferretdb | --stop)
    stop_ferretdb
    exit
    ;;
  stop-mail)
    stop_maildev
    exit
    ;;
  "" | start) ;;
  -h | --help)
    sed -n '3,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  *)
    say "usage: $0 [stop-ferretdb | --stop | stop-mail | --help]" >&2
    exit 2
    ;;
esac

# PostgreSQL first: FerretDB stores its data there.
ensure_postgres
ensure_redis
ensure_rabbitmq
ensure_mongo
ensure_mail
exit "$failed"
