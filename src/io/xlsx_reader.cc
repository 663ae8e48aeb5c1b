// Implementation of io/xlsx_reader.h: _rels/.rels → workbook → its rels → shared strings and the
// chosen worksheet, each part streamed from libzip through expat.
#include "io/xlsx_reader.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>

#include "common/text.h"
#include "io/internal/util.h"
#include "io/internal/xml.h"
#include "io/internal/zip_archive.h"

namespace lz::io {
namespace {

using internal::InvalidFile;
using internal::LimitExceeded;
using internal::XmlHandler;
using internal::ZipArchive;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Status Malformed(std::string_view part, std::string_view what) {
  return InvalidFile("xlsx 文件中的“" + std::string(part) + "”格式有误：" + std::string(what),
                     "'" + std::string(part) + "' in the xlsx file is malformed: " + std::string(what));
}

// ---- relationships and the workbook part ----

struct Relationship {
  std::string id, type, target;
  bool external = false;
};

class RelsHandler : public XmlHandler {
 public:
  std::vector<Relationship> rels;
  void Start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    Relationship r;
    if (const char* v = Attr(attrs, "Id")) r.id = v;
    if (const char* v = Attr(attrs, "Type")) r.type = v;
    if (const char* v = Attr(attrs, "Target")) r.target = v;
    if (const char* v = Attr(attrs, "TargetMode")) r.external = std::string_view(v) == "External";
    rels.push_back(std::move(r));
  }
  void End(std::string_view) override {}
  void Text(std::string_view) override {}
};

struct SheetInfo {
  std::string name, rel_id;
};

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<SheetInfo> sheets;
  DateSystem date_system = DateSystem::k1900;
  void Start(std::string_view name, const char** attrs) override {
    if (name == "sheet") {
      SheetInfo s;
      if (const char* v = Attr(attrs, "name")) s.name = v;
      if (const char* v = Attr(attrs, "id")) s.rel_id = v;  // r:id
      sheets.push_back(std::move(s));
    } else if (name == "workbookPr") {
      const char* v = Attr(attrs, "date1904");
      if (v && (std::string_view(v) == "1" || std::string_view(v) == "true")) date_system = DateSystem::k1904;
    }
  }
  void End(std::string_view) override {}
  void Text(std::string_view) override {}
};

// Resolves a relationship target against the directory of the part that holds it.
std::string ResolvePart(std::string_view base_dir, std::string_view target) {
  std::string joined = !target.empty() && target[0] == '/' ? std::string(target.substr(1))
                                                           : std::string(base_dir) + std::string(target);
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string seg = joined.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string DirOf(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash + 1));
}

std::string RelsPathOf(std::string_view part) {
  size_t slash = part.rfind('/');
  std::string dir = slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
  std::string file(slash == std::string_view::npos ? part : part.substr(slash + 1));
  return dir + "_rels/" + file + ".rels";
}

struct WorksheetRef {
  std::string name, path;
};

struct Workbook {
  std::unique_ptr<ZipArchive> zip;
  std::vector<WorksheetRef> worksheets;
  std::string shared_strings;  // part path, empty when there is none
  DateSystem date_system = DateSystem::k1900;
};

Status NotXlsx(ZipArchive& zip) {
  if (zip.Has("word/document.xml")) {
    return InvalidFile("这是 Word 文档，不是 xlsx 工作簿", "this is a Word document, not an xlsx workbook");
  }
  if (zip.Has("mimetype") && zip.Has("content.xml")) {
    return InvalidFile("这是 OpenDocument (.ods) 表格，请“另存为” .xlsx 后再导入",
                       "this is an OpenDocument (.ods) spreadsheet; save it as .xlsx and import that");
  }
  return InvalidFile("文件是 zip 压缩包，但不是 xlsx 工作簿", "the file is a zip archive but not an xlsx workbook");
}

