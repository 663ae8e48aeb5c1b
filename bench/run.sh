#!/usr/bin/env bash
# make bench: the API's read and write paths beside their ceilings, on SQLite and on PostgreSQL, all
# measured in one run on this machine, one measurement at a time.
# Usage: bench/run.sh path/to/lianzhang [path/to/sqlite_insert_ceiling]
#        (the second defaults to bench/sqlite_insert_ceiling beside the binary's build directory)
#
#   read    GET /api/units?page=1&page_size=20, authenticated (session lookup, permission and scope
#           checks) over the demo organisation (220 units), on both backends.
#           Ceiling: GET /healthz on the same server (the HTTP stack alone, no database).
#   write   POST /api/units (bench/create_unit.lua: a unique name per request, session cookie,
#           X-CSRF-Token, Origin), each one write transaction: checks, INSERT, path UPDATE and the
#           operation-log row in the SM3 chain. Every answer must be a 201 and the unit count must
#           grow by at least the number of answers.
#           SQLite ceiling: bench/sqlite_insert_ceiling, one prepared INSERT per BEGIN IMMEDIATE …
#           COMMIT into a table shaped like units, with the server's writer pragmas.
#           PostgreSQL ceiling: pgbench, one INSERT per transaction into a copy of units
#           (bench/pg_insert_ceiling.sql), with 1 client (commits one after another, as the server's
#           advisory write lock allows) and with WRITE_CONNECTIONS clients (concurrent commits share
#           WAL flushes: what PostgreSQL itself can take).
#
# DURATION      seconds per measurement (default 10)
# CONNECTIONS   keep-alive connections for reads (default 64)
# WRITE_CONNECTIONS  connections for writes (default 16): both backends serialise write transactions
#               (one SQLite writer; an advisory lock on PostgreSQL) and the server runs one worker
#               thread per core, so more connections only lengthen the queue and the p99.
# SQLITE_SYNCHRONOUS  FULL (default, the server's default) or NORMAL, for the server and its ceiling.
#
# PostgreSQL: unless LZ_TEST_POSTGRES_URL is set, the script re-runs itself inside a throwaway cluster
# (scripts/test-postgres.sh) with LZ_TEST_POSTGRES_FSYNC=on, so fsync, full_page_writes and
# synchronous_commit are on, PostgreSQL's durable defaults. Against the URL it works in its own schema
# (created, then dropped). The settings in force are read back from the server and printed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:?usage: bench/run.sh path/to/lianzhang [path/to/sqlite_insert_ceiling]}
ceiling_bin=${2:-$(dirname "$bin")/bench/sqlite_insert_ceiling}

fail() {
  echo "bench: $*" >&2
  exit 1
}

[[ -x $bin ]] || fail "$bin is not an executable (make build)"
[[ -x $ceiling_bin ]] || fail "$ceiling_bin is not an executable (cmake --build build --target sqlite_insert_ceiling)"
command -v wrk >/dev/null || fail "wrk is missing (scripts/install-deps.sh test installs it)"
command -v curl >/dev/null || fail "curl is missing"

if [[ -z ${LZ_TEST_POSTGRES_URL:-} ]]; then
  LZ_TEST_POSTGRES_FSYNC=on exec "$root/scripts/test-postgres.sh" "$0" "$@"
fi

duration=${DURATION:-10}
read_connections=${CONNECTIONS:-64}
write_connections=${WRITE_CONNECTIONS:-16}
sqlite_synchronous=${SQLITE_SYNCHRONOUS:-FULL}
[[ $sqlite_synchronous == FULL || $sqlite_synchronous == NORMAL ]] || fail "SQLITE_SYNCHRONOUS must be FULL or NORMAL"
pg_bin=${LZ_TEST_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $pg_bin/pgbench && -x $pg_bin/psql ]] || fail "pgbench or psql missing in $pg_bin (postgresql-15)"

