// Tests of io/table.h: templates, header checks (wrong, missing, repeated, either language, any
// order), typed conversion with row-by-row errors numbered as Excel shows rows, dates as text and
// as Excel serials, blank rows, uniqueness, progress, export → parse round trips, the CSV formula
// guard, import modes, and a 1,000,001-row file refused by the row limit.
#include "io/table.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include <unicode/ucnv.h>

#include "io/csv.h"
#include "io/internal/values.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"

namespace lz::io {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

TableSpec EnterpriseSpec() {
  TableSpec spec;
  spec.name_zh = "企业名录";
  spec.name_en = "Enterprises";
  spec.columns = {
      {.key = "code", .zh = "统一社会信用代码", .en = "Credit code", .presence = Presence::kRequired, .max_chars = 18,
       .uniqueness = Uniqueness::kUniqueInFile, .note = "18 位"},
      {.key = "name", .zh = "企业名称", .en = "Name", .presence = Presence::kRequired, .max_chars = 10},
      {.key = "size", .zh = "规模", .en = "Size", .type = ColumnType::kEnum,
       .options = {{"large", "大型", "large"}, {"medium", "中型", "medium"}, {"small", "小型", "small"}}},
      {.key = "revenue", .zh = "营业收入（元）", .en = "Revenue (yuan)", .type = ColumnType::kDecimal, .scale = 2},
      {.key = "employees", .zh = "从业人数", .en = "Employees", .type = ColumnType::kInteger, .min = 0},
      {.key = "founded", .zh = "成立日期", .en = "Founded", .type = ColumnType::kDate},
      {.key = "local", .zh = "是否本地企业", .en = "Local", .type = ColumnType::kBoolean},
  };
  return spec;
}

std::vector<std::string> Texts(const SheetRow& row) {
  std::vector<std::string> out;
  for (const auto& c : row.cells) out.push_back(c.text);
  return out;
}

Result<ParseReport> ParseCsv(const std::string& text, ParseOptions options = {}) {
  return Parse(text, EnterpriseSpec(), options);
}

const RowError* FindError(const ParseReport& r, uint32_t row, const std::string& key) {
  for (const auto& e : r.errors) if (e.row == row && e.key == key) return &e;
  return nullptr;
}

TEST(TableTemplate, XlsxHasHeaderAndInstructions) {
  auto bytes = Template(EnterpriseSpec(), Format::kXlsx);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto names = XlsxSheetNames(*bytes);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"企业名录", "说明 Instructions"}));
  auto data = ReadXlsx(*bytes);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->rows.size(), 1u);
  EXPECT_EQ(Texts(data->rows[0]), (std::vector<std::string>{"*统一社会信用代码", "*企业名称", "规模", "营业收入（元）",
                                                            "从业人数", "成立日期", "是否本地企业"}));
  auto help = ReadXlsx(*bytes, {}, "说明 Instructions");
  ASSERT_TRUE(help.ok()) << help.status().ToString();
  ASSERT_GE(help->rows.size(), 8u);
  EXPECT_EQ(Texts(help->rows[0])[0], "列名");
  EXPECT_EQ(Texts(help->rows[1]), (std::vector<std::string>{"统一社会信用代码", "Credit code", "文本", "必填", "", "18", "18 位"}));
  EXPECT_EQ(help->rows[3].cells[4].text, "大型、中型、小型");
  EXPECT_EQ(help->rows[4].cells[2].text, "数字，最多 2 位小数");

  // The template itself parses: headers with '*' are accepted, no rows, no errors.
  auto parsed = Parse(*bytes, EnterpriseSpec());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->data_rows, 0u);
  EXPECT_TRUE(parsed->ok());

  auto en = Template(EnterpriseSpec(), Format::kXlsx, Language::kEn);
  ASSERT_TRUE(en.ok());
  auto en_data = ReadXlsx(*en);
  ASSERT_TRUE(en_data.ok());
  EXPECT_EQ(en_data->name, "Enterprises");
  EXPECT_EQ(en_data->rows[0].cells[0].text, "*Credit code");
}

TEST(TableTemplate, CsvIsTheHeaderLine) {
  auto bytes = Template(EnterpriseSpec(), Format::kCsv);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, "\xEF\xBB\xBF统一社会信用代码,企业名称,规模,营业收入（元）,从业人数,成立日期,是否本地企业\r\n");
}

