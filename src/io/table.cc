// Implementation of io/table.h: header mapping, row conversion with a report, templates, exports.
#include "io/table.h"

#include <cmath>
#include <set>
#include <unordered_map>

#include "common/enum_names.h"
#include "common/text.h"
#include "io/csv.h"
#include "io/internal/util.h"
#include "io/internal/values.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"

namespace lz::io {
namespace {

using internal::Bilingual;

constexpr auto kImportModeNames =
    MakeEnumNames<ImportMode>(std::pair{ImportMode::kAllOrNothing, std::string_view("all_or_nothing")},
                              std::pair{ImportMode::kSkipBadRows, std::string_view("skip_bad_rows")});

const std::string& Header(const ColumnSpec& c, Language lang) { return lang == Language::kZh ? c.zh : c.en; }

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

bool Blank(const Cell& c) { return c.empty() || text::Trim(c.text).empty(); }

bool BlankRow(const SheetRow& r) {
  for (const auto& c : r.cells) if (!Blank(c)) return false;
  return true;
}

// ---- headers ----

struct HeaderMap {
  std::vector<int> spec_of_column;  // per file column: spec index, or -1 (unnamed)
  std::vector<std::string> header_text;
};

Result<HeaderMap> MapHeaders(const TableSpec& spec, const SheetRow& header_row) {
  std::unordered_map<std::string, size_t> by_key;
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    by_key.emplace(internal::MatchKey(spec.columns[i].zh), i);
    by_key.emplace(internal::MatchKey(spec.columns[i].en), i);
  }
  HeaderMap map;
  std::vector<bool> seen(spec.columns.size(), false);
  std::vector<std::string> unknown, repeated, missing;
  for (const Cell& cell : header_row.cells) {
    std::string text = text::Trim(cell.text);
    map.header_text.push_back(text);
    map.spec_of_column.push_back(-1);
    if (text.empty()) continue;
    auto it = by_key.find(internal::MatchKey(text));
    if (it == by_key.end()) {
      unknown.push_back(internal::Excerpt(text, 30));
    } else if (seen[it->second]) {
      repeated.push_back(text);
    } else {
      seen[it->second] = true;
      map.spec_of_column.back() = static_cast<int>(it->second);
    }
  }
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    if (!seen[i] && spec.columns[i].presence == Presence::kRequired) missing.push_back(spec.columns[i].zh);
  }
  if (unknown.empty() && repeated.empty() && missing.empty()) return map;
  std::vector<std::string> zh, en;
  if (!unknown.empty()) {
    zh.push_back("无法识别的列：" + Join(unknown, "、"));
    en.push_back("unknown columns: " + Join(unknown, ", "));
  }
  if (!repeated.empty()) {
    zh.push_back("重复的列：" + Join(repeated, "、"));
    en.push_back("repeated columns: " + Join(repeated, ", "));
  }
  if (!missing.empty()) {
    std::vector<std::string> missing_en;
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      if (!seen[i] && spec.columns[i].presence == Presence::kRequired) missing_en.push_back(spec.columns[i].en);
    }
    zh.push_back("缺少必填列：" + Join(missing, "、"));
    en.push_back("missing required columns: " + Join(missing_en, ", "));
  }
  std::vector<std::string> expected_zh, expected_en;
  for (const auto& c : spec.columns) {
    std::string mark = c.presence == Presence::kRequired ? "*" : "";
    expected_zh.push_back(mark + c.zh);
    expected_en.push_back(mark + c.en);
  }
  return InvalidArgument(
      Bilingual("第 " + std::to_string(header_row.number) + " 行表头有误（" + Join(zh, "；") + "）。应有的列：" +
                    Join(expected_zh, "、") + "（带 * 的必填），请使用下载的模板",
                "the header row " + std::to_string(header_row.number) + " is wrong (" + Join(en, "; ") +
                    "). Expected columns: " + Join(expected_en, ", ") + " (* required); use the downloaded template"),
      "header");
}

