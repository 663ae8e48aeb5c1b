// Tests of domain/audit/audit_chain.h: sealing rows into an SM3 hash chain and verifying it —
// altered, deleted and inserted rows, and deletion of the newest rows caught by the head.
#include "domain/audit/audit_chain.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "common/crypto.h"

namespace lz::audit {
namespace {

std::vector<OperationRecord> OperationChain(int n) {
  std::vector<OperationRecord> rows;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    OperationRecord r;
    r.id = i;
    r.at = 1700000000000 + i * 1000;
    r.user_id = i % 2 ? std::optional<int64_t>(1) : std::nullopt;
    r.login = "admin";
    r.action = "unit.create";
    r.object_type = "unit";
    r.object_id = std::to_string(100 + i);
    r.result = OperationResult::kOk;
    r.detail = "新建单位 第" + std::to_string(i) + "号";
    r.client_address = "10.0.0." + std::to_string(i);
    EXPECT_TRUE(Seal(r, prev).ok());
    prev = r.hash;
    rows.push_back(r);
  }
  return rows;
}

std::vector<LoginRecord> LoginChain(int n) {
  std::vector<LoginRecord> rows;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    LoginRecord r;
    r.id = i;
    r.at = 1700000000000 + i;
    r.login = "zhangsan";
    r.user_id = 7;
    r.result = i == 3 ? LoginResult::kFailure : LoginResult::kSuccess;
    r.reason = i == 3 ? "wrong password" : "";
    r.client_address = "192.168.1.10";
    r.user_agent = "Mozilla/5.0";
    EXPECT_TRUE(Seal(r, prev).ok());
    prev = r.hash;
    rows.push_back(r);
  }
  return rows;
}

template <typename Record>
std::optional<VerifyFinding> Verify(LogKind kind, const std::vector<Record>& rows, const ChainHead& head) {
  ChainVerifier v(kind);
  for (const auto& r : rows) v.Add(r);
  v.Finish(head);
  return v.finding();
}

template <typename Record>
ChainHead HeadOf(const std::vector<Record>& rows) {
  if (rows.empty()) return ChainHead{};
  return ChainHead{rows.back().id, rows.back().hash};
}

TEST(AuditSeal, LinksPrevHashAndHashesContent) {
  auto rows = OperationChain(3);
  EXPECT_EQ(rows[0].prev_hash, kGenesisHash);
  EXPECT_EQ(rows[1].prev_hash, rows[0].hash);
  EXPECT_EQ(rows[2].prev_hash, rows[1].hash);
  for (const auto& r : rows) {
    EXPECT_EQ(r.hash.size(), 64u);
    auto expect = ChainHash(r.prev_hash, CanonicalContent(r));
    ASSERT_TRUE(expect.ok());
    EXPECT_EQ(r.hash, *expect);
  }
  EXPECT_NE(rows[0].hash, rows[1].hash);
}

TEST(AuditSeal, ChainHashIsSm3OfPrevNewlineContent) {
  auto h = ChainHash("prev-hash", "{\"id\":1}");
  auto expect = crypto::Sm3Hex("prev-hash\n{\"id\":1}");
  ASSERT_TRUE(h.ok() && expect.ok());
  EXPECT_EQ(*h, *expect);
  auto other = ChainHash("prev-hash", "{\"id\":2}");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*h, *other);
}

TEST(AuditCanonicalContent, IncludesIdAndEveryField) {
  auto rows = OperationChain(1);
  OperationRecord base = rows[0];
  const std::string content = CanonicalContent(base);
  auto differs = [&](auto mutate) {
    OperationRecord r = base;
    mutate(r);
    return CanonicalContent(r) != content;
  };
  EXPECT_TRUE(differs([](auto& r) { r.id = 2; }));
  EXPECT_TRUE(differs([](auto& r) { r.at += 1; }));
  EXPECT_TRUE(differs([](auto& r) { r.user_id = std::nullopt; }));
  EXPECT_TRUE(differs([](auto& r) { r.user_id = 0; }));
  EXPECT_TRUE(differs([](auto& r) { r.login = "admin2"; }));
  EXPECT_TRUE(differs([](auto& r) { r.action = "unit.delete"; }));
  EXPECT_TRUE(differs([](auto& r) { r.object_type = "user"; }));
  EXPECT_TRUE(differs([](auto& r) { r.object_id = "1"; }));
  EXPECT_TRUE(differs([](auto& r) { r.result = OperationResult::kDenied; }));
  EXPECT_TRUE(differs([](auto& r) { r.detail += " "; }));
  EXPECT_TRUE(differs([](auto& r) { r.client_address = "10.0.0.9"; }));
  // The hashes themselves are not part of the content.
  EXPECT_FALSE(differs([](auto& r) { r.hash = "x"; r.prev_hash = "y"; }));
  // Stable: the same record gives the same text.
  EXPECT_EQ(CanonicalContent(base), content);
}

