#!/usr/bin/env bash
# make bench: the API's read and write paths beside their ceilings, on SQLite and on PostgreSQL, all
# measured in one run on this machine, one measurement at a time.
# Usage: bench/run.sh path/to/lianzhang [path/to/sqlite_insert_ceiling]
#        (the second defaults to bench/sqlite_insert_ceiling beside the binary's build directory)
#
#   read    GET /api/units?page=1&page_size=20, authenticated (session lookup, permission and scope
#           checks) over the demo organisation (220 units), on both backends.
#           Ceiling: GET /healthz on the same server (the HTTP stack alone, no database).
#   write   POST /api/units (bench/post.lua: a unique name per request, session cookie,
#           X-CSRF-Token, Origin), each one write transaction: checks, INSERT, path UPDATE and the
#           operation-log row in the SM3 chain. Every answer must be a 201 and the unit count must
#           grow by at least the number of answers.
#           SQLite ceiling: bench/sqlite_insert_ceiling, one prepared INSERT per BEGIN IMMEDIATE …
#           COMMIT into a table shaped like units, with the server's writer pragmas.
#   cases   POST /api/cases and a progress note on a signed case (POST /api/cases/{id}/actions),
#           each one durable write transaction; concurrent ones share commits (group commit,
#           storage/sql/group_commit.h). Issue 5's target: >= 1,000 transitions/s with
#           synchronous=FULL, beside the SQLite ceiling below.
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
command -v jq >/dev/null || fail "jq is missing (scripts/install-deps.sh test installs it)"

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
  run_wrk "$write_connections" -s "$root/bench/post.lua" "$base" -- "$cookie" "$csrf" "$base" /api/units \
    "{\"name\":\"bench-$1-{n}\",\"kind\":\"department\",\"region_code\":\"3608\"}"
  after=$(unit_total)
  write_rps=$wrk_rps write_p99=$wrk_p99 write_created=$((after - before))
  ((write_created >= wrk_requests)) || fail "$1: wrk counted $wrk_requests 201s but only $write_created units were created"
}

# GET $1 with the session; prints the body, fails unless 200.
api_get() {
  local status
  status=$(curl -s -o "$dir/get.body" -w '%{http_code}' -H "Cookie: $cookie" "$base$1")
  [[ $status == 200 ]] || fail "GET $1 answered $status: $(cat "$dir/get.body")"
  cat "$dir/get.body"
}

# POST $1 with JSON body $2; prints the body, fails unless 2xx.
api_post() {
  local status
  status=$(curl -s -o "$dir/post.body" -w '%{http_code}' -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
    -H "Origin: $base" -H 'Content-Type: application/json' -d "$2" "$base$1")
  [[ $status == 2* ]] || fail "POST $1 answered $status: $(cat "$dir/post.body")"
  cat "$dir/post.body"
}

