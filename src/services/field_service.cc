// FieldService: commissioner assignments, visits with their problems as cases, field records and
// the field staff's figures.
#include "services/field_service.h"

#include <algorithm>
#include <set>

#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/casework/meeting.h"
#include "domain/chain/credit_code.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
namespace cw = casework;

std::string Str(int64_t v) { return std::to_string(v); }

constexpr size_t kMaxReason = 200;
constexpr int64_t kRecordVisits = 100;

Status CheckReason(std::string& reason, bool required) {
  reason = text::Trim(reason);
  if (required && reason.empty()) return InvalidArgument("a reason is required", "reason");
  if (text::Utf8Length(reason) > kMaxReason) return InvalidArgument("the reason is too long (max 200 characters)", "reason");
  return Status::Ok();
}

// An error of CaseService::Create about one problem, with the problem's place in its field name.
Status ProblemError(const Status& st, const std::string& prefix) {
  if (prefix.empty() || st.field().empty()) return st;
  std::string field(st.field());
  if (field == "enterprise_credit_code") return Status(st.code(), st.message(), "credit_code");
  return Status(st.code(), st.message(), prefix + field);
}

}  // namespace

// ---- Helpers. -------------------------------------------------------------------------------------

Result<chain::Enterprise> FieldService::EnterpriseByCode(storage::Repositories& repos, const std::string& credit_code) {
  const std::string code = chain::NormaliseCreditCode(credit_code);
  if (code.empty()) return InvalidArgument("the enterprise's credit code is required", "credit_code");
  ASSIGN_OR_RETURN(auto firm, repos.enterprises().GetByCreditCode(code));
  if (!firm) return InvalidArgument("no enterprise is registered with credit code " + code, "credit_code");
  return std::move(*firm);
}

Result<std::vector<org::Position>> FieldService::CommissionersOf(storage::Repositories& repos,
                                                                 const std::string& credit_code) {
  storage::PositionQuery q;
  q.kind = org::PositionKind::kCommissioner;
  q.context_type = org::ContextType::kEnterprise;
  q.context_ref = credit_code;
  q.scope = auth::ScopeFilter::All();
  q.page = {1, storage::PageRequest::kMaxPageSize};
  ASSIGN_OR_RETURN(auto page, repos.positions().List(q));
  return std::move(page.items);
}

Result<cw::FieldRole> FieldService::RoleFor(storage::Repositories& repos, const Actor& actor,
                                            const chain::Enterprise& enterprise,
                                            std::optional<cw::FieldRole> requested) {
  cw::ServingFacts facts;
  if (actor.system) {
    facts = {true, true, true, true, true};
    return cw::ServingRole(facts, requested.value_or(cw::FieldRole::kCommissioner));
  }
  storage::PositionQuery q;
  q.user_id = actor.user_id;
  q.scope = auth::ScopeFilter::All();
  q.page = {1, storage::PageRequest::kMaxPageSize};
  ASSIGN_OR_RETURN(auto held, repos.positions().List(q));
  for (const auto& p : held.items) {
    const bool here = p.context_type == org::ContextType::kEnterprise && p.context_ref == enterprise.credit_code;
    if (p.kind == org::PositionKind::kCommissioner && here) facts.commissioner = true;
    if (p.kind == org::PositionKind::kMonitoringPoint && here) facts.monitoring_point = true;
    if (p.kind == org::PositionKind::kLiaisonOfficer) facts.liaison_officer = true;
    if (p.kind == org::PositionKind::kSupervisor) facts.supervisor = true;
  }
  if (actor.scope.kind == auth::ScopeKind::kAll) {
    facts.in_region = true;
  } else if (actor.unit_id) {
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(actor.unit_id));
    facts.in_region = unit && !unit->region_code.empty() && enterprise.region_code.rfind(unit->region_code, 0) == 0;
  }
  return cw::ServingRole(facts, requested);
}

