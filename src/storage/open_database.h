// OpenDatabase: one entry point for every backend, chosen by the location's form — a
// postgres:// or postgresql:// URL opens PostgreSQL, anything else (optionally prefixed
// "sqlite:") is a SQLite file path.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "storage/sql/sql.h"

namespace lz::storage {

struct DatabaseOptions {
  std::string location;                    // postgresql://… URL, sqlite:PATH or PATH
  std::string sqlite_synchronous = "FULL";  // FULL or NORMAL
  unsigned postgres_pool_size = 8;
};

// Opens (creating a missing SQLite file) without migrating. Unavailable when the database cannot
// be reached, InvalidArgument for bad options.
Result<std::shared_ptr<sql::Database>> OpenDatabase(const DatabaseOptions& options);

}  // namespace lz::storage
