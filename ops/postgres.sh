#!/usr/bin/env bash
# Local PostgreSQL owned by the project: ops/postgres.sh start|stop|status
# Installs Debian's server package when absent, keeps its cluster under the
# state directory, listens on 127.0.0.1 only, creates the role and databases.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

find_pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
}

PG_BIN="$(find_pg_bin || true)"

# Server settings for a machine of its own: buffers that hold the registers while a
# rebuild writes them (the default is 128MB), and WAL room so that a rebuild does not
# force checkpoints (with the default 1GB, the 1,000,000-event benchmarks forced them).
PG_TUNING="${SOTFLOW_PG_TUNING:--c shared_buffers=512MB -c max_wal_size=8GB -c checkpoint_timeout=15min}"

install_postgres() {
  [ "$(id -u)" = 0 ] || die "PostgreSQL server is not installed and this user cannot apt-get install it; install the 'postgresql' package."
  log "installing PostgreSQL from Debian's packages"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN="$(find_pg_bin)"
}

# PostgreSQL refuses to run as root: as root we run it as the 'postgres' OS user,
# which must be able to reach the data directory.
if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); else RUN_AS=(); fi

data_root() {
  local root="$SOTFLOW_STATE_DIR/postgres"
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    mkdir -p "$root"
    if ! runuser -u postgres -- test -x "$root" 2>/dev/null; then
      # The work tree is not traversable by 'postgres' (e.g. under /root).
      root="/var/lib/sotflow/$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)/postgres"
      mkdir -p "$root"
    fi
    chown postgres:postgres "$root"
  else
    mkdir -p "$root"
  fi
  echo "$root"
}

# From /: the postgres user may not enter the caller's directory (a fresh clone under a
# private temporary directory, say), and every command then warned that it could not.
as_pg() { (cd / && "${RUN_AS[@]}" "$@"); }

psql_super() {
  as_pg "$PG_BIN/psql" -h "$SOCKET_DIR" -p "$SOTFLOW_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

ensure_role_and_databases() {
  local exists
  exists="$(psql_super -c "select 1 from pg_roles where rolname = '$SOTFLOW_PG_USER'")"
  if [ "$exists" != 1 ]; then
    psql_super -c "create role \"$SOTFLOW_PG_USER\" login password '$SOTFLOW_PG_PASSWORD'"
  else
    psql_super -c "alter role \"$SOTFLOW_PG_USER\" password '$SOTFLOW_PG_PASSWORD'"
  fi
  for db in "$SOTFLOW_PG_DBNAME" "$SOTFLOW_PG_TEST_DBNAME"; do
    exists="$(psql_super -c "select 1 from pg_database where datname = '$db'")"
    [ "$exists" = 1 ] || psql_super -c "create database \"$db\" owner \"$SOTFLOW_PG_USER\""
  done
}

wait_ready() {
  local deadline=$((SECONDS + ${SOTFLOW_PG_START_TIMEOUT:-60}))
  until PGPASSWORD="$SOTFLOW_PG_PASSWORD" "$PG_BIN/psql" -h "$SOTFLOW_PG_HOST" -p "$SOTFLOW_PG_PORT" \
      -U "$SOTFLOW_PG_USER" -d "$SOTFLOW_PG_DBNAME" -qAt -c 'select 1' >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      show_log_tail "$LOG_FILE"
      die "PostgreSQL did not answer 'select 1' on $SOTFLOW_PG_HOST:$SOTFLOW_PG_PORT in time"
    fi
    sleep 0.5
  done
}

is_running() { [ -n "$PG_BIN" ] && [ -d "${DATA_DIR:-/nonexistent}" ] && as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; }

start() {
  [ -n "$PG_BIN" ] || install_postgres
  if is_running; then
    log "PostgreSQL already running on $SOTFLOW_PG_HOST:$SOTFLOW_PG_PORT"
  else
    if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
      log "initialising PostgreSQL cluster in $DATA_DIR"
      as_pg mkdir -p "$DATA_DIR"
      as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$ROOT/initdb.log" 2>&1 \
        || { show_log_tail "$ROOT/initdb.log"; die "initdb failed"; }
    fi
    as_pg mkdir -p "$SOCKET_DIR"
    log "starting PostgreSQL on $SOTFLOW_PG_HOST:$SOTFLOW_PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t "${SOTFLOW_PG_START_TIMEOUT:-60}" \
      -o "-c listen_addresses=$SOTFLOW_PG_HOST -p $SOTFLOW_PG_PORT -c unix_socket_directories=$SOCKET_DIR -c max_connections=300 $PG_TUNING" \
      start >/dev/null || { show_log_tail "$LOG_FILE"; die "PostgreSQL failed to start"; }
  fi
  ensure_role_and_databases
  wait_ready
  log "PostgreSQL ready: postgresql://$SOTFLOW_PG_USER@$SOTFLOW_PG_HOST:$SOTFLOW_PG_PORT/$SOTFLOW_PG_DBNAME"
}

stop() {
  if is_running; then
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
  else
    log "PostgreSQL not running"
  fi
}

if [ -n "$PG_BIN" ] || [ "${1:-}" = start ]; then
  ROOT="$(data_root)"
  DATA_DIR="$ROOT/data"
  SOCKET_DIR="$ROOT/socket"
  LOG_FILE="$ROOT/postgres.log"
fi

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if is_running; then echo running; else echo stopped; exit 3; fi ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
