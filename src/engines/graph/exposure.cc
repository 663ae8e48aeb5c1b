// Exposure: hop-bounded breadth-first search along supply links, level by level.
//   Small frontiers expand top-down in queue order, prefetching the row bounds and then the row of
//   the enterprises a few places ahead (each row is a random access into arrays of hundreds of
//   MiB; alone, such a loop runs about 3x faster with the prefetches), and append newly reached
//   enterprises without a branch.
//   Large frontiers are first marked in a bitmap, which gives their links' count in index order;
//   if those links outnumber kBottomUpRatio times the unvisited part of the graph, the level runs
//   bottom-up (each unvisited enterprise looks for a frontier member among its reverse links and
//   stops at the first; Beamer's direction-optimising BFS), else top-down in index order, so the
//   rows are read front to back.
// The visited and frontier bitmaps and the queue are per thread and reused; the bitmaps are cleared
// through the queue (or wholesale when most of the graph was reached), so a search costs
// O(links of the reached enterprises), not O(n).
#include <algorithm>
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
constexpr size_t kPrefetchBounds = 16;     // queue places ahead whose row bounds are prefetched
constexpr size_t kPrefetchRow = 8;         // queue places ahead whose row is prefetched

struct Scratch {
  std::vector<uint64_t> visited;   // all zero between searches
  std::vector<uint64_t> frontier;  // all zero between searches
  std::vector<uint32_t> queue;     // ≥ n + 1 entries, so appends never reallocate
  size_t size = 0;                 // queue[0, size) reached, queue[0] the start
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

// Runs the search; on return queue[0, size) holds the reached enterprises by level and `visited`
// has their bits set (CountAndClear undoes it).
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
  // Appends u unless visited: the write always happens, the position moves only for a new one.
  auto visit = [&](uint32_t u) {
    uint64_t& word = visited[u >> 6];
    const uint64_t bit = uint64_t{1} << (u & 63);
    *out = u;
    out += (word & bit) == 0;
    word |= bit;
  };

  size_t begin = 0;
  for (int h = 1; h <= hops; ++h) {
    const size_t end = static_cast<size_t>(out - q);
    const size_t frontier_size = end - begin;
    if (frontier_size < large) {
      for (size_t i = begin; i < end; ++i) {
        if (i + kPrefetchBounds < end) adj.PrefetchBounds(forward, q[i + kPrefetchBounds]);
        if (i + kPrefetchRow < end) adj.PrefetchRow(forward, q[i + kPrefetchRow]);
        adj.ForEachNeighbour(forward, q[i], visit);
      }
    } else {
      for (size_t i = begin; i < end; ++i) frontier[q[i] >> 6] |= uint64_t{1} << (q[i] & 63);
      uint64_t frontier_links = 0;
      ForEachSetBit(frontier, words, [&](uint32_t v) { frontier_links += adj.DegreeBound(forward, v); });
      const double unvisited_links =
          static_cast<double>(adj.edge_count()) * static_cast<double>(n - end) / static_cast<double>(n);
      if (static_cast<double>(frontier_links) * kBottomUpRatio > unvisited_links) {
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
        ForEachSetBit(frontier, words, [&](uint32_t v) { adj.ForEachNeighbour(forward, v, visit); });
      }
      for (size_t i = begin; i < end; ++i) frontier[q[i] >> 6] = 0;
    }
    begin = end;
    sc.level_end[h] = static_cast<uint32_t>(out - q);
  }
  sc.size = static_cast<size_t>(out - q);
}

Status CheckHops(int hops) {
  if (hops < 1 || hops > kMaxHops) {
    return InvalidArgument("hops must be between 1 and " + std::to_string(kMaxHops), "hops");
  }
  return Status::Ok();
}

// The counts of the search just run, clearing its visited bits on the way (one pass for both).
ExposureCounts CountAndClear(const GraphData& d, Scratch& sc, int hops) {
  ExposureCounts c;
  c.reached = static_cast<int64_t>(sc.size) - 1;
  c.per_hop.resize(hops);
  for (int h = 1; h <= hops; ++h) c.per_hop[h - 1] = sc.level_end[h] - sc.level_end[h - 1];
  const uint32_t n = d.adj_.node_count();
  if (sc.size > n / 64) {  // most of the graph: popcount of visited ∧ local, then a wholesale clear
    for (size_t w = 0; w < d.local_bits_.size(); ++w) {
      c.reached_local += __builtin_popcountll(sc.visited[w] & d.local_bits_[w]);
    }
    c.reached_local -= d.local(sc.queue[0]);
    std::fill(sc.visited.begin(), sc.visited.end(), 0);
  } else {
    c.reached_local -= d.local(sc.queue[0]);
    for (size_t i = 0; i < sc.size; ++i) {
      const uint32_t v = sc.queue[i];
      c.reached_local += d.local(v);
      sc.visited[v >> 6] = 0;  // only reached enterprises have bits set
    }
  }
  return c;
}

// The enterprises of queue[lo, hi) that `reach` selects, the `room` smallest ids, by id.
void ListLevel(const GraphData& d, Scratch& sc, uint32_t lo, uint32_t hi, int hops, Reach reach, int64_t room,
               std::vector<ReachedEnterprise>& out) {
  const uint32_t* q = sc.queue.data();
  auto selected = [&](uint32_t v) { return reach == Reach::kAll || d.local(v); };
  auto emit = [&](uint32_t v) { out.push_back({d.enterprise_id_[v], hops, d.local(v)}); };
  const uint32_t n = d.adj_.node_count();
  if (d.ids_ascending_ && static_cast<uint64_t>(hi - lo) * 1024 >= n) {
    // Index order is id order: sort through the frontier bitmap (clear between uses).
    for (uint32_t i = lo; i < hi; ++i) {
      if (selected(q[i])) internal::SetBit(sc.frontier, q[i]);
    }
    const size_t words = (static_cast<size_t>(n) + 63) / 64;
    for (size_t w = 0; w < words && room > 0; ++w) {
      for (uint64_t bits = sc.frontier[w]; bits != 0 && room > 0; bits &= bits - 1, --room) {
        emit(static_cast<uint32_t>(w * 64 + __builtin_ctzll(bits)));
      }
    }
    for (uint32_t i = lo; i < hi; ++i) sc.frontier[q[i] >> 6] = 0;
    return;
  }
  if (d.ids_ascending_) {  // sort indices; look up ids only for what is listed
    std::vector<uint32_t> level;
    for (uint32_t i = lo; i < hi; ++i) {
      if (selected(q[i])) level.push_back(q[i]);
    }
    if (static_cast<int64_t>(level.size()) > room) {
      std::nth_element(level.begin(), level.begin() + room, level.end());
      level.resize(room);
    }
    std::sort(level.begin(), level.end());
    for (uint32_t v : level) emit(v);
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
  for (const auto& [id, v] : level) emit(v);
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
  return CountAndClear(d, sc, hops);
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
  out.counts = CountAndClear(d, sc, options.hops);
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
