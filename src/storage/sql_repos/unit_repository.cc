// Units in SQL.
#include "common/text.h"
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kSelect =
    "SELECT u.id, u.name, u.kind, u.region_code, u.parent_id, u.code, u.path, u.created_by, u.created_at, "
    "u.updated_at, r.name, p.name FROM units u JOIN regions r ON r.code = u.region_code "
    "LEFT JOIN units p ON p.id = u.parent_id";

org::Unit FromRow(const Row& row) {
  org::Unit u;
  u.id = row.Int(0);
  u.name = row.Text(1);
  u.kind = org::ParseUnitKind(row.Text(2)).value_or(org::UnitKind::kOther);
  u.region_code = row.Text(3);
  u.parent_id = row.OptInt(4);
  u.code = row.OptText(5);
  u.path = row.Text(6);
  u.created_by = row.Int(7);
  u.created_at = row.Int(8);
  u.updated_at = row.Int(9);
  u.region_name = row.Text(10);
  u.parent_name = row.Text(11);
  return u;
}

void BuildWhere(const UnitQuery& q, std::string& where, std::vector<Value>& params) {
  where = " WHERE 1 = 1";
  if (!q.q.empty()) {
    where += " AND " + ContainsCondition("u.name");
    params.emplace_back(Contains(q.q));
  }
  if (q.kind) {
    where += " AND u.kind = ?";
    params.emplace_back(std::string(org::UnitKindName(*q.kind)));
  }
  if (!q.region_code.empty()) {
    // GB/T 2260 codes nest by prefix, so "in this region or below" is a prefix match.
    where += " AND u.region_code LIKE ? ESCAPE '\\'";
    params.emplace_back(text::EscapeLike(q.region_code) + "%");
  }
  if (q.parent_id) {
    where += " AND u.parent_id = ?";
    params.emplace_back(*q.parent_id);
  }
  AppendScope(q.scope, "u.id", "u.path", "u.created_by", where, params);
}

}  // namespace

Result<std::optional<org::Unit>> SqlUnitRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " WHERE u.id = ?", {id}));
  if (rows.empty()) return std::optional<org::Unit>();
  return std::optional<org::Unit>(FromRow(rows.front()));
}

Result<PageOf<org::Unit>> SqlUnitRepository::List(const UnitQuery& q) {
  std::string where;
  std::vector<Value> params;
  BuildWhere(q, where, params);
  return QueryPage(c_, "FROM units u", kSelect, where, std::move(params), "u.id", q.page, &FromRow);
}

Status SqlUnitRepository::ForEach(const UnitQuery& q, const std::function<Status(const org::Unit&)>& sink) {
  std::string where;
  std::vector<Value> params;
  BuildWhere(q, where, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + where + " ORDER BY u.id", params));
  for (const auto& row : rows) RETURN_IF_ERROR(sink(FromRow(row)));
  return Status::Ok();
}

Result<int64_t> SqlUnitRepository::Insert(org::Unit& u) {
  std::string parent_path;
  if (u.parent_id) {
    ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT path FROM units WHERE id = ?", {*u.parent_id}));
    if (rows.empty()) return FailedPrecondition("parent unit does not exist", "parent_id");
    parent_path = rows.front().Text(0);
  }
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("INSERT INTO units (name, kind, region_code, parent_id, code, path, created_by, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?) RETURNING id",
                            {u.name, std::string(org::UnitKindName(u.kind)), u.region_code, sql::Nullable(u.parent_id),
                             sql::Nullable(u.code), u.created_by, u.created_at, u.updated_at}));
  u.id = rows.front().Int(0);
  u.path = org::UnitPath(parent_path, u.id);
  RETURN_IF_ERROR(c_.Exec("UPDATE units SET path = ? WHERE id = ?", {u.path, u.id}));
  return u.id;
}

Status SqlUnitRepository::Update(const org::Unit& u, const std::string& old_path) {
  ASSIGN_OR_RETURN(int64_t changed, c_.Exec(
      "UPDATE units SET name = ?, kind = ?, region_code = ?, parent_id = ?, code = ?, path = ?, updated_at = ? "
      "WHERE id = ?",
      {u.name, std::string(org::UnitKindName(u.kind)), u.region_code, sql::Nullable(u.parent_id), sql::Nullable(u.code),
       u.path, u.updated_at, u.id}));
  if (changed == 0) return NotFound("unit " + std::to_string(u.id) + " not found");
  if (u.path != old_path) {
    // Re-root the subtree: every descendant path starts with the old path.
    RETURN_IF_ERROR(c_.Exec(
        "UPDATE units SET path = ? || SUBSTR(path, ?) WHERE path LIKE ? ESCAPE '\\' AND id <> ?",
        {u.path, static_cast<int64_t>(old_path.size() + 1), text::EscapeLike(old_path) + "%", u.id}));
  }
  return Status::Ok();
}

Status SqlUnitRepository::Delete(int64_t id) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM units WHERE id = ?", {id}));
  if (n == 0) return NotFound("unit " + std::to_string(id) + " not found");
  return Status::Ok();
}

Result<bool> SqlUnitRepository::NameTakenUnderParent(const std::string& name, std::optional<int64_t> parent_id,
                                                     int64_t except_id) {
  Result<std::optional<int64_t>> n =
      parent_id ? c_.QueryInt("SELECT COUNT(*) FROM units WHERE name = ? AND parent_id = ? AND id <> ?",
                              {name, *parent_id, except_id})
                : c_.QueryInt("SELECT COUNT(*) FROM units WHERE name = ? AND parent_id IS NULL AND id <> ?",
                              {name, except_id});
  if (!n.ok()) return n.status();
  return n->value_or(0) > 0;
}

Result<int64_t> SqlUnitRepository::CountChildren(int64_t id) {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM units WHERE parent_id = ?", {id}));
  return n.value_or(0);
}

Result<std::optional<int64_t>> SqlUnitRepository::FindByName(const std::string& name) {
  return c_.QueryInt("SELECT id FROM units WHERE name = ? ORDER BY id LIMIT 1", {name});
}

}  // namespace lz::storage::sqlrepo
