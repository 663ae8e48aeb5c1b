// Work-plan task rows and support bodies / open challenges on every backend (issue 7 points 4 and
// 5): a task beside its case round-trips with its milestones in order, one row per case, ids by
// year and chain, progress and a milestone marked done once; a body round-trips with its members
// and academicians counted, a name taken refused, an update replacing the members, delete; a
// challenge's moves are conditional on the state read (a stale move writes nothing), milestones
// marked done once, applications in order, lists by state and chain, and the figures by region.
#include <gtest/gtest.h>

#include "backends.h"

namespace lz::testing {
namespace {

using casework::CaseState;
using chain::BodyKind;
using chain::Challenge;
using chain::ChallengeState;
using chain::MemberTitle;
using chain::SupportBody;
using storage::Repositories;

class PlanSupportContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{{"36", "江西省", org::RegionLevel::kProvince, "", 0},
                                                                {"3608", "吉安市", org::RegionLevel::kCity, "36", 0},
                                                                {"3601", "南昌市", org::RegionLevel::kCity, "36", 0}}) {
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
      chain::Chain c;
      c.name = "新材料";
      c.region_code = "3608";
      c.created_at = c.updated_at = kStart;
      ASSIGN_OR_RETURN(chain_, r.chains().Insert(c));
      c.name = "生物医药";
      ASSIGN_OR_RETURN(other_chain_, r.chains().Insert(c));
      chain::Segment s;
      s.chain_id = chain_;
      s.name = "电子功能材料";
      ASSIGN_OR_RETURN(segment_, r.chains().InsertSegment(s));
      chain::Enterprise e;
      e.credit_code = "91360802MA35F0E16G";
      e.name = "吉安甲新材料有限公司";
      e.name_key = chain::NormaliseEnterpriseName(e.name);
      e.region_code = "3608";
      e.local = true;
      e.created_at = e.updated_at = kStart;
      ASSIGN_OR_RETURN(firm_, r.enterprises().Insert(e));
      org::Unit office;
      office.name = "吉安市工业和信息化局";
      office.kind = org::UnitKind::kDepartment;
      office.region_code = "3608";
      office.created_at = office.updated_at = kStart;
      ASSIGN_OR_RETURN(int64_t unit, r.units().Insert(office));
      auth::User u;
      u.login = "gx.owner";
      u.name = "工信局周伟";
      u.unit_id = unit;
      u.scope.kind = auth::ScopeKind::kOwnUnit;
      u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
      u.password_changed_at = u.created_at = u.updated_at = kStart;
      ASSIGN_OR_RETURN(user_, r.users().Insert(u));
      return Status::Ok();
    });
  }

  plan::WorkTask Task(int64_t case_id, int32_t year, std::optional<int64_t> chain) const {
    plan::WorkTask t;
    t.case_id = case_id;
    t.year = year;
    t.chain_id = chain;
    t.deadline_on = std::to_string(year) + "-12-31";
    t.created_at = kStart;
    t.milestones = {{0, "形成方案", std::to_string(year) + "-03-31", std::nullopt, std::nullopt},
                    {1, "完成签约", std::to_string(year) + "-09-30", std::nullopt, std::nullopt}};
    return t;
  }
  SupportBody Committee(const std::string& name, const std::string& region) const {
    SupportBody b;
    b.kind = BodyKind::kAdvisoryCommittee;
    b.name = name;
    b.chain_id = chain_;
    b.region_code = region;
    b.members = {{"张院士", MemberTitle::kAcademician, "中国工程院", "主任"},
                 {"李院士", MemberTitle::kAcademician, "中国科学院", "顾问"},
                 {"赵教授", MemberTitle::kExpert, "南昌大学", "委员"}};
    b.created_at = b.updated_at = kStart;
    return b;
  }
  Challenge NewChallenge(std::optional<int64_t> chain) const {
    Challenge c;
    c.enterprise_id = firm_;
    c.chain_id = chain;
    c.segment_id = chain == chain_ ? std::optional<int64_t>(segment_) : std::nullopt;
    c.title = "高纯氧化铝";
    c.need = "5N级";
    c.reward_yuan = 5000000;
    c.apply_by = "2026-03-31";
    c.created_at = c.updated_at = kStart;
    return c;
  }

  int64_t chain_ = 0, other_chain_ = 0, segment_ = 0, firm_ = 0, user_ = 0;
};

