// The leaders' cockpit through HTTP (issue 7 point 6), on SQLite and on PostgreSQL, on a city
// worked out by hand (the harness clock is 2025-11-29):
//   chain 电子信息: segments 胶水 (upstream, no local member: a breakpoint) and 封装 (midstream,
//     local 吉安甲, revenue 3亿); projects: 甲 signed 2025-03-10 for 5亿 at a 2025 event, 乙 a lead
//     of 2亿, 丙 signed 2024-05-01 for 1亿 (another year); a hotline case about 吉安甲; a work-plan
//     task due 2025-12-05; a signing target of 10亿 for 2025
//   chain 新材料: no segments; project 丁 signed 2025-07-01 for 3亿
// The city leader sees both chains and their sum; a chain leader only the chain led (another chain
// is not found); a reader with neither is refused; the signing target's bad input is named and
// writes nothing; the task turns overdue when the clock passes its deadline.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Cockpit-Tester-Passw0rd";
constexpr int64_t kYi = 100'000'000;
constexpr TimeMs kDecember8 = 1765123200000LL;  // 2025-12-08 00:00 CST

class CockpitApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    ASSERT_TRUE(roles.count("city_leader"));
    unit_ = CreateUnit(admin_, "吉安市工业和信息化局", "3608");
    CreateUser(admin_, "city.leader", unit_, roles["city_leader"], "all", kPassword);
    leader_id_ = CreateUser(admin_, "chain.leader", unit_, roles["staff"], "own_unit", kPassword);
    CreateUser(admin_, "plain.staff", unit_, roles["staff"], "own_unit", kPassword);

    electronics_ = Id(admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}}));
    materials_ = Id(admin_.Post("/api/chains", {{"name", "新材料"}, {"region_code", "3608"}}));
    const std::string c = "/api/chains/" + std::to_string(electronics_) + "/segments";
    glue_ = Id(admin_.Post(c, {{"name", "胶水"}, {"stage", "upstream"}}));
    packaging_ = Id(admin_.Post(c, {{"name", "封装"}, {"stage", "midstream"}}));
    const std::string m = "/api/chains/" + std::to_string(materials_) + "/segments";
    const int64_t film = Id(admin_.Post(m, {{"name", "薄膜"}, {"stage", "upstream"}}));
    local_ = Id(admin_.Post("/api/enterprises", {{"credit_code", "91360802MA35F0E16G"}, {"name", "吉安甲光电有限公司"},
                                                 {"region_code", "360802"}, {"local", true}, {"size", "medium"},
                                                 {"revenue", 3 * kYi}}));
    investor_ = Id(admin_.Post("/api/enterprises", {{"credit_code", "91440300708461136T"}, {"name", "深圳丙材料有限公司"},
                                                    {"region_code", "4403"}, {"local", false}, {"size", "large"}}));
    ASSERT_EQ(admin_.Put("/api/enterprises/" + std::to_string(local_) + "/memberships/" + std::to_string(packaging_),
                         {{"role", "member"}}).status,
              204);
    const int64_t event = Id(admin_.Post("/api/promotion-events", {{"name", "2025电子信息产业招商推介会"},
                                                                   {"held_on", "2025-03-10"},
                                                                   {"city", "深圳"},
                                                                   {"chain_id", electronics_},
                                                                   {"unit_ids", {unit_}},
                                                                   {"invited_firms", {"甲科技有限公司"}}}));
    Project("甲项目", electronics_, glue_, 5 * kYi, "2025-03-10", event);
    Project("乙项目", electronics_, packaging_, 2 * kYi, "");
    Project("丙项目", electronics_, packaging_, 1 * kYi, "2024-05-01");
    Project("丁项目", materials_, film, 3 * kYi, "2025-07-01");
    Reply hotline = admin_.Post("/api/cases", {{"channel", "hotline"}, {"category_code", "0501"}, {"title", "企业反映招工难"},
                                               {"text", "企业反映招工难，请协调"}, {"region_code", "360802"},
                                               {"subject_kind", "enterprise"}, {"enterprise_credit_code", "91360802MA35F0E16G"},
                                               {"accept", true}});
    ASSERT_EQ(hotline.status, 201) << hotline.body;
    Reply task = admin_.Post("/api/work-tasks", {{"title", "引进检测服务机构"},
                                                 {"text", "围绕电子信息产业链检测断点，引进一家第三方检测服务机构落地。"},
                                                 {"chain_id", electronics_},
                                                 {"owner_unit_id", unit_},
                                                 {"deadline_on", "2025-12-05"}});
    ASSERT_EQ(task.status, 201) << task.body;
    ASSERT_EQ(admin_.Put(Target(electronics_, 2025), {{"amount", 10 * kYi}}).status, 204);
    ASSERT_EQ(city_.Login("city.leader", kPassword).status, 200);
    ASSERT_EQ(leader_.Login("chain.leader", kPassword).status, 200);
    ASSERT_EQ(staff_.Login("plain.staff", kPassword).status, 200);
  }

  int64_t Id(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  // A project on a chain's segment, signed on `signed_on` ("" to leave it a lead).
  void Project(const std::string& name, int64_t chain, int64_t segment, int64_t agreed, const std::string& signed_on,
               int64_t event = 0) {
    json body = {{"name", name}, {"investor_id", investor_}, {"chain_id", chain}, {"segment_id", segment},
                 {"purpose", "chain_fill"}, {"agreed_amount", agreed}, {"paid_in_amount", 0},
                 {"stage_on", "2024-01-02"}};
    if (event) body["event_id"] = event;
    const int64_t id = Id(admin_.Post("/api/investment-projects", body));
    if (signed_on.empty()) return;
    Reply moved = admin_.Post("/api/investment-projects/" + std::to_string(id) + "/stage",
                              {{"to", "signed"}, {"on", signed_on}});
    ASSERT_EQ(moved.status, 200) << moved.body;
  }
  static std::string Target(int64_t chain, int year) {
    return "/api/chains/" + std::to_string(chain) + "/signing-targets/" + std::to_string(year);
  }
  static const json& Chain(const json& cockpit, int64_t id) {
    for (const json& c : cockpit["chains"]) {
      if (c["chain"]["id"] == id) return c;
    }
    static const json none;
    ADD_FAILURE() << "chain " << id << " not in " << cockpit.dump();
    return none;
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client city_{server_.port()};
  Client leader_{server_.port()};
  Client staff_{server_.port()};
  int64_t unit_ = 0, leader_id_ = 0, electronics_ = 0, materials_ = 0, glue_ = 0, packaging_ = 0;
  int64_t local_ = 0, investor_ = 0;
};

TEST_F(CockpitApi, TheCityCockpitShowsEveryChainAndTheirSum) {
  Reply r = city_.Get("/api/cockpit");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["year"], 2025);
  EXPECT_EQ(r.json["scope"], "city");
  ASSERT_EQ(r.json["chains"].size(), 2u);
  const json& e = Chain(r.json, electronics_);
  EXPECT_EQ(e["chain"]["name"], "电子信息");
  // Health off the graph engine: 2 segments, 1 covered, 胶水 a breakpoint; 吉安甲 and its revenue.
  EXPECT_EQ(e["health"]["segment_count"], 2);
  EXPECT_EQ(e["health"]["covered_count"], 1);
  EXPECT_DOUBLE_EQ(e["health"]["completeness"].get<double>(), 0.5);
  EXPECT_EQ(e["health"]["breakpoint_count"], 1);
  EXPECT_EQ(e["health"]["local_enterprise_count"], 1);
  EXPECT_EQ(e["health"]["local_revenue"], 3 * kYi);
  // The pipeline: 乙 a lead, 甲 and 丙 signed; this year only 甲 (March), against the 10亿 target.
  const json& stages = e["projects"]["by_stage"];
  ASSERT_EQ(stages.size(), 6u);
  EXPECT_EQ(stages[0]["stage"], "lead");
  EXPECT_EQ(stages[0]["count"], 1);
  EXPECT_EQ(stages[0]["agreed_amount"], 2 * kYi);
  EXPECT_EQ(stages[2]["stage"], "signed");
  EXPECT_EQ(stages[2]["count"], 2);
  EXPECT_EQ(stages[2]["agreed_amount"], 6 * kYi);
  EXPECT_EQ(e["projects"]["signed_count"], 1);
  EXPECT_EQ(e["projects"]["signed_amount"], 5 * kYi);
  EXPECT_EQ(e["projects"]["signing_target"], 10 * kYi);
  ASSERT_EQ(e["projects"]["signed_by_month"].size(), 12u);
  EXPECT_EQ(e["projects"]["signed_by_month"][2]["month"], 3);
  EXPECT_EQ(e["projects"]["signed_by_month"][2]["amount"], 5 * kYi);
  EXPECT_EQ(e["projects"]["signed_by_month"][6]["amount"], 0);
  // The 2025 event with the project signed there; the case about 吉安甲; the open task.
  EXPECT_EQ(e["events"]["count"], 1);
  EXPECT_EQ(e["events"]["projects_signed"], 1);
  EXPECT_EQ(e["events"]["amount_signed"], 5 * kYi);
  EXPECT_EQ(e["cases"]["received"], 1);
  EXPECT_EQ(e["tasks"]["open"], 1);
  EXPECT_EQ(e["tasks"]["overdue"], 0);

  const json& m = Chain(r.json, materials_);
  EXPECT_EQ(m["projects"]["signed_amount"], 3 * kYi);
  EXPECT_EQ(m["projects"]["signing_target"], 0);
  EXPECT_EQ(m["cases"]["received"], 0);
  EXPECT_EQ(m["health"]["breakpoint_count"], 1);

  const json& t = r.json["total"];
  EXPECT_EQ(t["projects"]["signed_amount"], 8 * kYi);
  EXPECT_EQ(t["projects"]["signing_target"], 10 * kYi);
  EXPECT_EQ(t["projects"]["by_stage"][2]["count"], 3);
  EXPECT_EQ(t["health"]["segment_count"], 3);
  EXPECT_EQ(t["health"]["breakpoint_count"], 2);
  EXPECT_EQ(t["cases"]["received"], 1);

  // Another year: 丙's 2024 signing, no target, no event; the stages are the pipeline as it stands.
  Reply y2024 = city_.Get("/api/cockpit?year=2024");
  ASSERT_EQ(y2024.status, 200) << y2024.body;
  const json& e24 = Chain(y2024.json, electronics_);
  EXPECT_EQ(e24["projects"]["signed_amount"], 1 * kYi);
  EXPECT_EQ(e24["projects"]["signing_target"], 0);
  EXPECT_EQ(e24["events"]["count"], 0);
  EXPECT_EQ(e24["projects"]["by_stage"][2]["count"], 2);

  // One chain only.
  Reply one = city_.Get("/api/cockpit?chain_id=" + std::to_string(materials_));
  ASSERT_EQ(one.status, 200) << one.body;
  ASSERT_EQ(one.json["chains"].size(), 1u);
  EXPECT_EQ(one.json["total"]["projects"]["signed_amount"], 3 * kYi);

  // After the task's deadline it is overdue.
  server_.clock().Set(kDecember8);
  ASSERT_EQ(city_.Login("city.leader", kPassword).status, 200);
  Reply later = city_.Get("/api/cockpit");
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(Chain(later.json, electronics_)["tasks"]["overdue"], 1);
  EXPECT_EQ(later.json["total"]["tasks"]["overdue"], 1);
  // The drill-down lists the overdue cases themselves: the task's case, not the open hotline case.
  Reply overdue = city_.Get("/api/cases?overdue=true");
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  EXPECT_EQ(overdue.json["total"], 1);
  EXPECT_EQ(city_.Get("/api/cases?overdue=false").json["total"], 2);
}

