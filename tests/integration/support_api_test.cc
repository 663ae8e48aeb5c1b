// Support bodies and open challenges through HTTP (issue 7 point 5), on SQLite and on PostgreSQL:
// an advisory committee of a chain with three academicians among its members, counted in the
// figures; a name taken twice refused; an open challenge in new materials posted for an
// enterprise with a reward, two teams' applications (the phone masked for readers), one awarded
// with two milestones, each reported done, then completed; the moves its state does not allow
// refused; bad input named with nothing written.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Support-Tester-Passw0rd";
constexpr const char* kFirm = "91360802MA35F0E16G";

class SupportApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    const int64_t bureau = CreateUnit(admin_, "吉安市科学技术局", "3608");
    CreateUser(admin_, "kj.reader", bureau, roles["staff"], "own_unit", kPassword);
    ASSERT_EQ(reader_.Login("kj.reader", kPassword).status, 200);
    Reply chain = admin_.Post("/api/chains", {{"name", "新材料"}, {"region_code", "3608"}});
    ASSERT_EQ(chain.status, 201) << chain.body;
    chain_ = chain.json["id"];
    Reply segment = admin_.Post("/api/chains/" + std::to_string(chain_) + "/segments",
                                {{"name", "电子功能材料"}, {"stage", "upstream"}});
    ASSERT_EQ(segment.status, 201) << segment.body;
    segment_ = segment.json["id"];
    ASSERT_EQ(admin_.Post("/api/enterprises", {{"credit_code", kFirm}, {"name", "吉安甲新材料有限公司"},
                                               {"region_code", "360802"}, {"local", true}, {"size", "medium"}})
                  .status,
              201);
  }

  json Committee() const {
    return {{"kind", "advisory_committee"},
            {"name", "吉安市新材料产业链专家咨询委员会"},
            {"chain_id", chain_},
            {"region_code", "3608"},
            {"members",
             {{{"name", "张院士"}, {"title", "academician"}, {"affiliation", "中国工程院"}, {"role", "主任"}},
              {{"name", "李院士"}, {"title", "academician"}, {"affiliation", "中国科学院"}, {"role", "顾问"}},
              {{"name", "王院士"}, {"title", "academician"}, {"affiliation", "中国工程院"}, {"role", "顾问"}},
              {{"name", "赵教授"}, {"title", "expert"}, {"affiliation", "南昌大学"}, {"role", "委员"}}}}};
  }
  json NewChallenge() const {
    return {{"credit_code", kFirm},
            {"chain_id", chain_},
            {"segment_id", segment_},
            {"title", "高纯电子级氧化铝粉体制备技术"},
            {"need", "突破5N级高纯氧化铝粉体的低成本制备工艺，满足电子陶瓷基板需求。"},
            {"reward_yuan", 5000000},
            {"apply_by", "2025-12-31"}};
  }
  int64_t Count(const std::string& path) {
    Reply r = admin_.Get(path);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.value("total", int64_t{-1});
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client reader_{server_.port()};
  int64_t chain_ = 0, segment_ = 0;
};

