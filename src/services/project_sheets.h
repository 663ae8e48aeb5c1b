// ProjectSheetsService: the investment projects' spreadsheets (招商项目, issue 7 point 1), built on
// io/table like the enterprise registry's — the template, the export of any filtered list (the
// filters of GET /api/investment-projects, within the data scope) and the import (xlsx or CSV,
// UTF-8 or GB18030; all-or-nothing or skip-bad-rows, with a row-by-row report).
//
// Each imported row creates one project through InvestmentService::CreateProjectWithin, so the
// rules are the service's own: the investor is found by its credit code in the registry (an
// unknown code refuses the row naming that column; the investor's name column is informative),
// the chain by name, the segment by name within the chain, the promotion event by name, the
// responsible unit by name (blank: the actor's unit; outside the scope: refused), amounts as text
// through investment::ParseAmountText (paid in above agreed refuses the row), and the stage with
// its date applied as on creation (signed_on set, the first history row appended, 投产 filling the
// segment). The rows written go in one transaction with one operation-log row (project.import)
// besides each project's own. Imports run as background jobs (StartImport) whose progress and
// report are read through JobRunner; Import runs one on the caller's thread. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "io/table.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/import_report.h"
#include "services/investment_service.h"
#include "services/jobs.h"
#include "services/sheets.h"
#include "storage/repositories.h"

namespace lz::services {

// The JobSnapshot::kind of a project import; its result is an ImportReport.
inline constexpr std::string_view kProjectImportJob = "project.import";

class ProjectSheetsService {
 public:
  // Every reference must outlive the service, and the runner must stop (its destructor) before
  // the service goes.
  ProjectSheetsService(storage::Store& store, const Clock& clock, const AuditTrail& audit,
                       InvestmentService& investments, JobRunner& jobs)
      : store_(store), clock_(clock), audit_(audit), investments_(investments), jobs_(jobs) {}

  // The project list's columns (also the template's and the export's; 签约日期 is export only).
  static const io::TableSpec& Spec();

  // chain:project:read.
  Result<SheetFile> Template(const Actor& actor, io::Format format);
  // chain:project:read; the query's page is ignored.
  Result<SheetFile> Export(const Actor& actor, const storage::ProjectQuery& query, io::Format format);
  // Imports on the calling thread. PermissionDenied without chain:project:write; the file-level
  // errors and `progress` as ChainSheetsService::ImportEnterprises. Bad rows are report lines
  // naming their column.
  Result<ImportReport> Import(const Actor& actor, std::string_view bytes, io::ImportMode mode,
                              const ProgressFn& progress = {});
  // Import as a job of kind kProjectImportJob owned by `actor`. The permission is checked here
  // first (PermissionDenied, no job); ResourceExhausted when the runner's limits are reached.
  Result<JobSnapshot> StartImport(const Actor& actor, std::string bytes, io::ImportMode mode);

 private:
  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  InvestmentService& investments_;
  JobRunner& jobs_;
};

}  // namespace lz::services
