// Micro-wishes through HTTP (issue 6, points 3 and 6), on SQLite and on PostgreSQL: a campaign of
// 民政局; a social worker records a wish at a social-work station (a micro_wish case, open with
// the station responsible), publishes it; a donor claims it on the public list (no account) while
// a second claim gets 409 naming the wish; two claims racing from two threads: exactly one wins
// and the case shows one claim event; the delivery needs a photo and closes the case; the public
// list carries no personal data; the figures per station and campaign; bad input named and
// nothing written; refusals after the deadline; the rate limit of public claims; scope and
// permissions.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "common/test_images.h"
#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Wish-Tester-Passw0rd";

class WishApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    ASSERT_TRUE(roles.count("social_worker"));
    mzj_ = CreateUnit(admin_, "南昌市民政局", "3601");
    station_ = NewStation("莲塘镇社工站", "360121");
    other_station_ = NewStation("八月湖街道社工站", "360121001");
    CreateUser(admin_, "sw.liantang", station_, roles["social_worker"], "own_unit", kPassword);
    CreateUser(admin_, "sw.bayuehu", other_station_, roles["social_worker"], "own_unit", kPassword);
    CreateUser(admin_, "mzj.viewer", mzj_, roles["staff"], "all", kPassword);
    Login();
    Reply campaign = admin_.Post("/api/wish-campaigns", {{"name", "六一微心愿"},
                                                         {"organiser_unit_id", mzj_},
                                                         {"region_code", "3601"},
                                                         {"opens_on", "2025-11-01"},
                                                         {"deadline_on", "2025-12-05"},
                                                         {"description", "为困境儿童圆梦"}});
    ASSERT_EQ(campaign.status, 201) << campaign.body;
    campaign_ = campaign.json["id"];
  }

  void Login() {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    ASSERT_EQ(worker_.Login("sw.liantang", kPassword).status, 200);
    ASSERT_EQ(other_worker_.Login("sw.bayuehu", kPassword).status, 200);
    ASSERT_EQ(viewer_.Login("mzj.viewer", kPassword).status, 200);
  }

  int64_t NewStation(const std::string& name, const std::string& region) {
    Reply r = admin_.Post("/api/units", {{"name", name}, {"kind", "social_work_station"}, {"region_code", region}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }

  json NewWish(const std::string& item = "一套绘本") {
    return {{"campaign_id", campaign_}, {"item", item},          {"kind", "material"},
            {"child_alias", "小明"},     {"child_age", 8},        {"story", "喜欢画画，想要一套绘本，和同学一起读。"}};
  }

  // A wish recorded and published by the social worker; its case id.
  int64_t Published(const std::string& item = "一套绘本") {
    Reply r = worker_.Post("/api/wishes", NewWish(item));
    EXPECT_EQ(r.status, 201) << r.body;
    const int64_t id = r.json.value("case_id", int64_t{0});
    Reply p = worker_.Post("/api/wishes/" + std::to_string(id) + "/publish", nullptr);
    EXPECT_EQ(p.status, 200) << p.body;
    return id;
  }

  static json Donor(const std::string& name, const std::string& kind = "person") {
    return {{"donor_kind", kind}, {"donor_name", name}, {"donor_phone", "138 0013 8000"}};
  }

  int64_t Staged(Client& c) {
    Reply r = c.Send("POST", "/api/attachments?name=delivery.png", images::Png(), "application/octet-stream");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }

  // The case's events of `type`.
  int CountEvents(int64_t case_id, const std::string& type, const std::string& note_part = "") {
    Reply r = worker_.Get("/api/cases/" + std::to_string(case_id));
    EXPECT_EQ(r.status, 200) << r.body;
    int n = 0;
    for (const auto& e : r.json["events"]) {
      if (e["type"] == type && e.value("note", "").find(note_part) != std::string::npos) ++n;
    }
    return n;
  }

  json Figures() {
    Reply r = admin_.Get("/api/wish-campaigns/" + std::to_string(campaign_) + "/figures");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }

  TestServer server_{[](services::PlatformOptions& o) { o.wish_claims.claims_per_address = 4; }};
  Client admin_{server_.port()};
  Client worker_{server_.port()};
  Client other_worker_{server_.port()};
  Client viewer_{server_.port()};
  Client donor_{server_.port()};  // no account
  int64_t mzj_ = 0, station_ = 0, other_station_ = 0, campaign_ = 0;
};

TEST_F(WishApi, AWishIsRecordedPublishedClaimedAndDeliveredWithAPhoto) {
  Reply recorded = worker_.Post("/api/wishes", NewWish());
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const int64_t id = recorded.json["case_id"];
  EXPECT_EQ(recorded.json["state"], "recorded");
  EXPECT_EQ(recorded.json["station_unit_id"], station_);
  EXPECT_EQ(recorded.json["child_alias"], "小明");  // the station's own staff
  EXPECT_EQ(recorded.json["case_state"], "handling");

  // The case: micro_wish channel, a child subject, the station its lead unit.
  Reply c = worker_.Get("/api/cases/" + std::to_string(id));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json["channel"], "micro_wish");
  EXPECT_EQ(c.json["subject_kind"], "child");
  EXPECT_EQ(c.json["lead_unit_id"], station_);
  EXPECT_EQ(c.json["region_code"], "360121");

  // Not on the public list before it is published.
  EXPECT_EQ(donor_.Get("/api/public/wishes").json["total"], 0);
  Reply published = worker_.Post("/api/wishes/" + std::to_string(id) + "/publish", nullptr);
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json["state"], "published");
  EXPECT_EQ(worker_.Post("/api/wishes/" + std::to_string(id) + "/publish", nullptr).status, 409);

  Reply list = donor_.Get("/api/public/wishes");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json["total"], 1);
  const json& shown = list.json["items"][0];
  EXPECT_EQ(shown["item"], "一套绘本");
  EXPECT_EQ(shown["state"], "published");
  EXPECT_EQ(shown["station_name"], "莲塘镇社工站");
  EXPECT_EQ(shown["deadline_on"], "2025-12-05");

  // A donor claims it; a second donor is refused by name; nothing else is written for the loser.
  Reply claimed = donor_.Post("/api/public/wishes/" + std::to_string(id) + "/claim", Donor("张三"));
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  EXPECT_EQ(claimed.json["state"], "claimed");
  Reply second = donor_.Post("/api/public/wishes/" + std::to_string(id) + "/claim", Donor("李四"));
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(second.ErrorField(), "claimed_at");
  EXPECT_NE(second.body.find("already claimed"), std::string::npos);
  EXPECT_NE(second.body.find("一套绘本"), std::string::npos);
  EXPECT_EQ(CountEvents(id, "progress", "已被认领"), 1);

  // The station's staff see the donor in full; others see the phone masked.
  Reply staff_view = worker_.Get("/api/wishes/" + std::to_string(id));
  EXPECT_EQ(staff_view.json["donor"]["name"], "张三");
  EXPECT_EQ(staff_view.json["donor"]["phone"], "13800138000");
  Reply viewer_view = viewer_.Get("/api/wishes/" + std::to_string(id));
  ASSERT_EQ(viewer_view.status, 200) << viewer_view.body;
  EXPECT_NE(viewer_view.json["donor"]["phone"], "13800138000");
  EXPECT_NE(viewer_view.json["child_alias"], "小明");
  EXPECT_TRUE(viewer_view.json["masked"].get<bool>());

  // Delivery: refused without a photo (the field named, nothing written), then with one.
  Reply no_photo = worker_.Post("/api/wishes/" + std::to_string(id) + "/delivery",
                                {{"attachment_ids", json::array()}, {"note", "已送达"}});
  EXPECT_EQ(no_photo.status, 400) << no_photo.body;
  EXPECT_EQ(no_photo.ErrorField(), "attachment_ids");
  EXPECT_EQ(worker_.Get("/api/wishes/" + std::to_string(id)).json["state"], "claimed");
  const int64_t photo = Staged(worker_);
  Reply delivered = worker_.Post("/api/wishes/" + std::to_string(id) + "/delivery",
                                 {{"attachment_ids", {photo}}, {"note", "绘本已送到孩子手中"}});
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  EXPECT_EQ(delivered.json["state"], "delivered");
  EXPECT_EQ(delivered.json["case_state"], "closed");  // the channel takes no callback
  EXPECT_TRUE(delivered.json["delivered_on_time"].get<bool>());
  c = worker_.Get("/api/cases/" + std::to_string(id));
  EXPECT_EQ(c.json["state"], "closed");
  EXPECT_EQ(c.json["outcome"], "resolved");
  ASSERT_EQ(c.json["attachments"].size(), 1u);
  EXPECT_EQ(worker_.Post("/api/wishes/" + std::to_string(id) + "/delivery", {{"attachment_ids", {Staged(worker_)}}}).status,
            409);

  // Public: 已实现; the figures count it.
  list = donor_.Get("/api/public/wishes?state=delivered");
  ASSERT_EQ(list.json["total"], 1);
  EXPECT_EQ(list.json["items"][0]["state"], "delivered");
  json figures = Figures();
  EXPECT_EQ(figures["total"], (json{{"recorded", 1}, {"published", 1}, {"claimed", 1}, {"delivered", 1},
                                    {"delivered_on_time", 1}}));
  ASSERT_EQ(figures["stations"].size(), 1u);
  EXPECT_EQ(figures["stations"][0]["station_unit_id"], station_);
  EXPECT_EQ(figures["stations"][0]["station_name"], "莲塘镇社工站");
}

