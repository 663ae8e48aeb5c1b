// The casework lifecycle (domain/casework): every transition allowed and refused from every state,
// parties and units, deadlines, extensions, suspensions, returns to arbitration, reopens to
// escalation, the fold and the ladder, with a weekend-only working-time fixture (the statutory
// calendar's own tests are in domain_calendar_test.cc).
#include <gtest/gtest.h>

#include <map>

#include "domain/casework/case.h"
#include "domain/casework/catalogue.h"
#include "domain/casework/lifecycle.h"

namespace lz::casework {
namespace {

constexpr int64_t kDay = 86400000;
constexpr int64_t kUtc8 = 8LL * 3600 * 1000;
// 2026-11-30 00:00 CST, a Monday.
constexpr TimeMs kMonday = 1795968000000;

// Test fixture: Saturdays and Sundays are off, every other day works (CST days).
class WeekendsOff final : public WorkingTime {
 public:
  static bool Works(int64_t day) { return ((day % 7) + 7 + 3) % 7 < 5; }  // 1970-01-01 was a Thursday
  static int64_t DayOf(TimeMs t) { return (t + kUtc8 >= 0 ? (t + kUtc8) / kDay : (t + kUtc8 - kDay + 1) / kDay); }
  Result<TimeMs> DueAfter(TimeMs start, int days) const override {
    int64_t d = DayOf(start);
    for (int left = days; left > 0;) {
      ++d;
      if (Works(d)) --left;
    }
    return (d + 1) * kDay - kUtc8;
  }
  Result<TimeMs> AddWorking(TimeMs t, int64_t ms) const override {
    int64_t step = ms >= 0 ? 1 : -1;
    int64_t left = ms >= 0 ? ms : -ms;
    while (left > 0) {
      int64_t d = DayOf(t - (step < 0 ? 1 : 0));
      TimeMs day_start = d * kDay - kUtc8;
      TimeMs edge = step > 0 ? day_start + kDay : day_start;
      int64_t span = step > 0 ? edge - t : t - edge;
      if (!Works(d)) {
        t = edge;
        continue;
      }
      int64_t take = std::min(span, left);
      t += step * take;
      left -= take;
    }
    return t;
  }
  Result<int64_t> WorkingBetween(TimeMs a, TimeMs b) const override {
    int64_t total = 0;
    while (a < b) {
      int64_t d = DayOf(a);
      TimeMs end = std::min<TimeMs>(b, (d + 1) * kDay - kUtc8);
      if (Works(d)) total += end - a;
      a = end;
    }
    return total;
  }
};

class CaseworkTest : public ::testing::Test {
 protected:
  CaseworkTest() {
    category.code = "0101";
    category.name = "道路破损";
    category.sign_days = 1;
    category.handle_days = 5;
    category.max_extension_days = 4;
    channel.code = "hotline";
    channel.name = "12345热线";
    patrol.code = "patrol";
    patrol.name = "城管巡查";
    patrol.on_the_spot = true;
    patrol.callback = false;
  }

  Case NewCase() {
    Case c;
    c.id = 7;
    c.number = "360802-20261130-0001";
    c.facts.channel = "hotline";
    EXPECT_TRUE(Apply(c, CreateEvent(1, 100, now)).ok());
    return c;
  }

  Result<std::vector<CaseEvent>> Try(const Case& c, Command cmd, const Channel* ch = nullptr) {
    DecideContext ctx{now, &category, ch ? ch : &channel, &working};
    return Decide(c, cmd, ctx);
  }
  // Decides and applies; fails the test when refused.
  void Do(Case& c, Command cmd, const Channel* ch = nullptr) {
    auto events = Try(c, cmd, ch);
    ASSERT_TRUE(events.ok()) << EventTypeName(cmd.type) << ": " << events.status().ToString();
    for (const CaseEvent& e : *events) {
      ASSERT_TRUE(Apply(c, e).ok());
      history.push_back(e);
    }
  }

