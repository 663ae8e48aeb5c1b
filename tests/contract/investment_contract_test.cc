// Investment storage on every backend (issue 7 points 1–2): projects round-trip with their display
// joins, update, the append-only stage history in order (first row without a from-stage), lists
// by stage, chain, event, purpose, signed period, text and data scope; promotion events with
// their units and invited firms in order, replaced on update, refused deletion while projects
// link to them, and the figures per event and per year and chain summing only signed projects.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "backends.h"

namespace lz::testing {
namespace {

using investment::EventFigures;
using investment::Project;
using investment::PromotionEvent;
using investment::Purpose;
using investment::Stage;
using investment::StageChange;
using storage::ProjectQuery;
using storage::Repositories;

class InvestmentContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{{"36", "江西省", org::RegionLevel::kProvince, "", 0},
                                                                {"3608", "吉安市", org::RegionLevel::kCity, "36", 0},
                                                                {"44", "广东省", org::RegionLevel::kProvince, "", 0},
                                                                {"4403", "深圳市", org::RegionLevel::kCity, "44", 0}}) {
        RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      }
      for (const char* name : {"吉安市商务局", "吉安市工业和信息化局"}) {
        org::Unit u;
        u.name = name;
        u.kind = org::UnitKind::kDepartment;
        u.region_code = "3608";
        u.created_at = u.updated_at = kStart;
        ASSIGN_OR_RETURN(int64_t id, r.units().Insert(u));
        units_.push_back(id);
      }
      for (const char* name : {"电子信息", "生物医药"}) {
        chain::Chain c;
        c.name = name;
        c.region_code = "3608";
        c.created_at = c.updated_at = kStart;
        ASSIGN_OR_RETURN(int64_t id, r.chains().Insert(c));
        chains_.push_back(id);
        chain::Segment s;
        s.chain_id = id;
        s.name = std::string(name) + "·核心环节";
        ASSIGN_OR_RETURN(int64_t sid, r.chains().InsertSegment(s));
        segments_.push_back(sid);
      }
      for (const auto& [code, name] : std::vector<std::pair<std::string, std::string>>{
               {"91440300708461136T", "深圳甲电子有限公司"}, {"914403001922038216", "深圳乙科技有限公司"}}) {
        chain::Enterprise e;
        e.credit_code = code;
        e.name = name;
        e.name_key = chain::NormaliseEnterpriseName(name);
        e.region_code = "4403";
        e.created_at = e.updated_at = kStart;
        ASSIGN_OR_RETURN(int64_t id, r.enterprises().Insert(e));
        firms_.push_back(id);
      }
      return Status::Ok();
    });
  }

  Project NewProject(const std::string& name, size_t chain, size_t firm, Stage stage, const std::string& on,
                     int64_t agreed) {
    Project p;
    p.name = name;
    p.investor_id = firms_[firm];
    p.chain_id = chains_[chain];
    p.segment_id = segments_[chain];
    p.purpose = Purpose::kChainFill;
    p.agreed_amount = agreed;
    p.paid_in_amount = agreed / 4;
    investment::ApplyStageMove(p, stage, on);
    p.unit_id = units_[0];
    p.contact = "王经理";
    p.note = "来自推介会";
    p.created_by = 7;
    p.created_at = p.updated_at = kStart;
    return p;
  }

  int64_t Insert(const Project& p) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.investments().InsertProject(p));
      return Status::Ok();
    });
    return id;
  }

  PromotionEvent NewEvent(const std::string& name, const std::string& held_on, std::optional<int64_t> chain) {
    PromotionEvent e;
    e.name = name;
    e.held_on = held_on;
    e.city = "深圳";
    e.chain_id = chain;
    e.unit_ids = {units_[1], units_[0]};
    e.invited_count = 80;
    e.invited_firms = {"丙半导体有限公司", "丁显示科技有限公司"};
    e.created_by = 7;
    e.created_at = e.updated_at = kStart;
    return e;
  }

  int64_t InsertEvent(const PromotionEvent& e) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.investments().InsertEvent(e));
      return Status::Ok();
    });
    return id;
  }

  // A query over every unit (a ScopeFilter's default is kSelf).
  static ProjectQuery Everything() {
    ProjectQuery q;
    q.scope = auth::ScopeFilter::All();
    return q;
  }

  std::vector<int64_t> ListIds(const ProjectQuery& q, int64_t* total = nullptr) {
    std::vector<int64_t> ids;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(auto page, r.investments().Projects(q));
      for (const auto& p : page.items) ids.push_back(p.id);
      if (total) *total = page.total;
      return Status::Ok();
    });
    return ids;
  }

  std::vector<int64_t> units_, chains_, segments_, firms_;
};

