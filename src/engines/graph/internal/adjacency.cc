// Adjacency: build of the in rows, link lookup, insertion and removal through the delta, and
// compaction into fresh CSR arrays.
#include "engines/graph/internal/adjacency.h"

#include <algorithm>
#include <cassert>
#include <optional>
#include <system_error>
#include <thread>

namespace lz::engines::graph::internal {
namespace {

constexpr uint64_t kMinCompactionDelta = 4096;
constexpr uint64_t kCompactionFraction = 8;  // compact when the delta passes base / 8
constexpr size_t kParallelBuildEdges = size_t{1} << 16;  // from here the in-rows sort on a helper thread

size_t Words(size_t bits) { return (bits + 63) / 64; }

// Stable LSD radix sort of `a` by bits [from_bit, to_bit) of key(x), 11 bits a pass, through `tmp`.
template <typename Vector, typename Key>
void RadixSort(Vector& a, Vector& tmp, int from_bit, int to_bit, Key&& key) {
  using T = typename Vector::value_type;
  constexpr int kDigitBits = 11;
  constexpr size_t kBuckets = size_t{1} << kDigitBits;
  tmp.resize(a.size());
  for (int shift = from_bit; shift < to_bit; shift += kDigitBits) {
    std::vector<size_t> start(kBuckets + 1, 0);
    for (const T& x : a) ++start[((key(x) >> shift) & (kBuckets - 1)) + 1];
    for (size_t d = 0; d < kBuckets; ++d) start[d + 1] += start[d];
    for (const T& x : a) tmp[start[(key(x) >> shift) & (kBuckets - 1)]++] = x;
    a.swap(tmp);
  }
}

int BitsFor(uint32_t node_count) {
  int bits = 1;
  while (bits < 32 && (uint64_t{1} << bits) < node_count) ++bits;
  return bits;
}

}  // namespace

std::optional<std::pair<uint32_t, uint32_t>> Adjacency::Build(uint32_t node_count,
                                                              std::vector<EdgeInput>&& records) {
  *this = Adjacency();
  node_count_ = base_nodes_ = node_count;
  base_edges_ = records.size();
  const int bits = BitsFor(node_count);
  // The in-rows do not depend on the out-rows: for a large graph a helper thread sorts
  // (buyer, supplier) pairs taken from the same records while this thread sorts the records.
  std::vector<uint64_t> pairs;
  std::optional<std::thread> helper;
  auto sort_pairs = [&pairs, bits] {
    std::vector<uint64_t> tmp;
    RadixSort(pairs, tmp, 0, bits, [](uint64_t p) { return p; });         // by supplier,
    RadixSort(pairs, tmp, 32, 32 + bits, [](uint64_t p) { return p; });  // then stably by buyer
  };
  if (records.size() >= kParallelBuildEdges) {
    pairs.resize(records.size());
    for (size_t i = 0; i < records.size(); ++i) pairs[i] = (uint64_t{records[i].buyer} << 32) | records[i].supplier;
    try {
      helper.emplace(sort_pairs);
    } catch (const std::system_error&) {  // no thread available: sorted below, after the records
    }
  }
  {
    std::vector<EdgeInput> tmp;
    RadixSort(records, tmp, 0, bits, [](const EdgeInput& e) { return e.buyer; });
    RadixSort(records, tmp, 0, bits, [](const EdgeInput& e) { return e.supplier; });
  }
  if (helper) helper->join();
  for (size_t i = 1; i < records.size(); ++i) {
    if (records[i].supplier == records[i - 1].supplier && records[i].buyer == records[i - 1].buyer) {
      return std::pair{records[i].supplier, records[i].buyer};
    }
  }
  out_.offsets.assign(static_cast<size_t>(node_count) + 1, 0);
  out_.targets.resize(records.size());
  volumes_.resize(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    ++out_.offsets[records[i].supplier + 1];
    out_.targets[i] = records[i].buyer;
    volumes_[i] = records[i].volume;
  }
  for (uint32_t v = 0; v < node_count; ++v) out_.offsets[v + 1] += out_.offsets[v];
  records = {};
  if (pairs.empty()) {
    BuildInRows();
  } else {
    if (!helper) sort_pairs();
    FillInRows(pairs);
  }
  return std::nullopt;
}

void Adjacency::BuildInRows() {
  const uint32_t n = base_nodes_;
  // (buyer, supplier) in supplier order; a stable sort by buyer leaves each in row by supplier.
  std::vector<uint64_t> pairs(out_.targets.size());
  for (uint32_t s = 0; s < n; ++s) {
    for (uint32_t i = out_.offsets[s]; i < out_.offsets[s + 1]; ++i) {
      pairs[i] = (uint64_t{out_.targets[i]} << 32) | s;
    }
  }
  {
    std::vector<uint64_t> tmp;
    RadixSort(pairs, tmp, 32, 32 + BitsFor(n), [](uint64_t p) { return p; });
  }
  FillInRows(pairs);
}

void Adjacency::FillInRows(const std::vector<uint64_t>& pairs) {
  const uint32_t n = base_nodes_;
  in_.offsets.assign(static_cast<size_t>(n) + 1, 0);
  in_.targets.resize(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    ++in_.offsets[(pairs[i] >> 32) + 1];
    in_.targets[i] = static_cast<uint32_t>(pairs[i]);
  }
  for (uint32_t v = 0; v < n; ++v) in_.offsets[v + 1] += in_.offsets[v];
  out_.has_added.assign(Words(node_count_), 0);
  in_.has_added.assign(Words(node_count_), 0);
}

void Adjacency::AddNode() {
  ++node_count_;
  out_.has_added.resize(Words(node_count_), 0);
  in_.has_added.resize(Words(node_count_), 0);
}

bool Adjacency::NeedsCompaction() const {
  uint64_t delta = tombstones_ + added_edges_;
  return delta > std::max(kMinCompactionDelta, base_edges_ / kCompactionFraction);
}

int64_t Adjacency::FindBase(const Rows& r, uint32_t v, uint32_t target) const {
  if (v >= base_nodes_) return -1;
  auto begin = r.targets.begin() + r.offsets[v];
  auto end = r.targets.begin() + r.offsets[v + 1];
  auto it = std::lower_bound(begin, end, target);
  if (it == end || *it != target) return -1;
  return it - r.targets.begin();
}

void Adjacency::AddOverlay(Rows& r, uint32_t v, uint32_t target, int64_t volume) {
  r.added[v].push_back({target, volume});
  SetBit(r.has_added, v);
}

void Adjacency::EraseOverlay(Rows& r, uint32_t v, uint32_t target) {
  auto it = r.added.find(v);
  assert(it != r.added.end());
  std::vector<OverlayEntry>& list = it->second;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].node == target) {
      list[i] = list.back();
      list.pop_back();
      break;
    }
  }
  if (list.empty()) {
    r.added.erase(it);
    ClearBit(r.has_added, v);
  }
}

