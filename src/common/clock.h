// Clock: the only source of "now" in lianzhang (brief §3). Domain and services take a Clock&;
// production wires SystemClock, tests wire SimulatedClock and move it by hand.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace lz {

// Milliseconds since the Unix epoch, UTC. All stored times use this unit.
using TimeMs = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  // Current time in ms since the epoch. Thread-safe.
  virtual TimeMs NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimeMs NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to. Thread-safe.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(TimeMs start) : now_(start) {}
  TimeMs NowMs() const override { return now_.load(); }
  void Advance(TimeMs delta_ms) { now_ += delta_ms; }
  void Set(TimeMs t) { now_ = t; }

 private:
  std::atomic<TimeMs> now_;
};

constexpr TimeMs kMinuteMs = 60 * 1000;
constexpr TimeMs kHourMs = 60 * kMinuteMs;
constexpr TimeMs kDayMs = 24 * kHourMs;

// ISO 8601 UTC text of a time ("2026-11-29T01:31:57.000Z").
std::string FormatIsoTime(TimeMs t);

}  // namespace lz
