// Tests of domain/auth: password policy profiles, login names and user fields, lockout, session
// expiry, data scopes and their filters.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>
#include <unordered_set>

#include "domain/auth/data_scope.h"
#include "domain/auth/password_policy.h"
#include "domain/auth/permissions.h"
#include "domain/auth/user.h"
#include "services/platform.h"

namespace lz::auth {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::unordered_set<std::string>& Common() {
  static const auto* kCommon = new std::unordered_set<std::string>(services::ShippedCommonPasswords());
  return *kCommon;
}

// --- password policy: asvs ---

TEST(ShippedCommonPasswords, ListIsLoaded) {
  EXPECT_GT(Common().size(), 10000u);
  EXPECT_EQ(Common().count("password"), 1u);
  EXPECT_EQ(Common().count("password1234"), 1u);
  EXPECT_EQ(Common().count(""), 0u);
  for (const auto& p : Common()) {
    ASSERT_EQ(p.find('\r'), std::string::npos) << "entry with CR: " << p;
    ASSERT_EQ(p.find('\n'), std::string::npos);
  }
}

TEST(PasswordPolicyAsvs, LengthCountsCodePoints) {
  PasswordPolicy policy(PasswordProfile::kAsvs, Common());
  // 11 Chinese characters are 33 bytes but only 11 characters: refused.
  Status s = policy.Check(Repeat("密", 11), "", "password");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "password");
  EXPECT_TRUE(policy.Check(Repeat("密", 12), "", "password").ok());
  EXPECT_FALSE(policy.Check("Zx9!kq-2Lm7", "", "password").ok());  // 11 ASCII
  EXPECT_TRUE(policy.Check("Zx9!kq-2Lm7#", "", "password").ok());  // 12 ASCII
  EXPECT_TRUE(policy.Check("链长制产业链abcdef", "", "password").ok());  // 12 mixed
  EXPECT_FALSE(policy.Check("链长制产业链abcde", "", "password").ok());  // 11 mixed
}

TEST(PasswordPolicyAsvs, UpperLimit128) {
  PasswordPolicy policy(PasswordProfile::kAsvs, Common());
  EXPECT_TRUE(policy.Check(Repeat("长", 128), "", "password").ok());
  EXPECT_FALSE(policy.Check(Repeat("长", 129), "", "password").ok());
}

TEST(PasswordPolicyAsvs, NoCompositionRulesButCommonPasswordsRefused) {
  PasswordPolicy policy(PasswordProfile::kAsvs, Common());
  EXPECT_TRUE(policy.Check("all lower case words", "", "password").ok());
  Status s = policy.Check("password1234", "", "password");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "password");
  EXPECT_FALSE(policy.Check("PassWord1234", "", "password").ok());  // case-insensitive
  EXPECT_FALSE(policy.Check("qwerty123456", "", "password").ok());
  // The same policy with an empty list accepts it: the refusal comes from the list.
  PasswordPolicy no_list(PasswordProfile::kAsvs, {});
  EXPECT_TRUE(no_list.Check("password1234", "", "password").ok());
}

TEST(PasswordPolicyAsvs, ContainingTheLoginRefusedCaseInsensitively) {
  PasswordPolicy policy(PasswordProfile::kAsvs, Common());
  EXPECT_FALSE(policy.Check("my-zhangsan-secret", "zhangsan", "password").ok());
  EXPECT_FALSE(policy.Check("my-ZhangSan-secret", "zhangsan", "password").ok());
  EXPECT_FALSE(policy.Check("zhangsan2024!!", "ZhangSan", "password").ok());
  EXPECT_TRUE(policy.Check("my-zhang-san-secret", "zhangsan", "password").ok());
}

TEST(PasswordPolicyAsvs, FieldNamePassedThroughAndInvalidUtf8Refused) {
  PasswordPolicy policy(PasswordProfile::kAsvs, Common());
  EXPECT_EQ(policy.Check("short", "", "new_password").field(), "new_password");
  EXPECT_EQ(policy.Check("password1234", "", "initial_password").field(), "initial_password");
  Status bad = policy.Check("abcdefghijkl\xFF", "", "new_password");
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.field(), "new_password");
}

