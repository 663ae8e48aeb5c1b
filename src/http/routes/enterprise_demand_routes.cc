// Routes: /api/enterprise-demands — an enterprise's own account (企业用户) files its demands,
// follows them (the public history and the departments' answers) and rates a replied one.
// Thin: parse, call EnterpriseDemandService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/views.h"
#include "services/enterprise_demand_service.h"
#include "services/platform.h"

namespace lz::http {
namespace {

using nlohmann::json;
namespace cw = casework;

json CategoryOption(const cw::Category& c) {
  return {{"code", c.code}, {"name", c.name}, {"parent_code", cw::ParentCode(c.code)}};
}

json EnterpriseOption(const services::DemandEnterprise& e) {
  return {{"id", e.id}, {"credit_code", e.credit_code}, {"name", e.name}, {"region_code", e.region_code}};
}

json SummaryView(const services::DemandSummary& s) {
  const cw::Case& c = s.c;
  return {{"id", c.id},
          {"number", c.number},
          {"title", c.facts.title},
          {"category_code", c.facts.category_code},
          {"category_name", s.category_name},
          {"enterprise_id", c.facts.enterprise_id ? json(*c.facts.enterprise_id) : json(nullptr)},
          {"enterprise_name", s.enterprise_name},
          {"state", std::string(cw::CaseStateName(c.state))},
          {"unit_name", s.unit_name.empty() ? json(nullptr) : json(s.unit_name)},
          {"created_at", views::Time(c.created_at)},
          {"due_at", views::OptTime(c.due_at)},
          {"replied_at", views::OptTime(c.replied_at)},
          {"closed_at", views::OptTime(c.closed_at)},
          {"rating", c.rating ? json(*c.rating) : json(nullptr)},
          {"can_rate", s.can_rate}};
}

json DetailView(const services::DemandDetail& d) {
  json j = SummaryView(d.summary);
  const cw::Case& c = d.summary.c;
  j["text"] = c.facts.text;
  j["address"] = c.facts.address;
  j["contact_name"] = c.facts.reporter_name;
  j["contact_phone"] = c.facts.reporter_phone;
  j["enterprise_credit_code"] = d.enterprise_credit_code;
  j["filed_by_me"] = d.filed_by_me;
  j["progress"] = views::PublicCase(d.progress);
  return j;
}

json CaseRef(const cw::Case& c) {
  return {{"id", c.id},
          {"number", c.number},
          {"state", std::string(cw::CaseStateName(c.state))},
          {"rating", c.rating ? json(*c.rating) : json(nullptr)}};
}

}  // namespace

void RegisterEnterpriseDemandRoutes(Router& router, services::Platform& platform) {
  services::EnterpriseDemandService& demands = platform.demands();

  router.Add({Method::kGet, "/api/enterprise-demands/form", "getEnterpriseDemandForm", Access::kAuthenticated,
              [&demands](RouteContext& ctx) {
                return views::Answer(demands.Form(ctx.actor), [](const services::DemandForm& f) {
                  return json{{"enterprises", views::Array(f.enterprises, EnterpriseOption)},
                              {"categories", views::Array(f.categories, CategoryOption)}};
                });
              }});
  router.Add({Method::kGet, "/api/enterprise-demands", "listEnterpriseDemands", Access::kAuthenticated,
              [&demands](RouteContext& ctx) {
                services::DemandQuery q;
                if (auto status = ctx.request.Query("status"); status && !status->empty()) {
                  q.status = services::ParseDemandStatus(*status).value_or(services::DemandStatus::kAll);
                }
                q.enterprise_credit_code = views::QueryText(ctx.request, "enterprise_credit_code");
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(demands.List(ctx.actor, q), [&](const storage::PageOf<services::DemandSummary>& p) {
                  return views::Page(p, page, SummaryView);
                });
              }});
  router.Add({Method::kPost, "/api/enterprise-demands", "fileEnterpriseDemand", Access::kAuthenticated,
              [&demands](RouteContext& ctx) {
                services::NewDemand in;
                in.enterprise_credit_code = views::OptString(ctx.body, "enterprise_credit_code").value_or("");
                in.category_code = ctx.body.at("category_code").get<std::string>();
                in.title = ctx.body.at("title").get<std::string>();
                in.text = ctx.body.at("text").get<std::string>();
                in.address = views::OptString(ctx.body, "address").value_or("");
                in.contact_name = views::OptString(ctx.body, "contact_name").value_or("");
                in.contact_phone = views::OptString(ctx.body, "contact_phone").value_or("");
                return views::Answer(demands.File(ctx.actor, std::move(in)), CaseRef, 201);
              }});
  router.Add({Method::kGet, "/api/enterprise-demands/{id}", "getEnterpriseDemand", Access::kAuthenticated,
              [&demands](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(demands.Get(ctx.actor, *id), DetailView);
              }});
  router.Add({Method::kPost, "/api/enterprise-demands/{id}/rating", "rateEnterpriseDemand", Access::kAuthenticated,
              [&demands](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(demands.Rate(ctx.actor, *id, ctx.body.at("rating").get<int32_t>(),
                                                  views::OptString(ctx.body, "note").value_or("")),
                                     CaseRef);
              }});
}

}  // namespace lz::http
