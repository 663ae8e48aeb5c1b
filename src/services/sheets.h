// What every list's spreadsheet service shares (ChainSheetsService, CaseSheetsService, the KPI
// export): the file it hands out (SheetFile), a spec column in one call, and RunImport, which
// carries out the import contract of io/table.h — parse, check and write every row in one
// transaction, roll back under all-or-nothing when a row is bad, record the import in the
// operation log — around a service's own per-row check-and-write.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "io/table.h"
#include "services/import_report.h"
#include "services/jobs.h"
#include "storage/repositories.h"

namespace lz::services {

// A file to download.
struct SheetFile {
  std::string file_name;  // e.g. "企业库.xlsx"
  std::string content_type;
  std::string bytes;
};

inline constexpr std::string_view kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr std::string_view kCsvContentType = "text/csv; charset=utf-8";

// `bytes` as "<stem>.xlsx" or "<stem>.csv" with the format's content type.
SheetFile SheetFileOf(const std::string& stem, io::Format format, std::string bytes);

// A spec column with its key, headers, type and presence (the other fields at their defaults).
io::ColumnSpec SheetColumn(std::string key, std::string zh, std::string en, io::ColumnType type,
                           io::Presence presence = io::Presence::kOptional);

// A service's part of an import, called by RunImport inside its one write transaction.
struct ImportSteps {
  // Optional: called once before the first row (e.g. to load what the rows are checked against).
  std::function<Status(storage::Repositories&)> prepare;
  // Optional: puts the rows without cell errors in the order they are checked and written (e.g.
  // parents before children); rows keep their numbers, and the report lists errors by row.
  std::function<void(std::vector<io::ParsedRow>&)> order;
  // Checks one row against the domain and the database and writes it. InvalidArgument and
  // AlreadyExists refuse the row (a report line, through RowErrorOf: Status::field() names a spec
  // key); any other error aborts the import and is returned, with nothing written.
  std::function<Status(storage::Repositories&, const io::ParsedRow&)> write;
  // Records the import in the operation log; called once, after the rows, only when the
  // transaction is to commit, with the report so far (imported: the rows written).
  std::function<Status(storage::Repositories&, const ImportReport&)> record;
};

// The operation log's detail of an import: "skip_bad_rows: 3 of 5 rows imported".
std::string ImportDetail(const ImportReport& report);

// Steps 1–4 of the io/table.h import contract over `bytes` read against `spec`: Parse (its Status
// errors refuse the whole file, nothing written); then one write transaction in which every row
// without cell errors goes through steps.write (in both modes, so the report lists every bad row
// at once); kAllOrNothing with any bad row (cell or domain) rolls the transaction back, otherwise
// steps.record runs and it commits. The report's errors come sorted by row.
// `progress` (optional), on this thread: reading (0 of 0) before the file is read, checking (rows
// converted of the rows below the header) while Parse converts them, writing (rows written or
// refused, of the rows without cell errors) inside the transaction, and once more at each
// phase's end. The caller checks permissions first.
Result<ImportReport> RunImport(storage::Store& store, std::string_view bytes, const io::TableSpec& spec,
                               io::ImportMode mode, const ProgressFn& progress, const ImportSteps& steps);

}  // namespace lz::services
