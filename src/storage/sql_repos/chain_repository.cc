// Chains, segments and segment links in SQL.
#include "common/text.h"
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kChainSelect =
    "SELECT c.id, c.name, c.description, c.region_code, c.lead_unit_id, c.target_revenue, c.target_year, c.example, "
    "c.created_by, c.created_at, c.updated_at, r.name, u.name, "
    "(SELECT COUNT(*) FROM segments s WHERE s.chain_id = c.id) "
    "FROM chains c JOIN regions r ON r.code = c.region_code LEFT JOIN units u ON u.id = c.lead_unit_id";

chain::Chain ChainFromRow(const Row& row) {
  chain::Chain c;
  c.id = row.Int(0);
  c.name = row.Text(1);
  c.description = row.Text(2);
  c.region_code = row.Text(3);
  c.lead_unit_id = row.OptInt(4);
  c.target_revenue = row.Int(5);
  c.target_year = static_cast<int>(row.Int(6));
  c.example = row.Int(7) != 0;
  c.created_by = row.Int(8);
  c.created_at = row.Int(9);
  c.updated_at = row.Int(10);
  c.region_name = row.Text(11);
  c.lead_unit_name = row.Text(12);
  c.segment_count = row.Int(13);
  return c;
}

constexpr const char* kSegmentSelect =
    "SELECT id, chain_id, name, stage, parent_id, industry_code, description, sort_order FROM segments";

chain::Segment SegmentFromRow(const Row& row) {
  chain::Segment s;
  s.id = row.Int(0);
  s.chain_id = row.Int(1);
  s.name = row.Text(2);
  s.stage = chain::ParseStage(row.Text(3)).value_or(chain::Stage::kMidstream);
  s.parent_id = row.OptInt(4);
  s.industry_code = row.Text(5);
  s.description = row.Text(6);
  s.sort_order = static_cast<int>(row.Int(7));
  return s;
}

// Stage order on the map: upstream, midstream, downstream.
constexpr const char* kStageOrder =
    "CASE stage WHEN 'upstream' THEN 0 WHEN 'midstream' THEN 1 ELSE 2 END";

}  // namespace

Result<std::vector<chain::Chain>> SqlChainRepository::Load(const std::string& where, const std::vector<Value>& params,
                                                            const std::string& tail) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kChainSelect) + where + " ORDER BY c.id" + tail, params));
  std::vector<chain::Chain> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    chain::Chain c = ChainFromRow(row);
    ASSIGN_OR_RETURN(auto units, c_.Query("SELECT unit_id FROM chain_units WHERE chain_id = ? ORDER BY unit_id", {c.id}));
    for (const auto& u : units) c.responsible_unit_ids.push_back(u.Int(0));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::optional<chain::Chain>> SqlChainRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto v, Load(" WHERE c.id = ?", {id}));
  if (v.empty()) return std::optional<chain::Chain>();
  return std::optional<chain::Chain>(std::move(v.front()));
}

Result<PageOf<chain::Chain>> SqlChainRepository::List(const ChainQuery& q) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!q.q.empty()) {
    where += " AND " + ContainsCondition("c.name");
    params.emplace_back(Contains(q.q));
  }
  if (!q.region_code.empty()) {
    where += " AND c.region_code LIKE ? ESCAPE '\\'";
    params.emplace_back(text::EscapeLike(q.region_code) + "%");
  }
  PageOf<chain::Chain> out;
  ASSIGN_OR_RETURN(auto total, c_.QueryInt("SELECT COUNT(*) FROM chains c" + where, params));
  out.total = total.value_or(0);
  std::string tail;
  AppendPage(q.page, tail, params);
  ASSIGN_OR_RETURN(out.items, Load(where, params, tail));
  return out;
}

Result<std::vector<chain::Chain>> SqlChainRepository::All() { return Load("", {}); }

