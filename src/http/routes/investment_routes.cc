// Routes: /api/investment-projects (with its sheets: template, export, import), /api/investment-board,
// /api/investment-batch-start, /api/promotion-events and /api/promotion-event-figures — the investment
// pipeline (招商项目) with its stage moves and batch start ceremonies (集中开工), and promotion events
// (推介会) with their figures per year and chain. Thin: parse, call InvestmentService, render.
#include <nlohmann/json.hpp>

#include "http/app.h"
#include "http/routes/job_views.h"
#include "http/routes/sheet_views.h"
#include "http/routes/views.h"
#include "services/investment_service.h"
#include "services/platform.h"

namespace lz::http {
namespace {

using nlohmann::json;
namespace inv = investment;

json ProjectView(const inv::Project& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"investor_id", p.investor_id},
          {"investor_name", p.investor_name},
          {"investor_credit_code", p.investor_credit_code},
          {"chain_id", p.chain_id},
          {"chain_name", p.chain_name},
          {"segment_id", p.segment_id},
          {"segment_name", p.segment_name},
          {"purpose", std::string(inv::PurposeName(p.purpose))},
          {"agreed_amount", p.agreed_amount},
          {"paid_in_amount", p.paid_in_amount},
          {"stage", std::string(inv::StageName(p.stage))},
          {"stage_on", p.stage_on},
          {"signed_on", p.signed_on.empty() ? json(nullptr) : json(p.signed_on)},
          {"event_id", p.event_id ? json(*p.event_id) : json(nullptr)},
          {"event_name", p.event_name},
          {"unit_id", p.unit_id},
          {"unit_name", p.unit_name},
          {"contact", p.contact},
          {"note", p.note},
          {"created_at", views::Time(p.created_at)},
          {"updated_at", views::Time(p.updated_at)}};
}

json StageChangeView(const inv::StageChange& s) {
  return {{"id", s.id},
          {"from", s.from ? json(std::string(inv::StageName(*s.from))) : json(nullptr)},
          {"to", std::string(inv::StageName(s.to))},
          {"on", s.on},
          {"reason", s.reason},
          {"by", s.by},
          {"by_name", s.by_name},
          {"at", views::Time(s.at)}};
}

json DetailView(const services::ProjectDetail& d) {
  json out = ProjectView(d.project);
  out["history"] = views::Array(d.history, StageChangeView);
  out["investor_local_member"] = d.investor_local_member;
  return out;
}

json EventView(const inv::PromotionEvent& e) {
  return {{"id", e.id},
          {"name", e.name},
          {"held_on", e.held_on},
          {"city", e.city},
          {"chain_id", e.chain_id ? json(*e.chain_id) : json(nullptr)},
          {"chain_name", e.chain_name},
          {"unit_ids", e.unit_ids},
          {"unit_names", e.unit_names},
          {"invited_count", e.invited_count},
          {"invited_firms", e.invited_firms},
          {"note", e.note},
          {"projects_signed", e.projects_signed},
          {"amount_signed", e.amount_signed},
          {"created_at", views::Time(e.created_at)},
          {"updated_at", views::Time(e.updated_at)}};
}

json EventDetailView(const services::EventDetail& d) {
  json out = EventView(d.event);
  out["projects"] = views::Array(d.projects, ProjectView);
  return out;
}

json FiguresView(const inv::EventFigures& f) {
  return {{"year", f.year},
          {"chain_id", f.chain_id ? json(*f.chain_id) : json(nullptr)},
          {"chain_name", f.chain_name},
          {"events", f.events},
          {"invited", f.invited},
          {"projects_signed", f.projects_signed},
          {"amount_signed", f.amount_signed}};
}

json ColumnView(const services::BoardColumn& c) {
  return {{"stage", std::string(inv::StageName(c.stage))},
          {"count", c.count},
          {"agreed_amount", c.agreed_amount},
          {"projects", views::Array(c.projects, ProjectView)}};
}

