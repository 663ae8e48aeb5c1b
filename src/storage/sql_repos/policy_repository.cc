// The policy set in SQL (migration 0012): policies, policy_chains, policy_measures (conditions as
// columns) and policy_grants; the enterprises a measure's conditions select, as one query over
// enterprises (0003) with every condition a bound parameter.
#include <algorithm>
#include <charconv>

#include "common/text.h"
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

using policy::Conditions;
using policy::Grant;
using policy::Measure;
using policy::Policy;

constexpr const char* kPolicyColumns =
    "p.id, p.doc_number, p.issuer_unit_id, p.issued_on, p.type, p.title, p.created_by, p.created_at, "
    "p.updated_at, COALESCE(u.name, '')";
constexpr size_t kPolicyColumnCount = 10;
constexpr const char* kPolicyFrom = " FROM policies p LEFT JOIN units u ON u.id = p.issuer_unit_id";

constexpr const char* kMeasureColumns =
    "m.id, m.policy_id, m.position, m.title, m.content, m.cond_chains, m.cond_segments, m.cond_sizes, "
    "m.cond_regions, m.local_only, m.min_revenue, m.min_employees";
constexpr size_t kMeasureColumnCount = 12;

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<int64_t> SplitIds(const std::string& s) {
  std::vector<int64_t> out;
  for (const auto& item : SplitList(s)) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (ec == std::errc() && ptr == item.data() + item.size()) out.push_back(v);
  }
  return out;
}