TEST_P(PlanSupportContract, TaskRowsRoundTripAndMarkMilestonesOnce) {
  const int64_t a = InsertCase("T-1", "work_plan", "13", "3608", CaseState::kDispatched, kStart, std::nullopt);
  const int64_t b = InsertCase("T-2", "work_plan", "13", "3608", CaseState::kDispatched, kStart, std::nullopt);
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.work_tasks().Insert(Task(a, 2026, chain_)));
    RETURN_IF_ERROR(r.work_tasks().Insert(Task(b, 2027, std::nullopt)));
    EXPECT_EQ(r.work_tasks().Insert(Task(a, 2026, chain_)).code(), StatusCode::kAlreadyExists);
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.work_tasks().Get(a));
    EXPECT_TRUE(got.has_value());
    if (got) {
      EXPECT_EQ(*got, Task(a, 2026, chain_));
    }
    ASSIGN_OR_RETURN(auto none, r.work_tasks().Get(a + b + 100));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_RETURN(auto both, r.work_tasks().GetMany({a, b, a + b + 100}));
    EXPECT_EQ(both.size(), 2u);
    ASSIGN_OR_RETURN(auto of_2026, r.work_tasks().TaskIds({2026, std::nullopt}));
    EXPECT_EQ(of_2026, std::vector<int64_t>{a});
    ASSIGN_OR_RETURN(auto of_chain, r.work_tasks().TaskIds({std::nullopt, chain_}));
    EXPECT_EQ(of_chain, std::vector<int64_t>{a});
    ASSIGN_OR_RETURN(auto all, r.work_tasks().TaskIds({}));
    EXPECT_EQ(all.size(), 2u);
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.work_tasks().SetProgress(a, 60));
    EXPECT_EQ(r.work_tasks().SetProgress(a + b + 100, 10).code(), StatusCode::kNotFound);
    ASSIGN_OR_RETURN(bool first, r.work_tasks().MarkMilestoneDone(a, 1, "2026-09-20", user_));
    EXPECT_TRUE(first);
    ASSIGN_OR_RETURN(bool again, r.work_tasks().MarkMilestoneDone(a, 1, "2026-09-21", user_));
    EXPECT_FALSE(again);
    ASSIGN_OR_RETURN(bool unknown, r.work_tasks().MarkMilestoneDone(a, 9, "2026-09-21", user_));
    EXPECT_FALSE(unknown);
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.work_tasks().Get(a));
    if (!got) return Internal("the task is gone");
    EXPECT_EQ(got->progress, 60);
    EXPECT_FALSE(got->milestones[0].done_on.has_value());
    EXPECT_EQ(got->milestones[1].done_on, "2026-09-20");
    EXPECT_EQ(got->milestones[1].done_by_user_id, user_);
    return Status::Ok();
  });
  // The table refuses a progress outside 0–100.
  Status bad = store_->Write([&](Repositories& r) { return r.work_tasks().SetProgress(a, 101); });
  EXPECT_FALSE(bad.ok());
}

