// Open311 GeoReport v2 conformance through HTTP (issue 6, point 7), on SQLite and on PostgreSQL:
// discovery, GET Service List, GET Service Definition, POST Service Request, GET Service Requests
// and GET Service Request, each in JSON and in XML, with the specification's error shape for every
// refusal (missing or malformed fields, unknown service code, bad or revoked key, foreign
// jurisdiction, too many posts), and nothing written when a POST is refused. The API keys are
// issued and revoked through /api/api-keys. Both formats are read into the same flat records, so
// every check runs on each.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "harness.h"

namespace lz::testing {
namespace {

using json = nlohmann::json;
using Record = std::map<std::string, std::string>;  // element or member name → text ("" for null)
constexpr const char* kPassword = "Open311-Tester-Passw0rd";

std::string Text(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// Percent-encodes a form value.
std::string Encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string Form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + Encode(k) + "=" + Encode(v);
  return out;
}

class Open311Api : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_EQ(admin_.Login("admin", kAdminPassword).status, 200);
    auto roles = RoleIds(admin_);
    center_ = CreateUnit(admin_, "吉州区12345热线中心", "360802");
    roads_ = CreateUnit(admin_, "吉州区城市管理局", "360802");
    CreateUser(admin_, "dispatch1", center_, roles["case_dispatcher"], "own_unit", kPassword);
    CreateUser(admin_, "city1", roads_, roles["case_handler"], "own_unit", kPassword);
    CreateUser(admin_, "clerk1", center_, roles["case_handler"], "own_unit", kPassword);
    ASSERT_EQ(dispatcher_.Login("dispatch1", kPassword).status, 200);
    ASSERT_EQ(handler_.Login("city1", kPassword).status, 200);
    key_ = Issue("吉安随手拍 App", center_);
    other_key_ = Issue("另一款 App", center_);
  }