std::string JoinSizes(const std::vector<chain::SizeClass>& sizes) {
  std::string out;
  for (auto s : sizes) {
    if (!out.empty()) out += ',';
    out += chain::SizeClassName(s);
  }
  return out;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

Policy PolicyFromRow(const Row& row) {
  Policy p;
  p.id = row.Int(0);
  p.doc_number = row.Text(1);
  p.issuer_unit_id = row.Int(2);
  p.issued_on = row.Text(3);
  p.type = policy::ParsePolicyType(row.Text(4)).value_or(policy::PolicyType::kSpecial);
  p.title = row.Text(5);
  p.created_by = row.Int(6);
  p.created_at = row.Int(7);
  p.updated_at = row.Int(8);
  p.issuer_name = row.Text(9);
  return p;
}

Measure MeasureFromRow(const Row& row, size_t at = 0) {
  Measure m;
  m.id = row.Int(at + 0);
  m.policy_id = row.Int(at + 1);
  m.position = static_cast<int>(row.Int(at + 2));
  m.title = row.Text(at + 3);
  m.content = row.Text(at + 4);
  m.conditions.chain_ids = SplitIds(row.Text(at + 5));
  m.conditions.segment_ids = SplitIds(row.Text(at + 6));
  for (const auto& name : SplitList(row.Text(at + 7))) {
    if (auto size = chain::ParseSizeClass(name)) m.conditions.sizes.push_back(*size);
  }
  m.conditions.region_codes = SplitList(row.Text(at + 8));
  m.conditions.local_only = row.Int(at + 9) != 0;
  m.conditions.min_revenue_yuan = row.Int(at + 10);
  m.conditions.min_employees = row.Int(at + 11);
  return m;
}

std::vector<Value> MeasureValues(const Measure& m) {
  const Conditions& c = m.conditions;
  return {m.title,
          m.content,
          JoinIds(c.chain_ids),
          JoinIds(c.segment_ids),
          JoinSizes(c.sizes),
          JoinCodes(c.region_codes),
          int64_t{c.local_only ? 1 : 0},
          c.min_revenue_yuan,
          c.min_employees,
          int64_t{m.position}};
}

Result<int64_t> InsertMeasure(Connection& c, int64_t policy_id, const Measure& m) {
  std::vector<Value> params = MeasureValues(m);
  params.emplace_back(policy_id);
  ASSIGN_OR_RETURN(auto id, c.QueryInt("INSERT INTO policy_measures (title, content, cond_chains, cond_segments, "
                                       "cond_sizes, cond_regions, local_only, min_revenue, min_employees, position, "
                                       "policy_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                       params));
  if (!id) return Internal("the measure was not stored");
  return *id;
}

Status PutChains(Connection& c, int64_t policy_id, const std::vector<int64_t>& chain_ids) {
  RETURN_IF_ERROR(c.Exec("DELETE FROM policy_chains WHERE policy_id = ?", {policy_id}));
  for (int64_t chain_id : chain_ids) {
    RETURN_IF_ERROR(c.Exec("INSERT INTO policy_chains (policy_id, chain_id) VALUES (?, ?)", {policy_id, chain_id}));
  }
  return Status::Ok();
}

Status DocNumberFree(Connection& c, const std::string& doc_number, int64_t except_id) {
  ASSIGN_OR_RETURN(auto other,
                   c.QueryInt("SELECT id FROM policies WHERE doc_number = ? AND id <> ?", {doc_number, except_id}));
  if (other) return AlreadyExists("a policy with document number " + doc_number + " exists already", "doc_number");
  return Status::Ok();
}

constexpr const char* kGrantColumns =
    "g.id, g.policy_id, g.measure_id, g.enterprise_id, g.amount, g.paid_on, g.paid_by_unit_id, g.override_reason, "
    "g.note, g.created_by, g.created_at, p.title, p.doc_number, m.title, e.name, e.credit_code, COALESCE(u.name, '')";
constexpr const char* kGrantFrom =
    " FROM policy_grants g JOIN policies p ON p.id = g.policy_id JOIN policy_measures m ON m.id = g.measure_id "
    "JOIN enterprises e ON e.id = g.enterprise_id LEFT JOIN units u ON u.id = g.paid_by_unit_id";

Grant GrantFromRow(const Row& row) {
  Grant g;
  g.id = row.Int(0);
  g.policy_id = row.Int(1);
  g.measure_id = row.Int(2);
  g.enterprise_id = row.Int(3);
  g.amount_yuan = row.Int(4);
  g.paid_on = row.Text(5);
  g.paid_by_unit_id = row.Int(6);
  g.override_reason = row.Text(7);
  g.note = row.Text(8);
  g.created_by = row.Int(9);
  g.created_at = row.Int(10);
  g.policy_title = row.Text(11);
  g.doc_number = row.Text(12);
  g.measure_title = row.Text(13);
  g.enterprise_name = row.Text(14);
  g.credit_code = row.Text(15);
  g.paid_by_unit_name = row.Text(16);
  return g;
}

GrantSum SumFromRow(const Row& row) {
  GrantSum s;
  s.id = row.Int(0);
  s.name = row.Text(1);
  s.code = row.Text(2);
  s.grants = row.Int(3);
  s.total_yuan = row.Int(4);
  return s;
}

}  // namespace

Status SqlPolicyRepository::Publish(int64_t id) {
  return changes_.Publish(std::string(topic::kPolicy), std::to_string(id));
}

Result<std::optional<Policy>> SqlPolicyRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kPolicyColumns + ", p.body" + kPolicyFrom +
                                           " WHERE p.id = ?",
                                       {id}));
  if (rows.empty()) return std::optional<Policy>();
  Policy p = PolicyFromRow(rows.front());
  p.text = rows.front().Text(kPolicyColumnCount);
  ASSIGN_OR_RETURN(auto chains, c_.Query("SELECT pc.chain_id FROM policy_chains pc WHERE pc.policy_id = ? "
                                         "ORDER BY pc.chain_id",
                                         {id}));
  for (const Row& row : chains) p.chain_ids.push_back(row.Int(0));
  ASSIGN_OR_RETURN(auto measures, c_.Query(std::string("SELECT ") + kMeasureColumns +
                                               " FROM policy_measures m WHERE m.policy_id = ? ORDER BY m.position, m.id",
                                           {id}));
  for (const Row& row : measures) p.measures.push_back(MeasureFromRow(row));
  return std::optional<Policy>(std::move(p));
}

Result<std::optional<int64_t>> SqlPolicyRepository::FindByDocNumber(const std::string& doc_number) {
  return c_.QueryInt("SELECT id FROM policies WHERE doc_number = ?", {doc_number});
}