Result<Workbook> OpenWorkbook(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.empty()) return InvalidFile("文件是空的", "the file is empty");
  if (internal::LooksLikeOle2(bytes)) return internal::Ole2Refused();
  if (!internal::LooksLikeZip(bytes)) {
    return InvalidFile("文件不是 xlsx 工作簿（可能是改了扩展名的 CSV 或其他文件）",
                       "the file is not an xlsx workbook (perhaps a CSV or another file renamed to .xlsx)");
  }
  Workbook wb;
  ASSIGN_OR_RETURN(wb.zip, ZipArchive::Open(bytes, limits));
  ZipArchive& zip = *wb.zip;

  std::string workbook_path = "xl/workbook.xml";
  if (zip.Has("_rels/.rels")) {
    RelsHandler root;
    RETURN_IF_ERROR(internal::ParseXmlEntry(zip, "_rels/.rels", root));
    for (const auto& r : root.rels) {
      if (EndsWith(r.type, "/officeDocument") && !r.external) workbook_path = ResolvePart("", r.target);
    }
  }
  if (!zip.Has(workbook_path)) return NotXlsx(zip);

  WorkbookHandler book;
  RETURN_IF_ERROR(internal::ParseXmlEntry(zip, workbook_path, book));
  wb.date_system = book.date_system;

  RelsHandler rels;
  const std::string rels_path = RelsPathOf(workbook_path);
  if (zip.Has(rels_path)) RETURN_IF_ERROR(internal::ParseXmlEntry(zip, rels_path, rels));
  const std::string base = DirOf(workbook_path);
  for (const auto& r : rels.rels) {
    if (!r.external && EndsWith(r.type, "/sharedStrings")) wb.shared_strings = ResolvePart(base, r.target);
  }
  if (wb.shared_strings.empty() && zip.Has(base + "sharedStrings.xml")) wb.shared_strings = base + "sharedStrings.xml";
  for (const auto& s : book.sheets) {
    for (const auto& r : rels.rels) {
      if (r.id == s.rel_id && !r.external && EndsWith(r.type, "/worksheet")) {
        wb.worksheets.push_back({s.name, ResolvePart(base, r.target)});
      }
    }
  }
  if (wb.worksheets.empty()) {
    return InvalidFile("xlsx 工作簿中没有工作表", "the xlsx workbook has no worksheet");
  }
  return wb;
}

// ---- shared strings ----

class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(const ReadLimits& limits, std::vector<std::string>& out)
      : max_bytes_(uint64_t{limits.max_cell_chars} * 4), out_(out) {}
  void Start(std::string_view name, const char**) override {
    if (name == "si") {
      in_si_ = true;
      current_.clear();
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_si_ && phonetic_ == 0) {
      capture_ = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "si") {
      in_si_ = false;
      out_.push_back(std::move(current_));
      current_.clear();
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "t") {
      capture_ = false;
    }
  }
  void Text(std::string_view s) override {
    if (!capture_) return;
    current_.append(s);
    if (current_.size() > max_bytes_) {
      Fail(InvalidFile("xlsx 文件中有文本超过单元格长度上限", "a text in the xlsx file is longer than a cell may be"));
    }
  }

 private:
  uint64_t max_bytes_;
  std::vector<std::string>& out_;
  std::string current_;
  bool in_si_ = false, capture_ = false;
  int phonetic_ = 0;
};

// ---- the worksheet ----

