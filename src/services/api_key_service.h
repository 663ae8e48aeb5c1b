// ApiKeyService: issuing, listing and revoking the API keys of machine clients (Open311 apps), and
// turning a presented key into the Actor it files as. Issuing and revoking need
// sys:apikey:write and are audited; the key itself leaves the service once, in Issue's answer.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "domain/auth/api_key.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "storage/repositories.h"

namespace lz::services {

struct IssuedApiKey {
  auth::ApiKey api_key;
  std::string key;  // "lz_…": shown to the administrator once, stored only as its hash
};

// Who a request presenting a valid key acts as.
struct KeyActor {
  Actor actor;
  int64_t api_key_id = 0;
};

class ApiKeyService {
 public:
  // `store`, `clock` and `audit` must outlive the service; `touch_interval` bounds how often a
  // key's last_used_at is written (one write per request would serialise them).
  ApiKeyService(storage::Store& store, const Clock& clock, const AuditTrail& audit, TimeMs touch_interval)
      : store_(store), clock_(clock), audit_(audit), touch_interval_(touch_interval) {}

  // Issues a key for `unit_id` named `name`. InvalidArgument naming "name" or "unit_id" (unknown unit).
  Result<IssuedApiKey> Issue(const Actor& actor, std::string name, int64_t unit_id);
  Result<std::vector<auth::ApiKey>> List(const Actor& actor);
  // Revokes the key; revoking a revoked key changes nothing. NotFound for an unknown id.
  Result<auth::ApiKey> Revoke(const Actor& actor, int64_t id);

  // The actor a request presenting `key` acts as: named after the key, in its unit, allowed to
  // register cases only. PermissionDenied ("invalid api_key") for a malformed, unknown or revoked
  // key, without telling which.
  Result<KeyActor> Authenticate(std::string_view key, const std::string& client_address);

 private:
  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  TimeMs touch_interval_;
};

}  // namespace lz::services
