// Tests of the Open311 GeoReport v2 vocabulary: status words from states, the POST's field checks
// (each refusal names its field), the GET filters and their 90-day window, W3C date-times.
#include "domain/open311/georeport.h"

#include <gtest/gtest.h>

#include "common/china_time.h"

namespace lz::open311 {
namespace {

using casework::CaseState;
using Fields = std::multimap<std::string, std::string>;

Fields Valid() {
  return {{"api_key", "lz_0123456789abcdef0123456789abcdef01234567"},
          {"service_code", "0203"},
          {"lat", "27.1"},
          {"long", "114.9"}};
}

std::string FieldOf(const Fields& f) {
  auto r = ReadServiceRequest(f);
  return r.ok() ? "(ok)" : r.status().field();
}

TEST(Open311Status, EveryStateIsOpenOrClosedAndBackAgain) {
  for (CaseState s : {CaseState::kReceived, CaseState::kPendingDispatch, CaseState::kDispatched, CaseState::kHandling,
                      CaseState::kReturned, CaseState::kArbitration, CaseState::kReplied}) {
    EXPECT_EQ(StatusOf(s), "open") << casework::CaseStateName(s);
  }
  for (CaseState s : {CaseState::kClosed, CaseState::kArchived, CaseState::kRejected, CaseState::kMerged}) {
    EXPECT_EQ(StatusOf(s), "closed") << casework::CaseStateName(s);
  }
  EXPECT_EQ(StatesOf("open")->size() + StatesOf("closed")->size(), 11u);
  const auto closed = StatesOf("closed");
  for (CaseState s : *closed) EXPECT_EQ(StatusOf(s), "closed");
  EXPECT_FALSE(StatesOf("Open"));
  EXPECT_FALSE(StatesOf(""));
}

TEST(Open311Form, AValidRequestIsReadAndNormalised) {
  Fields f = Valid();
  f.emplace("phone", " +86 (139) 0796-1234 ");
  f.emplace("description", "  路灯不亮  ");
  f.emplace("service_code", "9999");  // a second value: the first counts
  auto r = ReadServiceRequest(f);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->service_code, "0203");
  EXPECT_DOUBLE_EQ(*r->lat, 27.1);
  EXPECT_DOUBLE_EQ(*r->lon, 114.9);
  EXPECT_EQ(r->phone, "8613907961234");
  EXPECT_EQ(r->description, "路灯不亮");
}

TEST(Open311Form, EachRefusalNamesItsField) {
  auto without = [](const std::string& name) {
    Fields f = Valid();
    f.erase(name);
    return f;
  };
  auto with = [&](const std::string& name, const std::string& value) {
    Fields f = without(name);
    f.emplace(name, value);
    return f;
  };
  EXPECT_EQ(FieldOf(without("api_key")), "api_key");
  EXPECT_EQ(FieldOf(without("service_code")), "service_code");
  EXPECT_EQ(FieldOf(without("long")), "long");
  EXPECT_EQ(FieldOf(without("lat")), "lat");
  Fields nowhere = without("lat");
  nowhere.erase("long");
  EXPECT_EQ(FieldOf(nowhere), "lat");
  nowhere.emplace("address_id", "A-17");
  EXPECT_EQ(FieldOf(nowhere), "(ok)") << "address_id is a location too";
  EXPECT_EQ(FieldOf(with("lat", "-90.5")), "lat");
  EXPECT_EQ(FieldOf(with("lat", "-90")), "(ok)");
  EXPECT_EQ(FieldOf(with("long", "180.0001")), "long");
  EXPECT_EQ(FieldOf(with("long", "nan")), "long");
  EXPECT_EQ(FieldOf(with("long", "1e400")), "long");
  EXPECT_EQ(FieldOf(with("lat", "27.1x")), "lat");
  EXPECT_EQ(FieldOf(with("description", std::string(kMaxDescription, 'a'))), "(ok)");
  EXPECT_EQ(FieldOf(with("description", std::string(kMaxDescription + 1, 'a'))), "description");
  EXPECT_EQ(FieldOf(with("description", "\xff\xfe")), "description");
  EXPECT_EQ(FieldOf(with("email", "a@b")), "(ok)");
  for (const char* bad : {"ab", "@b", "a@", "a@b@c", "a b@c"}) EXPECT_EQ(FieldOf(with("email", bad)), "email") << bad;
  EXPECT_EQ(FieldOf(with("phone", "1234")), "phone");
  EXPECT_EQ(FieldOf(with("phone", "139+0796")), "phone");
  EXPECT_EQ(FieldOf(with("media_url", "ftp://x/y.jpg")), "media_url");
  EXPECT_EQ(FieldOf(with("first_name", std::string(26, 'a'))), "first_name");
}

TEST(Open311Filter, TheWindowIsNinetyDaysWhereverItIsAnchored) {
  const TimeMs now = *ParseDateTime("2026-11-29T12:00:00+08:00");
  auto r = ReadRequestsFilter({}, now);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->to, now + 1);
  EXPECT_EQ(r->to - r->from, kMaxSpanMs);

