// The units' monthly assessment through HTTP (issue 7 point 7), on SQLite and on PostgreSQL: cases
// closed on time and late, rated satisfied and not, one reopened; a work-plan task done by its
// deadline and one overdue; a project landed — then the ranking of the month equals a hand
// computation under the built-in weighting, a stored default scheme and a named one; the export
// holds the same ranking; a unit-scoped reader sees only its unit; weights not totalling 100 % or
// out of range are named and write nothing; readers without the permissions are refused.
#include <gtest/gtest.h>

#include "harness.h"
#include "io/xlsx_reader.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Assess-Tester-Passw0rd";
constexpr TimeMs kSixtyDays = 60LL * 24 * 3600 * 1000;
constexpr TimeMs kDecember1 = 1764550800000LL;  // 2025-12-01 09:00 CST, a Monday
constexpr const char* kDecember = "/api/assessment/rankings?month=2025-12";

json Weights(int completion, int satisfaction, int reopen, int tasks, int projects) {
  return {{"completion_on_time", completion}, {"satisfaction", satisfaction}, {"reopen", reopen},
          {"tasks_on_time", tasks}, {"projects_landed", projects}};
}

class AssessmentApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    const int64_t center = CreateUnit(admin_, "吉州区12345热线中心", "360802");
    roads_ = CreateUnit(admin_, "吉州区市政公用局", "360802");
    police_ = CreateUnit(admin_, "吉州区城市管理局", "360802");
    CreateUser(admin_, "dispatch1", center, roles["case_dispatcher"], "all", kPassword);
    CreateUser(admin_, "office1", center, roles["task_supervisor"], "all", kPassword);
    CreateUser(admin_, "roads1", roads_, roles["case_handler"], "own_unit", kPassword);
    CreateUser(admin_, "police1", police_, roles["case_handler"], "own_unit", kPassword);
    CreateUser(admin_, "roadboss", roads_, roles["case_supervisor"], "own_unit", kPassword);
    CreateUser(admin_, "viewer", center, roles["staff"], "all", kPassword);
    LogIn();
  }

  void LogIn() {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    ASSERT_EQ(dispatcher_.Login("dispatch1", kPassword).status, 200);
    ASSERT_EQ(office_.Login("office1", kPassword).status, 200);
    ASSERT_EQ(roads_c_.Login("roads1", kPassword).status, 200);
    ASSERT_EQ(police_c_.Login("police1", kPassword).status, 200);
    ASSERT_EQ(roadboss_.Login("roadboss", kPassword).status, 200);
    ASSERT_EQ(viewer_.Login("viewer", kPassword).status, 200);
  }

  int64_t NewCase() {
    Reply r = dispatcher_.Post("/api/cases", {{"channel", "hotline"}, {"category_code", "0201"},
                                              {"text", "人民广场东侧人行道地砖破损"}, {"region_code", "360802001"},
                                              {"accept", true}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  void Act(Client& c, int64_t id, json action) {
    Reply r = c.Post("/api/cases/" + std::to_string(id) + "/actions", action);
    EXPECT_EQ(r.status, 200) << action.dump() << ": " << r.body;
  }
  int64_t NewTask(int64_t owner) {
    Reply r = office_.Post("/api/work-tasks", {{"title", "完成产业链断点补链方案"},
                                               {"text", "梳理断点并形成补链方案。"},
                                               {"owner_unit_id", owner},
                                               {"deadline_on", "2025-12-05"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("case_id", int64_t{0});
  }

  // The month, hand-counted (the clock moves to Monday 2025-12-01, every case is accepted that day
  // and the tasks are due on Friday 5 December):
  //   roads:  A closed on time, rated 5; G rated 2 → reopened; L closed 60 days late, rated 3;
  //           its task replied by the deadline (done).
  //   police: B closed on time, rated 4; its task never replied (overdue after 60 days);
  //           a project it is responsible for moved to 投产 on 2025-12-01.
  void DriveMonth() {
    server_.clock().Set(kDecember1);
    LogIn();
    const int64_t a = NewCase();
    Act(dispatcher_, a, {{"type", "dispatch"}, {"unit_id", roads_}});
    Act(roads_c_, a, {{"type", "sign"}});
    Act(roads_c_, a, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已更换破损地砖"}});
    Act(dispatcher_, a, {{"type", "callback"}, {"rating", 5}});
    const int64_t g = NewCase();
    Act(dispatcher_, g, {{"type", "dispatch"}, {"unit_id", roads_}});
    Act(roads_c_, g, {{"type", "sign"}});
    Act(roads_c_, g, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已处理"}});
    Act(dispatcher_, g, {{"type", "callback"}, {"rating", 2}});
    const int64_t l = NewCase();
    Act(dispatcher_, l, {{"type", "dispatch"}, {"unit_id", roads_}});
    Act(roads_c_, l, {{"type", "sign"}});
    const int64_t b = NewCase();
    Act(dispatcher_, b, {{"type", "dispatch"}, {"unit_id", police_}});
    Act(police_c_, b, {{"type", "sign"}});
    Act(police_c_, b, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已清理"}});
    Act(dispatcher_, b, {{"type", "callback"}, {"rating", 4}});

    const int64_t roads_task = NewTask(roads_);
    NewTask(police_);
    Act(roads_c_, roads_task, {{"type", "sign"}});
    Act(roads_c_, roads_task, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "方案已形成"}});

    Reply chain = admin_.Post("/api/chains", {{"name", "电子信息"}, {"region_code", "3608"}});
    ASSERT_EQ(chain.status, 201) << chain.body;
    Reply segment = admin_.Post("/api/chains/" + std::to_string(chain.json["id"].get<int64_t>()) + "/segments",
                                {{"name", "封装"}, {"stage", "midstream"}});
    ASSERT_EQ(segment.status, 201) << segment.body;
    Reply firm = admin_.Post("/api/enterprises", {{"credit_code", "91440300708461136T"}, {"name", "深圳丙材料有限公司"},
                                                  {"region_code", "4403"}, {"local", false}, {"size", "large"}});
    ASSERT_EQ(firm.status, 201) << firm.body;
    Reply project = admin_.Post("/api/investment-projects",
                                {{"name", "封装材料项目"}, {"investor_id", firm.json["id"]}, {"chain_id", chain.json["id"]},
                                 {"segment_id", segment.json["id"]}, {"purpose", "chain_fill"},
                                 {"agreed_amount", 100000000}, {"paid_in_amount", 0}, {"stage_on", "2025-09-01"},
                                 {"unit_id", police_}});
    ASSERT_EQ(project.status, 201) << project.body;
    Reply landed = admin_.Post("/api/investment-projects/" + std::to_string(project.json["id"].get<int64_t>()) + "/stage",
                               {{"to", "producing"}, {"on", "2025-12-01"}});
    ASSERT_EQ(landed.status, 200) << landed.body;

    server_.clock().Advance(kSixtyDays);
    LogIn();
    Act(roads_c_, l, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已处理"}});
    Act(dispatcher_, l, {{"type", "callback"}, {"rating", 3}});
  }

  static json UnitRow(const Reply& r, int64_t unit_id) {
    for (const auto& u : r.json["units"]) {
      if (u["unit_id"] == unit_id) return u;
    }
    return json();
  }
  static json Fraction(const json& unit, const char* indicator) {
    const json& v = unit["indicators"][indicator];
    return json::array({v["numerator"], v["denominator"], v["score_hundredths"]});
  }
  int64_t SchemeCount() {
    Reply r = office_.Get("/api/assessment/schemes");
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int64_t>(r.json["items"].size());
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client dispatcher_{server_.port()};
  Client office_{server_.port()};
  Client roads_c_{server_.port()};
  Client police_c_{server_.port()};
  Client roadboss_{server_.port()};
  Client viewer_{server_.port()};
  int64_t roads_ = 0, police_ = 0;
};

TEST_F(AssessmentApi, TheRankingEqualsAHandComputation) {
  DriveMonth();
  Reply r = office_.Get(kDecember);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["from"], "2025-12-01");
  EXPECT_EQ(r.json["to"], "2025-12-31");
  EXPECT_EQ(r.json["restricted"], false);
  EXPECT_EQ(r.json["scheme"]["id"], 0);  // none stored: the built-in 30/25/15/15/15 %
  EXPECT_EQ(r.json["scheme"]["weights"], Weights(3000, 2500, 1500, 1500, 1500));
  ASSERT_EQ(r.json["units"].size(), 2u) << r.body;

  // Police: 1/1, 1/1, reopen 0/1, task 0/1 (overdue), landed 1 of 1:
  //   (3000·10000 + 2500·10000 + 1500·10000 + 1500·0 + 1500·10000) / 10000 = 8500.
  json police = r.json["units"][0];
  EXPECT_EQ(police["unit_id"], police_);
  EXPECT_EQ(police["unit_name"], "吉州区城市管理局");
  EXPECT_EQ(police["rank"], 1);
  EXPECT_EQ(police["total_hundredths"], 8500);
  EXPECT_EQ(Fraction(police, "completion_on_time"), json::array({1, 1, 10000}));
  EXPECT_EQ(Fraction(police, "satisfaction"), json::array({1, 1, 10000}));
  EXPECT_EQ(Fraction(police, "reopen"), json::array({0, 1, 10000}));
  EXPECT_EQ(Fraction(police, "tasks_on_time"), json::array({0, 1, 0}));
  EXPECT_EQ(Fraction(police, "projects_landed"), json::array({1, 1, 10000}));

  // Roads (its work-plan task is not one of its cases here): closed 1 of 2 on time → 5000;
  // satisfied 1 of 2 rated → 5000; reopened 1 of 3 → 6667; task 1/1 → 10000; no project → n/a:
  //   (3000·5000 + 2500·5000 + 1500·6667 + 1500·10000) / 8500 = 52500500 / 8500 = 6176.53 → 6177.
  json roads = r.json["units"][1];
  EXPECT_EQ(roads["unit_id"], roads_);
  EXPECT_EQ(roads["rank"], 2);
  EXPECT_EQ(roads["total_hundredths"], 6177);
  EXPECT_EQ(Fraction(roads, "completion_on_time"), json::array({1, 2, 5000}));
  EXPECT_EQ(Fraction(roads, "satisfaction"), json::array({1, 2, 5000}));
  EXPECT_EQ(Fraction(roads, "reopen"), json::array({1, 3, 6667}));
  EXPECT_EQ(Fraction(roads, "tasks_on_time"), json::array({1, 1, 10000}));
  EXPECT_TRUE(roads["indicators"]["projects_landed"]["score_hundredths"].is_null());

  // Another month holds nothing.
  Reply november = office_.Get("/api/assessment/rankings?month=2025-11");
  ASSERT_EQ(november.status, 200) << november.body;
  EXPECT_TRUE(november.json["units"].empty());

  // A stored default scheme (satisfaction only) is used when none is named: a tie at 100 and 50.
  Reply created = office_.Post("/api/assessment/schemes",
                               {{"name", "满意度优先"}, {"weights", Weights(0, 10000, 0, 0, 0)}, {"is_default", true}});
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t satisfaction_only = created.json["id"];
  Reply by_default = office_.Get(kDecember);
  EXPECT_EQ(by_default.json["scheme"]["id"], satisfaction_only);
  EXPECT_EQ(UnitRow(by_default, police_)["total_hundredths"], 10000);
  EXPECT_EQ(UnitRow(by_default, roads_)["total_hundredths"], 5000);

  // A named scheme, reopen and tasks half each: police (10000 + 0) / 2 = 5000, roads
  // (6667 + 10000) / 2 = 8333.5 → 8334: roads first.
  Reply other = office_.Post("/api/assessment/schemes", {{"name", "督办专项"}, {"weights", Weights(0, 0, 5000, 5000, 0)}});
  ASSERT_EQ(other.status, 201) << other.body;
  EXPECT_EQ(other.json["is_default"], false);
  Reply named = office_.Get(std::string(kDecember) + "&scheme_id=" + std::to_string(other.json["id"].get<int64_t>()));
  ASSERT_EQ(named.status, 200) << named.body;
  EXPECT_EQ(named.json["units"][0]["unit_id"], roads_);
  EXPECT_EQ(named.json["units"][0]["total_hundredths"], 8334);
  EXPECT_EQ(named.json["units"][1]["total_hundredths"], 5000);

  // The export holds the same ranking.
  Reply file = office_.Get("/api/assessment/rankings.xlsx?month=2025-12");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_NE(file.Header("content-disposition").find(".xlsx"), std::string::npos);
  auto sheet = io::ReadXlsx(file.body);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 3u);
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < sheet->rows[0].cells.size(); ++i) column[sheet->rows[0].cells[i].text] = i;
  ASSERT_TRUE(column.count("排名") && column.count("单位") && column.count("总分") && column.count("满意率"));
  EXPECT_EQ(sheet->rows[1].cells.at(column["单位"]).text, "吉州区城市管理局");
  EXPECT_EQ(std::stod(sheet->rows[1].cells.at(column["总分"]).text), 100.0);
  EXPECT_EQ(sheet->rows[2].cells.at(column["满意率"]).text, "1/2");
  EXPECT_EQ(std::stod(sheet->rows[2].cells.at(column["总分"]).text), 50.0);

  // Deleting the named scheme: asking for it is NotFound.
  EXPECT_EQ(office_.Delete("/api/assessment/schemes/" + std::to_string(other.json["id"].get<int64_t>())).status, 204);
  EXPECT_EQ(office_.Get(std::string(kDecember) + "&scheme_id=" + std::to_string(other.json["id"].get<int64_t>())).status,
            404);
}

TEST_F(AssessmentApi, AUnitScopedReaderSeesItsUnitOnly) {
  DriveMonth();
  Reply own = roadboss_.Get(kDecember);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json["restricted"], true);
  ASSERT_EQ(own.json["units"].size(), 1u) << own.body;
  EXPECT_EQ(own.json["units"][0]["unit_id"], roads_);
  EXPECT_EQ(own.json["units"][0]["rank"], 1);
  EXPECT_EQ(own.json["units"][0]["total_hundredths"], 6177);
}

TEST_F(AssessmentApi, BadWeightsAreNamedAndWriteNothing) {
  Reply short_sum = office_.Post("/api/assessment/schemes", {{"name", "九成"}, {"weights", Weights(3000, 2500, 1500, 1500, 500)}});
  EXPECT_EQ(short_sum.status, 400) << short_sum.body;
  EXPECT_EQ(short_sum.ErrorField(), "weights");
  EXPECT_NE(short_sum.body.find("90 %"), std::string::npos) << short_sum.body;
  Reply negative = office_.Post("/api/assessment/schemes", {{"name", "负权重"}, {"weights", Weights(5000, -1000, 3000, 2000, 1000)}});
  EXPECT_EQ(negative.status, 400) << negative.body;
  EXPECT_EQ(negative.ErrorField(), "weights.satisfaction");
  Reply no_name = office_.Post("/api/assessment/schemes", {{"name", "  "}, {"weights", Weights(10000, 0, 0, 0, 0)}});
  EXPECT_EQ(no_name.status, 400) << no_name.body;
  EXPECT_EQ(no_name.ErrorField(), "name");
  EXPECT_EQ(SchemeCount(), 0);

  // An update with bad weights leaves the scheme as it was.
  Reply good = office_.Post("/api/assessment/schemes", {{"name", "月度考核"}, {"weights", Weights(2000, 2000, 2000, 2000, 2000)}});
  ASSERT_EQ(good.status, 201) << good.body;
  const std::string path = "/api/assessment/schemes/" + std::to_string(good.json["id"].get<int64_t>());
  Reply bad_update = office_.Put(path, {{"name", "月度考核（改）"}, {"weights", Weights(2000, 2000, 2000, 2000, 2001)}});
  EXPECT_EQ(bad_update.status, 400) << bad_update.body;
  EXPECT_EQ(bad_update.ErrorField(), "weights");
  Reply list = office_.Get("/api/assessment/schemes");
  ASSERT_EQ(list.json["items"].size(), 1u);
  EXPECT_EQ(list.json["items"][0]["name"], "月度考核");
  EXPECT_EQ(list.json["items"][0]["weights"], Weights(2000, 2000, 2000, 2000, 2000));
  Reply updated = office_.Put(path, {{"name", "月度考核（改）"}, {"weights", Weights(4000, 2000, 2000, 2000, 0)}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json["weights"]["projects_landed"], 0);
  EXPECT_EQ(office_.Post("/api/assessment/schemes", {{"name", "月度考核（改）"}, {"weights", Weights(10000, 0, 0, 0, 0)}}).status,
            409);

  // A malformed month.
  Reply month = office_.Get("/api/assessment/rankings?month=2025-13");
  EXPECT_EQ(month.status, 400) << month.body;
  EXPECT_EQ(month.ErrorField(), "month");
}

TEST_F(AssessmentApi, PermissionsAreRequired) {
  // Staff hold neither permission; the case supervisor reads but may not write schemes.
  EXPECT_EQ(viewer_.Get(kDecember).status, 403);
  EXPECT_EQ(viewer_.Get("/api/assessment/schemes").status, 403);
  EXPECT_EQ(viewer_.Get("/api/assessment/rankings.xlsx?month=2025-11").status, 403);
  EXPECT_EQ(roadboss_.Get("/api/assessment/schemes").status, 200);
  Reply refused = roadboss_.Post("/api/assessment/schemes", {{"name", "越权"}, {"weights", Weights(10000, 0, 0, 0, 0)}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(SchemeCount(), 0);
  // The dispatcher holds neither.
  EXPECT_EQ(dispatcher_.Get(kDecember).status, 403);
}

}  // namespace
}  // namespace lz::testing
