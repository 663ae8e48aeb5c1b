// KpiService: authorisation, the engine query, group names and the xlsx export.
#include "services/kpi_service.h"

#include <algorithm>
#include <map>

#include "common/china_time.h"
#include "domain/auth/permissions.h"
#include "domain/calendar/work_calendar.h"
#include "io/table.h"
#include "services/unit_scope.h"

namespace lz::services {
namespace {

namespace kpi = engines::kpi;
namespace perm = auth::perm;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Result<int64_t> DayOf(const std::string& text, const char* field) {
  auto date = calendar::ParseDate(text);
  if (!date) return InvalidArgument(std::string("the date must be YYYY-MM-DD: ") + text, field);
  return DayNumber(*date);
}

// Column labels of the export (zh-CN, English), in kpi::Counter order, then the rates.
struct Label {
  const char* zh;
  const char* en;
};
constexpr Label kCounterLabels[kpi::kCounterCount] = {
    {"受理量", "Received"},       {"签收量", "Signed for"},           {"按时签收量", "Signed for on time"},
    {"办结量", "Closed"},         {"按时办结量", "Closed on time"},   {"解决量", "Resolved"},
    {"巡查发现量", "Patrol findings"}, {"现场处置量", "Resolved on the spot"}, {"评价量", "Rated"},
    {"满意量", "Satisfied"},      {"重办量", "Reopened"},             {"在办量", "Open"},
    {"退单量", "Returned"},       {"不予受理量", "Rejected"},         {"合并量", "Merged"}};
constexpr Label kRateLabels[kpi::kRateCount] = {
    {"按时签收率(%)", "On-time sign-for rate (%)"}, {"按时办结率(%)", "On-time completion rate (%)"},
    {"解决率(%)", "Resolution rate (%)"},           {"现场处置率(%)", "On-the-spot rate (%)"},
    {"满意率(%)", "Satisfaction rate (%)"},         {"重办率(%)", "Reopen rate (%)"}};

std::string_view GroupTitleZh(kpi::GroupBy by, kpi::Bucket bucket) {
  switch (by) {
    case kpi::GroupBy::kUnit: return "承办单位";
    case kpi::GroupBy::kChannel: return "受理渠道";
    case kpi::GroupBy::kCategory: return "诉求类别";
    case kpi::GroupBy::kRegion: return "行政区划";
    case kpi::GroupBy::kChain: return "产业链";
    case kpi::GroupBy::kNone: break;
  }
  return bucket == kpi::Bucket::kNone ? "范围" : "时段";
}

io::Record FiguresRecord(std::string name, std::string code, const kpi::Figures& f) {
  io::Record r;
  r["name"] = std::move(name);
  r["code"] = std::move(code);
  for (int i = 0; i < kpi::kCounterCount; ++i) {
    r[std::string(kpi::CounterName(static_cast<kpi::Counter>(i)))] = f.counts[static_cast<size_t>(i)];
  }
  r["overdue"] = f.overdue;
  for (int i = 0; i < kpi::kRateCount; ++i) {
    auto pct = kpi::PercentHundredths(kpi::RateOf(f, static_cast<kpi::Rate>(i)));
    if (pct) r[std::string(kpi::RateName(static_cast<kpi::Rate>(i)))] = *pct;
  }
  return r;
}

}  // namespace

Result<std::optional<std::vector<int64_t>>> KpiService::ScopeUnits(const Actor& actor) {
  return UnitsInScope(store_, audit_, actor, "kpi.read", "kpi", "KPIs are figures of units; your data scope covers none");
}

Result<KpiReport> KpiService::Report(const Actor& actor, const KpiRequest& request) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseKpi, "kpi.read", "kpi"));
  kpi::Query q;
  ASSIGN_OR_RETURN(q.from_day, DayOf(request.from, "from"));
  ASSIGN_OR_RETURN(q.to_day, DayOf(request.to, "to"));
  q.by = request.by;
  q.category_level = request.category_level;
  q.region_level = request.region_level;
  q.bucket = request.bucket;
  q.now = clock_.NowMs();
  q.filter.channel = request.channel;
  q.filter.category_prefix = request.category_code;
  q.filter.region_prefix = request.region_code;
  q.filter.chain_id = request.chain_id;
  ASSIGN_OR_RETURN(auto scope_units, ScopeUnits(actor));
  if (request.unit_id) {
    if (scope_units && !std::binary_search(scope_units->begin(), scope_units->end(), *request.unit_id)) {
      return audit_.Deny(actor, "kpi.read", "unit", std::to_string(*request.unit_id),
                         PermissionDenied("the unit is outside your data scope"));
    }
    q.filter.unit_ids = std::vector<int64_t>{*request.unit_id};
  } else {
    q.filter.unit_ids = scope_units;
  }

  kpi::Report figures;
  RETURN_IF_ERROR(kpi_.Read([&](const kpi::KpiEngine& engine) -> Status {
    ASSIGN_OR_RETURN(figures, engine.Run(q));
    return Status::Ok();
  }));

  KpiReport out;
  out.from = request.from;
  out.to = request.to;
  out.by = request.by;
  out.category_level = request.category_level;
  out.region_level = request.region_level;
  out.bucket = request.bucket;
  out.as_of = q.now;
  out.restricted = scope_units.has_value();
  out.total = figures.total;
  out.series = std::move(figures.series);
  out.rows.reserve(figures.rows.size());
  for (auto& row : figures.rows) out.rows.push_back(KpiRow{std::move(row.key), "", row.figures});
  if (out.rows.empty()) return out;

  // Names of the groups.
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    switch (request.by) {
      case kpi::GroupBy::kNone:
        break;
      case kpi::GroupBy::kUnit: {
        std::map<int64_t, std::string> names;
        storage::UnitQuery all;
        all.scope = auth::ScopeFilter::All();
        RETURN_IF_ERROR(repos.units().ForEach(all, [&](const org::Unit& u) {
          names[u.id] = u.name;
          return Status::Ok();
        }));
        for (auto& row : out.rows) {
          row.name = row.key.id == 0 ? std::string(kNoUnitName)
                     : names.count(row.key.id) ? names[row.key.id]
                                               : "#" + std::to_string(row.key.id);
        }
        break;
      }
      case kpi::GroupBy::kChannel: {
        ASSIGN_OR_RETURN(auto channels, repos.catalogue().Channels());
        std::map<std::string, std::string> names;
        for (const auto& ch : channels) names[ch.code] = ch.name;
        for (auto& row : out.rows) row.name = names.count(row.key.code) ? names[row.key.code] : row.key.code;
        break;
      }
      case kpi::GroupBy::kCategory: {
        ASSIGN_OR_RETURN(auto categories, repos.catalogue().Categories());
        std::map<std::string, std::string> names;
        for (const auto& c : categories) names[c.code] = c.name;
        for (auto& row : out.rows) row.name = names.count(row.key.code) ? names[row.key.code] : row.key.code;
        break;
      }
      case kpi::GroupBy::kRegion:
        for (auto& row : out.rows) {
          ASSIGN_OR_RETURN(auto region, repos.regions().Get(row.key.code));
          row.name = region ? region->name : row.key.code;
        }
        break;
      case kpi::GroupBy::kChain: {
        ASSIGN_OR_RETURN(auto chains, repos.chains().All());
        std::map<int64_t, std::string> names;
        for (const auto& c : chains) names[c.id] = c.name;
        for (auto& row : out.rows) {
          row.name = row.key.id == 0 ? std::string(kNoChainName)
                     : names.count(row.key.id) ? names[row.key.id]
                                               : "#" + std::to_string(row.key.id);
        }
        break;
      }
    }
    return Status::Ok();
  }));
  return out;
}

