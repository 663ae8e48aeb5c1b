// Enterprise visits in SQL (migrations 0009, 0010): enterprise_visits and enterprise_visit_problems, and
// the field staff's lists and figures, which join positions (0001), enterprises (0003) and the
// cases on the commissioner and liaison channels (0004).
#include <map>

#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

using casework::Visit;

constexpr const char* kVisitColumns =
    "v.id, v.enterprise_id, v.visited_on, v.visitor_user_id, v.role, v.summary, v.policies, v.help_given, "
    "v.funds_paid, v.created_at, v.workers_recruited";
constexpr size_t kVisitColumnCount = 11;

// The channels the field staff file on, and the roles they visit in, as parameters.
std::vector<Value> Channels(casework::FieldProgram program) {
  std::vector<Value> out;
  for (auto& c : casework::ChannelsOf(program)) out.emplace_back(c);
  return out;
}
std::vector<Value> RoleNames(const std::vector<casework::FieldRole>& roles) {
  std::vector<Value> out;
  for (auto r : roles) out.emplace_back(std::string(casework::FieldRoleName(r)));
  return out;
}

Result<Visit> VisitFromRow(const Row& row) {
  Visit v;
  v.id = row.Int(0);
  v.enterprise_id = row.Int(1);
  v.visited_on = row.Text(2);
  v.visitor_user_id = row.Int(3);
  auto role = casework::ParseFieldRole(row.Text(4));
  if (!role) return Internal("visit " + std::to_string(v.id) + " has an unknown role " + row.Text(4));
  v.role = *role;
  v.summary = row.Text(5);
  const std::string policies = row.Text(6);
  size_t start = 0;
  while (start < policies.size()) {
    size_t end = policies.find('\n', start);
    if (end == std::string::npos) end = policies.size();
    if (end > start) v.policies.push_back(policies.substr(start, end - start));
    start = end + 1;
  }
  v.help_given = row.Text(7);
  v.funds_paid_yuan = row.Int(8);
  v.created_at = row.Int(9);
  v.workers_recruited = row.Int(10);
  return v;
}

// The problem case ids of `visit_ids`, each visit's in order.
Result<std::map<int64_t, std::vector<int64_t>>> ProblemsOfVisits(Connection& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<int64_t>> out;
  if (ids.empty()) return out;
  std::string sql = "SELECT p.visit_id, p.case_id FROM enterprise_visit_problems p WHERE 1 = 1";
  std::vector<Value> params;
  AppendIn("p.visit_id", std::vector<Value>(ids.begin(), ids.end()), sql, params);
  sql += " ORDER BY p.visit_id, p.position";
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  for (const Row& row : rows) out[row.Int(0)].push_back(row.Int(1));
  return out;
}

void AppendPeriod(const std::string& column, const casework::DatePeriod& period, std::string& where,
                  std::vector<Value>& params) {
  if (!period.from.empty()) {
    where += " AND " + column + " >= ?";
    params.emplace_back(period.from);
  }
  if (!period.to.empty()) {
    where += " AND " + column + " <= ?";
    params.emplace_back(period.to);
  }
}

// created_at within the period's local days.
void AppendCreatedIn(const std::string& column, const casework::DatePeriod& period, std::string& where,
                     std::vector<Value>& params) {
  if (!period.from.empty()) {
    where += " AND " + column + " >= ?";
    params.emplace_back(casework::LocalMidnightOf(period.from));
  }
  if (!period.to.empty()) {
    where += " AND " + column + " < ?";
    params.emplace_back(casework::LocalMidnightOf(period.to) + kDayMs);
  }
}

}  // namespace

Result<int64_t> SqlVisitRepository::Insert(const Visit& v) {
  std::string policies;
  for (const auto& p : v.policies) {
    if (!policies.empty()) policies += '\n';
    policies += p;
  }
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO enterprise_visits (enterprise_id, visited_on, visitor_user_id, role, "
                                        "summary, policies, help_given, funds_paid, created_at, workers_recruited) VALUES (?, ?, "
                                        "?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                        {v.enterprise_id, v.visited_on, v.visitor_user_id,
                                         std::string(casework::FieldRoleName(v.role)), v.summary, policies,
                                         v.help_given, v.funds_paid_yuan, v.created_at, v.workers_recruited}));
  if (!id) return Internal("the visit was not stored");
  return *id;
}

Status SqlVisitRepository::AddProblem(int64_t visit_id, int64_t case_id) {
  ASSIGN_OR_RETURN(auto last,
                   c_.QueryInt("SELECT MAX(position) FROM enterprise_visit_problems WHERE visit_id = ?", {visit_id}));
  ASSIGN_OR_RETURN(auto n, c_.Exec("INSERT INTO enterprise_visit_problems (visit_id, case_id, position) VALUES (?, ?, ?) "
                                   "ON CONFLICT (case_id) DO NOTHING",
                                   {visit_id, case_id, last.value_or(0) + 1}));
  if (n == 0) return AlreadyExists("case " + std::to_string(case_id) + " was raised at a visit already");
  return Status::Ok();
}