std::optional<int64_t> Adjacency::Find(uint32_t supplier, uint32_t buyer) const {
  int64_t pos = FindBase(out_, supplier, buyer);
  if (pos >= 0) {
    if (!out_.dead.empty() && TestBit(out_.dead, pos)) return std::nullopt;
    return volumes_[pos];
  }
  if (!out_.added.empty() && TestBit(out_.has_added, supplier)) {
    for (const OverlayEntry& e : out_.added.find(supplier)->second) {
      if (e.node == buyer) return e.volume;
    }
  }
  return std::nullopt;
}

std::optional<int64_t> Adjacency::Upsert(uint32_t supplier, uint32_t buyer, int64_t volume) {
  int64_t pos = FindBase(out_, supplier, buyer);
  if (pos >= 0) {
    bool dead = !out_.dead.empty() && TestBit(out_.dead, pos);
    int64_t old = volumes_[pos];
    volumes_[pos] = volume;
    if (!dead) return old;
    // Revive the tombstoned base link in both directions.
    ClearBit(out_.dead, pos);
    int64_t in_pos = FindBase(in_, buyer, supplier);
    assert(in_pos >= 0);
    ClearBit(in_.dead, in_pos);
    --tombstones_;
    return std::nullopt;
  }
  if (!out_.added.empty() && TestBit(out_.has_added, supplier)) {
    for (OverlayEntry& e : out_.added.find(supplier)->second) {
      if (e.node != buyer) continue;
      int64_t old = e.volume;
      e.volume = volume;
      for (OverlayEntry& r : in_.added.find(buyer)->second) {
        if (r.node == supplier) r.volume = volume;
      }
      return old;
    }
  }
  AddOverlay(out_, supplier, buyer, volume);
  AddOverlay(in_, buyer, supplier, volume);
  ++added_edges_;
  return std::nullopt;
}

