// Tests of domain/org: region codes and levels, unit field rules and paths, position kinds.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/org/position.h"
#include "domain/org/region.h"
#include "domain/org/unit.h"

namespace lz::org {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// --- regions ---

TEST(LevelOfCode, EachValidLength) {
  EXPECT_EQ(LevelOfCode("36"), RegionLevel::kProvince);
  EXPECT_EQ(LevelOfCode("3608"), RegionLevel::kCity);
  EXPECT_EQ(LevelOfCode("360802"), RegionLevel::kCounty);
  EXPECT_EQ(LevelOfCode("360802001"), RegionLevel::kTownship);
  EXPECT_EQ(LevelOfCode("360802001001"), RegionLevel::kCommunity);
}

TEST(LevelOfCode, BadShapes) {
  for (const char* bad : {"", "3", "360", "36080", "3608020", "36080200", "3608020010", "36080200100",
                          "3608020010011", "36080200100100"}) {
    EXPECT_FALSE(LevelOfCode(bad).has_value()) << bad;
  }
  for (const char* bad : {"3a", "36O8", " 360", "3608 ", "-36802", "+3608", "36.8", "３６", "36\n"}) {
    EXPECT_FALSE(LevelOfCode(bad).has_value()) << bad;
  }
}

TEST(RegionLevel, NamesRoundTrip) {
  std::set<std::string_view> names;
  for (auto l : {RegionLevel::kProvince, RegionLevel::kCity, RegionLevel::kCounty, RegionLevel::kTownship,
                 RegionLevel::kCommunity}) {
    EXPECT_EQ(ParseRegionLevel(RegionLevelName(l)), l);
    names.insert(RegionLevelName(l));
  }
  EXPECT_EQ(names.size(), 5u);
  EXPECT_EQ(RegionLevelName(RegionLevel::kTownship), "township");
  EXPECT_FALSE(ParseRegionLevel("Province").has_value());
  EXPECT_FALSE(ParseRegionLevel("").has_value());
}

class ValidateNewRegionTest : public ::testing::Test {
 protected:
  Region city_{"3608", "吉安市", RegionLevel::kCity, "36", 0};
  Region county_{"360802", "吉州区", RegionLevel::kCounty, "3608", 0};
};

TEST_F(ValidateNewRegionTest, AcceptsOneLevelBelowWithParentPrefix) {
  EXPECT_TRUE(ValidateNewRegion(Region{"360803", "青原区", RegionLevel::kCounty, "3608", 0}, city_).ok());
  EXPECT_TRUE(ValidateNewRegion(Region{"360802001", "古南街道", RegionLevel::kTownship, "360802", 0}, county_).ok());
  Region province{"36", "江西省", RegionLevel::kProvince, "", 0};
  EXPECT_TRUE(ValidateNewRegion(Region{"3609", "宜春市", RegionLevel::kCity, "36", 0}, province).ok());
}

TEST_F(ValidateNewRegionTest, RejectsMalformedCode) {
  for (const char* code : {"36080", "3608021", "36080a", ""}) {
    Status s = ValidateNewRegion(Region{code, "某区", RegionLevel::kCounty, "3608", 0}, city_);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << code;
    EXPECT_EQ(s.field(), "code") << code;
  }
}

TEST_F(ValidateNewRegionTest, RejectsWrongLevel) {
  // A township code directly below a city skips the county level.
  Status s = ValidateNewRegion(Region{"360802001", "古南街道", RegionLevel::kTownship, "3608", 0}, city_);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "code");
  // A city code below a city (same level).
  s = ValidateNewRegion(Region{"3609", "宜春市", RegionLevel::kCity, "3608", 0}, city_);
  EXPECT_EQ(s.field(), "code");
  // Nothing sits below a community.
  Region community{"360802001001", "某社区", RegionLevel::kCommunity, "360802001", 0};
  s = ValidateNewRegion(Region{"36080200100", "x", RegionLevel::kCommunity, "360802001001", 0}, community);
  EXPECT_FALSE(s.ok());
}

