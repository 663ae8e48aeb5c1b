// The monthly report of the chains (issue 7 point 8), as CockpitService::MonthlyReport builds it,
// rendered as an xlsx sheet (one row per chain, then the city) and as a printable HTML document
// (one section per chain, then the city). Pure rendering: no I/O.
#pragma once

#include <string>

#include "services/cockpit_service.h"
#include "services/sheets.h"

namespace lz::services {

// "产业链月报_2025-11.xlsx" (with the chain's name when the report is for one chain).
Result<SheetFile> CockpitReportSheet(const CockpitReport& report);
// A self-contained HTML document (inline CSS for screen and print, no script), every text escaped.
std::string CockpitReportHtml(const CockpitReport& report);

}  // namespace lz::services