  static Command Intake(EventType type, std::string note = "") {
    Command c;
    c.type = type;
    c.party = Party::kIntake;
    c.actor_user_id = 1;
    c.actor_unit_id = 100;
    c.note = std::move(note);
    return c;
  }
  static Command Lead(EventType type, int64_t unit, std::string note = "") {
    Command c;
    c.type = type;
    c.party = Party::kLeadUnit;
    c.actor_user_id = 20;
    c.actor_unit_id = unit;
    c.note = std::move(note);
    return c;
  }
  static Command DispatchTo(int64_t unit, std::vector<int64_t> co = {}) {
    Command c = Intake(EventType::kDispatch);
    c.unit_id = unit;
    c.co_unit_ids = std::move(co);
    return c;
  }

  // A hotline case driven to `state` through the normal path.
  Case InState(CaseState state) {
    Case c = NewCase();
    switch (state) {
      case CaseState::kReceived: return c;
      case CaseState::kRejected: Do(c, Intake(EventType::kReject, "不属于受理范围")); return c;
      default: break;
    }
    Do(c, Intake(EventType::kAccept));
    if (state == CaseState::kPendingDispatch) return c;
    if (state == CaseState::kMerged) {
      Command m = Intake(EventType::kMerge);
      m.related_case_id = 3;
      Do(c, m);
      return c;
    }
    Do(c, DispatchTo(200));
    if (state == CaseState::kDispatched) return c;
    if (state == CaseState::kReturned || state == CaseState::kArbitration) {
      int returns = state == CaseState::kReturned ? 1 : kReturnsBeforeArbitration;
      for (int i = 0; i < returns; ++i) {
        if (i > 0) Do(c, DispatchTo(200));
        Do(c, Lead(EventType::kReturn, 200, "不属于本单位职责"));
      }
      return c;
    }
    Do(c, Lead(EventType::kSign, 200));
    if (state == CaseState::kHandling) return c;
    Command reply = Lead(EventType::kReply, 200, "已修复");
    reply.outcome = Outcome::kResolved;
    Do(c, reply);
    if (state == CaseState::kReplied) return c;
    Command cb = Intake(EventType::kCallback);
    cb.rating = 5;
    Do(c, cb);
    if (state == CaseState::kClosed) return c;
    Do(c, Intake(EventType::kArchive));
    return c;
  }

