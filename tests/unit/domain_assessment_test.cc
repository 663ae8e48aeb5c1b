// Assessment scoring and ranking (domain/assess/assessment.h) on hand-computed fixtures.
#include "domain/assess/assessment.h"

#include <gtest/gtest.h>

namespace lz::assess {
namespace {

constexpr size_t kCompletion = 0, kSatisfaction = 1, kReopen = 2, kTasks = 3, kProjects = 4;

UnitFigures Unit(int64_t id, std::string name, Fraction completion, Fraction satisfaction, Fraction reopen,
                 Fraction tasks, std::optional<int64_t> landed) {
  UnitFigures u;
  u.unit_id = id;
  u.unit_name = std::move(name);
  u.completion_on_time = completion;
  u.satisfaction = satisfaction;
  u.reopen = reopen;
  u.tasks_on_time = tasks;
  u.projects_landed = landed;
  return u;
}

TEST(Assessment, IndicatorNamesRoundTrip) {
  for (Indicator i : kIndicators) EXPECT_EQ(ParseIndicator(IndicatorName(i)), i);
  EXPECT_EQ(IndicatorName(Indicator::kProjectsLanded), "projects_landed");
  EXPECT_EQ(ParseIndicator("speed"), std::nullopt);
}

TEST(Assessment, ScoresAreHundredthsRoundedHalfUp) {
  EXPECT_EQ(ScoreHundredths(1, 8), 1250);
  EXPECT_EQ(ScoreHundredths(1, 3), 3333);   // 3333.33
  EXPECT_EQ(ScoreHundredths(2, 3), 6667);   // 6666.67
  EXPECT_EQ(ScoreHundredths(1, 32), 313);   // 312.5 rounds up
  EXPECT_EQ(ScoreHundredths(0, 7), 0);
  EXPECT_EQ(ScoreHundredths(7, 7), 10000);
}

TEST(Assessment, WeightsMustTotalExactlyOneHundredPercent) {
  EXPECT_TRUE(CheckWeights(kBuiltinWeights).ok());
  EXPECT_TRUE(CheckWeights({10000, 0, 0, 0, 0}).ok());

  Status short_by_one = CheckWeights({3000, 2500, 1500, 1500, 1499});
  EXPECT_EQ(short_by_one.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(short_by_one.field(), "weights");
  EXPECT_NE(short_by_one.message().find("99.99"), std::string::npos) << short_by_one.message();

  Status over = CheckWeights({5000, 5000, 1000, 0, 0});
  EXPECT_EQ(over.field(), "weights");
  EXPECT_NE(over.message().find("110 %"), std::string::npos) << over.message();

  // A negative weight is refused even when the others make the sum 100 %.
  Status negative = CheckWeights({3000, -500, 4000, 2000, 1500});
  EXPECT_EQ(negative.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(negative.field(), "weights.satisfaction");
  EXPECT_EQ(CheckWeights({10001, -1, 0, 0, 0}).field(), "weights.completion_on_time");
}

TEST(Assessment, SchemeNameIsTrimmedAndChecked) {
  Scheme s;
  s.name = "  2025年度考核  ";
  s.weights = kBuiltinWeights;
  ASSERT_TRUE(NormaliseScheme(s).ok());
  EXPECT_EQ(s.name, "2025年度考核");
  s.name = " ";
  EXPECT_EQ(NormaliseScheme(s).field(), "name");
  s.name = std::string(51, 'x');
  EXPECT_EQ(NormaliseScheme(s).field(), "name");
  s.name = std::string(50, 'x');
  EXPECT_TRUE(NormaliseScheme(s).ok());
  s.weights = {0, 0, 0, 0, 0};
  EXPECT_EQ(NormaliseScheme(s).field(), "weights");
}

// Default weights 30 / 25 / 15 / 15 / 15 %. By hand:
//   Alpha: 9/10 → 9000, 4/5 → 8000, reopen 1/20 → 9500, tasks 1/2 → 5000, landed 2 of 2 → 10000;
//          (3000·9000 + 2500·8000 + 1500·9500 + 1500·5000 + 1500·10000) / 10000 = 8375.
//   Delta: the same figures as Alpha → 8375, a tie; listed after Alpha by name, same rank.
//   Bravo: 2/3 → 6667, no rating, reopen 0/3 → 10000, no task, no projects held;
//          (3000·6667 + 1500·10000) / 4500 = 35001000 / 4500 = 7778 (exact).
//   Charlie: 1/1, 1/1, reopen 0/1, no task, landed 1 of 2 → 5000;
//          (3000·10000 + 2500·10000 + 1500·10000 + 1500·5000) / 8500 = 9117.65 → 9118.
//   Echo: holds projects but landed none, nothing else: only projects_landed applies, 0/2 → 0.
//   Foxtrot: no figure applies → not ranked.
TEST(Assessment, RanksHandComputedUnits) {
  std::vector<UnitFigures> units = {
      Unit(4, "Delta", {9, 10}, {4, 5}, {1, 20}, {1, 2}, 2),
      Unit(1, "Alpha", {9, 10}, {4, 5}, {1, 20}, {1, 2}, 2),
      Unit(2, "Bravo", {2, 3}, {0, 0}, {0, 3}, {0, 0}, std::nullopt),
      Unit(3, "Charlie", {1, 1}, {1, 1}, {0, 1}, {0, 0}, 1),
      Unit(5, "Echo", {0, 0}, {0, 0}, {0, 0}, {0, 0}, 0),
      Unit(6, "Foxtrot", {0, 0}, {0, 0}, {0, 0}, {0, 0}, std::nullopt),
  };
  auto ranking = Rank(kBuiltinWeights, units);
  ASSERT_EQ(ranking.size(), 5u);
  EXPECT_EQ(ranking[0].unit_name, "Charlie");
  EXPECT_EQ(ranking[0].total, 9118);
  EXPECT_EQ(ranking[0].rank, 1);
  EXPECT_EQ(ranking[0].scores[kProjects], 5000);
  EXPECT_EQ(ranking[0].values[kProjects], (Fraction{1, 2}));
  EXPECT_EQ(ranking[0].scores[kTasks], std::nullopt);

  EXPECT_EQ(ranking[1].unit_name, "Alpha");
  EXPECT_EQ(ranking[1].total, 8375);
  EXPECT_EQ(ranking[1].rank, 2);
  EXPECT_EQ(ranking[1].scores[kCompletion], 9000);
  EXPECT_EQ(ranking[1].scores[kSatisfaction], 8000);
  EXPECT_EQ(ranking[1].scores[kReopen], 9500);
  EXPECT_EQ(ranking[1].values[kReopen], (Fraction{1, 20}));
  EXPECT_EQ(ranking[1].scores[kTasks], 5000);
  EXPECT_EQ(ranking[2].unit_name, "Delta");
  EXPECT_EQ(ranking[2].total, 8375);
  EXPECT_EQ(ranking[2].rank, 2);

  EXPECT_EQ(ranking[3].unit_name, "Bravo");
  EXPECT_EQ(ranking[3].total, 7778);
  EXPECT_EQ(ranking[3].rank, 4);  // competition ranking: 1, 2, 2, 4
  EXPECT_EQ(ranking[3].scores[kCompletion], 6667);
  EXPECT_EQ(ranking[3].scores[kSatisfaction], std::nullopt);
  EXPECT_EQ(ranking[3].scores[kProjects], std::nullopt);

  EXPECT_EQ(ranking[4].unit_name, "Echo");
  EXPECT_EQ(ranking[4].total, 0);
  EXPECT_EQ(ranking[4].rank, 5);
  EXPECT_EQ(ranking[4].scores[kProjects], 0);
}

TEST(Assessment, ProjectsLandedDoNotApplyWhenNoUnitLandedOne) {
  std::vector<UnitFigures> units = {Unit(1, "A", {1, 2}, {0, 0}, {0, 0}, {0, 0}, 0),
                                    Unit(2, "B", {0, 0}, {0, 0}, {0, 0}, {0, 0}, 0)};
  auto ranking = Rank(kBuiltinWeights, units);
  ASSERT_EQ(ranking.size(), 1u);  // B has nothing applicable
  EXPECT_EQ(ranking[0].unit_name, "A");
  EXPECT_EQ(ranking[0].scores[kProjects], std::nullopt);
  EXPECT_EQ(ranking[0].total, 5000);  // completion alone carries the weight
}

TEST(Assessment, OtherWeightsChangeTheOrder) {
  // Only satisfaction counts: B (3/4 → 7500) passes A (1/2 → 5000) although A closes on time.
  std::vector<UnitFigures> units = {Unit(1, "A", {10, 10}, {1, 2}, {0, 0}, {0, 0}, std::nullopt),
                                    Unit(2, "B", {0, 10}, {3, 4}, {0, 0}, {0, 0}, std::nullopt)};
  auto ranking = Rank({0, 10000, 0, 0, 0}, units);
  ASSERT_EQ(ranking.size(), 2u);
  EXPECT_EQ(ranking[0].unit_name, "B");
  EXPECT_EQ(ranking[0].total, 7500);
  EXPECT_EQ(ranking[1].total, 5000);
  // With the built-in weights A leads: (3000·10000 + 2500·5000) / 5500 = 7727.27 → 7727 against
  // (3000·0 + 2500·7500) / 5500 = 3409.09 → 3409.
  ranking = Rank(kBuiltinWeights, units);
  EXPECT_EQ(ranking[0].unit_name, "A");
  EXPECT_EQ(ranking[0].total, 7727);
  EXPECT_EQ(ranking[1].total, 3409);
}

}  // namespace
}  // namespace lz::assess
