// InvestmentService: projects through the pipeline, batch start ceremonies, the gap filled at
// 投产, and promotion events with their figures.
#include "services/investment_service.h"

#include <algorithm>
#include <set>

#include "common/text.h"
#include "domain/auth/permissions.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
namespace inv = investment;
using inv::Stage;

std::string Str(int64_t v) { return std::to_string(v); }

// Whether the unit (by id and path) and creator are in the actor's data scope.
bool Allows(const Actor& actor, const org::Unit& unit, int64_t created_by) {
  return actor.system || actor.Filter().Allows(unit.id, unit.path, created_by);
}

// A registry error about a new investor's field, named under "new_investor.".
Status AsNewInvestorError(const Status& st) {
  if (st.ok() || st.field().empty()) return st;
  return Status(st.code(), st.message(), "new_investor." + st.field());
}

const size_t kMaxBatch = 500;
const size_t kMaxCeremony = 100;

}  // namespace

// ---- Shared checks. -----------------------------------------------------------------------------

Status InvestmentService::CheckProjectRefs(storage::Repositories& repos, const Actor& actor, inv::Project& p,
                                           Refusal& refusal) const {
  ASSIGN_OR_RETURN(auto investor, repos.enterprises().Get(p.investor_id));
  if (!investor) return InvalidArgument("enterprise " + Str(p.investor_id) + " does not exist", "investor_id");
  ASSIGN_OR_RETURN(auto chain, repos.chains().Get(p.chain_id));
  if (!chain) return InvalidArgument("chain " + Str(p.chain_id) + " does not exist", "chain_id");
  ASSIGN_OR_RETURN(auto segment, repos.chains().GetSegment(p.segment_id));
  if (!segment || segment->chain_id != p.chain_id) {
    return InvalidArgument("segment " + Str(p.segment_id) + " is not a segment of chain " + chain->name, "segment_id");
  }
  if (p.event_id) {
    ASSIGN_OR_RETURN(auto event, repos.investments().GetEvent(*p.event_id));
    if (!event) return InvalidArgument("event " + Str(*p.event_id) + " does not exist", "event_id");
  }
  ASSIGN_OR_RETURN(auto unit, repos.units().Get(p.unit_id));
  if (!unit) return InvalidArgument("unit " + Str(p.unit_id) + " does not exist", "unit_id");
  if (!Allows(actor, *unit, actor.user_id)) {
    refusal.Set(Str(p.unit_id));
    return Status(StatusCode::kNotFound, "unit " + Str(p.unit_id) + " not found", "unit_id");
  }
  return Status::Ok();
}

Result<inv::Project> InvestmentService::LoadInScope(storage::Repositories& repos, const Actor& actor, int64_t id,
                                                    Refusal& refusal) const {
  ASSIGN_OR_RETURN(auto project, repos.investments().GetProject(id));
  if (!project) return NotFound("project " + Str(id) + " not found");
  ASSIGN_OR_RETURN(auto unit, repos.units().Get(project->unit_id));
  if (!unit || !Allows(actor, *unit, project->created_by)) {
    refusal.Set(Str(id));
    return NotFound("project " + Str(id) + " not found");
  }
  return std::move(*project);
}

Result<ProjectDetail> InvestmentService::Detail(storage::Repositories& repos, const inv::Project& project) const {
  ProjectDetail d;
  d.project = project;
  ASSIGN_OR_RETURN(d.history, repos.investments().StageHistory(project.id));
  ASSIGN_OR_RETURN(auto investor, repos.enterprises().Get(project.investor_id));
  if (investor && investor->local) {
    ASSIGN_OR_RETURN(auto members, repos.enterprises().Memberships(project.investor_id, project.segment_id));
    d.investor_local_member = !members.empty();
  }
  return d;
}

Status InvestmentService::FillSegment(storage::Repositories& repos, const Actor& actor, const inv::Project& p,
                                      TimeMs now) const {
  ASSIGN_OR_RETURN(auto investor, repos.enterprises().Get(p.investor_id));
  if (!investor) return Internal("project " + Str(p.id) + " names an unknown investor");
  std::string detail;
  if (!investor->local) {
    investor->local = true;  // it now produces in the city
    investor->updated_at = now;
    RETURN_IF_ERROR(repos.enterprises().Update(*investor));
    detail = "local; ";
  }
  ASSIGN_OR_RETURN(auto members, repos.enterprises().Memberships(p.investor_id, p.segment_id));
  if (members.empty()) {
    chain::Membership m;
    m.enterprise_id = p.investor_id;
    m.segment_id = p.segment_id;
    m.role = chain::MemberRole::kMember;
    RETURN_IF_ERROR(repos.enterprises().PutMembership(m));
    detail += "member of " + p.segment_name;
  }
  if (detail.empty()) return Status::Ok();  // a local member already: nothing changed
  return audit_.Record(repos, actor, "project.fill_segment", "project", Str(p.id), investor->name + ": " + detail);
}

