// AccountService: users and roles.
#include "services/account_service.h"

#include <algorithm>

#include "common/crypto.h"
#include "common/text.h"
#include "domain/auth/permissions.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;

Status ValidateRoleKey(const std::string& key) {
  if (key.size() < 2 || key.size() > 32) return InvalidArgument("role key must have 2 to 32 characters", "key");
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return InvalidArgument("role key may contain only a-z, 0-9 and '_'", "key");
    }
  }
  return Status::Ok();
}

Status ValidateRoleFields(RoleInput& input) {
  input.name = text::Trim(input.name);
  size_t len = text::Utf8Length(input.name);
  if (len == 0 || len > 50) return InvalidArgument("role name must have 1 to 50 characters", "name");
  for (const auto& p : input.permissions) {
    if (!auth::IsKnownPermission(p)) return InvalidArgument("unknown permission " + p, "permissions");
  }
  return Status::Ok();
}

}  // namespace

Result<UserView> AccountService::View(storage::Repositories& repos, int64_t id) {
  ASSIGN_OR_RETURN(auto user, repos.users().Get(id));
  if (!user) return NotFound("user " + std::to_string(id) + " not found");
  UserView view{std::move(*user), {}};
  for (int64_t role_id : view.user.role_ids) {
    ASSIGN_OR_RETURN(auto role, repos.roles().Get(role_id));
    if (role) view.roles.push_back(std::move(*role));
  }
  return view;
}

Result<auth::User> AccountService::LoadVisibleUser(storage::Repositories& repos, const Actor& actor, int64_t id,
                                                   Refusal& refusal) {
  ASSIGN_OR_RETURN(auto user, repos.users().Get(id));
  if (!user) return NotFound("user " + std::to_string(id) + " not found");
  if (!actor.Filter().Allows(user->unit_id, user->unit_path, user->id)) {
    refusal.Set(std::to_string(id));
    return NotFound("user " + std::to_string(id) + " not found");
  }
  return std::move(*user);
}

Status AccountService::CheckGrant(storage::Repositories& repos, const Actor& actor, const auth::User& user,
                                  Refusal& refusal) {
  RETURN_IF_ERROR(auth::ValidateDataScope(user.scope));
  ASSIGN_OR_RETURN(auto unit, repos.units().Get(user.unit_id));
  auth::ScopeFilter mine = actor.Filter();
  if (!unit) return InvalidArgument("unit " + std::to_string(user.unit_id) + " does not exist", "unit_id");
  if (!mine.Allows(unit->id, unit->path, unit->created_by)) {
    refusal.Set(std::to_string(user.id));
    return InvalidArgument("unit " + std::to_string(user.unit_id) + " does not exist", "unit_id");
  }
  for (int64_t unit_id : user.scope.unit_ids) {
    ASSIGN_OR_RETURN(auto listed, repos.units().Get(unit_id));
    if (!listed || !mine.Allows(listed->id, listed->path, listed->created_by)) {
      return InvalidArgument("unit " + std::to_string(unit_id) + " does not exist", "scope.unit_ids");
    }
  }
  if (mine.kind != auth::ScopeKind::kAll && user.scope.kind == auth::ScopeKind::kAll) {
    refusal.Set(std::to_string(user.id));
    return PermissionDenied("you cannot grant a wider data scope than your own");
  }
  if (user.role_ids.empty()) return InvalidArgument("at least one role is required", "role_ids");
  for (int64_t role_id : user.role_ids) {
    ASSIGN_OR_RETURN(auto role, repos.roles().Get(role_id));
    if (!role) return InvalidArgument("role " + std::to_string(role_id) + " does not exist", "role_ids");
    for (const auto& p : role->permissions) {
      if (!actor.Has(p)) {
        refusal.Set(std::to_string(user.id));
        return PermissionDenied("you cannot grant role " + role->key + ": it holds " + p + ", which you do not have");
      }
    }
  }
  return Status::Ok();
}

