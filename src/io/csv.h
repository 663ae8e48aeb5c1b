// CSV files uploaded by users and CSV we write. Reading: RFC 4180 (quoted fields may hold commas,
// quotes and line breaks) in UTF-8, with or without a byte-order mark, or GB18030 (what Excel on
// Chinese Windows saves as "CSV"), converted by ICU. Writing: UTF-8 with a byte-order mark, so
// that Excel opens it right; the records themselves come from common/csv.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "io/format.h"
#include "io/sheet.h"

namespace lz::io {

enum class TextEncoding { kUtf8, kGb18030 };

struct DecodedText {
  std::string utf8;  // without a byte-order mark
  TextEncoding encoding = TextEncoding::kUtf8;
};

// Valid UTF-8 is taken as UTF-8 (a leading BOM dropped); anything else is converted from GB18030
// and refused when it is not valid GB18030 either. Errors, InvalidArgument with field "file":
// UTF-16 (with its BOM), NUL bytes (a binary file), bytes that are neither encoding (the message
// gives the line). Thread-safe.
Result<DecodedText> DecodeText(std::string_view bytes);

// Decodes and parses a CSV file into rows numbered as Excel shows them (a blank line is a row;
// a line break inside quotes is not). All cells are CellType::kText. Errors: those of DecodeText;
// InvalidArgument for an unclosed quote (with the row it opened in) or a field longer than
// limits.max_cell_chars; ResourceExhausted for limits.max_input_bytes, a value beyond row
// max_data_rows + 1 or beyond column max_columns. Thread-safe.
Result<Sheet> ReadCsv(std::string_view bytes, const ReadLimits& limits = {});

// A UTF-8 CSV document with a byte-order mark and CRLF line ends, fields quoted where needed.
std::string WriteCsv(const std::vector<std::vector<std::string>>& rows);

}  // namespace lz::io