  r = ReadRequestsFilter({{"start_date", "2026-01-01"}}, now);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->from, *ParseDateTime("2026-01-01T00:00:00+08:00"));
  EXPECT_EQ(r->to, r->from + kMaxSpanMs);

  r = ReadRequestsFilter({{"end_date", "2026-03-01T00:00:00Z"}}, now);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->to, *ParseDateTime("2026-03-01T00:00:00Z") + 1) << "end_date is included";
  EXPECT_EQ(r->to - r->from, kMaxSpanMs);

  r = ReadRequestsFilter({{"start_date", "2026-01-01T00:00:00Z"}, {"end_date", "2026-03-31T00:00:00Z"}}, now);
  ASSERT_TRUE(r.ok()) << "exactly 89 days";
  auto over = ReadRequestsFilter({{"start_date", "2026-01-01T00:00:00Z"}, {"end_date", "2026-04-01T00:00:01Z"}}, now);
  EXPECT_EQ(over.status().field(), "end_date");

  r = ReadRequestsFilter({{"status", "open, closed"}, {"service_request_id", "A,,B"}}, now);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->states.size(), 11u);
  EXPECT_EQ(r->numbers, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(ReadRequestsFilter({{"status", "pending"}}, now).status().field(), "status");
  EXPECT_EQ(ReadRequestsFilter({{"start_date", "2026-02-30"}}, now).status().field(), "start_date");
}

TEST(Open311DateTime, W3cFormsAreReadAndWrittenInChinaTime) {
  const TimeMs utc = *ParseDateTime("2026-11-29T04:05:06Z");
  EXPECT_EQ(*ParseDateTime("2026-11-29T12:05:06+08:00"), utc);
  EXPECT_EQ(*ParseDateTime("2026-11-28T23:05:06-05:00"), utc);
  EXPECT_EQ(*ParseDateTime("2026-11-29T12:05:06.789+0800"), utc);
  EXPECT_EQ(*ParseDateTime("2026-11-29T04:05Z"), utc - 6000);
  EXPECT_EQ(*ParseDateTime("2026-11-29"), ChinaMidnightOf(DayNumber(std::chrono::year_month_day{
                                              std::chrono::year(2026), std::chrono::November, std::chrono::day(29)})));
  for (const char* bad : {"", "2026-11-29T12:05:06", "2026-11-29T24:00:00Z", "2026-11-31", "2026/11/29",
                          "2026-11-29T12:05:06+8", "2026-11-29T12:05:06Zjunk", "2026-11-29T12:05:06."}) {
    EXPECT_FALSE(ParseDateTime(bad)) << bad;
  }
  EXPECT_EQ(FormatDateTime(utc), "2026-11-29T12:05:06+08:00");
  EXPECT_EQ(FormatDateTime(*ParseDateTime("1969-12-31T23:59:59Z")), "1970-01-01T07:59:59+08:00");
  EXPECT_EQ(*ParseDateTime(FormatDateTime(utc)), utc);
}

}  // namespace
}  // namespace lz::open311
