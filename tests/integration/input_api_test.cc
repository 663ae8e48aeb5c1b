// HTTP integration: bad input is refused with a 4xx naming the field, and writes nothing.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using nlohmann::json;

class InputApi : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(client_.Login("admin", kAdminPassword).status, 200); }

  int64_t UnitCount() { return client_.Get("/api/units?page_size=1").json["total"].get<int64_t>(); }

  TestServer server_;
  Client client_{server_.port()};
};

TEST_F(InputApi, MalformedJsonNamesTheBody) {
  int64_t before = UnitCount();
  Reply r = client_.Send("POST", "/api/units", "{\"name\": \"x\",", "application/json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "body");
  EXPECT_EQ(UnitCount(), before);
}

TEST_F(InputApi, UnknownAndMistypedFieldsAreNamed) {
  int64_t before = UnitCount();
  Reply unknown = client_.Post("/api/units", {{"name", "a"}, {"kind", "department"}, {"region_code", "36"}, {"colour", "red"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.ErrorField(), "colour");
  Reply mistyped = client_.Post("/api/units", {{"name", 42}, {"kind", "department"}, {"region_code", "36"}});
  EXPECT_EQ(mistyped.status, 400);
  EXPECT_EQ(mistyped.ErrorField(), "name");
  Reply bad_enum = client_.Post("/api/units", {{"name", "a"}, {"kind", "ministry"}, {"region_code", "36"}});
  EXPECT_EQ(bad_enum.status, 400);
  EXPECT_EQ(bad_enum.ErrorField(), "kind");
  Reply missing = client_.Post("/api/units", {{"kind", "department"}, {"region_code", "36"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.ErrorField(), "name");
  EXPECT_EQ(UnitCount(), before);
}

TEST_F(InputApi, OverLongStringsAreRefused) {
  std::string name;
  for (int i = 0; i < 101; ++i) name += "长";
  Reply r = client_.Post("/api/units", {{"name", name}, {"kind", "department"}, {"region_code", "36"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "name");
  name.resize(name.size() - 3);  // exactly 100 characters is fine
  EXPECT_EQ(client_.Post("/api/units", {{"name", name}, {"kind", "department"}, {"region_code", "36"}}).status, 201);
}

TEST_F(InputApi, OversizedBodiesGet413) {
  int64_t before = UnitCount();
  std::string big = "{\"name\":\"" + std::string(70 * 1024, 'x') + "\",\"kind\":\"department\",\"region_code\":\"36\"}";
  Reply r = client_.Send("POST", "/api/units", big, "application/json");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.ErrorCode(), "invalid_argument");
  Client fresh(server_.port());
  ASSERT_EQ(fresh.Login("admin", kAdminPassword).status, 200);
  EXPECT_EQ(fresh.Get("/api/units?page_size=1").json["total"], before);
}

TEST_F(InputApi, InvalidRegionCodesAreNamed) {
  Reply shape = client_.Post("/api/units", {{"name", "a"}, {"kind", "department"}, {"region_code", "36x"}});
  EXPECT_EQ(shape.status, 400);
  EXPECT_EQ(shape.ErrorField(), "region_code");
  Reply unknown = client_.Post("/api/units", {{"name", "a"}, {"kind", "department"}, {"region_code", "9999"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.ErrorField(), "region_code");
  Reply region = client_.Post("/api/regions", {{"code", "360803001"}, {"name", "x"}, {"parent_code", "3608"}});
  EXPECT_EQ(region.status, 400);
  EXPECT_EQ(region.ErrorField(), "code");
  Reply query = client_.Get("/api/units?region_code=abc");
  EXPECT_EQ(query.status, 400);
  EXPECT_EQ(query.ErrorField(), "region_code");
}

TEST_F(InputApi, DuplicateLoginNamesAreRefused) {
  json user = {{"login", "dup.user"}, {"name", "甲"}, {"unit_id", 1}, {"role_ids", {4}},
               {"scope", {{"kind", "self"}}}, {"password", "Duplicate-Passw0rd-1"}};
  ASSERT_EQ(client_.Post("/api/users", user).status, 201);
  user["name"] = "乙";
  Reply dup = client_.Post("/api/users", user);
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.ErrorField(), "login");
  Reply list = client_.Get("/api/users?q=dup.user");
  EXPECT_EQ(list.json["total"], 1);
}

TEST_F(InputApi, QueryParametersAreValidated) {
  EXPECT_EQ(client_.Get("/api/units?page_size=500").ErrorField(), "page_size");
  EXPECT_EQ(client_.Get("/api/units?page=zero").ErrorField(), "page");
  EXPECT_EQ(client_.Get("/api/units?sort=name").ErrorField(), "sort");
  EXPECT_EQ(client_.Get("/api/units/abc").ErrorField(), "id");
  EXPECT_EQ(client_.Get("/api/units/999999").status, 404);
}

TEST_F(InputApi, PermissionRefusalsAreLogged) {
  Reply roles = client_.Get("/api/roles");
  int64_t staff = 0;
  for (const auto& r : roles.json["items"]) if (r["key"] == "staff") staff = r["id"];
  ASSERT_EQ(client_.Post("/api/users", {{"login", "reader"}, {"name", "只读"}, {"unit_id", 1}, {"role_ids", {staff}},
                                        {"scope", {{"kind", "all"}}}, {"password", "Viewer-Passw0rd-2026"}})
                .status,
            201);
  Client reader(server_.port());
  ASSERT_EQ(reader.Login("reader", "Viewer-Passw0rd-2026").status, 200);
  int64_t before = UnitCount();
  Reply r = reader.Post("/api/units", {{"name", "越权"}, {"kind", "department"}, {"region_code", "36"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "permission_denied");
  EXPECT_EQ(UnitCount(), before);
  Reply log = client_.Get("/api/audit/operations?login=reader&result=denied");
  ASSERT_EQ(log.status, 200);
  ASSERT_GE(log.json["total"].get<int>(), 1);
  EXPECT_EQ(log.json["items"][0]["action"], "unit.create");
  EXPECT_EQ(reader.Get("/api/audit/operations").status, 403);
}

TEST_F(InputApi, UnknownEndpointsAndMethods) {
  EXPECT_EQ(client_.Get("/api/nothing").status, 404);
  EXPECT_EQ(client_.Send("PATCH", "/api/units", "{}", "application/json").status, 405);
}

}  // namespace
}  // namespace lz::testing