TEST_P(InvestmentContract, ProjectRoundTripsWithItsJoinsAndUpdates) {
  Project p = NewProject("锂电池正极材料项目", 0, 0, Stage::kSigned, "2025-10-08", 1'200'000'000);
  const int64_t id = Insert(p);
  std::optional<Project> got;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(got, r.investments().GetProject(id));
    return Status::Ok();
  });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, "锂电池正极材料项目");
  EXPECT_EQ(got->stage, Stage::kSigned);
  EXPECT_EQ(got->signed_on, "2025-10-08");
  EXPECT_EQ(got->stage_on, "2025-10-08");
  EXPECT_EQ(got->agreed_amount, 1'200'000'000);
  EXPECT_EQ(got->paid_in_amount, 300'000'000);
  EXPECT_EQ(got->investor_name, "深圳甲电子有限公司");
  EXPECT_EQ(got->investor_credit_code, "91440300708461136T");
  EXPECT_EQ(got->chain_name, "电子信息");
  EXPECT_EQ(got->segment_name, "电子信息·核心环节");
  EXPECT_EQ(got->unit_name, "吉安市商务局");
  EXPECT_FALSE(got->event_id);
  EXPECT_EQ(got->event_name, "");

  Project changed = *got;
  changed.purpose = Purpose::kChainStrengthen;
  changed.paid_in_amount = 1'300'000'000;  // above agreed: the service confirmed it
  changed.event_id = InsertEvent(NewEvent("大湾区推介会", "2025-10-08", chains_[0]));
  changed.updated_at = kStart + 1000;
  MustWrite([&](Repositories& r) { return r.investments().UpdateProject(changed); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(got, r.investments().GetProject(id));
    return Status::Ok();
  });
  EXPECT_EQ(got->purpose, Purpose::kChainStrengthen);
  EXPECT_EQ(got->paid_in_amount, 1'300'000'000);
  EXPECT_EQ(got->event_name, "大湾区推介会");
  EXPECT_EQ(got->updated_at, kStart + 1000);
  EXPECT_EQ(got->created_at, kStart);

  changed.id = id + 100;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto none, r.investments().GetProject(id + 100));
    EXPECT_FALSE(none);
    return Status::Ok();
  });
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.investments().UpdateProject(changed); }).code(),
            StatusCode::kNotFound);
}

TEST_P(InvestmentContract, StageHistoryIsAppendedInOrder) {
  const int64_t id = Insert(NewProject("生物药中试基地", 1, 1, Stage::kLead, "2025-09-01", 50'000'000));
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.investments().AppendStageChange({0, id, std::nullopt, Stage::kLead, "2025-09-01", "", 7, kStart, {}}).status());
    RETURN_IF_ERROR(
        r.investments().AppendStageChange({0, id, Stage::kLead, Stage::kSigned, "2025-10-01", "", 7, kStart + 1, {}}).status());
    return r.investments()
        .AppendStageChange({0, id, Stage::kSigned, Stage::kNegotiating, "2025-10-02", "条款重谈", 8, kStart + 2, {}})
        .status();
  });
  std::vector<StageChange> history;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(history, r.investments().StageHistory(id));
    return Status::Ok();
  });
  ASSERT_EQ(history.size(), 3u);
  EXPECT_FALSE(history[0].from);
  EXPECT_EQ(history[0].to, Stage::kLead);
  EXPECT_EQ(history[1].from, Stage::kLead);
  EXPECT_EQ(history[1].to, Stage::kSigned);
  EXPECT_EQ(history[2].from, Stage::kSigned);
  EXPECT_EQ(history[2].to, Stage::kNegotiating);
  EXPECT_EQ(history[2].reason, "条款重谈");
  EXPECT_EQ(history[2].on, "2025-10-02");
  EXPECT_EQ(history[2].by, 8);
  EXPECT_EQ(history[2].at, kStart + 2);
}

