// The chain and enterprise API end to end: chains, segments and their links; the enterprise
// registry with credit-code checks, duplicate refusal and likely-duplicate warnings; memberships
// and supply links; bad input refused with the field named and nothing written; read-only roles.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;

class ChainApi : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200); }

  int64_t Created(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  int64_t NewChain(const std::string& name) {
    return Created(admin_.Post("/api/chains", {{"name", name}, {"region_code", "3608"}}));
  }
  int64_t NewSegment(int64_t chain, const std::string& name, const std::string& stage, json parent = nullptr) {
    return Created(admin_.Post("/api/chains/" + std::to_string(chain) + "/segments",
                               {{"name", name}, {"stage", stage}, {"parent_id", parent}}));
  }
  int64_t NewFirm(const std::string& code, const std::string& name, const std::string& region, bool local) {
    return Created(admin_.Post("/api/enterprises", {{"credit_code", code}, {"name", name}, {"region_code", region},
                                                    {"local", local}, {"size", "large"}, {"revenue", 1000000}}));
  }
  int64_t OperationCount() { return admin_.Get("/api/audit/operations?page_size=1").json.value("total", int64_t{0}); }

  TestServer server_;
  Client admin_{server_.port()};
};

TEST_F(ChainApi, ChainWithSegmentsAndLinks) {
  Reply chain = admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}, {"lead_unit_id", 1},
                                            {"responsible_unit_ids", {1}}, {"target_revenue", 200000000000},
                                            {"target_year", 2025}, {"description", "含 Mini LED 子链"}});
  ASSERT_EQ(chain.status, 201) << chain.body;
  std::string id = std::to_string(chain.json["id"].get<int64_t>());
  EXPECT_EQ(chain.json["region_name"], "吉安市");
  int64_t glue = NewSegment(std::stoll(id), "胶水", "upstream");
  int64_t packaging = NewSegment(std::stoll(id), "封装", "midstream");
  int64_t mini = NewSegment(std::stoll(id), "Mini LED 封装", "midstream", packaging);
  int64_t screens = NewSegment(std::stoll(id), "显示屏", "downstream");
  ASSERT_EQ(admin_.Post("/api/chains/" + id + "/segment-links", {{"from_segment_id", glue}, {"to_segment_id", packaging}}).status, 204);
  ASSERT_EQ(admin_.Post("/api/chains/" + id + "/segment-links", {{"from_segment_id", packaging}, {"to_segment_id", screens}}).status, 204);

  Reply detail = admin_.Get("/api/chains/" + id);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json["segments"].size(), 4u);
  EXPECT_EQ(detail.json["segments"][0]["name"], "胶水") << "upstream first";
  EXPECT_EQ(detail.json["links"].size(), 2u);
  EXPECT_EQ(detail.json["responsible_units"][0]["name"], "系统管理");
  EXPECT_EQ(detail.json["segment_count"], 4);

  // A segment cannot hang below its own sub-segment, nor below another chain's segment.
  Reply cycle = admin_.Put("/api/chains/" + id + "/segments/" + std::to_string(packaging),
                           {{"name", "封装"}, {"stage", "midstream"}, {"parent_id", mini}});
  EXPECT_EQ(cycle.status, 400);
  EXPECT_EQ(cycle.ErrorField(), "parent_id");
  int64_t other = NewChain("生物医药");
  int64_t api = NewSegment(other, "原料药", "upstream");
  Reply foreign = admin_.Post("/api/chains/" + id + "/segments", {{"name", "错位"}, {"stage", "upstream"}, {"parent_id", api}});
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(foreign.ErrorField(), "parent_id");
  EXPECT_NE(foreign.body.find("another chain"), std::string::npos);
  Reply foreign_link = admin_.Post("/api/chains/" + id + "/segment-links", {{"from_segment_id", glue}, {"to_segment_id", api}});
  EXPECT_EQ(foreign_link.status, 400);
  EXPECT_EQ(foreign_link.ErrorField(), "to_segment_id");
  EXPECT_EQ(admin_.Post("/api/chains/" + id + "/segments", {{"name", "胶水"}, {"stage", "upstream"}}).status, 409);
  EXPECT_EQ(admin_.Post("/api/chains/" + id + "/segments", {{"name", "x"}, {"stage", "sideways"}}).status, 400);
  Reply bad_code = admin_.Post("/api/chains/" + id + "/segments", {{"name", "x"}, {"stage", "upstream"}, {"industry_code", "Z99"}});
  EXPECT_EQ(bad_code.ErrorField(), "industry_code");

  // A segment with sub-segments is kept; unlinking and deleting leaves the map consistent.
  EXPECT_EQ(admin_.Delete("/api/chains/" + id + "/segments/" + std::to_string(packaging)).status, 409);
  EXPECT_EQ(admin_.Delete("/api/chains/" + id + "/segment-links?from_segment_id=" + std::to_string(glue) +
                          "&to_segment_id=" + std::to_string(packaging)).status, 204);
  EXPECT_EQ(admin_.Get("/api/chains/" + id).json["links"].size(), 1u);
  Reply list = admin_.Get("/api/chains?q=电子");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json["total"], 1);
  EXPECT_EQ(admin_.Delete("/api/chains/" + std::to_string(other)).status, 204);
  EXPECT_EQ(admin_.Get("/api/chains/" + std::to_string(other)).status, 404);
}

