// Tests of OpenApi: $ref resolution, parameter conversion and checks, JSON body validation, and
// the field names and messages users see when a request is refused.
#include "http/openapi.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace lz::http {
namespace {

constexpr const char* kDoc = R"json({
  "openapi": "3.0.3",
  "info": {"title": "test", "version": "1"},
  "paths": {
    "/api/units": {
      "get": {
        "operationId": "listUnits",
        "parameters": [
          {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
          {"name": "kind", "in": "query", "schema": {"$ref": "#/components/schemas/UnitKind"}},
          {"$ref": "#/components/parameters/Page"},
          {"name": "active", "in": "query", "schema": {"type": "boolean"}},
          {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 4}},
          {"name": "unit_id", "in": "query", "schema": {"type": "array", "items": {"type": "integer", "minimum": 1}}}
        ]
      },
      "post": {
        "operationId": "createUnit",
        "requestBody": {
          "required": true,
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UnitInput"}}}
        }
      }
    },
    "/api/units/{id}": {
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
      "get": {"operationId": "getUnit"},
      "patch": {
        "operationId": "patchUnit",
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/UnitPatch"}}}}
      }
    },
    "/api/units/import": {
      "post": {
        "operationId": "importUnits",
        "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"type": "object"}}}}
      }
    },
    "/api/ping": {"post": {"operationId": "ping"}}
  },
  "components": {
    "parameters": {
      "Page": {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}
    },
    "schemas": {
      "UnitKind": {"type": "string", "enum": ["department", "street_office"]},
      "UnitInput": {
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "kind"],
        "properties": {
          "name": {"type": "string", "minLength": 1, "maxLength": 5},
          "kind": {"$ref": "#/components/schemas/UnitKind"},
          "parent_id": {"type": "integer", "format": "int64", "nullable": true},
          "founded": {"type": "string", "format": "date"},
          "meets_at": {"type": "string", "format": "date-time"},
          "uuid": {"type": "string", "format": "uuid"},
          "code": {"type": "string", "pattern": "^[0-9]{6}$"},
          "scope": {"$ref": "#/components/schemas/Scope"}
        }
      },
      "UnitPatch": {
        "type": "object",
        "additionalProperties": false,
        "properties": {"name": {"type": "string", "maxLength": 5}}
      },
      "Scope": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "unit_ids": {"type": "array", "maxItems": 4, "items": {"type": "integer", "minimum": 1}}
        }
      }
    }
  }
})json";

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = OpenApi::Load(kDoc);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    api_ = *loaded;
  }

  Status Body(const std::string& body, const std::string& content_type = "application/json") {
    Request r;
    r.method = Method::kPost;
    r.path = "/api/units";
    r.body = body;
    if (!content_type.empty()) r.headers["content-type"] = content_type;
    return api_->Validate(r, "/api/units", parsed_);
  }

  Status Query(std::vector<std::pair<std::string, std::string>> params) {
    Request r;
    r.method = Method::kGet;
    r.path = "/api/units";
    for (auto& [k, v] : params) r.query.emplace(k, v);
    return api_->Validate(r, "/api/units", parsed_);
  }

  std::shared_ptr<const OpenApi> api_;
  nlohmann::json parsed_;
};

void ExpectInvalid(const Status& s, const std::string& field, const std::string& message_part) {
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_EQ(s.field(), field) << s.ToString();
  EXPECT_NE(s.message().find(message_part), std::string::npos) << s.ToString();
}

TEST_F(OpenApiTest, ListsOperations) {
  auto ops = api_->Operations();
  EXPECT_TRUE(ops.count({"GET", "/api/units"}));
  EXPECT_TRUE(ops.count({"POST", "/api/units"}));
  EXPECT_TRUE(ops.count({"PATCH", "/api/units/{id}"}));
  EXPECT_TRUE(ops.count({"POST", "/api/ping"}));
  EXPECT_EQ(ops.size(), 6u);
  EXPECT_EQ(api_->document()["openapi"], "3.0.3");
}

