// Tests of domain/calendar: the embedded schedules against the State Council notices for 2023
// (国办发明电〔2022〕16号) and 2024 (国办发明电〔2023〕7号) checked day by day, yearly working-day
// totals derived from the law, working-day arithmetic across make-up Saturdays and Sundays, due
// times (12345 convention) across holidays and with suspensions, the fast paths against a naive
// day-by-day count, validation of contradicting or malformed schedules, merging next year's file,
// and days outside the loaded years.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "common/china_time.h"
#include "common/embedded.h"
#include "domain/calendar/ics_schedule.h"
#include "domain/calendar/schedule.h"
#include "domain/calendar/work_calendar.h"

namespace lz::calendar {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(std::string_view text) {
  auto d = ParseDate(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date{});
}

// The instant of a China-time wall clock reading, by std::chrono alone (not the code under test).
TimeMs Cst(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  auto days = std::chrono::sys_days(year(y) / month(m) / day(d)).time_since_epoch().count();
  return days * kDayMs + hh * kHourMs + mm * kMinuteMs + ss * 1000 - 8 * kHourMs;
}

const WorkCalendar& Default() {
  static const WorkCalendar calendar = [] {
    auto r = LoadDefaultCalendar(storage::assets::All());
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      return WorkCalendar();
    }
    return std::move(r).value();
  }();
  return calendar;
}

bool Working(const WorkCalendar& c, std::string_view date) {
  auto r = c.IsWorkingDay(D(date));
  EXPECT_TRUE(r.ok()) << date << ": " << r.status().ToString();
  if (!r.ok()) return false;
  EXPECT_EQ(r->basis, Basis::kOfficial);
  return r->value;
}

// Every day from `first` to `last` (inclusive) is off (expect false) or worked (true).
void ExpectSpan(std::string_view first, std::string_view last, bool working) {
  for (int64_t d = DayNumber(D(first)); d <= DayNumber(D(last)); ++d) {
    std::string text = FormatDate(DateOfDayNumber(d));
    EXPECT_EQ(Working(Default(), text), working) << text;
  }
}

std::string DueIso(TimeMs accepted, int64_t days, std::vector<Interval> suspensions = {}) {
  auto r = Default().DueTime(accepted, days, suspensions);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return "error";
  EXPECT_EQ(r->basis, Basis::kOfficial);
  return FormatIsoTime(r->value);
}

Date Add(std::string_view date, int64_t n) {
  auto r = Default().AddWorkingDays(D(date), n);
  EXPECT_TRUE(r.ok()) << date << " + " << n << ": " << r.status().ToString();
  return r.ok() ? r->value : Date{};
}

int64_t Between(std::string_view a, std::string_view b) {
  auto r = Default().WorkingDaysBetween(D(a), D(b));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->value : -999;
}

DayRule Rule(std::string_view date, DayKind kind, std::string name, std::string source) {
  return DayRule{ParseDate(date).value_or(Date{}), kind, std::move(name), std::move(source)};
}

std::string Ics(const std::string& events) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//lianzhang tests//ZH\r\n" + events + "END:VCALENDAR\r\n";
}
std::string IcsEvent(const std::string& uid, const std::string& first, const std::string& end, const std::string& summary) {
  return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART;VALUE=DATE:" + first + "\r\nDTEND;VALUE=DATE:" + end +
         "\r\nSUMMARY:" + summary + "\r\nEND:VEVENT\r\n";
}

// A made-up schedule for 2027, for the merge tests only: NOT the real 2027 arrangement (the State
// Council had not published it when this was written).
const std::string kFictional2027 = Ics(IcsEvent("t-2027-1", "20270101", "20270104", "元旦(休)") +
                                       IcsEvent("t-2027-2", "20270206", "20270207", "春节(班)"));

// ---- The data -------------------------------------------------------------------------------

TEST(CalendarData, KnowsTheYearsThePackageShips) {
  const WorkCalendar& c = Default();
  EXPECT_EQ(c.years().first, 2004);
  EXPECT_EQ(c.years().last, 2026);
  EXPECT_EQ(c.years().ToString(), "2004–2026");
  EXPECT_TRUE(c.Covers(D("2004-01-01")));
  EXPECT_TRUE(c.Covers(D("2026-12-31")));
  EXPECT_FALSE(c.Covers(D("2003-12-31")));
  EXPECT_FALSE(c.Covers(D("2027-01-01")));
}

