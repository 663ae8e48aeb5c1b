// Tests of common/csv.h: RFC 4180 writing and parsing, BOM handling, malformed input.
#include "common/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lz::csv {
namespace {

using Records = std::vector<std::vector<std::string>>;

TEST(CsvAppendRow, QuotesOnlyFieldsThatNeedIt) {
  std::string out;
  AppendRow(out, {"plain", "a,b", "say \"hi\"", "two\nlines", "中文"});
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",中文\r\n");
  out.clear();
  AppendRow(out, {"cr\rhere"});
  EXPECT_EQ(out, "\"cr\rhere\"\r\n");
  out.clear();
  AppendRow(out, {"a", "", "b"});
  EXPECT_EQ(out, "a,,b\r\n");
}

TEST(CsvRoundTrip, FieldsWithSeparatorsQuotesLineBreaksAndChinese) {
  Records rows = {
      {"编码", "名称", "备注"},
      {"360802", "吉州区", "含逗号,和\"引号\""},
      {"a,b,c", "\"", "\"\""},
      {"CRLF\r\ninside", "LF\nonly", "CR\ronly"},
      {"", "trailing empty", ""},
      {"  spaces kept  ", "中文，全角逗号", "end"},
  };
  std::string doc;
  for (const auto& r : rows) AppendRow(doc, r);
  Records parsed;
  ASSERT_TRUE(Parse(doc, parsed));
  EXPECT_EQ(parsed, rows);
}

TEST(CsvRoundTrip, WithBomPrefix) {
  Records rows = {{"名称", "代码"}, {"江西省", "36"}};
  std::string doc(kUtf8Bom);
  for (const auto& r : rows) AppendRow(doc, r);
  Records parsed;
  ASSERT_TRUE(Parse(doc, parsed));
  EXPECT_EQ(parsed, rows);
  EXPECT_EQ(parsed[0][0], "名称");  // the BOM is not part of the first field
}

TEST(CsvParse, SkipsLeadingBomOnlyOnce) {
  Records parsed;
  ASSERT_TRUE(Parse("\xEF\xBB\xBF" "code,name\n36,江西省\n", parsed));
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0], (std::vector<std::string>{"code", "name"}));
  EXPECT_EQ(parsed[1], (std::vector<std::string>{"36", "江西省"}));
}

TEST(CsvParse, AcceptsLfAndCrlfAndMissingFinalNewline) {
  Records parsed;
  ASSERT_TRUE(Parse("a,b\nc,d\r\ne,f", parsed));
  EXPECT_EQ(parsed, (Records{{"a", "b"}, {"c", "d"}, {"e", "f"}}));
}

TEST(CsvParse, EmptyFieldsAreKept) {
  Records parsed;
  ASSERT_TRUE(Parse("a,,b\r\n,\r\nx,\r\n", parsed));
  EXPECT_EQ(parsed, (Records{{"a", "", "b"}, {"", ""}, {"x", ""}}));
}

TEST(CsvParse, QuotedEmptyFieldAndEscapedQuotes) {
  Records parsed;
  ASSERT_TRUE(Parse("\"\",\"\"\"\",\"x\"\"y\"\r\n", parsed));
  EXPECT_EQ(parsed, (Records{{"", "\"", "x\"y"}}));
}

TEST(CsvParse, UnterminatedQuoteFails) {
  Records parsed;
  EXPECT_FALSE(Parse("a,\"unterminated\r\nb,c\r\n", parsed));
  Records parsed2;
  EXPECT_FALSE(Parse("\"", parsed2));
  Records parsed3;
  EXPECT_FALSE(Parse("x,\"ab\"\"", parsed3));  // the doubled quote is content, still open
}

TEST(CsvParse, EmptyDocument) {
  Records parsed;
  ASSERT_TRUE(Parse("", parsed));
  EXPECT_TRUE(parsed.empty());
  ASSERT_TRUE(Parse(kUtf8Bom, parsed));
  EXPECT_TRUE(parsed.empty());
}

}  // namespace
}  // namespace lz::csv
