// HTTP integration: health, the OpenAPI document and its coverage of the routes, the embedded UI,
// the shipped regions, the audit chain, and the demo organisation of the reference article.
#include <gtest/gtest.h>

#include "domain/auth/permissions.h"
#include "harness.h"
#include "services/demo.h"

namespace lz::testing {
namespace {

TEST(PlatformApi, HealthAndOpenApiAreServed) {
  TestServer s;
  Client c(s.port());
  Reply h = c.Get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.json["status"], "ok");
  Reply doc = c.Get("/api/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.json["openapi"].get<std::string>().substr(0, 2), "3.");
}

TEST(PlatformApi, EveryRouteIsDocumentedAndEveryDocumentedOperationIsRouted) {
  TestServer s;
  std::set<std::pair<std::string, std::string>> routed = {{"GET", "/healthz"}, {"GET", "/api/openapi.json"}};
  std::set<std::string> operation_ids;
  for (const auto& r : s.app().router().routes()) {
    routed.emplace(std::string(http::MethodName(r.method)), r.path_template);
    operation_ids.insert(r.operation_id);
  }
  auto documented = s.app().openapi().Operations();
  for (const auto& op : routed) EXPECT_TRUE(documented.count(op)) << op.first << " " << op.second << " is not documented";
  for (const auto& op : documented) EXPECT_TRUE(routed.count(op)) << op.first << " " << op.second << " has no route";
  // operationIds match too.
  const auto& paths = s.app().openapi().document()["paths"];
  for (const auto& r : s.app().router().routes()) {
    std::string method(http::MethodName(r.method));
    for (char& ch : method) ch = static_cast<char>(std::tolower(ch));
    EXPECT_EQ(paths[r.path_template][method]["operationId"], r.operation_id) << r.path_template;
  }
}

TEST(PlatformApi, RoleSchemasListEveryPermission) {
  TestServer s;
  std::set<std::string> known;
  for (const auto& p : auth::AllPermissions()) known.insert(std::string(p.key));
  for (const char* schema : {"RoleCreate", "RoleUpdate"}) {
    std::set<std::string> documented;
    for (const auto& key : s.app().openapi().document()["components"]["schemas"][schema]["properties"]["permissions"]["items"]["enum"]) {
      documented.insert(key.get<std::string>());
    }
    EXPECT_EQ(documented, known) << schema;
  }
}

TEST(PlatformApi, TheWebUiIsEmbeddedWithHistoryFallback) {
  TestServer s;
  Client c(s.port());
  Reply index = c.Get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("<div id=\"app\""), std::string::npos);
  EXPECT_NE(index.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
  Reply deep = c.Get("/org/units");
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.body, index.body);
  EXPECT_EQ(c.Get("/assets/missing.js").status, 404);
}

TEST(PlatformApi, JiangxiRegionsAreShippedDownToTownships) {
  TestServer s;
  Client c(s.port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  Reply jian = c.Get("/api/regions?parent_code=3608");
  ASSERT_EQ(jian.status, 200);
  EXPECT_EQ(jian.json["items"].size(), 13u) << "the 13 county-level divisions of 吉安市";
  EXPECT_EQ(jian.json["items"][0]["name"], "吉州区");
  Status st = s.platform().store().Read([](storage::Repositories& repos) -> Status {
    EXPECT_EQ(*repos.regions().CountAtLevel(org::RegionLevel::kTownship, "36"), 1767);
    EXPECT_EQ(*repos.regions().CountAtLevel(org::RegionLevel::kCity, "36"), 11);
    EXPECT_EQ(*repos.regions().CountAtLevel(org::RegionLevel::kCounty, "36"), 100);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
  Reply region = c.Get("/api/regions/360728100008");
  ASSERT_EQ(region.status, 200);
  EXPECT_EQ(region.json["name"], "大世界居民委员会");
  EXPECT_EQ(region.json["path"].size(), 5u);
  EXPECT_EQ(region.json["path"][2]["name"], "定南县");
  Reply search = c.Get("/api/regions?q=%E6%AC%A3%E6%82%A6%E6%B9%96");  // 欣悦湖
  ASSERT_EQ(search.status, 200);
  EXPECT_EQ(search.json["items"][0]["code"], "360112005");
  Reply add = c.Post("/api/regions", {{"code", "360112005901"}, {"name", "示例新社区"}, {"parent_code", "360112005"}});
  EXPECT_EQ(add.status, 201) << add.body;
  EXPECT_EQ(add.json["level"], "community");
  EXPECT_EQ(c.Post("/api/regions", {{"code", "360112005901"}, {"name", "重复"}, {"parent_code", "360112005"}}).status, 409);
}

TEST(PlatformApi, AuditChainVerifiesThroughTheApi) {
  TestServer s;
  Client c(s.port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  ASSERT_EQ(c.Post("/api/units", {{"name", "审计测试"}, {"kind", "other"}, {"region_code", "36"}}).status, 201);
  Reply v = c.Get("/api/audit/verify");
  ASSERT_EQ(v.status, 200);
  EXPECT_EQ(v.json["ok"], true);
  EXPECT_GE(v.json["checked"].get<int>(), 4);
  Reply ops = c.Get("/api/audit/operations?action=unit.create");
  EXPECT_EQ(ops.json["items"][0]["detail"], "审计测试");
  EXPECT_EQ(ops.json["items"][0]["login"], "admin");
  EXPECT_EQ(ops.json["items"][0]["client_address"], "127.0.0.1");
}

TEST(PlatformApi, DemoOrganisationOfTheArticle) {
  TestServer s;
  auto summary = services::BuildDemo(s.platform());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(services::BuildDemo(s.platform()).status().code(), StatusCode::kFailedPrecondition);
  Client c(s.port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  EXPECT_EQ(c.Get("/api/positions?kind=chain_leader").json["total"], 18) << "18 city leaders as chain leaders";
  Reply city = c.Get("/api/units?q=%E5%90%89%E5%AE%89%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C");  // 吉安市人民政府
  ASSERT_EQ(city.json["total"], 1);
  std::string city_id = std::to_string(city.json["items"][0]["id"].get<int64_t>());
  Reply departments = c.Get("/api/units?kind=department&page_size=100&parent_id=" + city_id);
  EXPECT_EQ(departments.json["total"], 44) << "8 lead + 36 responsible departments";
  EXPECT_EQ(c.Get("/api/units?kind=community_team").json["total"], 12) << "定南县's 12 community teams";
  EXPECT_EQ(c.Get("/api/units?kind=social_work_station&page_size=1").json["total"], 133) << "124 township + 9 county stations";
  EXPECT_EQ(c.Get("/api/units?kind=advisory_committee").json["total"], 8);
  EXPECT_EQ(c.Get("/api/units?q=%E5%9F%8E%E5%BC%80%E8%8B%91").json["items"][0]["region_code"], "360112005002");
  EXPECT_EQ(c.Get("/api/units?kind=chamber_of_commerce").json["items"][0]["name"], "南昌县工商业联合会");
  Reply verify = c.Get("/api/audit/verify");
  EXPECT_EQ(verify.json["ok"], true);
}

}  // namespace
}  // namespace lz::testing

namespace lz::testing {
namespace {

TEST(PlatformApi, AUnitInUseCannotBeDeleted) {
  TestServer s;
  Client c(s.port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  Reply parent = c.Post("/api/units", {{"name", "上级"}, {"kind", "government"}, {"region_code", "3608"}});
  ASSERT_EQ(parent.status, 201);
  std::string parent_id = std::to_string(parent.json["id"].get<int64_t>());
  Reply child = c.Post("/api/units", {{"name", "下级"}, {"kind", "department"}, {"region_code", "3608"},
                                      {"parent_id", parent.json["id"]}});
  ASSERT_EQ(child.status, 201);
  std::string child_id = std::to_string(child.json["id"].get<int64_t>());
  EXPECT_EQ(c.Delete("/api/units/" + parent_id).status, 409) << "it has a sub-unit";
  ASSERT_EQ(c.Post("/api/positions", {{"user_id", 1}, {"kind", "supervisor"}, {"context_type", "unit"},
                                      {"context_ref", child_id}})
                .status,
            201);
  Reply in_use = c.Delete("/api/units/" + child_id);
  EXPECT_EQ(in_use.status, 409) << "it is the context of a position";
  EXPECT_NE(in_use.json["error"]["message"].get<std::string>().find("position"), std::string::npos);
  Reply positions = c.Get("/api/positions?user_id=1");
  ASSERT_EQ(positions.json["total"], 1);
  EXPECT_EQ(c.Delete("/api/positions/" + std::to_string(positions.json["items"][0]["id"].get<int64_t>())).status, 204);
  EXPECT_EQ(c.Delete("/api/units/" + child_id).status, 204);
  EXPECT_EQ(c.Delete("/api/units/" + parent_id).status, 204);
  EXPECT_EQ(c.Get("/api/units/" + parent_id).status, 404);
}

}  // namespace
}  // namespace lz::testing