Result<auth::User> FieldService::Assignee(storage::Repositories& repos, const Actor& actor, int64_t user_id,
                                          const std::string& field, Refusal& refusal) {
  ASSIGN_OR_RETURN(auto user, repos.users().Get(user_id));
  if (!user) return InvalidArgument("user " + Str(user_id) + " does not exist", field);
  if (!actor.Filter().Allows(user->unit_id, user->unit_path, user->id)) {
    refusal.Set(Str(user_id));
    return Status(StatusCode::kNotFound, "user " + Str(user_id) + " not found", field);
  }
  if (user->status != auth::UserStatus::kActive) return InvalidArgument(user->name + " is not an active user", field);
  bool can_visit = false;
  for (int64_t role_id : user->role_ids) {
    ASSIGN_OR_RETURN(auto role, repos.roles().Get(role_id));
    if (role && role->permissions.count(std::string(perm::kEnterpriseVisit)) > 0) can_visit = true;
  }
  if (!can_visit) {
    return InvalidArgument(user->name + " may not record visits (no role with chain:enterprise:visit)", field);
  }
  return std::move(*user);
}

Result<cw::Case> FieldService::File(storage::Repositories& repos, const Actor& actor,
                                    const chain::Enterprise& enterprise, cw::FieldRole role, NewProblem problem,
                                    const std::string& prefix) {
  RETURN_IF_ERROR(cw::CheckEnterpriseCategory(problem.category_code, prefix + "category_code"));
  NewCaseInput in;
  cw::CaseFacts& f = in.facts;
  f.channel = std::string(cw::ChannelOf(role));
  f.category_code = text::Trim(problem.category_code);
  f.title = std::move(problem.title);
  f.text = std::move(problem.text);
  f.region_code = enterprise.region_code;
  f.reporter_name = actor.name;
  if (actor.user_id != 0) f.reporter_user_id = actor.user_id;
  f.subject_kind = cw::SubjectKind::kEnterprise;
  in.enterprise_credit_code = enterprise.credit_code;
  in.accept = true;
  // The field worker checked the problem on site and accepts it on the channel as its intake (the
  // dispatch centre then dispatches it); RecordVisit and FileProblem have authorised them.
  in.accept_vouched_by_channel = true;
  auto created = cases_.CreateWithin(repos, actor, std::move(in));
  if (!created.ok()) return ProblemError(created.status(), prefix);
  return created;
}

// ---- Assignments. ---------------------------------------------------------------------------------

Result<org::Position> FieldService::AssignCommissioner(const Actor& actor, CommissionerAssignment input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCommissionerAssign, "commissioner.assign", "enterprise"));
  RETURN_IF_ERROR(CheckReason(input.reason, false));
  org::Position p;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto firm, EnterpriseByCode(repos, input.credit_code));
    ASSIGN_OR_RETURN(auto user, Assignee(repos, actor, input.user_id, "user_id", refusal));
    ASSIGN_OR_RETURN(auto current, CommissionersOf(repos, firm.credit_code));
    if (!current.empty()) {
      return FailedPrecondition(firm.name + " has a commissioner already (" + current.front().user_name +
                                "); reassign it instead", "credit_code");
    }
    p = org::Position{};
    p.user_id = user.id;
    p.kind = org::PositionKind::kCommissioner;
    p.context_type = org::ContextType::kEnterprise;
    p.context_ref = firm.credit_code;
    p.context_name = firm.name;
    p.created_by = actor.user_id;
    p.created_at = clock_.NowMs();
    ASSIGN_OR_RETURN(p.id, repos.positions().Insert(p));
    p.user_name = user.name;
    return audit_.Record(repos, actor, "commissioner.assign", "enterprise", firm.credit_code,
                         firm.name + "：特派员 " + user.name + (input.reason.empty() ? "" : "，" + input.reason));
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "commissioner.assign", "enterprise", refusal, st));
  return p;
}

namespace {

// The commissioner position `from_user_id` names among `current` (or the only one).
Result<org::Position> Outgoing(const std::vector<org::Position>& current, std::optional<int64_t> from_user_id,
                               const chain::Enterprise& firm) {
  if (current.empty()) return FailedPrecondition(firm.name + " has no commissioner; assign one", "credit_code");
  if (from_user_id) {
    for (const auto& p : current) {
      if (p.user_id == *from_user_id) return p;
    }
    return InvalidArgument("user " + Str(*from_user_id) + " is not the commissioner of " + firm.name, "from_user_id");
  }
  if (current.size() > 1) {
    return InvalidArgument(firm.name + " has several commissioners: name the one who leaves", "from_user_id");
  }
  return current.front();
}

}  // namespace

