// Test harness for HTTP integration tests: a real Platform on a fresh SQLite file and a real
// Server bound to port 0, driven by a simulated clock; and a small keep-alive HTTP client that
// keeps the session cookie and the CSRF token like a browser would.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "http/app.h"
#include "http/server.h"
#include "services/platform.h"

namespace lz::testing {

inline constexpr const char* kAdminPassword = "Integration-Chief-Passw0rd!";

class TestServer {
 public:
  // Starts a server over a fresh database. `tweak` may change the service config first.
  explicit TestServer(std::function<void(services::PlatformOptions&)> tweak = {});
  ~TestServer();

  uint16_t port() const { return server_->port(); }
  services::Platform& platform() { return *platform_; }
  http::App& app() { return *app_; }
  SimulatedClock& clock() { return clock_; }
  const std::filesystem::path& dir() const { return dir_; }
  // The database the platform opened (file path or PostgreSQL URL); a second TestServer given
  // it through `tweak` serves the same data, as a second server behind a load balancer would.
  const std::string& database() const { return database_; }

 private:
  std::filesystem::path dir_;
  std::string database_;
  SimulatedClock clock_;
  std::unique_ptr<services::Platform> platform_;
  std::unique_ptr<http::App> app_;
  std::unique_ptr<http::Server> server_;
};

struct Reply {
  int status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // lower-case names
  nlohmann::json json;                              // parsed body when it is JSON
  std::string Header(const std::string& name) const;
  // "code", "message", "field" of the error body ("" when absent or null).
  std::string ErrorField() const;
  std::string ErrorCode() const;
};

class Client {
 public:
  explicit Client(uint16_t port);
  ~Client();

  Reply Get(const std::string& target);
  Reply Post(const std::string& target, const nlohmann::json& body);
  Reply Put(const std::string& target, const nlohmann::json& body);
  Reply Delete(const std::string& target);
  // Full control: raw body and content type, extra headers; the cookie and CSRF token are added
  // unless `plain` is true.
  Reply Send(const std::string& method, const std::string& target, const std::string& body,
             const std::string& content_type, const std::map<std::string, std::string>& headers = {},
             bool plain = false);

  // Signs in; returns the reply. On success the cookie and the CSRF token are kept.
  Reply Login(const std::string& login, const std::string& password);
  void ForgetCsrf() { csrf_.clear(); }
  const std::string& cookie() const { return cookie_; }

 private:
  struct Conn;
  std::unique_ptr<Conn> conn_;
  uint16_t port_;
  std::string cookie_;
  std::string csrf_;
};

// The cells of an xlsx file's first sheet as text, row by row; empty (and a test failure) when the
// file cannot be read.
std::vector<std::vector<std::string>> XlsxRows(const std::string& bytes);

// The id of every role by its key ("case_handler" → 7), read through the API as `admin`.
std::map<std::string, int64_t> RoleIds(Client& admin);

// Creates a department unit through the API as `admin`; its id (0, and a test failure, when refused).
int64_t CreateUnit(Client& admin, const std::string& name, const std::string& region_code = "360802",
                   int64_t parent_id = 0);
// Creates a user with one role and a data scope kind ("own_unit", "self", ...) through the API as
// `admin`; its id (0, and a test failure, when refused).
int64_t CreateUser(Client& admin, const std::string& login, int64_t unit_id, int64_t role_id, const std::string& scope,
                const std::string& password);

}  // namespace lz::testing
