// The analyses of the chain graph (issue 4 item 4): completeness, breakpoints (断点), leaks (漏点),
// segment strength and health, the chain summary and segment view the UI shows, target
// recommendation for a gap (精准招引), and k-hop exposure along supply links.
//
// Every function takes the engine's lock shared for its whole run (see chain_graph.h): it is safe
// to call from many threads at once and sees one consistent state. Unknown ids → NotFound; bad
// parameters → InvalidArgument naming the parameter. Shares are in [0, 1] and are 0, not NaN, when
// their denominator is 0. Volumes and revenues are summed exactly and clamped to INT64_MAX on
// output. Lists are ordered deterministically (the order is stated per type).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "engines/graph/chain_graph.h"

namespace lz::engines::graph {

// ---- Gap analysis. ----------------------------------------------------------------------------

struct GapOptions {
  // A segment leaks when local buyers take more than this share of its supply from outside
  // suppliers; must be in [0, 1].
  double leak_threshold = 0.5;
};

// Segments of one stage (or all) and how many of them have at least one local member enterprise.
struct Coverage {
  int64_t segment_count = 0;
  int64_t covered_count = 0;   // segments with a local member
  double completeness = 0.0;   // covered_count / segment_count, 0 when there are no segments
};

struct ChainCompleteness {
  int64_t chain_id = 0;
  Coverage overall;
  std::array<Coverage, kStageCount> by_stage;  // indexed by static_cast<int>(Stage)
};

// Supply into local buyers from the members of one segment: links whose supplier is a member of
// the segment and whose buyer is a local enterprise. outside_* counts non-local suppliers.
struct SupplyFigures {
  int64_t total_volume = 0;
  int64_t outside_volume = 0;
  double outside_share = 0.0;  // outside_volume / total_volume, 0 when total_volume is 0
  double local_share = 0.0;    // (total − outside) / total, 0 when total_volume is 0
};

struct Leak {
  int64_t segment_id = 0;
  Stage stage = Stage::kUpstream;
  SupplyFigures supply;
};

struct ChainGaps {
  ChainCompleteness completeness;
  std::vector<int64_t> breakpoints;  // segment ids without a local member, by (stage, id)
  std::vector<Leak> leaks;           // by (stage, segment id)
};

// Completeness of a chain overall and per stage. A chain without segments reports 0 segments and
// completeness 0. NotFound for an unknown chain. O(segments of the chain).
Result<ChainCompleteness> Completeness(const ChainGraph& graph, int64_t chain_id);

// Breakpoints (断点): the segments of the chain without any local member, by (stage, id).
Result<std::vector<int64_t>> Breakpoints(const ChainGraph& graph, int64_t chain_id);

// Leaks (漏点): segments S whose supply into local buyers (links from a member of S to a local
// buyer) is positive and comes from non-local suppliers by more than options.leak_threshold.
Result<std::vector<Leak>> Leaks(const ChainGraph& graph, int64_t chain_id,
                                const GapOptions& options = {});

// Completeness, breakpoints and leaks of one chain from one consistent state.
Result<ChainGaps> Gaps(const ChainGraph& graph, int64_t chain_id, const GapOptions& options = {});

// Gaps of every chain, by chain id. O(total segments): the figures are kept current by updates.
Result<std::vector<ChainGaps>> AllGaps(const ChainGraph& graph, const GapOptions& options = {});

// ---- Strength, health, the chain summary and the segment view. ---------------------------------

// Health of a segment, the colour of the chain map:
//   kBreakpoint — no local member;
//   kWeak       — exactly one local member, or the segment leaks (GapOptions);
//   kStrong     — otherwise (two or more local members and no leak).
enum class Health { kBreakpoint, kWeak, kStrong };
std::string_view HealthName(Health health);  // "breakpoint", "weak", "strong"

struct SegmentStrength {
  int64_t segment_id = 0;
  int64_t chain_id = 0;
  Stage stage = Stage::kUpstream;
  int64_t member_count = 0;        // local and non-local
  int64_t local_member_count = 0;
  int64_t local_revenue = 0;       // yuan per year, sum over local members
  int64_t local_employees = 0;
  bool has_chain_master = false;   // a local member with role kChainMaster
  SupplyFigures supply;
  bool leak = false;
  Health health = Health::kBreakpoint;
};

// Strength of one segment. NotFound for an unknown segment. O(1).
Result<SegmentStrength> Strength(const ChainGraph& graph, int64_t segment_id,
                                 const GapOptions& options = {});

// Strength of every segment of a chain, by (stage, id).
Result<std::vector<SegmentStrength>> ChainStrengths(const ChainGraph& graph, int64_t chain_id,
                                                    const GapOptions& options = {});

// What the chain list shows per chain.
struct ChainSummary {
  int64_t chain_id = 0;
  std::string name;
  int64_t segment_count = 0;
  int64_t local_enterprise_count = 0;  // distinct local enterprises in any segment of the chain
  int64_t local_revenue = 0;           // their revenue, yuan per year, each enterprise once (clamped)
  ChainCompleteness completeness;
  int64_t breakpoint_count = 0;
  int64_t leak_count = 0;
};

Result<ChainSummary> Summary(const ChainGraph& graph, int64_t chain_id,
                             const GapOptions& options = {});
// Summaries of every chain, by chain id.
Result<std::vector<ChainSummary>> Summaries(const ChainGraph& graph, const GapOptions& options = {});

struct SegmentMember {
  int64_t enterprise_id = 0;
  MemberRole role = MemberRole::kMember;
  bool local = false;
};

// What the chain map shows when a segment is clicked.
struct SegmentView {
  Segment segment;
  SegmentStrength strength;
  std::vector<SegmentMember> members;  // by (role, local first, enterprise id)
  std::vector<int64_t> supplied_by;    // segment ids with a link to this one, ascending
  std::vector<int64_t> supplies_to;    // segment ids this one links to, ascending
};

// NotFound for an unknown segment. O(members log members).
Result<SegmentView> ViewSegment(const ChainGraph& graph, int64_t segment_id,
                                const GapOptions& options = {});

// ---- Target recommendation (精准招引). -----------------------------------------------------------

enum class ReasonCode {
  kLinksWithLocal,     // count and volume of supply links with local enterprises, either direction
  kSize,               // size class
  kSameCity,           // region shares the home region's first 4 digits
  kSameProvince,       // shares the first 2 digits
  kNeighbourProvince,  // in one of options.neighbour_provinces
};
std::string_view ReasonCodeName(ReasonCode code);  // "links_with_local", "size", "same_city", ...

// One machine-readable reason; the UI renders it in zh-CN or en. `points` is what it adds to the
// score. count/volume are set for kLinksWithLocal, size for kSize.
struct Reason {
  ReasonCode code = ReasonCode::kSize;
  int64_t count = 0;
  int64_t volume = 0;
  SizeClass size = SizeClass::kMicro;
  double points = 0.0;
};

struct Candidate {
  int64_t enterprise_id = 0;
  double score = 0.0;
  std::vector<Reason> reasons;  // links (if any), size, region (unless elsewhere), in that order
};

struct RecommendOptions {
  // Region that runs lianzhang (GB/T 2260, 2–12 digits), e.g. "3608" for 吉安市; required.
  std::string home_region;
  // Provinces (2-digit codes) counted as neighbours; the default is Jiangxi's (36): 浙江 33,
  // 安徽 34, 福建 35, 湖北 42, 湖南 43, 广东 44.
  std::vector<int> neighbour_provinces = {33, 34, 35, 42, 43, 44};
  int limit = 20;  // 1..1000
};

// Score of a candidate, out of 100 (each part capped):
//   links with local enterprises: min(30, 10·log2(1 + count)) + min(20, 4·log10(1 + volume/10⁴))
//   size:   large 20, medium 12, small 6, micro 2
//   region: same city 20, same province 15, neighbour province 10, elsewhere 0
inline constexpr double kMaxLinkCountPoints = 30;
inline constexpr double kMaxLinkVolumePoints = 20;

// Ranks the non-local members of `segment_id` (meant for a breakpoint or weak segment; any segment
// works) by score, highest first, ties by enterprise id ascending; at most options.limit.
// NotFound for an unknown segment; InvalidArgument "home_region", "neighbour_provinces" or "limit".
// O(Σ degree of the candidates · log degree).
Result<std::vector<Candidate>> RecommendTargets(const ChainGraph& graph, int64_t segment_id,
                                                const RecommendOptions& options);

// ---- Exposure along supply links. -------------------------------------------------------------

enum class Direction {
  kDownstream,  // follow supplier → buyer: who is hit if the start fails
  kUpstream,    // follow buyer → supplier: whom the start depends on
};
// Which reached enterprises are listed (the counts cover all): downstream exposure usually lists
// the local ones (what is hit here), upstream all suppliers.
enum class Reach { kAll, kLocalOnly };

inline constexpr int kMaxHops = 6;

struct ExposureOptions {
  Direction direction = Direction::kDownstream;
  int hops = 3;                         // 1..kMaxHops
  Reach reach = Reach::kLocalOnly;
  int64_t limit = INT64_MAX;            // at most this many listed enterprises (≥ 0)
};

struct ReachedEnterprise {
  int64_t enterprise_id = 0;
  int32_t hops = 0;  // shortest distance from the start, 1..hops
  bool local = false;
};

struct ExposureCounts {
  int64_t reached = 0;        // distinct enterprises within the hops, the start excluded
  int64_t reached_local = 0;  // of which local
  std::vector<int64_t> per_hop;  // per_hop[i]: reached at distance i + 1 (all, local or not)
};

struct Exposure {
  int64_t start_id = 0;
  ExposureCounts counts;
  // The reached enterprises that options.reach selects, by (hops, enterprise id), at most limit.
  std::vector<ReachedEnterprise> enterprises;
};

// Breadth-first search from `enterprise_id` along supply links, at most options.hops hops, each
// enterprise at its shortest distance. NotFound for an unknown enterprise; InvalidArgument "hops"
// or "limit". O(edges of the reached enterprises) with per-thread scratch reused across calls (a
// visited bitmap cleared through the queue, so no O(n) reset); large frontiers switch to a
// bottom-up step that scans the unvisited enterprises instead of the frontier's links.
Result<Exposure> ExposureOf(const ChainGraph& graph, int64_t enterprise_id,
                            const ExposureOptions& options);

// The same search, counts only (like igraph_neighborhood_size, which also counts the start).
Result<ExposureCounts> CountExposure(const ChainGraph& graph, int64_t enterprise_id,
                                     Direction direction, int hops);

}  // namespace lz::engines::graph
