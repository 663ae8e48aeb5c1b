// Field service for enterprises (domain/casework/field_service.h): who serves an enterprise in
// which role, the channel each role files on, a visit's fields, funds and their sums, enterprise
// categories and periods.
#include <gtest/gtest.h>

#include <limits>

#include "domain/casework/field_service.h"

namespace lz::casework {
namespace {

TEST(FieldServiceDomain, RoleNamesAreThePositionKinds) {
  for (FieldRole r : {FieldRole::kCommissioner, FieldRole::kLiaisonOfficer, FieldRole::kSupervisor,
                      FieldRole::kMonitoringPoint}) {
    EXPECT_EQ(ParseFieldRole(FieldRoleName(r)), r);
    EXPECT_EQ(org::PositionKindName(PositionKindOf(r)), FieldRoleName(r));
    EXPECT_EQ(FieldRoleOf(PositionKindOf(r)), r);
  }
  EXPECT_EQ(FieldRoleOf(org::PositionKind::kChainLeader), std::nullopt);
  EXPECT_EQ(ParseFieldRole("patroller"), std::nullopt);
}

TEST(FieldServiceDomain, CommissionersFileOnTheirChannelTheOthersOnLiaison) {
  EXPECT_EQ(ChannelOf(FieldRole::kCommissioner), "commissioner");
  EXPECT_EQ(ChannelOf(FieldRole::kLiaisonOfficer), "liaison");
  EXPECT_EQ(ChannelOf(FieldRole::kSupervisor), "liaison");
  EXPECT_EQ(ChannelOf(FieldRole::kMonitoringPoint), "liaison");
  EXPECT_EQ(ChannelsOf(FieldProgram::kCommissioner), std::vector<std::string>{"commissioner"});
  EXPECT_EQ(ChannelsOf(FieldProgram::kLiaison), std::vector<std::string>{"liaison"});
  EXPECT_EQ(ChannelsOf(FieldProgram::kAll).size(), 2u);
  EXPECT_EQ(RolesOf(FieldProgram::kLiaison).size(), 3u);
  EXPECT_EQ(RolesOf(FieldProgram::kAll).size(), 4u);
}

TEST(FieldServiceDomain, ServingRolePrefersTheEnterprisesOwnOffice) {
  ServingFacts commissioner{true, false, true, false, true};
  EXPECT_EQ(*ServingRole(commissioner, std::nullopt), FieldRole::kCommissioner);
  EXPECT_EQ(*ServingRole(commissioner, FieldRole::kLiaisonOfficer), FieldRole::kLiaisonOfficer);

  ServingFacts monitoring{false, true, false, true, true};
  EXPECT_EQ(*ServingRole(monitoring, std::nullopt), FieldRole::kMonitoringPoint);
  EXPECT_EQ(*ServingRole(monitoring, FieldRole::kSupervisor), FieldRole::kSupervisor);
}

TEST(FieldServiceDomain, LiaisonOfficersAndSupervisorsServeTheirRegionOnly) {
  ServingFacts outside{false, false, true, true, false};
  auto r = ServingRole(outside, std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  ServingFacts inside{false, false, false, true, true};
  EXPECT_EQ(*ServingRole(inside, std::nullopt), FieldRole::kSupervisor);
  // A commissioner of another enterprise does not serve this one.
  ServingFacts stranger{false, false, false, false, true};
  EXPECT_EQ(ServingRole(stranger, std::nullopt).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(ServingRole(inside, FieldRole::kCommissioner).status().code(), StatusCode::kPermissionDenied);
}

Visit GoodVisit() {
  Visit v;
  v.visited_on = "2025-11-28";
  v.summary = "  了解企业用工需求  ";
  v.policies = {"稳岗补贴", " ", "稳岗补贴", "技改补助"};
  v.help_given = "协调人社局组织专场招聘";
  v.funds_paid_yuan = 500000;
  return v;
}

TEST(FieldServiceDomain, AVisitIsTrimmedAndItsPoliciesDeduplicated) {
  Visit v = GoodVisit();
  ASSERT_TRUE(NormaliseVisit(v, "2025-11-29").ok());
  EXPECT_EQ(v.summary, "了解企业用工需求");
  EXPECT_EQ(v.policies, (std::vector<std::string>{"稳岗补贴", "技改补助"}));
}

TEST(FieldServiceDomain, BadVisitFieldsAreNamed) {
  auto field_of = [](Visit v) { return std::string(NormaliseVisit(v, "2025-11-29").field()); };
  Visit v = GoodVisit();
  v.visited_on = "2025-11-30";  // tomorrow
  EXPECT_EQ(field_of(v), "visited_on");
  v = GoodVisit();
  v.visited_on = "2025-02-30";
  EXPECT_EQ(field_of(v), "visited_on");
  v = GoodVisit();
  v.summary = "   ";
  EXPECT_EQ(field_of(v), "summary");
  v = GoodVisit();
  v.funds_paid_yuan = -1;
  EXPECT_EQ(field_of(v), "funds_paid_yuan");
  v = GoodVisit();
  v.funds_paid_yuan = kMaxVisitFundsYuan + 1;
  EXPECT_EQ(field_of(v), "funds_paid_yuan");
  v = GoodVisit();
  v.workers_recruited = -1;
  EXPECT_EQ(field_of(v), "workers_recruited");
  v = GoodVisit();
  v.workers_recruited = kMaxVisitWorkers + 1;
  EXPECT_EQ(field_of(v), "workers_recruited");
  v = GoodVisit();
  v.workers_recruited = kMaxVisitWorkers;
  EXPECT_EQ(field_of(v), "");
  v = GoodVisit();
  v.policies = {"稳岗补贴", "一\n二"};
  EXPECT_EQ(field_of(v), "policies[1]");
  v = GoodVisit();
  v.policies.clear();
  for (size_t i = 0; i <= kMaxPoliciesPerVisit; ++i) v.policies.push_back("政策" + std::to_string(i));
  EXPECT_EQ(field_of(v), "policies");
  v = GoodVisit();
  v.help_given = std::string(2001, 'x');
  EXPECT_EQ(field_of(v), "help_given");
}

TEST(FieldServiceDomain, FundsAreBoundedAndTheirSumsNeverOverflow) {
  EXPECT_TRUE(CheckFunds(0, "f").ok());
  EXPECT_TRUE(CheckFunds(kMaxVisitFundsYuan, "f").ok());
  EXPECT_EQ(CheckFunds(kMaxVisitFundsYuan + 1, "f").field(), "f");
  EXPECT_EQ(*AddFunds(1, 2, "f"), 3);
  auto overflow = AddFunds(std::numeric_limits<int64_t>::max(), 1, "funds_paid_yuan");
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.status().field(), "funds_paid_yuan");
  EXPECT_FALSE(AddFunds(5, -1, "f").ok());
  // 90 million visits at the bound still sum inside int64.
  EXPECT_LT(static_cast<double>(kMaxVisitFundsYuan) * 9e7, static_cast<double>(std::numeric_limits<int64_t>::max()));
}

TEST(FieldServiceDomain, ProblemsAreOfEnterpriseCategories) {
  for (const char* code : {"0501", "0502", "0503", "0504", "0505", "0506", "05", "0601"}) {
    EXPECT_TRUE(CheckEnterpriseCategory(code, "category_code").ok()) << code;
  }
  for (const char* code : {"0201", "1101", "", "5"}) {
    EXPECT_EQ(CheckEnterpriseCategory(code, "problems[0].category_code").field(), "problems[0].category_code") << code;
  }
}

TEST(FieldServiceDomain, PeriodsAndLocalMidnights) {
  EXPECT_TRUE(CheckPeriod({"", ""}).ok());
  EXPECT_TRUE(CheckPeriod({"2025-01-01", "2025-12-31"}).ok());
  EXPECT_EQ(CheckPeriod({"2025-12-31", "2025-01-01"}).field(), "to");
  EXPECT_EQ(CheckPeriod({"2025-13-01", ""}).field(), "from");
  // 2025-11-29 00:00 in China is 2025-11-28 16:00 UTC.
  EXPECT_EQ(LocalMidnightOf("2025-11-29"), 1764374400000 - 8 * kHourMs);
}

}  // namespace
}  // namespace lz::casework