load_at_start=$(cut -d' ' -f1 /proc/loadavg)
dir=$(mktemp -d)
server_pid=
schema=lz_bench_$$
schema_created=0
pg_url=
cleanup() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if ((schema_created)); then
    "$pg_bin/psql" -X -q -d "$LZ_TEST_POSTGRES_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

password='Bench-Chief-Passw0rd!'
export LIANZHANG_ADMIN_PASSWORD=$password
export LIANZHANG_SERVER_ACCESS_LOG=false
export LIANZHANG_DATABASE_SYNCHRONOUS=$sqlite_synchronous

# Starts `lianzhang serve --db $1` on a free port; sets server_pid and base.
start_server() {
  "$bin" serve --db "$1" --listen 127.0.0.1:0 >"$dir/server.log" 2>&1 &
  server_pid=$!
  local port=
  for _ in $(seq 100); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$dir/server.log" | grep -o '[0-9]*$' || true)
    [[ -n $port ]] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n $port ]] || { cat "$dir/server.log" >&2; fail "the server did not start"; }
  base=http://127.0.0.1:$port
}

stop_server() {
  kill "$server_pid"
  wait "$server_pid" || true
  server_pid=
}

# Logs in as admin; sets cookie (name=value) and csrf (the login answer's csrf_token).
login() {
  local body
  body=$(curl -s -D "$dir/login.headers" -H 'Content-Type: application/json' \
    -d "{\"login\":\"admin\",\"password\":\"$password\"}" "$base/api/auth/login")
  cookie=$(grep -i '^set-cookie:' "$dir/login.headers" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/' | tr -d '\r')
  csrf=$(grep -o '"csrf_token":"[^"]*"' <<<"$body" | cut -d'"' -f4 || true)
  [[ -n $cookie && -n $csrf ]] || fail "login failed: $body"
}

# Prints the number of units the API lists.
unit_total() {
  local body
  body=$(curl -s -H "Cookie: $cookie" "$base/api/units?page=1&page_size=1")
  grep -o '"total":[0-9]*' <<<"$body" | cut -d: -f2 | grep . || fail "the unit list answered: $body"
}

# One request of each kind by curl first, so a refusal shows its message rather than a count.
preflight() {
  local status
  status=$(curl -s -o "$dir/preflight.body" -w '%{http_code}' -H "Cookie: $cookie" "$base/api/units?page=1&page_size=20")
  [[ $status == 200 ]] || fail "GET /api/units answered $status: $(cat "$dir/preflight.body")"
  status=$(curl -s -o "$dir/preflight.body" -w '%{http_code}' -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
    -H "Origin: $base" -H 'Content-Type: application/json' \
    -d '{"name":"bench-preflight","kind":"department","region_code":"3608"}' "$base/api/units")
  [[ $status == 201 ]] || fail "POST /api/units answered $status: $(cat "$dir/preflight.body")"
}

# Runs wrk (2 threads, DURATION s) over $1 connections with the remaining arguments; sets wrk_rps,
# wrk_p99 (ms) and wrk_requests. Fails on any non-2xx answer or socket error (timeouts included).
run_wrk() {
  local connections=$1
  shift
  local out=$dir/wrk.out
  wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency "$@" >"$out" 2>&1 || { cat "$out" >&2; fail "wrk failed"; }
  wrk_rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  wrk_p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /m$/) {sub(/m$/,"",v); v=v*60000} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$out")
  wrk_requests=$(awk '/ requests in / {print $1}' "$out")
  if grep -q 'Non-2xx or 3xx responses:\|Socket errors:' "$out" || [[ -z $wrk_rps || -z $wrk_p99 || -z $wrk_requests ]]; then
    cat "$out" >&2
    fail "wrk $* saw failures (above)"
  fi
}

