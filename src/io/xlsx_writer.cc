// Implementation of io/xlsx_writer.h over libxlsxwriter.
#include "io/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "common/text.h"
#include "io/internal/util.h"

namespace lz::io {
namespace {

constexpr size_t kWidthSampleRows = 1000;
constexpr double kMinWidth = 8, kMaxWidth = 60;

std::string TempDir() {
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

// Removes the temporary file however WriteXlsx leaves.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Closes (and frees) a workbook on every path; Close() reports the result of writing it.
class WorkbookCloser {
 public:
  explicit WorkbookCloser(lxw_workbook* wb) : wb_(wb) {}
  ~WorkbookCloser() {
    if (wb_) workbook_close(wb_);
  }
  WorkbookCloser(const WorkbookCloser&) = delete;
  WorkbookCloser& operator=(const WorkbookCloser&) = delete;
  lxw_error Close() {
    lxw_error err = workbook_close(wb_);
    wb_ = nullptr;
    return err;
  }

 private:
  lxw_workbook* wb_;
};

std::string SheetName(std::string_view wanted, std::set<std::string>& used) {
  std::string base;
  size_t chars = 0;
  for (size_t i = 0; i < wanted.size() && chars < 31;) {
    size_t n = 1;
    while (i + n < wanted.size() && (static_cast<uint8_t>(wanted[i + n]) & 0xC0) == 0x80) ++n;
    std::string_view ch = wanted.substr(i, n);
    if (ch.size() == 1 && std::strchr(":\\/?*[]", ch[0])) base += '_';
    else base += ch;
    ++chars;
    i += n;
  }
  if (base.empty() || base.front() == '\'' || base.back() == '\'') base = base.empty() ? "Sheet" : "_" + base + "_";
  std::string name = base;
  for (int k = 2; used.count(name); ++k) name = internal::Excerpt(base, 27) + " (" + std::to_string(k) + ")";
  used.insert(name);
  return name;
}

std::string CellText(const OutCell& c) {
  return c.type == CellType::kNumber ? internal::ShortestNumber(c.number) : c.text;
}

double ColumnWidth(const WriteSheet& sheet, size_t col) {
  const WriteColumn& column = sheet.columns[col];
  if (column.width > 0) return column.width;
  size_t width = internal::DisplayWidth(column.header) + 2;  // room for the header's bold face
  if (column.style == ColumnStyle::kDate) width = std::max<size_t>(width, 12);
  for (size_t r = 0; r < sheet.rows.size() && r < kWidthSampleRows; ++r) {
    if (col >= sheet.rows[r].size()) continue;
    width = std::max(width, internal::DisplayWidth(CellText(sheet.rows[r][col])) + 1);
  }
  return std::clamp(static_cast<double>(width) + 1, kMinWidth, kMaxWidth);
}

Status WriteError(lxw_error err, std::string_view where) {
  if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
    return InvalidArgument(internal::Bilingual("单元格 " + std::string(where) + " 的文字超过 Excel 单元格的长度上限",
                                               "the text of cell " + std::string(where) + " is longer than an Excel cell may hold"));
  }
  return Internal("io: writing xlsx cell " + std::string(where) + ": " + lxw_strerror(err));
}

Result<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Internal("io: cannot read back the xlsx written to " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

Result<std::string> WriteXlsxImpl(const std::vector<WriteSheet>& sheets) {
  if (sheets.empty()) return InvalidArgument("io: a workbook needs at least one sheet");
  const std::string dir = TempDir();
  std::string pattern = dir + "/lz-xlsx-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return Internal("io: cannot create a temporary file in " + dir + ": " + std::strerror(errno));
  ::close(fd);
  TempFile file(pattern);

  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  std::string tmpdir = dir;
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(file.path().c_str(), &options);
  if (wb == nullptr) return Internal("io: libxlsxwriter could not create a workbook");
  WorkbookCloser closer(wb);

  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xF2F2F2);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* required = workbook_add_format(wb);
  format_set_bold(required);
  format_set_bg_color(required, 0xF2F2F2);
  format_set_border(required, LXW_BORDER_THIN);
  format_set_text_wrap(required);
  format_set_align(required, LXW_ALIGN_VERTICAL_CENTER);
  format_set_font_color(required, LXW_COLOR_RED);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* wrapped = workbook_add_format(wb);
  format_set_text_wrap(wrapped);
  format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* decimals[10];
  for (int d = 0; d < 10; ++d) {
    decimals[d] = workbook_add_format(wb);
    format_set_num_format(decimals[d], (d == 0 ? std::string("0") : "0." + std::string(static_cast<size_t>(d), '0')).c_str());
  }

  std::set<std::string> used;
  for (const WriteSheet& sheet : sheets) {
    const std::string name = SheetName(sheet.name, used);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (ws == nullptr) return Internal("io: libxlsxwriter refused the sheet name " + name);
    std::vector<lxw_format*> formats(sheet.columns.size(), nullptr);
    for (size_t c = 0; c < sheet.columns.size(); ++c) {
      const WriteColumn& col = sheet.columns[c];
      switch (col.style) {
        case ColumnStyle::kGeneral: break;
        case ColumnStyle::kText: formats[c] = text; break;
        case ColumnStyle::kDecimal: formats[c] = decimals[std::clamp(col.decimals, 0, 9)]; break;
        case ColumnStyle::kDate: formats[c] = date; break;
        case ColumnStyle::kWrapped: formats[c] = wrapped; break;
      }
      auto lc = static_cast<lxw_col_t>(c);
      lxw_error err = worksheet_set_column(ws, lc, lc, ColumnWidth(sheet, c), formats[c]);
      if (err != LXW_NO_ERROR) return WriteError(err, ColumnName(static_cast<uint32_t>(c)));
    }
    if (!sheet.columns.empty()) worksheet_freeze_panes(ws, 1, 0);
    for (size_t c = 0; c < sheet.columns.size(); ++c) {
      const WriteColumn& col = sheet.columns[c];
      lxw_error err = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), col.header.c_str(),
                                             col.mark == HeaderMark::kRequired ? required : header);
      if (err != LXW_NO_ERROR) return WriteError(err, CellName(1, static_cast<uint32_t>(c)));
    }
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const OutCell& cell = sheet.rows[r][c];
        lxw_format* fmt = c < formats.size() ? formats[c] : nullptr;
        auto col = static_cast<lxw_col_t>(c);
        lxw_error err = LXW_NO_ERROR;
        if (cell.type == CellType::kNumber) err = worksheet_write_number(ws, row, col, cell.number, fmt);
        else if (cell.type != CellType::kEmpty && !cell.text.empty()) err = worksheet_write_string(ws, row, col, cell.text.c_str(), fmt);
        if (err != LXW_NO_ERROR) return WriteError(err, CellName(row + 1, static_cast<uint32_t>(c)));
      }
    }
    const uint32_t input_rows = std::max<uint32_t>(sheet.input_rows, static_cast<uint32_t>(sheet.rows.size()));
    for (size_t c = 0; c < sheet.columns.size() && input_rows > 0; ++c) {
      const auto& choices = sheet.columns[c].choices;
      if (choices.empty()) continue;
      size_t length = 0;
      bool listable = true;
      for (const auto& ch : choices) {
        length += text::Utf8Length(ch) + 1;
        listable = listable && ch.find(',') == std::string::npos && !ch.empty();
      }
      if (!listable || length > 256) continue;
      std::vector<char*> list;
      for (const auto& ch : choices) list.push_back(const_cast<char*>(ch.c_str()));
      list.push_back(nullptr);
      lxw_data_validation dv{};
      dv.validate = LXW_VALIDATION_TYPE_LIST;
      dv.value_list = list.data();
      dv.ignore_blank = LXW_VALIDATION_ON;
      dv.dropdown = LXW_VALIDATION_ON;
      auto lc = static_cast<lxw_col_t>(c);
      lxw_error err = worksheet_data_validation_range(ws, 1, lc, static_cast<lxw_row_t>(input_rows), lc, &dv);
      if (err != LXW_NO_ERROR) return Internal(std::string("io: drop-down list: ") + lxw_strerror(err));
    }
  }
  lxw_error err = closer.Close();
  if (err != LXW_NO_ERROR) return Internal(std::string("io: writing the xlsx file: ") + lxw_strerror(err));
  return ReadWhole(file.path());
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<WriteSheet>& sheets) {
  return internal::NoThrow([&]() -> Result<std::string> { return WriteXlsxImpl(sheets); });
}

}  // namespace lz::io
