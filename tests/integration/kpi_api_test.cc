// The casework KPIs through HTTP (issue 5 point 7), on SQLite and on PostgreSQL: cases driven
// through the lifecycle by the API, then GET /api/kpi equals a hand count of them by unit,
// channel, category, region and chain, over a day and a month with a series; overdue follows the
// simulated clock; a unit-scoped reader sees only its unit's figures and is refused another's; the
// xlsx export holds the same numbers; a second server over the same database follows the feed to
// the same figures; `lianzhang report kpi` prints them too.
#include <gtest/gtest.h>

#include <cmath>

#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "harness.h"
#include "io/xlsx_reader.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Kpi-Tester-Passw0rd-2025";
// The simulated clock starts at 2025-11-29T00:00:00Z: 08:00 on 2025-11-29 in China.
constexpr const char* kDay = "from=2025-11-29&to=2025-11-29";

class KpiApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    roles_ = RoleIds(admin_);
    center_ = NewUnit("吉州区12345热线中心", "360802");
    roads_ = NewUnit("吉州区市政公用局", "360802");
    police_ = NewUnit("吉州区城市管理局", "360802");
    NewUser("dispatch1", center_, "case_dispatcher", "all");
    NewUser("roads1", roads_, "case_handler", "own_unit");
    NewUser("police1", police_, "case_handler", "own_unit");
    NewUser("roadboss", roads_, "case_supervisor", "own_unit");
    NewUser("viewer", center_, "staff", "all");
    ASSERT_EQ(dispatcher_.Login("dispatch1", kPassword).status, 200);
    ASSERT_EQ(roads_a_.Login("roads1", kPassword).status, 200);
    ASSERT_EQ(police_c_.Login("police1", kPassword).status, 200);
    ASSERT_EQ(roadboss_.Login("roadboss", kPassword).status, 200);
    ASSERT_EQ(viewer_.Login("viewer", kPassword).status, 200);
  }

  int64_t NewUnit(const std::string& name, const std::string& region) { return CreateUnit(admin_, name, region); }
  void NewUser(const std::string& login, int64_t unit, const std::string& role, const std::string& scope) {
    CreateUser(admin_, login, unit, roles_[role], scope, kPassword);
  }
  int64_t NewCase(const std::string& channel, const std::string& category, const std::string& region, bool accept = true) {
    Reply r = dispatcher_.Post("/api/cases", {{"channel", channel}, {"category_code", category},
                                              {"text", "人民广场东侧人行道地砖破损"}, {"region_code", region},
                                              {"accept", accept}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  void Act(Client& c, int64_t id, json action) {
    Reply r = c.Post("/api/cases/" + std::to_string(id) + "/actions", action);
    EXPECT_EQ(r.status, 200) << action.dump() << ": " << r.body;
  }

  // The hand-counted set of cases (all on 2025-11-29):
  //   A hotline 0201 360802001  roads: signed, replied resolved, rated 5 → closed
  //   B hotline 0203 360802002  police: signed, handling
  //   C hotline 0201 360802001  police returned it, re-dispatched to roads (not signed)
  //   D patrol  0201 360821     resolved on the spot by roads
  //   E patrol  0203 360802001  dispatched to roads
  //   F hotline 0201 360802     rejected (never accepted)
  //   G hotline 0201 360802002  roads: signed, replied, rated 2 → reopened, handling
  //   H hotline 0201 360802     accepted, waiting for dispatch
  void DriveCases() {
    const int64_t a = NewCase("hotline", "0201", "360802001");
    Act(dispatcher_, a, {{"type", "dispatch"}, {"unit_id", roads_}});
    Act(roads_a_, a, {{"type", "sign"}});
    Act(roads_a_, a, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已更换破损地砖"}});
    Act(dispatcher_, a, {{"type", "callback"}, {"rating", 5}});
    const int64_t b = NewCase("hotline", "0203", "360802002");
    Act(dispatcher_, b, {{"type", "dispatch"}, {"unit_id", police_}});
    Act(police_c_, b, {{"type", "sign"}});
    const int64_t c = NewCase("hotline", "0201", "360802001");
    Act(dispatcher_, c, {{"type", "dispatch"}, {"unit_id", police_}});
    Act(police_c_, c, {{"type", "return"}, {"note", "不属于城管职责"}});
    Act(dispatcher_, c, {{"type", "dispatch"}, {"unit_id", roads_}});
    const int64_t d = NewCase("patrol", "0201", "360821", false);
    Act(dispatcher_, d, {{"type", "resolve_on_spot"}, {"unit_id", roads_}, {"note", "现场已清理"}});
    const int64_t e = NewCase("patrol", "0203", "360802001");
    Act(dispatcher_, e, {{"type", "dispatch"}, {"unit_id", roads_}});
    const int64_t f = NewCase("hotline", "0201", "360802", false);
    Act(dispatcher_, f, {{"type", "reject"}, {"note", "不属于受理范围"}});
    const int64_t g = NewCase("hotline", "0201", "360802002");
    Act(dispatcher_, g, {{"type", "dispatch"}, {"unit_id", roads_}});
    Act(roads_a_, g, {{"type", "sign"}});
    Act(roads_a_, g, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已处理"}});
    Act(dispatcher_, g, {{"type", "callback"}, {"rating", 2}});
    NewCase("hotline", "0201", "360802");
  }

  Reply Kpi(Client& c, const std::string& query) {
    Reply r = c.Get("/api/kpi?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r;
  }
  static json Row(const Reply& r, const std::string& field, const json& value) {
    for (const auto& row : r.json["rows"]) {
      if (row[field] == value) return row;
    }
    return json();
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client dispatcher_{server_.port()};
  Client roads_a_{server_.port()};
  Client police_c_{server_.port()};
  Client roadboss_{server_.port()};
  Client viewer_{server_.port()};
  std::map<std::string, int64_t> roles_;
  int64_t center_ = 0, roads_ = 0, police_ = 0;
};

// Counts of a figures object, for comparing with hand counts.
std::map<std::string, int64_t> Counts(const json& figures) {
  std::map<std::string, int64_t> out;
  for (auto it = figures.begin(); it != figures.end(); ++it) {
    if (it.value().is_number_integer() && it.key() != "id") out[it.key()] = it.value().get<int64_t>();
  }
  return out;
}

std::map<std::string, int64_t> Expect(std::map<std::string, int64_t> nonzero) {
  std::map<std::string, int64_t> out;
  for (const char* k : {"received", "signed", "signed_on_time", "closed", "closed_on_time", "resolved", "patrol_findings",
                        "on_the_spot", "rated", "satisfied", "reopened", "open", "returned", "rejected", "merged",
                        "overdue"}) {
    out[k] = 0;
  }
  for (const auto& [k, v] : nonzero) out[k] = v;
  return out;
}

TEST_F(KpiApi, FiguresEqualAHandCount) {
  DriveCases();
  Reply total = Kpi(dispatcher_, kDay);
  EXPECT_EQ(total.json["by"], "none");
  EXPECT_EQ(total.json["restricted"], false);
  EXPECT_EQ(Counts(total.json["total"]),
            Expect({{"received", 7}, {"signed", 3}, {"signed_on_time", 3}, {"closed", 2}, {"closed_on_time", 2},
                    {"resolved", 2}, {"patrol_findings", 2}, {"on_the_spot", 1}, {"rated", 1}, {"satisfied", 1},
                    {"reopened", 1}, {"open", 4}, {"returned", 1}, {"rejected", 1}}));
  EXPECT_DOUBLE_EQ(total.json["total"]["sign_on_time_rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(total.json["total"]["completion_on_time_rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(total.json["total"]["on_the_spot_rate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(total.json["total"]["reopen_rate"].get<double>(), 1.0 / 7);
  EXPECT_TRUE(total.json["rows"].empty());

  Reply by_unit = Kpi(dispatcher_, std::string(kDay) + "&by=unit");
  ASSERT_EQ(by_unit.json["rows"].size(), 3u) << by_unit.body;
  json roads = Row(by_unit, "id", roads_);
  EXPECT_EQ(roads["name"], "吉州区市政公用局");
  EXPECT_EQ(Counts(roads), Expect({{"received", 5}, {"signed", 2}, {"signed_on_time", 2}, {"closed", 2},
                                   {"closed_on_time", 2}, {"resolved", 2}, {"patrol_findings", 2}, {"on_the_spot", 1},
                                   {"rated", 1}, {"satisfied", 1}, {"reopened", 1}, {"open", 3}, {"returned", 1}}));
  EXPECT_EQ(Counts(Row(by_unit, "id", police_)), Expect({{"received", 1}, {"signed", 1}, {"signed_on_time", 1}, {"open", 1}}));
  json none = Row(by_unit, "id", 0);
  EXPECT_EQ(none["name"], "未派单");
  EXPECT_EQ(Counts(none), Expect({{"received", 1}, {"rejected", 1}}));

  Reply by_channel = Kpi(dispatcher_, std::string(kDay) + "&by=channel");
  ASSERT_EQ(by_channel.json["rows"].size(), 2u);
  EXPECT_EQ(Row(by_channel, "code", "hotline")["received"], 5);
  EXPECT_EQ(Row(by_channel, "code", "hotline")["rejected"], 1);
  EXPECT_EQ(Row(by_channel, "code", "patrol")["patrol_findings"], 2);
  EXPECT_EQ(Row(by_channel, "code", "patrol")["name"], "城管巡查");

  Reply by_category = Kpi(dispatcher_, std::string(kDay) + "&by=category&category_level=2");
  EXPECT_EQ(Row(by_category, "code", "0201")["received"], 5);  // A C D G H
  EXPECT_EQ(Row(by_category, "code", "0203")["received"], 2);  // B E
  EXPECT_FALSE(Row(by_category, "code", "0201")["name"].get<std::string>().empty());

  Reply by_region = Kpi(dispatcher_, std::string(kDay) + "&by=region&region_level=township");
  EXPECT_EQ(Row(by_region, "code", "360802001")["received"], 3);  // A C E
  EXPECT_EQ(Row(by_region, "code", "360802002")["received"], 2);  // B G
  EXPECT_EQ(Row(by_region, "code", "360802")["received"], 1);     // H (F rejected)
  EXPECT_EQ(Row(by_region, "code", "360821")["received"], 1);     // D
  EXPECT_EQ(Kpi(dispatcher_, std::string(kDay) + "&region_code=360802").json["total"]["received"], 6);

  Reply by_chain = Kpi(dispatcher_, std::string(kDay) + "&by=chain");
  ASSERT_EQ(by_chain.json["rows"].size(), 1u);
  EXPECT_EQ(Row(by_chain, "id", 0)["received"], 7);

  // Filters combine: hotline cases of roads.
  Reply filtered = Kpi(dispatcher_, std::string(kDay) + "&unit_id=" + std::to_string(roads_) + "&channel=hotline");
  EXPECT_EQ(filtered.json["total"]["received"], 3);  // A C G

  // A month with a weekly series; the day before holds nothing.
  Reply month = Kpi(dispatcher_, "from=2025-11-01&to=2025-11-30&bucket=week");
  EXPECT_EQ(month.json["total"]["received"], 7);
  ASSERT_EQ(month.json["series"].size(), 5u) << month.body;
  EXPECT_EQ(month.json["series"][4]["label"], "2025-W48");  // Mon 11-24 … clipped to 11-30
  EXPECT_EQ(month.json["series"][4]["from"], "2025-11-24");
  EXPECT_EQ(month.json["series"][4]["received"], 7);
  EXPECT_EQ(Kpi(dispatcher_, "from=2025-11-28&to=2025-11-28").json["total"]["received"], 0);

  // Overdue follows the clock: two months later every open case is past its due time.
  server_.clock().Advance(60LL * 24 * 3600 * 1000);
  ASSERT_EQ(dispatcher_.Login("dispatch1", kPassword).status, 200);
  Reply later = Kpi(dispatcher_, std::string(kDay) + "&by=unit");
  EXPECT_EQ(later.json["total"]["overdue"], 4);
  EXPECT_EQ(Row(later, "id", roads_)["overdue"], 3);
}

TEST_F(KpiApi, ScopesAndPermissions) {
  DriveCases();
  // A unit-scoped supervisor sees the figures of the cases its unit leads, and no other unit's.
  Reply own = Kpi(roadboss_, std::string(kDay) + "&by=unit");
  EXPECT_EQ(own.json["restricted"], true);
  ASSERT_EQ(own.json["rows"].size(), 1u) << own.body;
  EXPECT_EQ(own.json["rows"][0]["id"], roads_);
  EXPECT_EQ(own.json["total"]["received"], 5);
  EXPECT_EQ(Kpi(roadboss_, std::string(kDay) + "&by=channel").json["total"]["received"], 5);
  Reply other = roadboss_.Get("/api/kpi?" + std::string(kDay) + "&unit_id=" + std::to_string(police_));
  EXPECT_EQ(other.status, 403) << other.body;
  EXPECT_EQ(Kpi(roadboss_, std::string(kDay) + "&unit_id=" + std::to_string(roads_)).json["total"]["received"], 5);
  // Without case:kpi:read: refused; handlers do not hold it.
  EXPECT_EQ(viewer_.Get("/api/kpi?" + std::string(kDay)).status, 403);
  EXPECT_EQ(roads_a_.Get("/api/kpi?" + std::string(kDay)).status, 403);
  EXPECT_EQ(viewer_.Get("/api/kpi/export?" + std::string(kDay)).status, 403);

  // Bad input.
  Reply no_dates = dispatcher_.Get("/api/kpi?by=unit");
  EXPECT_EQ(no_dates.status, 400);
  Reply bad_date = dispatcher_.Get("/api/kpi?from=2025-02-30&to=2025-03-01");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(bad_date.ErrorField(), "from");
  Reply backwards = dispatcher_.Get("/api/kpi?from=2025-03-01&to=2025-02-01");
  EXPECT_EQ(backwards.status, 400);
  EXPECT_EQ(backwards.ErrorField(), "to");
  EXPECT_EQ(dispatcher_.Get("/api/kpi?" + std::string(kDay) + "&by=street").status, 400);
  Reply too_long = dispatcher_.Get("/api/kpi?from=2020-01-01&to=2025-12-31&bucket=day");
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.ErrorField(), "bucket");
}

TEST_F(KpiApi, ExportHoldsTheSameNumbers) {
  DriveCases();
  const std::string query = std::string(kDay) + "&by=unit";
  Reply api = Kpi(dispatcher_, query);
  Reply file = dispatcher_.Get("/api/kpi/export?" + query);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_NE(file.Header("content-disposition").find(".xlsx"), std::string::npos);
  auto sheet = io::ReadXlsx(file.body);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 1 + api.json["rows"].size() + 1) << "header, one row per group, the total";
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < sheet->rows[0].cells.size(); ++i) column[sheet->rows[0].cells[i].text] = i;
  ASSERT_TRUE(column.count("受理量") && column.count("超期量") && column.count("按时签收率(%)") && column.count("重办率(%)"));
  auto cell = [&](const io::SheetRow& row, const std::string& header) -> std::string {
    size_t i = column.at(header);
    return i < row.cells.size() ? row.cells[i].text : "";
  };
  // Percentages with two decimals, rounded half up, as the API's fractions give them.
  auto percent = [](const json& rate) -> std::string {
    if (rate.is_null()) return "";
    double hundredths = std::floor(rate.get<double>() * 10000 + 0.5 + 1e-9);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", hundredths / 100);
    return buf;
  };
  int matched = 0;
  for (size_t r = 1; r + 1 < sheet->rows.size(); ++r) {
    const auto& row = sheet->rows[r];
    json api_row = Row(api, "name", cell(row, sheet->rows[0].cells[0].text));
    ASSERT_FALSE(api_row.is_null()) << "row " << r << " names a group the API has";
    EXPECT_EQ(cell(row, "受理量"), std::to_string(api_row["received"].get<int64_t>()));
    EXPECT_EQ(cell(row, "办结量"), std::to_string(api_row["closed"].get<int64_t>()));
    EXPECT_EQ(cell(row, "在办量"), std::to_string(api_row["open"].get<int64_t>()));
    EXPECT_EQ(cell(row, "按时签收率(%)"), percent(api_row["sign_on_time_rate"]));
    EXPECT_EQ(cell(row, "满意率(%)"), percent(api_row["satisfaction_rate"]));
    EXPECT_EQ(cell(row, "重办率(%)"), percent(api_row["reopen_rate"]));
    ++matched;
  }
  EXPECT_EQ(matched, 3);
  const auto& last = sheet->rows.back();
  EXPECT_EQ(last.cells[0].text, "合计");
  EXPECT_EQ(cell(last, "受理量"), "7");
  EXPECT_EQ(cell(last, "重办率(%)"), percent(api.json["total"]["reopen_rate"]));  // 1/7 → 14.29
  EXPECT_EQ(cell(last, "重办率(%)"), "14.29");
}

TEST_F(KpiApi, ASecondServerFollowsTheFeed) {
  DriveCases();
  TestServer second([this](services::PlatformOptions& o) { o.database = server_.database(); });
  Client reader(second.port());
  ASSERT_EQ(reader.Login("dispatch1", kPassword).status, 200);
  const std::string query = std::string(kDay) + "&by=unit";
  EXPECT_EQ(Kpi(reader, query).json["rows"], Kpi(dispatcher_, query).json["rows"]) << "loaded at start";
  // A write on the first server reaches the second through the change feed.
  const int64_t late = NewCase("hotline", "0203", "360802");
  Act(dispatcher_, late, {{"type", "dispatch"}, {"unit_id", police_}});
  ASSERT_TRUE(second.platform().CatchUpChanges().ok());
  Reply followed = Kpi(reader, query);
  EXPECT_EQ(Row(followed, "id", police_)["received"], 2);
  EXPECT_EQ(followed.json["rows"], Kpi(dispatcher_, query).json["rows"]);
}

// `lianzhang report kpi` (run in-process on the same database) prints the API's figures. Overdue and
// as_of differ: the command judges overdue at the wall clock, the server at its simulated one.
TEST_F(KpiApi, CliReportPrintsTheSameFigures) {
  DriveCases();
  const std::string out = (server_.dir() / "kpi.json").string();
  std::vector<std::string> args = {"lianzhang", "report", "kpi", "--db", server_.database(), "--from", "2025-11-29",
                                   "--to", "2025-11-29", "--by", "unit", "--out", out};
  auto run = [](std::vector<std::string> a) {
    std::vector<char*> argv;
    for (auto& s : a) argv.push_back(s.data());
    return cli::Run(static_cast<int>(argv.size()), argv.data());
  };
  ASSERT_EQ(run(args), 0);
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  json printed = json::parse(text.str(), nullptr, false);
  ASSERT_FALSE(printed.is_discarded()) << text.str();
  Reply api = Kpi(dispatcher_, std::string(kDay) + "&by=unit");
  auto without_overdue = [](json j) {
    j["total"].erase("overdue");
    for (auto& row : j["rows"]) row.erase("overdue");
    j.erase("as_of");
    return j;
  };
  EXPECT_EQ(without_overdue(printed), without_overdue(api.json));

  const std::string xlsx = (server_.dir() / "kpi.xlsx").string();
  args.back() = xlsx;
  args.push_back("--format");
  args.push_back("xlsx");
  ASSERT_EQ(run(args), 0);
  std::ifstream file(xlsx, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  auto sheet = io::ReadXlsx(bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(sheet->rows.size(), 1 + api.json["rows"].size() + 1);
  args.pop_back();
  args.pop_back();
  args.pop_back();
  args.pop_back();
  args.push_back("--format");
  args.push_back("xlsx");
  EXPECT_EQ(run(args), 2) << "xlsx needs --out";
}

}  // namespace
}  // namespace lz::testing