Result<PageOf<PolicyRow>> SqlPolicyRepository::List(const PolicyQuery& q) {
  PageOf<PolicyRow> out;
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.ids) {
    if (q.ids->empty()) return out;
    AppendIn("p.id", std::vector<Value>(q.ids->begin(), q.ids->end()), where, params);
  }
  if (!q.q.empty()) {
    where += " AND (" + ContainsCondition("p.title") + " OR " + ContainsCondition("p.doc_number") + ")";
    params.emplace_back(Contains(q.q));
    params.emplace_back(Contains(q.q));
  }
  if (q.type) {
    where += " AND p.type = ?";
    params.emplace_back(std::string(policy::PolicyTypeName(*q.type)));
  }
  if (q.chain_id) {
    where += " AND EXISTS (SELECT 1 FROM policy_chains pc WHERE pc.policy_id = p.id AND pc.chain_id = ?)";
    params.emplace_back(*q.chain_id);
  }
  if (q.issuer_unit_id) {
    where += " AND p.issuer_unit_id = ?";
    params.emplace_back(*q.issuer_unit_id);
  }
  if (q.year > 0) {
    where += " AND p.issued_on >= ? AND p.issued_on <= ?";
    params.emplace_back(std::to_string(q.year) + "-01-01");
    params.emplace_back(std::to_string(q.year) + "-12-31");
  }
  ASSIGN_OR_RETURN(auto total, c_.QueryInt(std::string("SELECT COUNT(*)") + kPolicyFrom + where, params));
  out.total = total.value_or(0);
  std::string sql = std::string("SELECT ") + kPolicyColumns +
                    ", (SELECT COUNT(*) FROM policy_measures m WHERE m.policy_id = p.id), "
                    "(SELECT COUNT(*) FROM policy_grants g WHERE g.policy_id = p.id), "
                    "(SELECT CAST(COALESCE(SUM(g.amount), 0) AS BIGINT) FROM policy_grants g WHERE g.policy_id = p.id)" +
                    kPolicyFrom + where + " ORDER BY p.issued_on DESC, p.id DESC";
  AppendPage(q.page, sql, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  for (const Row& row : rows) {
    PolicyRow r;
    r.policy = PolicyFromRow(row);
    r.measure_count = row.Int(kPolicyColumnCount);
    r.grant_count = row.Int(kPolicyColumnCount + 1);
    r.granted_yuan = row.Int(kPolicyColumnCount + 2);
    out.items.push_back(std::move(r));
  }
  std::vector<Value> ids;
  for (const auto& r : out.items) ids.emplace_back(r.policy.id);
  if (!ids.empty()) {
    std::string chains_sql = "SELECT pc.policy_id, pc.chain_id FROM policy_chains pc WHERE 1 = 1";
    std::vector<Value> chain_params;
    AppendIn("pc.policy_id", ids, chains_sql, chain_params);
    chains_sql += " ORDER BY pc.policy_id, pc.chain_id";
    ASSIGN_OR_RETURN(auto chain_rows, c_.Query(chains_sql, chain_params));
    for (auto& r : out.items) {
      for (const Row& row : chain_rows) {
        if (row.Int(0) == r.policy.id) r.policy.chain_ids.push_back(row.Int(1));
      }
    }
  }
  return out;
}

namespace {

// The measures' titles and contents of each policy in `rows` (policy_id, title, content).
std::string MeasureText(const std::vector<Row>& rows, size_t& at, int64_t policy_id) {
  std::string out;
  while (at < rows.size() && rows[at].Int(0) == policy_id) {
    if (!out.empty()) out += '\n';
    out += rows[at].Text(1);
    out += '\n';
    out += rows[at].Text(2);
    ++at;
  }
  return out;
}

}  // namespace

