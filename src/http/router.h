// Router: maps (method, path) to a route registered with an OpenAPI operationId. Paths are
// templates with parameters in braces ("/api/units/{id}"), a parameter optionally followed by a
// literal suffix within its segment ("/open311/v2/services/{code}.xml"); matching is segment by
// segment, literal segments win over suffixed parameters, which win over bare ones. Thread-safe for lookups once registration is finished.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/message.h"

namespace lz::http {

struct RouteContext;  // defined by the application (http/app.h): request plus authenticated actor

using RouteHandler = std::function<Response(RouteContext&)>;

enum class Access {
  kPublic,         // no session needed (login, health, public pages)
  kAuthenticated,  // needs a valid session; state-changing methods also need the CSRF token
  // Machine clients (Open311): no session and no cookie, so no Origin or CSRF check; the handler
  // authenticates the API key, reads its own input format and renders its own errors, so the
  // OpenAPI validator is not applied.
  kMachine,
};

struct Route {
  Method method;
  std::string path_template;  // "/api/units/{id}"
  std::string operation_id;   // must exist in the OpenAPI document
  Access access;
  RouteHandler handler;
};

class Router {
 public:
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;              // null when nothing matched
    bool path_matched_other_method = false;    // true → answer 405, not 404
    std::map<std::string, std::string> params;
  };
  // `path` is the request path without the query, as received (still percent-encoded, i.e.
  // Request::target up to '?'): segments are decoded here, after splitting, so an encoded '/'
  // ("%2F") stays inside one parameter. A path template matches only paths with the same number
  // of segments ("/api/units/" does not match "/api/units"); parameters match non-empty segments,
  // a suffixed parameter a segment ending in its suffix with something before it.
  // HEAD falls back to the GET route of the same path. Among several matching routes the one
  // whose first differing segment is literal wins; on a tie the first registered wins.
  Match Find(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace lz::http