Result<std::optional<int64_t>> SqlChainRepository::FindByName(const std::string& name) {
  return c_.QueryInt("SELECT id FROM chains WHERE name = ?", {name});
}

Status SqlChainRepository::SaveUnits(const chain::Chain& chain) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM chain_units WHERE chain_id = ?", {chain.id}));
  for (int64_t unit : chain.responsible_unit_ids) {
    RETURN_IF_ERROR(c_.Exec("INSERT INTO chain_units (chain_id, unit_id) VALUES (?, ?)", {chain.id, unit}));
  }
  return Status::Ok();
}

Result<int64_t> SqlChainRepository::Insert(const chain::Chain& chain) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("INSERT INTO chains (name, description, region_code, lead_unit_id, target_revenue, "
                            "target_year, example, created_by, created_at, updated_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            {chain.name, chain.description, chain.region_code, sql::Nullable(chain.lead_unit_id),
                             chain.target_revenue, int64_t{chain.target_year}, int64_t{chain.example ? 1 : 0},
                             chain.created_by, chain.created_at, chain.updated_at}));
  chain::Chain saved = chain;
  saved.id = rows.front().Int(0);
  RETURN_IF_ERROR(SaveUnits(saved));
  RETURN_IF_ERROR(Publish(saved.id));
  return saved.id;
}

Status SqlChainRepository::Update(const chain::Chain& chain) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE chains SET name = ?, description = ?, region_code = ?, lead_unit_id = ?, "
                                   "target_revenue = ?, target_year = ?, example = ?, updated_at = ? WHERE id = ?",
                                   {chain.name, chain.description, chain.region_code, sql::Nullable(chain.lead_unit_id),
                                    chain.target_revenue, int64_t{chain.target_year}, int64_t{chain.example ? 1 : 0},
                                    chain.updated_at, chain.id}));
  if (n == 0) return NotFound("chain " + std::to_string(chain.id) + " not found");
  RETURN_IF_ERROR(SaveUnits(chain));
  return Publish(chain.id);
}

Status SqlChainRepository::Delete(int64_t id) {
  // Memberships, segment links and segments go with the chain (ON DELETE CASCADE); enterprises
  // whose memberships disappear are published so their engines forget the segments.
  ASSIGN_OR_RETURN(auto members, c_.Query("SELECT DISTINCT m.enterprise_id FROM memberships m JOIN segments s "
                                          "ON s.id = m.segment_id WHERE s.chain_id = ?",
                                          {id}));
  RETURN_IF_ERROR(c_.Exec("UPDATE segments SET parent_id = NULL WHERE chain_id = ?", {id}));
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM chains WHERE id = ?", {id}));
  if (n == 0) return NotFound("chain " + std::to_string(id) + " not found");
  for (const auto& m : members) {
    RETURN_IF_ERROR(changes_.Publish(std::string(topic::kEnterprise), std::to_string(m.Int(0))));
  }
  return Publish(id);
}

Result<int64_t> SqlChainRepository::CountForUnit(int64_t unit_id) {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM chains WHERE lead_unit_id = ? OR id IN "
                                       "(SELECT chain_id FROM chain_units WHERE unit_id = ?)",
                                       {unit_id, unit_id}));
  return n.value_or(0);
}

Result<std::optional<chain::Segment>> SqlChainRepository::GetSegment(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSegmentSelect) + " WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<chain::Segment>();
  return std::optional<chain::Segment>(SegmentFromRow(rows.front()));
}

Result<std::vector<chain::Segment>> SqlChainRepository::Segments(int64_t chain_id) {
  std::string order = std::string(" ORDER BY chain_id, ") + kStageOrder + ", sort_order, id";
  ASSIGN_OR_RETURN(auto rows, chain_id ? c_.Query(std::string(kSegmentSelect) + " WHERE chain_id = ?" + order, {chain_id})
                                       : c_.Query(std::string(kSegmentSelect) + order));
  std::vector<chain::Segment> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(SegmentFromRow(row));
  return out;
}

