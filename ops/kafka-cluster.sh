#!/usr/bin/env bash
# A replicated Apache Kafka cluster on 127.0.0.1, beside (not instead of) ops/kafka.sh's
# one broker: one KRaft controller (node 0) and SOTFLOW_KAFKA_BROKERS brokers (default 3,
# nodes 1..N) from the same Maven jars, each with its own data under .local/kafka-cluster/.
#
#   ops/kafka-cluster.sh start [node...]   start the cluster, or only the nodes named
#   ops/kafka-cluster.sh stop              SIGTERM every node
#   ops/kafka-cluster.sh kill <node>       SIGKILL one node (tests: a broker crash)
#   ops/kafka-cluster.sh status | env | clean
#
# `env` prints the SOTFLOW_* settings of a deployment on this cluster (the production
# profile: replication factor 3, min.insync.replicas 2): `eval "$(ops/kafka-cluster.sh env)"`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

BROKERS="$(cluster_size)"
BOOTSTRAP="$(cluster_bootstrap)"
REPLICAS=$((BROKERS < 3 ? BROKERS : 3))
MIN_ISR=$((REPLICAS > 1 ? REPLICAS - 1 : 1))
JARS_DIR="$SOTFLOW_STATE_DIR/kafka/jars-$SOTFLOW_KAFKA_VERSION"
CLUSTER_DIR="$SOTFLOW_STATE_DIR/kafka-cluster"

node_dir() { echo "$CLUSTER_DIR/node$1"; }
pid_file() { echo "$(node_dir "$1")/kafka.pid"; }
node_alive() { [ -f "$(pid_file "$1")" ] && kill -0 "$(cat "$(pid_file "$1")")" 2>/dev/null; }
node_port() { if [ "$1" = 0 ]; then echo "$SOTFLOW_KAFKA_CLUSTER_CONTROLLER_PORT"; else echo $((SOTFLOW_KAFKA_CLUSTER_FIRST_PORT + $1 - 1)); fi; }
all_nodes() { seq 0 "$BROKERS"; }

write_config() {
  local node="$1" dir template
  dir="$(node_dir "$node")"
  mkdir -p "$dir"
  template="$REPO_ROOT/ops/kafka/cluster-broker.properties.in"
  [ "$node" = 0 ] && template="$REPO_ROOT/ops/kafka/cluster-controller.properties.in"
  sed -e "s|@NODE_ID@|$node|g" -e "s|@PORT@|$(node_port "$node")|g" \
      -e "s|@CONTROLLER_PORT@|$SOTFLOW_KAFKA_CLUSTER_CONTROLLER_PORT|g" \
      -e "s|@DATA_DIR@|$dir/data|g" -e "s|@REPLICAS@|$REPLICAS|g" -e "s|@MIN_ISR@|$MIN_ISR|g" \
      "$template" >"$dir/server.properties"
}

