// Routes: /api/auth — login, logout, the signed-in user, password change.
#include "http/routes/views.h"

namespace lz::http {
namespace {

std::string SessionCookie(const std::string& token, TimeMs max_age, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age / 1000);
  if (secure) c += "; Secure";
  return c;
}

}  // namespace

void RegisterAuthRoutes(Router& router, services::Platform& platform, const AppOptions& options) {
  router.Add({Method::kPost, "/api/auth/login", "login", Access::kPublic, [&platform, options](RouteContext& ctx) {
                services::LoginRequest req{ctx.body.at("login").get<std::string>(),
                                           ctx.body.at("password").get<std::string>(), ctx.request.client_address,
                                           std::string(ctx.request.Header("user-agent"))};
                auto grant = platform.auth().Login(req);
                if (!grant.ok()) return Response::Error(grant.status());
                auto me = platform.auth().Describe(grant->actor, grant->csrf_token);
                if (!me.ok()) return Response::Error(me.status());
                Response r = Response::Json({{"user", views::Me(*me, platform.password_policy())},
                                             {"csrf_token", grant->csrf_token}});
                r.headers.emplace_back(
                    "Set-Cookie",
                    SessionCookie(grant->token, platform.config().session.absolute_timeout, options.secure_cookies));
                return r;
              }});
  router.Add({Method::kPost, "/api/auth/logout", "logout", Access::kAuthenticated, [&platform, options](RouteContext& ctx) {
                Status st = platform.auth().Logout(ctx.session_token, ctx.request.client_address);
                if (!st.ok()) return Response::Error(st);
                Response r = Response::NoContent();
                r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, options.secure_cookies));
                return r;
              }});
  router.Add({Method::kGet, "/api/auth/me", "getMe", Access::kAuthenticated, [&platform](RouteContext& ctx) {
                auto me = platform.auth().Describe(ctx.actor, ctx.csrf_token);
                if (!me.ok()) return Response::Error(me.status());
                return Response::Json(
                    {{"user", views::Me(*me, platform.password_policy())}, {"csrf_token", ctx.csrf_token}});
              }});
  router.Add({Method::kPost, "/api/auth/password", "changePassword", Access::kAuthenticated,
              [&platform](RouteContext& ctx) {
                return views::Answer(platform.auth().ChangePassword(ctx.actor, ctx.session_token,
                                                                    ctx.body.at("old_password").get<std::string>(),
                                                                    ctx.body.at("new_password").get<std::string>()));
              }});
}

}  // namespace lz::http
