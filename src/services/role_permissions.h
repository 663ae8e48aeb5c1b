// RolePermissions: every role's permission set in memory, so authenticating a request does not
// read the roles table. Kept current by the ChangeFeed (topic "role"); a role the cache does not
// know yet (created on another server a moment ago) is read from the database instead.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "storage/change_feed.h"

namespace lz::services {

class RolePermissions final : public storage::ChangeSubscriber {
 public:
  using Permissions = std::set<std::string, std::less<>>;

  // Adds the permissions of role `role_id` to `out`; reads the role through `repos` when the
  // cache does not hold it. A role that does not exist adds nothing.
  Status AddTo(storage::Repositories& repos, int64_t role_id, Permissions& out) const;

  Status Reload(storage::Repositories& repos) override;
  Status Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) override;

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<int64_t, Permissions> by_role_;
};

}  // namespace lz::services
