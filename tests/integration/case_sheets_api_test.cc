// The case categories' spreadsheets through the API, on SQLite and on PostgreSQL: the template; an
// xlsx that creates a three-level branch (children before parents in the file) and updates
// shipped categories, as the catalogue keeper (case:catalogue:write) — one operation-log row; a
// CSV with bad rows (unknown parent, a child of a refused row, limits and ladder the domain
// refuses, cells out of range, a repeated code) reported row by row with their columns, writing
// nothing all-or-nothing and the good rows skip-bad-rows; wrong headers refused whole; the export
// (xlsx and CSV) imported back restores the catalogue it came from; the import refused without
// case:catalogue:write; and the import as a job followed at /api/jobs/{id}.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "harness.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Category-Sheets-Passw0rd";

const char* kHeader =
    "分类编码,分类名称,签收时限（工作日）,办理时限（工作日）,最多延期（工作日）,到期前预警（工作日）,"
    "超期后督办（工作日）,超期后通报（工作日）,超期后提级（工作日）,是否启用,排序\n";

class CaseSheetsApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    const std::map<std::string, int64_t> ids = RoleIds(admin_);
    const int64_t unit = CreateUnit(admin_, "吉州区12345热线中心");
    ASSERT_GT(unit, 0);
    for (const auto& [login, role] : {std::pair{"keeper1", "case_supervisor"}, std::pair{"intake1", "case_dispatcher"}}) {
      CreateUser(admin_, login, unit, ids.at(role), "all", kPassword);
    }
    ASSERT_EQ(keeper_.Login("keeper1", kPassword).status, 200);
    ASSERT_EQ(intake_.Login("intake1", kPassword).status, 200);
  }

  Reply Import(Client& c, const std::string& body, const std::string& mode) {
    return c.Send("POST", "/api/case-categories/import?wait=true&mode=" + mode, body, "application/octet-stream");
  }
  // The catalogue by code.
  std::map<std::string, json> Catalogue() {
    std::map<std::string, json> out;
    Reply r = admin_.Get("/api/case-categories");
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& c : r.json["items"]) out[c["code"].get<std::string>()] = c;
    return out;
  }
  int64_t Operations(const std::string& action) {
    return admin_.Get("/api/audit/operations?page_size=1&action=" + action).json.value("total", int64_t{-1});
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client keeper_{server_.port()};
  Client intake_{server_.port()};
};

