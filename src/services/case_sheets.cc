// CaseSheetsService: the case categories' template, export and import.
#include "services/case_sheets.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/casework/catalogue.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;

// A day-count column: whole working days, `min` to 365 as the domain allows.
io::ColumnSpec DaysColumn(std::string key, std::string zh, std::string en, int64_t min, std::string note = {}) {
  auto c = SheetColumn(std::move(key), std::move(zh), std::move(en), io::ColumnType::kInteger, io::Presence::kRequired);
  c.min = min;
  c.max = 365;
  c.note = std::move(note);
  return c;
}

// The code as the domain keeps it (trimmed, half-width, upper case), for ordering the rows.
std::string NormalCode(std::string_view code) {
  std::string c = text::ToHalfWidth(text::Trim(code));
  std::transform(c.begin(), c.end(), c.begin(),
                 [](char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch; });
  return c;
}

int Days(const io::ParsedRow& row, std::string_view key) { return static_cast<int>(row.Integer(key).value_or(0)); }

// The domain names the ladder's fields "ladder.<rung>"; the sheet's keys are the rungs.
Status AsSheetField(const Status& st) {
  constexpr std::string_view kLadder = "ladder.";
  if (!st.field().starts_with(kLadder)) return st;
  return Status(st.code(), st.message(), st.field().substr(kLadder.size()));
}

}  // namespace

const io::TableSpec& CaseSheetsService::CategorySpec() {
  static const io::TableSpec spec = [] {
    io::TableSpec s;
    s.name_zh = "诉求分类";
    s.name_en = "Case categories";
    auto code = SheetColumn("code", "分类编码", "Code", io::ColumnType::kText, io::Presence::kRequired);
    code.max_chars = 12;
    code.uniqueness = io::Uniqueness::kUniqueInFile;
    code.note = "每级两位（数字或大写字母），下级编码以上级编码开头，如 02、0203；上级分类须已存在或在本文件中。"
                "已有的编码更新该分类，新编码新增分类；请将本列设为文本格式";
    auto name = SheetColumn("name", "分类名称", "Name", io::ColumnType::kText, io::Presence::kRequired);
    name.max_chars = 100;
    auto active = SheetColumn("active", "是否启用", "Active", io::ColumnType::kBoolean);
    active.note = "留空：新分类启用，已有分类不变";
    auto order = SheetColumn("sort_order", "排序", "Order", io::ColumnType::kInteger);
    order.min = 0;
    order.max = 1000000;
    order.note = "留空：新分类为 0，已有分类不变";
    s.columns = {
        code,
        name,
        DaysColumn("sign_days", "签收时限（工作日）", "Sign-for limit (working days)", 1, "派单后几个工作日内签收"),
        DaysColumn("handle_days", "办理时限（工作日）", "Completion limit (working days)", 1,
                   "派单后几个工作日内答复；不少于签收时限"),
        DaysColumn("max_extension_days", "最多延期（工作日）", "Max. extension (working days)", 0,
                   "可批准的延期合计"),
        DaysColumn("warn_before_days", "到期前预警（工作日）", "Warn before due (working days)", 0,
                   "0 表示不预警；须少于办理时限"),
        DaysColumn("supervise_after_days", "超期后督办（工作日）", "Supervise after due (working days)", 0,
                   "0 表示不启用；督办、通报、提级依次递增"),
        DaysColumn("circulate_after_days", "超期后通报（工作日）", "Circulate after due (working days)", 0,
                   "0 表示不启用"),
        DaysColumn("escalate_after_days", "超期后提级（工作日）", "Escalate after due (working days)", 0,
                   "0 表示不启用"),
        active,
        order,
    };
    return s;
  }();
  return spec;
}

Result<SheetFile> CaseSheetsService::CategoryTemplate(const Actor& actor, io::Format format) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "case.category.template", "case_category"));
  ASSIGN_OR_RETURN(auto bytes, io::Template(CategorySpec(), format));
  return SheetFileOf("诉求分类导入模板", format, std::move(bytes));
}

