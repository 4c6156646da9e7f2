# Services the tests need, sourced by .ci/run (bash, set -euo pipefail).
# Chromium for the web sample's browser tests (installed with apt-get when missing).
# PostgreSQL: a throw-away server (temp data directory, loopback only, a free port, no fsync) for the
# PostgreSQL store tests, which read CICERO_POSTGRES. It is stopped when the sourcing shell exits.

# Chromium: the web sample's browser tests drive /usr/bin/chromium with Playwright (its own browser download cannot
# work here). They fail, naming this command, when it is missing.
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Chromium (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

cicero_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(cicero_pg_bin)" ] || [ ! -x "$(cicero_pg_bin)/initdb" ]; then
  echo "installing PostgreSQL (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

CICERO_PG_BIN=$(cicero_pg_bin)
CICERO_PG_DIR=$(mktemp -d /tmp/cicero-ci-pg.XXXXXX)
chown postgres: "$CICERO_PG_DIR"
CICERO_PG_PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cicero_pg_stop() {
  if [ -n "${CICERO_PG_DIR:-}" ] && [ -d "$CICERO_PG_DIR/data" ]; then
    su postgres -c "$CICERO_PG_BIN/pg_ctl -D $CICERO_PG_DIR/data -m fast -w stop" >/dev/null 2>&1 || true
  fi
  if [ -n "${CICERO_PG_DIR:-}" ]; then rm -rf "$CICERO_PG_DIR"; fi
}
trap cicero_pg_stop EXIT

su postgres -c "$CICERO_PG_BIN/initdb -D $CICERO_PG_DIR/data -U postgres -A trust -E UTF8 --no-locale" >/dev/null
su postgres -c "$CICERO_PG_BIN/pg_ctl -D $CICERO_PG_DIR/data -l $CICERO_PG_DIR/log -w -o '-p $CICERO_PG_PORT -c listen_addresses=127.0.0.1 -k $CICERO_PG_DIR -c fsync=off -c max_connections=300' start" >/dev/null

export CICERO_POSTGRES="Host=127.0.0.1;Port=$CICERO_PG_PORT;Username=postgres"
echo "PostgreSQL $("$CICERO_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$CICERO_PG_PORT (CICERO_POSTGRES)"