Result<std::optional<Visit>> SqlVisitRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query(std::string("SELECT ") + kVisitColumns + " FROM enterprise_visits v WHERE v.id = ?", {id}));
  if (rows.empty()) return std::optional<Visit>();
  ASSIGN_OR_RETURN(Visit v, VisitFromRow(rows.front()));
  ASSIGN_OR_RETURN(auto problems, ProblemsOfVisits(c_, {v.id}));
  v.problem_case_ids = std::move(problems[v.id]);
  return std::optional<Visit>(std::move(v));
}

Result<std::optional<int64_t>> SqlVisitRepository::VisitOfCase(int64_t case_id) {
  return c_.QueryInt("SELECT visit_id FROM enterprise_visit_problems WHERE case_id = ?", {case_id});
}

Result<PageOf<VisitRow>> SqlVisitRepository::List(const VisitQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.enterprise_id) {
    where += " AND v.enterprise_id = ?";
    params.emplace_back(*q.enterprise_id);
  }
  if (q.visitor_user_id) {
    where += " AND v.visitor_user_id = ?";
    params.emplace_back(*q.visitor_user_id);
  }
  if (!q.roles.empty()) AppendIn("v.role", RoleNames(q.roles), where, params);
  if (!q.region_code.empty()) AppendPrefix("e.region_code", q.region_code, where, params);
  AppendPeriod("v.visited_on", q.period, where, params);
  if (q.served_by_user_id) {
    where += " AND (v.visitor_user_id = ? OR EXISTS (SELECT 1 FROM positions p WHERE p.user_id = ? AND "
             "p.context_type = 'enterprise' AND p.context_ref = e.credit_code AND p.kind IN ('commissioner', "
             "'monitoring_point')))";
    params.emplace_back(*q.served_by_user_id);
    params.emplace_back(*q.served_by_user_id);
  }
  const std::string from =
      " FROM enterprise_visits v JOIN enterprises e ON e.id = v.enterprise_id JOIN users u ON u.id = v.visitor_user_id";
  ASSIGN_OR_RETURN(auto total, c_.QueryInt("SELECT COUNT(*)" + from + where, params));
  PageOf<VisitRow> out;
  out.total = total.value_or(0);
  std::string sql = std::string("SELECT ") + kVisitColumns + ", e.credit_code, e.name, u.name" + from + where +
                    " ORDER BY v.visited_on DESC, v.id DESC";
  AppendPage(q.page, sql, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<int64_t> ids;
  for (const Row& row : rows) {
    VisitRow r;
    ASSIGN_OR_RETURN(r.visit, VisitFromRow(row));
    r.credit_code = row.Text(kVisitColumnCount);
    r.enterprise_name = row.Text(kVisitColumnCount + 1);
    r.visitor_name = row.Text(kVisitColumnCount + 2);
    ids.push_back(r.visit.id);
    out.items.push_back(std::move(r));
  }
  ASSIGN_OR_RETURN(auto problems, ProblemsOfVisits(c_, ids));
  for (auto& r : out.items) r.visit.problem_case_ids = std::move(problems[r.visit.id]);
  return out;
}

