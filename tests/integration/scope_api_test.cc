// HTTP integration: a user whose data scope is one county cannot read another county's units,
// users or positions through any endpoint — list, detail, export, search — nor write them.
#include <algorithm>

#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using nlohmann::json;

class ScopeApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    city_ = Create("吉安市人民政府", "government", "3608", std::nullopt);
    jizhou_ = Create("吉州区人民政府", "government", "360802", city_);
    jizhou_dept_ = Create("吉州区工信局", "department", "360802", jizhou_);
    qingyuan_ = Create("青原区人民政府", "government", "360803", city_);
    qingyuan_dept_ = Create("青原区工信局", "department", "360803", qingyuan_);
    Reply roles = admin_.Get("/api/roles");
    for (const auto& r : roles.json["items"]) roles_[r["key"].get<std::string>()] = r["id"].get<int64_t>();
    qingyuan_user_ = CreateUser("qy.staff", qingyuan_dept_, "staff", "own_unit");
    CreateUser("jz.admin", jizhou_, "org_admin", "own_unit_and_below");
    ASSERT_EQ(admin_.Post("/api/positions", {{"user_id", qingyuan_user_}, {"kind", "grid_worker"},
                                             {"context_type", "region"}, {"context_ref", "360803"}})
                  .status,
              201);
    ASSERT_EQ(county_.Login("jz.admin", "County-Admin-Passw0rd").status, 200);
  }

  int64_t Create(const std::string& name, const std::string& kind, const std::string& region,
                 std::optional<int64_t> parent) {
    json body = {{"name", name}, {"kind", kind}, {"region_code", region}};
    body["parent_id"] = parent ? json(*parent) : json(nullptr);
    Reply r = admin_.Post("/api/units", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["id"].get<int64_t>();
  }

  int64_t CreateUser(const std::string& login, int64_t unit, const std::string& role, const std::string& scope) {
    Reply r = admin_.Post("/api/users", {{"login", login}, {"name", login}, {"unit_id", unit},
                                         {"role_ids", {roles_[role]}}, {"scope", {{"kind", scope}}},
                                         {"password", "County-Admin-Passw0rd"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["id"].get<int64_t>();
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client county_{server_.port()};
  int64_t city_ = 0, jizhou_ = 0, jizhou_dept_ = 0, qingyuan_ = 0, qingyuan_dept_ = 0, qingyuan_user_ = 0;
  std::map<std::string, int64_t> roles_;
};

TEST_F(ScopeApi, ListShowsOnlyTheCounty) {
  Reply list = county_.Get("/api/units?page_size=100");
  ASSERT_EQ(list.status, 200);
  std::set<int64_t> ids;
  for (const auto& u : list.json["items"]) ids.insert(u["id"].get<int64_t>());
  EXPECT_EQ(ids, (std::set<int64_t>{jizhou_, jizhou_dept_}));
  EXPECT_EQ(list.json["total"], 2);
}

TEST_F(ScopeApi, SearchAndFiltersStayInsideTheScope) {
  EXPECT_EQ(county_.Get("/api/units?q=%E9%9D%92%E5%8E%9F").json["total"], 0);  // 青原
  EXPECT_EQ(county_.Get("/api/units?region_code=360803").json["total"], 0);
  EXPECT_EQ(county_.Get("/api/units?parent_id=" + std::to_string(qingyuan_)).json["total"], 0);
  EXPECT_EQ(admin_.Get("/api/units?q=%E9%9D%92%E5%8E%9F").json["total"], 2);
}

TEST_F(ScopeApi, DetailOfAnotherCountyIsNotFoundAndLogged) {
  Reply r = county_.Get("/api/units/" + std::to_string(qingyuan_dept_));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(county_.Get("/api/units/" + std::to_string(jizhou_dept_)).status, 200);
  Reply log = admin_.Get("/api/audit/operations?login=jz.admin&result=denied");
  ASSERT_GE(log.json["total"].get<int>(), 1);
  EXPECT_EQ(log.json["items"][0]["object_id"], std::to_string(qingyuan_dept_));
}

TEST_F(ScopeApi, ExportHoldsOnlyTheCounty) {
  Reply csv = county_.Get("/api/units/export");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("吉州区工信局"), std::string::npos);
  EXPECT_EQ(csv.body.find("青原区"), std::string::npos) << csv.body;
  // Header and the county's two units; the city itself appears only as the parent's name.
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 3) << csv.body;
  EXPECT_EQ(csv.body.find("\r\n" + std::to_string(city_) + ","), std::string::npos);
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF"));
}

TEST_F(ScopeApi, UsersAndPositionsOfAnotherCountyAreHidden) {
  Reply users = county_.Get("/api/users?page_size=100");
  ASSERT_EQ(users.status, 200);
  for (const auto& u : users.json["items"]) EXPECT_NE(u["login"], "qy.staff");
  EXPECT_EQ(county_.Get("/api/users/" + std::to_string(qingyuan_user_)).status, 404);
  Reply positions = county_.Get("/api/positions");
  ASSERT_EQ(positions.status, 200);
  EXPECT_EQ(positions.json["total"], 0);
  EXPECT_EQ(admin_.Get("/api/positions").json["total"], 1);
}

TEST_F(ScopeApi, WritesOutsideTheScopeAreRefused) {
  std::string other = std::to_string(qingyuan_dept_);
  EXPECT_EQ(county_.Put("/api/units/" + other, {{"name", "改名"}, {"kind", "department"}, {"region_code", "360803"},
                                                {"parent_id", qingyuan_}})
                .status,
            404);
  EXPECT_EQ(county_.Delete("/api/units/" + other).status, 404);
  Reply under = county_.Post("/api/units", {{"name", "挂到青原"}, {"kind", "department"}, {"region_code", "360802"},
                                            {"parent_id", qingyuan_}});
  EXPECT_EQ(under.status, 400);
  EXPECT_EQ(under.ErrorField(), "parent_id");
  Reply top = county_.Post("/api/units", {{"name", "顶层"}, {"kind", "department"}, {"region_code", "360802"}});
  EXPECT_EQ(top.status, 403);
  Reply wide = county_.Post("/api/users", {{"login", "jz.wide"}, {"name", "x"}, {"unit_id", jizhou_dept_},
                                           {"role_ids", {roles_["staff"]}}, {"scope", {{"kind", "all"}}},
                                           {"password", "County-Admin-Passw0rd"}});
  EXPECT_EQ(wide.status, 403) << "a county admin cannot grant scope all";
  Reply escalate = county_.Post("/api/users", {{"login", "jz.root"}, {"name", "x"}, {"unit_id", jizhou_dept_},
                                               {"role_ids", {roles_["admin"]}}, {"scope", {{"kind", "own_unit"}}},
                                               {"password", "County-Admin-Passw0rd"}});
  EXPECT_EQ(escalate.status, 403) << "a county admin cannot grant permissions it does not hold";
  Reply ok = county_.Post("/api/units", {{"name", "吉州区新单位"}, {"kind", "department"}, {"region_code", "360802"},
                                         {"parent_id", jizhou_}});
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(admin_.Get("/api/units/" + other).json["name"], "青原区工信局");
}

}  // namespace
}  // namespace lz::testing