struct Range {
  internal::CellRef first, last;
  std::string text;
};

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const std::vector<std::string>& sst, const ReadLimits& limits, std::string part, Sheet& out)
      : sst_(sst), limits_(limits), part_(std::move(part)), out_(out) {}

  void Start(std::string_view name, const char** attrs) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      if (name == "mergeCell") {
        const char* ref = Attr(attrs, "ref");
        if (ref) AddMerge(ref);
      }
    } else if (name == "row") {
      StartRow(Attr(attrs, "r"));
    } else if (name == "c") {
      StartCell(Attr(attrs, "r"), Attr(attrs, "t"));
    } else if (!in_cell_) {
      return;
    } else if (name == "f") {
      Fail(InvalidFile("单元格 " + CellName(row_, column_) + " 含有公式；导入只接受数值，请复制后“选择性粘贴 → 数值”",
                       "cell " + CellName(row_, column_) +
                           " holds a formula; imports take values only (copy and Paste Special → Values)"));
    } else if (name == "v") {
      capture_ = Capture::kValue;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_inline_ && phonetic_ == 0) {
      capture_ = Capture::kInline;
    }
  }

  void End(std::string_view name) override {
    if (name == "sheetData") {
      in_data_ = false;
    } else if (name == "v" || name == "t") {
      capture_ = Capture::kNone;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      FinishCell();
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      if (!cells_.empty()) out_.rows.push_back({row_, std::move(cells_)});
      cells_.clear();
    }
  }

  void Text(std::string_view s) override {
    if (capture_ == Capture::kNone) return;
    std::string& buf = capture_ == Capture::kValue ? value_ : inline_;
    buf.append(s);
    if (buf.size() > uint64_t{limits_.max_cell_chars} * 4) TooLong();
  }

  // After the whole part: merged ranges are refused when they touch the area holding data.
  Status CheckMerges() const {
    if (out_.rows.empty()) return Status::Ok();
    uint32_t min_row = out_.rows.front().number, max_row = out_.rows.back().number;
    uint32_t min_col = UINT32_MAX, max_col = 0;
    for (const auto& r : out_.rows) {
      for (uint32_t c = 0; c < r.cells.size(); ++c) {
        if (r.cells[c].empty()) continue;
        min_col = std::min(min_col, c);
        max_col = std::max(max_col, c);
      }
    }
    std::vector<std::string> hits;
    for (const auto& m : merges_) {
      bool rows = m.first.row <= max_row && m.last.row >= min_row;
      bool cols = m.first.column <= max_col && m.last.column >= min_col;
      if (rows && cols) hits.push_back(m.text);
    }
    if (hits.empty()) return Status::Ok();
    std::string list;
    for (size_t i = 0; i < hits.size() && i < 5; ++i) list += (i ? ", " : "") + hits[i];
    if (hits.size() > 5) list += ", …";
    return InvalidFile("表格含有合并单元格（" + list + "）；导入要求每个单元格独立，请取消合并",
                       "the sheet has merged cells (" + list + "); imports need one value per cell, so unmerge them");
  }

 private:
  enum class Capture { kNone, kValue, kInline };

  void StartRow(const char* r) {
    uint32_t number = last_row_ + 1;
    if (r) {
      uint32_t parsed = 0;
      std::string_view v(r);
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), parsed);
      if (ec != std::errc() || p != v.data() + v.size() || parsed == 0 || parsed > 1'048'576) {
        return Fail(Malformed(part_, "row number '" + internal::Excerpt(v) + "'"));
      }
      number = parsed;
    }
    if (number <= last_row_) return Fail(Malformed(part_, "rows out of order at row " + std::to_string(number)));
    row_ = last_row_ = number;
    next_column_ = 0;
    cells_.clear();
    in_row_ = true;
  }

  void StartCell(const char* r, const char* t) {
    if (!in_row_) return Fail(Malformed(part_, "a cell outside a row"));
    if (r) {
      auto ref = internal::ParseCellRef(r);
      if (!ref || ref->row != row_) return Fail(Malformed(part_, "cell reference '" + internal::Excerpt(r) + "'"));
      column_ = ref->column;
    } else {
      column_ = next_column_;
    }
    next_column_ = column_ + 1;
    type_ = t ? t : "n";
    value_.clear();
    inline_.clear();
    in_cell_ = true;
    in_inline_ = false;
    phonetic_ = 0;
  }

  void TooLong() {
    Fail(InvalidFile("单元格 " + CellName(row_, column_) + " 超过 " + std::to_string(limits_.max_cell_chars) + " 个字符",
                     "cell " + CellName(row_, column_) + " has more than " + std::to_string(limits_.max_cell_chars) +
                         " characters"));
  }

  void FinishCell() {
    Cell cell;
    if (type_ == "s") {
      size_t index = 0;
      auto [p, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      if (value_.empty()) return;
      if (ec != std::errc() || p != value_.data() + value_.size() || index >= sst_.size()) {
        return Fail(Malformed(part_, "shared string index in cell " + CellName(row_, column_)));
      }
      cell = {CellType::kText, sst_[index]};
    } else if (type_ == "inlineStr") {
      cell = {CellType::kText, std::move(inline_)};
    } else if (type_ == "str" || type_ == "d") {
      cell = {CellType::kText, std::move(value_)};
    } else if (type_ == "b") {
      if (value_.empty()) return;
      if (value_ != "0" && value_ != "1") return Fail(Malformed(part_, "boolean in cell " + CellName(row_, column_)));
      cell = {CellType::kBoolean, value_ == "1" ? "TRUE" : "FALSE"};
    } else if (type_ == "e") {
      return Fail(InvalidFile("单元格 " + CellName(row_, column_) + " 是错误值 " + internal::Excerpt(value_) + "，请改正后再导入",
                              "cell " + CellName(row_, column_) + " holds the error value " + internal::Excerpt(value_) +
                                  "; correct it and import again"));
    } else {
      if (value_.empty()) return;
      double d = 0;
      auto [p, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), d);
      if (ec != std::errc() || p != value_.data() + value_.size()) {
        return Fail(Malformed(part_, "number in cell " + CellName(row_, column_)));
      }
      cell = {CellType::kNumber, internal::ShortestNumber(d)};
    }
    if (cell.text.empty()) return;
    if (row_ > uint64_t{limits_.max_data_rows} + 1) {
      return Fail(LimitExceeded(
          "表格数据超过 " + std::to_string(limits_.max_data_rows) + " 行的上限（第 " + std::to_string(row_) +
              " 行仍有数据），请拆分成多个文件分批导入",
          "the sheet has more than " + std::to_string(limits_.max_data_rows) + " data rows, the limit (row " +
              std::to_string(row_) + " still holds data); split it into smaller files"));
    }
    if (column_ >= limits_.max_columns) {
      return Fail(LimitExceeded("表格超过 " + std::to_string(limits_.max_columns) + " 列的上限（单元格 " +
                                    CellName(row_, column_) + " 有数据）",
                                "the sheet has more than " + std::to_string(limits_.max_columns) +
                                    " columns, the limit (cell " + CellName(row_, column_) + " holds data)"));
    }
    if (text::Utf8Length(cell.text) > limits_.max_cell_chars) return TooLong();
    if (!text::IsValidUtf8(cell.text)) return Fail(Malformed(part_, "text in cell " + CellName(row_, column_)));
    if (cells_.size() <= column_) cells_.resize(column_ + 1);
    cells_[column_] = std::move(cell);
  }

  void AddMerge(std::string_view ref) {
    size_t colon = ref.find(':');
    auto first = internal::ParseCellRef(ref.substr(0, colon));
    auto last = colon == std::string_view::npos ? first : internal::ParseCellRef(ref.substr(colon + 1));
    if (!first || !last) return Fail(Malformed(part_, "merged range '" + internal::Excerpt(ref) + "'"));
    merges_.push_back({*first, *last, std::string(ref)});
  }

  const std::vector<std::string>& sst_;
  const ReadLimits& limits_;
  std::string part_;
  Sheet& out_;
  bool in_data_ = false, in_row_ = false, in_cell_ = false, in_inline_ = false;
  int phonetic_ = 0;
  Capture capture_ = Capture::kNone;
  uint32_t row_ = 0, last_row_ = 0, column_ = 0, next_column_ = 0;
  std::string type_, value_, inline_;
  std::vector<Cell> cells_;
  std::vector<Range> merges_;
};

