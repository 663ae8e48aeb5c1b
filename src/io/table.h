// The table component every list's import and export is built on. A TableSpec describes a list's
// columns once; from it come the downloadable template (xlsx with an instructions sheet, or a CSV
// header line), the import (headers checked, then every row converted to typed values or refused
// cell by cell with a message in zh-CN and English) and the export of any list.
//
// Import contract for the service that writes the rows (Parse itself never writes anything):
//   1. Parse the upload; a Status error (wrong headers, limits, not a spreadsheet) refuses the
//      whole file and nothing is written.
//   2. Apply the domain's own checks to report.rows (a credit code's check digit, a region that
//      must exist, duplicates already in the database), turning each failure into a RowError with
//      the row's number, so the user gets one report for the file.
//   3. ImportMode::kAllOrNothing: when any RowError exists (from Parse or step 2) write nothing and
//      return the report; otherwise write every row in ONE transaction.
//      ImportMode::kSkipBadRows: write the rows without errors in ONE transaction (a failure of
//      that transaction writes none of them) and return the report listing the skipped rows.
//      CheckImportable() answers step 3's question for Parse's own errors.
//   4. Record the import in the operation log in the same transaction (file name, counts, mode).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"
#include "io/format.h"

namespace lz::io {

enum class ColumnType {
  kText,
  kInteger,  // int64; "1,234" and full-width digits accepted
  kDecimal,  // fixed point: `scale` digits after the point, stored as int64 of the smallest unit
             // (yuan with scale 2 → fen); more digits than `scale` are refused, never rounded
  kDate,     // yyyy-mm-dd (also yyyy/m/d, yyyy.m.d, yyyy年m月d日); from xlsx, date serials too
  kEnum,     // one of `options`, given by its value, zh-CN label or English label
  kBoolean,  // 是/否, true/false, yes/no, 1/0 (and Excel's TRUE/FALSE)
};

enum class Presence { kOptional, kRequired };
enum class Uniqueness { kAny, kUniqueInFile };  // kUniqueInFile: a repeated value is a row error

struct EnumOption {
  std::string value{};  // what Parse returns and Export expects (the wire name)
  std::string zh{};     // labels written in templates and exports, accepted on import
  std::string en{};
};

struct ColumnSpec {
  std::string key{};  // key in Record
  std::string zh{};   // header text; an import may use either (case, width, spaces and '*' ignored)
  std::string en{};
  ColumnType type = ColumnType::kText;
  Presence presence = Presence::kOptional;
  size_t max_chars = 0;                 // kText: most characters (code points); 0 = the cell limit
  int scale = 2;                        // kDecimal: digits after the point, 0..9
  std::optional<int64_t> min{}, max{};  // kInteger, kDecimal (in the smallest unit): inclusive
  std::vector<EnumOption> options{};    // kEnum
  Uniqueness uniqueness = Uniqueness::kAny;
  std::string note{};                   // shown in the template's instructions (free text)
};

struct TableSpec {
  std::string name_zh{}, name_en{};  // the data sheet's name in templates and exports
  std::vector<ColumnSpec> columns{};
};

using Date = std::chrono::year_month_day;
// monostate: blank. string: kText, kEnum (the option's value). int64_t: kInteger, kDecimal.
using Value = std::variant<std::monostate, std::string, int64_t, bool, Date>;
using Record = std::map<std::string, Value, std::less<>>;

struct ParsedRow {
  uint32_t row = 0;  // the row number Excel shows (the header is row 1 in a template)
  Record values;     // one entry per spec column the file has; monostate when blank