TEST_F(OpenApiTest, AcceptsValidBody) {
  Status s = Body(R"({"name":"南昌市发改","kind":"department","parent_id":null,"founded":"2020-02-29",)"
                  R"("code":"360802","scope":{"unit_ids":[1,2,3]}})");
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(parsed_["name"], "南昌市发改");
  EXPECT_EQ(parsed_["scope"]["unit_ids"][2], 3);
}

TEST_F(OpenApiTest, UnknownFieldIsNamed) {
  ExpectInvalid(Body(R"({"name":"a","kind":"department","colour":"red"})"), "colour", "unknown field");
  ExpectInvalid(Body(R"({"name":"a","kind":"department","scope":{"unit_ids":[1],"extra":1}})"), "scope.extra",
                "unknown field");
}

TEST_F(OpenApiTest, WrongTypeIsNamed) {
  ExpectInvalid(Body(R"({"name":5,"kind":"department"})"), "name", "must be a string");
  ExpectInvalid(Body(R"({"name":"a","kind":"department","parent_id":"x"})"), "parent_id",
                "must be an integer or null");
  ExpectInvalid(Body(R"([1,2])"), "body", "must be an object");
}

TEST_F(OpenApiTest, MaxLengthCountsCharactersNotBytes) {
  // Five Chinese characters are 15 bytes of UTF-8 but within maxLength 5.
  EXPECT_TRUE(Body(R"({"name":"南昌市发改","kind":"department"})").ok());
  Status s = Body(R"({"name":"南昌市发改委","kind":"department"})");
  ExpectInvalid(s, "name", "too long (max 5 characters)");
  ExpectInvalid(Body(R"({"name":"","kind":"department"})"), "name", "too short (min 1 characters)");
}

TEST_F(OpenApiTest, MissingRequiredIsNamed) {
  ExpectInvalid(Body(R"({"name":"a"})"), "kind", "is required");
}

TEST_F(OpenApiTest, EnumPatternAndFormat) {
  ExpectInvalid(Body(R"({"name":"a","kind":"bureau"})"), "kind", "must be one of: department, street_office");
  ExpectInvalid(Body(R"({"name":"a","kind":"department","code":"36080"})"), "code", "invalid format");
  ExpectInvalid(Body(R"({"name":"a","kind":"department","founded":"2020-13-01"})"), "founded", "must be a date");
}

TEST_F(OpenApiTest, DatesAndTimesAreChecked) {
  EXPECT_TRUE(Body(R"({"name":"a","kind":"department","founded":"2024-02-29"})").ok());
  ExpectInvalid(Body(R"({"name":"a","kind":"department","founded":"2023-02-29"})"), "founded", "must be a date");
  ExpectInvalid(Body(R"({"name":"a","kind":"department","founded":5})"), "founded", "must be a string");
  EXPECT_TRUE(Body(R"({"name":"a","kind":"department","meets_at":"2024-06-01T08:30:00+08:00"})").ok());
  EXPECT_TRUE(Body(R"({"name":"a","kind":"department","meets_at":"2024-06-01T00:30:00.250Z"})").ok());
  ExpectInvalid(Body(R"({"name":"a","kind":"department","meets_at":"2024-06-01 08:30"})"), "meets_at",
                "must be a date-time");
  // Formats valijson does not know are annotations.
  EXPECT_TRUE(Body(R"({"name":"a","kind":"department","uuid":"not-a-uuid"})").ok());
}

TEST_F(OpenApiTest, LongStringsNeverReachTheRegexEngine) {
  // std::regex recurses per character; 200 000 digits against "^[0-9]{6}$" must be refused
  // cleanly, not crash.
  std::string digits(200000, '1');
  ExpectInvalid(Body(R"({"name":"a","kind":"department","code":")" + digits + R"("})"), "code", "too long");
  ExpectInvalid(Body(R"({"name":"a","kind":"department","founded":")" + digits + R"("})"), "founded", "too long");
}

