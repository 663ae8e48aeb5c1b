// Policy storage on every backend (issue 7 point 3, migration 0012): a policy round-trips with its
// chains and measures (conditions included, in order); document numbers are unique; an update
// keeps, changes, adds and drops measures by id; lists filter by type, chain, issuer, year, ids
// and title; the texts for the index carry the measures; the enterprises a measure's conditions
// select in SQL are exactly those the pure matcher (policy::Match) accepts, for every condition;
// grants list with their display fields and sum per enterprise and per policy; the amount CHECK
// refuses a negative amount; every write publishes the policy topic.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "backends.h"
#include "domain/chain/chain.h"
#include "domain/policy/policy.h"

namespace lz::testing {
namespace {

using policy::Conditions;
using policy::Grant;
using policy::Measure;
using policy::Policy;
using policy::PolicyType;
using storage::Repositories;

struct FirmSpec {
  std::string code;
  std::string name;
  std::string region;
  bool local;
  chain::SizeClass size;
  int64_t revenue;
  int64_t employees;
};

class PolicyContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{
               {"36", "江西省", org::RegionLevel::kProvince, "", 0},
               {"3608", "吉安市", org::RegionLevel::kCity, "36", 0},
               {"360802", "吉州区", org::RegionLevel::kCounty, "3608", 0},
               {"360803", "青原区", org::RegionLevel::kCounty, "3608", 0},
               {"44", "广东省", org::RegionLevel::kProvince, "", 0},
               {"4403", "深圳市", org::RegionLevel::kCity, "44", 0}}) {
        RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      }
      org::Unit u;
      u.name = "吉安市人民政府";
      u.kind = org::UnitKind::kDepartment;
      u.region_code = "3608";
      u.created_at = u.updated_at = kStart;
      ASSIGN_OR_RETURN(gov_, r.units().Insert(u));
      u.name = "吉安市工信局";
      ASSIGN_OR_RETURN(bureau_, r.units().Insert(u));
      for (const char* name : {"电子信息", "生物医药"}) {
        chain::Chain c;
        c.name = name;
        c.region_code = "3608";
        c.created_at = c.updated_at = kStart;
        ASSIGN_OR_RETURN(int64_t id, r.chains().Insert(c));
        chains_.push_back(id);
      }
      for (auto [chain_index, name] : std::vector<std::pair<int, const char*>>{
               {0, "覆铜板"}, {0, "印制电路板"}, {1, "原料药"}}) {
        chain::Segment s;
        s.chain_id = chains_[chain_index];
        s.name = name;
        ASSIGN_OR_RETURN(int64_t id, r.chains().InsertSegment(s));
        segments_.push_back(id);
      }
      // Firms chosen so that each condition alone splits them.
      const std::vector<FirmSpec> specs = {
          {"91360802MA35F0E16G", "甲覆铜板", "360802", true, chain::SizeClass::kSmall, 50'000'000, 120},
          {"91440300708461136T", "乙电路", "360803", true, chain::SizeClass::kLarge, 900'000'000, 2000},
          {"914403001922038216", "丙深圳电路", "4403", false, chain::SizeClass::kMedium, 300'000'000, 400},
          {"91360802MA35F0E17E", "丁原料药", "360802", true, chain::SizeClass::kMicro, 1'000'000, 8},
          {"91360802MA35F0E18C", "戊贸易", "3608", true, chain::SizeClass::kSmall, 50'000'000, 50}};
      for (const auto& f : specs) {
        chain::Enterprise e;
        e.credit_code = f.code;
        e.name = f.name;
        e.name_key = chain::NormaliseEnterpriseName(f.name);
        e.region_code = f.region;
        e.local = f.local;
        e.size = f.size;
        e.revenue = f.revenue;
        e.employees = f.employees;
        e.created_at = e.updated_at = kStart;
        ASSIGN_OR_RETURN(int64_t id, r.enterprises().Insert(e));
        firms_.push_back(id);
      }
      // 甲 on 覆铜板, 乙 on 印制电路板, 丙 on both, 丁 on 原料药, 戊 on none.
      for (auto [firm, segment] : std::vector<std::pair<int, int>>{{0, 0}, {1, 1}, {2, 0}, {2, 1}, {3, 2}}) {
        chain::Membership m;
        m.enterprise_id = firms_[firm];
        m.segment_id = segments_[segment];
        RETURN_IF_ERROR(r.enterprises().PutMembership(m));
      }
      return Status::Ok();
    });
  }

  Policy Plan(const std::string& number, PolicyType type, const std::string& issued_on) const {
    Policy p;
    p.doc_number = number;
    p.issuer_unit_id = gov_;
    p.issued_on = issued_on;
    p.type = type;
    p.chain_ids = {chains_[0]};
    p.title = "关于支持电子信息产业发展的若干政策";
    p.text = "第一条 对首次认定的专精特新企业给予奖励。";
    p.created_at = p.updated_at = kStart;
    Measure m;
    m.title = "专精特新奖励";
    m.content = "一次性奖励 30 万元";
    m.conditions.segment_ids = {segments_[0]};
    m.conditions.sizes = {chain::SizeClass::kSmall, chain::SizeClass::kMedium};
    m.conditions.region_codes = {"3608"};
    m.conditions.local_only = true;
    m.conditions.min_revenue_yuan = 10'000'000;
    m.conditions.min_employees = 100;
    p.measures.push_back(m);
    Measure open;
    open.title = "普惠奖励";
    open.position = 1;
    p.measures.push_back(open);
    return p;
  }

  int64_t Insert(Policy& p) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.policies().Insert(p));
      return Status::Ok();
    });
    return id;
  }

  // The facts the matcher needs, read from the registry.
  policy::EnterpriseFacts Facts(Repositories& r, int64_t firm) {
    policy::EnterpriseFacts f;
    auto e = r.enterprises().Get(firm);
    EXPECT_TRUE(e.ok() && e->has_value());
    f.size = (*e)->size;
    f.region_code = (*e)->region_code;
    f.local = (*e)->local;
    f.revenue_yuan = (*e)->revenue;
    f.employees = (*e)->employees;
    auto memberships = r.enterprises().Memberships(firm, 0);
    EXPECT_TRUE(memberships.ok());
    for (const auto& m : *memberships) {
      f.segment_ids.insert(m.segment_id);
      f.chain_ids.insert(m.chain_id);
    }
    return f;
  }

  // The ids SQL selects and the ids the matcher accepts, for the same conditions.
  void ExpectSqlAgreesWithMatcher(const Conditions& c, const std::set<int64_t>& expected) {
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(auto page, r.policies().MatchingEnterprises(c, {1, 100}));
      std::set<int64_t> by_sql;
      for (const auto& e : page.items) by_sql.insert(e.id);
      EXPECT_EQ(page.total, static_cast<int64_t>(by_sql.size()));
      std::set<int64_t> by_matcher;
      for (int64_t firm : firms_) {
        if (policy::Match(c, Facts(r, firm)).applies) by_matcher.insert(firm);
      }
      EXPECT_EQ(by_sql, by_matcher);
      EXPECT_EQ(by_sql, expected);
      return Status::Ok();
    });
  }

  int64_t gov_ = 0, bureau_ = 0;
  std::vector<int64_t> chains_, segments_, firms_;
};