Status InvestmentService::ApplyMove(storage::Repositories& repos, const Actor& actor, inv::Project& p, Stage to,
                                    const std::string& on, const std::string& reason, TimeMs now) const {
  const Stage from = p.stage;
  inv::ApplyStageMove(p, to, on);
  p.updated_at = now;
  RETURN_IF_ERROR(repos.investments().UpdateProject(p));
  RETURN_IF_ERROR(repos.investments().AppendStageChange({0, p.id, from, to, on, reason, actor.user_id, now, {}}).status());
  if (to == Stage::kProducing) RETURN_IF_ERROR(FillSegment(repos, actor, p, now));
  return Status::Ok();
}

// ---- Projects. ----------------------------------------------------------------------------------

Result<storage::PageOf<inv::Project>> InvestmentService::Projects(const Actor& actor, storage::ProjectQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectRead, "project.list", "project"));
  query.q = text::Trim(query.q);
  query.page = query.page.Clamped();
  query.scope = actor.Filter();
  storage::PageOf<inv::Project> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.investments().Projects(query));
    return Status::Ok();
  }));
  return out;
}

Status InvestmentService::ForEachProject(const Actor& actor, storage::ProjectQuery query,
                                         const std::function<Status(const inv::Project&)>& sink) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectRead, "project.export", "project"));
  query.q = text::Trim(query.q);
  query.scope = actor.Filter();
  return store_.Read([&](storage::Repositories& repos) { return repos.investments().ForEachProject(query, sink); });
}

Result<std::vector<BoardColumn>> InvestmentService::Board(const Actor& actor, storage::ProjectQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectRead, "project.board", "project"));
  query.q = text::Trim(query.q);
  query.stages.clear();
  query.scope = actor.Filter();
  std::vector<BoardColumn> columns;
  for (Stage s : inv::AllStages()) columns.push_back(BoardColumn{s, 0, 0, {}});
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) {
    return repos.investments().ForEachProject(query, [&](const inv::Project& p) {
      BoardColumn& c = columns[static_cast<size_t>(p.stage)];
      ++c.count;
      c.agreed_amount += p.agreed_amount;  // ≤ 10^15 each: no overflow below 9,000 projects a column
      c.projects.push_back(p);
      return Status::Ok();
    });
  }));
  for (auto& c : columns) {
    std::stable_sort(c.projects.begin(), c.projects.end(), [](const auto& a, const auto& b) {
      return a.stage_on != b.stage_on ? a.stage_on > b.stage_on : a.id > b.id;
    });
    if (c.projects.size() > kBoardColumnLimit) c.projects.resize(kBoardColumnLimit);
  }
  return columns;
}

Result<ProjectDetail> InvestmentService::GetProject(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectRead, "project.get", "project", Str(id)));
  ProjectDetail out;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto project, LoadInScope(repos, actor, id, refusal));
    ASSIGN_OR_RETURN(out, Detail(repos, project));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "project.get", "project", refusal, st));
  return out;
}

Result<ProjectDetail> InvestmentService::CreateProject(const Actor& actor, ProjectInput in) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectWrite, "project.create", "project"));
  if (in.new_investor) {
    RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseWrite, "enterprise.create", "enterprise"));
  }
  const TimeMs now = clock_.NowMs();
  ProjectDetail out;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto stored, CreateProjectWithin(repos, actor, in, now, refusal));
    ASSIGN_OR_RETURN(out, Detail(repos, stored));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "project.create", "project", refusal, st));
  return out;
}