TEST(AuditCanonicalContent, LoginIncludesEveryField) {
  auto rows = LoginChain(1);
  LoginRecord base = rows[0];
  const std::string content = CanonicalContent(base);
  auto differs = [&](auto mutate) {
    LoginRecord r = base;
    mutate(r);
    return CanonicalContent(r) != content;
  };
  EXPECT_TRUE(differs([](auto& r) { r.id = 9; }));
  EXPECT_TRUE(differs([](auto& r) { r.at = 0; }));
  EXPECT_TRUE(differs([](auto& r) { r.login = "lisi"; }));
  EXPECT_TRUE(differs([](auto& r) { r.user_id = std::nullopt; }));
  EXPECT_TRUE(differs([](auto& r) { r.result = LoginResult::kLocked; }));
  EXPECT_TRUE(differs([](auto& r) { r.reason = "x"; }));
  EXPECT_TRUE(differs([](auto& r) { r.client_address = "::1"; }));
  EXPECT_TRUE(differs([](auto& r) { r.user_agent = "curl/8"; }));
}

TEST(AuditCanonicalContent, DistinctInvalidUtf8ValuesStayDistinct) {
  // Rows that differ only in invalid UTF-8 bytes must hash differently, or an edit of such bytes
  // in the database would go unnoticed.
  LoginRecord a = LoginChain(1)[0];
  LoginRecord b = a;
  a.user_agent = "agent\xFF";
  b.user_agent = "agent\xFE";
  EXPECT_NE(CanonicalContent(a), CanonicalContent(b));
}

TEST(ChainVerifier, AcceptsAnIntactChainOfFive) {
  auto rows = OperationChain(5);
  ChainVerifier v(LogKind::kOperation);
  for (const auto& r : rows) v.Add(r);
  v.Finish(HeadOf(rows));
  EXPECT_FALSE(v.finding().has_value()) << v.finding()->reason;
  EXPECT_EQ(v.checked(), 5);
}

TEST(ChainVerifier, EmptyChainWithGenesisHeadIsFine) {
  ChainVerifier v(LogKind::kLogin);
  v.Finish(ChainHead{});
  EXPECT_FALSE(v.finding().has_value());
  EXPECT_EQ(v.checked(), 0);
}

TEST(ChainVerifier, AlteredFieldReportedAtThatRow) {
  auto rows = OperationChain(5);
  rows[2].detail = "篡改后的内容";
  auto f = Verify(LogKind::kOperation, rows, HeadOf(rows));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 3);
  EXPECT_EQ(f->log, LogKind::kOperation);
  EXPECT_NE(f->reason.find("content altered"), std::string::npos) << f->reason;
}

TEST(ChainVerifier, EveryAlteredFieldOfRowThreeIsCaught) {
  using Mutator = void (*)(OperationRecord&);
  const Mutator mutators[] = {
      [](OperationRecord& r) { r.at += 1; },
      [](OperationRecord& r) { r.user_id = 99; },
      [](OperationRecord& r) { r.login = "root"; },
      [](OperationRecord& r) { r.action = "user.unlock"; },
      [](OperationRecord& r) { r.object_type = "role"; },
      [](OperationRecord& r) { r.object_id = "1"; },
      [](OperationRecord& r) { r.result = OperationResult::kError; },
      [](OperationRecord& r) { r.client_address = "127.0.0.1"; },
      [](OperationRecord& r) { r.hash[0] = r.hash[0] == 'a' ? 'b' : 'a'; },
  };
  for (size_t i = 0; i < std::size(mutators); ++i) {
    auto rows = OperationChain(5);
    mutators[i](rows[2]);
    auto f = Verify(LogKind::kOperation, rows, HeadOf(rows));
    ASSERT_TRUE(f.has_value()) << "mutator " << i;
    EXPECT_EQ(f->row_id, 3) << "mutator " << i;
  }
}

TEST(ChainVerifier, DeletedRowReportedAtTheNextRow) {
  auto rows = OperationChain(5);
  rows.erase(rows.begin() + 2);  // delete id 3
  auto f = Verify(LogKind::kOperation, rows, HeadOf(rows));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 4);
  EXPECT_NE(f->reason.find("inserted or deleted"), std::string::npos) << f->reason;
}

TEST(ChainVerifier, DeletedFirstRowReportedAtRowTwo) {
  auto rows = OperationChain(5);
  rows.erase(rows.begin());
  auto f = Verify(LogKind::kOperation, rows, HeadOf(rows));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 2);
}

TEST(ChainVerifier, ForgedRowSealedAfterRowTwoBreaksRowThree) {
  auto rows = OperationChain(5);
  OperationRecord forged = rows[1];
  forged.id = 3;
  forged.action = "user.unlock";
  forged.detail = "伪造";
  ASSERT_TRUE(Seal(forged, rows[1].hash).ok());  // a correctly sealed forgery
  rows.insert(rows.begin() + 2, forged);
  auto f = Verify(LogKind::kOperation, rows, HeadOf(rows));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 3);
  EXPECT_NE(f->reason.find("inserted or deleted"), std::string::npos) << f->reason;
  // The forged row itself was accepted; the original row 3 (now fourth) is where the chain breaks.
}

