// ChainSheetsService: the spreadsheets of the chain-leader system, built on io/table — the
// enterprise registry's template, import (xlsx or CSV, UTF-8 or GB18030; all-or-nothing or
// skip-bad-rows, with a row-by-row report) and export of any filtered list, and the published
// "chain map + lists" set: each chain's gap list (breakpoints and leaks) and a gap's target list.
// Imports follow the contract in io/table.h: nothing is written when the file itself is refused;
// the rows written go in one transaction with one operation-log row. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "io/table.h"
#include "services/chain_analysis.h"
#include "services/enterprise_service.h"

namespace lz::services {

// A file to download.
struct SheetFile {
  std::string file_name;  // e.g. "企业库.xlsx"
  std::string content_type;
  std::string bytes;
};

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

class ChainSheetsService {
 public:
  ChainSheetsService(storage::Store& store, const Clock& clock, const AuditTrail& audit,
                     EnterpriseService& enterprises, ChainAnalysisService& analysis)
      : store_(store), clock_(clock), audit_(audit), enterprises_(enterprises), analysis_(analysis) {}

  // The enterprise list's columns (also the template's and the export's).
  static const io::TableSpec& EnterpriseSpec();

  Result<SheetFile> EnterpriseTemplate(const Actor& actor, io::Format format);
  Result<SheetFile> ExportEnterprises(const Actor& actor, const storage::EnterpriseQuery& query, io::Format format);
  // InvalidArgument when the file is not a readable spreadsheet or its headers are wrong (field
  // "header" or "file"); ResourceExhausted past the size and row limits. `progress` (optional) is
  // called as rows are checked.
  Result<ImportReport> ImportEnterprises(const Actor& actor, std::string_view bytes, io::ImportMode mode,
                                         const std::function<void(size_t, size_t)>& progress = {});

  // Breakpoints and leaks of a chain as a sheet.
  Result<SheetFile> ExportGaps(const Actor& actor, int64_t chain_id, io::Format format);
  // The ranked targets of a segment, with their reasons written out.
  Result<SheetFile> ExportTargets(const Actor& actor, int64_t chain_id, int64_t segment_id, io::Format format);

 private:
  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  EnterpriseService& enterprises_;
  ChainAnalysisService& analysis_;
};

}  // namespace lz::services
