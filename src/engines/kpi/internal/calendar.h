// Calendar arithmetic of the KPI engine on China Standard Time day numbers (days since
// 1970-01-01, common/china_time.h): months as year × 12 + month − 1, ISO weeks, bucket bounds and
// their labels. Pure.
#pragma once

#include <cstdint>
#include <string>

#include "engines/kpi/kpi_engine.h"

namespace lz::engines::kpi::internal {

// Month number of a day: year × 12 + (month − 1).
int64_t MonthOf(int64_t day);
// First day of a month number.
int64_t FirstDayOfMonth(int64_t month);
// Monday of the ISO week of the day.
int64_t WeekStart(int64_t day);

// "2025-03-05".
std::string DayLabel(int64_t day);

// The bucket of `bucket` kind holding `day`: its first and last day (unclipped) and its label
// ("2025-03-05", "2025-W10", "2025-03", "2025"). `bucket` is not kNone.
struct BucketSpan {
  int64_t first = 0;
  int64_t last = 0;
  std::string label;
};
BucketSpan BucketOf(Bucket bucket, int64_t day);

}  // namespace lz::engines::kpi::internal
