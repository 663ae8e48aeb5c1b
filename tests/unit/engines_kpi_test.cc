// Tests of engines/kpi: every KPI on a hand-computed fixture (the figures are worked out in the
// comments), every grouping and bucketing, the China Standard Time day boundary, updates that move
// a case between cells (another unit, a reopen), the domain's own fold driving the engine, and a
// randomised comparison of every plan (cube, posting lists, scan) with a brute-force count.
#include "engines/kpi/kpi_engine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <random>

#include "common/china_time.h"
#include "domain/casework/lifecycle.h"
#include "engines/kpi/internal/calendar.h"

namespace lz::engines::kpi {
namespace {

using casework::Case;
using casework::CaseState;
using casework::Outcome;
using C = Counter;

int64_t D(int y, unsigned m, unsigned d) {
  return DayNumber(std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)));
}
// An instant on a local (UTC+8) day.
TimeMs T(int y, unsigned m, unsigned d, int hour = 10) { return ChinaMidnightOf(D(y, m, d)) + hour * kHourMs; }

const OnTheSpotChannels kPatrol = {"patrol"};

Case Base(int64_t id, const std::string& channel, const std::string& category, const std::string& region) {
  Case c;
  c.id = id;
  c.facts.channel = channel;
  c.facts.category_code = category;
  c.facts.region_code = region;
  c.version = 2;
  return c;
}

// The fixture (units 11 and 12; chain 7; channel patrol resolves on the spot):
//   c1 hotline 0201 360802001001 unit 11, accepted 01-10: signed on time, closed by its due time,
//      resolved, rated 5
//   c2 hotline 0203 360802002    unit 11, accepted 01-20: signed late, handling, due 01-25
//      (overdue at 02-10), returned once before
//   c3 patrol  0101 360821       unit 12, resolved on the spot 01-31 (no due time)
//   c4 patrol  0101 360821       unit 12, accepted 02-03: dispatched, due 02-20 (not overdue)
//   c5 hotline 0201 360802001001 unit 12, chain 7, accepted 02-05: signed on time, closed after
//      its due time, partly resolved, rated 3, reopened once before
//   c6 hotline 0201 360802       rejected on 01-15 without being accepted
//   c7 online  0203 360802       accepted 02-06, then merged into another case
//   c8 hotline 0201 360802       registered, not yet accepted: counted nowhere
//   c9 hotline 0201 360802       accepted 02-28, waiting for dispatch
std::vector<Case> Fixture() {
  std::vector<Case> out;
  Case c1 = Base(1, "hotline", "0201", "360802001001");
  c1.state = CaseState::kClosed;
  c1.accepted_at = T(2025, 1, 10, 9);
  c1.lead_unit_id = 11;
  c1.sign_due_at = T(2025, 1, 11, 23);
  c1.signed_at = T(2025, 1, 10, 15);
  c1.signed_on_time = true;
  c1.due_at = T(2025, 1, 24, 23);
  c1.replied_at = T(2025, 1, 20);
  c1.closed_at = T(2025, 1, 22);
  c1.outcome = Outcome::kResolved;
  c1.rating = 5;
  out.push_back(c1);

  Case c2 = Base(2, "hotline", "0203", "360802002");
  c2.state = CaseState::kHandling;
  c2.accepted_at = T(2025, 1, 20);
  c2.lead_unit_id = 11;
  c2.signed_at = T(2025, 1, 23);
  c2.signed_on_time = false;
  c2.due_at = T(2025, 1, 25);
  c2.return_count = 1;
  out.push_back(c2);

  Case c3 = Base(3, "patrol", "0101", "360821");
  c3.state = CaseState::kClosed;
  c3.accepted_at = c3.replied_at = c3.closed_at = T(2025, 1, 31, 16);
  c3.lead_unit_id = 12;
  c3.on_the_spot = true;
  c3.outcome = Outcome::kResolved;
  out.push_back(c3);

  Case c4 = Base(4, "patrol", "0101", "360821");
  c4.state = CaseState::kDispatched;
  c4.accepted_at = T(2025, 2, 3);
  c4.lead_unit_id = 12;
  c4.due_at = T(2025, 2, 20);
  out.push_back(c4);

  Case c5 = Base(5, "hotline", "0201", "360802001001");
  c5.facts.chain_id = 7;
  c5.state = CaseState::kArchived;
  c5.accepted_at = T(2025, 2, 5);
  c5.lead_unit_id = 12;
  c5.signed_at = T(2025, 2, 5, 14);
  c5.signed_on_time = true;
  c5.due_at = T(2025, 2, 12);
  c5.replied_at = T(2025, 2, 13);
  c5.closed_at = T(2025, 2, 14);
  c5.outcome = Outcome::kPartlyResolved;
  c5.rating = 3;
  c5.reopen_count = 1;
  out.push_back(c5);

  Case c6 = Base(6, "hotline", "0201", "360802");
  c6.state = CaseState::kRejected;
  c6.updated_at = T(2025, 1, 15);
  out.push_back(c6);

  Case c7 = Base(7, "online", "0203", "360802");
  c7.state = CaseState::kMerged;
  c7.accepted_at = T(2025, 2, 6);
  c7.updated_at = T(2025, 2, 7);
  c7.merged_into = 1;
  out.push_back(c7);

  Case c8 = Base(8, "hotline", "0201", "360802");
  c8.state = CaseState::kReceived;
  c8.updated_at = T(2025, 2, 1);
  out.push_back(c8);

  Case c9 = Base(9, "hotline", "0201", "360802");
  c9.state = CaseState::kPendingDispatch;
  c9.accepted_at = T(2025, 2, 28, 20);
  out.push_back(c9);
  return out;
}

