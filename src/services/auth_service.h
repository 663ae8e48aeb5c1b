// AuthService: login, logout, session authentication and password change.
// Sessions: the browser holds a 256-bit random token in an HttpOnly cookie; the database holds only
// its SHA-256, the CSRF token, and the times that enforce the idle and absolute timeouts. Failed
// logins are counted per account; the fifth locks it for ten minutes (configurable). Every login,
// failure, lock and logout goes to the login log. Thread-safe.
#pragma once

#include <string>

#include "common/clock.h"
#include "domain/auth/password_policy.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/config.h"
#include "services/role_permissions.h"
#include "storage/repositories.h"

namespace lz::services {

struct LoginRequest {
  std::string login;
  std::string password;
  std::string client_address;
  std::string user_agent;
};

struct SessionGrant {
  std::string token;  // the cookie value; shown once, never stored
  std::string csrf_token;
  Actor actor;
};

// What the UI needs to know about the signed-in user.
struct Me {
  auth::User user;
  std::vector<std::string> permissions;
  bool password_expired = false;
  std::string csrf_token;
};

class AuthService {
 public:
  // `role_permissions` resolves the actor's roles; it must outlive the service.
  AuthService(storage::Store& store, const Clock& clock, const AuditTrail& audit, const ServiceConfig& config,
              const auth::PasswordPolicy& policy, const RolePermissions& role_permissions)
      : store_(store), clock_(clock), audit_(audit), config_(config), policy_(policy),
        role_permissions_(role_permissions) {}

  // Unauthenticated for a wrong login name or password (same message for both), PermissionDenied
  // while the account is locked or disabled.
  Result<SessionGrant> Login(const LoginRequest& request);
  // Ends the session of `token` (no error when it is already gone).
  Status Logout(const std::string& token, const std::string& client_address);
  // Resolves a cookie token to its actor; Unauthenticated when missing, unknown or expired.
  // The returned actor carries the session's CSRF token in `csrf_token`.
  Result<std::pair<Actor, std::string>> Authenticate(const std::string& token, const std::string& client_address);
  Result<Me> Describe(const Actor& actor, const std::string& csrf_token);
  // Changes the actor's own password after checking the old one; other sessions of the user end.
  Status ChangePassword(const Actor& actor, const std::string& token, const std::string& old_password,
                        const std::string& new_password);
  // Deletes expired sessions; returns how many.
  Result<int64_t> PurgeExpiredSessions();
  // The actor of an active account with its roles' permissions and data scope, as a session would
  // carry it: for drivers inside the process that act as a named user (the demo's simulated
  // workflow). Unauthenticated when the account is missing or not active.
  Result<Actor> ActorOf(int64_t user_id);

 private:
  Status RecordLogin(const std::string& login, std::optional<int64_t> user_id, audit::LoginResult result,
                     const std::string& reason, const LoginRequest& request);
  Result<Actor> LoadActor(storage::Repositories& repos, int64_t user_id, const std::string& client_address);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const ServiceConfig& config_;
  const auth::PasswordPolicy& policy_;
  const RolePermissions& role_permissions_;
};

}  // namespace lz::services
