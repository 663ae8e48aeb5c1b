// AuditService: reading the login and operation logs (audit:log:read) and verifying their hash
// chains. Verification walks both chains in id order and reports the first bad row.
#pragma once

#include <optional>

#include "services/actor.h"
#include "services/audit_trail.h"
#include "storage/repositories.h"

namespace lz::services {

struct VerifyReport {
  int64_t checked = 0;  // rows looked at in both logs
  std::optional<audit::VerifyFinding> first_bad;
  bool ok() const { return !first_bad.has_value(); }
};

class AuditService {
 public:
  AuditService(storage::Store& store, const AuditTrail& audit) : store_(store), audit_(audit) {}

  Result<storage::PageOf<audit::LoginRecord>> ListLogins(const Actor& actor, storage::LogQuery query);
  Result<storage::PageOf<audit::OperationRecord>> ListOperations(const Actor& actor, storage::LogQuery query);
  Result<VerifyReport> Verify(const Actor& actor);

 private:
  storage::Store& store_;
  const AuditTrail& audit_;
};

}  // namespace lz::services