TEST(PasswordPolicyAsvs, NeverExpires) {
  PasswordPolicy policy(PasswordProfile::kAsvs, Common());
  EXPECT_FALSE(policy.IsExpired(0, 90 * kDayMs));
  EXPECT_FALSE(policy.IsExpired(0, 3650 * kDayMs));
}

// --- password policy: djbh ---

TEST(PasswordPolicyDjbh, EightCharactersWithThreeClasses) {
  PasswordPolicy policy(PasswordProfile::kDjbh, Common());
  EXPECT_TRUE(policy.Check("Abcdef12", "", "password").ok());   // upper, lower, digit
  EXPECT_TRUE(policy.Check("abcdef1!", "", "password").ok());   // lower, digit, symbol
  EXPECT_TRUE(policy.Check("ABCDEF!1", "", "password").ok());   // upper, symbol, digit
  EXPECT_TRUE(policy.Check("Abcdefg!", "", "password").ok());   // upper, lower, symbol
  EXPECT_FALSE(policy.Check("Abcde12", "", "password").ok());   // 7 characters
}

TEST(PasswordPolicyDjbh, TwoClassesRefused) {
  PasswordPolicy policy(PasswordProfile::kDjbh, Common());
  for (const char* pw : {"abcdef12", "ABCDEF12", "Abcdefgh", "abcdefg!", "12345678!", "abcdefghijklmnop"}) {
    Status s = policy.Check(pw, "", "password");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << pw;
    EXPECT_EQ(s.field(), "password") << pw;
  }
}

TEST(PasswordPolicyDjbh, LoginRefusedAndFieldPassedThrough) {
  PasswordPolicy policy(PasswordProfile::kDjbh, Common());
  Status s = policy.Check("Lisi-2024", "lisi", "new_password");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "new_password");
}

TEST(PasswordPolicyDjbh, ExpiresAtNinetyDays) {
  PasswordPolicy policy(PasswordProfile::kDjbh, Common());
  const TimeMs changed = 1700000000000;
  EXPECT_FALSE(policy.IsExpired(changed, changed + 89 * kDayMs));
  EXPECT_FALSE(policy.IsExpired(changed, changed + 90 * kDayMs - 1));
  EXPECT_TRUE(policy.IsExpired(changed, changed + 90 * kDayMs));
  EXPECT_TRUE(policy.IsExpired(changed, changed + 91 * kDayMs));
  EXPECT_EQ(PasswordPolicy::kDjbhMaxAge, 90 * kDayMs);
}

TEST(PasswordProfile, NamesRoundTrip) {
  EXPECT_EQ(PasswordProfileName(PasswordProfile::kAsvs), "asvs");
  EXPECT_EQ(PasswordProfileName(PasswordProfile::kDjbh), "djbh");
  EXPECT_EQ(ParsePasswordProfile("asvs"), PasswordProfile::kAsvs);
  EXPECT_EQ(ParsePasswordProfile("djbh"), PasswordProfile::kDjbh);
  EXPECT_FALSE(ParsePasswordProfile("ASVS").has_value());
  PasswordPolicy p(PasswordProfile::kDjbh, {});
  EXPECT_EQ(p.profile(), PasswordProfile::kDjbh);
}

// --- users ---

TEST(ValidateLogin, AcceptsTheAllowedShapes) {
  for (const char* login : {"abc", "admin", "zhang.san", "li_si-2", "a23456789012345678901234567890ab"}) {
    EXPECT_TRUE(ValidateLogin(login).ok()) << login;
  }
  EXPECT_EQ(std::string("a23456789012345678901234567890ab").size(), 32u);
}

TEST(ValidateLogin, RefusesBadShapes) {
  for (const char* login : {"", "ab", "a234567890123456789012345678901ab", "1abc", "_abc", ".abc", "Abc", "abC",
                            "zhang san", "张三", "abc@x", "abc/def", "abc\n"}) {
    Status s = ValidateLogin(login);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << login;
    EXPECT_EQ(s.field(), "login") << login;
  }
}

