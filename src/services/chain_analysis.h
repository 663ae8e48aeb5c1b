// ChainAnalysisService: what the chain leader and the investment teams read off the chain graph
// engine — per-chain completeness (overall and per stage), breakpoints (断点), leaks (漏点), each
// segment's strength and health for the chain map, target recommendations for a gap with their
// reasons, and the k-hop exposure of an enterprise along supply links. Figures come from the
// in-memory engine (ChainGraphFollower); names are read from storage. Needs chain:chain:read
// (exposure: chain:enterprise:read). Thread-safe.
#pragma once

#include <string>
#include <vector>

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

class ChainAnalysisService {
 public:
  // `graph` must outlive the service.
  ChainAnalysisService(storage::Store& store, const AuditTrail& audit, const ServiceConfig& config,
                       const ChainGraphFollower& graph)
      : store_(store), audit_(audit), config_(config), graph_(graph) {}

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

 private:
  Result<ChainAnalysis> AnalyseIn(storage::Repositories& repos, const chain::Chain& chain);
  engines::graph::GapOptions Gap() const { return {config_.leak_threshold}; }

  storage::Store& store_;
  const AuditTrail& audit_;
  const ServiceConfig& config_;
  const ChainGraphFollower& graph_;
};

}  // namespace lz::services
