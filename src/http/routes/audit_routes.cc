// Routes: /api/audit — login log, operation log, chain verification.
#include "http/routes/views.h"

namespace lz::http {
namespace {

storage::LogQuery LogQueryOf(const Request& r) {
  storage::LogQuery q;
  q.login = views::QueryText(r, "login");
  q.action = views::QueryText(r, "action");
  q.result = views::QueryText(r, "result");
  q.page = views::QueryPage(r);
  return q;
}

}  // namespace

void RegisterAuditRoutes(Router& router, services::Platform& platform) {
  auto& audit = platform.audit();
  router.Add({Method::kGet, "/api/audit/logins", "listLoginLog", Access::kAuthenticated, [&audit](RouteContext& ctx) {
                auto q = LogQueryOf(ctx.request);
                return views::Answer(audit.ListLogins(ctx.actor, q), [&](const storage::PageOf<audit::LoginRecord>& p) {
                  return views::Page(p, q.page, views::LoginRecord);
                });
              }});
  router.Add({Method::kGet, "/api/audit/operations", "listOperationLog", Access::kAuthenticated,
              [&audit](RouteContext& ctx) {
                auto q = LogQueryOf(ctx.request);
                return views::Answer(audit.ListOperations(ctx.actor, q),
                                     [&](const storage::PageOf<audit::OperationRecord>& p) {
                                       return views::Page(p, q.page, views::OperationRecord);
                                     });
              }});
  router.Add({Method::kGet, "/api/audit/verify", "verifyAuditChain", Access::kAuthenticated, [&audit](RouteContext& ctx) {
                return views::Answer(audit.Verify(ctx.actor), [](const services::VerifyReport& r) {
                  nlohmann::json bad = nullptr;
                  if (r.first_bad) {
                    bad = {{"table", std::string(audit::LogTableName(r.first_bad->log))},
                           {"id", r.first_bad->row_id},
                           {"reason", r.first_bad->reason}};
                  }
                  return nlohmann::json{{"ok", r.ok()}, {"checked", r.checked}, {"first_bad", bad}};
                });
              }});
}

}  // namespace lz::http
