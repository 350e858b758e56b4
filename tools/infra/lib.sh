# shellcheck shell=bash disable=SC2034
# Shared helpers for tools/infra/up.sh and tools/infra/down.sh (sourced, not run).
# Portable to bash 3.2 (macOS): no associative arrays, no ${var,,}.

INFRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# State directory: .infra/ at the repository root. INFRA_DIR moves it (together with
# KAFKA_PORT / KAFKA_CONTROLLER_PORT / PG_EMBEDDED_PORT) to run a second, isolated set.
INFRA_DIR="${INFRA_DIR:-$INFRA_ROOT/.infra}"
case "$INFRA_DIR" in /*) ;; *) INFRA_DIR="$PWD/$INFRA_DIR" ;; esac
INFRA_STARTED="$INFRA_DIR/started"
INFRA_ENV="$INFRA_DIR/env"
COMPOSE_FILE_PATH="$INFRA_ROOT/docker-compose.yml"

KAFKA_DIR="$INFRA_DIR/kafka"
KAFKA_PID_FILE="$KAFKA_DIR/kafka.pid"
KAFKA_LOG_FILE="$KAFKA_DIR/kafka.log"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
# Keystore, PEM certificate and passwords of the SASL_SSL test listener (made on first start).
KAFKA_TLS_DIR="$KAFKA_DIR/tls"
KAFKA_POM="$INFRA_ROOT/deploy/kafka/pom.xml"
KAFKA_LIB="$INFRA_ROOT/deploy/kafka/target/lib"
KAFKA_LIB_STAMP="$INFRA_ROOT/deploy/kafka/target/classpath.cksum"
KAFKA_LOG4J="$INFRA_ROOT/deploy/kafka/log4j.properties"

PG_DIR="$INFRA_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_PID_FILE="$PG_DIR/embedded.pid"
PG_LOG_FILE="$PG_DIR/postgres.log"
PG_SCRIPT="$INFRA_ROOT/tools/infra/embedded-postgres.mjs"
PG_CHECK="$INFRA_ROOT/tools/infra/pg-check.mjs"

if [ -x "$INFRA_ROOT/node_modules/.bin/node" ]; then
  NODE_BIN="$INFRA_ROOT/node_modules/.bin/node"
else
  NODE_BIN="node"
fi

log() { printf '[infra] %s\n' "$*" >&2; }
rel() { case "$1" in "$INFRA_ROOT"/*) printf '%s' "${1#"$INFRA_ROOT"/}" ;; *) printf '%s' "$1" ;; esac; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# Milliseconds since the epoch (bash 5 EPOCHREALTIME, else whole seconds).
now_ms() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    local t="${EPOCHREALTIME/,/.}"
    local s="${t%.*}" f="${t#*.}000"
    printf '%s%s' "$s" "${f:0:3}"
  else
    printf '%s000' "$(date +%s)"
  fi
}
elapsed_s() { # elapsed_s <start_ms> -> "1.234"
  local d=$(( $(now_ms) - $1 ))
  printf '%d.%03d' $(( d / 1000 )) $(( d % 1000 ))
}

# Run a command with a time limit when `timeout` exists (GNU coreutils).
with_timeout() {
  local secs="$1"; shift
  if command -v timeout >/dev/null 2>&1; then
    timeout "$secs" "$@"
  else
    "$@"
  fi
}

# port_open <host> <port>: something accepts TCP connections there.
port_open() {
  # shellcheck disable=SC2016
  with_timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

# detach <command...>: run it in a new session, immune to SIGHUP (call it with `&`).
# fd 9 (the lock, see take_lock) is closed so the long-running child does not hold it.
detach() {
  if command -v setsid >/dev/null 2>&1; then exec setsid nohup "$@" 9>&-; else exec nohup "$@" 9>&-; fi
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# pid_matches <pid> <fixed string>: the process's command line contains it.
pid_matches() {
  local args
  args="$(ps -o args= -p "$1" 2>/dev/null)" || return 1
  case "$args" in *"$2"*) return 0 ;; *) return 1 ;; esac
}

# read_pid <file>: prints the pid stored in a pid file, or nothing.
read_pid() { if [ -f "$1" ]; then head -n 1 "$1" | tr -dc '0-9'; fi; }

# stop_pid <pid> <name> <timeout seconds> [signal]: signal (TERM), wait, then SIGKILL.
stop_pid() {
  local pid="$1" name="$2" limit="$3" sig="${4:-TERM}" waited=0
  pid_alive "$pid" || return 0
  log "stopping $name (pid $pid, SIG$sig)"
  kill -"$sig" "$pid" 2>/dev/null || true
  while pid_alive "$pid"; do
    if [ "$waited" -ge $(( limit * 4 )) ]; then
      warn "$name did not stop within ${limit}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.25
    waited=$(( waited + 1 ))
  done
  log "$name stopped after $(( waited / 4 )).$(( (waited % 4) * 25 ))s"
}

# The `started` record: one item per line (kafka-local, postgres-embedded, docker).
record_started() {
  mkdir -p "$INFRA_DIR"
  touch "$INFRA_STARTED"
  grep -qx "$1" "$INFRA_STARTED" || echo "$1" >>"$INFRA_STARTED"
}
is_recorded() { [ -f "$INFRA_STARTED" ] && grep -qx "$1" "$INFRA_STARTED"; }
unrecord() {
  [ -f "$INFRA_STARTED" ] || return 0
  local rest
  rest="$(grep -vx "$1" "$INFRA_STARTED" || true)"
  if [ -n "$rest" ]; then printf '%s\n' "$rest" >"$INFRA_STARTED"; else rm -f "$INFRA_STARTED"; fi
}

# Serialise concurrent up/down runs when flock(1) exists (Linux).
take_lock() {
  mkdir -p "$INFRA_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$INFRA_DIR/lock"
    if ! flock -n 9; then
      log "another tools/infra run is in progress, waiting for it (up to 300 s)"
      flock -w 300 9 || die "another tools/infra run holds $INFRA_DIR/lock"
    fi
  fi
}

# Docker: the engine answers within INFRA_DOCKER_TIMEOUT seconds, unless INFRA_DOCKER=off.
DOCKER_STATE=""
docker_available() {
  if [ -z "$DOCKER_STATE" ]; then
    case "${INFRA_DOCKER:-auto}" in
      off | no | never | 0 | false) DOCKER_STATE=no ;;
      *)
        if command -v docker >/dev/null 2>&1 \
          && with_timeout "${INFRA_DOCKER_TIMEOUT:-5}" docker info >/dev/null 2>&1; then
          DOCKER_STATE=yes
        else
          DOCKER_STATE=no
        fi
        ;;
    esac
  fi
  [ "$DOCKER_STATE" = yes ]
}

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -f "$COMPOSE_FILE_PATH" "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose -f "$COMPOSE_FILE_PATH" "$@"
  else
    die "a Docker engine answers but neither 'docker compose' nor 'docker-compose' is installed"
  fi
}

# Process helpers for the two local services, shared by up and down.
kafka_local_pid() { # prints the pid of our running local broker, or nothing
  local pid
  pid="$(read_pid "$KAFKA_PID_FILE")"
  if pid_alive "$pid" && pid_matches "$pid" "kafka.Kafka"; then echo "$pid"; fi
}
pg_embedded_pid() { # prints the pid of our running embedded-postgres supervisor, or nothing
  local pid
  pid="$(read_pid "$PG_PID_FILE")"
  if pid_alive "$pid" && pid_matches "$pid" "embedded-postgres.mjs"; then echo "$pid"; fi
}
# A postmaster left behind in our data dir (supervisor killed with SIGKILL).
pg_orphan_postmaster_pid() {
  local pid
  pid="$(read_pid "$PG_DATA/postmaster.pid")"
  if pid_alive "$pid" && pid_matches "$pid" "$PG_DATA"; then echo "$pid"; fi
}
