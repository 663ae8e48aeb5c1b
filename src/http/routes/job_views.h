// Background jobs over HTTP, shared by the routes that start jobs (imports) and by
// GET /api/jobs/{id} (job_routes.cc, which implements these): the job's JSON view, the import
// report's, and the one answer every job-starting route gives — 202 with the job, or with
// ?wait=true the finished job's result (200) or its error, as a synchronous call would answer.
#pragma once

#include <nlohmann/json.hpp>

#include "http/app.h"
#include "services/import_report.h"
#include "services/jobs.h"

namespace lz::http::views {

nlohmann::json ImportReport(const services::ImportReport& report);

// {id, kind, state, phase, done, total, started_at, finished_at, result, error}: `result` is the
// job's result view when it succeeded (an ImportReport for imports), else null; `error` is
// {code, message, field} as in every error body when it failed, else null.
nlohmann::json Job(const services::JobSnapshot& job);

// The answer of a route that has just started `started` for ctx.actor: its error; with the query
// parameter wait=true, after the job has finished, 200 with its result or its error mapped as any
// error; otherwise 202 with Job(…) and a Location header naming /api/jobs/{id}. Blocks the calling
// thread only with wait=true.
Response JobStarted(services::JobRunner& jobs, const RouteContext& ctx, const Result<services::JobSnapshot>& started);

}  // namespace lz::http::views