  TimeMs now = kMonday + 9 * 3600 * 1000;  // Monday 09:00 CST
  Category category;
  Channel channel;
  Channel patrol;
  WeekendsOff working;
  std::vector<CaseEvent> history;
};

TEST_F(CaseworkTest, FixtureCountsWeekendsOff) {
  // Monday 09:00 + 5 working days → end of the next Monday.
  EXPECT_EQ(*working.DueAfter(now, 5), kMonday + 8 * kDay);
  EXPECT_EQ(*working.DueAfter(now, 1), kMonday + 2 * kDay);
  // Friday 12:00 + 1 working day of time → Monday 12:00.
  EXPECT_EQ(*working.AddWorking(kMonday + 4 * kDay + kDay / 2, kDay), kMonday + 7 * kDay + kDay / 2);
  EXPECT_EQ(*working.AddWorking(kMonday + 7 * kDay + kDay / 2, -kDay), kMonday + 4 * kDay + kDay / 2);
  EXPECT_EQ(*working.WorkingBetween(kMonday + 4 * kDay, kMonday + 8 * kDay), 2 * kDay);
}

TEST_F(CaseworkTest, NormalPathSetsEveryField) {
  Case c = NewCase();
  Do(c, Intake(EventType::kAccept));
  EXPECT_EQ(c.state, CaseState::kPendingDispatch);
  EXPECT_EQ(c.accepted_at, now);
  Do(c, DispatchTo(200, {201}));
  EXPECT_EQ(c.state, CaseState::kDispatched);
  EXPECT_EQ(c.lead_unit_id, 200);
  ASSERT_EQ(c.co_units.size(), 1u);
  EXPECT_EQ(c.sign_due_at, kMonday + 2 * kDay);  // end of Tuesday
  EXPECT_EQ(c.due_at, kMonday + 8 * kDay);       // end of next Monday
  now += 3600 * 1000;
  Do(c, Lead(EventType::kSign, 200));
  EXPECT_EQ(c.state, CaseState::kHandling);
  EXPECT_EQ(c.handler_user_id, 20);
  EXPECT_TRUE(c.signed_on_time);
  Command reply = Lead(EventType::kReply, 200, "已修复路面");
  reply.outcome = Outcome::kResolved;
  auto refused = Try(c, reply);
  ASSERT_FALSE(refused.ok());  // the co-unit has not handed in its part
  EXPECT_EQ(refused.status().field(), "co_unit_ids");
  Command co = Lead(EventType::kCoReply, 201, "配合完成");
  co.party = Party::kCoUnit;
  EXPECT_EQ(Try(c, co).status().code(), StatusCode::kFailedPrecondition);  // not signed yet
  co.type = EventType::kCoSign;
  Do(c, co);
  co.type = EventType::kCoReply;
  Do(c, co);
  EXPECT_EQ(c.co_units[0].state, CoState::kReplied);
  Do(c, reply);
  EXPECT_EQ(c.state, CaseState::kReplied);
  EXPECT_EQ(c.outcome, Outcome::kResolved);
  Command cb = Intake(EventType::kCallback);
  cb.rating = 4;
  Do(c, cb);
  EXPECT_EQ(c.state, CaseState::kClosed);
  EXPECT_EQ(c.rating, 4);
  EXPECT_EQ(c.closed_at, now);
  Do(c, Intake(EventType::kArchive));
  EXPECT_EQ(c.state, CaseState::kArchived);
  EXPECT_EQ(c.version, static_cast<int32_t>(history.size()) + 1);
}

// Every action from every state: allowed exactly where lifecycle.h's table says.
TEST_F(CaseworkTest, AnExplicitDeadlineReplacesTheCategorysLimit) {
  Case c = InState(CaseState::kPendingDispatch);
  Command dispatch = DispatchTo(200);
  dispatch.due_at = kMonday + 2 * kDay;  // the sign-for deadline itself
  EXPECT_EQ(Try(c, dispatch).status().field(), "due_at");
  dispatch.due_at = kMonday + 30 * kDay;
  Do(c, dispatch);
  EXPECT_EQ(c.sign_due_at, kMonday + 2 * kDay);
  EXPECT_EQ(c.due_at, kMonday + 30 * kDay);
  // Only an assignment sets a deadline.
  Command sign = Lead(EventType::kSign, 200);
  sign.due_at = kMonday + 40 * kDay;
  EXPECT_EQ(Try(c, sign).status().field(), "due_at");
  Command reassign = Intake(EventType::kReassign, "职责调整");
  reassign.unit_id = 300;
  reassign.due_at = kMonday + 40 * kDay;
  Do(c, reassign);
  EXPECT_EQ(c.due_at, kMonday + 40 * kDay);
  // Keeping the current deadline is allowed however near it is; another as near is not.
  c.due_at = kMonday + kDay;  // before the next sign-for deadline
  Command keep = Intake(EventType::kReassign, "职责调整");
  keep.unit_id = 200;
  keep.due_at = kMonday + kDay - 1;
  EXPECT_EQ(Try(c, keep).status().field(), "due_at");
  keep.due_at = kMonday + kDay;
  Do(c, keep);
  EXPECT_EQ(c.due_at, kMonday + kDay);
  EXPECT_EQ(c.lead_unit_id, 200);
}

TEST_F(CaseworkTest, TransitionTable) {
  const std::vector<CaseState> states = {CaseState::kReceived, CaseState::kPendingDispatch, CaseState::kDispatched,
                                         CaseState::kHandling, CaseState::kReturned, CaseState::kArbitration,
                                         CaseState::kReplied, CaseState::kClosed, CaseState::kArchived,
                                         CaseState::kRejected, CaseState::kMerged};
  using S = CaseState;
  const std::map<EventType, std::vector<S>> allowed = {
      {EventType::kAccept, {S::kReceived}},
      {EventType::kReject, {S::kReceived, S::kPendingDispatch}},
      {EventType::kDispatch, {S::kPendingDispatch, S::kReturned}},
      {EventType::kArbitrate, {S::kArbitration}},
      {EventType::kReassign, {S::kDispatched, S::kHandling}},
      {EventType::kSign, {S::kDispatched}},
      {EventType::kReturn, {S::kDispatched, S::kHandling}},
      {EventType::kProgress, {S::kHandling}},
      {EventType::kRequestExtension, {S::kHandling}},
      {EventType::kSuspend, {S::kDispatched, S::kHandling}},
      {EventType::kReply, {S::kHandling}},
      {EventType::kCallback, {S::kReplied}},
      {EventType::kClose, {S::kReplied}},
      {EventType::kReopen, {S::kReplied, S::kClosed}},
      {EventType::kArchive, {S::kClosed}},
      {EventType::kMerge, {S::kReceived, S::kPendingDispatch, S::kDispatched}},
  };
  for (const auto& [type, ok_states] : allowed) {
    for (S state : states) {
      Case c = InState(state);
      Command cmd;
      cmd.type = type;
      cmd.actor_user_id = 20;
      cmd.actor_unit_id = 200;
      cmd.party = PartiesFor(type)[0];
      cmd.note = "说明";
      cmd.unit_id = 300;
      cmd.days = 2;
      cmd.outcome = Outcome::kResolved;
      cmd.rating = 5;
      cmd.related_case_id = 3;
      auto r = Try(c, cmd);
      bool expect = std::find(ok_states.begin(), ok_states.end(), state) != ok_states.end();
      EXPECT_EQ(r.ok(), expect) << EventTypeName(type) << " from " << CaseStateName(state) << ": "
                                << r.status().ToString();
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition) << EventTypeName(type);
      }
    }
  }
}

