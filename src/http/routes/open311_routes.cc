// Routes: /open311 — GeoReport v2 (http://wiki.open311.org/GeoReport_v2) for civic apps, outside
// /api. Every resource is served in both formats, chosen by the path's suffix (services.json,
// requests/{id}.xml), and errors come in the specification's shape — [{"code","description"}] or
// <errors><error>… — with the HTTP status as the code. POST bodies are form-encoded, as the
// specification has them; the API key travels as a field (api_key), never in a cookie, so these
// routes are Access::kMachine: no Origin/CSRF check, no OpenAPI validator, any origin (CORS).
#include <pugixml.hpp>

#include <sstream>

#include "domain/open311/georeport.h"
#include "http/routes/views.h"

namespace lz::http {
namespace {

using ojson = nlohmann::ordered_json;
enum class Format { kJson, kXml };

constexpr std::string_view kSpecification = "http://wiki.open311.org/GeoReport_v2";
constexpr std::string_view kChangeset = "2026-11-29T00:00:00+08:00";  // when this endpoint last changed

// XML 1.0 allows no control characters but tab, line feed and carriage return.
std::string XmlText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out.push_back(c);
  }
  return out;
}

// The element name of one item of a list element (attributes → attribute …).
std::string ItemName(const std::string& list) {
  if (list == "service_requests") return "request";
  if (list == "errors") return "error";
  if (list == "endpoints") return "endpoint";
  if (list == "services") return "service";
  if (list == "formats") return "format";
  return list.ends_with('s') ? list.substr(0, list.size() - 1) : list + "_item";
}

void AppendXml(pugi::xml_node parent, const std::string& name, const ojson& value) {
  pugi::xml_node node = parent.append_child(name.c_str());
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) AppendXml(node, k, v);
  } else if (value.is_array()) {
    for (const auto& item : value) AppendXml(node, ItemName(name), item);
  } else if (value.is_string()) {
    node.text().set(XmlText(value.get<std::string>()).c_str());
  } else if (value.is_boolean()) {
    node.text().set(value.get<bool>() ? "true" : "false");
  } else if (!value.is_null()) {
    node.text().set(value.dump().c_str());
  }
}

// `list` (an array, or one object) in the format asked for: JSON as is; XML under <root>, each
// array item an element named after it.
Response Render(Format format, const std::string& root, const ojson& list, int status = 200) {
  Response r;
  r.status = status;
  if (format == Format::kJson) {
    r.body = list.dump(-1, ' ', false, ojson::error_handler_t::replace);
    return r;
  }
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  if (list.is_array()) {
    pugi::xml_node node = doc.append_child(root.c_str());
    for (const auto& item : list) AppendXml(node, ItemName(root), item);
  } else {
    AppendXml(doc, root, list);
  }
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  r.content_type = "text/xml; charset=utf-8";
  r.body = out.str();
  return r;
}

Response Error(Format format, const Status& st, TimeMs retry_after_ms = 0) {
  const int status = HttpStatusFor(st.code());
  Response r = Render(format, "errors", ojson::array({{{"code", status}, {"description", st.message()}}}), status);
  if (st.code() == StatusCode::kResourceExhausted) {
    r.headers.emplace_back("Retry-After", std::to_string(services::RetryAfterSeconds(retry_after_ms)));
  }
  return r;
}

ojson ServiceJson(const services::Open311ServiceInfo& s) {
  return {{"service_code", s.code}, {"service_name", s.name}, {"description", s.description},
          {"metadata", false},      {"type", "realtime"},      {"keywords", ""},
          {"group", s.group}};
}

ojson Opt(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }

ojson RequestJson(const services::Open311RequestView& v) {
  const casework::Case& c = v.c;
  return {{"service_request_id", c.number},
          {"status", std::string(open311::StatusOf(c.state))},
          {"status_notes", v.status_notes},
          {"service_name", v.service_name},
          {"service_code", c.facts.category_code},
          {"description", c.facts.text},
          {"agency_responsible", Opt(v.agency)},
          {"service_notice", nullptr},
          {"requested_datetime", open311::FormatDateTime(c.created_at)},
          {"updated_datetime", open311::FormatDateTime(c.updated_at)},
          {"expected_datetime", c.due_at ? ojson(open311::FormatDateTime(*c.due_at)) : ojson(nullptr)},
          {"address", Opt(c.facts.address)},
          {"address_id", Opt(v.extra.address_id)},
          {"zipcode", nullptr},
          {"lat", v.extra.lat ? ojson(*v.extra.lat) : ojson(nullptr)},
          {"long", v.extra.lon ? ojson(*v.extra.lon) : ojson(nullptr)},
          {"media_url", Opt(v.extra.media_url)}};
}

// The query parameters, or the form fields of a POST (which must then be form-encoded).
Result<std::multimap<std::string, std::string>> Fields(const Request& r) {
  if (r.method != Method::kPost) return r.query;
  std::string_view type = r.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type != "application/x-www-form-urlencoded") {
    return InvalidArgument("send the request as application/x-www-form-urlencoded");
  }
  std::multimap<std::string, std::string> fields;
  RETURN_IF_ERROR(ParseFormEncoded(r.body, fields, "the form"));
  return fields;
}