TEST_P(InvestmentContract, ProjectListsFilterByStageChainEventTextPeriodAndScope) {
  const int64_t event = InsertEvent(NewEvent("深圳推介会", "2025-05-20", chains_[0]));
  Project a = NewProject("显示面板模组项目", 0, 0, Stage::kSigned, "2025-05-20", 900'000'000);
  a.event_id = event;
  const int64_t ida = Insert(a);
  const int64_t idb = Insert(NewProject("抗体药物项目", 1, 1, Stage::kLead, "2025-06-01", 10'000'000));
  Project c = NewProject("封装测试项目", 0, 1, Stage::kProducing, "2025-08-01", 300'000'000);
  c.purpose = Purpose::kChainExtend;
  c.unit_id = units_[1];
  c.created_by = 9;
  const int64_t idc = Insert(c);

  ProjectQuery q = Everything();
  int64_t total = 0;
  EXPECT_EQ(ListIds(q, &total), (std::vector<int64_t>{idc, idb, ida}));  // latest stage date first
  EXPECT_EQ(total, 3);
  q.stages = {Stage::kSigned, Stage::kProducing};
  EXPECT_EQ(ListIds(q), (std::vector<int64_t>{idc, ida}));
  q = Everything();
  q.chain_id = chains_[1];
  EXPECT_EQ(ListIds(q), (std::vector<int64_t>{idb}));
  q = Everything();
  q.event_id = event;
  EXPECT_EQ(ListIds(q), (std::vector<int64_t>{ida}));
  q = Everything();
  q.purpose = Purpose::kChainExtend;
  EXPECT_EQ(ListIds(q), (std::vector<int64_t>{idc}));
  q = Everything();
  q.q = "乙科技";  // the investor's name
  EXPECT_EQ(ListIds(q), (std::vector<int64_t>{idc, idb}));
  q = Everything();
  q.signed_from = "2025-05-01";
  q.signed_to = "2025-07-31";
  EXPECT_EQ(ListIds(q), (std::vector<int64_t>{ida}));
  q = Everything();
  q.scope = auth::ScopeFilter{auth::ScopeKind::kOwnUnit, {units_[1]}, {}, 0};
  EXPECT_EQ(ListIds(q), (std::vector<int64_t>{idc}));
  q.scope = auth::ScopeFilter{auth::ScopeKind::kSelf, {}, {}, 9};
  EXPECT_EQ(ListIds(q), (std::vector<int64_t>{idc}));
  q = Everything();
  q.page = {2, 2};
  EXPECT_EQ(ListIds(q, &total), (std::vector<int64_t>{ida}));
  EXPECT_EQ(total, 3);

  std::vector<int64_t> each;
  MustRead([&](Repositories& r) {
    return r.investments().ForEachProject(Everything(), [&](const Project& p) {
      each.push_back(p.id);
      return Status::Ok();
    });
  });
  EXPECT_EQ(each, (std::vector<int64_t>{ida, idb, idc}));
}

