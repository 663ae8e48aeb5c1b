// CSV (RFC 4180): writing rows for exports and parsing the reference data shipped in data/.
// Exports start with a UTF-8 byte-order mark so that Excel on Chinese Windows opens them right.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lz::csv {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Appends one record (fields quoted when they hold a comma, quote, CR or LF) and CRLF.
void AppendRow(std::string& out, const std::vector<std::string>& fields);

// Parses a whole document into records. Quoted fields may contain separators, quotes ("") and
// line breaks. A leading BOM is skipped. Returns false on an unterminated quote.
bool Parse(std::string_view text, std::vector<std::vector<std::string>>& records);

}  // namespace lz::csv
