// Pain points (痛点, brief §2): the segments of a chain where the chain's enterprises' unresolved
// and overdue cases concentrate. Pure: the caller passes the chain's segments, the memberships of
// the enterprises concerned and one load per unresolved case (overdue judged at its `now`).
//
// The rule (docs/decisions/0016-enterprise-accounts-and-pain-points.md):
//   - A case is *unresolved* (a problem still open to the chain leader) from registration until it
//     is closed: received, pending_dispatch, dispatched, handling, returned, arbitration, replied
//     (a replied case still waits for the enterprise's rating and may reopen).
//   - It is *overdue* when a unit is responsible and the clock runs (casework::IsOpen), it is not
//     suspended, and its due time has passed — the inbox's "overdue" box.
//   - A case counts in every segment of the chain its subject enterprise belongs to (an enterprise
//     on two segments burdens both); a case without an enterprise, or whose enterprise is on no
//     segment of the chain, counts in the chain's totals as "unplaced" only.
//   - A segment's weight = unresolved + overdue (an overdue case weighs two). Its share = weight /
//     the chain's weight (the sum over distinct cases, so shares may add up to more than 100%).
//   - A segment is a pain point when weight ≥ rule.min_weight AND weight × 100 ≥
//     rule.min_share_percent × chain weight. With the defaults (2, 30): two unresolved cases, or one
//     overdue case, in a segment carrying at least 30% of the chain's burden.
//   - Segments are ranked: pain points first, then weight, overdue, unresolved (all descending),
//     then segment id ascending.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/casework/case.h"
#include "domain/chain/chain.h"

namespace lz::chain {

// From registration until closed (see above).
bool IsUnresolved(casework::CaseState state);
// Running (a unit responsible, not suspended, with a due time) and past its due time at `now`.
bool IsOverdue(const casework::Case& c, TimeMs now);

struct PainPointRule {
  int64_t min_weight = 2;         // ≥ 1
  int64_t min_share_percent = 30;  // 1..100
};

// One unresolved case of the chain.
struct ProblemLoad {
  int64_t case_id = 0;
  std::optional<int64_t> enterprise_id;
  bool overdue = false;
};

struct SegmentLoad {
  int64_t segment_id = 0;
  int64_t unresolved = 0;   // unresolved cases of its member enterprises
  int64_t overdue = 0;      // of which overdue
  int64_t enterprises = 0;  // member enterprises with at least one unresolved case
  int64_t weight = 0;       // unresolved + overdue
  int64_t share_percent = 0;  // floor(weight × 100 / chain weight); 0 when the chain weight is 0
  bool pain_point = false;
};

struct ChainPainPoints {
  int64_t unresolved = 0;  // distinct cases
  int64_t overdue = 0;
  int64_t weight = 0;      // unresolved + overdue over distinct cases
  int64_t unplaced_unresolved = 0;  // cases counted in no segment
  int64_t unplaced_overdue = 0;
  std::vector<SegmentLoad> segments;  // one per segment given, ranked as above
};

// Applies the rule. `segment_ids` are the chain's segments; memberships of other segments are
// ignored; a case listed twice counts once. InvalidArgument naming "min_weight" or
// "min_share_percent" for a rule out of range.
Result<ChainPainPoints> FindPainPoints(const std::vector<int64_t>& segment_ids,
                                       const std::vector<Membership>& memberships,
                                       const std::vector<ProblemLoad>& problems, const PainPointRule& rule = {});

}  // namespace lz::chain
