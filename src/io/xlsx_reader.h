// Reading an .xlsx workbook (Office Open XML) uploaded by a user: libzip over the in-memory bytes
// and expat over the parts, streaming, under ReadLimits. Only values are read: formulas, merged
// cells in the data and error values are refused, since an import must see what the user sees.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "io/format.h"
#include "io/sheet.h"

namespace lz::io {

// Reads the worksheet named `sheet_name`, or the first worksheet in the workbook's tab order when
// it is empty. Cells: shared and inline strings as text; numbers as their shortest text (dates
// stay serial numbers, see Sheet::date_system); booleans "TRUE"/"FALSE". Sparse rows and cells
// (`r` attributes) land at their own row numbers and columns; rows without a value are left out.
//
// Errors (messages in zh-CN then English, naming the cell, range or limit):
//   InvalidArgument, field "file": not a zip / not an xlsx (.xls, .ods, a renamed CSV), encrypted,
//     damaged, malformed XML or a DTD, no such sheet, a formula (<f>) in a cell, merged cells
//     that touch the data area, an error value such as #N/A, a cell longer than max_cell_chars;
//   ResourceExhausted: any ReadLimits limit (input size, zip entries, inflated sizes, compression
//     ratio, a value beyond row max_data_rows + 1 or beyond column max_columns).
// Thread-safe (no shared state); `bytes` is only read during the call.
Result<Sheet> ReadXlsx(std::string_view bytes, const ReadLimits& limits = {}, std::string_view sheet_name = {});

// Names of the worksheets in tab order (chart sheets left out). Errors as ReadXlsx's for the
// container and workbook part.
Result<std::vector<std::string>> XlsxSheetNames(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace lz::io