// The body of a project create or update (validated against ProjectInput).
services::ProjectInput ProjectInputOf(const json& b) {
  services::ProjectInput in;
  in.name = b.at("name").get<std::string>();
  in.investor_id = views::OptInt(b, "investor_id");
  if (auto it = b.find("new_investor"); it != b.end() && it->is_object()) {
    const json& e = *it;
    services::EnterpriseInput ni;
    ni.credit_code = e.at("credit_code").get<std::string>();
    ni.name = e.at("name").get<std::string>();
    ni.region_code = e.at("region_code").get<std::string>();
    ni.local = e.value("local", false);
    ni.size = chain::ParseSizeClass(e.value("size", std::string("small"))).value_or(chain::SizeClass::kSmall);
    ni.revenue = views::OptInt(e, "revenue").value_or(0);
    ni.employees = views::OptInt(e, "employees").value_or(0);
    ni.founded = views::OptString(e, "founded").value_or("");
    in.new_investor = std::move(ni);
  }
  in.chain_id = b.at("chain_id").get<int64_t>();
  in.segment_id = b.at("segment_id").get<int64_t>();
  in.purpose = inv::ParsePurpose(b.at("purpose").get<std::string>()).value_or(inv::Purpose::kChainFill);
  in.agreed_amount = b.at("agreed_amount").get<int64_t>();
  in.paid_in_amount = views::OptInt(b, "paid_in_amount").value_or(0);
  if (auto it = b.find("confirm_paid_in_above_agreed"); it != b.end() && it->is_boolean() && it->get<bool>()) {
    in.paid_in_above_agreed = inv::PaidInAboveAgreed::kConfirmed;
  }
  in.event_id = views::OptInt(b, "event_id");
  in.unit_id = views::OptInt(b, "unit_id").value_or(0);
  in.contact = views::OptString(b, "contact").value_or("");
  in.note = views::OptString(b, "note").value_or("");
  if (auto stage = views::OptString(b, "stage")) in.stage = inv::ParseStage(*stage).value_or(inv::Stage::kLead);
  in.stage_on = views::OptString(b, "stage_on").value_or("");
  return in;
}

inv::PromotionEvent EventOf(const json& b) {
  inv::PromotionEvent e;
  e.name = b.at("name").get<std::string>();
  e.held_on = b.at("held_on").get<std::string>();
  e.city = b.at("city").get<std::string>();
  e.chain_id = views::OptInt(b, "chain_id");
  e.unit_ids = b.at("unit_ids").get<std::vector<int64_t>>();
  e.invited_count = views::OptInt(b, "invited_count").value_or(0);
  if (auto it = b.find("invited_firms"); it != b.end() && it->is_array()) {
    e.invited_firms = it->get<std::vector<std::string>>();
  }
  e.note = views::OptString(b, "note").value_or("");
  return e;
}

// The filters shared by the list, the board and the export.
storage::ProjectQuery ProjectQueryOf(const Request& r) {
  storage::ProjectQuery q;
  q.q = views::QueryText(r, "q");
  q.chain_id = views::QueryOptInt(r, "chain_id");
  q.segment_id = views::QueryOptInt(r, "segment_id");
  q.investor_id = views::QueryOptInt(r, "investor_id");
  q.event_id = views::QueryOptInt(r, "event_id");
  if (auto stage = r.Query("stage"); stage && !stage->empty()) {
    if (auto s = inv::ParseStage(*stage)) q.stages.push_back(*s);
  }
  if (auto purpose = r.Query("purpose"); purpose && !purpose->empty()) q.purpose = inv::ParsePurpose(*purpose);
  q.signed_from = views::QueryText(r, "signed_from");
  q.signed_to = views::QueryText(r, "signed_to");
  q.page = views::QueryPage(r);
  return q;
}

}  // namespace