// ---- rows ----

class RowConverter {
 public:
  RowConverter(const TableSpec& spec, const HeaderMap& headers, const Sheet& sheet, Format format,
               const ParseOptions& options, ParseReport& report)
      : spec_(spec), headers_(headers), sheet_(sheet), format_(format), options_(options), report_(report) {
    for (const auto& c : spec.columns) prepared_.push_back(internal::Prepare(c));
    unique_.resize(spec.columns.size());
  }

  void Convert(const SheetRow& row) {
    ParsedRow parsed;
    parsed.row = row.number;
    bool bad = false;
    for (size_t col = 0; col < headers_.spec_of_column.size() || col < row.cells.size(); ++col) {
      static const Cell kBlank;
      const Cell& cell = col < row.cells.size() ? row.cells[col] : kBlank;
      const int index = col < headers_.spec_of_column.size() ? headers_.spec_of_column[col] : -1;
      if (index < 0) {
        if (!Blank(cell)) {
          Error(row.number, col, {}, "此列没有表头，无法识别其中的数据；请删除或补上表头",
                "this column has no header, so its data cannot be read; delete it or add the header");
          bad = true;
        }
        continue;
      }
      const ColumnSpec& spec = spec_.columns[static_cast<size_t>(index)];
      if (Blank(cell)) {
        if (spec.presence == Presence::kRequired) {
          Error(row.number, col, spec.key, "必填，不能为空", "is required; it must not be empty");
          bad = true;
        }
        parsed.values.emplace(spec.key, std::monostate{});
        continue;
      }
      internal::CellProblem problem;
      std::optional<Value> value =
          internal::ConvertCell(prepared_[static_cast<size_t>(index)], cell, sheet_.date_system, format_, problem);
      if (!value) {
        Error(row.number, col, spec.key, problem.zh, problem.en);
        bad = true;
        continue;
      }
      if (spec.uniqueness == Uniqueness::kUniqueInFile) {
        std::string canonical = internal::FormatValue(spec, *value, Language::kZh).value_or("");
        if (spec.type == ColumnType::kText) canonical = internal::MatchKey(canonical);
        auto [it, inserted] = unique_[static_cast<size_t>(index)].emplace(canonical, row.number);
        if (!inserted) {
          Error(row.number, col, spec.key, "与第 " + std::to_string(it->second) + " 行重复；此列的值在文件中不能重复",
                "repeats row " + std::to_string(it->second) + "; values in this column must be unique in the file");
          bad = true;
          continue;
        }
      }
      parsed.values.emplace(spec.key, std::move(*value));
    }
    if (bad) {
      ++report_.invalid_rows;
    } else {
      report_.rows.push_back(std::move(parsed));
    }
  }

 private:
  void Error(uint32_t row, size_t col, const std::string& key, std::string zh, std::string en) {
    if (report_.errors.size() >= options_.max_errors) {
      report_.errors_truncated = true;
      return;
    }
    RowError e;
    e.row = row;
    e.column = ColumnName(static_cast<uint32_t>(col));
    e.header = col < headers_.header_text.size() ? headers_.header_text[col] : std::string();
    e.key = key;
    e.message_zh = std::move(zh);
    e.message_en = std::move(en);
    report_.errors.push_back(std::move(e));
  }

  const TableSpec& spec_;
  const HeaderMap& headers_;
  const Sheet& sheet_;
  Format format_;
  const ParseOptions& options_;
  ParseReport& report_;
  std::vector<internal::PreparedColumn> prepared_;
  std::vector<std::unordered_map<std::string, uint32_t>> unique_;
};

