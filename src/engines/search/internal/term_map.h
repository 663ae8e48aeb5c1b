// TermMap: an open-addressing hash map from term keys (analyzer.h; never 0) to dense term numbers
// (uint32). Linear probing, load factor at most 0.6, a slot packs key and value in 12 bytes, no
// deletion (the base dictionary is rebuilt whole at a compaction, the overlay's is cleared). Not
// thread-safe: the engine's lock guards it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lz::engines::search::internal {

class TermMap {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Value of `key`, or kNone.
  uint32_t Find(uint64_t key) const {
    if (size_ == 0) return kNone;
    for (size_t slot = Slot(key);; slot = (slot + 1) & mask_) {
      const Entry& e = slots_[slot];
      if (e.key == key) return e.value;
      if (e.key == 0) return kNone;
    }
  }

  // Value of `key`; when absent inserts `value` and returns it. *inserted tells which.
  uint32_t FindOrInsert(uint64_t key, uint32_t value, bool* inserted) {
    if ((size_ + 1) * 5 > slots_.size() * 3) Rehash(slots_.empty() ? 64 : slots_.size() * 2);
    for (size_t slot = Slot(key);; slot = (slot + 1) & mask_) {
      Entry& e = slots_[slot];
      if (e.key == key) {
        *inserted = false;
        return e.value;
      }
      if (e.key == 0) {
        e.key = key;
        e.value = value;
        ++size_;
        *inserted = true;
        return value;
      }
    }
  }

  [[gnu::always_inline]] void Prefetch(uint64_t key) const {  // inlined: see TextStore::Prefetch
    if (size_ != 0) __builtin_prefetch(&slots_[Slot(key)]);
  }

  void Reserve(size_t n) {
    size_t want = 64;
    while (want * 3 < n * 5) want *= 2;
    if (want > slots_.size()) Rehash(want);
  }

  // Calls f(key, value) for every entry, in slot order.
  template <typename F>
  void ForEach(F&& f) const {
    for (const Entry& e : slots_) {
      if (e.key != 0) f(e.key, e.value);
    }
  }

  size_t size() const { return size_; }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Entry); }

 private:
#pragma pack(push, 4)
  struct Entry {
    uint64_t key = 0;
    uint32_t value = kNone;
  };
#pragma pack(pop)
  static_assert(sizeof(Entry) == 12);

  size_t Slot(uint64_t key) const {
    uint64_t x = key;  // murmur3 finaliser
    x = (x ^ (x >> 33)) * 0xff51afd7ed558ccdULL;
    x = (x ^ (x >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return static_cast<size_t>(x ^ (x >> 33)) & mask_;
  }
  void Rehash(size_t capacity) {
    std::vector<Entry> old = std::move(slots_);
    slots_.assign(capacity, Entry{});
    mask_ = capacity - 1;
    for (const Entry& e : old) {
      if (e.key == 0) continue;
      size_t slot = Slot(e.key);
      while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
      slots_[slot] = e;
    }
  }

  std::vector<Entry> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace lz::engines::search::internal
