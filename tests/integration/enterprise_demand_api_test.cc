// Enterprise accounts and the chain leader's view through HTTP (issue 6 point 1), on SQLite and on
// PostgreSQL: an enterprise's own account (enterprise_user + enterprise_contact position) files a
// demand, follows the department's reply and rates it (satisfied closes, dissatisfied reopens);
// it never sees another enterprise's case; bad input is named and nothing is written. The chain's
// problems and pain points: a chain leader sees every case of the chain whatever the data scope,
// others only within theirs, and an account without case:case:read and no position is refused.
//
// The chain 电子信息 has segments 招工密集 (A: enterprise E1) and 检测 (B: enterprise E2).
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Demand-Tester-Passw0rd";
constexpr const char* kE1 = "91360802MA35F0E16G";
constexpr const char* kE2 = "91440300708461136T";
constexpr int64_t kDayMs = 24LL * 3600 * 1000;

class EnterpriseDemandApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    ASSERT_TRUE(roles.count("enterprise_user"));
    centre_ = CreateUnit(admin_, "吉安市营商环境服务中心", "360802");
    labour_ = CreateUnit(admin_, "吉安市人力资源和社会保障局", "360802");
    elsewhere_ = CreateUnit(admin_, "吉安市统计局", "360802");
    CreateUser(admin_, "centre.dispatch", centre_, roles["case_dispatcher"], "own_unit", kPassword);
    CreateUser(admin_, "labour.handler", labour_, roles["case_handler"], "own_unit", kPassword);
    const int64_t e1_user = CreateUser(admin_, "e1.contact", centre_, roles["enterprise_user"], "self", kPassword);
    const int64_t e1_colleague = CreateUser(admin_, "e1.finance", centre_, roles["enterprise_user"], "self", kPassword);
    const int64_t e2_user = CreateUser(admin_, "e2.contact", centre_, roles["enterprise_user"], "self", kPassword);
    CreateUser(admin_, "no.firm", centre_, roles["enterprise_user"], "self", kPassword);
    const int64_t leader = CreateUser(admin_, "chain.leader", elsewhere_, roles["staff"], "own_unit", kPassword);
    CreateUser(admin_, "other.staff", elsewhere_, roles["staff"], "own_unit", kPassword);

    chain_ = Id(admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}}));
    other_chain_ = Id(admin_.Post("/api/chains", {{"name", "新能源"}, {"region_code", "3608"}}));
    const std::string segs = "/api/chains/" + std::to_string(chain_) + "/segments";
    seg_a_ = Id(admin_.Post(segs, {{"name", "招工密集"}, {"stage", "midstream"}}));
    seg_b_ = Id(admin_.Post(segs, {{"name", "检测"}, {"stage", "downstream"}}));
    other_seg_ = Id(admin_.Post("/api/chains/" + std::to_string(other_chain_) + "/segments",
                                {{"name", "电池"}, {"stage", "upstream"}}));
    firm1_ = Id(admin_.Post("/api/enterprises", {{"credit_code", kE1}, {"name", "吉安甲电子有限公司"},
                                              {"region_code", "360802"}, {"local", true}, {"size", "small"}}));
    firm2_ = Id(admin_.Post("/api/enterprises", {{"credit_code", kE2}, {"name", "吉安乙检测有限公司"},
                                              {"region_code", "360802"}, {"local", true}, {"size", "small"}}));
    ASSERT_EQ(admin_.Put("/api/enterprises/" + std::to_string(firm1_) + "/memberships/" + std::to_string(seg_a_),
                         {{"role", "member"}}).status, 204);
    ASSERT_EQ(admin_.Put("/api/enterprises/" + std::to_string(firm2_) + "/memberships/" + std::to_string(seg_b_),
                         {{"role", "member"}}).status, 204);
    Position(e1_user, "enterprise_contact", "enterprise", kE1);
    Position(e1_colleague, "enterprise_contact", "enterprise", kE1);
    Position(e2_user, "enterprise_contact", "enterprise", kE2);
    Position(leader, "chain_leader", "chain", std::to_string(chain_));
    LogInAll();
  }

  void LogInAll() {
    for (auto [client, login] : {std::pair{&dispatcher_, "centre.dispatch"}, {&handler_, "labour.handler"},
                                 {&e1_, "e1.contact"}, {&e1_colleague_, "e1.finance"}, {&e2_, "e2.contact"},
                                 {&no_firm_, "no.firm"}, {&leader_, "chain.leader"}, {&other_staff_, "other.staff"}}) {
      ASSERT_EQ(client->Login(login, kPassword).status, 200) << login;
    }
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
  }

  int64_t Id(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  void Position(int64_t user, const std::string& kind, const std::string& type, const std::string& ref) {
    Reply r = admin_.Post("/api/positions",
                          {{"user_id", user}, {"kind", kind}, {"context_type", type}, {"context_ref", ref}});
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // Files a demand as `who`; its id.
  int64_t File(Client& who, const std::string& title, const std::string& category = "0501") {
    Reply r = who.Post("/api/enterprise-demands", {{"category_code", category}, {"title", title},
                                                   {"text", title + "，请相关部门协调解决"}, {"contact_phone", "13907960001"}});
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json.value("state", ""), "received");
    return r.json.value("id", int64_t{0});
  }
  // The centre accepts and dispatches it to the labour bureau, which signs for it.
  void Dispatch(int64_t id) {
    const std::string path = "/api/cases/" + std::to_string(id) + "/actions";
    Reply a = dispatcher_.Post(path, {{"type", "accept"}});
    ASSERT_EQ(a.status, 200) << a.body;
    Reply d = dispatcher_.Post(path, {{"type", "dispatch"}, {"unit_id", labour_}});
    ASSERT_EQ(d.status, 200) << d.body;
    Reply s = handler_.Post(path, {{"type", "sign"}});
    ASSERT_EQ(s.status, 200) << s.body;
  }
  void Reply_(int64_t id, const std::string& note) {
    Reply r = handler_.Post("/api/cases/" + std::to_string(id) + "/actions",
                            {{"type", "reply"}, {"outcome", "resolved"}, {"note", note}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  std::string Demand(int64_t id) { return "/api/enterprise-demands/" + std::to_string(id); }
  std::string Chain(const std::string& what) { return "/api/chains/" + std::to_string(chain_) + "/" + what; }
  int64_t DemandCount(Client& who) { return who.Get("/api/enterprise-demands").json.value("total", int64_t{-1}); }

  TestServer server_;
  Client admin_{server_.port()}, dispatcher_{server_.port()}, handler_{server_.port()}, e1_{server_.port()},
      e1_colleague_{server_.port()}, e2_{server_.port()}, no_firm_{server_.port()}, leader_{server_.port()},
      other_staff_{server_.port()};
  int64_t centre_ = 0, labour_ = 0, elsewhere_ = 0, chain_ = 0, other_chain_ = 0, seg_a_ = 0, seg_b_ = 0,
          other_seg_ = 0, firm1_ = 0, firm2_ = 0;
};

TEST_F(EnterpriseDemandApi, AnEnterpriseFilesFollowsTheReplyAndRatesItSatisfiedWhichClosesIt) {
  Reply form = e1_.Get("/api/enterprise-demands/form");
  ASSERT_EQ(form.status, 200) << form.body;
  ASSERT_EQ(form.json["enterprises"].size(), 1u);
  EXPECT_EQ(form.json["enterprises"][0]["credit_code"], kE1);
  ASSERT_FALSE(form.json["categories"].empty());
  for (const auto& c : form.json["categories"]) {
    const std::string code = c["code"];
    EXPECT_TRUE(code.rfind("05", 0) == 0 || code.rfind("06", 0) == 0) << code;
  }

  const int64_t id = File(e1_, "招工难，急需普工200名");
  Reply mine = e1_.Get("/api/enterprise-demands");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json["total"], 1);
  EXPECT_EQ(mine.json["items"][0]["enterprise_name"], "吉安甲电子有限公司");
  EXPECT_EQ(mine.json["items"][0]["category_name"], "招工用工");
  EXPECT_FALSE(mine.json["items"][0]["can_rate"].get<bool>());
  // The case is on the enterprise channel, about E1, on E1's chain (as the dispatcher sees it).
  Reply c = dispatcher_.Get("/api/cases/" + std::to_string(id));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json.dump().find("\"channel\":\"enterprise\"") != std::string::npos, true) << c.body;

  Dispatch(id);
  Reply_(id, "已协调市人社局举办专场招聘会，推荐普工213名");
  Reply detail = e1_.Get(Demand(id));
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json["state"], "replied");
  EXPECT_TRUE(detail.json["can_rate"].get<bool>());
  EXPECT_TRUE(detail.json["filed_by_me"].get<bool>());
  EXPECT_EQ(detail.json["unit_name"], "吉安市人力资源和社会保障局");
  EXPECT_EQ(detail.json["progress"]["reply"], "已协调市人社局举办专场招聘会，推荐普工213名");
  bool reply_step = false;
  for (const auto& s : detail.json["progress"]["steps"]) {
    if (s["type"] == "reply") {
      reply_step = true;
      EXPECT_EQ(s["answer"], "已协调市人社局举办专场招聘会，推荐普工213名");
      EXPECT_EQ(s["unit_name"], "吉安市人力资源和社会保障局");
    }
  }
  EXPECT_TRUE(reply_step) << detail.body;
  // No handler's name or internal note leaks into the enterprise's view.
  EXPECT_EQ(detail.body.find("labour.handler"), std::string::npos);

  // A colleague at the same enterprise follows it but does not rate what they did not file.
  Reply colleague = e1_colleague_.Get(Demand(id));
  ASSERT_EQ(colleague.status, 200) << colleague.body;
  EXPECT_FALSE(colleague.json["can_rate"].get<bool>());
  EXPECT_EQ(e1_colleague_.Post(Demand(id) + "/rating", {{"rating", 5}}).status, 403);

  Reply rated = e1_.Post(Demand(id) + "/rating", {{"rating", 5}, {"note", "招聘会很及时"}});
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(rated.json["state"], "closed");
  EXPECT_EQ(rated.json["rating"], 5);
  EXPECT_EQ(e1_.Get(Demand(id)).json["state"], "closed");
  EXPECT_EQ(e1_.Get("/api/enterprise-demands?status=done").json["total"], 1);
  EXPECT_EQ(e1_.Get("/api/enterprise-demands?status=in_progress").json["total"], 0);
  // Rated once: a second rating finds no replied demand.
  Reply again = e1_.Post(Demand(id) + "/rating", {{"rating", 4}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.ErrorField(), "rating");
}

TEST_F(EnterpriseDemandApi, ADissatisfiedRatingReopensTheDemand) {
  const int64_t id = File(e1_, "检测设备进口报关慢", "0502");
  Dispatch(id);
  Reply_(id, "已联系海关");
  EXPECT_EQ(e1_.Get("/api/enterprise-demands?status=to_rate").json["total"], 1);
  Reply rated = e1_.Post(Demand(id) + "/rating", {{"rating", 2}, {"note", "仍未通关"}});
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(rated.json["state"], "handling");
  Reply detail = e1_.Get(Demand(id));
  EXPECT_EQ(detail.json["state"], "handling");
  EXPECT_FALSE(detail.json["can_rate"].get<bool>());
  // The department is on it again and replies anew; now satisfied.
  Reply_(id, "已协调海关加急通关");
  Reply ok = e1_.Post(Demand(id) + "/rating", {{"rating", 4}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json["state"], "closed");
}

TEST_F(EnterpriseDemandApi, AnEnterpriseNeverSeesAnotherEnterprisesCase) {
  const int64_t theirs = File(e2_, "检测资质认定");
  EXPECT_EQ(DemandCount(e1_), 0);
  EXPECT_EQ(e1_.Get(Demand(theirs)).status, 404);
  EXPECT_EQ(e1_.Post(Demand(theirs) + "/rating", {{"rating", 5}}).status, 404);
  // Nor through the general case API, whatever the case: no case:case:read.
  EXPECT_EQ(e1_.Get("/api/cases/" + std::to_string(theirs)).status, 403);
  EXPECT_EQ(e1_.Get("/api/cases").status, 403);
  EXPECT_EQ(e1_.Post("/api/cases/" + std::to_string(theirs) + "/actions", {{"type", "callback"}, {"rating", 5}}).status,
            404);
  // Not a demand at all (a case the dispatcher registered about E1 on the hotline): not shown either.
  Reply hotline = dispatcher_.Post("/api/cases", {{"channel", "hotline"}, {"category_code", "0501"}, {"title", "来电反映招工"},
                                                  {"text", "来电反映企业招工难"}, {"region_code", "360802"},
                                                  {"subject_kind", "enterprise"}, {"enterprise_credit_code", kE1}});
  ASSERT_EQ(hotline.status, 201) << hotline.body;
  EXPECT_EQ(e1_.Get(Demand(hotline.json.value("id", int64_t{0}))).status, 404);
  EXPECT_EQ(DemandCount(e1_), 0);
  EXPECT_EQ(DemandCount(e2_), 1);
  // An account without an enterprise position is told what is missing.
  Reply none = no_firm_.Get("/api/enterprise-demands/form");
  EXPECT_EQ(none.status, 409) << none.body;
  EXPECT_EQ(no_firm_.Post("/api/enterprise-demands", {{"category_code", "0501"}, {"title", "t"}, {"text", "t"}}).status, 409);
}

TEST_F(EnterpriseDemandApi, BadInputIsNamedAndNothingIsWritten) {
  auto bad = [&](json body, const std::string& field) {
    Reply r = e1_.Post("/api/enterprise-demands", body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.ErrorField(), field) << r.body;
  };
  bad({{"category_code", "0101"}, {"title", "物业"}, {"text", "不是企业诉求的分类"}}, "category_code");
  bad({{"category_code", "0501"}, {"title", "代别家企业提"}, {"text", "x"}, {"enterprise_credit_code", kE2}},
      "enterprise_credit_code");
  bad({{"category_code", "0501"}, {"title", ""}, {"text", "没有标题"}}, "title");
  bad({{"category_code", "0501"}, {"title", "电话不对"}, {"text", "x"}, {"contact_phone", "12ab"}}, "contact_phone");
  EXPECT_EQ(e1_.Post("/api/enterprise-demands", {{"title", "缺分类"}, {"text", "x"}}).status, 400);
  EXPECT_EQ(DemandCount(e1_), 0);
  EXPECT_EQ(dispatcher_.Get("/api/cases?channel=enterprise").json["total"], 0);

  const int64_t id = File(e1_, "融资难");
  Reply early = e1_.Post(Demand(id) + "/rating", {{"rating", 5}});
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.ErrorField(), "rating");
  Dispatch(id);
  Reply_(id, "已对接银行");
  Reply out_of_range = e1_.Post(Demand(id) + "/rating", {{"rating", 7}});
  EXPECT_EQ(out_of_range.status, 400) << out_of_range.body;
  EXPECT_EQ(out_of_range.ErrorField(), "rating");
  EXPECT_EQ(e1_.Get(Demand(id)).json["state"], "replied") << "nothing written";
  EXPECT_EQ(e1_.Get("/api/enterprise-demands?status=bogus").status, 400);
}

TEST_F(EnterpriseDemandApi, TheChainLeaderSeesTheChainsProblemsAndPainPointsWhateverTheDataScope) {
  const int64_t a1 = File(e1_, "招工难，缺普工");
  const int64_t a2 = File(e1_, "技工培训补贴未兑现", "0506");
  const int64_t b1 = File(e2_, "检测中心用电增容", "0507");  // 5 working days to reply
  Dispatch(b1);

  // Chain: 3 unresolved, none overdue. A: 2 (weight 2 of 3, 66%) → pain point; B: 1 → not.
  Reply pain = leader_.Get(Chain("pain-points"));
  ASSERT_EQ(pain.status, 200) << pain.body;
  EXPECT_EQ(pain.json["scope"], "chain_leader");
  EXPECT_EQ(pain.json["unresolved"], 3);
  EXPECT_EQ(pain.json["overdue"], 0);
  EXPECT_EQ(pain.json["weight"], 3);
  EXPECT_EQ(pain.json["pain_point_count"], 1);
  ASSERT_EQ(pain.json["segments"].size(), 2u);
  EXPECT_EQ(pain.json["segments"][0]["id"], seg_a_);
  EXPECT_EQ(pain.json["segments"][0]["load"]["unresolved"], 2);
  EXPECT_EQ(pain.json["segments"][0]["load"]["share_percent"], 66);
  EXPECT_TRUE(pain.json["segments"][0]["load"]["pain_point"].get<bool>());
  EXPECT_FALSE(pain.json["segments"][1]["load"]["pain_point"].get<bool>());

  Reply problems = leader_.Get(Chain("problems"));
  ASSERT_EQ(problems.status, 200) << problems.body;
  EXPECT_EQ(problems.json["scope"], "chain_leader");
  EXPECT_EQ(problems.json["total"], 3);
  std::set<int64_t> ids;
  for (const auto& p : problems.json["items"]) ids.insert(p["case_id"].get<int64_t>());
  EXPECT_EQ(ids, (std::set<int64_t>{a1, a2, b1}));
  EXPECT_EQ(problems.body.find("13907960001"), std::string::npos) << "no reporter's phone in the leader's list";
  // Drill-down: the leader opens the case itself (masked), the same role without the position does not.
  Reply opened = leader_.Get("/api/cases/" + std::to_string(a1));
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.body.find("13907960001"), std::string::npos) << "personal data masked for the leader";
  EXPECT_EQ(other_staff_.Get("/api/cases/" + std::to_string(a1)).status, 404);

  // Twenty days later B's case is overdue: B weighs 2 of 4 (50%) and becomes a pain point too.
  server_.clock().Advance(20 * kDayMs);
  LogInAll();
  pain = leader_.Get(Chain("pain-points"));
  ASSERT_EQ(pain.status, 200) << pain.body;
  EXPECT_EQ(pain.json["overdue"], 1);
  EXPECT_EQ(pain.json["weight"], 4);
  EXPECT_EQ(pain.json["pain_point_count"], 2);
  Reply overdue = leader_.Get(Chain("problems?overdue=true"));
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  ASSERT_EQ(overdue.json["total"], 1);
  const json& late = overdue.json["items"][0];
  EXPECT_EQ(late["case_id"], b1);
  EXPECT_TRUE(late["overdue"].get<bool>());
  EXPECT_EQ(late["enterprise_name"], "吉安乙检测有限公司");
  EXPECT_EQ(late["lead_unit_name"], "吉安市人力资源和社会保障局");
  EXPECT_EQ(late["segments"][0]["name"], "检测");
  // Overdue first in the full list.
  EXPECT_EQ(leader_.Get(Chain("problems")).json["items"][0]["case_id"], b1);
  // Filters and paging.
  EXPECT_EQ(leader_.Get(Chain("problems?segment_id=" + std::to_string(seg_a_))).json["total"], 2);
  EXPECT_EQ(leader_.Get(Chain("problems?unit_id=" + std::to_string(labour_))).json["total"], 1);
  EXPECT_EQ(leader_.Get(Chain("problems?enterprise_id=" + std::to_string(firm1_))).json["total"], 2);
  Reply paged = leader_.Get(Chain("problems?page=2&page_size=2"));
  EXPECT_EQ(paged.json["total"], 3);
  EXPECT_EQ(paged.json["items"].size(), 1u);
  Reply wrong_segment = leader_.Get(Chain("problems?segment_id=" + std::to_string(other_seg_)));
  EXPECT_EQ(wrong_segment.status, 400);
  EXPECT_EQ(wrong_segment.ErrorField(), "segment_id");

  // A closed case is no longer a problem.
  Reply_(b1, "已增容");
  Reply ok = e2_.Post(Demand(b1) + "/rating", {{"rating", 5}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(leader_.Get(Chain("problems")).json["total"], 2);

  // The same staff role without the position: the data scope (a unit that took no part) shows none.
  Reply others = other_staff_.Get(Chain("problems"));
  ASSERT_EQ(others.status, 200) << others.body;
  EXPECT_EQ(others.json["scope"], "data_scope");
  EXPECT_EQ(others.json["total"], 0);
  EXPECT_EQ(other_staff_.Get(Chain("pain-points")).json["unresolved"], 0);
  // The intake centre's dispatcher sees the cases its unit registered.
  EXPECT_EQ(dispatcher_.Get(Chain("problems")).json["total"], 2);
  // No case:case:read and no position: refused. Unknown chain: 404.
  EXPECT_EQ(e1_.Get(Chain("problems")).status, 403);
  EXPECT_EQ(e1_.Get(Chain("pain-points")).status, 403);
  EXPECT_EQ(leader_.Get("/api/chains/999999/pain-points").status, 404);
  // A leader of one chain is no leader of another: there the data scope applies.
  EXPECT_EQ(leader_.Get("/api/chains/" + std::to_string(other_chain_) + "/problems").json["scope"], "data_scope");
}

}  // namespace
}  // namespace lz::testing