Result<ParseReport> ParseImpl(std::string_view bytes, const TableSpec& spec, const ParseOptions& options) {
  RETURN_IF_ERROR(ValidateSpec(spec));
  Format format;
  if (options.format) {
    format = *options.format;
  } else {
    ASSIGN_OR_RETURN(format, DetectFormat(bytes));
  }
  Sheet sheet;
  if (format == Format::kXlsx) {
    ASSIGN_OR_RETURN(sheet, ReadXlsx(bytes, options.limits));
  } else {
    ASSIGN_OR_RETURN(sheet, ReadCsv(bytes, options.limits));
  }
  ParseReport report;
  report.format = format;
  size_t header_index = 0;
  while (header_index < sheet.rows.size() && BlankRow(sheet.rows[header_index])) ++header_index;
  if (header_index == sheet.rows.size()) {
    return InvalidArgument(Bilingual("文件中没有表头行，也没有数据", "the file has no header row and no data"), "header");
  }
  const SheetRow& header_row = sheet.rows[header_index];
  ASSIGN_OR_RETURN(HeaderMap headers, MapHeaders(spec, header_row));
  for (size_t col = 0; col < headers.spec_of_column.size(); ++col) {
    const int index = headers.spec_of_column[col];
    if (index < 0) continue;
    report.columns.push_back(FileColumn{spec.columns[static_cast<size_t>(index)].key,
                                        ColumnName(static_cast<uint32_t>(col)), headers.header_text[col]});
  }

  const size_t total = sheet.rows.size() - header_index - 1;
  const size_t every = options.progress_every == 0 ? 1000 : options.progress_every;
  RowConverter converter(spec, headers, sheet, format, options, report);
  report.rows.reserve(total);
  for (size_t i = header_index + 1, done = 0; i < sheet.rows.size(); ++i) {
    const SheetRow& row = sheet.rows[i];
    if (!BlankRow(row)) {
      ++report.data_rows;
      converter.Convert(row);
    }
    ++done;
    if (options.progress && done % every == 0 && done < total) options.progress(done, total);
  }
  if (!sheet.rows.empty()) {
    // Blank rows: whitespace-only rows and the rows the reader left out (no value at all).
    const uint32_t span = sheet.rows.back().number - header_row.number;
    report.blank_rows = span - report.data_rows;
  }
  if (options.progress) options.progress(total, total);
  return report;
}

// ---- writing ----

std::string CsvSafe(std::string s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) s.insert(0, 1, '\'');
  return s;
}

ColumnStyle StyleOf(const ColumnSpec& c) {
  switch (c.type) {
    case ColumnType::kText:
    case ColumnType::kEnum: return ColumnStyle::kText;
    case ColumnType::kDecimal: return ColumnStyle::kDecimal;
    case ColumnType::kDate: return ColumnStyle::kDate;
    case ColumnType::kInteger:
    case ColumnType::kBoolean: return ColumnStyle::kGeneral;
  }
  return ColumnStyle::kGeneral;
}

Status WrongValue(const ColumnSpec& c) {
  return Internal("io: export: the value for column '" + c.key + "' does not fit its type");
}

Result<OutCell> XlsxCell(const ColumnSpec& c, const Value& v, Language lang) {
  if (std::holds_alternative<std::monostate>(v)) return OutCell{};
  switch (c.type) {
    case ColumnType::kInteger:
      if (const auto* i = std::get_if<int64_t>(&v)) {
        if (*i > -(int64_t{1} << 53) && *i < (int64_t{1} << 53)) return OutCell::Number(static_cast<double>(*i));
        return OutCell::Text(std::to_string(*i));
      }
      return WrongValue(c);
    case ColumnType::kDecimal:
      if (const auto* i = std::get_if<int64_t>(&v)) {
        return OutCell::Number(static_cast<double>(*i) / std::pow(10.0, c.scale));
      }
      return WrongValue(c);
    case ColumnType::kDate:
      if (const auto* d = std::get_if<Date>(&v); d && d->ok()) {
        return OutCell::Number(static_cast<double>(internal::DateToSerial(*d)));
      }
      return WrongValue(c);
    default: {
      std::optional<std::string> text = internal::FormatValue(c, v, lang);
      if (!text) return WrongValue(c);
      return OutCell::Text(std::move(*text));
    }
  }
}

