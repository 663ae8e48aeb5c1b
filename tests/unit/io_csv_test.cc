// Tests of io/csv.h: UTF-8 with and without BOM, GB18030 (bytes produced by ICU here, not typed
// in), text that is neither, UTF-16 and binary refused, Excel row numbering, RFC 4180 quoting, and
// a 1,000,001-row file refused by the row limit.
#include "io/csv.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <chrono>
#include <string>
#include <vector>

namespace lz::io {
namespace {

std::string ToGb18030(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  return out;
}

std::vector<std::string> Texts(const SheetRow& row) {
  std::vector<std::string> out;
  for (const auto& c : row.cells) out.push_back(c.text);
  return out;
}

TEST(DecodeText, Utf8WithAndWithoutBom) {
  auto plain = DecodeText("名称,代码\r\n");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->utf8, "名称,代码\r\n");
  EXPECT_EQ(plain->encoding, TextEncoding::kUtf8);
  auto bom = DecodeText("\xEF\xBB\xBF名称");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->utf8, "名称");
  EXPECT_EQ(bom->encoding, TextEncoding::kUtf8);
}

TEST(DecodeText, Gb18030IsConverted) {
  const std::string gb = ToGb18030("吉安市");
  EXPECT_EQ(gb, "\xBC\xAA\xB0\xB2\xCA\xD0");  // as the brief says, and checked against ICU above
  auto decoded = DecodeText(gb);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->utf8, "吉安市");
  EXPECT_EQ(decoded->encoding, TextEncoding::kGb18030);
  // Four-byte GB18030 sequences (a character outside GBK) and GB18030's own BOM.
  const std::string rare = ToGb18030("\xEF\xBB\xBF𠀀,€");
  auto four = DecodeText(rare);
  ASSERT_TRUE(four.ok()) << four.status().ToString();
  EXPECT_EQ(four->utf8, "𠀀,€");
}

TEST(DecodeText, RefusesTextThatIsNeither) {
  auto bad = DecodeText("ab,cd\r\nx\xFF\xFFy\r\n");
  ASSERT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "file");
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("GB18030"), std::string::npos);

  auto utf16 = DecodeText(std::string("\xFF\xFE" "a\0b\0", 6));
  EXPECT_EQ(utf16.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(utf16.status().message().find("UTF-16"), std::string::npos);
  auto binary = DecodeText(std::string("abc\0def", 7));
  EXPECT_EQ(binary.status().code(), StatusCode::kInvalidArgument);
}

TEST(ReadCsv, Gb18030FileFromExcel) {
  auto sheet = ReadCsv(ToGb18030("区划名称,区划代码\r\n吉安市,3608\r\n吉州区,360802\r\n"));
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 3u);
  EXPECT_EQ(Texts(sheet->rows[1]), (std::vector<std::string>{"吉安市", "3608"}));
  EXPECT_EQ(sheet->rows[2].cells[0].type, CellType::kText);
}

TEST(ReadCsv, RowsAreNumberedAsExcelShowsThem) {
  // Row 3 is blank, row 4's quoted field holds a line break (still one row), row 6 is ",,".
  auto sheet = ReadCsv("\xEF\xBB\xBF" "a,b,c\r\n1,,3\r\n\r\n\"two\nlines\",\"x,\"\"y\"\"\"\r\n5,6\n,,\n7");
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 5u);
  EXPECT_EQ(sheet->rows[0].number, 1u);
  EXPECT_EQ(Texts(sheet->rows[0]), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(sheet->rows[1].number, 2u);
  EXPECT_EQ(Texts(sheet->rows[1]), (std::vector<std::string>{"1", "", "3"}));
  EXPECT_EQ(sheet->rows[1].cells[1].type, CellType::kEmpty);
  EXPECT_EQ(sheet->rows[2].number, 4u);
  EXPECT_EQ(Texts(sheet->rows[2]), (std::vector<std::string>{"two\nlines", "x,\"y\""}));
  EXPECT_EQ(sheet->rows[3].number, 5u);
  EXPECT_EQ(sheet->rows[4].number, 7u);
  EXPECT_EQ(Texts(sheet->rows[4]), (std::vector<std::string>{"7"}));
}

TEST(ReadCsv, RefusesAnUnclosedQuoteNamingItsRow) {
  auto sheet = ReadCsv("a,b\r\n1,2\r\n3,\"open\r\n4,5\r\n");
  ASSERT_EQ(sheet.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(sheet.status().message().find("row 3"), std::string::npos) << sheet.status().message();
}

TEST(ReadCsv, RefusesWorkbooksAndOldExcelFiles) {
  auto zip = ReadCsv(std::string("PK\x03\x04", 4) + "rest");
  EXPECT_EQ(zip.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(zip.status().message().find("xlsx"), std::string::npos);
  auto xls = ReadCsv(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'));
  EXPECT_NE(xls.status().message().find(".xls"), std::string::npos);
  EXPECT_EQ(ReadCsv("").status().code(), StatusCode::kInvalidArgument);
}

TEST(ReadCsv, LimitsOnColumnsCellsAndSize) {
  ReadLimits limits;
  limits.max_columns = 2;
  auto wide = ReadCsv("a,b,c\r\n", limits);
  EXPECT_EQ(wide.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(wide.status().message().find("C1"), std::string::npos) << wide.status().message();
  EXPECT_TRUE(ReadCsv("a,b,\r\n", limits).ok()) << "an empty third field is no column";
  limits = {};
  limits.max_cell_chars = 3;
  auto longer = ReadCsv("ok\r\n吉安市人\r\n", limits);
  EXPECT_EQ(longer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(longer.status().message().find("A2"), std::string::npos) << longer.status().message();
  limits = {};
  limits.max_input_bytes = 10;
  EXPECT_EQ(ReadCsv("0123456789a", limits).status().code(), StatusCode::kResourceExhausted);
}

TEST(ReadCsv, RefusesAMillionAndOneRowsQuickly) {
  std::string text = "编码,名称\r\n";
  text.reserve(text.size() + 1'000'001 * 16);
  for (int i = 1; i <= 1'000'001; ++i) {
    text += std::to_string(i);
    text += ",x\r\n";
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto sheet = ReadCsv(text);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(sheet.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(sheet.status().message().find("100000"), std::string::npos) << sheet.status().message();
  EXPECT_LT(seconds, 5.0);  // loose: shared machines; it stops at row 100,002
}

TEST(WriteCsv, Utf8WithBomThatReadsBack) {
  const std::vector<std::vector<std::string>> rows = {{"名称", "备注"}, {"吉安市", "含逗号,和\"引号\"\n换行"}, {"", "x"}};
  const std::string out = WriteCsv(rows);
  EXPECT_EQ(out.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(out.find("\r\n"), std::string::npos);
  auto sheet = ReadCsv(out);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 3u);
  EXPECT_EQ(Texts(sheet->rows[1]), rows[1]);
  EXPECT_EQ(Texts(sheet->rows[2]), rows[2]);
}

}  // namespace
}  // namespace lz::io
