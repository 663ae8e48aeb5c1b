// Support bodies and open challenges (domain/chain/advisory.h): field rules and the challenge's
// state machine on hand-made fixtures.
#include "domain/chain/advisory.h"

#include <gtest/gtest.h>

namespace lz::chain {
namespace {

SupportBody Body() {
  SupportBody b;
  b.name = " 生物医药产业链专家咨询委员会 ";
  b.region_code = "3608";
  b.members = {{"张院士", MemberTitle::kAcademician, "中国工程院", "主任"}, {"赵教授", MemberTitle::kExpert, "", ""}};
  return b;
}

Challenge Open() {
  Challenge c;
  c.title = "高纯氧化铝";
  c.need = "5N级粉体";
  c.reward_yuan = 5000000;
  c.apply_by = "2026-03-31";
  return c;
}

TEST(SupportBody, NormaliseTrimsAndNamesTheField) {
  SupportBody b = Body();
  ASSERT_TRUE(NormaliseBody(b).ok());
  EXPECT_EQ(b.name, "生物医药产业链专家咨询委员会");
  auto field = [](SupportBody x) { return std::string(NormaliseBody(x).field()); };
  b = Body();
  b.name = "";
  EXPECT_EQ(field(b), "name");
  b = Body();
  b.region_code = "36x";
  EXPECT_EQ(field(b), "region_code");
  b = Body();
  b.members[1].name = "  ";
  EXPECT_EQ(field(b), "members[1].name");
  b = Body();
  b.members.push_back(b.members[0]);
  EXPECT_EQ(field(b), "members[2].name");
  b = Body();
  b.members.assign(kMaxBodyMembers + 1, {"委员", MemberTitle::kExpert, "", ""});
  EXPECT_EQ(field(b), "members");
  for (auto k : {BodyKind::kAdvisoryCommittee, BodyKind::kIndustryAlliance, BodyKind::kResearchInstitute,
                 BodyKind::kTestingCentre}) {
    EXPECT_EQ(ParseBodyKind(BodyKindName(k)), k);
  }
  EXPECT_EQ(ParseMemberTitle("academician"), MemberTitle::kAcademician);
  EXPECT_FALSE(ParseMemberTitle("professor").has_value());
}

TEST(Challenge, ANewChallengeIsOpenWithAValidRewardAndClosingDate) {
  Challenge c = Open();
  c.state = ChallengeState::kCompleted;
  ASSERT_TRUE(NormaliseChallenge(c, "2026-01-10").ok());
  EXPECT_EQ(c.state, ChallengeState::kOpen);
  auto field = [](Challenge x) { return std::string(NormaliseChallenge(x, "2026-01-10").field()); };
  c = Open();
  c.reward_yuan = -1;
  EXPECT_EQ(field(c), "reward_yuan");
  c.reward_yuan = kMaxRewardYuan + 1;
  EXPECT_EQ(field(c), "reward_yuan");
  c = Open();
  c.apply_by = "2026-01-10";
  EXPECT_EQ(field(c), "apply_by");
  c = Open();
  c.segment_id = 4;
  EXPECT_EQ(field(c), "segment_id");
  c = Open();
  c.need = "";
  EXPECT_EQ(field(c), "need");
}

TEST(Challenge, TheStateMachineAllowsOnlyItsMoves) {
  Challenge c = Open();
  ChallengeApplication a{0, 0, "团队", "陈教授", "", "方案", "139-0796-1234", 0};
  ASSERT_TRUE(CheckApplication(c, a, "2026-03-31").ok());
  EXPECT_EQ(a.contact_phone, "13907961234");
  EXPECT_EQ(CheckApplication(c, a, "2026-04-01").field(), "apply_by");
  a.contact_phone = "12a";
  EXPECT_EQ(CheckApplication(c, a, "2026-03-01").field(), "contact_phone");

  std::vector<ChallengeMilestone> none;
  EXPECT_EQ(CheckAward(c, none, "2026-04-02").field(), "milestones");
  std::vector<ChallengeMilestone> ms = {{0, "中试", "2026-09-30", std::nullopt}, {0, "小试", "2026-06-30", std::nullopt}};
  ASSERT_TRUE(CheckAward(c, ms, "2026-04-02").ok());
  EXPECT_EQ(ms[0].title, "小试");
  EXPECT_EQ(ms[1].position, 1);
  std::vector<ChallengeMilestone> past = {{0, "小试", "2026-04-02", std::nullopt}};
  EXPECT_EQ(CheckAward(c, past, "2026-04-02").field(), "milestones[0].due_on");

  EXPECT_EQ(CheckComplete(c, "验收").field(), "state");  // still open
  c.state = ChallengeState::kAwarded;
  c.milestones = ms;
  EXPECT_EQ(CheckAward(c, ms, "2026-04-02").field(), "state");
  EXPECT_EQ(CheckApplication(c, a, "2026-03-01").field(), "state");
  EXPECT_TRUE(CheckMilestoneDone(c, 0).ok());
  EXPECT_EQ(CheckMilestoneDone(c, 5).field(), "position");
  EXPECT_EQ(CheckComplete(c, "验收").field(), "milestones");
  c.milestones[0].done_on = "2026-06-20";
  c.milestones[1].done_on = "2026-09-20";
  EXPECT_EQ(CheckMilestoneDone(c, 0).field(), "position");
  EXPECT_EQ(CheckComplete(c, " ").field(), "note");
  EXPECT_TRUE(CheckComplete(c, "专家组验收通过").ok());
  EXPECT_TRUE(CheckCancel(c, "企业撤回").ok());
  EXPECT_EQ(CheckCancel(c, "").field(), "note");
  c.state = ChallengeState::kCompleted;
  EXPECT_EQ(CheckCancel(c, "企业撤回").field(), "state");
}

}  // namespace
}  // namespace lz::chain