Result<org::Position> FieldService::ReassignCommissioner(const Actor& actor, CommissionerReassignment input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCommissionerAssign, "commissioner.reassign", "enterprise"));
  RETURN_IF_ERROR(CheckReason(input.reason, true));
  org::Position p;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto firm, EnterpriseByCode(repos, input.credit_code));
    ASSIGN_OR_RETURN(auto current, CommissionersOf(repos, firm.credit_code));
    ASSIGN_OR_RETURN(auto outgoing, Outgoing(current, input.from_user_id, firm));
    ASSIGN_OR_RETURN(auto user, Assignee(repos, actor, input.to_user_id, "to_user_id", refusal));
    for (const auto& c : current) {
      if (c.user_id == user.id) {
        return InvalidArgument(user.name + " is a commissioner of " + firm.name + " already", "to_user_id");
      }
    }
    RETURN_IF_ERROR(repos.positions().Delete(outgoing.id));
    p = org::Position{};
    p.user_id = user.id;
    p.kind = org::PositionKind::kCommissioner;
    p.context_type = org::ContextType::kEnterprise;
    p.context_ref = firm.credit_code;
    p.context_name = firm.name;
    p.created_by = actor.user_id;
    p.created_at = clock_.NowMs();
    ASSIGN_OR_RETURN(p.id, repos.positions().Insert(p));
    p.user_name = user.name;
    return audit_.Record(repos, actor, "commissioner.reassign", "enterprise", firm.credit_code,
                         firm.name + "：特派员 " + outgoing.user_name + " → " + user.name + "，原因：" + input.reason);
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "commissioner.reassign", "enterprise", refusal, st));
  return p;
}

Status FieldService::EndCommissioner(const Actor& actor, const std::string& credit_code,
                                     std::optional<int64_t> from_user_id, std::string reason) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCommissionerAssign, "commissioner.end", "enterprise"));
  RETURN_IF_ERROR(CheckReason(reason, true));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto firm, EnterpriseByCode(repos, credit_code));
    ASSIGN_OR_RETURN(auto current, CommissionersOf(repos, firm.credit_code));
    ASSIGN_OR_RETURN(auto outgoing, Outgoing(current, from_user_id, firm));
    RETURN_IF_ERROR(repos.positions().Delete(outgoing.id));
    return audit_.Record(repos, actor, "commissioner.end", "enterprise", firm.credit_code,
                         firm.name + "：特派员 " + outgoing.user_name + " 离任，原因：" + reason);
  });
}

Result<storage::PageOf<storage::AssignmentRow>> FieldService::Assignments(const Actor& actor,
                                                                          storage::AssignmentQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCommissionerAssign, "commissioner.list", "enterprise"));
  query.page = query.page.Clamped();
  query.q = text::Trim(query.q);
  storage::PageOf<storage::AssignmentRow> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.visits().Assignments(query));
    return Status::Ok();
  }));
  return out;
}

// ---- The field worker's side. ---------------------------------------------------------------------

Result<std::vector<ServedEnterprise>> FieldService::MyEnterprises(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseVisit, "visit.mine", "enterprise"));
  std::vector<ServedEnterprise> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    storage::PositionQuery q;
    q.user_id = actor.user_id;  // every context: PositionQuery's context_type also needs the ref
    q.scope = auth::ScopeFilter::All();
    q.page = {1, storage::PageRequest::kMaxPageSize};
    ASSIGN_OR_RETURN(auto held, repos.positions().List(q));
    std::set<int64_t> listed;
    for (const auto& p : held.items) {
      auto role = cw::FieldRoleOf(p.kind);
      if (!role || p.context_type != org::ContextType::kEnterprise) continue;
      ASSIGN_OR_RETURN(auto firm, repos.enterprises().GetByCreditCode(p.context_ref));
      if (!firm || !listed.insert(firm->id).second) continue;
      ServedEnterprise s;
      s.enterprise = std::move(*firm);
      s.role = role;
      out.push_back(std::move(s));
    }
    ASSIGN_OR_RETURN(auto visited, repos.visits().VisitedBy(actor.user_id));
    for (int64_t id : visited) {
      if (!listed.insert(id).second) continue;
      ASSIGN_OR_RETURN(auto firm, repos.enterprises().Get(id));
      if (!firm) continue;
      ServedEnterprise s;
      s.enterprise = std::move(*firm);
      out.push_back(std::move(s));
    }
    for (auto& s : out) {
      ASSIGN_OR_RETURN(s.tally, repos.visits().Tally(s.enterprise.id));
    }
    return Status::Ok();
  }));
  return out;
}

