#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a new cluster in a temporary folder, owned
# by a non-root user, on a free local port; TEST_POSTGRES_URL points at it. Stopped and deleted
# afterwards. Used by `npm run test:pg` (the integration suite's PostgreSQL run).
set -euo pipefail

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$PG_BIN" ]; then
  if [ -n "${CI:-}" ]; then
    echo "[postgres] not installed: apt-get install postgresql" >&2
    exit 1
  fi
  echo "[postgres] not installed (apt-get install postgresql): the PostgreSQL run is skipped" >&2
  exit 0
fi

DIR="$(mktemp -d /tmp/pay-forms-pg.XXXXXX)"
AS=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user Debian's package made.
  chown postgres "$DIR"
  AS=(runuser -u postgres --)
fi
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

"${AS[@]}" "$PG_BIN/initdb" -D "$DIR/data" -A trust -U test --no-sync >/dev/null
stop() {
  "${AS[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
  start >/dev/null

export TEST_POSTGRES_URL="postgres://test@127.0.0.1:$PORT/postgres"
echo "[postgres] server on 127.0.0.1:$PORT" >&2
"$@"
