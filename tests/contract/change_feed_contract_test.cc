// The change-feed contract on every backend: the changes table (ChangeRepository), commit
// notifications (Database::WaitForChange) and ChangeFeed keeping subscribers in step with writes
// made through this store and through a second, independent handle on the same database.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "backends.h"
#include "storage/change_feed.h"
#include "storage/sql_store.h"

namespace lz::testing {
namespace {

using namespace std::chrono_literals;
using storage::Change;
using storage::Repositories;

// Records what the feed hands it.
class RecordingSubscriber final : public storage::ChangeSubscriber {
 public:
  Status Reload(Repositories& repos) override {
    ASSIGN_OR_RETURN(auto roles, repos.roles().List());
    std::lock_guard lock(mu_);
    ++reloads_;
    role_count_at_reload_ = static_cast<int>(roles.size());
    return Status::Ok();
  }
  Status Apply(Repositories&, const std::vector<Change>& changes) override {
    std::lock_guard lock(mu_);
    applied_.insert(applied_.end(), changes.begin(), changes.end());
    return Status::Ok();
  }
  int reloads() {
    std::lock_guard lock(mu_);
    return reloads_;
  }
  int role_count_at_reload() {
    std::lock_guard lock(mu_);
    return role_count_at_reload_;
  }
  std::vector<std::string> refs() {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& c : applied_) out.push_back(c.topic + ":" + c.ref);
    return out;
  }

 private:
  std::mutex mu_;
  int reloads_ = 0;
  int role_count_at_reload_ = -1;
  std::vector<Change> applied_;
};

class ChangeFeedContract : public StorageFixture {
 protected:
  void Publish(const std::string& topic, const std::string& ref) {
    MustWrite([&](Repositories& r) { return r.changes().Publish(topic, ref); });
  }
  std::vector<Change> ReadSince(int64_t after) {
    std::vector<Change> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.changes().Since(after, 100));
      return Status::Ok();
    });
    return out;
  }
  int64_t LastSeq() {
    int64_t last = -1;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(last, r.changes().LastSeq());
      return Status::Ok();
    });
    return last;
  }
  // A second Store on the same database, as another server would have.
  std::unique_ptr<storage::Store> SecondStore() {
    auto db = GetParam().reopen(dir_->path());
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? storage::MakeSqlStore(*db) : nullptr;
  }
  static auth::Role Role(const std::string& key) { return auth::Role{0, key, "角色 " + key, {"org:unit:read"}, false}; }
};

TEST_P(ChangeFeedContract, PublishedChangesAreReadInSeqOrder) {
  EXPECT_EQ(LastSeq(), 0);
  Publish("role", "1");
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.changes().Publish("role", "2"));
    return r.changes().Publish("chain", "x");
  });
  auto all = ReadSince(0);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].ref, "1");
  EXPECT_EQ(all[1].ref, "2");
  EXPECT_EQ(all[2].topic, "chain");
  EXPECT_LT(all[0].seq, all[1].seq);
  EXPECT_LT(all[1].seq, all[2].seq);
  EXPECT_EQ(LastSeq(), all[2].seq);
  auto later = ReadSince(all[0].seq);
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[0].seq, all[1].seq);
}

TEST_P(ChangeFeedContract, RolledBackPublishLeavesNoChangeAndNoHookCall) {
  int hook_calls = 0;
  store_->SetPublishedHook([&] { ++hook_calls; });
  Status st = store_->Write([](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.changes().Publish("role", "1"));
    return InvalidArgument("stop", "field");
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ReadSince(0).empty());
  EXPECT_EQ(hook_calls, 0);
  MustWrite([](Repositories& r) { return r.settings().Put("k", "v"); });  // publishes nothing
  EXPECT_EQ(hook_calls, 0);
  Publish("role", "1");
  EXPECT_EQ(hook_calls, 1);
}

TEST_P(ChangeFeedContract, RoleWritesPublishTheirId) {
  int64_t id = 0;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(id, r.roles().Insert(Role("clerk")));
    return Status::Ok();
  });
  auth::Role changed = Role("clerk");
  changed.id = id;
  changed.permissions = {"org:unit:read", "org:unit:write"};
  MustWrite([&](Repositories& r) { return r.roles().Update(changed); });
  MustWrite([&](Repositories& r) { return r.roles().Delete(id); });
  auto all = ReadSince(0);
  ASSERT_EQ(all.size(), 3u);
  for (const auto& c : all) {
    EXPECT_EQ(c.topic, storage::topic::kRole);
    EXPECT_EQ(c.ref, std::to_string(id));
  }
}

TEST_P(ChangeFeedContract, PruneKeepsTheNewestAndRemembersWhereItCut) {
  for (int i = 1; i <= 5; ++i) Publish("role", std::to_string(i));
  int64_t last = LastSeq();
  int64_t deleted = -1;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(deleted, r.changes().Prune(2));
    return Status::Ok();
  });
  EXPECT_EQ(deleted, 3);
  auto kept = ReadSince(0);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].ref, "4");
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(int64_t pruned, r.changes().PrunedThrough());
    EXPECT_EQ(pruned, last - 2);
    return Status::Ok();
  });
  // Pruning everything keeps LastSeq, and new changes continue after it.
  MustWrite([&](Repositories& r) { return r.changes().Prune(0).status(); });
  EXPECT_TRUE(ReadSince(0).empty());
  EXPECT_EQ(LastSeq(), last);
  Publish("role", "6");
  auto next = ReadSince(0);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_GT(next[0].seq, last);
}