  std::string Issue(const std::string& name, int64_t unit) {
    Reply r = admin_.Post("/api/api-keys", {{"name", name}, {"unit_id", unit}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.value("key", "");
  }

  const std::string& fmt() const { return GetParam(); }
  std::string Path(const std::string& resource) const { return "/open311/" + resource + "." + fmt(); }

  // The reply's list of records: a JSON array of objects, or the XML root's children.
  std::vector<Record> Records(const Reply& r) {
    std::vector<Record> out;
    if (fmt() == "json") {
      EXPECT_TRUE(r.json.is_array()) << r.body;
      for (const auto& item : r.json) {
        Record rec;
        for (const auto& [k, v] : item.items()) rec[k] = Text(v);
        out.push_back(std::move(rec));
      }
      return out;
    }
    EXPECT_EQ(r.Header("content-type"), "text/xml; charset=utf-8");
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_string(r.body.c_str())) << r.body;
    EXPECT_TRUE(r.body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>")) << r.body;
    for (pugi::xml_node item : doc.document_element().children()) {
      Record rec;
      for (pugi::xml_node field : item.children()) rec[field.name()] = field.child_value();
      out.push_back(std::move(rec));
    }
    return out;
  }
  std::string RootName(const Reply& r) {
    pugi::xml_document doc;
    doc.load_string(r.body.c_str());
    return doc.document_element().name();
  }

  // Expects the specification's error shape with `status` as the code; returns the description.
  std::string ExpectError(const Reply& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    if (fmt() == "xml") {
      EXPECT_EQ(RootName(r), "errors") << r.body;
    }
    auto errors = Records(r);
    if (errors.size() != 1) {
      ADD_FAILURE() << "expected one error: " << r.body;
      return "";
    }
    EXPECT_EQ(errors[0]["code"], std::to_string(status));
    EXPECT_FALSE(errors[0]["description"].empty());
    return errors[0]["description"];
  }

  Reply PostRequest(const std::vector<std::pair<std::string, std::string>>& fields,
                    const std::map<std::string, std::string>& headers = {}) {
    return public_.Send("POST", Path("v2/requests"), Form(fields), "application/x-www-form-urlencoded", headers, true);
  }
  std::vector<std::pair<std::string, std::string>> Valid(const std::string& key) const {
    return {{"api_key", key},
            {"service_code", "0203"},
            {"lat", "27.1123"},
            {"long", "114.9787"},
            {"address_string", "吉州区井冈山大道 88 号小区门口"},
            {"first_name", "小明"},
            {"last_name", "王"},
            {"phone", "+86 139-0796-1234"},
            {"email", "wang@example.cn"},
            {"device_id", "dev-1"},
            {"account_id", "acct-7"},
            {"description", "小区门口垃圾三天未清运 <有异味> & 招蚊蝇"},
            {"media_url", "https://img.example.cn/a.jpg"}};
  }
  std::string File(const std::vector<std::pair<std::string, std::string>>& fields) {
    Reply r = PostRequest(fields);
    EXPECT_EQ(r.status, 200) << r.body;
    auto recs = Records(r);
    return recs.empty() ? "" : recs[0]["service_request_id"];
  }
  int64_t CaseCount() { return admin_.Get("/api/cases?page_size=1").json.value("total", int64_t{-1}); }
  json CaseByNumber(const std::string& number) { return dispatcher_.Get("/api/cases/by-number/" + number).json; }
  void Act(Client& c, int64_t id, const json& action) {
    Reply r = c.Post("/api/cases/" + std::to_string(id) + "/actions", action);
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
  }

  TestServer server_{[](services::PlatformOptions& o) {
    o.open311.jurisdiction_id = "jian.gov.cn";
    o.open311.categories = {"01", "02"};
    o.open311.posts_per_key = 5;
    o.open311.post_interval_ms = 60'000;
  }};
  Client admin_{server_.port()};
  Client dispatcher_{server_.port()};
  Client handler_{server_.port()};
  Client public_{server_.port()};  // never signs in
  int64_t center_ = 0;
  int64_t roads_ = 0;
  std::string key_;
  std::string other_key_;
};

TEST_P(Open311Api, DiscoveryNamesTheEndpointAndBothFormats) {
  Reply r = public_.Get(Path("discovery"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
  std::string url;
  std::vector<std::string> formats;
  if (fmt() == "json") {
    url = r.json["endpoints"][0]["url"];
    for (const auto& f : r.json["endpoints"][0]["formats"]) formats.push_back(f);
    EXPECT_EQ(r.json["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
  } else {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(r.body.c_str()));
    pugi::xml_node endpoint = doc.child("discovery").child("endpoints").child("endpoint");
    url = endpoint.child_value("url");
    for (pugi::xml_node f : endpoint.child("formats").children("format")) formats.push_back(f.child_value());
    EXPECT_STREQ(endpoint.child_value("specification"), "http://wiki.open311.org/GeoReport_v2");
  }
  EXPECT_TRUE(url.ends_with("/open311/v2")) << url;
  EXPECT_EQ(formats, (std::vector<std::string>{"text/xml", "application/json"}));
}

TEST_P(Open311Api, ServiceListOffersTheConfiguredLeafCategories) {
  Reply r = public_.Get(Path("v2/services"));
  ASSERT_EQ(r.status, 200) << r.body;
  if (fmt() == "xml") {
      EXPECT_EQ(RootName(r), "services");
    }
  auto services = Records(r);
  std::map<std::string, Record> by_code;
  for (auto& s : services) by_code[s["service_code"]] = s;
  ASSERT_TRUE(by_code.count("0203")) << r.body;
  EXPECT_EQ(by_code["0203"]["service_name"], "垃圾未清运");
  EXPECT_EQ(by_code["0203"]["group"], "城市管理");
  EXPECT_EQ(by_code["0203"]["metadata"], "false");
  EXPECT_EQ(by_code["0203"]["type"], "realtime");
  EXPECT_NE(by_code["0203"]["description"].find("2 个工作日"), std::string::npos) << by_code["0203"]["description"];
  EXPECT_TRUE(by_code.count("0101"));
  EXPECT_FALSE(by_code.count("02")) << "a category with sub-categories is no service";
  EXPECT_FALSE(by_code.count("0501")) << "outside the configured prefixes";
  for (const auto& [code, s] : by_code) EXPECT_TRUE(code.starts_with("01") || code.starts_with("02")) << code;

  EXPECT_EQ(public_.Get(Path("v2/services") + "?jurisdiction_id=jian.gov.cn").status, 200);
  std::string why = ExpectError(public_.Get(Path("v2/services") + "?jurisdiction_id=nanchang.gov.cn"), 404);
  EXPECT_NE(why.find("jurisdiction_id"), std::string::npos) << why;
}

TEST_P(Open311Api, ServiceDefinitionOfAServiceAndOfAnUnknownCode) {
  Reply r = public_.Get(Path("v2/services/0203"));
  ASSERT_EQ(r.status, 200) << r.body;
  if (fmt() == "json") {
    EXPECT_EQ(r.json["service_code"], "0203");
    EXPECT_TRUE(r.json["attributes"].is_array() && r.json["attributes"].empty()) << r.body;
  } else {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(r.body.c_str()));
    EXPECT_STREQ(doc.child("service_definition").child_value("service_code"), "0203");
    EXPECT_TRUE(doc.child("service_definition").child("attributes")) << r.body;
    EXPECT_FALSE(doc.child("service_definition").child("attributes").first_child());
  }
  ExpectError(public_.Get(Path("v2/services/9999")), 404);
  ExpectError(public_.Get(Path("v2/services/0501")), 404);  // exists, but not on offer
  ExpectError(public_.Get(Path("v2/services/0203") + "?jurisdiction_id=elsewhere"), 404);
}

TEST_P(Open311Api, PostFilesACaseWaitingForTheIntake) {
  const int64_t before = CaseCount();
  Reply r = PostRequest(Valid(key_), {{"origin", "https://civic.example.cn"}});  // any origin: no cookie involved
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
  if (fmt() == "xml") {
      EXPECT_EQ(RootName(r), "service_requests");
    }
  auto receipt = Records(r);
  ASSERT_EQ(receipt.size(), 1u) << r.body;
  const std::string number = receipt[0]["service_request_id"];
  EXPECT_FALSE(number.empty());
  EXPECT_EQ(receipt[0]["account_id"], "acct-7");
  EXPECT_NE(receipt[0]["service_notice"].find("2 个工作日"), std::string::npos) << receipt[0]["service_notice"];
  EXPECT_EQ(CaseCount(), before + 1);

  json c = CaseByNumber(number);
  EXPECT_EQ(c["channel"], "complaint");
  EXPECT_EQ(c["category_code"], "0203");
  EXPECT_EQ(c["state"], "received");
  EXPECT_EQ(c["region_code"], "360802");
  EXPECT_EQ(c["text"], "小区门口垃圾三天未清运 <有异味> & 招蚊蝇");
  EXPECT_EQ(c["address"], "吉州区井冈山大道 88 号小区门口");
  EXPECT_EQ(c["reporter_name"], "王小明");
  EXPECT_EQ(c["reporter_phone"], "8613907961234");

  // Without an address, the coordinates are the address the intake sees.
  auto fields = Valid(key_);
  std::erase_if(fields, [](const auto& f) { return f.first == "address_string"; });
  EXPECT_EQ(CaseByNumber(File(fields))["address"], "WGS84 27.112300,114.978700");
}

TEST_P(Open311Api, RefusedPostsAnswerInTheSpecificationsShapeAndWriteNothing) {
  const int64_t before = CaseCount();
  auto without = [&](const std::string& name) {
    auto f = Valid(key_);
    std::erase_if(f, [&](const auto& p) { return p.first == name; });
    return f;
  };
  auto with = [&](const std::string& name, const std::string& value) {
    auto f = without(name);
    f.emplace_back(name, value);
    return f;
  };
  struct Case {
    std::vector<std::pair<std::string, std::string>> fields;
    int status;
    std::string names;  // the description mentions this
  };
  auto no_place = without("address_string");
  std::erase_if(no_place, [](const auto& p) { return p.first == "lat" || p.first == "long"; });
  std::vector<Case> cases = {
      {without("api_key"), 400, "api_key"},
      {with("api_key", "lz_0000000000000000000000000000000000000000"), 403, "api_key"},
      {with("api_key", "not-a-key"), 403, "api_key"},
      {without("service_code"), 400, "service_code"},
      {with("service_code", "9999"), 400, "service_code"},
      {with("service_code", "0501"), 400, "service_code"},
      {no_place, 400, "location"},
      {without("long"), 400, "long"},
      {with("lat", "91"), 400, "lat"},
      {with("long", "east"), 400, "long"},
      {with("description", std::string(4001, 'x')), 400, "description"},
      {with("email", "not-an-address"), 400, "email"},
      {with("phone", "call me"), 400, "phone"},
      {with("media_url", "javascript:alert(1)"), 400, "media_url"},
      {with("jurisdiction_id", "nanchang.gov.cn"), 404, "jurisdiction_id"},
  };
  for (const auto& c : cases) {
    std::string why = ExpectError(PostRequest(c.fields), c.status);
    EXPECT_NE(why.find(c.names), std::string::npos) << c.names << ": " << why;
  }
  // JSON is not what the specification posts.
  Reply json_body = public_.Send("POST", Path("v2/requests"), R"({"api_key":"x"})", "application/json", {}, true);
  ExpectError(json_body, 400);
  EXPECT_EQ(CaseCount(), before);
}

TEST_P(Open311Api, ARevokedKeyIsRefusedAndAKeyPostingTooFastWaits) {
  File(Valid(key_));
  for (int i = 0; i < 4; ++i) File(Valid(key_));  // the burst of five
  Reply limited = PostRequest(Valid(key_));
  ExpectError(limited, 429);
  EXPECT_FALSE(limited.Header("retry-after").empty());
  File(Valid(other_key_));  // each key has its own allowance
  server_.clock().Advance(60'000);
  File(Valid(key_));

  Reply list = admin_.Get("/api/api-keys");
  ASSERT_EQ(list.status, 200);
  int64_t id = 0;
  for (const auto& k : list.json["items"]) {
    EXPECT_FALSE(k.contains("key")) << "a listed key never shows the key itself";
    if (k["name"] == "吉安随手拍 App") id = k["id"];
  }
  ASSERT_NE(id, 0);
  Reply revoked = admin_.Post("/api/api-keys/" + std::to_string(id) + "/revoke", nullptr);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_TRUE(revoked.json["revoked_at"].is_string());
  const int64_t before = CaseCount();
  ExpectError(PostRequest(Valid(key_)), 403);
  ExpectError(public_.Get(Path("v2/requests") + "?api_key=" + key_), 403);
  EXPECT_EQ(CaseCount(), before);
}

TEST_P(Open311Api, RequestsFollowTheCaseThroughTheLoopAndStayWithTheirKey) {
  const std::string first = File(Valid(key_));
  auto rubbish = Valid(key_);
  std::erase_if(rubbish, [](const auto& p) { return p.first == "service_code" || p.first == "media_url"; });
  rubbish.emplace_back("service_code", "0204");
  const std::string second = File(rubbish);
  const std::string foreign = File(Valid(other_key_));

  // Open, waiting for the intake.
  Reply r = public_.Get(Path("v2/requests/" + first) + "?api_key=" + key_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto one = Records(r);
  ASSERT_EQ(one.size(), 1u) << r.body;
  EXPECT_EQ(one[0]["service_request_id"], first);
  EXPECT_EQ(one[0]["status"], "open");
  EXPECT_EQ(one[0]["status_notes"], "已登记，待受理");
  EXPECT_EQ(one[0]["service_code"], "0203");
  EXPECT_EQ(one[0]["service_name"], "垃圾未清运");
  EXPECT_EQ(one[0]["description"], "小区门口垃圾三天未清运 <有异味> & 招蚊蝇");
  EXPECT_EQ(one[0]["address"], "吉州区井冈山大道 88 号小区门口");
  EXPECT_EQ(one[0]["media_url"], "https://img.example.cn/a.jpg");
  EXPECT_EQ(one[0]["lat"], "27.1123");
  EXPECT_EQ(one[0]["long"], "114.9787");
  EXPECT_EQ(one[0]["requested_datetime"].size(), std::string("2025-11-29T08:00:00+08:00").size());
  EXPECT_TRUE(one[0]["requested_datetime"].ends_with("+08:00")) << one[0]["requested_datetime"];
  EXPECT_EQ(one[0]["agency_responsible"], "");
  EXPECT_EQ(one[0]["expected_datetime"], "");
  EXPECT_FALSE(one[0].count("phone") || one[0].count("email")) << "contact data is never read back";

  // Through the loop: accepted, dispatched, signed, replied.
  const int64_t id = CaseByNumber(first)["id"];
  Act(dispatcher_, id, {{"type", "accept"}});
  Act(dispatcher_, id, {{"type", "dispatch"}, {"unit_id", roads_}});
  Act(handler_, id, {{"type", "sign"}});
  one = Records(public_.Get(Path("v2/requests/" + first) + "?api_key=" + key_));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0]["status_notes"], "吉州区城市管理局办理中");
  EXPECT_EQ(one[0]["agency_responsible"], "吉州区城市管理局");
  EXPECT_FALSE(one[0]["expected_datetime"].empty());
  Act(handler_, id, {{"type", "reply"}, {"outcome", "resolved"}, {"note", "已安排清运并加密清运频次"}});
  one = Records(public_.Get(Path("v2/requests/" + first) + "?api_key=" + key_));
  EXPECT_EQ(one[0]["status"], "open");
  EXPECT_EQ(one[0]["status_notes"], "吉州区城市管理局已答复：已安排清运并加密清运频次");
  // The second is turned away: closed, with the reason.
  Act(dispatcher_, CaseByNumber(second)["id"], {{"type", "reject"}, {"note", "重复反映"}});

  auto numbers = [&](const std::string& query) {
    Reply reply = public_.Get(Path("v2/requests") + "?api_key=" + key_ + query);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.body;
    std::vector<std::string> out;
    for (auto& rec : Records(reply)) out.push_back(rec["service_request_id"]);
    return out;
  };
  EXPECT_EQ(numbers(""), (std::vector<std::string>{second, first}));  // newest first; not the other key's
  EXPECT_EQ(numbers("&status=open"), (std::vector<std::string>{first}));
  EXPECT_EQ(numbers("&status=closed"), (std::vector<std::string>{second}));
  EXPECT_EQ(numbers("&status=open,closed"), (std::vector<std::string>{second, first}));
  EXPECT_EQ(numbers("&service_code=0204"), (std::vector<std::string>{second}));
  EXPECT_EQ(numbers("&service_request_id=" + first + "," + foreign), (std::vector<std::string>{first}));
  EXPECT_EQ(numbers("&service_request_id=" + first + "&status=closed"), (std::vector<std::string>{first}))
      << "service_request_id overrides the other filters";
  auto closed = Records(public_.Get(Path("v2/requests/" + second) + "?api_key=" + key_));
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0]["status"], "closed");
  EXPECT_EQ(closed[0]["status_notes"], "不予受理：重复反映");

  // Dates: the default window is 90 days back; a window without the requests finds none.
  const std::string today = one[0]["requested_datetime"].substr(0, 10);
  EXPECT_EQ(numbers("&start_date=" + today + "T00:00:00%2B08:00").size(), 2u);
  EXPECT_TRUE(numbers("&end_date=2020-01-01T00:00:00Z").empty());
  server_.clock().Advance(91 * kDayMs);
  ASSERT_EQ(public_.Get("/healthz").status, 200);
  EXPECT_TRUE(numbers("").empty()) << "older than 90 days";
  EXPECT_EQ(numbers("&start_date=" + today).size(), 2u);

  // Another key sees none of them, and one of them is "not found" to it.
  ExpectError(public_.Get(Path("v2/requests/" + first) + "?api_key=" + other_key_), 404);
  ExpectError(public_.Get(Path("v2/requests/NO-SUCH") + "?api_key=" + key_), 404);
}

TEST_P(Open311Api, MalformedQueriesAreRefusedByName) {
  struct Bad {
    std::string query;
    int status;
    std::string names;
  };
  std::vector<Bad> bad = {
      {"", 403, "api_key"},
      {"?api_key=" + key_ + "&status=pending", 400, "status"},
      {"?api_key=" + key_ + "&start_date=yesterday", 400, "start_date"},
      {"?api_key=" + key_ + "&end_date=2026-13-01T00:00:00Z", 400, "end_date"},
      {"?api_key=" + key_ + "&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", 400, "90 days"},
      {"?api_key=" + key_ + "&start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", 400, "end_date"},
      {"?api_key=" + key_ + "&jurisdiction_id=elsewhere", 404, "jurisdiction_id"},
  };
  for (const auto& b : bad) {
    std::string why = ExpectError(public_.Get(Path("v2/requests") + b.query), b.status);
    EXPECT_NE(why.find(b.names), std::string::npos) << b.query << ": " << why;
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, Open311Api, ::testing::Values("json", "xml"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// Issuing keys is an administrator's act, with the field named when the input is wrong.
TEST(ApiKeysApi, IssuingAndRevokingNeedTheRightAndGoodInput) {
  TestServer server;
  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", kAdminPassword).status, 200);
  const int64_t unit = CreateUnit(admin, "吉州区12345热线中心");
  auto roles = RoleIds(admin);
  CreateUser(admin, "clerk2", unit, roles["case_dispatcher"], "own_unit", kPassword);
  Client clerk(server.port());
  ASSERT_EQ(clerk.Login("clerk2", kPassword).status, 200);
  EXPECT_EQ(clerk.Post("/api/api-keys", {{"name", "x"}, {"unit_id", unit}}).status, 403);
  EXPECT_EQ(clerk.Get("/api/api-keys").status, 403);

  Reply empty = admin.Post("/api/api-keys", {{"name", "  "}, {"unit_id", unit}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.ErrorField(), "name");
  Reply no_unit = admin.Post("/api/api-keys", {{"name", "App"}, {"unit_id", 999999}});
  EXPECT_EQ(no_unit.status, 400);
  EXPECT_EQ(no_unit.ErrorField(), "unit_id");
  EXPECT_TRUE(admin.Get("/api/api-keys").json["items"].empty()) << "nothing written";

  Reply issued = admin.Post("/api/api-keys", {{"name", "随手拍"}, {"unit_id", unit}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string key = issued.json["key"];
  EXPECT_EQ(key.size(), 43u);
  EXPECT_EQ(issued.json["api_key"]["key_prefix"], key.substr(0, 10));
  EXPECT_EQ(issued.json["api_key"]["unit_name"], "吉州区12345热线中心");
  const std::string path = "/api/api-keys/" + issued.json["api_key"]["id"].dump() + "/revoke";
  Reply first = admin.Post(path, nullptr);
  ASSERT_EQ(first.status, 200);
  server.clock().Advance(kMinuteMs);
  Reply again = admin.Post(path, nullptr);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json["revoked_at"], first.json["revoked_at"]) << "revoking twice changes nothing";
  EXPECT_EQ(admin.Post("/api/api-keys/999999/revoke", nullptr).status, 404);
  Reply audit = admin.Get("/api/audit/operations?page_size=100");
  int revocations = 0;
  for (const auto& row : audit.json["items"]) revocations += row["action"] == "api_key.revoke";
  EXPECT_EQ(revocations, 1);
}

}  // namespace
}  // namespace lz::testing