const TimeMs kNow = T(2025, 2, 10, 12);

std::unique_ptr<KpiEngine> Build(const std::vector<Case>& cases, EngineOptions options = {}) {
  KpiEngine::Builder b(kPatrol, std::move(options));
  for (const auto& c : cases) EXPECT_TRUE(b.Add(c).ok());
  return b.Finish();
}

Query Window(int64_t from, int64_t to, GroupBy by = GroupBy::kNone) {
  Query q;
  q.from_day = from;
  q.to_day = to;
  q.by = by;
  q.now = kNow;
  return q;
}

Report Answer(const KpiEngine& e, const Query& q) {
  auto r = e.Run(q);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Report{};
}

// Figures from a list of (counter, value); the rest zero.
Figures F(std::initializer_list<std::pair<C, int64_t>> counts, int64_t overdue = 0) {
  Figures f;
  for (auto [c, v] : counts) f[c] = v;
  f.overdue = overdue;
  return f;
}

std::map<std::string, Figures> ByCode(const Report& r) {
  std::map<std::string, Figures> out;
  for (const auto& row : r.rows) out[row.key.code] = row.figures;
  return out;
}
std::map<int64_t, Figures> ById(const Report& r) {
  std::map<int64_t, Figures> out;
  for (const auto& row : r.rows) out[row.key.id] = row.figures;
  return out;
}

// Every option set answers the fixture alike: the default layout, scans only, and cubes without
// posting lists.
std::vector<EngineOptions> Layouts() {
  EngineOptions scan_only;
  scan_only.cubes.clear();
  scan_only.postings.clear();
  EngineOptions cubes_only;
  cubes_only.postings.clear();
  return {EngineOptions{}, scan_only, cubes_only};
}

class KpiFixture : public ::testing::TestWithParam<int> {
 protected:
  std::unique_ptr<KpiEngine> engine_ = Build(Fixture(), Layouts()[static_cast<size_t>(GetParam())]);
};

INSTANTIATE_TEST_SUITE_P(Layouts, KpiFixture, ::testing::Values(0, 1, 2));

TEST_P(KpiFixture, EveryKpiOverTheWholePeriod) {
  Report r = Answer(*engine_, Window(D(2025, 1, 1), D(2025, 2, 28)));
  // received: c1 c2 c3 c4 c5 c9; signed: c1 c2 c5 (on time c1 c5); closed: c1 c3 c5 (on time c1,
  // and c3 which has no due time; resolved c1 c3); findings c3 c4 (on the spot c3); rated c1 c5
  // (satisfied c1); reopened c5; open c2 c4; overdue c2; returned c2; rejected c6; merged c7.
  EXPECT_EQ(r.total, F({{C::kReceived, 6}, {C::kSigned, 3}, {C::kSignedOnTime, 2}, {C::kClosed, 3},
                        {C::kClosedOnTime, 2}, {C::kResolved, 2}, {C::kFindings, 2}, {C::kOnTheSpot, 1},
                        {C::kRated, 2}, {C::kSatisfied, 1}, {C::kReopened, 1}, {C::kOpen, 2},
                        {C::kReturned, 1}, {C::kRejected, 1}, {C::kMerged, 1}},
                       1));
  EXPECT_TRUE(r.rows.empty());
  EXPECT_DOUBLE_EQ(*RateOf(r.total, Rate::kSignOnTime).value, 2.0 / 3);
  EXPECT_DOUBLE_EQ(*RateOf(r.total, Rate::kCompletionOnTime).value, 2.0 / 3);
  EXPECT_DOUBLE_EQ(*RateOf(r.total, Rate::kResolution).value, 2.0 / 3);
  EXPECT_DOUBLE_EQ(*RateOf(r.total, Rate::kOnTheSpot).value, 0.5);
  EXPECT_DOUBLE_EQ(*RateOf(r.total, Rate::kSatisfaction).value, 0.5);
  EXPECT_DOUBLE_EQ(*RateOf(r.total, Rate::kReopen).value, 1.0 / 6);
  EXPECT_EQ(PercentHundredths(RateOf(r.total, Rate::kSignOnTime)), 6667);  // 66.666… → 66.67 %
  EXPECT_EQ(PercentHundredths(RateOf(r.total, Rate::kReopen)), 1667);      // 16.666… → 16.67 %
  EXPECT_EQ(PercentHundredths(RateOf(Figures{}, Rate::kReopen)), std::nullopt);
  EXPECT_FALSE(RateOf(Figures{}, Rate::kSatisfaction).value.has_value());
}

TEST_P(KpiFixture, OverdueDependsOnNow) {
  Query q = Window(D(2025, 1, 1), D(2025, 2, 28));
  q.now = T(2025, 1, 25, 0);  // before c2's due time (01-25 10:00)
  EXPECT_EQ(Answer(*engine_, q).total.overdue, 0);
  q.now = T(2025, 2, 21);  // past c2's and c4's
  EXPECT_EQ(Answer(*engine_, q).total.overdue, 2);
  q.from_day = D(2025, 2, 1);  // c2 was accepted in January
  EXPECT_EQ(Answer(*engine_, q).total.overdue, 1);
}

