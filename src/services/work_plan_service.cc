// WorkPlanService: work-plan tasks as work_plan cases with their task rows (see the header).
#include "services/work_plan_service.h"

#include "services/unit_scope.h"

#include <set>

#include "common/china_time.h"
#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/casework/field_service.h"
#include "domain/casework/meeting.h"

namespace lz::services {
namespace {

namespace cw = lz::casework;
namespace perm = lz::auth::perm;

std::string Str(int64_t v) { return std::to_string(v); }

constexpr size_t kMaxReportNote = 2000;

}  // namespace

Result<WorkTaskView> WorkPlanService::ViewOf(storage::Repositories& repos, const cw::Case& c, plan::WorkTask task,
                                             Names& names) const {
  auto unit_name = [&](int64_t id) -> Result<std::string> {
    if (auto it = names.units.find(id); it != names.units.end()) return it->second;
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(id));
    return names.units[id] = unit ? unit->name : "";
  };
  WorkTaskView v;
  v.c = c;
  std::optional<std::string> finished_on;
  if (c.replied_at) finished_on = cw::MeetingDateOf(*c.replied_at);
  else if (c.closed_at) finished_on = cw::MeetingDateOf(*c.closed_at);
  v.standing = plan::StandingOf(task, c.state, finished_on, cw::MeetingDateOf(clock_.NowMs()));
  if (c.lead_unit_id) {
    ASSIGN_OR_RETURN(v.owner_name, unit_name(*c.lead_unit_id));
  }
  for (const auto& co : c.co_units) {
    ASSIGN_OR_RETURN(auto name, unit_name(co.unit_id));
    if (!name.empty()) v.co_owner_names.push_back(std::move(name));
  }
  if (task.chain_id) {
    if (auto it = names.chains.find(*task.chain_id); it != names.chains.end()) {
      v.chain_name = it->second;
    } else {
      ASSIGN_OR_RETURN(auto chain, repos.chains().Get(*task.chain_id));
      v.chain_name = names.chains[*task.chain_id] = chain ? chain->name : "";
    }
  }
  v.task = std::move(task);
  return v;
}

Result<WorkTaskView> WorkPlanService::Create(const Actor& actor, NewWorkTask input) {
  for (auto p : {perm::kTaskWrite, perm::kCaseCreate, perm::kCaseDispatch}) {
    RETURN_IF_ERROR(audit_.Require(actor, p, "work_task.create", "work_task"));
  }
  const TimeMs now = clock_.NowMs();
  plan::WorkTask task;
  task.year = input.year;
  task.chain_id = input.chain_id;
  task.deadline_on = std::move(input.deadline_on);
  task.milestones = std::move(input.milestones);
  task.created_at = now;
  RETURN_IF_ERROR(plan::NormaliseTask(task, cw::MeetingDateOf(now)));
  if (input.owner_unit_id <= 0) return InvalidArgument("a task has an owner unit", "owner_unit_id");
  if (input.co_owner_unit_ids.size() > plan::kMaxCoOwners) {
    return InvalidArgument("at most " + std::to_string(plan::kMaxCoOwners) + " co-owner units", "co_owner_unit_ids");
  }
  std::set<int64_t> co_owners;
  for (int64_t id : input.co_owner_unit_ids) {
    if (id == input.owner_unit_id || !co_owners.insert(id).second) {
      return InvalidArgument("a co-owner unit is named once and is not the owner", "co_owner_unit_ids");
    }
  }

  WorkTaskView out;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto owner, repos.units().Get(input.owner_unit_id));
    if (!owner) return InvalidArgument("unknown unit " + Str(input.owner_unit_id), "owner_unit_id");
    if (!CoversUnit(actor, *owner)) {
      refusal.Set(Str(owner->id));
      return Status(StatusCode::kNotFound, "unit " + Str(owner->id) + " not found", "owner_unit_id");
    }
    if (task.chain_id) {
      ASSIGN_OR_RETURN(auto chain, repos.chains().Get(*task.chain_id));
      if (!chain) return InvalidArgument("unknown chain " + Str(*task.chain_id), "chain_id");
    }
    NewCaseInput in;
    in.facts.channel = std::string(plan::kWorkPlanChannel);
    in.facts.category_code = std::string(plan::kWorkPlanCategory);
    in.facts.title = std::move(input.title);
    in.facts.text = std::move(input.text);
    in.facts.region_code = owner->region_code;
    if (text::Trim(in.facts.title).empty()) return InvalidArgument("a task has a title", "title");
    ASSIGN_OR_RETURN(cw::Case c, cases_.CreateWithin(repos, actor, std::move(in)));
    cw::Command dispatch;
    dispatch.type = cw::EventType::kDispatch;
    dispatch.unit_id = owner->id;
    dispatch.co_unit_ids = input.co_owner_unit_ids;
    dispatch.due_at = cw::LocalMidnightOf(task.deadline_on) + kDayMs;  // the end of the deadline's day
    dispatch.note = "工作要点，请于" + task.deadline_on + "前完成";
    auto dispatched = cases_.ActWithin(repos, actor, c.id, std::move(dispatch));
    if (!dispatched.ok()) {
      const Status& s = dispatched.status();
      if (s.field() == "unit_id") return Status(s.code(), s.message(), "owner_unit_id");
      if (s.field() == "co_unit_ids") return Status(s.code(), s.message(), "co_owner_unit_ids");
      if (s.field() == "due_at") return Status(s.code(), s.message(), "deadline_on");
      return s;
    }
    task.case_id = c.id;
    RETURN_IF_ERROR(repos.work_tasks().Insert(task));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "work_task.create", "work_task", Str(c.id),
                                  dispatched->number + " " + dispatched->facts.title + "（" + owner->name + "，" +
                                      task.deadline_on + "）"));
    Names names;
    names.units[owner->id] = owner->name;
    ASSIGN_OR_RETURN(out, ViewOf(repos, *dispatched, task, names));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "work_task.create", "work_task", refusal, st));
  return out;
}