TEST_F(CaseworkTest, WrongPartyOrUnitIsRefused) {
  Case c = InState(CaseState::kDispatched);
  EXPECT_EQ(Try(c, Lead(EventType::kSign, 999)).status().code(), StatusCode::kPermissionDenied);
  Command as_intake = Lead(EventType::kSign, 200);
  as_intake.party = Party::kIntake;
  EXPECT_EQ(Try(c, as_intake).status().code(), StatusCode::kPermissionDenied);
  Command dispatch_by_unit = DispatchTo(300);
  dispatch_by_unit.party = Party::kLeadUnit;
  EXPECT_EQ(Try(InState(CaseState::kPendingDispatch), dispatch_by_unit).status().code(), StatusCode::kPermissionDenied);
  Command co = Lead(EventType::kCoSign, 200);
  co.party = Party::kCoUnit;
  EXPECT_EQ(Try(c, co).status().code(), StatusCode::kPermissionDenied);  // 200 is the lead, not a co-unit
}

TEST_F(CaseworkTest, StaleVersionLosesTheRace) {
  Case c = InState(CaseState::kDispatched);
  Command first = Lead(EventType::kSign, 200);
  first.expected_version = c.version;
  Command second = first;
  Do(c, first);
  auto r = Try(c, second);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().field(), "expected_version");
}

