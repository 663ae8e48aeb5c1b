// ChainAnalysisService: what the chain leader and the investment teams read off the chain graph
// engine — per-chain completeness (overall and per stage), breakpoints (断点), leaks (漏点), each
// segment's strength and health for the chain map, target recommendations for a gap with their
// reasons, and the k-hop exposure of an enterprise along supply links. Figures come from the
// in-memory engine (ChainGraphFollower); names are read from storage. Needs chain:chain:read
// (exposure: chain:enterprise:read). Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/casework/case.h"
#include "domain/chain/pain_point.h"
#include "engines/graph/analysis.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/chain_graph_follower.h"
#include "services/config.h"
#include "storage/repositories.h"

namespace lz::services {

struct NamedSegment {
  int64_t id = 0;
  std::string name;
  chain::Stage stage = chain::Stage::kMidstream;
};

struct SegmentHealth {
  NamedSegment segment;
  std::optional<int64_t> parent_id;
  engines::graph::SegmentStrength strength;
};

struct LeakView {
  NamedSegment segment;
  engines::graph::SupplyFigures supply;
};

// One chain's analysis: the chain map's colours and the gap lists.
struct ChainAnalysis {
  chain::Chain chain;
  engines::graph::ChainCompleteness completeness;
  int64_t local_enterprise_count = 0;
  std::vector<SegmentHealth> segments;  // by stage, sort_order as on the map
  std::vector<NamedSegment> breakpoints;
  std::vector<LeakView> leaks;
  std::vector<chain::SegmentLink> links;
};

struct NamedEnterprise {
  int64_t id = 0;
  std::string name;
  std::string credit_code;
  std::string region_code;
  std::string region_name;
  bool local = false;
  chain::SizeClass size = chain::SizeClass::kSmall;
};

struct SegmentMemberView {
  NamedEnterprise enterprise;
  chain::MemberRole role = chain::MemberRole::kMember;
};

struct SegmentDetail {
  NamedSegment segment;
  int64_t chain_id = 0;
  engines::graph::SegmentStrength strength;
  std::vector<SegmentMemberView> members;
  std::vector<NamedSegment> supplied_by;
  std::vector<NamedSegment> supplies_to;
};

struct TargetView {
  NamedEnterprise enterprise;
  double score = 0;
  std::vector<engines::graph::Reason> reasons;
};

struct ReachedView {
  NamedEnterprise enterprise;
  int hops = 0;
};

struct ExposureView {
  NamedEnterprise start;
  engines::graph::ExposureCounts counts;
  std::vector<ReachedView> reached;
};

// Whose view of a chain's problems: a chain leader's (every case of the chain) or the data
// scope's (the cases the actor may read).
enum class ProblemScope { kChainLeader, kDataScope };
std::string_view ProblemScopeName(ProblemScope scope);  // "chain_leader", "data_scope"

struct ChainProblemQuery {
  bool overdue_only = false;
  std::optional<int64_t> segment_id;     // cases of the segment's member enterprises
  std::optional<int64_t> enterprise_id;
  std::optional<int64_t> unit_id;        // the responsible (lead) unit
  storage::PageRequest page;
};

// An unresolved case of one of the chain's enterprises (personal data masked).
struct ChainProblem {
  casework::Case c;
  std::string enterprise_name;
  std::string category_name;
  std::string unit_name;                // the responsible unit, if dispatched
  std::vector<NamedSegment> segments;   // the enterprise's segments in this chain
  bool overdue = false;
};

struct ChainProblems {
  ProblemScope scope = ProblemScope::kDataScope;
  storage::PageOf<ChainProblem> page;   // overdue first, then due soonest, then oldest
};

struct SegmentPain {
  NamedSegment segment;
  chain::SegmentLoad load;
};

// The chain's pain points (domain/chain/pain_point.h) with the segments named.
struct ChainPainPointsView {
  ProblemScope scope = ProblemScope::kDataScope;
  chain::PainPointRule rule;
  chain::ChainPainPoints figures;       // figures.segments ranked; `segments` below in the same order
  std::vector<SegmentPain> segments;
};

class ChainAnalysisService {
 public:
  // `graph` and `clock` must outlive the service.
  ChainAnalysisService(storage::Store& store, const AuditTrail& audit, const ServiceConfig& config,
                       const ChainGraphFollower& graph, const Clock& clock)
      : store_(store), audit_(audit), config_(config), graph_(graph), clock_(clock) {}

  // Every chain's analysis, by chain id (the chain list, the city cockpit, `lianzhang report chains`).
  Result<std::vector<ChainAnalysis>> AnalyseAll(const Actor& actor);
  // NotFound for an unknown chain.
  Result<ChainAnalysis> Analyse(const Actor& actor, int64_t chain_id);
  // The members and figures of one segment of the chain; NotFound when it is not the chain's.
  Result<SegmentDetail> Segment(const Actor& actor, int64_t chain_id, int64_t segment_id);
  // Outside enterprises that would fill the segment, best first, at most `limit` (1..200); the
  // chain's own region is the home region for distance.
  Result<std::vector<TargetView>> Targets(const Actor& actor, int64_t chain_id, int64_t segment_id, int limit);
  // Enterprises within `hops` (1..6) of `enterprise_id` along supply links, listing at most `limit`.
  Result<ExposureView> Exposure(const Actor& actor, int64_t enterprise_id, engines::graph::Direction direction,
                                int hops, engines::graph::Reach reach, int64_t limit);

  // ---- The chain's enterprises' problems (issue 6 point 1), read from storage, not the engine. --
  // Who may see: a holder of a chain_leader or deputy_chain_leader position on the chain sees every
  // case of the chain whatever its data scope (the chain-leader system); anyone else needs
  // case:case:read and sees the cases in its data scope. Overdue is judged at the clock's now.
  // NotFound for an unknown chain; InvalidArgument naming "segment_id" for a segment of another chain.
  Result<ChainProblems> Problems(const Actor& actor, int64_t chain_id, const ChainProblemQuery& query);
  // The chain's pain points over the same cases (rule: chain::PainPointRule defaults).
  Result<ChainPainPointsView> PainPoints(const Actor& actor, int64_t chain_id);

 private:
  struct ProblemSet;  // the chain's unresolved cases visible to the actor and its segments' members
  Result<ProblemSet> LoadProblems(storage::Repositories& repos, const Actor& actor, int64_t chain_id,
                                  ProblemScope scope);
  // Which view the actor gets, or PermissionDenied (logged) when none.
  Result<ProblemScope> ProblemScopeOf(const Actor& actor, int64_t chain_id, std::string_view action);
  Result<ChainAnalysis> AnalyseIn(storage::Repositories& repos, const chain::Chain& chain);
  engines::graph::GapOptions Gap() const { return {config_.leak_threshold}; }

  storage::Store& store_;
  const AuditTrail& audit_;
  const ServiceConfig& config_;
  const ChainGraphFollower& graph_;
  const Clock& clock_;
};

}  // namespace lz::services
