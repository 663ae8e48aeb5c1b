// Migration runner.
#include "storage/migrate.h"

#include <algorithm>
#include <charconv>

#include <spdlog/spdlog.h>

#include "common/embedded.h"

namespace lz::storage {

Result<std::vector<Migration>> EmbeddedMigrations(sql::Dialect dialect) {
  std::string prefix = dialect == sql::Dialect::kSqlite ? "src/storage/migrations/sqlite/"
                                                        : "src/storage/migrations/postgres/";
  std::vector<Migration> out;
  for (const auto& f : assets::All()) {
    if (f.path.substr(0, prefix.size()) != prefix || !f.path.ends_with(".sql")) continue;
    std::string_view file = f.path.substr(prefix.size());
    Migration m;
    auto [ptr, ec] = std::from_chars(file.data(), file.data() + file.size(), m.version);
    if (ec != std::errc() || ptr == file.data() || *ptr != '_') return Internal("malformed migration name " + std::string(f.path));
    m.name = std::string(file.substr(0, file.size() - 4));
    m.sql = f.bytes;
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) return Internal("duplicate migration version " + std::to_string(out[i].version));
  }
  return out;
}

namespace {

// Whether schema_migrations exists where an unqualified name finds it, asked of the catalogue so
// that a missing table is an answer, not an error.
Result<bool> HasMigrationsTable(sql::Connection& c) {
  std::string_view query =
      c.dialect() == sql::Dialect::kSqlite
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
          : "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = 'schema_migrations' "
            "AND schemaname = ANY (current_schemas(false))";
  ASSIGN_OR_RETURN(auto n, c.QueryInt(query));
  return n.value_or(0) > 0;
}

Status NewerThanProgram(const SchemaVersions& v) {
  return FailedPrecondition("the database schema (version " + std::to_string(v.database) +
                            ") is newer than this program (version " + std::to_string(v.program) +
                            "); upgrade lianzhang");
}

}  // namespace

Result<SchemaVersions> ReadSchemaVersions(sql::Database& db) {
  ASSIGN_OR_RETURN(auto migrations, EmbeddedMigrations(db.dialect()));
  if (migrations.empty()) return Internal("this binary holds no migrations for the database's dialect");
  SchemaVersions v;
  v.program = migrations.back().version;
  RETURN_IF_ERROR(db.Run(sql::TxMode::kRead, [&](sql::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool exists, HasMigrationsTable(c));
    if (!exists) return Status::Ok();
    ASSIGN_OR_RETURN(auto current, c.QueryInt("SELECT MAX(version) FROM schema_migrations"));
    v.database = static_cast<int>(current.value_or(0));
    return Status::Ok();
  }));
  return v;
}

Status CheckSchema(sql::Database& db) {
  ASSIGN_OR_RETURN(auto v, ReadSchemaVersions(db));
  if (v.database > v.program) return NewerThanProgram(v);
  if (v.database == 0) {
    return FailedPrecondition("the database holds no lianzhang schema yet (this program's is version " +
                              std::to_string(v.program) +
                              "): run `lianzhang migrate` as the database role that owns the schema first");
  }
  if (v.database < v.program) {
    return FailedPrecondition("the database schema (version " + std::to_string(v.database) +
                              ") is behind this program (version " + std::to_string(v.program) +
                              "): run `lianzhang migrate` as the database role that owns the schema first");
  }
  return Status::Ok();
}

Result<std::vector<int>> Migrate(sql::Database& db, const Clock& clock) {
  ASSIGN_OR_RETURN(auto migrations, EmbeddedMigrations(db.dialect()));
  ASSIGN_OR_RETURN(auto versions, ReadSchemaVersions(db));
  if (versions.database > versions.program) return NewerThanProgram(versions);
  if (versions.database == versions.program) return std::vector<int>{};
  RETURN_IF_ERROR(db.Run(sql::TxMode::kWrite, [](sql::Connection& c) {
    return c.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at BIGINT NOT NULL)");
  }));
  int current = versions.database;
  std::vector<int> applied;
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    Status st = db.Run(sql::TxMode::kWrite, [&](sql::Connection& c) -> Status {
      // Re-check inside the write transaction: another server may have applied it meanwhile.
      ASSIGN_OR_RETURN(auto done, c.QueryInt("SELECT version FROM schema_migrations WHERE version = ?", {int64_t{m.version}}));
      if (done) return Status::Ok();
      RETURN_IF_ERROR(c.ExecScript(m.sql));
      RETURN_IF_ERROR(c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                             {int64_t{m.version}, m.name, clock.NowMs()}));
      applied.push_back(m.version);
      return Status::Ok();
    });
    if (!st.ok()) return Status(st.code(), "migration " + m.name + " failed: " + st.message());
    spdlog::info("applied migration {}", m.name);
  }
  return applied;
}

}  // namespace lz::storage