Result<int64_t> SqlChainRepository::InsertSegment(const chain::Segment& s) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO segments (chain_id, name, stage, parent_id, industry_code, "
                                       "description, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                       {s.chain_id, s.name, std::string(chain::StageName(s.stage)),
                                        sql::Nullable(s.parent_id), s.industry_code, s.description,
                                        int64_t{s.sort_order}}));
  RETURN_IF_ERROR(Publish(s.chain_id));
  return rows.front().Int(0);
}

Status SqlChainRepository::UpdateSegment(const chain::Segment& s) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE segments SET name = ?, stage = ?, parent_id = ?, industry_code = ?, "
                                   "description = ?, sort_order = ? WHERE id = ? AND chain_id = ?",
                                   {s.name, std::string(chain::StageName(s.stage)), sql::Nullable(s.parent_id),
                                    s.industry_code, s.description, int64_t{s.sort_order}, s.id, s.chain_id}));
  if (n == 0) return NotFound("segment " + std::to_string(s.id) + " not found in chain " + std::to_string(s.chain_id));
  return Publish(s.chain_id);
}

Status SqlChainRepository::DeleteSegment(int64_t id) {
  ASSIGN_OR_RETURN(auto chain, c_.QueryInt("SELECT chain_id FROM segments WHERE id = ?", {id}));
  if (!chain) return NotFound("segment " + std::to_string(id) + " not found");
  ASSIGN_OR_RETURN(auto members, c_.Query("SELECT enterprise_id FROM memberships WHERE segment_id = ?", {id}));
  RETURN_IF_ERROR(c_.Exec("DELETE FROM segments WHERE id = ?", {id}));
  for (const auto& m : members) {
    RETURN_IF_ERROR(changes_.Publish(std::string(topic::kEnterprise), std::to_string(m.Int(0))));
  }
  return Publish(*chain);
}

Result<int64_t> SqlChainRepository::CountChildSegments(int64_t id) {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM segments WHERE parent_id = ?", {id}));
  return n.value_or(0);
}

Result<std::optional<int64_t>> SqlChainRepository::FindSegment(int64_t chain_id, const std::string& name) {
  return c_.QueryInt("SELECT id FROM segments WHERE chain_id = ? AND name = ?", {chain_id, name});
}

Result<std::vector<chain::SegmentLink>> SqlChainRepository::SegmentLinks(int64_t chain_id) {
  std::string sql = "SELECT l.from_segment_id, l.to_segment_id FROM segment_links l";
  ASSIGN_OR_RETURN(auto rows, chain_id ? c_.Query(sql + " JOIN segments s ON s.id = l.from_segment_id WHERE s.chain_id = ? "
                                                        "ORDER BY l.from_segment_id, l.to_segment_id",
                                                  {chain_id})
                                       : c_.Query(sql + " ORDER BY l.from_segment_id, l.to_segment_id"));
  std::vector<chain::SegmentLink> out;
  for (const auto& row : rows) out.push_back({row.Int(0), row.Int(1)});
  return out;
}

Status SqlChainRepository::AddSegmentLink(int64_t chain_id, const chain::SegmentLink& link) {
  RETURN_IF_ERROR(c_.Exec("INSERT INTO segment_links (from_segment_id, to_segment_id) VALUES (?, ?) "
                          "ON CONFLICT (from_segment_id, to_segment_id) DO NOTHING",
                          {link.from_segment_id, link.to_segment_id}));
  return Publish(chain_id);
}

Status SqlChainRepository::RemoveSegmentLink(int64_t chain_id, const chain::SegmentLink& link) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM segment_links WHERE from_segment_id = ? AND to_segment_id = ?",
                          {link.from_segment_id, link.to_segment_id}));
  return Publish(chain_id);
}

}  // namespace lz::storage::sqlrepo
