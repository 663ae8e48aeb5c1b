// The casework catalogue in SQL: channels, categories (time limits and escalation ladder) and the
// category x region routing table.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

using casework::Category;
using casework::Channel;
using casework::RoutingRule;

constexpr const char* kChannelSelect = "SELECT code, name, on_the_spot, callback, active FROM case_channels";

Channel ChannelFromRow(const Row& row) {
  Channel ch;
  ch.code = row.Text(0);
  ch.name = row.Text(1);
  ch.on_the_spot = row.Int(2) != 0;
  ch.callback = row.Int(3) != 0;
  ch.active = row.Int(4) != 0;
  return ch;
}

constexpr const char* kCategorySelect =
    "SELECT id, code, name, parent_id, sign_days, handle_days, max_extension_days, warn_before_days, "
    "supervise_after_days, circulate_after_days, escalate_after_days, active, sort_order FROM case_categories";

Category CategoryFromRow(const Row& row) {
  Category c;
  c.id = row.Int(0);
  c.code = row.Text(1);
  c.name = row.Text(2);
  c.parent_id = row.OptInt(3);
  c.sign_days = static_cast<int>(row.Int(4));
  c.handle_days = static_cast<int>(row.Int(5));
  c.max_extension_days = static_cast<int>(row.Int(6));
  c.ladder.warn_before_days = static_cast<int>(row.Int(7));
  c.ladder.supervise_after_days = static_cast<int>(row.Int(8));
  c.ladder.circulate_after_days = static_cast<int>(row.Int(9));
  c.ladder.escalate_after_days = static_cast<int>(row.Int(10));
  c.active = row.Int(11) != 0;
  c.sort_order = static_cast<int>(row.Int(12));
  return c;
}

// The editable columns of a category, in the order UPDATE and INSERT name them.
std::vector<Value> CategoryValues(const Category& c) {
  return {c.name,
          int64_t{c.sign_days},
          int64_t{c.handle_days},
          int64_t{c.max_extension_days},
          int64_t{c.ladder.warn_before_days},
          int64_t{c.ladder.supervise_after_days},
          int64_t{c.ladder.circulate_after_days},
          int64_t{c.ladder.escalate_after_days},
          int64_t{c.active ? 1 : 0},
          int64_t{c.sort_order}};
}

}  // namespace

Result<std::vector<Channel>> SqlCatalogueRepository::Channels() {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kChannelSelect) + " ORDER BY code"));
  std::vector<Channel> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(ChannelFromRow(row));
  return out;
}

Result<std::optional<Channel>> SqlCatalogueRepository::GetChannel(const std::string& code) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kChannelSelect) + " WHERE code = ?", {code}));
  if (rows.empty()) return std::optional<Channel>();
  return std::optional<Channel>(ChannelFromRow(rows.front()));
}

Status SqlCatalogueRepository::PutChannel(const Channel& ch) {
  return c_.Exec("INSERT INTO case_channels (code, name, on_the_spot, callback, active) VALUES (?, ?, ?, ?, ?) "
                 "ON CONFLICT (code) DO UPDATE SET name = excluded.name, on_the_spot = excluded.on_the_spot, "
                 "callback = excluded.callback, active = excluded.active",
                 {ch.code, ch.name, int64_t{ch.on_the_spot ? 1 : 0}, int64_t{ch.callback ? 1 : 0},
                  int64_t{ch.active ? 1 : 0}})
      .status();
}

Result<std::vector<Category>> SqlCatalogueRepository::LoadCategories(const std::string& where,
                                                                    const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kCategorySelect) + where, params));
  std::vector<Category> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(CategoryFromRow(row));
  return out;
}

Result<std::vector<Category>> SqlCatalogueRepository::Categories() { return LoadCategories(" ORDER BY code", {}); }

Result<std::optional<Category>> SqlCatalogueRepository::GetCategory(int64_t id) {
  ASSIGN_OR_RETURN(auto found, LoadCategories(" WHERE id = ?", {id}));
  if (found.empty()) return std::optional<Category>();
  return std::optional<Category>(std::move(found.front()));
}

Result<std::optional<Category>> SqlCatalogueRepository::GetCategoryByCode(const std::string& code) {
  ASSIGN_OR_RETURN(auto found, LoadCategories(" WHERE code = ?", {code}));
  if (found.empty()) return std::optional<Category>();
  return std::optional<Category>(std::move(found.front()));
}

