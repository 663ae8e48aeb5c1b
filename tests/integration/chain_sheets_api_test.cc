// Spreadsheets through the API: the enterprise template, an import with bad rows in both modes
// (row-by-row report; all-or-nothing writes nothing), wrong headers refused, and exports of the
// registry, a chain's gap list and a gap's target list that read back as the data they came from.
#include <gtest/gtest.h>

#include "harness.h"
#include "io/xlsx_reader.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;

class ChainSheetsApi : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200); }

  // The synchronous form (wait=true): the report itself; the job form is in import_jobs_api_test.cc.
  Reply Import(const std::string& body, const std::string& mode) {
    return admin_.Send("POST", "/api/enterprises/import?wait=true&mode=" + mode, body, "application/octet-stream");
  }
  // Every row of the first sheet as text cells.
  std::vector<std::vector<std::string>> Rows(const Reply& file) { return XlsxRows(file.body); }
  int64_t Total() { return admin_.Get("/api/enterprises").json.value("total", int64_t{-1}); }

  TestServer server_;
  Client admin_{server_.port()};
};

const char* kHeader = "统一社会信用代码,企业名称,注册地行政区划代码,是否本地企业,企业规模,上年营业收入（元）,从业人数,成立日期\n";

TEST_F(ChainSheetsApi, TemplateHasTheColumnsAndAnInstructionsSheet) {
  Reply t = admin_.Get("/api/enterprises/template");
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(t.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(t.Header("content-disposition").find("filename*=UTF-8''"), std::string::npos);
  auto rows = Rows(t);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0][0], "*统一社会信用代码") << "required columns are marked";
  EXPECT_EQ(rows[0].size(), 8u);
  auto names = io::XlsxSheetNames(t.body);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names->size(), 2u);
  Reply csv = admin_.Get("/api/enterprises/template?format=csv");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.body.find("统一社会信用代码"), std::string::npos);
}

TEST_F(ChainSheetsApi, ImportReportsBadRowsAndHonoursTheMode) {
  std::string file = std::string(kHeader) +
                     "91440300708461136T,深圳示例电子有限公司,4403,否,大型,120000000,800,1998-11-11\n"
                     "91440300708461136A,校验位错误公司,4403,否,小型,,,\n"
                     "914403001922038216,无此地区公司,990000,否,中型,,,\n"
                     "91360802MA35F0E16G,吉安甲光电有限公司,360802,是,中型,5000000,120,2016/5/1\n"
                     "91360802MA35F0E24B,规模写错公司,360802,是,超大,,,\n";
  Reply all = Import(file, "all_or_nothing");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_FALSE(all.json["committed"].get<bool>());
  EXPECT_EQ(all.json["imported"], 0);
  EXPECT_EQ(all.json["data_rows"], 5);
  ASSERT_EQ(all.json["errors"].size(), 3u) << all.body;
  EXPECT_EQ(all.json["errors"][0]["row"], 3);
  EXPECT_EQ(all.json["errors"][0]["header"], "统一社会信用代码");
  EXPECT_EQ(all.json["errors"][0]["column"], "A");
  EXPECT_EQ(all.json["errors"][1]["row"], 4);
  EXPECT_EQ(all.json["errors"][1]["header"], "注册地行政区划代码");
  EXPECT_EQ(all.json["errors"][1]["column"], "C");
  EXPECT_EQ(all.json["errors"][2]["row"], 6);
  EXPECT_EQ(all.json["errors"][2]["header"], "企业规模");
  EXPECT_EQ(all.json["errors"][2]["column"], "E");
  EXPECT_EQ(Total(), 0) << "all-or-nothing with bad rows writes nothing";

  Reply skip = Import(file, "skip_bad_rows");
  ASSERT_EQ(skip.status, 200) << skip.body;
  EXPECT_TRUE(skip.json["committed"].get<bool>());
  EXPECT_EQ(skip.json["imported"], 2);
  EXPECT_EQ(skip.json["errors"].size(), 3u);
  EXPECT_EQ(Total(), 2);
  Reply jian = admin_.Get("/api/enterprises?q=吉安甲");
  ASSERT_EQ(jian.json["items"].size(), 1u);
  EXPECT_EQ(jian.json["items"][0]["founded"], "2016-05-01");
  EXPECT_TRUE(jian.json["items"][0]["local"].get<bool>());

  // The same file again: every row is now a duplicate or bad, and nothing changes.
  Reply again = Import(file, "skip_bad_rows");
  EXPECT_EQ(again.json["imported"], 0);
  EXPECT_EQ(again.json["errors"].size(), 5u);
  EXPECT_EQ(Total(), 2);
}

TEST_F(ChainSheetsApi, WrongFilesAreRefusedWhole) {
  Reply headers = Import("名称,代码\n甲,1\n", "skip_bad_rows");
  EXPECT_EQ(headers.status, 400);
  EXPECT_EQ(headers.ErrorField(), "header");
  Reply not_a_sheet = Import(std::string("PK\x03\x04garbage", 11), "skip_bad_rows");
  EXPECT_EQ(not_a_sheet.status, 400);
  Reply json_body = admin_.Post("/api/enterprises/import", {{"x", 1}});
  EXPECT_EQ(json_body.status, 400);
  EXPECT_EQ(Total(), 0);
}

TEST_F(ChainSheetsApi, ExportsReadBackAsTheirData) {
  ASSERT_EQ(Import(std::string(kHeader) + "91440300708461136T,深圳示例电子有限公司,4403,否,大型,120000000,800,1998-11-11\n",
                   "all_or_nothing").json["imported"],
            1);
  Reply list = admin_.Get("/api/enterprises/export?region_code=44");
  ASSERT_EQ(list.status, 200);
  auto rows = Rows(list);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], "91440300708461136T");
  EXPECT_EQ(rows[1][1], "深圳示例电子有限公司");
  EXPECT_EQ(rows[1][4], "大型");
  EXPECT_EQ(Rows(admin_.Get("/api/enterprises/export?region_code=36")).size(), 1u) << "the filter applies";

  Reply chain = admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}});
  std::string c = std::to_string(chain.json["id"].get<int64_t>());
  Reply seg = admin_.Post("/api/chains/" + c + "/segments", {{"name", "载带"}, {"stage", "upstream"}});
  std::string s = std::to_string(seg.json["id"].get<int64_t>());
  int64_t firm = admin_.Get("/api/enterprises").json["items"][0]["id"].get<int64_t>();
  ASSERT_EQ(admin_.Put("/api/enterprises/" + std::to_string(firm) + "/memberships/" + s, {{"role", "member"}}).status, 204);
  Reply gaps = admin_.Get("/api/chains/" + c + "/gaps/export");
  ASSERT_EQ(gaps.status, 200) << gaps.body;
  auto gap_rows = Rows(gaps);
  ASSERT_EQ(gap_rows.size(), 2u);
  EXPECT_EQ(gap_rows[1][0], "断点");
  EXPECT_EQ(gap_rows[1][2], "载带");
  Reply targets = admin_.Get("/api/chains/" + c + "/segments/" + s + "/targets/export");
  ASSERT_EQ(targets.status, 200) << targets.body;
  auto target_rows = Rows(targets);
  ASSERT_EQ(target_rows.size(), 2u);
  EXPECT_EQ(target_rows[1][1], "深圳示例电子有限公司");
  EXPECT_NE(target_rows[1][5].find("大型企业"), std::string::npos) << target_rows[1][5];
  EXPECT_NE(target_rows[1][5].find("邻省"), std::string::npos);
}

}  // namespace
}  // namespace lz::testing
