// The SQL seam every backend implements: a Connection runs parameterised statements inside the
// transaction the Database opened for it. Placeholders are written `?` in every dialect; drivers
// that number them ($1, $2 …) translate. Parameters are always bound, never spliced into text.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"

namespace lz::storage::sql {

enum class Dialect { kSqlite, kPostgres };

// Binary data: BLOB in SQLite, bytea in PostgreSQL. Kept apart from text so that neither driver
// treats the bytes as characters (PostgreSQL text refuses NUL and invalid UTF-8).
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

using Value = std::variant<std::nullptr_t, int64_t, double, std::string, Blob>;

// Helpers to bind optionals as NULL.
inline Value Nullable(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(nullptr); }
inline Value Nullable(const std::optional<std::string>& v) { return v ? Value(*v) : Value(nullptr); }
inline Value Nullable(const std::optional<double>& v) { return v ? Value(*v) : Value(nullptr); }

class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> columns) : columns_(std::move(columns)) {}
  size_t size() const { return columns_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(columns_.at(i)); }
  bool IsBlob(size_t i) const { return std::holds_alternative<Blob>(columns_.at(i)); }
  const Value& At(size_t i) const { return columns_.at(i); }
  // Integer value (0 for NULL; text is parsed).
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  // Text value ("" for NULL; numbers are formatted; a blob's bytes as they are).
  std::string Text(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const { return IsNull(i) ? std::nullopt : std::optional(Int(i)); }
  std::optional<std::string> OptText(size_t i) const { return IsNull(i) ? std::nullopt : std::optional(Text(i)); }
  std::optional<double> OptReal(size_t i) const { return IsNull(i) ? std::nullopt : std::optional(Real(i)); }
  // The columns, for drivers that refill one Row per result row (Connection::QueryEach).
  std::vector<Value>& mutable_columns() { return columns_; }

 private:
  std::vector<Value> columns_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement and returns its rows (use RETURNING to read back generated ids).
  virtual Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs one statement and passes each row to `sink` as it is read, stopping at the first non-OK
  // status the sink returns. The Row may be reused between calls: copy what you keep. Drivers that
  // can stream (SQLite) hold one row in memory; the default runs Query and walks its rows. The
  // sink may run other statements on this connection, but not this same statement text, and must
  // not write to the tables being read.
  virtual Status QueryEach(std::string_view sql, const std::vector<Value>& params,
                           const std::function<Status(const Row&)>& sink);
  // Runs one statement whose columns are all integers (NULL reads as 0) and passes its rows to
  // `sink` in blocks: `rows` rows of `columns` values each, row after row. For scans of millions
  // of rows without a Row per row; the same rules for the sink as QueryEach. The default
  // collects QueryEach's rows into blocks.
  using IntBlockSink = std::function<Status(const int64_t* values, size_t rows, size_t columns)>;
  virtual Status QueryIntBlocks(std::string_view sql, const std::vector<Value>& params, const IntBlockSink& sink);
  static constexpr size_t kIntBlockRows = 4096;
  // Runs one statement; returns the number of rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations only).
  virtual Status ExecScript(std::string_view script) = 0;
  // Wakes the change listeners (Database::WaitForChange) of every server sharing the database
  // once the current write transaction commits; nothing is sent if it rolls back.
  virtual Status NotifyOnCommit() = 0;

  // Convenience: first column of the first row, or nullopt when there is no row.
  Result<std::optional<int64_t>> QueryInt(std::string_view sql, const std::vector<Value>& params = {});
};

// Runs fn inside a transaction the caller has begun on c: COMMIT when fn returns OK, ROLLBACK
// otherwise. An exception escaping fn rolls back and is returned as Internal. `can_rollback`, when
// given, says whether a ROLLBACK can still be sent (not once the connection is lost).
Status CompleteTransaction(Connection& c, const std::function<Status(Connection&)>& fn,
                           const std::function<bool()>& can_rollback = {});

enum class TxMode { kRead, kWrite };

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs `fn` in one transaction: committed when fn returns OK, rolled back otherwise. An
  // exception escaping fn rolls back too and is returned as Internal. Write transactions are
  // serialised; read transactions cannot write. Thread-safe.
  virtual Status Run(TxMode mode, const std::function<Status(Connection&)>& fn) = 0;
  // Copies the whole database to a file while it is in use (SQLite online backup).
  virtual Status BackupTo(const std::string& path) = 0;
  // Blocks until a transaction that called NotifyOnCommit commits, `timeout` passes or
  // InterruptWait is called; true when woken by a commit. PostgreSQL hears every server's commits
  // (LISTEN); SQLite hears this process's only. Wake-ups may be spurious or, across a lost
  // connection, missed: callers re-read what changed and poll with the timeout. One waiter at a time.
  virtual bool WaitForChange(std::chrono::milliseconds timeout) = 0;
  // Makes the current and every later WaitForChange return false at once (shutdown).
  virtual void InterruptWait() = 0;
};

}  // namespace lz::storage::sql