Result<std::string> ExportImpl(const TableSpec& spec, const std::vector<Record>& rows, Format format, Language lang) {
  RETURN_IF_ERROR(ValidateSpec(spec));
  if (format == Format::kCsv) {
    std::vector<std::vector<std::string>> out;
    out.reserve(rows.size() + 1);
    out.emplace_back();
    for (const auto& c : spec.columns) out.back().push_back(Header(c, lang));
    for (const Record& r : rows) {
      std::vector<std::string> line;
      for (const auto& c : spec.columns) {
        auto it = r.find(c.key);
        if (it == r.end()) {
          line.emplace_back();
          continue;
        }
        std::optional<std::string> text = internal::FormatValue(c, it->second, lang);
        if (!text) return WrongValue(c);
        line.push_back(c.type == ColumnType::kText ? CsvSafe(std::move(*text)) : std::move(*text));
      }
      out.push_back(std::move(line));
    }
    return WriteCsv(out);
  }
  WriteSheet sheet;
  sheet.name = lang == Language::kZh ? spec.name_zh : spec.name_en;
  for (const auto& c : spec.columns) {
    WriteColumn col;
    col.header = Header(c, lang);
    col.style = StyleOf(c);
    col.decimals = c.scale;
    sheet.columns.push_back(std::move(col));
  }
  sheet.rows.reserve(rows.size());
  for (const Record& r : rows) {
    std::vector<OutCell> line;
    line.reserve(spec.columns.size());
    for (const auto& c : spec.columns) {
      auto it = r.find(c.key);
      if (it == r.end()) {
        line.emplace_back();
        continue;
      }
      ASSIGN_OR_RETURN(OutCell cell, XlsxCell(c, it->second, lang));
      line.push_back(std::move(cell));
    }
    sheet.rows.push_back(std::move(line));
  }
  return WriteXlsx({sheet});
}