TEST_P(PolicyContract, RoundTripsWithChainsAndMeasures) {
  Policy p = Plan("吉府发〔2022〕3号", PolicyType::kOverallPlan, "2022-03-01");
  p.chain_ids = {chains_[0], chains_[1]};
  const int64_t id = Insert(p);
  ASSERT_GT(id, 0);
  EXPECT_GT(p.measures[0].id, 0);
  EXPECT_GT(p.measures[1].id, p.measures[0].id);
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.policies().Get(id));
    EXPECT_TRUE(got.has_value());
    if (!got) return Status::Ok();
    EXPECT_EQ(got->doc_number, "吉府发〔2022〕3号");
    EXPECT_EQ(got->issuer_name, "吉安市人民政府");
    EXPECT_EQ(got->type, PolicyType::kOverallPlan);
    EXPECT_EQ(got->chain_ids, (std::vector<int64_t>{chains_[0], chains_[1]}));
    EXPECT_EQ(got->text, p.text);
    EXPECT_EQ(got->measures, p.measures);
    ASSIGN_OR_RETURN(auto found, r.policies().FindByDocNumber("吉府发〔2022〕3号"));
    EXPECT_EQ(found, id);
    ASSIGN_OR_RETURN(auto measure, r.policies().GetMeasure(p.measures[0].id));
    EXPECT_TRUE(measure && *measure == p.measures[0]);
    return Status::Ok();
  });
  // The document number is unique.
  Policy twin = Plan("吉府发〔2022〕3号", PolicyType::kSpecial, "2022-04-01");
  Status st = store_->Write([&](Repositories& r) { return r.policies().Insert(twin).status(); });
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(st.field(), "doc_number");
}

