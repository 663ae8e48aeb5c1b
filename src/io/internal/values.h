// Cell text ↔ typed values for the table component: the conversions and the messages that say
// what is wrong with a cell and what is expected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/format.h"
#include "io/sheet.h"
#include "io/table.h"

namespace lz::io::internal {

struct CellProblem {
  std::string zh, en;
};

// A column with its enum options' match keys computed once per import.
struct PreparedColumn {
  const ColumnSpec* spec = nullptr;
  std::vector<std::pair<std::string, size_t>> option_keys;  // MatchKey(value | zh | en) → option
};
PreparedColumn Prepare(const ColumnSpec& column);

// Converts a non-blank cell for `column`. `format` tells whether a leading apostrophe put there
// by Export (CSV) is to be removed. On failure returns nullopt and fills `problem`.
std::optional<Value> ConvertCell(const PreparedColumn& column, const Cell& cell, DateSystem dates, Format format,
                                 CellProblem& problem);

// Text form of a value for `column` (CSV exports, uniqueness checks): decimals with `scale`
// places, dates yyyy-mm-dd, enums and booleans by their label in `language`. nullopt when the value
// does not fit the column's type (or an enum value is not an option).
std::optional<std::string> FormatValue(const ColumnSpec& column, const Value& value, Language language);

std::string FormatDecimal(int64_t units, int scale);
std::string FormatDate(const Date& d);
// Excel 1900-system serial of a date (1900-03-01 and later are exact; earlier dates follow
// Excel's phantom 1900-02-29).
int64_t DateToSerial(const Date& d);
std::optional<Date> SerialToDate(double serial, DateSystem system);

// The label of a boolean or enum value in `language`.
std::string BooleanLabel(bool v, Language language);
std::string TypeDescription(const ColumnSpec& column, Language language);
std::string AllowedValues(const ColumnSpec& column, Language language);

}  // namespace lz::io::internal
