// WorkCalendar: China's working days — Monday to Friday, except statutory holidays (休), plus the
// make-up workdays (调休上班, 班) that fall on a Saturday or Sunday — over a contiguous range of
// whole years whose official schedules (国务院办公厅部分节假日安排) were loaded. Time limits of cases
// (12345 practice, brief §2) and every KPI about them are reckoned on it.
//
// Pure: built from DayRule values (see schedule.h for where they come from), no I/O, no clock.
// Time is China time, UTC+8 all year (common/china_time.h).
//
// Representation: one bit per day of the loaded years (O(1) IsWorkingDay) and a prefix count of
// working days (O(1) WorkingDaysBetween, O(log days) AddWorkingDays by binary search). Outside the
// loaded years the rule is Monday–Friday, and an answer that needed such a day is refused or, if
// the caller allows it, flagged (OutOfRange / Basis below).
//
// Due-time convention (DueTime): the day a case is accepted does not count, whatever its hour;
// the limit counts whole working days after it and the case is due at the end (24:00 China time)
// of the last of them. That is how 12345 hotlines state limits ("N 个工作日内办结") and how
// Chinese law reckons periods: 民法典 art. 201 (the starting day is not counted, counting begins
// the next day) and art. 203 (a period ending on a statutory holiday ends on the day after it;
// the last day ends at 24:00); 行政许可法 art. 82 (limits in working days exclude statutory
// holidays). Suspensions (挂起) stop the clock: working time inside them is not consumed, so the
// due time moves later by exactly the working time suspended. An approved extension (延期) of k
// working days is DueTime(accepted, n + k, suspensions).
//
// Working time: a working day contributes its whole 24 hours, any other day none. So n working
// days are n × 24 h of working time, and a suspension of two office hours on a working day moves
// the due time by two hours of working time: from 24:00 of the last working day to 02:00 of the
// working day after it. Callers that want whole days round the suspension themselves.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::calendar {

using Date = std::chrono::year_month_day;

// "2024-10-01".
std::string FormatDate(Date date);
// "2024-10-01" (exactly YYYY-MM-DD) → the date; nullopt when malformed or not a real date.
std::optional<Date> ParseDate(std::string_view text);
// The China (UTC+8) date of an instant, and the instant its 00:00 begins.
Date ChinaDate(TimeMs t);
TimeMs ChinaMidnight(Date date);

// The first and last day of a month, as days since 1970-01-01.
struct DayRange {
  int64_t first = 0;
  int64_t last = 0;
};
// `month` of `year`; a month outside 1..12 counts on from January of `year` (13 is January of
// year + 1, 0 December of year − 1), so callers can step months without carrying years.
DayRange MonthDays(int year, int month);

enum class DayKind {
  kHoliday,  // 休: a statutory holiday or a day off in lieu — not worked, whatever the weekday
  kWorkday,  // 班: a make-up workday — a Saturday or Sunday that is worked
};
std::string_view DayKindName(DayKind kind);  // "holiday" / "workday"

// What a schedule says about one day.
struct DayRule {
  Date date{};
  DayKind kind = DayKind::kHoliday;
  std::string name;    // the holiday it belongs to: "春节", "国庆节"
  std::string source;  // where it was read, for messages: "data/calendar/cn-2024.ics line 41 (UID …)"
};

// Whole years first..last (inclusive). Empty when last < first.
struct YearRange {
  int first = 0;
  int last = -1;
  bool empty() const { return last < first; }
  bool Contains(int year) const { return first <= year && year <= last; }
  std::string ToString() const;  // "2004–2026", or "none"
};

// What a query does when it needs a day outside the loaded years.
enum class OutOfRange {
  kRefuse,          // FailedPrecondition naming the day and the years loaded (the default)
  kAssumeWeekends,  // reckon that day Monday–Friday working, and flag the answer kAssumedWeekends
};

// How an answer was reckoned.
enum class Basis {
  kOfficial,         // only days of the loaded schedules were needed
  kAssumedWeekends,  // some day lay outside them and was taken as Monday–Friday working
};

