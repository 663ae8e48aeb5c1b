// InvestmentService: the investment pipeline (招商项目, issue 7 point 1) and promotion events
// (推介会, point 2). Reading needs chain:project:read, writing chain:project:write; projects obey
// the data scope over their responsible unit (a project outside it answers NotFound and the
// attempt is logged as denied), events are read by everyone holding the read permission. Every
// write is one transaction with its operation-log row:
//  - creating a project may register a new investor in the enterprise registry first (the
//    registry's checks through EnterpriseService::CheckNew; needs chain:enterprise:write too);
//  - a stage move appends a dated history row (who, when, from, to, reason) — the rules are
//    domain/investment/project.h;
//  - a batch start ceremony (集中开工) moves many projects to 开工 on one date in one transaction,
//    all or nothing, naming the project that could not move;
//  - a project reaching 投产 makes its investor a local member of the project's segment in the
//    same transaction (decision 0018), so the chain analysis, which follows the registry's change
//    feed, sees a breakpoint filled as soon as the move commits.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/investment/project.h"
#include "domain/investment/promotion_event.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/enterprise_service.h"
#include "storage/repositories.h"

namespace lz::services {

struct ProjectInput {
  std::string name;
  std::optional<int64_t> investor_id;            // an enterprise of the registry, or
  std::optional<EnterpriseInput> new_investor;   // one registered with the project (create only)
  int64_t chain_id = 0;
  int64_t segment_id = 0;
  investment::Purpose purpose = investment::Purpose::kChainFill;
  int64_t agreed_amount = 0;
  int64_t paid_in_amount = 0;
  investment::PaidInAboveAgreed paid_in_above_agreed = investment::PaidInAboveAgreed::kRefuse;
  std::optional<int64_t> event_id;
  int64_t unit_id = 0;  // the responsible unit; 0 = the actor's unit
  std::string contact;
  std::string note;
  // Create only: the stage the project enters the pipeline at and its date ("" = today).
  investment::Stage stage = investment::Stage::kLead;
  std::string stage_on;
};

struct StageMoveInput {
  investment::Stage to = investment::Stage::kLead;
  std::string on;  // local date of the move; "" = today
  std::string reason;
};

// A project with its history, and whether its investor is (now) a local member of its segment.
struct ProjectDetail {
  investment::Project project;
  std::vector<investment::StageChange> history;
  bool investor_local_member = false;
};

struct BatchStartInput {
  std::vector<int64_t> project_ids;  // at least one, each at most once
  std::string on;                    // the ceremony's date; "" = today
  std::string ceremony;              // e.g. "2025年四季度重大项目集中开工", ≤ 100 characters (history reason)
};

// One column of the pipeline board.
struct BoardColumn {
  investment::Stage stage = investment::Stage::kLead;
  int64_t count = 0;
  int64_t agreed_amount = 0;  // sum over the column, yuan
  std::vector<investment::Project> projects;  // the latest moved first, at most kBoardColumnLimit
};
inline constexpr size_t kBoardColumnLimit = 100;

struct EventDetail {
  investment::PromotionEvent event;
  std::vector<investment::Project> projects;  // linked projects in the actor's scope
};

class InvestmentService {
 public:
  InvestmentService(storage::Store& store, const Clock& clock, const AuditTrail& audit,
                    const EnterpriseService& enterprises)
      : store_(store), clock_(clock), audit_(audit), enterprises_(enterprises) {}

  // ---- Projects. ----
  // Projects in scope matching the query (paged).
  Result<storage::PageOf<investment::Project>> Projects(const Actor& actor, storage::ProjectQuery query);
  // Every project in scope matching the query, for exports.
  Status ForEachProject(const Actor& actor, storage::ProjectQuery query,
                        const std::function<Status(const investment::Project&)>& sink);
  // The board: one column per stage (all six, in order) of the projects in scope matching the
  // query (its stages and page ignored).
  Result<std::vector<BoardColumn>> Board(const Actor& actor, storage::ProjectQuery query);
  // NotFound outside the scope.
  Result<ProjectDetail> GetProject(const Actor& actor, int64_t id);
  // Checks the input (InvalidArgument naming the field: "investor_id", "new_investor.*",
  // "chain_id", "segment_id", "event_id", "unit_id", amounts, "stage_on"), registers a new investor
  // when given, stores the project and its first history row.
  Result<ProjectDetail> CreateProject(const Actor& actor, ProjectInput input);
  // CreateProject's checks and writes inside the caller's write transaction (imports): the same
  // errors, the project, its first history row, the gap filled at 投产 and the operation-log row.
  // The caller holds chain:project:write (and chain:enterprise:write for a new investor); a unit
  // outside the scope answers NotFound naming "unit_id" with `refusal` set. Returns the project
  // as stored (display names filled).
  Result<investment::Project> CreateProjectWithin(storage::Repositories& repos, const Actor& actor,
                                                  const ProjectInput& input, TimeMs now, Refusal& refusal) const;
  // Changes the fields but the stage (moves go through MoveStage); a new investor is refused.
  Result<ProjectDetail> UpdateProject(const Actor& actor, int64_t id, ProjectInput input);
  // One move (rules in domain/investment/project.h); 投产 fills the segment (see above).
  Result<ProjectDetail> MoveStage(const Actor& actor, int64_t id, StageMoveInput input);
  // 集中开工: every listed project moves to 开工 on the date, in one transaction. A project unknown,
  // outside the scope, at 开工 or beyond, or dated after its last move refuses the whole batch
  // with InvalidArgument naming "project_ids" and the project. Returns the moved projects.
  Result<std::vector<investment::Project>> BatchStart(const Actor& actor, BatchStartInput input);

  // ---- Promotion events. ----
  Result<storage::PageOf<investment::PromotionEvent>> Events(const Actor& actor, storage::EventQuery query);
  // The event with its projects (those in the actor's scope).
  Result<EventDetail> GetEvent(const Actor& actor, int64_t id);
  // Checks the fields (domain), the chain ("chain_id") and units ("unit_ids").
  Result<EventDetail> CreateEvent(const Actor& actor, investment::PromotionEvent event);
  Result<EventDetail> UpdateEvent(const Actor& actor, int64_t id, investment::PromotionEvent event);
  // FailedPrecondition naming "id" while projects link to it.
  Status DeleteEvent(const Actor& actor, int64_t id);
  // Figures per year and chain (event count, firms invited, projects signed, amount signed).
  Result<std::vector<investment::EventFigures>> EventFigures(const Actor& actor, storage::EventFigureQuery query);

 private:
  Status CheckProjectRefs(storage::Repositories& repos, const Actor& actor, investment::Project& project,
                          Refusal& refusal) const;
  Result<investment::Project> LoadInScope(storage::Repositories& repos, const Actor& actor, int64_t id,
                                          Refusal& refusal) const;
  Result<ProjectDetail> Detail(storage::Repositories& repos, const investment::Project& project) const;
  // Applies a checked move, appends its history row and, at 投产, fills the segment.
  Status ApplyMove(storage::Repositories& repos, const Actor& actor, investment::Project& project,
                   investment::Stage to, const std::string& on, const std::string& reason, TimeMs now) const;
  Status FillSegment(storage::Repositories& repos, const Actor& actor, const investment::Project& project,
                     TimeMs now) const;
  Status CheckEventRefs(storage::Repositories& repos, const investment::PromotionEvent& event) const;
  Result<EventDetail> LoadEvent(storage::Repositories& repos, const Actor& actor, int64_t id) const;

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const EnterpriseService& enterprises_;
};

}  // namespace lz::services