TEST_F(OpenApiTest, NestedArrayItemIsNamed) {
  ExpectInvalid(Body(R"({"name":"a","kind":"department","scope":{"unit_ids":[1,2,0]}})"), "scope.unit_ids[2]",
                "must be at least 1");
  ExpectInvalid(Body(R"({"name":"a","kind":"department","scope":{"unit_ids":[1,"x"]}})"), "scope.unit_ids[1]",
                "must be an integer");
  ExpectInvalid(Body(R"({"name":"a","kind":"department","scope":{"unit_ids":[1,2,3,4,5]}})"), "scope.unit_ids",
                "too many items (max 4)");
}

TEST_F(OpenApiTest, MalformedOrMissingBody) {
  ExpectInvalid(Body(R"({"name":"a",)"), "body", "malformed JSON: ");
  ExpectInvalid(Body(""), "body", "required");
  ExpectInvalid(Body(R"({"name":"a","kind":"department"})", "text/plain"), "body", "application/json");
  ExpectInvalid(Body(std::string(1000, '[') + std::string(1000, ']')), "body", "nested");
  EXPECT_TRUE(Body(R"({"name":"a","kind":"department"})", "Application/JSON; charset=utf-8").ok());
}

TEST_F(OpenApiTest, QueryParameters) {
  EXPECT_TRUE(Query({}).ok());
  EXPECT_TRUE(Query({{"page_size", "100"}, {"page", "2"}, {"kind", "department"}, {"active", "true"}}).ok());
  ExpectInvalid(Query({{"colour", "red"}}), "colour", "unknown query parameter");
  ExpectInvalid(Query({{"page_size", "0"}}), "page_size", "must be at least 1");
  ExpectInvalid(Query({{"page_size", "101"}}), "page_size", "must be at most 100");
  ExpectInvalid(Query({{"page_size", "ten"}}), "page_size", "must be an integer");
  ExpectInvalid(Query({{"page_size", "10"}, {"page_size", "20"}}), "page_size", "more than once");
  ExpectInvalid(Query({{"page", "0"}}), "page", "must be at least 1");  // $ref'd parameter
  ExpectInvalid(Query({{"kind", "bureau"}}), "kind", "must be one of");
  ExpectInvalid(Query({{"active", "yes"}}), "active", "true or false");
  ExpectInvalid(Query({{"q", "南昌市发改"}}), "q", "too long (max 4 characters)");
  EXPECT_TRUE(Query({{"q", "南昌市发"}}).ok());
  EXPECT_TRUE(Query({{"unit_id", "1"}, {"unit_id", "2"}}).ok());
  ExpectInvalid(Query({{"unit_id", "1"}, {"unit_id", "x"}}), "unit_id[1]", "must be an integer");
  ExpectInvalid(Query({{"unit_id", "1"}, {"unit_id", "0"}}), "unit_id[1]", "must be at least 1");
}

TEST_F(OpenApiTest, PathParameters) {
  Request r;
  r.method = Method::kGet;
  r.path_params["id"] = "12";
  EXPECT_TRUE(api_->Validate(r, "/api/units/{id}", parsed_).ok());
  EXPECT_TRUE(parsed_.is_null());
  r.path_params["id"] = "abc";
  ExpectInvalid(api_->Validate(r, "/api/units/{id}", parsed_), "id", "must be an integer");
  r.path_params["id"] = "0";
  ExpectInvalid(api_->Validate(r, "/api/units/{id}", parsed_), "id", "must be at least 1");
  r.path_params.clear();
  ExpectInvalid(api_->Validate(r, "/api/units/{id}", parsed_), "id", "missing");
  // HEAD is validated as the GET operation.
  r.method = Method::kHead;
  r.path_params["id"] = "12";
  EXPECT_TRUE(api_->Validate(r, "/api/units/{id}", parsed_).ok());
}