TEST(TableParse, ConvertsRowsWithEnglishHeadersInAnyOrder) {
  auto r = ParseCsv(
      "Name, credit CODE ,Size,Revenue (yuan),Employees,Founded,Local\r\n"
      "木林森,91360800MA35XXXX01,中型,\"1,234.5\",１２０,2024-05-01,是\r\n"
      "红板科技,91360800MA35XXXX02,large,-3,0,2024/5/1,FALSE\r\n"
      "合力泰,91360800MA35XXXX03,,,,2024年5月1日,\r\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, Format::kCsv);
  ASSERT_TRUE(r->ok()) << r->errors[0].message_en;
  ASSERT_EQ(r->rows.size(), 3u);
  const ParsedRow& a = r->rows[0];
  EXPECT_EQ(a.row, 2u);
  EXPECT_EQ(a.Text("name"), "木林森");
  EXPECT_EQ(a.Text("code"), "91360800MA35XXXX01");
  EXPECT_EQ(a.Text("size"), "medium");
  EXPECT_EQ(a.Integer("revenue"), 123450);
  EXPECT_EQ(a.Integer("employees"), 120);
  EXPECT_EQ(a.DateValue("founded"), (Date{year{2024}, month{5}, day{1}}));
  EXPECT_EQ(a.Boolean("local"), true);
  const ParsedRow& b = r->rows[1];
  EXPECT_EQ(b.Text("size"), "large");
  EXPECT_EQ(b.Integer("revenue"), -300);
  EXPECT_EQ(b.DateValue("founded"), (Date{year{2024}, month{5}, day{1}}));
  EXPECT_EQ(b.Boolean("local"), false);
  const ParsedRow& c = r->rows[2];
  EXPECT_EQ(c.Text("size"), "");
  EXPECT_FALSE(c.Integer("revenue").has_value());
  EXPECT_TRUE(std::holds_alternative<std::monostate>(c.values.at("local")));
  EXPECT_EQ(c.DateValue("founded"), (Date{year{2024}, month{5}, day{1}}));
}

TEST(TableParse, Gb18030CsvFromExcel) {
  const std::string utf8 = "统一社会信用代码,企业名称,规模\r\nC1,吉安市木林森,小型\r\n";
  std::string gb(utf8.size() * 2, '\0');
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = ucnv_convert("GB18030", "UTF-8", gb.data(), static_cast<int32_t>(gb.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  ASSERT_TRUE(U_SUCCESS(err));
  gb.resize(static_cast<size_t>(n));
  auto r = Parse(gb, EnterpriseSpec());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].Text("name"), "吉安市木林森");
  EXPECT_EQ(r->rows[0].Text("size"), "small");
}

TEST(TableParse, RefusesUnknownColumnsListingTheExpectedOnes) {
  auto r = ParseCsv("统一社会信用代码,企业名称,法人代表\r\n1,2,3\r\n");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "header");
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("法人代表"), std::string::npos) << m;
  EXPECT_NE(m.find("*统一社会信用代码、*企业名称、规模"), std::string::npos) << m;
  EXPECT_NE(m.find("unknown columns: 法人代表"), std::string::npos) << m;
}

TEST(TableParse, RefusesMissingRequiredAndRepeatedColumns) {
  auto missing = ParseCsv("企业名称,规模\r\n木林森,大型\r\n");
  ASSERT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("缺少必填列：统一社会信用代码"), std::string::npos) << missing.status().message();
  EXPECT_NE(missing.status().message().find("missing required columns: Credit code"), std::string::npos);

  auto repeated = ParseCsv("统一社会信用代码,企业名称,Name\r\n1,2,3\r\n");
  ASSERT_EQ(repeated.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(repeated.status().message().find("repeated columns: Name"), std::string::npos) << repeated.status().message();

  auto empty = ParseCsv("\r\n ,  \r\n");
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.status().field(), "header");
}