Result<SheetFile> KpiService::Export(const Actor& actor, const KpiRequest& request) {
  ASSIGN_OR_RETURN(KpiReport report, Report(actor, request));
  io::TableSpec spec;
  spec.name_zh = "工单考核指标";
  spec.name_en = "Casework KPIs";
  const bool grouped = report.by != kpi::GroupBy::kNone;
  spec.columns.push_back(SheetColumn("name", std::string(GroupTitleZh(report.by, report.bucket)),
                                grouped ? std::string(kpi::GroupByName(report.by)) : "Period", io::ColumnType::kText));
  spec.columns.push_back(SheetColumn("code", "编码", "Code", io::ColumnType::kText));
  for (int i = 0; i < kpi::kCounterCount; ++i) {
    spec.columns.push_back(SheetColumn(std::string(kpi::CounterName(static_cast<kpi::Counter>(i))), kCounterLabels[i].zh,
                                  kCounterLabels[i].en, io::ColumnType::kInteger));
  }
  spec.columns.push_back(SheetColumn("overdue", "超期量", "Overdue", io::ColumnType::kInteger));
  for (int i = 0; i < kpi::kRateCount; ++i) {
    spec.columns.push_back(SheetColumn(std::string(kpi::RateName(static_cast<kpi::Rate>(i))), kRateLabels[i].zh,
                                  kRateLabels[i].en, io::ColumnType::kDecimal));
  }
  std::vector<io::Record> rows;
  if (grouped) {
    for (const auto& row : report.rows) {
      rows.push_back(FiguresRecord(row.name, row.key.code.empty() ? std::to_string(row.key.id) : row.key.code, row.figures));
    }
  } else {
    for (const auto& point : report.series) rows.push_back(FiguresRecord(point.label, "", point.figures));
  }
  rows.push_back(FiguresRecord("合计", report.from + "~" + report.to, report.total));
  ASSIGN_OR_RETURN(auto bytes, io::Export(spec, rows, io::Format::kXlsx));
  return SheetFile{"工单考核指标_" + report.from + "_" + report.to + ".xlsx", kXlsxType, std::move(bytes)};
}

}  // namespace lz::services
