// CopyDatabase: moves a whole lianzhang database between backends (SQLite ⇄ PostgreSQL) with
// every row, id and audit hash unchanged. The tables, their columns and the order that satisfies
// foreign keys are read from the source's catalogue, so tables added by later migrations are
// copied without changes here. The source is read in one snapshot; the target is written in one
// transaction, checked (row counts per table) before it commits, so a failed copy leaves the
// target as it was.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "storage/sql/sql.h"

namespace lz::storage {

struct TableCopy {
  std::string table;
  int64_t rows = 0;
};

// Copies every table of `from` into `to`. Both must be at the same schema version (migrate the
// target first; it is the caller's job to migrate the source). The target must be new: it may
// hold only what migrations seed (its `settings` table must be empty, which is true until a
// server or command has opened it), and those seed rows are replaced. PostgreSQL identity
// sequences are moved past the copied ids. Returns the tables in copy order with their counts.
Result<std::vector<TableCopy>> CopyDatabase(sql::Database& from, sql::Database& to);

}  // namespace lz::storage
