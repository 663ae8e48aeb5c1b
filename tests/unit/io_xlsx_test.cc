// Tests of io/xlsx_reader.h and io/xlsx_writer.h: writer → reader round trip, and workbooks built
// here with libzip to probe the reader: shared strings and sparse references, formulas, merged
// cells, error values, DTDs, decompression bombs (honest and lying headers), too many entries,
// a million rows, and files that are not xlsx at all.
#include "io/xlsx_reader.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <chrono>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "io/xlsx_writer.h"

namespace lz::io {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

// A zip of `entries`, built in memory with libzip; `bomb_bytes` > 0 adds one more entry,
// `bomb_name`: the start of a worksheet followed by spaces up to that many bytes, produced on
// demand (never held in memory) — well-formed XML as far as it goes, so only a limit stops it.
struct Zeros {
  uint64_t size = 0, pos = 0;
  std::string prefix = R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
};

zip_int64_t ZerosSource(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* z = static_cast<Zeros*>(user);
  switch (cmd) {
    case ZIP_SOURCE_OPEN: z->pos = 0; return 0;
    case ZIP_SOURCE_READ: {
      zip_uint64_t n = std::min<zip_uint64_t>(len, z->size - z->pos);
      auto* out = static_cast<char*>(data);
      std::memset(out, ' ', n);
      for (zip_uint64_t i = 0; z->pos + i < z->prefix.size() && i < n; ++i) out[i] = z->prefix[z->pos + i];
      z->pos += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = z->size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR: return 0;
    case ZIP_SOURCE_FREE: return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default: return -1;
  }
}

std::string MakeZip(const Entries& entries, const std::string& bomb_name = {}, uint64_t bomb_bytes = 0,
                    int level = 6) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(buffer);
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  EXPECT_NE(za, nullptr);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    zip_int64_t idx = zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    EXPECT_GE(idx, 0);
    zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, static_cast<zip_uint32_t>(level));
  }
  Zeros zeros;
  zeros.size = bomb_bytes;
  if (bomb_bytes > 0) {
    zip_source_t* s = zip_source_function(za, ZerosSource, &zeros);
    zip_int64_t idx = zip_file_add(za, bomb_name.c_str(), s, 0);
    zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 1);
  }
  EXPECT_EQ(zip_close(za), 0);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  auto size = static_cast<size_t>(zip_source_tell(buffer));
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(size, '\0');
  zip_source_read(buffer, out.data(), size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&err);
  return out;
}

constexpr char kRootRels[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";

// A workbook whose sheets are listed in `sheets` order as (name, part file under xl/worksheets/).
Entries Workbook(const std::vector<std::pair<std::string, std::string>>& sheets, bool shared_strings = false,
                 bool date1904 = false) {
  std::string book =
      R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)";
  if (date1904) book += R"(<workbookPr date1904="1"/>)";
  book += "<sheets>";
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string id = "rId" + std::to_string(i + 1);
    book += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"" + id + "\"/>";
    rels += "<Relationship Id=\"" + id +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/" +
            sheets[i].second + "\"/>";
  }
  if (shared_strings) {
    rels += R"(<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)";
  }
  book += "</sheets></workbook>";
  rels += "</Relationships>";
  return {{"_rels/.rels", kRootRels}, {"xl/workbook.xml", book}, {"xl/_rels/workbook.xml.rels", rels}};
}

std::string SheetXml(const std::string& data, const std::string& after = {}) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         data + "</sheetData>" + after + "</worksheet>";
}

std::string OneSheet(const std::string& sheet_xml) {
  Entries e = Workbook({{"Sheet1", "sheet1.xml"}});
  e.emplace_back("xl/worksheets/sheet1.xml", sheet_xml);
  return MakeZip(e);
}

std::vector<std::string> Texts(const SheetRow& row) {
  std::vector<std::string> out;
  for (const auto& c : row.cells) out.push_back(c.text);
  return out;
}

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

