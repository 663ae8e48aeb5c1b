// SQLite implementation of sql::Database and sql::Connection.
#include "storage/sqlite/sqlite_database.h"
#include "storage/sql/pool.h"

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

namespace lz::storage {
namespace {

Status FromSqlite(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  switch (ext) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return AlreadyExists(msg);
    case SQLITE_CONSTRAINT_FOREIGNKEY: return FailedPrecondition(msg);
    default: break;
  }
  switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL: return Unavailable(msg);
    case SQLITE_CONSTRAINT: return FailedPrecondition(msg);
    default: return Internal(msg);
  }
}

class SqliteConnection final : public sql::Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [text, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  sqlite3* handle() { return db_; }

  Status NotifyOnCommit() override {
    notify_on_commit_ = true;
    return Status::Ok();
  }
  // Whether the transaction just finished asked to notify; clears the request.
  bool TakeNotifyRequest() { return std::exchange(notify_on_commit_, false); }

  Result<std::vector<sql::Row>> Query(std::string_view text, const std::vector<sql::Value>& params) override {
    std::vector<sql::Row> rows;
    RETURN_IF_ERROR(QueryEach(text, params, [&](const sql::Row& row) {
      rows.push_back(row);
      return Status::Ok();
    }));
    return rows;
  }

  Status QueryEach(std::string_view text, const std::vector<sql::Value>& params,
                   const std::function<Status(const sql::Row&)>& sink) override {
    sqlite3_stmt* stmt = nullptr;
    RETURN_IF_ERROR(Prepare(text, params, &stmt));
    sql::Row row;
    std::vector<sql::Value>& cols = row.mutable_columns();
    Status st;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const int n = sqlite3_column_count(stmt);
      cols.clear();
      for (int i = 0; i < n; ++i) {
        // One sqlite3_column_value per column; the sqlite3_value_* readers are cheaper than the
        // sqlite3_column_* ones, which each re-check the statement (a scan reads 10⁷ rows).
        sqlite3_value* v = sqlite3_column_value(stmt, i);
        switch (sqlite3_value_type(v)) {
          case SQLITE_INTEGER: cols.emplace_back(static_cast<int64_t>(sqlite3_value_int64(v))); break;
          case SQLITE_FLOAT: cols.emplace_back(sqlite3_value_double(v)); break;
          case SQLITE_NULL: cols.emplace_back(nullptr); break;
          case SQLITE_BLOB: {
            auto p = static_cast<const char*>(sqlite3_value_blob(v));
            cols.emplace_back(sql::Blob{std::string(p ? p : "", static_cast<size_t>(sqlite3_value_bytes(v)))});
            break;
          }
          default: {
            auto p = reinterpret_cast<const char*>(sqlite3_value_text(v));
            cols.emplace_back(std::string(p ? p : "", static_cast<size_t>(sqlite3_value_bytes(v))));
          }
        }
      }
      st = sink(row);
      if (!st.ok()) break;
    }
    if (st.ok() && rc != SQLITE_DONE) st = FromSqlite(db_, rc, "query failed");
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return st;
  }

  Status QueryIntBlocks(std::string_view text, const std::vector<sql::Value>& params,
                        const IntBlockSink& sink) override {
    sqlite3_stmt* stmt = nullptr;
    RETURN_IF_ERROR(Prepare(text, params, &stmt));
    const size_t columns = static_cast<size_t>(sqlite3_column_count(stmt));
    std::vector<int64_t> block(kIntBlockRows * std::max<size_t>(columns, 1));
    size_t rows = 0;
    Status st;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      int64_t* row = block.data() + rows * columns;
      for (size_t i = 0; i < columns; ++i) row[i] = sqlite3_column_int64(stmt, static_cast<int>(i));
      if (++rows < kIntBlockRows) continue;
      st = sink(block.data(), rows, columns);
      rows = 0;
      if (!st.ok()) break;
    }
    if (st.ok() && rc != SQLITE_DONE) st = FromSqlite(db_, rc, "query failed");
    if (st.ok() && rows > 0) st = sink(block.data(), rows, columns);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return st;
  }

  Result<int64_t> Exec(std::string_view text, const std::vector<sql::Value>& params) override {
    sqlite3_stmt* stmt = nullptr;
    RETURN_IF_ERROR(Prepare(text, params, &stmt));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    Status st = rc == SQLITE_DONE ? Status::Ok() : FromSqlite(db_, rc, "statement failed");
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (!st.ok()) return st;
    return static_cast<int64_t>(sqlite3_changes64(db_));
  }

  Status ExecScript(std::string_view script) override {
    std::string s(script);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return Internal("script failed: " + msg);
    }
    return Status::Ok();
  }

 private:
  Status Prepare(std::string_view text, const std::vector<sql::Value>& params, sqlite3_stmt** out) {
    auto it = cache_.find(std::string(text));
    sqlite3_stmt* stmt;
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                  nullptr);
      if (rc != SQLITE_OK) return FromSqlite(db_, rc, "prepare failed");
      cache_.emplace(std::string(text), stmt);
    }
    if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(params.size())) {
      return Internal("statement expects " + std::to_string(sqlite3_bind_parameter_count(stmt)) + " parameters, got " +
                      std::to_string(params.size()));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) return sqlite3_bind_null(stmt, idx);
            else if constexpr (std::is_same_v<T, int64_t>) return sqlite3_bind_int64(stmt, idx, v);
            else if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(stmt, idx, v);
            else if constexpr (std::is_same_v<T, sql::Blob>) {
              return sqlite3_bind_blob64(stmt, idx, v.bytes.data(), v.bytes.size(), SQLITE_TRANSIENT);
            } else return sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
          },
          params[i]);
      if (rc != SQLITE_OK) return FromSqlite(db_, rc, "bind failed");
    }
    *out = stmt;
    return Status::Ok();
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  bool notify_on_commit_ = false;
};

