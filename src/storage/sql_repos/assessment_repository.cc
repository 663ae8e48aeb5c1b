// Assessment schemes in SQL (migration 0016): one row per scheme, a weight column per indicator.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

using assess::Indicator;
using assess::Scheme;

constexpr const char* kColumns =
    "id, name, w_completion_on_time, w_satisfaction, w_reopen, w_tasks_on_time, w_projects_landed, is_default, "
    "created_by, created_at, updated_at";

Scheme SchemeFromRow(const Row& row) {
  Scheme s;
  s.id = row.Int(0);
  s.name = row.Text(1);
  for (size_t i = 0; i < assess::kIndicatorCount; ++i) s.weights[i] = static_cast<int32_t>(row.Int(2 + i));
  s.is_default = row.Int(7) != 0;
  s.created_by = row.Int(8);
  s.created_at = row.Int(9);
  s.updated_at = row.Int(10);
  return s;
}

Value W(const Scheme& s, Indicator i) { return int64_t{assess::WeightOf(s.weights, i)}; }

Status NameTaken(const Scheme& s) {
  return AlreadyExists("a scheme named " + s.name + " exists already", "name");
}

}  // namespace

Result<int64_t> SqlAssessmentRepository::Insert(const Scheme& s) {
  ASSIGN_OR_RETURN(auto id,
                   c_.QueryInt("INSERT INTO assessment_schemes (name, w_completion_on_time, w_satisfaction, w_reopen, "
                               "w_tasks_on_time, w_projects_landed, is_default, created_by, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id",
                               {s.name, W(s, Indicator::kCompletionOnTime), W(s, Indicator::kSatisfaction),
                                W(s, Indicator::kReopen), W(s, Indicator::kTasksOnTime),
                                W(s, Indicator::kProjectsLanded), int64_t{s.is_default ? 1 : 0}, s.created_by,
                                s.created_at, s.updated_at}));
  if (!id) return NameTaken(s);
  return *id;
}

Status SqlAssessmentRepository::Update(const Scheme& s) {
  ASSIGN_OR_RETURN(auto taken,
                   c_.QueryInt("SELECT COUNT(*) FROM assessment_schemes WHERE name = ? AND id <> ?", {s.name, s.id}));
  if (taken.value_or(0) > 0) return NameTaken(s);
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE assessment_schemes SET name = ?, w_completion_on_time = ?, w_satisfaction = ?, "
                                   "w_reopen = ?, w_tasks_on_time = ?, w_projects_landed = ?, is_default = ?, "
                                   "updated_at = ? WHERE id = ?",
                                   {s.name, W(s, Indicator::kCompletionOnTime), W(s, Indicator::kSatisfaction),
                                    W(s, Indicator::kReopen), W(s, Indicator::kTasksOnTime),
                                    W(s, Indicator::kProjectsLanded), int64_t{s.is_default ? 1 : 0}, s.updated_at,
                                    s.id}));
  if (n == 0) return NotFound("scheme " + std::to_string(s.id) + " not found");
  return Status::Ok();
}

Status SqlAssessmentRepository::Delete(int64_t id) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM assessment_schemes WHERE id = ?", {id}));
  if (n == 0) return NotFound("scheme " + std::to_string(id) + " not found");
  return Status::Ok();
}

Result<std::optional<Scheme>> SqlAssessmentRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kColumns + " FROM assessment_schemes WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<Scheme>();
  return std::optional<Scheme>(SchemeFromRow(rows.front()));
}

Result<std::vector<Scheme>> SqlAssessmentRepository::All() {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kColumns + " FROM assessment_schemes ORDER BY name, id", {}));
  std::vector<Scheme> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(SchemeFromRow(row));
  return out;
}

Status SqlAssessmentRepository::ClearDefaultExcept(int64_t keep_id) {
  return c_.Exec("UPDATE assessment_schemes SET is_default = 0 WHERE is_default = 1 AND id <> ?", {keep_id}).status();
}

}  // namespace lz::storage::sqlrepo
