// ImportReport: what every list's spreadsheet import answers — rows read and written, whether the
// transaction committed, and each refused row with its Excel row number, column letter, header
// and reason — and RowErrorOf, which turns a domain check's failure on a parsed row into such a
// line the way io/table's own cell errors are, so the user sees one consistent report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "io/table.h"

namespace lz::services {

struct ImportRowError {
  uint32_t row = 0;     // as Excel shows it
  std::string column;   // "C", or "" for the whole row
  std::string header;
  std::string message;  // zh-CN where the check has one, else English
};

struct ImportReport {
  io::ImportMode mode = io::ImportMode::kAllOrNothing;
  io::Format format = io::Format::kXlsx;
  int64_t data_rows = 0;  // non-blank rows below the header
  int64_t imported = 0;
  bool committed = false;  // false: nothing was written (all-or-nothing with errors)
  std::vector<ImportRowError> errors;
  bool errors_truncated = false;
};

// The report line for a domain check that refused `row`: the column is the one the file holds
// for the check's field (Status::field() names a spec key), with its header as written there;
// a field the file lacks gets the spec's zh-CN header and no column; no field, the whole row.
ImportRowError RowErrorOf(const io::ParseReport& parsed, const io::TableSpec& spec, uint32_t row,
                          const Status& check);

}  // namespace lz::services