TEST_P(InvestmentContract, EventsKeepUnitsAndFirmsAndRefuseDeletionWhileLinked) {
  PromotionEvent e = NewEvent("2025电子信息产业（深圳）招商推介会", "2025-06-18", chains_[0]);
  const int64_t id = InsertEvent(e);
  std::optional<PromotionEvent> got;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(got, r.investments().GetEvent(id));
    return Status::Ok();
  });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->city, "深圳");
  EXPECT_EQ(got->chain_name, "电子信息");
  EXPECT_EQ(got->unit_ids, (std::vector<int64_t>{units_[1], units_[0]}));
  EXPECT_EQ(got->unit_names, (std::vector<std::string>{"吉安市工业和信息化局", "吉安市商务局"}));
  EXPECT_EQ(got->invited_firms, (std::vector<std::string>{"丙半导体有限公司", "丁显示科技有限公司"}));
  EXPECT_EQ(got->invited_count, 80);

  PromotionEvent changed = *got;
  changed.chain_id.reset();
  changed.unit_ids = {units_[0]};
  changed.invited_firms = {"戊光电有限公司"};
  changed.city = "广州";
  MustWrite([&](Repositories& r) { return r.investments().UpdateEvent(changed); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(got, r.investments().GetEvent(id));
    return Status::Ok();
  });
  EXPECT_EQ(got->city, "广州");
  EXPECT_FALSE(got->chain_id);
  EXPECT_EQ(got->unit_ids, (std::vector<int64_t>{units_[0]}));
  EXPECT_EQ(got->invited_firms, (std::vector<std::string>{"戊光电有限公司"}));

  Project p = NewProject("光电项目", 0, 0, Stage::kSigned, "2025-06-18", 100);
  p.event_id = id;
  const int64_t project = Insert(p);
  const Status refused = store_->Write([&](Repositories& r) { return r.investments().DeleteEvent(id); });
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.field(), "id");
  p.id = project;
  p.event_id.reset();
  MustWrite([&](Repositories& r) { return r.investments().UpdateProject(p); });
  MustWrite([&](Repositories& r) { return r.investments().DeleteEvent(id); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(got, r.investments().GetEvent(id));
    EXPECT_FALSE(got);
    return Status::Ok();
  });
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.investments().DeleteEvent(id); }).code(),
            StatusCode::kNotFound);
}

// Two chains over two years: 2024 one electronics event (one signed project 100 and one lead of
// 1000 that does not count); 2025 two electronics events (signed 200 + producing 300 at the first,
// nothing at the second), one biomedicine event (signed 50), one event for no chain (none).
TEST_P(InvestmentContract, FiguresPerEventAndPerYearAndChainCountOnlySignedProjects) {
  const int64_t e2024 = InsertEvent(NewEvent("2024深圳推介会", "2024-04-01", chains_[0]));
  const int64_t e2025a = InsertEvent(NewEvent("2025深圳推介会", "2025-04-01", chains_[0]));
  InsertEvent(NewEvent("2025东莞推介会", "2025-09-01", chains_[0]));
  const int64_t bio = InsertEvent(NewEvent("2025生物医药推介会", "2025-05-01", chains_[1]));
  InsertEvent(NewEvent("2025综合推介会", "2025-07-01", std::nullopt));
  auto add = [&](int64_t event, size_t chain, Stage stage, int64_t amount) {
    Project p = NewProject("项目", chain, 0, stage, "2025-10-01", amount);
    p.event_id = event;
    Insert(p);
  };
  add(e2024, 0, Stage::kSigned, 100);
  add(e2024, 0, Stage::kLead, 1000);
  add(e2025a, 0, Stage::kSigned, 200);
  add(e2025a, 0, Stage::kProducing, 300);
  add(bio, 1, Stage::kFunded, 50);

  std::optional<PromotionEvent> got;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(got, r.investments().GetEvent(e2025a));
    return Status::Ok();
  });
  EXPECT_EQ(got->projects_signed, 2);
  EXPECT_EQ(got->amount_signed, 500);

  std::vector<EventFigures> figures;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(figures, r.investments().EventFigures({}));
    return Status::Ok();
  });
  ASSERT_EQ(figures.size(), 4u);
  // 2025: 生物医药, 电子信息 (by chain name), then no chain; then 2024.
  EXPECT_EQ(figures[0], (EventFigures{2025, chains_[1], "生物医药", 1, 80, 1, 50}));
  EXPECT_EQ(figures[1], (EventFigures{2025, chains_[0], "电子信息", 2, 160, 2, 500}));
  EXPECT_EQ(figures[2], (EventFigures{2025, std::nullopt, "", 1, 80, 0, 0}));
  EXPECT_EQ(figures[3], (EventFigures{2024, chains_[0], "电子信息", 1, 80, 1, 100}));

  storage::EventFigureQuery only;
  only.year = 2025;
  only.chain_id = chains_[0];
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(figures, r.investments().EventFigures(only));
    return Status::Ok();
  });
  ASSERT_EQ(figures.size(), 1u);
  EXPECT_EQ(figures[0], (EventFigures{2025, chains_[0], "电子信息", 2, 160, 2, 500}));

  storage::EventQuery events;
  events.year = 2025;
  events.chain_id = chains_[0];
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto page, r.investments().Events(events));
    EXPECT_EQ(page.total, 2);
    if (page.items.size() == 2) {
      EXPECT_EQ(page.items[0].name, "2025东莞推介会");  // latest first
      EXPECT_EQ(page.items[1].amount_signed, 500);
      EXPECT_EQ(page.items[1].unit_names.size(), 2u);
    }
    return Status::Ok();
  });
}