Result<SheetFile> CaseSheetsService::ExportCategories(const Actor& actor, io::Format format) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "case.category.export", "case_category"));
  std::vector<casework::Category> all;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(all, repos.catalogue().Categories());
    return Status::Ok();
  }));
  std::vector<io::Record> rows;
  rows.reserve(all.size());
  for (const auto& c : all) {
    rows.push_back({{"code", c.code},
                    {"name", c.name},
                    {"sign_days", int64_t{c.sign_days}},
                    {"handle_days", int64_t{c.handle_days}},
                    {"max_extension_days", int64_t{c.max_extension_days}},
                    {"warn_before_days", int64_t{c.ladder.warn_before_days}},
                    {"supervise_after_days", int64_t{c.ladder.supervise_after_days}},
                    {"circulate_after_days", int64_t{c.ladder.circulate_after_days}},
                    {"escalate_after_days", int64_t{c.ladder.escalate_after_days}},
                    {"active", c.active},
                    {"sort_order", int64_t{c.sort_order}}});
  }
  ASSIGN_OR_RETURN(auto bytes, io::Export(CategorySpec(), rows, format));
  return SheetFileOf("诉求分类", format, std::move(bytes));
}

Result<ImportReport> CaseSheetsService::ImportCategories(const Actor& actor, std::string_view bytes,
                                                         io::ImportMode mode, const ProgressFn& progress) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCatalogue, "case.category.import", "case_category"));
  std::map<std::string, casework::Category> by_code;  // the catalogue as this import leaves it
  std::set<std::string> in_file;                      // codes written from this file
  int64_t created = 0, updated = 0;
  ImportSteps steps;
  steps.order = [](std::vector<io::ParsedRow>& rows) {
    std::stable_sort(rows.begin(), rows.end(), [](const io::ParsedRow& a, const io::ParsedRow& b) {
      return NormalCode(a.Text("code")).size() < NormalCode(b.Text("code")).size();
    });
  };
  steps.prepare = [&](storage::Repositories& repos) -> Status {
    by_code.clear();
    in_file.clear();
    created = updated = 0;
    ASSIGN_OR_RETURN(auto all, repos.catalogue().Categories());
    for (auto& c : all) by_code.emplace(c.code, std::move(c));
    return Status::Ok();
  };
  steps.write = [&](storage::Repositories& repos, const io::ParsedRow& row) -> Status {
    casework::Category c;
    c.code = std::string(row.Text("code"));
    c.name = std::string(row.Text("name"));
    c.sign_days = Days(row, "sign_days");
    c.handle_days = Days(row, "handle_days");
    c.max_extension_days = Days(row, "max_extension_days");
    c.ladder = {Days(row, "warn_before_days"), Days(row, "supervise_after_days"), Days(row, "circulate_after_days"),
                Days(row, "escalate_after_days")};
    c.sort_order = static_cast<int>(row.Integer("sort_order").value_or(0));
    c.active = row.Boolean("active").value_or(true);
    if (Status valid = casework::ValidateCategory(c); !valid.ok()) return AsSheetField(valid);
    if (!in_file.insert(c.code).second) {
      return AlreadyExists("分类编码 " + c.code + " 在本文件中重复（大小写或全角半角不同也算同一编码）", "code");
    }
    if (auto it = by_code.find(c.code); it != by_code.end()) {
      const casework::Category& stored = it->second;
      c.id = stored.id;
      c.parent_id = stored.parent_id;
      if (!row.Boolean("active")) c.active = stored.active;
      if (!row.Integer("sort_order")) c.sort_order = stored.sort_order;
      RETURN_IF_ERROR(repos.catalogue().UpdateCategory(c));
      it->second = c;
      ++updated;
      return Status::Ok();
    }
    if (std::string parent = casework::ParentCode(c.code); !parent.empty()) {
      auto p = by_code.find(parent);
      if (p == by_code.end()) {
        return InvalidArgument("上级分类 " + parent + " 不存在：须已在分类目录中，或在本文件中且该行无误", "code");
      }
      c.parent_id = p->second.id;
    }
    ASSIGN_OR_RETURN(c.id, repos.catalogue().InsertCategory(c));
    by_code.emplace(c.code, c);
    ++created;
    return Status::Ok();
  };
  steps.record = [&](storage::Repositories& repos, const ImportReport& report) {
    return audit_.Record(repos, actor, "case.category.import", "case_category", "",
                         ImportDetail(report) + " (" + std::to_string(created) + " created, " + std::to_string(updated) +
                             " updated)");
  };
  return RunImport(store_, bytes, CategorySpec(), mode, progress, steps);
}

Result<JobSnapshot> CaseSheetsService::StartCategoryImport(const Actor& actor, std::string bytes, io::ImportMode mode) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCatalogue, "case.category.import", "case_category"));
  return jobs_.Start<ImportReport>(
      actor, std::string(kCategoryImportJob),
      [this, actor, bytes = std::move(bytes), mode](const ProgressFn& progress) -> Result<ImportReport> {
        return ImportCategories(actor, bytes, mode, progress);
      });
}

}  // namespace lz::services