TEST(TableParse, ReportsEveryBadCellByExcelRowNumber) {
  // Row 1 header, row 2 fine, row 3 blank, row 4 bad integer and enum, row 5 too long and
  // missing code, row 6 whitespace only, row 7 bad date and boolean and decimals, row 8 repeats
  // row 2's code, row 9 negative employees and a value under a column without header.
  auto r = ParseCsv(
      "统一社会信用代码,企业名称,规模,营业收入（元）,从业人数,成立日期,是否本地企业,\r\n"
      "C1,木林森,大型,100,10,2020-01-01,是\r\n"
      "\r\n"
      "C2,红板科技,巨型,,十个,,\r\n"
      ",一二三四五六七八九十一,,,,,\r\n"
      " , ,　,,,,\r\n"
      "C3,合力泰,,1.234,,2024-02-30,也许\r\n"
      "c1,立讯,,,,,\r\n"
      "C4,立讯智造,,,-1,,,多余\r\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->data_rows, 6u);
  EXPECT_EQ(r->blank_rows, 2u);
  EXPECT_EQ(r->invalid_rows, 5u);
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].row, 2u);

  const RowError* e = FindError(*r, 4, "employees");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->column, "E");
  EXPECT_EQ(e->header, "从业人数");
  EXPECT_NE(e->message_zh.find("不是整数"), std::string::npos) << e->message_zh;
  EXPECT_NE(e->message_en.find("not a whole number"), std::string::npos) << e->message_en;

  e = FindError(*r, 4, "size");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->message_zh.find("“巨型”不是允许的值；可选：大型、中型、小型"), std::string::npos) << e->message_zh;
  EXPECT_NE(e->message_en.find("large, medium, small"), std::string::npos) << e->message_en;

  e = FindError(*r, 5, "name");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->message_zh.find("11 个字符，超过上限 10"), std::string::npos) << e->message_zh;
  e = FindError(*r, 5, "code");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->message_en.find("required"), std::string::npos);

  e = FindError(*r, 7, "founded");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->message_zh.find("yyyy-mm-dd"), std::string::npos);
  ASSERT_NE(FindError(*r, 7, "local"), nullptr);
  e = FindError(*r, 7, "revenue");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->message_en.find("more than 2 decimal places"), std::string::npos) << e->message_en;

  e = FindError(*r, 8, "code");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->message_zh.find("与第 2 行重复"), std::string::npos) << e->message_zh;

  e = FindError(*r, 9, "employees");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->message_en.find("≥ 0"), std::string::npos) << e->message_en;
  bool unnamed = false;
  for (const auto& x : r->errors) unnamed = unnamed || (x.row == 9 && x.column == "H" && x.key.empty());
  EXPECT_TRUE(unnamed);

  for (const auto& x : r->errors) {
    EXPECT_FALSE(x.message_zh.empty());
    EXPECT_FALSE(x.message_en.empty());
  }
  EXPECT_EQ(CheckImportable(*r, ImportMode::kAllOrNothing).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckImportable(*r, ImportMode::kSkipBadRows).ok());

  auto report = ErrorReport(r->errors, Format::kXlsx);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  auto sheet = ReadXlsx(*report);
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->rows.size(), r->errors.size() + 1);
  EXPECT_EQ(sheet->rows[1].cells[0].text, "4");
}

TEST(TableParse, DatesFromXlsxSerialsAndText) {
  WriteSheet sheet;
  sheet.name = "x";
  sheet.columns = {{.header = "统一社会信用代码"}, {.header = "企业名称"}, {.header = "成立日期", .style = ColumnStyle::kDate},
                   {.header = "从业人数"}};
  sheet.rows = {
      {OutCell::Text("C1"), OutCell::Text("甲"), OutCell::Number(45413), OutCell::Number(12)},
      {OutCell::Text("C2"), OutCell::Text("乙"), OutCell::Text("2024-05-01"), OutCell::Text("13")},
      {OutCell::Text("C3"), OutCell::Text("丙"), OutCell::Number(61)},
      {OutCell::Text("C4"), OutCell::Text("丁"), OutCell::Number(60)},  // Excel's 1900-02-29
      {OutCell::Text("C5"), OutCell::Text("戊"), OutCell::Number(45413.75), OutCell::Number(1.5)},
  };
  auto bytes = WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok());
  auto r = Parse(*bytes, EnterpriseSpec());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, Format::kXlsx);
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].DateValue("founded"), (Date{year{2024}, month{5}, day{1}}));
  EXPECT_EQ(r->rows[0].Integer("employees"), 12);
  EXPECT_EQ(r->rows[1].DateValue("founded"), (Date{year{2024}, month{5}, day{1}}));
  EXPECT_EQ(r->rows[1].Integer("employees"), 13);
  EXPECT_EQ(r->rows[2].DateValue("founded"), (Date{year{1900}, month{3}, day{1}}));
  ASSERT_NE(FindError(*r, 5, "founded"), nullptr);
  EXPECT_EQ(FindError(*r, 6, "founded"), nullptr) << "a time of day is dropped";
  ASSERT_NE(FindError(*r, 6, "employees"), nullptr);
  EXPECT_EQ(FindError(*r, 6, "employees")->row, 6u);

  // A serial number typed into a CSV is not a date.
  auto csv = ParseCsv("统一社会信用代码,企业名称,成立日期\r\nC1,甲,45413\r\n");
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(FindError(*csv, 2, "founded"), nullptr);
}