// The cockpit's figures: projects per (chain, stage) with summed amounts; the year's signings per
// (chain, month) counting only projects still at 签约 or later; signing targets set, replaced and
// removed per (chain, year).
TEST_P(InvestmentContract, CockpitFiguresPerChainStageAndMonthAndSigningTargets) {
  Insert(NewProject("线索甲", 0, 0, Stage::kLead, "2025-01-05", 100));
  Insert(NewProject("签约乙", 0, 1, Stage::kSigned, "2025-03-10", 300));
  Insert(NewProject("开工丙", 0, 0, Stage::kStarted, "2025-03-20", 500));
  Insert(NewProject("签约丁", 0, 1, Stage::kSigned, "2024-12-31", 700));
  Insert(NewProject("投产戊", 1, 0, Stage::kProducing, "2025-11-01", 1100));
  std::vector<storage::ProjectStageFigure> stages;
  std::vector<storage::SignedMonthFigure> months;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(stages, r.investments().StageFigures());
    ASSIGN_OR_RETURN(months, r.investments().SignedByMonth(2025));
    return Status::Ok();
  });
  // Paid in is a quarter of agreed (NewProject), rounded down per project.
  EXPECT_EQ(stages, (std::vector<storage::ProjectStageFigure>{{chains_[0], Stage::kLead, 1, 100, 25},
                                                              {chains_[0], Stage::kSigned, 2, 1000, 75 + 175},
                                                              {chains_[0], Stage::kStarted, 1, 500, 125},
                                                              {chains_[1], Stage::kProducing, 1, 1100, 275}}));
  EXPECT_EQ(months, (std::vector<storage::SignedMonthFigure>{{chains_[0], 3, 2, 800}, {chains_[1], 11, 1, 1100}}));

  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.investments().SetSigningTarget({chains_[0], 2025, 5000, 7, kStart}));
    RETURN_IF_ERROR(r.investments().SetSigningTarget({chains_[1], 2025, 9000, 7, kStart}));
    RETURN_IF_ERROR(r.investments().SetSigningTarget({chains_[0], 2026, 6000, 7, kStart}));
    return r.investments().SetSigningTarget({chains_[0], 2025, 5500, 8, kStart + 1});  // replaces
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto targets, r.investments().SigningTargets(2025));
    EXPECT_EQ(targets, (std::vector<storage::SigningTarget>{{chains_[0], 2025, 5500, 8, kStart + 1},
                                                            {chains_[1], 2025, 9000, 7, kStart}}));
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) -> Status { return r.investments().SetSigningTarget({chains_[1], 2025, 0, 7, kStart}); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto targets, r.investments().SigningTargets(2025));
    EXPECT_EQ(targets.size(), 1u);
    ASSIGN_OR_RETURN(auto later, r.investments().SigningTargets(2026));
    EXPECT_EQ(later.size(), 1u);
    return Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(AllBackends, InvestmentContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
