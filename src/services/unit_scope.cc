// UnitsInScope: the units listed for an actor's data scope.
#include "services/unit_scope.h"

#include <algorithm>

namespace lz::services {

Result<std::optional<std::vector<int64_t>>> UnitsInScope(storage::Store& store, const AuditTrail& audit,
                                                         const Actor& actor, std::string_view action,
                                                         std::string_view object_type, const std::string& refusal) {
  if (actor.system || actor.scope.kind == auth::ScopeKind::kAll) return std::optional<std::vector<int64_t>>();
  if (actor.scope.kind == auth::ScopeKind::kSelf) {
    return audit.Deny(actor, action, object_type, "", PermissionDenied(refusal));
  }
  std::vector<int64_t> units;
  RETURN_IF_ERROR(store.Read([&](storage::Repositories& repos) {
    storage::UnitQuery q;
    q.scope = actor.Filter();
    return repos.units().ForEach(q, [&](const org::Unit& u) {
      units.push_back(u.id);
      return Status::Ok();
    });
  }));
  std::sort(units.begin(), units.end());
  return std::optional<std::vector<int64_t>>(std::move(units));
}

}  // namespace lz::services
