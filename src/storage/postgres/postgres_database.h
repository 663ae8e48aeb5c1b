// PostgresDatabase: the scale-out backend over libpq. A pool of connections; each statement is
// prepared once per connection (`?` placeholders become `$n`) and run with bound text parameters.
// Write transactions take a transaction-scoped advisory lock first, so writes are serialised across
// every server sharing the database — the same semantics as SQLite's single writer, which the
// audit hash chain relies on. Read transactions are REPEATABLE READ READ ONLY snapshots. A
// connection that breaks is reopened on next use; while the server is unreachable calls fail with
// Unavailable.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "storage/sql/sql.h"

namespace lz::storage {

struct PostgresOptions {
  std::string url;         // postgresql://user:password@host:port/db?sslmode=...
  unsigned pool_size = 8;  // connections
};

// True for postgres:// and postgresql:// URLs.
bool IsPostgresUrl(std::string_view url);

// Connects the pool. Unavailable with libpq's message when the server cannot be reached.
Result<std::unique_ptr<sql::Database>> OpenPostgres(const PostgresOptions& options);

// "?"-placeholders to "$1, $2, …", leaving quoted literals and identifiers alone. Exposed for tests.
std::string NumberPlaceholders(std::string_view sql);

}  // namespace lz::storage
