// DataScope: which records a user may see and touch, by the units that own them (brief §2).
//   all                 everything
//   units               the listed units only
//   own_unit            the user's own unit
//   own_unit_and_below  the user's unit and every unit below it in the unit tree
//   self                records the user created (and the user's own account)
// A scope is resolved once per request into a ScopeFilter that repositories turn into SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace lz::auth {

enum class ScopeKind { kAll, kUnits, kOwnUnit, kOwnUnitAndBelow, kSelf };

std::string_view ScopeKindName(ScopeKind kind);
std::optional<ScopeKind> ParseScopeKind(std::string_view name);

struct DataScope {
  ScopeKind kind = ScopeKind::kSelf;
  std::vector<int64_t> unit_ids;  // only for kUnits
};

// Checks that listed units are given exactly when kind is kUnits. Errors name "scope.unit_ids".
Status ValidateDataScope(const DataScope& scope);

// A scope resolved against the user's unit: what a repository needs to filter rows that belong
// to a unit (owner_unit) or were created by a user (owner_user).
struct ScopeFilter {
  ScopeKind kind = ScopeKind::kSelf;
  std::vector<int64_t> unit_ids;  // kUnits: the listed ids; kOwnUnit: the user's unit
  std::string unit_path;          // kOwnUnitAndBelow: path prefix of the user's unit ("/1/7/")
  int64_t user_id = 0;            // kSelf

  static ScopeFilter All() { return ScopeFilter{ScopeKind::kAll, {}, {}, 0}; }
  // True when a record owned by a unit with `unit_id`/`unit_path` and created by `creator` is visible.
  bool Allows(int64_t unit_id, std::string_view unit_path, int64_t creator) const;
};

}  // namespace lz::auth
