// ChangeFeed: start, catch-up and the listening thread.
#include "storage/change_feed.h"

#include <spdlog/spdlog.h>

namespace lz::storage {

Status ChangeFeed::ReloadAll(Repositories& repos) {
  ASSIGN_OR_RETURN(int64_t last, repos.changes().LastSeq());
  for (ChangeSubscriber* s : subscribers_) RETURN_IF_ERROR(s->Reload(repos));
  applied_seq_ = last;
  return Status::Ok();
}

Status ChangeFeed::Load() {
  {
    std::lock_guard lock(mu_);
    RETURN_IF_ERROR(store_.Read([&](Repositories& repos) { return ReloadAll(repos); }));
  }
  store_.SetPublishedHook([this] {
    Status st = CatchUp();
    if (!st.ok()) spdlog::warn("change feed: {}", st.ToString());
  });
  hooked_ = true;
  return Status::Ok();
}

ChangeFeed::~ChangeFeed() {
  Stop();
  if (hooked_) store_.SetPublishedHook({});
}

void ChangeFeed::Listen(std::chrono::milliseconds poll_interval) {
  thread_ = std::thread([this, poll_interval] { Run(poll_interval); });
}

void ChangeFeed::Stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  store_.InterruptWait();
  thread_.join();
}

Status ChangeFeed::CatchUp() {
  std::lock_guard lock(mu_);
  return store_.Read([&](Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(int64_t pruned, repos.changes().PrunedThrough());
    if (applied_seq_ < pruned) {
      spdlog::info("change feed: changes up to {} were pruned before this server read them; reloading", pruned);
      return ReloadAll(repos);
    }
    // After a bulk write (an import) one rebuild is cheaper than applying every change.
    ASSIGN_OR_RETURN(int64_t last, repos.changes().LastSeq());
    if (last - applied_seq_ > kReloadAbove) return ReloadAll(repos);
    for (;;) {
      ASSIGN_OR_RETURN(auto batch, repos.changes().Since(applied_seq_, kBatch));
      if (batch.empty()) return Status::Ok();
      for (ChangeSubscriber* s : subscribers_) RETURN_IF_ERROR(s->Apply(repos, batch));
      applied_seq_ = batch.back().seq;
      if (batch.size() < static_cast<size_t>(kBatch)) return Status::Ok();
    }
  });
}

void ChangeFeed::Run(std::chrono::milliseconds poll_interval) {
  bool failing = false;
  while (!stopping_) {
    store_.WaitForChange(poll_interval);
    if (stopping_) break;
    Status st = CatchUp();
    // Log the first failure and the recovery, not every poll while the database is away.
    if (!st.ok() && !failing) spdlog::warn("change feed: {}", st.ToString());
    if (st.ok() && failing) spdlog::info("change feed: caught up again");
    failing = !st.ok();
  }
}

}  // namespace lz::storage
