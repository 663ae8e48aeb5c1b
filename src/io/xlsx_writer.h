// Writing .xlsx workbooks with libxlsxwriter: one or more sheets, each a bold frozen header row
// over rows of text and numbers, with column widths from the contents (CJK counted double) and,
// for templates, column formats and drop-down lists on the rows left for the user to fill.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "io/sheet.h"

namespace lz::io {

enum class ColumnStyle {
  kGeneral,
  kText,     // "@": what is typed stays text (codes with leading zeros, long digit strings)
  kDecimal,  // numbers shown with `decimals` places
  kDate,     // numbers are Excel date serials, shown yyyy-mm-dd
  kWrapped,  // text wrapped within the column (long notes)
};

enum class HeaderMark { kPlain, kRequired };  // kRequired: the header is drawn in red

struct WriteColumn {
  std::string header{};
  ColumnStyle style = ColumnStyle::kGeneral;
  int decimals = 2;                   // for kDecimal, 0..9
  HeaderMark mark = HeaderMark::kPlain;
  std::vector<std::string> choices{}; // drop-down offered on the input rows; left out when the
                                      // list would pass Excel's 255-character limit
  double width = 0;                   // in characters; 0 = from the header and contents
};

struct OutCell {
  CellType type = CellType::kEmpty;  // kText or kNumber; kBoolean is written as its text
  std::string text{};
  double number = 0;

  static OutCell Text(std::string s) { return {CellType::kText, std::move(s), 0}; }
  static OutCell Number(double v) { return {CellType::kNumber, {}, v}; }
};

struct WriteSheet {
  std::string name{};  // characters Excel forbids in sheet names (: \ / ? * [ ]) become '_'; cut
                     // at 31 characters; made unique within the workbook
  std::vector<WriteColumn> columns{};
  std::vector<std::vector<OutCell>> rows{};  // below the header; a row may be shorter than columns
  uint32_t input_rows = 0;  // rows below the header that carry the drop-downs (templates)
};

// The workbook as .xlsx bytes. libxlsxwriter 1.1.4 can only write to a file, so the workbook goes
// through a private temporary file (mkstemp, mode 0600) under $TMPDIR or /tmp that is removed
// before returning; rows are streamed (constant-memory mode, so strings are written inline).
// Errors: InvalidArgument for a text longer than a cell may hold (32,767 bytes) or an empty
// sheet list; Internal when the temporary file cannot be written. Thread-safe.
Result<std::string> WriteXlsx(const std::vector<WriteSheet>& sheets);

}  // namespace lz::io
