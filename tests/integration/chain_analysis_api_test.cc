// Chain analysis through the API on a small graph whose figures are worked out by hand:
//   chain 电子信息: 胶水 (upstream), 封装 (midstream), 显示屏 (downstream)
//   local  L1 吉安甲 in 封装 (chain master), L2 吉安乙 in 显示屏
//   outside O1 深圳丙 (large) in 胶水, O2 东莞丁 in 封装
//   links  O1→L1 900, L1→L2 100, O2→L2 300
// 胶水 has no local member: a breakpoint, and all its supply to local buyers (900) is from outside:
// a leak. 封装 supplies local buyers 400, of which 300 from outside (0.75 > 0.5): a leak.
// Completeness 2/3 overall; upstream 0/1, midstream 1/1, downstream 1/1.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;

class ChainAnalysisApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    chain_ = Id(admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}}));
    std::string c = "/api/chains/" + std::to_string(chain_) + "/segments";
    glue_ = Id(admin_.Post(c, {{"name", "胶水"}, {"stage", "upstream"}}));
    packaging_ = Id(admin_.Post(c, {{"name", "封装"}, {"stage", "midstream"}}));
    screens_ = Id(admin_.Post(c, {{"name", "显示屏"}, {"stage", "downstream"}}));
    l1_ = Firm("91360802MA35F0E16G", "吉安甲光电有限公司", "360802", true, "medium");
    l2_ = Firm("91360802MA35F0E24B", "吉安乙显示有限公司", "360802", true, "medium");
    o1_ = Firm("91440300708461136T", "深圳丙材料有限公司", "4403", false, "large");
    o2_ = Firm("914403001922038216", "东莞丁封装有限公司", "4419", false, "small");
    Member(l1_, packaging_, "chain_master");
    Member(l2_, screens_, "member");
    Member(o1_, glue_, "member");
    Member(o2_, packaging_, "member");
    Link(o1_, l1_, 900);
    Link(l1_, l2_, 100);
    Link(o2_, l2_, 300);
  }

  int64_t Id(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  int64_t Firm(const std::string& code, const std::string& name, const std::string& region, bool local,
               const std::string& size) {
    return Id(admin_.Post("/api/enterprises", {{"credit_code", code}, {"name", name}, {"region_code", region},
                                               {"local", local}, {"size", size}}));
  }
  void Member(int64_t firm, int64_t segment, const std::string& role) {
    ASSERT_EQ(admin_.Put("/api/enterprises/" + std::to_string(firm) + "/memberships/" + std::to_string(segment),
                         {{"role", role}}).status,
              204);
  }
  void Link(int64_t supplier, int64_t buyer, int64_t volume) {
    ASSERT_EQ(admin_.Post("/api/supply-links", {{"supplier_id", supplier}, {"buyer_id", buyer}, {"volume", volume}}).status, 201);
  }
  json Analysis() {
    Reply r = admin_.Get("/api/chains/" + std::to_string(chain_) + "/analysis");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }

  TestServer server_;
  Client admin_{server_.port()};
  int64_t chain_ = 0, glue_ = 0, packaging_ = 0, screens_ = 0, l1_ = 0, l2_ = 0, o1_ = 0, o2_ = 0;
};

TEST_F(ChainAnalysisApi, CompletenessBreakpointsAndLeaksAsWorkedOut) {
  json a = Analysis();
  EXPECT_EQ(a["completeness"]["overall"]["segment_count"], 3);
  EXPECT_EQ(a["completeness"]["overall"]["covered_count"], 2);
  EXPECT_NEAR(a["completeness"]["overall"]["completeness"].get<double>(), 2.0 / 3.0, 1e-9);
  EXPECT_EQ(a["completeness"]["by_stage"]["upstream"]["covered_count"], 0);
  EXPECT_EQ(a["completeness"]["by_stage"]["midstream"]["completeness"], 1.0);
  EXPECT_EQ(a["local_enterprise_count"], 2);
  ASSERT_EQ(a["breakpoints"].size(), 1u);
  EXPECT_EQ(a["breakpoints"][0]["name"], "胶水");
  ASSERT_EQ(a["leaks"].size(), 2u);
  EXPECT_EQ(a["leaks"][0]["name"], "胶水");
  EXPECT_EQ(a["leaks"][0]["supply"]["total_volume"], 900);
  EXPECT_EQ(a["leaks"][1]["name"], "封装");
  EXPECT_EQ(a["leaks"][1]["supply"]["outside_volume"], 300);
  EXPECT_NEAR(a["leaks"][1]["supply"]["outside_share"].get<double>(), 0.75, 1e-9);
  // The map's colours: 胶水 breakpoint, 封装 weak (one local member and a leak), 显示屏 weak (one).
  std::map<std::string, std::string> health;
  for (const auto& s : a["segments"]) health[s["name"]] = s["strength"]["health"];
  EXPECT_EQ(health["胶水"], "breakpoint");
  EXPECT_EQ(health["封装"], "weak");
  EXPECT_EQ(health["显示屏"], "weak");

  Reply all = admin_.Get("/api/chain-analysis");
  ASSERT_EQ(all.status, 200);
  ASSERT_EQ(all.json["items"].size(), 1u);
  EXPECT_EQ(all.json["items"][0]["breakpoint_count"], 1);
  EXPECT_EQ(all.json["items"][0]["leak_count"], 2);
}