TEST(XlsxRoundTrip, ChineseTextNumbersAndEmptyCells) {
  WriteSheet sheet;
  sheet.name = "企业";
  sheet.columns = {{.header = "企业名称"}, {.header = "营业收入", .style = ColumnStyle::kDecimal}, {.header = "备注"}};
  sheet.rows = {
      {OutCell::Text("吉安市木林森照明有限公司"), OutCell::Number(12345.5), OutCell::Text("链主")},
      {OutCell::Text("江西红板科技股份有限公司"), OutCell{}, OutCell::Text("含逗号,和\"引号\"\n换行")},
      {OutCell{}, OutCell::Number(-0.25)},
      {OutCell::Text("  前后空格  "), OutCell::Number(1e15), OutCell::Text("<&>")},
  };
  WriteSheet second;
  second.name = "说明/Notes";  // '/' is not allowed in sheet names; becomes '_'
  second.columns = {{.header = "x"}};
  auto bytes = WriteXlsx({sheet, second});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ASSERT_EQ(bytes->substr(0, 2), "PK");

  auto names = XlsxSheetNames(*bytes);
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  EXPECT_EQ(*names, (std::vector<std::string>{"企业", "说明_Notes"}));

  auto read = ReadXlsx(*bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->name, "企业");
  ASSERT_EQ(read->rows.size(), 5u);
  EXPECT_EQ(read->rows[0].number, 1u);
  EXPECT_EQ(Texts(read->rows[0]), (std::vector<std::string>{"企业名称", "营业收入", "备注"}));
  EXPECT_EQ(Texts(read->rows[1]), (std::vector<std::string>{"吉安市木林森照明有限公司", "12345.5", "链主"}));
  EXPECT_EQ(read->rows[1].cells[1].type, CellType::kNumber);
  EXPECT_EQ(read->rows[1].cells[0].type, CellType::kText);
  EXPECT_EQ(Texts(read->rows[2]), (std::vector<std::string>{"江西红板科技股份有限公司", "", "含逗号,和\"引号\"\n换行"}));
  EXPECT_EQ(read->rows[2].cells[1].type, CellType::kEmpty);
  EXPECT_EQ(read->rows[3].number, 4u);
  EXPECT_EQ(Texts(read->rows[3]), (std::vector<std::string>{"", "-0.25"}));
  EXPECT_EQ(Texts(read->rows[4]), (std::vector<std::string>{"  前后空格  ", "1000000000000000", "<&>"}));

  auto by_name = ReadXlsx(*bytes, {}, "说明_Notes");
  ASSERT_TRUE(by_name.ok()) << by_name.status().ToString();
  EXPECT_EQ(by_name->rows.size(), 1u);
  auto missing = ReadXlsx(*bytes, {}, "nope");
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("企业"), std::string::npos) << "lists the sheets it has";
}

TEST(XlsxRoundTrip, ManyRowsStream) {
  WriteSheet sheet;
  sheet.name = "rows";
  sheet.columns = {{.header = "n"}, {.header = "name"}};
  for (int i = 0; i < 20000; ++i) sheet.rows.push_back({OutCell::Number(i), OutCell::Text("名称" + std::to_string(i))});
  auto bytes = WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto read = ReadXlsx(*bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->rows.size(), 20001u);
  EXPECT_EQ(read->rows.back().number, 20001u);
  EXPECT_EQ(Texts(read->rows.back()), (std::vector<std::string>{"19999", "名称19999"}));
}

TEST(XlsxWriter, RefusesTextLongerThanACell) {
  WriteSheet sheet;
  sheet.name = "x";
  sheet.columns = {{.header = "a"}};
  sheet.rows = {{OutCell::Text(std::string(40000, 'a'))}};
  auto bytes = WriteXlsx({sheet});
  EXPECT_EQ(bytes.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bytes.status().message().find("A2"), std::string::npos) << bytes.status().message();
  EXPECT_EQ(WriteXlsx({}).status().code(), StatusCode::kInvalidArgument);
}

