// Tests of services/jobs.h: a job's result or error, progress seen while it runs, ownership (other
// users get NotFound), the per-user and per-server limits, expiry on the simulated clock and the
// cap on finished jobs kept. Work that must stay running waits on a gate the test opens, so
// nothing depends on timing.
#include "services/jobs.h"

#include <gtest/gtest.h>

#include <future>
#include <stdexcept>

#include "common/crypto.h"

namespace lz::services {
namespace {

Actor User(int64_t id) {
  Actor a;
  a.user_id = id;
  a.login = "u" + std::to_string(id);
  return a;
}

// Holds work until Open(); tells the test when the work has begun.
class Gate {
 public:
  std::function<Result<int>(const ProgressFn&)> Work(int value) {
    return [this, value](const ProgressFn& progress) -> Result<int> {
      progress(JobProgress{JobPhase::kChecking, 5, 10});
      begun_.set_value();
      open_.wait();
      return value;
    };
  }
  void WaitBegun() { begun_.get_future().wait(); }
  void Open() { opener_.set_value(); }

 private:
  std::promise<void> begun_;
  std::promise<void> opener_;
  std::shared_future<void> open_ = opener_.get_future().share();
};

class JobRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::Init().ok()); }

  JobLimits Limits(int max_running, int per_user) {
    JobLimits l;
    l.max_running = max_running;
    l.max_running_per_user = per_user;
    l.keep_finished = 10 * kMinuteMs;
    return l;
  }

  SimulatedClock clock_{1764374400000};
};

TEST_F(JobRunnerTest, ASucceededJobHoldsItsTypedResult) {
  JobRunner jobs(clock_, Limits(2, 2));
  auto started = jobs.Start<std::string>(User(7), "test.echo", [](const ProgressFn& progress) -> Result<std::string> {
    progress(JobProgress{JobPhase::kWriting, 3, 3});
    return std::string("done");
  });
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  EXPECT_EQ(started->state, JobState::kRunning);
  EXPECT_EQ(started->kind, "test.echo");
  EXPECT_EQ(started->owner_id, 7);
  EXPECT_EQ(started->id.size(), 32u);
  EXPECT_EQ(started->started_at, clock_.NowMs());

  auto done = jobs.Wait(User(7), started->id);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->state, JobState::kSucceeded);
  ASSERT_NE(done->ResultAs<std::string>(), nullptr);
  EXPECT_EQ(*done->ResultAs<std::string>(), "done");
  EXPECT_EQ(done->ResultAs<int>(), nullptr) << "a result is read back only as its own type";
  EXPECT_EQ(done->progress.phase, JobPhase::kWriting);
  EXPECT_EQ(done->progress.done, 3);
  EXPECT_TRUE(done->error.ok());
  EXPECT_EQ(jobs.Get(User(7), started->id)->state, JobState::kSucceeded);
}

TEST_F(JobRunnerTest, AnErrorOrAThrowEndsTheJobAsFailed) {
  JobRunner jobs(clock_, Limits(2, 2));
  auto bad = jobs.Start<int>(User(1), "test.fail",
                             [](const ProgressFn&) -> Result<int> { return InvalidArgument("wrong headers", "header"); });
  ASSERT_TRUE(bad.ok());
  auto failed = jobs.Wait(User(1), bad->id);
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->state, JobState::kFailed);
  EXPECT_EQ(failed->error.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(failed->error.field(), "header");
  EXPECT_EQ(failed->result, nullptr);

  auto thrown = jobs.Start<int>(User(1), "test.throw", [](const ProgressFn&) -> Result<int> {
    throw std::runtime_error("boom");
  });
  ASSERT_TRUE(thrown.ok());
  auto t = jobs.Wait(User(1), thrown->id);
  EXPECT_EQ(t->state, JobState::kFailed);
  EXPECT_EQ(t->error.code(), StatusCode::kInternal);
}

TEST_F(JobRunnerTest, ProgressIsVisibleWhileTheJobRuns) {
  JobRunner jobs(clock_, Limits(2, 2));
  Gate gate;
  auto started = jobs.Start<int>(User(1), "test.slow", gate.Work(42));
  ASSERT_TRUE(started.ok());
  gate.WaitBegun();
  auto now = jobs.Get(User(1), started->id);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->state, JobState::kRunning);
  EXPECT_EQ(now->progress.phase, JobPhase::kChecking);
  EXPECT_EQ(now->progress.done, 5);
  EXPECT_EQ(now->progress.total, 10);
  EXPECT_EQ(now->finished_at, 0);
  EXPECT_EQ(jobs.running(), 1);
  gate.Open();
  EXPECT_EQ(*jobs.Wait(User(1), started->id)->ResultAs<int>(), 42);
  EXPECT_EQ(jobs.running(), 0);
}