# The write load: POST /api/units over WRITE_CONNECTIONS connections; checks that the unit count grew
# by at least the number of 201s wrk counted (requests still in flight when wrk stops may commit too).
# Sets write_rps, write_p99, write_created.
measure_writes() {
  local before after
  before=$(unit_total)
  run_wrk "$write_connections" -s "$root/bench/create_unit.lua" "$base/api/units" -- "$cookie" "$csrf" "$base" "bench-$1"
  after=$(unit_total)
  write_rps=$wrk_rps write_p99=$wrk_p99 write_created=$((after - before))
  ((write_created >= wrk_requests)) || fail "$1: wrk counted $wrk_requests 201s but only $write_created units were created"
}

# pgbench with $1 clients on bench/pg_insert_ceiling.sql; sets pgbench_tps, pgbench_p99 (ms).
run_pgbench() {
  local clients=$1 threads=$(($1 < 2 ? 1 : 2)) out=$dir/pgbench.out
  rm -f "$dir"/pgbench_log.*
  if ! "$pg_bin/pgbench" -n -f "$root/bench/pg_insert_ceiling.sql" -c "$clients" -j "$threads" -T "$duration" \
      --log --log-prefix="$dir/pgbench_log" "$pg_url" >"$out" 2>&1; then
    cat "$out" >&2
    fail "pgbench failed"
  fi
  pgbench_tps=$(awk '/^tps = / {print $3}' "$out")
  local failed
  failed=$(awk '/^number of failed transactions:/ {print $5}' "$out")
  [[ -n $pgbench_tps && ${failed:-0} == 0 ]] || { cat "$out" >&2; fail "pgbench saw failures (above)"; }
  # Per-transaction log: the third field is the latency in microseconds.
  pgbench_p99=$(cat "$dir"/pgbench_log.* | awk '{print $3}' | sort -n |
    awk '{v[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; printf "%.3f", v[i]/1000}')
}

echo "bench: SQLite (demo database, read and write paths)" >&2
"$bin" demo --db "$dir/bench.db" >/dev/null
start_server "$dir/bench.db"
login
preflight
run_wrk "$read_connections" -H "Cookie: $cookie" "$base/api/units?page=1&page_size=20"
sqlite_read_rps=$wrk_rps sqlite_read_p99=$wrk_p99
run_wrk "$read_connections" "$base/healthz"
health_rps=$wrk_rps health_p99=$wrk_p99
measure_writes sqlite
sqlite_write_rps=$write_rps sqlite_write_p99=$write_p99 sqlite_created=$write_created
stop_server

echo "bench: SQLite ceiling (prepared INSERT loop)" >&2
ceiling_out=$("$ceiling_bin" "$dir/ceiling.db" "$duration" "$sqlite_synchronous") || fail "sqlite_insert_ceiling failed"
read -r sqlite_ceiling_rps sqlite_ceiling_p99 _ <<<"$ceiling_out"