TEST_F(CaseworkTest, ThirdReturnGoesToArbitrationAndTheRulingSticks) {
  Case c = InState(CaseState::kReturned);
  EXPECT_EQ(c.return_count, 1);
  EXPECT_FALSE(c.lead_unit_id.has_value());
  EXPECT_EQ(Try(c, Lead(EventType::kReturn, 200, "x")).status().code(), StatusCode::kFailedPrecondition);
  Command no_reason = Lead(EventType::kReturn, 200);
  Case d = InState(CaseState::kDispatched);
  EXPECT_EQ(Try(d, no_reason).status().field(), "note");

  Case a = InState(CaseState::kArbitration);
  EXPECT_EQ(a.return_count, 3);
  Command rule;
  rule.type = EventType::kArbitrate;
  rule.party = Party::kArbiter;
  rule.actor_user_id = 2;
  rule.unit_id = 200;
  rule.note = "经仲裁由市政公用局办理";
  Do(a, rule);
  EXPECT_EQ(a.state, CaseState::kDispatched);
  EXPECT_TRUE(a.arbitrated);
  auto again = Try(a, Lead(EventType::kReturn, 200, "仍不属于"));
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(CaseworkTest, ExtensionsUpToTheMaximum) {
  Case c = InState(CaseState::kHandling);
  const TimeMs due = *c.due_at;
  Command ask = Lead(EventType::kRequestExtension, 200, "需协调施工单位");
  ask.days = 5;  // past the maximum of 4
  auto past = Try(c, ask);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.status().field(), "days");
  ask.days = 3;
  Do(c, ask);
  EXPECT_EQ(c.extension_requested_days, 3);
  EXPECT_EQ(Try(c, ask).status().code(), StatusCode::kFailedPrecondition);  // one waits already
  Command approve = Intake(EventType::kApproveExtension);
  approve.days = 2;
  Do(c, approve);
  EXPECT_EQ(c.extension_days, 2);
  EXPECT_EQ(c.due_at, *working.AddWorking(due, 2 * kWorkingDayMs));
  ask.days = 3;  // only 2 left
  EXPECT_EQ(Try(c, ask).status().field(), "days");
  ask.days = 2;
  Do(c, ask);
  Do(c, Intake(EventType::kRefuseExtension, "理由不充分"));
  EXPECT_FALSE(c.extension_requested_days.has_value());
  EXPECT_EQ(c.extension_days, 2);
}

TEST_F(CaseworkTest, SuspensionStopsTheClock) {
  Case c = InState(CaseState::kHandling);
  const TimeMs due = *c.due_at;
  Do(c, Intake(EventType::kSuspend, "等待司法鉴定"));
  EXPECT_TRUE(c.suspended_since.has_value());
  Command reply = Lead(EventType::kReply, 200, "x");
  reply.outcome = Outcome::kResolved;
  EXPECT_EQ(Try(c, reply).status().code(), StatusCode::kFailedPrecondition);
  now += 7 * kDay;  // a week: five working days
  Do(c, Intake(EventType::kResume));
  EXPECT_EQ(c.due_at, *working.AddWorking(due, 5 * kDay));
  EXPECT_EQ(c.suspended_ms, 7 * kDay);
  EXPECT_FALSE(c.suspended_since.has_value());
}

TEST_F(CaseworkTest, DissatisfiedRatingReopensAndTheThirdReopenEscalates) {
  Case c = InState(CaseState::kReplied);
  Command open_rating = Intake(EventType::kCallback);
  open_rating.rating = 5;
  EXPECT_EQ(Try(InState(CaseState::kHandling), open_rating).status().field(), "rating");
  Command bad = Intake(EventType::kCallback);
  bad.rating = 0;
  EXPECT_EQ(Try(c, bad).status().field(), "rating");
  for (int i = 1; i <= 3; ++i) {
    bad.rating = i == 3 ? 1 : 2;
    size_t before = history.size();
    Do(c, bad);
    EXPECT_EQ(c.state, CaseState::kHandling);
    EXPECT_EQ(c.reopen_count, i);
    EXPECT_FALSE(c.rating.has_value());
    EXPECT_EQ(history.size() - before, i == 3 ? 2u : 1u);
    if (i < 3) {
      Command reply = Lead(EventType::kReply, 200, "再次处理");
      reply.outcome = Outcome::kResolved;
      Do(c, reply);
    }
  }
  EXPECT_EQ(c.escalation, Escalation::kEscalate);
}

