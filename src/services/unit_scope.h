// Whether a unit lies in an actor's data scope: the one rule the services apply when an action
// names a unit (an owner, a station, a community, a case's lead unit).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/auth/data_scope.h"
#include "domain/org/unit.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "storage/repositories.h"

namespace lz::services {

// True for the system, the actor's own unit, and units the actor's scope covers (a scope of
// `self` covers units only through the actor's own unit).
inline bool CoversUnit(const Actor& actor, const org::Unit& unit) {
  if (actor.system || unit.id == actor.unit_id) return true;
  const auth::ScopeFilter scope = actor.Filter();
  return scope.kind != auth::ScopeKind::kSelf && scope.Allows(unit.id, unit.path, 0);
}

// The units an actor's figures may cover (the KPIs, the assessment): nullopt for the system and the
// "all" scope (every unit), else the ids the scope covers, ascending. A `self` scope covers no unit:
// PermissionDenied with `refusal` as its message, logged as `action` on `object_type`.
Result<std::optional<std::vector<int64_t>>> UnitsInScope(storage::Store& store, const AuditTrail& audit,
                                                         const Actor& actor, std::string_view action,
                                                         std::string_view object_type, const std::string& refusal);

}  // namespace lz::services
