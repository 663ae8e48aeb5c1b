// Chain domain: credit codes (GB 32100), enterprise name keys and field rules.
#include <gtest/gtest.h>

#include "domain/chain/chain.h"
#include "domain/chain/credit_code.h"

namespace lz::chain {
namespace {

TEST(CreditCode, AcceptsPublishedCodes) {
  // Codes printed on public business licences (Shenzhen firms) and the GB 32100 worked example.
  for (const char* code : {"91440300708461136T", "914403001922038216", "91350100M000100Y43"}) {
    EXPECT_TRUE(ValidateCreditCode(code).ok()) << code << ": " << ValidateCreditCode(code).ToString();
  }
}

TEST(CreditCode, CheckCharacterIsComputedAsTheStandardSays) {
  EXPECT_EQ(CreditCodeCheckChar("91440300708461136"), 'T');
  EXPECT_EQ(CreditCodeCheckChar("91350100M000100Y4"), '3');
  EXPECT_EQ(OrganisationCodeCheckChar("M000100Y"), '4');
  EXPECT_EQ(OrganisationCodeCheckChar("70846113"), '6');
}

TEST(CreditCode, RefusesWithTheReason) {
  auto reason = [](const std::string& code) {
    Status st = ValidateCreditCode(code);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << code;
    EXPECT_EQ(st.field(), "credit_code");
    return st.message();
  };
  EXPECT_NE(reason("").find("required"), std::string::npos);
  EXPECT_NE(reason("9144030070846113").find("18 characters, this one has 16"), std::string::npos);
  EXPECT_NE(reason("91440300708461136TT").find("this one has 19"), std::string::npos);
  EXPECT_NE(reason("9144030070846113IT").find("character 17 ('I')"), std::string::npos);
  EXPECT_NE(reason("9144030070846113ST").find("not used in credit codes"), std::string::npos);
  EXPECT_NE(reason("C1440300708461136T").find("registration authority"), std::string::npos);
  EXPECT_NE(reason("9144A300708461136T").find("administrative division"), std::string::npos);
  std::string wrong_check = reason("91440300708461136A");
  EXPECT_NE(wrong_check.find("should be 'T', not 'A'"), std::string::npos) << wrong_check;
  // One character mistyped anywhere is caught by the check character.
  std::string good = "91440300708461136T";
  for (size_t i = 8; i < 17; ++i) {
    std::string typo = good;
    typo[i] = typo[i] == '1' ? '2' : '1';
    EXPECT_FALSE(ValidateCreditCode(typo).ok()) << typo;
  }
  EXPECT_FALSE(ValidateCreditCode("9144030070846113６T").ok()) << "full-width digits must be normalised first";
}

TEST(CreditCode, NormalisesWhatUsersType) {
  EXPECT_EQ(NormaliseCreditCode("  91440300708461136t "), "91440300708461136T");
  EXPECT_EQ(NormaliseCreditCode("９１４４０３００７０８４６１１３６Ｔ"), "91440300708461136T");
  EXPECT_EQ(NormaliseCreditCode("\xE3\x80\x80" "91440300708461136T"), "91440300708461136T");
}

TEST(EnterpriseName, VariantsShareOneKey) {
  std::string key = NormaliseEnterpriseName("江西立讯智造有限公司");
  EXPECT_EQ(NormaliseEnterpriseName("江西立讯智造有限责任公司"), key);
  EXPECT_EQ(NormaliseEnterpriseName(" 江西立讯智造 有限公司 "), key);
  EXPECT_EQ(NormaliseEnterpriseName("江西立讯智造股份有限公司"), key);
  EXPECT_EQ(NormaliseEnterpriseName("木林森(吉安)有限公司"), NormaliseEnterpriseName("木林森（吉安）有限公司"));
  EXPECT_EQ(NormaliseEnterpriseName("ＡＢＣ电子有限公司"), NormaliseEnterpriseName("abc电子有限公司"));
  EXPECT_NE(NormaliseEnterpriseName("红板科技有限公司"), NormaliseEnterpriseName("红板电子有限公司"));
}

TEST(ChainFields, SegmentIndustryCodes) {
  for (const char* ok : {"", "C", "C39", "C397", "C3976", "I65"}) EXPECT_TRUE(IsIndustryCode(ok)) << ok;
  for (const char* bad : {"Z39", "C3", "C39761", "39", "c39", "C3X"}) EXPECT_FALSE(IsIndustryCode(bad)) << bad;
  Segment s;
  s.name = "  封装  ";
  s.industry_code = "ｃ３９７６";
  ASSERT_TRUE(NormaliseSegmentFields(s).ok());
  EXPECT_EQ(s.name, "封装");
  EXPECT_EQ(s.industry_code, "C3976");
  s.industry_code = "X1";
  EXPECT_EQ(NormaliseSegmentFields(s).field(), "industry_code");
  s.industry_code = "";
  s.name = " ";
  EXPECT_EQ(NormaliseSegmentFields(s).field(), "name");
}

TEST(ChainFields, EnterpriseChecksEveryField) {
  Enterprise e;
  e.credit_code = "91440300708461136t";
  e.name = "深圳市腾讯计算机系统有限公司";
  e.region_code = "440300";
  e.founded = "1998-11-11";
  ASSERT_TRUE(NormaliseEnterpriseFields(e).ok());
  EXPECT_EQ(e.credit_code, "91440300708461136T");
  EXPECT_EQ(e.name_key, NormaliseEnterpriseName(e.name));
  Enterprise bad = e;
  bad.founded = "2023-02-29";
  EXPECT_EQ(NormaliseEnterpriseFields(bad).field(), "founded");
  bad = e;
  bad.revenue = -1;
  EXPECT_EQ(NormaliseEnterpriseFields(bad).field(), "revenue");
  bad = e;
  bad.credit_code = "123";
  EXPECT_EQ(NormaliseEnterpriseFields(bad).field(), "credit_code");
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2100-02-29"));
  EXPECT_FALSE(IsIsoDate("2024-13-01"));
}

TEST(ChainFields, SupplyLinkToItselfIsRefused) {
  SupplyLink link{0, 5, 5, 100, "", "", ""};
  EXPECT_EQ(NormaliseSupplyLinkFields(link).field(), "buyer_id");
  link.buyer_id = 6;
  link.volume = -5;
  EXPECT_EQ(NormaliseSupplyLinkFields(link).field(), "volume");
}

TEST(ChainFields, EnumNamesRoundTrip) {
  for (Stage s : {Stage::kUpstream, Stage::kMidstream, Stage::kDownstream}) EXPECT_EQ(ParseStage(StageName(s)), s);
  EXPECT_EQ(ParseSizeClass("large"), SizeClass::kLarge);
  EXPECT_EQ(ParseMemberRole("chain_master"), MemberRole::kChainMaster);
  EXPECT_FALSE(ParseStage("sideways").has_value());
}

}  // namespace
}  // namespace lz::chain