TEST_F(ChainAnalysisApi, SegmentMembersAndTargetsWithReasons) {
  Reply seg = admin_.Get("/api/chains/" + std::to_string(chain_) + "/segments/" + std::to_string(packaging_));
  ASSERT_EQ(seg.status, 200) << seg.body;
  ASSERT_EQ(seg.json["members"].size(), 2u);
  EXPECT_EQ(seg.json["members"][0]["name"], "吉安甲光电有限公司") << "the chain master first";
  EXPECT_EQ(seg.json["members"][0]["role"], "chain_master");
  EXPECT_TRUE(seg.json["strength"]["has_chain_master"].get<bool>());

  Reply targets = admin_.Get("/api/chains/" + std::to_string(chain_) + "/segments/" + std::to_string(glue_) + "/targets");
  ASSERT_EQ(targets.status, 200) << targets.body;
  ASSERT_EQ(targets.json["items"].size(), 1u);
  const json& t = targets.json["items"][0];
  EXPECT_EQ(t["name"], "深圳丙材料有限公司");
  std::set<std::string> codes;
  for (const auto& r : t["reasons"]) codes.insert(r["code"]);
  EXPECT_EQ(codes, (std::set<std::string>{"links_with_local", "size", "neighbour_province"}));
  EXPECT_EQ(t["reasons"][0]["count"], 1);
  EXPECT_EQ(t["reasons"][0]["volume"], 900);
  EXPECT_GT(t["score"].get<double>(), 0);
  EXPECT_EQ(admin_.Get("/api/chains/" + std::to_string(chain_) + "/segments/" + std::to_string(glue_) + "/targets?limit=0").status, 400);
  EXPECT_EQ(admin_.Get("/api/chains/" + std::to_string(chain_) + "/segments/99999/targets").status, 404);
}

TEST_F(ChainAnalysisApi, ExposureBothWays) {
  Reply down = admin_.Get("/api/enterprises/" + std::to_string(o1_) + "/exposure?hops=2");
  ASSERT_EQ(down.status, 200) << down.body;
  EXPECT_EQ(down.json["reached"], 2);
  EXPECT_EQ(down.json["reached_local"], 2);
  ASSERT_EQ(down.json["enterprises"].size(), 2u);
  EXPECT_EQ(down.json["enterprises"][0]["name"], "吉安甲光电有限公司");
  EXPECT_EQ(down.json["enterprises"][0]["hops"], 1);
  EXPECT_EQ(down.json["enterprises"][1]["hops"], 2);
  Reply one_hop = admin_.Get("/api/enterprises/" + std::to_string(o1_) + "/exposure?hops=1");
  EXPECT_EQ(one_hop.json["reached"], 1);
  Reply up = admin_.Get("/api/enterprises/" + std::to_string(l2_) + "/exposure?direction=upstream&hops=1&reach=all");
  ASSERT_EQ(up.status, 200);
  EXPECT_EQ(up.json["reached"], 2);
  EXPECT_EQ(up.json["reached_local"], 1);
  EXPECT_EQ(admin_.Get("/api/enterprises/" + std::to_string(o1_) + "/exposure?hops=7").status, 400);
}

TEST_F(ChainAnalysisApi, EveryCommitIsReflectedAtOnce) {
  // A local firm joins 胶水: the breakpoint is filled; the link from outside still leaks.
  int64_t l3 = Firm("91360821MA35F0E32N", "吉安戊胶业有限公司", "360821", true, "small");
  Member(l3, glue_, "key");
  json a = Analysis();
  EXPECT_TRUE(a["breakpoints"].empty());
  EXPECT_EQ(a["completeness"]["overall"]["covered_count"], 3);
  // The outside supplier of 封装 is deleted: 封装 no longer leaks.
  ASSERT_EQ(admin_.Delete("/api/enterprises/" + std::to_string(o2_)).status, 204);
  a = Analysis();
  ASSERT_EQ(a["leaks"].size(), 1u);
  EXPECT_EQ(a["leaks"][0]["name"], "胶水");
  // Removing the segment drops it from every figure.
  ASSERT_EQ(admin_.Delete("/api/chains/" + std::to_string(chain_) + "/segments/" + std::to_string(glue_)).status, 204);
  a = Analysis();
  EXPECT_EQ(a["completeness"]["overall"]["segment_count"], 2);
  EXPECT_TRUE(a["leaks"].empty());
}

}  // namespace
}  // namespace lz::testing
