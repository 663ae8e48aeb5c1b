// AuditTrail: how services write the operation log. A successful write records its row inside
// the same transaction as the change; a refusal (missing permission, outside the data scope)
// records a "denied" row in a transaction of its own, since nothing else is written.
#pragma once

#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "services/actor.h"
#include "storage/repositories.h"

namespace lz::services {

// Records, inside a transaction, that the actor was refused (data scope); the service logs the
// denial with AuditTrail::Finish after the transaction has ended.
struct Refusal {
  bool refused = false;
  std::string object_id;
  void Set(std::string id) {
    refused = true;
    object_id = std::move(id);
  }
};

class AuditTrail {
 public:
  AuditTrail(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Appends an "ok" row inside the caller's write transaction.
  Status Record(storage::Repositories& repos, const Actor& actor, std::string_view action,
                std::string_view object_type, std::string_view object_id, std::string_view detail = {}) const;

  // Returns OK when the actor holds `permission`; otherwise writes a "denied" row and returns
  // PermissionDenied.
  Status Require(const Actor& actor, std::string_view permission, std::string_view action,
                 std::string_view object_type, std::string_view object_id = {}) const;

  // Writes a "denied" row for a refusal decided elsewhere (e.g. data scope) and returns `refusal`.
  Status Deny(const Actor& actor, std::string_view action, std::string_view object_type, std::string_view object_id,
              const Status& refusal) const;

  // Passes `result` through; when `refusal` was set during the transaction, first logs a denial.
  Status Finish(const Actor& actor, std::string_view action, std::string_view object_type, const Refusal& refusal,
                const Status& result) const;

 private:
  void LogDenied(const Actor& actor, std::string_view action, std::string_view object_type, std::string_view object_id,
                 std::string_view reason) const;

  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace lz::services
