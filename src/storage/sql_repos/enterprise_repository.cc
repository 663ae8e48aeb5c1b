// Enterprises, memberships and supply links in SQL.
#include "common/text.h"
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kColumns =
    "e.id, e.credit_code, e.name, e.name_key, e.region_code, e.is_local, e.size, e.revenue, e.employees, "
    "e.founded, e.created_by, e.created_at, e.updated_at, r.name";
constexpr const char* kFrom = "FROM enterprises e JOIN regions r ON r.code = e.region_code";
const std::string kSelect = std::string("SELECT ") + kColumns + " " + kFrom;

chain::Enterprise FromRow(const Row& row) {
  chain::Enterprise e;
  e.id = row.Int(0);
  e.credit_code = row.Text(1);
  e.name = row.Text(2);
  e.name_key = row.Text(3);
  e.region_code = row.Text(4);
  e.local = row.Int(5) != 0;
  e.size = chain::ParseSizeClass(row.Text(6)).value_or(chain::SizeClass::kSmall);
  e.revenue = row.Int(7);
  e.employees = row.Int(8);
  e.founded = row.Text(9);
  e.created_by = row.Int(10);
  e.created_at = row.Int(11);
  e.updated_at = row.Int(12);
  e.region_name = row.Text(13);
  return e;
}

void BuildWhere(const EnterpriseQuery& q, std::string& where, std::vector<Value>& params) {
  where = " WHERE 1 = 1";
  if (!q.q.empty()) {
    where += " AND (" + ContainsCondition("e.name") + " OR " + ContainsCondition("e.credit_code") + ")";
    params.emplace_back(Contains(q.q));
    params.emplace_back(Contains(q.q));
  }
  if (!q.region_code.empty()) {
    where += " AND e.region_code LIKE ? ESCAPE '\\'";
    params.emplace_back(text::EscapeLike(q.region_code) + "%");
  }
  if (q.local) {
    where += " AND e.is_local = ?";
    params.emplace_back(int64_t{*q.local ? 1 : 0});
  }
  if (q.size) {
    where += " AND e.size = ?";
    params.emplace_back(std::string(chain::SizeClassName(*q.size)));
  }
  if (q.segment_id) {
    where += " AND e.id IN (SELECT enterprise_id FROM memberships WHERE segment_id = ?)";
    params.emplace_back(*q.segment_id);
  }
  if (q.chain_id) {
    where += " AND e.id IN (SELECT m.enterprise_id FROM memberships m JOIN segments s ON s.id = m.segment_id "
             "WHERE s.chain_id = ?)";
    params.emplace_back(*q.chain_id);
  }
}

constexpr const char* kLinkColumns = "l.id, l.supplier_id, l.buyer_id, l.volume, l.note, s.name, b.name";
constexpr const char* kLinkFrom =
    "FROM supply_links l JOIN enterprises s ON s.id = l.supplier_id JOIN enterprises b ON b.id = l.buyer_id";
const std::string kLinkSelect = std::string("SELECT ") + kLinkColumns + " " + kLinkFrom;

chain::SupplyLink LinkFromRow(const Row& row) {
  return chain::SupplyLink{row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Text(4), row.Text(5), row.Text(6)};
}

std::vector<Value> EnterpriseValues(const chain::Enterprise& e) {
  return {e.credit_code, e.name, e.name_key, e.region_code, int64_t{e.local ? 1 : 0},
          std::string(chain::SizeClassName(e.size)), e.revenue, e.employees, e.founded};
}

}  // namespace

Result<std::optional<chain::Enterprise>> SqlEnterpriseRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " WHERE e.id = ?", {id}));
  if (rows.empty()) return std::optional<chain::Enterprise>();
  return std::optional<chain::Enterprise>(FromRow(rows.front()));
}

Result<std::optional<chain::Enterprise>> SqlEnterpriseRepository::GetByCreditCode(const std::string& code) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " WHERE e.credit_code = ?", {code}));
  if (rows.empty()) return std::optional<chain::Enterprise>();
  return std::optional<chain::Enterprise>(FromRow(rows.front()));
}

Result<PageOf<chain::Enterprise>> SqlEnterpriseRepository::List(const EnterpriseQuery& q) {
  std::string where;
  std::vector<Value> params;
  BuildWhere(q, where, params);
  return QueryPage<chain::Enterprise>(c_, " FROM enterprises e", kSelect, where, std::move(params), "e.name, e.id",
                                      q.page, &FromRow);
}

Status SqlEnterpriseRepository::ForEach(const EnterpriseQuery& q,
                                        const std::function<Status(const chain::Enterprise&)>& sink) {
  std::string where;
  std::vector<Value> params;
  BuildWhere(q, where, params);
  return ForEachInKeyOrder(c_, kColumns, kFrom + where, std::move(params), {"e.id"},
                           [&](const Row& row) { return sink(FromRow(row)); });
}

