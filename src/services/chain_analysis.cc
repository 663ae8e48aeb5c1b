// ChainAnalysisService: engine figures joined with names from storage.
#include "services/chain_analysis.h"

#include <map>

#include "domain/auth/permissions.h"

namespace lz::services {
namespace {

namespace g = engines::graph;
namespace perm = auth::perm;

// The engine's NotFound for something storage has means this server has not applied the change
// yet (another server's commit within the last poll interval).
Status NotCaughtUp(const Status& st) {
  if (st.code() != StatusCode::kNotFound) return st;
  return Unavailable("the chain figures are being brought up to date; try again in a second");
}

NamedSegment Named(const chain::Segment& s) { return NamedSegment{s.id, s.name, s.stage}; }

NamedEnterprise Named(const chain::Enterprise& e) {
  return NamedEnterprise{e.id, e.name, e.credit_code, e.region_code, e.region_name, e.local, e.size};
}

Result<NamedEnterprise> EnterpriseName(storage::Repositories& repos, int64_t id) {
  ASSIGN_OR_RETURN(auto e, repos.enterprises().Get(id));
  if (!e) return NotCaughtUp(NotFound("enterprise " + std::to_string(id)));
  return Named(*e);
}

}  // namespace

Result<ChainAnalysis> ChainAnalysisService::AnalyseIn(storage::Repositories& repos, const chain::Chain& c) {
  ChainAnalysis a;
  a.chain = c;
  g::ChainGaps gaps;
  std::vector<g::SegmentStrength> strengths;
  g::ChainSummary summary;
  RETURN_IF_ERROR(NotCaughtUp(graph_.Read([&](const g::ChainGraph& graph) -> Status {
    ASSIGN_OR_RETURN(gaps, g::Gaps(graph, c.id, Gap()));
    ASSIGN_OR_RETURN(strengths, g::ChainStrengths(graph, c.id, Gap()));
    ASSIGN_OR_RETURN(summary, g::Summary(graph, c.id, Gap()));
    return Status::Ok();
  })));
  a.completeness = gaps.completeness;
  a.local_enterprise_count = summary.local_enterprise_count;
  std::map<int64_t, g::SegmentStrength> by_id;
  for (const auto& s : strengths) by_id[s.segment_id] = s;
  ASSIGN_OR_RETURN(auto segments, repos.chains().Segments(c.id));
  std::map<int64_t, const chain::Segment*> segment_by_id;
  for (const auto& s : segments) {
    segment_by_id[s.id] = &s;
    SegmentHealth h;
    h.segment = Named(s);
    h.parent_id = s.parent_id;
    if (auto it = by_id.find(s.id); it != by_id.end()) h.strength = it->second;
    else h.strength.segment_id = s.id;
    a.segments.push_back(std::move(h));
  }
  for (int64_t id : gaps.breakpoints) {
    if (auto it = segment_by_id.find(id); it != segment_by_id.end()) a.breakpoints.push_back(Named(*it->second));
  }
  for (const auto& leak : gaps.leaks) {
    if (auto it = segment_by_id.find(leak.segment_id); it != segment_by_id.end()) {
      a.leaks.push_back(LeakView{Named(*it->second), leak.supply});
    }
  }
  ASSIGN_OR_RETURN(a.links, repos.chains().SegmentLinks(c.id));
  return a;
}

Result<std::vector<ChainAnalysis>> ChainAnalysisService::AnalyseAll(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "chain.analyse", "chain"));
  std::vector<ChainAnalysis> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto chains, repos.chains().All());
    for (const auto& c : chains) {
      ASSIGN_OR_RETURN(auto a, AnalyseIn(repos, c));
      out.push_back(std::move(a));
    }
    return Status::Ok();
  }));
  return out;
}

Result<ChainAnalysis> ChainAnalysisService::Analyse(const Actor& actor, int64_t chain_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "chain.analyse", "chain", std::to_string(chain_id)));
  ChainAnalysis out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto c, repos.chains().Get(chain_id));
    if (!c) return NotFound("chain " + std::to_string(chain_id) + " not found");
    ASSIGN_OR_RETURN(out, AnalyseIn(repos, *c));
    return Status::Ok();
  }));
  return out;
}