TEST_F(CaseworkTest, OnTheSpotOnlyWhereTheChannelAllows) {
  Case c = NewCase();
  Command fix = Intake(EventType::kResolveOnSpot, "当场清理");
  EXPECT_EQ(Try(c, fix).status().code(), StatusCode::kFailedPrecondition);
  Do(c, fix, &patrol);
  EXPECT_EQ(c.state, CaseState::kClosed);
  EXPECT_TRUE(c.on_the_spot);
  EXPECT_EQ(c.lead_unit_id, 100);
  EXPECT_EQ(c.accepted_at, now);
}

TEST_F(CaseworkTest, ReplyClosesWhenTheChannelHasNoCallback) {
  Case c = InState(CaseState::kHandling);
  Command reply = Lead(EventType::kReply, 200, "已处理");
  reply.outcome = Outcome::kExplained;
  Do(c, reply, &patrol);
  EXPECT_EQ(c.state, CaseState::kClosed);
}

TEST_F(CaseworkTest, MergeAndAbsorb) {
  Case dup = InState(CaseState::kPendingDispatch);
  Command self = Intake(EventType::kMerge);
  self.related_case_id = dup.id;
  EXPECT_EQ(Try(dup, self).status().field(), "related_case_id");
  Command m = Intake(EventType::kMerge);
  m.related_case_id = 3;
  Do(dup, m);
  EXPECT_EQ(dup.state, CaseState::kMerged);
  EXPECT_EQ(dup.merged_into, 3);
  Case original = InState(CaseState::kHandling);
  Command absorb = Intake(EventType::kAbsorb);
  absorb.related_case_id = 9;
  Do(original, absorb);
  EXPECT_EQ(original.absorbed, std::vector<int64_t>{9});
  EXPECT_EQ(original.state, CaseState::kHandling);
}

TEST_F(CaseworkTest, LadderRungsFallDueInOrder) {
  Case c = InState(CaseState::kHandling);
  const TimeMs due = *c.due_at;  // end of next Monday
  auto ladder = Ladder(c, category, working);
  ASSERT_TRUE(ladder.ok());
  ASSERT_EQ(ladder->size(), 5u);
  EXPECT_EQ((*ladder)[0].level, Escalation::kWarning);
  EXPECT_EQ((*ladder)[0].at, due - kDay);  // one working day before: the start of that Monday
  EXPECT_EQ((*ladder)[1].at, due);
  EXPECT_EQ((*ladder)[2].at, due + 2 * kDay);
  EXPECT_EQ((*ladder)[3].at, due + 5 * kDay + 2 * kDay);  // five working days: over a weekend
  EXPECT_TRUE(DueRungs(c, category, working, due - kDay - 1)->empty());
  auto next = NextRung(c, category, working, now);
  ASSERT_TRUE(next.ok() && next->has_value());
  EXPECT_EQ((*next)->level, Escalation::kWarning);
  auto due_now = DueRungs(c, category, working, due + 2 * kDay);
  ASSERT_EQ(due_now->size(), 3u);  // warning, urge, supervise
  Command up;
  up.type = EventType::kEscalate;
  up.party = Party::kSystem;
  up.escalation = Escalation::kSupervise;
  now = due + 2 * kDay;
  Do(c, up);
  EXPECT_TRUE(DueRungs(c, category, working, now)->empty());
  EXPECT_EQ(Try(c, up).status().field(), "escalation");  // not twice
  // An approved extension moves the deadline and starts the ladder afresh.
  Command ask = Lead(EventType::kRequestExtension, 200, "需要更多时间");
  ask.days = 4;
  Do(c, ask);
  Do(c, Intake(EventType::kApproveExtension));
  EXPECT_EQ(c.escalation, Escalation::kNone);
  // Suspended cases have no ladder.
  Do(c, Intake(EventType::kSuspend, "暂停"));
  EXPECT_TRUE(Ladder(c, category, working)->empty());
}

