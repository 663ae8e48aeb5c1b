// The investment pipeline through the API (issue 7 points 1–2), on a small chain worked out by hand:
//   chain 电子信息: 胶水 (upstream, no local member: a breakpoint), 封装 (midstream, local 吉安甲)
//   investors: 深圳丙 (outside, registered), and one registered with its project
// Stage moves (forward by any steps, backward only with a reason, dated history with who), the bad
// input of issue 7 (backward without reason, negative and overflowing amounts, paid in above
// agreed without confirmation: 400 naming the field and nothing written), the batch start (all or
// nothing, the failing project named), the gap filled when a project in 胶水 reaches 投产 (the
// chain analysis read before and after), promotion events with their figures per year and chain,
// the investor, chain and segment of a project refused deletion in words (409, nothing deleted),
// and permissions with data scope.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;

class InvestmentApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    chain_ = Id(admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}}));
    const std::string c = "/api/chains/" + std::to_string(chain_) + "/segments";
    glue_ = Id(admin_.Post(c, {{"name", "胶水"}, {"stage", "upstream"}}));
    packaging_ = Id(admin_.Post(c, {{"name", "封装"}, {"stage", "midstream"}}));
    local_ = Id(admin_.Post("/api/enterprises", {{"credit_code", "91360802MA35F0E16G"}, {"name", "吉安甲光电有限公司"},
                                                 {"region_code", "360802"}, {"local", true}, {"size", "medium"}}));
    outside_ = Id(admin_.Post("/api/enterprises", {{"credit_code", "91440300708461136T"}, {"name", "深圳丙材料有限公司"},
                                                   {"region_code", "4403"}, {"local", false}, {"size", "large"}}));
    ASSERT_EQ(admin_.Put("/api/enterprises/" + std::to_string(local_) + "/memberships/" + std::to_string(packaging_),
                         {{"role", "member"}}).status,
              204);
  }

  int64_t Id(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }

  json Project(const std::string& name, int64_t segment, int64_t agreed = 500'000'000) {
    return {{"name", name}, {"investor_id", outside_}, {"chain_id", chain_}, {"segment_id", segment},
            {"purpose", "chain_fill"}, {"agreed_amount", agreed}, {"paid_in_amount", 0},
            {"stage_on", "2025-09-01"}};
  }

  Reply Move(Client& c, int64_t id, const std::string& to, const std::string& on, const std::string& reason = "") {
    json body = {{"to", to}, {"on", on}};
    if (!reason.empty()) body["reason"] = reason;
    return c.Post("/api/investment-projects/" + std::to_string(id) + "/stage", body);
  }

  int64_t ProjectCount() {
    Reply r = admin_.Get("/api/investment-projects");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.value("total", int64_t{-1});
  }

  std::vector<std::string> Breakpoints() {
    Reply r = admin_.Get("/api/chains/" + std::to_string(chain_) + "/analysis");
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    for (const auto& b : r.json["breakpoints"]) out.push_back(b["name"]);
    return out;
  }

  TestServer server_;
  Client admin_{server_.port()};
  int64_t chain_ = 0, glue_ = 0, packaging_ = 0, local_ = 0, outside_ = 0;
};

TEST_F(InvestmentApi, WhatAProjectNamesIsNotDeletedUnderIt) {
  const int64_t id = Id(admin_.Post("/api/investment-projects", Project("新型胶粘材料项目", glue_)));
  const std::string chain = "/api/chains/" + std::to_string(chain_);
  struct Refused {
    std::string target, words;
  };
  for (const Refused& r : {Refused{"/api/enterprises/" + std::to_string(outside_), "investment projects"},
                           Refused{chain + "/segments/" + std::to_string(glue_), "segment 胶水"},
                           Refused{chain, "investment projects"}}) {
    Reply d = admin_.Delete(r.target);
    EXPECT_EQ(d.status, 409) << r.target << " " << d.body;
    EXPECT_EQ(d.json["error"]["code"], "failed_precondition") << d.body;
    EXPECT_NE(d.json["error"]["message"].get<std::string>().find(r.words), std::string::npos) << d.body;
  }
  EXPECT_EQ(admin_.Get("/api/enterprises/" + std::to_string(outside_)).status, 200) << "nothing deleted";
  EXPECT_EQ(admin_.Get(chain).json["segments"].size(), 2u) << admin_.Get(chain).body;
  EXPECT_EQ(admin_.Get("/api/investment-projects/" + std::to_string(id)).status, 200);
  // Unnamed, the other segment and investor go.
  EXPECT_EQ(admin_.Delete(chain + "/segments/" + std::to_string(packaging_)).status, 204);
}

