// Routes: /api/cockpit — the leaders' cockpit (驾驶舱) of the actor's chains or of the city —,
// /api/cockpit/report — its monthly report as xlsx or printable HTML — and
// PUT /api/chains/{id}/signing-targets/{year}, the signing target the cockpit measures against.
// Thin: parse, call CockpitService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/sheet_views.h"
#include "http/routes/views.h"
#include "services/cockpit_report.h"
#include "services/cockpit_service.h"
#include "services/platform.h"

namespace lz::http {
namespace {

using nlohmann::json;
namespace kpi = engines::kpi;

json Rate(const kpi::Figures& f, kpi::Rate rate) {
  const kpi::RateValue v = kpi::RateOf(f, rate);
  return v.value ? json(*v.value) : json(nullptr);
}

json FiguresView(const services::CockpitFigures& f) {
  const services::ChainHealthFigures& h = f.health;
  json stages = json::array();
  for (const auto& s : f.projects.by_stage) {
    stages.push_back({{"stage", std::string(investment::StageName(s.stage))},
                      {"count", s.count},
                      {"agreed_amount", s.agreed_amount},
                      {"paid_in_amount", s.paid_in_amount}});
  }
  json months = json::array();
  for (const auto& m : f.projects.signed_by_month) {
    months.push_back({{"month", m.month}, {"count", m.count}, {"amount", m.amount}});
  }
  const kpi::Figures& c = f.cases;
  return {{"health",
           {{"segment_count", h.segment_count},
            {"covered_count", h.covered_count},
            {"completeness", h.Completeness()},
            {"breakpoint_count", h.breakpoint_count},
            {"leak_count", h.leak_count},
            {"local_enterprise_count", h.local_enterprise_count},
            {"local_revenue", h.local_revenue},
            {"target_revenue", h.target_revenue},
            {"target_year", h.target_year}}},
          {"projects",
           {{"by_stage", std::move(stages)},
            {"signed_count", f.projects.signed_count},
            {"signed_amount", f.projects.signed_amount},
            {"signing_target", f.projects.signing_target},
            {"signed_by_month", std::move(months)}}},
          {"events",
           {{"count", f.events.count},
            {"invited", f.events.invited},
            {"projects_signed", f.events.projects_signed},
            {"amount_signed", f.events.amount_signed}}},
          {"cases",
           {{"received", c[kpi::Counter::kReceived]},
            {"open", c[kpi::Counter::kOpen]},
            {"overdue", c.overdue},
            {"closed", c[kpi::Counter::kClosed]},
            {"closed_on_time", c[kpi::Counter::kClosedOnTime]},
            {"rated", c[kpi::Counter::kRated]},
            {"satisfied", c[kpi::Counter::kSatisfied]},
            {"satisfaction_rate", Rate(c, kpi::Rate::kSatisfaction)},
            {"completion_on_time_rate", Rate(c, kpi::Rate::kCompletionOnTime)}}},
          {"tasks", {{"open", f.tasks.open}, {"overdue", f.tasks.overdue}}}};
}

json CockpitView(const services::Cockpit& cockpit) {
  json chains = json::array();
  for (const auto& row : cockpit.chains) {
    json entry = FiguresView(row.figures);
    entry["chain"] = {{"id", row.chain_id},
                      {"name", row.name},
                      {"lead_unit_name", row.lead_unit_name},
                      {"example", row.example}};
    chains.push_back(std::move(entry));
  }
  return {{"year", cockpit.year},
          {"first_month", cockpit.first_month},
          {"last_month", cockpit.last_month},
          {"as_of", views::Time(cockpit.as_of)},
          {"scope", std::string(services::CockpitScopeName(cockpit.scope))},
          {"chains", std::move(chains)},
          {"total", FiguresView(cockpit.total)}};
}

}  // namespace

void RegisterCockpitRoutes(Router& router, services::Platform& platform) {
  services::CockpitService& cockpit = platform.cockpit();

  router.Add({Method::kGet, "/api/cockpit", "getCockpit", Access::kAuthenticated, [&cockpit](RouteContext& ctx) {
                services::CockpitQuery q;
                q.year = static_cast<int>(views::QueryInt(ctx.request, "year", 0));
                q.chain_id = views::QueryOptInt(ctx.request, "chain_id");
                q.first_month = static_cast<int>(views::QueryInt(ctx.request, "from_month", 1));
                q.last_month = static_cast<int>(views::QueryInt(ctx.request, "to_month", 12));
                return views::Answer(cockpit.View(ctx.actor, q), CockpitView);
              }});
  router.Add({Method::kGet, "/api/cockpit/report", "getCockpitReport", Access::kAuthenticated,
              [&cockpit](RouteContext& ctx) {
                auto report = cockpit.MonthlyReport(ctx.actor, static_cast<int>(views::QueryInt(ctx.request, "year", 0)),
                                                    static_cast<int>(views::QueryInt(ctx.request, "month", 0)),
                                                    views::QueryOptInt(ctx.request, "chain_id"));
                if (!report.ok()) return Response::Error(report.status());
                if (views::QueryText(ctx.request, "format") == "html") {
                  Response r;
                  r.content_type = "text/html; charset=utf-8";
                  r.body = services::CockpitReportHtml(*report);
                  return r;
                }
                return views::SheetDownload(services::CockpitReportSheet(*report), "chain-report");
              }});
  router.Add({Method::kPut, "/api/chains/{id}/signing-targets/{year}", "setChainSigningTarget",
              Access::kAuthenticated, [&cockpit](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                auto year = views::PathId(ctx.request, "year");
                if (!year.ok()) return Response::Error(year.status());
                services::SigningTargetInput in;
                in.chain_id = *id;
                in.year = static_cast<int>(std::min<int64_t>(*year, 100000));
                in.amount = ctx.body.at("amount").get<int64_t>();
                return views::Answer(cockpit.SetSigningTarget(ctx.actor, in));
              }});
}

}  // namespace lz::http
