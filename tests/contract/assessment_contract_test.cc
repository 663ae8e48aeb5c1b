// Assessment storage on every backend (issue 7 point 7): schemes round-trip with their five
// weights, names unique (on insert and update), listed by name, one default kept by
// ClearDefaultExcept, weights outside 0–10000 refused by the table, deleted; the projects landed
// per responsible unit in a date range (each project once, moves outside the range ignored); and
// the work-plan tasks due in a date range.
#include <gtest/gtest.h>

#include "backends.h"

namespace lz::testing {
namespace {

using assess::Scheme;
using casework::CaseState;
using investment::Stage;
using storage::Repositories;
using storage::UnitLandings;

class AssessmentContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{{"36", "江西省", org::RegionLevel::kProvince, "", 0},
                                                                {"3608", "吉安市", org::RegionLevel::kCity, "36", 0}}) {
        RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      }
      casework::Channel channel;
      channel.code = "work_plan";
      channel.name = "工作要点督办";
      RETURN_IF_ERROR(r.catalogue().PutChannel(channel));
      casework::Category category;
      category.code = "13";
      category.name = "工作督办";
      RETURN_IF_ERROR(r.catalogue().InsertCategory(category).status());
      for (const char* name : {"吉安市商务局", "吉州区商务局"}) {
        org::Unit u;
        u.name = name;
        u.kind = org::UnitKind::kDepartment;
        u.region_code = "3608";
        u.created_at = u.updated_at = kStart;
        ASSIGN_OR_RETURN(int64_t id, r.units().Insert(u));
        units_.push_back(id);
      }
      chain::Chain c;
      c.name = "电子信息";
      c.region_code = "3608";
      c.created_at = c.updated_at = kStart;
      ASSIGN_OR_RETURN(chain_, r.chains().Insert(c));
      chain::Segment s;
      s.chain_id = chain_;
      s.name = "显示面板";
      ASSIGN_OR_RETURN(segment_, r.chains().InsertSegment(s));
      chain::Enterprise e;
      e.credit_code = "91360802MA35F0E16G";
      e.name = "吉安甲电子有限公司";
      e.name_key = chain::NormaliseEnterpriseName(e.name);
      e.region_code = "3608";
      e.created_at = e.updated_at = kStart;
      ASSIGN_OR_RETURN(firm_, r.enterprises().Insert(e));
      return Status::Ok();
    });
  }

  static Scheme NewScheme(const std::string& name, assess::Weights weights, bool is_default) {
    Scheme s;
    s.name = name;
    s.weights = weights;
    s.is_default = is_default;
    s.created_by = 7;
    s.created_at = s.updated_at = kStart;
    return s;
  }

  // A project of unit `unit` that moved through `moves` (stage, date), the first creating it.
  int64_t Project(size_t unit, const std::string& name, const std::vector<std::pair<Stage, std::string>>& moves) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      investment::Project p;
      p.name = name;
      p.investor_id = firm_;
      p.chain_id = chain_;
      p.segment_id = segment_;
      p.stage = moves.back().first;
      p.stage_on = moves.back().second;
      p.unit_id = units_[unit];
      p.created_by = 7;
      p.created_at = p.updated_at = kStart;
      ASSIGN_OR_RETURN(id, r.investments().InsertProject(p));
      std::optional<Stage> from;
      for (const auto& [stage, on] : moves) {
        RETURN_IF_ERROR(r.investments().AppendStageChange({0, id, from, stage, on, "", 7, kStart, {}}).status());
        from = stage;
      }
      return Status::Ok();
    });
    return id;
  }

  std::vector<UnitLandings> Landings(const std::string& from, const std::string& to) {
    std::vector<UnitLandings> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.investments().LandingsByUnit(from, to));
      return Status::Ok();
    });
    return out;
  }

  std::vector<int64_t> units_;
  int64_t chain_ = 0, segment_ = 0, firm_ = 0;
};

