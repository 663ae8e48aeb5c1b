// Tests of io/ics.h: content lines (folding, parameters with quotes, escaped text), DATE and
// DATE-TIME values (UTC, floating, TZID), DURATION, components and nesting, every kind of malformed
// input refused with its line, the limits, and every embedded schedule file parsed.
#include "io/ics.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "common/embedded.h"

namespace lz::io {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// The instant of a China-time wall clock reading, by std::chrono (independent of the parser).
TimeMs Cst(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  auto days = std::chrono::sys_days(year(y) / month(m) / day(d)).time_since_epoch().count();
  return days * kDayMs + hh * kHourMs + mm * kMinuteMs + ss * 1000 - 8 * kHourMs;
}

std::string Wrap(const std::string& events) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//ics//ZH\r\n" + events + "END:VCALENDAR\r\n";
}

std::string Event(const std::string& body) { return "BEGIN:VEVENT\r\n" + body + "END:VEVENT\r\n"; }

// Parses `text`, expects InvalidArgument whose message names `line`, and returns the message.
std::string ExpectInvalidAt(const std::string& text, int line) {
  auto r = ParseIcs(text);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return {};
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
  EXPECT_EQ(r.status().field(), "file");
  EXPECT_NE(r.status().message().find("line " + std::to_string(line) + ":"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("第 " + std::to_string(line) + " 行"), std::string::npos) << r.status().message();
  return r.status().message();
}

TEST(IcsParse, ReadsAnAllDayEventLikeTheShippedFiles) {
  const std::string text = Wrap(Event(
      "UID:cn-20241001-holiday@lianzhang\r\n"
      "DTSTAMP:20260305T110113\r\n"
      "DTSTART;VALUE=DATE:20241001\r\n"
      "DTEND;VALUE=DATE:20241008\r\n"
      "SUMMARY:国庆节(休)\r\n"
      "DESCRIPTION:休\r\n"
      "CATEGORIES:节假日\r\n"
      "X-APPLE-SPECIAL-DAY:WORK-HOLIDAY\r\n"));
  auto r = ParseIcs(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, "2.0");
  EXPECT_EQ(r->prodid, "-//test//ics//ZH");
  ASSERT_EQ(r->events.size(), 1u);
  const IcsEvent& e = r->events[0];
  EXPECT_EQ(e.line, 4u);
  EXPECT_EQ(e.uid, "cn-20241001-holiday@lianzhang");
  EXPECT_EQ(e.summary, "国庆节(休)");
  EXPECT_EQ(e.description, "休");
  EXPECT_EQ(e.categories, std::vector<std::string>{"节假日"});
  EXPECT_EQ(e.start.type, IcsValueType::kDate);
  EXPECT_EQ(e.start.local_date, year(2024) / month(10) / day(1));
  EXPECT_EQ(e.end.local_date, year(2024) / month(10) / day(8));  // exclusive: 10-01..10-07
  EXPECT_EQ(e.start.instant, Cst(2024, 10, 1));
  EXPECT_EQ(e.start.LocalTimeOfDay(), 0);
  ASSERT_NE(e.Property("X-APPLE-SPECIAL-DAY"), nullptr);
  EXPECT_EQ(e.Property("X-APPLE-SPECIAL-DAY")->value, "WORK-HOLIDAY");
  EXPECT_EQ(e.Property("X-APPLE-SPECIAL-DAY")->line, 12u);
  EXPECT_EQ(e.Property("NOPE"), nullptr);
  EXPECT_EQ(e.Where(), "line 4 (UID cn-20241001-holiday@lianzhang)");
}

TEST(IcsParse, UnfoldsLinesIncludingInsideAUtf8Character) {
  // "纪念日" is E7 BA AA E5 BF B5 E6 97 A5; the fold splits the second character after its first byte.
  const std::string text = Wrap(Event(
      "DTSTART;VALUE=DATE:20150903\r\n"
      "SUMMARY:中国人民抗日战争暨世界反法西斯战争胜利70周年\r\n"
      " \xE7\xBA\xAA\xE5\r\n"
      "\t\xBF\xB5\xE6\x97\xA5(休)\r\n"
      "DESCRIPTION:a\r\n"
      "  b\r\n"));
  auto r = ParseIcs(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->events[0].summary, "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日(休)");
  EXPECT_EQ(r->events[0].description, "a b");  // only the first space of "  b" is the fold
  // Line numbers stay physical: DESCRIPTION is on line 9 although SUMMARY took three.
  EXPECT_EQ(r->events[0].Property("DESCRIPTION")->line, 9u);
}

TEST(IcsParse, AcceptsLfLineEndsBomAndBlankLines) {
  std::string text = "\xEF\xBB\xBF" "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20240210\nDTEND;VALUE=DATE:20240218\nSUMMARY:春节(休)\nEND:VEVENT\nEND:VCALENDAR\n\n";
  auto r = ParseIcs(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events[0].line, 5u);
  EXPECT_EQ(r->events[0].end.local_date, year(2024) / month(2) / day(18));
}

TEST(IcsParse, UnescapesTextAndSplitsCategories) {
  const std::string text = Wrap(Event(
      "DTSTART;VALUE=DATE:20240101\r\n"
      "SUMMARY:a\\,b\\;c\\\\d\\ne\\Nf\r\n"
      "CATEGORIES:节假日,A\\,B\r\n"
      "CATEGORIES:休\r\n"));
  auto r = ParseIcs(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->events[0].summary, "a,b;c\\d\ne\nf");
  EXPECT_EQ(r->events[0].categories, (std::vector<std::string>{"节假日", "A,B", "休"}));
  EXPECT_EQ(UnescapeIcsText("x\\,y").value(), "x,y");
  EXPECT_EQ(UnescapeIcsText("x\\y").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(UnescapeIcsText("x\\").status().code(), StatusCode::kInvalidArgument);
}

TEST(IcsParse, ParametersMayBeQuotedListsAndNamesAreCaseInsensitive) {
  const std::string text = Wrap(Event(
      "dtstart;tzid=\"Asia/Shanghai\":20240101T080000\r\n"
      "X-NOTE;X-A=\"p;q:r\",s;X-B=t:v:w\r\n"));
  auto r = ParseIcs(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const IcsProperty* note = r->events[0].Property("X-NOTE");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->value, "v:w");
  ASSERT_NE(note->Parameter("X-A"), nullptr);
  EXPECT_EQ(note->Parameter("X-A")->values, (std::vector<std::string>{"p;q:r", "s"}));
  EXPECT_EQ(note->Parameter("X-B")->values, std::vector<std::string>{"t"});
  EXPECT_EQ(r->events[0].start.instant, Cst(2024, 1, 1, 8));
}

TEST(IcsParse, DateTimesInUtcChinaTimeAndFloating) {
  const std::string text = Wrap(
      Event("DTSTART:20231231T170000Z\r\nDTEND:20240101T163000Z\r\n") +
      Event("DTSTART;TZID=Asia/Shanghai:20240101T010000\r\n") +
      Event("DTSTART:20240101T010000\r\nDURATION:PT1H30M\r\n") +
      Event("DTSTART;VALUE=DATE-TIME;TZID=UTC:20240101T000000\r\n"));
  auto r = ParseIcs(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& e = r->events;
  EXPECT_EQ(e[0].start.type, IcsValueType::kDateTime);
  EXPECT_EQ(e[0].start.instant, Cst(2024, 1, 1, 1));  // 17:00 UTC is 01:00 the next day in China
  EXPECT_EQ(e[0].start.local_date, year(2024) / month(1) / day(1));
  EXPECT_EQ(e[0].start.LocalTimeOfDay(), kHourMs);
  EXPECT_EQ(e[0].end.instant, Cst(2024, 1, 2, 0, 30));
  EXPECT_EQ(e[1].start.instant, Cst(2024, 1, 1, 1));
  EXPECT_EQ(e[1].end.instant, e[1].start.instant);  // no DTEND, no DURATION: an instant
  EXPECT_EQ(e[2].start.instant, Cst(2024, 1, 1, 1));  // floating = China time
  EXPECT_EQ(e[2].end.instant, Cst(2024, 1, 1, 2, 30));
  EXPECT_EQ(e[3].start.instant, Cst(2024, 1, 1, 8));
}

TEST(IcsParse, DurationsOfDatesAndWeeks) {
  const std::string text = Wrap(Event("DTSTART;VALUE=DATE:20240501\r\nDURATION:P5D\r\n") +
                                Event("DTSTART;VALUE=DATE:20240501\r\nDURATION:+P1W\r\n") +
                                Event("DTSTART;VALUE=DATE:20240501\r\n"));
  auto r = ParseIcs(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->events[0].end.local_date, year(2024) / month(5) / day(6));
  EXPECT_EQ(r->events[1].end.local_date, year(2024) / month(5) / day(8));
  EXPECT_EQ(r->events[2].end.local_date, year(2024) / month(5) / day(2));  // a DATE event lasts one day
}

TEST(IcsParse, SkipsOtherComponentsButChecksTheirNesting) {
  const std::string text = Wrap(
      "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n"
      "DTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" +
      Event("DTSTART;VALUE=DATE:20240101\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"));
  auto r = ParseIcs(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events[0].Property("ACTION"), nullptr);  // the alarm's, not the event's
  // A VEVENT inside the time zone is refused.
  ExpectInvalidAt(Wrap("BEGIN:VTIMEZONE\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VTIMEZONE\r\n"), 5);
}

TEST(IcsParse, CalendarNameFromNameOrXWrCalname) {
  auto r = ParseIcs("BEGIN:VCALENDAR\r\nPRODID:x\r\nX-WR-CALNAME:中国节假日\\, 2024\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->name, "中国节假日, 2024");
  EXPECT_TRUE(r->events.empty());
  ASSERT_EQ(r->properties.size(), 3u);
}

TEST(IcsErrors, MalformedContentLinesNameTheirLine) {
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nSUMMARY春节\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\n:value\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nX-A;=1:v\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nX-A;B:v\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nX-A;B=\"open:v\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nX-A;B=x\"y\":v\r\n")), 6);
  ExpectInvalidAt(" BEGIN:VCALENDAR\r\n", 1);  // a continuation line first
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nSUMMARY:a\x01" "b\r\n")), 6);
  std::string msg = ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nSUMMARY:\xFF\xFE\r\n")), 6);
  EXPECT_NE(msg.find("UTF-8"), std::string::npos);
}

TEST(IcsErrors, ComponentStructure) {
  // END that closes the wrong component names both lines.
  std::string msg = ExpectInvalidAt(Wrap("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240101\r\nEND:VTODO\r\n"), 6);
  EXPECT_NE(msg.find("line 4"), std::string::npos);
  // A component never closed names its BEGIN.
  ExpectInvalidAt("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240101\r\n", 4);
  ExpectInvalidAt("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n", 1);
  ExpectInvalidAt("VERSION:2.0\r\n", 1);
  ExpectInvalidAt("BEGIN:VEVENT\r\nEND:VEVENT\r\n", 1);
  ExpectInvalidAt(Wrap("") + "BEGIN:VCALENDAR\r\n", 5);  // a second calendar
  ExpectInvalidAt(Wrap("BEGIN:VCALENDAR\r\n"), 4);
  ExpectInvalidAt(Wrap("END:VEVENT\r\n"), 4);
  ExpectInvalidAt(Wrap("BEGIN;X=1:VEVENT\r\n"), 4);
  auto empty = ParseIcs("\r\n \r\n");
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  auto none = ParseIcs("");
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
}

TEST(IcsErrors, CalendarProperties) {
  ExpectInvalidAt("BEGIN:VCALENDAR\r\nVERSION:1.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n", 2);
  ExpectInvalidAt("BEGIN:VCALENDAR\r\nPRODID:x\r\nEND:VCALENDAR\r\n", 1);
  ExpectInvalidAt("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", 1);
  ExpectInvalidAt("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n", 3);
}

TEST(IcsErrors, DatesTimesAndDurations) {
  // Wrap puts BEGIN:VEVENT on line 4, so the event's first property is line 5.
  std::string msg = ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240230\r\n")), 5);
  EXPECT_NE(msg.find("20240230"), std::string::npos);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:2024-01-01\r\n")), 5);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:2024010A\r\n")), 5);
  ExpectInvalidAt(Wrap(Event("DTSTART:20240101T250000\r\n")), 5);
  ExpectInvalidAt(Wrap(Event("DTSTART:20240101T126000\r\n")), 5);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101T000000\r\n")), 5);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE-TIME:20240101\r\n")), 5);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=PERIOD:20240101T000000Z/PT1H\r\n")), 5);
  ExpectInvalidAt(Wrap(Event("DTSTART;TZID=Asia/Shanghai;VALUE=DATE:20240101\r\n")), 5);
  ExpectInvalidAt(Wrap(Event("DTSTART;TZID=Asia/Shanghai:20240101T000000Z\r\n")), 5);
  msg = ExpectInvalidAt(Wrap(Event("DTSTART;TZID=America/New_York:20240101T000000\r\n")), 5);
  EXPECT_NE(msg.find("America/New_York"), std::string::npos);
  // DTEND: before DTSTART, equal for a DATE, of the other type, together with DURATION.
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240105\r\nDTEND;VALUE=DATE:20240101\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240105\r\nDTEND;VALUE=DATE:20240105\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240105\r\nDTEND:20240106T000000\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240105\r\nDTEND;VALUE=DATE:20240106\r\nDURATION:P1D\r\n")), 7);
  // DURATION: malformed, negative, hours for a DATE.
  for (const char* bad : {"P", "PT", "1D", "P1", "PD", "P1DT", "P1W2D", "P1H", "PT1D", "P1D1H", "P9999999999D"}) {
    ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240105\r\nDURATION:" + std::string(bad) + "\r\n")), 6);
  }
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240105\r\nDURATION:-P1D\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240105\r\nDURATION:PT12H\r\n")), 6);
  // DTSTART missing names the event's BEGIN line.
  ExpectInvalidAt(Wrap(Event("SUMMARY:春节(休)\r\n")), 4);
}

