#!/usr/bin/env bash
# Acceptance: `lianzhang audit verify` passes on a fresh database and fails, naming the row, after
# one row of the operation log is edited with the sqlite3 shell.
set -euo pipefail
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/audit.db
export LIANZHANG_ADMIN_PASSWORD='Verify-Chain-Passw0rd!'
"$bin" demo --db "$db" >/dev/null
out=$("$bin" audit verify --db "$db")
echo "$out"
grep -q "intact" <<<"$out"
rows=$(sqlite3 "$db" "SELECT COUNT(*) FROM operation_log")
[[ $rows -gt 10 ]] || { echo "expected operation log rows, got $rows"; exit 1; }
sqlite3 "$db" "UPDATE operation_log SET detail = 'tampered' WHERE id = 7"
set +e
out=$("$bin" audit verify --db "$db")
rc=$?
set -e
echo "$out"
[[ $rc -ne 0 ]] || { echo "verify should fail after an edit"; exit 1; }
grep -q "operation_log row 7" <<<"$out" || { echo "verify should name row 7"; exit 1; }
# Restore the content and delete a row instead: the next row is reported.
sqlite3 "$db" "DELETE FROM operation_log WHERE id = 7"
set +e
out=$("$bin" audit verify --db "$db")
rc=$?
set -e
echo "$out"
[[ $rc -ne 0 ]] && grep -q "operation_log row 8" <<<"$out" || { echo "verify should report row 8 after deleting row 7"; exit 1; }
echo "audit verify acceptance: ok"