TEST(TableParse, LongNumbersInTextColumnsThatExcelRounded) {
  WriteSheet sheet;
  sheet.name = "x";
  sheet.columns = {{.header = "统一社会信用代码"}, {.header = "企业名称"}};
  sheet.rows = {{OutCell::Number(913608001234567890.0), OutCell::Number(12345)}};
  auto bytes = WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok());
  auto r = Parse(*bytes, EnterpriseSpec());
  ASSERT_TRUE(r.ok());
  const RowError* e = FindError(*r, 2, "code");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->message_zh.find("文本"), std::string::npos) << e->message_zh;
  EXPECT_EQ(FindError(*r, 2, "name"), nullptr) << "short numbers in text columns are their text";
}

TEST(TableParse, ProgressAndErrorCap) {
  std::string text = "统一社会信用代码,企业名称,从业人数\r\n";
  for (int i = 0; i < 2500; ++i) text += "C" + std::to_string(i) + ",n,bad\r\n";
  std::vector<std::pair<size_t, size_t>> calls;
  ParseOptions options;
  options.max_errors = 100;
  options.progress_every = 1000;
  options.progress = [&](size_t done, size_t total) { calls.emplace_back(done, total); };
  auto r = ParseCsv(text, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->errors.size(), 100u);
  EXPECT_TRUE(r->errors_truncated);
  EXPECT_EQ(r->invalid_rows, 2500u);
  EXPECT_EQ(calls, (std::vector<std::pair<size_t, size_t>>{{1000, 2500}, {2000, 2500}, {2500, 2500}}));
}

TEST(TableParse, RefusesAMillionAndOneRows) {
  std::string text = "统一社会信用代码,企业名称\r\n";
  text.reserve(text.size() + 1'000'001 * 12);
  for (int i = 0; i < 1'000'001; ++i) {
    text += std::to_string(i);
    text += ",n\r\n";
  }
  auto r = ParseCsv(text);
  ASSERT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("100000"), std::string::npos) << r.status().message();
}

TEST(TableParse, FormatGivenMustMatchTheContent) {
  auto bytes = Template(EnterpriseSpec(), Format::kXlsx);
  ASSERT_TRUE(bytes.ok());
  ParseOptions as_csv;
  as_csv.format = Format::kCsv;
  auto r = Parse(*bytes, EnterpriseSpec(), as_csv);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  ParseOptions as_xlsx;
  as_xlsx.format = Format::kXlsx;
  auto c = Parse("统一社会信用代码,企业名称\r\n", EnterpriseSpec(), as_xlsx);
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("not an xlsx"), std::string::npos);
}

std::vector<Record> SampleRecords() {
  return {
      {{"code", std::string("C1")}, {"name", std::string("=SUM(A1)")}, {"size", std::string("medium")},
       {"revenue", int64_t{123450}}, {"employees", int64_t{120}}, {"founded", Date{year{2024}, month{5}, day{1}}},
       {"local", true}},
      {{"code", std::string("C2")}, {"name", std::string("吉安,\"红板\"")}, {"revenue", int64_t{-5}},
       {"local", false}},
      {{"code", std::string("C3")}, {"name", std::string("@x")}, {"size", std::monostate{}}},
  };
}

void ExpectSameAsSample(const ParseReport& r) {
  ASSERT_TRUE(r.ok()) << r.errors[0].message_en;
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].Text("name"), "=SUM(A1)");
  EXPECT_EQ(r.rows[0].Text("size"), "medium");
  EXPECT_EQ(r.rows[0].Integer("revenue"), 123450);
  EXPECT_EQ(r.rows[0].Integer("employees"), 120);
  EXPECT_EQ(r.rows[0].DateValue("founded"), (Date{year{2024}, month{5}, day{1}}));
  EXPECT_EQ(r.rows[0].Boolean("local"), true);
  EXPECT_EQ(r.rows[1].Text("name"), "吉安,\"红板\"");
  EXPECT_EQ(r.rows[1].Integer("revenue"), -5);
  EXPECT_EQ(r.rows[1].Boolean("local"), false);
  EXPECT_EQ(r.rows[2].Text("name"), "@x");
  EXPECT_FALSE(r.rows[2].Integer("revenue").has_value());
}

TEST(TableExport, CsvRoundTripWithFormulaGuard) {
  auto bytes = Export(EnterpriseSpec(), SampleRecords(), Format::kCsv);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes->substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(bytes->find("C1,'=SUM(A1),中型,1234.50,120,2024-05-01,是\r\n"), std::string::npos) << *bytes;
  EXPECT_NE(bytes->find("-0.05"), std::string::npos);
  auto r = Parse(*bytes, EnterpriseSpec());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ExpectSameAsSample(*r);
}

