// SqliteDatabase: the embedded default backend. One writer connection (writes are serialised
// behind a mutex and run as BEGIN IMMEDIATE … COMMIT) and a small pool of reader connections that
// read concurrently in WAL mode. Prepared statements are cached per connection.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "storage/sql/sql.h"

namespace lz::storage {

struct SqliteOptions {
  std::string path;                     // database file; created when missing
  std::string synchronous = "FULL";     // FULL (default, durable on power loss) or NORMAL
  unsigned readers = 4;                 // reader connections
  unsigned busy_timeout_ms = 5000;
};

// Opens (creating when needed) the database file and configures it. Fails with Unavailable and
// the SQLite message when the file cannot be opened.
Result<std::unique_ptr<sql::Database>> OpenSqlite(const SqliteOptions& options);

}  // namespace lz::storage
