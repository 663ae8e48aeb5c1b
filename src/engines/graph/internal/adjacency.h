// Adjacency: the supply links between enterprise indices as compressed sparse rows in both
// directions — out (supplier → its buyers, with the volume) and in (buyer → its suppliers) — each
// row sorted by the other end, plus a delta: links added since the last build live in small
// per-node overlay lists, and removed base links are tombstoned in a bitmap over the rows.
// Compacted() merges both into fresh arrays. Not thread-safe: the engine's lock guards it.
//
// Memory per base link: 4 (out target) + 8 (volume) + 4 (in source) bytes; per node 8 bytes of
// row offsets. Offsets are uint32, so a build holds fewer than 2^32 − 1 links.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engines/shared/huge_pages.h"

namespace lz::engines::graph::internal {

using shared::BigVector;

template <typename Bits>
bool TestBit(const Bits& bits, size_t i) {
  return (bits[i >> 6] >> (i & 63)) & 1;
}
template <typename Bits>
void SetBit(Bits& bits, size_t i) {
  bits[i >> 6] |= uint64_t{1} << (i & 63);
}
template <typename Bits>
void ClearBit(Bits& bits, size_t i) {
  bits[i >> 6] &= ~(uint64_t{1} << (i & 63));
}

struct EdgeInput {
  uint32_t supplier = 0;
  uint32_t buyer = 0;
  int64_t volume = 0;
};

class Adjacency {
 public:
  enum class Side { kOut, kIn };
  static constexpr uint64_t kMaxBaseEdges = UINT32_MAX - 1;

  // Builds from links between node indices below `node_count`, sorting them by (supplier, buyer)
  // with an LSD radix sort (sequential passes, no random scatter over the whole arrays). Returns a
  // duplicated (supplier, buyer) pair, if any (the adjacency is then unusable). O(V + E).
  std::optional<std::pair<uint32_t, uint32_t>> Build(uint32_t node_count, std::vector<EdgeInput>&& records);

  uint32_t node_count() const { return node_count_; }
  // Extends the node range by one (a new enterprise, with no links).
  void AddNode();

  // Live links.
  uint64_t edge_count() const { return base_edges_ - tombstones_ + added_edges_; }
  uint64_t overlay_count() const { return added_edges_; }
  uint64_t tombstone_count() const { return tombstones_; }
  // True when the delta has grown past an eighth of the base (and a minimum).
  bool NeedsCompaction() const;
  // A fresh adjacency with the same links and no delta.
  Adjacency Compacted() const;
  size_t MemoryBytes() const;

  // Volume of supplier → buyer, or nullopt.
  std::optional<int64_t> Find(uint32_t supplier, uint32_t buyer) const;
  // Inserts or changes a link; returns the previous volume when it existed.
  std::optional<int64_t> Upsert(uint32_t supplier, uint32_t buyer, int64_t volume);
  // Removes a link; returns its volume, or nullopt when it was absent.
  std::optional<int64_t> Remove(uint32_t supplier, uint32_t buyer);

  // f(buyer, volume) for each live link out of `supplier`.
  template <typename F>
  void ForEachOut(uint32_t supplier, F&& f) const;
  // f(supplier) for each live link into `buyer`.
  template <typename F>
  void ForEachIn(uint32_t buyer, F&& f) const {
    ForEachNeighbour(Side::kIn, buyer, f);
  }
  // f(other end) for each live link of `v` on `side`.
  template <typename F>
  void ForEachNeighbour(Side side, uint32_t v, F&& f) const;
  // The same calls as ForEachNeighbour(side, nodes[i], f) for i = 0, 1, ..., count − 1, in that
  // order, for the frontier of a search: rows are random accesses into arrays of hundreds of MiB,
  // so the nodes go in chunks of kRowChunk — the row bounds of the chunk after next are
  // prefetched, those of the next chunk loaded and its rows prefetched, then this chunk's rows are
  // read. The misses of a chunk overlap instead of each costing a full memory latency (in
  // graph_bench the last level of the slowest 3-hop searches runs about 3x faster than with a
  // per-node prefetch a fixed distance ahead). f may append to an array after nodes[count) but
  // must not change nodes[0, count).
  static constexpr size_t kRowChunk = 16;
  template <typename F>
  void ForEachNeighbourOfEach(Side side, const uint32_t* nodes, size_t count, F&& f) const;
  // True when pred(other end) holds for some live link of `v` on `side`; stops at the first.
  template <typename P>
  bool AnyNeighbour(Side side, uint32_t v, P&& pred) const;
  // Links of `v` on `side`, tombstones included (an upper bound, O(1)).
  uint64_t DegreeBound(Side side, uint32_t v) const;

 private:
  struct OverlayEntry {
    uint32_t node;
    int64_t volume;
  };
  struct Rows {
    BigVector<uint32_t> offsets;  // base_nodes_ + 1 entries
    BigVector<uint32_t> targets;  // the other end of each base link, sorted per row
    BigVector<uint64_t> dead;     // tombstones over targets; empty while there are none
    std::unordered_map<uint32_t, std::vector<OverlayEntry>> added;
    std::vector<uint64_t> has_added;  // bitmap over all nodes: an overlay row exists
  };

  const Rows& rows(Side side) const { return side == Side::kOut ? out_ : in_; }
  // Position of `target` in the base row of `v`, tombstoned or not; -1 when absent.
  int64_t FindBase(const Rows& rows, uint32_t v, uint32_t target) const;
  static void AddOverlay(Rows& rows, uint32_t v, uint32_t target, int64_t volume);
  static void EraseOverlay(Rows& rows, uint32_t v, uint32_t target);
  // The in rows (sorted by supplier) from the out rows, and the overlay bitmaps.
  void BuildInRows();
  // The in rows from (buyer << 32 | supplier) pairs sorted by buyer then supplier, and the
  // overlay bitmaps.
  void FillInRows(const std::vector<uint64_t>& pairs);

