// Audit records and their hash chain. Each appended row stores prev_hash (the hash of the row
// before it in the same log, or 64 zeros for the first) and hash = SM3(prev_hash "\n" content),
// where content is the row's canonical JSON including its id. Verification walks a log in id
// order and reports the first row whose content was altered, or where a row was inserted or
// deleted before it; a head record (last id and hash) catches deletion of the newest rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::audit {

enum class LogKind { kLogin, kOperation };
std::string_view LogTableName(LogKind kind);  // "login_log", "operation_log"

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

enum class LoginResult { kSuccess, kFailure, kLocked, kLogout };
std::string_view LoginResultName(LoginResult r);
std::optional<LoginResult> ParseLoginResult(std::string_view name);

struct LoginRecord {
  int64_t id = 0;
  TimeMs at = 0;
  std::string login;
  std::optional<int64_t> user_id;
  LoginResult result = LoginResult::kSuccess;
  std::string reason;
  std::string client_address;
  std::string user_agent;
  std::string prev_hash;
  std::string hash;
};

enum class OperationResult { kOk, kDenied, kError };
std::string_view OperationResultName(OperationResult r);
std::optional<OperationResult> ParseOperationResult(std::string_view name);

struct OperationRecord {
  int64_t id = 0;
  TimeMs at = 0;
  std::optional<int64_t> user_id;
  std::string login;
  std::string action;       // "unit.create", "user.unlock", ...
  std::string object_type;  // "unit", "user", ...
  std::string object_id;    // may be empty
  OperationResult result = OperationResult::kOk;
  std::string detail;
  std::string client_address;
  std::string prev_hash;
  std::string hash;
};

// Canonical content of a row (stable JSON, keys in fixed order).
std::string CanonicalContent(const LoginRecord& r);
std::string CanonicalContent(const OperationRecord& r);

// SM3(prev_hash + "\n" + content), hex.
Result<std::string> ChainHash(std::string_view prev_hash, std::string_view content);

// Fills prev_hash and hash of a record about to be appended after `prev_hash`.
template <typename Record>
Status Seal(Record& record, std::string_view prev_hash) {
  record.prev_hash = std::string(prev_hash);
  auto h = ChainHash(prev_hash, CanonicalContent(record));
  if (!h.ok()) return h.status();
  record.hash = std::move(h).value();
  return Status::Ok();
}

struct ChainHead {
  int64_t last_id = 0;
  std::string last_hash{kGenesisHash};
};

struct VerifyFinding {
  LogKind log = LogKind::kOperation;
  int64_t row_id = 0;      // the first bad row (or the head's last id)
  std::string reason;      // "content altered", "row inserted or deleted before this row", ...
};

// Incremental verifier of one log: feed rows in id order, then Finish with the stored head.
class ChainVerifier {
 public:
  explicit ChainVerifier(LogKind kind) : kind_(kind) {}
  // Returns the first problem found so far (later rows are still counted).
  template <typename Record>
  void Add(const Record& r) {
    ++checked_;
    if (finding_) return;
    if (r.prev_hash != prev_) {
      finding_ = VerifyFinding{kind_, r.id, "row inserted or deleted before this row (previous hash does not match)"};
      return;
    }
    auto h = ChainHash(r.prev_hash, CanonicalContent(r));
    if (!h.ok() || *h != r.hash) {
      finding_ = VerifyFinding{kind_, r.id, "content altered (hash does not match)"};
      return;
    }
    prev_ = r.hash;
    last_id_ = r.id;
  }
  // Compares the end of the chain with the stored head.
  void Finish(const ChainHead& head);
  int64_t checked() const { return checked_; }
  const std::optional<VerifyFinding>& finding() const { return finding_; }

 private:
  LogKind kind_;
  std::string prev_{kGenesisHash};
  int64_t last_id_ = 0;
  int64_t checked_ = 0;
  std::optional<VerifyFinding> finding_;
};

}  // namespace lz::audit
