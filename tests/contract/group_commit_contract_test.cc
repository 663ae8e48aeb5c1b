// The group-commit contract on every backend: concurrent write transactions share a commit, each
// still all-or-nothing, in queue order, each seeing the writes before it.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "backends.h"
#include "storage/sql/group_commit.h"

namespace lz::testing {
namespace {

using storage::sql::Connection;
using storage::sql::GroupCommit;

class GroupCommitContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    ASSERT_TRUE(db_->Run(storage::sql::TxMode::kWrite, [](Connection& c) {
                      return c.ExecScript("CREATE TABLE group_commit_probe (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
                    }).ok());
  }
  std::vector<int64_t> Ids() {
    std::vector<int64_t> ids;
    EXPECT_TRUE(db_->Run(storage::sql::TxMode::kRead, [&](Connection& c) -> Status {
                      ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM group_commit_probe ORDER BY id"));
                      for (const auto& r : rows) ids.push_back(r.Int(0));
                      return Status::Ok();
                    }).ok());
    return ids;
  }
  static Status Insert(Connection& c, int64_t id) {
    return c.Exec("INSERT INTO group_commit_probe (id, v) VALUES (?, 0)", {id}).status();
  }
  // Runs `first` as a group of its own, holding the group open until `followers` callers wait,
  // then lets them go: they form the next group. Returns each follower's status.
  std::vector<Status> RunAsOneGroup(GroupCommit& group, const std::vector<std::function<Status(Connection&)>>& followers) {
    std::vector<Status> results(followers.size());
    std::atomic<bool> first_running{false};
    std::atomic<bool> all_queued{false};  // seen by the first group: the followers may run now
    std::thread leader([&] {
      Status st = group.Run([&](Connection& c) {
        first_running = true;
        while (group.waiting() < followers.size()) std::this_thread::yield();
        all_queued = true;
        return Insert(c, 1);
      });
      EXPECT_TRUE(st.ok()) << st.ToString();
    });
    while (!first_running) std::this_thread::yield();
    std::vector<std::thread> threads;
    // Queued one at a time, so the group runs them in this order.
    for (size_t i = 0; i < followers.size(); ++i) {
      threads.emplace_back([&, i] { results[i] = group.Run(followers[i]); });
      while (group.waiting() < i + 1 && !all_queued) std::this_thread::yield();
    }
    leader.join();
    for (auto& t : threads) t.join();
    return results;
  }
};

TEST_P(GroupCommitContract, WaitingTransactionsShareOneCommit) {
  GroupCommit group(*db_);
  auto results = RunAsOneGroup(group, {[](Connection& c) { return Insert(c, 2); },
                                       [](Connection& c) { return Insert(c, 3); },
                                       [](Connection& c) { return Insert(c, 4); }});
  for (const auto& st : results) EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Ids(), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(group.counts().transactions, 4u);
  EXPECT_EQ(group.counts().commits, 2u);  // the first alone, then the three together
}

TEST_P(GroupCommitContract, AFailedMemberLeavesNoTraceAndTheOthersCommit) {
  GroupCommit group(*db_);
  auto results = RunAsOneGroup(group, {[](Connection& c) { return Insert(c, 2); },
                                       [](Connection& c) -> Status {
                                         RETURN_IF_ERROR(Insert(c, 3));
                                         return InvalidArgument("refused after writing", "v");
                                       },
                                       [](Connection& c) -> Status {
                                         RETURN_IF_ERROR(Insert(c, 4));
                                         throw std::runtime_error("boom");
                                       },
                                       [](Connection& c) { return Insert(c, 5); }});
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(results[1].field(), "v");
  EXPECT_EQ(results[2].code(), StatusCode::kInternal);
  EXPECT_TRUE(results[3].ok());
  EXPECT_EQ(Ids(), (std::vector<int64_t>{1, 2, 5}));
  EXPECT_EQ(group.counts().commits, 2u);
}

TEST_P(GroupCommitContract, AStatementErrorInOneMemberDoesNotSpoilTheGroup) {
  GroupCommit group(*db_);
  // A duplicate key is a database error (PostgreSQL then refuses every statement until the
  // savepoint is rolled back to).
  auto results = RunAsOneGroup(group, {[](Connection& c) { return Insert(c, 1); },
                                       [](Connection& c) { return Insert(c, 2); }});
  EXPECT_FALSE(results[0].ok());
  EXPECT_TRUE(results[1].ok()) << results[1].ToString();
  EXPECT_EQ(Ids(), (std::vector<int64_t>{1, 2}));
}

TEST_P(GroupCommitContract, MembersSeeEarlierMembersWritesSoOneOfTwoRacersWins) {
  GroupCommit group(*db_);
  // Both read version 0 and write version 1 only if it is still 0: the optimistic check.
  auto bump = [](Connection& c) -> Status {
    ASSIGN_OR_RETURN(int64_t changed, c.Exec("UPDATE group_commit_probe SET v = v + 1 WHERE id = 1 AND v = 0"));
    return changed == 1 ? Status::Ok() : FailedPrecondition("changed meanwhile");
  };
  auto results = RunAsOneGroup(group, {bump, bump});
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].code(), StatusCode::kFailedPrecondition);
}

TEST_P(GroupCommitContract, ManyConcurrentWritersAllCommit) {
  GroupCommit group(*db_);
  constexpr int kThreads = 8, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!group.Run([&](Connection& c) { return Insert(c, t * kEach + i + 1); }).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Ids().size(), size_t(kThreads * kEach));
  EXPECT_EQ(group.counts().transactions, uint64_t(kThreads * kEach));
}

INSTANTIATE_TEST_SUITE_P(AllBackends, GroupCommitContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
