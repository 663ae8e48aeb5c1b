// RateLimiter on hand-worked timelines: a burst, then one action per interval; keys apart; Allows
// spends nothing; the wait it reports is exact; a full map refuses new keys until old ones are
// full again and swept.
#include <gtest/gtest.h>

#include "services/rate_limiter.h"

namespace lz::services {
namespace {

TEST(RateLimiter, ABurstThenOneActionPerInterval) {
  RateLimiter limiter(3, 1000);
  TimeMs wait = -1;
  EXPECT_TRUE(limiter.Take("a", 10'000, &wait));
  EXPECT_EQ(wait, 0);
  EXPECT_TRUE(limiter.Take("a", 10'000));
  EXPECT_TRUE(limiter.Take("a", 10'000));
  EXPECT_FALSE(limiter.Take("a", 10'000, &wait));  // the burst of 3 is spent
  EXPECT_EQ(wait, 1000);
  EXPECT_FALSE(limiter.Take("a", 10'999, &wait));
  EXPECT_EQ(wait, 1);
  EXPECT_TRUE(limiter.Take("a", 11'000));          // one back after an interval
  EXPECT_FALSE(limiter.Take("a", 11'000));
  EXPECT_TRUE(limiter.Take("b", 11'000));          // another key has its own bucket
  // After three intervals of rest the whole burst is back, never more.
  EXPECT_TRUE(limiter.Take("a", 20'000));
  EXPECT_TRUE(limiter.Take("a", 20'000));
  EXPECT_TRUE(limiter.Take("a", 20'000));
  EXPECT_FALSE(limiter.Take("a", 20'000));
}

TEST(RateLimiter, AllowsSpendsNothing) {
  RateLimiter limiter(1, 60'000);
  TimeMs wait = -1;
  EXPECT_TRUE(limiter.Allows("n", 0, &wait));
  EXPECT_TRUE(limiter.Allows("n", 0));
  EXPECT_TRUE(limiter.Take("n", 0));
  EXPECT_FALSE(limiter.Allows("n", 30'000, &wait));
  EXPECT_EQ(wait, 30'000);
  EXPECT_TRUE(limiter.Allows("n", 60'000));
}

TEST(RateLimiter, AFullMapRefusesNewKeysUntilOldOnesAreSwept) {
  RateLimiter limiter(1, 1000, /*max_keys=*/2);
  EXPECT_TRUE(limiter.Take("a", 0));
  EXPECT_TRUE(limiter.Take("b", 0));
  TimeMs wait = 0;
  EXPECT_FALSE(limiter.Take("c", 500, &wait));  // a and b are still limited: nothing to forget
  EXPECT_GT(wait, 0);
  EXPECT_TRUE(limiter.Take("c", 1500));          // a and b are full again and forgotten
  EXPECT_TRUE(limiter.Take("a", 1500));
}

}  // namespace
}  // namespace lz::services
