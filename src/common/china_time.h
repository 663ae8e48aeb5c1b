// China Standard Time (Asia/Shanghai): UTC+8 all year. China has observed no daylight saving
// since 1991, so a fixed offset is exact for every date lianzhang handles (the holiday calendar
// starts in 2004). These helpers turn instants (TimeMs, UTC) into local calendar days and back;
// io (iCalendar date-times) and domain (working days, due times) share them.
#pragma once

#include <chrono>
#include <cstdint>

#include "common/clock.h"

namespace lz {

constexpr TimeMs kChinaUtcOffsetMs = 8 * kHourMs;

// ⌊a / b⌋ for b > 0, also for negative a (C++ division truncates toward zero).
constexpr int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// The local (UTC+8) day an instant falls on, as days since 1970-01-01.
constexpr int64_t ChinaDayOf(TimeMs t) { return FloorDiv(t + kChinaUtcOffsetMs, kDayMs); }

// The instant local midnight (00:00 UTC+8) begins the local day `day` (days since 1970-01-01).
constexpr TimeMs ChinaMidnightOf(int64_t day) { return day * kDayMs - kChinaUtcOffsetMs; }

// Days since 1970-01-01 of a calendar date, and back. `date` must be ok().
inline int64_t DayNumber(std::chrono::year_month_day date) {
  return std::chrono::sys_days(date).time_since_epoch().count();
}
inline std::chrono::year_month_day DateOfDayNumber(int64_t day) {
  return std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(day)));
}

}  // namespace lz