Status SqlPolicyRepository::ForEachText(const std::function<Status(const PolicyText&)>& sink) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT id, doc_number, title, body FROM policies ORDER BY id"));
  ASSIGN_OR_RETURN(auto measures,
                   c_.Query("SELECT policy_id, title, content FROM policy_measures ORDER BY policy_id, position, id"));
  size_t at = 0;
  for (const Row& row : rows) {
    PolicyText t;
    t.id = row.Int(0);
    t.doc_number = row.Text(1);
    t.title = row.Text(2);
    t.text = row.Text(3);
    while (at < measures.size() && measures[at].Int(0) < t.id) ++at;
    t.measures = MeasureText(measures, at, t.id);
    RETURN_IF_ERROR(sink(t));
  }
  return Status::Ok();
}

Result<std::optional<PolicyText>> SqlPolicyRepository::Text(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT id, doc_number, title, body FROM policies WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<PolicyText>();
  PolicyText t;
  t.id = rows.front().Int(0);
  t.doc_number = rows.front().Text(1);
  t.title = rows.front().Text(2);
  t.text = rows.front().Text(3);
  ASSIGN_OR_RETURN(auto measures, c_.Query("SELECT policy_id, title, content FROM policy_measures WHERE policy_id = ? "
                                           "ORDER BY position, id",
                                           {id}));
  size_t at = 0;
  t.measures = MeasureText(measures, at, id);
  return std::optional<PolicyText>(std::move(t));
}

Result<int64_t> SqlPolicyRepository::Insert(Policy& p) {
  RETURN_IF_ERROR(DocNumberFree(c_, p.doc_number, 0));
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO policies (doc_number, issuer_unit_id, issued_on, type, title, body, "
                                        "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                        "RETURNING id",
                                        {p.doc_number, p.issuer_unit_id, p.issued_on,
                                         std::string(policy::PolicyTypeName(p.type)), p.title, p.text, p.created_by,
                                         p.created_at, p.updated_at}));
  if (!id) return Internal("the policy was not stored");
  p.id = *id;
  RETURN_IF_ERROR(PutChains(c_, p.id, p.chain_ids));
  for (auto& m : p.measures) {
    m.policy_id = p.id;
    ASSIGN_OR_RETURN(m.id, InsertMeasure(c_, p.id, m));
  }
  RETURN_IF_ERROR(Publish(p.id));
  return p.id;
}

Status SqlPolicyRepository::Update(Policy& p) {
  RETURN_IF_ERROR(DocNumberFree(c_, p.doc_number, p.id));
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE policies SET doc_number = ?, issuer_unit_id = ?, issued_on = ?, type = ?, "
                                   "title = ?, body = ?, updated_at = ? WHERE id = ?",
                                   {p.doc_number, p.issuer_unit_id, p.issued_on,
                                    std::string(policy::PolicyTypeName(p.type)), p.title, p.text, p.updated_at, p.id}));
  if (n == 0) return NotFound("policy " + std::to_string(p.id) + " not found");
  RETURN_IF_ERROR(PutChains(c_, p.id, p.chain_ids));
  ASSIGN_OR_RETURN(auto stored, c_.Query("SELECT id FROM policy_measures WHERE policy_id = ?", {p.id}));
  std::vector<int64_t> kept;
  for (auto& m : p.measures) {
    m.policy_id = p.id;
    bool known = false;
    for (const Row& row : stored) known = known || (m.id != 0 && row.Int(0) == m.id);
    if (known) {
      std::vector<Value> params = MeasureValues(m);
      params.emplace_back(m.id);
      RETURN_IF_ERROR(c_.Exec("UPDATE policy_measures SET title = ?, content = ?, cond_chains = ?, cond_segments = ?, "
                              "cond_sizes = ?, cond_regions = ?, local_only = ?, min_revenue = ?, min_employees = ?, "
                              "position = ? WHERE id = ?",
                              params));
    } else {
      ASSIGN_OR_RETURN(m.id, InsertMeasure(c_, p.id, m));
    }
    kept.push_back(m.id);
  }
  for (const Row& row : stored) {
    const int64_t id = row.Int(0);
    if (std::find(kept.begin(), kept.end(), id) == kept.end()) {
      RETURN_IF_ERROR(c_.Exec("DELETE FROM policy_measures WHERE id = ?", {id}));
    }
  }
  return Publish(p.id);
}

