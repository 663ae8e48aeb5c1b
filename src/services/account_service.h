// AccountService: users and roles. Creating or changing a user needs sys:user:write, roles need
// sys:role:write. An actor can grant only roles whose permissions it holds itself and only a data
// scope within its own, so no one can hand out more than they have. Thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/auth/password_policy.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/config.h"
#include "storage/repositories.h"

namespace lz::services {

struct UserInput {
  std::string login;  // create only
  std::string name;
  std::optional<std::string> phone;
  bool keep_phone = false;  // update only: leave the stored phone as it is (lists show it masked)
  int64_t unit_id = 0;
  std::vector<int64_t> role_ids;
  auth::DataScope scope;
  auth::UserStatus status = auth::UserStatus::kActive;  // update only
  std::string password;                                // create only
};

struct UserFilter {
  std::string q;
  std::optional<int64_t> unit_id;
  storage::PageRequest page;
};

// A user as shown to others: roles resolved, no password hash.
struct UserView {
  auth::User user;
  std::vector<auth::Role> roles;
};

struct RoleInput {
  std::string key;  // create only
  std::string name;
  std::set<std::string> permissions;
};

class AccountService {
 public:
  AccountService(storage::Store& store, const Clock& clock, const AuditTrail& audit, const ServiceConfig& config,
                 const auth::PasswordPolicy& policy)
      : store_(store), clock_(clock), audit_(audit), config_(config), policy_(policy) {}

  Result<storage::PageOf<UserView>> ListUsers(const Actor& actor, const UserFilter& filter);
  Result<UserView> GetUser(const Actor& actor, int64_t id);
  Result<UserView> CreateUser(const Actor& actor, const UserInput& input);
  Result<UserView> UpdateUser(const Actor& actor, int64_t id, const UserInput& input);
  Status UnlockUser(const Actor& actor, int64_t id);
  // Sets a new password chosen by an administrator; the user's sessions end.
  Status ResetPassword(const Actor& actor, int64_t id, const std::string& new_password);

  Result<std::vector<auth::Role>> ListRoles(const Actor& actor);
  Result<auth::Role> CreateRole(const Actor& actor, const RoleInput& input);
  Result<auth::Role> UpdateRole(const Actor& actor, int64_t id, const RoleInput& input);
  Status DeleteRole(const Actor& actor, int64_t id);

 private:
  Result<auth::User> LoadVisibleUser(storage::Repositories& repos, const Actor& actor, int64_t id, Refusal& refusal);
  Status CheckGrant(storage::Repositories& repos, const Actor& actor, const auth::User& user, Refusal& refusal);
  Result<UserView> View(storage::Repositories& repos, int64_t id);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const ServiceConfig& config_;
  const auth::PasswordPolicy& policy_;
};

}  // namespace lz::services
