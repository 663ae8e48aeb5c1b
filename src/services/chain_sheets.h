// ChainSheetsService: the spreadsheets of the chain-leader system, built on io/table — the
// enterprise registry's template, import (xlsx or CSV, UTF-8 or GB18030; all-or-nothing or
// skip-bad-rows, with a row-by-row report) and export of any filtered list, and the published
// "chain map + lists" set: each chain's gap list (breakpoints and leaks) and a gap's target list.
// Imports follow the contract in io/table.h: nothing is written when the file itself is refused;
// the rows written go in one transaction with one operation-log row. An import runs either on the
// caller's thread (ImportEnterprises) or as a background job (StartEnterpriseImport) whose
// progress and report are read through JobRunner. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/table.h"
#include "services/chain_analysis.h"
#include "services/enterprise_service.h"
#include "services/import_report.h"
#include "services/jobs.h"
#include "services/sheets.h"

namespace lz::services {

// The JobSnapshot::kind of an enterprise import; its result is an ImportReport.
inline constexpr std::string_view kEnterpriseImportJob = "enterprise.import";

class ChainSheetsService {
 public:
  // `jobs` runs the background imports; every reference must outlive the service, and the
  // runner must stop (its destructor) before the service goes.
  ChainSheetsService(storage::Store& store, const Clock& clock, const AuditTrail& audit,
                     EnterpriseService& enterprises, ChainAnalysisService& analysis, JobRunner& jobs)
      : store_(store), clock_(clock), audit_(audit), enterprises_(enterprises), analysis_(analysis), jobs_(jobs) {}

  // The enterprise list's columns (also the template's and the export's).
  static const io::TableSpec& EnterpriseSpec();

  Result<SheetFile> EnterpriseTemplate(const Actor& actor, io::Format format);
  Result<SheetFile> ExportEnterprises(const Actor& actor, const storage::EnterpriseQuery& query, io::Format format);
  // Imports on the calling thread. PermissionDenied without enterprise:write; InvalidArgument
  // when the file is not a readable spreadsheet or its headers are wrong (field "header" or
  // "file"); ResourceExhausted past the size and row limits. Bad rows are not errors: they are in
  // the report (with their column when the file has it). `progress` (optional) is called on this
  // thread: reading (0 of 0) before the file is read, checking (rows converted of the rows below
  // the header) while Parse converts them, writing (rows checked against the database and written,
  // of the rows without cell errors) inside the transaction, and once more at each phase's end.
  Result<ImportReport> ImportEnterprises(const Actor& actor, std::string_view bytes, io::ImportMode mode,
                                         const ProgressFn& progress = {});
  // ImportEnterprises as a job of kind kEnterpriseImportJob owned by `actor`, run on the job
  // runner's thread with `bytes` moved into it; returns the job as started. The permission is
  // checked here first (PermissionDenied, no job); ResourceExhausted when the runner's limits are
  // reached. Every other error of ImportEnterprises ends the job as failed with that Status.
  Result<JobSnapshot> StartEnterpriseImport(const Actor& actor, std::string bytes, io::ImportMode mode);

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
  JobRunner& jobs_;
};

}  // namespace lz::services