// 国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）.
TEST(CalendarData, Schedule2023AsTheNoticeSays) {
  ExpectSpan("2022-12-31", "2023-01-02", false);  // 元旦: 12-31 to 01-02
  ExpectSpan("2023-01-21", "2023-01-27", false);  // 春节: 01-21 to 01-27 …
  EXPECT_TRUE(Working(Default(), "2023-01-28"));  // … 01-28 (Saturday) and
  EXPECT_TRUE(Working(Default(), "2023-01-29"));  // 01-29 (Sunday) worked
  EXPECT_FALSE(Working(Default(), "2023-04-05"));  // 清明: 04-05
  EXPECT_TRUE(Working(Default(), "2023-04-23"));   // 劳动节: 04-23 (Sunday) worked,
  ExpectSpan("2023-04-29", "2023-05-03", false);   // 04-29 to 05-03 off,
  EXPECT_TRUE(Working(Default(), "2023-05-06"));   // 05-06 (Saturday) worked
  ExpectSpan("2023-06-22", "2023-06-24", false);   // 端午: 06-22 to 06-24 off,
  EXPECT_TRUE(Working(Default(), "2023-06-25"));   // 06-25 (Sunday) worked
  ExpectSpan("2023-09-29", "2023-10-06", false);   // 中秋、国庆: 09-29 to 10-06 off,
  ExpectSpan("2023-10-07", "2023-10-08", true);    // 10-07 (Saturday), 10-08 (Sunday) worked
  // Ordinary days around them.
  EXPECT_TRUE(Working(Default(), "2023-01-20"));   // Friday before the Spring Festival
  EXPECT_TRUE(Working(Default(), "2023-01-30"));   // Monday after
  EXPECT_FALSE(Working(Default(), "2023-02-04"));  // an ordinary Saturday
  EXPECT_TRUE(Working(Default(), "2023-10-09"));
  EXPECT_FALSE(Working(Default(), "2023-10-14"));
  // The names come with the days.
  const DayRule* r = Default().RuleFor(D("2023-01-28"));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, DayKind::kWorkday);
  EXPECT_EQ(r->name, "春节");
  EXPECT_NE(r->source.find("data/calendar/cn-2023.ics line"), std::string::npos) << r->source;
  ASSERT_NE(Default().RuleFor(D("2023-09-29")), nullptr);
  EXPECT_EQ(Default().RuleFor(D("2023-09-29"))->name, "中秋");
  EXPECT_EQ(Default().RuleFor(D("2023-10-01"))->name, "国庆节");
  EXPECT_EQ(Default().RuleFor(D("2023-01-20")), nullptr);
}

// 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）.
TEST(CalendarData, Schedule2024AsTheNoticeSays) {
  EXPECT_FALSE(Working(Default(), "2024-01-01"));  // 元旦
  EXPECT_TRUE(Working(Default(), "2024-02-04"));   // 春节: 02-04 (Sunday) worked,
  EXPECT_TRUE(Working(Default(), "2024-02-09"));   // 除夕 02-09 is a working day (leave encouraged only),
  ExpectSpan("2024-02-10", "2024-02-17", false);   // 02-10 to 02-17 off,
  EXPECT_TRUE(Working(Default(), "2024-02-18"));   // 02-18 (Sunday) worked
  ExpectSpan("2024-04-04", "2024-04-06", false);   // 清明: 04-04 to 04-06 off,
  EXPECT_TRUE(Working(Default(), "2024-04-07"));   // 04-07 (Sunday) worked
  EXPECT_TRUE(Working(Default(), "2024-04-28"));   // 劳动节: 04-28 (Sunday) worked,
  ExpectSpan("2024-05-01", "2024-05-05", false);   // 05-01 to 05-05 off,
  EXPECT_TRUE(Working(Default(), "2024-05-11"));   // 05-11 (Saturday) worked
  EXPECT_FALSE(Working(Default(), "2024-06-10"));  // 端午
  EXPECT_TRUE(Working(Default(), "2024-09-14"));   // 中秋: 09-14 (Saturday) worked,
  ExpectSpan("2024-09-15", "2024-09-17", false);   // 09-15 to 09-17 off
  EXPECT_TRUE(Working(Default(), "2024-09-29"));   // 国庆: 09-29 (Sunday) worked,
  ExpectSpan("2024-10-01", "2024-10-07", false);   // 10-01 to 10-07 off,
  EXPECT_TRUE(Working(Default(), "2024-10-08"));
  EXPECT_TRUE(Working(Default(), "2024-10-12"));   // 10-12 (Saturday) worked
  EXPECT_FALSE(Working(Default(), "2024-10-13"));  // an ordinary Sunday
  EXPECT_FALSE(Working(Default(), "2024-02-03"));  // an ordinary Saturday
}

// Each year's working days = its Mondays–Fridays minus its statutory holidays (a holiday on a
// weekend is given back on a weekday, and make-up workdays balance the bridge days): 11 days a
// year until 2024, 13 from 2025 (国务院令第798号 added 除夕 and 5月2日).
TEST(CalendarData, WorkingDaysPerYearFollowFromTheLaw) {
  EXPECT_EQ(Between("2022-12-31", "2023-12-31"), 260 - 11);  // 2023 starts on a Sunday: 105 weekend days
  EXPECT_EQ(Between("2023-12-31", "2024-12-31"), 262 - 11);  // leap year starting on a Monday
  EXPECT_EQ(Between("2024-12-31", "2025-12-31"), 261 - 13);
  EXPECT_EQ(Between("2025-12-31", "2026-12-31"), 261 - 13);
}

// ---- Working-day arithmetic ---------------------------------------------------------------------

TEST(CalendarArithmetic, MonthDaysKnowLeapYearsAndRollOverYears) {
  auto range = [](int year, int month) {
    const DayRange r = MonthDays(year, month);
    return FormatDate(DateOfDayNumber(r.first)) + " " + FormatDate(DateOfDayNumber(r.last));
  };
  EXPECT_EQ(range(2024, 2), "2024-02-01 2024-02-29");
  EXPECT_EQ(range(2023, 2), "2023-02-01 2023-02-28");
  EXPECT_EQ(range(2100, 2), "2100-02-01 2100-02-28") << "a century that is not a leap year";
  EXPECT_EQ(range(2000, 2), "2000-02-01 2000-02-29");
  EXPECT_EQ(range(2025, 12), "2025-12-01 2025-12-31");
  EXPECT_EQ(range(2025, 13), "2026-01-01 2026-01-31") << "month 13 is January of the next year";
  EXPECT_EQ(range(2025, 0), "2024-12-01 2024-12-31");
  EXPECT_EQ(range(2025, 27), "2027-03-01 2027-03-31");
}