Result<RecordedVisit> FieldService::RecordVisit(const Actor& actor, NewVisit input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseVisit, "visit.create", "enterprise_visit"));
  if (!input.problems.empty()) {
    RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCreate, "visit.create", "enterprise_visit"));
  }
  const TimeMs now = clock_.NowMs();
  cw::Visit v;
  v.visited_on = std::move(input.visited_on);
  v.summary = std::move(input.summary);
  v.policies = std::move(input.policies);
  v.help_given = std::move(input.help_given);
  v.funds_paid_yuan = input.funds_paid_yuan;
  v.workers_recruited = input.workers_recruited;
  v.visitor_user_id = actor.user_id;
  v.created_at = now;
  RETURN_IF_ERROR(cw::NormaliseVisit(v, cw::MeetingDateOf(now)));
  if (input.problems.size() > cw::kMaxProblemsPerVisit) {
    return InvalidArgument("at most " + std::to_string(cw::kMaxProblemsPerVisit) + " problems per visit", "problems");
  }
  for (size_t i = 0; i < input.problems.size(); ++i) {
    const std::string prefix = "problems[" + std::to_string(i) + "].";
    RETURN_IF_ERROR(cw::CheckEnterpriseCategory(input.problems[i].category_code, prefix + "category_code"));
  }
  RecordedVisit out;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto firm, EnterpriseByCode(repos, input.credit_code));
    auto role = RoleFor(repos, actor, firm, input.role);
    if (!role.ok()) {
      refusal.Set(firm.credit_code);
      return role.status();
    }
    v.enterprise_id = firm.id;
    v.role = *role;
    ASSIGN_OR_RETURN(v.id, repos.visits().Insert(v));
    out = RecordedVisit{};
    for (size_t i = 0; i < input.problems.size(); ++i) {
      ASSIGN_OR_RETURN(auto c, File(repos, actor, firm, *role, std::move(input.problems[i]),
                                    "problems[" + std::to_string(i) + "]."));
      RETURN_IF_ERROR(repos.visits().AddProblem(v.id, c.id));
      v.problem_case_ids.push_back(c.id);
      out.problems.push_back(std::move(c));
    }
    out.visit = v;
    return audit_.Record(repos, actor, "visit.create", "enterprise_visit", Str(v.id),
                         firm.name + " " + v.visited_on + "（" + std::string(cw::FieldRoleName(v.role)) + "），政策资金" +
                             std::to_string(v.funds_paid_yuan) + "元，招工" +
                             std::to_string(v.workers_recruited) + "人，问题" + std::to_string(out.problems.size()) + "个");
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "visit.create", "enterprise_visit", refusal, st));
  return out;
}

Result<cw::Case> FieldService::FileProblem(const Actor& actor, const std::string& credit_code, NewProblem problem,
                                           std::optional<cw::FieldRole> role) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseVisit, "visit.problem", "enterprise"));
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCreate, "visit.problem", "enterprise"));
  RETURN_IF_ERROR(cw::CheckEnterpriseCategory(problem.category_code, "category_code"));
  cw::Case out;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto firm, EnterpriseByCode(repos, credit_code));
    auto served = RoleFor(repos, actor, firm, role);
    if (!served.ok()) {
      refusal.Set(firm.credit_code);
      return served.status();
    }
    ASSIGN_OR_RETURN(out, File(repos, actor, firm, *served, std::move(problem), ""));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "visit.problem", "enterprise", refusal, st));
  return out;
}

