// Pain points: the concentration rule over a chain's unresolved cases.
#include "domain/chain/pain_point.h"

#include <algorithm>
#include <map>
#include <set>

namespace lz::chain {

bool IsUnresolved(casework::CaseState state) {
  return !casework::IsTerminal(state) && state != casework::CaseState::kClosed;
}

bool IsOverdue(const casework::Case& c, TimeMs now) {
  return casework::IsOpen(c.state) && !c.suspended_since && c.due_at && *c.due_at < now;
}

Result<ChainPainPoints> FindPainPoints(const std::vector<int64_t>& segment_ids,
                                       const std::vector<Membership>& memberships,
                                       const std::vector<ProblemLoad>& problems, const PainPointRule& rule) {
  if (rule.min_weight < 1) return InvalidArgument("min_weight must be at least 1", "min_weight");
  if (rule.min_share_percent < 1 || rule.min_share_percent > 100) {
    return InvalidArgument("min_share_percent must be between 1 and 100", "min_share_percent");
  }
  std::map<int64_t, size_t> slot;  // segment id → index in out.segments
  ChainPainPoints out;
  for (int64_t id : segment_ids) {
    if (slot.count(id)) continue;
    slot[id] = out.segments.size();
    out.segments.push_back(SegmentLoad{id, 0, 0, 0, 0, 0, false});
  }
  std::map<int64_t, std::set<size_t>> segments_of;  // enterprise → its segments in this chain
  for (const Membership& m : memberships) {
    if (auto it = slot.find(m.segment_id); it != slot.end()) segments_of[m.enterprise_id].insert(it->second);
  }
  std::set<int64_t> seen_cases;
  std::vector<std::set<int64_t>> enterprises(out.segments.size());
  for (const ProblemLoad& p : problems) {
    if (!seen_cases.insert(p.case_id).second) continue;
    ++out.unresolved;
    if (p.overdue) ++out.overdue;
    const std::set<size_t>* placed = nullptr;
    if (p.enterprise_id) {
      if (auto it = segments_of.find(*p.enterprise_id); it != segments_of.end()) placed = &it->second;
    }
    if (!placed) {
      ++out.unplaced_unresolved;
      if (p.overdue) ++out.unplaced_overdue;
      continue;
    }
    for (size_t i : *placed) {
      SegmentLoad& s = out.segments[i];
      ++s.unresolved;
      if (p.overdue) ++s.overdue;
      enterprises[i].insert(*p.enterprise_id);
    }
  }
  out.weight = out.unresolved + out.overdue;
  for (size_t i = 0; i < out.segments.size(); ++i) {
    SegmentLoad& s = out.segments[i];
    s.enterprises = static_cast<int64_t>(enterprises[i].size());
    s.weight = s.unresolved + s.overdue;
    s.share_percent = out.weight == 0 ? 0 : s.weight * 100 / out.weight;
    s.pain_point = s.weight >= rule.min_weight && s.weight * 100 >= rule.min_share_percent * out.weight;
  }
  std::sort(out.segments.begin(), out.segments.end(), [](const SegmentLoad& a, const SegmentLoad& b) {
    if (a.pain_point != b.pain_point) return a.pain_point;
    if (a.weight != b.weight) return a.weight > b.weight;
    if (a.overdue != b.overdue) return a.overdue > b.overdue;
    if (a.unresolved != b.unresolved) return a.unresolved > b.unresolved;
    return a.segment_id < b.segment_id;
  });
  return out;
}

}  // namespace lz::chain
