// Policy rules (domain/policy/policy.h): the matcher on hand-computed fixtures (each condition on
// its own, the order in which failures are reported, regions with their descendants), the
// validation of a document and its measures' conditions with the field named, and the grant
// amount and sum rules.
#include <gtest/gtest.h>

#include <limits>

#include "domain/policy/policy.h"

namespace lz::policy {
namespace {

using chain::SizeClass;

// A small local manufacturer in 吉州区 (360802), on segment 11 of chain 1, revenue 5 000 万, 120 staff.
EnterpriseFacts Firm() {
  EnterpriseFacts e;
  e.chain_ids = {1};
  e.segment_ids = {11};
  e.size = SizeClass::kSmall;
  e.region_code = "360802";
  e.local = true;
  e.revenue_yuan = 50'000'000;
  e.employees = 120;
  return e;
}

KnownRefs Known() {
  KnownRefs k;
  k.chain_ids = {1, 2};
  k.segment_chain = {{11, 1}, {12, 1}, {21, 2}};
  k.region_codes = {"36", "3608", "360802", "360803"};
  return k;
}

Policy Draft() {
  Policy p;
  p.doc_number = "  吉府发〔2022〕3号 ";
  p.issuer_unit_id = 7;
  p.issued_on = "2022-03-01";
  p.type = PolicyType::kOverallPlan;
  p.chain_ids = {2, 1, 2};
  p.title = "吉安市产业链链长制总体方案";
  p.text = "为推动电子信息产业高质量发展……";
  Measure m;
  m.title = "首台套奖励";
  m.conditions.segment_ids = {12, 11};
  p.measures.push_back(m);
  return p;
}

TEST(PolicyMatch, EmptyConditionsApplyToEveryone) {
  EXPECT_EQ(Match(Conditions{}, Firm()), MatchResult{});
  EXPECT_TRUE(Match(Conditions{}, EnterpriseFacts{}).applies);
}

TEST(PolicyMatch, EachConditionOnItsOwn) {
  Conditions c;
  c.chain_ids = {2, 1};
  EXPECT_TRUE(Match(c, Firm()).applies);
  c.chain_ids = {2};
  EXPECT_EQ(Match(c, Firm()).failed, "chains");

  c = {};
  c.segment_ids = {12};
  EXPECT_EQ(Match(c, Firm()).failed, "segments");
  c.segment_ids = {12, 11};
  EXPECT_TRUE(Match(c, Firm()).applies);

  c = {};
  c.sizes = {SizeClass::kMedium, SizeClass::kLarge};
  EXPECT_EQ(Match(c, Firm()).failed, "sizes");
  c.sizes = {SizeClass::kMicro, SizeClass::kSmall};
  EXPECT_TRUE(Match(c, Firm()).applies);

  c = {};
  c.local_only = true;
  EXPECT_TRUE(Match(c, Firm()).applies);
  EnterpriseFacts outside = Firm();
  outside.local = false;
  EXPECT_EQ(Match(c, outside).failed, "local_only");
}

TEST(PolicyMatch, RegionsIncludeTheirDescendants) {
  Conditions c;
  c.region_codes = {"3608"};  // 吉安市: 360802 lies below it
  EXPECT_TRUE(Match(c, Firm()).applies);
  c.region_codes = {"360803"};  // 青原区: a sibling
  EXPECT_EQ(Match(c, Firm()).failed, "regions");
  c.region_codes = {"360803", "36"};
  EXPECT_TRUE(Match(c, Firm()).applies);
  // A longer code is not an ancestor of a shorter one.
  c.region_codes = {"360802001"};
  EXPECT_EQ(Match(c, Firm()).failed, "regions");
  EXPECT_TRUE(RegionWithin("360802", "360802"));
  EXPECT_FALSE(RegionWithin("360802", ""));
}

TEST(PolicyMatch, MinimumsAreInclusive) {
  Conditions c;
  c.min_revenue_yuan = 50'000'000;  // exactly the firm's revenue
  EXPECT_TRUE(Match(c, Firm()).applies);
  c.min_revenue_yuan = 50'000'001;
  EXPECT_EQ(Match(c, Firm()).failed, "min_revenue_yuan");
  c = {};
  c.min_employees = 120;
  EXPECT_TRUE(Match(c, Firm()).applies);
  c.min_employees = 121;
  EXPECT_EQ(Match(c, Firm()).failed, "min_employees");
}

TEST(PolicyMatch, TheFirstFailingConditionIsReported) {
  Conditions c;
  c.chain_ids = {1};         // holds
  c.segment_ids = {11};      // holds
  c.sizes = {SizeClass::kLarge};  // fails first
  c.local_only = true;       // holds
  c.min_employees = 1000;    // fails too, but later
  MatchResult r = Match(c, Firm());
  EXPECT_FALSE(r.applies);
  EXPECT_EQ(r.failed, "sizes");
  EXPECT_EQ(r.reason, "企业规模不符");
  c.sizes = {SizeClass::kSmall};
  EXPECT_EQ(Match(c, Firm()).failed, "min_employees");
  c.min_employees = 100;
  EXPECT_EQ(Match(c, Firm()), MatchResult{});
}

TEST(PolicyValidate, NormalisesADocument) {
  Policy p = Draft();
  ASSERT_TRUE(NormalisePolicy(p, Known()).ok());
  EXPECT_EQ(p.doc_number, "吉府发〔2022〕3号");
  EXPECT_EQ(p.chain_ids, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(p.measures[0].conditions.segment_ids, (std::vector<int64_t>{11, 12}));
  EXPECT_EQ(p.measures[0].position, 0);
}

TEST(PolicyValidate, AnUnknownSegmentIsNamedByItsPlace) {
  Policy p = Draft();
  p.measures.push_back(p.measures[0]);
  p.measures[1].conditions.segment_ids = {11, 99};
  Status st = NormalisePolicy(p, Known());
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.field(), "measures[1].conditions.segments[1]");
}

TEST(PolicyValidate, OtherFieldsAreNamed) {
  auto field_of = [](Policy p) { return std::string(NormalisePolicy(p, Known()).field()); };
  Policy p = Draft();
  p.doc_number = "  ";
  EXPECT_EQ(field_of(p), "doc_number");
  p = Draft();
  p.issued_on = "2022-02-30";
  EXPECT_EQ(field_of(p), "issued_on");
  p = Draft();
  p.issuer_unit_id = 0;
  EXPECT_EQ(field_of(p), "issuer_unit_id");
  p = Draft();
  p.chain_ids = {1, 3};
  EXPECT_EQ(field_of(p), "chain_ids[1]");
  p = Draft();
  p.measures[0].title = "";
  EXPECT_EQ(field_of(p), "measures[0].title");
  p = Draft();
  p.measures[0].conditions.chain_ids = {5};
  EXPECT_EQ(field_of(p), "measures[0].conditions.chains[0]");
  p = Draft();
  p.measures[0].conditions.region_codes = {"3608", "9999"};
  EXPECT_EQ(field_of(p), "measures[0].conditions.regions[1]");
  p = Draft();
  p.measures[0].conditions.sizes = {SizeClass::kSmall, SizeClass::kSmall};
  EXPECT_EQ(field_of(p), "measures[0].conditions.sizes[1]");
  p = Draft();
  p.measures[0].conditions.min_revenue_yuan = -1;
  EXPECT_EQ(field_of(p), "measures[0].conditions.min_revenue_yuan");
}

TEST(PolicyValidate, ReferencesAreCollected) {
  Policy p = Draft();
  p.measures[0].conditions.region_codes = {" 3608 "};
  Referenced r = ReferencesOf(p);
  EXPECT_EQ(r.chain_ids, (std::set<int64_t>{1, 2}));
  EXPECT_EQ(r.segment_ids, (std::set<int64_t>{11, 12}));
  EXPECT_EQ(r.region_codes, (std::set<std::string>{"3608"}));
}

TEST(PolicyTypes, NamesRoundTrip) {
  for (auto t : {PolicyType::kOverallPlan, PolicyType::kMechanism, PolicyType::kSpecial}) {
    EXPECT_EQ(ParsePolicyType(PolicyTypeName(t)), t);
  }
  EXPECT_FALSE(ParsePolicyType("plan").has_value());
}

TEST(PolicyGrant, AmountsAndDates) {
  EXPECT_EQ(CheckGrantAmount(0, "amount_yuan").field(), "amount_yuan");
  EXPECT_EQ(CheckGrantAmount(-5, "amount_yuan").code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckGrantAmount(kMaxGrantYuan, "amount_yuan").ok());
  EXPECT_FALSE(CheckGrantAmount(kMaxGrantYuan + 1, "amount_yuan").ok());
  Grant g;
  g.amount_yuan = 300'000;
  g.paid_on = "2025-11-29";
  EXPECT_TRUE(NormaliseGrant(g, "2025-11-29").ok());
  g.paid_on = "2025-11-30";
  EXPECT_EQ(NormaliseGrant(g, "2025-11-29").field(), "paid_on");
}

TEST(PolicyGrant, SumsRefuseOverflow) {
  auto sum = AddYuan(1'000, 2'000, "amount_yuan");
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(*sum, 3'000);
  const int64_t max = std::numeric_limits<int64_t>::max();
  EXPECT_TRUE(AddYuan(max - 1, 1, "total").ok());
  EXPECT_EQ(AddYuan(max, 1, "total").status().field(), "total");
  EXPECT_FALSE(AddYuan(0, -1, "total").ok());
}

}  // namespace
}  // namespace lz::policy