Result<storage::PageOf<UserView>> AccountService::ListUsers(const Actor& actor, const UserFilter& filter) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUserRead, "user.list", "user"));
  storage::UserQuery q;
  q.q = text::Trim(filter.q);
  q.unit_id = filter.unit_id;
  q.scope = actor.Filter();
  q.page = filter.page.Clamped();
  storage::PageOf<UserView> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto page, repos.users().List(q));
    out.total = page.total;
    ASSIGN_OR_RETURN(auto roles, repos.roles().List());
    for (auto& u : page.items) {
      UserView v{std::move(u), {}};
      for (const auto& r : roles) {
        if (std::count(v.user.role_ids.begin(), v.user.role_ids.end(), r.id)) v.roles.push_back(r);
      }
      out.items.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

Result<UserView> AccountService::GetUser(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUserRead, "user.get", "user", std::to_string(id)));
  UserView view;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(LoadVisibleUser(repos, actor, id, refusal).status());
    ASSIGN_OR_RETURN(view, View(repos, id));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "user.get", "user", refusal, st));
  return view;
}

Result<UserView> AccountService::CreateUser(const Actor& actor, const UserInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUserWrite, "user.create", "user"));
  auth::User user;
  user.login = text::Trim(input.login);
  user.name = input.name;
  user.phone = input.phone;
  user.unit_id = input.unit_id;
  user.role_ids = input.role_ids;
  user.scope = input.scope;
  user.status = auth::UserStatus::kActive;
  user.created_by = actor.user_id;
  user.created_at = user.updated_at = user.password_changed_at = clock_.NowMs();
  RETURN_IF_ERROR(auth::ValidateLogin(user.login));
  RETURN_IF_ERROR(auth::NormaliseUserFields(user));
  RETURN_IF_ERROR(policy_.Check(input.password, user.login, "password"));
  // Hash before opening the transaction: Argon2id is deliberately slow.
  ASSIGN_OR_RETURN(user.password_hash, crypto::HashPassword(input.password, config_.password_cost));
  UserView view;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.users().GetByLogin(user.login));
    if (existing) return AlreadyExists("login name " + user.login + " is already taken", "login");
    RETURN_IF_ERROR(CheckGrant(repos, actor, user, refusal));
    ASSIGN_OR_RETURN(user.id, repos.users().Insert(user));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "user.create", "user", std::to_string(user.id), user.login));
    ASSIGN_OR_RETURN(view, View(repos, user.id));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "user.create", "user", refusal, st));
  return view;
}

Result<UserView> AccountService::UpdateUser(const Actor& actor, int64_t id, const UserInput& input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUserWrite, "user.update", "user", std::to_string(id)));
  UserView view;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto user, LoadVisibleUser(repos, actor, id, refusal));
    user.name = input.name;
    if (!input.keep_phone) user.phone = input.phone;
    user.unit_id = input.unit_id;
    user.role_ids = input.role_ids;
    user.scope = input.scope;
    bool disabling = user.status == auth::UserStatus::kActive && input.status == auth::UserStatus::kDisabled;
    user.status = input.status;
    user.updated_at = clock_.NowMs();
    if (user.id == actor.user_id && input.status == auth::UserStatus::kDisabled) {
      return FailedPrecondition("you cannot disable your own account", "status");
    }
    RETURN_IF_ERROR(auth::NormaliseUserFields(user));
    RETURN_IF_ERROR(CheckGrant(repos, actor, user, refusal));
    RETURN_IF_ERROR(repos.users().Update(user));
    if (disabling) RETURN_IF_ERROR(repos.sessions().DeleteForUser(id));
    RETURN_IF_ERROR(audit_.Record(repos, actor, "user.update", "user", std::to_string(id), user.login));
    ASSIGN_OR_RETURN(view, View(repos, id));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "user.update", "user", refusal, st));
  return view;
}

