// User and Role, and the rules of login: lockout after repeated failures and session expiry.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/auth/data_scope.h"

namespace lz::auth {

enum class UserStatus { kActive, kDisabled };
std::string_view UserStatusName(UserStatus s);
std::optional<UserStatus> ParseUserStatus(std::string_view name);

struct Role {
  int64_t id = 0;
  std::string key;   // "admin", "unit_admin", ...
  std::string name;  // display name
  std::set<std::string> permissions;
  bool builtin = false;
};

struct User {
  int64_t id = 0;
  std::string login;
  std::string name;
  std::optional<std::string> phone;
  int64_t unit_id = 0;
  std::vector<int64_t> role_ids;
  DataScope scope;
  UserStatus status = UserStatus::kActive;
  std::string password_hash;
  TimeMs password_changed_at = 0;
  int failed_logins = 0;
  std::optional<TimeMs> locked_until;
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  // Filled by queries for display.
  std::string unit_name;
  std::string unit_path;
};

// Login names: 3–32 characters of [a-z0-9._-], starting with a letter. Errors name "login".
Status ValidateLogin(std::string_view login);
// Trims and checks name and phone. Errors name the field.
Status NormaliseUserFields(User& user);

struct LockoutPolicy {
  int max_failures = 5;
  TimeMs lock_duration = 10 * kMinuteMs;
};

bool IsLocked(const User& user, TimeMs now);
// Applies one failed login: counts it and locks the account when the limit is reached.
// Returns true when this failure locked the account.
bool RecordFailedLogin(User& user, TimeMs now, const LockoutPolicy& policy);
// Applies a successful login: clears the failure count and any expired lock.
void RecordSuccessfulLogin(User& user);

struct SessionPolicy {
  TimeMs idle_timeout = 30 * kMinuteMs;
  TimeMs absolute_timeout = 12 * kHourMs;
};

struct Session {
  std::string token_hash;  // SHA-256 of the cookie token; the token itself is never stored
  int64_t user_id = 0;
  std::string csrf_token;
  TimeMs created_at = 0;
  TimeMs last_seen_at = 0;
  std::string client_address;
  std::string user_agent;
};

// True when the session may no longer be used at `now` (idle or absolute limit passed).
bool IsSessionExpired(const Session& session, TimeMs now, const SessionPolicy& policy);

}  // namespace lz::auth
