// Config loading: TOML file, then environment.
#include "cli/config.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <cstdlib>
#include <filesystem>

#include <toml++/toml.h>

#include "common/text.h"

namespace lz::cli {
namespace {

// One setting: its TOML section and key, and how to apply a textual value.
struct Setting {
  const char* section;
  const char* key;
  std::function<Status(Config&, const std::string&)> apply;
};

Status ParseUnsigned(const std::string& text, const std::string& name, uint64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size()) return InvalidArgument(name + " must be a whole number", name);
  return Status::Ok();
}

std::function<Status(Config&, const std::string&)> UnsignedInto(std::string name, std::function<void(Config&, uint64_t)> set,
                                                                uint64_t min, uint64_t max) {
  return [name, set, min, max](Config& c, const std::string& v) -> Status {
    uint64_t n = 0;
    RETURN_IF_ERROR(ParseUnsigned(v, name, n));
    if (n < min || n > max) {
      return InvalidArgument(name + " must be between " + std::to_string(min) + " and " + std::to_string(max), name);
    }
    set(c, n);
    return Status::Ok();
  };
}

std::function<Status(Config&, const std::string&)> Flag(std::string name, std::function<void(Config&, bool)> set) {
  return [name, set](Config& c, const std::string& v) -> Status {
    if (v == "true" || v == "1") set(c, true);
    else if (v == "false" || v == "0") set(c, false);
    else return InvalidArgument(name + " must be true or false", name);
    return Status::Ok();
  };
}

// "127.0.0.1, ::1": the reverse proxies whose X-Forwarded-For is believed (IPv4 or IPv6, exact).
Status ParseProxies(const std::string& text, http::ServerOptions& server) {
  server.trusted_proxies.clear();
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string address = text::Trim(std::string_view(text).substr(start, comma - start));
    start = comma + 1;
    if (address.empty()) continue;
    in6_addr v6{};
    in_addr v4{};
    if (inet_pton(AF_INET, address.c_str(), &v4) != 1 && inet_pton(AF_INET6, address.c_str(), &v6) != 1) {
      return InvalidArgument("server.trusted_proxies: " + address + " is not an IP address", "server.trusted_proxies");
    }
    server.trusted_proxies.push_back(address);
  }
  return Status::Ok();
}

