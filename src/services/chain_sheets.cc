// ChainSheetsService: enterprise template/import/export, gap and target lists.
#include "services/chain_sheets.h"

#include <cstdio>
#include <map>

#include "domain/auth/permissions.h"
#include "domain/calendar/work_calendar.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
namespace g = engines::graph;

std::string Wan(int64_t yuan) {  // 万元 with one decimal
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(yuan) / 1e4);
  return buf;
}

std::string Percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * share);
  return buf;
}

std::string_view StageZh(chain::Stage s) {
  switch (s) {
    case chain::Stage::kUpstream: return "上游";
    case chain::Stage::kMidstream: return "中游";
    case chain::Stage::kDownstream: return "下游";
  }
  return "";
}

std::string_view SizeZh(g::SizeClass s) {
  switch (s) {
    case g::SizeClass::kLarge: return "大型企业";
    case g::SizeClass::kMedium: return "中型企业";
    case g::SizeClass::kSmall: return "小型企业";
    case g::SizeClass::kMicro: return "微型企业";
  }
  return "";
}

// A target's reasons as one sentence in zh-CN.
std::string ReasonsZh(const std::vector<g::Reason>& reasons) {
  std::string out;
  for (const auto& r : reasons) {
    if (!out.empty()) out += "；";
    switch (r.code) {
      case g::ReasonCode::kLinksWithLocal:
        out += "已与本地企业有 " + std::to_string(r.count) + " 条供货往来（合计 " + Wan(r.volume) + " 万元/年）";
        break;
      case g::ReasonCode::kSize: out += std::string(SizeZh(r.size)); break;
      case g::ReasonCode::kSameCity: out += "同城"; break;
      case g::ReasonCode::kSameProvince: out += "同省"; break;
      case g::ReasonCode::kNeighbourProvince: out += "邻省"; break;
    }
  }
  return out;
}

std::string_view SizeValue(chain::SizeClass s) { return chain::SizeClassName(s); }

}  // namespace

const io::TableSpec& ChainSheetsService::EnterpriseSpec() {
  static const io::TableSpec spec = [] {
    io::TableSpec s;
    s.name_zh = "企业库";
    s.name_en = "Enterprises";
    auto code = SheetColumn("credit_code", "统一社会信用代码", "Unified social credit code", io::ColumnType::kText,
                       io::Presence::kRequired);
    code.max_chars = 64;
    code.uniqueness = io::Uniqueness::kUniqueInFile;
    code.note = "18 位，GB 32100 校验；请将本列设为文本格式";
    auto name = SheetColumn("name", "企业名称", "Name", io::ColumnType::kText, io::Presence::kRequired);
    name.max_chars = 100;
    auto region = SheetColumn("region_code", "注册地行政区划代码", "Region code", io::ColumnType::kText, io::Presence::kRequired);
    region.max_chars = 12;
    region.note = "GB/T 2260 代码，如 360802（吉州区）、4403（深圳市）";
    auto local = SheetColumn("local", "是否本地企业", "Local", io::ColumnType::kBoolean, io::Presence::kRequired);
    auto size = SheetColumn("size", "企业规模", "Size", io::ColumnType::kEnum, io::Presence::kRequired);
    size.options = {{"large", "大型", "large"}, {"medium", "中型", "medium"}, {"small", "小型", "small"}, {"micro", "微型", "micro"}};
    auto revenue = SheetColumn("revenue", "上年营业收入（元）", "Revenue (yuan)", io::ColumnType::kInteger);
    revenue.min = 0;
    auto employees = SheetColumn("employees", "从业人数", "Employees", io::ColumnType::kInteger);
    employees.min = 0;
    employees.max = 10000000;
    auto founded = SheetColumn("founded", "成立日期", "Founded", io::ColumnType::kDate);
    s.columns = {code, name, region, local, size, revenue, employees, founded};
    return s;
  }();
  return spec;
}

Result<SheetFile> ChainSheetsService::EnterpriseTemplate(const Actor& actor, io::Format format) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseRead, "enterprise.template", "enterprise"));
  ASSIGN_OR_RETURN(auto bytes, io::Template(EnterpriseSpec(), format));
  return SheetFileOf("企业库导入模板", format, std::move(bytes));
}

Result<SheetFile> ChainSheetsService::ExportEnterprises(const Actor& actor, const storage::EnterpriseQuery& query,
                                                        io::Format format) {
  std::vector<io::Record> rows;
  RETURN_IF_ERROR(enterprises_.ForEach(actor, query, [&](const chain::Enterprise& e) {
    io::Record r;
    r["credit_code"] = e.credit_code;
    r["name"] = e.name;
    r["region_code"] = e.region_code;
    r["local"] = e.local;
    r["size"] = std::string(SizeValue(e.size));
    r["revenue"] = e.revenue;
    r["employees"] = e.employees;
    if (auto founded = calendar::ParseDate(e.founded)) r["founded"] = *founded;
    rows.push_back(std::move(r));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto bytes, io::Export(EnterpriseSpec(), rows, format));
  return SheetFileOf("企业库", format, std::move(bytes));
}

Result<ImportReport> ChainSheetsService::ImportEnterprises(const Actor& actor, std::string_view bytes,
                                                           io::ImportMode mode, const ProgressFn& progress) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "enterprise.import", "enterprise"));
  TimeMs now = 0;
  ImportSteps steps;
  steps.prepare = [&](storage::Repositories&) {
    now = clock_.NowMs();
    return Status::Ok();
  };
  steps.write = [&](storage::Repositories& repos, const io::ParsedRow& row) -> Status {
    chain::Enterprise e;
    e.credit_code = std::string(row.Text("credit_code"));
    e.name = std::string(row.Text("name"));
    e.region_code = std::string(row.Text("region_code"));
    e.local = row.Boolean("local").value_or(false);
    e.size = chain::ParseSizeClass(row.Text("size")).value_or(chain::SizeClass::kSmall);
    e.revenue = row.Integer("revenue").value_or(0);
    e.employees = row.Integer("employees").value_or(0);
    if (auto d = row.DateValue("founded")) e.founded = calendar::FormatDate(*d);
    e.created_by = actor.user_id;
    e.created_at = e.updated_at = now;
    std::vector<chain::Enterprise> similar;
    RETURN_IF_ERROR(enterprises_.CheckNew(repos, e, similar));
    return repos.enterprises().Insert(e).status();
  };
  steps.record = [&](storage::Repositories& repos, const ImportReport& report) {
    return audit_.Record(repos, actor, "enterprise.import", "enterprise", "", ImportDetail(report));
  };
  return RunImport(store_, bytes, EnterpriseSpec(), mode, progress, steps);
}

