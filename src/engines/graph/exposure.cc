// Exposure: hop-bounded breadth-first search along supply links, level by level.
//   Small frontiers expand top-down in queue order through Adjacency::ForEachNeighbourOfEach,
//   which loads row bounds and prefetches rows a chunk of enterprises ahead (each row is a random
//   access into arrays of hundreds of MiB; overlapping those misses is what keeps the slowest
//   searches of a few thousand enterprises fast), and append newly reached enterprises without a
//   branch.
//   Large frontiers are first marked in a bitmap, which gives them in index order and the count
//   of their links (counted only as far as the choice needs); if kBottomUpRatio times those links
//   outnumber the links of the unvisited part of the graph (pro rata), the level runs bottom-up
//   (each unvisited enterprise looks for a frontier member among its reverse links and stops at
//   the first; Beamer's direction-optimising BFS), else top-down in index order, so the rows are
//   read front to back (and prefetched as above).
// Local enterprises are counted as they are reached while all frontiers are small (the read of the
// local bit overlaps the row misses, where a second pass over the queue would wait for it), else
// by a popcount of visited ∧ local at the end.
// Listing sorts each level by id: through a bitmap read in index order when the level is dense and
// index order is id order, else by a radix sort of the indices (or of (id, index) pairs with
// std::sort when ids are out of index order), looking ids up only for what is listed.
// The visited and frontier bitmaps and the queue are per thread and reused; the bitmaps are cleared
// through the queue (or wholesale when more bits were set than the bitmap has words), so a search
// costs O(links of the reached enterprises), not O(n).
#include <algorithm>
#include <bit>
#include <string>

#include "engines/graph/analysis.h"
#include "engines/graph/internal/graph_data.h"

