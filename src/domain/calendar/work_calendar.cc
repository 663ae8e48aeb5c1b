// Implementation of domain/calendar/work_calendar.h. Days are numbered since 1970-01-01 (a
// Thursday). Working days are counted by Count(d) (working days in [first_day_, d)), read from the
// prefix array inside the loaded years and from a closed-form count of Mondays–Fridays outside
// them, so every query is a few array reads, one binary search at most, and arithmetic.
#include "domain/calendar/work_calendar.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <tuple>

#include "common/china_time.h"
#include "common/text.h"

namespace lz::calendar {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

std::string Bilingual(std::string_view zh, std::string_view en) {
  std::string out(zh);
  out += " / ";
  out += en;
  return out;
}

Status Invalid(std::string_view zh, std::string_view en) { return InvalidArgument(Bilingual(zh, en), "file"); }

// Monday = 0 … Sunday = 6.
int WeekdayIndex(int64_t day_number) {
  int64_t r = (day_number + 3) % 7;  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(r < 0 ? r + 7 : r);
}
bool IsWeekend(int64_t day_number) { return WeekdayIndex(day_number) >= 5; }

constexpr int64_t kMondayAnchor = 4;  // 1970-01-05, a Monday

// Mondays–Fridays in [kMondayAnchor, d); negative before the anchor.
int64_t WeekdaysBefore(int64_t d) {
  int64_t m = d - kMondayAnchor;
  int64_t w = FloorDiv(m, 7);
  return 5 * w + std::min<int64_t>(m - 7 * w, 5);
}
// The Monday–Friday whose WeekdaysBefore is `g`.
int64_t WeekdayAt(int64_t g) {
  int64_t w = FloorDiv(g, 5);
  return kMondayAnchor + 7 * w + (g - 5 * w);
}

int64_t FirstDayOf(int y) { return DayNumber(year(y) / month(1) / day(1)); }
const int64_t kMinDay = FirstDayOf(kMinYear);
const int64_t kEndDay = FirstDayOf(kMaxYear + 1);  // exclusive

std::string DayText(int64_t day_number) { return FormatDate(DateOfDayNumber(day_number)); }

bool DateInBounds(Date date) {
  if (!date.ok()) return false;
  const int64_t d = DayNumber(date);
  return d >= kMinDay && d < kEndDay;
}
bool InstantInBounds(TimeMs t) {
  const int64_t d = ChinaDayOf(t);
  return d >= kMinDay && d < kEndDay;
}

// The errors for arguments that fail DateInBounds / InstantInBounds (only built on failure, so
// that the hot paths construct no Status).
Status CheckDate(Date date) {
  if (!date.ok()) return InvalidArgument("not a real date: " + FormatDate(date), "date");
  int64_t d = DayNumber(date);
  if (d < kMinDay || d >= kEndDay) {
    return InvalidArgument("date " + FormatDate(date) + " is outside " + std::to_string(kMinYear) + "–" +
                               std::to_string(kMaxYear),
                           "date");
  }
  return Status::Ok();
}

Status CheckInstant(TimeMs t, std::string_view what) {
  int64_t d = ChinaDayOf(t);
  if (d < kMinDay || d >= kEndDay) {
    return InvalidArgument(std::string(what) + " " + std::to_string(t) + " ms is outside the years " +
                               std::to_string(kMinYear) + "–" + std::to_string(kMaxYear),
                           std::string(what));
  }
  return Status::Ok();
}

// Checks, sorts by begin and merges overlapping or touching intervals.
Result<std::vector<Interval>> Normalise(std::span<const Interval> intervals) {
  std::vector<Interval> out(intervals.begin(), intervals.end());
  for (const Interval& iv : out) {
    if (iv.end < iv.begin) return InvalidArgument("an excluded interval (suspension) ends before it begins", "suspensions");
    if (!InstantInBounds(iv.begin)) return CheckInstant(iv.begin, "suspensions");
    if (!InstantInBounds(iv.end)) return CheckInstant(iv.end, "suspensions");
  }
  std::sort(out.begin(), out.end(), [](const Interval& a, const Interval& b) { return a.begin < b.begin; });
  std::vector<Interval> merged;
  for (const Interval& iv : out) {
    if (iv.end == iv.begin) continue;
    if (!merged.empty() && iv.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, iv.end);
    } else {
      merged.push_back(iv);
    }
  }
  return merged;
}

