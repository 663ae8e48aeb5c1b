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
echo "cli commands: ok"
