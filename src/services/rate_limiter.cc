// RateLimiter: the generic cell rate algorithm over a map of due times.
#include "services/rate_limiter.h"

#include <algorithm>

namespace lz::services {

RateLimiter::RateLimiter(int burst, TimeMs interval_ms, size_t max_keys)
    : interval_ms_(std::max<TimeMs>(interval_ms, 1)),
      tolerance_ms_(static_cast<TimeMs>(std::max(burst, 1) - 1) * interval_ms_),
      max_keys_(std::max<size_t>(max_keys, 1)) {}

TimeMs RateLimiter::WaitLocked(std::string_view key, TimeMs now) const {
  auto it = due_.find(std::string(key));
  if (it == due_.end()) return due_.size() >= max_keys_ ? interval_ms_ : 0;
  return std::max<TimeMs>(0, it->second - tolerance_ms_ - now);
}

void RateLimiter::ForgetFullLocked(TimeMs now) {
  if (now - last_sweep_ < interval_ms_) return;  // at most one O(keys) sweep per interval
  last_sweep_ = now;
  std::erase_if(due_, [now](const auto& entry) { return entry.second <= now; });
}

bool RateLimiter::Allows(std::string_view key, TimeMs now, TimeMs* retry_after_ms) const {
  std::lock_guard lock(mu_);
  const TimeMs wait = WaitLocked(key, now);
  if (retry_after_ms) *retry_after_ms = wait;
  return wait == 0;
}

bool RateLimiter::Take(std::string_view key, TimeMs now, TimeMs* retry_after_ms) {
  std::lock_guard lock(mu_);
  if (due_.size() >= max_keys_ && due_.find(std::string(key)) == due_.end()) ForgetFullLocked(now);
  const TimeMs wait = WaitLocked(key, now);
  if (retry_after_ms) *retry_after_ms = wait;
  if (wait > 0) return false;
  TimeMs& due = due_[std::string(key)];
  due = std::max(due, now) + interval_ms_;
  return true;
}

}  // namespace lz::services