TEST_F(SupportApi, AnAdvisoryCommitteeWithItsAcademiciansIsCounted) {
  Reply created = admin_.Post("/api/support-bodies", Committee());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json["academicians"], 3);
  EXPECT_EQ(created.json["chain_name"], "新材料");
  EXPECT_EQ(created.json["members"].size(), 4u);
  EXPECT_EQ(admin_.Post("/api/support-bodies", Committee()).status, 409);
  Reply alliance = admin_.Post("/api/support-bodies", {{"kind", "industry_alliance"},
                                                       {"name", "吉安市新材料产业联盟"},
                                                       {"region_code", "3608"}});
  ASSERT_EQ(alliance.status, 201) << alliance.body;

  Reply figures = reader_.Get("/api/support-bodies/figures?region_code=3608");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.json["advisory_committees"], 1);
  EXPECT_EQ(figures.json["industry_alliances"], 1);
  EXPECT_EQ(figures.json["academicians"], 3);
  Reply elsewhere = reader_.Get("/api/support-bodies/figures?region_code=3601");
  EXPECT_EQ(elsewhere.json["advisory_committees"], 0);
  EXPECT_EQ(Count("/api/support-bodies?kind=advisory_committee"), 1);
  EXPECT_EQ(Count("/api/support-bodies?chain_id=" + std::to_string(chain_)), 1);

  // An update replaces the members; readers may not write.
  json fewer = Committee();
  fewer["members"].erase(2);
  const std::string path = "/api/support-bodies/" + created.json["id"].dump();
  Reply updated = admin_.Put(path, fewer);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json["academicians"], 2);
  EXPECT_EQ(reader_.Put(path, Committee()).status, 403);
  EXPECT_EQ(reader_.Delete(path).status, 403);
  EXPECT_EQ(admin_.Delete(path).status, 204);
  EXPECT_EQ(admin_.Get(path).status, 404);
}

