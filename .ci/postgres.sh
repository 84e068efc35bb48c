# Sourced by .ci/test: install PostgreSQL from Debian's packages when missing,
# start a throw-away cluster on loopback, and export TEST_DATABASE_URL so the
# storage and engine tests also run against a real PostgreSQL.
# Skipped (with a message) when not root or when TEST_DATABASE_URL is already set.

start_test_postgres() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    echo "== using TEST_DATABASE_URL from the environment"
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "== not root: PostgreSQL tests will be skipped" >&2
    return 0
  fi
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "== installing postgresql (Debian packages)"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
  fi
  local bin port data
  bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  # A free loopback port unless one is asked for, so a second run never collides.
  port="${TEST_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
  data=$(mktemp -d /tmp/tracker-pg.XXXXXX)
  chown postgres "$data"
  su postgres -s /bin/sh -c "$bin/initdb -D $data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  if ! su postgres -s /bin/sh -c "$bin/pg_ctl -D $data -l $data/server.log -w \
      -o '-h 127.0.0.1 -p $port -k $data -c fsync=off' start" >/dev/null; then
    cat "$data/server.log" >&2
    return 1
  fi
  su postgres -s /bin/sh -c "$bin/createdb -h 127.0.0.1 -p $port tracker_test"
  export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$port/tracker_test"
  export TRACKER_TEST_PGDATA="$data" TRACKER_TEST_PGBIN="$bin"
  trap 'su postgres -s /bin/sh -c "$TRACKER_TEST_PGBIN/pg_ctl -D $TRACKER_TEST_PGDATA -m fast stop" >/dev/null 2>&1; rm -rf "$TRACKER_TEST_PGDATA"' EXIT
  echo "== PostgreSQL test server on 127.0.0.1:$port"
}