TEST_F(CockpitApi, AChainLeaderSeesOnlyTheChainsLedAndOthersAreRefused) {
  EXPECT_EQ(leader_.Get("/api/cockpit").status, 403);
  Reply position = admin_.Post("/api/positions", {{"user_id", leader_id_},
                                                  {"kind", "chain_leader"},
                                                  {"context_type", "chain"},
                                                  {"context_ref", std::to_string(materials_)}});
  ASSERT_EQ(position.status, 201) << position.body;
  Reply r = leader_.Get("/api/cockpit");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["scope"], "chain_leader");
  ASSERT_EQ(r.json["chains"].size(), 1u);
  EXPECT_EQ(r.json["chains"][0]["chain"]["id"], materials_);
  EXPECT_EQ(r.json["total"]["projects"]["signed_amount"], 3 * kYi);
  Reply other = leader_.Get("/api/cockpit?chain_id=" + std::to_string(electronics_));
  EXPECT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(other.ErrorField(), "chain_id");

  Reply refused = staff_.Get("/api/cockpit");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(city_.Get("/api/cockpit?year=1999").ErrorField(), "year");
}

TEST_F(CockpitApi, SigningTargetsAreCheckedAndWriteNothingOnBadInput) {
  auto target = [&]() {
    Reply r = city_.Get("/api/cockpit?chain_id=" + std::to_string(electronics_));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json["total"]["projects"]["signing_target"].get<int64_t>();
  };
  Reply negative = admin_.Put(Target(electronics_, 2025), {{"amount", -1}});
  EXPECT_EQ(negative.status, 400);
  EXPECT_EQ(negative.ErrorField(), "amount");
  Reply too_big = admin_.Put(Target(electronics_, 2025), {{"amount", 1'000'000'000'000'001LL}});
  EXPECT_EQ(too_big.status, 400);
  EXPECT_EQ(too_big.ErrorField(), "amount");
  EXPECT_EQ(admin_.Put(Target(electronics_, 1999), {{"amount", kYi}}).ErrorField(), "year");
  EXPECT_EQ(admin_.Put(Target(99999, 2025), {{"amount", kYi}}).status, 404);
  // The city leader reads but does not write (chain:chain:write).
  EXPECT_EQ(city_.Put(Target(electronics_, 2025), {{"amount", kYi}}).status, 403);
  EXPECT_EQ(target(), 10 * kYi);
  // Replaced, then removed with 0.
  ASSERT_EQ(admin_.Put(Target(electronics_, 2025), {{"amount", 12 * kYi}}).status, 204);
  EXPECT_EQ(target(), 12 * kYi);
  ASSERT_EQ(admin_.Put(Target(electronics_, 2025), {{"amount", 0}}).status, 204);
  EXPECT_EQ(target(), 0);
}

TEST_F(CockpitApi, APeriodOfMonthsCountsOnlyItsSigningsEventsAndCases) {
  Reply r = city_.Get("/api/cockpit?from_month=4&to_month=12");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["first_month"], 4);
  const json& e = Chain(r.json, electronics_);
  EXPECT_EQ(e["projects"]["signed_amount"], 0);                       // 甲 signed in March
  EXPECT_EQ(e["projects"]["signed_by_month"][2]["amount"], 5 * kYi);  // the months stay whole
  EXPECT_EQ(e["events"]["count"], 0);
  EXPECT_EQ(e["cases"]["received"], 1);  // accepted on 2025-11-29
  EXPECT_EQ(Chain(r.json, materials_)["projects"]["signed_amount"], 3 * kYi);
  EXPECT_EQ(city_.Get("/api/cockpit?from_month=5&to_month=4").ErrorField(), "month");
}

TEST_F(CockpitApi, TheMonthlyReportGivesTheMonthBesideTheYearAsXlsxAndHtml) {
  Reply file = city_.Get("/api/cockpit/report?year=2025&month=7");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_NE(file.Header("content-disposition").find(".xlsx"), std::string::npos);
  auto rows = XlsxRows(file.body);
  ASSERT_EQ(rows.size(), 4u) << "the header, two chains and the city";
  auto column = [&](const std::string& title) {
    for (size_t i = 0; i < rows[0].size(); ++i) {
      if (rows[0][i] == title) return i;
    }
    ADD_FAILURE() << "no column " << title;
    return size_t{0};
  };
  auto number = [&](size_t row, const std::string& title) { return std::stod(rows[row][column(title)]); };
  EXPECT_EQ(rows[1][0], "电子信息");
  EXPECT_EQ(rows[2][0], "新材料");
  EXPECT_EQ(rows[3][0], "合计");
  // July: 丁 (3亿 = 30,000万元) signed in 新材料; 甲 (March) counts in the year for 电子信息.
  EXPECT_DOUBLE_EQ(number(1, "本月签约额(万元)"), 0);
  EXPECT_DOUBLE_EQ(number(1, "年累计签约额(万元)"), 50000);
  EXPECT_DOUBLE_EQ(number(1, "年度签约目标(万元)"), 100000);
  EXPECT_DOUBLE_EQ(number(1, "目标完成率(%)"), 50);
  EXPECT_DOUBLE_EQ(number(2, "本月签约额(万元)"), 30000);
  EXPECT_DOUBLE_EQ(number(3, "年累计签约额(万元)"), 80000);
  EXPECT_DOUBLE_EQ(number(1, "年累计推介会"), 1);
  EXPECT_DOUBLE_EQ(number(1, "断点环节"), 1);
  EXPECT_DOUBLE_EQ(number(1, "本地企业营收(万元)"), 30000);
  EXPECT_TRUE(rows[2][column("目标完成率(%)")].empty()) << "no target, no rate";

  Reply page = city_.Get("/api/cockpit/report?year=2025&month=7&format=html");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.Header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("产业链链长制月报（2025年7月）"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("全市合计"), std::string::npos);
  EXPECT_NE(page.body.find("80,000.00"), std::string::npos);
  EXPECT_NE(page.body.find("@media print"), std::string::npos);

  // One chain's report names it; bad months and readers without a cockpit are refused.
  Reply one = city_.Get("/api/cockpit/report?year=2025&month=3&format=html&chain_id=" + std::to_string(electronics_));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_NE(one.body.find("电子信息产业链月报（2025年3月）"), std::string::npos) << one.body;
  EXPECT_EQ(one.body.find("全市合计"), std::string::npos);
  EXPECT_EQ(city_.Get("/api/cockpit/report?year=2025&month=13").ErrorField(), "month");
  EXPECT_EQ(staff_.Get("/api/cockpit/report?year=2025&month=7").status, 403);
}

}  // namespace
}  // namespace lz::testing
