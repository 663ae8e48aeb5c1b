// Joins io/ics.h to the calendar: iCalendar bytes → ScheduleEvent → DayRule → WorkCalendar, for
// the default schedules embedded in the binary (data/calendar/cn-YYYY.ics, generated from the npm
// package chinese-days by scripts/data/gen-calendar.mjs) and for an administrator's file for the
// next year.
//
// Header-only on purpose: lz_domain links only lz_common (src/README.md), so nothing compiled into
// it may call lz_io. This header is included by the layers that link both io and domain — services
// at start-up and for the upload, and the tests. Typical use:
//   ASSIGN_OR_RETURN(calendar::WorkCalendar cal, calendar::LoadDefaultCalendar(storage::assets::All()));
//   ASSIGN_OR_RETURN(cal, calendar::MergeIcs(cal, 2027, uploaded_bytes, "2027.ics"));
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/embedded.h"
#include "common/status.h"
#include "domain/calendar/schedule.h"
#include "domain/calendar/work_calendar.h"
#include "io/ics.h"

namespace lz::calendar {

// Where the default schedules are embedded: kDefaultCalendarDir + "cn-YYYY.ics", one per year.
inline constexpr std::string_view kDefaultCalendarDir = "data/calendar/";

// The schedule events of a parsed file. Events with STATUS:CANCELLED are left out. A DATE-TIME
// event counts only when it starts and ends at 00:00 China time (whole days), else InvalidArgument
// naming it. `source` names the file in every event's `where`.
inline Result<std::vector<ScheduleEvent>> ScheduleEventsFromIcs(const io::IcsCalendar& ics, std::string_view source) {
  std::vector<ScheduleEvent> out;
  out.reserve(ics.events.size());
  for (const io::IcsEvent& e : ics.events) {
    std::string status = e.status;
    std::transform(status.begin(), status.end(), status.begin(), [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    if (status == "CANCELLED") continue;
    ScheduleEvent s;
    s.where = std::string(source) + " " + e.Where();
    if (e.start.LocalTimeOfDay() != 0 || e.end.LocalTimeOfDay() != 0) {
      return InvalidArgument(s.where + ": 节假日事件须为整天（VALUE=DATE，或北京时间 00:00 起止） / a holiday event must cover whole days (VALUE=DATE, or from 00:00 to 00:00 China time)",
                             "file");
    }
    s.first = e.start.local_date;
    s.end = e.end.local_date;
    s.summary = e.summary;
    s.description = e.description;
    s.categories = e.categories;
    if (const io::IcsProperty* special = e.Property("X-APPLE-SPECIAL-DAY")) s.special_day = special->value;
    out.push_back(std::move(s));
  }
  return out;
}

// Parses `bytes` as iCalendar and reads its schedule. Errors: ParseIcs's, ScheduleEventsFromIcs's
// and DayRulesFromSchedule's, their messages prefixed with `source`.
inline Result<std::vector<DayRule>> DayRulesFromIcs(std::string_view bytes, std::string_view source,
                                                    const io::IcsLimits& limits = {}) {
  auto ics = io::ParseIcs(bytes, limits);
  if (!ics.ok()) return Status(ics.status().code(), std::string(source) + ": " + ics.status().message(), ics.status().field());
  ASSIGN_OR_RETURN(std::vector<ScheduleEvent> events, ScheduleEventsFromIcs(*ics, source));
  return DayRulesFromSchedule(events);
}

// "data/calendar/cn-2024.ics" → 2024; nullopt for any other name.
inline std::optional<int> DefaultCalendarYear(std::string_view path) {
  constexpr std::string_view kPrefix = "cn-";
  constexpr std::string_view kSuffix = ".ics";
  if (path.substr(0, kDefaultCalendarDir.size()) != kDefaultCalendarDir) return std::nullopt;
  std::string_view name = path.substr(kDefaultCalendarDir.size());
  if (name.size() != kPrefix.size() + 4 + kSuffix.size() || name.substr(0, kPrefix.size()) != kPrefix ||
      name.substr(name.size() - kSuffix.size()) != kSuffix) {
    return std::nullopt;
  }
  int year = 0;
  for (char c : name.substr(kPrefix.size(), 4)) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  return year;
}

// The calendar of the default schedules among `files` (pass lz::storage::assets::All()): every
// file under kDefaultCalendarDir, each named cn-YYYY.ics and holding only that year's days, the
// years contiguous. Validated like any upload; since the files are built in, any failure is
// Internal (a defect of the build, never of the user), naming the file.
inline Result<WorkCalendar> LoadDefaultCalendar(std::span<const EmbeddedFile> files) {
  auto internal = [](const Status& s) { return Internal("embedded holiday calendar: " + s.message()); };
  std::vector<std::pair<int, const EmbeddedFile*>> years;
  for (const EmbeddedFile& f : files) {
    if (f.path.substr(0, kDefaultCalendarDir.size()) != kDefaultCalendarDir) continue;
    std::optional<int> year = DefaultCalendarYear(f.path);
    if (!year) return Internal("embedded holiday calendar: unexpected file " + std::string(f.path) + " (want cn-YYYY.ics)");
    years.emplace_back(*year, &f);
  }
  if (years.empty()) return Internal("embedded holiday calendar: no " + std::string(kDefaultCalendarDir) + "cn-YYYY.ics file");
  std::sort(years.begin(), years.end());
  std::vector<DayRule> rules;
  for (size_t i = 0; i < years.size(); ++i) {
    const auto [year, file] = years[i];
    if (i > 0 && year != years[i - 1].first + 1) {
      return Internal("embedded holiday calendar: the years are not contiguous at " + std::to_string(year));
    }
    auto read = DayRulesFromIcs(file->bytes, file->path);
    if (!read.ok()) return internal(read.status());
    for (DayRule& r : *read) {
      if (static_cast<int>(r.date.year()) != year) {
        return Internal("embedded holiday calendar: " + r.source + " is dated " + FormatDate(r.date) + ", outside " +
                        std::to_string(year));
      }
      rules.push_back(std::move(r));
    }
  }
  auto calendar = WorkCalendar::Build(YearRange{years.front().first, years.back().first}, std::move(rules));
  if (!calendar.ok()) return internal(calendar.status());
  return calendar;
}

// `base` plus an administrator's schedule for `year` (normally the year after base.years().last,
// published by the State Council each autumn): parsed and validated like the defaults, then
// WorkCalendar::Merge — the year must touch the loaded ones, every day must lie within them or
// `year`, `year` must hold at least one holiday, and a day contradicting a loaded rule is refused,
// naming both files. Errors are InvalidArgument / ResourceExhausted (from the file) or
// FailedPrecondition (a gap), all naming `source`; `base` is unchanged.
inline Result<WorkCalendar> MergeIcs(const WorkCalendar& base, int year, std::string_view bytes, std::string_view source,
                                     const io::IcsLimits& limits = {}) {
  ASSIGN_OR_RETURN(std::vector<DayRule> rules, DayRulesFromIcs(bytes, source, limits));
  return base.Merge(YearRange{year, year}, std::move(rules));
}

}  // namespace lz::calendar
