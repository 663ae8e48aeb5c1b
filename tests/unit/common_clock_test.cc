// Tests of common/clock.h: ISO 8601 formatting of known instants and the simulated clock.
#include "common/clock.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace lz {
namespace {

TEST(FormatIsoTime, KnownInstants) {
  EXPECT_EQ(FormatIsoTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoTime(1), "1970-01-01T00:00:00.001Z");
  EXPECT_EQ(FormatIsoTime(1700000000123), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(FormatIsoTime(1795915917000), "2026-11-29T01:31:57.000Z");
  EXPECT_EQ(FormatIsoTime(951868799999), "2000-02-29T23:59:59.999Z");  // leap day
  EXPECT_EQ(FormatIsoTime(951868800000), "2000-03-01T00:00:00.000Z");
}

TEST(FormatIsoTime, BeforeTheEpoch) {
  EXPECT_EQ(FormatIsoTime(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoTime(-1000), "1969-12-31T23:59:59.000Z");
  EXPECT_EQ(FormatIsoTime(-1001), "1969-12-31T23:59:58.999Z");
}

TEST(TimeConstants, Values) {
  EXPECT_EQ(kMinuteMs, 60000);
  EXPECT_EQ(kHourMs, 3600000);
  EXPECT_EQ(kDayMs, 86400000);
}

TEST(SimulatedClock, MovesOnlyWhenTold) {
  SimulatedClock clock(1700000000000);
  EXPECT_EQ(clock.NowMs(), 1700000000000);
  EXPECT_EQ(clock.NowMs(), 1700000000000);
  clock.Advance(kMinuteMs);
  EXPECT_EQ(clock.NowMs(), 1700000060000);
  clock.Set(5);
  EXPECT_EQ(clock.NowMs(), 5);
  clock.Advance(-5);
  EXPECT_EQ(clock.NowMs(), 0);
  const Clock& as_base = clock;
  EXPECT_EQ(as_base.NowMs(), 0);
}

TEST(SimulatedClock, ConcurrentAdvancesAreNotLost) {
  SimulatedClock clock(0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) clock.Advance(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(clock.NowMs(), 40000);
}

TEST(SystemClock, IsCloseToNow) {
  SystemClock clock;
  TimeMs a = clock.NowMs();
  EXPECT_GT(a, 1700000000000);  // after 2023
  TimeMs b = clock.NowMs();
  EXPECT_GE(b, a);
}

}  // namespace
}  // namespace lz
