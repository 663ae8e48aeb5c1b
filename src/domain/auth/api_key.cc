// API key rules.
#include "domain/auth/api_key.h"

#include "common/text.h"

namespace lz::auth {

Status NormaliseApiKey(ApiKey& key) {
  key.name = text::Trim(key.name);
  if (!text::IsValidUtf8(key.name)) return InvalidArgument("name is not valid UTF-8", "name");
  size_t len = text::Utf8Length(key.name);
  if (len == 0) return InvalidArgument("name is required", "name");
  if (len > 100) return InvalidArgument("name is too long (max 100 characters)", "name");
  if (key.unit_id <= 0) return InvalidArgument("unit_id is required", "unit_id");
  return Status::Ok();
}

bool LooksLikeApiKey(std::string_view key) {
  if (!key.starts_with(kApiKeyPrefix) || key.size() != kApiKeyPrefix.size() + 40) return false;
  for (char c : key.substr(kApiKeyPrefix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace lz::auth
