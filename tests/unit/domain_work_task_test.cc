// Work-plan task rules (domain/plan/work_task.h) on hand-made tasks.
#include "domain/plan/work_task.h"

#include <gtest/gtest.h>

namespace lz::plan {
namespace {

using casework::CaseState;

WorkTask Task() {
  WorkTask t;
  t.deadline_on = "2026-06-30";
  t.milestones = {{0, "完成招商对接", "2026-05-31", std::nullopt, std::nullopt},
                  {0, " 形成方案 ", "2026-03-31", std::nullopt, std::nullopt}};
  return t;
}

std::string FieldOf(WorkTask t, std::string_view today = "2026-01-10") {
  return std::string(NormaliseTask(t, today).field());
}

TEST(WorkTask, NormaliseSortsMilestonesByDateAndTakesTheYearOfTheDeadline) {
  WorkTask t = Task();
  t.progress = 40;
  ASSERT_TRUE(NormaliseTask(t, "2026-01-10").ok());
  EXPECT_EQ(t.year, 2026);
  EXPECT_EQ(t.progress, 0);
  ASSERT_EQ(t.milestones.size(), 2u);
  EXPECT_EQ(t.milestones[0].title, "形成方案");
  EXPECT_EQ(t.milestones[0].position, 0);
  EXPECT_EQ(t.milestones[1].title, "完成招商对接");
  EXPECT_EQ(t.milestones[1].position, 1);
  t = Task();
  t.year = 2025;  // a task of last year's plan carried into this year keeps its year
  ASSERT_TRUE(NormaliseTask(t, "2026-01-10").ok());
  EXPECT_EQ(t.year, 2025);
}

TEST(WorkTask, BadFieldsAreNamed) {
  WorkTask t = Task();
  t.deadline_on = "2026-01-10";  // today
  EXPECT_EQ(FieldOf(t), "deadline_on");
  t = Task();
  t.deadline_on = "2026-02-30";
  EXPECT_EQ(FieldOf(t), "deadline_on");
  t = Task();
  t.year = 1999;
  EXPECT_EQ(FieldOf(t), "year");
  t = Task();
  t.milestones[1].due_on = "2026-07-01";  // after the deadline
  EXPECT_EQ(FieldOf(t), "milestones[1].due_on");
  t = Task();
  t.milestones[0].title = "  ";
  EXPECT_EQ(FieldOf(t), "milestones[0].title");
  t = Task();
  t.milestones[0].title = "一\n二";
  EXPECT_EQ(FieldOf(t), "milestones[0].title");
  t = Task();
  t.milestones.assign(kMaxMilestones + 1, {0, "节点", "2026-03-01", std::nullopt, std::nullopt});
  EXPECT_EQ(FieldOf(t), "milestones");
  t.milestones.resize(kMaxMilestones);
  EXPECT_EQ(FieldOf(t), "");
}

TEST(WorkTask, AReportNamesKnownMilestonesNotYetDone) {
  WorkTask t = Task();
  ASSERT_TRUE(NormaliseTask(t, "2026-01-10").ok());
  t.milestones[0].done_on = "2026-03-20";
  EXPECT_TRUE(CheckReport(t, 60, {1}).ok());
  EXPECT_TRUE(CheckReport(t, 0, {}).ok());
  EXPECT_EQ(CheckReport(t, 101, {}).field(), "progress");
  EXPECT_EQ(CheckReport(t, -1, {}).field(), "progress");
  EXPECT_EQ(CheckReport(t, 60, {0}).field(), "milestones[0]");     // done already
  EXPECT_EQ(CheckReport(t, 60, {1, 7}).field(), "milestones[1]");  // unknown
  EXPECT_EQ(CheckReport(t, 60, {1, 1}).field(), "milestones[1]");  // twice
}

TEST(WorkTask, StandingFollowsTheCaseTheMilestonesAndTheDeadline) {
  WorkTask t = Task();
  ASSERT_TRUE(NormaliseTask(t, "2026-01-10").ok());  // milestones 03-31 and 05-31, deadline 06-30
  EXPECT_EQ(StandingOf(t, CaseState::kHandling, std::nullopt, "2026-03-31"), Standing::kOnTrack);
  EXPECT_EQ(StandingOf(t, CaseState::kHandling, std::nullopt, "2026-04-01"), Standing::kLagging);
  t.milestones[0].done_on = "2026-04-02";
  EXPECT_EQ(StandingOf(t, CaseState::kHandling, std::nullopt, "2026-04-03"), Standing::kOnTrack);
  EXPECT_EQ(StandingOf(t, CaseState::kDispatched, std::nullopt, "2026-07-01"), Standing::kOverdue);
  EXPECT_EQ(StandingOf(t, CaseState::kReplied, "2026-06-30", "2026-07-05"), Standing::kDone);
  EXPECT_EQ(StandingOf(t, CaseState::kClosed, "2026-07-01", "2026-07-05"), Standing::kDoneLate);
  EXPECT_EQ(StandingOf(t, CaseState::kRejected, std::nullopt, "2026-03-01"), Standing::kCancelled);
  for (Standing s : {Standing::kOnTrack, Standing::kLagging, Standing::kOverdue, Standing::kDone, Standing::kDoneLate,
                     Standing::kCancelled}) {
    EXPECT_EQ(ParseStanding(StandingName(s)), s);
  }
  EXPECT_FALSE(ParseStanding("late").has_value());
}

}  // namespace
}  // namespace lz::plan