TEST_P(ChangeFeedContract, CommitWakesAWaiterOnAnotherHandle) {
  auto other = GetParam().reopen(dir_->path());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  auto listening = *other;
  // Same process, separate handle: PostgreSQL wakes through LISTEN/NOTIFY; SQLite only hears its
  // own handle's commits, so it is checked on the store's database instead.
  storage::sql::Database& waiter = db_->dialect() == storage::sql::Dialect::kPostgres ? *listening : *db_;
  waiter.WaitForChange(1ms);  // opens the listening connection where there is one
  auto woke = std::async(std::launch::async, [&] { return waiter.WaitForChange(60s); });
  // Commit until the waiter has heard one (it may not be waiting yet when the first commits).
  for (int i = 0; i < 200 && woke.wait_for(50ms) != std::future_status::ready; ++i) Publish("role", std::to_string(i));
  ASSERT_EQ(woke.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(woke.get());
}

TEST_P(ChangeFeedContract, InterruptEndsAWaitAndEveryLaterOne) {
  auto start = std::chrono::steady_clock::now();
  auto woke = std::async(std::launch::async, [&] { return db_->WaitForChange(120s); });
  std::this_thread::sleep_for(20ms);
  db_->InterruptWait();
  ASSERT_EQ(woke.wait_for(60s), std::future_status::ready) << "InterruptWait did not end the wait";
  EXPECT_FALSE(woke.get());
  EXPECT_FALSE(db_->WaitForChange(120s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 60s);
}

TEST_P(ChangeFeedContract, FeedLoadsAtStartAndAppliesOwnWritesBeforeWriteReturns) {
  MustWrite([&](Repositories& r) { return r.roles().Insert(Role("a")).status(); });
  RecordingSubscriber sub;
  storage::ChangeFeed feed(*store_);
  feed.Subscribe(sub);
  ASSERT_TRUE(feed.Load().ok());  // no listening thread: only the store's own hook
  EXPECT_EQ(sub.reloads(), 1);
  EXPECT_EQ(sub.role_count_at_reload(), 1);
  EXPECT_TRUE(sub.refs().empty()) << "changes before Load are in the reload, not applied again";
  MustWrite([&](Repositories& r) { return r.roles().Insert(Role("b")).status(); });
  auto refs = sub.refs();
  ASSERT_EQ(refs.size(), 1u) << "the write's own change is applied before Write returns";
  EXPECT_EQ(refs[0].rfind("role:", 0), 0u);
  feed.Stop();
}

TEST_P(ChangeFeedContract, FeedAppliesAnotherServersCommits) {
  RecordingSubscriber sub;
  storage::ChangeFeed feed(*store_);
  feed.Subscribe(sub);
  // PostgreSQL delivers the other handle's commit by NOTIFY; SQLite (another process on the file)
  // by polling, so it gets a short poll interval here.
  auto poll = db_->dialect() == storage::sql::Dialect::kPostgres ? 10min : 50ms;
  ASSERT_TRUE(feed.Load().ok());
  feed.Listen(std::chrono::duration_cast<std::chrono::milliseconds>(poll));
  auto other = SecondStore();
  ASSERT_NE(other, nullptr);
  std::this_thread::sleep_for(100ms);  // let the feed start listening
  ASSERT_TRUE(other->Write([](Repositories& r) { return r.changes().Publish("chain", "42"); }).ok());
  for (int i = 0; i < 200 && sub.refs().empty(); ++i) std::this_thread::sleep_for(25ms);
  EXPECT_EQ(sub.refs(), std::vector<std::string>{"chain:42"});
  feed.Stop();
}

TEST_P(ChangeFeedContract, FeedReloadsWhenItFellBehindThePrunedChanges) {
  RecordingSubscriber sub;
  storage::ChangeFeed feed(*store_);
  feed.Subscribe(sub);
  ASSERT_TRUE(feed.Load().ok());  // not listening: it reads only when told to
  auto other = SecondStore();
  ASSERT_NE(other, nullptr);
  // Another server publishes and prunes before this feed reads.
  ASSERT_TRUE(other->Write([](Repositories& r) -> Status {
                     for (int i = 0; i < 3; ++i) RETURN_IF_ERROR(r.changes().Publish("chain", std::to_string(i)));
                     return Status::Ok();
                   })
                  .ok());
  ASSERT_TRUE(other->Write([](Repositories& r) { return r.changes().Prune(1).status(); }).ok());
  ASSERT_TRUE(feed.CatchUp().ok());
  EXPECT_GE(sub.reloads(), 2) << "a feed behind the pruned changes must reload";
  EXPECT_EQ(feed.applied_seq(), LastSeq());
  feed.Stop();
}

INSTANTIATE_TEST_SUITE_P(AllBackends, ChangeFeedContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