Status SqlPolicyRepository::Delete(int64_t id) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM policy_measures WHERE policy_id = ?", {id}));
  RETURN_IF_ERROR(c_.Exec("DELETE FROM policy_chains WHERE policy_id = ?", {id}));
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM policies WHERE id = ?", {id}));
  if (n == 0) return NotFound("policy " + std::to_string(id) + " not found");
  return Publish(id);
}

Result<std::optional<Measure>> SqlPolicyRepository::GetMeasure(int64_t id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query(std::string("SELECT ") + kMeasureColumns + " FROM policy_measures m WHERE m.id = ?", {id}));
  if (rows.empty()) return std::optional<Measure>();
  return std::optional<Measure>(MeasureFromRow(rows.front()));
}

Result<std::vector<MeasureRow>> SqlPolicyRepository::AllMeasures() {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kMeasureColumns +
                                       ", p.title, p.doc_number, p.type FROM policy_measures m JOIN policies p ON "
                                       "p.id = m.policy_id ORDER BY p.issued_on DESC, p.id DESC, m.position, m.id"));
  std::vector<MeasureRow> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    MeasureRow r;
    r.measure = MeasureFromRow(row);
    r.policy_title = row.Text(kMeasureColumnCount);
    r.doc_number = row.Text(kMeasureColumnCount + 1);
    r.policy_type = policy::ParsePolicyType(row.Text(kMeasureColumnCount + 2)).value_or(policy::PolicyType::kSpecial);
    out.push_back(std::move(r));
  }
  return out;
}

Result<PageOf<chain::Enterprise>> SqlPolicyRepository::MatchingEnterprises(const Conditions& c,
                                                                          const PageRequest& page) {
  // The same conditions, in the same sense, as policy::Match (the contract test compares them).
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!c.chain_ids.empty()) {
    std::string in;
    AppendIn("s.chain_id", std::vector<Value>(c.chain_ids.begin(), c.chain_ids.end()), in, params);
    where += " AND EXISTS (SELECT 1 FROM memberships mc JOIN segments s ON s.id = mc.segment_id WHERE "
             "mc.enterprise_id = e.id" + in + ")";
  }
  if (!c.segment_ids.empty()) {
    std::string in;
    AppendIn("ms.segment_id", std::vector<Value>(c.segment_ids.begin(), c.segment_ids.end()), in, params);
    where += " AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.enterprise_id = e.id" + in + ")";
  }
  if (!c.sizes.empty()) {
    std::vector<Value> names;
    for (auto s : c.sizes) names.emplace_back(std::string(chain::SizeClassName(s)));
    AppendIn("e.size", names, where, params);
  }
  if (!c.region_codes.empty()) {
    where += " AND (1 = 0";
    for (const auto& code : c.region_codes) {
      std::string one;
      AppendPrefix("e.region_code", code, one, params);
      where += " OR (1 = 1" + one + ")";
    }
    where += ")";
  }
  if (c.local_only) where += " AND e.is_local = 1";
  if (c.min_revenue_yuan > 0) {
    where += " AND e.revenue >= ?";
    params.emplace_back(c.min_revenue_yuan);
  }
  if (c.min_employees > 0) {
    where += " AND e.employees >= ?";
    params.emplace_back(c.min_employees);
  }
  const std::string from = " FROM enterprises e JOIN regions r ON r.code = e.region_code";
  PageOf<chain::Enterprise> out;
  ASSIGN_OR_RETURN(auto total, c_.QueryInt("SELECT COUNT(*)" + from + where, params));
  out.total = total.value_or(0);
  std::string sql = "SELECT e.id, e.credit_code, e.name, e.region_code, e.is_local, e.size, e.revenue, e.employees, "
                    "r.name" + from + where + " ORDER BY e.name, e.id";
  AppendPage(page, sql, params);
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  for (const Row& row : rows) {
    chain::Enterprise e;
    e.id = row.Int(0);
    e.credit_code = row.Text(1);
    e.name = row.Text(2);
    e.region_code = row.Text(3);
    e.local = row.Int(4) != 0;
    e.size = chain::ParseSizeClass(row.Text(5)).value_or(chain::SizeClass::kSmall);
    e.revenue = row.Int(6);
    e.employees = row.Int(7);
    e.region_name = row.Text(8);
    out.items.push_back(std::move(e));
  }
  return out;
}

