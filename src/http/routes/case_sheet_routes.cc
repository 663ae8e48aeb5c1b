// Routes: the case categories' spreadsheets — GET /api/case-categories/template and
// /api/case-categories/export (?format=xlsx|csv), and POST /api/case-categories/import (the file as
// the body, ?mode=all_or_nothing|skip_bad_rows), a background job like the enterprise import:
// 202 with the job, polled at /api/jobs/{id}; with ?wait=true the report itself (200).
#include "http/routes/job_views.h"
#include "http/routes/sheet_views.h"
#include "http/routes/views.h"

namespace lz::http {

void RegisterCaseSheetRoutes(Router& router, services::Platform& platform) {
  auto& sheets = platform.case_sheets();
  auto& jobs = platform.jobs();
  router.Add({Method::kGet, "/api/case-categories/template", "caseCategoryTemplate", Access::kAuthenticated,
              [&sheets](RouteContext& ctx) {
                return views::SheetDownload(sheets.CategoryTemplate(ctx.actor, views::SheetFormatOf(ctx.request)));
              }});
  router.Add({Method::kGet, "/api/case-categories/export", "exportCaseCategories", Access::kAuthenticated,
              [&sheets](RouteContext& ctx) {
                return views::SheetDownload(sheets.ExportCategories(ctx.actor, views::SheetFormatOf(ctx.request)));
              }});
  router.Add({Method::kPost, "/api/case-categories/import", "importCaseCategories", Access::kAuthenticated,
              [&sheets, &jobs](RouteContext& ctx) {
                return views::JobStarted(jobs, ctx,
                                         sheets.StartCategoryImport(ctx.actor, std::move(ctx.request.body),
                                                                    views::ImportModeOf(ctx.request)));
              }});
}

}  // namespace lz::http
