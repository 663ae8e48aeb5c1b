// Password policy profiles.
#include "domain/auth/password_policy.h"

#include <algorithm>
#include <cctype>

#include "common/enum_names.h"
#include "common/text.h"

namespace lz::auth {
namespace {

constexpr auto kNames = MakeEnumNames<PasswordProfile>(std::pair{PasswordProfile::kAsvs, std::string_view("asvs")},
                                                       std::pair{PasswordProfile::kDjbh, std::string_view("djbh")});

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string_view PasswordProfileName(PasswordProfile p) { return kNames.Name(p); }
std::optional<PasswordProfile> ParsePasswordProfile(std::string_view name) { return kNames.Parse(name); }

PasswordPolicy::PasswordPolicy(PasswordProfile profile, std::unordered_set<std::string> common_passwords)
    : profile_(profile), common_(std::move(common_passwords)) {}

Status PasswordPolicy::Check(std::string_view password, std::string_view login, const std::string& field) const {
  if (!text::IsValidUtf8(password)) return InvalidArgument("password is not valid UTF-8", field);
  size_t length = text::Utf8Length(password);
  if (length > 128) return InvalidArgument("password is too long (max 128 characters)", field);
  if (!login.empty() && Lower(password).find(Lower(login)) != std::string::npos) {
    return InvalidArgument("password must not contain the login name", field);
  }
  if (profile_ == PasswordProfile::kAsvs) {
    if (length < 12) return InvalidArgument("password must have at least 12 characters", field);
    if (common_.count(Lower(password))) return InvalidArgument("password is on the list of common passwords", field);
    return Status::Ok();
  }
  if (length < 8) return InvalidArgument("password must have at least 8 characters", field);
  bool upper = false, lower = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if (std::isupper(c)) upper = true;
    else if (std::islower(c)) lower = true;
    else if (std::isdigit(c)) digit = true;
    else symbol = true;  // punctuation, spaces and non-ASCII count as symbols
  }
  if (int(upper) + int(lower) + int(digit) + int(symbol) < 3) {
    return InvalidArgument("password must mix at least three of: upper-case, lower-case, digits, symbols", field);
  }
  return Status::Ok();
}

bool PasswordPolicy::IsExpired(TimeMs changed_at, TimeMs now) const {
  return profile_ == PasswordProfile::kDjbh && now - changed_at >= kDjbhMaxAge;
}

}  // namespace lz::auth
