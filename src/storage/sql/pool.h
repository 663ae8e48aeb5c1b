// Pool: a fixed set of connections handed out one at a time; Acquire blocks while all are in use.
// Thread-safe. The pool does not own the connections.
#pragma once

#include <condition_variable>
#include <mutex>
#include <vector>

namespace lz::storage::sql {

template <typename Conn>
class Pool {
 public:
  void Add(Conn* c) { Release(c); }

  Conn* Acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    Conn* c = free_.back();
    free_.pop_back();
    return c;
  }

  void Release(Conn* c) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(c);
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Conn*> free_;
};

}  // namespace lz::storage::sql