Result<inv::Project> InvestmentService::CreateProjectWithin(storage::Repositories& repos, const Actor& actor,
                                                            const ProjectInput& in, TimeMs now,
                                                            Refusal& refusal) const {
  if (in.new_investor) {
    if (in.investor_id) return InvalidArgument("give either investor_id or new_investor, not both", "investor_id");
  } else if (!in.investor_id) {
    return InvalidArgument("the investor is required", "investor_id");
  }
  const std::string today = inv::LocalDateOf(now);
  inv::Project p;
  p.name = in.name;
  p.investor_id = in.investor_id.value_or(0);
  p.chain_id = in.chain_id;
  p.segment_id = in.segment_id;
  p.purpose = in.purpose;
  p.agreed_amount = in.agreed_amount;
  p.paid_in_amount = in.paid_in_amount;
  p.event_id = in.event_id;
  p.unit_id = in.unit_id ? in.unit_id : actor.unit_id;
  p.contact = in.contact;
  p.note = in.note;
  RETURN_IF_ERROR(inv::NormaliseProject(p, in.paid_in_above_agreed));
  const std::string on = in.stage_on.empty() ? today : text::Trim(in.stage_on);
  if (!inv::IsDate(on)) return InvalidArgument("the stage date must be a real date written yyyy-mm-dd", "stage_on");
  if (on > today) return InvalidArgument("the stage date (" + on + ") is after today (" + today + ")", "stage_on");
  inv::ApplyStageMove(p, in.stage, on);
  p.created_by = actor.user_id;
  p.created_at = p.updated_at = now;
  if (in.new_investor) {
    const EnterpriseInput& ni = *in.new_investor;
    chain::Enterprise e;
    e.credit_code = ni.credit_code;
    e.name = ni.name;
    e.region_code = ni.region_code;
    e.local = ni.local;
    e.size = ni.size;
    e.revenue = ni.revenue;
    e.employees = ni.employees;
    e.founded = ni.founded;
    e.created_by = actor.user_id;
    e.created_at = e.updated_at = now;
    std::vector<chain::Enterprise> similar;
    RETURN_IF_ERROR(AsNewInvestorError(enterprises_.CheckNew(repos, e, similar)));
    ASSIGN_OR_RETURN(p.investor_id, repos.enterprises().Insert(e));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "enterprise.create", "enterprise", Str(p.investor_id),
                                  e.credit_code + " " + e.name));
  }
  RETURN_IF_ERROR(CheckProjectRefs(repos, actor, p, refusal));
  ASSIGN_OR_RETURN(p.id, repos.investments().InsertProject(p));
  RETURN_IF_ERROR(
      repos.investments().AppendStageChange({0, p.id, std::nullopt, p.stage, on, "", actor.user_id, now, {}}).status());
  ASSIGN_OR_RETURN(auto stored, repos.investments().GetProject(p.id));
  if (!stored) return Internal("the project just stored was not found");
  if (p.stage == Stage::kProducing) RETURN_IF_ERROR(FillSegment(repos, actor, *stored, now));
  RETURN_IF_ERROR(audit_.Record(repos, actor, "project.create", "project", Str(p.id),
                                p.name + " " + std::string(inv::StageName(p.stage))));
  return std::move(*stored);
}

Result<ProjectDetail> InvestmentService::UpdateProject(const Actor& actor, int64_t id, ProjectInput in) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectWrite, "project.update", "project", Str(id)));
  if (in.new_investor) return InvalidArgument("a new investor is registered only with a new project", "new_investor");
  if (!in.investor_id) return InvalidArgument("the investor is required", "investor_id");
  const TimeMs now = clock_.NowMs();
  ProjectDetail out;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(inv::Project p, LoadInScope(repos, actor, id, refusal));
    p.name = in.name;
    p.investor_id = *in.investor_id;
    p.chain_id = in.chain_id;
    p.segment_id = in.segment_id;
    p.purpose = in.purpose;
    p.agreed_amount = in.agreed_amount;
    p.paid_in_amount = in.paid_in_amount;
    p.event_id = in.event_id;
    if (in.unit_id) p.unit_id = in.unit_id;
    p.contact = in.contact;
    p.note = in.note;
    p.updated_at = now;
    RETURN_IF_ERROR(inv::NormaliseProject(p, in.paid_in_above_agreed));
    RETURN_IF_ERROR(CheckProjectRefs(repos, actor, p, refusal));
    RETURN_IF_ERROR(repos.investments().UpdateProject(p));
    ASSIGN_OR_RETURN(auto stored, repos.investments().GetProject(id));
    if (!stored) return Internal("the project just stored was not found");
    RETURN_IF_ERROR(audit_.Record(repos, actor, "project.update", "project", Str(id), p.name));
    ASSIGN_OR_RETURN(out, Detail(repos, *stored));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "project.update", "project", refusal, st));
  return out;
}

