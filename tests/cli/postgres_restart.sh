#!/usr/bin/env bash
# On PostgreSQL: a database unreachable at start is a clear error and a non-zero exit; a database
# that goes away while serving gives 503, and the server recovers by itself when it returns.
# Runs inside a private throwaway cluster (CTest starts it with scripts/test-postgres.sh), since it
# stops the server; run directly without one, it reports itself skipped (exit 77).
set -euo pipefail
bin=$1
[[ -n ${LZ_TEST_POSTGRES_DATA:-} ]] || { echo "no throwaway PostgreSQL cluster (run under scripts/test-postgres.sh)"; exit 77; }
dir=$(mktemp -d)
server=
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [[ -f $dir/serve.log ]] && tail -5 "$dir/serve.log"; exit 1; }
pg_ctl() { (cd / && runuser -u "$LZ_TEST_POSTGRES_RUNAS" -- "$LZ_TEST_POSTGRES_BIN/pg_ctl" -D "$LZ_TEST_POSTGRES_DATA" "$@") >/dev/null; }
if [[ $(id -u) -ne 0 ]]; then pg_ctl() { (cd / && "$LZ_TEST_POSTGRES_BIN/pg_ctl" -D "$LZ_TEST_POSTGRES_DATA" "$@") >/dev/null; }; fi

# A fresh database of its own on the cluster.
db_url=${LZ_TEST_POSTGRES_URL%/*}/restart_$$
psql -X -q -d "$LZ_TEST_POSTGRES_URL" -c "CREATE DATABASE restart_$$" || fail "create database"

set +e
"$bin" migrate --db "postgresql://nobody:wrong@127.0.0.1:1/none" >"$dir/out" 2>&1; rc=$?
set -e
[[ $rc -ne 0 ]] || fail "an unreachable database must give a non-zero exit"
grep -q "cannot connect to PostgreSQL" "$dir/out" || fail "the error must say the database cannot be reached"

export LIANZHANG_ADMIN_PASSWORD='Restart-Chief-Passw0rd!'
"$bin" serve --db "$db_url" --listen 127.0.0.1:0 >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q listening "$dir/serve.log" && break; sleep 0.1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/serve.log" | grep -o '[0-9]*$') || fail "server did not start"
base=http://127.0.0.1:$port
code() { curl -s -o /dev/null -w '%{http_code}' -b "$dir/cookies" "$@"; }
[[ $(code -c "$dir/cookies" -H 'Content-Type: application/json' \
  -d "{\"login\":\"admin\",\"password\":\"$LIANZHANG_ADMIN_PASSWORD\"}" "$base/api/auth/login") == 200 ]] || fail "login"
[[ $(code "$base/api/units") == 200 ]] || fail "list before the restart"

pg_ctl -m immediate -w stop
[[ $(code "$base/api/units") == 503 ]] || fail "a request while the database is down must get 503"
pg_ctl -l "$LZ_TEST_POSTGRES_DATA/../restart.log" -w start
for attempt in 1 2 3; do
  [[ $(code "$base/api/units") == 200 ]] && break
  [[ $attempt -lt 3 ]] || fail "the server must recover when the database returns"
done
[[ $(code "$base/api/units") == 200 ]] || fail "second request after recovery"
echo "postgres restart: ok"
