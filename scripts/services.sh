# Sourced by run-tests.sh and with-services.sh: start a throw-away PostgreSQL cluster and a
# Redis server on free loopback ports, export DATABASE_URL / TEST_REDIS_URL, stop them on exit.
# Without them, stops at once with the command installing them: the suite never runs degraded.

_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
REDIS_SERVER="$(command -v redis-server || true)"

if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -n "$REDIS_SERVER" ]; then
  SERVICES_DIR="$(mktemp -d /tmp/copilote-services.XXXXXX)"
  chmod 755 "$SERVICES_DIR"
  PG_PORT="$(_free_port)"
  REDIS_PORT="$(_free_port)"
  _as_pg() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
  }
  mkdir -p "$SERVICES_DIR/pg" "$SERVICES_DIR/sock"
  [ "$(id -u)" = "0" ] && chown -R postgres "$SERVICES_DIR/pg" "$SERVICES_DIR/sock"
  _as_pg "$PG_BIN/initdb" -D "$SERVICES_DIR/pg" -U copilote -A trust -E UTF8 --locale=C.UTF-8 >"$SERVICES_DIR/initdb.log" 2>&1 \
    || { cat "$SERVICES_DIR/initdb.log"; echo "initdb a échoué" >&2; exit 1; }
  _as_pg "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg" -l "$SERVICES_DIR/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $SERVICES_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$SERVICES_DIR/pg/server.log"; echo "PostgreSQL n'a pas démarré" >&2; exit 1; }
  "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$SERVICES_DIR" --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" >/dev/null
  _stop_services() {
    _as_pg "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
    [ -f "$SERVICES_DIR/redis.pid" ] && kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null || true
    rm -rf "$SERVICES_DIR" 2>/dev/null || { sleep 1; rm -rf "$SERVICES_DIR" 2>/dev/null; } || true  # the servers may still be closing their files
  }
  trap _stop_services EXIT
  for _ in $(seq 1 50); do
    (echo PING | timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT; cat >&3; head -c 5 <&3" 2>/dev/null | grep -q PONG) && break
    sleep 0.1
  done
  export DATABASE_URL="postgres://copilote@127.0.0.1:$PG_PORT/copilote"
  export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  echo "==> PostgreSQL ($PG_BIN) sur le port $PG_PORT, Redis sur le port $REDIS_PORT"
else
  echo "ERREUR : PostgreSQL (pg_ctl) et redis-server sont requis et sont introuvables." >&2
  echo "Lancez :  bash scripts/system-deps.sh test   (ou : sudo apt-get install -y postgresql redis-server)" >&2
  exit 1
fi