namespace lz::engines::graph {
namespace {

using internal::Adjacency;
using internal::GraphData;
using internal::kNone;
using internal::ReadView;

constexpr uint64_t kLargeFrontier = 4096;  // and at least n / kLargeFrontierShare
constexpr uint64_t kLargeFrontierShare = 256;
constexpr double kBottomUpRatio = 3;       // bottom-up when frontier links · 3 > unvisited links
constexpr size_t kIdsAhead = 32;           // listed enterprises ahead whose ids are prefetched
constexpr uint64_t kDenseLevel = 16;       // a level of ≥ n / 16 enterprises is listed through a bitmap
constexpr size_t kRadixSortFrom = 256;     // smaller lists are sorted with std::sort

struct Scratch {
  std::vector<uint64_t> visited;   // all zero between searches
  std::vector<uint64_t> frontier;  // all zero between searches
  std::vector<uint32_t> queue;     // ≥ n + 1 entries, so appends never reallocate
  std::vector<uint32_t> picked;    // a listed level's enterprises in id order, or a sorted frontier
  std::vector<uint32_t> sort_buffer;
  size_t size = 0;                 // queue[0, size) reached, queue[0] the start
  int64_t reached_local = 0;       // local enterprises in queue[1, size)
  uint32_t level_end[kMaxHops + 1] = {};  // queue[level_end[h-1], level_end[h]) at distance h
};

thread_local Scratch tls_scratch;

template <typename F>
void ForEachSetBit(const uint64_t* words, size_t word_count, F&& f) {
  for (size_t w = 0; w < word_count; ++w) {
    for (uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
      f(static_cast<uint32_t>(w * 64 + __builtin_ctzll(bits)));
    }
  }
}

// Zeroes the `words` words of a bitmap whose only set bits are at positions[0, set): one word per
// position (their lines are still in cache), or wholesale when there are more positions than words.
void ClearBits(uint64_t* bits, size_t words, const uint32_t* positions, size_t set) {
  if (set > words) {
    std::fill(bits, bits + words, 0);
  } else {
    for (size_t i = 0; i < set; ++i) bits[positions[i] >> 6] = 0;
  }
}

// Runs the search; on return queue[0, size) holds the reached enterprises by level, reached_local
// counts the local ones, and `visited` has their bits set (ClearVisited undoes it).
void Search(const GraphData& d, uint32_t start, Direction direction, int hops, Scratch& sc) {
  const Adjacency& adj = d.adj_;
  const uint32_t n = adj.node_count();
  const size_t words = (static_cast<size_t>(n) + 63) / 64;
  if (sc.visited.size() < words) {
    sc.visited.resize(words, 0);
    sc.frontier.resize(words, 0);
  }
  if (sc.queue.size() < static_cast<size_t>(n) + 1) sc.queue.resize(static_cast<size_t>(n) + 1);
  const Adjacency::Side forward = direction == Direction::kDownstream ? Adjacency::Side::kOut : Adjacency::Side::kIn;
  const Adjacency::Side backward = direction == Direction::kDownstream ? Adjacency::Side::kIn : Adjacency::Side::kOut;
  const uint64_t large = std::max<uint64_t>(kLargeFrontier, n / kLargeFrontierShare);

  uint32_t* const q = sc.queue.data();
  uint64_t* const visited = sc.visited.data();
  uint64_t* const frontier = sc.frontier.data();
  uint32_t* out = q;  // the append position
  *out++ = start;
  visited[start >> 6] |= uint64_t{1} << (start & 63);
  sc.level_end[0] = 1;
  const uint64_t* const local = d.local_bits_.data();
  uint64_t reached_local = 0;
  bool local_counted = true;  // reached_local is exact while only small frontiers were expanded
  // Appends u unless visited: the write always happens, the position moves only for a new one.
  auto visit = [&](uint32_t u) {
    uint64_t& word = visited[u >> 6];
    const uint64_t bit = uint64_t{1} << (u & 63);
    *out = u;
    out += (word & bit) == 0;
    word |= bit;
  };
  // The same, counting u when it is new and local.
  auto visit_counting = [&](uint32_t u) {
    uint64_t& word = visited[u >> 6];
    const uint64_t bit = uint64_t{1} << (u & 63);
    const uint64_t fresh = (word & bit) == 0;
    *out = u;
    out += fresh;
    reached_local += fresh & (local[u >> 6] >> (u & 63));
    word |= bit;
  };

  size_t begin = 0;
  for (int h = 1; h <= hops; ++h) {
    const size_t end = static_cast<size_t>(out - q);
    const size_t frontier_size = end - begin;
    if (frontier_size < large) {
      adj.ForEachNeighbourOfEach(forward, q + begin, frontier_size, visit_counting);
    } else {
      local_counted = false;
      for (size_t i = begin; i < end; ++i) frontier[q[i] >> 6] |= uint64_t{1} << (q[i] & 63);
      // Bottom-up when the frontier's links exceed `enough`; counting stops as soon as they do.
      const double unvisited_links =
          static_cast<double>(adj.edge_count()) * static_cast<double>(n - end) / static_cast<double>(n);
      const double enough = unvisited_links / kBottomUpRatio;
      uint64_t frontier_links = 0;
      for (size_t w = 0; w < words && static_cast<double>(frontier_links) <= enough; ++w) {
        for (uint64_t bits = frontier[w]; bits != 0; bits &= bits - 1) {
          frontier_links += adj.DegreeBound(forward, static_cast<uint32_t>(w * 64 + __builtin_ctzll(bits)));
        }
      }
      if (static_cast<double>(frontier_links) > enough) {
        auto in_frontier = [frontier](uint32_t u) { return (frontier[u >> 6] >> (u & 63)) & 1; };
        for (size_t w = 0; w < words; ++w) {
          uint64_t unvisited = ~visited[w];
          if (w == words - 1 && (n & 63) != 0) unvisited &= (uint64_t{1} << (n & 63)) - 1;
          for (; unvisited != 0; unvisited &= unvisited - 1) {
            const uint32_t v = static_cast<uint32_t>(w * 64 + __builtin_ctzll(unvisited));
            if (adj.AnyNeighbour(backward, v, in_frontier)) {
              visited[w] |= uint64_t{1} << (v & 63);
              *out++ = v;
            }
          }
        }
      } else {
        std::vector<uint32_t>& sorted = sc.picked;  // the frontier in index order
        sorted.clear();
        ForEachSetBit(frontier, words, [&](uint32_t v) { sorted.push_back(v); });
        adj.ForEachNeighbourOfEach(forward, sorted.data(), sorted.size(), visit);
      }
      ClearBits(frontier, words, q + begin, frontier_size);
    }
    begin = end;
    sc.level_end[h] = static_cast<uint32_t>(out - q);
  }
  sc.size = static_cast<size_t>(out - q);
  if (!local_counted) {  // a large part of the graph was reached: count visited ∧ local
    reached_local = 0;
    for (size_t w = 0; w < words; ++w) reached_local += std::popcount(visited[w] & local[w]);
    reached_local -= d.local(start);
  }
  sc.reached_local = static_cast<int64_t>(reached_local);
}

Status CheckHops(int hops) {
  if (hops < 1 || hops > kMaxHops) {
    return InvalidArgument("hops must be between 1 and " + std::to_string(kMaxHops), "hops");
  }
  return Status::Ok();
}

// The counts of the search just run.
ExposureCounts Counts(const Scratch& sc, int hops) {
  ExposureCounts c;
  c.reached = static_cast<int64_t>(sc.size) - 1;
  c.reached_local = sc.reached_local;
  c.per_hop.resize(hops);
  for (int h = 1; h <= hops; ++h) c.per_hop[h - 1] = sc.level_end[h] - sc.level_end[h - 1];
  return c;
}

// Clears the visited bits of the search just run (only reached enterprises have bits set).
void ClearVisited(const GraphData& d, Scratch& sc) {
  const size_t words = (static_cast<size_t>(d.adj_.node_count()) + 63) / 64;
  ClearBits(sc.visited.data(), words, sc.queue.data(), sc.size);
}

// Appends the enterprises `picked` (indices, in id order) to `out`. Their ids are random reads into
// an array of n ids, so they are prefetched kIdsAhead places ahead.
void Emit(const GraphData& d, const std::vector<uint32_t>& picked, int hops, std::vector<ReachedEnterprise>& out) {
  const int64_t* const ids = d.enterprise_id_.data();
  for (size_t i = 0; i < picked.size(); ++i) {
    if (i + kIdsAhead < picked.size()) __builtin_prefetch(ids + picked[i + kIdsAhead]);
    const uint32_t v = picked[i];
    out.push_back({ids[v], hops, d.local(v)});
  }
}

// Sorts `a` ascending (values below 2^bits) with an LSD radix sort of 8-bit digits through `tmp`:
// a few sequential passes over a level of a few thousand enterprises, where reading a bitmap of all
// n enterprises in order costs n / 64 words and a mostly mispredicted branch per word.
void SortIndices(std::vector<uint32_t>& a, std::vector<uint32_t>& tmp, int bits) {
  if (a.size() < kRadixSortFrom) {
    std::sort(a.begin(), a.end());
    return;
  }
  tmp.resize(a.size());
  for (int shift = 0; shift < bits; shift += 8) {
    uint32_t start[257] = {};
    for (uint32_t v : a) ++start[((v >> shift) & 255) + 1];
    for (int k = 0; k < 256; ++k) start[k + 1] += start[k];
    for (uint32_t v : a) tmp[start[(v >> shift) & 255]++] = v;
    a.swap(tmp);
  }
}

// The enterprises of queue[lo, hi) that `reach` selects, the `room` smallest ids, by id.
void ListLevel(const GraphData& d, Scratch& sc, uint32_t lo, uint32_t hi, int hops, Reach reach, int64_t room,
               std::vector<ReachedEnterprise>& out) {
  const uint32_t* q = sc.queue.data();
  auto selected = [&](uint32_t v) { return reach == Reach::kAll || d.local(v); };
  const uint32_t n = d.adj_.node_count();
  std::vector<uint32_t>& picked = sc.picked;
  picked.clear();
  if (d.ids_ascending_ && static_cast<uint64_t>(hi - lo) * kDenseLevel >= n) {
    // Index order is id order, and the level is dense: sort through the frontier bitmap (clear
    // between uses). The whole level is marked, and the selection applied word by word as the
    // bitmap is read in order (no random read of the local bits, no branch per enterprise).
    uint64_t* const marks = sc.frontier.data();
    const uint64_t* const local = d.local_bits_.data();
    for (uint32_t i = lo; i < hi; ++i) marks[q[i] >> 6] |= uint64_t{1} << (q[i] & 63);
    const size_t words = (static_cast<size_t>(n) + 63) / 64;
    for (size_t w = 0; w < words && room > 0; ++w) {
      uint64_t bits = marks[w];
      if (reach == Reach::kLocalOnly) bits &= local[w];
      for (; bits != 0 && room > 0; bits &= bits - 1, --room) {
        picked.push_back(static_cast<uint32_t>(w * 64 + __builtin_ctzll(bits)));
      }
    }
    ClearBits(marks, words, q + lo, hi - lo);
    Emit(d, picked, hops, out);
    return;
  }
  if (d.ids_ascending_) {  // sort indices; look up ids only for what is listed
    picked.resize(hi - lo);   // the selection without a branch (local or not is a coin toss)
    size_t kept = 0;
    for (uint32_t i = lo; i < hi; ++i) {
      picked[kept] = q[i];
      kept += selected(q[i]);
    }
    picked.resize(kept);
    if (static_cast<int64_t>(picked.size()) > room && room < static_cast<int64_t>(kRadixSortFrom)) {
      std::nth_element(picked.begin(), picked.begin() + room, picked.end());
      picked.resize(room);
    }
    SortIndices(picked, sc.sort_buffer, static_cast<int>(std::bit_width(n - 1)));  // n ≥ 1: the start
    if (static_cast<int64_t>(picked.size()) > room) picked.resize(room);
    Emit(d, picked, hops, out);
    return;
  }
  std::vector<std::pair<int64_t, uint32_t>> level;  // (id, index)
  for (uint32_t i = lo; i < hi; ++i) {
    if (selected(q[i])) level.push_back({d.enterprise_id_[q[i]], q[i]});
  }
  if (static_cast<int64_t>(level.size()) > room) {
    std::nth_element(level.begin(), level.begin() + room, level.end());
    level.resize(room);
  }
  std::sort(level.begin(), level.end());
  for (const auto& [id, v] : level) out.push_back({id, hops, d.local(v)});
}

}  // namespace

Result<ExposureCounts> CountExposure(const ChainGraph& graph, int64_t enterprise_id, Direction direction,
                                     int hops) {
  RETURN_IF_ERROR(CheckHops(hops));
  ReadView view(graph);
  const GraphData& d = view.data();
  uint32_t start = d.EnterpriseIndex(enterprise_id);
  if (start == kNone) return NotFound("unknown enterprise " + std::to_string(enterprise_id));
  Scratch& sc = tls_scratch;
  Search(d, start, direction, hops, sc);
  ClearVisited(d, sc);
  return Counts(sc, hops);
}

Result<Exposure> ExposureOf(const ChainGraph& graph, int64_t enterprise_id, const ExposureOptions& options) {
  RETURN_IF_ERROR(CheckHops(options.hops));
  if (options.limit < 0) return InvalidArgument("the limit must not be negative", "limit");
  ReadView view(graph);
  const GraphData& d = view.data();
  uint32_t start = d.EnterpriseIndex(enterprise_id);
  if (start == kNone) return NotFound("unknown enterprise " + std::to_string(enterprise_id));
  Scratch& sc = tls_scratch;
  Search(d, start, options.direction, options.hops, sc);

  Exposure out;
  out.start_id = enterprise_id;
  ClearVisited(d, sc);
  out.counts = Counts(sc, options.hops);
  const int64_t listed = options.reach == Reach::kAll ? out.counts.reached : out.counts.reached_local;
  out.enterprises.reserve(static_cast<size_t>(std::min(listed, options.limit)));
  for (int h = 1; h <= options.hops; ++h) {
    const int64_t room = options.limit - static_cast<int64_t>(out.enterprises.size());
    if (room <= 0) break;
    ListLevel(d, sc, sc.level_end[h - 1], sc.level_end[h], h, options.reach, room, out.enterprises);
  }
  return out;
}

}  // namespace lz::engines::graph