TEST_F(InvestmentApi, StagesMoveForwardFreelyAndBackwardOnlyWithAReason) {
  Reply created = admin_.Post("/api/investment-projects", Project("新型胶粘材料项目", glue_));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json["id"];
  EXPECT_EQ(created.json["stage"], "lead");
  EXPECT_EQ(created.json["investor_name"], "深圳丙材料有限公司");
  EXPECT_EQ(created.json["segment_name"], "胶水");
  ASSERT_EQ(created.json["history"].size(), 1u);
  EXPECT_TRUE(created.json["history"][0]["from"].is_null());

  // Two steps at once: 线索 → 签约; the signed date is that move's.
  Reply signed_up = Move(admin_, id, "signed", "2025-11-10");
  ASSERT_EQ(signed_up.status, 200) << signed_up.body;
  EXPECT_EQ(signed_up.json["stage"], "signed");
  EXPECT_EQ(signed_up.json["signed_on"], "2025-11-10");

  // Backward without a reason: 400 naming "reason", nothing written.
  Reply refused = Move(admin_, id, "negotiating", "2025-11-12");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.ErrorField(), "reason");
  Reply after = admin_.Get("/api/investment-projects/" + std::to_string(id));
  EXPECT_EQ(after.json["stage"], "signed");
  EXPECT_EQ(after.json["history"].size(), 2u);

  // A date before the last move, or after today, is refused naming "on".
  EXPECT_EQ(Move(admin_, id, "started", "2025-11-09").ErrorField(), "on");
  EXPECT_EQ(Move(admin_, id, "started", "2030-01-01").ErrorField(), "on");
  EXPECT_EQ(Move(admin_, id, "signed", "2025-11-12").ErrorField(), "stage");

  // With a reason: moved back, signed date cleared, the history records who, when and why.
  Reply back = Move(admin_, id, "negotiating", "2025-11-12", "投资方董事会要求重谈条款");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json["stage"], "negotiating");
  EXPECT_TRUE(back.json["signed_on"].is_null());
  const json& last = back.json["history"].back();
  EXPECT_EQ(last["from"], "signed");
  EXPECT_EQ(last["to"], "negotiating");
  EXPECT_EQ(last["on"], "2025-11-12");
  EXPECT_EQ(last["reason"], "投资方董事会要求重谈条款");
  EXPECT_EQ(last["by_name"], "系统管理员");
}

TEST_F(InvestmentApi, BadAmountsAreRefusedNamingTheFieldAndNothingIsWritten) {
  json negative = Project("负数项目", glue_);
  negative["agreed_amount"] = -1;
  Reply r = admin_.Post("/api/investment-projects", negative);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "agreed_amount");

  json too_big = Project("溢出项目", glue_);
  too_big["paid_in_amount"] = 1'000'000'000'000'001;
  r = admin_.Post("/api/investment-projects", too_big);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "paid_in_amount");
  // Beyond int64 altogether: sent as raw JSON text.
  r = admin_.Send("POST", "/api/investment-projects",
                  R"({"name":"溢出项目","investor_id":)" + std::to_string(outside_) + R"(,"chain_id":)" +
                      std::to_string(chain_) + R"(,"segment_id":)" + std::to_string(glue_) +
                      R"(,"purpose":"chain_fill","agreed_amount":99999999999999999999999})",
                  "application/json");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.ErrorField(), "agreed_amount");

  json above = Project("超额到资项目", glue_, 100'000'000);
  above["paid_in_amount"] = 120'000'000;
  r = admin_.Post("/api/investment-projects", above);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "paid_in_amount");
  EXPECT_EQ(ProjectCount(), 0);

  above["confirm_paid_in_above_agreed"] = true;
  r = admin_.Post("/api/investment-projects", above);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json["paid_in_amount"], 120'000'000);
  EXPECT_EQ(ProjectCount(), 1);

  // An update lowering the agreed amount below paid in needs the confirmation again.
  json update = above;
  update.erase("confirm_paid_in_above_agreed");
  update["agreed_amount"] = 110'000'000;
  Reply u = admin_.Put("/api/investment-projects/" + std::to_string(r.json["id"].get<int64_t>()), update);
  EXPECT_EQ(u.status, 400);
  EXPECT_EQ(u.ErrorField(), "paid_in_amount");
  EXPECT_EQ(admin_.Get("/api/investment-projects/" + std::to_string(r.json["id"].get<int64_t>())).json["agreed_amount"],
            100'000'000);
  // A segment of another chain is refused.
  json wrong = Project("错误环节", 99999);
  EXPECT_EQ(admin_.Post("/api/investment-projects", wrong).ErrorField(), "segment_id");
}

