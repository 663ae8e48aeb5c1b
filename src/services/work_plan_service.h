// WorkPlanService: work-plan tasks (工作要点, issue 7 point 4) on the casework engine. The
// supervision office (督查室, permission chain:task:write) sets a task for an owner unit (牵头单位)
// and its co-owners (配合单位) with a deadline and milestones: a case on the work_plan channel,
// registered in the office's name, accepted and dispatched to the owner with the task's deadline
// as the case's due time (casework::Command::due_at), with its task row — all in one transaction.
// From then on the task is supervised exactly as every case is: the owner signs for it, reports
// progress (a progress action carrying the percentage and the milestones done, whose task-row write
// runs inside the action's transaction), and replies when it is done; the office's callback
// accepts the result (a dissatisfied one reopens it); and the escalation ladder of category 1301
// (预警 five working days before the deadline, 催办 at it, 督办, 通报, 提级 after it) runs on the
// case's timer, with returns, reassignment, extensions and arbitration as for any case.
//
// Permissions: reading follows case visibility (case:case:read and the case in the data scope,
// else NotFound, logged); setting a task needs chain:task:write, case:case:create and
// case:case:dispatch; a progress report is the owner's (case:case:handle, lead unit).
// Time comes only from the injected Clock. Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/plan/work_task.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/case_service.h"
#include "storage/repositories.h"

namespace lz::services {

struct NewWorkTask {
  std::string title;  // 1–100 characters
  std::string text;   // what is to be done, 1–5000 characters
  int32_t year = 0;   // default: the deadline's
  std::optional<int64_t> chain_id;
  int64_t owner_unit_id = 0;
  std::vector<int64_t> co_owner_unit_ids;  // at most plan::kMaxCoOwners
  std::string deadline_on;                 // "YYYY-MM-DD", after today
  std::vector<plan::Milestone> milestones;  // title and due_on
};

struct ProgressReport {
  int32_t progress = 0;  // percent, 0–100
  std::string note;      // what was done, 1–2000 characters
  std::vector<int32_t> milestones_done;  // positions of milestones now done
};

// A task as lists and its page show it.
struct WorkTaskView {
  plan::WorkTask task;
  casework::Case c;
  plan::Standing standing = plan::Standing::kOnTrack;
  std::string owner_name;
  std::vector<std::string> co_owner_names;
  std::string chain_name;
};

struct WorkTaskListQuery {
  std::optional<int32_t> year;
  std::optional<int64_t> chain_id;
  std::optional<int64_t> unit_id;  // owner or co-owner
  bool overdue_only = false;        // open past the deadline
  std::string q;                    // words of the title (as CaseService::List)
  storage::PageRequest page;
};

class WorkPlanService {
 public:
  WorkPlanService(storage::Store& store, const Clock& clock, const AuditTrail& audit, CaseService& cases)
      : store_(store), clock_(clock), audit_(audit), cases_(cases) {}

  // Sets a task (see the header). InvalidArgument naming the field ("title", "text", "deadline_on",
  // "year", "owner_unit_id", "co_owner_unit_ids", "chain_id", "milestones[1].due_on" …);
  // PermissionDenied without the permissions; NotFound naming "owner_unit_id" for a unit outside
  // the actor's data scope. Nothing is written on error.
  Result<WorkTaskView> Create(const Actor& actor, NewWorkTask input);
  // The task of case `case_id`. NotFound when the case is not visible or not a task.
  Result<WorkTaskView> Get(const Actor& actor, int64_t case_id);
  // Tasks in the actor's scope matching the query, newest first.
  Result<storage::PageOf<WorkTaskView>> List(const Actor& actor, const WorkTaskListQuery& query);
  // The owner's progress report: a progress action on the case, the percentage and the milestones
  // done written in its transaction. InvalidArgument naming "progress", "note" or "milestones[i]";
  // PermissionDenied unless the actor acts for the owner unit; FailedPrecondition when the case
  // takes no progress now (closed, …).
  Result<WorkTaskView> Report(const Actor& actor, int64_t case_id, ProgressReport report);

 private:
  // Names of units and chains known so far (the case service's, then those read), so a page of
  // tasks reads each unit and chain once.
  struct Names {
    std::map<int64_t, std::string> units;
    std::map<int64_t, std::string> chains;
  };
  Result<WorkTaskView> ViewOf(storage::Repositories& repos, const casework::Case& c, plan::WorkTask task,
                              Names& names) const;

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  CaseService& cases_;
};

}  // namespace lz::services
