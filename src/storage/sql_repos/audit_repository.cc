// Audit logs in SQL: append at the head of a hash chain, list, and walk for verification.
#include <limits>

#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kLoginSelect =
    "SELECT id, at, login, user_id, result, reason, client_address, user_agent, prev_hash, hash FROM login_log";
constexpr const char* kOperationSelect =
    "SELECT id, at, user_id, login, action, object_type, object_id, result, detail, client_address, prev_hash, hash "
    "FROM operation_log";

audit::LoginRecord LoginFromRow(const Row& row) {
  audit::LoginRecord r;
  r.id = row.Int(0);
  r.at = row.Int(1);
  r.login = row.Text(2);
  r.user_id = row.OptInt(3);
  r.result = audit::ParseLoginResult(row.Text(4)).value_or(audit::LoginResult::kFailure);
  r.reason = row.Text(5);
  r.client_address = row.Text(6);
  r.user_agent = row.Text(7);
  r.prev_hash = row.Text(8);
  r.hash = row.Text(9);
  return r;
}

audit::OperationRecord OperationFromRow(const Row& row) {
  audit::OperationRecord r;
  r.id = row.Int(0);
  r.at = row.Int(1);
  r.user_id = row.OptInt(2);
  r.login = row.Text(3);
  r.action = row.Text(4);
  r.object_type = row.Text(5);
  r.object_id = row.Text(6);
  r.result = audit::ParseOperationResult(row.Text(7)).value_or(audit::OperationResult::kError);
  r.detail = row.Text(8);
  r.client_address = row.Text(9);
  r.prev_hash = row.Text(10);
  r.hash = row.Text(11);
  return r;
}

std::string TableOf(audit::LogKind kind) { return std::string(audit::LogTableName(kind)); }

}  // namespace

Result<audit::ChainHead> SqlAuditRepository::Head(audit::LogKind kind) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT last_id, last_hash FROM audit_heads WHERE log = ?", {TableOf(kind)}));
  if (rows.empty()) return Internal("audit chain head missing for " + TableOf(kind));
  return audit::ChainHead{rows.front().Int(0), rows.front().Text(1)};
}

Status SqlAuditRepository::MoveHead(audit::LogKind kind, int64_t id, const std::string& hash) {
  return c_.Exec("UPDATE audit_heads SET last_id = ?, last_hash = ? WHERE log = ?", {id, hash, TableOf(kind)}).status();
}

Status SqlAuditRepository::Append(audit::LoginRecord& r) {
  // The write transaction serialises appends, so the head read here is the chain's true end.
  ASSIGN_OR_RETURN(auto head, Head(audit::LogKind::kLogin));
  r.id = head.last_id + 1;
  RETURN_IF_ERROR(audit::Seal(r, head.last_hash));
  RETURN_IF_ERROR(c_.Exec("INSERT INTO login_log (id, at, login, user_id, result, reason, client_address, user_agent, "
                          "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {r.id, r.at, r.login, sql::Nullable(r.user_id), std::string(audit::LoginResultName(r.result)),
                           r.reason, r.client_address, r.user_agent, r.prev_hash, r.hash}));
  return MoveHead(audit::LogKind::kLogin, r.id, r.hash);
}

Status SqlAuditRepository::Append(audit::OperationRecord& r) {
  ASSIGN_OR_RETURN(auto head, Head(audit::LogKind::kOperation));
  r.id = head.last_id + 1;
  RETURN_IF_ERROR(audit::Seal(r, head.last_hash));
  RETURN_IF_ERROR(c_.Exec("INSERT INTO operation_log (id, at, user_id, login, action, object_type, object_id, result, "
                          "detail, client_address, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {r.id, r.at, sql::Nullable(r.user_id), r.login, r.action, r.object_type, r.object_id,
                           std::string(audit::OperationResultName(r.result)), r.detail, r.client_address, r.prev_hash,
                           r.hash}));
  return MoveHead(audit::LogKind::kOperation, r.id, r.hash);
}

Result<PageOf<audit::LoginRecord>> SqlAuditRepository::ListLogins(const LogQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!q.login.empty()) {
    where += " AND login = ?";
    params.emplace_back(q.login);
  }
  if (!q.result.empty()) {
    where += " AND result = ?";
    params.emplace_back(q.result);
  }
  return QueryPage(c_, "FROM login_log", kLoginSelect, where, std::move(params), "id DESC", q.page, &LoginFromRow);
}

Result<PageOf<audit::OperationRecord>> SqlAuditRepository::ListOperations(const LogQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!q.login.empty()) {
    where += " AND login = ?";
    params.emplace_back(q.login);
  }
  if (!q.action.empty()) {
    where += " AND " + ContainsCondition("action");
    params.emplace_back(Contains(q.action));
  }
  if (!q.result.empty()) {
    where += " AND result = ?";
    params.emplace_back(q.result);
  }
  return QueryPage(c_, "FROM operation_log", kOperationSelect, where, std::move(params), "id DESC", q.page,
                   &OperationFromRow);
}

namespace {

// Walks a log in id order in batches, so verifying a long log needs little memory.
template <typename Record>
Status WalkInBatches(Connection& c, const char* select, Record (*from_row)(const Row&),
                     const std::function<void(const Record&)>& sink) {
  constexpr int64_t kBatch = 5000;
  int64_t after = std::numeric_limits<int64_t>::min();
  for (;;) {
    ASSIGN_OR_RETURN(auto rows, c.Query(std::string(select) + " WHERE id > ? ORDER BY id LIMIT ?", {after, kBatch}));
    for (const auto& row : rows) {
      Record r = from_row(row);
      after = r.id;
      sink(r);
    }
    if (static_cast<int64_t>(rows.size()) < kBatch) return Status::Ok();
  }
}

}  // namespace

Status SqlAuditRepository::ForEachLogin(const std::function<void(const audit::LoginRecord&)>& sink) {
  return WalkInBatches(c_, kLoginSelect, &LoginFromRow, sink);
}

Status SqlAuditRepository::ForEachOperation(const std::function<void(const audit::OperationRecord&)>& sink) {
  return WalkInBatches(c_, kOperationSelect, &OperationFromRow, sink);
}

}  // namespace lz::storage::sqlrepo
