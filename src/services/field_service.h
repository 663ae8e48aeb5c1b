// FieldService: the field staff who serve enterprises (issue 6 points 1 and 4) on the casework
// engine — commissioners (特派员) assigned to key enterprises, and the business-environment staff:
// liaison officers of chambers of commerce (营商环境联络员), supervisors (监督员) and the contacts of
// monitoring-point enterprises (监测点).
//
// Assignments: a commissioner is a position of kind commissioner in the enterprise's context
// (domain/org/position.h). One enterprise has one commissioner; ReassignCommissioner moves it to
// another user in one transaction, with a reason in the operation log.
//
// Visits (走访): who visited which enterprise when, in which role (domain/casework/field_service.h
// ServingRole: its commissioner, its monitoring-point contact, or a liaison officer or supervisor
// whose unit's region covers it), the policies explained, the help given and the policy funds
// paid out. Each problem the enterprise raised at the visit becomes a case — on the commissioner
// channel when a commissioner files it, on the liaison channel otherwise — about the enterprise
// (and its chain, CaseService::Create), accepted at once in the field worker's unit (the worker
// checked it on site; the dispatch centre then dispatches it) with the worker as its reporter, so
// the worker records the enterprise's callback (回访) through CaseService::Act. The visit, its
// cases and their links are one transaction: bad input writes nothing.
//
// Permissions: chain:enterprise:visit to record visits and file problems for the enterprises one
// serves (and case:case:create for the problems), chain:enterprise:assign to assign commissioners
// and to read every enterprise's field record, case:kpi:read for the figures. Each write is one
// transaction with its operation-log row; refusals are logged. Time comes from the injected clock
// only. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/casework/field_service.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/case_service.h"
#include "storage/repositories.h"

namespace lz::services {

struct CommissionerAssignment {
  std::string credit_code;  // the enterprise
  int64_t user_id = 0;      // the commissioner: an active user whose roles hold chain:enterprise:visit
  std::string reason;       // optional, ≤ 200 characters
};

struct CommissionerReassignment {
  std::string credit_code;
  std::optional<int64_t> from_user_id;  // needed only when the enterprise has several commissioners
  int64_t to_user_id = 0;
  std::string reason;  // required, ≤ 200 characters
};

// A problem an enterprise raises: a case's facts that differ from problem to problem.
struct NewProblem {
  std::string category_code;  // under 05 企业服务 or 06 营商环境 (0501 招工用工, 0502 检验检测 …)
  std::string title;
  std::string text;
};

struct NewVisit {
  std::string credit_code;
  std::string visited_on;  // "YYYY-MM-DD", not after today
  std::optional<casework::FieldRole> role;  // default: the first role in which the actor serves it
  std::string summary;
  std::vector<std::string> policies;
  std::string help_given;
  int64_t funds_paid_yuan = 0;
  int64_t workers_recruited = 0;  // 0 … casework::kMaxVisitWorkers
  std::vector<NewProblem> problems;  // at most casework::kMaxProblemsPerVisit
};

struct RecordedVisit {
  casework::Visit visit;
  std::vector<casework::Case> problems;  // in the order given
};

// A problem on an enterprise's record, as the field pages show it.
struct ProblemEntry {
  casework::Case c;  // reporter's phone masked
  std::string category_name;
  std::string lead_unit_name;
  std::string reply;                // the unit's last reply
  std::optional<int64_t> visit_id;  // the visit it was raised at
  bool solved = false;              // closed or archived with outcome resolved
};

struct EnterpriseFieldRecord {
  chain::Enterprise enterprise;
  std::vector<org::Position> commissioners;  // with user_name
  std::optional<casework::FieldRole> my_role;  // the role in which the actor serves it, if any
  std::vector<storage::VisitRow> visits;       // latest first (at most 100)
  std::vector<ProblemEntry> problems;          // newest first
  storage::FieldTally tally;
};

struct ServedEnterprise {
  chain::Enterprise enterprise;
  std::optional<casework::FieldRole> role;  // the position held on it; nullopt: only visited
  storage::FieldTally tally;
};

class FieldService {
 public:
  // Everything passed must outlive the service.
  FieldService(storage::Store& store, const Clock& clock, const AuditTrail& audit, CaseService& cases)
      : store_(store), clock_(clock), audit_(audit), cases_(cases) {}

