#!/usr/bin/env bash
# The maintenance commands end to end on a real database: migrate, user add/passwd/unlock (password
# from stdin), backup while the data is there, audit verify of the backup, bad input exit codes.
set -euo pipefail
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/cli.db
fail() { echo "FAIL: $*"; exit 1; }

out=$("$bin" migrate --db "$db")
grep -q "login:    admin" <<<"$out" || fail "first migrate must print the admin account"
pw=$(awk '/password:/ {print $2}' <<<"$out")
[[ ${#pw} -eq 20 ]] || fail "generated admin password should have 20 characters"
out=$("$bin" migrate --db "$db")
grep -q "login:    admin" <<<"$out" && fail "the admin password must be shown only once"

echo 'Cli-Maintenance-Pw-2026' | "$bin" user add operator --name 操作员 --unit 系统管理 --db "$db" | grep -q "created user operator" ||
  fail "user add"
set +e
echo 'short' | "$bin" user add weak --unit 系统管理 --db "$db" 2>"$dir/err"; rc=$?
set -e
[[ $rc -eq 2 ]] || fail "a weak password must exit 2, got $rc"
grep -q "12 characters" "$dir/err" || fail "the refusal must say why"
set +e
echo 'Cli-Maintenance-Pw-2026' | "$bin" user add operator --unit 系统管理 --db "$db" 2>"$dir/err"; rc=$?
set -e
[[ $rc -ne 0 ]] && grep -q "already taken" "$dir/err" || fail "duplicate login must be refused"

echo 'Cli-Another-Passw0rd' | "$bin" user passwd operator --db "$db" | grep -q "done" || fail "user passwd"
"$bin" user unlock operator --db "$db" | grep -q "done" || fail "user unlock"
set +e
"$bin" user unlock nobody --db "$db" 2>/dev/null; rc=$?
set -e
[[ $rc -ne 0 ]] || fail "unlocking an unknown login must fail"

"$bin" backup --db "$db" --to "$dir/copy.db" | grep -q "backup written" || fail "backup"
[[ $(sqlite3 "$dir/copy.db" "SELECT COUNT(*) FROM users") -eq 2 ]] || fail "the backup must hold both users"
"$bin" audit verify --db "$dir/copy.db" | grep -q intact || fail "the backup's audit chain must verify"
actions=$(sqlite3 "$db" "SELECT group_concat(action, ' ') FROM operation_log")
for a in user.create user.reset_password user.unlock; do
  grep -q "$a" <<<"$actions" || fail "operation log lacks $a"
done
# import / export enterprises: a bad row is reported with its row number and exit 3, and with
# all_or_nothing nothing is written; skip_bad_rows writes the good row; export reads it back.
printf '%s\n' '统一社会信用代码,企业名称,注册地行政区划代码,是否本地企业,企业规模' \
  '91440300708461136T,深圳示例电子有限公司,4403,否,大型' '91440300708461136A,校验位错误公司,4403,否,小型' >"$dir/firms.csv"
set +e
"$bin" import enterprises "$dir/firms.csv" --db "$db" >"$dir/import.out" 2>&1; rc=$?
set -e
[[ $rc -eq 3 ]] || fail "an import with a bad row must exit 3, got $rc"
grep -q "^row 3, 统一社会信用代码" "$dir/import.out" || fail "the report must name row 3: $(cat "$dir/import.out")"
grep -q "nothing was written" "$dir/import.out" || fail "all_or_nothing must write nothing"
[[ $(sqlite3 "$db" "SELECT COUNT(*) FROM enterprises") -eq 0 ]] || fail "all_or_nothing wrote rows"
set +e
"$bin" import enterprises "$dir/firms.csv" --mode skip_bad_rows --db "$db" >"$dir/import.out" 2>&1
set -e
grep -q "1 of 2 rows imported" "$dir/import.out" || fail "skip_bad_rows: $(cat "$dir/import.out")"
"$bin" export enterprises "$dir/firms-out.csv" --db "$db" | grep -q wrote || fail "export enterprises"
grep -q "91440300708461136T" "$dir/firms-out.csv" || fail "the export must hold the imported firm"
# import / export case-categories: the shipped catalogue exports; a changed name imports back as
# an update; a row without a code is refused with its row number.
"$bin" export case-categories "$dir/categories.csv" --db "$db" | grep -q wrote || fail "export case-categories"
grep -q "^0201," "$dir/categories.csv" || fail "the export must hold category 0201: $(head -3 "$dir/categories.csv")"
head -1 "$dir/categories.csv" >"$dir/categories-in.csv"
grep "^0201," "$dir/categories.csv" | sed 's/^0201,[^,]*,/0201,市政设施损坏（CLI）,/' >>"$dir/categories-in.csv"
"$bin" import case-categories "$dir/categories-in.csv" --db "$db" | grep -q "1 of 1 rows imported" ||
  fail "import case-categories"
[[ $(sqlite3 "$db" "SELECT name FROM case_categories WHERE code = '0201'") == "市政设施损坏（CLI）" ]] ||
  fail "the import must update category 0201"
# A config file with a bad setting stops the command and names the setting.
printf '[server]\ntrusted_proxies = "127.0.0.1, not-an-address"\n' >"$dir/bad.toml"
set +e
"$bin" --config "$dir/bad.toml" migrate --db "$db" >/dev/null 2>"$dir/err"; rc=$?
set -e
[[ $rc -ne 0 ]] && grep -q "server.trusted_proxies: not-an-address" "$dir/err" ||
  fail "a bad trusted_proxies must be refused by name: $(cat "$dir/err")"
printf '[server]\ntrusted_proxies = "127.0.0.1, ::1"\n' >"$dir/good.toml"
"$bin" --config "$dir/good.toml" migrate --db "$db" >/dev/null || fail "trusted_proxies of IPv4 and IPv6 addresses"
echo "cli commands: ok"
