// User rules: login names, lockout, session expiry.
#include "domain/auth/user.h"

#include "common/enum_names.h"
#include "common/text.h"

namespace lz::auth {
namespace {
constexpr auto kStatusNames = MakeEnumNames<UserStatus>(std::pair{UserStatus::kActive, std::string_view("active")},
                                                        std::pair{UserStatus::kDisabled, std::string_view("disabled")});
}  // namespace

std::string_view UserStatusName(UserStatus s) { return kStatusNames.Name(s); }
std::optional<UserStatus> ParseUserStatus(std::string_view name) { return kStatusNames.Parse(name); }

Status ValidateLogin(std::string_view login) {
  if (login.size() < 3 || login.size() > 32) return InvalidArgument("login name must have 3 to 32 characters", "login");
  if (!(login[0] >= 'a' && login[0] <= 'z')) return InvalidArgument("login name must start with a lower-case letter", "login");
  for (char c : login) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return InvalidArgument("login name may contain only a-z, 0-9, '.', '_' and '-'", "login");
  }
  return Status::Ok();
}

Status NormaliseUserFields(User& user) {
  user.name = text::Trim(user.name);
  size_t len = text::Utf8Length(user.name);
  if (len == 0) return InvalidArgument("name is required", "name");
  if (len > 50) return InvalidArgument("name is too long (max 50 characters)", "name");
  if (user.phone) {
    *user.phone = text::Trim(*user.phone);
    if (user.phone->empty()) {
      user.phone.reset();
    } else {
      const std::string& p = *user.phone;
      bool digits = p.size() >= 5 && p.size() <= 20;
      for (char c : p) digits = digits && ((c >= '0' && c <= '9') || c == '-' || c == '+');
      if (!digits) return InvalidArgument("phone must be 5 to 20 digits (with optional + and -)", "phone");
    }
  }
  return Status::Ok();
}

bool IsLocked(const User& user, TimeMs now) { return user.locked_until && *user.locked_until > now; }

bool RecordFailedLogin(User& user, TimeMs now, const LockoutPolicy& policy) {
  if (user.locked_until && *user.locked_until <= now) {
    user.locked_until.reset();
    user.failed_logins = 0;
  }
  ++user.failed_logins;
  if (user.failed_logins >= policy.max_failures) {
    user.locked_until = now + policy.lock_duration;
    user.failed_logins = 0;
    return true;
  }
  return false;
}

void RecordSuccessfulLogin(User& user) {
  user.failed_logins = 0;
  user.locked_until.reset();
}

bool IsSessionExpired(const Session& session, TimeMs now, const SessionPolicy& policy) {
  return now - session.last_seen_at >= policy.idle_timeout || now - session.created_at >= policy.absolute_timeout;
}

}  // namespace lz::auth
