// Routes: /api/chains/{id}/problems and /api/chains/{id}/pain-points — the chain leader's view of
// the chain's enterprises' unresolved cases and the segments where they concentrate (痛点).
// Thin: parse, call ChainAnalysisService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/views.h"
#include "services/chain_analysis.h"
#include "services/platform.h"

namespace lz::http {
namespace {

using nlohmann::json;
namespace cw = casework;

json ProblemView(const services::ChainProblem& p) {
  const cw::Case& c = p.c;
  return {{"case_id", c.id},
          {"number", c.number},
          {"title", c.facts.title},
          {"channel", c.facts.channel},
          {"category_code", c.facts.category_code},
          {"category_name", p.category_name},
          {"state", std::string(cw::CaseStateName(c.state))},
          {"enterprise_id", c.facts.enterprise_id ? json(*c.facts.enterprise_id) : json(nullptr)},
          {"enterprise_name", p.enterprise_name},
          {"segments", views::Array(p.segments, views::NamedSegment)},
          {"lead_unit_id", c.lead_unit_id ? json(*c.lead_unit_id) : json(nullptr)},
          {"lead_unit_name", p.unit_name.empty() ? json(nullptr) : json(p.unit_name)},
          {"created_at", views::Time(c.created_at)},
          {"due_at", views::OptTime(c.due_at)},
          {"overdue", p.overdue},
          {"escalation", std::string(cw::EscalationName(c.escalation))}};
}

json SegmentLoadView(const chain::SegmentLoad& s) {
  return {{"unresolved", s.unresolved}, {"overdue", s.overdue},         {"enterprises", s.enterprises},
          {"weight", s.weight},         {"share_percent", s.share_percent}, {"pain_point", s.pain_point}};
}

json PainPointsView(const services::ChainPainPointsView& v) {
  json segments = json::array();
  int64_t pain_points = 0;
  for (const auto& s : v.segments) {
    json j = views::NamedSegment(s.segment);
    j["load"] = SegmentLoadView(s.load);
    segments.push_back(std::move(j));
    if (s.load.pain_point) ++pain_points;
  }
  return {{"scope", std::string(services::ProblemScopeName(v.scope))},
          {"rule", {{"min_weight", v.rule.min_weight}, {"min_share_percent", v.rule.min_share_percent}}},
          {"unresolved", v.figures.unresolved},
          {"overdue", v.figures.overdue},
          {"weight", v.figures.weight},
          {"unplaced_unresolved", v.figures.unplaced_unresolved},
          {"unplaced_overdue", v.figures.unplaced_overdue},
          {"pain_point_count", pain_points},
          {"segments", std::move(segments)}};
}

}  // namespace

void RegisterChainProblemRoutes(Router& router, services::Platform& platform) {
  services::ChainAnalysisService& analysis = platform.analysis();

  router.Add({Method::kGet, "/api/chains/{id}/problems", "listChainProblems", Access::kAuthenticated,
              [&analysis](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                services::ChainProblemQuery q;
                q.overdue_only = views::QueryText(ctx.request, "overdue") == "true";
                q.segment_id = views::QueryOptInt(ctx.request, "segment_id");
                q.enterprise_id = views::QueryOptInt(ctx.request, "enterprise_id");
                q.unit_id = views::QueryOptInt(ctx.request, "unit_id");
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(analysis.Problems(ctx.actor, *id, q), [&](const services::ChainProblems& p) {
                  json j = views::Page(p.page, page, ProblemView);
                  j["scope"] = std::string(services::ProblemScopeName(p.scope));
                  return j;
                });
              }});
  router.Add({Method::kGet, "/api/chains/{id}/pain-points", "getChainPainPoints", Access::kAuthenticated,
              [&analysis](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(analysis.PainPoints(ctx.actor, *id), PainPointsView);
              }});
}

}  // namespace lz::http