TEST_F(WishApi, TwoDonorsClaimingAtOnceExactlyOneWinsAndTheCaseShowsOneClaim) {
  for (int round = 0; round < 2; ++round) {
    const int64_t id = Published("书包 " + std::to_string(round));
    const std::string path = "/api/public/wishes/" + std::to_string(id) + "/claim";
    Client first(server_.port()), second(server_.port());
    Reply a, b;
    std::thread ta([&] { a = first.Post(path, Donor("张三")); });
    std::thread tb([&] { b = second.Post(path, Donor("李四", "organisation")); });
    ta.join();
    tb.join();
    const int wins = (a.status == 200) + (b.status == 200);
    EXPECT_EQ(wins, 1) << a.body << " / " << b.body;
    const Reply& loser = a.status == 200 ? b : a;
    EXPECT_EQ(loser.status, 409) << loser.body;
    EXPECT_EQ(loser.ErrorField(), "claimed_at");
    EXPECT_EQ(CountEvents(id, "progress", "已被认领"), 1);
    const json wish = worker_.Get("/api/wishes/" + std::to_string(id)).json;
    EXPECT_EQ(wish["donor"]["name"], a.status == 200 ? "张三" : "李四");
  }
}

TEST_F(WishApi, StaffRecordAClaimForADonorAndTwoStaffClaimsRaceToOneWinner) {
  const int64_t id = Published();
  Client again(server_.port());
  ASSERT_EQ(again.Login("sw.liantang", kPassword).status, 200);
  const std::string path = "/api/wishes/" + std::to_string(id) + "/claim";
  Reply a, b;
  std::thread ta([&] { a = worker_.Post(path, Donor("南昌某科技有限公司", "organisation")); });
  std::thread tb([&] { b = again.Post(path, Donor("王五")); });
  ta.join();
  tb.join();
  EXPECT_EQ((a.status == 200) + (b.status == 200), 1) << a.body << " / " << b.body;
  EXPECT_EQ((a.status == 409) + (b.status == 409), 1) << a.body << " / " << b.body;
  EXPECT_EQ(CountEvents(id, "progress", "已被认领"), 1);
  // Another station's social worker cannot see it, let alone claim for it.
  EXPECT_EQ(other_worker_.Get("/api/wishes/" + std::to_string(id)).status, 404);
  EXPECT_EQ(other_worker_.Post("/api/wishes/" + std::to_string(id) + "/publish", nullptr).status, 404);
  // A reader without case:wish:write records nothing.
  EXPECT_EQ(viewer_.Post("/api/wishes", NewWish()).status, 403);
}

