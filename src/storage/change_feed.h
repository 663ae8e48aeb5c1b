// ChangeFeed: keeps a server's in-memory state (caches now, engines later) in step with what any
// server sharing the database commits. Writes publish rows to the `changes` table in their own
// transaction (ChangeRepository::Publish); the feed applies them to its subscribers in seq order:
//   - at once after this server's own committed writes (Store's published hook), so a server
//     always reads its own writes;
//   - when the database signals a commit (PostgreSQL LISTEN/NOTIFY), for other servers' writes;
//   - every poll interval regardless, which covers notifications lost while a connection was down
//     and other processes on one SQLite file (CLI commands).
// A subscriber that fell behind the pruned part of the table, or more than kReloadAbove changes
// behind (a bulk import), is rebuilt from scratch.
// See docs/decisions/0005-change-feed.md.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/status.h"
#include "storage/repositories.h"

namespace lz::storage {

class ChangeSubscriber {
 public:
  virtual ~ChangeSubscriber() = default;
  // Rebuilds the whole state from `repos`, a read snapshot. An implementation calls MarkLoaded
  // once it succeeded.
  virtual Status Reload(Repositories& repos) = 0;
  // Applies `changes` (seq order), reading what it needs from `repos`, a snapshot that contains
  // them. Must be idempotent: after a failure the same changes are applied again.
  virtual Status Apply(Repositories& repos, const std::vector<Change>& changes) = 0;

  // FailedPrecondition naming `what` until a Reload succeeded. A process subscribes only the
  // engines it uses (a CLI command skips the others), so a read of one it skipped must fail
  // instead of answering from an empty state.
  Status RequireLoaded(std::string_view what) const {
    if (loaded_.load(std::memory_order_acquire)) return Status::Ok();
    return FailedPrecondition(std::string(what) + " is not loaded in this process");
  }

 protected:
  void MarkLoaded() { loaded_.store(true, std::memory_order_release); }

 private:
  std::atomic<bool> loaded_{false};
};

class ChangeFeed {
 public:
  // `store` must outlive the feed. Destroy the feed while no writes are in flight (it unhooks
  // itself from the store).
  explicit ChangeFeed(Store& store) : store_(store) {}
  ~ChangeFeed();
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Adds a subscriber (not owned; must outlive the feed). Before Start only.
  void Subscribe(ChangeSubscriber& subscriber) { subscribers_.push_back(&subscriber); }

  // Loads every subscriber from one snapshot and hooks the store's own commits. Once.
  Status Load();
  // Starts the background thread that waits for other servers' commits and polls every
  // `poll_interval`. After Load; once.
  void Listen(std::chrono::milliseconds poll_interval);
  // Stops the background thread. Idempotent.
  void Stop();

  // Applies every change committed since the last call. Thread-safe; serialised.
  Status CatchUp();
  // The seq of the last change applied.
  int64_t applied_seq() const { return applied_seq_; }

 private:
  Status ReloadAll(Repositories& repos);
  void Run(std::chrono::milliseconds poll_interval);

  static constexpr int kBatch = 500;
  static constexpr int64_t kReloadAbove = 5000;  // pending changes beyond which reloading is cheaper

  Store& store_;
  std::vector<ChangeSubscriber*> subscribers_;
  std::mutex mu_;  // serialises CatchUp
  std::atomic<int64_t> applied_seq_{0};
  std::atomic<bool> stopping_{false};
  bool hooked_ = false;
  std::thread thread_;
};

}  // namespace lz::storage