Result<PageOf<AssignmentRow>> SqlVisitRepository::Assignments(const AssignmentQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!q.q.empty()) {
    where += " AND (" + ContainsCondition("e.name") + " OR " + ContainsCondition("e.credit_code") + ")";
    params.emplace_back(Contains(q.q));
    params.emplace_back(Contains(q.q));
  }
  if (!q.region_code.empty()) AppendPrefix("e.region_code", q.region_code, where, params);
  const std::string has_commissioner =
      "EXISTS (SELECT 1 FROM positions p WHERE p.kind = 'commissioner' AND p.context_type = 'enterprise' AND "
      "p.context_ref = e.credit_code";
  if (q.assigned) where += std::string(*q.assigned ? " AND " : " AND NOT ") + has_commissioner + ")";
  if (q.commissioner_user_id) {
    where += " AND " + has_commissioner + " AND p.user_id = ?)";
    params.emplace_back(*q.commissioner_user_id);
  }
  const std::string from = " FROM enterprises e LEFT JOIN regions r ON r.code = e.region_code";
  ASSIGN_OR_RETURN(auto total, c_.QueryInt("SELECT COUNT(*)" + from + where, params));
  PageOf<AssignmentRow> out;
  out.total = total.value_or(0);
  std::string sql = "SELECT e.id, e.credit_code, e.name, e.region_code, r.name" + from + where + " ORDER BY e.name, e.id";
  AppendPage(q.page, sql, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::map<std::string, size_t> by_code;
  std::vector<Value> codes;
  for (const Row& row : rows) {
    AssignmentRow a;
    a.enterprise.id = row.Int(0);
    a.enterprise.credit_code = row.Text(1);
    a.enterprise.name = row.Text(2);
    a.enterprise.region_code = row.Text(3);
    a.enterprise.region_name = row.OptText(4).value_or("");
    by_code[a.enterprise.credit_code] = out.items.size();
    codes.emplace_back(a.enterprise.credit_code);
    out.items.push_back(std::move(a));
  }
  if (!codes.empty()) {
    std::string psql =
        "SELECT p.id, p.user_id, p.context_ref, p.context_name, p.created_by, p.created_at, u.name FROM positions p "
        "JOIN users u ON u.id = p.user_id WHERE p.kind = 'commissioner' AND p.context_type = 'enterprise'";
    std::vector<Value> pparams;
    AppendIn("p.context_ref", codes, psql, pparams);
    psql += " ORDER BY p.created_at, p.id";
    ASSIGN_OR_RETURN(auto prows, c_.Query(psql, pparams));
    for (const Row& row : prows) {
      auto it = by_code.find(row.Text(2));
      if (it == by_code.end()) continue;
      org::Position p;
      p.id = row.Int(0);
      p.user_id = row.Int(1);
      p.kind = org::PositionKind::kCommissioner;
      p.context_type = org::ContextType::kEnterprise;
      p.context_ref = row.Text(2);
      p.context_name = row.Text(3);
      p.created_by = row.Int(4);
      p.created_at = row.Int(5);
      p.user_name = row.Text(6);
      out.items[it->second].commissioners.push_back(std::move(p));
    }
  }
  for (auto& a : out.items) {
    ASSIGN_OR_RETURN(a.tally, Tally(a.enterprise.id));
  }
  return out;
}

Result<FieldTally> SqlVisitRepository::Tally(int64_t enterprise_id) {
  FieldTally t;
  ASSIGN_OR_RETURN(auto visits, c_.Query("SELECT COUNT(*), MAX(visited_on) FROM enterprise_visits WHERE enterprise_id = ?",
                                         {enterprise_id}));
  if (!visits.empty()) {
    t.visits = visits.front().Int(0);
    t.last_visited_on = visits.front().OptText(1).value_or("");
  }
  std::string sql =
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN c.state IN ('closed', 'archived', 'rejected', 'merged') THEN 0 ELSE 1 "
      "END), 0), COALESCE(SUM(CASE WHEN c.state IN ('closed', 'archived') AND c.outcome = 'resolved' THEN 1 ELSE 0 "
      "END), 0) FROM cases c WHERE c.enterprise_id = ?";
  std::vector<Value> params{enterprise_id};
  AppendIn("c.channel", Channels(casework::FieldProgram::kAll), sql, params);
  ASSIGN_OR_RETURN(auto cases, c_.Query(sql, params));
  if (!cases.empty()) {
    t.problems = cases.front().Int(0);
    t.open_problems = cases.front().Int(1);
    t.solved = cases.front().Int(2);
  }
  return t;
}

Result<std::vector<int64_t>> SqlVisitRepository::VisitedBy(int64_t user_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT e.id, e.name FROM enterprises e WHERE EXISTS (SELECT 1 FROM "
                                       "enterprise_visits v WHERE v.enterprise_id = e.id AND v.visitor_user_id = ?) "
                                       "ORDER BY e.name, e.id",
                                       {user_id}));
  std::vector<int64_t> out;
  for (const Row& row : rows) out.push_back(row.Int(0));
  return out;
}

Result<std::vector<int64_t>> SqlVisitRepository::ProblemsOf(int64_t enterprise_id) {
  std::string sql = "SELECT c.id FROM cases c WHERE c.enterprise_id = ?";
  std::vector<Value> params{enterprise_id};
  AppendIn("c.channel", Channels(casework::FieldProgram::kAll), sql, params);
  sql += " ORDER BY c.created_at DESC, c.id DESC";
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<int64_t> out;
  for (const Row& row : rows) out.push_back(row.Int(0));
  return out;
}

