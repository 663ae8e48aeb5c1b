// Implementation of io/csv.h: encoding detection and conversion with ICU (ucnv), a streaming
// RFC 4180 reader that counts rows as Excel does and stops at the limits.
#include "io/csv.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <memory>

#include "common/csv.h"
#include "common/text.h"
#include "io/internal/util.h"

namespace lz::io {
namespace {

using internal::InvalidFile;
using internal::LimitExceeded;

size_t LineAt(std::string_view bytes, size_t offset) {
  return 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + std::min(offset, bytes.size()), '\n'));
}

Result<std::string> FromGb18030(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> from(ucnv_open("GB18030", &err), ucnv_close);
  if (U_FAILURE(err)) return Internal(std::string("io: ICU has no GB18030 converter: ") + u_errorName(err));
  std::unique_ptr<UConverter, void (*)(UConverter*)> to(ucnv_open("UTF-8", &err), ucnv_close);
  if (U_FAILURE(err)) return Internal(std::string("io: ICU has no UTF-8 converter: ") + u_errorName(err));
  // Stop at the first byte sequence that is not GB18030 instead of substituting.
  ucnv_setToUCallBack(from.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  ucnv_setFromUCallBack(to.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return Internal(std::string("io: ICU: ") + u_errorName(err));
  // GB18030 → UTF-8 grows by at most half (2 bytes → 3); 4-byte sequences map to ≤ 4 bytes.
  std::string out(bytes.size() + bytes.size() / 2 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  UChar pivot[1024];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source, bytes.data() + bytes.size(), pivot,
                 &pivot_source, &pivot_target, pivot + 1024, true, true, &err);
  if (U_FAILURE(err)) {
    size_t line = LineAt(bytes, static_cast<size_t>(source - bytes.data()));
    return InvalidFile("文件第 " + std::to_string(line) + " 行附近的文字既不是 UTF-8 也不是 GB18030 编码，请用 UTF-8 保存后再导入",
                       "the text near line " + std::to_string(line) +
                           " is neither UTF-8 nor GB18030; save the file as CSV UTF-8 and import again");
  }
  out.resize(static_cast<size_t>(target - out.data()));
  return out;
}

}  // namespace

Result<DecodedText> DecodeText(std::string_view bytes) {
  return internal::NoThrow([&]() -> Result<DecodedText> {
    if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
      return InvalidFile("文件是 UTF-16 编码（Excel 的“Unicode 文本”），请另存为“CSV UTF-8（逗号分隔）”",
                         "the file is UTF-16 (Excel's \"Unicode Text\"); save it as \"CSV UTF-8 (Comma delimited)\"");
    }
    if (bytes.find('\0') != std::string_view::npos) {
      return InvalidFile("文件含有二进制内容，不是 CSV 文本", "the file holds binary data; it is not CSV text");
    }
    DecodedText out;
    if (text::IsValidUtf8(bytes)) {
      if (bytes.substr(0, csv::kUtf8Bom.size()) == csv::kUtf8Bom) bytes.remove_prefix(csv::kUtf8Bom.size());
      out.utf8.assign(bytes);
      return out;
    }
    ASSIGN_OR_RETURN(out.utf8, FromGb18030(bytes));
    out.encoding = TextEncoding::kGb18030;
    constexpr std::string_view kBomAsUtf8 = "\xEF\xBB\xBF";  // GB18030's BOM 84 31 95 33 is U+FEFF
    if (out.utf8.substr(0, kBomAsUtf8.size()) == kBomAsUtf8) out.utf8.erase(0, kBomAsUtf8.size());
    return out;
  });
}

namespace {

class CsvReader {
 public:
  CsvReader(const ReadLimits& limits, Sheet& out) : limits_(limits), out_(out) {}