TEST(CalendarArithmetic, AddWorkingDaysAcrossMakeUpDays) {
  EXPECT_EQ(Add("2024-09-27", 1), D("2024-09-29"));   // Friday → the make-up Sunday
  EXPECT_EQ(Add("2024-09-27", 3), D("2024-10-08"));   // 09-29, 09-30, 10-08
  EXPECT_EQ(Add("2024-09-30", 1), D("2024-10-08"));   // over National Day
  EXPECT_EQ(Add("2024-09-20", 10), D("2024-10-10"));
  EXPECT_EQ(Add("2024-10-03", 1), D("2024-10-08"));   // from a holiday
  EXPECT_EQ(Add("2024-10-03", 0), D("2024-10-03"));
  EXPECT_EQ(Add("2024-10-08", -1), D("2024-09-30"));  // backwards
  EXPECT_EQ(Add("2024-10-08", -2), D("2024-09-29"));
  EXPECT_EQ(Add("2024-10-03", -1), D("2024-09-30"));
  EXPECT_EQ(Add("2024-02-02", 1), D("2024-02-04"));   // Friday → make-up Sunday before the Spring Festival
  EXPECT_EQ(Add("2024-02-09", 1), D("2024-02-18"));   // 除夕 → make-up Sunday after it
  EXPECT_EQ(Add("2024-02-08", 5), D("2024-02-21"));
  EXPECT_EQ(Add("2024-04-26", 1), D("2024-04-28"));
  EXPECT_EQ(Add("2024-04-26", 4), D("2024-05-06"));   // 04-28, 04-29, 04-30, 05-06
  EXPECT_EQ(Add("2024-05-10", 1), D("2024-05-11"));   // make-up Saturday
  EXPECT_EQ(Add("2023-01-20", 1), D("2023-01-28"));   // 2023: make-up Saturday …
  EXPECT_EQ(Add("2023-01-20", 2), D("2023-01-29"));   // … and Sunday
  EXPECT_EQ(Add("2023-01-20", 3), D("2023-01-30"));
  EXPECT_EQ(Add("2022-12-30", 1), D("2023-01-03"));   // across the year: 元旦 12-31 to 01-02
}

TEST(CalendarArithmetic, WorkingDaysBetween) {
  EXPECT_EQ(Between("2024-09-27", "2024-10-08"), 3);
  EXPECT_EQ(Between("2024-10-08", "2024-09-27"), -3);
  EXPECT_EQ(Between("2024-10-01", "2024-10-07"), 0);
  EXPECT_EQ(Between("2024-10-08", "2024-10-08"), 0);
  EXPECT_EQ(Between("2024-01-31", "2024-02-29"), 18);  // 21 weekdays − 5 holidays + 2 make-up Sundays
  EXPECT_EQ(Between("2024-09-30", "2024-10-31"), 19);  // 23 weekdays − 5 holidays + 10-12
}

// The bitmap, prefix counts and binary search against counting day by day with IsWorkingDay,
// over random dates of all the loaded years.
TEST(CalendarArithmetic, FastPathsAgreeWithCountingDayByDay) {
  const WorkCalendar& c = Default();
  const int64_t first = DayNumber(D("2004-01-01"));
  const int64_t last = DayNumber(D("2026-12-31"));
  std::mt19937_64 rng(20240929);
  std::uniform_int_distribution<int64_t> pick(first, last);
  auto working = [&](int64_t d) { return c.IsWorkingDay(DateOfDayNumber(d))->value; };
  for (int i = 0; i < 400; ++i) {
    int64_t a = pick(rng);
    int64_t b = std::min(last, a + static_cast<int64_t>(rng() % 200));
    int64_t naive = 0;
    for (int64_t d = a + 1; d <= b; ++d) naive += working(d) ? 1 : 0;
    auto between = c.WorkingDaysBetween(DateOfDayNumber(a), DateOfDayNumber(b));
    ASSERT_TRUE(between.ok());
    ASSERT_EQ(between->value, naive) << FormatDate(DateOfDayNumber(a)) << " .. " << FormatDate(DateOfDayNumber(b));
    ASSERT_EQ(c.WorkingDaysBetween(DateOfDayNumber(b), DateOfDayNumber(a))->value, -naive);

    const int n = static_cast<int>(rng() % 61) - 30;
    int64_t step = a;
    for (int left = std::abs(n); left > 0;) {
      step += n > 0 ? 1 : -1;
      if (step < first || step > last) break;
      if (working(step)) --left;
    }
    if (step < first || step > last) continue;
    auto added = c.AddWorkingDays(DateOfDayNumber(a), n);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    ASSERT_EQ(DayNumber(added->value), step) << FormatDate(DateOfDayNumber(a)) << " + " << n;
    // And back: AddWorkingDays(a, WorkingDaysBetween(a, b)) == b for a working day b after a.
    if (n > 0) {
      ASSERT_EQ(c.WorkingDaysBetween(DateOfDayNumber(a), added->value)->value, n);
    }
  }
}

// ---- Due times -------------------------------------------------------------------------------

