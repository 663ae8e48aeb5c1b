// API keys: how a machine client (an Open311 civic app, issue 6) identifies itself. A key is shown
// once when it is issued; only its SHA-256 is stored, so a stolen database yields no usable key.
// A key files on behalf of one unit (the intake unit of what it files) and can be revoked; a
// revoked key is kept, so the cases it filed still name it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"

namespace lz::auth {

struct ApiKey {
  int64_t id = 0;
  std::string name;        // who holds it: "随手拍 App", 1–100 characters
  std::string key_hash;    // SHA-256 hex of the key
  std::string key_prefix;  // its first characters, to tell keys apart in lists
  int64_t unit_id = 0;     // the unit on whose behalf it files (intake unit)
  int64_t created_by = 0;
  TimeMs created_at = 0;
  std::optional<TimeMs> revoked_at;
  std::optional<TimeMs> last_used_at;
  // Filled by queries for display.
  std::string unit_name;
  bool operator==(const ApiKey&) const = default;
};

// Keys look like "lz_" followed by 40 lower-case hex digits (160 random bits).
inline constexpr std::string_view kApiKeyPrefix = "lz_";
inline constexpr size_t kApiKeyPrefixShown = 10;  // "lz_" and 7 hex digits

// Trims and checks the name (1–100 characters of valid UTF-8). InvalidArgument names "name".
Status NormaliseApiKey(ApiKey& key);
// True when `key` has the shape of an issued key (checked before hashing, so junk is refused early).
bool LooksLikeApiKey(std::string_view key);

}  // namespace lz::auth
