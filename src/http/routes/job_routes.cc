// Routes: GET /api/jobs/{id}, a background job's progress and outcome; and the job views the
// job-starting routes share (job_views.h).
#include "http/routes/job_views.h"

#include "http/routes/views.h"

namespace lz::http {

namespace views {

json ImportReport(const services::ImportReport& rep) {
  return {{"mode", std::string(io::ImportModeName(rep.mode))},
          {"format", rep.format == io::Format::kCsv ? "csv" : "xlsx"},
          {"data_rows", rep.data_rows},
          {"imported", rep.imported},
          {"committed", rep.committed},
          {"errors", Array(rep.errors, [](const services::ImportRowError& e) {
             return json{{"row", e.row}, {"column", e.column}, {"header", e.header}, {"message", e.message}};
           })},
          {"errors_truncated", rep.errors_truncated}};
}

namespace {

// The result's view by its type; null for a type without one.
json ResultView(const services::JobSnapshot& job) {
  if (const auto* report = job.ResultAs<services::ImportReport>()) return ImportReport(*report);
  return nullptr;
}

json ErrorView(const Status& s) {
  return {{"code", std::string(StatusCodeName(s.code()))},
          {"message", s.message()},
          {"field", s.field().empty() ? json(nullptr) : json(s.field())}};
}

}  // namespace

json Job(const services::JobSnapshot& job) {
  const bool finished = job.state != services::JobState::kRunning;
  return {{"id", job.id},
          {"kind", job.kind},
          {"state", std::string(services::JobStateName(job.state))},
          {"phase", std::string(services::JobPhaseName(job.progress.phase))},
          {"done", job.progress.done},
          {"total", job.progress.total},
          {"started_at", Time(job.started_at)},
          {"finished_at", finished ? Time(job.finished_at) : json(nullptr)},
          {"result", job.state == services::JobState::kSucceeded ? ResultView(job) : json(nullptr)},
          {"error", job.state == services::JobState::kFailed ? ErrorView(job.error) : json(nullptr)}};
}

Response JobStarted(services::JobRunner& jobs, const RouteContext& ctx, const Result<services::JobSnapshot>& started) {
  if (!started.ok()) return Response::Error(started.status());
  if (QueryText(ctx.request, "wait") == "true") {
    auto done = jobs.Wait(ctx.actor, started->id);
    if (!done.ok()) return Response::Error(done.status());
    if (done->state == services::JobState::kFailed) return Response::Error(done->error);
    return Response::Json(ResultView(*done));
  }
  Response r = Response::Json(Job(*started), 202);
  r.headers.emplace_back("Location", "/api/jobs/" + started->id);
  return r;
}

}  // namespace views

void RegisterJobRoutes(Router& router, services::Platform& platform) {
  auto& jobs = platform.jobs();
  router.Add({Method::kGet, "/api/jobs/{id}", "getJob", Access::kAuthenticated, [&jobs](RouteContext& ctx) {
                return views::Answer(jobs.Get(ctx.actor, ctx.request.path_params["id"]), views::Job);
              }});
}

}  // namespace lz::http
