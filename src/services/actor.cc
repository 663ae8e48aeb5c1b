// Actor helpers.
#include "services/actor.h"

namespace lz::services {

Actor Actor::System(std::string label) {
  Actor a;
  a.login = std::move(label);
  a.system = true;
  a.scope.kind = auth::ScopeKind::kAll;
  a.client_address = "local";
  return a;
}

auth::ScopeFilter Actor::Filter() const {
  auth::ScopeFilter f;
  f.kind = system ? auth::ScopeKind::kAll : scope.kind;
  f.user_id = user_id;
  switch (f.kind) {
    case auth::ScopeKind::kUnits: f.unit_ids = scope.unit_ids; break;
    case auth::ScopeKind::kOwnUnit: f.unit_ids = {unit_id}; break;
    case auth::ScopeKind::kOwnUnitAndBelow: f.unit_path = unit_path; break;
    default: break;
  }
  return f;
}

}  // namespace lz::services