TEST_F(InvestmentApi, ANewInvestorIsRegisteredWithItsProject) {
  json p = Project("半导体封装测试项目", packaging_);
  p.erase("investor_id");
  p["new_investor"] = {{"credit_code", "914403001922038216"}, {"name", "东莞丁封装有限公司"}, {"region_code", "4419"},
                       {"local", false}, {"size", "small"}};
  Reply r = admin_.Post("/api/investment-projects", p);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json["investor_name"], "东莞丁封装有限公司");
  Reply firms = admin_.Get("/api/enterprises?q=东莞丁");
  ASSERT_EQ(firms.status, 200);
  EXPECT_EQ(firms.json["total"], 1);

  // A credit code already registered: refused naming the new investor's field; nothing written.
  p["name"] = "重复登记";
  r = admin_.Post("/api/investment-projects", p);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.ErrorField(), "new_investor.credit_code");
  EXPECT_EQ(ProjectCount(), 1);
}

TEST_F(InvestmentApi, BatchStartMovesAllOrNothingAndNamesTheFailingProject) {
  std::vector<int64_t> ids;
  for (const char* name : {"项目甲", "项目乙", "项目丙"}) {
    Reply r = admin_.Post("/api/investment-projects", Project(name, packaging_));
    ASSERT_EQ(r.status, 201) << r.body;
    ids.push_back(r.json["id"]);
    ASSERT_EQ(Move(admin_, ids.back(), "signed", "2025-10-01").status, 200);
  }
  ASSERT_EQ(Move(admin_, ids[2], "funded", "2025-10-20").status, 200);

  Reply refused = admin_.Post("/api/investment-batch-start",
                              {{"project_ids", ids}, {"on", "2025-11-18"}, {"ceremony", "四季度重大项目集中开工"}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.ErrorField(), "project_ids");
  EXPECT_NE(refused.json["error"]["message"].get<std::string>().find("项目丙"), std::string::npos) << refused.body;
  EXPECT_EQ(admin_.Get("/api/investment-projects/" + std::to_string(ids[0])).json["stage"], "signed");

  Reply started = admin_.Post("/api/investment-batch-start", {{"project_ids", {ids[0], ids[1]}},
                                                              {"on", "2025-11-18"},
                                                              {"ceremony", "四季度重大项目集中开工"}});
  ASSERT_EQ(started.status, 200) << started.body;
  ASSERT_EQ(started.json["projects"].size(), 2u);
  for (int64_t id : {ids[0], ids[1]}) {
    Reply p = admin_.Get("/api/investment-projects/" + std::to_string(id));
    EXPECT_EQ(p.json["stage"], "started");
    EXPECT_EQ(p.json["stage_on"], "2025-11-18");
    EXPECT_EQ(p.json["history"].back()["reason"], "四季度重大项目集中开工");
  }
  Reply board = admin_.Get("/api/investment-board?chain_id=" + std::to_string(chain_));
  ASSERT_EQ(board.status, 200) << board.body;
  ASSERT_EQ(board.json["columns"].size(), 6u);
  EXPECT_EQ(board.json["columns"][3]["stage"], "started");
  EXPECT_EQ(board.json["columns"][3]["count"], 2);
  EXPECT_EQ(board.json["columns"][3]["agreed_amount"], 1'000'000'000);
  EXPECT_EQ(board.json["columns"][4]["count"], 1);
}

TEST_F(InvestmentApi, AProjectProducingInABreakpointFillsTheGap) {
  EXPECT_EQ(Breakpoints(), (std::vector<std::string>{"胶水"}));
  Reply r = admin_.Post("/api/investment-projects", Project("电子胶粘剂生产基地", glue_));
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = r.json["id"];
  ASSERT_EQ(Move(admin_, id, "funded", "2025-11-01").status, 200);
  EXPECT_EQ(Breakpoints(), (std::vector<std::string>{"胶水"})) << "funded is not producing yet";

  Reply producing = Move(admin_, id, "producing", "2025-11-20");
  ASSERT_EQ(producing.status, 200) << producing.body;
  EXPECT_TRUE(producing.json["investor_local_member"].get<bool>());
  EXPECT_EQ(Breakpoints(), std::vector<std::string>{});
  Reply seg = admin_.Get("/api/chains/" + std::to_string(chain_) + "/segments/" + std::to_string(glue_));
  ASSERT_EQ(seg.status, 200) << seg.body;
  ASSERT_EQ(seg.json["members"].size(), 1u);
  EXPECT_EQ(seg.json["members"][0]["name"], "深圳丙材料有限公司");
  EXPECT_TRUE(admin_.Get("/api/enterprises/" + std::to_string(outside_)).json["local"].get<bool>());
}

TEST_F(InvestmentApi, PromotionEventsWithTheirProjectsAndFiguresPerYearAndChain) {
  const int64_t unit = CreateUnit(admin_, "吉安市商务局");
  Reply e = admin_.Post("/api/promotion-events", {{"name", "2025粤港澳大湾区电子信息产业招商推介会"},
                                                  {"held_on", "2025-06-18"},
                                                  {"city", "深圳"},
                                                  {"chain_id", chain_},
                                                  {"unit_ids", {unit}},
                                                  {"invited_firms", {"甲科技有限公司", "乙电子股份有限公司"}}});
  ASSERT_EQ(e.status, 201) << e.body;
  const int64_t event = e.json["id"];
  EXPECT_EQ(e.json["invited_count"], 2);
  EXPECT_EQ(e.json["unit_names"], json::array({"吉安市商务局"}));
  Reply bad = admin_.Post("/api/promotion-events",
                          {{"name", "x"}, {"held_on", "2025-02-30"}, {"city", "深圳"}, {"unit_ids", {unit}}});
  EXPECT_EQ(bad.ErrorField(), "held_on");

  for (int64_t amount : {300'000'000, 200'000'000}) {
    json p = Project("推介会签约项目", packaging_, amount);
    p["event_id"] = event;
    p["stage"] = "signed";
    p["stage_on"] = "2025-06-18";
    ASSERT_EQ(admin_.Post("/api/investment-projects", p).status, 201);
  }
  json lead = Project("推介会线索", packaging_, 900'000'000);
  lead["event_id"] = event;
  ASSERT_EQ(admin_.Post("/api/investment-projects", lead).status, 201);

  Reply got = admin_.Get("/api/promotion-events/" + std::to_string(event));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json["projects_signed"], 2);
  EXPECT_EQ(got.json["amount_signed"], 500'000'000);
  EXPECT_EQ(got.json["projects"].size(), 3u);
  Reply figures = admin_.Get("/api/promotion-event-figures?year=2025");
  ASSERT_EQ(figures.status, 200) << figures.body;
  ASSERT_EQ(figures.json["rows"].size(), 1u);
  EXPECT_EQ(figures.json["rows"][0]["chain_name"], "电子信息");
  EXPECT_EQ(figures.json["rows"][0]["events"], 1);
  EXPECT_EQ(figures.json["rows"][0]["projects_signed"], 2);
  EXPECT_EQ(figures.json["rows"][0]["amount_signed"], 500'000'000);
  EXPECT_EQ(admin_.Delete("/api/promotion-events/" + std::to_string(event)).status, 409);
}

TEST_F(InvestmentApi, PermissionsAndDataScope) {
  const auto roles = RoleIds(admin_);
  ASSERT_TRUE(roles.count("investment_officer"));
  const int64_t commerce = CreateUnit(admin_, "吉安市商务局");
  const int64_t industry = CreateUnit(admin_, "吉安市工信局");
  CreateUser(admin_, "zhaoshang", commerce, roles.at("investment_officer"), "own_unit", "Officer-Pass-2025!");
  CreateUser(admin_, "clerk1", commerce, roles.at("staff"), "all", "Staffer-Pass-2025!");
  json other = Project("工信局的项目", glue_);
  other["unit_id"] = industry;
  Reply theirs = admin_.Post("/api/investment-projects", other);
  ASSERT_EQ(theirs.status, 201) << theirs.body;

  Client officer(server_.port());
  ASSERT_EQ(officer.Login("zhaoshang", "Officer-Pass-2025!").status, 200);
  Reply mine = officer.Post("/api/investment-projects", Project("商务局的项目", glue_));
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(mine.json["unit_id"], commerce);
  Reply list = officer.Get("/api/investment-projects");
  EXPECT_EQ(list.json["total"], 1);
  EXPECT_EQ(officer.Get("/api/investment-projects/" + std::to_string(theirs.json["id"].get<int64_t>())).status, 404);
  EXPECT_EQ(Move(officer, theirs.json["id"], "signed", "2025-11-20").status, 404);

  Client staff(server_.port());
  ASSERT_EQ(staff.Login("clerk1", "Staffer-Pass-2025!").status, 200);
  EXPECT_EQ(staff.Get("/api/investment-projects").status, 403);
  EXPECT_EQ(staff.Post("/api/investment-projects", Project("无权", glue_)).status, 403);
}

}  // namespace
}  // namespace lz::testing