TEST_F(CaseworkTest, RebuildReplaysHistoryAndRefusesGaps) {
  Case c = InState(CaseState::kArchived);
  std::vector<CaseEvent> all = {CreateEvent(1, 100, kMonday + 9 * 3600 * 1000)};
  all.insert(all.end(), history.begin(), history.end());
  auto rebuilt = Rebuild(c.id, c.number, c.facts, all);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_EQ(*rebuilt, c);
  all.erase(all.begin() + 2);
  EXPECT_EQ(Rebuild(c.id, c.number, c.facts, all).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(Rebuild(c.id, c.number, c.facts, {}).ok());
}

TEST(CaseFactsTest, NormalisesAndNamesTheField) {
  CaseFacts f;
  f.channel = "hotline";
  f.category_code = "0101";
  f.text = "  小区门口路面塌陷，存在安全隐患\n请尽快处理 ";
  f.region_code = "360802001001";
  f.reporter_phone = "139-1234 5678";
  ASSERT_TRUE(NormaliseFacts(f).ok());
  EXPECT_EQ(f.title, "小区门口路面塌陷，存在安全隐患");
  EXPECT_EQ(f.reporter_phone, "13912345678");
  CaseFacts bad = f;
  bad.region_code = "3608021";
  EXPECT_EQ(NormaliseFacts(bad).field(), "region_code");
  bad = f;
  bad.reporter_phone = "call me";
  EXPECT_EQ(NormaliseFacts(bad).field(), "reporter_phone");
  bad = f;
  bad.subject_kind = SubjectKind::kEnterprise;
  EXPECT_EQ(NormaliseFacts(bad).field(), "enterprise");
  bad = f;
  bad.text = " ";
  EXPECT_EQ(NormaliseFacts(bad).field(), "text");
  bad = f;
  bad.channel = "Hot Line";
  EXPECT_EQ(NormaliseFacts(bad).field(), "channel");
}

TEST(CaseCatalogueTest, CategoriesRoutesAndNumbers) {
  Category c;
  c.code = "０１ab";
  c.name = "市政设施";
  ASSERT_TRUE(ValidateCategory(c).ok());
  EXPECT_EQ(c.code, "01AB");
  EXPECT_EQ(ParentCode(c.code), "01");
  EXPECT_EQ(ParentCode("01"), "");
  Category odd = c;
  odd.code = "010";
  EXPECT_EQ(ValidateCategory(odd).field(), "code");
  Category ladder = c;
  ladder.ladder.circulate_after_days = 1;  // before 督办 at 2
  EXPECT_EQ(ValidateCategory(ladder).field(), "ladder.circulate_after_days");
  Category limits = c;
  limits.sign_days = 12;
  EXPECT_EQ(ValidateCategory(limits).field(), "sign_days");

  std::vector<RoutingRule> rules = {{1, 10, "", 500}, {2, 11, "3608", 501}, {3, 10, "360802", 502}, {4, 11, "360802", 503}};
  // Category 11 is the case's own, 10 its parent. The longest region wins, then the nearer category.
  EXPECT_EQ(ProposeRoute(rules, {11, 10}, "360802001")->unit_id, 503);
  EXPECT_EQ(ProposeRoute(rules, {11, 10}, "360803")->unit_id, 501);
  EXPECT_EQ(ProposeRoute(rules, {10}, "360803")->unit_id, 500);
  EXPECT_FALSE(ProposeRoute(rules, {12}, "36").has_value());

  EXPECT_EQ(LocalDateDigits(kMonday), "20261130");
  EXPECT_EQ(LocalDateDigits(kMonday - 1), "20261129");
  EXPECT_EQ(CaseNumber("360802001001", kMonday, 17), "360802-20261130-0017");
  EXPECT_EQ(CaseNumber("3608", kMonday, 12345), "360800-20261130-12345");
}

TEST(CaseMaskTest, Names) {
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧***");
  EXPECT_EQ(MaskName(""), "");
}

}  // namespace
}  // namespace lz::casework