std::optional<int64_t> Adjacency::Remove(uint32_t supplier, uint32_t buyer) {
  int64_t pos = FindBase(out_, supplier, buyer);
  if (pos >= 0) {
    if (!out_.dead.empty() && TestBit(out_.dead, pos)) return std::nullopt;
    if (out_.dead.empty()) {
      out_.dead.assign(Words(out_.targets.size()), 0);
      in_.dead.assign(Words(in_.targets.size()), 0);
    }
    SetBit(out_.dead, pos);
    int64_t in_pos = FindBase(in_, buyer, supplier);
    assert(in_pos >= 0);
    SetBit(in_.dead, in_pos);
    ++tombstones_;
    return volumes_[pos];
  }
  std::optional<int64_t> old = Find(supplier, buyer);
  if (!old) return std::nullopt;
  EraseOverlay(out_, supplier, buyer);
  EraseOverlay(in_, buyer, supplier);
  --added_edges_;
  return old;
}

Adjacency Adjacency::Compacted() const {
  Adjacency fresh;
  const uint32_t n = node_count_;
  fresh.node_count_ = fresh.base_nodes_ = n;
  fresh.out_.offsets.assign(static_cast<size_t>(n) + 1, 0);
  for (uint32_t s = 0; s < n; ++s) {
    uint32_t degree = 0;
    ForEachOut(s, [&](uint32_t, int64_t) { ++degree; });
    fresh.out_.offsets[s + 1] = fresh.out_.offsets[s] + degree;
  }
  const uint64_t total = fresh.out_.offsets[n];
  assert(total <= kMaxBaseEdges);
  fresh.base_edges_ = total;
  fresh.out_.targets.resize(total);
  fresh.volumes_.resize(total);
  std::vector<OverlayEntry> row;
  for (uint32_t s = 0; s < n; ++s) {
    uint32_t at = fresh.out_.offsets[s];
    if (out_.added.empty() || !TestBit(out_.has_added, s)) {  // the base row, sorted already
      ForEachOut(s, [&](uint32_t b, int64_t volume) {
        fresh.out_.targets[at] = b;
        fresh.volumes_[at++] = volume;
      });
      continue;
    }
    row.clear();
    ForEachOut(s, [&](uint32_t b, int64_t volume) { row.push_back({b, volume}); });
    std::sort(row.begin(), row.end(), [](const OverlayEntry& a, const OverlayEntry& b) { return a.node < b.node; });
    for (const OverlayEntry& e : row) {
      fresh.out_.targets[at] = e.node;
      fresh.volumes_[at++] = e.volume;
    }
  }
  fresh.BuildInRows();
  return fresh;
}

size_t Adjacency::MemoryBytes() const {
  auto rows_bytes = [](const Rows& r) {
    size_t bytes = r.offsets.capacity() * sizeof(uint32_t) + r.targets.capacity() * sizeof(uint32_t) +
                   r.dead.capacity() * sizeof(uint64_t) + r.has_added.capacity() * sizeof(uint64_t);
    // Hash-map nodes and buckets, estimated; the rows' vectors by capacity.
    bytes += r.added.bucket_count() * sizeof(void*) + r.added.size() * 48;
    for (const auto& [node, list] : r.added) bytes += list.capacity() * sizeof(OverlayEntry);
    return bytes;
  };
  return rows_bytes(out_) + rows_bytes(in_) + volumes_.capacity() * sizeof(int64_t);
}

}  // namespace lz::engines::graph::internal
