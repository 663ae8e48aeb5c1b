// Migrations: numbered, forward-only SQL files per dialect, embedded in the binary
// (src/storage/migrations/<dialect>/NNNN_name.sql). Each pending file is applied in its own
// transaction together with its row in schema_migrations, so a failure leaves nothing half-done.
// A database already at this binary's version is only read, never altered, so a role without DDL
// privileges can open it.
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

// The schema version of a database (0: no schema_migrations table or no row in it) and the newest
// version this binary holds for the database's dialect.
struct SchemaVersions {
  int database = 0;
  int program = 0;
};

// Reads the versions in one read transaction; issues no DDL.
Result<SchemaVersions> ReadSchemaVersions(sql::Database& db);

// Ok when the database's schema is exactly this binary's version. Otherwise FailedPrecondition
// saying whether the schema is missing, behind (run `lianzhang migrate`) or newer (upgrade the
// binary). Changes nothing: for servers that do not migrate (the least-privilege role).
Status CheckSchema(sql::Database& db);

// Applies every pending migration. Returns the versions applied (empty when up to date; then
// nothing is written and no DDL is issued). Fails when the database is newer than this binary (a
// version it does not know).
Result<std::vector<int>> Migrate(sql::Database& db, const Clock& clock);

}  // namespace lz::storage
