// Public case tracking through HTTP (issue 6, point 6), on SQLite and on PostgreSQL: with the case
// number and the last four digits of the reporter's phone, anyone sees the progress and the reply
// without personal data or internal notes; wrong digits get the very answer an unknown number
// gets; lookups are limited per address and failures per number (429 with Retry-After), known
// numbers and unknown ones alike, and the limits lift with time.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Tracking-Tester-Passw0rd";
constexpr const char* kLookup = "/api/public/case-lookups";

class PublicTrackingApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    const int64_t center = CreateUnit(admin_, "吉州区12345热线中心");
    roads_ = CreateUnit(admin_, "吉州区市政公用局");
    CreateUser(admin_, "dispatch1", center, roles["case_dispatcher"], "own_unit", kPassword);
    CreateUser(admin_, "roads1", roads_, roles["case_handler"], "own_unit", kPassword);
    ASSERT_EQ(dispatcher_.Login("dispatch1", kPassword).status, 200);
    ASSERT_EQ(roads_a_.Login("roads1", kPassword).status, 200);
  }

  json NewCase(const std::string& phone) {
    Reply r = dispatcher_.Post("/api/cases", {{"channel", "hotline"}, {"category_code", "0201"},
                                              {"text", "人民广场东侧人行道地砖破损，老人容易绊倒"},
                                              {"region_code", "360802"}, {"address", "人民广场东侧 12 号"},
                                              {"reporter_name", "刘晓明"}, {"reporter_phone", phone}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json;
  }
  void Act(Client& c, int64_t id, const json& action) {
    Reply r = c.Post("/api/cases/" + std::to_string(id) + "/actions", action);
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
  }
  Reply Lookup(const std::string& number, const std::string& digits) {
    return public_.Post(kLookup, {{"number", number}, {"phone_last4", digits}});
  }

  TestServer server_{[](services::PlatformOptions& o) {
    o.tracking.lookups_per_address = 12;
    o.tracking.address_interval_ms = 60'000;
    o.tracking.failures_per_number = 3;
    o.tracking.failure_interval_ms = 600'000;
  }};
  Client admin_{server_.port()};
  Client dispatcher_{server_.port()};
  Client roads_a_{server_.port()};
  Client public_{server_.port()};  // never signs in
  int64_t roads_ = 0;
};

TEST_F(PublicTrackingApi, TheReporterFollowsProgressAndReplyWithoutPersonalData) {
  json created = NewCase("13907961234");
  const int64_t id = created["id"];
  const std::string number = created["number"];
  Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", roads_}});
  Act(roads_a_, id, {{"type", "sign"}});
  Act(roads_a_, id, {{"type", "progress"}, {"note", "内部记录：已联系施工队"}});
  Act(roads_a_, id, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已更换破损地砖，感谢监督"}});

  Reply r = Lookup(" " + number + " ", "1234");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["number"], number);
  EXPECT_EQ(r.json["state"], "replied");
  EXPECT_EQ(r.json["unit_name"], "吉州区市政公用局");
  EXPECT_EQ(r.json["outcome"], "resolved");
  EXPECT_EQ(r.json["reply"], "已更换破损地砖，感谢监督");
  EXPECT_FALSE(r.json["category_name"].get<std::string>().empty());
  std::vector<std::string> steps;
  for (const auto& s : r.json["steps"]) steps.push_back(s["type"]);
  EXPECT_EQ(steps, (std::vector<std::string>{"create", "accept", "dispatch", "sign", "reply"}));
  EXPECT_EQ(r.json["steps"][2]["unit_name"], "吉州区市政公用局");
  EXPECT_EQ(r.json["steps"][0]["unit_name"], nullptr);
  // No personal data and no internal note anywhere in the answer.
  for (const char* secret : {"刘晓明", "1390796", "人民广场东侧 12 号", "内部记录", "roads1", "地砖破损，老人"}) {
    EXPECT_EQ(r.body.find(secret), std::string::npos) << secret << " in " << r.body;
  }

  // After the callback the rating shows.
  Act(dispatcher_, id, {{"type", "callback"}, {"rating", 5}});
  Reply rated = Lookup(number, "1234");
  ASSERT_EQ(rated.status, 200);
  EXPECT_EQ(rated.json["rating"], 5);
}

TEST_F(PublicTrackingApi, WrongDigitsAnswerAsAnUnknownNumberAndBadInputNamesTheField) {
  const std::string number = NewCase("13907961234")["number"];
  Reply wrong = Lookup(number, "4321");
  Reply unknown = Lookup("360802-20000101-9999", "1234");
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(wrong.body, unknown.body);

  EXPECT_EQ(Lookup(number, "12a4").ErrorField(), "phone_last4");
  EXPECT_EQ(Lookup(number, "123").status, 400);
  EXPECT_EQ(Lookup("", "1234").ErrorField(), "number");
  EXPECT_EQ(public_.Post(kLookup, {{"number", number}}).status, 400);

  // A case without a phone is never found, whatever the digits.
  Reply anonymous = dispatcher_.Post("/api/cases", {{"channel", "hotline"}, {"category_code", "0201"},
                                                    {"text", "路灯不亮"}, {"region_code", "360802"}});
  ASSERT_EQ(anonymous.status, 201) << anonymous.body;
  EXPECT_EQ(Lookup(anonymous.json["number"], "0000").status, 404);
}

TEST_F(PublicTrackingApi, FailuresLockANumberKnownOrNotAndAddressesAreLimited) {
  const std::string number = NewCase("13907961234")["number"];
  const std::string unknown = "360802-20000101-9999";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Lookup(number, "000" + std::to_string(i)).status, 404);
    EXPECT_EQ(Lookup(unknown, "000" + std::to_string(i)).status, 404);
  }
  // Three failures each: both numbers are locked, the right digits included, and say so alike.
  Reply locked = Lookup(number, "1234");
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.Header("retry-after"), "600");
  Reply locked_unknown = Lookup(unknown, "1234");
  EXPECT_EQ(locked_unknown.status, 429);
  EXPECT_EQ(locked_unknown.Header("retry-after"), "600");

  // One failure comes back per interval.
  server_.clock().Advance(10 * 60'000);
  EXPECT_EQ(Lookup(number, "1234").status, 200);

  // The address's 8 lookups so far (one a minute back) are refilled after 10 minutes: 12 at once,
  // then one a minute.
  for (int i = 0; i < 11; ++i) EXPECT_EQ(Lookup(number, "1234").status, 200) << i;
  Reply flooded = Lookup(number, "1234");
  EXPECT_EQ(flooded.status, 429);
  EXPECT_EQ(flooded.Header("retry-after"), "60");
  server_.clock().Advance(60'000);
  EXPECT_EQ(Lookup(number, "1234").status, 200);
}

}  // namespace
}  // namespace lz::testing
