// Config: lianzhang's settings from a TOML file (--config, default ./lianzhang.toml when present)
// overridden by environment variables LIANZHANG_<SECTION>_<KEY> (e.g. LIANZHANG_SERVER_LISTEN,
// LIANZHANG_DATABASE_URL, LIANZHANG_SECURITY_PASSWORD_PROFILE) and then by command-line flags.
// Secrets (LIANZHANG_ADMIN_PASSWORD) come only from the environment.
#pragma once

#include <string>

#include "common/status.h"
#include "http/app.h"
#include "http/server.h"
#include "services/platform.h"

namespace lz::cli {

struct Config {
  http::ServerOptions server;
  http::AppOptions app;
  services::PlatformOptions platform;
  // How often `serve` writes the escalation ladder's due rungs (预警, 催办, 督办 …), in seconds.
  unsigned escalation_interval_seconds = 60;
};

// Reads `path` (may be empty: defaults only) and applies the environment. InvalidArgument names
// the offending key ("server.listen").
Result<Config> LoadConfig(const std::string& path);

// Parses "ADDR:PORT" into the server options. InvalidArgument naming "listen" on a bad value.
Status ParseListen(const std::string& listen, http::ServerOptions& server);

}  // namespace lz::cli
