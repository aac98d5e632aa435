#!/usr/bin/env bash
# A throwaway PostgreSQL 15 (Debian's) on 127.0.0.1 for the tests that need a real server.
#   bash scripts/pg-test-server.sh start   # prints the URL for DFSLAB_TEST_DATABASE_URL
#   bash scripts/pg-test-server.sh stop
# Idempotent: `start` on a running server only prints its URL. Data lives in /tmp/dfslab-pg.
set -euo pipefail
PORT="${DFSLAB_PG_PORT:-55433}"
BASE=/tmp/dfslab-pg
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

case "${1:-start}" in
  start)
    [ -n "$BIN" ] || { echo "pg-test-server: PostgreSQL is not installed (bash scripts/setup-debian.sh --with-postgres)" >&2; exit 1; }
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then echo "$URL"; exit 0; fi
    if [ "$(id -u)" -eq 0 ]; then install -d -o postgres -g postgres "$BASE"; else mkdir -p "$BASE"; fi
    if [ ! -f "$BASE/data/PG_VERSION" ]; then
      as_pg "'$BIN/initdb' -D '$BASE/data' -U postgres --auth=trust -E UTF8 --no-instructions" >/dev/null
    fi
    as_pg "'$BIN/pg_ctl' -D '$BASE/data' -l '$BASE/log' -o \"-p $PORT -k $BASE -c listen_addresses=127.0.0.1\" -w start" >/dev/null
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"
    echo "$URL"
    ;;
  stop)
    [ -n "$BIN" ] && [ -f "$BASE/data/PG_VERSION" ] && as_pg "'$BIN/pg_ctl' -D '$BASE/data' -m fast stop" >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
