#!/usr/bin/env bash
# Local Apache Kafka owned by the project: ops/kafka.sh start|stop|status
# The broker's jars come from Maven Central (pinned version, cached under the
# state directory); one KRaft broker+controller runs on 127.0.0.1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# SOTFLOW_KAFKA_BROKERS=3: the replicated cluster of ops/kafka-cluster.sh instead.
if [ "${SOTFLOW_KAFKA_BROKERS:-1}" != 1 ]; then
  exec bash "$REPO_ROOT/ops/kafka-cluster.sh" "$@"
fi

KAFKA_DIR="$SOTFLOW_STATE_DIR/kafka"
JARS_DIR="$KAFKA_DIR/jars-$SOTFLOW_KAFKA_VERSION"
RUN_DIR="$KAFKA_DIR/run"
DATA_DIR="$RUN_DIR/data"
CONFIG="$RUN_DIR/server.properties"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_FILE="$RUN_DIR/server.log"
CONSOLE_LOG="$RUN_DIR/console.log"

fetch_jars() {
  [ -f "$JARS_DIR/.complete" ] && return
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch the Kafka broker jars from Maven Central"
  command -v java >/dev/null || die "Java 17+ is needed to run the Kafka broker"
  log "fetching Apache Kafka $SOTFLOW_KAFKA_VERSION jars from Maven Central (once)"
  local tmp="$JARS_DIR.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! mvn -B -q -f "$REPO_ROOT/ops/kafka/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -Dkafka.version="$SOTFLOW_KAFKA_VERSION" \
      -DoutputDirectory="$tmp" >"$KAFKA_DIR/mvn.log" 2>&1; then
    show_log_tail "$KAFKA_DIR/mvn.log"
    die "could not fetch the Kafka jars from Maven Central"
  fi
  rm -rf "$JARS_DIR"
  mv "$tmp" "$JARS_DIR"
  touch "$JARS_DIR/.complete"
}

pid_alive() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

write_config() {
  mkdir -p "$RUN_DIR"
  sed -e "s|@PORT@|$SOTFLOW_KAFKA_PORT|g" \
      -e "s|@CONTROLLER_PORT@|$SOTFLOW_KAFKA_CONTROLLER_PORT|g" \
      -e "s|@DATA_DIR@|$DATA_DIR|g" \
      "$REPO_ROOT/ops/kafka/server.properties.in" >"$CONFIG"
}

format_storage() {
  [ -f "$DATA_DIR/meta.properties" ] && return
  local cluster_id
  # One id in 64 would start with "-" and be taken for an option: draw again, as Kafka's
  # own random-uuid does, and pass it as --cluster-id=... besides.
  cluster_id="$(python3 -c 'import base64, os
while (id_ := base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")).startswith("-"):
    pass
print(id_)')"
  log "formatting KRaft storage in $DATA_DIR"
  java -cp "$JARS_DIR/*" -Dlog4j.configuration="file:$REPO_ROOT/ops/kafka/log4j.properties" \
    -Dkafka.logs.dir="$RUN_DIR" kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$CONFIG" -g \
    >"$RUN_DIR/format.log" 2>&1 || { show_log_tail "$RUN_DIR/format.log"; die "kafka storage format failed"; }
}

wait_ready() {
  local timeout="${SOTFLOW_KAFKA_START_TIMEOUT:-120}"
  if ! "$VENV_PY" -m sotflow.readiness kafka --timeout "$timeout" 2>"$RUN_DIR/ready.err"; then
    cat "$RUN_DIR/ready.err" >&2
    show_log_tail "$LOG_FILE"
    show_log_tail "$CONSOLE_LOG"
    die "Kafka did not answer a metadata request on $SOTFLOW_KAFKA_BOOTSTRAP within ${timeout}s"
  fi
}

start() {
  fetch_jars
  write_config
  if pid_alive; then
    log "Kafka already running (pid $(cat "$PID_FILE"))"
  else
    if port_open "$SOTFLOW_KAFKA_PORT"; then
      die "port $SOTFLOW_KAFKA_PORT is taken by another process; set SOTFLOW_KAFKA_PORT"
    fi
    format_storage
    log "starting Kafka $SOTFLOW_KAFKA_VERSION on $SOTFLOW_KAFKA_BOOTSTRAP"
    nohup java "-Xms$SOTFLOW_KAFKA_HEAP" "-Xmx$SOTFLOW_KAFKA_HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j.configuration="file:$REPO_ROOT/ops/kafka/log4j.properties" -Dkafka.logs.dir="$RUN_DIR" \
      -cp "$JARS_DIR/*" kafka.Kafka "$CONFIG" >"$CONSOLE_LOG" 2>&1 &
    echo $! >"$PID_FILE"
  fi
  wait_ready
  log "Kafka ready on $SOTFLOW_KAFKA_BOOTSTRAP"
}

stop() {
  if pid_alive; then
    local pid; pid="$(cat "$PID_FILE")"
    log "stopping Kafka (pid $pid)"
    kill -TERM "$pid"
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null; do
      if [ $SECONDS -ge $deadline ]; then log "Kafka did not stop in 60s; killing"; kill -KILL "$pid"; fi
      sleep 0.3
    done
    rm -f "$PID_FILE"
  else
    log "Kafka not running"
  fi
}

case "${1:-}" in
  fetch) fetch_jars ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if pid_alive; then echo running; else echo stopped; exit 3; fi ;;
  *) echo "usage: $0 fetch|start|stop|restart|status" >&2; exit 2 ;;
esac
