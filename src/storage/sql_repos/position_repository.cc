// Positions in SQL.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kSelect =
    "SELECT p.id, p.user_id, p.kind, p.context_type, p.context_ref, p.context_name, p.created_by, p.created_at, "
    "us.name FROM positions p JOIN users us ON us.id = p.user_id JOIN units un ON un.id = us.unit_id";

org::Position FromRow(const Row& row) {
  org::Position p;
  p.id = row.Int(0);
  p.user_id = row.Int(1);
  p.kind = org::ParsePositionKind(row.Text(2)).value_or(org::PositionKind::kGridWorker);
  p.context_type = org::ParseContextType(row.Text(3)).value_or(org::ContextType::kUnit);
  p.context_ref = row.Text(4);
  p.context_name = row.Text(5);
  p.created_by = row.Int(6);
  p.created_at = row.Int(7);
  p.user_name = row.Text(8);
  return p;
}

}  // namespace

Result<std::optional<org::Position>> SqlPositionRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " WHERE p.id = ?", {id}));
  if (rows.empty()) return std::optional<org::Position>();
  return std::optional<org::Position>(FromRow(rows.front()));
}

Result<PageOf<org::Position>> SqlPositionRepository::List(const PositionQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.user_id) {
    where += " AND p.user_id = ?";
    params.emplace_back(*q.user_id);
  }
  if (q.kind) {
    where += " AND p.kind = ?";
    params.emplace_back(std::string(org::PositionKindName(*q.kind)));
  }
  if (q.context_type) {
    where += " AND p.context_type = ? AND p.context_ref = ?";
    params.emplace_back(std::string(org::ContextTypeName(*q.context_type)));
    params.emplace_back(q.context_ref);
  }
  AppendScope(q.scope, "us.unit_id", "un.path", "p.created_by", where, params);
  return QueryPage(c_, "FROM positions p JOIN users us ON us.id = p.user_id JOIN units un ON un.id = us.unit_id",
                   kSelect, where, std::move(params), "p.id", q.page, &FromRow);
}

Result<int64_t> SqlPositionRepository::Insert(const org::Position& p) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("INSERT INTO positions (user_id, kind, context_type, context_ref, context_name, created_by, "
                            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            {p.user_id, std::string(org::PositionKindName(p.kind)),
                             std::string(org::ContextTypeName(p.context_type)), p.context_ref, p.context_name,
                             p.created_by, p.created_at}));
  return rows.front().Int(0);
}

Status SqlPositionRepository::Delete(int64_t id) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM positions WHERE id = ?", {id}));
  if (n == 0) return NotFound("position " + std::to_string(id) + " not found");
  return Status::Ok();
}

Result<int64_t> SqlPositionRepository::CountByKind(org::PositionKind kind) {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM positions WHERE kind = ?",
                                       {std::string(org::PositionKindName(kind))}));
  return n.value_or(0);
}

Result<int64_t> SqlPositionRepository::CountInContext(org::ContextType type, const std::string& ref) {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM positions WHERE context_type = ? AND context_ref = ?",
                                       {std::string(org::ContextTypeName(type)), ref}));
  return n.value_or(0);
}

}  // namespace lz::storage::sqlrepo