# Casework writes over WRITE_CONNECTIONS connections, each request one durable transaction:
#   register  POST /api/cases for DURATION s (number from the sequence, events, projection,
#             operation log); the count of cases must equal the 201s;
#   progress  every case registered is dispatched and signed for (bulk actions), then
#             POST /api/cases/{id}/actions {"type":"progress"} for DURATION s: one lifecycle
#             transition each (case loaded, Decide, event appended, projection saved with its
#             version check, operation log), no two requests on the same case at once.
# Sets case_create_rps/_p99, case_created, case_progress_rps/_p99.
measure_cases() {
  local unit first last total bulk
  unit=$(api_get "/api/units?page=1&page_size=1" | jq -r '.items[0].id')
  run_wrk "$write_connections" -s "$root/bench/post.lua" "$base" -- "$cookie" "$csrf" "$base" /api/cases \
    '{"channel":"hotline","category_code":"0201","region_code":"360802","title":"路灯不亮 {n}","text":"市民反映路灯不亮，编号 {n}","reporter_phone":"13800138000"}'
  case_create_rps=$wrk_rps case_create_p99=$wrk_p99
  total=$(api_get "/api/cases?page=1&page_size=1" | jq -r '.total')
  ((total >= wrk_requests)) || fail "$1: wrk counted $wrk_requests 201s but only $total cases exist"
  case_created=$total
  first=$(api_get "/api/cases?page=$total&page_size=1" | jq -r '.items[0].id')
  last=$(api_get "/api/cases?page=1&page_size=1" | jq -r '.items[0].id')
  ((last - first + 1 == total)) || fail "$1: case ids $first..$last are not the $total cases"
  # Dispatch and sign in bulk, 200 ids a request (the most the API takes).
  for action in "{\"type\":\"dispatch\",\"unit_id\":$unit}" '{"type":"sign"}'; do
    for ((from = first; from <= last; from += 200)); do
      bulk=$(api_post /api/cases/actions "{\"ids\":[$(seq -s, "$from" $((from + 199 > last ? last : from + 199)))],\"action\":$action}")
      [[ $(jq '[.items[] | select(.ok | not)] | length' <<<"$bulk") == 0 ]] ||
        fail "$1: bulk $action refused: $(jq -c '[.items[] | select(.ok | not)][0]' <<<"$bulk")"
    done
  done
  run_wrk "$write_connections" -s "$root/bench/post.lua" "$base" -- "$cookie" "$csrf" "$base" '/api/cases/{id}/actions' \
    '{"type":"progress","note":"已联系供电所，进度 {n}"}' "$first" "$last" 2
  case_progress_rps=$wrk_rps case_progress_p99=$wrk_p99
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
measure_cases sqlite
sqlite_case_create_rps=$case_create_rps sqlite_case_create_p99=$case_create_p99 sqlite_cases=$case_created
sqlite_case_progress_rps=$case_progress_rps sqlite_case_progress_p99=$case_progress_p99
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
measure_cases postgres
pg_case_create_rps=$case_create_rps pg_case_create_p99=$case_create_p99 pg_cases=$case_created
pg_case_progress_rps=$case_progress_rps pg_case_progress_p99=$case_progress_p99
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
row "case: POST /api/cases (register)" "$(num "$sqlite_case_create_rps")" "$(num "$sqlite_case_create_p99" 2)" \
  "$(num "$pg_case_create_rps")" "$(num "$pg_case_create_p99" 2)"
row "case: progress (1 transition each)" "$(num "$sqlite_case_progress_rps")" "$(num "$sqlite_case_progress_p99" 2)" \
  "$(num "$pg_case_progress_rps")" "$(num "$pg_case_progress_p99" 2)"
echo
echo "ceilings: SQLite = bench/sqlite_insert_ceiling (one writer is all SQLite allows); PostgreSQL = pgbench"
printf 'units created: SQLite %s, PostgreSQL %s (every answer a 201)\n' "$sqlite_created" "$pg_created"
awk -v a="$sqlite_read_rps" -v b="$health_rps" -v c="$sqlite_read_p99" -v d="$health_p99" \
  -v e="$pg_read_rps" -v f="$pg_read_p99" \
  'BEGIN {printf "unit list / ceiling:   SQLite %.2f of the requests/s, %.1fx the p99; PostgreSQL %.2f, %.1fx\n", a/b, c/d, e/b, f/d}'
awk -v a="$sqlite_write_rps" -v b="$sqlite_ceiling_rps" -v c="$pg_write_rps" -v d="$pg_ceiling1_rps" \
  -v e="$pg_ceilingn_rps" -v n="$write_connections" \
  'BEGIN {printf "create unit / ceiling: SQLite %.2f of the 1-writer inserts/s; PostgreSQL %.2f of the 1-writer tps, %.2f of the %s-writer tps\n", a/b, c/d, c/e, n}'
printf 'cases registered: SQLite %s, PostgreSQL %s (every answer a 201)\n' "$sqlite_cases" "$pg_cases"
awk -v a="$sqlite_case_progress_rps" -v b="$sqlite_ceiling_rps" -v c="$sqlite_case_create_rps" -v s="$sqlite_synchronous" \
  'BEGIN {printf "durable case transitions, SQLite synchronous=%s: %.0f/s (target >= 1000/s: %s), %.2f of the 1-writer inserts/s; registrations %.2f\n", s, a, (a >= 1000 ? "met" : "NOT met"), a/b, c/b}'
awk -v a="$pg_write_rps" -v b="$sqlite_write_rps" \
  'BEGIN {printf "create unit, PostgreSQL / SQLite: %.2f\n", a/b}'
