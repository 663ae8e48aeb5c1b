// Request/Response helpers and the single StatusCode → HTTP status mapping.
#include "http/message.h"

#include <algorithm>

#include "common/text.h"

namespace lz::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

Status ParseFormEncoded(std::string_view text, std::multimap<std::string, std::string>& out, std::string_view what) {
  std::string key;
  std::string value;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view raw_key = pair.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (!PercentDecode(raw_key, true, key) || !PercentDecode(raw_value, true, value)) {
      return InvalidArgument("malformed percent-encoding in " + std::string(what));
    }
    if (key.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
      return InvalidArgument(std::string(what) + " contains NUL");
    }
    out.emplace(std::move(key), std::move(value));
  }
  return Status::Ok();
}


std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) != trusted_proxies.end();
  };
  if (!trusted(peer)) return peer;
  std::string client = peer;
  while (!forwarded_for.empty()) {
    const size_t comma = forwarded_for.rfind(',');
    const std::string hop = text::Trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (hop.empty()) continue;
    client = hop;
    if (!trusted(hop)) break;
  }
  return client;
}

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

bool IsStateChanging(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

std::string_view Request::Header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<std::string> Request::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  std::string_view all = Header("cookie");
  while (!all.empty()) {
    size_t semi = all.find(';');
    std::string_view part = all.substr(0, semi);
    all = semi == std::string_view::npos ? std::string_view() : all.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return std::nullopt;
}

Response Response::Json(const nlohmann::json& j, int status) {
  Response r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::Error(const Status& s) {
  nlohmann::json e = {{"code", std::string(StatusCodeName(s.code()))}, {"message", s.message()}};
  e["field"] = s.field().empty() ? nlohmann::json(nullptr) : nlohmann::json(s.field());
  return Json({{"error", e}}, HttpStatusFor(s.code()));
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

}  // namespace lz::http
