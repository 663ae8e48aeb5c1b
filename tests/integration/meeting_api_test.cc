// Building meetings through HTTP (issue 6, point 5), on SQLite and on PostgreSQL: a community's
// schedule, a meeting held with its attendees, agenda items raised as building_meeting cases,
// dispatched and replied by a unit, closed only by the residents' representatives' sign-off (a
// dissatisfied one reopens), open items carried over to the next meeting (scheduled when one is
// held) and each settled item reported once in the minutes; bad input named and nothing written;
// data scope and permissions.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Meeting-Tester-Passw0rd";

class MeetingApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    street_ = NewUnit("新建区欣悦湖街道办事处", "street_office", "360112005", 0);
    community_ = NewUnit("城开苑社区居委会", "community_committee", "360112005002", street_);
    other_community_ = NewUnit("另一社区居委会", "community_committee", "360112005001", street_);
    property_ = NewUnit("城开苑物业服务中心", "other", "360112005002", 0);
    CreateUser(admin_, "cky.staff", community_, roles["case_dispatcher"], "own_unit", kPassword);
    CreateUser(admin_, "other.staff", other_community_, roles["case_dispatcher"], "own_unit", kPassword);
    CreateUser(admin_, "wuye.handler", property_, roles["case_handler"], "own_unit", kPassword);
    ASSERT_EQ(staff_.Login("cky.staff", kPassword).status, 200);
    ASSERT_EQ(other_staff_.Login("other.staff", kPassword).status, 200);
    ASSERT_EQ(property_handler_.Login("wuye.handler", kPassword).status, 200);
  }

  int64_t NewUnit(const std::string& name, const std::string& kind, const std::string& region, int64_t parent) {
    json body = {{"name", name}, {"kind", kind}, {"region_code", region}};
    if (parent) body["parent_id"] = parent;
    Reply r = admin_.Post("/api/units", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }

  static json Attendees() {
    return json::array({{{"role", "community"}, {"name", "王丽"}, {"affiliation", "城开苑社区居委会"}},
                        {{"role", "property_company"}, {"name", "赵强"}, {"affiliation", "城开苑物业"}},
                        {{"role", "resident_representative"}, {"name", "李秀英"}, {"affiliation", "3栋"}},
                        {{"role", "resident_representative"}, {"name", "张建国"}, {"affiliation", "12栋"}},
                        {{"role", "street_office"}, {"name", "陈明"}, {"affiliation", "欣悦湖街道"}}});
  }

  // A meeting of the community held now with Attendees(); its JSON.
  json HeldMeeting(const std::string& date) {
    Reply created = staff_.Post("/api/meetings", {{"community_unit_id", community_}, {"scheduled_on", date},
                                                  {"attendees", Attendees()}});
    EXPECT_EQ(created.status, 201) << created.body;
    Reply held = staff_.Post("/api/meetings/" + std::to_string(created.json.value("id", 0)) + "/hold", json::object());
    EXPECT_EQ(held.status, 200) << held.body;
    return held.json;
  }

  int64_t RaiseItem(int64_t meeting, const std::string& title) {
    Reply r = staff_.Post("/api/meetings/" + std::to_string(meeting) + "/items",
                          {{"title", title}, {"text", title + "，居民代表在楼栋会上提出"}, {"address", "3栋北侧"},
                           {"category_code", "0206"}, {"raised_by", "李秀英"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("case_id", int64_t{0});
  }

  // The property company handles the item and replies.
  void HandleAndReply(int64_t case_id, const std::string& reply, bool dispatch = true) {
    const std::string path = "/api/cases/" + std::to_string(case_id) + "/actions";
    if (dispatch) {
      Reply d = staff_.Post(path, {{"type", "dispatch"}, {"unit_id", property_}});
      ASSERT_EQ(d.status, 200) << d.body;
      Reply s = property_handler_.Post(path, {{"type", "sign"}});
      ASSERT_EQ(s.status, 200) << s.body;
    }
    Reply r = property_handler_.Post(path, {{"type", "reply"}, {"outcome", "resolved"}, {"note", reply}});
    ASSERT_EQ(r.status, 200) << r.body;
  }

  static int64_t AttendeeId(const json& meeting, const std::string& name) {
    for (const auto& a : meeting["attendees"]) {
      if (a["name"] == name) return a["id"];
    }
    ADD_FAILURE() << "no attendee " << name;
    return 0;
  }

  json Detail(int64_t meeting) {
    Reply r = staff_.Get("/api/meetings/" + std::to_string(meeting));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }

  static json AgendaItem(const json& detail, int64_t case_id) {
    for (const auto& item : detail["agenda"]) {
      if (item["case_id"] == case_id) return item;
    }
    return nullptr;
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client staff_{server_.port()};
  Client other_staff_{server_.port()};
  Client property_handler_{server_.port()};
  int64_t street_ = 0, community_ = 0, other_community_ = 0, property_ = 0;
};

TEST_F(MeetingApi, AnItemRaisedAtTheMeetingClosesOnTheRepresentativesSignOff) {
  // The schedule: the 10th, with the figures the meeting covers.
  Reply schedule = staff_.Put("/api/meeting-schedules/" + std::to_string(community_),
                              {{"day_of_month", 10}, {"place", "城开苑社区党群服务中心"}, {"buildings", 56}, {"residents", 3600}});
  ASSERT_EQ(schedule.status, 200) << schedule.body;
  EXPECT_EQ(staff_.Get("/api/meeting-schedules/" + std::to_string(community_)).json["residents"], 3600);

  // Without a date the meeting falls on the next 10th (the clock is at 2025-11-29), at the usual place.
  Reply created = staff_.Post("/api/meetings", {{"community_unit_id", community_}, {"attendees", Attendees()}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json["scheduled_on"], "2025-12-10");
  EXPECT_EQ(created.json["place"], "城开苑社区党群服务中心");
  EXPECT_EQ(created.json["state"], "scheduled");
  const int64_t meeting = created.json["id"];
  Reply held = staff_.Post("/api/meetings/" + std::to_string(meeting) + "/hold", json::object());
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(held.json["state"], "held");
  EXPECT_FALSE(held.json["held_at"].is_null());
  EXPECT_EQ(held.json["attendees"].size(), 5u);

  // An item raised: a building_meeting case, accepted in the community's name and region.
  const int64_t trees = RaiseItem(meeting, "3栋北侧三棵危树有倒伏隐患");
  Reply c = staff_.Get("/api/cases/" + std::to_string(trees));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json["channel"], "building_meeting");
  EXPECT_EQ(c.json["state"], "pending_dispatch");
  EXPECT_EQ(c.json["region_code"], "360112005002");

  // Dispatched to the property company, which replies: the item waits for the sign-off.
  HandleAndReply(trees, "已联系园林部门移除三棵危树");
  json detail = Detail(meeting);
  EXPECT_EQ(detail["community_name"], "城开苑社区居委会");
  EXPECT_EQ(detail["schedule"]["buildings"], 56);
  json item = AgendaItem(detail, trees);
  ASSERT_FALSE(item.is_null()) << detail;
  EXPECT_EQ(item["state"], "replied");
  EXPECT_EQ(item["status"], "awaiting_sign_off");
  EXPECT_EQ(item["lead_unit_name"], "城开苑物业服务中心");
  EXPECT_EQ(item["reply"], "已联系园林部门移除三棵危树");
  EXPECT_EQ(item["raised"], true);

  // The representatives sign off: the case's callback, noted with the signer; the item is settled.
  Reply signed_off = staff_.Post("/api/meetings/" + std::to_string(meeting) + "/items/" + std::to_string(trees) + "/sign-off",
                                 {{"attendee_id", AttendeeId(held.json, "李秀英")}, {"rating", 5}, {"note", "危树已移除"}});
  ASSERT_EQ(signed_off.status, 200) << signed_off.body;
  EXPECT_EQ(signed_off.json["state"], "closed");
  EXPECT_EQ(signed_off.json["rating"], 5);
  item = AgendaItem(Detail(meeting), trees);
  EXPECT_EQ(item["status"], "settled");
  EXPECT_EQ(item["sign_off"], "居民代表李秀英（3栋）签字确认：危树已移除");
  Reply events = staff_.Get("/api/cases/" + std::to_string(trees));
  const json& last = events.json["events"].back();
  EXPECT_EQ(last["type"], "callback");
  EXPECT_EQ(last["note"], "居民代表李秀英（3栋）签字确认：危树已移除");

  // Minutes recorded; the next meeting was scheduled on the next 10th with the same people invited.
  Reply minutes = staff_.Put("/api/meetings/" + std::to_string(meeting) + "/minutes", {{"minutes", "议定：移除3栋北侧危树"}});
  ASSERT_EQ(minutes.status, 200) << minutes.body;
  EXPECT_EQ(minutes.json["minutes"], "议定：移除3栋北侧危树");
  Reply list = staff_.Get("/api/meetings?community_unit_id=" + std::to_string(community_));
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json["total"], 2);
  EXPECT_EQ(list.json["items"][0]["scheduled_on"], "2026-01-10");
  EXPECT_EQ(list.json["items"][0]["state"], "scheduled");
  EXPECT_EQ(list.json["items"][0]["attendees"].size(), 5u);
  EXPECT_EQ(list.json["items"][1]["item_count"], 1);
  EXPECT_EQ(list.json["items"][1]["community_name"], "城开苑社区居委会");
}

TEST_F(MeetingApi, OpenItemsCarryOverAndEachSettledItemIsReportedOnce) {
  json dec = HeldMeeting("2025-12-10");
  const int64_t december = dec["id"];
  const int64_t lights = RaiseItem(december, "12栋楼道灯不亮");
  const int64_t parking = RaiseItem(december, "小区电动车乱停放");
  HandleAndReply(lights, "已更换楼道灯");
  ASSERT_EQ(staff_.Post("/api/meetings/" + std::to_string(december) + "/items/" + std::to_string(lights) + "/sign-off",
                        {{"attendee_id", AttendeeId(dec, "张建国")}, {"rating", 4}})
                .status,
            200);

  // The January meeting (scheduled when December's was held) will carry the open item.
  Reply list = staff_.Get("/api/meetings?state=scheduled&community_unit_id=" + std::to_string(community_));
  ASSERT_EQ(list.json["total"], 1) << list.body;
  const int64_t january = list.json["items"][0]["id"];
  json jan = Detail(january);
  ASSERT_EQ(jan["to_carry"].size(), 1u) << jan;
  EXPECT_EQ(jan["to_carry"][0]["case_id"], parking);
  EXPECT_EQ(jan["previous"]["id"], december);
  Reply held = staff_.Post("/api/meetings/" + std::to_string(january) + "/hold", json::object());
  ASSERT_EQ(held.status, 200) << held.body;
  jan = Detail(january);
  ASSERT_EQ(jan["agenda"].size(), 1u) << jan;
  EXPECT_EQ(jan["agenda"][0]["case_id"], parking);
  EXPECT_EQ(jan["agenda"][0]["raised"], false);
  EXPECT_TRUE(jan["to_carry"].empty());
  // December reports the lights settled and the parking carried over.
  json decd = Detail(december);
  EXPECT_EQ(AgendaItem(decd, lights)["status"], "settled");
  EXPECT_EQ(AgendaItem(decd, parking)["status"], "carried_over");

  // A dissatisfied sign-off reopens the item; the next reply and a satisfied one settle it in January.
  HandleAndReply(parking, "已划定电动车停放区");
  const std::string sign = "/api/meetings/" + std::to_string(january) + "/items/" + std::to_string(parking) + "/sign-off";
  Reply unhappy = staff_.Post(sign, {{"attendee_id", AttendeeId(held.json, "李秀英")}, {"rating", 2}, {"note", "仍有乱停"}});
  ASSERT_EQ(unhappy.status, 200) << unhappy.body;
  EXPECT_EQ(unhappy.json["state"], "handling");
  EXPECT_EQ(AgendaItem(Detail(january), parking)["status"], "open");
  HandleAndReply(parking, "增设充电桩并每日巡查", false);
  Reply happy = staff_.Post(sign, {{"attendee_id", AttendeeId(held.json, "李秀英")}, {"rating", 5}});
  ASSERT_EQ(happy.status, 200) << happy.body;
  EXPECT_EQ(happy.json["state"], "closed");
  EXPECT_EQ(AgendaItem(Detail(january), parking)["status"], "settled");
  EXPECT_EQ(AgendaItem(Detail(december), parking)["status"], "carried_over");
}

TEST_F(MeetingApi, BadInputNamesTheFieldAndWritesNothing) {
  const std::string community = std::to_string(community_);
  EXPECT_EQ(staff_.Put("/api/meeting-schedules/" + community, {{"day_of_month", 0}}).status, 400);
  EXPECT_EQ(staff_.Put("/api/meeting-schedules/" + std::to_string(property_), {{"day_of_month", 10}}).ErrorField(),
            "community_unit_id");
  EXPECT_EQ(staff_.Get("/api/meeting-schedules/" + community).json["day_of_month"], 10);  // the default, unchanged

  Reply not_community = admin_.Post("/api/meetings", {{"community_unit_id", property_}});
  EXPECT_EQ(not_community.status, 400);
  EXPECT_EQ(not_community.ErrorField(), "community_unit_id");
  Reply bad_date = staff_.Post("/api/meetings", {{"community_unit_id", community_}, {"scheduled_on", "2026-02-30"}});
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(bad_date.ErrorField(), "scheduled_on");
  Reply nameless = staff_.Post("/api/meetings", {{"community_unit_id", community_},
                                                 {"attendees", json::array({{{"role", "community"}, {"name", "  "}}})}});
  EXPECT_EQ(nameless.ErrorField(), "attendees[0].name");
  EXPECT_EQ(staff_.Get("/api/meetings").json["total"], 0);

  // Held without a residents' representative: refused, still scheduled, no next meeting.
  Reply created = staff_.Post("/api/meetings", {{"community_unit_id", community_}, {"scheduled_on", "2025-12-10"},
                                                {"attendees", json::array({{{"role", "community"}, {"name", "王丽"}}})}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string meeting = std::to_string(created.json.value("id", 0));
  Reply twice = staff_.Post("/api/meetings", {{"community_unit_id", community_}, {"scheduled_on", "2025-12-10"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.ErrorField(), "scheduled_on");
  Reply no_quorum = staff_.Post("/api/meetings/" + meeting + "/hold", json::object());
  EXPECT_EQ(no_quorum.status, 409) << no_quorum.body;
  EXPECT_EQ(no_quorum.ErrorField(), "attendees");
  EXPECT_EQ(Detail(std::stoll(meeting))["meeting"]["state"], "scheduled");
  EXPECT_EQ(staff_.Get("/api/meetings").json["total"], 1);
  EXPECT_EQ(staff_.Put("/api/meetings/" + meeting + "/minutes", {{"minutes", "x"}}).status, 409);

  // An item without text: refused naming it, no case and no agenda row.
  Reply cases_before = staff_.Get("/api/cases");
  Reply empty = staff_.Post("/api/meetings/" + meeting + "/items", {{"title", "危树"}, {"text", " "}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.ErrorField(), "text");
  Reply bad_category = staff_.Post("/api/meetings/" + meeting + "/items", {{"title", "危树"}, {"text", "危树"}, {"category_code", "9999"}});
  EXPECT_EQ(bad_category.ErrorField(), "category_code");
  EXPECT_EQ(staff_.Get("/api/cases").json["total"], cases_before.json["total"]);
  EXPECT_TRUE(Detail(std::stoll(meeting))["agenda"].empty());

  // Sign-offs: only at a held meeting, by one of its residents' representatives, of its own items.
  const int64_t item = RaiseItem(std::stoll(meeting), "3栋北侧危树");
  HandleAndReply(item, "已移除");
  const std::string sign = "/api/meetings/" + meeting + "/items/" + std::to_string(item) + "/sign-off";
  EXPECT_EQ(staff_.Post(sign, {{"attendee_id", AttendeeId(created.json, "王丽")}, {"rating", 5}}).status, 409);
  json held = HeldMeeting("2025-12-20");
  const std::string held_id = std::to_string(held.value("id", 0));
  Reply hotline = staff_.Post("/api/cases", {{"channel", "hotline"}, {"category_code", "0206"}, {"text", "路边树枝断裂"},
                                             {"region_code", "360112005002"}});
  ASSERT_EQ(hotline.status, 201) << hotline.body;
  Reply foreign = staff_.Post("/api/meetings/" + held_id + "/items/" + std::to_string(hotline.json.value("id", 0)) +
                                  "/sign-off",
                              {{"attendee_id", AttendeeId(held, "李秀英")}, {"rating", 5}});
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(foreign.ErrorField(), "case_id");
  const int64_t other_item = RaiseItem(held.value("id", 0), "楼道堆物");
  HandleAndReply(other_item, "已清理");
  const std::string other_sign = "/api/meetings/" + held_id + "/items/" + std::to_string(other_item) + "/sign-off";
  Reply by_property = staff_.Post(other_sign, {{"attendee_id", AttendeeId(held, "赵强")}, {"rating", 5}});
  EXPECT_EQ(by_property.status, 400);
  EXPECT_EQ(by_property.ErrorField(), "attendee_id");
  EXPECT_EQ(staff_.Post(other_sign, {{"attendee_id", AttendeeId(held, "李秀英")}, {"rating", 6}}).status, 400);
  EXPECT_EQ(staff_.Get("/api/cases/" + std::to_string(other_item)).json["state"], "replied");
}

TEST_F(MeetingApi, MeetingsFollowTheDataScopeAndPermissions) {
  json held = HeldMeeting("2025-12-10");
  const std::string id = std::to_string(held.value("id", 0));
  // Another community's staff neither list nor see it, nor act on it.
  EXPECT_EQ(other_staff_.Get("/api/meetings").json["total"], 0);
  EXPECT_EQ(other_staff_.Get("/api/meetings/" + id).status, 404);
  EXPECT_EQ(other_staff_.Post("/api/meetings/" + id + "/items", {{"title", "x"}, {"text", "x"}}).status, 404);
  EXPECT_EQ(other_staff_.Post("/api/meetings", {{"community_unit_id", community_}}).status, 404);
  // The property company's handler may not run meetings.
  EXPECT_EQ(property_handler_.Post("/api/meetings", {{"community_unit_id", community_}}).status, 403);
  EXPECT_EQ(property_handler_.Get("/api/meetings/" + id).status, 404);
  // The admin (scope all) sees both of the community's meetings.
  EXPECT_EQ(admin_.Get("/api/meetings").json["total"], 2);
}

}  // namespace
}  // namespace lz::testing