TEST_P(PolicyContract, UpdateKeepsChangesAddsAndDropsMeasuresById) {
  Policy p = Plan("吉府发〔2022〕3号", PolicyType::kOverallPlan, "2022-03-01");
  Insert(p);
  const int64_t kept = p.measures[0].id;
  const int64_t dropped = p.measures[1].id;
  p.title = "修订后的政策";
  p.chain_ids = {chains_[1]};
  p.measures.erase(p.measures.begin() + 1);
  p.measures[0].conditions.min_employees = 10;
  Measure added;
  added.title = "新增措施";
  added.position = 1;
  p.measures.push_back(added);
  MustWrite([&](Repositories& r) { return r.policies().Update(p); });
  EXPECT_EQ(p.measures[0].id, kept);
  EXPECT_GT(p.measures[1].id, dropped);
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.policies().Get(p.id));
    EXPECT_EQ(got->title, "修订后的政策");
    EXPECT_EQ(got->chain_ids, (std::vector<int64_t>{chains_[1]}));
    EXPECT_EQ(got->measures, p.measures);
    ASSIGN_OR_RETURN(auto gone, r.policies().GetMeasure(dropped));
    EXPECT_FALSE(gone.has_value());
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) { return r.policies().Delete(p.id); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.policies().Get(p.id));
    EXPECT_FALSE(got.has_value());
    return Status::Ok();
  });
  Status st = store_->Write([&](Repositories& r) { return r.policies().Delete(p.id); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
}

TEST_P(PolicyContract, ListsFilterAndTextsCarryMeasures) {
  Policy plan = Plan("吉府发〔2022〕3号", PolicyType::kOverallPlan, "2022-03-01");
  Policy mech = Plan("吉府办发〔2023〕7号", PolicyType::kMechanism, "2023-05-10");
  mech.title = "链长制工作推进机制";
  mech.issuer_unit_id = bureau_;
  mech.chain_ids = {chains_[1]};
  Policy special = Plan("吉工信字〔2023〕12号", PolicyType::kSpecial, "2023-08-01");
  special.title = "生物医药专项政策";
  Insert(plan);
  Insert(mech);
  Insert(special);
  auto ids_of = [&](storage::PolicyQuery q) {
    std::vector<int64_t> ids;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(auto page, r.policies().List(q));
      for (const auto& row : page.items) ids.push_back(row.policy.id);
      EXPECT_EQ(page.total, static_cast<int64_t>(ids.size()));
      return Status::Ok();
    });
    return ids;
  };
  storage::PolicyQuery q;
  q.page = {1, 20};
  EXPECT_EQ(ids_of(q), (std::vector<int64_t>{special.id, mech.id, plan.id}));  // latest issue first
  q.type = PolicyType::kMechanism;
  EXPECT_EQ(ids_of(q), (std::vector<int64_t>{mech.id}));
  q = {};
  q.chain_id = chains_[0];
  EXPECT_EQ(ids_of(q), (std::vector<int64_t>{special.id, plan.id}));
  q = {};
  q.issuer_unit_id = bureau_;
  EXPECT_EQ(ids_of(q), (std::vector<int64_t>{mech.id}));
  q = {};
  q.year = 2023;
  EXPECT_EQ(ids_of(q), (std::vector<int64_t>{special.id, mech.id}));
  q = {};
  q.q = "推进机制";
  EXPECT_EQ(ids_of(q), (std::vector<int64_t>{mech.id}));
  q = {};
  q.q = "12号";
  EXPECT_EQ(ids_of(q), (std::vector<int64_t>{special.id}));
  q = {};
  q.ids = std::vector<int64_t>{plan.id, special.id};
  EXPECT_EQ(ids_of(q), (std::vector<int64_t>{special.id, plan.id}));
  q.ids = std::vector<int64_t>{};
  EXPECT_TRUE(ids_of(q).empty());
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto page, r.policies().List({}));
    EXPECT_EQ(page.items.size(), 3u);
    for (const auto& row : page.items) EXPECT_EQ(row.measure_count, 2);
    std::vector<int64_t> seen;
    RETURN_IF_ERROR(r.policies().ForEachText([&](const storage::PolicyText& t) {
      seen.push_back(t.id);
      EXPECT_EQ(t.measures, "专精特新奖励\n一次性奖励 30 万元\n普惠奖励\n");
      return Status::Ok();
    }));
    EXPECT_EQ(seen, (std::vector<int64_t>{plan.id, mech.id, special.id}));
    ASSIGN_OR_RETURN(auto text, r.policies().Text(mech.id));
    EXPECT_TRUE(text && text->title == "链长制工作推进机制");
    ASSIGN_OR_RETURN(auto measures, r.policies().AllMeasures());
    EXPECT_EQ(measures.size(), 6u);
    EXPECT_EQ(measures.front().doc_number, "吉工信字〔2023〕12号");
    return Status::Ok();
  });
}

