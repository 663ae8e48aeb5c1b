// Enterprise-visit storage on every backend (issue 6 points 1 and 4, migration 0009): visits
// round-trip with their policies and problems (in order; a case raised at one visit only), the
// visit of a case, visit lists (enterprise, visitor, role, region, period and "served by" filters,
// latest first), the commissioner list (assigned filter, one commissioner's, search, tallies), and
// the figures (positions by region, visits and funds of a period, problems raised and solved on
// the program's channels, enterprises served); the funds CHECK refuses a negative amount.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "backends.h"
#include "domain/chain/chain.h"

namespace lz::testing {
namespace {

using casework::Case;
using casework::CaseState;
using casework::FieldProgram;
using casework::FieldRole;
using casework::Visit;
using storage::Repositories;

class FieldContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{
               {"36", "江西省", org::RegionLevel::kProvince, "", 0},
               {"3601", "南昌市", org::RegionLevel::kCity, "36", 0},
               {"360121", "南昌县", org::RegionLevel::kCounty, "3601", 0},
               {"3608", "吉安市", org::RegionLevel::kCity, "36", 0},
               {"360802", "吉州区", org::RegionLevel::kCounty, "3608", 0}}) {
        RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      }
      ASSIGN_OR_RETURN(bureau_, AddUnit(r, "吉安市工信局", "3608"));
      ASSIGN_OR_RETURN(chamber_, AddUnit(r, "南昌县工商联", "360121"));
      ASSIGN_OR_RETURN(li_, AddUser(r, "tpy.li", bureau_));
      ASSIGN_OR_RETURN(wang_, AddUser(r, "tpy.wang", bureau_));
      ASSIGN_OR_RETURN(zhao_, AddUser(r, "ll.zhao", chamber_));
      ASSIGN_OR_RETURN(qian_, AddUser(r, "jd.qian", chamber_));
      ASSIGN_OR_RETURN(firm_a_, AddFirm(r, "91360802MA35F0E16G", "吉安甲电子", "360802"));
      ASSIGN_OR_RETURN(firm_b_, AddFirm(r, "91440300708461136T", "吉安乙电路", "360802"));
      ASSIGN_OR_RETURN(firm_c_, AddFirm(r, "914403001922038216", "南昌县丙食品", "360121"));
      for (const char* code : {"commissioner", "liaison", "hotline"}) {
        casework::Channel channel;
        channel.code = code;
        channel.name = code;
        RETURN_IF_ERROR(r.catalogue().PutChannel(channel));
      }
      casework::Category category;
      category.code = "05";
      category.name = "企业服务";
      RETURN_IF_ERROR(r.catalogue().InsertCategory(category).status());
      RETURN_IF_ERROR(AddPosition(r, li_, org::PositionKind::kCommissioner, "91360802MA35F0E16G"));
      RETURN_IF_ERROR(AddPosition(r, wang_, org::PositionKind::kCommissioner, "91440300708461136T"));
      RETURN_IF_ERROR(AddPosition(r, qian_, org::PositionKind::kMonitoringPoint, "914403001922038216"));
      org::Position liaison;
      liaison.user_id = zhao_;
      liaison.kind = org::PositionKind::kLiaisonOfficer;
      liaison.context_type = org::ContextType::kUnit;
      liaison.context_ref = std::to_string(chamber_);
      liaison.context_name = "南昌县工商联";
      liaison.created_at = kStart;
      return r.positions().Insert(liaison).status();
    });
  }

  static Result<int64_t> AddUnit(Repositories& r, const std::string& name, const std::string& region) {
    org::Unit u;
    u.name = name;
    u.kind = org::UnitKind::kDepartment;
    u.region_code = region;
    u.created_at = u.updated_at = kStart;
    return r.units().Insert(u);
  }
  static Result<int64_t> AddUser(Repositories& r, const std::string& login, int64_t unit_id) {
    auth::User u;
    u.login = login;
    u.name = "用户 " + login;
    u.unit_id = unit_id;
    u.scope.kind = auth::ScopeKind::kSelf;
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    u.password_changed_at = u.created_at = u.updated_at = kStart;
    return r.users().Insert(u);
  }
  static Result<int64_t> AddFirm(Repositories& r, const std::string& code, const std::string& name,
                                 const std::string& region) {
    chain::Enterprise e;
    e.credit_code = code;
    e.name = name;
    e.name_key = chain::NormaliseEnterpriseName(name);
    e.region_code = region;
    e.local = true;
    e.created_at = e.updated_at = kStart;
    return r.enterprises().Insert(e);
  }
  static Status AddPosition(Repositories& r, int64_t user, org::PositionKind kind, const std::string& code) {
    org::Position p;
    p.user_id = user;
    p.kind = kind;
    p.context_type = org::ContextType::kEnterprise;
    p.context_ref = code;
    p.context_name = code;
    p.created_at = kStart;
    return r.positions().Insert(p).status();
  }

  static Visit NewVisit(int64_t firm, int64_t visitor, FieldRole role, const std::string& date, int64_t funds,
                        int64_t workers = 0) {
    Visit v;
    v.enterprise_id = firm;
    v.visitor_user_id = visitor;
    v.role = role;
    v.visited_on = date;
    v.summary = "走访 " + date;
    v.policies = {"稳岗补贴", "技改补助"};
    v.help_given = "协调招聘";
    v.funds_paid_yuan = funds;
    v.workers_recruited = workers;
    v.created_at = kStart;
    return v;
  }
  int64_t InsertVisit(const Visit& v) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.visits().Insert(v));
      return Status::Ok();
    });
    return id;
  }
  // A case about `firm` on `channel`, created at `created`, in `state` with `outcome`.
  int64_t Problem(const std::string& number, const std::string& channel, int64_t firm, TimeMs created,
                  CaseState state = CaseState::kPendingDispatch,
                  std::optional<casework::Outcome> outcome = std::nullopt) {
    Case c;
    c.number = number;
    c.facts.channel = channel;
    c.facts.category_code = "05";
    c.facts.title = "问题 " + number;
    c.facts.text = "反映 " + number;
    c.facts.region_code = firm == firm_c_ ? "360121" : "360802";
    c.facts.subject_kind = casework::SubjectKind::kEnterprise;
    c.facts.enterprise_id = firm;
    c.state = state;
    c.outcome = outcome;
    c.version = 1;
    c.created_at = c.updated_at = created;
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.cases().Insert(c, bureau_));
      return Status::Ok();
    });
    return id;
  }
  std::vector<int64_t> Listed(const storage::VisitQuery& q) {
    std::vector<int64_t> ids;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(auto page, r.visits().List(q));
      for (const auto& row : page.items) ids.push_back(row.visit.id);
      return Status::Ok();
    });
    return ids;
  }
  storage::FieldFigures Figures(const storage::FieldFigureQuery& q) {
    storage::FieldFigures f;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(f, r.visits().Figures(q));
      return Status::Ok();
    });
    return f;
  }

  int64_t bureau_ = 0, chamber_ = 0, li_ = 0, wang_ = 0, zhao_ = 0, qian_ = 0;
  int64_t firm_a_ = 0, firm_b_ = 0, firm_c_ = 0;
};

