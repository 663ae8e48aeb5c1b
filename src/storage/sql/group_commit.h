// GroupCommit: write transactions of concurrent callers share one COMMIT (and so one fsync), each
// still all-or-nothing on its own. Durable commits cost a disk flush each (about 0.4 ms here under
// SQLite synchronous=FULL), and writes are serialised on both backends (one SQLite writer, an
// advisory lock on PostgreSQL), so without grouping the flush rate caps the write rate.
//
// How: callers queue their transaction functions; whichever caller finds no group running leads
// the next one: it opens one database write transaction and runs every queued function in turn,
// each inside its own SAVEPOINT: released when the function returns OK, rolled back to when it
// fails (so its writes vanish and the others' stay). One COMMIT ends the group and every caller
// gets its own result. Functions run on the leader's thread, one after another, each seeing the
// writes of those before it, exactly as if the transactions had run in that order; a caller
// returns only after the commit that made its writes durable (or after its own refusal).
// A group of one runs as a plain transaction. If the group's commit fails, every member whose
// function succeeded gets that error (nothing of theirs was written).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

#include "common/status.h"
#include "storage/sql/sql.h"

namespace lz::storage::sql {

class GroupCommit {
 public:
  // `db` must outlive this. At most `max_group` transactions share a commit.
  explicit GroupCommit(Database& db, size_t max_group = 128) : db_(db), max_group_(max_group) {}

  // Runs fn as one write transaction (see above) and returns its result, or the commit's error.
  // fn must not call Run (re-entrance would wait for itself) and must leave the transaction usable
  // when it fails (errors are values; an exception is caught and returned as Internal).
  // Thread-safe.
  Status Run(const std::function<Status(Connection&)>& fn);

  // Transactions committed and commits issued so far, for metrics and the benchmark.
  struct Counts {
    uint64_t transactions = 0;
    uint64_t commits = 0;
  };
  Counts counts() const;
  // Callers waiting for a group to take them (not counting a running group's members).
  size_t waiting() const;

 private:
  struct Member {
    const std::function<Status(Connection&)>* fn;
    Status status;
    bool done = false;
  };
  void RunGroup(std::deque<Member*>& group);

  Database& db_;
  const size_t max_group_;
  mutable std::mutex mu_;
  std::condition_variable done_cv_;
  std::deque<Member*> queue_;
  bool leading_ = false;
  Counts counts_;
};

}  // namespace lz::storage::sql
