// Full-text case search through HTTP (issue 5, point 8), on SQLite and on PostgreSQL: GET
// /api/cases?q= finds two-character words (which SQLite's trigram tokenizer cannot), ANDs words,
// counts exactly and pages newest first; combines with the list filters; leaves case numbers and
// phone digits to SQL; refuses single characters naming q. Data scopes hold in the items and in
// the count (own unit, own unit and below, self); a new case and a reassigned one are found
// without a restart; a second server on the same database follows the change feed.
#include <gtest/gtest.h>

#include <set>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
constexpr const char* kPassword = "Search-Tester-Passw0rd";

class CaseSearchApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    roles_ = RoleIds(admin_);
    ASSERT_TRUE(roles_.count("case_dispatcher") && roles_.count("case_handler"));
    center_ = NewUnit("吉州区12345热线中心");
    roads_ = NewUnit("吉州区市政公用局");
    police_ = NewUnit("吉州区城市管理局");
    squad_ = NewUnit("城管执法一中队", police_);
    NewUser("dispatch1", center_, "case_dispatcher", "own_unit");
    NewUser("roads1", roads_, "case_handler", "own_unit");
    NewUser("police1", police_, "case_handler", "own_unit");
    NewUser("chief1", police_, "case_handler", "own_unit_and_below");
    ASSERT_EQ(dispatcher_.Login("dispatch1", kPassword).status, 200);
    ASSERT_EQ(roads_a_.Login("roads1", kPassword).status, 200);
    ASSERT_EQ(police_c_.Login("police1", kPassword).status, 200);
    ASSERT_EQ(chief_.Login("chief1", kPassword).status, 200);
  }

  int64_t NewUnit(const std::string& name, int64_t parent = 0) { return CreateUnit(admin_, name, "360802", parent); }
  void NewUser(const std::string& login, int64_t unit, const std::string& role, const std::string& scope) {
    CreateUser(admin_, login, unit, roles_[role], scope, kPassword);
  }
  int64_t NewCase(Client& by, const std::string& text, const std::string& title = "",
                  const std::string& phone = "13907961234", bool accept = true) {
    json body = {{"channel", "hotline"}, {"category_code", "0201"}, {"text", text}, {"region_code", "360802"},
                 {"reporter_name", "刘晓明"}, {"reporter_phone", phone}, {"accept", accept}};
    if (!title.empty()) body["title"] = title;
    Reply r = by.Post("/api/cases", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("id", int64_t{0});
  }
  void Dispatch(int64_t id, int64_t unit) {
    Reply r = dispatcher_.Post("/api/cases/" + std::to_string(id) + "/actions", {{"type", "dispatch"}, {"unit_id", unit}});
    EXPECT_EQ(r.status, 200) << r.body;
  }
  // GET /api/cases?q=<q><extra>: the reply (checked 200 unless told otherwise).
  static Reply Search(Client& c, const std::string& q, const std::string& extra = "", int expect = 200) {
    Reply r = c.Get("/api/cases?q=" + Encode(q) + extra);
    EXPECT_EQ(r.status, expect) << q << extra << ": " << r.body;
    return r;
  }
  static std::vector<int64_t> Ids(const Reply& r) {
    std::vector<int64_t> ids;
    for (const auto& item : r.json["items"]) ids.push_back(item["id"].get<int64_t>());
    return ids;
  }
  static int64_t Total(const Reply& r) { return r.json.value("total", int64_t{-1}); }
  static std::string Encode(const std::string& s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
      if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
        out += static_cast<char>(ch);
      } else {
        out += '%';
        out += kHex[ch >> 4];
        out += kHex[ch & 15];
      }
    }
    return out;
  }

  TestServer server_;
  Client admin_{server_.port()};
  Client dispatcher_{server_.port()};
  Client roads_a_{server_.port()};
  Client police_c_{server_.port()};
  Client chief_{server_.port()};
  std::map<std::string, int64_t> roles_;
  int64_t center_ = 0, roads_ = 0, police_ = 0, squad_ = 0;
};

