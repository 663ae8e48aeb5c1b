// PasswordPolicy: the two profiles a deployment chooses from.
//   asvs — OWASP ASVS 4 §2.1: at least 12 characters (code points), at most 128, not one of the
//          common passwords shipped in data/passwords/common.txt, not the login name; no rotation.
//   djbh — 等保 2.0 (GB/T 22239) practice: at least 8 characters with at least three of the four
//          classes (upper, lower, digit, symbol), not the login name, changed every 90 days.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "common/clock.h"
#include "common/status.h"

namespace lz::auth {

enum class PasswordProfile { kAsvs, kDjbh };

std::string_view PasswordProfileName(PasswordProfile p);
std::optional<PasswordProfile> ParsePasswordProfile(std::string_view name);

class PasswordPolicy {
 public:
  // `common_passwords` holds lower-case entries; the policy keeps its own copy.
  PasswordPolicy(PasswordProfile profile, std::unordered_set<std::string> common_passwords);

  PasswordProfile profile() const { return profile_; }
  // OK or InvalidArgument naming `field` with the reason the password is refused.
  Status Check(std::string_view password, std::string_view login, const std::string& field) const;
  // True when a password set at `changed_at` must be changed at `now` (djbh only: 90 days).
  bool IsExpired(TimeMs changed_at, TimeMs now) const;

  static constexpr TimeMs kDjbhMaxAge = 90 * kDayMs;

 private:
  PasswordProfile profile_;
  std::unordered_set<std::string> common_;
};

}  // namespace lz::auth