  Rows out_;
  Rows in_;
  BigVector<int64_t> volumes_;  // aligned with out_.targets
  uint32_t node_count_ = 0;
  uint32_t base_nodes_ = 0;
  uint64_t base_edges_ = 0;
  uint64_t tombstones_ = 0;
  uint64_t added_edges_ = 0;
};

// ---- Inline hot paths. ------------------------------------------------------------------------

template <typename F>
void Adjacency::ForEachNeighbour(Side side, uint32_t v, F&& f) const {
  const Rows& r = rows(side);
  if (v < base_nodes_) {
    const uint32_t begin = r.offsets[v];
    const uint32_t end = r.offsets[v + 1];
    const uint32_t* targets = r.targets.data();
    if (r.dead.empty()) {
      for (uint32_t i = begin; i < end; ++i) f(targets[i]);
    } else {
      for (uint32_t i = begin; i < end; ++i) {
        if (!TestBit(r.dead, i)) f(targets[i]);
      }
    }
  }
  if (!r.added.empty() && v < node_count_ && TestBit(r.has_added, v)) {
    for (const OverlayEntry& e : r.added.find(v)->second) f(e.node);
  }
}

template <typename F>
void Adjacency::ForEachNeighbourOfEach(Side side, const uint32_t* nodes, size_t count, F&& f) const {
  const Rows& r = rows(side);
  const uint32_t* offsets = r.offsets.data();
  const uint32_t* targets = r.targets.data();
  const uint32_t base = base_nodes_;
  uint32_t begin[2][kRowChunk];
  uint32_t end[2][kRowChunk];
  auto prefetch_bounds = [&](size_t from) {
    const size_t to = std::min(from + kRowChunk, count);
    for (size_t k = from; k < to; ++k) {
      if (nodes[k] < base) __builtin_prefetch(offsets + nodes[k]);
    }
  };
  // Row bounds of nodes[from, from + kRowChunk) into slot `s`, and a prefetch of the first and the
  // last line of each row (most rows span one or two lines).
  auto load_bounds = [&](size_t from, int s) {
    const size_t to = std::min(from + kRowChunk, count);
    for (size_t k = from; k < to; ++k) {
      const uint32_t v = nodes[k];
      uint32_t b = 0, e = 0;
      if (v < base) {
        b = offsets[v];
        e = offsets[v + 1];
        __builtin_prefetch(targets + b);
        __builtin_prefetch(targets + (e > b ? e - 1 : b));
      }
      begin[s][k - from] = b;
      end[s][k - from] = e;
    }
  };
  prefetch_bounds(0);
  prefetch_bounds(kRowChunk);
  load_bounds(0, 0);
  int s = 0;
  for (size_t c = 0; c < count; c += kRowChunk, s ^= 1) {
    prefetch_bounds(c + 2 * kRowChunk);
    load_bounds(c + kRowChunk, s ^ 1);
    const size_t m = std::min(kRowChunk, count - c);
    for (size_t k = 0; k < m; ++k) {
      const uint32_t b = begin[s][k], e = end[s][k];
      if (r.dead.empty()) {
        for (uint32_t i = b; i < e; ++i) f(targets[i]);
      } else {
        for (uint32_t i = b; i < e; ++i) {
          if (!TestBit(r.dead, i)) f(targets[i]);
        }
      }
      if (!r.added.empty()) {
        const uint32_t v = nodes[c + k];
        if (v < node_count_ && TestBit(r.has_added, v)) {
          for (const OverlayEntry& o : r.added.find(v)->second) f(o.node);
        }
      }
    }
  }
}

template <typename P>
bool Adjacency::AnyNeighbour(Side side, uint32_t v, P&& pred) const {
  const Rows& r = rows(side);
  if (v < base_nodes_) {
    const uint32_t begin = r.offsets[v];
    const uint32_t end = r.offsets[v + 1];
    const uint32_t* targets = r.targets.data();
    for (uint32_t i = begin; i < end; ++i) {
      if (pred(targets[i]) && (r.dead.empty() || !TestBit(r.dead, i))) return true;
    }
  }
  if (!r.added.empty() && v < node_count_ && TestBit(r.has_added, v)) {
    for (const OverlayEntry& e : r.added.find(v)->second) {
      if (pred(e.node)) return true;
    }
  }
  return false;
}

template <typename F>
void Adjacency::ForEachOut(uint32_t supplier, F&& f) const {
  if (supplier < base_nodes_) {
    for (uint32_t i = out_.offsets[supplier]; i < out_.offsets[supplier + 1]; ++i) {
      if (out_.dead.empty() || !TestBit(out_.dead, i)) f(out_.targets[i], volumes_[i]);
    }
  }
  if (!out_.added.empty() && supplier < node_count_ && TestBit(out_.has_added, supplier)) {
    for (const OverlayEntry& e : out_.added.find(supplier)->second) f(e.node, e.volume);
  }
}

inline uint64_t Adjacency::DegreeBound(Side side, uint32_t v) const {
  const Rows& r = rows(side);
  uint64_t d = v < base_nodes_ ? r.offsets[v + 1] - r.offsets[v] : 0;
  if (!r.added.empty() && v < node_count_ && TestBit(r.has_added, v)) {
    d += r.added.find(v)->second.size();
  }
  return d;
}

}  // namespace lz::engines::graph::internal
