// Tests of common/crypto.h: SM3 and SHA-256 against published vectors, random tokens, Argon2id
// password hashes, constant-time comparison.
#include "common/crypto.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace lz::crypto {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Init().ok()); }
};

TEST_F(CryptoTest, InitIsIdempotent) {
  EXPECT_TRUE(Init().ok());
  EXPECT_TRUE(Init().ok());
}

TEST_F(CryptoTest, Sm3MatchesGbt32905Vectors) {
  auto abc = Sm3Hex("abc");
  ASSERT_TRUE(abc.ok()) << abc.status().ToString();
  EXPECT_EQ(*abc, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  std::string block;
  for (int i = 0; i < 16; ++i) block += "abcd";  // example 2 of the standard: 512 bits
  auto b = Sm3Hex(block);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

TEST_F(CryptoTest, Sm3IsNotSha256AndDependsOnEveryByte) {
  auto a = Sm3Hex("abc");
  auto b = Sm3Hex("abd");
  auto embedded_nul = Sm3Hex(std::string("ab\0c", 4));
  auto plain = Sm3Hex("abc");
  ASSERT_TRUE(a.ok() && b.ok() && embedded_nul.ok());
  EXPECT_NE(*a, *b);
  EXPECT_NE(*embedded_nul, *plain);  // the length is taken from the view, not from a NUL
  EXPECT_NE(*a, Sha256Hex("abc"));
  EXPECT_EQ(a->size(), 64u);
}

TEST_F(CryptoTest, Sha256MatchesFips180Vectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_F(CryptoTest, RandomHexHasTheRightLengthAlphabetAndDoesNotRepeat) {
  EXPECT_EQ(RandomHex(0), "");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string h = RandomHex(16);
    ASSERT_EQ(h.size(), 32u);
    for (char c : h) ASSERT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << h;
    seen.insert(h);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_EQ(RandomHex(32).size(), 64u);
  // All 16 digits appear over enough output (catches a nibble-encoding slip).
  std::string big = RandomHex(512);
  for (char d : std::string("0123456789abcdef")) EXPECT_NE(big.find(d), std::string::npos) << d;
}

TEST_F(CryptoTest, HashAndVerifyPassword) {
  auto h = HashPassword("correct horse battery staple", PasswordCost::kFastForTest);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *h));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapl", *h));
  EXPECT_FALSE(VerifyPassword("Correct horse battery staple", *h));
  EXPECT_FALSE(VerifyPassword("", *h));
}

TEST_F(CryptoTest, HashesAreSaltedAndHandleChinese) {
  auto a = HashPassword("我的密码很长很安全123", PasswordCost::kFastForTest);
  auto b = HashPassword("我的密码很长很安全123", PasswordCost::kFastForTest);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword("我的密码很长很安全123", *a));
  EXPECT_TRUE(VerifyPassword("我的密码很长很安全123", *b));
  EXPECT_FALSE(VerifyPassword("我的密码很长很安全124", *a));
}

TEST_F(CryptoTest, PasswordIsNotTruncatedAtNul) {
  std::string with_nul("abc\0def", 7);
  auto h = HashPassword(with_nul, PasswordCost::kFastForTest);
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(VerifyPassword(with_nul, *h));
  EXPECT_FALSE(VerifyPassword("abc", *h));
}

TEST_F(CryptoTest, VerifyRejectsMalformedHashes) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
  EXPECT_FALSE(VerifyPassword("x", "$argon2id$v=19$m=8,t=1,p=1$garbage$garbage"));
}

TEST_F(CryptoTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("token-123", "token-123"));
  EXPECT_FALSE(ConstantTimeEquals("token-123", "token-124"));
  EXPECT_FALSE(ConstantTimeEquals("Token-123", "token-123"));
  EXPECT_FALSE(ConstantTimeEquals("token", "token-123"));  // prefix
  EXPECT_FALSE(ConstantTimeEquals("token-123", "token"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

}  // namespace
}  // namespace lz::crypto
