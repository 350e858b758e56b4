#!/usr/bin/env bash
# Stop what tools/infra/up.sh started (`npm run infra:down`), and nothing else:
# the local Kafka broker, the embedded PostgreSQL, or `docker compose down` when up.sh
# used Docker. Services taken from KAFKA_BROKERS / DATABASE_URL or an already running
# PostgreSQL are left alone. A no-op when nothing runs. Removes .infra/env.
#
#   bash tools/infra/down.sh           stop; keep data (.infra/kafka/data, .infra/postgres/data)
#   bash tools/infra/down.sh --purge   stop, then delete .infra/ (and `docker compose down -v`)
#
# Settings: KAFKA_STOP_TIMEOUT=60, PG_STOP_TIMEOUT=30 (seconds before SIGKILL).
set -euo pipefail

# shellcheck source=tools/infra/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
  PURGE=no
  for arg in "$@"; do
    case "$arg" in
      --purge) PURGE=yes ;;
      -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
      *) die "unknown argument: $arg (try --help)" ;;
    esac
  done

  if [ ! -d "$INFRA_DIR" ]; then
    log "nothing to stop (no $(rel "$INFRA_DIR")/)"
    return 0
  fi
  take_lock

  local stopped=0 pid

  # Local Kafka broker: recorded in .infra/started, or its pid file points at a live broker
  # (both are only ever written by up.sh).
  pid="$(kafka_local_pid)"
  if [ -n "$pid" ]; then
    stop_pid "$pid" "local Kafka broker" "${KAFKA_STOP_TIMEOUT:-60}"
    stopped=$(( stopped + 1 ))
  fi
  rm -f "$KAFKA_PID_FILE"
  unrecord kafka-local

  # Embedded PostgreSQL: stop the supervisor (it shuts PostgreSQL down), then any postmaster
  # left behind in our data directory.
  pid="$(pg_embedded_pid)"
  if [ -n "$pid" ]; then
    stop_pid "$pid" "embedded PostgreSQL" "${PG_STOP_TIMEOUT:-30}"
    stopped=$(( stopped + 1 ))
  fi
  pid="$(pg_orphan_postmaster_pid)"
  if [ -n "$pid" ]; then
    stop_pid "$pid" "orphaned postmaster" "${PG_STOP_TIMEOUT:-30}" INT
    stopped=$(( stopped + 1 ))
  fi
  rm -f "$PG_PID_FILE"
  unrecord postgres-embedded

  if is_recorded docker; then
    if command -v docker >/dev/null 2>&1; then
      if [ "$PURGE" = yes ]; then
        log "docker compose down -v"
        compose down -v >&2
      else
        log "docker compose down"
        compose down >&2
      fi
      stopped=$(( stopped + 1 ))
    else
      warn "up.sh used Docker but 'docker' is gone; nothing to run"
    fi
    unrecord docker
  fi

  rm -f "$INFRA_ENV"
  if [ "$PURGE" = yes ]; then
    log "deleting $(rel "$INFRA_DIR")/ (Kafka and PostgreSQL data, logs)"
    rm -rf "$INFRA_DIR"
  fi

  if [ "$stopped" -eq 0 ]; then
    log "nothing to stop"
  else
    log "down"
  fi
}

# On one line: bash reads scripts as it runs them, so nothing after main is read later.
main "$@"; exit $?