TEST_F(ValidateNewRegionTest, RejectsWrongPrefix) {
  Status s = ValidateNewRegion(Region{"360902", "袁州区", RegionLevel::kCounty, "3608", 0}, city_);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "code");
  s = ValidateNewRegion(Region{"360902001", "x", RegionLevel::kTownship, "360802", 0}, county_);
  EXPECT_EQ(s.field(), "code");
}

TEST_F(ValidateNewRegionTest, NameLengthInCodePoints) {
  Status empty = ValidateNewRegion(Region{"360803", "", RegionLevel::kCounty, "3608", 0}, city_);
  EXPECT_EQ(empty.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.field(), "name");
  // 60 Chinese characters are 180 bytes but only 60 code points: accepted.
  EXPECT_TRUE(ValidateNewRegion(Region{"360803", Repeat("区", 60), RegionLevel::kCounty, "3608", 0}, city_).ok());
  Status too_long = ValidateNewRegion(Region{"360803", Repeat("区", 61), RegionLevel::kCounty, "3608", 0}, city_);
  EXPECT_EQ(too_long.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(too_long.field(), "name");
}

// --- units ---

TEST(UnitKind, NamesRoundTripAndAreDistinct) {
  std::set<std::string_view> names;
  for (UnitKind k : AllUnitKinds()) {
    EXPECT_EQ(ParseUnitKind(UnitKindName(k)), k);
    names.insert(UnitKindName(k));
  }
  EXPECT_EQ(AllUnitKinds().size(), 13u);
  EXPECT_EQ(names.size(), AllUnitKinds().size());
  EXPECT_EQ(UnitKindName(UnitKind::kStreetOffice), "street_office");
  EXPECT_EQ(ParseUnitKind("social_work_station"), UnitKind::kSocialWorkStation);
  EXPECT_FALSE(ParseUnitKind("Department").has_value());
  EXPECT_FALSE(ParseUnitKind("").has_value());
}

TEST(NormaliseUnitFields, TrimsNameAndCode) {
  Unit u;
  u.name = " \xE3\x80\x80吉安市发展和改革委员会\t\xE3\x80\x80";
  u.code = std::optional<std::string>("  11360800014543839X \r\n");
  ASSERT_TRUE(NormaliseUnitFields(u).ok());
  EXPECT_EQ(u.name, "吉安市发展和改革委员会");
  ASSERT_TRUE(u.code.has_value());
  EXPECT_EQ(*u.code, "11360800014543839X");
}

TEST(NormaliseUnitFields, EmptyOrBlankNameRefused) {
  for (const char* name : {"", "   ", "\xE3\x80\x80\xE3\x80\x80"}) {
    Unit u;
    u.name = name;
    Status s = NormaliseUnitFields(u);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << name;
    EXPECT_EQ(s.field(), "name") << name;
  }
}

TEST(NormaliseUnitFields, NameLimitIs100CodePoints) {
  Unit ok;
  ok.name = Repeat("委", 100);
  EXPECT_TRUE(NormaliseUnitFields(ok).ok());
  Unit too_long;
  too_long.name = Repeat("委", 101);
  Status s = NormaliseUnitFields(too_long);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "name");
  // Surrounding spaces do not count against the limit.
  Unit padded;
  padded.name = "  " + Repeat("委", 100) + "  ";
  EXPECT_TRUE(NormaliseUnitFields(padded).ok());
  EXPECT_EQ(padded.name, Repeat("委", 100));
}

TEST(NormaliseUnitFields, BlankCodeBecomesNullAndLongCodeRefused) {
  Unit blank;
  blank.name = "单位";
  blank.code = std::optional<std::string>("   ");
  ASSERT_TRUE(NormaliseUnitFields(blank).ok());
  EXPECT_FALSE(blank.code.has_value());

  Unit none;
  none.name = "单位";
  ASSERT_TRUE(NormaliseUnitFields(none).ok());
  EXPECT_FALSE(none.code.has_value());

  Unit max;
  max.name = "单位";
  max.code = std::string(32, 'A');
  EXPECT_TRUE(NormaliseUnitFields(max).ok());

  Unit over;
  over.name = "单位";
  over.code = std::string(33, 'A');
  Status s = NormaliseUnitFields(over);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "code");
}

