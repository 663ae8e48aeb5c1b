// Settings in SQL.
#include "storage/sql_repos/internal.h"

namespace lz::storage::sqlrepo {

Result<std::optional<std::string>> SqlSettingsRepository::Get(const std::string& key) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT value FROM settings WHERE key = ?", {key}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows.front().Text(0));
}

Status SqlSettingsRepository::Put(const std::string& key, const std::string& value) {
  return c_
      .Exec("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {key, value})
      .status();
}

}  // namespace lz::storage::sqlrepo