// 2025-11-15 00:00 in China.
constexpr TimeMs kMidNovember = 1763164800000 - 8 * kHourMs;

TEST_P(FieldContract, VisitsRoundTripWithTheirProblems) {
  const int64_t id = InsertVisit(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-20", 500000, 700));
  const int64_t first = Problem("P-1", "commissioner", firm_a_, kMidNovember);
  const int64_t second = Problem("P-2", "commissioner", firm_a_, kMidNovember);
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.visits().AddProblem(id, second));
    return r.visits().AddProblem(id, first);
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto v, r.visits().Get(id));
    EXPECT_TRUE(v.has_value());
    if (!v) return Status::Ok();
    Visit expected = NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-20", 500000, 700);
    expected.id = id;
    expected.problem_case_ids = {second, first};
    EXPECT_EQ(*v, expected);
    ASSIGN_OR_RETURN(auto of_case, r.visits().VisitOfCase(first));
    EXPECT_EQ(of_case, id);
    ASSIGN_OR_RETURN(auto none, r.visits().Get(id + 100));
    EXPECT_FALSE(none.has_value());
    return Status::Ok();
  });
  // A case is raised at one visit only.
  const int64_t other = InsertVisit(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-21", 0));
  Status st = store_->Write([&](Repositories& r) { return r.visits().AddProblem(other, first); });
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists);
  // Negative funds violate the table's CHECK.
  Status negative = store_->Write([&](Repositories& r) {
    return r.visits().Insert(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-21", -1)).status();
  });
  EXPECT_FALSE(negative.ok());
  // So do negative workers.
  Status no_workers = store_->Write([&](Repositories& r) {
    return r.visits().Insert(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-21", 0, -1)).status();
  });
  EXPECT_FALSE(no_workers.ok());
}

TEST_P(FieldContract, VisitListsFilterAndOrder) {
  const int64_t a1 = InsertVisit(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-10", 1));
  const int64_t a2 = InsertVisit(NewVisit(firm_a_, wang_, FieldRole::kCommissioner, "2025-11-20", 2));
  const int64_t c1 = InsertVisit(NewVisit(firm_c_, zhao_, FieldRole::kLiaisonOfficer, "2025-11-15", 3));
  const int64_t c2 = InsertVisit(NewVisit(firm_c_, qian_, FieldRole::kMonitoringPoint, "2025-10-15", 4));
  storage::VisitQuery all;
  EXPECT_EQ(Listed(all), (std::vector<int64_t>{a2, c1, a1, c2}));
  storage::VisitQuery firm;
  firm.enterprise_id = firm_a_;
  EXPECT_EQ(Listed(firm), (std::vector<int64_t>{a2, a1}));
  storage::VisitQuery visitor;
  visitor.visitor_user_id = zhao_;
  EXPECT_EQ(Listed(visitor), (std::vector<int64_t>{c1}));
  storage::VisitQuery roles;
  roles.roles = {FieldRole::kLiaisonOfficer, FieldRole::kMonitoringPoint};
  EXPECT_EQ(Listed(roles), (std::vector<int64_t>{c1, c2}));
  storage::VisitQuery region;
  region.region_code = "360121";
  EXPECT_EQ(Listed(region), (std::vector<int64_t>{c1, c2}));
  storage::VisitQuery period;
  period.period = {"2025-11-10", "2025-11-15"};
  EXPECT_EQ(Listed(period), (std::vector<int64_t>{c1, a1}));
  // li is commissioner of A: li reads A's visits (also wang's there), not C's.
  storage::VisitQuery served;
  served.served_by_user_id = li_;
  EXPECT_EQ(Listed(served), (std::vector<int64_t>{a2, a1}));
  served.served_by_user_id = zhao_;
  EXPECT_EQ(Listed(served), (std::vector<int64_t>{c1}));
  MustRead([&](Repositories& r) -> Status {
    storage::VisitQuery q;
    q.page = {2, 3};
    ASSIGN_OR_RETURN(auto page, r.visits().List(q));
    EXPECT_EQ(page.total, 4);
    EXPECT_EQ(page.items.size(), 1u);
    ASSIGN_OR_RETURN(auto visited, r.visits().VisitedBy(li_));
    EXPECT_EQ(visited, std::vector<int64_t>{firm_a_});
    return Status::Ok();
  });
}

TEST_P(FieldContract, TheCommissionerListAndTallies) {
  InsertVisit(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-10", 1));
  InsertVisit(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-20", 1));
  Problem("P-1", "commissioner", firm_a_, kMidNovember, CaseState::kClosed, casework::Outcome::kResolved);
  Problem("P-2", "commissioner", firm_a_, kMidNovember, CaseState::kClosed, casework::Outcome::kExplained);
  Problem("P-3", "liaison", firm_a_, kMidNovember, CaseState::kHandling);
  Problem("P-4", "hotline", firm_a_, kMidNovember);  // not a field problem
  MustRead([&](Repositories& r) -> Status {
    storage::AssignmentQuery q;
    ASSIGN_OR_RETURN(auto all, r.visits().Assignments(q));
    EXPECT_EQ(all.total, 3);
    q.assigned = true;
    ASSIGN_OR_RETURN(auto assigned, r.visits().Assignments(q));
    EXPECT_EQ(assigned.total, 2);
    q.assigned = false;
    ASSIGN_OR_RETURN(auto unassigned, r.visits().Assignments(q));
    EXPECT_EQ(unassigned.total, 1);
    if (!unassigned.items.empty()) {
      EXPECT_EQ(unassigned.items[0].enterprise.id, firm_c_);
    }
    storage::AssignmentQuery of_li;
    of_li.commissioner_user_id = li_;
    ASSIGN_OR_RETURN(auto mine, r.visits().Assignments(of_li));
    EXPECT_EQ(mine.total, 1);
    if (mine.items.empty()) return Status::Ok();
    const auto& row = mine.items[0];
    EXPECT_EQ(row.enterprise.id, firm_a_);
    EXPECT_EQ(row.enterprise.region_name, "吉州区");
    EXPECT_EQ(row.commissioners.size(), 1u);
    if (!row.commissioners.empty()) {
      EXPECT_EQ(row.commissioners[0].user_name, "用户 tpy.li");
    }
    EXPECT_EQ(row.tally.visits, 2);
    EXPECT_EQ(row.tally.last_visited_on, "2025-11-20");
    EXPECT_EQ(row.tally.problems, 3);
    EXPECT_EQ(row.tally.open_problems, 1);
    EXPECT_EQ(row.tally.solved, 1);
    storage::AssignmentQuery search;
    search.q = "丙食品";
    ASSIGN_OR_RETURN(auto found, r.visits().Assignments(search));
    EXPECT_EQ(found.total, 1);
    ASSIGN_OR_RETURN(auto problems, r.visits().ProblemsOf(firm_a_));
    EXPECT_EQ(problems.size(), 3u);
    return Status::Ok();
  });
}

TEST_P(FieldContract, FiguresCountPositionsVisitsFundsAndProblems) {
  InsertVisit(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-10", 300000, 300));
  InsertVisit(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-11-20", 200000, 400));
  InsertVisit(NewVisit(firm_a_, li_, FieldRole::kCommissioner, "2025-10-20", 999, 50));  // before the period
  InsertVisit(NewVisit(firm_c_, zhao_, FieldRole::kLiaisonOfficer, "2025-11-12", 7));
  Problem("P-1", "commissioner", firm_a_, kMidNovember, CaseState::kArchived, casework::Outcome::kResolved);
  Problem("P-2", "commissioner", firm_b_, kMidNovember, CaseState::kHandling);
  Problem("P-3", "commissioner", firm_b_, kMidNovember - 40 * kDayMs, CaseState::kHandling);  // October
  Problem("P-4", "liaison", firm_c_, kMidNovember, CaseState::kClosed, casework::Outcome::kResolved);
  Problem("P-5", "hotline", firm_c_, kMidNovember);

  storage::FieldFigureQuery q;
  q.period = {"2025-11-01", "2025-11-30"};
  q.program = FieldProgram::kCommissioner;
  storage::FieldFigures c = Figures(q);
  EXPECT_EQ(c.commissioners, 2);
  EXPECT_EQ(c.enterprises_assigned, 2);
  EXPECT_EQ(c.liaison_officers, 0);
  EXPECT_EQ(c.visits, 2);
  EXPECT_EQ(c.funds_paid_yuan, 500000);
  EXPECT_EQ(c.workers_recruited, 700);
  EXPECT_EQ(c.problems_raised, 2);
  EXPECT_EQ(c.problems_solved, 1);
  EXPECT_EQ(c.enterprises_served, 2);  // A visited, B with a problem

  q.program = FieldProgram::kLiaison;
  q.region_code = "360121";
  storage::FieldFigures l = Figures(q);
  EXPECT_EQ(l.liaison_officers, 1);
  EXPECT_EQ(l.supervisors, 0);
  EXPECT_EQ(l.monitoring_points, 1);
  EXPECT_EQ(l.commissioners, 0);
  EXPECT_EQ(l.visits, 1);
  EXPECT_EQ(l.funds_paid_yuan, 7);
  EXPECT_EQ(l.workers_recruited, 0);
  EXPECT_EQ(l.problems_raised, 1);
  EXPECT_EQ(l.problems_solved, 1);
  EXPECT_EQ(l.enterprises_served, 1);

  q.program = FieldProgram::kAll;
  q.region_code = "3608";
  q.period = {};
  storage::FieldFigures all = Figures(q);
  EXPECT_EQ(all.visits, 3);
  EXPECT_EQ(all.funds_paid_yuan, 500999);
  EXPECT_EQ(all.workers_recruited, 750);
  EXPECT_EQ(all.problems_raised, 3);
  EXPECT_EQ(all.liaison_officers, 0);  // the chamber lies in 南昌县
  EXPECT_EQ(all.monitoring_points, 0);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, FieldContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
