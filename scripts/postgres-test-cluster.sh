#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster on loopback for the tests: `start` prints its URL on the
# last line, `stop` removes it. Needs root (it runs the server as the postgres user).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGROOT=${PGROOT:-/tmp/cordon-pg}
PGPORT=${PGPORT:-55432}
URL="postgres://postgres:secret@127.0.0.1:${PGPORT}/cordon_test?sslmode=disable"

[ "$(id -u)" -eq 0 ] || { echo "postgres-test-cluster.sh needs root (CI runs as root)" >&2; exit 1; }

stop() {
  if [ -f "$PGROOT/data/postmaster.pid" ]; then
    su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -m fast -w stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$PGROOT"
}

case "${1:-}" in
  start)
    stop
    install -d -o postgres -g postgres -m 700 "$PGROOT" "$PGROOT/sock"
    echo secret > "$PGROOT/pw" && chown postgres "$PGROOT/pw"
    su postgres -c "$PGBIN/initdb -D $PGROOT/data -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 --pwfile=$PGROOT/pw" >/dev/null
    su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -l $PGROOT/server.log -w -t 30 -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT/sock -c max_connections=200\" start" >/dev/null
    for _ in $(seq 1 30); do
      pg_isready -h 127.0.0.1 -p "$PGPORT" -q && break
      sleep 0.5
    done
    PGPASSWORD=secret psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE cordon_test"
    echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
    echo "$URL"
    ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