Result<SegmentDetail> ChainAnalysisService::Segment(const Actor& actor, int64_t chain_id, int64_t segment_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "segment.get", "segment", std::to_string(segment_id)));
  SegmentDetail d;
  g::SegmentView view;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto s, repos.chains().GetSegment(segment_id));
    if (!s || s->chain_id != chain_id) return NotFound("segment " + std::to_string(segment_id) + " not found in this chain");
    d.segment = Named(*s);
    d.chain_id = chain_id;
    RETURN_IF_ERROR(NotCaughtUp(graph_.Read([&](const g::ChainGraph& graph) -> Status {
      ASSIGN_OR_RETURN(view, g::ViewSegment(graph, segment_id, Gap()));
      return Status::Ok();
    })));
    d.strength = view.strength;
    ASSIGN_OR_RETURN(auto members, repos.enterprises().Memberships(0, segment_id));
    std::map<int64_t, chain::MemberRole> roles;
    for (const auto& m : members) roles[m.enterprise_id] = m.role;
    for (const auto& m : view.members) {
      ASSIGN_OR_RETURN(auto e, EnterpriseName(repos, m.enterprise_id));
      d.members.push_back(SegmentMemberView{std::move(e), roles.count(m.enterprise_id) ? roles[m.enterprise_id]
                                                                                      : chain::MemberRole::kMember});
    }
    for (auto [ids, out] : {std::pair{&view.supplied_by, &d.supplied_by}, std::pair{&view.supplies_to, &d.supplies_to}}) {
      for (int64_t id : *ids) {
        ASSIGN_OR_RETURN(auto other, repos.chains().GetSegment(id));
        if (other) out->push_back(Named(*other));
      }
    }
    return Status::Ok();
  }));
  return d;
}

Result<std::vector<TargetView>> ChainAnalysisService::Targets(const Actor& actor, int64_t chain_id, int64_t segment_id,
                                                              int limit) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kChainRead, "segment.targets", "segment", std::to_string(segment_id)));
  if (limit < 1 || limit > 200) return InvalidArgument("limit must be between 1 and 200", "limit");
  std::vector<TargetView> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto c, repos.chains().Get(chain_id));
    ASSIGN_OR_RETURN(auto s, repos.chains().GetSegment(segment_id));
    if (!c || !s || s->chain_id != chain_id) return NotFound("segment " + std::to_string(segment_id) + " not found in this chain");
    g::RecommendOptions options;
    options.home_region = c->region_code;
    options.limit = limit;
    std::vector<g::Candidate> candidates;
    RETURN_IF_ERROR(NotCaughtUp(graph_.Read([&](const g::ChainGraph& graph) -> Status {
      ASSIGN_OR_RETURN(candidates, g::RecommendTargets(graph, segment_id, options));
      return Status::Ok();
    })));
    for (auto& cand : candidates) {
      ASSIGN_OR_RETURN(auto e, EnterpriseName(repos, cand.enterprise_id));
      out.push_back(TargetView{std::move(e), cand.score, std::move(cand.reasons)});
    }
    return Status::Ok();
  }));
  return out;
}

Result<ExposureView> ChainAnalysisService::Exposure(const Actor& actor, int64_t enterprise_id, g::Direction direction,
                                                    int hops, g::Reach reach, int64_t limit) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kEnterpriseRead, "enterprise.exposure", "enterprise",
                                 std::to_string(enterprise_id)));
  if (hops < 1 || hops > g::kMaxHops) return InvalidArgument("hops must be between 1 and 6", "hops");
  if (limit < 1 || limit > 1000) return InvalidArgument("limit must be between 1 and 1000", "limit");
  ExposureView out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto start, repos.enterprises().Get(enterprise_id));
    if (!start) return NotFound("enterprise " + std::to_string(enterprise_id) + " not found");
    out.start = Named(*start);
    g::Exposure exposure;
    RETURN_IF_ERROR(NotCaughtUp(graph_.Read([&](const g::ChainGraph& graph) -> Status {
      ASSIGN_OR_RETURN(exposure, g::ExposureOf(graph, enterprise_id, g::ExposureOptions{direction, hops, reach, limit}));
      return Status::Ok();
    })));
    out.counts = exposure.counts;
    for (const auto& r : exposure.enterprises) {
      ASSIGN_OR_RETURN(auto e, EnterpriseName(repos, r.enterprise_id));
      out.reached.push_back(ReachedView{std::move(e), r.hops});
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::services