TEST_P(PolicyContract, SqlSelectsWhatTheMatcherAccepts) {
  const int64_t jia = firms_[0], yi = firms_[1], bing = firms_[2], ding = firms_[3], wu = firms_[4];
  ExpectSqlAgreesWithMatcher({}, {jia, yi, bing, ding, wu});
  Conditions c;
  c.chain_ids = {chains_[0]};
  ExpectSqlAgreesWithMatcher(c, {jia, yi, bing});
  c = {};
  c.segment_ids = {segments_[0], segments_[2]};
  ExpectSqlAgreesWithMatcher(c, {jia, bing, ding});
  c = {};
  c.sizes = {chain::SizeClass::kSmall, chain::SizeClass::kMicro};
  ExpectSqlAgreesWithMatcher(c, {jia, ding, wu});
  c = {};
  c.region_codes = {"360802", "4403"};
  ExpectSqlAgreesWithMatcher(c, {jia, bing, ding});
  c.region_codes = {"3608"};  // the city and every county below it
  ExpectSqlAgreesWithMatcher(c, {jia, yi, ding, wu});
  c = {};
  c.local_only = true;
  ExpectSqlAgreesWithMatcher(c, {jia, yi, ding, wu});
  c = {};
  c.min_revenue_yuan = 50'000'000;  // inclusive
  ExpectSqlAgreesWithMatcher(c, {jia, yi, bing, wu});
  c = {};
  c.min_employees = 120;
  ExpectSqlAgreesWithMatcher(c, {jia, yi, bing});
  // All together: the measure of Plan() selects 甲 only.
  Policy p = Plan("x", PolicyType::kSpecial, "2023-01-01");
  ExpectSqlAgreesWithMatcher(p.measures[0].conditions, {jia});
  // Paging: by name, the total independent of the page.
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto page, r.policies().MatchingEnterprises({}, {2, 2}));
    EXPECT_EQ(page.total, 5);
    EXPECT_EQ(page.items.size(), 2u);
    return Status::Ok();
  });
}