Result<std::vector<chain::Enterprise>> SqlEnterpriseRepository::FindByNameKey(const std::string& name_key,
                                                                              int64_t except_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " WHERE e.name_key = ? AND e.id <> ? ORDER BY e.id",
                                       {name_key, except_id}));
  std::vector<chain::Enterprise> out;
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

Result<int64_t> SqlEnterpriseRepository::Insert(const chain::Enterprise& e) {
  std::vector<Value> params = EnterpriseValues(e);
  params.emplace_back(e.created_by);
  params.emplace_back(e.created_at);
  params.emplace_back(e.updated_at);
  ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO enterprises (credit_code, name, name_key, region_code, is_local, "
                                       "size, revenue, employees, founded, created_by, created_at, updated_at) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                       params));
  int64_t id = rows.front().Int(0);
  RETURN_IF_ERROR(Publish(id));
  return id;
}

Status SqlEnterpriseRepository::Update(const chain::Enterprise& e) {
  std::vector<Value> params = EnterpriseValues(e);
  params.emplace_back(e.updated_at);
  params.emplace_back(e.id);
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE enterprises SET credit_code = ?, name = ?, name_key = ?, region_code = ?, "
                                   "is_local = ?, size = ?, revenue = ?, employees = ?, founded = ?, updated_at = ? "
                                   "WHERE id = ?",
                                   params));
  if (n == 0) return NotFound("enterprise " + std::to_string(e.id) + " not found");
  return Publish(e.id);
}

Status SqlEnterpriseRepository::Delete(int64_t id) {
  // Its partners lose a link: they change too.
  ASSIGN_OR_RETURN(auto partners, c_.Query("SELECT buyer_id FROM supply_links WHERE supplier_id = ? UNION "
                                           "SELECT supplier_id FROM supply_links WHERE buyer_id = ?",
                                           {id, id}));
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM enterprises WHERE id = ?", {id}));
  if (n == 0) return NotFound("enterprise " + std::to_string(id) + " not found");
  for (const auto& p : partners) RETURN_IF_ERROR(Publish(p.Int(0)));
  return Publish(id);
}

Result<std::vector<chain::Membership>> SqlEnterpriseRepository::Memberships(int64_t enterprise_id, int64_t segment_id) {
  std::string sql =
      "SELECT m.enterprise_id, m.segment_id, m.role, e.name, s.name, s.chain_id FROM memberships m "
      "JOIN enterprises e ON e.id = m.enterprise_id JOIN segments s ON s.id = m.segment_id WHERE 1 = 1";
  std::vector<Value> params;
  if (enterprise_id) {
    sql += " AND m.enterprise_id = ?";
    params.emplace_back(enterprise_id);
  }
  if (segment_id) {
    sql += " AND m.segment_id = ?";
    params.emplace_back(segment_id);
  }
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql + " ORDER BY m.segment_id, m.enterprise_id", params));
  std::vector<chain::Membership> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    chain::Membership m;
    m.enterprise_id = row.Int(0);
    m.segment_id = row.Int(1);
    m.role = chain::ParseMemberRole(row.Text(2)).value_or(chain::MemberRole::kMember);
    m.enterprise_name = row.Text(3);
    m.segment_name = row.Text(4);
    m.chain_id = row.Int(5);
    out.push_back(std::move(m));
  }
  return out;
}

Status SqlEnterpriseRepository::PutMembership(const chain::Membership& m) {
  RETURN_IF_ERROR(c_.Exec("INSERT INTO memberships (enterprise_id, segment_id, role) VALUES (?, ?, ?) "
                          "ON CONFLICT (enterprise_id, segment_id) DO UPDATE SET role = excluded.role",
                          {m.enterprise_id, m.segment_id, std::string(chain::MemberRoleName(m.role))}));
  return Publish(m.enterprise_id);
}

Status SqlEnterpriseRepository::RemoveMembership(int64_t enterprise_id, int64_t segment_id) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM memberships WHERE enterprise_id = ? AND segment_id = ?",
                                   {enterprise_id, segment_id}));
  if (n == 0) return NotFound("the enterprise is not a member of that segment");
  return Publish(enterprise_id);
}

Result<std::optional<chain::SupplyLink>> SqlEnterpriseRepository::GetLink(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kLinkSelect) + " WHERE l.id = ?", {id}));
  if (rows.empty()) return std::optional<chain::SupplyLink>();
  return std::optional<chain::SupplyLink>(LinkFromRow(rows.front()));
}