Result<JobSnapshot> ChainSheetsService::StartEnterpriseImport(const Actor& actor, std::string bytes,
                                                              io::ImportMode mode) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "enterprise.import", "enterprise"));
  return jobs_.Start<ImportReport>(
      actor, std::string(kEnterpriseImportJob),
      [this, actor, bytes = std::move(bytes), mode](const ProgressFn& progress) -> Result<ImportReport> {
        return ImportEnterprises(actor, bytes, mode, progress);
      });
}

Result<SheetFile> ChainSheetsService::ExportGaps(const Actor& actor, int64_t chain_id, io::Format format) {
  ASSIGN_OR_RETURN(auto a, analysis_.Analyse(actor, chain_id));
  io::TableSpec spec;
  spec.name_zh = "断点漏点清单";
  spec.name_en = "Gaps";
  spec.columns = {SheetColumn("kind", "类型", "Kind", io::ColumnType::kText), SheetColumn("stage", "环节位置", "Stage", io::ColumnType::kText),
                  SheetColumn("segment", "环节", "Segment", io::ColumnType::kText),
                  SheetColumn("local_members", "本地企业数", "Local members", io::ColumnType::kInteger),
                  SheetColumn("total", "本地采购额（元/年）", "Local buyers' supply (yuan/year)", io::ColumnType::kInteger),
                  SheetColumn("outside", "其中外地供给（元/年）", "From outside (yuan/year)", io::ColumnType::kInteger),
                  SheetColumn("share", "外地占比", "Outside share", io::ColumnType::kText)};
  std::map<int64_t, const SegmentHealth*> by_id;
  for (const auto& s : a.segments) by_id[s.segment.id] = &s;
  std::vector<io::Record> rows;
  for (const auto& b : a.breakpoints) {
    const auto* h = by_id.count(b.id) ? by_id[b.id] : nullptr;
    rows.push_back({{"kind", std::string("断点")},
                    {"stage", std::string(StageZh(b.stage))},
                    {"segment", b.name},
                    {"local_members", h ? h->strength.local_member_count : int64_t{0}},
                    {"total", h ? h->strength.supply.total_volume : int64_t{0}},
                    {"outside", h ? h->strength.supply.outside_volume : int64_t{0}},
                    {"share", h ? Percent(h->strength.supply.outside_share) : std::string()}});
  }
  for (const auto& l : a.leaks) {
    const auto* h = by_id.count(l.segment.id) ? by_id[l.segment.id] : nullptr;
    rows.push_back({{"kind", std::string("漏点")},
                    {"stage", std::string(StageZh(l.segment.stage))},
                    {"segment", l.segment.name},
                    {"local_members", h ? h->strength.local_member_count : int64_t{0}},
                    {"total", l.supply.total_volume},
                    {"outside", l.supply.outside_volume},
                    {"share", Percent(l.supply.outside_share)}});
  }
  ASSIGN_OR_RETURN(auto bytes, io::Export(spec, rows, format));
  return SheetFileOf(a.chain.name + "-断点漏点清单", format, std::move(bytes));
}

Result<SheetFile> ChainSheetsService::ExportTargets(const Actor& actor, int64_t chain_id, int64_t segment_id,
                                                    io::Format format) {
  ASSIGN_OR_RETURN(auto segment, analysis_.Segment(actor, chain_id, segment_id));
  ASSIGN_OR_RETURN(auto targets, analysis_.Targets(actor, chain_id, segment_id, 200));
  io::TableSpec spec;
  spec.name_zh = "招引目标清单";
  spec.name_en = "Targets";
  spec.columns = {SheetColumn("rank", "序号", "Rank", io::ColumnType::kInteger),
                  SheetColumn("name", "企业名称", "Enterprise", io::ColumnType::kText),
                  SheetColumn("credit_code", "统一社会信用代码", "Credit code", io::ColumnType::kText),
                  SheetColumn("region", "所在地", "Region", io::ColumnType::kText),
                  SheetColumn("score", "推荐分", "Score", io::ColumnType::kText),
                  SheetColumn("reasons", "推荐理由", "Reasons", io::ColumnType::kText)};
  std::vector<io::Record> rows;
  int64_t rank = 0;
  for (const auto& t : targets) {
    char score[16];
    std::snprintf(score, sizeof score, "%.1f", t.score);
    rows.push_back({{"rank", ++rank},
                    {"name", t.enterprise.name},
                    {"credit_code", t.enterprise.credit_code},
                    {"region", t.enterprise.region_name},
                    {"score", std::string(score)},
                    {"reasons", ReasonsZh(t.reasons)}});
  }
  ASSIGN_OR_RETURN(auto bytes, io::Export(spec, rows, format));
  return SheetFileOf(segment.segment.name + "-招引目标清单", format, std::move(bytes));
}

}  // namespace lz::services
