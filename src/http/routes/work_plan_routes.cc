// Routes: /api/work-tasks — work-plan tasks (工作要点): set for an owner unit with co-owners, a
// deadline and milestones; listed by year, chain, unit and overdue; progress reported by the owner.
// The task's case (/api/cases/{id}) carries the rest of its lifecycle. Thin: parse, call
// WorkPlanService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/views.h"
#include "services/platform.h"
#include "services/work_plan_service.h"

namespace lz::http {
namespace {

using nlohmann::json;
namespace cw = casework;

json MilestoneView(const plan::Milestone& m) {
  return {{"position", m.position},
          {"title", m.title},
          {"due_on", m.due_on},
          {"done_on", m.done_on ? json(*m.done_on) : json(nullptr)},
          {"done_by_user_id", m.done_by_user_id ? json(*m.done_by_user_id) : json(nullptr)}};
}

json TaskView(const services::WorkTaskView& v) {
  const plan::WorkTask& t = v.task;
  const cw::Case& c = v.c;
  return {{"case_id", t.case_id},
          {"number", c.number},
          {"title", c.facts.title},
          {"text", c.facts.text},
          {"year", t.year},
          {"chain_id", t.chain_id ? json(*t.chain_id) : json(nullptr)},
          {"chain_name", v.chain_name},
          {"owner_unit_id", c.lead_unit_id ? json(*c.lead_unit_id) : json(nullptr)},
          {"owner_name", v.owner_name},
          {"co_owner_names", v.co_owner_names},
          {"deadline_on", t.deadline_on},
          {"progress", t.progress},
          {"milestones", views::Array(t.milestones, MilestoneView)},
          {"standing", std::string(plan::StandingName(v.standing))},
          {"case_state", std::string(cw::CaseStateName(c.state))},
          {"escalation", std::string(cw::EscalationName(c.escalation))},
          {"due_at", views::OptTime(c.due_at)},
          {"replied_at", views::OptTime(c.replied_at)},
          {"closed_at", views::OptTime(c.closed_at)},
          {"created_at", views::Time(t.created_at)}};
}

plan::Milestone MilestoneOf(const json& b) {
  plan::Milestone m;
  m.title = b.at("title").get<std::string>();
  m.due_on = b.at("due_on").get<std::string>();
  return m;
}

}  // namespace

void RegisterWorkPlanRoutes(Router& router, services::Platform& platform) {
  services::WorkPlanService& tasks = platform.work_plan();

  router.Add({Method::kGet, "/api/work-tasks", "listWorkTasks", Access::kAuthenticated, [&tasks](RouteContext& ctx) {
                services::WorkTaskListQuery q;
                if (auto year = views::QueryOptInt(ctx.request, "year")) q.year = static_cast<int32_t>(*year);
                q.chain_id = views::QueryOptInt(ctx.request, "chain_id");
                q.unit_id = views::QueryOptInt(ctx.request, "unit_id");
                q.overdue_only = views::QueryText(ctx.request, "overdue") == "true";
                q.q = views::QueryText(ctx.request, "q");
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(tasks.List(ctx.actor, q), [&](const storage::PageOf<services::WorkTaskView>& p) {
                  return views::Page(p, page, TaskView);
                });
              }});
  router.Add({Method::kPost, "/api/work-tasks", "createWorkTask", Access::kAuthenticated, [&tasks](RouteContext& ctx) {
                const json& b = ctx.body;
                services::NewWorkTask in;
                in.title = b.at("title").get<std::string>();
                in.text = b.at("text").get<std::string>();
                in.year = static_cast<int32_t>(views::OptInt(b, "year").value_or(0));
                in.chain_id = views::OptInt(b, "chain_id");
                in.owner_unit_id = b.at("owner_unit_id").get<int64_t>();
                if (auto it = b.find("co_owner_unit_ids"); it != b.end()) {
                  in.co_owner_unit_ids = it->get<std::vector<int64_t>>();
                }
                in.deadline_on = b.at("deadline_on").get<std::string>();
                if (auto it = b.find("milestones"); it != b.end()) {
                  for (const json& m : *it) in.milestones.push_back(MilestoneOf(m));
                }
                return views::Answer(tasks.Create(ctx.actor, std::move(in)), TaskView, 201);
              }});
  router.Add({Method::kGet, "/api/work-tasks/{id}", "getWorkTask", Access::kAuthenticated, [&tasks](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(tasks.Get(ctx.actor, *id), TaskView);
              }});
  router.Add({Method::kPost, "/api/work-tasks/{id}/progress", "reportWorkTaskProgress", Access::kAuthenticated,
              [&tasks](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                services::ProgressReport r;
                r.progress = ctx.body.at("progress").get<int32_t>();
                r.note = ctx.body.at("note").get<std::string>();
                if (auto it = ctx.body.find("milestones_done"); it != ctx.body.end()) {
                  r.milestones_done = it->get<std::vector<int32_t>>();
                }
                return views::Answer(tasks.Report(ctx.actor, *id, std::move(r)), TaskView);
              }});
}

}  // namespace lz::http
