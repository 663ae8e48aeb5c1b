// What a reader makes of a spreadsheet: the non-blank rows of one sheet, each cell as text with
// the kind of value it held, numbered as Excel shows them (the first row is 1, column A is 0).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lz::io {

enum class CellType {
  kEmpty,
  kText,     // shared, inline or CSV text, as written (not trimmed)
  kNumber,   // xlsx numbers as their shortest round-trip text ("12", "0.1", "45413"); dates are
             // serial numbers here — the table layer converts them
  kBoolean,  // xlsx booleans as "TRUE" / "FALSE"
};

struct Cell {
  CellType type = CellType::kEmpty;
  std::string text;

  bool empty() const { return type == CellType::kEmpty || text.empty(); }
};

struct SheetRow {
  uint32_t number = 0;      // 1-based, as Excel shows it; gaps mean blank rows
  std::vector<Cell> cells;  // index = column (A = 0); no trailing empty cells
};

// Excel stores dates as days since 1899-12-30 (the 1900 system, with its phantom 1900-02-29) or
// since 1904-01-01 (the 1904 system, old Mac workbooks).
enum class DateSystem { k1900, k1904 };

struct Sheet {
  std::string name;             // the worksheet's name; empty for CSV
  std::vector<SheetRow> rows;   // rows holding at least one non-empty cell, ascending numbers
  DateSystem date_system = DateSystem::k1900;
};

// "A", "Z", "AA", ... for a 0-based column index.
std::string ColumnName(uint32_t column);
// "B3" for row 3 (1-based) and column 1 (0-based).
std::string CellName(uint32_t row, uint32_t column);

}  // namespace lz::io
