// SqlStore: the Store over any sql::Database. Repositories are written once in the SQL both
// SQLite and PostgreSQL accept (storage/sql_repos/), so a backend only supplies the driver.
#pragma once

#include <memory>

#include "storage/repositories.h"
#include "storage/sql/sql.h"

namespace lz::storage {

// Takes ownership of the database.
std::unique_ptr<Store> MakeSqlStore(std::shared_ptr<sql::Database> db);

}  // namespace lz::storage