Result<std::string> TemplateImpl(const TableSpec& spec, Format format, Language lang) {
  RETURN_IF_ERROR(ValidateSpec(spec));
  const bool zh = lang == Language::kZh;
  if (format == Format::kCsv) {
    std::vector<std::string> header;
    for (const auto& c : spec.columns) header.push_back(Header(c, lang));
    return WriteCsv({header});
  }
  WriteSheet data;
  data.name = zh ? spec.name_zh : spec.name_en;
  data.input_rows = ReadLimits{}.max_data_rows;
  for (const auto& c : spec.columns) {
    WriteColumn col;
    const bool required = c.presence == Presence::kRequired;
    col.header = (required ? "*" : "") + Header(c, lang);
    col.mark = required ? HeaderMark::kRequired : HeaderMark::kPlain;
    col.style = StyleOf(c);
    col.decimals = c.scale;
    if (c.type == ColumnType::kEnum) {
      for (const auto& o : c.options) col.choices.push_back(internal::FormatValue(c, o.value, lang).value_or(o.value));
    } else if (c.type == ColumnType::kBoolean) {
      col.choices = {internal::BooleanLabel(true, lang), internal::BooleanLabel(false, lang)};
    }
    data.columns.push_back(std::move(col));
  }

  WriteSheet help;
  help.name = "说明 Instructions";
  const std::vector<std::string> help_headers =
      zh ? std::vector<std::string>{"列名", "英文列名", "类型", "是否必填", "允许的值", "最大长度", "说明"}
         : std::vector<std::string>{"Column", "Chinese header", "Type", "Required", "Allowed values", "Max length", "Note"};
  // Fixed widths: the notes below the table are long lines meant to overflow to the right.
  const double help_widths[] = {22, 22, 22, 10, 40, 10, 40};
  for (size_t i = 0; i < help_headers.size(); ++i) {
    WriteColumn col;
    col.header = help_headers[i];
    col.width = help_widths[i];
    if (i == 4 || i == 6) col.style = ColumnStyle::kWrapped;
    help.columns.push_back(std::move(col));
  }
  for (const auto& c : spec.columns) {
    const bool required = c.presence == Presence::kRequired;
    std::string max = c.type == ColumnType::kText && c.max_chars > 0 ? std::to_string(c.max_chars) : "";
    help.rows.push_back({OutCell::Text(Header(c, lang)), OutCell::Text(zh ? c.en : c.zh),
                         OutCell::Text(internal::TypeDescription(c, lang)),
                         OutCell::Text(required ? (zh ? "必填" : "required") : (zh ? "选填" : "optional")),
                         OutCell::Text(internal::AllowedValues(c, lang)), OutCell::Text(max), OutCell::Text(c.note)});
  }
  const std::string rows_limit = std::to_string(ReadLimits{}.max_data_rows);
  const std::vector<std::string> notes =
      zh ? std::vector<std::string>{
               "填写须知：",
               "1. 第一个工作表的第 1 行是表头，请勿修改；带 * 的列必须填写。表头可用中文或英文，列的顺序可以调整。",
               "2. 从第 2 行起每行一条记录；空行会被跳过。导入结果按 Excel 行号报告每个被拒绝的单元格及原因。",
               "3. 不支持公式和合并单元格：请复制后“选择性粘贴 → 数值”，并取消合并。",
               "4. 日期按 yyyy-mm-dd 填写（如 2024-05-01）；金额等数字不超过规定的小数位数。",
               "5. 一次最多导入 " + rows_limit + " 行；也可另存为 CSV（UTF-8 或 GB18030 编码）导入。"}
         : std::vector<std::string>{
               "How to fill in:",
               "1. Row 1 of the first sheet is the header; do not change it. Columns marked * are required. Headers may be "
               "Chinese or English, in any order.",
               "2. One record per row from row 2; blank rows are skipped. The import reports every refused cell by its "
               "Excel row number, with the reason.",
               "3. Formulas and merged cells are not accepted: paste values only (Paste Special → Values) and unmerge.",
               "4. Dates as yyyy-mm-dd (e.g. 2024-05-01); numbers with no more decimal places than stated.",
               "5. At most " + rows_limit + " rows per import; a CSV file (UTF-8 or GB18030) is accepted too."};
  help.rows.emplace_back();
  for (const auto& n : notes) help.rows.push_back({OutCell::Text(n)});
  return WriteXlsx({data, help});
}

Result<std::string> ErrorReportImpl(const std::vector<RowError>& errors, Format format, Language lang) {
  const bool zh = lang == Language::kZh;
  std::vector<std::string> headers = zh ? std::vector<std::string>{"行号", "列", "表头", "错误说明"}
                                        : std::vector<std::string>{"Row", "Column", "Header", "Problem"};
  if (format == Format::kCsv) {
    std::vector<std::vector<std::string>> out{headers};
    for (const auto& e : errors) {
      out.push_back({std::to_string(e.row), e.column, CsvSafe(e.header), CsvSafe(zh ? e.message_zh : e.message_en)});
    }
    return WriteCsv(out);
  }
  WriteSheet sheet;
  sheet.name = zh ? "导入错误" : "Import errors";
  for (size_t i = 0; i < headers.size(); ++i) {
    WriteColumn col;
    col.header = headers[i];
    if (i == 3) {
      col.style = ColumnStyle::kWrapped;
      col.width = 60;
    }
    sheet.columns.push_back(std::move(col));
  }
  for (const auto& e : errors) {
    sheet.rows.push_back({OutCell::Number(e.row), OutCell::Text(e.column), OutCell::Text(e.header),
                          OutCell::Text(zh ? e.message_zh : e.message_en)});
  }
  return WriteXlsx({sheet});
}

}  // namespace

// ---- ParsedRow ----

