// The chain analyses over GraphData's running figures: completeness, breakpoints, leaks,
// strength and health, summaries, the segment view, and target recommendation. Exposure is in
// exposure.cc.
#include "engines/graph/analysis.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/enum_names.h"
#include "engines/graph/internal/graph_data.h"

namespace lz::engines::graph {
namespace {

using internal::ChainData;
using internal::GraphData;
using internal::kNone;
using internal::ReadView;
using internal::SegmentData;
using internal::Wide;

constexpr auto kHealthNames = MakeEnumNames<Health>(std::pair{Health::kBreakpoint, std::string_view("breakpoint")},
                                                    std::pair{Health::kWeak, std::string_view("weak")},
                                                    std::pair{Health::kStrong, std::string_view("strong")});
constexpr auto kReasonNames = MakeEnumNames<ReasonCode>(
    std::pair{ReasonCode::kLinksWithLocal, std::string_view("links_with_local")},
    std::pair{ReasonCode::kSize, std::string_view("size")},
    std::pair{ReasonCode::kSameCity, std::string_view("same_city")},
    std::pair{ReasonCode::kSameProvince, std::string_view("same_province")},
    std::pair{ReasonCode::kNeighbourProvince, std::string_view("neighbour_province")});

constexpr int kMaxRecommendLimit = 1000;
constexpr double kLinkCountPointsPerDoubling = 10;
constexpr double kLinkVolumePointsPerDecade = 4;
constexpr double kLinkVolumeUnit = 1e4;  // yuan
constexpr double kSizePoints[] = {2, 6, 12, 20};  // by SizeClass
constexpr double kSameCityPoints = 20;
constexpr double kSameProvincePoints = 15;
constexpr double kNeighbourProvincePoints = 10;

Status CheckGapOptions(const GapOptions& options) {
  if (!(options.leak_threshold >= 0.0 && options.leak_threshold <= 1.0)) {
    return InvalidArgument("the leak threshold must be between 0 and 1", "leak_threshold");
  }
  return Status::Ok();
}

double Share(Wide part, Wide whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

SupplyFigures Supply(const SegmentData& s) {
  SupplyFigures f;
  f.total_volume = internal::ClampToInt64(s.supply_total);
  f.outside_volume = internal::ClampToInt64(s.supply_outside);
  f.outside_share = Share(s.supply_outside, s.supply_total);
  f.local_share = Share(s.supply_total - s.supply_outside, s.supply_total);
  return f;
}

bool IsLeak(const SegmentData& s, const GapOptions& options) {
  return s.supply_total > 0 && Share(s.supply_outside, s.supply_total) > options.leak_threshold;
}

Health HealthOf(const SegmentData& s, const GapOptions& options) {
  if (s.local_members == 0) return Health::kBreakpoint;
  if (s.local_members == 1 || IsLeak(s, options)) return Health::kWeak;
  return Health::kStrong;
}

Result<uint32_t> ChainAt(const GraphData& d, int64_t chain_id) {
  uint32_t c = d.ChainIndex(chain_id);
  if (c == kNone) return NotFound("unknown chain " + std::to_string(chain_id));
  return c;
}

Result<uint32_t> SegmentAt(const GraphData& d, int64_t segment_id) {
  uint32_t s = d.SegmentIndex(segment_id);
  if (s == kNone) return NotFound("unknown segment " + std::to_string(segment_id));
  return s;
}

void SetShare(Coverage& c) {
  c.completeness = c.segment_count > 0 ? static_cast<double>(c.covered_count) / c.segment_count : 0.0;
}

ChainCompleteness CompletenessOf(const GraphData& d, uint32_t c) {
  ChainCompleteness out;
  out.chain_id = d.chains_[c].id;
  for (uint32_t s : d.chains_[c].segments) {
    const SegmentData& seg = d.segments_[s];
    Coverage& stage = out.by_stage[static_cast<int>(seg.stage)];
    ++stage.segment_count;
    ++out.overall.segment_count;
    if (seg.local_members > 0) {
      ++stage.covered_count;
      ++out.overall.covered_count;
    }
  }
  SetShare(out.overall);
  for (Coverage& stage : out.by_stage) SetShare(stage);
  return out;
}

// The chain's segment list is kept in (stage, id) order, so these come out ordered.
std::vector<int64_t> BreakpointsOf(const GraphData& d, uint32_t c) {
  std::vector<int64_t> out;
  for (uint32_t s : d.chains_[c].segments) {
    if (d.segments_[s].local_members == 0) out.push_back(d.segments_[s].id);
  }
  return out;
}

std::vector<Leak> LeaksOf(const GraphData& d, uint32_t c, const GapOptions& options) {
  std::vector<Leak> out;
  for (uint32_t s : d.chains_[c].segments) {
    const SegmentData& seg = d.segments_[s];
    if (IsLeak(seg, options)) out.push_back(Leak{seg.id, seg.stage, Supply(seg)});
  }
  return out;
}

ChainGaps GapsOf(const GraphData& d, uint32_t c, const GapOptions& options) {
  return ChainGaps{CompletenessOf(d, c), BreakpointsOf(d, c), LeaksOf(d, c, options)};
}

SegmentStrength StrengthOf(const GraphData& d, uint32_t s, const GapOptions& options) {
  const SegmentData& seg = d.segments_[s];
  SegmentStrength out;
  out.segment_id = seg.id;
  out.chain_id = d.chains_[seg.chain].id;
  out.stage = seg.stage;
  out.member_count = static_cast<int64_t>(seg.members.size());
  out.local_member_count = seg.local_members;
  out.local_revenue = internal::ClampToInt64(seg.local_revenue);
  out.local_employees = internal::ClampToInt64(seg.local_employees);
  out.has_chain_master = seg.local_chain_masters > 0;
  out.supply = Supply(seg);
  out.leak = IsLeak(seg, options);
  out.health = HealthOf(seg, options);
  return out;
}

ChainSummary SummaryOf(const GraphData& d, uint32_t c, const GapOptions& options) {
  const ChainData& chain = d.chains_[c];
  ChainSummary out;
  out.chain_id = chain.id;
  out.name = chain.name;
  out.segment_count = static_cast<int64_t>(chain.segments.size());
  out.local_enterprise_count = chain.local_enterprises;
  out.local_revenue = internal::ClampToInt64(chain.local_revenue);
  out.completeness = CompletenessOf(d, c);
  for (uint32_t s : chain.segments) {
    if (d.segments_[s].local_members == 0) ++out.breakpoint_count;
    if (IsLeak(d.segments_[s], options)) ++out.leak_count;
  }
  return out;
}

// Live chain indices by chain id.
std::vector<uint32_t> ChainsById(const GraphData& d) {
  std::vector<uint32_t> out;
  out.reserve(d.chain_index_.size());
  for (const auto& [id, c] : d.chain_index_) out.push_back(c);
  std::sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) { return d.chains_[a].id < d.chains_[b].id; });
  return out;
}

}  // namespace