  Status Parse(std::string_view text) {
    bool quoted = false;
    bool after_quote = false;  // the closing quote of the field was seen
    uint32_t quote_row = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (quoted) {
        if (c != '"') {
          field_.push_back(c);
        } else if (i + 1 < text.size() && text[i + 1] == '"') {
          field_.push_back('"');
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
        if (field_.size() > uint64_t{limits_.max_cell_chars} * 4) return TooLong();
        continue;
      }
      if (c == ',') {
        RETURN_IF_ERROR(EndField());
        after_quote = false;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        RETURN_IF_ERROR(EndField());
        RETURN_IF_ERROR(EndRow());
        after_quote = false;
      } else if (c == '"' && field_.empty() && !after_quote) {
        quoted = true;
        quote_row = row_;
      } else {
        // Lenient where RFC 4180 is silent: a quote inside an unquoted field, or text after a
        // closing quote, is kept as written.
        field_.push_back(c);
        if (field_.size() > uint64_t{limits_.max_cell_chars} * 4) return TooLong();
      }
    }
    if (quoted) {
      return InvalidFile("第 " + std::to_string(quote_row) + " 行开始的带引号字段没有闭合的引号",
                         "the quoted field that starts in row " + std::to_string(quote_row) + " has no closing quote");
    }
    if (!field_.empty() || !cells_.empty()) {
      RETURN_IF_ERROR(EndField());
      RETURN_IF_ERROR(EndRow());
    }
    return Status::Ok();
  }

 private:
  Status TooLong() const {
    return InvalidFile("单元格 " + CellName(row_, column_) + " 超过 " + std::to_string(limits_.max_cell_chars) + " 个字符",
                       "cell " + CellName(row_, column_) + " has more than " + std::to_string(limits_.max_cell_chars) +
                           " characters");
  }

  Status EndField() {
    if (!field_.empty()) {
      if (row_ > uint64_t{limits_.max_data_rows} + 1) {
        return LimitExceeded("文件数据超过 " + std::to_string(limits_.max_data_rows) + " 行的上限（第 " +
                                 std::to_string(row_) + " 行仍有数据），请拆分成多个文件分批导入",
                             "the file has more than " + std::to_string(limits_.max_data_rows) +
                                 " data rows, the limit (row " + std::to_string(row_) +
                                 " still holds data); split it into smaller files");
      }
      if (column_ >= limits_.max_columns) {
        return LimitExceeded("文件超过 " + std::to_string(limits_.max_columns) + " 列的上限（单元格 " +
                                 CellName(row_, column_) + " 有数据）",
                             "the file has more than " + std::to_string(limits_.max_columns) +
                                 " columns, the limit (cell " + CellName(row_, column_) + " holds data)");
      }
      if (text::Utf8Length(field_) > limits_.max_cell_chars) return TooLong();
      if (cells_.size() < column_) cells_.resize(column_);
      cells_.push_back({CellType::kText, std::move(field_)});
      field_.clear();
    }
    ++column_;
    return Status::Ok();
  }

  Status EndRow() {
    if (!cells_.empty()) out_.rows.push_back({row_, std::move(cells_)});
    cells_.clear();
    column_ = 0;
    if (row_ == UINT32_MAX) return InvalidFile("文件行数过多", "the file has too many rows");
    ++row_;
    return Status::Ok();
  }

  const ReadLimits& limits_;
  Sheet& out_;
  uint32_t row_ = 1, column_ = 0;
  std::string field_;
  std::vector<Cell> cells_;
};

}  // namespace

Result<Sheet> ReadCsv(std::string_view bytes, const ReadLimits& limits) {
  return internal::NoThrow([&]() -> Result<Sheet> {
    if (bytes.size() > limits.max_input_bytes) {
      return LimitExceeded("文件超过 " + internal::SizeText(limits.max_input_bytes) + " 的大小上限",
                           "the file is larger than the limit of " + internal::SizeText(limits.max_input_bytes));
    }
    if (bytes.empty()) return InvalidFile("文件是空的", "the file is empty");
    if (internal::LooksLikeZip(bytes)) {
      return InvalidFile("这是 xlsx 工作簿，不是 CSV 文件", "this is an xlsx workbook, not a CSV file");
    }
    if (internal::LooksLikeOle2(bytes)) return internal::Ole2Refused();
    ASSIGN_OR_RETURN(DecodedText decoded, DecodeText(bytes));
    Sheet sheet;
    CsvReader reader(limits, sheet);
    RETURN_IF_ERROR(reader.Parse(decoded.utf8));
    return sheet;
  });
}

std::string WriteCsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out(csv::kUtf8Bom);
  for (const auto& row : rows) csv::AppendRow(out, row);
  return out;
}

}  // namespace lz::io