Result<int64_t> SqlPolicyRepository::InsertGrant(const Grant& g) {
  ASSIGN_OR_RETURN(auto id, c_.QueryInt("INSERT INTO policy_grants (policy_id, measure_id, enterprise_id, amount, paid_on, "
                                        "paid_by_unit_id, override_reason, note, created_by, created_at) VALUES (?, ?, ?, "
                                        "?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                        {g.policy_id, g.measure_id, g.enterprise_id, g.amount_yuan, g.paid_on,
                                         g.paid_by_unit_id, g.override_reason, g.note, g.created_by, g.created_at}));
  if (!id) return Internal("the grant was not stored");
  return *id;
}

Result<PageOf<Grant>> SqlPolicyRepository::ListGrants(const GrantQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (q.policy_id) {
    where += " AND g.policy_id = ?";
    params.emplace_back(*q.policy_id);
  }
  if (q.measure_id) {
    where += " AND g.measure_id = ?";
    params.emplace_back(*q.measure_id);
  }
  if (q.enterprise_id) {
    where += " AND g.enterprise_id = ?";
    params.emplace_back(*q.enterprise_id);
  }
  return QueryPage<Grant>(c_, kGrantFrom, std::string("SELECT ") + kGrantColumns + kGrantFrom, where, params,
                          "g.paid_on DESC, g.id DESC", q.page, &GrantFromRow);
}

Result<int64_t> SqlPolicyRepository::CountGrants(int64_t policy_id, std::optional<int64_t> measure_id) {
  ASSIGN_OR_RETURN(auto n, measure_id ? c_.QueryInt("SELECT COUNT(*) FROM policy_grants WHERE measure_id = ?", {*measure_id})
                                      : c_.QueryInt("SELECT COUNT(*) FROM policy_grants WHERE policy_id = ?", {policy_id}));
  return n.value_or(0);
}

Result<std::vector<GrantSum>> SqlPolicyRepository::SumsByEnterprise(std::optional<int64_t> policy_id, int limit) {
  std::string sql = "SELECT e.id, e.name, e.credit_code, COUNT(*), CAST(SUM(g.amount) AS BIGINT) FROM policy_grants g "
                    "JOIN enterprises e ON e.id = g.enterprise_id WHERE 1 = 1";
  std::vector<Value> params;
  if (policy_id) {
    sql += " AND g.policy_id = ?";
    params.emplace_back(*policy_id);
  }
  sql += " GROUP BY e.id, e.name, e.credit_code ORDER BY SUM(g.amount) DESC, e.id LIMIT ?";
  params.emplace_back(int64_t{limit});
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<GrantSum> out;
  for (const Row& row : rows) out.push_back(SumFromRow(row));
  return out;
}

Result<std::vector<GrantSum>> SqlPolicyRepository::SumsByPolicy(std::optional<int64_t> enterprise_id, int limit) {
  std::string sql = "SELECT p.id, p.title, p.doc_number, COUNT(*), CAST(SUM(g.amount) AS BIGINT) FROM policy_grants g "
                    "JOIN policies p ON p.id = g.policy_id WHERE 1 = 1";
  std::vector<Value> params;
  if (enterprise_id) {
    sql += " AND g.enterprise_id = ?";
    params.emplace_back(*enterprise_id);
  }
  sql += " GROUP BY p.id, p.title, p.doc_number ORDER BY SUM(g.amount) DESC, p.id LIMIT ?";
  params.emplace_back(int64_t{limit});
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<GrantSum> out;
  for (const Row& row : rows) out.push_back(SumFromRow(row));
  return out;
}

}  // namespace lz::storage::sqlrepo