// An xlsx as a user fills one in: text codes, numbers as numbers, 是/否 as text.
std::string Xlsx(const std::vector<std::vector<io::OutCell>>& rows) {
  io::WriteSheet sheet;
  sheet.name = "诉求分类";
  for (const char* h : {"分类编码", "分类名称", "签收时限（工作日）", "办理时限（工作日）", "最多延期（工作日）",
                        "到期前预警（工作日）", "超期后督办（工作日）", "超期后通报（工作日）", "超期后提级（工作日）",
                        "是否启用", "排序"}) {
    sheet.columns.push_back(io::WriteColumn{h});
  }
  sheet.rows = rows;
  auto bytes = io::WriteXlsx({sheet});
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

std::vector<io::OutCell> Row(const std::string& code, const std::string& name, std::vector<double> days,
                             const std::string& active, std::optional<double> order) {
  std::vector<io::OutCell> r = {io::OutCell::Text(code), io::OutCell::Text(name)};
  for (double d : days) r.push_back(io::OutCell::Number(d));
  r.push_back(active.empty() ? io::OutCell{} : io::OutCell::Text(active));
  r.push_back(order ? io::OutCell::Number(*order) : io::OutCell{});
  return r;
}

TEST_F(CaseSheetsApi, TemplateHasTheColumnsAndAnInstructionsSheet) {
  Reply t = keeper_.Get("/api/case-categories/template");
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(t.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(t.Header("content-disposition").find("filename*=UTF-8''"), std::string::npos);
  auto rows = XlsxRows(t.body);
  ASSERT_FALSE(rows.empty());
  ASSERT_EQ(rows[0].size(), 11u);
  EXPECT_EQ(rows[0][0], "*分类编码") << "required columns are marked";
  EXPECT_EQ(rows[0][8], "*超期后提级（工作日）");
  EXPECT_EQ(rows[0][9], "是否启用") << "optional";
  EXPECT_EQ(rows[0][10], "排序");
  auto names = io::XlsxSheetNames(t.body);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names->size(), 2u);
  Reply csv = keeper_.Get("/api/case-categories/template?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.body.find("分类编码,分类名称,签收时限（工作日）"), std::string::npos) << csv.body;
}

TEST_F(CaseSheetsApi, AnXlsxCreatesABranchAndUpdatesExistingCategories) {
  auto before = Catalogue();
  ASSERT_TRUE(before.count("0101")) << "the shipped catalogue has 0101 物业管理";
  ASSERT_FALSE(before.count("77"));
  const int64_t imports_before = Operations("case.category.import");
  std::string file = Xlsx({
      Row("770101", "共享单车乱停放", {1, 3, 3, 1, 1, 2, 4}, "", std::nullopt),  // before its parents
      Row("7701", "非机动车管理", {1, 5, 5, 1, 2, 4, 6}, "是", 3),
      Row("0101", "物业服务纠纷", {2, 12, 6, 2, 3, 6, 9}, "否", 7),                 // updated
      Row("77", "交通秩序", {1, 10, 10, 1, 2, 5, 10}, "", 90),
      Row("0102", before["0102"]["name"].get<std::string>(), {1, 5, 5, 1, 1, 3, 5}, "", std::nullopt),  // blanks keep
  });
  Reply rep = Import(keeper_, file, "all_or_nothing");
  ASSERT_EQ(rep.status, 200) << rep.body;
  EXPECT_TRUE(rep.json["committed"].get<bool>()) << rep.body;
  EXPECT_EQ(rep.json["format"], "xlsx");
  EXPECT_EQ(rep.json["data_rows"], 5);
  EXPECT_EQ(rep.json["imported"], 5);
  EXPECT_TRUE(rep.json["errors"].empty()) << rep.body;

  auto after = Catalogue();
  EXPECT_EQ(after.size(), before.size() + 3);
  ASSERT_TRUE(after.count("77") && after.count("7701") && after.count("770101"));
  EXPECT_TRUE(after["77"]["parent_id"].is_null());
  EXPECT_EQ(after["7701"]["parent_id"], after["77"]["id"]);
  EXPECT_EQ(after["770101"]["parent_id"], after["7701"]["id"]);
  EXPECT_EQ(after["770101"]["name"], "共享单车乱停放");
  EXPECT_EQ(after["770101"]["handle_days"], 3);
  EXPECT_EQ(after["770101"]["ladder"], json({{"warn_before_days", 1}, {"supervise_after_days", 1},
                                              {"circulate_after_days", 2}, {"escalate_after_days", 4}}));
  EXPECT_TRUE(after["770101"]["active"].get<bool>()) << "a new category is active when the cell is blank";
  EXPECT_EQ(after["770101"]["sort_order"], 0);
  EXPECT_EQ(after["7701"]["sort_order"], 3);
  EXPECT_EQ(after["77"]["sort_order"], 90);

  // The update: everything but the code and the parent.
  EXPECT_EQ(after["0101"]["id"], before["0101"]["id"]);
  EXPECT_EQ(after["0101"]["parent_id"], before["0101"]["parent_id"]);
  EXPECT_EQ(after["0101"]["name"], "物业服务纠纷");
  EXPECT_EQ(after["0101"]["sign_days"], 2);
  EXPECT_EQ(after["0101"]["handle_days"], 12);
  EXPECT_EQ(after["0101"]["max_extension_days"], 6);
  EXPECT_EQ(after["0101"]["ladder"]["escalate_after_days"], 9);
  EXPECT_FALSE(after["0101"]["active"].get<bool>());
  EXPECT_EQ(after["0101"]["sort_order"], 7);
  // Blank active and order keep what was stored.
  EXPECT_EQ(after["0102"]["active"], before["0102"]["active"]);
  EXPECT_EQ(after["0102"]["sort_order"], before["0102"]["sort_order"]);

  // One operation-log row for the whole import, none per category.
  EXPECT_EQ(Operations("case.category.import"), imports_before + 1);
  EXPECT_EQ(Operations("case.category.create"), 0);
  EXPECT_EQ(Operations("case.category.update"), 0);
  Reply log = admin_.Get("/api/audit/operations?action=case.category.import&login=keeper1");
  ASSERT_EQ(log.json["items"].size(), 1u) << log.body;
  EXPECT_EQ(log.json["items"][0]["result"], "ok");
  EXPECT_NE(log.json["items"][0]["detail"].get<std::string>().find("3 created, 2 updated"), std::string::npos)
      << log.json["items"][0]["detail"];
}

TEST_F(CaseSheetsApi, BadRowsAreReportedRowByRowAndTheModeIsHonoured) {
  const std::string file = std::string(kHeader) +
                           "7801,楼道堆物,1,5,5,1,2,4,6,,\n"        // 2: good, its parent comes later
                           "7901,无上级分类,1,5,5,1,2,4,6,,\n"      // 3: parent 79 nowhere
                           "790101,上级有误,1,5,5,1,2,4,6,,\n"      // 4: parent 7901 is refused
                           "7802,签收长于办理,6,5,5,1,2,4,6,,\n"    // 5: sign-for > handling (domain)
                           "7803,阶梯倒置,1,5,5,1,5,3,6,,\n"        // 6: circulate before supervise (domain)
                           "7804,签收为零,0,5,5,1,2,4,6,,\n"        // 7: below the column's minimum (cell)
                           "7801,重复编码,1,5,5,1,2,4,6,,\n"        // 8: repeated code (cell)
                           "78,社区环境,1,10,10,1,2,5,10,是,\n"     // 9: good
                           "7,编码位数不对,1,5,5,1,2,4,6,,\n";      // 10: odd-length code (domain)
  const auto before = Catalogue();
  const int64_t imports_before = Operations("case.category.import");

  Reply all = Import(keeper_, file, "all_or_nothing");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_FALSE(all.json["committed"].get<bool>());
  EXPECT_EQ(all.json["format"], "csv");
  EXPECT_EQ(all.json["imported"], 0);
  EXPECT_EQ(all.json["data_rows"], 9);
  const json& errors = all.json["errors"];
  ASSERT_EQ(errors.size(), 7u) << all.body;
  // row, column, header of each refused row, in row order.
  const std::vector<std::tuple<int, std::string, std::string>> expected = {
      {3, "A", "分类编码"},         {4, "A", "分类编码"},           {5, "C", "签收时限（工作日）"},
      {6, "H", "超期后通报（工作日）"}, {7, "C", "签收时限（工作日）"}, {8, "A", "分类编码"},
      {10, "A", "分类编码"}};
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& [row, column, header] = expected[i];
    EXPECT_EQ(errors[i]["row"], row) << errors[i];
    EXPECT_EQ(errors[i]["column"], column) << errors[i];
    EXPECT_EQ(errors[i]["header"], header) << errors[i];
    EXPECT_FALSE(errors[i]["message"].get<std::string>().empty());
  }
  EXPECT_NE(errors[0]["message"].get<std::string>().find("上级分类 79 不存在"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1]["message"].get<std::string>().find("上级分类 7901 不存在"), std::string::npos) << errors[1];
  EXPECT_EQ(Catalogue(), before) << "all-or-nothing with bad rows writes nothing";
  EXPECT_EQ(Operations("case.category.import"), imports_before) << "nor its log row";

  Reply skip = Import(keeper_, file, "skip_bad_rows");
  ASSERT_EQ(skip.status, 200) << skip.body;
  EXPECT_TRUE(skip.json["committed"].get<bool>());
  EXPECT_EQ(skip.json["imported"], 2);
  EXPECT_EQ(skip.json["errors"], errors) << "the same report";
  auto after = Catalogue();
  EXPECT_EQ(after.size(), before.size() + 2);
  ASSERT_TRUE(after.count("78") && after.count("7801"));
  EXPECT_EQ(after["7801"]["parent_id"], after["78"]["id"]);
  EXPECT_EQ(after["7801"]["name"], "楼道堆物") << "the first of the repeated rows";
  EXPECT_FALSE(after.count("7901") || after.count("790101") || after.count("7802"));
  EXPECT_EQ(Operations("case.category.import"), imports_before + 1);
}

TEST_F(CaseSheetsApi, WrongFilesAreRefusedWhole) {
  const auto before = Catalogue();
  Reply unknown = Import(keeper_, "名称,代码\n甲,1\n", "skip_bad_rows");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.ErrorField(), "header");
  // The enterprise template's header is not this sheet's.
  Reply other = Import(keeper_, "统一社会信用代码,企业名称\n91440300708461136T,深圳示例电子有限公司\n", "skip_bad_rows");
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(other.ErrorField(), "header");
  // Required columns missing: the ladder.
  Reply missing = Import(keeper_, "分类编码,分类名称,签收时限（工作日）,办理时限（工作日）\n78,社区环境,1,10\n", "skip_bad_rows");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.ErrorField(), "header");
  EXPECT_NE(missing.json.dump().find("超期后提级"), std::string::npos) << missing.body;
  Reply not_a_sheet = Import(keeper_, std::string("PK\x03\x04garbage", 11), "skip_bad_rows");
  EXPECT_EQ(not_a_sheet.status, 400);
  EXPECT_EQ(Catalogue(), before);
}