std::string_view ParsedRow::Text(std::string_view key) const {
  auto it = values.find(key);
  if (it == values.end()) return {};
  const auto* s = std::get_if<std::string>(&it->second);
  return s ? std::string_view(*s) : std::string_view();
}

std::optional<int64_t> ParsedRow::Integer(std::string_view key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  const auto* v = std::get_if<int64_t>(&it->second);
  return v ? std::optional<int64_t>(*v) : std::nullopt;
}

std::optional<bool> ParsedRow::Boolean(std::string_view key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  const auto* v = std::get_if<bool>(&it->second);
  return v ? std::optional<bool>(*v) : std::nullopt;
}

std::optional<Date> ParsedRow::DateValue(std::string_view key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  const auto* v = std::get_if<Date>(&it->second);
  return v ? std::optional<Date>(*v) : std::nullopt;
}

// ---- ParseReport ----

const FileColumn* ParseReport::Column(std::string_view key) const {
  for (const auto& c : columns) if (c.key == key) return &c;
  return nullptr;
}

// ---- the interface ----

Status ValidateSpec(const TableSpec& spec) {
  if (spec.columns.empty()) return Internal("io: table spec has no columns");
  std::set<std::string> keys, headers;
  for (const auto& c : spec.columns) {
    const std::string where = "io: table spec column '" + c.key + "': ";
    if (c.key.empty()) return Internal("io: table spec has a column without a key");
    if (!keys.insert(c.key).second) return Internal(where + "key repeated");
    if (c.zh.empty() || c.en.empty()) return Internal(where + "both headers are required");
    std::string zh = internal::MatchKey(c.zh), en = internal::MatchKey(c.en);
    if (zh.empty() || en.empty()) return Internal(where + "a header is blank");
    if (!headers.insert(zh).second || (en != zh && !headers.insert(en).second)) return Internal(where + "header repeated");
    if (c.type == ColumnType::kEnum && c.options.empty()) return Internal(where + "an enum needs options");
    if (c.type == ColumnType::kDecimal && (c.scale < 0 || c.scale > 9)) return Internal(where + "scale must be 0..9");
    if (c.min && c.max && *c.min > *c.max) return Internal(where + "min is above max");
  }
  return Status::Ok();
}

Result<ParseReport> Parse(std::string_view bytes, const TableSpec& spec, const ParseOptions& options) {
  return internal::NoThrow([&]() -> Result<ParseReport> { return ParseImpl(bytes, spec, options); });
}

Result<std::string> Template(const TableSpec& spec, Format format, Language language) {
  return internal::NoThrow([&]() -> Result<std::string> { return TemplateImpl(spec, format, language); });
}

Result<std::string> Export(const TableSpec& spec, const std::vector<Record>& rows, Format format, Language language) {
  return internal::NoThrow([&]() -> Result<std::string> { return ExportImpl(spec, rows, format, language); });
}

Result<std::string> ErrorReport(const std::vector<RowError>& errors, Format format, Language language) {
  return internal::NoThrow([&]() -> Result<std::string> { return ErrorReportImpl(errors, format, language); });
}

std::string_view ImportModeName(ImportMode mode) { return kImportModeNames.Name(mode); }

std::optional<ImportMode> ParseImportModeName(std::string_view name) { return kImportModeNames.Parse(name); }

Status CheckImportable(const ParseReport& report, ImportMode mode) {
  const std::string bad = std::to_string(report.invalid_rows), total = std::to_string(report.data_rows);
  if (mode == ImportMode::kAllOrNothing && report.invalid_rows > 0) {
    return InvalidArgument(Bilingual("共 " + total + " 行中有 " + bad + " 行有错误；按“全部或全不”方式导入，未写入任何数据",
                                     bad + " of " + total + " rows have errors; importing all-or-nothing, nothing was written"),
                           "file");
  }
  if (report.rows.empty()) {
    return InvalidArgument(Bilingual("文件中没有可导入的有效行", "the file has no valid row to import"), "file");
  }
  return Status::Ok();
}

}  // namespace lz::io
