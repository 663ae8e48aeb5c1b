// Integration test harness.
#include "harness.h"

#include "io/xlsx_reader.h"
#include "storage/postgres/postgres_database.h"

#include <cstdlib>
#include <random>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

namespace lz::testing {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

// A new schema on the test cluster (LZ_TEST_POSTGRES_URL), selected through search_path.
std::string FreshPostgresDatabase() {
  const char* base_env = std::getenv("LZ_TEST_POSTGRES_URL");
  if (!base_env) throw std::runtime_error("LZ_TEST_BACKEND=postgres needs LZ_TEST_POSTGRES_URL (scripts/test-postgres.sh)");
  std::string base = base_env;
  std::random_device rd;
  std::string schema = "it" + std::to_string(rd()) + std::to_string(rd());
  auto admin = storage::OpenPostgres(storage::PostgresOptions{base, 1});
  if (!admin.ok()) throw std::runtime_error(admin.status().ToString());
  Status st = (*admin)->Run(storage::sql::TxMode::kWrite,
                            [&](storage::sql::Connection& c) { return c.ExecScript("CREATE SCHEMA " + schema); });
  if (!st.ok()) throw std::runtime_error(st.ToString());
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

TestServer::TestServer(std::function<void(services::PlatformOptions&)> tweak)
    : clock_(1764374400000) /* 2025-11-29T00:00:00Z */ {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("lz-it-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
  services::PlatformOptions options;
  options.database = (dir_ / "test.db").string();
  if (const char* backend = std::getenv("LZ_TEST_BACKEND"); backend && std::string(backend) == "postgres") {
    options.database = FreshPostgresDatabase();
  }
  options.sqlite_synchronous = "NORMAL";
  options.admin_password = kAdminPassword;
  options.service.password_cost = crypto::PasswordCost::kFastForTest;
  if (tweak) tweak(options);
  database_ = options.database;
  auto platform = services::Platform::Open(options, clock_);
  if (!platform.ok()) throw std::runtime_error("platform: " + platform.status().ToString());
  platform_ = std::move(*platform);
  auto app = http::App::Create(*platform_, http::AppOptions{});
  if (!app.ok()) throw std::runtime_error("app: " + app.status().ToString());
  app_ = std::move(*app);
  http::ServerOptions so;
  so.port = 0;
  so.threads = 2;
  so.access_log = false;
  so.max_json_body_bytes = 64 * 1024;
  http::App* a = app_.get();
  server_ = std::make_unique<http::Server>(so, [a](http::Request& r) { return a->Handle(r); });
  Status st = server_->Start();
  if (!st.ok()) throw std::runtime_error("server: " + st.ToString());
}

TestServer::~TestServer() {
  server_->Stop();
  server_.reset();
  app_.reset();
  platform_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string Reply::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Reply::ErrorField() const {
  if (!json.is_object() || !json.contains("error") || json["error"]["field"].is_null()) return "";
  return json["error"]["field"].get<std::string>();
}

std::string Reply::ErrorCode() const {
  if (!json.is_object() || !json.contains("error")) return "";
  return json["error"]["code"].get<std::string>();
}

struct Client::Conn {
  net::io_context io;
  beast::tcp_stream stream{io};
  bool open = false;
};

Client::Client(uint16_t port) : conn_(std::make_unique<Conn>()), port_(port) {}
Client::~Client() {
  beast::error_code ec;
  conn_->stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
}

Reply Client::Send(const std::string& method, const std::string& target, const std::string& body,
                   const std::string& content_type, const std::map<std::string, std::string>& headers, bool plain) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!conn_->open) {
      net::ip::tcp::endpoint ep(net::ip::make_address("127.0.0.1"), port_);
      conn_->stream.connect(ep);
      conn_->open = true;
    }
    bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
    req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
    req.set(bhttp::field::user_agent, "lz-integration-test");
    if (!plain && !cookie_.empty()) req.set(bhttp::field::cookie, cookie_);
    if (!plain && !csrf_.empty()) req.set("X-CSRF-Token", csrf_);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST" || method == "PUT") {
      if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
      req.body() = body;
      req.prepare_payload();
    }
    req.keep_alive(true);
    beast::error_code ec;
    bhttp::write(conn_->stream, req, ec);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    if (!ec) bhttp::read(conn_->stream, buffer, parser, ec);
    if (ec) {
      // The server may have closed an idle keep-alive connection: reconnect once.
      conn_->stream.close();
      conn_->open = false;
      continue;
    }
    auto res = parser.release();
    Reply reply;
    reply.status = static_cast<int>(res.result_int());
    reply.body = res.body();
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers.emplace(name, std::string(f.value()));
    }
    if (reply.Header("content-type").starts_with("application/json") && !reply.body.empty()) {
      reply.json = nlohmann::json::parse(reply.body, nullptr, false);
    }
    if (!res.keep_alive()) {
      conn_->stream.close();
      conn_->open = false;
    }
    return reply;
  }
  return Reply{};
}

Reply Client::Get(const std::string& target) { return Send("GET", target, "", ""); }
Reply Client::Delete(const std::string& target) { return Send("DELETE", target, "", ""); }
Reply Client::Post(const std::string& target, const nlohmann::json& body) {
  return Send("POST", target, body.is_null() ? std::string() : body.dump(), "application/json");
}
Reply Client::Put(const std::string& target, const nlohmann::json& body) {
  return Send("PUT", target, body.dump(), "application/json");
}

Reply Client::Login(const std::string& login, const std::string& password) {
  Reply r = Send("POST", "/api/auth/login", nlohmann::json{{"login", login}, {"password", password}}.dump(),
                 "application/json", {}, true);
  if (r.status == 200) {
    std::string set_cookie = r.Header("set-cookie");
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    csrf_ = r.json["csrf_token"].get<std::string>();
  }
  return r;
}

std::vector<std::vector<std::string>> XlsxRows(const std::string& bytes) {
  auto sheet = io::ReadXlsx(bytes);
  EXPECT_TRUE(sheet.ok()) << sheet.status().ToString();
  std::vector<std::vector<std::string>> out;
  if (!sheet.ok()) return out;
  for (const auto& row : sheet->rows) {
    std::vector<std::string> cells;
    for (const auto& c : row.cells) cells.push_back(c.text);
    out.push_back(std::move(cells));
  }
  return out;
}

std::map<std::string, int64_t> RoleIds(Client& admin) {
  std::map<std::string, int64_t> ids;
  Reply roles = admin.Get("/api/roles");
  EXPECT_EQ(roles.status, 200) << roles.body;
  for (const auto& r : roles.json["items"]) ids[r["key"].get<std::string>()] = r["id"].get<int64_t>();
  return ids;
}

int64_t CreateUnit(Client& admin, const std::string& name, const std::string& region_code, int64_t parent_id) {
  nlohmann::json body = {{"name", name}, {"kind", "department"}, {"region_code", region_code}};
  if (parent_id) body["parent_id"] = parent_id;
  Reply r = admin.Post("/api/units", body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json.value("id", int64_t{0});
}

int64_t CreateUser(Client& admin, const std::string& login, int64_t unit_id, int64_t role_id, const std::string& scope,
                   const std::string& password) {
  Reply r = admin.Post("/api/users", {{"login", login}, {"name", login}, {"unit_id", unit_id}, {"role_ids", {role_id}},
                                      {"scope", {{"kind", scope}}}, {"password", password}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json.value("id", int64_t{0}) : 0;
}

}  // namespace lz::testing