Result<int64_t> SqlCatalogueRepository::InsertCategory(const Category& c) {
  std::vector<Value> params{c.code, sql::Nullable(c.parent_id)};
  for (Value& v : CategoryValues(c)) params.push_back(std::move(v));
  // DO NOTHING rather than a unique violation: on PostgreSQL a failed statement would poison the
  // rest of the caller's transaction.
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("INSERT INTO case_categories (code, parent_id, name, sign_days, handle_days, "
                            "max_extension_days, warn_before_days, supervise_after_days, circulate_after_days, "
                            "escalate_after_days, active, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            "ON CONFLICT (code) DO NOTHING RETURNING id",
                            params));
  if (rows.empty()) return AlreadyExists("the category code " + c.code + " is taken", "code");
  return rows.front().Int(0);
}

Status SqlCatalogueRepository::UpdateCategory(const Category& c) {
  std::vector<Value> params = CategoryValues(c);
  params.emplace_back(c.id);
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE case_categories SET name = ?, sign_days = ?, handle_days = ?, "
                                   "max_extension_days = ?, warn_before_days = ?, supervise_after_days = ?, "
                                   "circulate_after_days = ?, escalate_after_days = ?, active = ?, sort_order = ? "
                                   "WHERE id = ?",
                                   params));
  if (n == 0) return NotFound("category " + std::to_string(c.id) + " not found");
  return Status::Ok();
}

Status SqlCatalogueRepository::DeleteCategory(int64_t id) {
  // Its routing rules go with it (ON DELETE CASCADE).
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM case_categories WHERE id = ?", {id}));
  if (n == 0) return NotFound("category " + std::to_string(id) + " not found");
  return Status::Ok();
}

Result<int64_t> SqlCatalogueRepository::CountChildCategories(int64_t id) {
  ASSIGN_OR_RETURN(auto n, c_.QueryInt("SELECT COUNT(*) FROM case_categories WHERE parent_id = ?", {id}));
  return n.value_or(0);
}

Result<std::vector<RoutingRule>> SqlCatalogueRepository::Routes(const std::vector<int64_t>& category_ids) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (!category_ids.empty()) {
    AppendIn("category_id", std::vector<Value>(category_ids.begin(), category_ids.end()), where, params);
  }
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT id, category_id, region_code, unit_id FROM case_routes" + where +
                                           " ORDER BY id",
                                       params));
  std::vector<RoutingRule> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    RoutingRule r;
    r.id = row.Int(0);
    r.category_id = row.Int(1);
    r.region_code = row.Text(2);
    r.unit_id = row.Int(3);
    out.push_back(std::move(r));
  }
  return out;
}

Result<int64_t> SqlCatalogueRepository::PutRoute(const RoutingRule& r) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO case_routes (category_id, region_code, unit_id) VALUES (?, ?, ?) "
                                       "ON CONFLICT (category_id, region_code) DO UPDATE SET unit_id = excluded.unit_id "
                                       "RETURNING id",
                                       {r.category_id, r.region_code, r.unit_id}));
  return rows.front().Int(0);
}

Status SqlCatalogueRepository::DeleteRoute(int64_t id) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("DELETE FROM case_routes WHERE id = ?", {id}));
  if (n == 0) return NotFound("routing rule " + std::to_string(id) + " not found");
  return Status::Ok();
}

Result<std::vector<CalendarFile>> SqlCatalogueRepository::CalendarFiles() {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT year, file_name, content, loaded_by, loaded_at FROM calendar_files ORDER BY year"));
  std::vector<CalendarFile> out;
  for (const auto& row : rows) {
    out.push_back({static_cast<int>(row.Int(0)), row.Text(1), row.Text(2), row.Int(3), row.Int(4)});
  }
  return out;
}

Status SqlCatalogueRepository::PutCalendarFile(const CalendarFile& f) {
  return c_.Exec("INSERT INTO calendar_files (year, file_name, content, loaded_by, loaded_at) VALUES (?, ?, ?, ?, ?) "
                 "ON CONFLICT (year) DO UPDATE SET file_name = excluded.file_name, content = excluded.content, "
                 "loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at",
                 {int64_t{f.year}, f.file_name, f.content, f.loaded_by, f.loaded_at})
      .status();
}

}  // namespace lz::storage::sqlrepo
