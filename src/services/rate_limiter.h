// RateLimiter: how often a key (a client address, a case number …) may do something, as the
// generic cell rate algorithm (a token bucket kept as one time per key): a key may act `burst`
// times at once and once more every `interval_ms` after that. A key whose bucket is full again is
// forgotten, so memory holds only the keys active lately; past `max_keys` such keys, new keys are
// refused until old ones are forgotten (a flood of addresses cannot evict the keys being limited).
// Time comes from the caller (the service's Clock). Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"

namespace lz::services {

// A wait in whole seconds, rounded up (for Retry-After and messages).
inline int64_t RetryAfterSeconds(TimeMs wait_ms) { return (wait_ms + 999) / 1000; }

class RateLimiter {
 public:
  // burst ≥ 1, interval_ms ≥ 1.
  RateLimiter(int burst, TimeMs interval_ms, size_t max_keys = 100'000);

  // Spends one action of `key` at `now`: true when it had one; false when not, with
  // *retry_after_ms (when given) set to how long until it has one again.
  bool Take(std::string_view key, TimeMs now, TimeMs* retry_after_ms = nullptr);
  // Whether `key` could act at `now`, spending nothing; *retry_after_ms as for Take.
  bool Allows(std::string_view key, TimeMs now, TimeMs* retry_after_ms = nullptr) const;

 private:
  // How long `key` must wait at `now` (0: it may act). Caller holds mu_.
  TimeMs WaitLocked(std::string_view key, TimeMs now) const;
  void ForgetFullLocked(TimeMs now);

  const TimeMs interval_ms_;
  const TimeMs tolerance_ms_;  // (burst − 1) × interval: how far ahead of now a key may run
  const size_t max_keys_;
  mutable std::mutex mu_;
  // Per key the theoretical time its next action is due; a key at or before now has a full bucket.
  std::unordered_map<std::string, TimeMs> due_;
  TimeMs last_sweep_ = INT64_MIN / 2;
};

}  // namespace lz::services