TEST_P(PolicyContract, GrantsListAndSum) {
  Policy a = Plan("吉府发〔2022〕3号", PolicyType::kOverallPlan, "2022-03-01");
  Policy b = Plan("吉工信字〔2023〕12号", PolicyType::kSpecial, "2023-08-01");
  b.title = "专项政策";
  Insert(a);
  Insert(b);
  auto grant = [&](const Policy& p, int64_t firm, int64_t amount, const std::string& on) {
    Grant g;
    g.policy_id = p.id;
    g.measure_id = p.measures[0].id;
    g.enterprise_id = firm;
    g.amount_yuan = amount;
    g.paid_on = on;
    g.paid_by_unit_id = bureau_;
    g.created_at = kStart;
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.policies().InsertGrant(g));
      return Status::Ok();
    });
    return id;
  };
  grant(a, firms_[0], 300'000, "2023-01-05");
  grant(a, firms_[1], 200'000, "2023-02-01");
  const int64_t last = grant(b, firms_[0], 50'000, "2023-09-01");
  MustRead([&](Repositories& r) -> Status {
    storage::GrantQuery q;
    q.enterprise_id = firms_[0];
    q.page = {1, 20};
    ASSIGN_OR_RETURN(auto page, r.policies().ListGrants(q));
    EXPECT_EQ(page.total, 2);
    EXPECT_EQ(page.items.front().id, last);
    EXPECT_EQ(page.items.front().enterprise_name, "甲覆铜板");
    EXPECT_EQ(page.items.front().measure_title, "专精特新奖励");
    EXPECT_EQ(page.items.front().paid_by_unit_name, "吉安市工信局");
    EXPECT_EQ(page.items.front().doc_number, "吉工信字〔2023〕12号");
    ASSIGN_OR_RETURN(auto by_firm, r.policies().SumsByEnterprise(std::nullopt, 10));
    EXPECT_EQ(by_firm.size(), 2u);
    EXPECT_EQ(by_firm[0].id, firms_[0]);
    EXPECT_EQ(by_firm[0].total_yuan, 350'000);
    EXPECT_EQ(by_firm[0].grants, 2);
    EXPECT_EQ(by_firm[1].total_yuan, 200'000);
    ASSIGN_OR_RETURN(auto of_a, r.policies().SumsByEnterprise(a.id, 10));
    EXPECT_EQ(of_a[0].total_yuan, 300'000);
    ASSIGN_OR_RETURN(auto by_policy, r.policies().SumsByPolicy(firms_[0], 10));
    EXPECT_EQ(by_policy.size(), 2u);
    EXPECT_EQ(by_policy[0].id, a.id);
    EXPECT_EQ(by_policy[0].code, "吉府发〔2022〕3号");
    ASSIGN_OR_RETURN(auto n, r.policies().CountGrants(a.id, std::nullopt));
    EXPECT_EQ(n, 2);
    ASSIGN_OR_RETURN(auto m, r.policies().CountGrants(0, b.measures[1].id));
    EXPECT_EQ(m, 0);
    ASSIGN_OR_RETURN(auto list, r.policies().List({}));
    for (const auto& row : list.items) {
      if (row.policy.id == a.id) {
        EXPECT_EQ(row.granted_yuan, 500'000);
      }
    }
    return Status::Ok();
  });
  // The table refuses a negative amount whatever the service does.
  Grant bad;
  bad.policy_id = a.id;
  bad.measure_id = a.measures[0].id;
  bad.enterprise_id = firms_[0];
  bad.amount_yuan = -1;
  bad.paid_on = "2023-01-01";
  bad.paid_by_unit_id = bureau_;
  EXPECT_FALSE(store_->Write([&](Repositories& r) { return r.policies().InsertGrant(bad).status(); }).ok());
}

TEST_P(PolicyContract, WritesPublishThePolicyTopic) {
  int64_t before = 0;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(before, r.changes().LastSeq());
    return Status::Ok();
  });
  Policy p = Plan("吉府发〔2022〕3号", PolicyType::kOverallPlan, "2022-03-01");
  Insert(p);
  MustWrite([&](Repositories& r) { return r.policies().Update(p); });
  MustWrite([&](Repositories& r) { return r.policies().Delete(p.id); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto changes, r.changes().Since(before, 100));
    int n = 0;
    for (const auto& c : changes) {
      if (c.topic == storage::topic::kPolicy && c.ref == std::to_string(p.id)) ++n;
    }
    EXPECT_EQ(n, 3);
    return Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(AllBackends, PolicyContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
