// Request and Response: the HTTP layer's own view of one exchange, independent of Boost.Beast, so
// routes and middleware are plain functions that tests can call without a socket.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace lz::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method m);
// True for methods that change state (POST, PUT, PATCH, DELETE): these need a CSRF token.
bool IsStateChanging(Method m);

// The address of the client behind a request from `peer`: the peer itself unless it is one of
// `trusted_proxies`; then, walking X-Forwarded-For (`forwarded_for`, "a, b, c", each proxy
// appending the address it saw) from the right, the first address that is not a trusted proxy —
// the one a client cannot forge. A missing or empty header leaves the peer.
std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

// Percent-decodes `in` into `out` ('+' as a space when `plus_is_space`); false on a malformed escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out);
// Adds the pairs of "a=1&b=%E4%B8%AD" (a URL's query, or an application/x-www-form-urlencoded
// body) to `out`, decoded; empty pairs are skipped, a key without '=' gets "". InvalidArgument
// (naming `what` in the message) on a malformed escape or a NUL; `out` may then hold some pairs.
Status ParseFormEncoded(std::string_view text, std::multimap<std::string, std::string>& out, std::string_view what);

struct Request {
  Method method = Method::kGet;
  std::string target;                 // as received: path + "?" + query
  std::string path;                   // percent-decoded path, no query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::map<std::string, std::string> headers;     // names lower-cased
  std::string body;
  std::string client_address;         // peer IP, or the client a trusted proxy names (ClientAddress)
  std::map<std::string, std::string> path_params;  // filled by the router

  // Header value by lower-case name; empty when absent.
  std::string_view Header(std::string_view lower_name) const;
  // First query parameter of that name, if present.
  std::optional<std::string> Query(const std::string& name) const;
  // Value of a cookie from the Cookie header, if present.
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)

  static Response Json(const nlohmann::json& j, int status = 200);
  // The one JSON error body {"error":{"code","message","field"}} with the status mapped from s.
  static Response Error(const Status& s);
  static Response NoContent();
};

// The one mapping from StatusCode to HTTP status.
int HttpStatusFor(StatusCode code);

}  // namespace lz::http
