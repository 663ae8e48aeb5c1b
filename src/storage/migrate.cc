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

Result<std::vector<int>> Migrate(sql::Database& db, const Clock& clock) {
  ASSIGN_OR_RETURN(auto migrations, EmbeddedMigrations(db.dialect()));
  if (migrations.empty()) return Internal("this binary holds no migrations for the database's dialect");
  RETURN_IF_ERROR(db.Run(sql::TxMode::kWrite, [](sql::Connection& c) {
    return c.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at BIGINT NOT NULL)");
  }));
  int current = 0;
  RETURN_IF_ERROR(db.Run(sql::TxMode::kRead, [&](sql::Connection& c) {
    ASSIGN_OR_RETURN(auto v, c.QueryInt("SELECT MAX(version) FROM schema_migrations"));
    current = static_cast<int>(v.value_or(0));
    return Status::Ok();
  }));
  int newest = migrations.empty() ? 0 : migrations.back().version;
  if (current > newest) {
    return FailedPrecondition("the database schema (version " + std::to_string(current) +
                              ") is newer than this program (version " + std::to_string(newest) + "); upgrade lianzhang");
  }
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
