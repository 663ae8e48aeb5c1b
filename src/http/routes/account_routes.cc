// Routes: /api/users, /api/roles, /api/permissions.
#include "domain/auth/permissions.h"
#include "http/routes/views.h"

namespace lz::http {
namespace {

Result<services::UserInput> UserInputOf(const nlohmann::json& b, bool create) {
  services::UserInput in;
  if (create) {
    in.login = b.at("login").get<std::string>();
    in.password = b.at("password").get<std::string>();
  } else {
    auto status = auth::ParseUserStatus(b.at("status").get<std::string>());
    if (!status) return InvalidArgument("unknown status", "status");
    in.status = *status;
  }
  in.name = b.at("name").get<std::string>();
  in.phone = views::OptString(b, "phone");
  in.keep_phone = !create && !b.contains("phone");
  in.unit_id = b.at("unit_id").get<int64_t>();
  in.role_ids = b.at("role_ids").get<std::vector<int64_t>>();
  ASSIGN_OR_RETURN(in.scope, views::ParseScope(b));
  return in;
}

services::RoleInput RoleInputOf(const nlohmann::json& b, bool create) {
  services::RoleInput in;
  if (create) in.key = b.at("key").get<std::string>();
  in.name = b.at("name").get<std::string>();
  for (const auto& p : b.at("permissions")) in.permissions.insert(p.get<std::string>());
  return in;
}

}  // namespace

void RegisterAccountRoutes(Router& router, services::Platform& platform) {
  auto& accounts = platform.accounts();

  router.Add({Method::kGet, "/api/users", "listUsers", Access::kAuthenticated, [&accounts](RouteContext& ctx) {
                services::UserFilter f;
                f.q = views::QueryText(ctx.request, "q");
                f.unit_id = views::QueryOptInt(ctx.request, "unit_id");
                f.page = views::QueryPage(ctx.request);
                return views::Answer(accounts.ListUsers(ctx.actor, f),
                                     [&](const storage::PageOf<services::UserView>& page) {
                                       return views::Page(page, f.page, views::User);
                                     });
              }});
  router.Add({Method::kGet, "/api/users/{id}", "getUser", Access::kAuthenticated, [&accounts](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(accounts.GetUser(ctx.actor, *id), views::User);
              }});
  router.Add({Method::kPost, "/api/users", "createUser", Access::kAuthenticated, [&accounts](RouteContext& ctx) {
                auto in = UserInputOf(ctx.body, true);
                if (!in.ok()) return Response::Error(in.status());
                return views::Answer(accounts.CreateUser(ctx.actor, *in), views::User, 201);
              }});
  router.Add({Method::kPut, "/api/users/{id}", "updateUser", Access::kAuthenticated, [&accounts](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                auto in = UserInputOf(ctx.body, false);
                if (!in.ok()) return Response::Error(in.status());
                return views::Answer(accounts.UpdateUser(ctx.actor, *id, *in), views::User);
              }});
  router.Add({Method::kPost, "/api/users/{id}/unlock", "unlockUser", Access::kAuthenticated,
              [&accounts](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(accounts.UnlockUser(ctx.actor, *id));
              }});
  router.Add({Method::kPost, "/api/users/{id}/password", "resetUserPassword", Access::kAuthenticated,
              [&accounts](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(
                    accounts.ResetPassword(ctx.actor, *id, ctx.body.at("new_password").get<std::string>()));
              }});

  router.Add({Method::kGet, "/api/roles", "listRoles", Access::kAuthenticated, [&accounts](RouteContext& ctx) {
                return views::Answer(accounts.ListRoles(ctx.actor), [](const std::vector<auth::Role>& roles) {
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& r : roles) items.push_back(views::Role(r));
                  return nlohmann::json{{"items", items}};
                });
              }});
  router.Add({Method::kPost, "/api/roles", "createRole", Access::kAuthenticated, [&accounts](RouteContext& ctx) {
                return views::Answer(accounts.CreateRole(ctx.actor, RoleInputOf(ctx.body, true)), views::Role, 201);
              }});
  router.Add({Method::kPut, "/api/roles/{id}", "updateRole", Access::kAuthenticated, [&accounts](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(accounts.UpdateRole(ctx.actor, *id, RoleInputOf(ctx.body, false)), views::Role);
              }});
  router.Add({Method::kDelete, "/api/roles/{id}", "deleteRole", Access::kAuthenticated, [&accounts](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                return views::Answer(accounts.DeleteRole(ctx.actor, *id));
              }});
  router.Add({Method::kGet, "/api/permissions", "listPermissions", Access::kAuthenticated, [](RouteContext&) {
                nlohmann::json items = nlohmann::json::array();
                for (const auto& p : auth::AllPermissions()) {
                  items.push_back({{"key", std::string(p.key)}, {"group", std::string(p.group)}});
                }
                return Response::Json({{"items", items}});
              }});
}

}  // namespace lz::http