TEST_F(OpenApiTest, OptionalBodyAndBodylessOperations) {
  Request r;
  r.method = Method::kPatch;
  r.path_params["id"] = "3";
  EXPECT_TRUE(api_->Validate(r, "/api/units/{id}", parsed_).ok());  // body not required
  r.headers["content-type"] = "application/json";
  r.body = R"({"name":"南昌市发改委"})";
  ExpectInvalid(api_->Validate(r, "/api/units/{id}", parsed_), "name", "too long");

  Request ping;
  ping.method = Method::kPost;
  EXPECT_TRUE(api_->Validate(ping, "/api/ping", parsed_).ok());
  ping.body = "{}";
  ExpectInvalid(api_->Validate(ping, "/api/ping", parsed_), "body", "no request body");
}

TEST_F(OpenApiTest, UploadBodyIsLeftToTheHandler) {
  Request r;
  r.method = Method::kPost;
  r.headers["content-type"] = "multipart/form-data; boundary=x";
  r.body = "--x\r\n...";
  EXPECT_TRUE(api_->Validate(r, "/api/units/import", parsed_).ok());
  EXPECT_TRUE(parsed_.is_null());
  r.headers["content-type"] = "application/json";
  r.body = "{}";
  ExpectInvalid(api_->Validate(r, "/api/units/import", parsed_), "body", "Content-Type");
}

TEST_F(OpenApiTest, UndocumentedOperationIsInternal) {
  Request r;
  r.method = Method::kDelete;
  EXPECT_EQ(api_->Validate(r, "/api/units", parsed_).code(), StatusCode::kInternal);
}

TEST_F(OpenApiTest, ValidatesConcurrently) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        Request r;
        r.method = Method::kPost;
        r.headers["content-type"] = "application/json";
        r.body = R"({"name":"a","kind":"department","code":"360802"})";
        nlohmann::json parsed;
        if (!api_->Validate(r, "/api/units", parsed).ok()) ++failures;
        r.body = R"({"name":"a","kind":"department","code":"x"})";
        if (api_->Validate(r, "/api/units", parsed).field() != "code") ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(OpenApiLoadTest, RefusesBadDocuments) {
  EXPECT_FALSE(OpenApi::Load("{not json").ok());
  EXPECT_FALSE(OpenApi::Load(R"({"openapi":"2.0","paths":{}})").ok());
  auto bad_ref = OpenApi::Load(R"({"openapi":"3.0.0","paths":{"/a":{"post":{"requestBody":{"content":
      {"application/json":{"schema":{"$ref":"#/components/schemas/Missing"}}}}}}}})");
  EXPECT_FALSE(bad_ref.ok());
  auto bad_param_ref = OpenApi::Load(
      R"({"openapi":"3.0.0","paths":{"/a":{"get":{"parameters":[{"$ref":"#/components/parameters/Nope"}]}}}})");
  EXPECT_FALSE(bad_param_ref.ok());
  auto bad_pattern = OpenApi::Load(R"({"openapi":"3.0.0","components":{"schemas":{"A":{"type":"string",
      "pattern":"([a-z"}}},"paths":{"/a":{"post":{"requestBody":{"content":
      {"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}}}}})");
  EXPECT_FALSE(bad_pattern.ok());
}

TEST(OpenApiLoadTest, AcceptsOpenApi31) {
  auto api = OpenApi::Load(R"({"openapi":"3.1.0","paths":{"/a":{"post":{"requestBody":{"required":true,"content":
      {"application/json":{"schema":{"type":"object","additionalProperties":false,"properties":
      {"n":{"type":["integer","null"],"exclusiveMinimum":0}}}}}}}}}})");
  ASSERT_TRUE(api.ok()) << api.status().ToString();
  Request r;
  r.method = Method::kPost;
  r.headers["content-type"] = "application/json";
  nlohmann::json parsed;
  r.body = R"({"n":null})";
  EXPECT_TRUE((*api)->Validate(r, "/a", parsed).ok());
  r.body = R"({"n":0})";
  ExpectInvalid((*api)->Validate(r, "/a", parsed), "n", "must be greater than 0");
}

}  // namespace
}  // namespace lz::http
