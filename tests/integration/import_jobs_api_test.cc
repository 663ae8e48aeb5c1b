// Imports as background jobs through the API: POST /api/enterprises/import answers 202 with a job
// that GET /api/jobs/{id} follows to the same report ?wait=true gives; only its owner sees it; a
// bad file ends the job as failed with the error body's fields; the limits answer 429; finished
// jobs expire on the clock; progress runs reading → checking → writing up to the row counts; and
// the domain's row errors name the column the file has the field in.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <thread>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;

const char* kHeader = "统一社会信用代码,企业名称,注册地行政区划代码,是否本地企业,企业规模,上年营业收入（元）,从业人数,成立日期\n";
// Row 2 good, row 3 a wrong check character, row 4 an unknown region, row 5 good, row 6 a size
// the column does not allow (a cell error found by the parser, not the domain).
const char* kRows =
    "91440300708461136T,深圳示例电子有限公司,4403,否,大型,120000000,800,1998-11-11\n"
    "91440300708461136A,校验位错误公司,4403,否,小型,,,\n"
    "914403001922038216,无此地区公司,990000,否,中型,,,\n"
    "91360802MA35F0E16G,吉安甲光电有限公司,360802,是,中型,5000000,120,2016/5/1\n"
    "91360802MA35F0E24B,规模写错公司,360802,是,超大,,,\n";

class ImportJobsApi : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200); }

  Reply Import(Client& c, const std::string& body, const std::string& query) {
    return c.Send("POST", "/api/enterprises/import?" + query, body, "application/octet-stream");
  }

  // Polls the job until it is no longer running. The bound only stops a broken server from
  // hanging the test; nothing here depends on how fast the job is.
  json PollUntilDone(Client& c, const std::string& id) {
    json job;
    for (int i = 0; i < 60000; ++i) {
      Reply r = c.Get("/api/jobs/" + id);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) return r.json;
      job = r.json;
      if (job["state"] != "running") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ADD_FAILURE() << "the job did not finish: " << job.dump();
    return job;
  }

  int64_t Total() { return admin_.Get("/api/enterprises").json.value("total", int64_t{-1}); }

  // A user of the built-in role `role_key` in a unit of their own, signed in on `c`.
  void SignIn(Client& c, const std::string& login, const std::string& role_key) {
    Reply unit = admin_.Post("/api/units", {{"name", "吉安市人民政府"}, {"kind", "government"}, {"region_code", "3608"},
                                            {"parent_id", nullptr}});
    ASSERT_EQ(unit.status, 201) << unit.body;
    const int64_t role = RoleIds(admin_)[role_key];
    Reply user = admin_.Post("/api/users", {{"login", login}, {"name", login}, {"unit_id", unit.json["id"]},
                                            {"role_ids", {role}}, {"scope", {{"kind", "all"}}},
                                            {"password", "Import-Watcher-Passw0rd"}});
    ASSERT_EQ(user.status, 201) << user.body;
    ASSERT_EQ(c.Login(login, "Import-Watcher-Passw0rd").status, 200);
  }

  TestServer server_;
  Client admin_{server_.port()};
};

TEST_F(ImportJobsApi, AJobEndsWithTheReportTheSynchronousImportGives) {
  const std::string file = std::string(kHeader) + kRows;
  Reply started = Import(admin_, file, "mode=all_or_nothing");
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string id = started.json["id"].get<std::string>();
  EXPECT_EQ(id.size(), 32u);
  EXPECT_EQ(started.Header("location"), "/api/jobs/" + id);
  EXPECT_EQ(started.json["kind"], "enterprise.import");
  EXPECT_EQ(started.json["state"], "running");
  EXPECT_TRUE(started.json["result"].is_null());
  EXPECT_TRUE(started.json["error"].is_null());
  EXPECT_TRUE(started.json["finished_at"].is_null());

  json job = PollUntilDone(admin_, id);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_TRUE(job["error"].is_null());
  EXPECT_TRUE(job["finished_at"].is_string());
  EXPECT_EQ(job["phase"], "writing");
  EXPECT_EQ(job["done"], 4) << "the four rows without cell errors were checked against the database";
  EXPECT_EQ(job["total"], 4);

  // The same file and mode with wait=true: nothing was written (all or nothing), so the same report.
  Reply sync = Import(admin_, file, "mode=all_or_nothing&wait=true");
  ASSERT_EQ(sync.status, 200) << sync.body;
  EXPECT_EQ(job["result"], sync.json);
  EXPECT_FALSE(sync.json["committed"].get<bool>());
  EXPECT_EQ(sync.json["data_rows"], 5);
  EXPECT_EQ(sync.json["errors"].size(), 3u);
  EXPECT_EQ(Total(), 0);

  // skip_bad_rows as a job writes the good rows.
  Reply skip = Import(admin_, file, "mode=skip_bad_rows");
  ASSERT_EQ(skip.status, 202);
  json skipped = PollUntilDone(admin_, skip.json["id"].get<std::string>());
  ASSERT_EQ(skipped["state"], "succeeded");
  EXPECT_TRUE(skipped["result"]["committed"].get<bool>());
  EXPECT_EQ(skipped["result"]["imported"], 2);
  EXPECT_EQ(Total(), 2);
}

