// CaseSheetsService: the casework catalogue's spreadsheets, built on io/table — the case
// categories' template, export and import (xlsx or CSV, UTF-8 or GB18030; all-or-nothing or
// skip-bad-rows, with a row-by-row report). The sheet has the columns of the shipped catalogue
// (data/casework/categories.csv) plus whether the category is active and its order.
//
// An import follows the contract in io/table.h: a code not yet in the catalogue creates the
// category, an existing code updates its name, limits, ladder, activity and order (a blank
// "active" or "order" cell keeps the stored value; a new category is active with order 0). A new
// code's parent (the code without its last level) must be in the catalogue or on a row of the
// same file that is written: rows are taken shortest code first, so "01" precedes "0101" whatever
// the file's order. Every row gets the domain's checks (ValidateCategory); a refused row is a
// report line with its column. The rows written go in one transaction with one operation-log row
// (case.category.import). Imports run as background jobs (StartCategoryImport), so they share the
// enterprise import's route shape and the UI's import dialog; ImportCategories runs one on the
// caller's thread. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "io/table.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/import_report.h"
#include "services/jobs.h"
#include "services/sheets.h"
#include "storage/repositories.h"

namespace lz::services {

// The JobSnapshot::kind of a category import; its result is an ImportReport.
inline constexpr std::string_view kCategoryImportJob = "case.category.import";

class CaseSheetsService {
 public:
  // Every reference must outlive the service, and the runner must stop (its destructor) before
  // the service goes.
  CaseSheetsService(storage::Store& store, const AuditTrail& audit, JobRunner& jobs)
      : store_(store), audit_(audit), jobs_(jobs) {}

  // The category sheet's columns (the template's, the export's and the import's).
  static const io::TableSpec& CategorySpec();

  // The import template. PermissionDenied without case:case:read.
  Result<SheetFile> CategoryTemplate(const Actor& actor, io::Format format);
  // Every category, by code. PermissionDenied without case:case:read.
  Result<SheetFile> ExportCategories(const Actor& actor, io::Format format);
  // Imports on the calling thread. PermissionDenied without case:catalogue:write; InvalidArgument
  // when the file is not a readable spreadsheet or its headers are wrong (field "header" or
  // "file"); ResourceExhausted past the size and row limits. Bad rows are not errors: they are in
  // the report. `progress` as for RunImport (services/sheets.h).
  Result<ImportReport> ImportCategories(const Actor& actor, std::string_view bytes, io::ImportMode mode,
                                        const ProgressFn& progress = {});
  // ImportCategories as a job of kind kCategoryImportJob owned by `actor`, with `bytes` moved into
  // it; returns the job as started. The permission is checked here first (PermissionDenied, no
  // job); ResourceExhausted when the runner's limits are reached. Every other error of
  // ImportCategories ends the job as failed with that Status.
  Result<JobSnapshot> StartCategoryImport(const Actor& actor, std::string bytes, io::ImportMode mode);

 private:
  storage::Store& store_;
  const AuditTrail& audit_;
  JobRunner& jobs_;
};

}  // namespace lz::services
