// iCalendar (RFC 5545) reading, for holiday schedules: the files the npm package chinese-days
// ships (data/calendar/cn-YYYY.ics, generated from it) and the ones an administrator uploads for
// the next year. A real line-oriented parser: content lines are unfolded (CRLF or LF followed by
// a space or tab), split into name, parameters (quoted values allowed) and value, and nested
// BEGIN/END components are checked. One VCALENDAR with VEVENTs is read; other components
// (VTIMEZONE, VALARM, VTODO, ...) are checked for syntax and nesting, then skipped.
//
// What an event yields: UID, SUMMARY, DESCRIPTION, LOCATION, STATUS (TEXT unescaped: \\ \; \, \n),
// CATEGORIES (every occurrence, split on unescaped commas), DTSTART and DTEND or DURATION as DATE
// (VALUE=DATE) or DATE-TIME values, and every property as read (for x-names such as
// X-APPLE-SPECIAL-DAY). Times: "…Z" is UTC; a floating time or TZID=Asia/Shanghai (and its
// aliases Asia/Chongqing, Asia/Harbin, PRC, "China Standard Time") is China time, UTC+8;
// TZID=UTC/Etc/UTC/GMT is UTC; any other TZID is refused, since its rules are not read.
// Recurrence (RRULE, RDATE, EXDATE, EXRULE) is refused: a schedule must list its days.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::io {

// Limits on one file; exceeding one gives ResourceExhausted naming it. A year's schedule is
// about 4 KiB and 15 events; the package's 23-year file 24 KiB and 320 events.
struct IcsLimits {
  size_t max_input_bytes = 1u << 20;  // the file
  size_t max_line_bytes = 8192;       // one content line after unfolding
  size_t max_events = 2000;           // VEVENTs
  size_t max_content_lines = 50'000;  // all content lines, in every component
  size_t max_depth = 8;               // nested components (VCALENDAR > VEVENT > VALARM is 3)
};

enum class IcsValueType { kDate, kDateTime };

// A DATE or DATE-TIME value, resolved to China time (UTC+8).
struct IcsTime {
  IcsValueType type = IcsValueType::kDate;
  std::chrono::year_month_day local_date{};  // the local (UTC+8) date of `instant`
  TimeMs instant = 0;                        // kDate: local midnight starting the date
  TimeMs LocalTimeOfDay() const;             // ms since local midnight; 0 for kDate
};

struct IcsParameter {
  std::string name;                 // upper-case
  std::vector<std::string> values;  // quotes removed; a list splits on commas outside quotes
};

struct IcsProperty {
  uint32_t line = 0;                    // physical line the content line starts on (1-based)
  std::string name;                     // upper-case ("SUMMARY", "X-APPLE-SPECIAL-DAY")
  std::vector<IcsParameter> parameters;
  std::string value;                    // as written (TEXT escapes not yet removed)

  const IcsParameter* Parameter(std::string_view name) const;  // nullptr when absent
};

struct IcsEvent {
  uint32_t line = 0;  // line of BEGIN:VEVENT
  std::string uid, summary, description, location, status;  // unescaped; "" when absent
  std::vector<std::string> categories;
  IcsTime start;
  // Exclusive end: DTEND, else DTSTART + DURATION, else RFC 5545 §3.6.1's default (a DATE event
  // lasts one day, a DATE-TIME event no time). Always of the same type as `start` and after it
  // (DATE), or not before it (DATE-TIME).
  IcsTime end;
  std::vector<IcsProperty> properties;  // every property of the event, in file order

  const IcsProperty* Property(std::string_view name) const;  // the first by that name, or nullptr
  // "line 41 (UID cn-20240210-holiday@lianzhang)", or "line 41" without a UID: for messages.
  std::string Where() const;
};

struct IcsCalendar {
  std::string version;  // "2.0"
  std::string prodid;
  std::string name;     // NAME (RFC 7986), else X-WR-CALNAME; "" when neither
  std::vector<IcsProperty> properties;  // the VCALENDAR's own properties
  std::vector<IcsEvent> events;         // in file order
};

// Parses one iCalendar object. Accepted: UTF-8 with or without a byte-order mark; CRLF or bare
// LF line ends; blank lines (skipped). Errors carry zh-CN then English and name the line:
//   InvalidArgument, field "file": empty input; invalid UTF-8 or a control character; a line
//     without ':' or with a malformed name or parameter; a continuation line first; BEGIN/END
//     that do not match, a component left open, anything outside the one VCALENDAR or a second
//     one; VERSION other than 2.0, VERSION or PRODID missing or repeated; in a VEVENT: DTSTART
//     missing, a property that may occur once repeated, DTEND together with DURATION, a date or
//     time that does not exist (20240230, 25:00), VALUE not matching the value, TZID with a DATE
//     or a UTC time, an unsupported TZID, DTEND of another type than DTSTART or not after it, a
//     malformed or negative DURATION (or one with hours for a DATE start), a bad TEXT escape,
//     recurrence;
//   ResourceExhausted: any IcsLimits limit.
// Thread-safe; `bytes` is only read during the call.
Result<IcsCalendar> ParseIcs(std::string_view bytes, const IcsLimits& limits = {});

// RFC 5545 §3.3.11 TEXT: "\\" "\;" "\," "\n" "\N" unescaped; any other backslash sequence is an
// error (InvalidArgument, message without a line: callers add theirs).
Result<std::string> UnescapeIcsText(std::string_view value);

}  // namespace lz::io