TEST_F(ImportJobsApi, DomainErrorsNameTheColumnTheFileHasTheFieldIn) {
  Reply rep = Import(admin_, std::string(kHeader) + kRows, "mode=all_or_nothing&wait=true");
  ASSERT_EQ(rep.status, 200) << rep.body;
  const json& errors = rep.json["errors"];
  ASSERT_EQ(errors.size(), 3u) << rep.body;
  EXPECT_EQ(errors[0]["row"], 3);
  EXPECT_EQ(errors[0]["column"], "A") << "a wrong check character, found by the domain";
  EXPECT_EQ(errors[0]["header"], "统一社会信用代码");
  EXPECT_EQ(errors[1]["row"], 4);
  EXPECT_EQ(errors[1]["column"], "C") << "an unknown region, found in the database";
  EXPECT_EQ(errors[1]["header"], "注册地行政区划代码");
  EXPECT_EQ(errors[2]["row"], 6);
  EXPECT_EQ(errors[2]["column"], "E") << "a cell error, found by the parser";

  // Columns in another order and English headers: the letters and headers follow the file.
  const std::string reordered =
      "Name,Region code,Unified social credit code,Local,Size\n"
      "校验位错误公司,4403,91440300708461136A,no,small\n"
      "无此地区公司,990000,914403001922038216,no,medium\n";
  Reply moved = Import(admin_, reordered, "mode=all_or_nothing&wait=true");
  ASSERT_EQ(moved.status, 200) << moved.body;
  ASSERT_EQ(moved.json["errors"].size(), 2u) << moved.body;
  EXPECT_EQ(moved.json["errors"][0]["column"], "C");
  EXPECT_EQ(moved.json["errors"][0]["header"], "Unified social credit code");
  EXPECT_EQ(moved.json["errors"][1]["column"], "B");
  EXPECT_EQ(moved.json["errors"][1]["header"], "Region code");
}

TEST_F(ImportJobsApi, ABadFileEndsTheJobAsFailedWithTheError) {
  Reply started = Import(admin_, "名称,代码\n甲,1\n", "mode=skip_bad_rows");
  ASSERT_EQ(started.status, 202) << started.body;
  json job = PollUntilDone(admin_, started.json["id"].get<std::string>());
  ASSERT_EQ(job["state"], "failed") << job.dump();
  EXPECT_TRUE(job["result"].is_null());
  EXPECT_EQ(job["error"]["code"], "invalid_argument");
  EXPECT_EQ(job["error"]["field"], "header");
  EXPECT_NE(job["error"]["message"].get<std::string>().find("表头"), std::string::npos) << job.dump();

  // With wait=true the same error is the answer, mapped as any error is.
  Reply sync = Import(admin_, "名称,代码\n甲,1\n", "mode=skip_bad_rows&wait=true");
  EXPECT_EQ(sync.status, 400);
  EXPECT_EQ(sync.ErrorField(), "header");
  EXPECT_EQ(sync.json["error"], job["error"]);
  EXPECT_EQ(Total(), 0);
}

TEST_F(ImportJobsApi, OnlyTheOwnerSeesTheJob) {
  Reply started = Import(admin_, std::string(kHeader) + kRows, "mode=all_or_nothing");
  ASSERT_EQ(started.status, 202);
  const std::string id = started.json["id"].get<std::string>();
  ASSERT_EQ(PollUntilDone(admin_, id)["state"], "succeeded");

  Client other(server_.port());
  SignIn(other, "chain.keeper", "chain_admin");
  Reply seen = other.Get("/api/jobs/" + id);
  EXPECT_EQ(seen.status, 404) << seen.body;
  EXPECT_EQ(seen.ErrorCode(), "not_found");
  EXPECT_EQ(admin_.Get("/api/jobs/" + id).status, 200);
  EXPECT_EQ(admin_.Get("/api/jobs/" + std::string(32, 'a')).status, 404);
  EXPECT_EQ(admin_.Get("/api/jobs/not-an-id").status, 400);
  EXPECT_EQ(Client(server_.port()).Get("/api/jobs/" + id).status, 401);
}

