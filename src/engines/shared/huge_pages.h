// Memory for the engines' large arrays (graph adjacency and id tables, search postings, stored
// texts, per-document tables): buffers of 4 MiB or more are mapped on 2 MiB boundaries and marked
// MADV_HUGEPAGE on Linux, smaller ones come from std::allocator. Traversals, id lookups and text
// verification read such arrays at random, one 4 KiB page each, so with small pages nearly every
// read costs a TLB miss (a two-dimensional page walk under a hypervisor); with 2 MiB pages hundreds
// share one entry. Machines often set transparent huge pages to "madvise", hence the explicit
// advice. Freed buffers go back to the system at once (munmap).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace lz::engines::shared {

inline constexpr size_t kHugePage = size_t{2} << 20;
inline constexpr size_t kHugeThreshold = size_t{4} << 20;

// Raw bytes: huge-page mapped when large. Pair with FreeBytes(p, bytes). Throws std::bad_alloc.
inline void* AllocateBytes(size_t bytes) {
#if defined(__linux__)
  if (bytes >= kHugeThreshold) {
    const size_t rounded = (bytes + kHugePage - 1) & ~(kHugePage - 1);
    // Over-map by one huge page, then trim to a 2 MiB-aligned range.
    void* raw = mmap(nullptr, rounded + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    char* base = static_cast<char*>(raw);
    char* aligned = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(base) + kHugePage - 1) & ~(kHugePage - 1));
    if (aligned > base) munmap(base, static_cast<size_t>(aligned - base));
    char* end = base + rounded + kHugePage;
    if (end > aligned + rounded) munmap(aligned + rounded, static_cast<size_t>(end - (aligned + rounded)));
    madvise(aligned, rounded, MADV_HUGEPAGE);
    return aligned;
  }
#endif
  return ::operator new(bytes);
}

inline void FreeBytes(void* p, size_t bytes) {
#if defined(__linux__)
  if (bytes >= kHugeThreshold) {
    munmap(p, (bytes + kHugePage - 1) & ~(kHugePage - 1));
    return;
  }
#endif
  ::operator delete(p);
}

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n) { return static_cast<T*>(AllocateBytes(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { FreeBytes(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};

template <typename T>
using BigVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace lz::engines::shared