// The cockpit's open tasks per chain: open cases only (a closed task does not count), overdue when
// running with the due time before `now` (a suspended one is open but not overdue).
TEST_P(PlanSupportContract, OpenTasksPerChainCountTheOverdue) {
  auto task_case = [&](const std::string& number, CaseState state, std::optional<TimeMs> due, bool suspended) {
    casework::Case c;
    c.number = number;
    c.facts.channel = "work_plan";
    c.facts.category_code = "13";
    c.facts.title = "任务 " + number;
    c.facts.text = "内容 " + number;
    c.facts.region_code = "3608";
    c.state = state;
    c.version = 1;
    c.created_at = c.updated_at = kStart;
    c.due_at = due;
    if (suspended) c.suspended_since = kStart;
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.cases().Insert(c, std::nullopt));
      return Status::Ok();
    });
    return id;
  };
  const TimeMs now = kStart + 10 * kDayMs;
  const int64_t late = task_case("C-1", CaseState::kHandling, kStart + kDayMs, false);
  const int64_t on_time = task_case("C-2", CaseState::kDispatched, now + kDayMs, false);
  const int64_t paused = task_case("C-3", CaseState::kHandling, kStart + kDayMs, true);
  const int64_t closed = task_case("C-4", CaseState::kClosed, kStart + kDayMs, false);
  const int64_t loose = task_case("C-5", CaseState::kReturned, kStart + kDayMs, false);
  MustWrite([&](Repositories& r) -> Status {
    for (int64_t id : {late, on_time, paused, closed}) RETURN_IF_ERROR(r.work_tasks().Insert(Task(id, 2026, chain_)));
    return r.work_tasks().Insert(Task(loose, 2026, std::nullopt));
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto figures, r.work_tasks().OpenByChain(now));
    EXPECT_EQ(figures, (std::vector<storage::OpenTaskFigure>{{std::nullopt, 1, 1}, {chain_, 3, 1}}));
    return Status::Ok();
  });
}

TEST_P(PlanSupportContract, BodiesRoundTripWithMembersAndFigures) {
  int64_t id = 0;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(id, r.support().InsertBody(Committee("新材料专家咨询委员会", "3608")));
    auto taken = r.support().InsertBody(Committee("新材料专家咨询委员会", "3601"));
    EXPECT_EQ(taken.status().code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(taken.status().field(), "name");
    SupportBody alliance = Committee("吉安市新材料产业联盟", "3608");
    alliance.kind = BodyKind::kIndustryAlliance;
    alliance.chain_id.reset();
    alliance.members.clear();
    RETURN_IF_ERROR(r.support().InsertBody(alliance).status());
    return r.support().InsertBody(Committee("南昌市生物医药专家咨询委员会", "3601")).status();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.support().GetBody(id));
    EXPECT_TRUE(got.has_value());
    if (!got) return Status::Ok();
    SupportBody expected = Committee("新材料专家咨询委员会", "3608");
    expected.id = id;
    EXPECT_EQ(got->body, expected);
    EXPECT_EQ(got->chain_name, "新材料");
    EXPECT_EQ(got->academicians, 2);
    storage::SupportBodyQuery q;
    q.kind = BodyKind::kAdvisoryCommittee;
    q.region_code = "3608";
    ASSIGN_OR_RETURN(auto page, r.support().Bodies(q));
    EXPECT_EQ(page.total, 1);
    q = {};
    q.q = "联盟";
    ASSIGN_OR_RETURN(auto found, r.support().Bodies(q));
    EXPECT_EQ(found.total, 1);
    ASSIGN_OR_RETURN(auto f, r.support().Figures("3608"));
    EXPECT_EQ(f.advisory_committees, 1);
    EXPECT_EQ(f.industry_alliances, 1);
    EXPECT_EQ(f.academicians, 2);
    ASSIGN_OR_RETURN(auto everywhere, r.support().Figures(""));
    EXPECT_EQ(everywhere.advisory_committees, 2);
    EXPECT_EQ(everywhere.academicians, 4);
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) -> Status {
    SupportBody changed = Committee("新材料专家咨询委员会", "3608");
    changed.id = id;
    changed.members.resize(1);
    changed.updated_at = kStart + 1;
    RETURN_IF_ERROR(r.support().UpdateBody(changed));
    changed.name = "南昌市生物医药专家咨询委员会";
    EXPECT_EQ(r.support().UpdateBody(changed).code(), StatusCode::kAlreadyExists);
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.support().GetBody(id));
    if (!got) return Internal("the body is gone");
    EXPECT_EQ(got->body.members.size(), 1u);
    EXPECT_EQ(got->academicians, 1);
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.support().DeleteBody(id));
    EXPECT_EQ(r.support().DeleteBody(id).code(), StatusCode::kNotFound);
    return Status::Ok();
  });
}

