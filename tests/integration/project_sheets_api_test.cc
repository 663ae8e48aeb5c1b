// Investment projects' spreadsheets through the API (issue 7 point 1), on the shared component:
//   chain 电子信息 with segments 胶水 and 封装; investors 深圳丙 and 吉安甲 in the registry.
// The template's columns; an import creating projects (stage, stage date, signed_on and the first
// history row as on creation; the responsible unit defaulting to the importer's); a bad file in
// all-or-nothing mode (unknown credit code, paid in above agreed: each named by row and column,
// nothing written); and the export of the list, filtered as the list is.
#include <gtest/gtest.h>

#include "harness.h"
#include "io/xlsx_reader.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;

const char* kHeader =
    "项目名称,投资方统一社会信用代码,投资方名称,产业链,环节,类型,协议投资额（元）,实际到位（元）,阶段,阶段日期,"
    "签约日期,推介会,责任单位,联系人,备注\n";

class ProjectSheetsApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    chain_ = Id(admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}}));
    const std::string c = "/api/chains/" + std::to_string(chain_) + "/segments";
    Id(admin_.Post(c, {{"name", "胶水"}, {"stage", "upstream"}}));
    Id(admin_.Post(c, {{"name", "封装"}, {"stage", "midstream"}}));
    Id(admin_.Post("/api/enterprises", {{"credit_code", "91360802MA35F0E16G"}, {"name", "吉安甲光电有限公司"},
                                        {"region_code", "360802"}, {"local", true}, {"size", "medium"}}));
    Id(admin_.Post("/api/enterprises", {{"credit_code", "91440300708461136T"}, {"name", "深圳丙材料有限公司"},
                                        {"region_code", "4403"}, {"local", false}, {"size", "large"}}));
  }

  int64_t Id(const Reply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  // The synchronous form (wait=true): the report itself.
  Reply Import(const std::string& body, const std::string& mode) {
    return admin_.Send("POST", "/api/investment-projects/import?wait=true&mode=" + mode, body,
                       "application/octet-stream");
  }
  int64_t Total() { return admin_.Get("/api/investment-projects").json.value("total", int64_t{-1}); }
  // The project of that name, with its history.
  json Detail(const std::string& name) {
    Reply list = admin_.Get("/api/investment-projects?q=" + name);
    EXPECT_EQ(list.json["items"].size(), 1u) << list.body;
    if (list.json["items"].empty()) return json::object();
    return admin_.Get("/api/investment-projects/" + std::to_string(list.json["items"][0]["id"].get<int64_t>())).json;
  }

  TestServer server_;
  Client admin_{server_.port()};
  int64_t chain_ = 0;
};

const std::string kGood = std::string(kHeader) +
                          "新型胶粘材料项目,91440300708461136T,深圳丙材料有限公司,电子信息,胶水,补链,\"500,000,000\",0,"
                          "签约,2025-09-01,,,,张三,首批签约\n"
                          "封装扩产项目,91360802MA35F0E16G,,电子信息,封装,强链,80000000,,洽谈,,,,,,\n";