cluster_id() {
  # Every node is formatted with the same id, drawn once (never starting with "-").
  local file="$CLUSTER_DIR/cluster.id"
  if [ ! -f "$file" ]; then
    mkdir -p "$CLUSTER_DIR"
    python3 -c 'import base64, os
while (id_ := base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")).startswith("-"):
    pass
print(id_)' >"$file"
  fi
  cat "$file"
}

format_storage() {
  local node="$1" dir
  dir="$(node_dir "$node")"
  [ -f "$dir/data/meta.properties" ] && return
  java -cp "$JARS_DIR/*" -Dlog4j.configuration="file:$REPO_ROOT/ops/kafka/log4j.properties" \
    -Dkafka.logs.dir="$dir" kafka.tools.StorageTool format --cluster-id="$(cluster_id)" \
    -c "$dir/server.properties" -g >"$dir/format.log" 2>&1 \
    || { show_log_tail "$dir/format.log"; die "kafka storage format failed for node $node"; }
}

start_node() {
  local node="$1" dir port
  dir="$(node_dir "$node")"
  port="$(node_port "$node")"
  write_config "$node"
  if node_alive "$node"; then return; fi
  port_open "$port" && die "port $port (cluster node $node) is taken by another process; set SOTFLOW_KAFKA_CLUSTER_FIRST_PORT / _CONTROLLER_PORT"
  format_storage "$node"
  log "starting cluster node $node on 127.0.0.1:$port"
  nohup java "-Xms$SOTFLOW_KAFKA_CLUSTER_HEAP" "-Xmx$SOTFLOW_KAFKA_CLUSTER_HEAP" -XX:+UseG1GC \
    -Djava.awt.headless=true -Dlog4j.configuration="file:$REPO_ROOT/ops/kafka/log4j.properties" \
    -Dkafka.logs.dir="$dir" -cp "$JARS_DIR/*" kafka.Kafka "$dir/server.properties" >"$dir/console.log" 2>&1 &
  echo $! >"$(pid_file "$node")"
}

wait_ready() {
  # Every broker this script runs must have registered (some may be down on purpose).
  local timeout="${SOTFLOW_KAFKA_START_TIMEOUT:-180}" running=0 node
  for node in $(seq 1 "$BROKERS"); do node_alive "$node" && running=$((running + 1)); done
  if ! SOTFLOW_KAFKA_BOOTSTRAP="$BOOTSTRAP" "$VENV_PY" -m sotflow.readiness kafka --brokers "$running" \
      --timeout "$timeout" 2>"$CLUSTER_DIR/ready.err"; then
    cat "$CLUSTER_DIR/ready.err" >&2
    for node in $(all_nodes); do show_log_tail "$(node_dir "$node")/console.log"; done
    die "the cluster's $running running brokers did not all answer on $BOOTSTRAP within ${timeout}s"
  fi
}

start() {
  bash "$REPO_ROOT/ops/kafka.sh" fetch
  local nodes=("$@")
  [ ${#nodes[@]} -eq 0 ] && mapfile -t nodes < <(all_nodes)
  for node in "${nodes[@]}"; do start_node "$node"; done
  wait_ready
  log "Kafka cluster ready on $BOOTSTRAP (replication factor $REPLICAS, min.insync.replicas $MIN_ISR)"
}

stop_node() {
  local node="$1" pid
  node_alive "$node" || { rm -f "$(pid_file "$node")"; return; }
  pid="$(cat "$(pid_file "$node")")"
  kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then log "node $node did not stop in 60s; killing"; kill -KILL "$pid"; fi
    sleep 0.3
  done
  rm -f "$(pid_file "$node")"
}

stop() {
  # Brokers first, the controller last, so they can shut down in an orderly way.
  local node
  for node in $(seq "$BROKERS" -1 1); do stop_node "$node" & done
  wait
  stop_node 0
  log "Kafka cluster stopped"
}

kill_node() {
  local node="${1:?usage: $0 kill <node>}" pid
  node_alive "$node" || die "cluster node $node is not running"
  pid="$(cat "$(pid_file "$node")")"
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$(pid_file "$node")"
  log "cluster node $node killed (SIGKILL)"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  kill) kill_node "${2:-}" ;;
  status)
    running=0
    for node in $(all_nodes); do
      if node_alive "$node"; then echo "node $node: running"; running=$((running + 1)); else echo "node $node: stopped"; fi
    done
    [ "$running" -gt 0 ] || exit 3 ;;
  env)
    echo "export SOTFLOW_KAFKA_BOOTSTRAP=$BOOTSTRAP"
    echo "export SOTFLOW_TOPIC_REPLICATION_FACTOR=$REPLICAS"
    echo "export SOTFLOW_TOPIC_MIN_INSYNC_REPLICAS=$MIN_ISR" ;;
  clean) stop; rm -rf "$CLUSTER_DIR" ;;
  *) echo "usage: $0 start [node...]|stop|kill <node>|status|env|clean" >&2; exit 2 ;;
esac