TEST(NormaliseUserFields, TrimsNameAndPhone) {
  User u;
  u.name = " \xE3\x80\x80张三\t";
  u.phone = std::optional<std::string>("  138-1234-5678 ");
  ASSERT_TRUE(NormaliseUserFields(u).ok());
  EXPECT_EQ(u.name, "张三");
  EXPECT_EQ(u.phone, std::optional<std::string>("138-1234-5678"));
}

TEST(NormaliseUserFields, NameRequiredAndLimitedTo50) {
  User blank;
  blank.name = "  ";
  EXPECT_EQ(NormaliseUserFields(blank).field(), "name");
  User max;
  max.name = Repeat("名", 50);
  EXPECT_TRUE(NormaliseUserFields(max).ok());
  User over;
  over.name = Repeat("名", 51);
  Status s = NormaliseUserFields(over);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "name");
}

TEST(NormaliseUserFields, PhoneRules) {
  auto check = [](std::optional<std::string> phone) {
    User u;
    u.name = "张三";
    u.phone = std::move(phone);
    Status s = NormaliseUserFields(u);
    return std::pair(s, u.phone);
  };
  EXPECT_TRUE(check(std::nullopt).first.ok());
  auto [blank_status, blank_phone] = check(std::string("   "));
  EXPECT_TRUE(blank_status.ok());
  EXPECT_FALSE(blank_phone.has_value());  // blank becomes "no phone"
  EXPECT_TRUE(check(std::string("13812341234")).first.ok());
  EXPECT_TRUE(check(std::string("+8613812341234")).first.ok());
  EXPECT_TRUE(check(std::string("0796-8221234")).first.ok());
  EXPECT_TRUE(check(std::string("12345")).first.ok());               // 5
  EXPECT_TRUE(check(std::string(20, '1')).first.ok());               // 20
  for (std::string bad : {std::string("1234"), std::string(21, '1'), std::string("138 1234 5678"),
                          std::string("1381234abcd"), std::string("１３８１２３４１２３４"), std::string("(0796)822")}) {
    Status s = check(bad).first;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(s.field(), "phone") << bad;
  }
}

TEST(UserStatus, NamesRoundTrip) {
  EXPECT_EQ(UserStatusName(UserStatus::kActive), "active");
  EXPECT_EQ(UserStatusName(UserStatus::kDisabled), "disabled");
  EXPECT_EQ(ParseUserStatus("disabled"), UserStatus::kDisabled);
  EXPECT_FALSE(ParseUserStatus("locked").has_value());
}

class LockoutTest : public ::testing::Test {
 protected:
  User user_;
  LockoutPolicy policy_;
  const TimeMs t0_ = 1700000000000;
};

TEST_F(LockoutTest, FourFailuresDoNotLockTheFifthLocksForTenMinutes) {
  ASSERT_EQ(policy_.max_failures, 5);
  ASSERT_EQ(policy_.lock_duration, 10 * kMinuteMs);
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(RecordFailedLogin(user_, t0_ + i * 1000, policy_)) << i;
    EXPECT_FALSE(IsLocked(user_, t0_ + i * 1000));
  }
  EXPECT_EQ(user_.failed_logins, 4);
  EXPECT_FALSE(user_.locked_until.has_value());
  const TimeMs fifth = t0_ + 5000;
  EXPECT_TRUE(RecordFailedLogin(user_, fifth, policy_));
  ASSERT_TRUE(user_.locked_until.has_value());
  EXPECT_EQ(*user_.locked_until, fifth + 10 * kMinuteMs);
  EXPECT_TRUE(IsLocked(user_, fifth));
  EXPECT_TRUE(IsLocked(user_, fifth + 10 * kMinuteMs - 1));
  EXPECT_FALSE(IsLocked(user_, fifth + 10 * kMinuteMs));
}

TEST_F(LockoutTest, AfterExpiryAFailureStartsANewCount) {
  for (int i = 0; i < 5; ++i) RecordFailedLogin(user_, t0_, policy_);
  ASSERT_TRUE(IsLocked(user_, t0_));
  const TimeMs later = t0_ + 10 * kMinuteMs;
  EXPECT_FALSE(RecordFailedLogin(user_, later, policy_));
  EXPECT_FALSE(IsLocked(user_, later));
  EXPECT_FALSE(user_.locked_until.has_value());
  EXPECT_EQ(user_.failed_logins, 1);
  // Three more failures: still not locked (4 in the new count); the next one locks again.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(RecordFailedLogin(user_, later + 1, policy_));
  EXPECT_FALSE(IsLocked(user_, later + 1));
  EXPECT_TRUE(RecordFailedLogin(user_, later + 2, policy_));
  EXPECT_TRUE(IsLocked(user_, later + 2));
  EXPECT_EQ(*user_.locked_until, later + 2 + 10 * kMinuteMs);
}