TEST_P(KpiFixture, ByUnit) {
  auto rows = ById(Answer(*engine_, Window(D(2025, 1, 1), D(2025, 2, 28), GroupBy::kUnit)));
  ASSERT_EQ(rows.size(), 3u);
  // No lead unit: c6 (rejected), c7 (merged), c9 (waiting for dispatch).
  EXPECT_EQ(rows[0], F({{C::kReceived, 1}, {C::kRejected, 1}, {C::kMerged, 1}}));
  EXPECT_EQ(rows[11], F({{C::kReceived, 2}, {C::kSigned, 2}, {C::kSignedOnTime, 1}, {C::kClosed, 1},
                         {C::kClosedOnTime, 1}, {C::kResolved, 1}, {C::kRated, 1}, {C::kSatisfied, 1},
                         {C::kOpen, 1}, {C::kReturned, 1}},
                        1));
  EXPECT_EQ(rows[12], F({{C::kReceived, 3}, {C::kSigned, 1}, {C::kSignedOnTime, 1}, {C::kClosed, 2},
                         {C::kClosedOnTime, 1}, {C::kResolved, 1}, {C::kFindings, 2}, {C::kOnTheSpot, 1},
                         {C::kRated, 1}, {C::kReopened, 1}, {C::kOpen, 1}}));
}

TEST_P(KpiFixture, FilteredByUnits) {
  Query q = Window(D(2025, 1, 1), D(2025, 2, 28), GroupBy::kChannel);
  q.filter.unit_ids = std::vector<int64_t>{12};
  auto rows = ByCode(Answer(*engine_, q));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows["patrol"][C::kReceived], 2);
  EXPECT_EQ(rows["hotline"][C::kReceived], 1);
  q.filter.unit_ids = std::vector<int64_t>{11, 12, 999};  // an unknown unit matches nothing more
  EXPECT_EQ(Answer(*engine_, q).total[C::kReceived], 5);
  q.filter.unit_ids = std::vector<int64_t>{};
  EXPECT_TRUE(Answer(*engine_, q).total.Empty());
  q.filter.unit_ids = std::vector<int64_t>{999};
  EXPECT_TRUE(Answer(*engine_, q).total.Empty());
}

TEST_P(KpiFixture, ByChannelCategoryRegionAndChain) {
  const Query base = Window(D(2025, 1, 1), D(2025, 2, 28));
  Query q = base;
  q.by = GroupBy::kChannel;
  auto channels = ByCode(Answer(*engine_, q));
  ASSERT_EQ(channels.size(), 3u);
  EXPECT_EQ(channels["hotline"], F({{C::kReceived, 4}, {C::kSigned, 3}, {C::kSignedOnTime, 2}, {C::kClosed, 2},
                                    {C::kClosedOnTime, 1}, {C::kResolved, 1}, {C::kRated, 2}, {C::kSatisfied, 1},
                                    {C::kReopened, 1}, {C::kOpen, 1}, {C::kReturned, 1}, {C::kRejected, 1}},
                                   1));
  EXPECT_EQ(channels["patrol"], F({{C::kReceived, 2}, {C::kClosed, 1}, {C::kClosedOnTime, 1}, {C::kResolved, 1},
                                   {C::kFindings, 2}, {C::kOnTheSpot, 1}, {C::kOpen, 1}}));
  EXPECT_EQ(channels["online"], F({{C::kMerged, 1}}));

  q.by = GroupBy::kCategory;
  q.category_level = 1;
  auto top = ByCode(Answer(*engine_, q));
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top["02"][C::kReceived], 4);  // c1 c2 c5 c9
  EXPECT_EQ(top["02"][C::kRejected], 1);
  EXPECT_EQ(top["02"][C::kMerged], 1);
  EXPECT_EQ(top["01"][C::kReceived], 2);  // c3 c4
  q.category_level = 2;
  auto leaves = ByCode(Answer(*engine_, q));
  ASSERT_EQ(leaves.size(), 3u);
  EXPECT_EQ(leaves["0201"][C::kReceived], 3);  // c1 c5 c9
  EXPECT_EQ(leaves["0203"][C::kReceived], 1);  // c2
  EXPECT_EQ(leaves["0203"][C::kMerged], 1);    // c7
  EXPECT_EQ(leaves["0101"][C::kReceived], 2);

  q.by = GroupBy::kRegion;
  q.region_level = org::RegionLevel::kCounty;
  auto counties = ByCode(Answer(*engine_, q));
  ASSERT_EQ(counties.size(), 2u);
  EXPECT_EQ(counties["360802"][C::kReceived], 4);
  EXPECT_EQ(counties["360821"][C::kReceived], 2);
  q.region_level = org::RegionLevel::kTownship;
  auto townships = ByCode(Answer(*engine_, q));
  // c1 c5 in 360802001; c2 in 360802002; c6 c7 c9 only known to the county (stay in 360802).
  ASSERT_EQ(townships.size(), 4u);
  EXPECT_EQ(townships["360802001"][C::kReceived], 2);
  EXPECT_EQ(townships["360802002"][C::kReceived], 1);
  EXPECT_EQ(townships["360802"][C::kReceived], 1);
  EXPECT_EQ(townships["360821"][C::kReceived], 2);
  q.region_level = org::RegionLevel::kCity;
  EXPECT_EQ(ByCode(Answer(*engine_, q))["3608"][C::kReceived], 6);

  q.by = GroupBy::kChain;
  auto chains = ById(Answer(*engine_, q));
  ASSERT_EQ(chains.size(), 2u);
  EXPECT_EQ(chains[7], F({{C::kReceived, 1}, {C::kSigned, 1}, {C::kSignedOnTime, 1}, {C::kClosed, 1},
                          {C::kRated, 1}, {C::kReopened, 1}}));
  EXPECT_EQ(chains[0][C::kReceived], 5);
}

