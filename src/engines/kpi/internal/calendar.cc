// Calendar arithmetic on day numbers.
#include "engines/kpi/internal/calendar.h"

#include <chrono>
#include <cstdio>

#include "common/china_time.h"

namespace lz::engines::kpi::internal {
namespace {

using namespace std::chrono;

int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

}  // namespace

int64_t MonthOf(int64_t day) {
  year_month_day ymd = DateOfDayNumber(day);
  return static_cast<int64_t>(static_cast<int>(ymd.year())) * 12 + static_cast<int64_t>(static_cast<unsigned>(ymd.month())) - 1;
}

int64_t FirstDayOfMonth(int64_t month) {
  int y = static_cast<int>(FloorDiv(month, 12));
  unsigned m = static_cast<unsigned>(FloorMod(month, 12)) + 1;
  return DayNumber(year_month_day(year(y), std::chrono::month(m), std::chrono::day(1)));
}

int64_t WeekStart(int64_t day) {
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  return day - FloorMod(day + 3, 7);
}

std::string DayLabel(int64_t day) {
  year_month_day ymd = DateOfDayNumber(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

BucketSpan BucketOf(Bucket bucket, int64_t day) {
  BucketSpan s;
  char buf[16];
  switch (bucket) {
    case Bucket::kNone:
    case Bucket::kDay:
      s.first = s.last = day;
      s.label = DayLabel(day);
      break;
    case Bucket::kWeek: {
      s.first = WeekStart(day);
      s.last = s.first + 6;
      // The ISO week-numbering year is the year of the week's Thursday.
      const int64_t thursday = s.first + 3;
      const year_month_day t = DateOfDayNumber(thursday);
      const int64_t jan1 = DayNumber(year_month_day(t.year(), January, std::chrono::day(1)));
      const int64_t week = (thursday - jan1) / 7 + 1;
      std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(t.year()), static_cast<int>(week));
      s.label = buf;
      break;
    }
    case Bucket::kMonth: {
      const int64_t m = MonthOf(day);
      s.first = FirstDayOfMonth(m);
      s.last = FirstDayOfMonth(m + 1) - 1;
      std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(FloorDiv(m, 12)), static_cast<int>(FloorMod(m, 12) + 1));
      s.label = buf;
      break;
    }
    case Bucket::kYear: {
      const int y = static_cast<int>(DateOfDayNumber(day).year());
      s.first = DayNumber(year_month_day(year(y), January, std::chrono::day(1)));
      s.last = DayNumber(year_month_day(year(y), December, std::chrono::day(31)));
      std::snprintf(buf, sizeof buf, "%04d", y);
      s.label = buf;
      break;
    }
  }
  return s;
}

}  // namespace lz::engines::kpi::internal