// "02, 0401": the category code prefixes Open311 offers as services (empty: all).
Status ParseCategoryPrefixes(const std::string& text, services::Open311Options& open311) {
  open311.categories.clear();
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string code = text::Trim(std::string_view(text).substr(start, comma - start));
    start = comma + 1;
    if (code.empty()) continue;
    const bool shaped = code.size() % 2 == 0 && code.size() <= 20 &&
                        std::all_of(code.begin(), code.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) || (ch >= 'A' && ch <= 'Z'); });
    if (!shaped) return InvalidArgument("open311.categories: " + code + " is not a category code", "open311.categories");
    open311.categories.push_back(code);
  }
  return Status::Ok();
}

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> kSettings = {
      {"server", "listen", [](Config& c, const std::string& v) { return ParseListen(v, c.server); }},
      {"server", "threads", UnsignedInto("server.threads", [](Config& c, uint64_t n) { c.server.threads = unsigned(n); }, 0, 256)},
      {"server", "max_json_body", UnsignedInto("server.max_json_body", [](Config& c, uint64_t n) { c.server.max_json_body_bytes = n; }, 1024, 1ull << 30)},
      {"server", "max_upload_body", UnsignedInto("server.max_upload_body", [](Config& c, uint64_t n) { c.server.max_upload_body_bytes = n; }, 1024, 1ull << 32)},
      {"server", "max_header", UnsignedInto("server.max_header", [](Config& c, uint64_t n) { c.server.max_header_bytes = n; }, 1024, 1 << 20)},
      {"server", "read_timeout_seconds", UnsignedInto("server.read_timeout_seconds", [](Config& c, uint64_t n) { c.server.read_timeout_seconds = unsigned(n); }, 1, 3600)},
      {"server", "idle_timeout_seconds", UnsignedInto("server.idle_timeout_seconds", [](Config& c, uint64_t n) { c.server.idle_timeout_seconds = unsigned(n); }, 1, 3600)},
      {"server", "access_log", Flag("server.access_log", [](Config& c, bool b) { c.server.access_log = b; })},
      {"server", "trusted_proxies", [](Config& c, const std::string& v) { return ParseProxies(v, c.server); }},
      {"server", "secure_cookies", Flag("server.secure_cookies", [](Config& c, bool b) { c.app.secure_cookies = b; })},
      {"database", "url", [](Config& c, const std::string& v) { c.platform.database = v; return Status::Ok(); }},
      {"database", "migrate", Flag("database.migrate", [](Config& c, bool b) { c.platform.apply_migrations = b; })},
      {"database", "synchronous", [](Config& c, const std::string& v) -> Status {
         if (v != "FULL" && v != "NORMAL") return InvalidArgument("database.synchronous must be FULL or NORMAL", "database.synchronous");
         c.platform.sqlite_synchronous = v;
         return Status::Ok();
       }},
      {"security", "password_profile", [](Config& c, const std::string& v) -> Status {
         auto p = auth::ParsePasswordProfile(v);
         if (!p) return InvalidArgument("security.password_profile must be asvs or djbh", "security.password_profile");
         c.platform.service.password_profile = *p;
         return Status::Ok();
       }},
      {"security", "session_idle_minutes", UnsignedInto("security.session_idle_minutes", [](Config& c, uint64_t n) { c.platform.service.session.idle_timeout = TimeMs(n) * kMinuteMs; }, 1, 24 * 60)},
      {"security", "session_absolute_hours", UnsignedInto("security.session_absolute_hours", [](Config& c, uint64_t n) { c.platform.service.session.absolute_timeout = TimeMs(n) * kHourMs; }, 1, 24 * 30)},
      {"security", "lockout_failures", UnsignedInto("security.lockout_failures", [](Config& c, uint64_t n) { c.platform.service.lockout.max_failures = int(n); }, 1, 100)},
      {"open311", "jurisdiction_id", [](Config& c, const std::string& v) -> Status {
         std::string id = text::Trim(v);
         if (id.size() > 100 || !text::IsValidUtf8(id) || std::any_of(id.begin(), id.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; })) {
           return InvalidArgument("open311.jurisdiction_id must be up to 100 printable characters", "open311.jurisdiction_id");
         }
         c.platform.open311.jurisdiction_id = id;
         return Status::Ok();
       }},
      {"open311", "channel", [](Config& c, const std::string& v) -> Status {
         std::string code = text::Trim(v);
         if (code.empty()) return InvalidArgument("open311.channel must name a channel code", "open311.channel");
         c.platform.open311.channel = code;  // checked against the catalogue when a request is filed
         return Status::Ok();
       }},
      {"open311", "categories", [](Config& c, const std::string& v) { return ParseCategoryPrefixes(v, c.platform.open311); }},
      {"open311", "posts_per_key", UnsignedInto("open311.posts_per_key", [](Config& c, uint64_t n) { c.platform.open311.posts_per_key = int(n); }, 1, 100000)},
      {"open311", "post_interval_ms", UnsignedInto("open311.post_interval_ms", [](Config& c, uint64_t n) { c.platform.open311.post_interval_ms = TimeMs(n); }, 1, 3600000)},
      {"casework", "escalation_interval_seconds", UnsignedInto("casework.escalation_interval_seconds", [](Config& c, uint64_t n) { c.escalation_interval_seconds = unsigned(n); }, 1, 3600)},
      {"security", "lockout_minutes", UnsignedInto("security.lockout_minutes", [](Config& c, uint64_t n) { c.platform.service.lockout.lock_duration = TimeMs(n) * kMinuteMs; }, 1, 24 * 60)},
  };
  return kSettings;
}

std::string EnvName(const Setting& s) {
  std::string name = std::string("LIANZHANG_") + s.section + "_" + s.key;
  for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return name;
}

}  // namespace

Status ParseListen(const std::string& listen, http::ServerOptions& server) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return InvalidArgument("listen must be ADDR:PORT", "listen");
  uint64_t port = 0;
  RETURN_IF_ERROR(ParseUnsigned(listen.substr(colon + 1), "listen", port));
  if (port > 65535) return InvalidArgument("port must be at most 65535", "listen");
  std::string addr = listen.substr(0, colon);
  if (addr.size() > 2 && addr.front() == '[' && addr.back() == ']') addr = addr.substr(1, addr.size() - 2);
  server.listen_address = addr;
  server.port = static_cast<uint16_t>(port);
  return Status::Ok();
}

Result<Config> LoadConfig(const std::string& path) {
  Config config;
  std::string file = path;
  if (file.empty() && std::filesystem::exists("lianzhang.toml")) file = "lianzhang.toml";
  if (!file.empty()) {
    // toml++ is built with exceptions here: catch them at this edge.
    toml::table table;
    try {
      table = toml::parse_file(file);
    } catch (const toml::parse_error& e) {
      return InvalidArgument("cannot read config " + file + ": " + std::string(e.description()), "config");
    }
    for (const auto& s : Settings()) {
      const toml::node* node = table[s.section][s.key].node();
      if (!node) continue;
      std::string text;
      if (auto v = node->value<std::string>()) text = *v;
      else if (auto i = node->value<int64_t>()) text = std::to_string(*i);
      else if (auto b = node->value<bool>()) text = *b ? "true" : "false";
      else return InvalidArgument(std::string(s.section) + "." + s.key + " has an unsupported type", std::string(s.section) + "." + s.key);
      RETURN_IF_ERROR(s.apply(config, text));
    }
  }
  for (const auto& s : Settings()) {
    if (const char* v = std::getenv(EnvName(s).c_str())) RETURN_IF_ERROR(s.apply(config, v));
  }
  if (const char* pw = std::getenv("LIANZHANG_ADMIN_PASSWORD")) config.platform.admin_password = pw;
  return config;
}

}  // namespace lz::cli
