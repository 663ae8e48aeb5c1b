#!/usr/bin/env bash
# make bench: measures the read path of the API beside its ceiling, in one run on this machine.
#   subject: an authenticated GET of a paged unit list (/api/units?page=1&page_size=20) over the
#            demo organisation (220 units), with session lookup, permission and scope checks
#   ceiling: GET /healthz on the same server (HTTP stack only)
# Both under 64 keep-alive connections (wrk, 2 threads, DURATION seconds each), reporting
# requests/s and p99 latency, and the subject's share of the ceiling.
set -euo pipefail
bin=${1:?usage: bench/run.sh path/to/lianzhang}
duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "wrk is missing (scripts/install-deps.sh test installs it)"; exit 1; }

dir=$(mktemp -d)
server_pid=
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

password='Bench-Chief-Passw0rd!'
export LIANZHANG_ADMIN_PASSWORD=$password
export LIANZHANG_SERVER_ACCESS_LOG=false
"$bin" demo --db "$dir/bench.db" >/dev/null
"$bin" serve --db "$dir/bench.db" --listen 127.0.0.1:0 >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$dir/server.log" | grep -o '[0-9]*$' || true)
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n ${port:-} ]] || { cat "$dir/server.log"; echo "server did not start"; exit 1; }
base=http://127.0.0.1:$port

cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"login\":\"admin\",\"password\":\"$password\"}" "$base/api/auth/login" |
  grep -i '^set-cookie:' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
[[ -n $cookie ]] || { echo "login failed"; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/api/units?page=1&page_size=20")
[[ $status == 200 ]] || { echo "unit list answered $status"; exit 1; }

# Runs wrk and prints "requests_per_second p99_ms".
measure() {
  local out
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@")
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  [[ -z $errors ]] || { echo "wrk saw $errors non-2xx responses" >&2; exit 1; }
  echo "$rps $p99"
}

read -r list_rps list_p99 < <(measure -H "Cookie: $cookie" "$base/api/units?page=1&page_size=20")
read -r health_rps health_p99 < <(measure "$base/healthz")

printf '\nlianzhang bench — %s connections, %ss each, %s cores\n' "$connections" "$duration" "$(nproc)"
printf '%-44s %12s %10s\n' "request" "req/s" "p99 ms"
printf '%-44s %12.0f %10.2f\n' "GET /api/units?page_size=20 (authenticated)" "$list_rps" "$list_p99"
printf '%-44s %12.0f %10.2f\n' "GET /healthz (ceiling)" "$health_rps" "$health_p99"
awk -v a="$list_rps" -v b="$health_rps" -v c="$list_p99" -v d="$health_p99" \
  'BEGIN {printf "unit list / ceiling: %.2f of the requests/s, %.1fx the p99\n", a/b, c/d}'
