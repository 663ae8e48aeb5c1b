// Routes: /api/field — the field staff who serve enterprises (特派员驻企帮扶, 营商环境联络): commissioner
// assignments, visits with the problems raised at them, an enterprise's field record, the worker's
// own enterprises and the figures. Thin: parse, call FieldService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/views.h"
#include "services/field_service.h"
#include "services/platform.h"

namespace lz::http {
namespace {

using nlohmann::json;
namespace cw = casework;

json OptId(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json EnterpriseRef(const chain::Enterprise& e) {
  return {{"id", e.id}, {"credit_code", e.credit_code}, {"name", e.name}, {"region_code", e.region_code},
          {"region_name", e.region_name}};
}

json TallyView(const storage::FieldTally& t) {
  return {{"visits", t.visits},
          {"last_visited_on", t.last_visited_on.empty() ? json(nullptr) : json(t.last_visited_on)},
          {"problems", t.problems},
          {"open_problems", t.open_problems},
          {"solved", t.solved}};
}

json VisitView(const cw::Visit& v) {
  return {{"id", v.id},
          {"enterprise_id", v.enterprise_id},
          {"visited_on", v.visited_on},
          {"visitor_user_id", v.visitor_user_id},
          {"role", std::string(cw::FieldRoleName(v.role))},
          {"summary", v.summary},
          {"policies", v.policies},
          {"help_given", v.help_given},
          {"funds_paid_yuan", v.funds_paid_yuan},
          {"workers_recruited", v.workers_recruited},
          {"problem_case_ids", v.problem_case_ids},
          {"created_at", views::Time(v.created_at)}};
}

json VisitRowView(const storage::VisitRow& r) {
  json j = VisitView(r.visit);
  j["credit_code"] = r.credit_code;
  j["enterprise_name"] = r.enterprise_name;
  j["visitor_name"] = r.visitor_name;
  return j;
}

json ProblemCaseView(const cw::Case& c) {
  return {{"case_id", c.id},
          {"number", c.number},
          {"channel", c.facts.channel},
          {"category_code", c.facts.category_code},
          {"title", c.facts.title},
          {"state", std::string(cw::CaseStateName(c.state))},
          {"chain_id", OptId(c.facts.chain_id)}};
}

json ProblemView(const services::ProblemEntry& e) {
  const cw::Case& c = e.c;
  json j = ProblemCaseView(c);
  j["category_name"] = e.category_name;
  j["lead_unit_name"] = e.lead_unit_name;
  j["reply"] = e.reply;
  j["visit_id"] = OptId(e.visit_id);
  j["reporter_user_id"] = OptId(c.facts.reporter_user_id);
  j["outcome"] = c.outcome ? json(std::string(cw::OutcomeName(*c.outcome))) : json(nullptr);
  j["rating"] = c.rating ? json(*c.rating) : json(nullptr);
  j["created_at"] = views::Time(c.created_at);
  j["closed_at"] = views::OptTime(c.closed_at);
  j["solved"] = e.solved;
  return j;
}

json AssignmentView(const storage::AssignmentRow& a) {
  return {{"enterprise", EnterpriseRef(a.enterprise)},
          {"commissioners", views::Array(a.commissioners, views::Position)},
          {"tally", TallyView(a.tally)}};
}

json FiguresView(const storage::FieldFigures& f) {
  return {{"commissioners", f.commissioners},
          {"enterprises_assigned", f.enterprises_assigned},
          {"liaison_officers", f.liaison_officers},
          {"supervisors", f.supervisors},
          {"monitoring_points", f.monitoring_points},
          {"enterprises_served", f.enterprises_served},
          {"visits", f.visits},
          {"funds_paid_yuan", f.funds_paid_yuan},
          {"workers_recruited", f.workers_recruited},
          {"problems_raised", f.problems_raised},
          {"problems_solved", f.problems_solved}};
}

std::optional<cw::FieldRole> RoleOf(const json& body) {
  auto name = views::OptString(body, "role");
  if (!name || name->empty()) return std::nullopt;
  return cw::ParseFieldRole(*name);
}

services::NewProblem ProblemOf(const json& p) {
  services::NewProblem out;
  out.category_code = p.at("category_code").get<std::string>();
  out.title = p.at("title").get<std::string>();
  out.text = p.at("text").get<std::string>();
  return out;
}

cw::DatePeriod PeriodOf(const Request& r) {
  return {views::QueryText(r, "from"), views::QueryText(r, "to")};
}

}  // namespace

void RegisterFieldRoutes(Router& router, services::Platform& platform) {
  services::FieldService& field = platform.field();

  router.Add({Method::kGet, "/api/field/assignments", "listCommissionerAssignments", Access::kAuthenticated,
              [&field](RouteContext& ctx) {
                storage::AssignmentQuery q;
                q.q = views::QueryText(ctx.request, "q");
                q.region_code = views::QueryText(ctx.request, "region_code");
                const std::string assigned = views::QueryText(ctx.request, "assigned");
                if (assigned == "yes") q.assigned = true;
                if (assigned == "no") q.assigned = false;
                q.commissioner_user_id = views::QueryOptInt(ctx.request, "commissioner_user_id");
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(field.Assignments(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<storage::AssignmentRow>& p) {
                                       return views::Page(p, page, AssignmentView);
                                     });
              }});
  router.Add({Method::kPost, "/api/field/assignments", "assignCommissioner", Access::kAuthenticated,
              [&field](RouteContext& ctx) {
                services::CommissionerAssignment in;
                in.credit_code = ctx.body.at("credit_code").get<std::string>();
                in.user_id = ctx.body.at("user_id").get<int64_t>();
                in.reason = views::OptString(ctx.body, "reason").value_or("");
                return views::Answer(field.AssignCommissioner(ctx.actor, std::move(in)), views::Position, 201);
              }});
  router.Add({Method::kPost, "/api/field/assignments/reassign", "reassignCommissioner", Access::kAuthenticated,
              [&field](RouteContext& ctx) {
                services::CommissionerReassignment in;
                in.credit_code = ctx.body.at("credit_code").get<std::string>();
                in.from_user_id = views::OptInt(ctx.body, "from_user_id");
                in.to_user_id = ctx.body.at("to_user_id").get<int64_t>();
                in.reason = ctx.body.at("reason").get<std::string>();
                return views::Answer(field.ReassignCommissioner(ctx.actor, std::move(in)), views::Position);
              }});
  router.Add({Method::kPost, "/api/field/assignments/end", "endCommissioner", Access::kAuthenticated,
              [&field](RouteContext& ctx) {
                return views::Answer(field.EndCommissioner(ctx.actor, ctx.body.at("credit_code").get<std::string>(),
                                                           views::OptInt(ctx.body, "from_user_id"),
                                                           ctx.body.at("reason").get<std::string>()));
              }});

  router.Add({Method::kGet, "/api/field/my-enterprises", "listMyFieldEnterprises", Access::kAuthenticated,
              [&field](RouteContext& ctx) {
                return views::Answer(field.MyEnterprises(ctx.actor), [](const std::vector<services::ServedEnterprise>& v) {
                  json items = json::array();
                  for (const auto& s : v) {
                    items.push_back({{"enterprise", EnterpriseRef(s.enterprise)},
                                     {"role", s.role ? json(std::string(cw::FieldRoleName(*s.role))) : json(nullptr)},
                                     {"tally", TallyView(s.tally)}});
                  }
                  return json{{"items", items}};
                });
              }});
  router.Add({Method::kGet, "/api/field/enterprises/{credit_code}", "getEnterpriseFieldRecord", Access::kAuthenticated,
              [&field](RouteContext& ctx) {
                auto it = ctx.request.path_params.find("credit_code");
                const std::string code = it == ctx.request.path_params.end() ? std::string() : it->second;
                return views::Answer(field.EnterpriseRecord(ctx.actor, code), [](const services::EnterpriseFieldRecord& d) {
                  return json{{"enterprise", EnterpriseRef(d.enterprise)},
                              {"commissioners", views::Array(d.commissioners, views::Position)},
                              {"my_role", d.my_role ? json(std::string(cw::FieldRoleName(*d.my_role))) : json(nullptr)},
                              {"visits", views::Array(d.visits, VisitRowView)},
                              {"problems", views::Array(d.problems, ProblemView)},
                              {"tally", TallyView(d.tally)}};
                });
              }});
  router.Add({Method::kPost, "/api/field/visits", "recordVisit", Access::kAuthenticated, [&field](RouteContext& ctx) {
                services::NewVisit in;
                in.credit_code = ctx.body.at("credit_code").get<std::string>();
                in.visited_on = ctx.body.at("visited_on").get<std::string>();
                in.role = RoleOf(ctx.body);
                in.summary = ctx.body.at("summary").get<std::string>();
                if (ctx.body.contains("policies")) {
                  for (const json& p : ctx.body.at("policies")) in.policies.push_back(p.get<std::string>());
                }
                in.help_given = views::OptString(ctx.body, "help_given").value_or("");
                in.funds_paid_yuan = views::OptInt(ctx.body, "funds_paid_yuan").value_or(0);
                in.workers_recruited = views::OptInt(ctx.body, "workers_recruited").value_or(0);
                if (ctx.body.contains("problems")) {
                  for (const json& p : ctx.body.at("problems")) in.problems.push_back(ProblemOf(p));
                }
                return views::Answer(field.RecordVisit(ctx.actor, std::move(in)), [](const services::RecordedVisit& r) {
                  json j = VisitView(r.visit);
                  j["problems"] = views::Array(r.problems, ProblemCaseView);
                  return j;
                }, 201);
              }});
  router.Add({Method::kGet, "/api/field/visits", "listVisits", Access::kAuthenticated, [&field](RouteContext& ctx) {
                storage::VisitQuery q;
                q.enterprise_id = views::QueryOptInt(ctx.request, "enterprise_id");
                q.visitor_user_id = views::QueryOptInt(ctx.request, "visitor_user_id");
                if (auto role = cw::ParseFieldRole(views::QueryText(ctx.request, "role"))) q.roles = {*role};
                q.region_code = views::QueryText(ctx.request, "region_code");
                q.period = PeriodOf(ctx.request);
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(field.Visits(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<storage::VisitRow>& p) {
                                       return views::Page(p, page, VisitRowView);
                                     });
              }});
  router.Add({Method::kPost, "/api/field/problems", "fileFieldProblem", Access::kAuthenticated,
              [&field](RouteContext& ctx) {
                return views::Answer(field.FileProblem(ctx.actor, ctx.body.at("credit_code").get<std::string>(),
                                                       ProblemOf(ctx.body), RoleOf(ctx.body)),
                                     ProblemCaseView, 201);
              }});
  router.Add({Method::kGet, "/api/field/figures", "getFieldFigures", Access::kAuthenticated,
              [&field](RouteContext& ctx) {
                storage::FieldFigureQuery q;
                q.region_code = views::QueryText(ctx.request, "region_code");
                q.period = PeriodOf(ctx.request);
                q.program = cw::ParseFieldProgram(views::QueryText(ctx.request, "program")).value_or(cw::FieldProgram::kAll);
                return views::Answer(field.Figures(ctx.actor, std::move(q)), FiguresView);
              }});
}

}  // namespace lz::http