TEST_F(ImportJobsApi, WithoutThePermissionNoJobStarts) {
  Client staff(server_.port());
  SignIn(staff, "chain.reader", "staff");
  Reply refused = Import(staff, std::string(kHeader) + kRows, "mode=skip_bad_rows");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(server_.platform().jobs().running(), 0);
}

TEST_F(ImportJobsApi, FinishedJobsExpire) {
  Reply started = Import(admin_, std::string(kHeader) + kRows, "mode=all_or_nothing");
  ASSERT_EQ(started.status, 202);
  const std::string id = started.json["id"].get<std::string>();
  ASSERT_EQ(PollUntilDone(admin_, id)["state"], "succeeded");
  server_.clock().Advance(10 * kMinuteMs);
  EXPECT_EQ(admin_.Get("/api/jobs/" + id).status, 404);
}

TEST_F(ImportJobsApi, TooManyJobsAreRefusedWith429) {
  // A job of the admin's that stays running until the test lets it end.
  Reply me = admin_.Get("/api/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  int64_t admin_id = me.json["user"]["id"].get<int64_t>();
  services::Actor admin;
  admin.user_id = admin_id;
  // Opened on every way out of the test, so a failed assertion cannot leave the jobs waiting.
  struct Release {
    std::promise<void> promise;
    ~Release() { Open(); }
    void Open() {
      if (!opened) promise.set_value();
      opened = true;
    }
    bool opened = false;
  } release;
  std::shared_future<void> released = release.promise.get_future().share();
  auto& jobs = server_.platform().jobs();
  std::vector<std::string> held;
  for (int i = 0; i < services::JobLimits{}.max_running_per_user; ++i) {
    auto h = jobs.Start<int>(admin, "test.hold", [released](const services::ProgressFn&) -> Result<int> {
      released.wait();
      return 0;
    });
    ASSERT_TRUE(h.ok()) << h.status().ToString();
    held.push_back(h->id);
  }
  Reply refused = Import(admin_, std::string(kHeader) + kRows, "mode=all_or_nothing");
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "resource_exhausted");
  release.Open();
  for (const auto& id : held) ASSERT_TRUE(jobs.Wait(admin, id).ok());
  Reply accepted = Import(admin_, std::string(kHeader) + kRows, "mode=all_or_nothing");
  EXPECT_EQ(accepted.status, 202) << accepted.body;
  PollUntilDone(admin_, accepted.json["id"].get<std::string>());
}

TEST_F(ImportJobsApi, ProgressRunsThroughThePhasesToTheRowCounts) {
  std::string file = kHeader;
  // 250 good rows (more than one progress step) and a blank line, which is no data row.
  for (int i = 0; i < 250; ++i) {
    char code[32];
    std::snprintf(code, sizeof code, "9136080200%07d", i);
    // The check character is the domain's business; a wrong one only makes a row error here, which
    // still passes through the writing phase's count.
    file += std::string(code) + "X,进度测试企业" + std::to_string(i) + "有限公司,360802,是,小型,,,\n";
  }
  file += " ,,,,,,,\n";
  std::vector<services::JobProgress> seen;
  auto report = server_.platform().sheets().ImportEnterprises(
      services::Actor::System("test"), file, io::ImportMode::kSkipBadRows,
      [&](const services::JobProgress& p) { seen.push_back(p); });
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->data_rows, 250);
  ASSERT_GE(seen.size(), 4u);
  EXPECT_EQ(seen.front().phase, services::JobPhase::kReading);
  EXPECT_EQ(seen.back().phase, services::JobPhase::kWriting);
  EXPECT_EQ(seen.back().done, 250);
  EXPECT_EQ(seen.back().total, 250);
  bool checked_all = false;
  bool wrote_midway = false;
  for (size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(static_cast<int>(seen[i].phase), static_cast<int>(seen[i - 1].phase)) << "phases only move forward";
    if (seen[i].phase == seen[i - 1].phase) {
      EXPECT_GE(seen[i].done, seen[i - 1].done) << "counts only grow";
    }
    EXPECT_LE(seen[i].done, seen[i].total);
    if (seen[i].phase == services::JobPhase::kChecking && seen[i].done == 251 && seen[i].total == 251) checked_all = true;
    if (seen[i].phase == services::JobPhase::kWriting && seen[i].done > 0 && seen[i].done < 250) wrote_midway = true;
  }
  EXPECT_TRUE(checked_all) << "checking ends at the rows below the header (the blank one included)";
  EXPECT_TRUE(wrote_midway) << "writing reports before its end";
}

}  // namespace
}  // namespace lz::testing