Result<FieldFigures> SqlVisitRepository::Figures(const FieldFigureQuery& q) {
  FieldFigures f;
  const auto program = q.program;
  const auto roles = casework::RolesOf(program);
  auto has_role = [&](casework::FieldRole r) {
    for (auto x : roles) if (x == r) return true;
    return false;
  };
  // Positions held now: commissioners and monitoring points by their enterprise's region, liaison
  // officers and supervisors by their unit's region.
  auto count = [&](const std::string& select_from, const std::string& kind, const std::string& region_column)
      -> Result<int64_t> {
    std::string sql = select_from + " WHERE p.kind = ?";
    std::vector<Value> params{kind};
    if (!q.region_code.empty()) AppendPrefix(region_column, q.region_code, sql, params);
    ASSIGN_OR_RETURN(auto n, c_.QueryInt(sql, params));
    return n.value_or(0);
  };
  const std::string by_enterprise =
      " FROM positions p JOIN enterprises e ON p.context_type = 'enterprise' AND e.credit_code = p.context_ref";
  const std::string by_unit = " FROM positions p JOIN users u ON u.id = p.user_id JOIN units un ON un.id = u.unit_id";
  if (has_role(casework::FieldRole::kCommissioner)) {
    ASSIGN_OR_RETURN(f.commissioners, count("SELECT COUNT(DISTINCT p.user_id)" + by_enterprise, "commissioner",
                                            "e.region_code"));
    ASSIGN_OR_RETURN(f.enterprises_assigned, count("SELECT COUNT(DISTINCT e.id)" + by_enterprise, "commissioner",
                                                   "e.region_code"));
  }
  if (has_role(casework::FieldRole::kLiaisonOfficer)) {
    ASSIGN_OR_RETURN(f.liaison_officers, count("SELECT COUNT(DISTINCT p.user_id)" + by_unit, "liaison_officer",
                                               "un.region_code"));
  }
  if (has_role(casework::FieldRole::kSupervisor)) {
    ASSIGN_OR_RETURN(f.supervisors, count("SELECT COUNT(DISTINCT p.user_id)" + by_unit, "supervisor", "un.region_code"));
  }
  if (has_role(casework::FieldRole::kMonitoringPoint)) {
    ASSIGN_OR_RETURN(f.monitoring_points, count("SELECT COUNT(DISTINCT e.id)" + by_enterprise, "monitoring_point",
                                                "e.region_code"));
  }

  // Visits of the period by the program's roles.
  std::string visits_where = " WHERE 1 = 1";
  std::vector<Value> visit_params;
  AppendIn("v.role", RoleNames(roles), visits_where, visit_params);
  if (!q.region_code.empty()) AppendPrefix("e.region_code", q.region_code, visits_where, visit_params);
  AppendPeriod("v.visited_on", q.period, visits_where, visit_params);
  const std::string visits_from = " FROM enterprise_visits v JOIN enterprises e ON e.id = v.enterprise_id";
  ASSIGN_OR_RETURN(auto visit_rows,
                   c_.Query("SELECT COUNT(*), CAST(COALESCE(SUM(v.funds_paid), 0) AS BIGINT), "
                                "CAST(COALESCE(SUM(v.workers_recruited), 0) AS BIGINT)" + visits_from +
                                visits_where,
                            visit_params));
  if (!visit_rows.empty()) {
    f.visits = visit_rows.front().Int(0);
    f.funds_paid_yuan = visit_rows.front().Int(1);
    f.workers_recruited = visit_rows.front().Int(2);
  }

  // Problems filed on the program's channels in the period.
  std::string cases_where = " WHERE c.enterprise_id IS NOT NULL";
  std::vector<Value> case_params;
  AppendIn("c.channel", Channels(program), cases_where, case_params);
  if (!q.region_code.empty()) AppendPrefix("e.region_code", q.region_code, cases_where, case_params);
  AppendCreatedIn("c.created_at", q.period, cases_where, case_params);
  const std::string cases_from = " FROM cases c JOIN enterprises e ON e.id = c.enterprise_id";
  ASSIGN_OR_RETURN(auto case_rows,
                   c_.Query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN c.state IN ('closed', 'archived') AND c.outcome = "
                            "'resolved' THEN 1 ELSE 0 END), 0)" +
                                cases_from + cases_where,
                            case_params));
  if (!case_rows.empty()) {
    f.problems_raised = case_rows.front().Int(0);
    f.problems_solved = case_rows.front().Int(1);
  }

  // Enterprises served: visited, or with a problem filed, in the period.
  std::vector<Value> served_params = visit_params;
  served_params.insert(served_params.end(), case_params.begin(), case_params.end());
  ASSIGN_OR_RETURN(auto served, c_.QueryInt("SELECT COUNT(*) FROM (SELECT v.enterprise_id AS id" + visits_from +
                                                visits_where + " UNION SELECT c.enterprise_id AS id" + cases_from +
                                                cases_where + ") served",
                                            served_params));
  f.enterprises_served = served.value_or(0);
  return f;
}

}  // namespace lz::storage::sqlrepo
