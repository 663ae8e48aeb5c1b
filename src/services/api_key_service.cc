// ApiKeyService: keys are 160 random bits, stored as SHA-256 (a key is not a password: it has
// the entropy that makes a slow hash pointless, and a fast one lets every request look it up).
#include "services/api_key_service.h"

#include "common/crypto.h"
#include "domain/auth/permissions.h"

namespace lz::services {

namespace perm = auth::perm;

Result<IssuedApiKey> ApiKeyService::Issue(const Actor& actor, std::string name, int64_t unit_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kApiKeyWrite, "api_key.create", "api_key"));
  IssuedApiKey out;
  auth::ApiKey& key = out.api_key;
  key.name = std::move(name);
  key.unit_id = unit_id;
  RETURN_IF_ERROR(auth::NormaliseApiKey(key));
  out.key = std::string(auth::kApiKeyPrefix) + crypto::RandomHex(20);
  key.key_hash = crypto::Sha256Hex(out.key);
  key.key_prefix = out.key.substr(0, auth::kApiKeyPrefixShown);
  key.created_by = actor.user_id;
  key.created_at = clock_.NowMs();
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(key.unit_id));
    if (!unit) return InvalidArgument("unknown unit", "unit_id");
    key.unit_name = unit->name;
    ASSIGN_OR_RETURN(key.id, repos.api_keys().Insert(key));
    return audit_.Record(repos, actor, "api_key.create", "api_key", std::to_string(key.id),
                         key.name + " " + key.key_prefix);
  }));
  return out;
}

Result<std::vector<auth::ApiKey>> ApiKeyService::List(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kApiKeyWrite, "api_key.list", "api_key"));
  std::vector<auth::ApiKey> keys;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(keys, repos.api_keys().List());
    return Status::Ok();
  }));
  return keys;
}

Result<auth::ApiKey> ApiKeyService::Revoke(const Actor& actor, int64_t id) {
  const std::string ref = std::to_string(id);
  RETURN_IF_ERROR(audit_.Require(actor, perm::kApiKeyWrite, "api_key.revoke", "api_key", ref));
  auth::ApiKey key;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto existing, repos.api_keys().Get(id));
    if (!existing) return NotFound("API key " + ref + " not found");
    if (!existing->revoked_at) {
      RETURN_IF_ERROR(repos.api_keys().Revoke(id, clock_.NowMs()));
      RETURN_IF_ERROR(audit_.Record(repos, actor, "api_key.revoke", "api_key", ref, existing->name));
    }
    ASSIGN_OR_RETURN(auto updated, repos.api_keys().Get(id));
    if (!updated) return Internal("API key " + ref + " vanished while revoked");
    key = *updated;
    return Status::Ok();
  }));
  return key;
}

Result<KeyActor> ApiKeyService::Authenticate(std::string_view presented, const std::string& client_address) {
  const Status invalid = Status(StatusCode::kPermissionDenied, "invalid api_key", "api_key");
  if (!auth::LooksLikeApiKey(presented)) return invalid;
  const std::string hash = crypto::Sha256Hex(presented);
  std::optional<auth::ApiKey> key;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(key, repos.api_keys().GetByHash(hash));
    return Status::Ok();
  }));
  // The hash was found by equality in SQL; compare again in constant time all the same.
  if (!key || key->revoked_at || !crypto::ConstantTimeEquals(key->key_hash, hash)) return invalid;
  const TimeMs now = clock_.NowMs();
  if (!key->last_used_at || now - *key->last_used_at >= touch_interval_) {
    RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) { return repos.api_keys().Touch(key->id, now); }));
  }
  KeyActor out;
  out.api_key_id = key->id;
  Actor& actor = out.actor;
  actor.login = "api_key:" + key->key_prefix;
  actor.name = key->name;
  actor.unit_id = key->unit_id;
  actor.permissions.emplace(perm::kCaseCreate);
  actor.scope.kind = auth::ScopeKind::kSelf;
  actor.client_address = client_address;
  return out;
}

}  // namespace lz::services