Result<ProjectDetail> InvestmentService::MoveStage(const Actor& actor, int64_t id, StageMoveInput in) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectWrite, "project.move", "project", Str(id)));
  const TimeMs now = clock_.NowMs();
  const std::string today = inv::LocalDateOf(now);
  const std::string on = in.on.empty() ? today : text::Trim(in.on);
  ProjectDetail out;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(inv::Project p, LoadInScope(repos, actor, id, refusal));
    const Stage from = p.stage;
    RETURN_IF_ERROR(inv::CheckStageMove(from, p.stage_on, in.to, on, in.reason, today));
    RETURN_IF_ERROR(ApplyMove(repos, actor, p, in.to, on, in.reason, now));
    std::string detail = std::string(inv::StageName(from)) + " → " + std::string(inv::StageName(in.to)) + " " + on;
    if (!in.reason.empty()) detail += " (" + in.reason + ")";
    RETURN_IF_ERROR(audit_.Record(repos, actor, "project.move", "project", Str(id), detail));
    ASSIGN_OR_RETURN(auto stored, repos.investments().GetProject(id));
    if (!stored) return Internal("the project just moved was not found");
    ASSIGN_OR_RETURN(out, Detail(repos, *stored));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "project.move", "project", refusal, st));
  return out;
}

Result<std::vector<inv::Project>> InvestmentService::BatchStart(const Actor& actor, BatchStartInput in) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectWrite, "project.batch_start", "project"));
  if (in.project_ids.empty()) return InvalidArgument("at least one project is required", "project_ids");
  if (in.project_ids.size() > kMaxBatch) {
    return InvalidArgument("at most " + std::to_string(kMaxBatch) + " projects start at once", "project_ids");
  }
  std::set<int64_t> seen;
  for (int64_t id : in.project_ids) {
    if (!seen.insert(id).second) return InvalidArgument("project " + Str(id) + " is listed twice", "project_ids");
  }
  in.ceremony = text::Trim(in.ceremony);
  if (!text::IsValidUtf8(in.ceremony) || text::Utf8Length(in.ceremony) > kMaxCeremony) {
    return InvalidArgument("the ceremony's name is too long (max 100 characters)", "ceremony");
  }
  const TimeMs now = clock_.NowMs();
  const std::string today = inv::LocalDateOf(now);
  const std::string on = in.on.empty() ? today : text::Trim(in.on);
  if (!inv::IsDate(on)) return InvalidArgument("the ceremony's date must be a real date written yyyy-mm-dd", "on");
  if (on > today) return InvalidArgument("the ceremony's date (" + on + ") is after today (" + today + ")", "on");
  const std::string reason = in.ceremony.empty() ? "集中开工" : in.ceremony;
  std::vector<inv::Project> out;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    for (int64_t id : in.project_ids) {
      auto loaded = LoadInScope(repos, actor, id, refusal);
      if (!loaded.ok()) {
        return Status(StatusCode::kInvalidArgument, "project " + Str(id) + " not found; nothing was started",
                      "project_ids");
      }
      inv::Project p = std::move(loaded).value();
      const std::string named = "project " + Str(id) + " 「" + p.name + "」";
      if (static_cast<int>(p.stage) >= static_cast<int>(Stage::kStarted)) {
        return Status(StatusCode::kInvalidArgument,
                      named + " is at " + std::string(inv::StageLabel(p.stage)) + " already; nothing was started",
                      "project_ids");
      }
      std::string move_reason;  // a forward move: no reason needed
      Status check = inv::CheckStageMove(p.stage, p.stage_on, Stage::kStarted, on, move_reason, today);
      if (!check.ok()) {
        return Status(StatusCode::kInvalidArgument, named + ": " + check.message() + "; nothing was started",
                      "project_ids");
      }
      RETURN_IF_ERROR(ApplyMove(repos, actor, p, Stage::kStarted, on, reason, now));
      RETURN_IF_ERROR(audit_.Record(repos, actor, "project.move", "project", Str(id),
                                    std::string(inv::StageName(p.stage)) + " " + on + " (" + reason + ")"));
      ASSIGN_OR_RETURN(auto stored, repos.investments().GetProject(id));
      if (!stored) return Internal("the project just moved was not found");
      out.push_back(std::move(*stored));
    }
    return audit_.Record(repos, actor, "project.batch_start", "project", "",
                         reason + " " + on + ": " + std::to_string(in.project_ids.size()) + " projects");
  });
  // A project outside the scope was reported as not found; the denial is logged too.
  RETURN_IF_ERROR(audit_.Finish(actor, "project.batch_start", "project", refusal, st));
  return out;
}