Result<Sheet> ReadXlsxImpl(std::string_view bytes, const ReadLimits& limits, std::string_view sheet_name) {
  ASSIGN_OR_RETURN(Workbook wb, OpenWorkbook(bytes, limits));
  const WorksheetRef* chosen = nullptr;
  if (sheet_name.empty()) {
    chosen = &wb.worksheets.front();
  } else {
    for (const auto& w : wb.worksheets) {
      if (w.name == sheet_name) chosen = &w;
    }
    if (!chosen) {
      std::string names;
      for (const auto& w : wb.worksheets) names += (names.empty() ? "" : ", ") + w.name;
      return InvalidFile("工作簿中没有名为“" + std::string(sheet_name) + "”的工作表（现有：" + names + "）",
                         "the workbook has no worksheet named '" + std::string(sheet_name) + "' (it has: " + names + ")");
    }
  }
  if (!wb.zip->Has(chosen->path)) return Malformed(chosen->path, "the worksheet part is missing");
  std::vector<std::string> sst;
  if (!wb.shared_strings.empty() && wb.zip->Has(wb.shared_strings)) {
    SharedStringsHandler strings(limits, sst);
    RETURN_IF_ERROR(internal::ParseXmlEntry(*wb.zip, wb.shared_strings, strings));
  }
  Sheet sheet;
  sheet.name = chosen->name;
  sheet.date_system = wb.date_system;
  SheetHandler handler(sst, limits, chosen->path, sheet);
  RETURN_IF_ERROR(internal::ParseXmlEntry(*wb.zip, chosen->path, handler));
  RETURN_IF_ERROR(handler.CheckMerges());
  return sheet;
}

}  // namespace

Result<Sheet> ReadXlsx(std::string_view bytes, const ReadLimits& limits, std::string_view sheet_name) {
  return internal::NoThrow([&]() -> Result<Sheet> { return ReadXlsxImpl(bytes, limits, sheet_name); });
}

Result<std::vector<std::string>> XlsxSheetNames(std::string_view bytes, const ReadLimits& limits) {
  return internal::NoThrow([&]() -> Result<std::vector<std::string>> {
    ASSIGN_OR_RETURN(Workbook wb, OpenWorkbook(bytes, limits));
    std::vector<std::string> names;
    for (const auto& w : wb.worksheets) names.push_back(w.name);
    return names;
  });
}

}  // namespace lz::io