TEST_F(CaseSheetsApi, TheExportImportedBackRestoresTheCatalogue) {
  // A branch of our own first, so the export holds more than the shipped rows.
  ASSERT_EQ(Import(keeper_, std::string(kHeader) + "78,社区环境,1,10,10,1,2,5,10,否,5\n7801,楼道堆物,1,5,5,0,2,0,6,,\n",
                   "all_or_nothing").json["imported"], 2);
  const auto saved = Catalogue();
  for (const std::string format : {"xlsx", "csv"}) {
    Reply exported = keeper_.Get("/api/case-categories/export?format=" + format);
    ASSERT_EQ(exported.status, 200) << exported.body;
    if (format == "xlsx") {
      auto rows = XlsxRows(exported.body);
      ASSERT_EQ(rows.size(), saved.size() + 1) << "the header and every category";
      EXPECT_EQ(rows[0][0], "分类编码");
      EXPECT_EQ(rows[1][0], "01") << "by code";
    } else {
      EXPECT_NE(exported.Header("content-type").find("text/csv"), std::string::npos);
      EXPECT_NE(exported.body.find("\n7801,楼道堆物,1,5,5,0,2,0,6,是,0"), std::string::npos) << exported.body;
    }
    // Change the catalogue, then import the export: it is as it was.
    json changed = saved.at("7801");
    changed["name"] = "已改名";
    changed["handle_days"] = 9;
    changed["active"] = false;
    ASSERT_EQ(admin_.Put("/api/case-categories/" + std::to_string(changed["id"].get<int64_t>()),
                         {{"code", "7801"}, {"name", "已改名"}, {"sign_days", 1}, {"handle_days", 9},
                          {"max_extension_days", 5}, {"ladder", changed["ladder"]}, {"active", false},
                          {"sort_order", 0}}).status, 200);
    ASSERT_NE(Catalogue(), saved);
    Reply back = Import(keeper_, exported.body, "all_or_nothing");
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_TRUE(back.json["committed"].get<bool>()) << back.body;
    EXPECT_EQ(back.json["imported"], static_cast<int64_t>(saved.size()));
    EXPECT_TRUE(back.json["errors"].empty()) << back.body;
    EXPECT_EQ(Catalogue(), saved) << format;
  }
}

