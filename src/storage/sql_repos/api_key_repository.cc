// API keys of machine clients in SQL (table api_keys, migration 0005). Only the key's hash is
// stored; reads join the unit for its display name.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {
namespace {

constexpr const char* kSelect =
    "SELECT k.id, k.name, k.key_hash, k.key_prefix, k.unit_id, k.created_by, k.created_at, k.revoked_at, "
    "k.last_used_at, u.name FROM api_keys k JOIN units u ON u.id = k.unit_id";

auth::ApiKey FromRow(const Row& row) {
  auth::ApiKey k;
  k.id = row.Int(0);
  k.name = row.Text(1);
  k.key_hash = row.Text(2);
  k.key_prefix = row.Text(3);
  k.unit_id = row.Int(4);
  k.created_by = row.Int(5);
  k.created_at = row.Int(6);
  k.revoked_at = row.OptInt(7);
  k.last_used_at = row.OptInt(8);
  k.unit_name = row.Text(9);
  return k;
}

}  // namespace

Result<std::optional<auth::ApiKey>> SqlApiKeyRepository::Get(int64_t id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " WHERE k.id = ?", {id}));
  if (rows.empty()) return std::optional<auth::ApiKey>();
  return std::optional<auth::ApiKey>(FromRow(rows.front()));
}

Result<std::optional<auth::ApiKey>> SqlApiKeyRepository::GetByHash(const std::string& key_hash) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " WHERE k.key_hash = ?", {key_hash}));
  if (rows.empty()) return std::optional<auth::ApiKey>();
  return std::optional<auth::ApiKey>(FromRow(rows.front()));
}

Result<std::vector<auth::ApiKey>> SqlApiKeyRepository::List() {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + " ORDER BY k.created_at DESC, k.id DESC"));
  std::vector<auth::ApiKey> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(FromRow(row));
  return out;
}

Result<int64_t> SqlApiKeyRepository::Insert(const auth::ApiKey& k) {
  // DO NOTHING rather than a unique violation: on PostgreSQL a failed statement would poison the
  // rest of the caller's transaction.
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("INSERT INTO api_keys (name, key_hash, key_prefix, unit_id, created_by, created_at, "
                            "revoked_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                            "ON CONFLICT (key_hash) DO NOTHING RETURNING id",
                            {k.name, k.key_hash, k.key_prefix, k.unit_id, k.created_by, k.created_at,
                             sql::Nullable(k.revoked_at), sql::Nullable(k.last_used_at)}));
  if (rows.empty()) return AlreadyExists("an API key with this hash exists already");
  return rows.front().Int(0);
}

Status SqlApiKeyRepository::Revoke(int64_t id, TimeMs at) {
  // COALESCE keeps the first revocation time; the row still counts as changed, so only an
  // unknown id reads as zero rows.
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", {at, id}));
  if (n == 0) return NotFound("API key " + std::to_string(id) + " not found");
  return Status::Ok();
}

Status SqlApiKeyRepository::Touch(int64_t id, TimeMs last_used_at) {
  ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE api_keys SET last_used_at = ? WHERE id = ?", {last_used_at, id}));
  if (n == 0) return NotFound("API key " + std::to_string(id) + " not found");
  return Status::Ok();
}

}  // namespace lz::storage::sqlrepo