TEST(ChainVerifier, ForgedRowWithoutValidHashIsContentAltered) {
  auto rows = OperationChain(5);
  OperationRecord forged = rows[1];
  forged.id = 42;
  forged.prev_hash = rows[1].hash;
  forged.detail = "伪造";  // hash left as row 2's
  rows.insert(rows.begin() + 2, forged);
  auto f = Verify(LogKind::kOperation, rows, HeadOf(rows));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 42);
  EXPECT_NE(f->reason.find("content altered"), std::string::npos);
}

TEST(ChainVerifier, ChainNotStartingAtGenesisIsReported) {
  auto rows = OperationChain(5);
  rows.erase(rows.begin(), rows.begin() + 2);  // rows 3..5 only
  auto f = Verify(LogKind::kOperation, rows, HeadOf(rows));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 3);
}

TEST(ChainVerifier, DeletingTheLastRowIsCaughtByTheHead) {
  auto rows = OperationChain(5);
  ChainHead head = HeadOf(rows);
  rows.pop_back();
  // Without the head the remaining chain is self-consistent...
  ChainVerifier partial(LogKind::kOperation);
  for (const auto& r : rows) partial.Add(r);
  EXPECT_FALSE(partial.finding().has_value());
  // ...Finish with the stored head catches it.
  partial.Finish(head);
  ASSERT_TRUE(partial.finding().has_value());
  EXPECT_EQ(partial.finding()->row_id, 5);
  EXPECT_EQ(partial.checked(), 4);
}

TEST(ChainVerifier, HeadWithDifferentHashIsReported) {
  auto rows = OperationChain(3);
  ChainHead head = HeadOf(rows);
  head.last_hash = rows[1].hash;
  auto f = Verify(LogKind::kOperation, rows, head);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 3);
}

TEST(ChainVerifier, HeadBehindTheRowsIsReported) {
  // Rows appended without moving the head (or a head rolled back) are reported too.
  auto rows = OperationChain(4);
  ChainHead head{2, rows[1].hash};
  auto f = Verify(LogKind::kOperation, rows, head);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 4);
}

TEST(ChainVerifier, FirstFindingIsKeptAndLaterRowsStillCounted) {
  auto rows = OperationChain(5);
  rows[1].detail = "x";
  rows[3].detail = "y";
  ChainVerifier v(LogKind::kOperation);
  for (const auto& r : rows) v.Add(r);
  v.Finish(HeadOf(rows));
  ASSERT_TRUE(v.finding().has_value());
  EXPECT_EQ(v.finding()->row_id, 2);
  EXPECT_EQ(v.checked(), 5);
}

TEST(ChainVerifier, LoginChainIntactAndAltered) {
  auto rows = LoginChain(5);
  EXPECT_FALSE(Verify(LogKind::kLogin, rows, HeadOf(rows)).has_value());

  auto altered = rows;
  altered[2].result = LoginResult::kSuccess;  // hide a failed login
  auto f = Verify(LogKind::kLogin, altered, HeadOf(altered));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 3);
  EXPECT_EQ(f->log, LogKind::kLogin);
  EXPECT_NE(f->reason.find("content altered"), std::string::npos);

  auto deleted = rows;
  deleted.erase(deleted.begin() + 2);
  f = Verify(LogKind::kLogin, deleted, HeadOf(rows));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 4);

  auto truncated = rows;
  truncated.pop_back();
  f = Verify(LogKind::kLogin, truncated, HeadOf(rows));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->row_id, 5);
}

TEST(ChainVerifier, RowsOfOneLogDoNotVerifyAsAnother) {
  // A login row sealed after an operation chain's hash does not fit a fresh login chain.
  auto ops = OperationChain(2);
  LoginRecord r = LoginChain(1)[0];
  ASSERT_TRUE(Seal(r, ops[1].hash).ok());
  ChainVerifier v(LogKind::kLogin);
  v.Add(r);
  ASSERT_TRUE(v.finding().has_value());
  EXPECT_EQ(v.finding()->row_id, 1);
}

TEST(AuditNames, RoundTrip) {
  EXPECT_EQ(LogTableName(LogKind::kLogin), "login_log");
  EXPECT_EQ(LogTableName(LogKind::kOperation), "operation_log");
  for (auto r : {LoginResult::kSuccess, LoginResult::kFailure, LoginResult::kLocked, LoginResult::kLogout}) {
    EXPECT_EQ(ParseLoginResult(LoginResultName(r)), r);
  }
  for (auto r : {OperationResult::kOk, OperationResult::kDenied, OperationResult::kError}) {
    EXPECT_EQ(ParseOperationResult(OperationResultName(r)), r);
  }
  EXPECT_FALSE(ParseLoginResult("ok").has_value());
  EXPECT_FALSE(ParseOperationResult("success").has_value());
}

}  // namespace
}  // namespace lz::audit
