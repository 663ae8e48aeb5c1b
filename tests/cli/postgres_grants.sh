#!/usr/bin/env bash
# PostgreSQL with a least-privilege application role (docs/operations.md): deploy/postgres/roles.sql
# creates the owner and app roles, `lianzhang migrate` runs as the owner, `lianzhang serve
# --no-migrate` as the app role. Checks that serving then works with DML only (login, create a
# unit, audit verify), that the app role cannot alter or remove audit rows nor run DDL, and that a
# server that does not migrate refuses an empty or behind schema with a clear message.
# Uses a database and two roles of its own (named with the PID) on the cluster of
# LZ_TEST_POSTGRES_URL (scripts/test-postgres.sh); without one it reports itself skipped (exit 77).
set -euo pipefail
bin=$1
roles_sql=$2
[[ -n ${LZ_TEST_POSTGRES_URL:-} ]] || { echo "no PostgreSQL cluster (run under scripts/test-postgres.sh)"; exit 77; }
psql=$(command -v psql || echo "${LZ_TEST_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}/psql")

db=grants_$$
owner=lz_owner_$$
app=lz_app_$$
hostport=${LZ_TEST_POSTGRES_URL#*@}
hostport=${hostport%%/*}
owner_pw=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
app_pw=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
super_url=${LZ_TEST_POSTGRES_URL%/*}/$db              # the test cluster's superuser, on the new database
owner_url=postgresql://$owner:$owner_pw@$hostport/$db
app_url=postgresql://$app@$hostport/$db               # password from PGPASSWORD, kept out of the URL
export LIANZHANG_ADMIN_PASSWORD='Grants-Chief-Passw0rd!'

dir=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  "$psql" -X -q -d "$LZ_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
    -c "DROP ROLE IF EXISTS $owner" -c "DROP ROLE IF EXISTS $app" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [[ -f $dir/serve.log ]] && tail -5 "$dir/serve.log"; exit 1; }
as_super() { "$psql" -X -q -v ON_ERROR_STOP=1 -d "$super_url" "$@"; }
as_owner() { "$psql" -X -q -v ON_ERROR_STOP=1 -d "$owner_url" "$@"; }
as_app() { PGPASSWORD=$app_pw "$psql" -X -q -v ON_ERROR_STOP=1 -d "$app_url" "$@"; }
run_roles_sql() { as_super -v owner_role="$owner" -v app_role="$app" -f "$roles_sql" >/dev/null; }
tables() { as_super -At -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"; }

# A serve that must refuse to start: non-zero exit, within seconds, saying what to do.
refuses() {
  local rc=0
  timeout 30 "$bin" serve --listen 127.0.0.1:0 "$@" >"$dir/refused.log" 2>&1 || rc=$?
  [[ $rc -ne 0 && $rc -ne 124 ]] || fail "serve must exit non-zero at once (exit $rc): $*"
}

"$psql" -X -q -v ON_ERROR_STOP=1 -d "$LZ_TEST_POSTGRES_URL" -c "CREATE DATABASE $db" || fail "create database"

# A server that does not migrate issues no DDL, even as a superuser: on an empty database it stops.
refuses --db "$super_url" --no-migrate
grep -q "no lianzhang schema yet.*run \`lianzhang migrate\`" "$dir/refused.log" ||
  fail "an empty database must be refused with advice: $(cat "$dir/refused.log")"
[[ $(tables) -eq 0 ]] || fail "serve --no-migrate created tables"

run_roles_sql || fail "roles.sql (before migrate)"
as_super -c "ALTER ROLE $owner PASSWORD '$owner_pw'" -c "ALTER ROLE $app PASSWORD '$app_pw'"
# The same through the config key instead of the flag, as the app role.
LIANZHANG_DATABASE_MIGRATE=false PGPASSWORD=$app_pw refuses --db "$app_url"
grep -q "run \`lianzhang migrate\`" "$dir/refused.log" || fail "[database] migrate = false must refuse an empty database"

# The owner migrates; that first Platform open also loads the regions, the built-in roles and the admin.
out=$("$bin" migrate --db "$owner_url") || fail "migrate as the owner role"
grep -q "up to date" <<<"$out" || fail "migrate: $out"
run_roles_sql || fail "roles.sql (after migrate)"
[[ $(as_super -At -c "SELECT count(*) FROM lianzhang.regions") -gt 0 ]] || fail "migrate must load the regions"
[[ $(as_super -At -c "SELECT tableowner FROM pg_tables WHERE tablename = 'operation_log'") == "$owner" ]] ||
  fail "the owner role must own the tables"

# The app role serves with DML only (LIANZHANG_DATABASE_URL and PGPASSWORD, as under systemd).
LIANZHANG_DATABASE_URL=$app_url PGPASSWORD=$app_pw "$bin" serve --no-migrate --listen 127.0.0.1:0 >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  grep -q listening "$dir/serve.log" && break
  kill -0 "$server" 2>/dev/null || fail "serve --no-migrate as the app role exited"
  sleep 0.1
done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/serve.log" | grep -o '[0-9]*$') || fail "server did not start"
grep -q "administrator account was created" "$dir/serve.log" && fail "the admin must come from the owner's migrate"
base=http://127.0.0.1:$port
login=$(curl -s -c "$dir/cookies" -H 'Content-Type: application/json' \
  -d "{\"login\":\"admin\",\"password\":\"$LIANZHANG_ADMIN_PASSWORD\"}" "$base/api/auth/login")
csrf=$(grep -o '"csrf_token":"[^"]*"' <<<"$login" | cut -d'"' -f4)
[[ -n $csrf ]] || fail "login: $login"
code=$(curl -s -o "$dir/unit.json" -w '%{http_code}' -b "$dir/cookies" -H 'Content-Type: application/json' \
  -H "X-CSRF-Token: $csrf" -d '{"name":"最小权限测试单位","kind":"department","region_code":"36"}' "$base/api/units")
[[ $code == 201 ]] || fail "create a unit as the app role: $code $(cat "$dir/unit.json")"
unit_id=$(grep -o '"id":[0-9]*' "$dir/unit.json" | head -1 | cut -d: -f2)
kill "$server"
wait "$server" 2>/dev/null || true
server=

[[ $(as_app -At -c "SELECT count(*) FROM operation_log WHERE action = 'unit.create' AND object_id = '$unit_id'") -eq 1 ]] ||
  fail "the unit's creation must be in the operation log"
[[ $(as_app -At -c "SELECT count(*) FROM login_log WHERE login = 'admin' AND result = 'success'") -ge 1 ]] ||
  fail "the login must be in the login log"

# What the app role may not do: touch audit rows, move chain heads by other means, run DDL, migrate.
denied() {
  local out
  if out=$(as_app -c "$1" 2>&1); then fail "the app role may run: $1"; fi
  grep -Eq "permission denied|must be owner" <<<"$out" || fail "'$1' must be refused for want of privilege, got: $out"
}
for log in operation_log login_log; do
  denied "UPDATE $log SET at = 0"
  denied "DELETE FROM $log WHERE id = 1"
  denied "TRUNCATE $log"
done
denied "UPDATE audit_heads SET log = 'x'"
denied "DELETE FROM audit_heads"
denied "INSERT INTO audit_heads (log, last_id, last_hash) VALUES ('x', 0, '')"
denied "DELETE FROM schema_migrations"
denied "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'x', 0)"
denied "CREATE TABLE intruder (id INTEGER)"
denied "ALTER TABLE units ADD COLUMN intruder TEXT"
denied "DROP TABLE sessions"

out=$(LIANZHANG_DATABASE_MIGRATE=false PGPASSWORD=$app_pw "$bin" audit verify --db "$app_url") ||
  fail "audit verify as the app role: $out"
grep -q "intact" <<<"$out" || fail "audit verify: $out"

# A schema behind the binary: a server that does not migrate refuses with advice; one that tries
# to migrate as the app role fails on the missing DDL privilege and changes nothing.
saved=$(as_owner -At -F' ' -c "SELECT version, name, applied_at FROM schema_migrations ORDER BY version DESC LIMIT 1")
read -r version name applied_at <<<"$saved"
as_owner -c "DELETE FROM schema_migrations WHERE version = $version"
PGPASSWORD=$app_pw refuses --db "$app_url" --no-migrate
grep -q "run \`lianzhang migrate\` as the database role that owns the schema" "$dir/refused.log" ||
  fail "a behind schema must be refused with advice: $(cat "$dir/refused.log")"
PGPASSWORD=$app_pw refuses --db "$app_url"
grep -q "permission denied for schema" "$dir/refused.log" || fail "the app role must not be able to migrate: $(cat "$dir/refused.log")"
as_owner -c "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, '$name', $applied_at)"
out=$(PGPASSWORD=$app_pw "$bin" migrate --db "$app_url") || fail "migrate on a current schema needs no DDL: $out"
echo "postgres grants: ok"