TEST_P(AssessmentContract, SchemesRoundTripWithUniqueNamesAndOneDefault) {
  int64_t a = 0, b = 0;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(a, r.assessments().Insert(NewScheme("月度考核", {3000, 2500, 1500, 1500, 1500}, true)));
    ASSIGN_OR_RETURN(b, r.assessments().Insert(NewScheme("招商专项", {1000, 1000, 0, 2000, 6000}, false)));
    auto taken = r.assessments().Insert(NewScheme("月度考核", {10000, 0, 0, 0, 0}, false));
    EXPECT_EQ(taken.status().code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(taken.status().field(), "name");
    return Status::Ok();
  });
  EXPECT_NE(a, b);
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.assessments().Get(a));
    Scheme want = NewScheme("月度考核", {3000, 2500, 1500, 1500, 1500}, true);
    want.id = a;
    EXPECT_EQ(got, std::optional<Scheme>(want));
    ASSIGN_OR_RETURN(auto none, r.assessments().Get(a + b + 100));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_RETURN(auto all, r.assessments().All());
    EXPECT_EQ(all.size(), 2u);
    return Status::Ok();
  });

  MustWrite([&](Repositories& r) -> Status {
    Scheme s = NewScheme("招商专项（修订）", {0, 0, 0, 5000, 5000}, true);
    s.id = b;
    s.updated_at = kStart + 5;
    s.created_by = 99;      // not written
    s.created_at = 1;       // not written
    RETURN_IF_ERROR(r.assessments().Update(s));
    RETURN_IF_ERROR(r.assessments().ClearDefaultExcept(b));
    s.name = "月度考核";
    EXPECT_EQ(r.assessments().Update(s).code(), StatusCode::kAlreadyExists);
    s.id = a + b + 100;
    s.name = "无此方案";
    EXPECT_EQ(r.assessments().Update(s).code(), StatusCode::kNotFound);
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto all, r.assessments().All());
    EXPECT_EQ(all.size(), 2u);
    if (all.size() == 2) {
      // Found by id: the order of Chinese names depends on the backend's collation.
      for (const auto& s : all) {
        if (s.id == a) {
          EXPECT_FALSE(s.is_default);
          EXPECT_EQ(s.weights, (assess::Weights{3000, 2500, 1500, 1500, 1500}));
        } else {
          EXPECT_TRUE(s.is_default);
          EXPECT_EQ(s.name, "招商专项（修订）");
          EXPECT_EQ(s.weights, (assess::Weights{0, 0, 0, 5000, 5000}));
          EXPECT_EQ(s.created_by, 7);
          EXPECT_EQ(s.created_at, kStart);
          EXPECT_EQ(s.updated_at, kStart + 5);
        }
      }
    }
    return Status::Ok();
  });

  // The table refuses a weight out of range whatever the caller checked.
  Status bad = store_->Write([&](Repositories& r) -> Status {
    return r.assessments().Insert(NewScheme("越界", {10001, 0, 0, 0, 0}, false)).status();
  });
  EXPECT_FALSE(bad.ok());

  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.assessments().Delete(a));
    EXPECT_EQ(r.assessments().Delete(a).code(), StatusCode::kNotFound);
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto all, r.assessments().All());
    EXPECT_EQ(all.size(), 1u);
    return Status::Ok();
  });
}

TEST_P(AssessmentContract, SchemesAreListedByName) {
  MustWrite([&](Repositories& r) -> Status {
    for (const char* name : {"b-scheme", "a-scheme", "c-scheme"}) {
      RETURN_IF_ERROR(r.assessments().Insert(NewScheme(name, assess::kBuiltinWeights, false)).status());
    }
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto all, r.assessments().All());
    std::vector<std::string> names;
    for (const auto& s : all) names.push_back(s.name);
    EXPECT_EQ(names, (std::vector<std::string>{"a-scheme", "b-scheme", "c-scheme"}));
    return Status::Ok();
  });
}

TEST_P(AssessmentContract, LandingsCountEachProjectOnceInTheRange) {
  // Unit 0: one project lands in March, falls back and lands again in March (counted once); one
  // lands on 1 April; one is a lead. Unit 1: one lands on 28 February.
  Project(0, "面板二期", {{Stage::kSigned, "2026-01-10"}, {Stage::kProducing, "2026-03-05"},
                         {Stage::kFunded, "2026-03-20"}, {Stage::kProducing, "2026-03-25"}});
  Project(0, "模组厂", {{Stage::kStarted, "2026-02-01"}, {Stage::kProducing, "2026-04-01"}});
  Project(0, "背光源", {{Stage::kLead, "2026-03-10"}});
  Project(1, "玻璃基板", {{Stage::kFunded, "2026-01-15"}, {Stage::kProducing, "2026-02-28"}});

  EXPECT_EQ(Landings("2026-03-01", "2026-03-31"),
            (std::vector<UnitLandings>{{units_[0], 3, 1}, {units_[1], 1, 0}}));
  EXPECT_EQ(Landings("2026-04-01", "2026-04-30"),
            (std::vector<UnitLandings>{{units_[0], 3, 1}, {units_[1], 1, 0}}));
  EXPECT_EQ(Landings("2026-02-01", "2026-02-28"),
            (std::vector<UnitLandings>{{units_[0], 3, 0}, {units_[1], 1, 1}}));
  EXPECT_EQ(Landings("2026-01-01", "2026-12-31"),
            (std::vector<UnitLandings>{{units_[0], 3, 2}, {units_[1], 1, 1}}));
}

TEST_P(AssessmentContract, TasksDueInARange) {
  std::vector<int64_t> cases;
  for (const char* deadline : {"2026-03-01", "2026-03-31", "2026-04-01", "2026-02-28"}) {
    const int64_t id = InsertCase(std::string("T-") + deadline, "work_plan", "13", "3608", CaseState::kDispatched, kStart,
                                  std::nullopt);
    cases.push_back(id);
    MustWrite([&](Repositories& r) -> Status {
      plan::WorkTask t;
      t.case_id = id;
      t.year = 2026;
      t.deadline_on = deadline;
      t.created_at = kStart;
      return r.work_tasks().Insert(t);
    });
  }
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto march, r.work_tasks().TaskIdsDue("2026-03-01", "2026-03-31"));
    EXPECT_EQ(march, (std::vector<int64_t>{cases[0], cases[1]}));
    ASSIGN_OR_RETURN(auto none, r.work_tasks().TaskIdsDue("2026-05-01", "2026-05-31"));
    EXPECT_TRUE(none.empty());
    return Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(AllBackends, AssessmentContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
