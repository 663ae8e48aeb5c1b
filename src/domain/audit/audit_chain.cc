// Audit records: canonical content and the SM3 hash chain.
#include "domain/audit/audit_chain.h"

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "common/enum_names.h"
#include "common/text.h"

namespace lz::audit {

std::string_view LogTableName(LogKind kind) { return kind == LogKind::kLogin ? "login_log" : "operation_log"; }

namespace {
constexpr auto kLoginResults = MakeEnumNames<LoginResult>(
    std::pair{LoginResult::kSuccess, std::string_view("success")}, std::pair{LoginResult::kFailure, std::string_view("failure")},
    std::pair{LoginResult::kLocked, std::string_view("locked")}, std::pair{LoginResult::kLogout, std::string_view("logout")});
constexpr auto kOperationResults = MakeEnumNames<OperationResult>(
    std::pair{OperationResult::kOk, std::string_view("ok")}, std::pair{OperationResult::kDenied, std::string_view("denied")},
    std::pair{OperationResult::kError, std::string_view("error")});
}  // namespace

std::string_view LoginResultName(LoginResult r) { return kLoginResults.Name(r); }
std::optional<LoginResult> ParseLoginResult(std::string_view name) { return kLoginResults.Parse(name); }
std::string_view OperationResultName(OperationResult r) { return kOperationResults.Name(r); }
std::optional<OperationResult> ParseOperationResult(std::string_view name) { return kOperationResults.Parse(name); }

namespace {
// nlohmann::ordered_json keeps insertion order, so the serialisation is stable.
std::string Dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}
// Text as a JSON string when it is valid UTF-8, else as {"hex": "..."} of its bytes, so that rows
// differing only in invalid bytes never share a canonical form (and dump never throws).
nlohmann::ordered_json Text(const std::string& s) {
  if (text::IsValidUtf8(s)) return s;
  static const char* kDigits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : s) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 0xF]);
  }
  return nlohmann::ordered_json{{"hex", hex}};
}
}  // namespace

std::string CanonicalContent(const LoginRecord& r) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["at"] = r.at;
  j["login"] = Text(r.login);
  j["user_id"] = r.user_id ? nlohmann::ordered_json(*r.user_id) : nlohmann::ordered_json(nullptr);
  j["result"] = LoginResultName(r.result);
  j["reason"] = Text(r.reason);
  j["client_address"] = Text(r.client_address);
  j["user_agent"] = Text(r.user_agent);
  return Dump(j);
}

std::string CanonicalContent(const OperationRecord& r) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["at"] = r.at;
  j["user_id"] = r.user_id ? nlohmann::ordered_json(*r.user_id) : nlohmann::ordered_json(nullptr);
  j["login"] = Text(r.login);
  j["action"] = Text(r.action);
  j["object_type"] = Text(r.object_type);
  j["object_id"] = Text(r.object_id);
  j["result"] = OperationResultName(r.result);
  j["detail"] = Text(r.detail);
  j["client_address"] = Text(r.client_address);
  return Dump(j);
}

Result<std::string> ChainHash(std::string_view prev_hash, std::string_view content) {
  std::string input;
  input.reserve(prev_hash.size() + 1 + content.size());
  input.append(prev_hash).append("\n").append(content);
  return crypto::Sm3Hex(input);
}

void ChainVerifier::Finish(const ChainHead& head) {
  if (finding_) return;
  if (head.last_id != last_id_ || head.last_hash != prev_) {
    finding_ = VerifyFinding{kind_, head.last_id > last_id_ ? head.last_id : last_id_,
                             "the newest rows were deleted or the chain head does not match the last row"};
  }
}

}  // namespace lz::audit