TEST_F(LockoutTest, SuccessfulLoginResetsTheCount) {
  for (int i = 0; i < 4; ++i) RecordFailedLogin(user_, t0_, policy_);
  RecordSuccessfulLogin(user_);
  EXPECT_EQ(user_.failed_logins, 0);
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(RecordFailedLogin(user_, t0_ + 1, policy_));
  EXPECT_FALSE(IsLocked(user_, t0_ + 1));
  // And it clears a lock.
  RecordFailedLogin(user_, t0_ + 2, policy_);
  ASSERT_TRUE(IsLocked(user_, t0_ + 2));
  RecordSuccessfulLogin(user_);
  EXPECT_FALSE(IsLocked(user_, t0_ + 2));
  EXPECT_FALSE(user_.locked_until.has_value());
}

TEST_F(LockoutTest, CustomPolicy) {
  LockoutPolicy strict{3, kHourMs};
  EXPECT_FALSE(RecordFailedLogin(user_, t0_, strict));
  EXPECT_FALSE(RecordFailedLogin(user_, t0_, strict));
  EXPECT_TRUE(RecordFailedLogin(user_, t0_, strict));
  EXPECT_EQ(*user_.locked_until, t0_ + kHourMs);
}

TEST(SessionExpiry, IdleThirtyMinutes) {
  SessionPolicy policy;
  Session s;
  s.created_at = 1000000;
  s.last_seen_at = 1000000;
  EXPECT_FALSE(IsSessionExpired(s, s.last_seen_at, policy));
  EXPECT_FALSE(IsSessionExpired(s, s.last_seen_at + 30 * kMinuteMs - 1, policy));
  EXPECT_TRUE(IsSessionExpired(s, s.last_seen_at + 30 * kMinuteMs, policy));
  // Activity moves the idle window.
  s.last_seen_at += 20 * kMinuteMs;
  EXPECT_FALSE(IsSessionExpired(s, s.created_at + 45 * kMinuteMs, policy));
}

TEST(SessionExpiry, AbsoluteTwelveHoursEvenWhenActive) {
  SessionPolicy policy;
  Session s;
  s.created_at = 1000000;
  s.last_seen_at = s.created_at + 12 * kHourMs - kMinuteMs;  // seen a minute ago
  EXPECT_FALSE(IsSessionExpired(s, s.created_at + 12 * kHourMs - 1, policy));
  EXPECT_TRUE(IsSessionExpired(s, s.created_at + 12 * kHourMs, policy));
}

// --- data scopes ---

TEST(ValidateDataScope, UnitsListedExactlyForKindUnits) {
  EXPECT_TRUE(ValidateDataScope({ScopeKind::kAll, {}}).ok());
  EXPECT_TRUE(ValidateDataScope({ScopeKind::kSelf, {}}).ok());
  EXPECT_TRUE(ValidateDataScope({ScopeKind::kOwnUnit, {}}).ok());
  EXPECT_TRUE(ValidateDataScope({ScopeKind::kOwnUnitAndBelow, {}}).ok());
  EXPECT_TRUE(ValidateDataScope({ScopeKind::kUnits, {3}}).ok());
  Status empty = ValidateDataScope({ScopeKind::kUnits, {}});
  EXPECT_EQ(empty.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.field(), "scope.unit_ids");
  for (ScopeKind k : {ScopeKind::kAll, ScopeKind::kOwnUnit, ScopeKind::kOwnUnitAndBelow, ScopeKind::kSelf}) {
    Status s = ValidateDataScope({k, {1, 2}});
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << ScopeKindName(k);
    EXPECT_EQ(s.field(), "scope.unit_ids");
  }
  std::vector<int64_t> many(1000);
  for (int i = 0; i < 1000; ++i) many[i] = i + 1;
  EXPECT_TRUE(ValidateDataScope({ScopeKind::kUnits, many}).ok());
  many.push_back(1001);
  EXPECT_EQ(ValidateDataScope({ScopeKind::kUnits, many}).field(), "scope.unit_ids");
}

