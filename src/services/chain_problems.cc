// ChainAnalysisService, part two: the chain's enterprises' unresolved cases (the chain leader's
// problem list) and the chain's pain points computed from them (domain/chain/pain_point.h).
// Read from storage in one snapshot: the chain's cases through the cases_chain index, the members
// of its segments through their membership index.
#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/enum_names.h"
#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/org/position.h"
#include "services/chain_analysis.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
using casework::Case;

using N = std::string_view;
constexpr auto kScopeNames = MakeEnumNames<ProblemScope>(std::pair{ProblemScope::kChainLeader, N("chain_leader")},
                                                         std::pair{ProblemScope::kDataScope, N("data_scope")});

std::vector<casework::CaseState> UnresolvedStates() {
  std::vector<casework::CaseState> out;
  for (int i = static_cast<int>(casework::CaseState::kReceived); i <= static_cast<int>(casework::CaseState::kMerged); ++i) {
    auto s = static_cast<casework::CaseState>(i);
    if (chain::IsUnresolved(s)) out.push_back(s);
  }
  return out;
}

}  // namespace

std::string_view ProblemScopeName(ProblemScope scope) { return kScopeNames.Name(scope); }

struct ChainAnalysisService::ProblemSet {
  std::vector<chain::Segment> segments;
  std::vector<chain::Membership> memberships;           // of the chain's segments
  std::map<int64_t, std::vector<int64_t>> segments_of;  // enterprise → its segments in the chain
  std::vector<Case> cases;                              // unresolved, visible to the actor
};

Result<ProblemScope> ChainAnalysisService::ProblemScopeOf(const Actor& actor, int64_t chain_id,
                                                          std::string_view action) {
  if (actor.system) return ProblemScope::kChainLeader;
  bool leader = false;
  if (actor.user_id != 0) {
    RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
      storage::PositionQuery q;
      q.user_id = actor.user_id;
      q.context_type = org::ContextType::kChain;
      q.context_ref = std::to_string(chain_id);
      q.scope = auth::ScopeFilter::All();
      q.page = storage::PageRequest{1, storage::PageRequest::kMaxPageSize};
      ASSIGN_OR_RETURN(auto held, repos.positions().List(q));
      for (const auto& p : held.items) {
        if (p.kind == org::PositionKind::kChainLeader || p.kind == org::PositionKind::kDeputyChainLeader) leader = true;
      }
      return Status::Ok();
    }));
  }
  if (leader) return ProblemScope::kChainLeader;
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, action, "chain", std::to_string(chain_id)));
  return ProblemScope::kDataScope;
}

Result<ChainAnalysisService::ProblemSet> ChainAnalysisService::LoadProblems(storage::Repositories& repos,
                                                                            const Actor& actor, int64_t chain_id,
                                                                            ProblemScope scope) {
  ASSIGN_OR_RETURN(auto c, repos.chains().Get(chain_id));
  if (!c) return NotFound("chain " + std::to_string(chain_id) + " not found");
  ProblemSet set;
  ASSIGN_OR_RETURN(set.segments, repos.chains().Segments(chain_id));
  for (const auto& s : set.segments) {
    ASSIGN_OR_RETURN(auto members, repos.enterprises().Memberships(0, s.id));
    for (auto& m : members) {
      set.segments_of[m.enterprise_id].push_back(s.id);
      set.memberships.push_back(std::move(m));
    }
  }
  storage::CaseQuery q;
  q.chain_id = chain_id;
  q.states = UnresolvedStates();
  q.scope = scope == ProblemScope::kChainLeader ? auth::ScopeFilter::All() : actor.Filter();
  RETURN_IF_ERROR(repos.cases().ForEach(q, [&](const Case& k) -> Status {
    set.cases.push_back(k);
    return Status::Ok();
  }));
  return set;
}

