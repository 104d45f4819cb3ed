#!/usr/bin/env bash
# A throw-away PostgreSQL for the tests: initdb in a temp folder, a free loopback port, scram-sha-256 with a
# generated password. Debian's postgresql package is installed when missing.
#
#   eval "$(tests/scripts/postgres.sh start)"   # exports SV_TEST_PG_URL and SV_TEST_PG_DIR
#   tests/scripts/postgres.sh stop "$SV_TEST_PG_DIR"
#
# PostgreSQL refuses to run as root: as root, the server runs as the "postgres" user the package creates.
set -euo pipefail

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  done
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin
  if ! bin=$(find_bin); then
    if [ "$(id -u)" -ne 0 ]; then
      echo "PostgreSQL is not installed: apt-get install postgresql (as root)" >&2
      exit 1
    fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
  fi

  local dir password port
  dir=$(mktemp -d /tmp/sv-pg.XXXXXX)
  chmod 700 "$dir"
  password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf '%s\n' "$password" > "$dir/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir"; fi

  as_owner "$bin/initdb" -D "$dir/data" -U secretvault --pwfile="$dir/pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"

  # A free port: ask the kernel for one, then let postgres bind it (a race with another process is retried).
  local attempt
  for attempt in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null 2>&1; then
      break
    fi
    port=""
  done
  if [ -z "$port" ]; then
    cat "$dir/server.log" >&2
    exit 1
  fi
  echo "$bin" > "$dir/bindir"

  PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U secretvault -d postgres -qAt \
    -c "CREATE DATABASE secretvault" >/dev/null
  echo "export SV_TEST_PG_URL='postgres://secretvault:$password@127.0.0.1:$port/secretvault?sslmode=disable'"
  echo "export SV_TEST_PG_DIR='$dir'"
}

stop() {
  local dir=${1:-${SV_TEST_PG_DIR:-}}
  if [ -z "$dir" ] || [ ! -f "$dir/bindir" ]; then
    echo "usage: $0 stop DIR (the SV_TEST_PG_DIR that start printed)" >&2
    exit 1
  fi
  as_owner "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 1 ;;
esac