std::string_view HealthName(Health health) { return kHealthNames.Name(health); }
std::string_view ReasonCodeName(ReasonCode code) { return kReasonNames.Name(code); }

// ---- Gap analysis. ----------------------------------------------------------------------------

Result<ChainCompleteness> Completeness(const ChainGraph& graph, int64_t chain_id) {
  ReadView view(graph);
  ASSIGN_OR_RETURN(uint32_t c, ChainAt(view.data(), chain_id));
  return CompletenessOf(view.data(), c);
}

Result<std::vector<int64_t>> Breakpoints(const ChainGraph& graph, int64_t chain_id) {
  ReadView view(graph);
  ASSIGN_OR_RETURN(uint32_t c, ChainAt(view.data(), chain_id));
  return BreakpointsOf(view.data(), c);
}

Result<std::vector<Leak>> Leaks(const ChainGraph& graph, int64_t chain_id, const GapOptions& options) {
  RETURN_IF_ERROR(CheckGapOptions(options));
  ReadView view(graph);
  ASSIGN_OR_RETURN(uint32_t c, ChainAt(view.data(), chain_id));
  return LeaksOf(view.data(), c, options);
}

Result<ChainGaps> Gaps(const ChainGraph& graph, int64_t chain_id, const GapOptions& options) {
  RETURN_IF_ERROR(CheckGapOptions(options));
  ReadView view(graph);
  ASSIGN_OR_RETURN(uint32_t c, ChainAt(view.data(), chain_id));
  return GapsOf(view.data(), c, options);
}