TEST_F(ProjectSheetsApi, TemplateHasTheColumns) {
  Reply t = admin_.Get("/api/investment-projects/template");
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(t.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  auto rows = XlsxRows(t.body);
  ASSERT_FALSE(rows.empty());
  ASSERT_EQ(rows[0].size(), 15u);
  EXPECT_EQ(rows[0][0], "*项目名称") << "required columns are marked";
  EXPECT_EQ(rows[0][1], "*投资方统一社会信用代码");
  EXPECT_EQ(rows[0][2], "投资方名称");
  EXPECT_EQ(rows[0][5], "*类型");
  EXPECT_EQ(rows[0][8], "*阶段");
  EXPECT_EQ(rows[0][12], "责任单位");
  Reply csv = admin_.Get("/api/investment-projects/template?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("协议投资额（元）"), std::string::npos);
}

TEST_F(ProjectSheetsApi, ImportCreatesProjectsWithTheirStageHistory) {
  Reply r = Import(kGood, "all_or_nothing");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json["committed"].get<bool>()) << r.body;
  EXPECT_EQ(r.json["imported"], 2);
  EXPECT_TRUE(r.json["errors"].empty()) << r.body;
  EXPECT_EQ(Total(), 2);

  json glue = Detail("新型胶粘材料项目");
  EXPECT_EQ(glue["investor_credit_code"], "91440300708461136T");
  EXPECT_EQ(glue["segment_name"], "胶水");
  EXPECT_EQ(glue["purpose"], "chain_fill");
  EXPECT_EQ(glue["agreed_amount"], 500'000'000);
  EXPECT_EQ(glue["stage"], "signed");
  EXPECT_EQ(glue["stage_on"], "2025-09-01");
  EXPECT_EQ(glue["signed_on"], "2025-09-01") << "signed_on follows the stage, as on creation";
  EXPECT_EQ(glue["contact"], "张三");
  EXPECT_FALSE(glue["unit_name"].get<std::string>().empty()) << "a blank unit is the importer's";
  ASSERT_EQ(glue["history"].size(), 1u);
  EXPECT_TRUE(glue["history"][0]["from"].is_null());
  EXPECT_EQ(glue["history"][0]["to"], "signed");
  EXPECT_EQ(glue["history"][0]["on"], "2025-09-01");

  json pack = Detail("封装扩产项目");
  EXPECT_EQ(pack["purpose"], "chain_strengthen");
  EXPECT_EQ(pack["stage"], "negotiating");
  EXPECT_EQ(pack["stage_on"], "2025-11-29") << "a blank stage date is today";
  EXPECT_TRUE(pack["signed_on"].is_null());
  EXPECT_EQ(pack["paid_in_amount"], 0);
  ASSERT_EQ(pack["history"].size(), 1u);
}

TEST_F(ProjectSheetsApi, BadRowsAreNamedByRowAndColumnAndAllOrNothingWritesNothing) {
  const std::string file = std::string(kHeader) +
                           "好项目,91440300708461136T,,电子信息,胶水,补链,1000,0,线索,2025-10-01,,,,,\n"
                           "未登记投资方项目,91440300MA5G0000XX,,电子信息,胶水,补链,1000,0,线索,,,,,,\n"
                           "到位超额项目,91360802MA35F0E16G,,电子信息,封装,延链,1000,2000,开工,2025-10-01,,,,,\n"
                           "错环节项目,91360802MA35F0E16G,,电子信息,电池,延链,1000,0,线索,,,,,,\n";
  Reply all = Import(file, "all_or_nothing");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_FALSE(all.json["committed"].get<bool>());
  EXPECT_EQ(all.json["imported"], 0);
  EXPECT_EQ(all.json["data_rows"], 4);
  ASSERT_EQ(all.json["errors"].size(), 3u) << all.body;
  EXPECT_EQ(all.json["errors"][0]["row"], 3);
  EXPECT_EQ(all.json["errors"][0]["header"], "投资方统一社会信用代码");
  EXPECT_EQ(all.json["errors"][0]["column"], "B");
  EXPECT_EQ(all.json["errors"][1]["row"], 4);
  EXPECT_EQ(all.json["errors"][1]["header"], "实际到位（元）");
  EXPECT_EQ(all.json["errors"][1]["column"], "H");
  EXPECT_EQ(all.json["errors"][2]["row"], 5);
  EXPECT_EQ(all.json["errors"][2]["header"], "环节");
  EXPECT_EQ(all.json["errors"][2]["column"], "E");
  EXPECT_EQ(Total(), 0) << "all-or-nothing with bad rows writes nothing";

  Reply skip = Import(file, "skip_bad_rows");
  ASSERT_EQ(skip.status, 200) << skip.body;
  EXPECT_TRUE(skip.json["committed"].get<bool>());
  EXPECT_EQ(skip.json["imported"], 1);
  EXPECT_EQ(Total(), 1);
}

TEST_F(ProjectSheetsApi, RowsNameTheirEventAndUnitAndAnAmbiguousEventNameIsRefused) {
  const int64_t unit = CreateUnit(admin_, "吉安市商务局");
  auto event = [&](const std::string& name, const std::string& held_on) {
    return Id(admin_.Post("/api/promotion-events", {{"name", name},
                                                    {"held_on", held_on},
                                                    {"city", "深圳"},
                                                    {"chain_id", chain_},
                                                    {"unit_ids", {unit}}}));
  };
  const int64_t shenzhen = event("2025深圳推介会", "2025-06-18");
  event("2025深圳推介会（第二场）", "2025-08-18");  // contains the first's name: not a match
  event("大湾区推介会", "2024-06-18");
  event("大湾区推介会", "2025-06-18");
  const std::string file = std::string(kHeader) +
                           "推介会项目,91440300708461136T,,电子信息,胶水,补链,1000,0,签约,2025-06-18,,"
                           "2025深圳推介会,吉安市商务局,,\n"
                           "同名推介会项目,91440300708461136T,,电子信息,胶水,补链,1000,0,签约,2025-06-18,,"
                           "大湾区推介会,,,\n";
  Reply r = Import(file, "skip_bad_rows");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["imported"], 1) << r.body;
  ASSERT_EQ(r.json["errors"].size(), 1u) << r.body;
  EXPECT_EQ(r.json["errors"][0]["row"], 3);
  EXPECT_EQ(r.json["errors"][0]["header"], "推介会");
  EXPECT_NE(r.json["errors"][0]["message"].get<std::string>().find("2 promotion events"), std::string::npos)
      << r.body;
  json p = Detail("推介会项目");
  EXPECT_EQ(p["event_id"], shenzhen);
  EXPECT_EQ(p["unit_id"], unit);
}

TEST_F(ProjectSheetsApi, ExportIsTheFilteredList) {
  ASSERT_EQ(Import(kGood, "all_or_nothing").json["imported"], 2);
  Reply all = admin_.Get("/api/investment-projects/export");
  ASSERT_EQ(all.status, 200) << all.body;
  auto rows = XlsxRows(all.body);
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_EQ(rows[0].size(), 15u);
  EXPECT_EQ(rows[0][0], "项目名称") << "exports do not mark required columns";

  Reply signed_only = admin_.Get("/api/investment-projects/export?format=csv&stage=signed");
  ASSERT_EQ(signed_only.status, 200) << signed_only.body;
  EXPECT_EQ(signed_only.Header("content-type"), "text/csv; charset=utf-8");
  const std::string& csv = signed_only.body;
  EXPECT_NE(csv.find("新型胶粘材料项目,91440300708461136T,深圳丙材料有限公司,电子信息,胶水,补链,500000000,0,签约,"
                     "2025-09-01,2025-09-01"),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv.find("封装扩产项目"), std::string::npos) << "the stage filter applies";

  // What was exported imports back (the signed date column is ignored on import).
  Reply again = Import(csv, "all_or_nothing");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json["imported"], 1) << again.body;
  EXPECT_EQ(Total(), 3);
}

}  // namespace
}  // namespace lz::testing
