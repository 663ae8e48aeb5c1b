// OpenDatabase: backend selection by location.
#include "storage/open_database.h"

#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace lz::storage {

Result<std::shared_ptr<sql::Database>> OpenDatabase(const DatabaseOptions& options) {
  if (IsPostgresUrl(options.location)) {
    ASSIGN_OR_RETURN(auto db, OpenPostgres(PostgresOptions{options.location, options.postgres_pool_size}));
    return std::shared_ptr<sql::Database>(std::move(db));
  }
  SqliteOptions so;
  so.path = options.location.starts_with("sqlite:") ? options.location.substr(7) : options.location;
  if (so.path.empty()) return InvalidArgument("the database location is empty", "database");
  so.synchronous = options.sqlite_synchronous;
  ASSIGN_OR_RETURN(auto db, OpenSqlite(so));
  return std::shared_ptr<sql::Database>(std::move(db));
}

}  // namespace lz::storage
