// Routes: the policy set (1+2+N) — /api/policies (the library, documents with their measures),
// /api/policy-measures/{id}/enterprises and /api/policy-matches (惠企政策匹配), /api/policy-grants
// (policy funds paid out, and their figures). Thin: parse, call PolicyService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/views.h"
#include "services/platform.h"
#include "services/policy_service.h"

namespace lz::http {
namespace {

using nlohmann::json;

json ConditionsView(const policy::Conditions& c) {
  json sizes = json::array();
  for (auto s : c.sizes) sizes.push_back(std::string(chain::SizeClassName(s)));
  return {{"chains", c.chain_ids},
          {"segments", c.segment_ids},
          {"sizes", std::move(sizes)},
          {"regions", c.region_codes},
          {"local_only", c.local_only},
          {"min_revenue_yuan", c.min_revenue_yuan},
          {"min_employees", c.min_employees}};
}

json MeasureView(const policy::Measure& m) {
  return {{"id", m.id},
          {"policy_id", m.policy_id},
          {"position", m.position},
          {"title", m.title},
          {"content", m.content},
          {"conditions", ConditionsView(m.conditions)}};
}

json PolicyHead(const policy::Policy& p) {
  return {{"id", p.id},
          {"doc_number", p.doc_number},
          {"issuer_unit_id", p.issuer_unit_id},
          {"issuer_name", p.issuer_name},
          {"issued_on", p.issued_on},
          {"type", std::string(policy::PolicyTypeName(p.type))},
          {"chain_ids", p.chain_ids},
          {"title", p.title},
          {"created_at", views::Time(p.created_at)},
          {"updated_at", views::Time(p.updated_at)}};
}

json PolicyDetailView(const services::PolicyDetail& d) {
  json j = PolicyHead(d.policy);
  j["text"] = d.policy.text;
  j["measures"] = views::Array(d.policy.measures, MeasureView);
  j["attachments"] = views::Array(d.attachments, views::Attachment);
  return j;
}

json PolicyRowView(const storage::PolicyRow& r) {
  json j = PolicyHead(r.policy);
  j["measure_count"] = r.measure_count;
  j["grant_count"] = r.grant_count;
  j["granted_yuan"] = r.granted_yuan;
  return j;
}

json EnterpriseView(const chain::Enterprise& e) {
  return {{"id", e.id},
          {"credit_code", e.credit_code},
          {"name", e.name},
          {"region_code", e.region_code},
          {"region_name", e.region_name},
          {"local", e.local},
          {"size", std::string(chain::SizeClassName(e.size))},
          {"revenue", e.revenue},
          {"employees", e.employees}};
}

json GrantView(const policy::Grant& g) {
  return {{"id", g.id},
          {"policy_id", g.policy_id},
          {"measure_id", g.measure_id},
          {"enterprise_id", g.enterprise_id},
          {"amount_yuan", g.amount_yuan},
          {"paid_on", g.paid_on},
          {"paid_by_unit_id", g.paid_by_unit_id},
          {"paid_by_unit_name", g.paid_by_unit_name},
          {"override_reason", g.override_reason},
          {"note", g.note},
          {"policy_title", g.policy_title},
          {"doc_number", g.doc_number},
          {"measure_title", g.measure_title},
          {"enterprise_name", g.enterprise_name},
          {"credit_code", g.credit_code},
          {"created_at", views::Time(g.created_at)}};
}

json SumView(const storage::GrantSum& s) {
  return {{"id", s.id}, {"name", s.name}, {"code", s.code}, {"grants", s.grants}, {"total_yuan", s.total_yuan}};
}

std::vector<int64_t> Ids(const json& body, const char* key) {
  std::vector<int64_t> out;
  if (body.contains(key)) {
    for (const json& v : body.at(key)) out.push_back(v.get<int64_t>());
  }
  return out;
}

policy::Conditions ConditionsOf(const json& c) {
  policy::Conditions out;
  out.chain_ids = Ids(c, "chains");
  out.segment_ids = Ids(c, "segments");
  if (c.contains("sizes")) {
    // The schema's enum admits only the four size names.
    for (const json& s : c.at("sizes")) out.sizes.push_back(*chain::ParseSizeClass(s.get<std::string>()));
  }
  if (c.contains("regions")) {
    for (const json& r : c.at("regions")) out.region_codes.push_back(r.get<std::string>());
  }
  out.local_only = c.value("local_only", false);
  out.min_revenue_yuan = views::OptInt(c, "min_revenue_yuan").value_or(0);
  out.min_employees = views::OptInt(c, "min_employees").value_or(0);
  return out;
}

policy::Policy PolicyOf(const json& body) {
  policy::Policy p;
  p.doc_number = body.at("doc_number").get<std::string>();
  p.issuer_unit_id = body.at("issuer_unit_id").get<int64_t>();
  p.issued_on = body.at("issued_on").get<std::string>();
  p.type = *policy::ParsePolicyType(body.at("type").get<std::string>());  // enum in the schema
  p.chain_ids = Ids(body, "chain_ids");
  p.title = body.at("title").get<std::string>();
  p.text = views::OptString(body, "text").value_or("");
  if (body.contains("measures")) {
    for (const json& m : body.at("measures")) {
      policy::Measure measure;
      measure.id = views::OptInt(m, "id").value_or(0);
      measure.title = m.at("title").get<std::string>();
      measure.content = views::OptString(m, "content").value_or("");
      if (m.contains("conditions")) measure.conditions = ConditionsOf(m.at("conditions"));
      p.measures.push_back(std::move(measure));
    }
  }
  return p;
}

}  // namespace

void RegisterPolicyRoutes(Router& router, services::Platform& platform) {
  services::PolicyService& policies = platform.policies();

  router.Add({Method::kGet, "/api/policies", "listPolicies", Access::kAuthenticated, [&policies](RouteContext& ctx) {
                storage::PolicyQuery q;
                q.q = views::QueryText(ctx.request, "q");
                const std::string type = views::QueryText(ctx.request, "type");
                if (!type.empty()) q.type = policy::ParsePolicyType(type);
                q.chain_id = views::QueryOptInt(ctx.request, "chain_id");
                q.issuer_unit_id = views::QueryOptInt(ctx.request, "issuer_unit_id");
                q.year = static_cast<int>(views::QueryInt(ctx.request, "year", 0));
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(policies.List(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<storage::PolicyRow>& p) {
                                       return views::Page(p, page, PolicyRowView);
                                     });
              }});
  router.Add({Method::kPost, "/api/policies", "createPolicy", Access::kAuthenticated, [&policies](RouteContext& ctx) {
                return views::Answer(policies.Create(ctx.actor, PolicyOf(ctx.body),
                                                     views::AttachmentIds(ctx.body).value_or(std::vector<int64_t>())),
                                     PolicyDetailView, 201);
              }});
  router.Add({Method::kGet, "/api/policies/{id}", "getPolicy", Access::kAuthenticated, [&policies](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(policies.Get(ctx.actor, *id), PolicyDetailView);
              }});
  router.Add({Method::kPut, "/api/policies/{id}", "updatePolicy", Access::kAuthenticated, [&policies](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(policies.Update(ctx.actor, *id, PolicyOf(ctx.body), views::AttachmentIds(ctx.body)),
                                     PolicyDetailView);
              }});
  router.Add({Method::kDelete, "/api/policies/{id}", "deletePolicy", Access::kAuthenticated,
              [&policies](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(policies.Delete(ctx.actor, *id));
              }});
  router.Add({Method::kGet, "/api/policy-measures/{id}/enterprises", "listMeasureEnterprises", Access::kAuthenticated,
              [&policies](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                const storage::PageRequest page = views::QueryPage(ctx.request);
                return views::Answer(policies.MatchingEnterprises(ctx.actor, *id, page),
                                     [&](const services::MeasureEnterprises& m) {
                                       json j = views::Page(m.enterprises, page, EnterpriseView);
                                       j["measure"] = MeasureView(m.measure);
                                       j["policy_title"] = m.policy_title;
                                       return j;
                                     });
              }});
  router.Add({Method::kGet, "/api/policy-matches", "listEnterpriseMeasures", Access::kAuthenticated,
              [&policies](RouteContext& ctx) {
                const bool all = views::QueryText(ctx.request, "all") == "true";
                return views::Answer(
                    policies.MeasuresFor(ctx.actor, views::QueryText(ctx.request, "credit_code"), all),
                    [](const services::EnterpriseMeasures& e) {
                      json measures = json::array();
                      for (const auto& m : e.measures) {
                        json j = MeasureView(m.row.measure);
                        j["policy_title"] = m.row.policy_title;
                        j["doc_number"] = m.row.doc_number;
                        j["policy_type"] = std::string(policy::PolicyTypeName(m.row.policy_type));
                        j["applies"] = m.match.applies;
                        j["failed"] = m.match.failed.empty() ? json(nullptr) : json(m.match.failed);
                        j["reason"] = m.match.reason;
                        measures.push_back(std::move(j));
                      }
                      return json{{"enterprise", EnterpriseView(e.enterprise)}, {"measures", std::move(measures)}};
                    });
              }});
  router.Add({Method::kGet, "/api/policy-grants", "listPolicyGrants", Access::kAuthenticated,
              [&policies](RouteContext& ctx) {
                storage::GrantQuery q;
                q.policy_id = views::QueryOptInt(ctx.request, "policy_id");
                q.measure_id = views::QueryOptInt(ctx.request, "measure_id");
                q.enterprise_id = views::QueryOptInt(ctx.request, "enterprise_id");
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(policies.Grants(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<policy::Grant>& p) {
                                       return views::Page(p, page, GrantView);
                                     });
              }});
  router.Add({Method::kPost, "/api/policy-grants", "recordPolicyGrant", Access::kAuthenticated,
              [&policies](RouteContext& ctx) {
                services::NewGrant in;
                in.measure_id = ctx.body.at("measure_id").get<int64_t>();
                in.credit_code = ctx.body.at("credit_code").get<std::string>();
                in.amount_yuan = ctx.body.at("amount_yuan").get<int64_t>();
                in.paid_on = ctx.body.at("paid_on").get<std::string>();
                in.paid_by_unit_id = views::OptInt(ctx.body, "paid_by_unit_id").value_or(0);
                in.override_match = ctx.body.value("override", false);
                in.override_reason = views::OptString(ctx.body, "override_reason").value_or("");
                in.note = views::OptString(ctx.body, "note").value_or("");
                return views::Answer(policies.RecordGrant(ctx.actor, std::move(in)), GrantView, 201);
              }});
  router.Add({Method::kGet, "/api/policy-grants/figures", "policyGrantFigures", Access::kAuthenticated,
              [&policies](RouteContext& ctx) {
                return views::Answer(policies.Figures(ctx.actor, views::QueryOptInt(ctx.request, "policy_id")),
                                     [](const services::GrantFigures& f) {
                                       return json{{"grants", f.grants},
                                                   {"total_yuan", f.total_yuan},
                                                   {"by_enterprise", views::Array(f.by_enterprise, SumView)},
                                                   {"by_policy", views::Array(f.by_policy, SumView)}};
                                     });
              }});
}

}  // namespace lz::http