std::string FirstOf(const std::multimap<std::string, std::string>& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

// The address this server is reached at, for the discovery document.
std::string BaseUrl(const Request& r, bool secure) {
  std::string_view host = r.Header("host");
  return std::string(secure ? "https://" : "http://") + std::string(host.empty() ? "localhost" : host);
}

}  // namespace

void RegisterOpen311Routes(Router& router, services::Platform& platform, const AppOptions& options) {
  services::Open311Service& open311 = platform.open311();
  const Clock& clock = platform.clock();
  for (Format format : {Format::kJson, Format::kXml}) {
    const std::string ext = format == Format::kJson ? "json" : "xml";
    const std::string op = format == Format::kJson ? "Json" : "Xml";

    router.Add({Method::kGet, "/open311/discovery." + ext, "getOpen311Discovery" + op, Access::kMachine,
                [format, secure = options.secure_cookies](RouteContext& ctx) {
                  ojson endpoint = {{"specification", kSpecification},
                                    {"url", BaseUrl(ctx.request, secure) + "/open311/v2"},
                                    {"changeset", kChangeset},
                                    {"type", "production"},
                                    {"formats", {"text/xml", "application/json"}}};
                  ojson doc = {{"changeset", kChangeset},
                               {"contact", "API keys are issued by the system administrator (系统管理 → API 密钥)"},
                               {"key_service", BaseUrl(ctx.request, secure) + "/system/api-keys"},
                               {"endpoints", ojson::array({endpoint})}};
                  return Render(format, "discovery", doc);
                }});

    router.Add({Method::kGet, "/open311/v2/services." + ext, "listOpen311Services" + op, Access::kMachine,
                [format, &open311](RouteContext& ctx) {
                  if (Status st = open311.CheckJurisdiction(FirstOf(ctx.request.query, "jurisdiction_id")); !st.ok()) {
                    return Error(format, st);
                  }
                  auto services = open311.Services();
                  if (!services.ok()) return Error(format, services.status());
                  ojson list = ojson::array();
                  for (const auto& s : *services) list.push_back(ServiceJson(s));
                  return Render(format, "services", list);
                }});

    router.Add({Method::kGet, "/open311/v2/services/{service_code}." + ext, "getOpen311ServiceDefinition" + op,
                Access::kMachine, [format, &open311](RouteContext& ctx) {
                  if (Status st = open311.CheckJurisdiction(FirstOf(ctx.request.query, "jurisdiction_id")); !st.ok()) {
                    return Error(format, st);
                  }
                  auto service = open311.Service(ctx.request.path_params.at("service_code"));
                  if (!service.ok()) return Error(format, service.status());
                  // No service here has metadata: the definition lists no attributes.
                  ojson def = {{"service_code", service->code}, {"attributes", ojson::array()}};
                  return Render(format, "service_definition", def);
                }});

    router.Add({Method::kPost, "/open311/v2/requests." + ext, "createOpen311Request" + op, Access::kMachine,
                [format, &open311](RouteContext& ctx) {
                  auto fields = Fields(ctx.request);
                  if (!fields.ok()) return Error(format, fields.status());
                  auto form = open311::ReadServiceRequest(*fields);
                  if (!form.ok()) return Error(format, form.status());
                  TimeMs wait = 0;
                  auto receipt = open311.Submit(*form, ctx.request.client_address, &wait);
                  if (!receipt.ok()) return Error(format, receipt.status(), wait);
                  ojson item = {{"service_request_id", receipt->number},
                                {"service_notice", receipt->notice},
                                {"account_id", Opt(receipt->account_id)}};
                  return Render(format, "service_requests", ojson::array({item}));
                }});

    auto list_requests = [format, &open311, &clock](RouteContext& ctx, std::optional<std::string> one) {
      std::multimap<std::string, std::string> query = ctx.request.query;
      if (Status st = open311.CheckJurisdiction(FirstOf(query, "jurisdiction_id")); !st.ok()) return Error(format, st);
      if (one) {
        query.erase("service_request_id");
        query.emplace("service_request_id", *one);
      }
      auto filter = open311::ReadRequestsFilter(query, clock.NowMs());
      if (!filter.ok()) return Error(format, filter.status());
      auto views = open311.Requests(FirstOf(query, "api_key"), *filter, ctx.request.client_address);
      if (!views.ok()) return Error(format, views.status());
      if (one && views->empty()) return Error(format, NotFound("no service request " + *one));
      ojson list = ojson::array();
      for (const auto& v : *views) list.push_back(RequestJson(v));
      return Render(format, "service_requests", list);
    };
    router.Add({Method::kGet, "/open311/v2/requests." + ext, "listOpen311Requests" + op, Access::kMachine,
                [list_requests](RouteContext& ctx) { return list_requests(ctx, std::nullopt); }});
    router.Add({Method::kGet, "/open311/v2/requests/{service_request_id}." + ext, "getOpen311Request" + op,
                Access::kMachine, [list_requests](RouteContext& ctx) {
                  return list_requests(ctx, ctx.request.path_params.at("service_request_id"));
                }});
  }
}

}  // namespace lz::http