TEST(TableExport, XlsxRoundTripInEitherLanguage) {
  for (Language lang : {Language::kZh, Language::kEn}) {
    auto bytes = Export(EnterpriseSpec(), SampleRecords(), Format::kXlsx, lang);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    auto sheet = ReadXlsx(*bytes);
    ASSERT_TRUE(sheet.ok());
    EXPECT_EQ(sheet->rows[0].cells[0].text, lang == Language::kZh ? "统一社会信用代码" : "Credit code");
    EXPECT_EQ(sheet->rows[1].cells[2].text, lang == Language::kZh ? "中型" : "medium");
    EXPECT_EQ(sheet->rows[1].cells[1].text, "=SUM(A1)") << "xlsx stores text as text";
    auto r = Parse(*bytes, EnterpriseSpec());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ExpectSameAsSample(*r);
  }
}

TEST(TableExport, RefusesValuesOfTheWrongType) {
  std::vector<Record> rows = {{{"employees", std::string("many")}}};
  EXPECT_EQ(Export(EnterpriseSpec(), rows, Format::kCsv).status().code(), StatusCode::kInternal);
  rows = {{{"size", std::string("huge")}}};
  EXPECT_EQ(Export(EnterpriseSpec(), rows, Format::kXlsx).status().code(), StatusCode::kInternal);
}

TEST(TableSpecCheck, RefusesBrokenSpecs) {
  TableSpec spec = EnterpriseSpec();
  EXPECT_TRUE(ValidateSpec(spec).ok());
  spec.columns[1].key = "code";
  EXPECT_EQ(ValidateSpec(spec).code(), StatusCode::kInternal);
  spec = EnterpriseSpec();
  spec.columns[1].en = "credit  code";
  EXPECT_EQ(ValidateSpec(spec).code(), StatusCode::kInternal);
  spec = EnterpriseSpec();
  spec.columns[2].options.clear();
  EXPECT_EQ(ValidateSpec(spec).code(), StatusCode::kInternal);
  EXPECT_EQ(Parse("a\r\n", spec).status().code(), StatusCode::kInternal);
}

TEST(TableValues, ExcelSerialsAndFixedPoint) {
  using internal::DateToSerial;
  using internal::SerialToDate;
  const Date may1{year{2024}, month{5}, day{1}};
  EXPECT_EQ(DateToSerial(may1), 45413);
  EXPECT_EQ(SerialToDate(45413, DateSystem::k1900), may1);
  EXPECT_EQ(SerialToDate(45413 - 1462, DateSystem::k1904), may1);
  EXPECT_EQ(SerialToDate(1, DateSystem::k1900), (Date{year{1900}, month{1}, day{1}}));
  EXPECT_EQ(SerialToDate(59, DateSystem::k1900), (Date{year{1900}, month{2}, day{28}}));
  EXPECT_FALSE(SerialToDate(60, DateSystem::k1900).has_value());
  EXPECT_EQ(DateToSerial(Date{year{1900}, month{1}, day{1}}), 1);
  EXPECT_EQ(DateToSerial(Date{year{1900}, month{3}, day{1}}), 61);
  EXPECT_FALSE(SerialToDate(0, DateSystem::k1900).has_value());
  EXPECT_FALSE(SerialToDate(3e6, DateSystem::k1900).has_value());
  EXPECT_EQ(internal::FormatDecimal(123450, 2), "1234.50");
  EXPECT_EQ(internal::FormatDecimal(-5, 2), "-0.05");
  EXPECT_EQ(internal::FormatDecimal(7, 0), "7");
  EXPECT_EQ(internal::FormatDecimal(INT64_MIN, 3), "-9223372036854775.808");
}

TEST(ImportModeNames, RoundTrip) {
  EXPECT_EQ(ImportModeName(ImportMode::kAllOrNothing), "all_or_nothing");
  EXPECT_EQ(ImportModeName(ImportMode::kSkipBadRows), "skip_bad_rows");
  EXPECT_EQ(ParseImportModeName("skip_bad_rows"), ImportMode::kSkipBadRows);
  EXPECT_FALSE(ParseImportModeName("partial").has_value());
}

TEST(CheckImportable, NothingValidIsRefusedEitherWay) {
  ParseReport empty;
  EXPECT_EQ(CheckImportable(empty, ImportMode::kSkipBadRows).code(), StatusCode::kInvalidArgument);
  ParseReport good;
  good.rows.push_back({});
  good.data_rows = 1;
  EXPECT_TRUE(CheckImportable(good, ImportMode::kAllOrNothing).ok());
}

}  // namespace
}  // namespace lz::io