TEST_F(WishApi, BadInputIsNamedAndNothingIsWritten) {
  auto refused = [&](json body, const std::string& field, int status = 400) {
    Reply r = worker_.Post("/api/wishes", body);
    EXPECT_EQ(r.status, status) << body.dump() << " → " << r.body;
    EXPECT_EQ(r.ErrorField(), field) << r.body;
  };
  json body = NewWish();
  body.erase("item");
  refused(body, "item");
  body = NewWish();
  body["item"] = "  ";
  refused(body, "item");
  body = NewWish();
  body["child_alias"] = "王小明";  // a full name
  refused(body, "child_alias");
  body = NewWish();
  body["child_age"] = 18;
  refused(body, "child_age");
  body = NewWish();
  body["story"] = "小明想要绘本";  // names the child
  refused(body, "story");
  body = NewWish();
  body["story"] = "请联系13800138000";
  refused(body, "story");
  body = NewWish();
  body["kind"] = "money";
  refused(body, "kind");
  body = NewWish();
  body["campaign_id"] = 999999;
  refused(body, "campaign_id");
  body = NewWish();
  body["station_unit_id"] = mzj_;  // not a station (and not the worker's)
  refused(body, "station_unit_id", 404);
  Reply by_admin = admin_.Post("/api/wishes", [&] {
    json b = NewWish();
    b["station_unit_id"] = mzj_;
    return b;
  }());
  EXPECT_EQ(by_admin.status, 400) << by_admin.body;
  EXPECT_EQ(by_admin.ErrorField(), "station_unit_id");
  EXPECT_EQ(worker_.Get("/api/wishes").json["total"], 0);
  Reply cases = worker_.Get("/api/cases?channel=micro_wish");
  EXPECT_EQ(cases.json.value("total", -1), 0) << cases.body;

  // Claims: the donor's fields named; an unknown or unpublished wish is not found publicly.
  const int64_t id = Published();
  Reply no_phone = donor_.Post("/api/public/wishes/" + std::to_string(id) + "/claim",
                               {{"donor_kind", "person"}, {"donor_name", "张三"}, {"donor_phone", ""}});
  EXPECT_EQ(no_phone.status, 400);
  EXPECT_EQ(no_phone.ErrorField(), "donor_phone");
  Reply no_name = donor_.Post("/api/public/wishes/" + std::to_string(id) + "/claim",
                              {{"donor_kind", "person"}, {"donor_phone", "13800138000"}});
  EXPECT_EQ(no_name.status, 400);
  EXPECT_EQ(no_name.ErrorField(), "donor_name");
  Reply unpublished = worker_.Post("/api/wishes", NewWish("跳绳"));
  ASSERT_EQ(unpublished.status, 201);
  EXPECT_EQ(donor_.Post("/api/public/wishes/" + std::to_string(unpublished.json["case_id"].get<int64_t>()) + "/claim",
                        Donor("张三"))
                .status,
            404);
  EXPECT_EQ(worker_.Get("/api/wishes/" + std::to_string(id)).json["state"], "published");
  EXPECT_EQ(CountEvents(id, "progress", "已被认领"), 0);

  // Delivery before a claim.
  Reply early = worker_.Post("/api/wishes/" + std::to_string(id) + "/delivery", {{"attachment_ids", {Staged(worker_)}}});
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.ErrorField(), "claimed_at");

  // Campaign input.
  Reply bad_campaign = admin_.Post("/api/wish-campaigns", {{"name", "x"},
                                                           {"organiser_unit_id", mzj_},
                                                           {"region_code", "3601"},
                                                           {"opens_on", "2025-12-06"},
                                                           {"deadline_on", "2025-12-05"}});
  EXPECT_EQ(bad_campaign.status, 400);
  EXPECT_EQ(bad_campaign.ErrorField(), "deadline_on");
  // A campaign with wishes is not deleted.
  EXPECT_EQ(admin_.Delete("/api/wish-campaigns/" + std::to_string(campaign_)).status, 409);
}