TEST_P(KpiFixture, Filters) {
  Query q = Window(D(2025, 1, 1), D(2025, 2, 28), GroupBy::kUnit);
  q.filter.channel = "patrol";
  auto rows = ById(Answer(*engine_, q));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[12][C::kFindings], 2);
  q = Window(D(2025, 1, 1), D(2025, 2, 28), GroupBy::kChannel);
  q.filter.category_prefix = "02";
  q.filter.region_prefix = "360802001";
  auto channels = ByCode(Answer(*engine_, q));
  ASSERT_EQ(channels.size(), 1u);
  EXPECT_EQ(channels["hotline"][C::kReceived], 2);  // c1 c5
  q.filter = {};
  q.filter.chain_id = 7;
  EXPECT_EQ(Answer(*engine_, q).total[C::kReceived], 1);
  q.filter.chain_id = 0;  // about no chain
  EXPECT_EQ(Answer(*engine_, q).total[C::kReceived], 5);
  q.filter = {};
  q.filter.channel = "fax";  // unknown: nothing
  EXPECT_TRUE(Answer(*engine_, q).total.Empty());
  q.filter = {};
  q.filter.category_prefix = "99";
  EXPECT_TRUE(Answer(*engine_, q).total.Empty());
}

TEST_P(KpiFixture, PeriodsAndTheChinaStandardTimeDay) {
  // A day: c1 only.
  EXPECT_EQ(Answer(*engine_, Window(D(2025, 1, 10), D(2025, 1, 10))).total[C::kReceived], 1);
  // c3 was resolved at 2025-01-31 16:00 local (08:00 UTC): January, not February.
  EXPECT_EQ(Answer(*engine_, Window(D(2025, 1, 31), D(2025, 1, 31))).total[C::kReceived], 1);
  // c9 at 2025-02-28 20:00 local is 12:00 UTC the same day.
  EXPECT_EQ(Answer(*engine_, Window(D(2025, 2, 28), D(2025, 2, 28))).total[C::kReceived], 1);
  // A custom window 01-15 … 02-05: c2 c3 c4 c5 received, c6 rejected (01-15).
  Report w = Answer(*engine_, Window(D(2025, 1, 15), D(2025, 2, 5)));
  EXPECT_EQ(w.total[C::kReceived], 4);
  EXPECT_EQ(w.total[C::kRejected], 1);
  EXPECT_EQ(w.total[C::kMerged], 0);
  // Months and years outside the data: zero.
  EXPECT_TRUE(Answer(*engine_, Window(D(2024, 1, 1), D(2024, 12, 31))).total.Empty());
  EXPECT_EQ(Answer(*engine_, Window(D(2020, 1, 1), D(2030, 12, 31))).total[C::kReceived], 6);
}

TEST_P(KpiFixture, SeriesByDayWeekMonthYear) {
  Query q = Window(D(2025, 1, 1), D(2025, 2, 28));
  q.bucket = Bucket::kMonth;
  Report r = Answer(*engine_, q);
  ASSERT_EQ(r.series.size(), 2u);
  EXPECT_EQ(r.series[0].label, "2025-01");
  EXPECT_EQ(r.series[0].from_day, D(2025, 1, 1));
  EXPECT_EQ(r.series[0].to_day, D(2025, 1, 31));
  EXPECT_EQ(r.series[0].figures[C::kReceived], 3);  // c1 c2 c3
  EXPECT_EQ(r.series[0].figures[C::kRejected], 1);  // c6
  EXPECT_EQ(r.series[0].figures.overdue, 1);        // c2
  EXPECT_EQ(r.series[1].label, "2025-02");
  EXPECT_EQ(r.series[1].figures[C::kReceived], 3);  // c4 c5 c9
  EXPECT_EQ(r.series[1].figures[C::kMerged], 1);    // c7

  q.bucket = Bucket::kWeek;  // 2025-01-01 is a Wednesday of ISO week 2025-W01
  r = Answer(*engine_, q);
  ASSERT_EQ(r.series.size(), 9u);
  EXPECT_EQ(r.series[0].label, "2025-W01");
  EXPECT_EQ(r.series[0].from_day, D(2025, 1, 1));
  EXPECT_EQ(r.series[0].to_day, D(2025, 1, 5));
  EXPECT_EQ(r.series[1].label, "2025-W02");
  EXPECT_EQ(r.series[1].figures[C::kReceived], 1);  // c1 (01-10)
  EXPECT_EQ(r.series[5].label, "2025-W06");         // 02-03 … 02-09: c4 c5 received, c7 merged
  EXPECT_EQ(r.series[5].figures[C::kReceived], 2);
  EXPECT_EQ(r.series[5].figures[C::kMerged], 1);
  EXPECT_EQ(r.series[8].label, "2025-W09");
  EXPECT_EQ(r.series[8].to_day, D(2025, 2, 28));

  q.bucket = Bucket::kDay;
  r = Answer(*engine_, q);
  ASSERT_EQ(r.series.size(), 59u);
  EXPECT_EQ(r.series[9].label, "2025-01-10");
  EXPECT_EQ(r.series[9].figures[C::kReceived], 1);
  int64_t sum = 0;
  for (const auto& p : r.series) sum += p.figures[C::kReceived];
  EXPECT_EQ(sum, 6);

  q.bucket = Bucket::kYear;
  q.from_day = D(2024, 12, 1);
  r = Answer(*engine_, q);
  ASSERT_EQ(r.series.size(), 2u);
  EXPECT_EQ(r.series[0].label, "2024");
  EXPECT_TRUE(r.series[0].figures.Empty());
  EXPECT_EQ(r.series[1].label, "2025");
  EXPECT_EQ(r.series[1].from_day, D(2025, 1, 1));
  EXPECT_EQ(r.series[1].figures[C::kReceived], 6);
}

