// PostgreSQL implementation of sql::Database and sql::Connection over libpq.
#include "storage/postgres/postgres_database.h"
#include "storage/sql/pool.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <spdlog/spdlog.h>

namespace lz::storage {
namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26, kFloat4Oid = 700,
              kFloat8Oid = 701, kNumericOid = 1700, kByteaOid = 17;

// bytea in its text form ("\\x" and two hex digits a byte), as parameters are sent and results read.
std::string ByteaText(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}
std::string FromByteaText(std::string_view text) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  if (!text.starts_with("\\x")) return out;  // the server's bytea_output is hex (the default since 9.0)
  out.reserve((text.size() - 2) / 2);
  for (size_t i = 2; i + 1 < text.size(); i += 2) out.push_back(static_cast<char>(nibble(text[i]) << 4 | nibble(text[i + 1])));
  return out;
}
// Key of the advisory lock that serialises write transactions.
constexpr int64_t kWriteLockKey = 0x6c69616e7a68;  // "lianzh"
// NOTIFY channel of committed changes (Connection::NotifyOnCommit).
constexpr const char* kChangeChannel = "lz_changes";

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

Status FromPg(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = std::string(what) + ": " + (res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  if (!state || PQstatus(conn) == CONNECTION_BAD) return Unavailable(msg);
  std::string_view s(state);
  if (s == "23505") return AlreadyExists(msg);
  if (s.starts_with("23")) return FailedPrecondition(msg);
  if (s.starts_with("08") || s.starts_with("57P") || s == "40001" || s == "40P01" || s.starts_with("53")) {
    return Unavailable(msg);
  }
  return Internal(msg);
}

sql::Value CellValue(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return nullptr;
  const char* text = PQgetvalue(res, row, col);
  int len = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid: {
      int64_t v = 0;
      std::from_chars(text, text + len, v);
      return v;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return std::strtod(text, nullptr);
    case kBoolOid: return int64_t{text[0] == 't' ? 1 : 0};
    case kByteaOid: return sql::Blob{FromByteaText(std::string_view(text, static_cast<size_t>(len)))};
    default: return std::string(text, static_cast<size_t>(len));
  }
}

class PgConnection final : public sql::Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  bool broken() const { return PQstatus(conn_) == CONNECTION_BAD; }

  // Reconnects a broken connection; prepared statements are gone with it.
  Status Reset() {
    PQreset(conn_);
    statements_.clear();
    if (PQstatus(conn_) != CONNECTION_OK) return Unavailable(std::string("database unreachable: ") + PQerrorMessage(conn_));
    return Status::Ok();
  }

  Result<std::vector<sql::Row>> Query(std::string_view text, const std::vector<sql::Value>& params) override {
    ASSIGN_OR_RETURN(auto res, Run(text, params));
    std::vector<sql::Row> rows;
    int n = PQntuples(res.get()), cols = PQnfields(res.get());
    rows.reserve(static_cast<size_t>(n));
    for (int r = 0; r < n; ++r) {
      std::vector<sql::Value> values;
      values.reserve(static_cast<size_t>(cols));
      for (int c = 0; c < cols; ++c) values.push_back(CellValue(res.get(), r, c));
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  Result<int64_t> Exec(std::string_view text, const std::vector<sql::Value>& params) override {
    ASSIGN_OR_RETURN(auto res, Run(text, params));
    const char* tuples = PQcmdTuples(res.get());
    int64_t n = 0;
    std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), n);
    return n;
  }

  Status ExecScript(std::string_view script) override {
    std::string s(script);
    ResultPtr res(PQexec(conn_, s.c_str()), &PQclear);
    ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return FromPg(conn_, res.get(), "statement failed");
    return Status::Ok();
  }

  // NOTIFY is transactional: PostgreSQL delivers it at COMMIT and drops it on ROLLBACK.
  Status NotifyOnCommit() override { return ExecScript(std::string("NOTIFY ") + kChangeChannel); }

 private:
  Result<ResultPtr> Run(std::string_view text, const std::vector<sql::Value>& params) {
    std::string key(text);
    auto it = statements_.find(key);
    if (it == statements_.end()) {
      std::string name = "lz" + std::to_string(statements_.size() + 1);
      std::string numbered = NumberPlaceholders(text);
      ResultPtr prep(PQprepare(conn_, name.c_str(), numbered.c_str(), static_cast<int>(params.size()), nullptr),
                     &PQclear);
      if (!prep || PQresultStatus(prep.get()) != PGRES_COMMAND_OK) return FromPg(conn_, prep.get(), "prepare failed");
      it = statements_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const sql::Value& v = params[i];
      if (auto p = std::get_if<int64_t>(&v)) storage[i] = std::to_string(*p);
      else if (auto d = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        storage[i] = buf;
      } else if (auto s = std::get_if<std::string>(&v)) storage[i] = *s;
      else if (auto b = std::get_if<sql::Blob>(&v)) storage[i] = ByteaText(b->bytes);
      else continue;  // NULL
      values[i] = storage[i].c_str();
    }
    ResultPtr res(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                 nullptr, 0),
                  &PQclear);
    ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return FromPg(conn_, res.get(), "statement failed");
    return res;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> statements_;  // SQL text → prepared statement name
};