TEST(CalendarDueTime, TheDayOfAcceptanceDoesNotCountAndTheLastDayEndsAt2400) {
  EXPECT_EQ(DueIso(Cst(2024, 9, 27, 10), 1), "2024-09-29T16:00:00.000Z");          // Fri → make-up Sun 24:00
  EXPECT_EQ(DueIso(Cst(2024, 9, 27, 23, 59, 59) + 999, 1), "2024-09-29T16:00:00.000Z");
  EXPECT_EQ(DueIso(Cst(2024, 9, 28, 0), 1), "2024-09-29T16:00:00.000Z");           // accepted on Saturday
  EXPECT_EQ(DueIso(Cst(2024, 9, 29, 0), 1), "2024-09-30T16:00:00.000Z");           // on the make-up Sunday
  EXPECT_EQ(DueIso(Cst(2024, 9, 30, 9), 1), "2024-10-08T16:00:00.000Z");           // across National Day
  EXPECT_EQ(DueIso(Cst(2024, 10, 3, 15), 1), "2024-10-08T16:00:00.000Z");          // accepted on a holiday
  EXPECT_EQ(DueIso(Cst(2024, 10, 3, 15), 0), "2024-10-03T16:00:00.000Z");          // 0 days: 24:00 that day
  EXPECT_EQ(DueIso(Cst(2024, 2, 8, 16), 5), "2024-02-21T16:00:00.000Z");           // across the Spring Festival
  EXPECT_EQ(DueIso(Cst(2023, 1, 19, 10), 3), "2023-01-29T16:00:00.000Z");          // 01-20, 01-28, 01-29
  EXPECT_EQ(DueIso(Cst(2024, 9, 20, 10), 15), "2024-10-16T16:00:00.000Z");         // a 15-day limit
  EXPECT_EQ(DueIso(Cst(2022, 12, 30, 17), 1), "2023-01-03T16:00:00.000Z");         // across the year
}

TEST(CalendarDueTime, SuspensionsStopTheClock) {
  const TimeMs accepted = Cst(2024, 9, 23, 10);  // Monday; 5 days: 24, 25, 26, 27, 29 (Sunday)
  EXPECT_EQ(DueIso(accepted, 5), "2024-09-29T16:00:00.000Z");
  // A working day's worth suspended moves the due time one working day.
  EXPECT_EQ(DueIso(accepted, 5, {{Cst(2024, 9, 25, 10), Cst(2024, 9, 26, 10)}}), "2024-09-30T16:00:00.000Z");
  // Two hours suspended: two hours later, i.e. 02:00 after the working day's 24:00.
  EXPECT_EQ(DueIso(accepted, 5, {{Cst(2024, 9, 24, 10), Cst(2024, 9, 24, 12)}}), "2024-09-29T18:00:00.000Z");
  // Suspended on the day of acceptance (before the clock starts), on a Saturday, or after the
  // due time: nothing moves.
  EXPECT_EQ(DueIso(accepted, 5, {{Cst(2024, 9, 23, 12), Cst(2024, 9, 23, 18)}}), "2024-09-29T16:00:00.000Z");
  EXPECT_EQ(DueIso(accepted, 5, {{Cst(2024, 9, 28, 0), Cst(2024, 9, 29, 0)}}), "2024-09-29T16:00:00.000Z");
  EXPECT_EQ(DueIso(accepted, 5, {{Cst(2024, 9, 30, 0), Cst(2024, 10, 9, 0)}}), "2024-09-29T16:00:00.000Z");
  // Overlapping suspensions given out of order count once.
  EXPECT_EQ(DueIso(accepted, 5, {{Cst(2024, 9, 25, 15), Cst(2024, 9, 26, 10)}, {Cst(2024, 9, 25, 10), Cst(2024, 9, 25, 20)}}),
            "2024-09-30T16:00:00.000Z");
  // Across the holiday: accepted Thursday 09-26 with 3 days (27, 29, 30); suspended 09-27 to
  // 10-05 uses up none of them, so they are 10-08, 10-09, 10-10.
  EXPECT_EQ(DueIso(Cst(2024, 9, 26, 9), 3), "2024-09-30T16:00:00.000Z");
  EXPECT_EQ(DueIso(Cst(2024, 9, 26, 9), 3, {{Cst(2024, 9, 27, 0), Cst(2024, 10, 5, 0)}}), "2024-10-10T16:00:00.000Z");
  // Suspended only during the holiday: the clock was stopped anyway.
  EXPECT_EQ(DueIso(Cst(2024, 9, 30, 9), 1, {{Cst(2024, 10, 2, 0), Cst(2024, 10, 4, 0)}}), "2024-10-08T16:00:00.000Z");
  // An extension of k days is the due time of n + k days.
  EXPECT_EQ(DueIso(accepted, 5 + 2), "2024-10-08T16:00:00.000Z");  // 29 (5), 30 (6), 10-08 (7)

  std::vector<Interval> backwards = {{Cst(2024, 9, 25, 10), Cst(2024, 9, 25, 9)}};
  EXPECT_EQ(Default().DueTime(accepted, 5, backwards).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Default().DueTime(accepted, -1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Default().DueTime(accepted, kMaxWorkingDays + 1).status().code(), StatusCode::kInvalidArgument);
}

TEST(CalendarDueTime, WorkingTimeBetweenInstants) {
  const WorkCalendar& c = Default();
  // Friday 10:00 to the Tuesday after National Day 10:00: 14 h + 24 h (make-up Sunday) + 24 h + 10 h.
  EXPECT_EQ(c.WorkingTimeBetween(Cst(2024, 9, 27, 10), Cst(2024, 10, 8, 10))->value, 72 * kHourMs);
  // Suspended from Sunday noon to the end of the holiday: 14 h + 12 h + 10 h.
  std::vector<Interval> suspended = {{Cst(2024, 9, 29, 12), Cst(2024, 10, 8, 0)}};
  EXPECT_EQ(c.WorkingTimeBetween(Cst(2024, 9, 27, 10), Cst(2024, 10, 8, 10), suspended)->value, 36 * kHourMs);
  EXPECT_EQ(c.WorkingTimeBetween(Cst(2024, 10, 1, 0), Cst(2024, 10, 8, 0))->value, 0);
  EXPECT_EQ(c.WorkingTimeBetween(Cst(2024, 9, 27, 10), Cst(2024, 9, 27, 10))->value, 0);
  EXPECT_EQ(c.WorkingTimeBetween(Cst(2024, 9, 27, 10), Cst(2024, 9, 27, 9)).status().code(), StatusCode::kInvalidArgument);
}

TEST(CalendarDueTime, AddWorkingTimeForwardAndBackward) {
  const WorkCalendar& c = Default();
  auto add = [&](TimeMs from, TimeMs amount, std::vector<Interval> excluded = {}) {
    auto r = c.AddWorkingTime(from, amount, excluded);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->value : TimeMs{-1};
  };
  EXPECT_EQ(add(Cst(2024, 9, 27, 12), kDayMs), Cst(2024, 9, 29, 12));  // 12 h Friday, 12 h make-up Sunday
  EXPECT_EQ(add(Cst(2024, 9, 30, 0), kDayMs), Cst(2024, 10, 1, 0));    // ends at 24:00, not 10-08 00:00
  EXPECT_EQ(add(Cst(2024, 10, 9, 0), -kDayMs), Cst(2024, 10, 8, 0));   // one working day before 10-08 24:00
  EXPECT_EQ(add(Cst(2024, 10, 9, 0), -2 * kDayMs), Cst(2024, 9, 30, 0));
  EXPECT_EQ(add(Cst(2024, 10, 8, 0), -kDayMs), Cst(2024, 9, 30, 0));   // latest: not 09-30 24:00 … it is 09-30 00:00
  EXPECT_EQ(add(Cst(2024, 10, 3, 0), 0), Cst(2024, 10, 3, 0));
  // Backward around an exclusion: 6 h (10-08 18:00–24:00), skip 06:00–18:00, 6 h, then 12 h of 09-30.
  EXPECT_EQ(add(Cst(2024, 10, 9, 0), -kDayMs, {{Cst(2024, 10, 8, 6), Cst(2024, 10, 8, 18)}}), Cst(2024, 9, 30, 12));
  EXPECT_EQ(c.WorkingTimeBetween(Cst(2024, 9, 30, 12), Cst(2024, 10, 9, 0), std::vector<Interval>{{Cst(2024, 10, 8, 6), Cst(2024, 10, 8, 18)}})->value,
            kDayMs);
}

// For random acceptances, limits and suspensions: the working time from the start of the clock
// to the due time, suspensions taken out, is exactly the limit, and a millisecond earlier it is not.
TEST(CalendarDueTime, DueTimeIsTheExactInverseOfWorkingTime) {
  const WorkCalendar& c = Default();
  std::mt19937_64 rng(12345);
  const TimeMs lo = Cst(2005, 1, 1);
  const TimeMs span = Cst(2025, 12, 1) - lo;
  for (int i = 0; i < 500; ++i) {
    const TimeMs accepted = lo + static_cast<TimeMs>(rng() % static_cast<uint64_t>(span));
    const int64_t n = static_cast<int64_t>(rng() % 31);
    std::vector<Interval> suspensions;
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) {
      TimeMs b = accepted + static_cast<TimeMs>(rng() % static_cast<uint64_t>(40 * kDayMs));
      suspensions.push_back({b, b + static_cast<TimeMs>(rng() % static_cast<uint64_t>(5 * kDayMs))});
    }
    auto due = c.DueTime(accepted, n, suspensions);
    ASSERT_TRUE(due.ok()) << due.status().ToString();
    // 00:00 China time of the day after acceptance, by plain arithmetic.
    const TimeMs start = ((accepted + 8 * kHourMs) / kDayMs + 1) * kDayMs - 8 * kHourMs;
    ASSERT_EQ(c.WorkingTimeBetween(start, due->value, suspensions)->value, n * kDayMs);
    if (n > 0) {
      ASSERT_LT(c.WorkingTimeBetween(start, due->value - 1, suspensions)->value, n * kDayMs);
      EXPECT_TRUE(c.IsWorkingDay(ChinaDate(due->value - 1))->value);  // it ends inside a working day
    }
  }
}

