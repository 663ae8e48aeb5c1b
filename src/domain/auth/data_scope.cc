// Data scopes.
#include "domain/auth/data_scope.h"

#include <algorithm>

#include "common/enum_names.h"

namespace lz::auth {
namespace {
constexpr auto kNames = MakeEnumNames<ScopeKind>(
    std::pair{ScopeKind::kAll, std::string_view("all")}, std::pair{ScopeKind::kUnits, std::string_view("units")},
    std::pair{ScopeKind::kOwnUnit, std::string_view("own_unit")},
    std::pair{ScopeKind::kOwnUnitAndBelow, std::string_view("own_unit_and_below")},
    std::pair{ScopeKind::kSelf, std::string_view("self")});
}  // namespace

std::string_view ScopeKindName(ScopeKind kind) { return kNames.Name(kind); }
std::optional<ScopeKind> ParseScopeKind(std::string_view name) { return kNames.Parse(name); }

Status ValidateDataScope(const DataScope& scope) {
  if (scope.kind == ScopeKind::kUnits && scope.unit_ids.empty()) {
    return InvalidArgument("a scope of listed units needs at least one unit", "scope.unit_ids");
  }
  if (scope.kind != ScopeKind::kUnits && !scope.unit_ids.empty()) {
    return InvalidArgument("units may only be listed for a scope of kind 'units'", "scope.unit_ids");
  }
  if (scope.unit_ids.size() > 1000) return InvalidArgument("too many units listed (max 1000)", "scope.unit_ids");
  return Status::Ok();
}

bool ScopeFilter::Allows(int64_t unit_id, std::string_view path, int64_t creator) const {
  switch (kind) {
    case ScopeKind::kAll: return true;
    case ScopeKind::kUnits:
    case ScopeKind::kOwnUnit: return std::find(unit_ids.begin(), unit_ids.end(), unit_id) != unit_ids.end();
    case ScopeKind::kOwnUnitAndBelow: return !unit_path.empty() && path.substr(0, unit_path.size()) == unit_path;
    case ScopeKind::kSelf: return creator == user_id;
  }
  return false;
}

}  // namespace lz::auth
