// Several servers over one database (issue 3): whatever one server commits, the other serves, and
// its in-memory state (the role-permission cache) follows within one second. On PostgreSQL the
// change reaches the other server by LISTEN/NOTIFY; on SQLite (two servers on one file) by polling.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

class TwoServers : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_a_.Login("admin", kAdminPassword).status, 200);
    ASSERT_EQ(admin_b_.Login("admin", kAdminPassword).status, 200);
  }

  TestServer a_;
  TestServer b_{[this](services::PlatformOptions& o) { o.database = a_.database(); }};
  Client admin_a_{a_.port()};
  Client admin_b_{b_.port()};
};

TEST_F(TwoServers, WhatOneServerWritesTheOtherServes) {
  Reply created = admin_a_.Post("/api/units", {{"name", "吉安市工业和信息化局"}, {"kind", "department"},
                                               {"region_code", "3608"}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = std::to_string(created.json["id"].get<int64_t>());
  Reply read = admin_b_.Get("/api/units/" + id);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json["name"], "吉安市工业和信息化局");

  ASSERT_EQ(admin_b_.Put("/api/units/" + id, {{"name", "吉安市工信局"}, {"kind", "department"}, {"region_code", "3608"}})
                .status,
            200);
  EXPECT_EQ(admin_a_.Get("/api/units/" + id).json["name"], "吉安市工信局");
  // The audit chain stays whole with both servers appending to it.
  Reply verify = admin_a_.Get("/api/audit/verify");
  ASSERT_EQ(verify.status, 200) << verify.body;
  EXPECT_EQ(verify.json["ok"], true) << verify.body;
}

TEST_F(TwoServers, ARoleChangedOnOneServerTakesEffectOnTheOtherWithinOneSecond) {
  Reply role = admin_a_.Post("/api/roles", {{"key", "viewer"}, {"name", "查看"}, {"permissions", {"org:unit:read"}}});
  ASSERT_EQ(role.status, 201) << role.body;
  std::string role_id = std::to_string(role.json["id"].get<int64_t>());
  Reply user = admin_a_.Post("/api/users", {{"login", "viewer1"}, {"name", "查看员"}, {"unit_id", 1},
                                            {"role_ids", {role.json["id"]}}, {"scope", {{"kind", "all"}}},
                                            {"password", "Viewer-Someone-Passw0rd"}});
  ASSERT_EQ(user.status, 201) << user.body;

  Client viewer_b(b_.port());
  ASSERT_EQ(viewer_b.Login("viewer1", "Viewer-Someone-Passw0rd").status, 200);
  ASSERT_EQ(viewer_b.Get("/api/units").status, 200);

  // Server A takes unit reading away from the role; server B must refuse within one second.
  ASSERT_EQ(admin_a_.Put("/api/roles/" + role_id, {{"name", "查看"}, {"permissions", {"org:region:read"}}}).status, 200);
  auto deadline = std::chrono::steady_clock::now() + 1s;
  int status = 0;
  while ((status = viewer_b.Get("/api/units").status) == 200 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(status, 403) << "server B still grants what server A revoked one second ago";
  EXPECT_EQ(viewer_b.Get("/api/regions").status, 200) << "and grants what A added";
}

TEST_F(TwoServers, TheChainGraphOfTheOtherServerFollowsWithinOneSecond) {
  Reply chain = admin_a_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}});
  ASSERT_EQ(chain.status, 201) << chain.body;
  std::string c = std::to_string(chain.json["id"].get<int64_t>());
  Reply segment = admin_a_.Post("/api/chains/" + c + "/segments", {{"name", "封装"}, {"stage", "midstream"}});
  ASSERT_EQ(segment.status, 201);
  Reply firm = admin_a_.Post("/api/enterprises", {{"credit_code", "91360802MA35F0E16G"}, {"name", "吉安甲光电有限公司"},
                                                  {"region_code", "360802"}, {"local", true}, {"size", "medium"}});
  ASSERT_EQ(firm.status, 201) << firm.body;
  std::string member = "/api/enterprises/" + std::to_string(firm.json["id"].get<int64_t>()) + "/memberships/" +
                       std::to_string(segment.json["id"].get<int64_t>());
  ASSERT_EQ(admin_a_.Put(member, {{"role", "key"}}).status, 204);
  auto covered = [&] {
    Reply a = admin_b_.Get("/api/chains/" + c + "/analysis");
    return a.status == 200 ? a.json["completeness"]["overall"]["covered_count"].get<int>() : -1;
  };
  auto deadline = std::chrono::steady_clock::now() + 1s;
  while (covered() != 1 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(covered(), 1) << "server B's engine has not seen what server A committed one second ago";
}

}  // namespace
}  // namespace lz::testing
