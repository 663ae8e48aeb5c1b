// JSON views of domain objects and request helpers shared by the route files. Field names here
// are the API's, as documented in src/http/openapi.json.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/app.h"
#include "services/account_service.h"
#include "services/auth_service.h"
#include "services/audit_service.h"
#include "services/chain_analysis.h"
#include "services/org_service.h"
#include "services/public_tracking.h"

namespace lz::http::views {

using nlohmann::json;

json Time(TimeMs t);
json OptTime(const std::optional<TimeMs>& t);
json Region(const org::Region& r);
json Unit(const org::Unit& u);
json Position(const org::Position& p);
json Role(const auth::Role& r);
json User(const services::UserView& v);
json Me(const services::Me& me, const auth::PasswordPolicy& policy);
json LoginRecord(const audit::LoginRecord& r);
json OperationRecord(const audit::OperationRecord& r);
json Scope(const auth::DataScope& s);
json Attachment(const storage::Attachment& a);  // attachment_routes.cc
// The body's "attachment_ids" (staged uploads to attach), nullopt when absent (attachment_routes.cc).
std::optional<std::vector<int64_t>> AttachmentIds(const json& body);
// A case as the public (and an enterprise following its own demand) sees it (public_routes.cc).
json PublicCase(const services::PublicCase& c);

// A JSON array of view(item) for every item.
template <typename T, typename F>
json Array(const std::vector<T>& items, F&& view) {
  json out = json::array();
  for (const auto& item : items) out.push_back(view(item));
  return out;
}

// Chain analyses (chain_views.cc), as GET /api/chains/{id}/analysis and /api/chain-analysis answer.
json Coverage(const engines::graph::Coverage& c);
json Completeness(const engines::graph::ChainCompleteness& c);
json Supply(const engines::graph::SupplyFigures& f);
json NamedSegment(const services::NamedSegment& s);
json SegmentStrength(const engines::graph::SegmentStrength& s);
json NamedEnterprise(const services::NamedEnterprise& e);
json ChainAnalysisSummary(const services::ChainAnalysis& a);
json ChainAnalysis(const services::ChainAnalysis& a);

template <typename T, typename F>
json Page(const storage::PageOf<T>& page, const storage::PageRequest& req, F&& view) {
  json items = json::array();
  for (const auto& item : page.items) items.push_back(view(item));
  auto clamped = req.Clamped();
  return {{"items", std::move(items)}, {"total", page.total}, {"page", clamped.page}, {"page_size", clamped.page_size}};
}

// Query parameters (already validated against the OpenAPI schema).
int64_t QueryInt(const Request& r, const std::string& name, int64_t fallback);
std::optional<int64_t> QueryOptInt(const Request& r, const std::string& name);
std::string QueryText(const Request& r, const std::string& name);
storage::PageRequest QueryPage(const Request& r);
// Path parameter `name` as an id; InvalidArgument naming it when it is not a positive integer.
Result<int64_t> PathId(const Request& r, const std::string& name = "id");

// Body fields (validated already; these only convert).
std::optional<std::string> OptString(const json& body, const char* key);
std::optional<int64_t> OptInt(const json& body, const char* key);
Result<auth::DataScope> ParseScope(const json& body);

// Answers a Result with its JSON view or the error body.
template <typename T, typename F>
Response Answer(const Result<T>& result, F&& view, int status = 200) {
  if (!result.ok()) return Response::Error(result.status());
  return Response::Json(view(*result), status);
}
inline Response Answer(const Status& st) { return st.ok() ? Response::NoContent() : Response::Error(st); }

}  // namespace lz::http::views