Result<EnterpriseFieldRecord> FieldService::EnterpriseRecord(const Actor& actor, const std::string& credit_code) {
  if (!actor.Has(perm::kCommissionerAssign)) {
    RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseVisit, "visit.record", "enterprise", credit_code));
  }
  EnterpriseFieldRecord d;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(d.enterprise, EnterpriseByCode(repos, credit_code));
    if (actor.Has(perm::kEnterpriseVisit)) {
      auto role = RoleFor(repos, actor, d.enterprise, std::nullopt);
      if (role.ok()) d.my_role = *role;
    }
    if (!d.my_role && !actor.Has(perm::kCommissionerAssign)) {
      ASSIGN_OR_RETURN(auto visited, repos.visits().VisitedBy(actor.user_id));
      if (std::find(visited.begin(), visited.end(), d.enterprise.id) == visited.end()) {
        refusal.Set(d.enterprise.credit_code);
        return PermissionDenied("you do not serve " + d.enterprise.name);
      }
    }
    ASSIGN_OR_RETURN(d.commissioners, CommissionersOf(repos, d.enterprise.credit_code));
    storage::VisitQuery vq;
    vq.enterprise_id = d.enterprise.id;
    vq.page = {1, kRecordVisits};
    ASSIGN_OR_RETURN(auto visits, repos.visits().List(vq));
    d.visits = std::move(visits.items);
    ASSIGN_OR_RETURN(auto ids, repos.visits().ProblemsOf(d.enterprise.id));
    for (int64_t id : ids) {
      ASSIGN_OR_RETURN(auto c, repos.cases().Get(id));
      if (!c) continue;
      ProblemEntry e;
      e.c = std::move(*c);
      e.c.facts.reporter_phone = text::MaskPhone(e.c.facts.reporter_phone);
      ASSIGN_OR_RETURN(auto category, repos.catalogue().GetCategoryByCode(e.c.facts.category_code));
      if (category) e.category_name = category->name;
      if (e.c.lead_unit_id) {
        ASSIGN_OR_RETURN(auto unit, repos.units().Get(*e.c.lead_unit_id));
        if (unit) e.lead_unit_name = unit->name;
      }
      ASSIGN_OR_RETURN(auto events, repos.cases().Events(e.c.id));
      for (const auto& ev : events) {
        if (ev.type == cw::EventType::kReply) e.reply = ev.note;
      }
      ASSIGN_OR_RETURN(e.visit_id, repos.visits().VisitOfCase(e.c.id));
      e.solved = (e.c.state == cw::CaseState::kClosed || e.c.state == cw::CaseState::kArchived) &&
                 e.c.outcome == cw::Outcome::kResolved;
      d.problems.push_back(std::move(e));
    }
    ASSIGN_OR_RETURN(d.tally, repos.visits().Tally(d.enterprise.id));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "visit.record", "enterprise", refusal, st));
  return d;
}

Result<storage::PageOf<storage::VisitRow>> FieldService::Visits(const Actor& actor, storage::VisitQuery query) {
  if (!actor.Has(perm::kCommissionerAssign)) {
    RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseVisit, "visit.list", "enterprise_visit"));
    query.served_by_user_id = actor.user_id;
  }
  RETURN_IF_ERROR(cw::CheckPeriod(query.period));
  query.page = query.page.Clamped();
  storage::PageOf<storage::VisitRow> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.visits().List(query));
    return Status::Ok();
  }));
  return out;
}

// ---- Figures. -------------------------------------------------------------------------------------

Result<storage::FieldFigures> FieldService::Figures(const Actor& actor, storage::FieldFigureQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseKpi, "visit.figures", "enterprise_visit"));
  RETURN_IF_ERROR(cw::CheckPeriod(query.period));
  query.region_code = text::Trim(query.region_code);
  storage::FieldFigures out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    if (!query.region_code.empty()) {
      ASSIGN_OR_RETURN(auto region, repos.regions().Get(query.region_code));
      if (!region) return InvalidArgument("unknown region " + query.region_code, "region_code");
    }
    ASSIGN_OR_RETURN(out, repos.visits().Figures(query));
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::services