TEST_F(CaseSheetsApi, ImportingNeedsTheCatalogueRight) {
  const auto before = Catalogue();
  const std::string file = std::string(kHeader) + "78,社区环境,1,10,10,1,2,5,10,是,\n";
  Reply refused = Import(intake_, file, "skip_bad_rows");
  EXPECT_EQ(refused.status, 403) << refused.body;
  Reply job = intake_.Send("POST", "/api/case-categories/import", file, "application/octet-stream");
  EXPECT_EQ(job.status, 403) << "no job is started";
  EXPECT_EQ(Catalogue(), before);
  Reply denied = admin_.Get("/api/audit/operations?login=intake1&result=denied&action=case.category.import");
  EXPECT_EQ(denied.json["total"], 2) << denied.body;
  // Reading the catalogue is enough for the template and the export.
  EXPECT_EQ(intake_.Get("/api/case-categories/template").status, 200);
  EXPECT_EQ(intake_.Get("/api/case-categories/export?format=csv").status, 200);
  EXPECT_EQ(Import(keeper_, file, "skip_bad_rows").json["imported"], 1);
}

TEST_F(CaseSheetsApi, AnImportRunsAsAJob) {
  const std::string file = std::string(kHeader) + "78,社区环境,1,10,10,1,2,5,10,是,\n7901,无上级分类,1,5,5,1,2,4,6,,\n";
  Reply started = keeper_.Send("POST", "/api/case-categories/import?mode=skip_bad_rows", file, "application/octet-stream");
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.json["kind"], "case.category.import");
  const std::string id = started.json["id"];
  EXPECT_EQ(started.Header("location"), "/api/jobs/" + id);
  json job;
  for (int i = 0; i < 60000; ++i) {
    Reply r = keeper_.Get("/api/jobs/" + id);
    ASSERT_EQ(r.status, 200) << r.body;
    job = r.json;
    if (job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["imported"], 1);
  ASSERT_EQ(job["result"]["errors"].size(), 1u);
  EXPECT_EQ(job["result"]["errors"][0]["row"], 3);
  EXPECT_EQ(admin_.Get("/api/jobs/" + id).status, 404) << "only its starter sees the job";
}

}  // namespace
}  // namespace lz::testing