Result<WorkTaskView> WorkPlanService::Get(const Actor& actor, int64_t case_id) {
  ASSIGN_OR_RETURN(CaseDetail detail, cases_.Get(actor, case_id));
  WorkTaskView out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto task, repos.work_tasks().Get(case_id));
    if (!task) return NotFound("work-plan task " + Str(case_id) + " not found");
    Names names;
    names.units = detail.unit_names;
    ASSIGN_OR_RETURN(out, ViewOf(repos, detail.c, std::move(*task), names));
    return Status::Ok();
  }));
  return out;
}

Result<storage::PageOf<WorkTaskView>> WorkPlanService::List(const Actor& actor, const WorkTaskListQuery& query) {
  storage::CaseQuery cq;
  cq.channel = std::string(plan::kWorkPlanChannel);
  cq.unit_id = query.unit_id;
  cq.include_co_units = query.unit_id.has_value();
  cq.q = query.q;
  cq.page = query.page;
  if (query.overdue_only) cq.due_before = clock_.NowMs();
  storage::PageOf<WorkTaskView> out;
  if (query.year || query.chain_id) {
    RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
      ASSIGN_OR_RETURN(cq.ids, repos.work_tasks().TaskIds({query.year, query.chain_id}));
      return Status::Ok();
    }));
    if (cq.ids.empty()) return out;
  }
  ASSIGN_OR_RETURN(CasePage cases, cases_.List(actor, std::move(cq)));
  out.total = cases.page.total;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    std::vector<int64_t> ids;
    for (const auto& c : cases.page.items) ids.push_back(c.id);
    ASSIGN_OR_RETURN(auto tasks, repos.work_tasks().GetMany(ids));
    Names names;
    names.units = cases.names.units;
    for (const auto& c : cases.page.items) {
      auto it = tasks.find(c.id);
      if (it == tasks.end()) continue;  // a work_plan case registered by hand, without a task row
      ASSIGN_OR_RETURN(auto view, ViewOf(repos, c, std::move(it->second), names));
      out.items.push_back(std::move(view));
    }
    return Status::Ok();
  }));
  return out;
}

Result<WorkTaskView> WorkPlanService::Report(const Actor& actor, int64_t case_id, ProgressReport report) {
  report.note = text::Trim(report.note);
  if (report.note.empty() || text::Utf8Length(report.note) > kMaxReportNote) {
    return InvalidArgument("a progress report says what was done, 1–" + std::to_string(kMaxReportNote) + " characters",
                           "note");
  }
  ActOptions options;
  options.precondition = [&](storage::Repositories& repos, const cw::Case& c, cw::Command& cmd) -> Status {
    ASSIGN_OR_RETURN(auto task, repos.work_tasks().Get(c.id));
    if (!task) return NotFound("work-plan task " + Str(case_id) + " not found");
    RETURN_IF_ERROR(plan::CheckReport(*task, report.progress, report.milestones_done));
    RETURN_IF_ERROR(repos.work_tasks().SetProgress(c.id, report.progress));
    const std::string today = cw::MeetingDateOf(clock_.NowMs());
    std::string done;
    for (int32_t position : report.milestones_done) {
      ASSIGN_OR_RETURN(bool marked, repos.work_tasks().MarkMilestoneDone(c.id, position, today, actor.user_id));
      if (!marked) return FailedPrecondition("milestone " + std::to_string(position) + " is done already", "milestones");
      done += (done.empty() ? "" : "、") + task->milestones[static_cast<size_t>(position)].title;
    }
    cmd.note = "进度" + std::to_string(report.progress) + "%：" + report.note + (done.empty() ? "" : "（完成节点：" + done + "）");
    return audit_.Record(repos, actor, "work_task.report", "work_task", Str(c.id),
                         c.number + " " + std::to_string(report.progress) + "%");
  };
  cw::Command progress;
  progress.type = cw::EventType::kProgress;
  progress.note = report.note;
  RETURN_IF_ERROR(cases_.Act(actor, case_id, std::move(progress), options).status());
  return Get(actor, case_id);
}

}  // namespace lz::services
