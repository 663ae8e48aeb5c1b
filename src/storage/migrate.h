// Migrations: numbered, forward-only SQL files per dialect, embedded in the binary
// (src/storage/migrations/<dialect>/NNNN_name.sql). Each pending file is applied in its own
// transaction together with its row in schema_migrations, so a failure leaves nothing half-done.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "storage/sql/sql.h"

namespace lz::storage {

struct Migration {
  int version = 0;
  std::string name;  // file name without extension
  std::string_view sql;
};

// Embedded migrations of a dialect, ordered by version. Fails on duplicate or malformed names.
Result<std::vector<Migration>> EmbeddedMigrations(sql::Dialect dialect);

// Applies every pending migration. Returns the versions applied (empty when up to date). Fails
// when the database is newer than this binary (a version it does not know).
Result<std::vector<int>> Migrate(sql::Database& db, const Clock& clock);

}  // namespace lz::storage
