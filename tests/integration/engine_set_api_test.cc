// A process keeps only the in-memory engines it is told to (services::EngineSet: a CLI command
// loads none, or the one it reports from). Through HTTP, on SQLite and on PostgreSQL, against a
// second server on the same database: a read of an engine left out fails (409, naming the
// engine) instead of answering from an empty engine; lists, writes and the engines kept still
// work, and the kept engine sees the other server's cases.
#include <gtest/gtest.h>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kToday = "from=2025-11-29&to=2025-11-29";

class EngineSetApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    json body = {{"channel", "hotline"}, {"category_code", "0201"}, {"text", "小区门口路灯不亮已经三天"},
                 {"region_code", "360802"}, {"reporter_name", "刘晓明"}, {"reporter_phone", "13907961234"}};
    Reply r = admin_.Post("/api/cases", body);
    ASSERT_EQ(r.status, 201) << r.body;
    ASSERT_EQ(admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}}).status, 201);
  }

  // A second server on this database with `engines`, signed in as admin.
  std::unique_ptr<TestServer> Second(services::EngineSet engines) {
    return std::make_unique<TestServer>([this, engines](services::PlatformOptions& o) {
      o.database = server_.database();
      o.engines = engines;
    });
  }

  static void ExpectNotLoaded(const Reply& r, const std::string& engine) {
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.ErrorCode(), "failed_precondition") << r.body;
    EXPECT_NE(r.body.find(engine), std::string::npos) << r.body;
  }

  TestServer server_;
  Client admin_{server_.port()};
};

TEST_F(EngineSetApi, AProcessWithoutEnginesRefusesTheirReadsAndServesTheRest) {
  auto bare = Second(services::EngineSet::None());
  Client client(bare->port());
  ASSERT_EQ(client.Login("admin", kAdminPassword).status, 200);

  ExpectNotLoaded(client.Get("/api/cases?q=%E8%B7%AF%E7%81%AF"), "case search");  // q=路灯
  ExpectNotLoaded(client.Get(std::string("/api/kpi?") + kToday), "KPI engine");
  ExpectNotLoaded(client.Get("/api/chain-analysis"), "chain graph");

  Reply list = client.Get("/api/cases");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json["total"], 1);
  Reply by_number = client.Get("/api/cases?q=" + list.json["items"][0]["number"].get<std::string>());
  EXPECT_EQ(by_number.status, 200) << by_number.body;  // numbers are matched in SQL, not by the index
  json body = {{"channel", "hotline"}, {"category_code", "0201"}, {"text", "楼道里堆满杂物"},
               {"region_code", "360802"}, {"reporter_name", "王芳"}, {"reporter_phone", "13907965678"}};
  EXPECT_EQ(client.Post("/api/cases", body).status, 201);

  // The full server follows the bare one's write.
  ASSERT_TRUE(server_.platform().CatchUpChanges().ok());
  Reply found = admin_.Get("/api/cases?q=%E6%9D%82%E7%89%A9");  // q=杂物
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json["total"], 1);
}

TEST_F(EngineSetApi, AProcessWithOneEngineAnswersFromItAlone) {
  auto kpi_only = Second(services::EngineSet{.chain_graph = false, .kpi = true, .case_search = false});
  Client client(kpi_only->port());
  ASSERT_EQ(client.Login("admin", kAdminPassword).status, 200);

  Reply kpi = client.Get(std::string("/api/kpi?") + kToday + "&by=channel");
  ASSERT_EQ(kpi.status, 200) << kpi.body;
  EXPECT_EQ(kpi.json, admin_.Get(std::string("/api/kpi?") + kToday + "&by=channel").json);
  EXPECT_EQ(kpi.json["total"]["received"], 1) << kpi.body;
  ExpectNotLoaded(client.Get("/api/cases?q=%E8%B7%AF%E7%81%AF"), "case search");
  ExpectNotLoaded(client.Get("/api/chain-analysis"), "chain graph");
}

}  // namespace
}  // namespace lz::testing