TEST_P(KpiFixture, BadQueries) {
  auto st = engine_->Run(Window(D(2025, 2, 1), D(2025, 1, 1))).status();
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.field(), "to");
  Query q = Window(D(2025, 1, 1), D(2025, 1, 2), GroupBy::kCategory);
  q.category_level = 0;
  EXPECT_EQ(engine_->Run(q).status().field(), "category_level");
  q = Window(D(2020, 1, 1), D(2025, 1, 1));
  q.bucket = Bucket::kDay;
  EXPECT_EQ(engine_->Run(q).status().field(), "bucket");
  q.bucket = Bucket::kWeek;
  EXPECT_TRUE(engine_->Run(q).ok());
}

TEST_P(KpiFixture, UpdatesMoveCasesBetweenCells) {
  std::vector<Case> cases = Fixture();
  // c2 is reassigned to unit 12 (dispatched again, not yet signed, a new due time).
  Case c2 = cases[1];
  c2.state = CaseState::kDispatched;
  c2.lead_unit_id = 12;
  c2.signed_at.reset();
  c2.due_at = T(2025, 2, 20);
  ASSERT_TRUE(engine_->Upsert(c2).ok());
  auto rows = ById(Answer(*engine_, Window(D(2025, 1, 1), D(2025, 2, 28), GroupBy::kUnit)));
  EXPECT_EQ(rows[11], F({{C::kReceived, 1}, {C::kSigned, 1}, {C::kSignedOnTime, 1}, {C::kClosed, 1},
                         {C::kClosedOnTime, 1}, {C::kResolved, 1}, {C::kRated, 1}, {C::kSatisfied, 1}}));
  EXPECT_EQ(rows[12][C::kReceived], 4);
  EXPECT_EQ(rows[12][C::kOpen], 2);
  EXPECT_EQ(rows[12][C::kReturned], 1);
  EXPECT_EQ(rows[12].overdue, 0) << "the new due time has not passed";

  // c1 is reopened: it leaves the closed counts (and its rating goes with the reopen).
  Case c1 = cases[0];
  c1.state = CaseState::kHandling;
  c1.closed_at.reset();
  c1.replied_at.reset();
  c1.outcome.reset();
  c1.rating.reset();
  c1.reopen_count = 1;
  c1.due_at = T(2025, 2, 8);
  ASSERT_TRUE(engine_->Upsert(c1).ok());
  Report r = Answer(*engine_, Window(D(2025, 1, 1), D(2025, 2, 28)));
  EXPECT_EQ(r.total[C::kClosed], 2);        // c3 c5
  EXPECT_EQ(r.total[C::kClosedOnTime], 1);  // c3
  EXPECT_EQ(r.total[C::kResolved], 1);
  EXPECT_EQ(r.total[C::kRated], 1);
  EXPECT_EQ(r.total[C::kReopened], 2);
  EXPECT_EQ(r.total[C::kOpen], 3);    // c1 c2 c4
  EXPECT_EQ(r.total.overdue, 1);      // c1, due 02-08
  EXPECT_EQ(r.total[C::kReceived], 6);

  // c8 is accepted on 02-01 (enters), c9 is rejected after acceptance (leaves received).
  Case c8 = cases[7];
  c8.state = CaseState::kPendingDispatch;
  c8.accepted_at = T(2025, 2, 1);
  ASSERT_TRUE(engine_->Upsert(c8).ok());
  Case c9 = cases[8];
  c9.state = CaseState::kRejected;
  ASSERT_TRUE(engine_->Upsert(c9).ok());
  r = Answer(*engine_, Window(D(2025, 1, 1), D(2025, 2, 28)));
  EXPECT_EQ(r.total[C::kReceived], 6);  // + c8 − c9
  EXPECT_EQ(r.total[C::kRejected], 2);
  EXPECT_EQ(Answer(*engine_, Window(D(2025, 2, 1), D(2025, 2, 1))).total[C::kReceived], 1);

  // Removing and upserting twice are idempotent.
  engine_->Remove(5);
  engine_->Remove(5);
  ASSERT_TRUE(engine_->Upsert(cases[3]).ok());
  ASSERT_TRUE(engine_->Upsert(cases[3]).ok());
  r = Answer(*engine_, Window(D(2025, 1, 1), D(2025, 2, 28), GroupBy::kChain));
  EXPECT_EQ(r.total[C::kReceived], 5);
  EXPECT_EQ(ById(r).count(7), 0u);
  EXPECT_EQ(engine_->Stats().cases, 8);  // c1 c2 c3 c4 c6 c7 c8 c9 but not c5
}