TEST_F(CaseSearchApi, FindsTwoCharacterWordsCountedAndPagedNewestFirst) {
  const int64_t outage = NewCase(dispatcher_, "幸福小区3栋停电三天了，冰箱里的食物都坏了", "", "13907960001");
  const int64_t lamps = NewCase(dispatcher_, "滨江路路灯不亮，夜间出行不便", "", "13907960002");
  const int64_t noise = NewCase(dispatcher_, "工地夜间施工噪音扰民，影响休息", "噪音投诉", "13907960003");
  const int64_t other = NewCase(dispatcher_, "人行道地砖破损，老人容易绊倒", "", "13907960004");

  // A two-character word: the SQL title match (and FTS5 trigrams) cannot find it in the text.
  Reply hit = Search(dispatcher_, "停电");
  EXPECT_EQ(Total(hit), 1);
  EXPECT_EQ(Ids(hit), std::vector<int64_t>{outage});
  EXPECT_EQ(Ids(Search(dispatcher_, "投诉")), std::vector<int64_t>{noise}) << "the title is indexed";
  EXPECT_EQ(Ids(Search(dispatcher_, "夜间")), (std::vector<int64_t>{noise, lamps})) << "newest first";
  EXPECT_EQ(Ids(Search(dispatcher_, "夜间 施工")), std::vector<int64_t>{noise}) << "words are ANDed";
  EXPECT_EQ(Ids(Search(dispatcher_, "施工 夜间")), std::vector<int64_t>{noise});
  EXPECT_EQ(Total(Search(dispatcher_, "地铁")), 0);
  EXPECT_EQ(Ids(Search(dispatcher_, "食 停电")), std::vector<int64_t>{outage}) << "a single character beside a word";
  EXPECT_EQ(Total(Search(dispatcher_, "水 停电")), 0);
  EXPECT_EQ(Ids(Search(dispatcher_, "3栋")), std::vector<int64_t>{outage}) << "digits beside Chinese";

  // Paging: the count stays, the pages split the hits.
  Reply first = Search(dispatcher_, "夜间", "&page_size=1");
  Reply second = Search(dispatcher_, "夜间", "&page_size=1&page=2");
  EXPECT_EQ(Total(first), 2);
  EXPECT_EQ(Total(second), 2);
  EXPECT_EQ(Ids(first), std::vector<int64_t>{noise});
  EXPECT_EQ(Ids(second), std::vector<int64_t>{lamps});
  EXPECT_TRUE(Ids(Search(dispatcher_, "夜间", "&page_size=1&page=3")).empty());

  // Single characters only: refused naming q.
  for (const std::string q : {"电", "水 电"}) {
    Reply refused = Search(dispatcher_, q, "", 400);
    EXPECT_EQ(refused.ErrorField(), "q") << refused.body;
  }

  // A case number and phone digits still go to SQL.
  const std::string number = dispatcher_.Get("/api/cases/" + std::to_string(other)).json["number"];
  EXPECT_EQ(Ids(Search(dispatcher_, number)), std::vector<int64_t>{other});
  EXPECT_EQ(Ids(Search(dispatcher_, "0004")), std::vector<int64_t>{other});

  // Personal data stays masked in the results.
  EXPECT_EQ(hit.json["items"][0]["reporter_phone"], "139****0001");
}

TEST_F(CaseSearchApi, CombinesWithListFilters) {
  const int64_t lamps = NewCase(dispatcher_, "滨江路路灯不亮，夜间出行不便");
  const int64_t noise = NewCase(dispatcher_, "工地夜间施工噪音扰民");
  const int64_t quiet = NewCase(dispatcher_, "小区广场舞音响太吵");
  Dispatch(lamps, roads_);
  Dispatch(quiet, roads_);
  Reply dispatched = Search(dispatcher_, "夜间", "&state=dispatched");
  EXPECT_EQ(Total(dispatched), 1);
  EXPECT_EQ(Ids(dispatched), std::vector<int64_t>{lamps});
  Reply pending = Search(dispatcher_, "夜间", "&state=pending_dispatch");
  EXPECT_EQ(Ids(pending), std::vector<int64_t>{noise});
  EXPECT_EQ(Total(Search(dispatcher_, "夜间", "&unit_id=" + std::to_string(roads_))), 1);
  EXPECT_EQ(Total(Search(dispatcher_, "夜间", "&channel=letter")), 0);
  Reply both = Search(dispatcher_, "夜间", "&state=dispatched,pending_dispatch&order=due");
  EXPECT_EQ(Total(both), 2);
  const std::vector<int64_t> both_ids = Ids(both);
  EXPECT_EQ(std::set<int64_t>(both_ids.begin(), both_ids.end()), (std::set<int64_t>{lamps, noise}));
  Reply paged = Search(dispatcher_, "夜间", "&state=dispatched,pending_dispatch&page_size=1&page=2");
  EXPECT_EQ(Total(paged), 2);
  EXPECT_EQ(Ids(paged), std::vector<int64_t>{lamps}) << "newest first, second page";
}

