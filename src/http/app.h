// App: the HTTP face of the platform. Owns the router and the hooks around every route —
// session authentication, CSRF and Origin checks, OpenAPI validation, the JSON error mapping —
// and serves /healthz, /api/openapi.json, Open311 GeoReport v2 under /open311 and the embedded
// web UI. Handle() is the Server's
// Handler. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "http/message.h"
#include "http/openapi.h"
#include "http/router.h"
#include "services/platform.h"

namespace lz::http {

// What a route handler receives: the request, its validated JSON body, and the signed-in actor.
struct RouteContext {
  Request& request;
  nlohmann::json body;            // null when the operation takes no body
  services::Actor actor;          // System-less anonymous actor on public routes
  std::string session_token;      // cookie value (authenticated routes)
  std::string csrf_token;         // the session's CSRF token (authenticated routes)
};

struct AppOptions {
  bool secure_cookies = false;  // add `Secure` to the session cookie (deployments behind TLS)
  bool serve_ui = true;
};

inline constexpr std::string_view kSessionCookie = "lz_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

class App {
 public:
  // Loads the embedded OpenAPI document and registers every route.
  static Result<std::unique_ptr<App>> Create(services::Platform& platform, AppOptions options);

  Response Handle(Request& request);
  const Router& router() const { return router_; }
  const OpenApi& openapi() const { return *openapi_; }

 private:
  App(services::Platform& platform, AppOptions options) : platform_(platform), options_(options) {}
  Response HandleApi(Request& request);
  Response ServeStatic(const Request& request) const;

  services::Platform& platform_;
  AppOptions options_;
  Router router_;
  std::shared_ptr<const OpenApi> openapi_;
};

// Route registration, one function per resource file under http/routes/.
void RegisterAuthRoutes(Router& router, services::Platform& platform, const AppOptions& options);
void RegisterOrgRoutes(Router& router, services::Platform& platform);
void RegisterAccountRoutes(Router& router, services::Platform& platform);
void RegisterAuditRoutes(Router& router, services::Platform& platform);
void RegisterChainRoutes(Router& router, services::Platform& platform);
void RegisterCaseRoutes(Router& router, services::Platform& platform);
void RegisterCaseSheetRoutes(Router& router, services::Platform& platform);
void RegisterKpiRoutes(Router& router, services::Platform& platform);
void RegisterJobRoutes(Router& router, services::Platform& platform);
void RegisterPublicRoutes(Router& router, services::Platform& platform);
void RegisterApiKeyRoutes(Router& router, services::Platform& platform);
void RegisterMeetingRoutes(Router& router, services::Platform& platform);
void RegisterEnterpriseDemandRoutes(Router& router, services::Platform& platform);
void RegisterChainProblemRoutes(Router& router, services::Platform& platform);
void RegisterFieldRoutes(Router& router, services::Platform& platform);
void RegisterPolicyRoutes(Router& router, services::Platform& platform);
void RegisterWishRoutes(Router& router, services::Platform& platform);
void RegisterInvestmentRoutes(Router& router, services::Platform& platform);
void RegisterWorkPlanRoutes(Router& router, services::Platform& platform);
void RegisterAssessmentRoutes(Router& router, services::Platform& platform);
void RegisterSupportRoutes(Router& router, services::Platform& platform);
void RegisterCockpitRoutes(Router& router, services::Platform& platform);
void RegisterAttachmentRoutes(Router& router, services::Platform& platform);
void RegisterOpen311Routes(Router& router, services::Platform& platform, const AppOptions& options);

}  // namespace lz::http