Result<std::vector<ChainGaps>> AllGaps(const ChainGraph& graph, const GapOptions& options) {
  RETURN_IF_ERROR(CheckGapOptions(options));
  ReadView view(graph);
  std::vector<ChainGaps> out;
  for (uint32_t c : ChainsById(view.data())) out.push_back(GapsOf(view.data(), c, options));
  return out;
}

// ---- Strength, summaries, the segment view. ---------------------------------------------------

Result<SegmentStrength> Strength(const ChainGraph& graph, int64_t segment_id, const GapOptions& options) {
  RETURN_IF_ERROR(CheckGapOptions(options));
  ReadView view(graph);
  ASSIGN_OR_RETURN(uint32_t s, SegmentAt(view.data(), segment_id));
  return StrengthOf(view.data(), s, options);
}

Result<std::vector<SegmentStrength>> ChainStrengths(const ChainGraph& graph, int64_t chain_id,
                                                    const GapOptions& options) {
  RETURN_IF_ERROR(CheckGapOptions(options));
  ReadView view(graph);
  ASSIGN_OR_RETURN(uint32_t c, ChainAt(view.data(), chain_id));
  std::vector<SegmentStrength> out;
  for (uint32_t s : view.data().chains_[c].segments) out.push_back(StrengthOf(view.data(), s, options));
  return out;
}

Result<ChainSummary> Summary(const ChainGraph& graph, int64_t chain_id, const GapOptions& options) {
  RETURN_IF_ERROR(CheckGapOptions(options));
  ReadView view(graph);
  ASSIGN_OR_RETURN(uint32_t c, ChainAt(view.data(), chain_id));
  return SummaryOf(view.data(), c, options);
}

Result<std::vector<ChainSummary>> Summaries(const ChainGraph& graph, const GapOptions& options) {
  RETURN_IF_ERROR(CheckGapOptions(options));
  ReadView view(graph);
  std::vector<ChainSummary> out;
  for (uint32_t c : ChainsById(view.data())) out.push_back(SummaryOf(view.data(), c, options));
  return out;
}

Result<SegmentView> ViewSegment(const ChainGraph& graph, int64_t segment_id, const GapOptions& options) {
  RETURN_IF_ERROR(CheckGapOptions(options));
  ReadView view(graph);
  const GraphData& d = view.data();
  ASSIGN_OR_RETURN(uint32_t s, SegmentAt(d, segment_id));
  const SegmentData& seg = d.segments_[s];
  SegmentView out;
  out.segment.id = seg.id;
  out.segment.chain_id = d.chains_[seg.chain].id;
  out.segment.stage = seg.stage;
  if (seg.parent != kNone) out.segment.parent_id = d.segments_[seg.parent].id;
  out.segment.name = seg.name;
  out.strength = StrengthOf(d, s, options);
  out.members.reserve(seg.members.size());
  for (const internal::Member& m : seg.members) {
    out.members.push_back({d.enterprise_id_[m.enterprise], m.role, d.local(m.enterprise)});
  }
  std::sort(out.members.begin(), out.members.end(), [](const SegmentMember& a, const SegmentMember& b) {
    if (a.role != b.role) return a.role < b.role;
    if (a.local != b.local) return a.local;
    return a.enterprise_id < b.enterprise_id;
  });
  for (uint32_t t : seg.supplied_by) out.supplied_by.push_back(d.segments_[t].id);
  for (uint32_t t : seg.supplies_to) out.supplies_to.push_back(d.segments_[t].id);
  std::sort(out.supplied_by.begin(), out.supplied_by.end());
  std::sort(out.supplies_to.begin(), out.supplies_to.end());
  return out;
}

