// Routes: /api/public — what anyone may read without an account. POST /api/public/case-lookups:
// a case's progress by its number and the last four digits of the reporter's phone (a POST so
// that the digits stay out of URLs, logs and caches); 404 for an unknown number and wrong digits
// alike, 429 with Retry-After when rate-limited (services/public_tracking.h).
#include "http/routes/views.h"
#include "services/public_tracking.h"

namespace lz::http {
namespace views {

namespace cw = casework;

json PublicCase(const services::PublicCase& c) {
  json steps = json::array();
  for (const auto& s : c.steps) {
    steps.push_back({{"type", std::string(cw::EventTypeName(s.type))},
                     {"at", views::Time(s.at)},
                     {"unit_name", s.unit_name.empty() ? json(nullptr) : json(s.unit_name)},
                     {"answer", s.answer.empty() ? json(nullptr) : json(s.answer)}});
  }
  return {{"number", c.number},
          {"channel_name", c.channel_name},
          {"category_name", c.category_name},
          {"region_name", c.region_name},
          {"state", std::string(cw::CaseStateName(c.state))},
          {"created_at", views::Time(c.created_at)},
          {"accepted_at", views::OptTime(c.accepted_at)},
          {"due_at", views::OptTime(c.due_at)},
          {"closed_at", views::OptTime(c.closed_at)},
          {"unit_name", c.unit_name.empty() ? json(nullptr) : json(c.unit_name)},
          {"steps", std::move(steps)},
          {"outcome", c.outcome ? json(std::string(cw::OutcomeName(*c.outcome))) : json(nullptr)},
          {"reply", c.replied_at ? json(c.reply) : json(nullptr)},
          {"replied_at", views::OptTime(c.replied_at)},
          {"rating", c.rating ? json(*c.rating) : json(nullptr)}};
}

}  // namespace views

void RegisterPublicRoutes(Router& router, services::Platform& platform) {
  router.Add({Method::kPost, "/api/public/case-lookups", "lookupPublicCase", Access::kPublic,
              [&platform](RouteContext& ctx) {
                TimeMs wait = 0;
                auto found = platform.tracking().Track(ctx.request.client_address,
                                                       ctx.body.at("number").get<std::string>(),
                                                       ctx.body.at("phone_last4").get<std::string>(), &wait);
                if (!found.ok()) {
                  Response r = Response::Error(found.status());
                  if (found.status().code() == StatusCode::kResourceExhausted) {
                    r.headers.emplace_back("Retry-After", std::to_string(services::RetryAfterSeconds(wait)));
                  }
                  return r;
                }
                return Response::Json(views::PublicCase(*found));
              }});
}

}  // namespace lz::http