TEST(IcsErrors, EventProperties) {
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nSUMMARY:a\r\nSUMMARY:b\r\n")), 7);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nDTSTART;VALUE=DATE:20240102\r\n")), 6);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nUID:a\r\nUID:b\r\n")), 7);
  std::string msg = ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nRRULE:FREQ=YEARLY\r\n")), 6);
  EXPECT_NE(msg.find("RRULE"), std::string::npos);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nEXDATE;VALUE=DATE:20240101\r\n")), 6);
  msg = ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nSUMMARY:春节\\x(休)\r\n")), 6);
  EXPECT_NE(msg.find("SUMMARY"), std::string::npos);
  ExpectInvalidAt(Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nCATEGORIES:a,b\\\r\n")), 6);
}

TEST(IcsLimits, SizeEventsLinesAndDepth) {
  IcsLimits small;
  small.max_input_bytes = 100;
  const std::string big = Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nSUMMARY:" + std::string(200, 'x') + "\r\n"));
  EXPECT_EQ(ParseIcs(big, small).status().code(), StatusCode::kResourceExhausted);

  IcsLimits few;
  few.max_events = 2;
  std::string three;
  for (int i = 0; i < 3; ++i) three += Event("DTSTART;VALUE=DATE:2024010" + std::to_string(i + 1) + "\r\n");
  auto r = ParseIcs(Wrap(three), few);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("line 10"), std::string::npos) << r.status().message();
  EXPECT_TRUE(ParseIcs(Wrap(three), IcsLimits{}).ok());

  IcsLimits short_lines;
  short_lines.max_line_bytes = 40;
  // Folding does not get around the line limit: it counts the unfolded line.
  const std::string folded = Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nSUMMARY:0123456789\r\n 0123456789\r\n 0123456789\r\n 0123456789\r\n"));
  EXPECT_EQ(ParseIcs(folded, short_lines).status().code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(ParseIcs(folded).ok());

  IcsLimits shallow;
  shallow.max_depth = 2;
  const std::string deep = Wrap(Event("DTSTART;VALUE=DATE:20240101\r\nBEGIN:VALARM\r\nEND:VALARM\r\n"));
  EXPECT_EQ(ParseIcs(deep, shallow).status().code(), StatusCode::kResourceExhausted);

  IcsLimits terse;
  terse.max_content_lines = 5;
  EXPECT_EQ(ParseIcs(Wrap(three), terse).status().code(), StatusCode::kResourceExhausted);
}

// Every schedule embedded in the binary parses, one VCALENDAR per year 2004–2026, each event an
// all-day DATE span inside its year, folded lines and all.
TEST(IcsEmbedded, EveryShippedScheduleParses) {
  int files = 0;
  size_t events = 0;
  for (const EmbeddedFile& f : storage::assets::All()) {
    if (f.path.substr(0, 14) != "data/calendar/") continue;
    ++files;
    auto r = ParseIcs(f.bytes);
    ASSERT_TRUE(r.ok()) << f.path << ": " << r.status().ToString();
    const int y = std::stoi(std::string(f.path.substr(17, 4)));
    for (const IcsEvent& e : r->events) {
      EXPECT_EQ(e.start.type, IcsValueType::kDate) << f.path << " " << e.Where();
      EXPECT_EQ(static_cast<int>(e.start.local_date.year()), y) << f.path << " " << e.Where();
      EXPECT_FALSE(e.uid.empty());
      EXPECT_TRUE(e.description == "休" || e.description == "班") << e.description;
    }
    events += r->events.size();
  }
  EXPECT_EQ(files, 23);  // 2004–2026
  EXPECT_EQ(events, 282u);
}

}  // namespace
}  // namespace lz::io
