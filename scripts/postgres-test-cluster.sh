#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster on loopback for the tests (the recipe of ENVIRONMENT.md).
#   start  removes any leftover cluster at $PGROOT, creates a new one with database cordon_test,
#          waits until it answers, and prints its URL on the last line of stdout
#   stop   stops it and removes $PGROOT
# Needs root: the server runs as the postgres user (CI runs as root). Durability settings are
# PostgreSQL's defaults (no fsync=off).
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
PGROOT=/tmp/cordon-pg
PGPORT=55432
URL="postgres://postgres:secret@127.0.0.1:${PGPORT}/cordon_test?sslmode=disable"

if [ "$(id -u)" -ne 0 ]; then
  echo "postgres-test-cluster.sh needs root: it runs PostgreSQL as the postgres user (CI runs as root)" >&2
  exit 1
fi
[ -x "$PGBIN/initdb" ] || { echo "postgres-test-cluster.sh: $PGBIN/initdb not found; run scripts/setup.sh" >&2; exit 1; }
cd /   # the postgres user cannot read root's working directory

stop() {
  if [ -f "$PGROOT/data/postmaster.pid" ]; then
    echo "postgres-test-cluster: stopping the cluster in $PGROOT" >&2
    su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -m fast -w stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$PGROOT"
}

start() {
  stop
  if "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q; then
    echo "postgres-test-cluster: another server already listens on 127.0.0.1:$PGPORT" >&2
    exit 1
  fi
  install -d -o postgres -g postgres -m 700 "$PGROOT" "$PGROOT/sock"
  echo secret > "$PGROOT/pw" && chown postgres "$PGROOT/pw"
  su postgres -c "$PGBIN/initdb -D $PGROOT/data -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 --pwfile=$PGROOT/pw" >/dev/null
  # max_connections: the tests run in parallel, each with its own database and connection pool.
  # max_locks_per_transaction: each of those databases is migrated in one transaction that locks
  # every table and index it creates until it commits; dozens at once overflow the default 64.
  if ! su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -l $PGROOT/server.log -w -t 30 -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT/sock -c max_connections=200 -c max_locks_per_transaction=256\" start" >/dev/null; then
    echo "postgres-test-cluster: the server did not start; $PGROOT/server.log:" >&2
    tail -n 20 "$PGROOT/server.log" >&2 || true
    exit 1
  fi
  local ready=0
  for _ in $(seq 1 60); do
    if "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q; then ready=1; break; fi
    sleep 0.5
  done
  [ "$ready" -eq 1 ] || { echo "postgres-test-cluster: 127.0.0.1:$PGPORT does not answer (pg_isready)" >&2; exit 1; }
  PGPASSWORD=secret "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE cordon_test"
  echo "postgres-test-cluster: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT, data in $PGROOT"
  echo "$URL"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