// ---- Promotion events. ----------------------------------------------------------------------------

Status InvestmentService::CheckEventRefs(storage::Repositories& repos, const inv::PromotionEvent& e) const {
  if (e.chain_id) {
    ASSIGN_OR_RETURN(auto chain, repos.chains().Get(*e.chain_id));
    if (!chain) return InvalidArgument("chain " + Str(*e.chain_id) + " does not exist", "chain_id");
  }
  for (int64_t unit_id : e.unit_ids) {
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(unit_id));
    if (!unit) return InvalidArgument("unit " + Str(unit_id) + " does not exist", "unit_ids");
  }
  return Status::Ok();
}

Result<EventDetail> InvestmentService::LoadEvent(storage::Repositories& repos, const Actor& actor, int64_t id) const {
  ASSIGN_OR_RETURN(auto event, repos.investments().GetEvent(id));
  if (!event) return NotFound("event " + Str(id) + " not found");
  EventDetail d;
  d.event = std::move(*event);
  storage::ProjectQuery q;
  q.event_id = id;
  q.scope = actor.Filter();
  RETURN_IF_ERROR(repos.investments().ForEachProject(q, [&](const inv::Project& p) {
    d.projects.push_back(p);
    return Status::Ok();
  }));
  return d;
}

Result<storage::PageOf<inv::PromotionEvent>> InvestmentService::Events(const Actor& actor, storage::EventQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectRead, "event.list", "promotion_event"));
  query.q = text::Trim(query.q);
  query.page = query.page.Clamped();
  storage::PageOf<inv::PromotionEvent> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.investments().Events(query));
    return Status::Ok();
  }));
  return out;
}

Result<EventDetail> InvestmentService::GetEvent(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectRead, "event.get", "promotion_event", Str(id)));
  EventDetail out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, LoadEvent(repos, actor, id));
    return Status::Ok();
  }));
  return out;
}

Result<EventDetail> InvestmentService::CreateEvent(const Actor& actor, inv::PromotionEvent event) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectWrite, "event.create", "promotion_event"));
  RETURN_IF_ERROR(inv::NormaliseEvent(event));
  const TimeMs now = clock_.NowMs();
  event.created_by = actor.user_id;
  event.created_at = event.updated_at = now;
  EventDetail out;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(CheckEventRefs(repos, event));
    ASSIGN_OR_RETURN(event.id, repos.investments().InsertEvent(event));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "event.create", "promotion_event", Str(event.id),
                                  event.name + " " + event.held_on + " " + event.city));
    ASSIGN_OR_RETURN(out, LoadEvent(repos, actor, event.id));
    return Status::Ok();
  }));
  return out;
}

Result<EventDetail> InvestmentService::UpdateEvent(const Actor& actor, int64_t id, inv::PromotionEvent event) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectWrite, "event.update", "promotion_event", Str(id)));
  RETURN_IF_ERROR(inv::NormaliseEvent(event));
  const TimeMs now = clock_.NowMs();
  EventDetail out;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.investments().GetEvent(id));
    if (!existing) return NotFound("event " + Str(id) + " not found");
    event.id = id;
    event.created_by = existing->created_by;
    event.created_at = existing->created_at;
    event.updated_at = now;
    RETURN_IF_ERROR(CheckEventRefs(repos, event));
    RETURN_IF_ERROR(repos.investments().UpdateEvent(event));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "event.update", "promotion_event", Str(id), event.name));
    ASSIGN_OR_RETURN(out, LoadEvent(repos, actor, id));
    return Status::Ok();
  }));
  return out;
}

Status InvestmentService::DeleteEvent(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectWrite, "event.delete", "promotion_event", Str(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(repos.investments().DeleteEvent(id));
    return audit_.Record(repos, actor, "event.delete", "promotion_event", Str(id));
  });
}

Result<std::vector<inv::EventFigures>> InvestmentService::EventFigures(const Actor& actor,
                                                                       storage::EventFigureQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectRead, "event.figures", "promotion_event"));
  if (query.year != 0 && (query.year < 1900 || query.year > 9999)) {
    return InvalidArgument("the year must be between 1900 and 9999", "year");
  }
  std::vector<inv::EventFigures> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.investments().EventFigures(query));
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::services
