// Routes: /api/api-keys — issuing and revoking the API keys of machine clients (Open311 apps).
// The key itself is in the answer to the POST only.
#include "http/routes/views.h"

namespace lz::http {
namespace {

using nlohmann::json;

json ApiKeyView(const auth::ApiKey& k) {
  return {{"id", k.id},
          {"name", k.name},
          {"key_prefix", k.key_prefix},
          {"unit_id", k.unit_id},
          {"unit_name", k.unit_name},
          {"created_at", views::Time(k.created_at)},
          {"revoked_at", views::OptTime(k.revoked_at)},
          {"last_used_at", views::OptTime(k.last_used_at)}};
}

}  // namespace

void RegisterApiKeyRoutes(Router& router, services::Platform& platform) {
  router.Add({Method::kGet, "/api/api-keys", "listApiKeys", Access::kAuthenticated, [&platform](RouteContext& ctx) {
                return views::Answer(platform.api_keys().List(ctx.actor), [](const std::vector<auth::ApiKey>& keys) {
                  return json{{"items", views::Array(keys, ApiKeyView)}};
                });
              }});
  router.Add({Method::kPost, "/api/api-keys", "createApiKey", Access::kAuthenticated, [&platform](RouteContext& ctx) {
                auto issued = platform.api_keys().Issue(ctx.actor, ctx.body.at("name").get<std::string>(),
                                                        ctx.body.at("unit_id").get<int64_t>());
                return views::Answer(
                    issued, [](const services::IssuedApiKey& i) { return json{{"api_key", ApiKeyView(i.api_key)}, {"key", i.key}}; },
                    201);
              }});
  router.Add({Method::kPost, "/api/api-keys/{id}/revoke", "revokeApiKey", Access::kAuthenticated,
              [&platform](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(platform.api_keys().Revoke(ctx.actor, *id), ApiKeyView);
              }});
}

}  // namespace lz::http