TEST_F(CaseSearchApi, ScopesHoldInItemsAndCount) {
  const int64_t at_roads = NewCase(dispatcher_, "小区停电，电梯停运");
  const int64_t at_police = NewCase(dispatcher_, "商铺占道经营导致停电线路被压");
  const int64_t at_squad = NewCase(dispatcher_, "夜市摊点私拉电线，存在停电隐患");
  const int64_t undispatched = NewCase(dispatcher_, "居民楼突然停电");
  Dispatch(at_roads, roads_);
  Dispatch(at_police, police_);
  Dispatch(at_squad, squad_);

  EXPECT_EQ(Total(Search(dispatcher_, "停电")), 4) << "the intake unit took part in all four";
  Reply roads = Search(roads_a_, "停电");
  EXPECT_EQ(Total(roads), 1);
  EXPECT_EQ(Ids(roads), std::vector<int64_t>{at_roads});
  Reply police = Search(police_c_, "停电");
  EXPECT_EQ(Total(police), 1) << "own unit: not the squad below it";
  EXPECT_EQ(Ids(police), std::vector<int64_t>{at_police});
  Reply chief = Search(chief_, "停电");
  EXPECT_EQ(Total(chief), 2) << "own unit and below";
  EXPECT_EQ(Ids(chief), (std::vector<int64_t>{at_squad, at_police}));
  EXPECT_EQ(Total(Search(admin_, "停电")), 4) << "scope all";
  // The same filters through SQL agree with the index on what each user may see.
  EXPECT_EQ(Total(police_c_.Get("/api/cases")), 1);
  EXPECT_EQ(Total(chief_.Get("/api/cases")), 2);
  (void)undispatched;

  // Self scope: a user sees the cases it filed, not a colleague's registered in the same unit.
  const int64_t grid = NewUnit("白塘街道网格站");
  NewUser("grid1", grid, "case_dispatcher", "self");
  NewUser("grid2", grid, "case_dispatcher", "self");
  Client grid_a(server_.port()), grid_b(server_.port());
  ASSERT_EQ(grid_a.Login("grid1", kPassword).status, 200);
  ASSERT_EQ(grid_b.Login("grid2", kPassword).status, 200);
  const int64_t mine = NewCase(grid_a, "网格巡查发现变压器附近停电", "", "13907961111", false);
  const int64_t theirs = NewCase(grid_b, "网格巡查发现路口停电", "", "13907962222", false);
  Reply own = Search(grid_a, "停电");
  EXPECT_EQ(Total(own), 1);
  EXPECT_EQ(Ids(own), std::vector<int64_t>{mine});
  EXPECT_EQ(Ids(Search(grid_b, "停电")), std::vector<int64_t>{theirs});
  EXPECT_EQ(Total(Search(grid_a, "网格 巡查")), 1);
  EXPECT_EQ(Ids(Search(grid_a, "停电", "&state=received")), std::vector<int64_t>{mine}) << "with a filter";
  EXPECT_EQ(Total(Search(grid_a, "停电", "&state=dispatched")), 0);
  EXPECT_EQ(Search(grid_a, "电", "", 400).ErrorField(), "q");
  EXPECT_EQ(Total(Search(dispatcher_, "停电")), 4) << "the reporters' unit is not the intake's";
}

TEST_F(CaseSearchApi, NewAndReassignedCasesAreFoundWithoutRestart) {
  EXPECT_EQ(Total(Search(dispatcher_, "井盖")), 0);
  const int64_t id = NewCase(dispatcher_, "人民路井盖丢失，夜间有行人掉落危险");
  EXPECT_EQ(Ids(Search(dispatcher_, "井盖")), std::vector<int64_t>{id}) << "found right after it was registered";
  EXPECT_EQ(Total(Search(roads_a_, "井盖")), 0);
  Dispatch(id, police_);
  EXPECT_EQ(Ids(Search(police_c_, "井盖")), std::vector<int64_t>{id}) << "the dispatched unit finds it";
  EXPECT_EQ(Total(Search(roads_a_, "井盖")), 0);
  Reply moved = dispatcher_.Post("/api/cases/" + std::to_string(id) + "/actions",
                                 {{"type", "reassign"}, {"unit_id", roads_}, {"note", "井盖归市政管理"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Ids(Search(roads_a_, "井盖")), std::vector<int64_t>{id}) << "the new unit finds it";
  EXPECT_EQ(Total(Search(roads_a_, "井盖 丢失")), 1);
  EXPECT_EQ(Ids(Search(police_c_, "井盖")), std::vector<int64_t>{id}) << "the old unit keeps what it handled";
  EXPECT_EQ(server_.platform().case_search().Stats().document_count, 1);
}

TEST_F(CaseSearchApi, ASecondServerFollowsTheFeed) {
  const int64_t before = NewCase(dispatcher_, "老旧小区供水管道爆裂，大面积停水");
  Dispatch(before, roads_);
  TestServer second([this](services::PlatformOptions& o) { o.database = server_.database(); });
  Client reader(second.port());
  ASSERT_EQ(reader.Login("roads1", kPassword).status, 200);
  EXPECT_EQ(Ids(Search(reader, "停水")), std::vector<int64_t>{before}) << "loaded at start";
  EXPECT_EQ(Total(Search(reader, "燃气")), 0);

  // Writes on the first server reach the second through the change feed.
  const int64_t late = NewCase(dispatcher_, "小区燃气管道泄漏，气味明显");
  ASSERT_TRUE(second.platform().CatchUpChanges().ok());
  EXPECT_EQ(Total(Search(reader, "燃气")), 0) << "not yet in the reader's scope";
  Dispatch(late, roads_);
  ASSERT_TRUE(second.platform().CatchUpChanges().ok());
  Reply followed = Search(reader, "燃气");
  EXPECT_EQ(Total(followed), 1);
  EXPECT_EQ(Ids(followed), std::vector<int64_t>{late});
  EXPECT_EQ(second.platform().case_search().Stats().document_count, 2);
}

}  // namespace
}  // namespace lz::testing