TEST(KpiCalendar, IsoWeeksAndMonths) {
  using internal::BucketOf;
  EXPECT_EQ(BucketOf(Bucket::kWeek, D(2020, 12, 31)).label, "2020-W53");
  EXPECT_EQ(BucketOf(Bucket::kWeek, D(2021, 1, 3)).label, "2020-W53");
  EXPECT_EQ(BucketOf(Bucket::kWeek, D(2021, 1, 4)).label, "2021-W01");
  EXPECT_EQ(BucketOf(Bucket::kWeek, D(2024, 12, 30)).label, "2025-W01");
  EXPECT_EQ(BucketOf(Bucket::kMonth, D(2024, 2, 10)).last, D(2024, 2, 29));
  EXPECT_EQ(BucketOf(Bucket::kMonth, D(1969, 12, 31)).label, "1969-12");
  EXPECT_EQ(internal::MonthOf(D(2025, 3, 1)) - internal::MonthOf(D(2024, 3, 31)), 12);
}

// The domain's fold drives the engine: a case moves through the lifecycle and its figures follow.
class CalendarDays : public casework::WorkingTime {
 public:
  Result<TimeMs> DueAfter(TimeMs start, int days) const override {
    return ChinaMidnightOf(ChinaDayOf(start) + days + 1) - 1;
  }
  Result<TimeMs> AddWorking(TimeMs t, int64_t ms) const override { return t + ms; }
  Result<int64_t> WorkingBetween(TimeMs a, TimeMs b) const override { return b - a; }
};

TEST(KpiLifecycle, FiguresFollowTheFold) {
  CalendarDays working;
  casework::Category category;
  category.code = "0201";
  category.sign_days = 1;
  category.handle_days = 5;
  casework::Channel hotline{"hotline", "12345热线", false, true, true};
  Case c;
  c.id = 42;
  c.facts.channel = "hotline";
  c.facts.category_code = "0201";
  c.facts.region_code = "360802";
  TimeMs now = T(2025, 3, 3, 9);
  ASSERT_TRUE(casework::Apply(c, casework::CreateEvent(1, std::nullopt, now)).ok());
  KpiEngine::Builder builder(kPatrol);
  auto engine = builder.Finish();
  auto act = [&](casework::Command cmd, TimeMs at) {
    now = at;
    casework::DecideContext ctx{now, &category, &hotline, &working};
    auto events = casework::Decide(c, cmd, ctx);
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    for (const auto& e : *events) ASSERT_TRUE(casework::Apply(c, e).ok());
    ASSERT_TRUE(engine->Upsert(c).ok());
  };
  auto figures = [&](std::optional<int64_t> unit = std::nullopt) {
    Query q = Window(D(2025, 3, 1), D(2025, 3, 31));
    q.now = now;
    if (unit) q.filter.unit_ids = std::vector<int64_t>{*unit};
    return Answer(*engine, q).total;
  };
  ASSERT_TRUE(engine->Upsert(c).ok());
  EXPECT_TRUE(figures().Empty()) << "registered, not accepted";
  casework::Command accept;
  accept.type = casework::EventType::kAccept;
  act(accept, T(2025, 3, 3, 9));
  EXPECT_EQ(figures(), F({{C::kReceived, 1}}));
  casework::Command dispatch;
  dispatch.type = casework::EventType::kDispatch;
  dispatch.unit_id = 11;
  act(dispatch, T(2025, 3, 3, 10));
  EXPECT_EQ(figures(11), F({{C::kReceived, 1}, {C::kOpen, 1}}));
  casework::Command sign;
  sign.type = casework::EventType::kSign;
  sign.party = casework::Party::kLeadUnit;
  sign.actor_unit_id = 11;
  sign.actor_user_id = 5;
  act(sign, T(2025, 3, 3, 11));
  EXPECT_EQ(figures(11), F({{C::kReceived, 1}, {C::kSigned, 1}, {C::kSignedOnTime, 1}, {C::kOpen, 1}}));
  now = T(2025, 3, 20);  // past the due time (03-08 24:00)
  EXPECT_EQ(figures(11).overdue, 1);
  casework::Command reply;
  reply.type = casework::EventType::kReply;
  reply.party = casework::Party::kLeadUnit;
  reply.actor_unit_id = 11;
  reply.outcome = Outcome::kResolved;
  reply.note = "已修复";
  act(reply, T(2025, 3, 7));
  EXPECT_EQ(figures(11), F({{C::kReceived, 1}, {C::kSigned, 1}, {C::kSignedOnTime, 1}}));
  casework::Command callback;
  callback.type = casework::EventType::kCallback;
  callback.rating = 2;  // dissatisfied: reopened
  act(callback, T(2025, 3, 7, 15));
  EXPECT_EQ(figures(11), F({{C::kReceived, 1}, {C::kSigned, 1}, {C::kSignedOnTime, 1}, {C::kReopened, 1},
                            {C::kOpen, 1}}));
  reply.note = "已重新修复";
  act(reply, T(2025, 3, 10));
  callback.rating = 5;
  act(callback, T(2025, 3, 11));
  // Closed 03-11 within the reopen's due time (03-12 24:00), resolved, rated 5.
  EXPECT_EQ(figures(11), F({{C::kReceived, 1}, {C::kSigned, 1}, {C::kSignedOnTime, 1}, {C::kClosed, 1},
                            {C::kClosedOnTime, 1}, {C::kResolved, 1}, {C::kRated, 1}, {C::kSatisfied, 1},
                            {C::kReopened, 1}}));
  casework::Command archive;
  archive.type = casework::EventType::kArchive;
  act(archive, T(2025, 3, 12));
  EXPECT_EQ(figures(11)[C::kClosed], 1) << "archived cases stay closed";
  EXPECT_TRUE(figures(12).Empty());
}

