#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: `scripts/with-postgres.sh npm test`.
#
# Finds PostgreSQL's binaries (installing Debian's `postgresql` package when there are none),
# creates a cluster in a temporary folder, starts it on a unix socket in that folder and on
# 127.0.0.1 at a free port, exports TEST_DATABASE_URL, runs the command, then stops the server
# and removes the cluster whatever happens, exiting with the command's exit code.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG…]" >&2
  exit 2
fi

log() { echo "with-postgres: $*" >&2; }

find_bin() {
  local dir
  # Newest major version first.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! bin="$(find_bin)"; then
  if [ "$(id -u)" -ne 0 ]; then
    log "no PostgreSQL in /usr/lib/postgresql/*/bin and not root: install Debian's postgresql package"
    exit 1
  fi
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  # The package may start its own default cluster: the tests use none but their own.
  service postgresql stop >/dev/null 2>&1 || true
  bin="$(find_bin)" || { log "postgresql installed, but no initdb found"; exit 1; }
fi

# initdb and the server refuse to run as root: run them as `postgres`.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id -u postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
  as_owner=(runuser -u postgres --)
fi

root="$(mktemp -d "${TMPDIR:-/tmp}/iranpak-pg.XXXXXX")"
chmod 0755 "$root"
data="$root/data"
socket_dir="$root/socket"
mkdir -p "$data" "$socket_dir"
if [ "${#as_owner[@]}" -gt 0 ]; then chown -R postgres: "$root"; fi

started=0
cleanup() {
  local code=$?
  if [ "$started" -eq 1 ]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$root"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >"$root/initdb.log" 2>&1 || {
  cat "$root/initdb.log" >&2
  exit 1
}

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# The port is free when asked for; another process may take it before the server does: retry.
for attempt in 1 2 3; do
  port="$(free_port)"
  # A throwaway cluster: nothing is worth flushing to disk.
  if "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -w -t 60 -l "$root/server.log" \
    -o "-p $port -k $socket_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null; then
    started=1
    break
  fi
  log "server did not start on port $port (attempt $attempt)"
  tail -n 20 "$root/server.log" >&2 || true
done
if [ "$started" -ne 1 ]; then
  log "could not start PostgreSQL"
  exit 1
fi

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $root)"

set +e
"$@"
status=$?
set -e
exit "$status"