  // ---- Commissioner assignments (chain:enterprise:assign). -----------------------------------
  // Makes `user_id` the commissioner of the enterprise. InvalidArgument naming "credit_code" for
  // an unknown enterprise, "user_id" for an unknown or inactive user or one whose roles lack
  // chain:enterprise:visit; NotFound naming "user_id" for a user outside the actor's scope;
  // FailedPrecondition naming "credit_code" when the enterprise has a commissioner already.
  Result<org::Position> AssignCommissioner(const Actor& actor, CommissionerAssignment input);
  // Moves the enterprise's commissioner to `to_user_id` in one transaction (the old position
  // removed, the new one created, the reason logged). FailedPrecondition naming "credit_code"
  // when it has none; InvalidArgument naming "reason" (required), "from_user_id" (not its
  // commissioner, or missing among several), "to_user_id" (as user_id above, or already its
  // commissioner).
  Result<org::Position> ReassignCommissioner(const Actor& actor, CommissionerReassignment input);
  // Ends the enterprise's commissioner's assignment (from_user_id as for reassigning; reason
  // required).
  Status EndCommissioner(const Actor& actor, const std::string& credit_code, std::optional<int64_t> from_user_id,
                         std::string reason);
  // Enterprises with their commissioners and tallies (the assignment page).
  Result<storage::PageOf<storage::AssignmentRow>> Assignments(const Actor& actor, storage::AssignmentQuery query);

  // ---- The field worker's side (chain:enterprise:visit). -------------------------------------
  // The enterprises the actor holds a commissioner or monitoring-point position on, then those
  // the actor has visited otherwise, each with its tally.
  Result<std::vector<ServedEnterprise>> MyEnterprises(const Actor& actor);
  // Records a visit and files the problems raised at it, all in one transaction. InvalidArgument
  // naming the field ("credit_code" unknown, "visited_on", "summary", "funds_paid_yuan", "workers_recruited",
  // "problems[1].category_code", "problems[0].text" …); PermissionDenied when the actor does not
  // serve the enterprise (in the role asked for).
  Result<RecordedVisit> RecordVisit(const Actor& actor, NewVisit input);
  // Files one problem outside a visit (a liaison officer's report, an enterprise's call to its
  // commissioner), with the same rules as a visit's problem.
  Result<casework::Case> FileProblem(const Actor& actor, const std::string& credit_code, NewProblem problem,
                                     std::optional<casework::FieldRole> role = std::nullopt);
  // An enterprise's field record: commissioners, visits, problems and their state. Needs
  // chain:enterprise:assign, or chain:enterprise:visit and serving (or having visited) it;
  // PermissionDenied otherwise; InvalidArgument naming "credit_code" for an unknown enterprise.
  Result<EnterpriseFieldRecord> EnterpriseRecord(const Actor& actor, const std::string& credit_code);
  // Visits, latest first. Without chain:enterprise:assign only the actor's own visits and those
  // to the enterprises the actor is commissioner or monitoring-point contact of.
  Result<storage::PageOf<storage::VisitRow>> Visits(const Actor& actor, storage::VisitQuery query);

  // ---- Figures (case:kpi:read). ---------------------------------------------------------------
  // The field staff's figures over a period of local dates (storage::FieldFigures says what each
  // counts). InvalidArgument naming "from"/"to" for a bad period.
  Result<storage::FieldFigures> Figures(const Actor& actor, storage::FieldFigureQuery query);

 private:
  // The role in which the actor serves `enterprise` (ServingRole), computed from the actor's
  // positions and unit inside the transaction.
  Result<casework::FieldRole> RoleFor(storage::Repositories& repos, const Actor& actor,
                                      const chain::Enterprise& enterprise, std::optional<casework::FieldRole> requested);
  Result<chain::Enterprise> EnterpriseByCode(storage::Repositories& repos, const std::string& credit_code);
  // The user who is to be commissioner, checked (see AssignCommissioner).
  Result<auth::User> Assignee(storage::Repositories& repos, const Actor& actor, int64_t user_id,
                              const std::string& field, Refusal& refusal);
  Result<std::vector<org::Position>> CommissionersOf(storage::Repositories& repos, const std::string& credit_code);
  // Files one problem inside the caller's transaction; errors name "<prefix>title" and the like.
  Result<casework::Case> File(storage::Repositories& repos, const Actor& actor, const chain::Enterprise& enterprise,
                              casework::FieldRole role, NewProblem problem, const std::string& prefix);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  CaseService& cases_;
};

}  // namespace lz::services