// ---- Out of range --------------------------------------------------------------------------------

TEST(CalendarRange, DaysOutsideTheLoadedYearsAreRefusedOrFlagged) {
  const WorkCalendar& c = Default();
  auto refused = c.IsWorkingDay(D("2027-01-04"));
  ASSERT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("2027-01-04"), std::string::npos);
  EXPECT_NE(refused.status().message().find("2004–2026"), std::string::npos);
  EXPECT_EQ(c.IsWorkingDay(D("2003-12-31")).status().code(), StatusCode::kFailedPrecondition);

  auto assumed = c.IsWorkingDay(D("2027-01-04"), OutOfRange::kAssumeWeekends);  // a Monday
  ASSERT_TRUE(assumed.ok());
  EXPECT_TRUE(assumed->value);
  EXPECT_EQ(assumed->basis, Basis::kAssumedWeekends);
  EXPECT_FALSE(c.IsWorkingDay(D("2027-01-02"), OutOfRange::kAssumeWeekends)->value);  // a Saturday
  EXPECT_EQ(c.IsWorkingDay(D("2026-10-01"), OutOfRange::kAssumeWeekends)->basis, Basis::kOfficial);

  // Arithmetic that crosses the end of the data: refused, or reckoned on weekends and flagged.
  EXPECT_EQ(c.AddWorkingDays(D("2026-12-30"), 3).status().code(), StatusCode::kFailedPrecondition);
  auto add = c.AddWorkingDays(D("2026-12-30"), 3, OutOfRange::kAssumeWeekends);
  ASSERT_TRUE(add.ok());
  EXPECT_EQ(add->value, D("2027-01-04"));  // 12-31, 01-01 (taken as a working Friday!), 01-04
  EXPECT_EQ(add->basis, Basis::kAssumedWeekends);
  EXPECT_EQ(c.AddWorkingDays(D("2026-12-30"), 1, OutOfRange::kAssumeWeekends)->basis, Basis::kOfficial);
  EXPECT_EQ(c.WorkingDaysBetween(D("2026-12-01"), D("2027-01-10")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(c.AddWorkingDays(D("2004-01-05"), -5).status().code(), StatusCode::kFailedPrecondition);

  EXPECT_EQ(c.DueTime(Cst(2026, 12, 30, 10), 5).status().code(), StatusCode::kFailedPrecondition);
  auto due = c.DueTime(Cst(2026, 12, 30, 10), 5, {}, OutOfRange::kAssumeWeekends);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->basis, Basis::kAssumedWeekends);
  EXPECT_EQ(FormatIsoTime(due->value), "2027-01-06T16:00:00.000Z");  // 12-31, 01-01, 01-04, 01-05, 01-06
  auto in_range = c.DueTime(Cst(2026, 12, 30, 10), 1);  // due 12-31 24:00: still inside the data
  ASSERT_TRUE(in_range.ok()) << in_range.status().ToString();
  EXPECT_EQ(FormatIsoTime(in_range->value), "2026-12-31T16:00:00.000Z");

  // A calendar that knows no year refuses everything unless told to assume.
  WorkCalendar empty;
  EXPECT_TRUE(empty.years().empty());
  EXPECT_EQ(empty.IsWorkingDay(D("2024-10-01")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(empty.IsWorkingDay(D("2024-10-01"), OutOfRange::kAssumeWeekends)->value);
  EXPECT_EQ(empty.AddWorkingDays(D("2024-09-27"), 1, OutOfRange::kAssumeWeekends)->value, D("2024-09-30"));
}

TEST(CalendarRange, BadArgumentsAreInvalid) {
  const WorkCalendar& c = Default();
  EXPECT_EQ(c.IsWorkingDay(year(2024) / month(2) / day(30)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.IsWorkingDay(year(1800) / month(1) / day(1), OutOfRange::kAssumeWeekends).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(c.AddWorkingDays(D("2024-01-01"), kMaxWorkingDays + 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.AddWorkingTime(Cst(2024, 1, 1), -kMaxWorkingDays * kDayMs - 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParseDate("2024-2-01").has_value());
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_TRUE(ParseDate("2024-02-29").has_value());
}

// ---- Validation ------------------------------------------------------------------------------------

TEST(CalendarValidation, ContradictingAndOverlappingRulesAreRefusedNamingBoth) {
  const YearRange y2024{2024, 2024};
  // 2024-10-05 is a Saturday: a holiday in one file, a make-up workday in the other.
  auto both = WorkCalendar::Build(y2024, {Rule("2024-10-05", DayKind::kHoliday, "国庆节", "a.ics line 4"),
                                          Rule("2024-10-05", DayKind::kWorkday, "国庆节", "b.ics line 9")});
  ASSERT_EQ(both.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(both.status().message().find("2024-10-05"), std::string::npos);
  EXPECT_NE(both.status().message().find("a.ics line 4"), std::string::npos);
  EXPECT_NE(both.status().message().find("b.ics line 9"), std::string::npos);
  EXPECT_NE(both.status().message().find("is both a holiday 国庆节(休) @ a.ics line 4 and a make-up workday 国庆节(班) @ b.ics line 9"),
            std::string::npos)
      << both.status().message();

  auto overlap = WorkCalendar::Build({2023, 2023}, {Rule("2023-09-29", DayKind::kHoliday, "中秋", "x line 1"),
                                                    Rule("2023-09-29", DayKind::kHoliday, "国庆节", "x line 2")});
  ASSERT_EQ(overlap.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(overlap.status().message().find("中秋"), std::string::npos);
  EXPECT_NE(overlap.status().message().find("国庆节"), std::string::npos);

  // The same rule twice counts once.
  auto twice = WorkCalendar::Build(y2024, {Rule("2024-10-01", DayKind::kHoliday, "国庆节", "a"),
                                           Rule("2024-10-01", DayKind::kHoliday, "国庆节", "b")});
  ASSERT_TRUE(twice.ok()) << twice.status().ToString();
  EXPECT_EQ(twice->rules().size(), 1u);
}

TEST(CalendarValidation, MalformedRulesAreRefusedNamingTheEvent) {
  const YearRange y2024{2024, 2024};
  const DayRule anchor = Rule("2024-10-01", DayKind::kHoliday, "国庆节", "anchor");
  auto bad_date = WorkCalendar::Build({2023, 2023}, {DayRule{year(2023) / month(2) / day(30), DayKind::kHoliday, "春节", "f.ics line 7"}});
  ASSERT_EQ(bad_date.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_date.status().message().find("2023-02-30"), std::string::npos);
  EXPECT_NE(bad_date.status().message().find("f.ics line 7"), std::string::npos);

  auto outside = WorkCalendar::Build(y2024, {anchor, Rule("2025-01-01", DayKind::kHoliday, "元旦", "g line 3")});
  ASSERT_EQ(outside.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(outside.status().message().find("g line 3"), std::string::npos);

  auto weekday = WorkCalendar::Build(y2024, {anchor, Rule("2024-10-08", DayKind::kWorkday, "国庆节", "h line 5")});
  ASSERT_EQ(weekday.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(weekday.status().message().find("not a Saturday or Sunday"), std::string::npos);

  auto unnamed = WorkCalendar::Build(y2024, {Rule("2024-10-01", DayKind::kHoliday, " ", "i line 2")});
  EXPECT_EQ(unnamed.status().code(), StatusCode::kInvalidArgument);

  auto missing_year = WorkCalendar::Build({2024, 2025}, {anchor});
  ASSERT_EQ(missing_year.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing_year.status().message().find("2025"), std::string::npos);

  EXPECT_EQ(WorkCalendar::Build({2025, 2024}, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(WorkCalendar::Build({1800, 1800}, {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(CalendarValidation, ScheduleMarkersAndNames) {
  auto event = [](std::string summary, std::string description = "", std::vector<std::string> categories = {},
                  std::string special = "") {
    return ScheduleEvent{"t line 1", D("2024-10-05"), D("2024-10-07"), std::move(summary), std::move(description),
                         std::move(categories), std::move(special)};
  };
  auto one = [](const ScheduleEvent& e) { return DayRulesFromSchedule(std::span<const ScheduleEvent>(&e, 1)); };
  auto r = one(event("国庆节(休)", "休", {"节假日"}, "WORK-HOLIDAY"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);  // 10-05 and 10-06
  EXPECT_EQ((*r)[0].date, D("2024-10-05"));
  EXPECT_EQ((*r)[1].date, D("2024-10-06"));
  EXPECT_EQ((*r)[0].name, "国庆节");
  EXPECT_EQ((*r)[0].kind, DayKind::kHoliday);
  EXPECT_EQ((*r)[0].source, "t line 1");
  EXPECT_EQ(one(event("国庆节（班）"))->front().kind, DayKind::kWorkday);  // full-width brackets
  EXPECT_EQ(one(event("国庆节（班）"))->front().name, "国庆节");
  EXPECT_EQ(one(event("National Day(Workday)"))->front().name, "National Day");
  EXPECT_EQ(one(event("春节", "休"))->front().kind, DayKind::kHoliday);
  EXPECT_EQ(one(event("春节", "", {"班"}))->front().kind, DayKind::kWorkday);
  EXPECT_EQ(one(event("春节", "", {}, "ALTERNATE-WORKDAY"))->front().kind, DayKind::kWorkday);

  auto none = one(event("国庆节", "放假"));
  ASSERT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(none.status().message().find("t line 1"), std::string::npos);
  auto contradiction = one(event("国庆节(休)", "班"));
  ASSERT_EQ(contradiction.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(contradiction.status().message().find("DESCRIPTION"), std::string::npos);
  EXPECT_EQ(one(event("国庆节(休)", "", {}, "ALTERNATE-WORKDAY")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(one(event("国庆节(休)", "", {}, "SOMETHING")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(one(event("(休)")).status().code(), StatusCode::kInvalidArgument);
  ScheduleEvent backwards = event("国庆节(休)");
  backwards.end = backwards.first;
  EXPECT_EQ(one(backwards).status().code(), StatusCode::kInvalidArgument);
  ScheduleEvent long_one = event("国庆节(休)");
  long_one.end = D("2024-11-20");
  EXPECT_EQ(one(long_one).status().code(), StatusCode::kInvalidArgument);
  ScheduleEvent bad_day = event("国庆节(休)");
  bad_day.first = year(2024) / month(9) / day(31);
  EXPECT_EQ(one(bad_day).status().code(), StatusCode::kInvalidArgument);
}

TEST(CalendarValidation, OverlappingEventsInAFileNameBothEvents) {
  const std::string file = Ics(IcsEvent("nd", "20241001", "20241008", "国庆节(休)") +
                               IcsEvent("ma", "20241006", "20241007", "中秋(休)"));
  auto rules = DayRulesFromIcs(file, "upload.ics");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  auto built = WorkCalendar::Build({2024, 2024}, std::move(rules).value());
  ASSERT_EQ(built.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(built.status().message().find("2024-10-06"), std::string::npos);
  EXPECT_NE(built.status().message().find("UID nd"), std::string::npos) << built.status().message();
  EXPECT_NE(built.status().message().find("UID ma"), std::string::npos);
  // A syntax error names the file and the line.
  auto broken = DayRulesFromIcs(Ics("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20241301\r\nEND:VEVENT\r\n"), "upload.ics");
  ASSERT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(broken.status().message().rfind("upload.ics: ", 0), 0u) << broken.status().message();
  EXPECT_NE(broken.status().message().find("line 5"), std::string::npos);
  // A date-time event that is not whole days is refused; one from midnight to midnight is read.
  const std::string timed = Ics("BEGIN:VEVENT\r\nDTSTART:20241001T090000\r\nDTEND:20241001T180000\r\nSUMMARY:国庆节(休)\r\nEND:VEVENT\r\n");
  EXPECT_EQ(DayRulesFromIcs(timed, "t.ics").status().code(), StatusCode::kInvalidArgument);
  const std::string midnight = Ics("BEGIN:VEVENT\r\nDTSTART;TZID=Asia/Shanghai:20241001T000000\r\nDTEND:20241002T160000Z\r\nSUMMARY:国庆节(休)\r\nEND:VEVENT\r\n");
  auto days = DayRulesFromIcs(midnight, "t.ics");
  ASSERT_TRUE(days.ok()) << days.status().ToString();
  ASSERT_EQ(days->size(), 2u);
  EXPECT_EQ(days->back().date, D("2024-10-02"));
  // Cancelled events are left out.
  const std::string cancelled = Ics("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20241001\r\nSUMMARY:国庆节(休)\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n");
  EXPECT_TRUE(DayRulesFromIcs(cancelled, "t.ics")->empty());
}

// ---- Loading and merging ---------------------------------------------------------------------------

TEST(CalendarMerge, NextYearsFileExtendsTheCalendar) {
  const WorkCalendar& base = Default();
  auto merged = MergeIcs(base, 2027, kFictional2027, "upload-2027.ics");
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->years().ToString(), "2004–2027");
  EXPECT_FALSE(merged->IsWorkingDay(D("2027-01-01"))->value);
  EXPECT_TRUE(merged->IsWorkingDay(D("2027-01-04"))->value);
  EXPECT_TRUE(merged->IsWorkingDay(D("2027-02-06"))->value);  // the (made-up) make-up Saturday
  EXPECT_EQ(merged->AddWorkingDays(D("2026-12-31"), 1)->value, D("2027-01-04"));
  EXPECT_EQ(FormatIsoTime(merged->DueTime(Cst(2026, 12, 31, 10), 1)->value), "2027-01-04T16:00:00.000Z");
  EXPECT_EQ(merged->rules().size(), base.rules().size() + 4);
  // The old calendar is untouched.
  EXPECT_EQ(base.years().ToString(), "2004–2026");
  EXPECT_EQ(base.IsWorkingDay(D("2027-01-04")).status().code(), StatusCode::kFailedPrecondition);
}

TEST(CalendarMerge, MayAddTheLastDayOfTheYearBeforeButNotContradictIt) {
  const WorkCalendar& base = Default();
  // A New Year's holiday that starts on 2026-12-31 (a Thursday) is added to 2026.
  auto spill = MergeIcs(base, 2027, Ics(IcsEvent("ny", "20261231", "20270103", "元旦(休)")), "upload-2027.ics");
  ASSERT_TRUE(spill.ok()) << spill.status().ToString();
  EXPECT_FALSE(spill->IsWorkingDay(D("2026-12-31"))->value);
  EXPECT_TRUE(base.IsWorkingDay(D("2026-12-31"))->value);

  // 2026-10-03 (a Saturday) is a holiday in cn-2026.ics; calling it a make-up workday is refused.
  auto conflict = MergeIcs(base, 2027,
                           Ics(IcsEvent("c1", "20270101", "20270102", "元旦(休)") + IcsEvent("c2", "20261003", "20261004", "国庆节(班)")),
                           "upload-2027.ics");
  ASSERT_EQ(conflict.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(conflict.status().message().find("2026-10-03"), std::string::npos);
  EXPECT_NE(conflict.status().message().find("data/calendar/cn-2026.ics"), std::string::npos) << conflict.status().message();
  EXPECT_NE(conflict.status().message().find("upload-2027.ics"), std::string::npos);
  // Another name for a loaded holiday is refused too.
  auto renamed = MergeIcs(base, 2027,
                          Ics(IcsEvent("c1", "20270101", "20270102", "元旦(休)") + IcsEvent("c3", "20261001", "20261002", "中秋(休)")),
                          "upload-2027.ics");
  EXPECT_EQ(renamed.status().code(), StatusCode::kInvalidArgument);
}

TEST(CalendarMerge, RefusesGapsEmptyYearsAndBrokenFiles) {
  const WorkCalendar& base = Default();
  auto gap = MergeIcs(base, 2029, Ics(IcsEvent("g", "20290101", "20290102", "元旦(休)")), "upload-2029.ics");
  EXPECT_EQ(gap.status().code(), StatusCode::kFailedPrecondition);
  auto empty = MergeIcs(base, 2027, Ics(""), "upload-2027.ics");
  ASSERT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(empty.status().message().find("2027"), std::string::npos);
  auto beyond = MergeIcs(base, 2027, Ics(IcsEvent("b", "20280101", "20280102", "元旦(休)")) , "upload-2027.ics");
  EXPECT_EQ(beyond.status().code(), StatusCode::kInvalidArgument);
  auto broken = MergeIcs(base, 2027, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "upload-2027.ics");
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
  // Loading a year again, identical, changes nothing.
  const EmbeddedFile* f2026 = storage::assets::Find("data/calendar/cn-2026.ics");
  ASSERT_NE(f2026, nullptr);
  auto again = MergeIcs(base, 2026, f2026->bytes, "cn-2026.ics again");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->rules().size(), base.rules().size());
  EXPECT_EQ(again->years().ToString(), "2004–2026");
}

TEST(CalendarMerge, DefaultLoaderRefusesStrayOrMissingFiles) {
  const EmbeddedFile* f2024 = storage::assets::Find("data/calendar/cn-2024.ics");
  const EmbeddedFile* f2026 = storage::assets::Find("data/calendar/cn-2026.ics");
  ASSERT_NE(f2024, nullptr);
  ASSERT_NE(f2026, nullptr);
  std::vector<EmbeddedFile> gap = {*f2024, *f2026};
  EXPECT_EQ(LoadDefaultCalendar(gap).status().code(), StatusCode::kInternal);
  std::vector<EmbeddedFile> stray = {*f2024, EmbeddedFile{"data/calendar/notes.ics", f2026->bytes}};
  EXPECT_EQ(LoadDefaultCalendar(stray).status().code(), StatusCode::kInternal);
  EXPECT_EQ(LoadDefaultCalendar({}).status().code(), StatusCode::kInternal);
  std::vector<EmbeddedFile> one = {*f2024};
  auto only = LoadDefaultCalendar(one);
  ASSERT_TRUE(only.ok()) << only.status().ToString();
  EXPECT_EQ(only->years().ToString(), "2024");
  EXPECT_EQ(DefaultCalendarYear("data/calendar/cn-2024.ics"), 2024);
  EXPECT_FALSE(DefaultCalendarYear("data/calendar/cn-24.ics").has_value());
}

}  // namespace
}  // namespace lz::calendar
