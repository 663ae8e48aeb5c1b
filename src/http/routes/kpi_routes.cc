// Routes: GET /api/kpi (the casework KPIs, grouped, with an optional time series) and
// GET /api/kpi/export (the same figures as xlsx). Query parameters are validated against
// openapi.json before they get here; dates and combinations are checked by KpiService.
#include "common/china_time.h"
#include "domain/calendar/work_calendar.h"
#include "http/routes/kpi_views.h"
#include "http/routes/sheet_views.h"
#include "http/routes/views.h"

namespace lz::http {
namespace views {

namespace kpi = engines::kpi;
using nlohmann::json;

namespace {

json Figures(const kpi::Figures& f) {
  json j = json::object();
  for (int i = 0; i < kpi::kCounterCount; ++i) {
    j[std::string(kpi::CounterName(static_cast<kpi::Counter>(i)))] = f.counts[static_cast<size_t>(i)];
  }
  j["overdue"] = f.overdue;
  for (int i = 0; i < kpi::kRateCount; ++i) {
    auto rate = kpi::RateOf(f, static_cast<kpi::Rate>(i));
    j[std::string(kpi::RateName(static_cast<kpi::Rate>(i)))] = rate.value ? json(*rate.value) : json(nullptr);
  }
  return j;
}

}  // namespace

json KpiReport(const services::KpiReport& r) {
  const bool by_id = r.by == kpi::GroupBy::kUnit || r.by == kpi::GroupBy::kChain;
  json rows = json::array();
  for (const auto& row : r.rows) {
    json j = Figures(row.figures);
    j["id"] = by_id ? json(row.key.id) : json(nullptr);
    j["code"] = by_id ? json(nullptr) : json(row.key.code);
    j["name"] = row.name;
    rows.push_back(std::move(j));
  }
  json series = json::array();
  for (const auto& p : r.series) {
    json j = Figures(p.figures);
    j["label"] = p.label;
    j["from"] = calendar::FormatDate(DateOfDayNumber(p.from_day));
    j["to"] = calendar::FormatDate(DateOfDayNumber(p.to_day));
    series.push_back(std::move(j));
  }
  return {{"from", r.from},
          {"to", r.to},
          {"by", std::string(kpi::GroupByName(r.by))},
          {"category_level", r.category_level},
          {"region_level", std::string(org::RegionLevelName(r.region_level))},
          {"bucket", r.bucket == kpi::Bucket::kNone ? json(nullptr) : json(std::string(kpi::BucketName(r.bucket)))},
          {"as_of", Time(r.as_of)},
          {"restricted", r.restricted},
          {"total", Figures(r.total)},
          {"rows", std::move(rows)},
          {"series", std::move(series)}};
}

}  // namespace views

namespace {

namespace kpi = engines::kpi;

services::KpiRequest KpiRequestOf(const Request& r) {
  services::KpiRequest q;
  q.from = views::QueryText(r, "from");
  q.to = views::QueryText(r, "to");
  q.by = kpi::ParseGroupBy(views::QueryText(r, "by")).value_or(kpi::GroupBy::kNone);
  q.unit_id = views::QueryOptInt(r, "unit_id");
  q.channel = views::QueryText(r, "channel");
  q.category_code = views::QueryText(r, "category_code");
  q.region_code = views::QueryText(r, "region_code");
  q.chain_id = views::QueryOptInt(r, "chain_id");
  q.category_level = static_cast<int>(views::QueryInt(r, "category_level", 1));
  q.region_level = org::ParseRegionLevel(views::QueryText(r, "region_level")).value_or(org::RegionLevel::kCounty);
  q.bucket = kpi::ParseBucket(views::QueryText(r, "bucket")).value_or(kpi::Bucket::kNone);
  return q;
}

}  // namespace

void RegisterKpiRoutes(Router& router, services::Platform& platform) {
  auto& kpis = platform.kpi();
  router.Add({Method::kGet, "/api/kpi", "getKpi", Access::kAuthenticated, [&kpis](RouteContext& ctx) {
                return views::Answer(kpis.Report(ctx.actor, KpiRequestOf(ctx.request)), views::KpiReport);
              }});
  router.Add({Method::kGet, "/api/kpi/export", "exportKpi", Access::kAuthenticated, [&kpis](RouteContext& ctx) {
                return views::SheetDownload(kpis.Export(ctx.actor, KpiRequestOf(ctx.request)), "kpi");
              }});
}

}  // namespace lz::http