Result<ChainProblems> ChainAnalysisService::Problems(const Actor& actor, int64_t chain_id,
                                                     const ChainProblemQuery& query) {
  ASSIGN_OR_RETURN(ProblemScope scope, ProblemScopeOf(actor, chain_id, "chain.problems"));
  const TimeMs now = clock_.NowMs();
  const storage::PageRequest page = query.page.Clamped();
  ChainProblems out;
  out.scope = scope;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(ProblemSet set, LoadProblems(repos, actor, chain_id, scope));
    std::map<int64_t, const chain::Segment*> segment_by_id;
    for (const auto& s : set.segments) segment_by_id[s.id] = &s;
    if (query.segment_id && !segment_by_id.count(*query.segment_id)) {
      return InvalidArgument("segment " + std::to_string(*query.segment_id) + " is not a segment of this chain",
                             "segment_id");
    }
    std::set<int64_t> segment_members;
    if (query.segment_id) {
      for (const auto& m : set.memberships) {
        if (m.segment_id == *query.segment_id) segment_members.insert(m.enterprise_id);
      }
    }
    std::vector<std::pair<Case, bool>> kept;  // case, overdue
    for (Case& k : set.cases) {
      const bool overdue = chain::IsOverdue(k, now);
      if (query.overdue_only && !overdue) continue;
      if (query.enterprise_id && k.facts.enterprise_id != *query.enterprise_id) continue;
      if (query.unit_id && k.lead_unit_id != *query.unit_id) continue;
      if (query.segment_id && (!k.facts.enterprise_id || !segment_members.count(*k.facts.enterprise_id))) continue;
      kept.emplace_back(std::move(k), overdue);
    }
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second;
      const TimeMs da = a.first.due_at.value_or(std::numeric_limits<TimeMs>::max()), db = b.first.due_at.value_or(std::numeric_limits<TimeMs>::max());
      if (da != db) return da < db;
      return a.first.id < b.first.id;
    });
    out.page.total = static_cast<int64_t>(kept.size());
    ASSIGN_OR_RETURN(auto categories, repos.catalogue().Categories());
    std::map<std::string, std::string> category_names;
    for (const auto& cat : categories) category_names[cat.code] = cat.name;
    std::map<int64_t, std::string> unit_names, enterprise_names;
    for (int64_t i = page.Offset(); i < out.page.total && i < page.Offset() + page.page_size; ++i) {
      auto& [k, overdue] = kept[static_cast<size_t>(i)];
      ChainProblem p;
      p.overdue = overdue;
      p.category_name = category_names[k.facts.category_code];
      if (k.lead_unit_id) {
        if (!unit_names.count(*k.lead_unit_id)) {
          ASSIGN_OR_RETURN(auto unit, repos.units().Get(*k.lead_unit_id));
          unit_names[*k.lead_unit_id] = unit ? unit->name : std::string();
        }
        p.unit_name = unit_names[*k.lead_unit_id];
      }
      if (k.facts.enterprise_id) {
        const int64_t firm = *k.facts.enterprise_id;
        if (!enterprise_names.count(firm)) {
          ASSIGN_OR_RETURN(auto e, repos.enterprises().Get(firm));
          enterprise_names[firm] = e ? e->name : std::string();
        }
        p.enterprise_name = enterprise_names[firm];
        if (auto it = set.segments_of.find(firm); it != set.segments_of.end()) {
          for (int64_t sid : it->second) {
            const chain::Segment& s = *segment_by_id[sid];
            p.segments.push_back(NamedSegment{s.id, s.name, s.stage});
          }
        }
      }
      // The chain leader reads the problem, not the person: personal data masked.
      k.facts.reporter_name = casework::MaskName(k.facts.reporter_name);
      k.facts.reporter_phone = text::MaskPhone(k.facts.reporter_phone);
      k.facts.subject_name = casework::MaskName(k.facts.subject_name);
      p.c = std::move(k);
      out.page.items.push_back(std::move(p));
    }
    return Status::Ok();
  }));
  return out;
}

Result<ChainPainPointsView> ChainAnalysisService::PainPoints(const Actor& actor, int64_t chain_id) {
  ASSIGN_OR_RETURN(ProblemScope scope, ProblemScopeOf(actor, chain_id, "chain.pain_points"));
  const TimeMs now = clock_.NowMs();
  ChainPainPointsView out;
  out.scope = scope;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(ProblemSet set, LoadProblems(repos, actor, chain_id, scope));
    std::vector<int64_t> segment_ids;
    std::map<int64_t, const chain::Segment*> segment_by_id;
    for (const auto& s : set.segments) {
      segment_ids.push_back(s.id);
      segment_by_id[s.id] = &s;
    }
    std::vector<chain::ProblemLoad> loads;
    loads.reserve(set.cases.size());
    for (const Case& k : set.cases) loads.push_back(chain::ProblemLoad{k.id, k.facts.enterprise_id, chain::IsOverdue(k, now)});
    ASSIGN_OR_RETURN(out.figures, chain::FindPainPoints(segment_ids, set.memberships, loads, out.rule));
    for (const auto& load : out.figures.segments) {
      const chain::Segment& s = *segment_by_id[load.segment_id];
      out.segments.push_back(SegmentPain{NamedSegment{s.id, s.name, s.stage}, load});
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::services