  // Typed reads; blank, absent or of another type → "" / nullopt.
  std::string_view Text(std::string_view key) const;
  std::optional<int64_t> Integer(std::string_view key) const;
  std::optional<bool> Boolean(std::string_view key) const;
  std::optional<Date> DateValue(std::string_view key) const;
};

struct RowError {
  uint32_t row = 0;         // as Excel shows it
  std::string column;       // "C"; empty when the error concerns the whole row
  std::string header;       // that column's header as written in the file
  std::string key;          // the spec's key, empty for a column the spec does not know
  std::string message_zh;   // what is wrong and what is expected, for the user
  std::string message_en;
};

// A spec column as the file has it: where it is and the header it was given.
struct FileColumn {
  std::string key;     // the spec's key
  std::string column;  // "C"
  std::string header;  // as written in the file
};

struct ParseReport {
  Format format = Format::kXlsx;
  std::vector<FileColumn> columns;  // the spec columns the file has, in file order
  std::vector<ParsedRow> rows;   // the rows without errors, in file order
  std::vector<RowError> errors;  // in file order; at most ParseOptions::max_errors
  size_t data_rows = 0;          // non-blank rows below the header
  size_t blank_rows = 0;         // blank rows below the header, skipped
  size_t invalid_rows = 0;       // rows with at least one error (counted past max_errors too)
  bool errors_truncated = false;

  bool ok() const { return invalid_rows == 0; }
  // Where the file has the spec column `key` (for the service's own row errors, so they name the
  // column as Parse's do); nullptr when the file lacks that column or the spec has no such key.
  const FileColumn* Column(std::string_view key) const;
};

struct ParseOptions {
  std::optional<Format> format;  // nullopt: by content (DetectFormat)
  ReadLimits limits;
  size_t max_errors = 1000;
  // Called with (rows converted, rows in total) every `progress_every` rows and once at the end,
  // on the calling thread, after the file has been read. Must not throw.
  std::function<void(size_t rows_done, size_t rows_total)> progress;
  size_t progress_every = 1000;
};

// Reads `bytes` (xlsx: its first worksheet; CSV: UTF-8 or GB18030) against `spec`. The header row
// is the first non-blank row; every other non-blank row is converted or refused.
// Errors (the whole file is refused): those of ReadXlsx / ReadCsv; InvalidArgument with field
// "header" for unknown, repeated or missing required columns (the message lists what is wrong and
// the expected headers) or an empty file; InvalidArgument with field "file" when `format` is given
// and the content is the other format; Internal for an invalid spec (see ValidateSpec).
// Thread-safe; `bytes` is only read during the call.
Result<ParseReport> Parse(std::string_view bytes, const TableSpec& spec, const ParseOptions& options = {});

// The import template: xlsx with the data sheet (header row, required headers red and marked
// '*', column formats, drop-downs for enums and booleans) and a "说明 Instructions" sheet listing
// every column, its type, whether it is required, its allowed values and notes; or a CSV file
// holding the header line. Errors: Internal for an invalid spec or when writing fails.
Result<std::string> Template(const TableSpec& spec, Format format, Language language = Language::kZh);

// `rows` as a file: header in `language`, enums and booleans by their labels, dates yyyy-mm-dd
// (real dates in xlsx), decimals with `scale` places. CSV text cells that start with = + - @ get
// a leading apostrophe so spreadsheet programs do not run them as formulas (Parse removes it
// again). Keys the spec does not know are ignored; a value of the wrong type for its column is
// Internal (a programming error). Thread-safe.
Result<std::string> Export(const TableSpec& spec, const std::vector<Record>& rows, Format format,
                           Language language = Language::kZh);

// The row-by-row error report as a file the user can download: row, column, header, message.
Result<std::string> ErrorReport(const std::vector<RowError>& errors, Format format, Language language = Language::kZh);

// OK when the spec is usable: keys and headers present and distinct (compared as imports compare
// headers: case, width and spaces ignored), enums with options, scale 0..9, min ≤ max. Otherwise
// Internal naming the column.
Status ValidateSpec(const TableSpec& spec);

enum class ImportMode { kAllOrNothing, kSkipBadRows };
std::string_view ImportModeName(ImportMode mode);                 // "all_or_nothing", "skip_bad_rows"
std::optional<ImportMode> ParseImportModeName(std::string_view name);

// Whether the service may go on to write report.rows under `mode`: kAllOrNothing with any row
// error, or no valid row at all, is InvalidArgument (field "file") with the counts; otherwise OK.
Status CheckImportable(const ParseReport& report, ImportMode mode);

}  // namespace lz::io
