// JSON views and request helpers.
#include "http/routes/views.h"

#include <charconv>

#include "common/text.h"

namespace lz::http::views {

json Time(TimeMs t) { return FormatIsoTime(t); }
json OptTime(const std::optional<TimeMs>& t) { return t ? json(FormatIsoTime(*t)) : json(nullptr); }

json Region(const org::Region& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"level", std::string(org::RegionLevelName(r.level))},
          {"parent_code", r.parent_code.empty() ? json(nullptr) : json(r.parent_code)},
          {"child_count", r.child_count}};
}

json Unit(const org::Unit& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"kind", std::string(org::UnitKindName(u.kind))},
          {"region_code", u.region_code},
          {"region_name", u.region_name},
          {"parent_id", u.parent_id ? json(*u.parent_id) : json(nullptr)},
          {"parent_name", u.parent_id ? json(u.parent_name) : json(nullptr)},
          {"code", u.code ? json(*u.code) : json(nullptr)},
          {"created_at", Time(u.created_at)},
          {"updated_at", Time(u.updated_at)}};
}

json Position(const org::Position& p) {
  return {{"id", p.id},
          {"user_id", p.user_id},
          {"user_name", p.user_name},
          {"kind", std::string(org::PositionKindName(p.kind))},
          {"context_type", std::string(org::ContextTypeName(p.context_type))},
          {"context_ref", p.context_ref},
          {"context_name", p.context_name},
          {"created_at", Time(p.created_at)}};
}

json Role(const auth::Role& r) {
  return {{"id", r.id}, {"key", r.key}, {"name", r.name}, {"permissions", r.permissions}, {"builtin", r.builtin}};
}

json Scope(const auth::DataScope& s) {
  return {{"kind", std::string(auth::ScopeKindName(s.kind))}, {"unit_ids", s.unit_ids}};
}

json User(const services::UserView& v) {
  const auth::User& u = v.user;
  json roles = json::array();
  for (const auto& r : v.roles) roles.push_back({{"id", r.id}, {"key", r.key}, {"name", r.name}});
  return {{"id", u.id},
          {"login", u.login},
          {"name", u.name},
          {"phone", u.phone ? json(text::MaskPhone(*u.phone)) : json(nullptr)},
          {"unit_id", u.unit_id},
          {"unit_name", u.unit_name},
          {"roles", roles},
          {"scope", Scope(u.scope)},
          {"status", std::string(auth::UserStatusName(u.status))},
          {"locked_until", OptTime(u.locked_until)},
          {"password_changed_at", Time(u.password_changed_at)},
          {"created_at", Time(u.created_at)}};
}

json Me(const services::Me& me, const auth::PasswordPolicy& policy) {
  return {{"id", me.user.id},
          {"login", me.user.login},
          {"name", me.user.name},
          {"unit_id", me.user.unit_id},
          {"unit_name", me.user.unit_name},
          {"permissions", me.permissions},
          {"scope", Scope(me.user.scope)},
          {"password_expired", me.password_expired},
          {"password_policy", std::string(auth::PasswordProfileName(policy.profile()))}};
}

json LoginRecord(const audit::LoginRecord& r) {
  return {{"id", r.id},
          {"at", Time(r.at)},
          {"login", r.login},
          {"user_id", r.user_id ? json(*r.user_id) : json(nullptr)},
          {"result", std::string(audit::LoginResultName(r.result))},
          {"reason", r.reason.empty() ? json(nullptr) : json(r.reason)},
          {"client_address", r.client_address},
          {"user_agent", r.user_agent}};
}

json OperationRecord(const audit::OperationRecord& r) {
  return {{"id", r.id},
          {"at", Time(r.at)},
          {"user_id", r.user_id ? json(*r.user_id) : json(nullptr)},
          {"login", r.login.empty() ? json(nullptr) : json(r.login)},
          {"action", r.action},
          {"object_type", r.object_type},
          {"object_id", r.object_id.empty() ? json(nullptr) : json(r.object_id)},
          {"result", std::string(audit::OperationResultName(r.result))},
          {"detail", r.detail.empty() ? json(nullptr) : json(r.detail)},
          {"client_address", r.client_address}};
}

std::optional<int64_t> QueryOptInt(const Request& r, const std::string& name) {
  auto v = r.Query(name);
  if (!v || v->empty()) return std::nullopt;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size()) return std::nullopt;
  return out;
}

int64_t QueryInt(const Request& r, const std::string& name, int64_t fallback) {
  return QueryOptInt(r, name).value_or(fallback);
}

std::string QueryText(const Request& r, const std::string& name) { return r.Query(name).value_or(""); }

storage::PageRequest QueryPage(const Request& r) {
  return storage::PageRequest{QueryInt(r, "page", 1), QueryInt(r, "page_size", 20)};
}

Result<int64_t> PathId(const Request& r, const std::string& name) {
  auto it = r.path_params.find(name);
  int64_t id = 0;
  if (it != r.path_params.end()) {
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), id);
    if (ec == std::errc() && end == it->second.data() + it->second.size() && id > 0) return id;
  }
  return InvalidArgument(name + " must be a positive integer", name);
}

std::optional<std::string> OptString(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<int64_t> OptInt(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

Result<auth::DataScope> ParseScope(const json& body) {
  auth::DataScope scope;
  const json& s = body.at("scope");
  auto kind = auth::ParseScopeKind(s.at("kind").get<std::string>());
  if (!kind) return InvalidArgument("unknown scope kind", "scope.kind");
  scope.kind = *kind;
  if (s.contains("unit_ids")) scope.unit_ids = s.at("unit_ids").get<std::vector<int64_t>>();
  return scope;
}

}  // namespace lz::http::views
