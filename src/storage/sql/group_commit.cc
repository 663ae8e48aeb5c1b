// GroupCommit: leader election over a queue of transaction functions, savepoints per member.
#include "storage/sql/group_commit.h"

#include <exception>
#include <string>
#include <vector>

namespace lz::storage::sql {
namespace {

Status Guarded(const std::function<Status(Connection&)>& fn, Connection& c) {
  try {
    return fn(c);
  } catch (const std::exception& e) {
    return Internal(std::string("unexpected exception in transaction: ") + e.what());
  }
}

}  // namespace

Status GroupCommit::Run(const std::function<Status(Connection&)>& fn) {
  Member self{&fn, Status::Ok()};
  std::unique_lock lock(mu_);
  queue_.push_back(&self);
  while (!self.done) {
    if (leading_) {
      done_cv_.wait(lock);
      continue;
    }
    leading_ = true;
    std::deque<Member*> group;
    while (!queue_.empty() && group.size() < max_group_) {
      group.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    RunGroup(group);
    lock.lock();
    for (Member* m : group) m->done = true;
    counts_.commits += 1;
    counts_.transactions += group.size();
    leading_ = false;
    done_cv_.notify_all();
  }
  return self.status;
}

void GroupCommit::RunGroup(std::deque<Member*>& group) {
  if (group.size() == 1) {
    group.front()->status = db_.Run(TxMode::kWrite, *group.front()->fn);
    return;
  }
  std::vector<bool> succeeded(group.size(), false);
  Status group_status = db_.Run(TxMode::kWrite, [&](Connection& c) -> Status {
    for (size_t i = 0; i < group.size(); ++i) {
      RETURN_IF_ERROR(c.ExecScript("SAVEPOINT lz_member"));
      Status st = Guarded(*group[i]->fn, c);
      if (st.ok()) {
        RETURN_IF_ERROR(c.ExecScript("RELEASE SAVEPOINT lz_member"));
        succeeded[i] = true;
      } else {
        // Fails when the database ended the whole transaction (e.g. disk full): then the group
        // ends here and rolls back.
        RETURN_IF_ERROR(c.ExecScript("ROLLBACK TO SAVEPOINT lz_member; RELEASE SAVEPOINT lz_member"));
      }
      group[i]->status = std::move(st);
    }
    return Status::Ok();
  });
  if (group_status.ok()) return;
  // Nothing was committed: members that had succeeded (or never ran) get the group's error.
  for (size_t i = 0; i < group.size(); ++i) {
    if (succeeded[i] || group[i]->status.ok()) group[i]->status = group_status;
  }
}

GroupCommit::Counts GroupCommit::counts() const {
  std::lock_guard lock(mu_);
  return counts_;
}

size_t GroupCommit::waiting() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

}  // namespace lz::storage::sql
