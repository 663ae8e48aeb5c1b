// Pain points (domain/chain/pain_point.h): which cases are unresolved and overdue, and the
// concentration rule on fixtures whose figures were computed by hand (written out beside each).
#include <gtest/gtest.h>

#include "domain/chain/pain_point.h"

namespace lz::chain {
namespace {

using casework::CaseState;

Membership Member(int64_t enterprise, int64_t segment) {
  Membership m;
  m.enterprise_id = enterprise;
  m.segment_id = segment;
  return m;
}

ProblemLoad Problem(int64_t id, std::optional<int64_t> enterprise, bool overdue) {
  return ProblemLoad{id, enterprise, overdue};
}

const SegmentLoad& Find(const ChainPainPoints& p, int64_t segment) {
  for (const auto& s : p.segments) {
    if (s.segment_id == segment) return s;
  }
  static const SegmentLoad kNone;
  ADD_FAILURE() << "segment " << segment << " missing";
  return kNone;
}

TEST(PainPointCases, UnresolvedRunsFromRegistrationUntilClosed) {
  for (CaseState s : {CaseState::kReceived, CaseState::kPendingDispatch, CaseState::kDispatched, CaseState::kHandling,
                      CaseState::kReturned, CaseState::kArbitration, CaseState::kReplied}) {
    EXPECT_TRUE(IsUnresolved(s)) << casework::CaseStateName(s);
  }
  for (CaseState s : {CaseState::kClosed, CaseState::kArchived, CaseState::kRejected, CaseState::kMerged}) {
    EXPECT_FALSE(IsUnresolved(s)) << casework::CaseStateName(s);
  }
}

TEST(PainPointCases, OverdueIsRunningAndStrictlyPastTheDueTime) {
  casework::Case c;
  c.state = CaseState::kHandling;
  c.due_at = 1000;
  EXPECT_TRUE(IsOverdue(c, 1001));
  EXPECT_FALSE(IsOverdue(c, 1000));  // due at this very instant: not yet overdue
  c.suspended_since = 900;
  EXPECT_FALSE(IsOverdue(c, 5000));  // the clock is stopped
  c.suspended_since.reset();
  c.state = CaseState::kReplied;     // answered: no unit is running against the clock
  EXPECT_FALSE(IsOverdue(c, 5000));
  c.state = CaseState::kDispatched;
  c.due_at.reset();
  EXPECT_FALSE(IsOverdue(c, 5000));
}

// Segments 10, 20, 30, 40 of the chain; E1 on 10, E2 on 10 and 20, E3 on 30, E9 only on segment 99
// of another chain.
//   c1 E1 overdue, c2 E2, c3 E3, c4 no enterprise overdue, c5 E9, c2 listed twice.
// Chain: unresolved 5 (c1..c5), overdue 2 (c1, c4), weight 7; unplaced c4, c5 → 2 unresolved, 1 overdue.
// Segment 10: c1 + c2 → unresolved 2, overdue 1, enterprises 2, weight 3, share ⌊300/7⌋ = 42;
//   3 ≥ 2 and 300 ≥ 30 × 7 = 210 → pain point.
// Segment 20: c2 → weight 1, share ⌊100/7⌋ = 14 → below min_weight. Segment 30: c3 → the same.
// Segment 40: nothing.
TEST(PainPointRule, CountsEachCaseInEverySegmentOfItsEnterpriseAndFlagsTheConcentration) {
  auto r = FindPainPoints({10, 20, 30, 40}, {Member(1, 10), Member(2, 10), Member(2, 20), Member(3, 30), Member(9, 99)},
                          {Problem(1, 1, true), Problem(2, 2, false), Problem(3, 3, false), Problem(4, std::nullopt, true),
                           Problem(5, 9, false), Problem(2, 2, false)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unresolved, 5);
  EXPECT_EQ(r->overdue, 2);
  EXPECT_EQ(r->weight, 7);
  EXPECT_EQ(r->unplaced_unresolved, 2);
  EXPECT_EQ(r->unplaced_overdue, 1);
  ASSERT_EQ(r->segments.size(), 4u);
  // Ranked: the pain point, then weight 1 by id (20 before 30), then the empty segment.
  EXPECT_EQ(r->segments[0].segment_id, 10);
  EXPECT_EQ(r->segments[1].segment_id, 20);
  EXPECT_EQ(r->segments[2].segment_id, 30);
  EXPECT_EQ(r->segments[3].segment_id, 40);
  const SegmentLoad& s10 = Find(*r, 10);
  EXPECT_EQ(s10.unresolved, 2);
  EXPECT_EQ(s10.overdue, 1);
  EXPECT_EQ(s10.enterprises, 2);
  EXPECT_EQ(s10.weight, 3);
  EXPECT_EQ(s10.share_percent, 42);
  EXPECT_TRUE(s10.pain_point);
  const SegmentLoad& s20 = Find(*r, 20);
  EXPECT_EQ(s20.unresolved, 1);
  EXPECT_EQ(s20.overdue, 0);
  EXPECT_EQ(s20.enterprises, 1);
  EXPECT_EQ(s20.share_percent, 14);
  EXPECT_FALSE(s20.pain_point);
  EXPECT_FALSE(Find(*r, 30).pain_point);
  const SegmentLoad& s40 = Find(*r, 40);
  EXPECT_EQ(s40.weight, 0);
  EXPECT_EQ(s40.enterprises, 0);
  EXPECT_FALSE(s40.pain_point);
}

// Segments 1 and 2; E1 on 1, E2 on 2. c1, c2 of E1; c3 (overdue), c4, c5 of E2.
// Chain: unresolved 5, overdue 1, weight 6.
// Segment 2: unresolved 3 + overdue 1 = weight 4, share ⌊400/6⌋ = 66 → pain point (400 ≥ 180).
// Segment 1: weight 2, share ⌊200/6⌋ = 33 → pain point with 30% (200 ≥ 180), not with 34% (200 < 204).
TEST(PainPointRule, TheShareThresholdIsInclusiveAndSeveralSegmentsMayBePainPoints) {
  const std::vector<Membership> members = {Member(1, 1), Member(2, 2)};
  const std::vector<ProblemLoad> problems = {Problem(1, 1, false), Problem(2, 1, false), Problem(3, 2, true),
                                             Problem(4, 2, false), Problem(5, 2, false)};
  auto r = FindPainPoints({1, 2}, members, problems);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->weight, 6);
  ASSERT_EQ(r->segments.size(), 2u);
  EXPECT_EQ(r->segments[0].segment_id, 2);
  EXPECT_EQ(r->segments[0].weight, 4);
  EXPECT_EQ(r->segments[0].share_percent, 66);
  EXPECT_TRUE(r->segments[0].pain_point);
  EXPECT_EQ(r->segments[1].segment_id, 1);
  EXPECT_EQ(r->segments[1].share_percent, 33);
  EXPECT_TRUE(r->segments[1].pain_point);

  auto stricter = FindPainPoints({1, 2}, members, problems, PainPointRule{2, 34});
  ASSERT_TRUE(stricter.ok());
  EXPECT_TRUE(Find(*stricter, 2).pain_point);
  EXPECT_FALSE(Find(*stricter, 1).pain_point);

  // Exactly at the threshold: weight 2 of 4 at 50% → 200 ≥ 200.
  auto exact = FindPainPoints({1, 2}, members, {Problem(1, 1, false), Problem(2, 1, false), Problem(3, 2, false),
                                                Problem(4, 2, false)},
                              PainPointRule{2, 50});
  ASSERT_TRUE(exact.ok());
  EXPECT_TRUE(Find(*exact, 1).pain_point);
  EXPECT_TRUE(Find(*exact, 2).pain_point);
}

TEST(PainPointRule, OneOverdueCaseWeighsTwoButOneOnTimeCaseIsNoPainPoint) {
  auto one = FindPainPoints({7}, {Member(1, 7)}, {Problem(1, 1, false)});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->segments[0].share_percent, 100);
  EXPECT_FALSE(one->segments[0].pain_point);  // weight 1 < 2

  auto late = FindPainPoints({7}, {Member(1, 7)}, {Problem(1, 1, true)});
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->segments[0].weight, 2);
  EXPECT_TRUE(late->segments[0].pain_point);

  auto none = FindPainPoints({7, 8}, {Member(1, 7)}, {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->weight, 0);
  for (const auto& s : none->segments) {
    EXPECT_FALSE(s.pain_point);
    EXPECT_EQ(s.share_percent, 0);
  }
}

TEST(PainPointRule, ARuleOutOfRangeIsRefusedNamingTheField) {
  auto zero = FindPainPoints({1}, {}, {}, PainPointRule{0, 30});
  EXPECT_EQ(zero.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(zero.status().field(), "min_weight");
  for (int64_t share : {0, 101, -5}) {
    auto bad = FindPainPoints({1}, {}, {}, PainPointRule{2, share});
    EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(bad.status().field(), "min_share_percent");
  }
}

}  // namespace
}  // namespace lz::chain
