#!/usr/bin/env bash
# Is the infrastructure from tools/infra/up.sh usable? Exit 0 when .infra/env exists, its
# KAFKA_BROKERS accepts TCP connections and its DATABASE_URL answers `select 1`; else 1.
# Prints one line per service and what up.sh started (pids), all on stderr. Starts nothing.
set -euo pipefail

# shellcheck source=tools/infra/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
  if [ ! -f "$INFRA_ENV" ]; then
    log "down (no $(rel "$INFRA_ENV"); run npm run infra:up)"
    return 1
  fi
  local brokers url ok=0 first
  brokers="$(sed -n "s/^export KAFKA_BROKERS='\{0,1\}\([^']*\)'\{0,1\}$/\1/p" "$INFRA_ENV")"
  url="$(sed -n "s/^export DATABASE_URL='\{0,1\}\([^']*\)'\{0,1\}$/\1/p" "$INFRA_ENV")"

  first="${brokers%%,*}"
  first="${first#*://}"
  if [ -n "$first" ] && port_open "${first%:*}" "${first##*:}"; then
    log "kafka    up    $brokers"
  else
    log "kafka    DOWN  ${brokers:-<not set>}"
    ok=1
  fi
  if [ -n "$url" ] && "$NODE_BIN" "$PG_CHECK" "$url" 0 2>/dev/null; then
    log "postgres up    $(printf '%s' "$url" | sed -E 's#(//[^:/@]*):[^@/]*@#\1:***@#')"
  else
    log "postgres DOWN  ${url:-<not set>}"
    ok=1
  fi

  local pid
  pid="$(kafka_local_pid)"
  [ -z "$pid" ] || log "started: local Kafka broker, pid $pid, RSS $(( $(ps -o rss= -p "$pid" | tr -d ' ') / 1024 )) MiB, log ${KAFKA_LOG_FILE#"$INFRA_ROOT"/}"
  pid="$(pg_embedded_pid)"
  [ -z "$pid" ] || log "started: embedded PostgreSQL, pid $pid, log ${PG_LOG_FILE#"$INFRA_ROOT"/}"
  if is_recorded docker; then log "started: docker compose services"; fi
  return "$ok"
}

main "$@"
exit $?