TEST_F(WishApi, AfterTheDeadlineClaimsAndRecordsAreRefusedAndDeliveriesCountLate) {
  const int64_t unclaimed = Published("足球");
  const int64_t claimed = Published("羽毛球拍");
  ASSERT_EQ(donor_.Post("/api/public/wishes/" + std::to_string(claimed) + "/claim", Donor("张三")).status, 200);
  // 2025-11-29 → 2025-12-06: past the deadline's end (2025-12-05 24:00 local).
  server_.clock().Advance(7 * kDayMs);
  Login();
  Reply late_claim = donor_.Post("/api/public/wishes/" + std::to_string(unclaimed) + "/claim", Donor("李四"));
  EXPECT_EQ(late_claim.status, 409) << late_claim.body;
  EXPECT_EQ(late_claim.ErrorField(), "deadline_on");
  Reply late_staff_claim = worker_.Post("/api/wishes/" + std::to_string(unclaimed) + "/claim", Donor("李四"));
  EXPECT_EQ(late_staff_claim.status, 409);
  EXPECT_EQ(worker_.Get("/api/wishes/" + std::to_string(unclaimed)).json["state"], "published");
  Reply late_record = worker_.Post("/api/wishes", NewWish("拼图"));
  EXPECT_EQ(late_record.status, 409) << late_record.body;
  EXPECT_EQ(late_record.ErrorField(), "campaign_id");
  // The delivery is accepted, counted late.
  Reply delivered = worker_.Post("/api/wishes/" + std::to_string(claimed) + "/delivery",
                                 {{"attachment_ids", {Staged(worker_)}}});
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  EXPECT_FALSE(delivered.json["delivered_on_time"].get<bool>());
  json figures = Figures();
  EXPECT_EQ(figures["total"]["recorded"], 2);
  EXPECT_EQ(figures["total"]["claimed"], 1);
  EXPECT_EQ(figures["total"]["delivered"], 1);
  EXPECT_EQ(figures["total"]["delivered_on_time"], 0);
}

