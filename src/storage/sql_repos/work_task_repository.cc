// Work-plan tasks in SQL (migration 0013): work_tasks and work_task_milestones beside the
// work_plan cases of 0004.
#include "storage/sql_repos/internal.h"

#include <algorithm>

namespace lz::storage::sqlrepo {
namespace {

using plan::Milestone;
using plan::WorkTask;

constexpr const char* kTaskColumns = "t.case_id, t.year, t.chain_id, t.deadline_on, t.progress, t.created_at";

WorkTask TaskFromRow(const Row& row) {
  WorkTask t;
  t.case_id = row.Int(0);
  t.year = static_cast<int32_t>(row.Int(1));
  t.chain_id = row.OptInt(2);
  t.deadline_on = row.Text(3);
  t.progress = static_cast<int32_t>(row.Int(4));
  t.created_at = row.Int(5);
  return t;
}

// The milestones of the tasks in `tasks`, each task's in position order.
Status LoadMilestones(Connection& c, std::map<int64_t, WorkTask>& tasks) {
  if (tasks.empty()) return Status::Ok();
  std::vector<Value> ids;
  for (const auto& [id, task] : tasks) ids.emplace_back(id);
  std::string sql =
      "SELECT m.case_id, m.position, m.title, m.due_on, m.done_on, m.done_by FROM work_task_milestones m WHERE 1 = 1";
  std::vector<Value> params;
  AppendIn("m.case_id", ids, sql, params);
  ASSIGN_OR_RETURN(auto rows, c.Query(sql + " ORDER BY m.case_id, m.position", params));
  for (const Row& row : rows) {
    Milestone m;
    m.position = static_cast<int32_t>(row.Int(1));
    m.title = row.Text(2);
    m.due_on = row.Text(3);
    m.done_on = row.OptText(4);
    m.done_by_user_id = row.OptInt(5);
    tasks[row.Int(0)].milestones.push_back(std::move(m));
  }
  return Status::Ok();
}

}  // namespace

Status SqlWorkTaskRepository::Insert(const WorkTask& t) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("INSERT INTO work_tasks (case_id, year, chain_id, deadline_on, progress, created_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING",
                                   {t.case_id, int64_t{t.year}, sql::Nullable(t.chain_id), t.deadline_on,
                                    int64_t{t.progress}, t.created_at}));
  if (n == 0) return AlreadyExists("case " + std::to_string(t.case_id) + " has its task already");
  for (const Milestone& m : t.milestones) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO work_task_milestones (case_id, position, title, due_on, done_on, done_by) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            {t.case_id, int64_t{m.position}, m.title, m.due_on, sql::Nullable(m.done_on),
                             sql::Nullable(m.done_by_user_id)})
                        .status());
  }
  return Status::Ok();
}

Result<std::optional<WorkTask>> SqlWorkTaskRepository::Get(int64_t case_id) {
  ASSIGN_OR_RETURN(auto tasks, GetMany({case_id}));
  auto it = tasks.find(case_id);
  if (it == tasks.end()) return std::optional<WorkTask>();
  return std::optional<WorkTask>(std::move(it->second));
}

Result<std::map<int64_t, WorkTask>> SqlWorkTaskRepository::GetMany(const std::vector<int64_t>& case_ids) {
  std::map<int64_t, WorkTask> out;
  if (case_ids.empty()) return out;
  std::string sql = std::string("SELECT ") + kTaskColumns + " FROM work_tasks t WHERE 1 = 1";
  std::vector<Value> params;
  AppendIn("t.case_id", std::vector<Value>(case_ids.begin(), case_ids.end()), sql, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  for (const Row& row : rows) {
    WorkTask t = TaskFromRow(row);
    out.emplace(t.case_id, std::move(t));
  }
  RETURN_IF_ERROR(LoadMilestones(c_, out));
  return out;
}

Result<std::vector<int64_t>> SqlWorkTaskRepository::TaskIds(const WorkTaskFilter& filter) {
  std::string sql = "SELECT t.case_id FROM work_tasks t WHERE 1 = 1";
  std::vector<Value> params;
  if (filter.year) {
    sql += " AND t.year = ?";
    params.emplace_back(int64_t{*filter.year});
  }
  if (filter.chain_id) {
    sql += " AND t.chain_id = ?";
    params.emplace_back(*filter.chain_id);
  }
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql + " ORDER BY t.case_id", params));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(row.Int(0));
  return out;
}

Result<std::vector<int64_t>> SqlWorkTaskRepository::TaskIdsDue(const std::string& from_on, const std::string& to_on) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT t.case_id FROM work_tasks t WHERE t.deadline_on >= ? AND t.deadline_on <= ? "
                                       "ORDER BY t.case_id",
                                       {from_on, to_on}));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(row.Int(0));
  return out;
}

Status SqlWorkTaskRepository::SetProgress(int64_t case_id, int32_t progress) {
  ASSIGN_OR_RETURN(auto n,
                   c_.Exec("UPDATE work_tasks SET progress = ? WHERE case_id = ?", {int64_t{progress}, case_id}));
  if (n == 0) return NotFound("case " + std::to_string(case_id) + " has no task");
  return Status::Ok();
}

Result<bool> SqlWorkTaskRepository::MarkMilestoneDone(int64_t case_id, int32_t position, const std::string& done_on,
                                                      int64_t user_id) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE work_task_milestones SET done_on = ?, done_by = ? "
                                   "WHERE case_id = ? AND position = ? AND done_on IS NULL",
                                   {done_on, user_id, case_id, int64_t{position}}));
  return n > 0;
}

Result<std::vector<OpenTaskFigure>> SqlWorkTaskRepository::OpenByChain(TimeMs now) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT t.chain_id, COUNT(*), COALESCE(SUM(CASE WHEN ") + kRunning +
                                           " AND c.due_at < ? THEN 1 ELSE 0 END), 0) FROM work_tasks t "
                                           "JOIN cases c ON c.id = t.case_id WHERE " + kOpenCase +
                                           " GROUP BY t.chain_id",
                                       {now}));
  std::vector<OpenTaskFigure> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back({row.OptInt(0), row.Int(1), row.Int(2)});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.chain_id.value_or(0) < b.chain_id.value_or(0);
  });
  return out;
}

}  // namespace lz::storage::sqlrepo
