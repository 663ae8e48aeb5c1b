// Regions in SQL.
#include <algorithm>

#include "common/text.h"
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kColumns =
    "r.code, r.name, r.level, r.parent_code, (SELECT COUNT(*) FROM regions c WHERE c.parent_code = r.code)";

org::Region FromRow(const Row& row) {
  org::Region r;
  r.code = row.Text(0);
  r.name = row.Text(1);
  r.level = org::ParseRegionLevel(row.Text(2)).value_or(org::RegionLevel::kCommunity);
  r.parent_code = row.Text(3);
  r.child_count = row.Int(4);
  return r;
}

Result<std::vector<org::Region>> Many(Connection& c, const std::string& sql, const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<org::Region> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

}  // namespace

Result<std::optional<org::Region>> SqlRegionRepository::Get(const std::string& code) {
  ASSIGN_OR_RETURN(auto v, Many(c_, std::string("SELECT ") + kColumns + " FROM regions r WHERE r.code = ?", {code}));
  if (v.empty()) return std::optional<org::Region>();
  return std::optional<org::Region>(std::move(v.front()));
}

Result<std::vector<org::Region>> SqlRegionRepository::Children(const std::string& parent_code) {
  if (parent_code.empty()) {
    return Many(c_, std::string("SELECT ") + kColumns + " FROM regions r WHERE r.parent_code IS NULL ORDER BY r.code", {});
  }
  return Many(c_, std::string("SELECT ") + kColumns + " FROM regions r WHERE r.parent_code = ? ORDER BY r.code",
              {parent_code});
}

Result<std::vector<org::Region>> SqlRegionRepository::Search(const std::string& q, int limit) {
  return Many(c_,
              std::string("SELECT ") + kColumns +
                  " FROM regions r WHERE " + ContainsCondition("r.name") + " ORDER BY LENGTH(r.code), r.code LIMIT ?",
              {Contains(q), int64_t{limit}});
}

Status SqlRegionRepository::Insert(const org::Region& r, const std::string& source) {
  return c_
      .Exec("INSERT INTO regions (code, name, level, parent_code, source) VALUES (?, ?, ?, ?, ?)",
            {r.code, r.name, std::string(org::RegionLevelName(r.level)),
             r.parent_code.empty() ? Value(nullptr) : Value(r.parent_code), source})
      .status();
}

Status SqlRegionRepository::InsertMany(const std::vector<org::Region>& regions, const std::string& source) {
  // Multi-row INSERTs of up to kBatch rows: one round trip per batch instead of per row.
  constexpr size_t kBatch = 500;
  for (size_t start = 0; start < regions.size(); start += kBatch) {
    size_t end = std::min(regions.size(), start + kBatch);
    std::string sql = "INSERT INTO regions (code, name, level, parent_code, source) VALUES ";
    std::vector<Value> params;
    params.reserve((end - start) * 5);
    for (size_t i = start; i < end; ++i) {
      const org::Region& r = regions[i];
      sql += i == start ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)";
      params.emplace_back(r.code);
      params.emplace_back(r.name);
      params.emplace_back(std::string(org::RegionLevelName(r.level)));
      params.emplace_back(r.parent_code.empty() ? Value(nullptr) : Value(r.parent_code));
      params.emplace_back(source);
    }
    sql += " ON CONFLICT (code) DO NOTHING";
    RETURN_IF_ERROR(c_.Exec(sql, params));
  }
  return Status::Ok();
}

Result<int64_t> SqlRegionRepository::Count() {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM regions"));
  return n.value_or(0);
}

Result<int64_t> SqlRegionRepository::CountAtLevel(org::RegionLevel level, const std::string& prefix) {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM regions WHERE level = ? AND code LIKE ? ESCAPE '\\'",
                                       {std::string(org::RegionLevelName(level)), text::EscapeLike(prefix) + "%"}));
  return n.value_or(0);
}

}  // namespace lz::storage::sqlrepo