TEST_F(WishApi, ThePublicListCarriesNoPersonalData) {
  const int64_t id = Published();
  ASSERT_EQ(donor_.Post("/api/public/wishes/" + std::to_string(id) + "/claim", Donor("张三丰")).status, 200);
  Reply list = donor_.Get("/api/public/wishes");
  ASSERT_EQ(list.status, 200);
  for (const char* secret : {"小明", "张三丰", "13800138000", "8000", "number", "child_alias", "donor", "case_id",
                             "subject", "phone"}) {
    EXPECT_EQ(list.body.find(secret), std::string::npos) << secret << " in " << list.body;
  }
  const json& item = list.json["items"][0];
  std::set<std::string> keys;
  for (auto it = item.begin(); it != item.end(); ++it) keys.insert(it.key());
  EXPECT_EQ(keys, (std::set<std::string>{"id", "item", "kind", "story", "child_age", "station_name", "campaign_id",
                                         "campaign_name", "opens_on", "deadline_on", "state"}));
  // The claim's answer is as bare.
  const int64_t other = Published("跳绳");
  Reply claim = donor_.Post("/api/public/wishes/" + std::to_string(other) + "/claim", Donor("张三丰"));
  ASSERT_EQ(claim.status, 200);
  EXPECT_EQ(claim.body.find("张三丰"), std::string::npos);
  EXPECT_EQ(claim.body.find("小明"), std::string::npos);
}

TEST_F(WishApi, PublicClaimsAreRateLimitedPerAddress) {
  // The fixture allows 4 claims at once per address.
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(Published("礼物 " + std::to_string(i)));
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(donor_.Post("/api/public/wishes/" + std::to_string(ids[i]) + "/claim", Donor("张三")).status, 200);
  }
  Reply limited = donor_.Post("/api/public/wishes/" + std::to_string(ids[4]) + "/claim", Donor("张三"));
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.Header("retry-after"), "60");  // one claim a minute after the burst
  EXPECT_EQ(worker_.Get("/api/wishes/" + std::to_string(ids[4])).json["state"], "published");
}

TEST_F(WishApi, CampaignsAreManagedByTheOrganisersScope) {
  Reply list = viewer_.Get("/api/wish-campaigns");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json["total"], 1);
  EXPECT_EQ(list.json["items"][0]["organiser_name"], "南昌市民政局");
  // A social worker (own station) cannot manage the 民政局's campaign.
  Reply not_theirs = worker_.Put("/api/wish-campaigns/" + std::to_string(campaign_),
                                 {{"name", "改名"}, {"organiser_unit_id", mzj_}, {"region_code", "3601"},
                                  {"opens_on", "2025-11-01"}, {"deadline_on", "2025-12-05"}});
  EXPECT_EQ(not_theirs.status, 404) << not_theirs.body;
  Reply renamed = admin_.Put("/api/wish-campaigns/" + std::to_string(campaign_),
                             {{"name", "六一微心愿（南昌）"}, {"organiser_unit_id", mzj_}, {"region_code", "3601"},
                              {"opens_on", "2025-11-01"}, {"deadline_on", "2025-12-10"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json["deadline_on"], "2025-12-10");
  Reply created = admin_.Post("/api/wish-campaigns", {{"name", "临时活动"}, {"organiser_unit_id", mzj_},
                                                      {"region_code", "3601"}, {"opens_on", "2025-12-01"},
                                                      {"deadline_on", "2025-12-31"}});
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(admin_.Delete("/api/wish-campaigns/" + std::to_string(created.json["id"].get<int64_t>())).status, 204);
  // Figures follow the data scope: the other station's worker sees none of this station's.
  Published();
  Reply theirs = other_worker_.Get("/api/wish-figures");
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_EQ(theirs.json["total"]["recorded"], 0);
  EXPECT_EQ(admin_.Get("/api/wish-figures?region_code=360121").json["total"]["recorded"], 1);
}

}  // namespace
}  // namespace lz::testing