std::string RuleText(const DayRule& r) {
  return std::string(r.name) + "(" + (r.kind == DayKind::kHoliday ? "休" : "班") + ")" +
         (r.source.empty() ? std::string() : " @ " + r.source);
}

}  // namespace

std::string FormatDate(Date date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buf;
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::pair<size_t, size_t> spans[3] = {{0, 4}, {5, 2}, {8, 2}};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < spans[i].second; ++k) {
      char c = text[spans[i].first + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  Date date = year(parts[0]) / month(static_cast<unsigned>(parts[1])) / day(static_cast<unsigned>(parts[2]));
  if (!date.ok()) return std::nullopt;
  return date;
}

Date ChinaDate(TimeMs t) { return DateOfDayNumber(ChinaDayOf(t)); }
TimeMs ChinaMidnight(Date date) { return ChinaMidnightOf(DayNumber(date)); }

DayRange MonthDays(int year, int month) {
  using namespace std::chrono;
  const year_month first = std::chrono::year{year} / January + months{month - 1};
  return {DayNumber(first / day{1}), DayNumber((first + months{1}) / day{1}) - 1};
}

std::string_view DayKindName(DayKind kind) { return kind == DayKind::kHoliday ? "holiday" : "workday"; }

std::string YearRange::ToString() const {
  if (empty()) return "none";
  return first == last ? std::to_string(first) : std::to_string(first) + "–" + std::to_string(last);
}

WorkCalendar::WorkCalendar() : prefix_{0} {}

Result<WorkCalendar> WorkCalendar::Build(YearRange years, std::vector<DayRule> rules) {
  if (years.empty()) return Invalid("没有要载入的年份", "no years to load");
  if (years.first < kMinYear || years.last > kMaxYear) {
    return Invalid("年份 " + years.ToString() + " 超出 " + std::to_string(kMinYear) + "–" + std::to_string(kMaxYear),
                   "years " + years.ToString() + " are outside " + std::to_string(kMinYear) + "–" +
                       std::to_string(kMaxYear));
  }
  if (years.last - years.first + 1 > kMaxLoadedYears) {
    return Invalid("一次最多载入 " + std::to_string(kMaxLoadedYears) + " 年", "at most " + std::to_string(kMaxLoadedYears) + " years can be loaded");
  }
  for (DayRule& r : rules) {
    const std::string where = r.source.empty() ? std::string() : "（" + r.source + "）";
    const std::string where_en = r.source.empty() ? std::string() : " (" + r.source + ")";
    if (!r.date.ok()) {
      return Invalid("日期 " + FormatDate(r.date) + " 不存在" + where, "date " + FormatDate(r.date) + " does not exist" + where_en);
    }
    if (!years.Contains(static_cast<int>(r.date.year()))) {
      return Invalid(FormatDate(r.date) + " " + RuleText(r) + " 不在载入的年份 " + years.ToString() + " 之内",
                     FormatDate(r.date) + " " + RuleText(r) + " lies outside the years loaded, " + years.ToString());
    }
    r.name = text::Trim(r.name);
    if (r.name.empty()) {
      return Invalid(FormatDate(r.date) + " 的安排没有节日名称" + where, FormatDate(r.date) + " has no holiday name" + where_en);
    }
    if (r.kind == DayKind::kWorkday && !IsWeekend(DayNumber(r.date))) {
      return Invalid("调休上班日 " + FormatDate(r.date) + " " + RuleText(r) + " 不是周六或周日，安排有误",
                     "make-up workday " + FormatDate(r.date) + " " + RuleText(r) +
                         " is not a Saturday or Sunday; the schedule is wrong");
    }
  }
  // Same date together, holidays before workdays, names in order: conflicts are neighbours.
  std::stable_sort(rules.begin(), rules.end(), [](const DayRule& a, const DayRule& b) {
    return std::tie(a.date, a.kind, a.name) < std::tie(b.date, b.kind, b.name);
  });
  std::vector<DayRule> unique;
  unique.reserve(rules.size());
  for (DayRule& r : rules) {
    if (!unique.empty() && unique.back().date == r.date) {
      const DayRule& prev = unique.back();
      if (prev.kind != r.kind) {
        return Invalid(FormatDate(r.date) + " 既是节假日 " + RuleText(prev) + " 又是调休上班日 " + RuleText(r),
                       FormatDate(r.date) + " is both a holiday " + RuleText(prev) + " and a make-up workday " + RuleText(r));
      }
      if (prev.name != r.name) {
        std::string what = r.kind == DayKind::kHoliday ? "节假日" : "调休上班日";
        return Invalid(FormatDate(r.date) + " 有两个不同的" + what + "安排重叠：" + RuleText(prev) + " 与 " + RuleText(r),
                       FormatDate(r.date) + " has two different " + std::string(DayKindName(r.kind)) +
                           " entries overlapping: " + RuleText(prev) + " and " + RuleText(r));
      }
      continue;  // the same rule again
    }
    unique.push_back(std::move(r));
  }

  // A year without a single holiday is a missing schedule, not a year of plain weeks: refuse it
  // rather than reckon it as official.
  std::vector<bool> has_holiday(static_cast<size_t>(years.last - years.first + 1), false);
  for (const DayRule& r : unique) {
    if (r.kind == DayKind::kHoliday) has_holiday[static_cast<size_t>(static_cast<int>(r.date.year()) - years.first)] = true;
  }
  for (int y = years.first; y <= years.last; ++y) {
    if (!has_holiday[static_cast<size_t>(y - years.first)]) {
      return Invalid(std::to_string(y) + " 年没有任何节假日，不是完整的安排（缺少该年的文件？）",
                     std::to_string(y) + " has no holiday at all, so its schedule is missing (no file for it?)");
    }
  }

  WorkCalendar c;
  c.years_ = years;
  c.first_day_ = FirstDayOf(years.first);
  c.days_ = FirstDayOf(years.last + 1) - c.first_day_;
  c.working_.assign(static_cast<size_t>((c.days_ + 63) / 64), 0);
  auto rule = unique.begin();
  for (int64_t i = 0; i < c.days_; ++i) {
    const int64_t d = c.first_day_ + i;
    bool working = !IsWeekend(d);
    if (rule != unique.end() && DayNumber(rule->date) == d) {
      working = rule->kind == DayKind::kWorkday;
      ++rule;
    }
    if (working) c.working_[static_cast<size_t>(i / 64)] |= uint64_t{1} << (i % 64);
  }
  c.prefix_.assign(static_cast<size_t>(c.days_ + 1), 0);
  for (int64_t i = 0; i < c.days_; ++i) {
    c.prefix_[static_cast<size_t>(i + 1)] = c.prefix_[static_cast<size_t>(i)] + (c.IsWorkingDayNumber(c.first_day_ + i) ? 1 : 0);
  }
  c.rules_ = std::move(unique);
  return c;
}

Result<WorkCalendar> WorkCalendar::Merge(YearRange years, std::vector<DayRule> rules) const {
  if (years_.empty()) return Build(years, std::move(rules));
  if (years.empty()) return Invalid("没有要载入的年份", "no years to load");
  if (years.first > years_.last + 1 || years.last < years_.first - 1) {
    return FailedPrecondition(Bilingual("已载入 " + years_.ToString() + " 年的安排，" + years.ToString() + " 年与之不相连（不能留空档）",
                                        "the calendar holds " + years_.ToString() + "; " + years.ToString() +
                                            " would leave a gap (years must be contiguous)"),
                              "file");
  }
  YearRange all{std::min(years.first, years_.first), std::max(years.last, years_.last)};
  std::vector<DayRule> combined = rules_;
  combined.insert(combined.end(), std::make_move_iterator(rules.begin()), std::make_move_iterator(rules.end()));
  return Build(all, std::move(combined));
}

bool WorkCalendar::Covers(Date date) const { return date.ok() && years_.Contains(static_cast<int>(date.year())); }

const DayRule* WorkCalendar::RuleFor(Date date) const {
  auto it = std::lower_bound(rules_.begin(), rules_.end(), date, [](const DayRule& r, Date d) { return r.date < d; });
  return it != rules_.end() && it->date == date ? &*it : nullptr;
}

bool WorkCalendar::IsWorkingDayNumber(int64_t d) const {
  const int64_t i = d - first_day_;
  if (i < 0 || i >= days_) return !IsWeekend(d);
  return (working_[static_cast<size_t>(i / 64)] >> (i % 64)) & 1;
}

int64_t WorkCalendar::Count(int64_t d) const {
  if (d <= first_day_) return WeekdaysBefore(d) - WeekdaysBefore(first_day_);
  const int64_t end = first_day_ + days_;
  if (d >= end) return prefix_.back() + WeekdaysBefore(d) - WeekdaysBefore(end);
  return prefix_[static_cast<size_t>(d - first_day_)];
}

int64_t WorkCalendar::WorkingDayAt(int64_t k) const {
  const int64_t total = prefix_.back();
  if (k >= 0 && k < total) {
    // The first i with prefix_[i + 1] > k: day first_day_ + i is the working day of index k.
    auto it = std::upper_bound(prefix_.begin() + 1, prefix_.end(), k, [](int64_t v, int32_t p) { return v < p; });
    return first_day_ + (it - (prefix_.begin() + 1));
  }
  if (k >= total) return WeekdayAt(WeekdaysBefore(first_day_ + days_) + (k - total));
  return WeekdayAt(WeekdaysBefore(first_day_) + k);
}

TimeMs WorkCalendar::CumulativeWorkingTime(TimeMs t) const {
  const int64_t d = ChinaDayOf(t);
  return Count(d) * kDayMs + (IsWorkingDayNumber(d) ? t - ChinaMidnightOf(d) : 0);
}

TimeMs WorkCalendar::InstantOfWorkingTime(TimeMs value, Pick pick) const {
  const int64_t k = FloorDiv(value, kDayMs);
  const TimeMs r = value - k * kDayMs;
  if (r > 0) return ChinaMidnightOf(WorkingDayAt(k)) + r;
  if (pick == Pick::kLatest) return ChinaMidnightOf(WorkingDayAt(k));  // 00:00 of the next working day
  return ChinaMidnightOf(WorkingDayAt(k - 1) + 1);                     // 24:00 of the working day completing it
}

bool WorkCalendar::CoversDays(int64_t first, int64_t last) const {
  return days_ > 0 && first >= first_day_ && last < first_day_ + days_;
}

Status WorkCalendar::CheckRange(int64_t first, int64_t last, OutOfRange policy, Basis& basis) const {
  if (CoversDays(first, last)) return Status::Ok();
  if (policy == OutOfRange::kAssumeWeekends) {
    basis = Basis::kAssumedWeekends;
    return Status::Ok();
  }
  const int64_t outside = days_ > 0 && first >= first_day_ ? std::max(first, first_day_ + days_) : first;
  return FailedPrecondition(
      Bilingual(DayText(outside) + " 不在已载入的节假日安排（" + years_.ToString() + "）之内，请先载入该年的安排",
                DayText(outside) + " is outside the holiday schedules loaded (" + years_.ToString() +
                    "); load that year's schedule first"),
      "date");
}

Result<Reckoned<bool>> WorkCalendar::IsWorkingDay(Date date, OutOfRange policy) const {
  if (!date.ok()) return CheckDate(date);
  const int64_t d = DayNumber(date);
  Reckoned<bool> out{IsWorkingDayNumber(d), Basis::kOfficial};
  if (!CoversDays(d, d)) {
    if (!DateInBounds(date)) return CheckDate(date);
    RETURN_IF_ERROR(CheckRange(d, d, policy, out.basis));
  }
  return out;
}

Result<Reckoned<Date>> WorkCalendar::AddWorkingDays(Date date, int64_t n, OutOfRange policy) const {
  if (!DateInBounds(date)) return CheckDate(date);
  if (n > kMaxWorkingDays || n < -kMaxWorkingDays) {
    return InvalidArgument("at most " + std::to_string(kMaxWorkingDays) + " working days", "working_days");
  }
  const int64_t d = DayNumber(date);
  int64_t result = d;
  if (n > 0) result = WorkingDayAt(Count(d + 1) + n - 1);
  if (n < 0) result = WorkingDayAt(Count(d) + n);
  if (result < kMinDay || result >= kEndDay) {
    return InvalidArgument("the result falls outside " + std::to_string(kMinYear) + "–" + std::to_string(kMaxYear),
                           "working_days");
  }
  Reckoned<Date> out;
  const int64_t lo = std::min(d, result);
  const int64_t hi = std::max(d, result);
  if (!CoversDays(lo, hi)) RETURN_IF_ERROR(CheckRange(lo, hi, policy, out.basis));
  out.value = DateOfDayNumber(result);
  return out;
}

Result<Reckoned<int64_t>> WorkCalendar::WorkingDaysBetween(Date a, Date b, OutOfRange policy) const {
  if (!DateInBounds(a)) return CheckDate(a);
  if (!DateInBounds(b)) return CheckDate(b);
  const int64_t da = DayNumber(a);
  const int64_t db = DayNumber(b);
  Reckoned<int64_t> out;
  const int64_t lo = std::min(da, db);
  const int64_t hi = std::max(da, db);
  if (!CoversDays(lo, hi)) RETURN_IF_ERROR(CheckRange(lo, hi, policy, out.basis));
  out.value = Count(db + 1) - Count(da + 1);
  return out;
}

Result<Reckoned<TimeMs>> WorkCalendar::WorkingTimeBetween(TimeMs from, TimeMs to, std::span<const Interval> excluded,
                                                          OutOfRange policy) const {
  if (!InstantInBounds(from)) return CheckInstant(from, "from");
  if (!InstantInBounds(to)) return CheckInstant(to, "to");
  if (to < from) return InvalidArgument("the end of the period is before its start", "to");
  ASSIGN_OR_RETURN(std::vector<Interval> gaps, Normalise(excluded));
  Reckoned<TimeMs> out;
  const int64_t first_day = ChinaDayOf(from);
  const int64_t last_day = ChinaDayOf(std::max(from, to - 1));
  if (!CoversDays(first_day, last_day)) RETURN_IF_ERROR(CheckRange(first_day, last_day, policy, out.basis));
  TimeMs cursor = from;
  for (const Interval& iv : gaps) {
    if (iv.end <= cursor) continue;
    if (iv.begin >= to) break;
    if (iv.begin > cursor) out.value += CumulativeWorkingTime(iv.begin) - CumulativeWorkingTime(cursor);
    cursor = std::max(cursor, iv.end);
    if (cursor >= to) break;
  }
  if (cursor < to) out.value += CumulativeWorkingTime(to) - CumulativeWorkingTime(cursor);
  return out;
}

Result<Reckoned<TimeMs>> WorkCalendar::AddWorkingTime(TimeMs from, TimeMs amount, std::span<const Interval> excluded,
                                                      OutOfRange policy) const {
  if (!InstantInBounds(from)) return CheckInstant(from, "from");
  if (amount < -kMaxWorkingDays * kDayMs || amount > kMaxWorkingDays * kDayMs) {
    return InvalidArgument("the working time to move must be at most " + std::to_string(kMaxWorkingDays) + " days",
                           "amount");
  }
  ASSIGN_OR_RETURN(std::vector<Interval> gaps, Normalise(excluded));
  auto w = [this](TimeMs t) { return CumulativeWorkingTime(t); };
  TimeMs t = from;
  if (amount > 0) {
    // Forward through the gaps between exclusions until the amount is used up.
    TimeMs remaining = amount;
    TimeMs cursor = from;
    bool found = false;
    for (const Interval& iv : gaps) {
      if (iv.end <= cursor) continue;
      if (iv.begin > cursor) {
        const TimeMs available = w(iv.begin) - w(cursor);
        if (available >= remaining) {
          t = InstantOfWorkingTime(w(cursor) + remaining, Pick::kEarliest);
          found = true;
          break;
        }
        remaining -= available;
      }
      cursor = std::max(cursor, iv.end);
    }
    if (!found) t = InstantOfWorkingTime(w(cursor) + remaining, Pick::kEarliest);
  } else if (amount < 0) {
    // Backward, the mirror image.
    TimeMs remaining = -amount;
    TimeMs cursor = from;
    bool found = false;
    for (auto iv = gaps.rbegin(); iv != gaps.rend(); ++iv) {
      if (iv->begin >= cursor) continue;
      if (iv->end < cursor) {
        const TimeMs available = w(cursor) - w(iv->end);
        if (available >= remaining) {
          t = InstantOfWorkingTime(w(cursor) - remaining, Pick::kLatest);
          found = true;
          break;
        }
        remaining -= available;
      }
      cursor = std::min(cursor, iv->begin);
    }
    if (!found) t = InstantOfWorkingTime(w(cursor) - remaining, Pick::kLatest);
  }
  if (!InstantInBounds(t)) return CheckInstant(t, "result");
  Reckoned<TimeMs> out;
  const TimeMs lo = std::min(from, t);
  const TimeMs hi = std::max(from, t);
  const int64_t first_day = ChinaDayOf(lo);
  const int64_t last_day = ChinaDayOf(std::max(lo, hi - 1));
  if (!CoversDays(first_day, last_day)) RETURN_IF_ERROR(CheckRange(first_day, last_day, policy, out.basis));
  out.value = t;
  return out;
}

Result<Reckoned<TimeMs>> WorkCalendar::DueTime(TimeMs accepted_at, int64_t working_days,
                                               std::span<const Interval> suspensions, OutOfRange policy) const {
  if (!InstantInBounds(accepted_at)) return CheckInstant(accepted_at, "accepted_at");
  if (working_days < 0 || working_days > kMaxWorkingDays) {
    return InvalidArgument("the time limit must be between 0 and " + std::to_string(kMaxWorkingDays) + " working days",
                           "working_days");
  }
  // The clock starts at 00:00 of the day after acceptance (民法典 art. 201).
  const TimeMs start = ChinaMidnightOf(ChinaDayOf(accepted_at) + 1);
  ASSIGN_OR_RETURN(Reckoned<TimeMs> due, AddWorkingTime(start, working_days * kDayMs, suspensions, OutOfRange::kAssumeWeekends));
  Reckoned<TimeMs> out;
  const int64_t first_day = ChinaDayOf(accepted_at);
  const int64_t last_day = ChinaDayOf(due.value - 1);
  if (!CoversDays(first_day, last_day)) RETURN_IF_ERROR(CheckRange(first_day, last_day, policy, out.basis));
  out.value = due.value;
  return out;
}

}  // namespace lz::calendar