Status AccountService::UnlockUser(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUserWrite, "user.unlock", "user", std::to_string(id)));
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto user, LoadVisibleUser(repos, actor, id, refusal));
    auth::RecordSuccessfulLogin(user);
    user.updated_at = clock_.NowMs();
    RETURN_IF_ERROR(repos.users().Update(user));
    return audit_.Record(repos, actor, "user.unlock", "user", std::to_string(id), user.login);
  });
  return audit_.Finish(actor, "user.unlock", "user", refusal, st);
}

Status AccountService::ResetPassword(const Actor& actor, int64_t id, const std::string& new_password) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kUserWrite, "user.reset_password", "user", std::to_string(id)));
  std::string login;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto user, LoadVisibleUser(repos, actor, id, refusal));
    login = user.login;
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "user.reset_password", "user", refusal, st));
  RETURN_IF_ERROR(policy_.Check(new_password, login, "new_password"));
  ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(new_password, config_.password_cost));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto user, repos.users().Get(id));
    if (!user) return NotFound("user " + std::to_string(id) + " not found");
    user->password_hash = hash;
    user->password_changed_at = user->updated_at = clock_.NowMs();
    auth::RecordSuccessfulLogin(*user);
    RETURN_IF_ERROR(repos.users().Update(*user));
    RETURN_IF_ERROR(repos.sessions().DeleteForUser(id));
    return audit_.Record(repos, actor, "user.reset_password", "user", std::to_string(id), user->login);
  });
}

Result<std::vector<auth::Role>> AccountService::ListRoles(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kRoleRead, "role.list", "role"));
  std::vector<auth::Role> roles;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(roles, repos.roles().List());
    return Status::Ok();
  }));
  return roles;
}

Result<auth::Role> AccountService::CreateRole(const Actor& actor, const RoleInput& in) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kRoleWrite, "role.create", "role"));
  RoleInput input = in;
  input.key = text::Trim(input.key);
  RETURN_IF_ERROR(ValidateRoleKey(input.key));
  RETURN_IF_ERROR(ValidateRoleFields(input));
  auth::Role role{0, input.key, input.name, input.permissions, false};
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.roles().GetByKey(role.key));
    if (existing) return AlreadyExists("role key " + role.key + " is already taken", "key");
    ASSIGN_OR_RETURN(role.id, repos.roles().Insert(role));
    return audit_.Record(repos, actor, "role.create", "role", std::to_string(role.id), role.key);
  }));
  return role;
}

Result<auth::Role> AccountService::UpdateRole(const Actor& actor, int64_t id, const RoleInput& in) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kRoleWrite, "role.update", "role", std::to_string(id)));
  RoleInput input = in;
  RETURN_IF_ERROR(ValidateRoleFields(input));
  auth::Role role;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.roles().Get(id));
    if (!existing) return NotFound("role " + std::to_string(id) + " not found");
    if (existing->builtin && existing->permissions != input.permissions) {
      return FailedPrecondition("the permissions of a built-in role cannot be changed", "permissions");
    }
    role = *existing;
    role.name = input.name;
    role.permissions = input.permissions;
    RETURN_IF_ERROR(repos.roles().Update(role));
    return audit_.Record(repos, actor, "role.update", "role", std::to_string(id), role.key);
  }));
  return role;
}

Status AccountService::DeleteRole(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kRoleWrite, "role.delete", "role", std::to_string(id)));
  return store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto role, repos.roles().Get(id));
    if (!role) return NotFound("role " + std::to_string(id) + " not found");
    if (role->builtin) return FailedPrecondition("a built-in role cannot be deleted");
    ASSIGN_OR_RETURN(int64_t holders, repos.users().CountWithRole(id));
    if (holders > 0) return FailedPrecondition("the role is still held by " + std::to_string(holders) + " users");
    RETURN_IF_ERROR(repos.roles().Delete(id));
    return audit_.Record(repos, actor, "role.delete", "role", std::to_string(id), role->key);
  });
}

}  // namespace lz::services