Result<std::unique_ptr<PgConnection>> Connect(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn) return ResourceExhausted("out of memory connecting to PostgreSQL");
  auto c = std::make_unique<PgConnection>(conn);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    return Unavailable("cannot connect to PostgreSQL: " + msg);
  }
  // Quiet notices (e.g. "relation already exists, skipping") and a UTC, UTF-8 session.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  RETURN_IF_ERROR(c->ExecScript("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
  return c;
}

class PostgresDatabase final : public sql::Database {
 public:
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }

  ~PostgresDatabase() override {
    if (listener_) PQfinish(listener_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
  }

  static Result<std::unique_ptr<sql::Database>> Open(const PostgresOptions& o) {
    auto db = std::unique_ptr<PostgresDatabase>(new PostgresDatabase());
    db->url_ = o.url;
    db->wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (db->wake_fd_ < 0) return Internal("eventfd failed");
    for (unsigned i = 0; i < std::max(1u, o.pool_size); ++i) {
      ASSIGN_OR_RETURN(auto c, Connect(o.url));
      db->pool_.Add(c.get());
      db->all_.push_back(std::move(c));
    }
    return std::unique_ptr<sql::Database>(std::move(db));
  }

  Status Run(sql::TxMode mode, const std::function<Status(sql::Connection&)>& fn) override {
    PgConnection* c = pool_.Acquire();
    Status st = InTransaction(*c, mode, fn);
    pool_.Release(c);
    return st;
  }

  Status BackupTo(const std::string&) override {
    return FailedPrecondition("on PostgreSQL, back up with pg_basebackup and WAL archiving or pg_dump (see docs/operations.md)");
  }

  bool WaitForChange(std::chrono::milliseconds timeout) override {
    std::lock_guard lock(listen_mu_);
    if (interrupted_) return false;
    if (!listener_ || PQstatus(listener_) != CONNECTION_OK) {
      if (!Listen()) {
        SleepInterruptibly(timeout);  // database away: poll again after the timeout
        return false;
      }
    }
    if (TakeNotifications()) return true;
    pollfd fds[2] = {{PQsocket(listener_), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    if (::poll(fds, 2, static_cast<int>(timeout.count())) <= 0 || fds[1].revents != 0) return false;
    if (!PQconsumeInput(listener_)) return false;  // connection lost: reopened on the next wait
    return TakeNotifications();
  }

  void InterruptWait() override {
    interrupted_ = true;
    uint64_t one = 1;
    (void)!::write(wake_fd_, &one, sizeof one);
  }

 private:
  PostgresDatabase() = default;

  // (Re)opens the listening connection; false while the server is unreachable.
  bool Listen() {
    if (listener_) PQfinish(listener_);
    listener_ = PQconnectdb(url_.c_str());
    if (!listener_ || PQstatus(listener_) != CONNECTION_OK) return false;
    PQsetNoticeProcessor(listener_, [](void*, const char*) {}, nullptr);
    ResultPtr res(PQexec(listener_, (std::string("LISTEN ") + kChangeChannel).c_str()), &PQclear);
    return res && PQresultStatus(res.get()) == PGRES_COMMAND_OK;
  }

  // Consumes the notifications already received; true when there was at least one.
  bool TakeNotifications() {
    bool any = false;
    while (PGnotify* n = PQnotifies(listener_)) {
      any = true;
      PQfreemem(n);
    }
    return any;
  }

  void SleepInterruptibly(std::chrono::milliseconds timeout) {
    pollfd fd{wake_fd_, POLLIN, 0};
    (void)::poll(&fd, 1, static_cast<int>(timeout.count()));
  }

  static Status InTransaction(PgConnection& c, sql::TxMode mode, const std::function<Status(sql::Connection&)>& fn) {
    if (c.broken()) RETURN_IF_ERROR(c.Reset());
    Status begin = mode == sql::TxMode::kWrite
                       ? c.ExecScript("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLockKey) + ")")
                       : c.ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (!begin.ok()) {
      // The server may have restarted since this connection was last used: reconnect once.
      if (!c.broken()) {
        (void)c.ExecScript("ROLLBACK");
        return begin;
      }
      RETURN_IF_ERROR(c.Reset());
      RETURN_IF_ERROR(mode == sql::TxMode::kWrite
                          ? c.ExecScript("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLockKey) + ")")
                          : c.ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    }
    return sql::CompleteTransaction(c, fn, [&c] { return !c.broken(); });
  }

  std::vector<std::unique_ptr<PgConnection>> all_;
  sql::Pool<PgConnection> pool_;
  std::string url_;
  std::mutex listen_mu_;
  PGconn* listener_ = nullptr;  // LISTENs on kChangeChannel; opened by the first WaitForChange
  int wake_fd_ = -1;            // eventfd written by InterruptWait
  std::atomic<bool> interrupted_{false};
};

}  // namespace

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char ch : sql) {
    if (quote) {
      if (ch == quote) quote = 0;  // a doubled quote closes and reopens: same effect
      out.push_back(ch);
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      out.push_back(ch);
    } else if (ch == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

Result<std::unique_ptr<sql::Database>> OpenPostgres(const PostgresOptions& options) {
  return PostgresDatabase::Open(options);
}

}  // namespace lz::storage
