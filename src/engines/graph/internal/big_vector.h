// BigVector<T>: a std::vector whose large buffers (≥ 4 MiB) are mapped on 2 MiB boundaries and
// marked MADV_HUGEPAGE on Linux, so the random reads of traversals and id lookups over arrays of
// hundreds of MiB miss the TLB far less (the machine's transparent huge pages are often set to
// "madvise"). Freed buffers go back to the system at once (munmap). Elsewhere, or for small
// buffers, it is std::allocator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace lz::engines::graph::internal {

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;
  static constexpr size_t kThreshold = size_t{4} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding

  T* allocate(size_t n) {
#if defined(__linux__)
    const size_t bytes = n * sizeof(T);
    if (bytes >= kThreshold) {
      const size_t rounded = Rounded(bytes);
      // Over-map by one huge page, then trim to a 2 MiB-aligned range.
      void* raw = mmap(nullptr, rounded + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (raw == MAP_FAILED) throw std::bad_alloc();
      char* base = static_cast<char*>(raw);
      char* aligned = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(base) + kHugePage - 1) & ~(kHugePage - 1));
      if (aligned > base) munmap(base, aligned - base);
      char* end = base + rounded + kHugePage;
      if (end > aligned + rounded) munmap(aligned + rounded, end - (aligned + rounded));
      madvise(aligned, rounded, MADV_HUGEPAGE);
      return reinterpret_cast<T*>(aligned);
    }
#endif
    return std::allocator<T>().allocate(n);
  }

  void deallocate(T* p, size_t n) {
#if defined(__linux__)
    if (n * sizeof(T) >= kThreshold) {
      munmap(p, Rounded(n * sizeof(T)));
      return;
    }
#endif
    std::allocator<T>().deallocate(p, n);
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }

 private:
  static size_t Rounded(size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }
};

template <typename T>
using BigVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace lz::engines::graph::internal
