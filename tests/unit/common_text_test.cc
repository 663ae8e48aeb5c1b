// Tests of common/text.h: UTF-8 validity (overlongs, surrogates, truncation, NUL), code-point
// length, trimming with U+3000, phone masking and LIKE escaping.
#include "common/text.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace lz::text {
namespace {

TEST(IsValidUtf8, AcceptsAsciiChineseAndBoundaryCodePoints) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("hello, world"));
  EXPECT_TRUE(IsValidUtf8("吉安市发展和改革委员会"));
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));          // U+0080, smallest 2-byte
  EXPECT_TRUE(IsValidUtf8("\xDF\xBF"));          // U+07FF
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));      // U+0800, smallest 3-byte
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));  // U+10000, smallest 4-byte
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, largest code point
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // emoji
  EXPECT_TRUE(IsValidUtf8("\xE3\x80\x80"));      // ideographic space
}

TEST(IsValidUtf8, RejectsOverlongEncodings) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // '/' in two bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // U+007F in two bytes
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // NUL in two bytes (modified UTF-8)
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(IsValidUtf8, RejectsSurrogatesAndOutOfRange) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 surrogate pair
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));  // 5-byte form
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xFE"));
}

TEST(IsValidUtf8, RejectsTruncatedAndBrokenSequences) {
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8"));          // "中" missing its last byte
  EXPECT_FALSE(IsValidUtf8("abc\xE4"));           // lead byte at the very end
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));      // emoji missing its last byte
  EXPECT_FALSE(IsValidUtf8("\xC2"));
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("a\xBF" "b"));
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8\x41"));      // continuation replaced by 'A'
  EXPECT_FALSE(IsValidUtf8("\xE4" "ab"));
  // A valid character right before the end must still be accepted (off-by-one guard).
  EXPECT_TRUE(IsValidUtf8("ab\xE4\xB8\xAD"));
  EXPECT_TRUE(IsValidUtf8("\xC2\xA9"));
}

TEST(IsValidUtf8, RejectsNul) {
  EXPECT_FALSE(IsValidUtf8(std::string("a\0b", 3)));
  EXPECT_FALSE(IsValidUtf8(std::string("\0", 1)));
  EXPECT_FALSE(IsValidUtf8(std::string("中\0", 4)));
}

TEST(Utf8Length, CountsCodePointsNotBytes) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("中华人民共和国"), 7u);
  EXPECT_EQ(std::string("中华人民共和国").size(), 21u);
  EXPECT_EQ(Utf8Length("a中b"), 3u);
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1u);
  EXPECT_EQ(Utf8Length("\xC2\xA9 2024"), 6u);
  EXPECT_EQ(Utf8Length("\xE3\x80\x80"), 1u);
}

TEST(Trim, RemovesAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(Trim("  abc  "), "abc");
  EXPECT_EQ(Trim("\t\r\nabc\r\n"), "abc");
  EXPECT_EQ(Trim("abc"), "abc");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \t \n "), "");
  EXPECT_EQ(Trim("  a b  c "), "a b  c");  // inner whitespace kept
}

TEST(Trim, RemovesIdeographicSpaceMixedWithAscii) {
  EXPECT_EQ(Trim("\xE3\x80\x80吉州区\xE3\x80\x80"), "吉州区");
  EXPECT_EQ(Trim(" \xE3\x80\x80 \xE3\x80\x80吉州区 \xE3\x80\x80\t"), "吉州区");
  EXPECT_EQ(Trim("\xE3\x80\x80\xE3\x80\x80"), "");
  // Inner U+3000 is content.
  EXPECT_EQ(Trim("吉州\xE3\x80\x80区"), "吉州\xE3\x80\x80区");
  // A different character that shares bytes is kept: U+3001 "、".
  EXPECT_EQ(Trim("区\xE3\x80\x81"), "区\xE3\x80\x81");
}

TEST(MaskPhone, MasksMobileNumbers) {
  EXPECT_EQ(MaskPhone("13812341234"), "138****1234");
  EXPECT_EQ(MaskPhone("19900001111"), "199****1111");
}

TEST(MaskPhone, ShortStringsKeepFirstAndLastOnly) {
  EXPECT_EQ(MaskPhone("12345"), "1***5");
  EXPECT_EQ(MaskPhone("123"), "1*3");
  EXPECT_EQ(MaskPhone("12"), "**");
  EXPECT_EQ(MaskPhone("1"), "*");
  EXPECT_EQ(MaskPhone(""), "");
}

TEST(MaskPhone, NeverRevealsEveryDigit) {
  // The 3 + **** + 4 form is only for mobile-length numbers; a shorter one keeps its first and last
  // character, so no length shows every digit.
  for (size_t n = 3; n <= 20; ++n) {
    std::string phone;
    for (size_t i = 0; i < n; ++i) phone.push_back(static_cast<char>('0' + (i % 10)));
    std::string masked = MaskPhone(phone);
    size_t shown = 0;
    for (char c : masked) shown += c != '*';
    EXPECT_LT(shown, n) << phone << " -> " << masked;
  }
}

TEST(EscapeLike, EscapesWildcardsAndTheEscapeCharacter) {
  EXPECT_EQ(EscapeLike("abc"), "abc");
  EXPECT_EQ(EscapeLike("100%"), "100\\%");
  EXPECT_EQ(EscapeLike("a_b"), "a\\_b");
  EXPECT_EQ(EscapeLike("a\\b"), "a\\\\b");
  EXPECT_EQ(EscapeLike("%_\\"), "\\%\\_\\\\");
  EXPECT_EQ(EscapeLike("吉安%市_"), "吉安\\%市\\_");
  EXPECT_EQ(EscapeLike(""), "");
  EXPECT_EQ(EscapeLike("/1/7/"), "/1/7/");
}

}  // namespace
}  // namespace lz::text