TEST(ScopeKind, NamesRoundTrip) {
  for (ScopeKind k : {ScopeKind::kAll, ScopeKind::kUnits, ScopeKind::kOwnUnit, ScopeKind::kOwnUnitAndBelow,
                      ScopeKind::kSelf}) {
    EXPECT_EQ(ParseScopeKind(ScopeKindName(k)), k);
  }
  EXPECT_EQ(ScopeKindName(ScopeKind::kOwnUnitAndBelow), "own_unit_and_below");
  EXPECT_FALSE(ParseScopeKind("below").has_value());
}

TEST(ScopeFilter, All) {
  ScopeFilter f = ScopeFilter::All();
  EXPECT_TRUE(f.Allows(1, "/1/", 1));
  EXPECT_TRUE(f.Allows(999, "/5/999/", 0));
}

TEST(ScopeFilter, ListedUnits) {
  ScopeFilter f{ScopeKind::kUnits, {3, 5}, "", 0};
  EXPECT_TRUE(f.Allows(3, "/1/3/", 100));
  EXPECT_TRUE(f.Allows(5, "/5/", 100));
  EXPECT_FALSE(f.Allows(4, "/1/3/4/", 100));  // below a listed unit is not listed
  ScopeFilter none{ScopeKind::kUnits, {}, "", 0};
  EXPECT_FALSE(none.Allows(3, "/3/", 0));
}

TEST(ScopeFilter, OwnUnit) {
  ScopeFilter f{ScopeKind::kOwnUnit, {7}, "", 42};
  EXPECT_TRUE(f.Allows(7, "/1/7/", 0));
  EXPECT_FALSE(f.Allows(12, "/1/7/12/", 42));  // neither children nor own records elsewhere
  EXPECT_FALSE(f.Allows(1, "/1/", 0));
}

TEST(ScopeFilter, OwnUnitAndBelowMatchesWholePathSegments) {
  ScopeFilter f{ScopeKind::kOwnUnitAndBelow, {}, "/1/7/", 0};
  EXPECT_TRUE(f.Allows(7, "/1/7/", 0));
  EXPECT_TRUE(f.Allows(12, "/1/7/12/", 0));
  EXPECT_TRUE(f.Allows(99, "/1/7/12/99/", 0));
  EXPECT_FALSE(f.Allows(70, "/1/70/", 0));
  EXPECT_FALSE(f.Allows(1, "/1/", 0));
  EXPECT_FALSE(f.Allows(7, "/2/1/7/", 0));
  EXPECT_FALSE(f.Allows(8, "/1/8/", 0));
  // A filter without a path allows nothing (fail closed).
  ScopeFilter empty{ScopeKind::kOwnUnitAndBelow, {}, "", 0};
  EXPECT_FALSE(empty.Allows(1, "/1/", 0));
}

TEST(ScopeFilter, Self) {
  ScopeFilter f{ScopeKind::kSelf, {}, "", 9};
  EXPECT_TRUE(f.Allows(1, "/1/", 9));
  EXPECT_FALSE(f.Allows(1, "/1/", 8));
  EXPECT_FALSE(f.Allows(9, "/9/", 0));
}

// --- permissions ---

TEST(Permissions, CatalogueIsConsistent) {
  std::set<std::string_view> keys;
  for (const auto& p : AllPermissions()) {
    EXPECT_TRUE(IsKnownPermission(p.key));
    EXPECT_TRUE(keys.insert(p.key).second) << "duplicate " << p.key;
  }
  EXPECT_TRUE(IsKnownPermission(perm::kUnitWrite));
  EXPECT_TRUE(IsKnownPermission(perm::kAuditRead));
  EXPECT_FALSE(IsKnownPermission("org:unit:delete_everything"));
  EXPECT_FALSE(IsKnownPermission(""));
}

}  // namespace
}  // namespace lz::auth