template <typename T>
struct Reckoned {
  T value{};
  Basis basis = Basis::kOfficial;
};

// A half-open stretch of time [begin, end): a suspension (挂起 to 恢复).
struct Interval {
  TimeMs begin = 0;
  TimeMs end = 0;
};

// Bounds on the arguments of queries, against overflow and nonsense.
inline constexpr int kMinYear = 1900;              // dates and instants from 1900-01-01 …
inline constexpr int kMaxYear = 2999;              // … to 2999-12-31 (China time)
inline constexpr int64_t kMaxWorkingDays = 100'000;  // |n| in AddWorkingDays and DueTime
inline constexpr int kMaxLoadedYears = 300;

// Immutable once built; copies are independent. All const members are thread-safe.
class WorkCalendar {
 public:
  // A calendar that knows no year: every query is refused (kRefuse) or reckoned Monday–Friday.
  WorkCalendar();

  // Builds the calendar of `years` from `rules`. Validation, all-or-nothing (errors are
  // InvalidArgument, field "file", naming the rule's source and date):
  //   `years` empty, outside kMinYear..kMaxYear or longer than kMaxLoadedYears;
  //   a rule whose date is not a real date, or lies outside `years`, or has an empty name;
  //   a make-up workday on a Monday–Friday (it would change nothing: the schedule is wrong);
  //   one date both a holiday and a make-up workday; two holiday (or two workday) entries for the
  //   same date with different names (e.g. 中秋 and 国庆节 overlapping); a year without a single
  //   holiday (its schedule is missing, and must not pass for a year of plain weeks).
  // The same rule given twice (date, kind and name equal) counts once. Rules may come in any order.
  static Result<WorkCalendar> Build(YearRange years, std::vector<DayRule> rules);

  // This calendar plus `years` and `rules` (e.g. an administrator's schedule for next year),
  // validated as Build validates the union: `years` must touch or overlap the loaded years
  // (FailedPrecondition otherwise: no gaps), every rule must lie within the resulting years, and
  // a rule that contradicts a loaded one is refused, naming both sources. Rules equal to loaded
  // ones are accepted (reloading a year is harmless); rules for an already loaded year that add a
  // day (e.g. 12-31 given off by the next year's New Year notice) are accepted. Nothing is ever
  // removed. `*this` is unchanged whatever the outcome.
  Result<WorkCalendar> Merge(YearRange years, std::vector<DayRule> rules) const;

  YearRange years() const { return years_; }
  bool Covers(Date date) const;
  // The loaded rules, sorted by date, one per date.
  const std::vector<DayRule>& rules() const { return rules_; }
  // The rule for `date`, or nullptr when it is an ordinary day (or outside the loaded years).
  const DayRule* RuleFor(Date date) const;

  // Whether `date` is worked: a make-up workday → true; a holiday → false; else Monday–Friday.
  // O(1). Errors: InvalidArgument for a date that is not ok() or outside kMinYear..kMaxYear;
  // FailedPrecondition outside the loaded years under kRefuse.
  Result<Reckoned<bool>> IsWorkingDay(Date date, OutOfRange policy = OutOfRange::kRefuse) const;

  // n > 0: the n-th working day after `date` (`date` itself never counts, worked or not);
  // n < 0: the |n|-th working day before `date`; n = 0: `date`. O(log days).
  // Errors: as IsWorkingDay for `date` and the result and every day between; InvalidArgument when
  // |n| > kMaxWorkingDays or the result falls outside kMinYear..kMaxYear.
  Result<Reckoned<Date>> AddWorkingDays(Date date, int64_t n, OutOfRange policy = OutOfRange::kRefuse) const;

  // The number of working days d with a < d ≤ b (days after `a` up to and including `b`); when
  // b < a, minus the number with b < d ≤ a. So AddWorkingDays(a, WorkingDaysBetween(a, b)) == b
  // for a working day b after a. O(1). Errors: as IsWorkingDay for every day from min(a, b) to
  // max(a, b).
  Result<Reckoned<int64_t>> WorkingDaysBetween(Date a, Date b, OutOfRange policy = OutOfRange::kRefuse) const;