TEST(XlsxReader, SharedStringsSparseReferencesAndCellKinds) {
  Entries e = Workbook({{"数据", "sheet1.xml"}}, /*shared_strings=*/true);
  e.emplace_back("xl/sharedStrings.xml",
                 R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">)"
                 R"(<si><t>企业名称</t></si>)"
                 R"(<si><r><rPr><b/></rPr><t>吉安</t></r><r><t xml:space="preserve">市 </t></r><rPh sb="0" eb="2"><t>ジアン</t></rPh></si>)"
                 R"(<si><t/></si></sst>)");
  e.emplace_back("xl/worksheets/sheet1.xml",
                 SheetXml(R"(<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c></row>)"
                          R"(<row r="5"><c r="A5" t="b"><v>1</v></c><c t="inlineStr"><is><t>内联</t></is></c><c r="E5"><v>3.14</v></c></row>)"
                          R"(<row><c r="A6" t="s"><v>2</v></c><c r="C6" s="1"/></row>)"
                          R"(<row r="7"><c r="A7"><v>1E+3</v></c><c r="B7" t="str"><v>x</v></c><c r="C7"><v>0.1</v></c></row>)"));
  auto read = ReadXlsx(MakeZip(e));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->name, "数据");
  ASSERT_EQ(read->rows.size(), 3u);  // row 6 holds only an empty string and a styled blank
  EXPECT_EQ(read->rows[0].number, 2u);
  EXPECT_EQ(Texts(read->rows[0]), (std::vector<std::string>{"", "企业名称", "", "吉安市 "}));
  EXPECT_EQ(read->rows[1].number, 5u);
  EXPECT_EQ(Texts(read->rows[1]), (std::vector<std::string>{"TRUE", "内联", "", "", "3.14"}));
  EXPECT_EQ(read->rows[1].cells[0].type, CellType::kBoolean);
  EXPECT_EQ(read->rows[1].cells[1].type, CellType::kText);
  EXPECT_EQ(read->rows[1].cells[4].type, CellType::kNumber);
  EXPECT_EQ(read->rows[2].number, 7u);
  EXPECT_EQ(Texts(read->rows[2]), (std::vector<std::string>{"1000", "x", "0.1"}));
}

TEST(XlsxReader, FirstWorksheetIsTheFirstTabNotTheFirstFile) {
  Entries e = Workbook({{"second-file", "sheet2.xml"}, {"first-file", "sheet1.xml"}}, false, /*date1904=*/true);
  e.emplace_back("xl/worksheets/sheet1.xml", SheetXml(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>one</t></is></c></row>)"));
  e.emplace_back("xl/worksheets/sheet2.xml", SheetXml(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>two</t></is></c></row>)"));
  auto read = ReadXlsx(MakeZip(e));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->name, "second-file");
  EXPECT_EQ(read->rows[0].cells[0].text, "two");
  EXPECT_EQ(read->date_system, DateSystem::k1904);
  auto named = ReadXlsx(MakeZip(e), {}, "first-file");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->rows[0].cells[0].text, "one");
}

