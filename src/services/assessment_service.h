// AssessmentService: the units' monthly assessment (考核, issue 7 point 7) — weight schemes kept in
// storage and rankings computed when asked (domain/assess/assessment.h scores them).
//
// A ranking's figures for month M (China Standard Time):
//   - the case indicators (completion_on_time, satisfaction, reopen) from the in-memory KPI
//     aggregates (KpiFollower), grouped by lead unit over the KPI days of M (cases accepted in M,
//     judged by their state now, as every KPI page counts them), work-plan tasks (category 1301)
//     left out: they are scored by tasks_on_time;
//   - tasks_on_time from the work-plan tasks whose deadline falls in M, by owner (lead) unit:
//     done by the deadline over those judged — done, done late or overdue (a task still open
//     before its deadline, or cancelled, is not judged yet);
//   - projects_landed from the investment projects' stage history: the projects of each
//     responsible unit with a move to 投产 dated in M; the indicator applies to the units
//     responsible for any project.
// The units ranked are those with any figure; an actor whose scope is not "all" sees only the
// units in its data scope (the self scope covers none: refused), and projects_landed is relative
// to the most landed among the units it sees.
//
// Scheme: the one named, else the default scheme stored, else the built-in weighting
// (assess::kBuiltinWeights, 30/25/15/15/15 %, reported as scheme id 0).
//
// Permissions: case:assess:read for schemes and rankings; case:assess:write to create, edit and
// delete schemes (each one write transaction with its operation-log row; bad input writes
// nothing). Time comes only from the injected Clock. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/assess/assessment.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/kpi_follower.h"
#include "services/sheets.h"
#include "storage/repositories.h"

namespace lz::services {

// A scheme as written by a caller (id, authorship and times are the service's).
struct SchemeInput {
  std::string name;
  assess::Weights weights{};
  bool is_default = false;
};

struct AssessmentRanking {
  std::string month;     // "YYYY-MM"
  std::string from, to;  // its first and last day
  assess::Scheme scheme;  // id 0: the built-in weighting
  TimeMs as_of = 0;       // the `now` states were judged at
  bool restricted = false;  // limited to the actor's units (data scope)
  std::vector<assess::UnitScore> units;  // by rank, then unit name
};

// The name the built-in weighting is reported under.
inline constexpr std::string_view kBuiltinSchemeName = "默认方案";

class AssessmentService {
 public:
  // Every reference must outlive the service.
  AssessmentService(storage::Store& store, const Clock& clock, const AuditTrail& audit, const KpiFollower& kpi)
      : store_(store), clock_(clock), audit_(audit), kpi_(kpi) {}

  // Every stored scheme, by name.
  Result<std::vector<assess::Scheme>> Schemes(const Actor& actor);
  // Stores a scheme. InvalidArgument naming "name", "weights" (not totalling 100 %) or
  // "weights.<indicator>" (outside 0–10000); AlreadyExists naming "name". A default scheme
  // takes the mark from any other.
  Result<assess::Scheme> CreateScheme(const Actor& actor, SchemeInput input);
  // Rewrites a scheme's name, weights and default mark; errors as CreateScheme, and NotFound.
  Result<assess::Scheme> UpdateScheme(const Actor& actor, int64_t id, SchemeInput input);
  // NotFound for an unknown id.
  Status DeleteScheme(const Actor& actor, int64_t id);

  // The ranking of `month` ("YYYY-MM", InvalidArgument naming "month") under the scheme named
  // (NotFound when unknown) or the default one (see the header).
  Result<AssessmentRanking> Ranking(const Actor& actor, const std::string& month, std::optional<int64_t> scheme_id);
  // The same ranking as an xlsx file: rank, unit, total, then each indicator's fraction and score.
  Result<SheetFile> Export(const Actor& actor, const std::string& month, std::optional<int64_t> scheme_id);

 private:
  Result<std::optional<std::vector<int64_t>>> ScopeUnits(const Actor& actor);
  Result<assess::Scheme> Normalised(SchemeInput input) const;

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const KpiFollower& kpi_;
};

}  // namespace lz::services
