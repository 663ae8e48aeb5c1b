#!/usr/bin/env bash
# Issue 3 acceptance: `lianzhang demo` builds the same demo on PostgreSQL as on SQLite, and
# `lianzhang copy` moves a whole database SQLite → PostgreSQL → SQLite with every row intact and
# the audit chains verifying on each target; a copy into a database in use is refused.
# Needs the shared throwaway cluster (LZ_TEST_POSTGRES_URL, set by scripts/test-postgres.sh).
set -euo pipefail
bin=$1
[[ -n ${LZ_TEST_POSTGRES_URL:-} ]] || { echo "no PostgreSQL test cluster (run under scripts/test-postgres.sh)"; exit 77; }
dir=$(mktemp -d)
dbs=()
cleanup() {
  for d in "${dbs[@]}"; do psql -X -q -d "$LZ_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true; done
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
new_pg() {  # creates a new, empty database; its URL in $pg_url
  local name=$1_$$
  psql -X -q -d "$LZ_TEST_POSTGRES_URL" -c "CREATE DATABASE $name" >/dev/null || fail "create database $name"
  dbs+=("$name")
  pg_url=${LZ_TEST_POSTGRES_URL%/*}/$name
}
export LIANZHANG_ADMIN_PASSWORD='Copy-Chief-Passw0rd!'

# The demo, built on each backend through the services.
new_pg demo
demo_pg=$pg_url
"$bin" demo --db "$dir/demo.db" >"$dir/demo-sqlite.out" 2>/dev/null || fail "demo on SQLite"
"$bin" demo --db "$demo_pg" >"$dir/demo-pg.out" 2>/dev/null || fail "demo on PostgreSQL"
grep -q '220 units, 35 users, 34 positions, 8 chains, 70 segments, 115 enterprises, 148 supply links' "$dir/demo-pg.out" || fail "demo on PostgreSQL: $(cat "$dir/demo-pg.out")"
same_demo_query=(
  "SELECT id, name, kind, region_code, parent_id, path FROM units ORDER BY id"
  "SELECT id, login, name, unit_id, scope_kind FROM users ORDER BY id"
  "SELECT id, kind, user_id, context_type, context_ref, context_name FROM positions ORDER BY id"
  "SELECT id, key, name FROM roles ORDER BY id"
  "SELECT id, name, region_code, lead_unit_id FROM chains ORDER BY id"
  "SELECT id, chain_id, name, stage, parent_id, industry_code FROM segments ORDER BY id"
  "SELECT id, credit_code, name, region_code, is_local, size, revenue FROM enterprises ORDER BY id"
  "SELECT supplier_id, buyer_id, volume FROM supply_links ORDER BY id"
)
for q in "${same_demo_query[@]}"; do
  diff <(sqlite3 "$dir/demo.db" "$q") <(psql -X -At -F'|' -d "$demo_pg" -c "$q") >/dev/null ||
    fail "the demo differs between SQLite and PostgreSQL: $q"
done

# `lianzhang report chains` reads the chain engine: the same figures from either backend, with the
# demo's breakpoints, leaks and per-stage completeness.
"$bin" report chains --db "$dir/demo.db" --format json >"$dir/report-sqlite.json" 2>/dev/null || fail "report chains on SQLite"
"$bin" report chains --db "$demo_pg" --format json >"$dir/report-pg.json" 2>/dev/null || fail "report chains on PostgreSQL"
diff "$dir/report-sqlite.json" "$dir/report-pg.json" >/dev/null || fail "report chains differs between the backends"
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const ok = r.chains.length === 8 && r.chains.some((c) => c.breakpoints.length > 0) &&
    r.chains.some((c) => c.leaks.length > 0) && r.chains.every((c) => "upstream" in c.completeness.by_stage);
  process.exit(ok ? 0 : 1);' "$dir/report-sqlite.json" || fail "report chains lacks chains, breakpoints, leaks or stages"

# SQLite → PostgreSQL.
new_pg copy
target_pg=$pg_url
"$bin" copy --from "sqlite:$dir/demo.db" --to "$target_pg" >"$dir/to-pg.out" 2>&1 || fail "copy to PostgreSQL: $(cat "$dir/to-pg.out")"
grep -q 'row counts match' "$dir/to-pg.out" || fail "copy to PostgreSQL reports no count check"
grep -q 'audit chains intact on the target' "$dir/to-pg.out" || fail "audit verify on the PostgreSQL copy"
"$bin" audit verify --db "$target_pg" >/dev/null 2>&1 || fail "audit verify --db postgres copy"

# … and back to a new SQLite file: every table holds the same rows as the original.
"$bin" copy --from "$target_pg" --to "$dir/back.db" >"$dir/back.out" 2>&1 || fail "copy back to SQLite: $(cat "$dir/back.out")"
grep -q 'audit chains intact on the target' "$dir/back.out" || fail "audit verify on the SQLite copy"
tables=$(sqlite3 "$dir/demo.db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name != 'schema_migrations' ORDER BY name")
[[ $(wc -w <<<"$tables") -ge 12 ]] || fail "expected the whole schema, got: $tables"
for t in $tables; do
  diff <(sqlite3 "$dir/demo.db" "SELECT * FROM \"$t\" ORDER BY 1, 2") <(sqlite3 "$dir/back.db" "SELECT * FROM \"$t\" ORDER BY 1, 2") >/dev/null ||
    fail "table $t differs after the round trip"
done
rows=$(sqlite3 "$dir/back.db" "SELECT COUNT(*) FROM regions")
[[ $rows -eq 27198 ]] || fail "regions after the round trip: $rows (Jiangxi 23,959 + the rest of China to counties 3,239)"

# The copies keep working: new rows get fresh ids (identity sequences moved past the copied ids).
"$bin" user add --db "$target_pg" --unit 系统管理 copy.tester <<<'Copy-Tester-Passw0rd!' >/dev/null 2>&1 || fail "user add on the PostgreSQL copy"

# A target that is in use is refused, and left as it was.
before=$(sqlite3 "$dir/back.db" "SELECT COUNT(*) FROM units")
if "$bin" copy --from "sqlite:$dir/demo.db" --to "$dir/back.db" >"$dir/again.out" 2>&1; then fail "a copy into a used database must fail"; fi
grep -q 'already holds a lianzhang database' "$dir/again.out" || fail "refusal reason: $(cat "$dir/again.out")"
[[ $(sqlite3 "$dir/back.db" "SELECT COUNT(*) FROM units") == "$before" ]] || fail "the refused copy changed the target"
echo "copy round trip: ok"