TEST_F(ChainApi, EnterpriseRegistryChecksCodesAndFlagsLikelyDuplicates) {
  int64_t before = OperationCount();
  Reply bad = admin_.Post("/api/enterprises", {{"credit_code", "91440300708461136A"}, {"name", "腾讯"}, {"region_code", "4403"},
                                               {"local", false}, {"size", "large"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorField(), "credit_code");
  EXPECT_NE(bad.body.find("should be 'T'"), std::string::npos) << bad.body;
  Reply short_code = admin_.Post("/api/enterprises", {{"credit_code", "9144030070846"}, {"name", "x"}, {"region_code", "4403"},
                                                      {"local", false}, {"size", "large"}});
  EXPECT_NE(short_code.body.find("18 characters"), std::string::npos);
  Reply nowhere = admin_.Post("/api/enterprises", {{"credit_code", "91440300708461136T"}, {"name", "x"}, {"region_code", "990000"},
                                                   {"local", false}, {"size", "large"}});
  EXPECT_EQ(nowhere.ErrorField(), "region_code");
  EXPECT_EQ(admin_.Get("/api/enterprises").json["total"], 0) << "refused input writes nothing";
  EXPECT_EQ(OperationCount(), before) << "and logs no operation";

  // Full-width, lower-case input is normalised; the region is the rest of China's too.
  Reply ok = admin_.Post("/api/enterprises", {{"credit_code", "９１４４０３００７０８４６１１３６ｔ"}, {"name", "深圳示例电子有限公司"},
                                              {"region_code", "4403"}, {"local", false}, {"size", "large"},
                                              {"founded", "1998-11-11"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json["credit_code"], "91440300708461136T");
  EXPECT_EQ(ok.json["region_name"], "深圳市");
  EXPECT_TRUE(ok.json["similar"].empty());
  Reply dup = admin_.Post("/api/enterprises", {{"credit_code", "91440300708461136T"}, {"name", "另一家"}, {"region_code", "4403"},
                                               {"local", false}, {"size", "small"}});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.ErrorField(), "credit_code");
  EXPECT_NE(dup.body.find("深圳示例电子有限公司"), std::string::npos);
  Reply similar = admin_.Post("/api/enterprises", {{"credit_code", "914403001922038216"}, {"name", "深圳示例电子有限责任公司"},
                                                   {"region_code", "4403"}, {"local", false}, {"size", "large"}});
  ASSERT_EQ(similar.status, 201) << similar.body;
  ASSERT_EQ(similar.json["similar"].size(), 1u);
  EXPECT_EQ(similar.json["similar"][0]["name"], "深圳示例电子有限公司");
  Reply by_code = admin_.Get("/api/enterprises?q=708461136");
  EXPECT_EQ(by_code.json["total"], 1);
  EXPECT_EQ(admin_.Get("/api/enterprises?local=false&region_code=44").json["total"], 2);
  EXPECT_EQ(admin_.Get("/api/enterprises?local=true").json["total"], 0);
}

TEST_F(ChainApi, MembershipsAndSupplyLinks) {
  int64_t chain = NewChain("电子信息");
  int64_t packaging = NewSegment(chain, "封装", "midstream");
  int64_t local = NewFirm("91440300708461136T", "吉安示例光电有限公司", "3608", true);
  int64_t outside = NewFirm("914403001922038216", "深圳示例芯片有限公司", "4403", false);
  std::string l = std::to_string(local), o = std::to_string(outside);
  ASSERT_EQ(admin_.Put("/api/enterprises/" + l + "/memberships/" + std::to_string(packaging), {{"role", "chain_master"}}).status, 204);
  EXPECT_EQ(admin_.Put("/api/enterprises/" + l + "/memberships/999", {{"role", "key"}}).ErrorField(), "segment_id");
  EXPECT_EQ(admin_.Get("/api/enterprises?chain_id=" + std::to_string(chain)).json["total"], 1);

  Reply link = admin_.Post("/api/supply-links", {{"supplier_id", outside}, {"buyer_id", local}, {"volume", 5000000}, {"note", "芯片"}});
  ASSERT_EQ(link.status, 201) << link.body;
  EXPECT_EQ(link.json["supplier_name"], "深圳示例芯片有限公司");
  EXPECT_EQ(admin_.Post("/api/supply-links", {{"supplier_id", outside}, {"buyer_id", local}}).status, 409);
  Reply self = admin_.Post("/api/supply-links", {{"supplier_id", local}, {"buyer_id", local}});
  EXPECT_EQ(self.status, 400);
  EXPECT_EQ(self.ErrorField(), "buyer_id");
  Reply missing = admin_.Post("/api/supply-links", {{"supplier_id", 9999}, {"buyer_id", local}});
  EXPECT_EQ(missing.ErrorField(), "supplier_id");

  Reply profile = admin_.Get("/api/enterprises/" + l);
  ASSERT_EQ(profile.status, 200);
  EXPECT_EQ(profile.json["memberships"][0]["role"], "chain_master");
  EXPECT_EQ(profile.json["memberships"][0]["segment_name"], "封装");
  ASSERT_EQ(profile.json["suppliers"].size(), 1u);
  EXPECT_EQ(profile.json["suppliers"][0]["volume"], 5000000);
  EXPECT_TRUE(profile.json["buyers"].empty());

  std::string link_id = std::to_string(link.json["id"].get<int64_t>());
  Reply changed = admin_.Put("/api/supply-links/" + link_id, {{"volume", 7000000}});
  EXPECT_EQ(changed.json["volume"], 7000000);
  EXPECT_EQ(admin_.Delete("/api/supply-links/" + link_id).status, 204);
  EXPECT_EQ(admin_.Delete("/api/enterprises/" + l + "/memberships/" + std::to_string(packaging)).status, 204);
  EXPECT_EQ(admin_.Delete("/api/enterprises/" + o).status, 204);
  EXPECT_EQ(admin_.Get("/api/enterprises/" + o).status, 404);
}

TEST_F(ChainApi, PositionsInChainsAndEnterprisesReferToRealOnes) {
  int64_t chain = NewChain("电子信息");
  NewFirm("91440300708461136T", "深圳示例电子有限公司", "4403", false);
  auto position = [&](const std::string& kind, const std::string& type, const std::string& ref) {
    return admin_.Post("/api/positions", {{"user_id", 1}, {"kind", kind}, {"context_type", type}, {"context_ref", ref}});
  };
  Reply missing = position("chain_leader", "chain", "99999");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.ErrorField(), "context_ref");
  EXPECT_EQ(position("chain_leader", "chain", "electronics").ErrorField(), "context_ref") << "chains by id, not by key";
  Reply leader = position("chain_leader", "chain", std::to_string(chain));
  ASSERT_EQ(leader.status, 201) << leader.body;
  EXPECT_EQ(leader.json["context_name"], "电子信息") << "the name comes from the chain";
  Reply unknown_firm = position("commissioner", "enterprise", "914403001922038216");
  EXPECT_EQ(unknown_firm.ErrorField(), "context_ref");
  Reply commissioner = position("commissioner", "enterprise", "91440300708461136t");
  ASSERT_EQ(commissioner.status, 201) << commissioner.body;
  EXPECT_EQ(commissioner.json["context_ref"], "91440300708461136T");
  EXPECT_EQ(commissioner.json["context_name"], "深圳示例电子有限公司");
}

TEST_F(ChainApi, StaffReadButDoNotWrite) {
  int64_t chain = NewChain("数字经济");
  const int64_t staff = RoleIds(admin_)["staff"];
  ASSERT_EQ(admin_.Post("/api/users", {{"login", "reader"}, {"name", "读者"}, {"unit_id", 1}, {"role_ids", {staff}},
                                       {"scope", {{"kind", "all"}}}, {"password", "Staff-Viewing-Passw0rd"}})
                .status,
            201);
  Client reader(server_.port());
  ASSERT_EQ(reader.Login("reader", "Staff-Viewing-Passw0rd").status, 200);
  EXPECT_EQ(reader.Get("/api/chains/" + std::to_string(chain)).status, 200);
  EXPECT_EQ(reader.Get("/api/enterprises").status, 200);
  EXPECT_EQ(reader.Post("/api/chains", {{"name", "越权"}, {"region_code", "3608"}}).status, 403);
  EXPECT_EQ(reader.Delete("/api/chains/" + std::to_string(chain)).status, 403);
  EXPECT_EQ(reader.Post("/api/enterprises", {{"credit_code", "91440300708461136T"}, {"name", "x"}, {"region_code", "4403"},
                                             {"local", false}, {"size", "large"}}).status,
            403);
}

}  // namespace
}  // namespace lz::testing
