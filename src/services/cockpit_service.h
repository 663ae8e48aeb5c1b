// CockpitService: the leaders' cockpit (驾驶舱, issue 7 point 6) — for each chain, in one answer:
// its health off the chain graph engine (coverage, breakpoints, leaks, local enterprises and their
// revenue against the chain's revenue target), the investment pipeline by stage with amounts, the
// year's signings by month against the chain's signing target, the year's promotion events, the
// year's cases about the chain's enterprises from the KPI engine (open and overdue now,
// satisfaction), and the chain's open and overdue work-plan tasks; and the city's totals.
// Figures come from the two in-memory engines and from grouped SQL over the pipeline, events and
// tasks (a handful of aggregate statements in one read transaction), never from listing cases, so
// the answer's cost does not grow with the number of cases (bench/cockpit measures it).
//
// Who sees what: chain:cockpit:read gives the city cockpit (every chain); otherwise the chains on
// which the actor holds a chain_leader or deputy_chain_leader position (the chain-leader system:
// a chain leader sees the whole of their chains, whatever their data scope); anyone else is
// refused (logged). The figures are aggregates; the lists they drill down to apply the reader's
// own permissions and data scope.
//
// Time comes only from the injected Clock. Thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/investment/project.h"
#include "engines/kpi/kpi.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/chain_graph_follower.h"
#include "services/config.h"
#include "services/kpi_follower.h"
#include "storage/repositories.h"

namespace lz::services {

enum class CockpitScope { kCity, kChainLeader };
std::string_view CockpitScopeName(CockpitScope scope);  // "city", "chain_leader"

struct CockpitQuery {
  int year = 0;                     // 2000..2099; 0 = the clock's current year (China Standard Time)
  std::optional<int64_t> chain_id;  // one of the actor's chains only
  // The period of the year that signings, events and cases count in: months first..last (1..12).
  int first_month = 1;
  int last_month = 12;
};

struct ChainHealthFigures {
  int64_t segment_count = 0;
  int64_t covered_count = 0;  // segments with a local member
  int64_t breakpoint_count = 0;
  int64_t leak_count = 0;
  int64_t local_enterprise_count = 0;  // distinct within a chain; the total adds the chains'
  int64_t local_revenue = 0;           // yuan per year
  int64_t target_revenue = 0;          // the chains' revenue targets (0: none)
  int target_year = 0;                 // the chain's target year (0 in the total)
  double Completeness() const;         // covered / segments, 0 without segments
};

struct StageFigures {
  investment::Stage stage = investment::Stage::kLead;
  int64_t count = 0;
  int64_t agreed_amount = 0;
  int64_t paid_in_amount = 0;
};

struct MonthFigures {
  int month = 0;  // 1..12
  int64_t count = 0;
  int64_t amount = 0;
};

struct PipelineFigures {
  std::array<StageFigures, 6> by_stage;   // every stage, in stage order
  int64_t signed_count = 0;               // signed in the period (signed_on), still at 签约 or later
  int64_t signed_amount = 0;
  int64_t signing_target = 0;             // the year's; 0: none set
  std::array<MonthFigures, 12> signed_by_month;  // every month of the year, whatever the period
};

struct EventTotals {
  int64_t count = 0;
  int64_t invited = 0;
  int64_t projects_signed = 0;
  int64_t amount_signed = 0;
};

struct TaskFigures {
  int64_t open = 0;
  int64_t overdue = 0;
};

// The figures of one chain, or of the city (chain_id 0).
struct CockpitFigures {
  ChainHealthFigures health;
  PipelineFigures projects;
  EventTotals events;           // held in the period
  engines::kpi::Figures cases;  // the period's cases about the chain's enterprises; overdue at as_of
  TaskFigures tasks;
};

struct CockpitChain {
  int64_t chain_id = 0;
  std::string name;
  std::string region_name;
  std::string lead_unit_name;
  bool example = false;
  CockpitFigures figures;
};

struct Cockpit {
  int year = 0;
  int first_month = 1, last_month = 12;
  TimeMs as_of = 0;
  CockpitScope scope = CockpitScope::kCity;
  std::vector<CockpitChain> chains;  // by chain id
  CockpitFigures total;              // the sum over `chains`
};

// The monthly report (issue 7 point 8): for a month of a year, per chain and for the city, the
// cockpit's figures of the month beside those of the year to the month's end. Two View calls, so
// the report and the cockpit never disagree. Rendered by services/cockpit_report.h.
struct CockpitReport {
  int year = 0;
  int month = 0;             // 1..12
  std::string region_name;   // the region of the chains when they share one ("吉安市"), else ""
  std::string generated_on;  // YYYY-MM-DD, China Standard Time
  Cockpit month_view;        // first_month = last_month = month
  Cockpit year_view;         // January to the month
};

struct SigningTargetInput {
  int64_t chain_id = 0;
  int year = 0;        // 2000..2099
  int64_t amount = 0;  // yuan, 0..10^15; 0 removes the target
};

class CockpitService {
 public:
  // Every reference must outlive the service.
  CockpitService(storage::Store& store, const Clock& clock, const AuditTrail& audit, const ServiceConfig& config,
                 const ChainGraphFollower& graph, const KpiFollower& kpi)
      : store_(store), clock_(clock), audit_(audit), config_(config), graph_(graph), kpi_(kpi) {}

  // The cockpit of the actor's chains (see the header). InvalidArgument naming "year" outside
  // 2000..2099 or "month" for months outside 1..12 or in the wrong order; NotFound naming "chain_id" for a chain that is unknown or not the actor's;
  // PermissionDenied (logged) for an actor with no cockpit; Unavailable while an engine loads.
  Result<Cockpit> View(const Actor& actor, const CockpitQuery& query);

  // The monthly report of `month` (1..12, field "month") of `year`, for the actor's chains or one
  // of them; the same errors as View.
  Result<CockpitReport> MonthlyReport(const Actor& actor, int year, int month, std::optional<int64_t> chain_id);

  // Sets or removes a chain's signing target for a year (chain:chain:write), one transaction with
  // its operation-log row. InvalidArgument naming "year" or "amount"; NotFound naming "chain_id".
  Status SetSigningTarget(const Actor& actor, const SigningTargetInput& input);

 private:
  // The chains the actor's cockpit covers, or PermissionDenied (logged).
  Result<CockpitScope> ScopeOf(storage::Repositories& repos, const Actor& actor, std::vector<int64_t>& led);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const ServiceConfig& config_;
  const ChainGraphFollower& graph_;
  const KpiFollower& kpi_;
};

}  // namespace lz::services