// A channel without a callback closes on the reply, which sets replied_at but not closed_at.
TEST(KpiDefinitions, ClosedOnReplyUsesTheReplyTime) {
  Case c = Base(1, "micro_wish", "0501", "360802");
  c.state = CaseState::kClosed;
  c.accepted_at = T(2025, 1, 1);
  c.due_at = T(2025, 1, 10);
  c.replied_at = T(2025, 1, 9);
  auto contribution = ContributionOf(c, {});
  ASSERT_TRUE(contribution.has_value());
  EXPECT_TRUE(contribution->mask & Bit(C::kClosedOnTime));
  c.replied_at = T(2025, 1, 11);
  EXPECT_FALSE(ContributionOf(c, {})->mask & Bit(C::kClosedOnTime));
  // Suspended open cases are not overdue candidates.
  c.state = CaseState::kHandling;
  c.suspended_since = T(2025, 1, 5);
  EXPECT_FALSE(ContributionOf(c, {})->running_due.has_value());
  c.suspended_since.reset();
  EXPECT_EQ(ContributionOf(c, {})->running_due, c.due_at);
}

// ---- Randomised: every layout equals a brute-force count over the current contributions. ------

struct Naive {
  std::map<int64_t, Contribution> by_id;

  Figures Count(const Query& q, const std::function<bool(const Contribution&)>& in_group) const {
    Figures f;
    for (const auto& [id, c] : by_id) {
      if (c.day < q.from_day || c.day > q.to_day || !in_group(c)) continue;
      const Filter& flt = q.filter;
      if (flt.unit_ids && std::find(flt.unit_ids->begin(), flt.unit_ids->end(), c.unit_id) == flt.unit_ids->end()) continue;
      if (!flt.channel.empty() && c.channel != flt.channel) continue;
      if (!c.category_code.starts_with(flt.category_prefix) || !c.region_code.starts_with(flt.region_prefix)) continue;
      if (flt.chain_id && c.chain_id != *flt.chain_id) continue;
      for (int b = 0; b < kCounterCount; ++b) {
        if (c.mask & (1u << b)) ++f.counts[static_cast<size_t>(b)];
      }
      if (c.running_due && *c.running_due < q.now) ++f.overdue;
    }
    return f;
  }
};

