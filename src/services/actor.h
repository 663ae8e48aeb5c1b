// Actor: who is acting in a use case — an authenticated user (with permissions and data scope
// resolved) or the system itself (CLI, bootstrap, demo). Every service call takes one.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "domain/auth/data_scope.h"

namespace lz::services {

struct Actor {
  int64_t user_id = 0;  // 0 for the system
  std::string login;
  std::string name;
  int64_t unit_id = 0;
  std::string unit_path;
  std::set<std::string, std::less<>> permissions;
  auth::DataScope scope;
  std::string client_address;
  bool system = false;
  bool password_expired = false;

  // The system actor: every permission, scope all. `label` appears in the operation log.
  static Actor System(std::string label = "system");
  bool Has(std::string_view permission) const { return system || permissions.count(permission) > 0; }
  // The data scope resolved against the actor's unit, for repositories.
  auth::ScopeFilter Filter() const;
};

}  // namespace lz::services