void RegisterInvestmentRoutes(Router& router, services::Platform& platform) {
  services::InvestmentService& svc = platform.investments();
  services::ProjectSheetsService& sheets = platform.project_sheets();
  services::JobRunner& jobs = platform.jobs();

  // ---- Projects. ----
  router.Add({Method::kGet, "/api/investment-projects", "listInvestmentProjects", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                storage::ProjectQuery q = ProjectQueryOf(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(svc.Projects(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<inv::Project>& p) {
                                       return views::Page(p, page, ProjectView);
                                     });
              }});
  router.Add({Method::kPost, "/api/investment-projects", "createInvestmentProject", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                return views::Answer(svc.CreateProject(ctx.actor, ProjectInputOf(ctx.body)), DetailView, 201);
              }});
  // The shared spreadsheet component, as the enterprise registry's: template, export (the list's
  // filters) and import as a background job (202, polled at /api/jobs/{id}; ?wait=true: the report).
  router.Add({Method::kGet, "/api/investment-projects/template", "investmentProjectTemplate", Access::kAuthenticated,
              [&sheets](RouteContext& ctx) {
                return views::SheetDownload(sheets.Template(ctx.actor, views::SheetFormatOf(ctx.request)));
              }});
  router.Add({Method::kGet, "/api/investment-projects/export", "exportInvestmentProjects", Access::kAuthenticated,
              [&sheets](RouteContext& ctx) {
                return views::SheetDownload(
                    sheets.Export(ctx.actor, ProjectQueryOf(ctx.request), views::SheetFormatOf(ctx.request)));
              }});
  router.Add({Method::kPost, "/api/investment-projects/import", "importInvestmentProjects", Access::kAuthenticated,
              [&sheets, &jobs](RouteContext& ctx) {
                return views::JobStarted(jobs, ctx,
                                         sheets.StartImport(ctx.actor, std::move(ctx.request.body),
                                                            views::ImportModeOf(ctx.request)));
              }});
  router.Add({Method::kGet, "/api/investment-projects/{id}", "getInvestmentProject", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(svc.GetProject(ctx.actor, *id), DetailView);
              }});
  router.Add({Method::kPut, "/api/investment-projects/{id}", "updateInvestmentProject", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(svc.UpdateProject(ctx.actor, *id, ProjectInputOf(ctx.body)), DetailView);
              }});
  router.Add({Method::kPost, "/api/investment-projects/{id}/stage", "moveInvestmentProject", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                services::StageMoveInput in;
                in.to = inv::ParseStage(ctx.body.at("to").get<std::string>()).value_or(inv::Stage::kLead);
                in.on = views::OptString(ctx.body, "on").value_or("");
                in.reason = views::OptString(ctx.body, "reason").value_or("");
                return views::Answer(svc.MoveStage(ctx.actor, *id, std::move(in)), DetailView);
              }});
  router.Add({Method::kGet, "/api/investment-board", "getInvestmentBoard", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                return views::Answer(svc.Board(ctx.actor, ProjectQueryOf(ctx.request)),
                                     [](const std::vector<services::BoardColumn>& columns) {
                                       return json{{"columns", views::Array(columns, ColumnView)}};
                                     });
              }});
  router.Add({Method::kPost, "/api/investment-batch-start", "batchStartInvestmentProjects", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                services::BatchStartInput in;
                in.project_ids = ctx.body.at("project_ids").get<std::vector<int64_t>>();
                in.on = views::OptString(ctx.body, "on").value_or("");
                in.ceremony = views::OptString(ctx.body, "ceremony").value_or("");
                return views::Answer(svc.BatchStart(ctx.actor, std::move(in)),
                                     [](const std::vector<inv::Project>& projects) {
                                       return json{{"projects", views::Array(projects, ProjectView)}};
                                     });
              }});

  // ---- Promotion events. ----
  router.Add({Method::kGet, "/api/promotion-events", "listPromotionEvents", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                storage::EventQuery q;
                q.q = views::QueryText(ctx.request, "q");
                q.chain_id = views::QueryOptInt(ctx.request, "chain_id");
                q.year = static_cast<int>(views::QueryInt(ctx.request, "year", 0));
                q.page = views::QueryPage(ctx.request);
                const storage::PageRequest page = q.page;
                return views::Answer(svc.Events(ctx.actor, std::move(q)),
                                     [&](const storage::PageOf<inv::PromotionEvent>& p) {
                                       return views::Page(p, page, EventView);
                                     });
              }});
  router.Add({Method::kPost, "/api/promotion-events", "createPromotionEvent", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                return views::Answer(svc.CreateEvent(ctx.actor, EventOf(ctx.body)), EventDetailView, 201);
              }});
  router.Add({Method::kGet, "/api/promotion-events/{id}", "getPromotionEvent", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(svc.GetEvent(ctx.actor, *id), EventDetailView);
              }});
  router.Add({Method::kPut, "/api/promotion-events/{id}", "updatePromotionEvent", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(svc.UpdateEvent(ctx.actor, *id, EventOf(ctx.body)), EventDetailView);
              }});
  router.Add({Method::kDelete, "/api/promotion-events/{id}", "deletePromotionEvent", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(svc.DeleteEvent(ctx.actor, *id));
              }});
  router.Add({Method::kGet, "/api/promotion-event-figures", "getPromotionEventFigures", Access::kAuthenticated,
              [&svc](RouteContext& ctx) {
                storage::EventFigureQuery q;
                q.year = static_cast<int>(views::QueryInt(ctx.request, "year", 0));
                q.chain_id = views::QueryOptInt(ctx.request, "chain_id");
                return views::Answer(svc.EventFigures(ctx.actor, q), [](const std::vector<inv::EventFigures>& rows) {
                  return json{{"rows", views::Array(rows, FiguresView)}};
                });
              }});
}

}  // namespace lz::http