TEST_F(SupportApi, AChallengeIsPostedAppliedForAwardedAndCompleted) {
  Reply posted = admin_.Post("/api/challenges", NewChallenge());
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(posted.json["state"], "open");
  EXPECT_EQ(posted.json["segment_name"], "电子功能材料");
  const std::string base = "/api/challenges/" + posted.json["id"].dump();
  Reply first = admin_.Post(base + "/applications", {{"team", "南昌大学材料学院团队"},
                                                     {"leader", "陈教授"},
                                                     {"proposal", "溶胶-凝胶法结合分级煅烧。"},
                                                     {"contact_phone", "13907961234"}});
  ASSERT_EQ(first.status, 201) << first.body;
  Reply second = admin_.Post(base + "/applications", {{"team", "江西省科学院团队"},
                                                      {"leader", "刘研究员"},
                                                      {"proposal", "改良拜耳法提纯。"},
                                                      {"contact_phone", "13907965678"}});
  ASSERT_EQ(second.status, 201) << second.body;
  ASSERT_EQ(second.json["applications"].size(), 2u);
  EXPECT_EQ(second.json["applications"][0]["contact_phone"], "13907961234");
  Reply read = reader_.Get(base);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_NE(read.json["applications"][0]["contact_phone"], "13907961234") << "masked for readers";
  EXPECT_EQ(reader_.Post(base + "/applications", {{"team", "x"}, {"leader", "y"}, {"proposal", "z"},
                                                  {"contact_phone", "13900000000"}})
                .status,
            403);

  const int64_t winner = second.json["applications"][0]["id"];
  // Milestones must fall after today; an application of another challenge is refused.
  Reply early = admin_.Post(base + "/award", {{"application_id", winner},
                                              {"milestones", {{{"title", "小试"}, {"due_on", "2025-11-01"}}}}});
  EXPECT_EQ(early.status, 400);
  EXPECT_EQ(early.ErrorField(), "milestones[0].due_on");
  Reply stranger = admin_.Post(base + "/award", {{"application_id", 999999},
                                                 {"milestones", {{{"title", "小试"}, {"due_on", "2026-03-01"}}}}});
  EXPECT_EQ(stranger.status, 400);
  EXPECT_EQ(stranger.ErrorField(), "application_id");
  Reply awarded = admin_.Post(base + "/award", {{"application_id", winner},
                                                {"milestones", {{{"title", "中试"}, {"due_on", "2026-09-30"}},
                                                                {{"title", "小试"}, {"due_on", "2026-03-31"}}}}});
  ASSERT_EQ(awarded.status, 200) << awarded.body;
  EXPECT_EQ(awarded.json["state"], "awarded");
  EXPECT_EQ(awarded.json["awarded_on"], "2025-11-29");
  EXPECT_EQ(awarded.json["milestones"][0]["title"], "小试");
  // Awarded: no more applications, no second award, not complete before its milestones.
  EXPECT_EQ(admin_.Post(base + "/applications", {{"team", "迟到团队"}, {"leader", "某"}, {"proposal", "方案"},
                                                 {"contact_phone", "13900000000"}})
                .status,
            409);
  EXPECT_EQ(admin_.Post(base + "/award", {{"application_id", winner},
                                          {"milestones", {{{"title", "小试"}, {"due_on", "2026-03-31"}}}}})
                .status,
            409);
  Reply premature = admin_.Post(base + "/complete", {{"note", "验收通过"}});
  EXPECT_EQ(premature.status, 409);
  EXPECT_EQ(premature.ErrorField(), "milestones");
  ASSERT_EQ(admin_.Post(base + "/milestone-done", {{"position", 0}}).status, 200);
  EXPECT_EQ(admin_.Post(base + "/milestone-done", {{"position", 0}}).status, 409);
  ASSERT_EQ(admin_.Post(base + "/milestone-done", {{"position", 1}}).status, 200);
  Reply done = admin_.Post(base + "/complete", {{"note", "专家组验收通过，产品纯度达5N"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json["state"], "completed");
  EXPECT_EQ(admin_.Post(base + "/cancel", {{"note", "晚了"}}).status, 409);

  Reply figures = reader_.Get("/api/support-bodies/figures");
  EXPECT_EQ(figures.json["challenges_completed"], 1);
  EXPECT_EQ(figures.json["rewards_yuan"], 5000000);
  EXPECT_EQ(Count("/api/challenges?state=completed&chain_id=" + std::to_string(chain_)), 1);
}

TEST_F(SupportApi, BadInputIsNamedAndWritesNothing) {
  auto expect_bad = [&](const std::string& path, json body, const std::string& field) {
    Reply r = admin_.Post(path, body);
    EXPECT_EQ(r.status, 400) << body.dump() << " → " << r.body;
    EXPECT_EQ(r.ErrorField(), field) << r.body;
  };
  json negative = NewChallenge();
  negative["reward_yuan"] = -1;
  expect_bad("/api/challenges", negative, "reward_yuan");
  json past = NewChallenge();
  past["apply_by"] = "2025-11-29";
  expect_bad("/api/challenges", past, "apply_by");
  json unknown_firm = NewChallenge();
  unknown_firm["credit_code"] = "91440300708461136T";
  expect_bad("/api/challenges", unknown_firm, "credit_code");
  Reply other_chain = admin_.Post("/api/chains", {{"name", "生物医药"}, {"region_code", "3608"}});
  json foreign_segment = NewChallenge();
  foreign_segment["chain_id"] = other_chain.json["id"];
  expect_bad("/api/challenges", foreign_segment, "segment_id");
  json nameless = Committee();
  nameless["members"][1]["name"] = " ";
  expect_bad("/api/support-bodies", nameless, "members[1].name");
  json twice = Committee();
  twice["members"][1] = twice["members"][0];
  expect_bad("/api/support-bodies", twice, "members[1].name");
  json nowhere = Committee();
  nowhere["region_code"] = "999999";
  expect_bad("/api/support-bodies", nowhere, "region_code");
  EXPECT_EQ(Count("/api/challenges"), 0);
  EXPECT_EQ(Count("/api/support-bodies"), 0);

  Reply posted = admin_.Post("/api/challenges", NewChallenge());
  ASSERT_EQ(posted.status, 201);
  expect_bad("/api/challenges/" + posted.json["id"].dump() + "/applications",
             {{"team", "团队"}, {"leader", "某"}, {"proposal", "方案"}, {"contact_phone", "12ab"}}, "contact_phone");
  Reply cancel = admin_.Post("/api/challenges/" + posted.json["id"].dump() + "/cancel", {{"note", " "}});
  EXPECT_EQ(cancel.status, 400);
  EXPECT_EQ(cancel.ErrorField(), "note");
  Reply kept = admin_.Get("/api/challenges/" + posted.json["id"].dump());
  EXPECT_EQ(kept.json["state"], "open");
  EXPECT_EQ(kept.json["applications"].size(), 0u);
}

}  // namespace
}  // namespace lz::testing