TEST(XlsxReader, RefusesAFormulaNamingTheCell) {
  auto read = ReadXlsx(OneSheet(SheetXml(
      R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c><c r="C3"><f>A1+A3</f><v>3</v></c></row>)")));
  ASSERT_EQ(read.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(read.status().field(), "file");
  EXPECT_NE(read.status().message().find("C3"), std::string::npos) << read.status().message();
  EXPECT_NE(read.status().message().find("公式"), std::string::npos);
  EXPECT_NE(read.status().message().find("formula"), std::string::npos);
}

TEST(XlsxReader, RefusesMergedCellsInTheDataAreaOnly) {
  const std::string data = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>企业名录</t></is></c></row>)"
                           R"(<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2"><v>3</v></c></row>)";
  auto read = ReadXlsx(OneSheet(SheetXml(data, R"(<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>)")));
  ASSERT_EQ(read.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(read.status().message().find("A1:C1"), std::string::npos) << read.status().message();
  EXPECT_NE(read.status().message().find("merged"), std::string::npos);

  auto outside = ReadXlsx(OneSheet(SheetXml(data, R"(<mergeCells count="1"><mergeCell ref="H10:J12"/></mergeCells>)")));
  EXPECT_TRUE(outside.ok()) << outside.status().ToString();
}

TEST(XlsxReader, RefusesErrorValuesAndDoctypes) {
  auto error_value = ReadXlsx(OneSheet(SheetXml(R"(<row r="4"><c r="B4" t="e"><v>#N/A</v></c></row>)")));
  EXPECT_EQ(error_value.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(error_value.status().message().find("B4"), std::string::npos);
  EXPECT_NE(error_value.status().message().find("#N/A"), std::string::npos);

  const std::string laughs =
      R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>)"
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>)";
  auto dtd = ReadXlsx(OneSheet(laughs));
  EXPECT_EQ(dtd.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(dtd.status().message().find("DTD"), std::string::npos) << dtd.status().message();

  auto bad_xml = ReadXlsx(OneSheet("<worksheet><sheetData><row>"));
  EXPECT_EQ(bad_xml.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_xml.status().message().find("XML"), std::string::npos);
}

TEST(XlsxReader, RefusesADecompressionBombWithoutInflatingIt) {
  Entries e = Workbook({{"Sheet1", "sheet1.xml"}});
  const auto t0 = std::chrono::steady_clock::now();
  const std::string bomb = MakeZip(e, "xl/worksheets/sheet1.xml", 200'000'000);
  const double build_seconds = SecondsSince(t0);
  ASSERT_LT(bomb.size(), 1'000'000u);  // 200 MB of spaces deflate to ~200 KB

  const auto t1 = std::chrono::steady_clock::now();
  auto read = ReadXlsx(bomb);
  const double read_seconds = SecondsSince(t1);
  ASSERT_EQ(read.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(read.status().message().find("xl/worksheets/sheet1.xml"), std::string::npos) << read.status().message();
  EXPECT_LT(read_seconds, 2.0) << "refused from the header, before inflating (building took " << build_seconds << " s)";

  // The same bomb with headers that lie (declared 1,000 bytes): counting while inflating stops it.
  std::string lying = bomb;
  const std::string name = "xl/worksheets/sheet1.xml";
  auto patch32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) lying[at + static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  int patched = 0;
  for (size_t at = 0; at + 46 < lying.size(); ++at) {
    if (lying.compare(at, 4, "PK\x03\x04") == 0 && lying.compare(at + 30, name.size(), name) == 0) {
      patch32(at + 22, 1000);  // local header: uncompressed size
      ++patched;
    } else if (lying.compare(at, 4, "PK\x01\x02") == 0 && lying.compare(at + 46, name.size(), name) == 0) {
      patch32(at + 24, 1000);  // central directory: uncompressed size
      ++patched;
    }
  }
  ASSERT_EQ(patched, 2);
  const auto t2 = std::chrono::steady_clock::now();
  auto lied = ReadXlsx(lying);
  ASSERT_EQ(lied.status().code(), StatusCode::kResourceExhausted) << lied.status().ToString();
  // The ratio is judged on bytes counted while inflating, so it stops at 200 × ~200 KB ≈ 40 MB,
  // well before the 200 MB (the bound is loose: CI machines are shared).
  EXPECT_NE(lied.status().message().find("compression ratio above 200:1"), std::string::npos) << lied.status().message();
  EXPECT_LT(SecondsSince(t2), 5.0);

  // With a small entry limit the counting is what refuses, whatever the headers say.
  ReadLimits tight;
  tight.max_compression_ratio = 1'000'000;
  tight.max_entry_bytes = 5 << 20;
  auto counted = ReadXlsx(lying, tight);
  ASSERT_EQ(counted.status().code(), StatusCode::kResourceExhausted) << counted.status().ToString();
  EXPECT_NE(counted.status().message().find("more than the limit of 5 MiB"), std::string::npos) << counted.status().message();
  tight.max_entry_bytes = 200ull << 20;
  tight.max_total_bytes = 8 << 20;
  auto total = ReadXlsx(lying, tight);
  ASSERT_EQ(total.status().code(), StatusCode::kResourceExhausted) << total.status().ToString();
  EXPECT_NE(total.status().message().find("8 MiB in total"), std::string::npos) << total.status().message();
}

TEST(XlsxReader, RefusesTooManyEntries) {
  Entries e = Workbook({{"Sheet1", "sheet1.xml"}});
  e.emplace_back("xl/worksheets/sheet1.xml", SheetXml(""));
  for (int i = 0; i < 1000; ++i) e.emplace_back("xl/media/pad" + std::to_string(i) + ".bin", "x");
  auto read = ReadXlsx(MakeZip(e, {}, 0, 1));
  ASSERT_EQ(read.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(read.status().message().find("1000"), std::string::npos) << read.status().message();
  ReadLimits roomy;
  roomy.max_zip_entries = 2000;
  EXPECT_TRUE(ReadXlsx(MakeZip(e, {}, 0, 1), roomy).ok());
}

TEST(XlsxReader, RefusesAMillionRowSheetQuickly) {
  std::string rows;
  rows.reserve(45'000'000);
  for (uint32_t r = 1; r <= 1'000'000; ++r) {
    const std::string n = std::to_string(r);
    rows += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>" + n + "</v></c></row>";
  }
  Entries e = Workbook({{"Sheet1", "sheet1.xml"}});
  e.emplace_back("xl/worksheets/sheet1.xml", SheetXml(rows));
  const std::string bytes = MakeZip(e, {}, 0, 1);
  const auto t0 = std::chrono::steady_clock::now();
  auto read = ReadXlsx(bytes);
  ASSERT_EQ(read.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(read.status().message().find("100000"), std::string::npos) << read.status().message();
  EXPECT_NE(read.status().message().find("100002"), std::string::npos) << "stops at the first row past the limit";
  EXPECT_LT(SecondsSince(t0), 5.0);  // loose: shared machines; it reads a tenth of the sheet

  ReadLimits small;
  small.max_data_rows = 9;
  auto ten = ReadXlsx(OneSheet(SheetXml(rows.substr(0, rows.find("<row r=\"11\"")))), small);
  EXPECT_TRUE(ten.ok()) << "the header row plus 9 data rows fit";
}

TEST(XlsxReader, RefusesTooManyColumnsAndOverlongCells) {
  ReadLimits limits;
  limits.max_columns = 3;
  auto wide = ReadXlsx(OneSheet(SheetXml(R"(<row r="1"><c r="D1"><v>1</v></c></row>)")), limits);
  EXPECT_EQ(wide.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(wide.status().message().find("D1"), std::string::npos);
  limits = {};
  limits.max_cell_chars = 5;
  auto longer = ReadXlsx(OneSheet(SheetXml(R"(<row r="2"><c r="B2" t="inlineStr"><is><t>一二三四五六</t></is></c></row>)")), limits);
  EXPECT_EQ(longer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(longer.status().message().find("B2"), std::string::npos);
}

TEST(XlsxReader, RefusesFilesThatAreNotXlsx) {
  auto csv = ReadXlsx("名称,代码\n吉安市,3608\n");
  EXPECT_EQ(csv.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(csv.status().message().find("not an xlsx"), std::string::npos) << csv.status().message();

  std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  xls += std::string(512, '\0');
  auto old = ReadXlsx(xls);
  EXPECT_EQ(old.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(old.status().message().find(".xls"), std::string::npos) << old.status().message();

  EXPECT_EQ(ReadXlsx("").status().code(), StatusCode::kInvalidArgument);
  auto truncated = ReadXlsx(std::string("PK\x03\x04", 4) + std::string(100, 'x'));
  EXPECT_EQ(truncated.status().code(), StatusCode::kInvalidArgument);

  auto docx = ReadXlsx(MakeZip({{"word/document.xml", "<w:document/>"}}));
  EXPECT_EQ(docx.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(docx.status().message().find("Word"), std::string::npos) << docx.status().message();

  auto plain_zip = ReadXlsx(MakeZip({{"readme.txt", "hello"}}));
  EXPECT_EQ(plain_zip.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(plain_zip.status().message().find("not an xlsx"), std::string::npos) << plain_zip.status().message();
}

TEST(XlsxReader, RefusesOutOfOrderRowsAndBadReferences) {
  auto order = ReadXlsx(OneSheet(SheetXml(R"(<row r="3"><c><v>1</v></c></row><row r="2"><c><v>1</v></c></row>)")));
  EXPECT_EQ(order.status().code(), StatusCode::kInvalidArgument);
  auto ref = ReadXlsx(OneSheet(SheetXml(R"(<row r="3"><c r="A4"><v>1</v></c></row>)")));
  EXPECT_EQ(ref.status().code(), StatusCode::kInvalidArgument);
  auto sst = ReadXlsx(OneSheet(SheetXml(R"(<row r="1"><c r="A1" t="s"><v>7</v></c></row>)")));
  EXPECT_EQ(sst.status().code(), StatusCode::kInvalidArgument);
}

TEST(SheetNames, ColumnAndCellNames) {
  EXPECT_EQ(ColumnName(0), "A");
  EXPECT_EQ(ColumnName(25), "Z");
  EXPECT_EQ(ColumnName(26), "AA");
  EXPECT_EQ(ColumnName(701), "ZZ");
  EXPECT_EQ(ColumnName(702), "AAA");
  EXPECT_EQ(CellName(3, 1), "B3");
}

}  // namespace
}  // namespace lz::io
