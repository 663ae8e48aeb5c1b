// Investment rules (domain/investment): amounts in range and named by field, paid in above agreed
// only when confirmed, stage moves (forward by any number of steps, backward only with a reason,
// never to the same stage, dated neither in the future nor before the last move), the signed date
// kept by the moves, and promotion events' fields. Fixtures are worked by hand.
#include <gtest/gtest.h>

#include "domain/investment/project.h"
#include "domain/investment/promotion_event.h"

namespace lz::investment {
namespace {

Project Sample() {
  Project p;
  p.name = "  年产10万吨锂电池正极材料项目 ";
  p.agreed_amount = 1'200'000'000;  // 12亿
  p.paid_in_amount = 300'000'000;
  return p;
}

TEST(InvestmentNames, StagesAndPurposesRoundTripByNameAndLabel) {
  EXPECT_EQ(AllStages().size(), 6u);
  EXPECT_EQ(StageName(Stage::kFunded), "funded");
  EXPECT_EQ(StageLabel(Stage::kProducing), "投产");
  EXPECT_EQ(ParseStageOrLabel(" 签约 "), Stage::kSigned);
  EXPECT_EQ(ParseStageOrLabel("negotiating"), Stage::kNegotiating);
  EXPECT_FALSE(ParseStage("签约"));
  EXPECT_EQ(ParsePurposeOrLabel("延链"), Purpose::kChainExtend);
  EXPECT_EQ(PurposeName(Purpose::kChainStrengthen), "chain_strengthen");
  EXPECT_FALSE(ParsePurposeOrLabel("招商"));
}

TEST(InvestmentAmounts, NegativeAndTooLargeAreRefusedNamingTheField) {
  EXPECT_TRUE(CheckAmount(0, "agreed_amount").ok());
  EXPECT_TRUE(CheckAmount(kMaxAmountYuan, "agreed_amount").ok());
  EXPECT_EQ(CheckAmount(-1, "agreed_amount").field(), "agreed_amount");
  EXPECT_EQ(CheckAmount(kMaxAmountYuan + 1, "paid_in_amount").field(), "paid_in_amount");
  EXPECT_EQ(CheckAmounts(-5, 0, PaidInAboveAgreed::kRefuse).field(), "agreed_amount");
  EXPECT_EQ(CheckAmounts(10, -5, PaidInAboveAgreed::kConfirmed).field(), "paid_in_amount");
}

TEST(InvestmentAmounts, PaidInAboveAgreedNeedsConfirmation) {
  EXPECT_TRUE(CheckAmounts(100, 100, PaidInAboveAgreed::kRefuse).ok());
  const Status refused = CheckAmounts(100, 101, PaidInAboveAgreed::kRefuse);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.field(), "paid_in_amount");
  EXPECT_TRUE(CheckAmounts(100, 101, PaidInAboveAgreed::kConfirmed).ok());
}

TEST(InvestmentAmounts, TextAmountsReadDigitsWithSeparatorsAndRefuseOverflow) {
  EXPECT_EQ(ParseAmountText("1,200,000,000", "agreed_amount").value(), 1'200'000'000);
  EXPECT_EQ(ParseAmountText(" １２３ ", "agreed_amount").value(), 123);
  EXPECT_EQ(ParseAmountText("1000000000000000", "agreed_amount").value(), kMaxAmountYuan);
  EXPECT_EQ(ParseAmountText("1000000000000001", "agreed_amount").status().field(), "agreed_amount");
  EXPECT_EQ(ParseAmountText("99999999999999999999999", "paid_in_amount").status().field(), "paid_in_amount");
  EXPECT_EQ(ParseAmountText("-3", "paid_in_amount").status().field(), "paid_in_amount");
  EXPECT_FALSE(ParseAmountText("12.5", "agreed_amount").ok());
  EXPECT_FALSE(ParseAmountText(",", "agreed_amount").ok());
}

TEST(InvestmentProjects, NormaliseTrimsAndChecks) {
  Project p = Sample();
  ASSERT_TRUE(NormaliseProject(p, PaidInAboveAgreed::kRefuse).ok());
  EXPECT_EQ(p.name, "年产10万吨锂电池正极材料项目");
  p.name = "  ";
  EXPECT_EQ(NormaliseProject(p, PaidInAboveAgreed::kRefuse).field(), "name");
  p = Sample();
  p.paid_in_amount = p.agreed_amount + 1;
  EXPECT_EQ(NormaliseProject(p, PaidInAboveAgreed::kRefuse).field(), "paid_in_amount");
}

TEST(StageMoves, ForwardMovesOneOrMoreStepsWithoutReason) {
  std::string reason;
  EXPECT_TRUE(CheckStageMove(Stage::kLead, "2025-11-01", Stage::kNegotiating, "2025-11-02", reason, "2025-11-29").ok());
  EXPECT_TRUE(CheckStageMove(Stage::kLead, "2025-11-01", Stage::kStarted, "2025-11-29", reason, "2025-11-29").ok());
  EXPECT_TRUE(CheckStageMove(Stage::kSigned, "", Stage::kProducing, "2025-11-01", reason, "2025-11-29").ok());
}

TEST(StageMoves, BackwardNeedsAReasonNamedReason) {
  std::string blank = "   ";
  const Status refused = CheckStageMove(Stage::kSigned, "2025-11-01", Stage::kNegotiating, "2025-11-20", blank,
                                        "2025-11-29");
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.field(), "reason");
  std::string reason = "  投资方董事会未通过 ";
  EXPECT_TRUE(
      CheckStageMove(Stage::kSigned, "2025-11-01", Stage::kNegotiating, "2025-11-20", reason, "2025-11-29").ok());
  EXPECT_EQ(reason, "投资方董事会未通过");
}

TEST(StageMoves, SameStageFutureDateAndDateBeforeLastMoveAreRefused) {
  std::string reason;
  EXPECT_EQ(CheckStageMove(Stage::kSigned, "", Stage::kSigned, "2025-11-20", reason, "2025-11-29").field(), "stage");
  EXPECT_EQ(CheckStageMove(Stage::kLead, "", Stage::kSigned, "2025-11-30", reason, "2025-11-29").field(), "on");
  EXPECT_EQ(CheckStageMove(Stage::kLead, "2025-11-10", Stage::kSigned, "2025-11-09", reason, "2025-11-29").field(),
            "on");
  EXPECT_EQ(CheckStageMove(Stage::kLead, "", Stage::kSigned, "2025-02-30", reason, "2025-11-29").field(), "on");
  EXPECT_TRUE(CheckStageMove(Stage::kLead, "2025-11-10", Stage::kSigned, "2025-11-10", reason, "2025-11-29").ok());
}

TEST(StageMoves, SignedDateIsTheDateOfReachingSigned) {
  Project p;
  ApplyStageMove(p, Stage::kNegotiating, "2025-03-01");
  EXPECT_EQ(p.signed_on, "");
  ApplyStageMove(p, Stage::kStarted, "2025-04-02");  // passes 签约 in one move
  EXPECT_EQ(p.signed_on, "2025-04-02");
  EXPECT_EQ(p.stage_on, "2025-04-02");
  ApplyStageMove(p, Stage::kSigned, "2025-05-01");  // back to 签约: still signed on the first date
  EXPECT_EQ(p.signed_on, "2025-04-02");
  ApplyStageMove(p, Stage::kFunded, "2025-06-01");
  EXPECT_EQ(p.signed_on, "2025-04-02");
  ApplyStageMove(p, Stage::kNegotiating, "2025-07-01");  // fell through
  EXPECT_EQ(p.signed_on, "");
  ApplyStageMove(p, Stage::kSigned, "2025-08-08");  // signed anew
  EXPECT_EQ(p.signed_on, "2025-08-08");
  EXPECT_EQ(p.stage, Stage::kSigned);
}

TEST(StageMoves, LocalDateIsUtcPlusEight) {
  constexpr TimeMs k20251128T1600Z = 1764345600000;  // 2025-11-29 00:00 in China
  EXPECT_EQ(LocalDateOf(k20251128T1600Z), "2025-11-29");
  EXPECT_EQ(LocalDateOf(k20251128T1600Z - 1), "2025-11-28");
}

TEST(PromotionEvents, NormaliseChecksFieldsAndInvitedFirms) {
  PromotionEvent e;
  e.name = " 2025粤港澳大湾区电子信息产业招商推介会 ";
  e.held_on = "2025-06-18";
  e.city = " 深圳 ";
  e.unit_ids = {3, 3, 4};
  e.invited_firms = {" 甲科技有限公司", "", "乙电子股份有限公司", "甲科技有限公司"};
  ASSERT_TRUE(NormaliseEvent(e).ok());
  EXPECT_EQ(e.city, "深圳");
  EXPECT_EQ(e.unit_ids, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(e.invited_firms, (std::vector<std::string>{"甲科技有限公司", "乙电子股份有限公司"}));
  EXPECT_EQ(e.invited_count, 2);  // raised to the names listed
  e.invited_count = 1;
  EXPECT_EQ(NormaliseEvent(e).field(), "invited_count");
  e.invited_count = 120;
  EXPECT_TRUE(NormaliseEvent(e).ok());
  EXPECT_EQ(e.invited_count, 120);
  e.held_on = "2025-13-01";
  EXPECT_EQ(NormaliseEvent(e).field(), "held_on");
  e.held_on = "2025-06-18";
  e.unit_ids.clear();
  EXPECT_EQ(NormaliseEvent(e).field(), "unit_ids");
  e.unit_ids = {3};
  e.city = "";
  EXPECT_EQ(NormaliseEvent(e).field(), "city");
}

}  // namespace
}  // namespace lz::investment
