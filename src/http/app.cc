// App: hooks around routes, static UI, health.
#include "http/app.h"

#include <spdlog/spdlog.h>

#include "common/crypto.h"
#include "common/embedded.h"

namespace lz::http {
namespace {

constexpr std::string_view kOpenApiPath = "src/http/openapi.json";
constexpr std::string_view kWebRoot = "web/dist";

std::string_view ContentTypeFor(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".ttf")) return "font/ttf";
  return "application/octet-stream";
}

void AddSecurityHeaders(Response& r) {
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                         "font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
}

// Paths the holder of an expired password may still use: to see who they are, change it, or leave.
bool AllowedWithExpiredPassword(const std::string& operation_id) {
  return operation_id == "getMe" || operation_id == "changePassword" || operation_id == "logout";
}

// True when an Origin header, if sent, names this host.
bool SameOrigin(const Request& r) {
  std::string_view origin = r.Header("origin");
  if (origin.empty() || origin == "null") return origin.empty();
  size_t scheme_end = origin.find("://");
  std::string_view host = scheme_end == std::string_view::npos ? origin : origin.substr(scheme_end + 3);
  return host == r.Header("host");
}

}  // namespace

Result<std::unique_ptr<App>> App::Create(services::Platform& platform, AppOptions options) {
  auto app = std::unique_ptr<App>(new App(platform, options));
  const EmbeddedFile* doc = assets::Find(kOpenApiPath);
  if (!doc) return Internal("the OpenAPI document is missing from the binary");
  ASSIGN_OR_RETURN(app->openapi_, OpenApi::Load(doc->bytes));
  RegisterAuthRoutes(app->router_, platform, app->options_);
  RegisterOrgRoutes(app->router_, platform);
  RegisterAccountRoutes(app->router_, platform);
  RegisterAuditRoutes(app->router_, platform);
  RegisterChainRoutes(app->router_, platform);
  RegisterCaseRoutes(app->router_, platform);
  RegisterCaseSheetRoutes(app->router_, platform);
  RegisterKpiRoutes(app->router_, platform);
  RegisterJobRoutes(app->router_, platform);
  RegisterPublicRoutes(app->router_, platform);
  RegisterApiKeyRoutes(app->router_, platform);
  RegisterMeetingRoutes(app->router_, platform);
  RegisterEnterpriseDemandRoutes(app->router_, platform);
  RegisterChainProblemRoutes(app->router_, platform);
  RegisterFieldRoutes(app->router_, platform);
  RegisterPolicyRoutes(app->router_, platform);
  RegisterWishRoutes(app->router_, platform);
  RegisterInvestmentRoutes(app->router_, platform);
  RegisterWorkPlanRoutes(app->router_, platform);
  RegisterAssessmentRoutes(app->router_, platform);
  RegisterSupportRoutes(app->router_, platform);
  RegisterCockpitRoutes(app->router_, platform);
  RegisterAttachmentRoutes(app->router_, platform);
  RegisterOpen311Routes(app->router_, platform, app->options_);
  return app;
}

Response App::Handle(Request& request) {
  if (request.path == "/healthz") {
    return Response::Json({{"status", "ok"}});
  }
  if (request.path == "/api/openapi.json" && (request.method == Method::kGet || request.method == Method::kHead)) {
    Response r;
    r.body = std::string(assets::Find(kOpenApiPath)->bytes);
    return r;
  }
  const bool open311 = request.path.starts_with("/open311/");
  if (request.path.starts_with("/api/") || request.path == "/api" || open311) {
    // API answers carry personal data and session state: no cache may keep them.
    Response r = HandleApi(request);
    r.headers.emplace_back("Cache-Control", "no-store");
    // Civic apps' web pages may call GeoReport from any origin: no cookie is involved.
    if (open311) r.headers.emplace_back("Access-Control-Allow-Origin", "*");
    return r;
  }
  if (options_.serve_ui && (request.method == Method::kGet || request.method == Method::kHead)) {
    return ServeStatic(request);
  }
  return Response::Error(NotFound("no such resource"));
}

Response App::HandleApi(Request& request) {
  // The router decodes path parameters itself, so it gets the path as received.
  std::string_view raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
  Router::Match match = router_.Find(request.method, raw_path);
  if (!match.route) {
    if (match.path_matched_other_method) {
      Response r = Response::Error(Status(StatusCode::kInvalidArgument, "method not allowed"));
      r.status = 405;
      return r;
    }
    return Response::Error(NotFound("no such API endpoint: " + request.path));
  }
  const Route& route = *match.route;
  request.path_params = std::move(match.params);
  RouteContext ctx{request, nullptr, services::Actor{}, {}, {}};
  ctx.actor.client_address = request.client_address;

  if (route.access != Access::kMachine && IsStateChanging(request.method) && !SameOrigin(request)) {
    return Response::Error(PermissionDenied("cross-origin request refused"));
  }
  if (route.access == Access::kAuthenticated) {
    ctx.session_token = request.Cookie(kSessionCookie).value_or("");
    auto auth = platform_.auth().Authenticate(ctx.session_token, request.client_address);
    if (!auth.ok()) return Response::Error(auth.status());
    ctx.actor = std::move(auth->first);
    ctx.csrf_token = std::move(auth->second);
    if (IsStateChanging(request.method) &&
        !crypto::ConstantTimeEquals(request.Header(kCsrfHeader), ctx.csrf_token)) {
      return Response::Error(platform_.audit_trail().Deny(
          ctx.actor, route.operation_id, "request", "",
          PermissionDenied("missing or wrong CSRF token (send the X-CSRF-Token header)")));
    }
    if (ctx.actor.password_expired && !AllowedWithExpiredPassword(route.operation_id)) {
      return Response::Error(FailedPrecondition("the password has expired and must be changed first"));
    }
  }
  if (route.access != Access::kMachine) {
    Status valid = openapi_->Validate(request, route.path_template, ctx.body);
    if (!valid.ok()) return Response::Error(valid);
  }
  try {
    return route.handler(ctx);
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", MethodName(request.method), request.path, e.what());
    return Response::Error(Internal("internal error"));
  }
}

Response App::ServeStatic(const Request& request) const {
  std::string rel = request.path == "/" ? "/index.html" : request.path;
  const EmbeddedFile* file = assets::Find(std::string(kWebRoot) + rel);
  bool is_index = false;
  if (!file) {
    // History-mode routes of the single-page app: any path without a file extension.
    std::string_view last = std::string_view(rel).substr(rel.rfind('/') + 1);
    if (last.find('.') != std::string_view::npos) return Response::Error(NotFound("no such file"));
    file = assets::Find(std::string(kWebRoot) + "/index.html");
    is_index = true;
    if (!file) return Response::Error(NotFound("the web UI is not built into this binary (run make web)"));
  }
  Response r;
  r.content_type = std::string(ContentTypeFor(file->path));
  r.body = std::string(file->bytes);
  bool hashed_asset = rel.starts_with("/assets/");
  r.headers.emplace_back("Cache-Control",
                         hashed_asset && !is_index ? "public, max-age=31536000, immutable" : "no-cache");
  AddSecurityHeaders(r);
  return r;
}

}  // namespace lz::http
