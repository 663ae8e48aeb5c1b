#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster, removed again when the command ends.
# Usage: scripts/test-postgres.sh COMMAND [ARGS...]
#
# The command sees, exported:
#   LZ_TEST_POSTGRES_URL    postgresql://lz_test:PASSWORD@127.0.0.1:PORT/lianzhang_test (lz_test is superuser)
#   LZ_TEST_POSTGRES_BIN    the server binaries (pg_ctl, postgres, ...)
#   LZ_TEST_POSTGRES_DATA   the data directory, for tests that stop and restart the cluster
#   LZ_TEST_POSTGRES_RUNAS  the user the server runs as: run pg_ctl as it (as root: `runuser -u "$LZ_TEST_POSTGRES_RUNAS" --`;
#                           not root: it is you, run pg_ctl directly)
# The cluster: initdb -k (data checksums), scram-sha-256 password auth, listening on 127.0.0.1 only
# at a free port, unix socket in its private temporary directory, fsync and full_page_writes off
# (throwaway: speed; a server crash or immediate stop still loses no committed transaction, only an
# OS crash would). The port and settings are in the data dir's config, so a restart keeps them.
# LZ_TEST_POSTGRES_FSYNC=on keeps fsync and full_page_writes on (PostgreSQL's durable defaults), for
# benchmarks of the write path (make bench); the default stays off.
# It is stopped (immediate) and deleted on exit, whatever happens; the exit status is the command's.
#
# If LZ_TEST_POSTGRES_URL is already set, nothing is started: the command just runs against that server.
# As root (CI) the server runs as the `postgres` system user (initdb refuses root); otherwise as you.
# Needs the package postgresql-15 (scripts/install-deps.sh installs it).
set -euo pipefail

# Everything is in main(), so bash has read the whole script before running any of it: editing
# this file while it runs (ctest can take minutes) cannot derail a running instance.
main() {
  if (($# == 0)); then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
  fi

  if [[ -n ${LZ_TEST_POSTGRES_URL:-} ]]; then
    exec "$@"
  fi

  case ${LZ_TEST_POSTGRES_FSYNC:-off} in
    on | off) fsync=${LZ_TEST_POSTGRES_FSYNC:-off} ;;
    *)
      echo "test-postgres: LZ_TEST_POSTGRES_FSYNC must be on or off" >&2
      exit 2
      ;;
  esac

  bin=/usr/lib/postgresql/15/bin
  if [[ ! -x $bin/initdb || ! -x $bin/pg_ctl ]]; then
    echo "test-postgres: $bin/initdb not found; install postgresql-15 (scripts/install-deps.sh test)" >&2
    exit 1
  fi

  if [[ $(id -u) -eq 0 ]]; then
    runas=postgres
    if ! id "$runas" >/dev/null 2>&1; then
      echo "test-postgres: no '$runas' system user (it comes with postgresql-15)" >&2
      exit 1
    fi
  else
    runas=$(id -un)
  fi

  # Runs a server-side command as $runas, from a directory it can enter.
  as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
      (cd "$dir" && runuser -u "$runas" -- "$@")
    else
      (cd "$dir" && "$@")
    fi
  }

  dir=
  started=0  # set once a server may be running: cleanup then stops it if its postmaster.pid exists
  # shellcheck disable=SC2317  # run by the EXIT trap
  cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [[ -n $dir && -d $dir ]]; then
      # The command may have stopped (or restarted) the cluster itself; stop whatever runs now.
      if ((started)) && [[ -f $dir/data/postmaster.pid ]]; then
        as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
      fi
      rm -rf -- "$dir"
    fi
    exit "$status"
  }
  trap cleanup EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # The unix socket path (dir + "/.s.PGSQL.NNNNN") must stay under 108 bytes, and $runas must reach
  # the directory: use $TMPDIR when it qualifies, else /tmp.
  base=${TMPDIR:-/tmp}
  if ((${#base} > 60)) || [[ ! -d $base || $base == *[\'\ ]* ]]; then base=/tmp; fi
  dir=$(mktemp -d "$base/lz-pg.XXXXXXXX")
  if [[ $(id -u) -eq 0 ]]; then
    chown "$runas:" "$dir"
    if ! runuser -u "$runas" -- test -w "$dir"; then
      rm -rf -- "$dir"
      dir=$(mktemp -d /tmp/lz-pg.XXXXXXXX)
      chown "$runas:" "$dir"
    fi
  fi
  chmod 700 "$dir"
  data=$dir/data
  log=$dir/server.log

  password=$(od -An -tx1 -N18 /dev/urandom | tr -d ' \n')
  (umask 077 && printf '%s\n' "$password" >"$dir/pwfile")
  [[ $(id -u) -ne 0 ]] || chown "$runas:" "$dir/pwfile"

  if ! as_pg "$bin/initdb" -D "$data" -U lz_test --pwfile="$dir/pwfile" -A scram-sha-256 -k -N \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    echo "test-postgres: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    exit 1
  fi
  rm -f -- "$dir/pwfile"

  # Settings go to an included file, rewritten for each port tried.
  echo "include 'lz_test.conf'" >>"$data/postgresql.conf"
  write_conf() {
    as_pg tee "$data/lz_test.conf" >/dev/null <<EOF
# written by scripts/test-postgres.sh: a throwaway test cluster
listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = '$dir'
max_connections = 200
fsync = $fsync
full_page_writes = $fsync
# Kept on: with it off, a commit acknowledged less than ~0.6 s before "pg_ctl stop -m immediate"
# is lost on restart, which breaks recovery tests. With fsync off it costs nothing measurable.
synchronous_commit = on
EOF
  }

  # A port in use makes the start fail at once, so try ports from a random start until one starts.
  port=$((20000 + RANDOM % 30000))
  started=1
  up=0
  for _ in $(seq 1 20); do
    port=$((port + 1))
    # Skip ports something already answers on.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    write_conf "$port"
    rm -f -- "$log"  # pg_ctl creates it, as $runas
    if as_pg "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >"$dir/pg_ctl.log" 2>&1; then
      up=1
      break
    fi
    # Retry only when the port was taken meanwhile; any other failure is final.
    if ! grep -qs 'could not bind\|could not create any TCP/IP sockets' "$log"; then break; fi
  done
  if ((!up)); then
    echo "test-postgres: PostgreSQL did not start; pg_ctl said:" >&2
    cat "$dir/pg_ctl.log" >&2
    echo "--- server log ($log):" >&2
    cat "$log" >&2 2>/dev/null || true
    exit 1  # cleanup stops a server that came up after pg_ctl gave up
  fi

  url_base="postgresql://lz_test:$password@127.0.0.1:$port"
  if ! PGCONNECT_TIMEOUT=10 "$bin/psql" -X -q -v ON_ERROR_STOP=1 -d "$url_base/postgres" \
      -c 'CREATE DATABASE lianzhang_test OWNER lz_test' >"$dir/createdb.log" 2>&1; then
    echo "test-postgres: could not create database lianzhang_test:" >&2
    cat "$dir/createdb.log" "$log" >&2
    exit 1
  fi

  echo "test-postgres: PostgreSQL 15 at 127.0.0.1:$port (socket dir $dir), data dir $data, running as $runas" >&2

  export LZ_TEST_POSTGRES_URL="$url_base/lianzhang_test"
  export LZ_TEST_POSTGRES_BIN="$bin"
  export LZ_TEST_POSTGRES_DATA="$data"
  export LZ_TEST_POSTGRES_RUNAS="$runas"

  set +e
  "$@"
  status=$?
  set -e
  exit "$status"
}

main "$@"
