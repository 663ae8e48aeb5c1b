// OpenApi: the API's OpenAPI 3 document (src/http/openapi.json, embedded) and request validation
// against its schemas with valijson. Query and path parameters are checked against their declared
// schema (type, pattern, minimum/maximum, enum, maxLength); JSON bodies against requestBody's
// schema, so unknown fields (additionalProperties: false), wrong types and over-long strings are
// refused with a Status naming the field.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "http/message.h"

namespace lz::http {

class OpenApi {
 public:
  // Parses the document and compiles the schemas of every operation. Fails on a malformed
  // document or an unresolvable $ref.
  static Result<std::shared_ptr<const OpenApi>> Load(std::string_view document_json);
  ~OpenApi();

  const nlohmann::json& document() const;
  // Every (METHOD, path template) documented, e.g. {"GET", "/api/units/{id}"}.
  std::set<std::pair<std::string, std::string>> Operations() const;

  // Validates path params, query params and body of `request` against the operation documented
  // for (method, path_template). On success, `parsed_body` holds the parsed JSON body (or null
  // when the operation takes none). InvalidArgument names the first offending field
  // ("name", "scope.unit_ids[2]", "page_size").
  Status Validate(const Request& request, const std::string& path_template, nlohmann::json& parsed_body) const;

 private:
  OpenApi();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lz::http