TEST_P(PlanSupportContract, ChallengeMovesAreConditionalOnTheStateRead) {
  int64_t id = 0, first = 0, second = 0;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(id, r.support().InsertChallenge(NewChallenge(chain_)));
    RETURN_IF_ERROR(r.support().InsertChallenge(NewChallenge(other_chain_)).status());
    chain::ChallengeApplication a;
    a.challenge_id = id;
    a.team = "南昌大学团队";
    a.leader = "陈教授";
    a.proposal = "溶胶-凝胶法";
    a.contact_phone = "13907961234";
    a.submitted_at = kStart;
    ASSIGN_OR_RETURN(first, r.support().InsertApplication(a));
    a.team = "江西省科学院团队";
    ASSIGN_OR_RETURN(second, r.support().InsertApplication(a));
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto row, r.support().GetChallenge(id));
    if (!row) return Internal("the challenge is gone");
    Challenge c = row->challenge;
    c.state = ChallengeState::kAwarded;
    c.awarded_application_id = second;
    c.awarded_on = "2026-01-10";
    ASSIGN_OR_RETURN(bool moved, r.support().MoveChallenge(c, ChallengeState::kOpen));
    EXPECT_TRUE(moved);
    // A second award read in the open state is stale.
    c.awarded_application_id = first;
    ASSIGN_OR_RETURN(bool stale, r.support().MoveChallenge(c, ChallengeState::kOpen));
    EXPECT_FALSE(stale);
    RETURN_IF_ERROR(r.support().AddMilestones(id, {{0, "小试", "2026-03-31", std::nullopt}, {1, "中试", "2026-09-30", std::nullopt}}));
    ASSIGN_OR_RETURN(bool done, r.support().MarkMilestoneDone(id, 0, "2026-03-20"));
    EXPECT_TRUE(done);
    ASSIGN_OR_RETURN(bool twice, r.support().MarkMilestoneDone(id, 0, "2026-03-21"));
    EXPECT_FALSE(twice);
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto row, r.support().GetChallenge(id));
    if (!row) return Internal("the challenge is gone");
    EXPECT_EQ(row->challenge.state, ChallengeState::kAwarded);
    EXPECT_EQ(row->challenge.awarded_application_id, second);
    EXPECT_EQ(row->challenge.awarded_on, "2026-01-10");
    EXPECT_EQ(row->segment_name, "电子功能材料");
    EXPECT_EQ(row->credit_code, "91360802MA35F0E16G");
    EXPECT_EQ(row->applications, 2);
    EXPECT_EQ(row->challenge.milestones.size(), 2u);
    EXPECT_EQ(row->challenge.milestones[0].done_on, "2026-03-20");
    ASSIGN_OR_RETURN(auto applications, r.support().Applications(id));
    EXPECT_EQ(applications.size(), 2u);
    EXPECT_EQ(applications[0].team, "南昌大学团队");
    storage::ChallengeQuery q;
    q.state = ChallengeState::kAwarded;
    ASSIGN_OR_RETURN(auto awarded, r.support().Challenges(q));
    EXPECT_EQ(awarded.total, 1);
    q = {};
    q.chain_id = other_chain_;
    ASSIGN_OR_RETURN(auto other, r.support().Challenges(q));
    EXPECT_EQ(other.total, 1);
    ASSIGN_OR_RETURN(auto f, r.support().Figures("3608"));
    EXPECT_EQ(f.challenges_open, 1);
    EXPECT_EQ(f.challenges_awarded, 1);
    EXPECT_EQ(f.rewards_yuan, 10000000);
    ASSIGN_OR_RETURN(auto nanchang, r.support().Figures("3601"));
    EXPECT_EQ(nanchang.challenges_open, 0);
    return Status::Ok();
  });
  // A negative reward violates the table's CHECK.
  Challenge negative = NewChallenge(chain_);
  negative.reward_yuan = -1;
  EXPECT_FALSE(store_->Write([&](Repositories& r) { return r.support().InsertChallenge(negative).status(); }).ok());
}

INSTANTIATE_TEST_SUITE_P(AllBackends, PlanSupportContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
