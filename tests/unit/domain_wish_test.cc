// Micro-wish rules (domain/casework/wish.h): campaign windows in local dates, the child's alias and
// the public story minimised, donors' input named by field, the state by times, and the claim
// and delivery rules (claimed once, not after the deadline, delivered with a photo, counted on
// time by the deadline's end).
#include <gtest/gtest.h>

#include "domain/casework/wish.h"

namespace lz::casework {
namespace {

constexpr TimeMs kJune1 = 1780272000000 - 8 * kHourMs;  // 2026-06-01T00:00+08:00

WishCampaign June() {
  WishCampaign c;
  c.name = "  六一微心愿  ";
  c.organiser_unit_id = 1;
  c.region_code = "3601";
  c.opens_on = "2026-06-01";
  c.deadline_on = "2026-06-05";
  return c;
}

Wish Published() {
  Wish w;
  w.case_id = 42;
  w.item = "一套绘本";
  w.story = "喜欢画画，想要一套绘本。";
  w.child_age = 8;
  w.published_at = kJune1 - kDayMs;
  return w;
}

TEST(WishCampaigns, NormaliseTrimsAndNamesTheField) {
  WishCampaign c = June();
  ASSERT_TRUE(NormaliseCampaign(c).ok());
  EXPECT_EQ(c.name, "六一微心愿");
  c.name = " ";
  EXPECT_EQ(NormaliseCampaign(c).field(), "name");
  c = June();
  c.deadline_on = "2026-02-30";
  EXPECT_EQ(NormaliseCampaign(c).field(), "deadline_on");
  c = June();
  c.deadline_on = "2026-05-31";
  EXPECT_EQ(NormaliseCampaign(c).field(), "deadline_on");
  c = June();
  c.opens_on = "June 1";
  EXPECT_EQ(NormaliseCampaign(c).field(), "opens_on");
}

TEST(WishCampaigns, TheWindowRunsFromTheOpeningDateToTheEndOfTheDeadlineLocalTime) {
  const WishCampaign c = June();
  EXPECT_EQ(CampaignOpensAt(c), kJune1);
  EXPECT_EQ(CampaignClosesAt(c), kJune1 + 5 * kDayMs);  // 2026-06-06T00:00+08:00
}

TEST(WishChild, TheAliasIsMinimised) {
  for (std::string ok : {"王某", "王某某", "小明", "明", " 小红 ", "Al"}) {
    EXPECT_TRUE(NormaliseChildAlias(ok).ok()) << ok;
  }
  std::string trimmed = " 小红 ";
  ASSERT_TRUE(NormaliseChildAlias(trimmed).ok());
  EXPECT_EQ(trimmed, "小红");
  for (std::string bad : {"王小明", "欧阳娜娜", "", "小2", "王 某"}) {
    Status st = NormaliseChildAlias(bad);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(st.field(), "child_alias") << bad;
  }
}

TEST(WishChild, TheStoryCarriesNoNumbersNorTheAlias) {
  Wish w = Published();
  EXPECT_TRUE(NormaliseWish(w, "小明").ok());
  w.story = "联系电话13800138000";
  EXPECT_EQ(NormaliseWish(w, "小明").field(), "story");
  w.story = "电话１３８００";  // full-width digits too
  EXPECT_EQ(NormaliseWish(w, "小明").field(), "story");
  w.story = "小明喜欢画画";
  EXPECT_EQ(NormaliseWish(w, "小明").field(), "story");
  w.story = "王同学喜欢画画";  // a surname alone is no name
  EXPECT_TRUE(NormaliseWish(w, "王某").ok());
  w = Published();
  w.item = "";
  EXPECT_EQ(NormaliseWish(w, "小明").field(), "item");
  w.item = std::string(101, 'a');
  EXPECT_EQ(NormaliseWish(w, "小明").field(), "item");
  w = Published();
  w.child_age = 18;
  EXPECT_EQ(NormaliseWish(w, "小明").field(), "child_age");
  w.child_age = -1;
  EXPECT_EQ(NormaliseWish(w, "小明").field(), "child_age");
  w = Published();
  w.story = " ";
  EXPECT_EQ(NormaliseWish(w, "小明").field(), "story");
}

TEST(WishDonors, NameAndPhoneAreRequiredAndThePhoneKeepsItsDigits) {
  Donor d{DonorKind::kPerson, " 张三 ", "138-0013 8000"};
  ASSERT_TRUE(NormaliseDonor(d).ok());
  EXPECT_EQ(d.name, "张三");
  EXPECT_EQ(d.phone, "13800138000");
  Donor no_name{DonorKind::kPerson, "", "13800138000"};
  EXPECT_EQ(NormaliseDonor(no_name).field(), "donor_name");
  Donor no_phone{DonorKind::kOrganisation, "某公司", ""};
  EXPECT_EQ(NormaliseDonor(no_phone).field(), "donor_phone");
  Donor letters{DonorKind::kOrganisation, "某公司", "call me"};
  EXPECT_EQ(NormaliseDonor(letters).field(), "donor_phone");
}

TEST(WishStates, TheStateFollowsTheTimes) {
  Wish w;
  EXPECT_EQ(StateOf(w), WishState::kRecorded);
  w.published_at = 1;
  EXPECT_EQ(StateOf(w), WishState::kPublished);
  w.claimed_at = 2;
  EXPECT_EQ(StateOf(w), WishState::kClaimed);
  w.delivered_at = 3;
  EXPECT_EQ(StateOf(w), WishState::kDelivered);
  EXPECT_EQ(WishStateLabel(WishState::kDelivered), "已实现");
  EXPECT_EQ(ParseWishState("claimed"), WishState::kClaimed);
  EXPECT_EQ(ParseWishKind("care"), WishKind::kCare);
  EXPECT_EQ(ParseDonorKind("organisation"), DonorKind::kOrganisation);
  EXPECT_FALSE(ParseDonorKind("robot"));
}

TEST(WishClaims, OnceWithinTheCampaign) {
  const WishCampaign c = June();
  Wish w = Published();
  EXPECT_TRUE(CheckClaim(w, c, kJune1).ok());
  EXPECT_TRUE(CheckClaim(w, c, kJune1 + 5 * kDayMs - 1).ok());  // the deadline's last millisecond
  Status late = CheckClaim(w, c, kJune1 + 5 * kDayMs);
  EXPECT_EQ(late.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(late.field(), "deadline_on");
  EXPECT_EQ(CheckClaim(w, c, kJune1 - 1).field(), "opens_on");
  w.claimed_at = kJune1;
  Status twice = CheckClaim(w, c, kJune1 + kHourMs);
  EXPECT_EQ(twice.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(twice.message().find("already claimed"), std::string::npos);
  EXPECT_NE(twice.message().find("42"), std::string::npos);
  Wish unpublished = Published();
  unpublished.published_at.reset();
  EXPECT_EQ(CheckClaim(unpublished, c, kJune1).field(), "published_at");
}

TEST(WishDeliveries, NeedAClaimAndAPhotoAndCountOnTimeByTheDeadline) {
  const WishCampaign c = June();
  Wish w = Published();
  EXPECT_EQ(CheckDelivery(w, 1).field(), "claimed_at");
  w.claimed_at = kJune1;
  Status no_photo = CheckDelivery(w, 0);
  EXPECT_EQ(no_photo.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_photo.field(), "attachment_ids");
  EXPECT_TRUE(CheckDelivery(w, 1).ok());
  w.delivered_at = kJune1 + 5 * kDayMs - 1;
  EXPECT_TRUE(DeliveredOnTime(w, c));
  EXPECT_EQ(CheckDelivery(w, 1).field(), "delivered_at");
  w.delivered_at = kJune1 + 5 * kDayMs;
  EXPECT_FALSE(DeliveredOnTime(w, c));
}

TEST(WishRecords, RefusedAfterTheDeadline) {
  const WishCampaign c = June();
  EXPECT_TRUE(CheckRecordOpen(c, kJune1 - 30 * kDayMs).ok());
  EXPECT_EQ(CheckRecordOpen(c, kJune1 + 5 * kDayMs).field(), "campaign_id");
  Wish w = Published();
  EXPECT_EQ(CheckPublish(w, c, kJune1).field(), "published_at");
  w.published_at.reset();
  EXPECT_TRUE(CheckPublish(w, c, kJune1).ok());
}

TEST(WishTexts, TitleAndClaimNote) {
  EXPECT_EQ(WishTitle(" 一套绘本 "), "微心愿：一套绘本");
  const std::string long_item(150, 'x');
  EXPECT_EQ(WishTitle(long_item), "微心愿：" + std::string(96, 'x'));
  EXPECT_EQ(ClaimNote(Donor{DonorKind::kPerson, "张三", "13800138000"}), "已被认领（个人 张*）");
  EXPECT_EQ(ClaimNote(Donor{DonorKind::kOrganisation, "南昌某公司", "079188888888"}), "已被认领（单位 南****）");
}

}  // namespace
}  // namespace lz::casework