TEST(KpiRandomised, EveryPlanEqualsABruteForceCount) {
  std::mt19937_64 rng(20251129);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  const std::vector<std::string> channels = {"hotline", "online", "patrol", "complaint"};
  const std::vector<std::string> categories = {"0101", "0102", "0201", "020101", "0203", "03"};
  const std::vector<std::string> regions = {"360802001001", "360802001002", "360802002", "360821", "360822101001",
                                            "3608"};
  const int64_t first = D(2023, 11, 20);
  auto random_case = [&](int64_t id) {
    Case c = Base(id, channels[static_cast<size_t>(pick(4))], categories[static_cast<size_t>(pick(6))],
                  regions[static_cast<size_t>(pick(6))]);
    const int64_t day = first + pick(140);
    const TimeMs at = ChinaMidnightOf(day) + pick(24) * kHourMs;
    const int kind = pick(10);
    c.state = std::vector<CaseState>{CaseState::kPendingDispatch, CaseState::kDispatched, CaseState::kHandling,
                                     CaseState::kReturned, CaseState::kReplied, CaseState::kClosed,
                                     CaseState::kArchived, CaseState::kRejected, CaseState::kMerged,
                                     CaseState::kReceived}[static_cast<size_t>(kind)];
    if (c.state != CaseState::kReceived && !(c.state == CaseState::kRejected && pick(2))) c.accepted_at = at;
    c.updated_at = at + kHourMs;
    if (pick(3)) c.lead_unit_id = 100 + pick(7);
    if (pick(4) == 0) c.facts.chain_id = 1 + pick(3);
    if (pick(2)) {
      c.signed_at = at + kHourMs;
      c.signed_on_time = pick(2);
    }
    if (pick(4)) c.due_at = at + pick(20) * kDayMs;
    if (pick(3) == 0) c.suspended_since = at;
    if (c.state == CaseState::kClosed || c.state == CaseState::kArchived) {
      c.closed_at = at + pick(25) * kDayMs;
      c.outcome = static_cast<Outcome>(pick(4));
      if (pick(2)) c.rating = 1 + pick(5);
      c.on_the_spot = c.facts.channel == "patrol" && pick(2);
    }
    c.reopen_count = pick(3) == 0;
    c.return_count = pick(3) == 0;
    return c;
  };
  std::vector<EngineOptions> layouts = Layouts();
  EngineOptions pairs_only;  // a two-dimension cube only, and postings on region (not default)
  pairs_only.cubes = {{Dim::kChannel, Dim::kRegion}};
  pairs_only.postings = {Dim::kRegion, Dim::kUnit};
  layouts.push_back(pairs_only);

  std::vector<std::unique_ptr<KpiEngine>> engines;
  Naive naive;
  std::vector<Case> initial;
  for (int64_t id = 1; id <= 400; ++id) initial.push_back(random_case(id));
  for (const auto& layout : layouts) engines.push_back(Build(initial, layout));
  for (const auto& c : initial) {
    if (auto contribution = ContributionOf(c, kPatrol)) naive.by_id[c.id] = *contribution;
  }
  std::map<Plan, int> plans;
  for (int round = 0; round < 60; ++round) {
    // Some updates: a case changes (or a new one arrives, or one is removed).
    for (int u = 0; u < 15; ++u) {
      const int64_t id = 1 + pick(450);
      if (pick(10) == 0) {
        for (auto& e : engines) e->Remove(id);
        naive.by_id.erase(id);
        continue;
      }
      Case c = random_case(id);
      for (auto& e : engines) ASSERT_TRUE(e->Upsert(c).ok());
      if (auto contribution = ContributionOf(c, kPatrol)) {
        // A KPI day is fixed once set; the engine also copes when it is not (remove and add).
        naive.by_id[id] = *contribution;
      } else {
        naive.by_id.erase(id);
      }
    }
    Query q;
    q.from_day = first + pick(150) - 5;
    q.to_day = q.from_day + pick(90);
    q.now = ChinaMidnightOf(first + pick(160));
    q.by = static_cast<GroupBy>(pick(6));
    q.category_level = 1 + pick(3);
    q.region_level = static_cast<org::RegionLevel>(pick(5));
    if (pick(3) == 0) {
      std::vector<int64_t> units;
      for (int i = pick(3); i >= 0; --i) units.push_back(100 + pick(8));
      q.filter.unit_ids = units;
    }
    if (pick(4) == 0) q.filter.channel = channels[static_cast<size_t>(pick(4))];
    if (pick(4) == 0) q.filter.category_prefix = std::vector<std::string>{"01", "02", "0201", "03"}[static_cast<size_t>(pick(4))];
    if (pick(4) == 0) q.filter.region_prefix = std::vector<std::string>{"360802", "360802001", "3608"}[static_cast<size_t>(pick(3))];
    if (pick(5) == 0) q.filter.chain_id = pick(4);
    if (pick(4) == 0) q.bucket = static_cast<Bucket>(1 + pick(4));

    auto group_of = [&](const Contribution& c) -> GroupKey {
      switch (q.by) {
        case GroupBy::kNone: return {};
        case GroupBy::kUnit: return {c.unit_id, ""};
        case GroupBy::kChain: return {c.chain_id, ""};
        case GroupBy::kChannel: return {0, c.channel};
        case GroupBy::kCategory: return {0, c.category_code.substr(0, std::min<size_t>(c.category_code.size(), 2 * q.category_level))};
        case GroupBy::kRegion: {
          const size_t lengths[] = {2, 4, 6, 9, 12};
          const size_t n = lengths[static_cast<int>(q.region_level)];
          return {0, c.region_code.substr(0, std::min(n, c.region_code.size()))};
        }
      }
      return {};
    };
    std::map<std::pair<int64_t, std::string>, Figures> expected;
    if (q.by != GroupBy::kNone) {
      for (const auto& [id, c] : naive.by_id) {
        GroupKey k = group_of(c);
        Figures f = naive.Count(q, [&](const Contribution& other) { return group_of(other) == k; });
        if (!f.Empty()) expected[{k.id, k.code}] = f;
      }
    }
    const Figures expected_total = naive.Count(q, [](const Contribution&) { return true; });
    for (size_t e = 0; e < engines.size(); ++e) {
      plans[engines[e]->PlanFor(q)]++;
      Report r = Answer(*engines[e], q);
      EXPECT_EQ(r.total, expected_total) << "layout " << e << " round " << round;
      std::map<std::pair<int64_t, std::string>, Figures> got;
      for (const auto& row : r.rows) got[{row.key.id, row.key.code}] = row.figures;
      EXPECT_EQ(got, expected) << "layout " << e << " round " << round << " by " << GroupByName(q.by);
      for (const auto& p : r.series) {
        Query bq = q;
        bq.from_day = p.from_day;
        bq.to_day = p.to_day;
        EXPECT_EQ(p.figures, naive.Count(bq, [](const Contribution&) { return true; })) << p.label;
      }
    }
  }
  // The randomised queries went through every plan.
  EXPECT_GT(plans[Plan::kCube], 0);
  EXPECT_GT(plans[Plan::kPostings], 0);
  EXPECT_GT(plans[Plan::kScan], 0);
}

}  // namespace
}  // namespace lz::engines::kpi