TEST(UnitPath, RootAndNested) {
  EXPECT_EQ(UnitPath("", 1), "/1/");
  EXPECT_EQ(UnitPath("", 42), "/42/");
  EXPECT_EQ(UnitPath("/1/", 7), "/1/7/");
  EXPECT_EQ(UnitPath("/1/7/", 12), "/1/7/12/");
  EXPECT_EQ(UnitPath(UnitPath(UnitPath("", 1), 70), 123456789012), "/1/70/123456789012/");
}

// --- positions ---

TEST(PositionKind, NamesRoundTripAndAreDistinct) {
  std::set<std::string_view> names;
  for (auto k : {PositionKind::kChainLeader, PositionKind::kDeputyChainLeader, PositionKind::kCommissioner,
                 PositionKind::kSocialWorker, PositionKind::kLiaisonOfficer, PositionKind::kSupervisor,
                 PositionKind::kGridWorker, PositionKind::kCommunityTeamMember, PositionKind::kUnitHead,
                 PositionKind::kMonitoringPoint, PositionKind::kEnterpriseContact}) {
    EXPECT_EQ(ParsePositionKind(PositionKindName(k)), k);
    names.insert(PositionKindName(k));
  }
  EXPECT_EQ(names.size(), 11u);
  EXPECT_EQ(PositionKindName(PositionKind::kEnterpriseContact), "enterprise_contact");
  EXPECT_EQ(PositionKindName(PositionKind::kDeputyChainLeader), "deputy_chain_leader");
  EXPECT_FALSE(ParsePositionKind("chain-leader").has_value());
}

TEST(ContextType, NamesRoundTripAndAreDistinct) {
  std::set<std::string_view> names;
  for (auto t : {ContextType::kChain, ContextType::kEnterprise, ContextType::kUnit, ContextType::kRegion}) {
    EXPECT_EQ(ParseContextType(ContextTypeName(t)), t);
    names.insert(ContextTypeName(t));
  }
  EXPECT_EQ(names.size(), 4u);
  EXPECT_EQ(ContextTypeName(ContextType::kEnterprise), "enterprise");
  EXPECT_FALSE(ParseContextType("units").has_value());
}

TEST(NormalisePositionFields, TrimsAndChecks) {
  Position p;
  p.context_ref = "  91360800MA35ABCD1X\xE3\x80\x80";
  p.context_name = "\t江西某某电子有限公司 ";
  ASSERT_TRUE(NormalisePositionFields(p).ok());
  EXPECT_EQ(p.context_ref, "91360800MA35ABCD1X");
  EXPECT_EQ(p.context_name, "江西某某电子有限公司");
}

TEST(NormalisePositionFields, RefRequiredAndLimited) {
  Position blank;
  blank.context_ref = "   ";
  Status s = NormalisePositionFields(blank);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "context_ref");

  Position max;
  max.context_ref = Repeat("链", 64);
  EXPECT_TRUE(NormalisePositionFields(max).ok());
  Position over;
  over.context_ref = Repeat("链", 65);
  EXPECT_EQ(NormalisePositionFields(over).field(), "context_ref");
}

TEST(NormalisePositionFields, NameOptionalButLimited) {
  Position no_name;
  no_name.context_ref = "electronics";
  EXPECT_TRUE(NormalisePositionFields(no_name).ok());
  Position max;
  max.context_ref = "electronics";
  max.context_name = Repeat("名", 100);
  EXPECT_TRUE(NormalisePositionFields(max).ok());
  Position over;
  over.context_ref = "electronics";
  over.context_name = Repeat("名", 101);
  Status s = NormalisePositionFields(over);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "context_name");
}

}  // namespace
}  // namespace lz::org