Result<std::optional<chain::SupplyLink>> SqlEnterpriseRepository::FindLink(int64_t supplier_id, int64_t buyer_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kLinkSelect) + " WHERE l.supplier_id = ? AND l.buyer_id = ?",
                                       {supplier_id, buyer_id}));
  if (rows.empty()) return std::optional<chain::SupplyLink>();
  return std::optional<chain::SupplyLink>(LinkFromRow(rows.front()));
}

Status SqlEnterpriseRepository::ForEachLink(int64_t enterprise_id, bool as_supplier,
                                            const std::function<Status(const chain::SupplyLink&)>& sink) {
  std::string from_where = kLinkFrom;
  std::vector<Value> params;
  if (enterprise_id) {
    from_where += as_supplier ? " WHERE l.supplier_id = ?" : " WHERE l.buyer_id = ?";
    params.emplace_back(enterprise_id);
  } else {
    from_where += " WHERE 1 = 1";
  }
  return ForEachInKeyOrder(c_, kLinkColumns, from_where, std::move(params), {"l.id"},
                           [&](const Row& row) { return sink(LinkFromRow(row)); });
}

Status SqlEnterpriseRepository::ScanRegistry(const RegistryScanSink& sink) {
  constexpr size_t kScanBatch = 65536;  // rows per round trip: few statements, bounded memory
  if (sink.enterprise) {
    RETURN_IF_ERROR(ForEachInKeyOrder(
        c_, "id, region_code, is_local, size, revenue, employees", "FROM enterprises WHERE 1 = 1", {}, {"id"},
        [&](const Row& row) {
          chain::Enterprise e;
          e.id = row.Int(0);
          e.region_code = row.Text(1);
          e.local = row.Int(2) != 0;
          e.size = chain::ParseSizeClass(row.Text(3)).value_or(chain::SizeClass::kSmall);
          e.revenue = row.Int(4);
          e.employees = row.Int(5);
          return sink.enterprise(e);
        },
        kScanBatch));
  }
  if (sink.membership) {
    RETURN_IF_ERROR(ForEachInKeyOrder(
        c_, "enterprise_id, segment_id, role", "FROM memberships WHERE 1 = 1", {}, {"enterprise_id", "segment_id"},
        [&](const Row& row) {
          chain::Membership m;
          m.enterprise_id = row.Int(0);
          m.segment_id = row.Int(1);
          m.role = chain::ParseMemberRole(row.Text(2)).value_or(chain::MemberRole::kMember);
          return sink.membership(m);
        },
        kScanBatch));
  }
  if (sink.links) {
    if (sink.expect_links) {
      ASSIGN_OR_RETURN(auto highest, c_.QueryInt("SELECT MAX(id) FROM supply_links"));
      sink.expect_links(highest.value_or(0));
    }
    std::vector<SupplyEdge> edges;
    RETURN_IF_ERROR(ForEachIntBlockInKeyOrder(
        c_, "supplier_id, buyer_id, volume", "FROM supply_links WHERE 1 = 1", {}, {"id"},
        [&](const int64_t* v, size_t rows, size_t stride) {
          edges.resize(rows);
          for (size_t i = 0; i < rows; ++i, v += stride) edges[i] = SupplyEdge{v[0], v[1], v[2]};
          return sink.links(edges);
        },
        kScanBatch));
  }
  return Status::Ok();
}

Result<int64_t> SqlEnterpriseRepository::InsertLink(const chain::SupplyLink& l) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO supply_links (supplier_id, buyer_id, volume, note) "
                                       "VALUES (?, ?, ?, ?) RETURNING id",
                                       {l.supplier_id, l.buyer_id, l.volume, l.note}));
  RETURN_IF_ERROR(Publish(l.supplier_id));
  RETURN_IF_ERROR(Publish(l.buyer_id));
  return rows.front().Int(0);
}

Status SqlEnterpriseRepository::UpdateLink(const chain::SupplyLink& l) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE supply_links SET volume = ?, note = ? WHERE id = ?", {l.volume, l.note, l.id}));
  if (n == 0) return NotFound("supply link " + std::to_string(l.id) + " not found");
  RETURN_IF_ERROR(Publish(l.supplier_id));
  return Publish(l.buyer_id);
}

Status SqlEnterpriseRepository::DeleteLink(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT supplier_id, buyer_id FROM supply_links WHERE id = ?", {id}));
  if (rows.empty()) return NotFound("supply link " + std::to_string(id) + " not found");
  RETURN_IF_ERROR(c_.Exec("DELETE FROM supply_links WHERE id = ?", {id}));
  RETURN_IF_ERROR(Publish(rows.front().Int(0)));
  return Publish(rows.front().Int(1));
}

}  // namespace lz::storage::sqlrepo
