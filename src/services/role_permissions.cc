// RolePermissions: the cache and its change-feed updates.
#include "services/role_permissions.h"

#include <charconv>
#include <mutex>

namespace lz::services {
Status RolePermissions::AddTo(storage::Repositories& repos, int64_t role_id, Permissions& out) const {
  {
    std::shared_lock lock(mu_);
    if (auto it = by_role_.find(role_id); it != by_role_.end()) {
      out.insert(it->second.begin(), it->second.end());
      return Status::Ok();
    }
  }
  ASSIGN_OR_RETURN(auto role, repos.roles().Get(role_id));
  if (role) out.insert(role->permissions.begin(), role->permissions.end());
  return Status::Ok();
}

Status RolePermissions::Reload(storage::Repositories& repos) {
  ASSIGN_OR_RETURN(auto roles, repos.roles().List());
  std::unordered_map<int64_t, Permissions> fresh;
  for (auto& role : roles) fresh[role.id] = Permissions(role.permissions.begin(), role.permissions.end());
  std::unique_lock lock(mu_);
  by_role_.swap(fresh);
  return Status::Ok();
}

Status RolePermissions::Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) {
  std::set<int64_t> touched;
  for (const auto& change : changes) {
    int64_t id = 0;
    if (change.topic != storage::topic::kRole) continue;
    auto [end, ec] = std::from_chars(change.ref.data(), change.ref.data() + change.ref.size(), id);
    if (ec == std::errc()) touched.insert(id);
  }
  for (int64_t id : touched) {
    ASSIGN_OR_RETURN(auto role, repos.roles().Get(id));
    std::unique_lock lock(mu_);
    if (role) by_role_[id] = Permissions(role->permissions.begin(), role->permissions.end());
    else by_role_.erase(id);
  }
  return Status::Ok();
}

}  // namespace lz::services
