// The permission catalogue.
#include "domain/auth/permissions.h"

namespace lz::auth {

const std::vector<PermissionInfo>& AllPermissions() {
  static const std::vector<PermissionInfo> kAll = {
      {perm::kRegionRead, "org"},   {perm::kRegionWrite, "org"},    {perm::kUnitRead, "org"},
      {perm::kUnitWrite, "org"},    {perm::kPositionRead, "org"},   {perm::kPositionWrite, "org"},
      {perm::kUserRead, "system"},  {perm::kUserWrite, "system"},   {perm::kRoleRead, "system"},
      {perm::kRoleWrite, "system"}, {perm::kApiKeyWrite, "system"}, {perm::kAuditRead, "audit"},    {perm::kChainRead, "chain"},
      {perm::kChainWrite, "chain"}, {perm::kEnterpriseRead, "chain"}, {perm::kEnterpriseWrite, "chain"},
      {perm::kEnterpriseVisit, "chain"}, {perm::kCommissionerAssign, "chain"}, {perm::kProjectRead, "chain"}, {perm::kProjectWrite, "chain"},
      {perm::kCockpitRead, "chain"},
      {perm::kPolicyRead, "chain"}, {perm::kPolicyWrite, "chain"}, {perm::kPolicyGrant, "chain"},
      {perm::kCaseRead, "case"},    {perm::kCaseCreate, "case"},    {perm::kCaseDispatch, "case"},
      {perm::kCaseHandle, "case"},  {perm::kCaseArbitrate, "case"}, {perm::kCaseCatalogue, "case"},
      {perm::kCaseKpi, "case"},    {perm::kCasePatrol, "case"}, {perm::kCaseWishWrite, "case"}, {perm::kCaseDemand, "case"},
      {perm::kAssessRead, "case"},  {perm::kAssessWrite, "case"},
      {perm::kTaskWrite, "chain"},
  };
  return kAll;
}

bool IsKnownPermission(std::string_view key) {
  for (const auto& p : AllPermissions()) if (p.key == key) return true;
  return false;
}

}  // namespace lz::auth
