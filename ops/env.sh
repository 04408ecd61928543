# Shared settings for the local-service scripts. Every value can be overridden
# from the environment; the Python side reads the same SOTFLOW_* variables.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SOTFLOW_STATE_DIR="${SOTFLOW_STATE_DIR:-$REPO_ROOT/.local}"

export SOTFLOW_PG_HOST="${SOTFLOW_PG_HOST:-127.0.0.1}"
export SOTFLOW_PG_PORT="${SOTFLOW_PG_PORT:-55432}"
export SOTFLOW_PG_USER="${SOTFLOW_PG_USER:-sotflow}"
export SOTFLOW_PG_PASSWORD="${SOTFLOW_PG_PASSWORD:-sotflow-local}"
export SOTFLOW_PG_DBNAME="${SOTFLOW_PG_DBNAME:-sotflow}"
SOTFLOW_PG_TEST_DBNAME="${SOTFLOW_PG_TEST_DBNAME:-sotflow_test}"

SOTFLOW_KAFKA_VERSION="${SOTFLOW_KAFKA_VERSION:-3.9.2}"
SOTFLOW_KAFKA_PORT="${SOTFLOW_KAFKA_PORT:-9092}"
SOTFLOW_KAFKA_CONTROLLER_PORT="${SOTFLOW_KAFKA_CONTROLLER_PORT:-9093}"
SOTFLOW_KAFKA_HEAP="${SOTFLOW_KAFKA_HEAP:-512m}"
# The replicated cluster (ops/kafka-cluster.sh): one KRaft controller and
# SOTFLOW_KAFKA_BROKERS brokers on ports of their own, so it runs beside the one broker.
SOTFLOW_KAFKA_BROKERS="${SOTFLOW_KAFKA_BROKERS:-1}"
SOTFLOW_KAFKA_CLUSTER_CONTROLLER_PORT="${SOTFLOW_KAFKA_CLUSTER_CONTROLLER_PORT:-19091}"
SOTFLOW_KAFKA_CLUSTER_FIRST_PORT="${SOTFLOW_KAFKA_CLUSTER_FIRST_PORT:-19092}"
SOTFLOW_KAFKA_CLUSTER_HEAP="${SOTFLOW_KAFKA_CLUSTER_HEAP:-256m}"
cluster_size() { if [ "$SOTFLOW_KAFKA_BROKERS" = 1 ]; then echo 3; else echo "$SOTFLOW_KAFKA_BROKERS"; fi; }
cluster_bootstrap() {
  local n list=""
  for ((n = 0; n < $(cluster_size); n++)); do list+="${list:+,}127.0.0.1:$((SOTFLOW_KAFKA_CLUSTER_FIRST_PORT + n))"; done
  echo "$list"
}
if [ "$SOTFLOW_KAFKA_BROKERS" = 1 ]; then
  export SOTFLOW_KAFKA_BOOTSTRAP="${SOTFLOW_KAFKA_BOOTSTRAP:-127.0.0.1:$SOTFLOW_KAFKA_PORT}"
else
  export SOTFLOW_KAFKA_BOOTSTRAP="${SOTFLOW_KAFKA_BOOTSTRAP:-$(cluster_bootstrap)}"
fi

VENV_PY="$REPO_ROOT/.venv/bin/python"

log() { printf '[sotflow] %s\n' "$*" >&2; }
die() { printf '[sotflow] ERROR: %s\n' "$*" >&2; exit 1; }

# Print the last lines of a service log, so a failed start says why.
show_log_tail() {
  local file="$1"
  if [ -f "$file" ]; then
    printf '[sotflow] --- last 40 lines of %s ---\n' "$file" >&2
    tail -n 40 "$file" >&2
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
