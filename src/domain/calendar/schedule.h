// Reading an official holiday schedule: events as a calendar file states them — all-day spans
// such as "春节(休)" from 2024-02-10 to 2024-02-17 — become one DayRule per day. This is where the
// schedule conventions live: the shipped files (chinese-days, see data/calendar/) mark every event
// 休 (holiday) or 班 (make-up workday) in the SUMMARY suffix, DESCRIPTION and
// X-APPLE-SPECIAL-DAY at once; an administrator's file may use any of these, in Chinese or English.
// Pure; the iCalendar syntax itself is io/ics.h's business (ics_schedule.h joins the two).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/calendar/work_calendar.h"

namespace lz::calendar {

// One event of a schedule, as read from a file.
struct ScheduleEvent {
  std::string where;       // for messages: "data/calendar/cn-2024.ics line 41 (UID …)"
  Date first{};            // its first day
  Date end{};              // the day after its last (DTEND of an all-day event)
  std::string summary;     // "春节(休)", "国庆节（班）", "National Day(Workday)", or just "春节"
  std::string description; // "休", "班", "Holiday", "Workday" or anything else (then not a marker)
  std::vector<std::string> categories;  // a category exactly "休"/"班"/"Holiday"/"Workday" is a marker
  std::string special_day; // X-APPLE-SPECIAL-DAY: "WORK-HOLIDAY", "ALTERNATE-WORKDAY" or ""
};

// No holiday period is longer than this (the longest so far: 2020's Spring Festival, 10 days).
inline constexpr int kMaxEventDays = 31;

// The rules the events state, one per day, each with the event's name and `where` as its source.
// The kind comes from the markers: a SUMMARY suffix "(休)"/"(班)" (ASCII or full-width brackets,
// or "(Holiday)"/"(Workday)"), DESCRIPTION, CATEGORIES and X-APPLE-SPECIAL-DAY; every marker given
// must agree and at least one must be given. The name is SUMMARY without its suffix.
// Errors (InvalidArgument, field "file", naming the event): no marker or markers that disagree;
// an unknown X-APPLE-SPECIAL-DAY; no name; a first or end day that is not a real date; end not
// after first; a span longer than kMaxEventDays. Overlaps between events are WorkCalendar::Build's
// to find (it names both events).
Result<std::vector<DayRule>> DayRulesFromSchedule(std::span<const ScheduleEvent> events);

}  // namespace lz::calendar