  // The due time of a case accepted at `accepted_at` with a limit of `working_days` (≥ 0) working
  // days, by the convention in this file's comment: the instant (ms since the epoch, UTC) at which
  // the limit's working time, counted from 00:00 China time of the day after acceptance and
  // stopped during `suspensions`, runs out. Without suspensions that is 24:00 China time of the
  // working_days-th working day after the acceptance day (working_days = 0: 24:00 of the
  // acceptance day). A case finished before the returned instant is on time.
  // `suspensions` may overlap and be in any order; each must have end ≥ begin and must be closed
  // (a case suspended now has no due time until it resumes). Errors: InvalidArgument for a
  // negative or too large limit, a suspension that ends before it begins, instants outside
  // kMinYear..kMaxYear; FailedPrecondition (kRefuse) when a day from the acceptance day to the due
  // day lies outside the loaded years.
  Result<Reckoned<TimeMs>> DueTime(TimeMs accepted_at, int64_t working_days, std::span<const Interval> suspensions = {},
                                   OutOfRange policy = OutOfRange::kRefuse) const;

  // Working time (ms) within [from, to) outside `excluded`: the clock of a case between two
  // instants with suspensions taken out. Compare with working_days × kDayMs. Errors: to < from,
  // an excluded interval with end < begin, instants outside kMinYear..kMaxYear (InvalidArgument);
  // FailedPrecondition (kRefuse) when a day of [from, to) lies outside the loaded years.
  Result<Reckoned<TimeMs>> WorkingTimeBetween(TimeMs from, TimeMs to, std::span<const Interval> excluded = {},
                                              OutOfRange policy = OutOfRange::kRefuse) const;

  // Moves `amount` of working time from `from`, skipping `excluded`: the inverse of
  // WorkingTimeBetween. amount ≥ 0: the earliest t ≥ from with WorkingTimeBetween(from, t) ==
  // amount — when it runs out at the end of a working day the answer is that day's 24:00, not the
  // next working day's 00:00. amount < 0: the latest t ≤ from with WorkingTimeBetween(t, from) ==
  // -amount — e.g. one working day before a Monday 24:00 deadline is Monday 00:00. Errors as
  // WorkingTimeBetween's, and InvalidArgument when |amount| > kMaxWorkingDays days.
  Result<Reckoned<TimeMs>> AddWorkingTime(TimeMs from, TimeMs amount, std::span<const Interval> excluded = {},
                                          OutOfRange policy = OutOfRange::kRefuse) const;

 private:
  // Days are numbered since 1970-01-01. Working days are indexed from the first loaded day:
  // Count(d) = working days in [first_day_, d) (negative before it), WorkingDayAt(k) = the day
  // whose index is k. Both extend beyond the loaded years by the Monday–Friday rule.
  bool IsWorkingDayNumber(int64_t day) const;
  int64_t Count(int64_t day) const;
  int64_t WorkingDayAt(int64_t index) const;
  TimeMs CumulativeWorkingTime(TimeMs t) const;      // Count-based working time up to t
  // The earliest (kEarliest) or latest t with CumulativeWorkingTime(t) == value; they differ when
  // value is a whole number of days and non-working days precede the next working day.
  enum class Pick { kEarliest, kLatest };
  TimeMs InstantOfWorkingTime(TimeMs value, Pick pick) const;
  bool CoversDays(int64_t first, int64_t last) const;
  Status CheckRange(int64_t first, int64_t last, OutOfRange policy, Basis& basis) const;

  YearRange years_;
  int64_t first_day_ = 0;  // day number of years_.first-01-01
  int64_t days_ = 0;       // days loaded
  std::vector<uint64_t> working_;  // bit i set: day first_day_ + i is worked
  std::vector<int32_t> prefix_;    // prefix_[i]: working days in [first_day_, first_day_ + i); size days_ + 1
  std::vector<DayRule> rules_;
};

}  // namespace lz::calendar