echo "bench: PostgreSQL (demo database in schema $schema, read and write paths)" >&2
psql_bench() { "$pg_bin/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$pg_url" "$@"; }
"$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -d "$LZ_TEST_POSTGRES_URL" -c "CREATE SCHEMA $schema" >/dev/null
schema_created=1
pg_url=$LZ_TEST_POSTGRES_URL$([[ $LZ_TEST_POSTGRES_URL == *\?* ]] && echo '&' || echo '?')options=-csearch_path%3D$schema
pg_settings=$(psql_bench -c "SELECT 'PostgreSQL ' || split_part(current_setting('server_version'), ' ', 1) || ': fsync=' ||
  current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') ||
  ', full_page_writes=' || current_setting('full_page_writes')")
"$bin" demo --db "$pg_url" >/dev/null
start_server "$pg_url"
login
preflight
run_wrk "$read_connections" -H "Cookie: $cookie" "$base/api/units?page=1&page_size=20"
pg_read_rps=$wrk_rps pg_read_p99=$wrk_p99
measure_writes postgres
pg_write_rps=$write_rps pg_write_p99=$write_p99 pg_created=$write_created
stop_server

echo "bench: PostgreSQL ceiling (pgbench)" >&2
psql_bench -c "CREATE TABLE bench_units (LIKE units INCLUDING ALL)" \
  -c "ALTER TABLE bench_units ADD FOREIGN KEY (region_code) REFERENCES regions(code),
                              ADD FOREIGN KEY (parent_id) REFERENCES bench_units(id)" >/dev/null
run_pgbench 1
pg_ceiling1_rps=$pgbench_tps pg_ceiling1_p99=$pgbench_p99
run_pgbench "$write_connections"
pg_ceilingn_rps=$pgbench_tps pg_ceilingn_p99=$pgbench_p99

fs=$(df -PT "$dir" | awk 'NR == 2 {print $2 " on " $1}')
printf '\nlianzhang bench — %s cores, %ss per measurement, wrk 2 threads; reads over %s connections, writes over %s\n' \
  "$(nproc)" "$duration" "$read_connections" "$write_connections"
printf 'durability: SQLite journal_mode=WAL, synchronous=%s; %s (both on %s)\n' \
  "$sqlite_synchronous" "$pg_settings" "$fs"
printf 'load average (1 min) before the run %s, after it %s\n\n' "$load_at_start" "$(cut -d' ' -f1 /proc/loadavg)"
row() { printf '%-44s %9s %8s   %9s %8s\n' "$@"; }
num() { [[ $1 == - ]] && echo - || printf "%.${2:-0}f" "$1"; }
printf '%-44s %18s   %18s\n' "" "----- SQLite -----" "--- PostgreSQL ---"
row "measurement" "/s" "p99 ms" "/s" "p99 ms"
row "read:  GET /api/units?page_size=20" "$(num "$sqlite_read_rps")" "$(num "$sqlite_read_p99" 2)" \
  "$(num "$pg_read_rps")" "$(num "$pg_read_p99" 2)"
row "  ceiling: GET /healthz (HTTP only, once)" "$(num "$health_rps")" "$(num "$health_p99" 2)" "-" "-"
row "write: POST /api/units (201, 1 tx each)" "$(num "$sqlite_write_rps")" "$(num "$sqlite_write_p99" 2)" \
  "$(num "$pg_write_rps")" "$(num "$pg_write_p99" 2)"
row "  ceiling: 1 writer, 1 INSERT per commit" "$(num "$sqlite_ceiling_rps")" "$(num "$sqlite_ceiling_p99" 2)" \
  "$(num "$pg_ceiling1_rps")" "$(num "$pg_ceiling1_p99" 2)"
row "  ceiling: $write_connections writers (pgbench -c $write_connections)" "-" "-" \
  "$(num "$pg_ceilingn_rps")" "$(num "$pg_ceilingn_p99" 2)"
echo
echo "ceilings: SQLite = bench/sqlite_insert_ceiling (one writer is all SQLite allows); PostgreSQL = pgbench"
printf 'units created: SQLite %s, PostgreSQL %s (every answer a 201)\n' "$sqlite_created" "$pg_created"
awk -v a="$sqlite_read_rps" -v b="$health_rps" -v c="$sqlite_read_p99" -v d="$health_p99" \
  -v e="$pg_read_rps" -v f="$pg_read_p99" \
  'BEGIN {printf "unit list / ceiling:   SQLite %.2f of the requests/s, %.1fx the p99; PostgreSQL %.2f, %.1fx\n", a/b, c/d, e/b, f/d}'
awk -v a="$sqlite_write_rps" -v b="$sqlite_ceiling_rps" -v c="$pg_write_rps" -v d="$pg_ceiling1_rps" \
  -v e="$pg_ceilingn_rps" -v n="$write_connections" \
  'BEGIN {printf "create unit / ceiling: SQLite %.2f of the 1-writer inserts/s; PostgreSQL %.2f of the 1-writer tps, %.2f of the %s-writer tps\n", a/b, c/d, c/e, n}'
awk -v a="$pg_write_rps" -v b="$sqlite_write_rps" \
  'BEGIN {printf "create unit, PostgreSQL / SQLite: %.2f\n", a/b}'