TEST_F(JobRunnerTest, OnlyTheOwnerSeesAJob) {
  JobRunner jobs(clock_, Limits(2, 2));
  auto started = jobs.Start<int>(User(1), "test.mine", [](const ProgressFn&) -> Result<int> { return 1; });
  ASSERT_TRUE(started.ok());
  ASSERT_TRUE(jobs.Wait(User(1), started->id).ok());
  EXPECT_EQ(jobs.Get(User(2), started->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(jobs.Wait(User(2), started->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(jobs.Get(User(1), std::string(32, '0')).status().code(), StatusCode::kNotFound);
}

TEST_F(JobRunnerTest, LimitsPerUserAndPerServerRefuseWithResourceExhausted) {
  JobRunner jobs(clock_, Limits(2, 1));
  Gate first, second;
  auto a = jobs.Start<int>(User(1), "test.slow", first.Work(1));
  ASSERT_TRUE(a.ok());
  first.WaitBegun();
  auto again = jobs.Start<int>(User(1), "test.slow", [](const ProgressFn&) -> Result<int> { return 0; });
  EXPECT_EQ(again.status().code(), StatusCode::kResourceExhausted) << "one job per user";

  auto b = jobs.Start<int>(User(2), "test.slow", second.Work(2));
  ASSERT_TRUE(b.ok()) << "another user may still start one";
  second.WaitBegun();
  auto third = jobs.Start<int>(User(3), "test.slow", [](const ProgressFn&) -> Result<int> { return 0; });
  EXPECT_EQ(third.status().code(), StatusCode::kResourceExhausted) << "two jobs per server";

  first.Open();
  ASSERT_TRUE(jobs.Wait(User(1), a->id).ok());
  auto after = jobs.Start<int>(User(1), "test.quick", [](const ProgressFn&) -> Result<int> { return 3; });
  ASSERT_TRUE(after.ok()) << "a finished job no longer counts";
  EXPECT_EQ(*jobs.Wait(User(1), after->id)->ResultAs<int>(), 3);
  second.Open();
  EXPECT_EQ(*jobs.Wait(User(2), b->id)->ResultAs<int>(), 2);
}

TEST_F(JobRunnerTest, FinishedJobsExpireOnTheClock) {
  JobRunner jobs(clock_, Limits(2, 2));
  auto started = jobs.Start<int>(User(1), "test.quick", [](const ProgressFn&) -> Result<int> { return 1; });
  ASSERT_TRUE(started.ok());
  auto done = jobs.Wait(User(1), started->id);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->finished_at, clock_.NowMs());
  clock_.Advance(10 * kMinuteMs - 1);
  EXPECT_TRUE(jobs.Get(User(1), started->id).ok()) << "kept for keep_finished";
  clock_.Advance(1);
  EXPECT_EQ(jobs.Get(User(1), started->id).status().code(), StatusCode::kNotFound);
}

TEST_F(JobRunnerTest, RunningJobsDoNotExpire) {
  JobRunner jobs(clock_, Limits(2, 2));
  Gate gate;
  auto started = jobs.Start<int>(User(1), "test.slow", gate.Work(5));
  ASSERT_TRUE(started.ok());
  gate.WaitBegun();
  clock_.Advance(kDayMs);
  EXPECT_TRUE(jobs.Get(User(1), started->id).ok());
  gate.Open();
  EXPECT_EQ(*jobs.Wait(User(1), started->id)->ResultAs<int>(), 5);
}

TEST_F(JobRunnerTest, OnlyTheNewestFinishedJobsAreKept) {
  JobLimits limits = Limits(1, 1);
  limits.max_finished = 2;
  JobRunner jobs(clock_, limits);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto s = jobs.Start<int>(User(1), "test.quick", [i](const ProgressFn&) -> Result<int> { return i; });
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE(jobs.Wait(User(1), s->id).ok());
    ids.push_back(s->id);
    clock_.Advance(1);
  }
  // Expiry runs on the next Start or Get: the oldest of three finished jobs goes.
  EXPECT_EQ(jobs.Get(User(1), ids[0]).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(jobs.Get(User(1), ids[1]).ok());
  EXPECT_TRUE(jobs.Get(User(1), ids[2]).ok());
}

}  // namespace
}  // namespace lz::services