// ---- Target recommendation. -------------------------------------------------------------------

Result<std::vector<Candidate>> RecommendTargets(const ChainGraph& graph, int64_t segment_id,
                                                const RecommendOptions& options) {
  uint8_t home_province;
  uint16_t home_city;
  if (!internal::ParseRegion(options.home_region, &home_province, &home_city)) {
    return InvalidArgument("the home region must be a GB/T 2260 code of 2 to 12 digits", "home_region");
  }
  for (int p : options.neighbour_provinces) {
    if (p < 10 || p > 99) return InvalidArgument("a neighbour province is a 2-digit code", "neighbour_provinces");
  }
  if (options.limit < 1 || options.limit > kMaxRecommendLimit) {
    return InvalidArgument("the limit must be between 1 and 1000", "limit");
  }
  ReadView view(graph);
  const GraphData& d = view.data();
  ASSIGN_OR_RETURN(uint32_t s, SegmentAt(d, segment_id));

  std::vector<Candidate> out;
  for (const internal::Member& m : d.segments_[s].members) {
    const uint32_t e = m.enterprise;
    if (d.local(e)) continue;
    Candidate c;
    c.enterprise_id = d.enterprise_id_[e];
    // (a) links already held with local enterprises, either direction.
    int64_t count = 0;
    Wide volume = 0;
    d.adj_.ForEachOut(e, [&](uint32_t buyer, int64_t v) {
      if (!d.local(buyer)) return;
      ++count;
      volume += v;
    });
    d.adj_.ForEachIn(e, [&](uint32_t supplier) {
      if (!d.local(supplier)) return;
      ++count;
      volume += *d.adj_.Find(supplier, e);
    });
    if (count > 0) {
      double points =
          std::min(kMaxLinkCountPoints, kLinkCountPointsPerDoubling * std::log2(1.0 + count)) +
          std::min(kMaxLinkVolumePoints,
                   kLinkVolumePointsPerDecade * std::log10(1.0 + static_cast<double>(volume) / kLinkVolumeUnit));
      c.reasons.push_back({ReasonCode::kLinksWithLocal, count, internal::ClampToInt64(volume), SizeClass::kMicro, points});
    }
    // (b) size.
    SizeClass size = static_cast<SizeClass>(d.size_[e]);
    c.reasons.push_back({ReasonCode::kSize, 0, 0, size, kSizePoints[d.size_[e]]});
    // (c) distance of the region from home.
    if (home_city != 0 && d.city_[e] == home_city) {
      c.reasons.push_back({ReasonCode::kSameCity, 0, 0, SizeClass::kMicro, kSameCityPoints});
    } else if (d.province_[e] == home_province) {
      c.reasons.push_back({ReasonCode::kSameProvince, 0, 0, SizeClass::kMicro, kSameProvincePoints});
    } else if (std::find(options.neighbour_provinces.begin(), options.neighbour_provinces.end(),
                         d.province_[e]) != options.neighbour_provinces.end()) {
      c.reasons.push_back({ReasonCode::kNeighbourProvince, 0, 0, SizeClass::kMicro, kNeighbourProvincePoints});
    }
    for (const Reason& r : c.reasons) c.score += r.points;
    out.push_back(std::move(c));
  }
  auto better = [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.enterprise_id < b.enterprise_id;
  };
  if (out.size() > static_cast<size_t>(options.limit)) {
    std::partial_sort(out.begin(), out.begin() + options.limit, out.end(), better);
    out.resize(options.limit);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
  return out;
}

}  // namespace lz::engines::graph
