// Whether a unit lies in an actor's data scope: the one rule the services apply when an action
// names a unit (an owner, a station, a community, a case's lead unit).
#pragma once

#include "domain/auth/data_scope.h"
#include "domain/org/unit.h"
#include "services/actor.h"

namespace lz::services {

// True for the system, the actor's own unit, and units the actor's scope covers (a scope of
// `self` covers units only through the actor's own unit).
inline bool CoversUnit(const Actor& actor, const org::Unit& unit) {
  if (actor.system || unit.id == actor.unit_id) return true;
  const auth::ScopeFilter scope = actor.Filter();
  return scope.kind != auth::ScopeKind::kSelf && scope.Allows(unit.id, unit.path, 0);
}

}  // namespace lz::services
