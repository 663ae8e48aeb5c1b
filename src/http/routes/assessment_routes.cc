// Routes: /api/assessment — the units' monthly assessment (考核): weight schemes (list, create,
// update, delete) and the ranking of a month as JSON or xlsx. Scores are hundredths of a point
// (8375 = 83.75), weights basis points (1500 = 15 %). Thin: parse, call AssessmentService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/sheet_views.h"
#include "http/routes/views.h"
#include "services/assessment_service.h"
#include "services/platform.h"

namespace lz::http {
namespace {

using nlohmann::json;
using assess::Indicator;

json WeightsView(const assess::Weights& w) {
  json out = json::object();
  for (Indicator i : assess::kIndicators) out[std::string(assess::IndicatorName(i))] = assess::WeightOf(w, i);
  return out;
}

json SchemeView(const assess::Scheme& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"weights", WeightsView(s.weights)},
          {"is_default", s.is_default},
          {"builtin", s.id == 0},
          {"created_by", s.created_by},
          {"created_at", s.id == 0 ? json(nullptr) : json(views::Time(s.created_at))},
          {"updated_at", s.id == 0 ? json(nullptr) : json(views::Time(s.updated_at))}};
}

json UnitView(const assess::UnitScore& u) {
  json indicators = json::object();
  for (Indicator i : assess::kIndicators) {
    const size_t k = static_cast<size_t>(i);
    indicators[std::string(assess::IndicatorName(i))] = {
        {"numerator", u.values[k].numerator},
        {"denominator", u.values[k].denominator},
        {"score_hundredths", u.scores[k] ? json(*u.scores[k]) : json(nullptr)}};
  }
  return {{"unit_id", u.unit_id},
          {"unit_name", u.unit_name},
          {"rank", u.rank},
          {"total_hundredths", u.total},
          {"indicators", std::move(indicators)}};
}

json RankingView(const services::AssessmentRanking& r) {
  return {{"month", r.month},
          {"from", r.from},
          {"to", r.to},
          {"as_of", views::Time(r.as_of)},
          {"restricted", r.restricted},
          {"scheme", SchemeView(r.scheme)},
          {"units", views::Array(r.units, UnitView)}};
}

services::SchemeInput SchemeInputOf(const json& b) {
  services::SchemeInput in;
  in.name = b.at("name").get<std::string>();
  const json& w = b.at("weights");
  for (Indicator i : assess::kIndicators) {
    in.weights[static_cast<size_t>(i)] = w.at(std::string(assess::IndicatorName(i))).get<int32_t>();
  }
  in.is_default = b.value("is_default", false);
  return in;
}

}  // namespace

void RegisterAssessmentRoutes(Router& router, services::Platform& platform) {
  services::AssessmentService& assessment = platform.assessment();

  router.Add({Method::kGet, "/api/assessment/schemes", "listAssessmentSchemes", Access::kAuthenticated,
              [&assessment](RouteContext& ctx) {
                return views::Answer(assessment.Schemes(ctx.actor), [](const std::vector<assess::Scheme>& all) {
                  return json{{"items", views::Array(all, SchemeView)}};
                });
              }});
  router.Add({Method::kPost, "/api/assessment/schemes", "createAssessmentScheme", Access::kAuthenticated,
              [&assessment](RouteContext& ctx) {
                return views::Answer(assessment.CreateScheme(ctx.actor, SchemeInputOf(ctx.body)), SchemeView, 201);
              }});
  router.Add({Method::kPut, "/api/assessment/schemes/{id}", "updateAssessmentScheme", Access::kAuthenticated,
              [&assessment](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(assessment.UpdateScheme(ctx.actor, *id, SchemeInputOf(ctx.body)), SchemeView);
              }});
  router.Add({Method::kDelete, "/api/assessment/schemes/{id}", "deleteAssessmentScheme", Access::kAuthenticated,
              [&assessment](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(assessment.DeleteScheme(ctx.actor, *id));
              }});
  router.Add({Method::kGet, "/api/assessment/rankings", "getAssessmentRanking", Access::kAuthenticated,
              [&assessment](RouteContext& ctx) {
                return views::Answer(assessment.Ranking(ctx.actor, views::QueryText(ctx.request, "month"),
                                                        views::QueryOptInt(ctx.request, "scheme_id")),
                                     RankingView);
              }});
  router.Add({Method::kGet, "/api/assessment/rankings.xlsx", "exportAssessmentRanking", Access::kAuthenticated,
              [&assessment](RouteContext& ctx) {
                return views::SheetDownload(assessment.Export(ctx.actor, views::QueryText(ctx.request, "month"),
                                                              views::QueryOptInt(ctx.request, "scheme_id")),
                                            "assessment");
              }});
}

}  // namespace lz::http