Result<std::unique_ptr<SqliteConnection>> OpenConnection(const SqliteOptions& o, bool writer) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(o.path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status st = Unavailable("cannot open database " + o.path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close_v2(db);
    return st;
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, static_cast<int>(o.busy_timeout_ms));
  sqlite3_extended_result_codes(db, 1);
  // Readers refuse writes, so a write can never bypass the writer's lock and BEGIN IMMEDIATE.
  std::string pragmas = writer ? "PRAGMA foreign_keys=ON;" : "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;";
  if (writer) {
    if (o.synchronous != "FULL" && o.synchronous != "NORMAL") {
      return InvalidArgument("sqlite synchronous must be FULL or NORMAL", "synchronous");
    }
    pragmas += "PRAGMA journal_mode=WAL; PRAGMA synchronous=" + o.synchronous + ";";
  }
  RETURN_IF_ERROR(conn->ExecScript(pragmas));
  return conn;
}

class SqliteDatabase final : public sql::Database {
 public:
  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }

  static Result<std::unique_ptr<sql::Database>> Open(const SqliteOptions& o) {
    auto self = std::unique_ptr<SqliteDatabase>(new SqliteDatabase());
    ASSIGN_OR_RETURN(self->writer_, OpenConnection(o, true));
    for (unsigned i = 0; i < std::max(1u, o.readers); ++i) {
      ASSIGN_OR_RETURN(auto reader, OpenConnection(o, false));
      self->readers_pool_.Add(reader.get());
      self->readers_.push_back(std::move(reader));
    }
    return std::unique_ptr<sql::Database>(std::move(self));
  }

  Status Run(sql::TxMode mode, const std::function<Status(sql::Connection&)>& fn) override {
    if (mode == sql::TxMode::kWrite) {
      std::lock_guard lock(writer_mu_);
      Status st = InTransaction(*writer_, "BEGIN IMMEDIATE", fn);
      if (writer_->TakeNotifyRequest() && st.ok()) {
        std::lock_guard changes(change_mu_);
        ++change_generation_;
        change_cv_.notify_all();
      }
      return st;
    }
    SqliteConnection* reader = readers_pool_.Acquire();
    Status st = InTransaction(*reader, "BEGIN", fn);
    readers_pool_.Release(reader);
    return st;
  }

  Status BackupTo(const std::string& path) override {
    sqlite3* dest = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
      Status st = Unavailable("cannot create backup file " + path + ": " + sqlite3_errstr(rc));
      sqlite3_close_v2(dest);
      return st;
    }
    // Hold the writer lock so the copy is one consistent state (reads go on meanwhile).
    std::lock_guard lock(writer_mu_);
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", writer_->handle(), "main");
    if (!b) {
      Status st = Internal(std::string("backup failed: ") + sqlite3_errmsg(dest));
      sqlite3_close_v2(dest);
      return st;
    }
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    Status st = rc == SQLITE_DONE ? Status::Ok() : Internal(std::string("backup failed: ") + sqlite3_errstr(rc));
    sqlite3_close_v2(dest);
    return st;
  }

  bool WaitForChange(std::chrono::milliseconds timeout) override {
    std::unique_lock lock(change_mu_);
    uint64_t seen = change_generation_;
    change_cv_.wait_for(lock, timeout, [&] { return interrupted_ || change_generation_ != seen; });
    return !interrupted_ && change_generation_ != seen;
  }

  void InterruptWait() override {
    std::lock_guard lock(change_mu_);
    interrupted_ = true;
    change_cv_.notify_all();
  }

 private:
  SqliteDatabase() = default;

  static Status InTransaction(SqliteConnection& c, const char* begin,
                              const std::function<Status(sql::Connection&)>& fn) {
    RETURN_IF_ERROR(c.ExecScript(begin));
    return sql::CompleteTransaction(c, fn);
  }


  std::mutex writer_mu_;
  std::unique_ptr<SqliteConnection> writer_;
  // Commits that asked to notify, for WaitForChange in this process.
  std::mutex change_mu_;
  std::condition_variable change_cv_;
  uint64_t change_generation_ = 0;
  bool interrupted_ = false;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  sql::Pool<SqliteConnection> readers_pool_;
};

}  // namespace

Result<std::unique_ptr<sql::Database>> OpenSqlite(const SqliteOptions& options) {
  return SqliteDatabase::Open(options);
}

}  // namespace lz::storage
