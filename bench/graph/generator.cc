// The data-set generator of graph_bench. Model, in the order it is drawn:
//   out-degree of each enterprise (buyers it supplies): Lomax (Pareto II) weights with shape 1.2,
//     scaled to the link count, capped at n/8 — median 1–2, a few hubs with 10⁵ buyers;
//   buyers: uniform over the other enterprises, distinct per supplier (in-degree ≈ Poisson);
//   size class from the out-degree (hubs are large), revenue and employees from the size;
//   local with probability local_share, in a county of 吉安市 (3608xx); others in another city of
//     江西, a neighbouring province or elsewhere;
//   segments: per chain 60 upstream, 80 midstream, 60 downstream, in parent groups of five, each
//     upstream/midstream segment supplying two of the next stage; a popularity weight and a local
//     propensity per segment, and 4% of segments that only outside firms join (breakpoints);
//   memberships: 35% of enterprises (90% of the largest suppliers) join one segment, 15% of those a
//     second; a local large firm is a segment's chain master if it has none yet.
#include "generator.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace lz::bench {
namespace {

using engines::graph::Chain;
using engines::graph::Enterprise;
using engines::graph::MemberRole;
using engines::graph::Membership;
using engines::graph::Segment;
using engines::graph::SegmentLink;
using engines::graph::SizeClass;
using engines::graph::Snapshot;
using engines::graph::Stage;
using engines::graph::SupplyLink;

// xoshiro256** seeded by splitmix64: fast, and the same numbers everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& s : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64); }
  int64_t Between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1))); }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

constexpr const char* kLocalCounties[] = {"360802", "360803", "360821", "360822", "360823", "360824", "360825",
                                          "360826", "360827", "360828", "360829", "360830", "360881"};
constexpr const char* kProvinceCities[] = {"360102", "360202", "360302", "360402", "360502",
                                           "360602", "360702", "360902", "361002", "361102"};
constexpr const char* kNeighbourCities[] = {"330106", "340104", "350102", "420106", "430104", "440106", "440305"};
constexpr const char* kElsewhere[] = {"110105", "310115", "320106", "370102", "410105", "500103", "510104",
                                      "610113", "120101"};

template <size_t N>
const char* PickOf(Rng& rng, const char* const (&list)[N]) {
  return list[rng.Below(N)];
}

// Index of the weight a uniform draw falls on, given cumulative weights.
size_t Draw(Rng& rng, const std::vector<double>& cumulative) {
  double x = rng.Uniform() * cumulative.back();
  size_t i = std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin();
  return std::min(i, cumulative.size() - 1);
}

}  // namespace

Snapshot Generate(const GeneratorOptions& o) {
  Rng rng(o.seed);
  Snapshot snap;
  const int64_t n = o.enterprises;

  // ---- Out-degrees. ----
  const int64_t cap = std::max<int64_t>(1, std::min(n / 8, n - 1));
  std::vector<uint32_t> degree(n);
  {
    std::vector<double> weight(n);
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) {
      double u = 1.0 - rng.Uniform();  // (0, 1]
      weight[i] = std::pow(u, -1.0 / 1.2) - 1.0;
      sum += weight[i];
    }
    const double scale = static_cast<double>(o.links) / sum;
    int64_t total = 0;
    for (int64_t i = 0; i < n; ++i) {
      double d = std::floor(weight[i] * scale + rng.Uniform());
      degree[i] = static_cast<uint32_t>(std::min<double>(d, static_cast<double>(cap)));
      total += degree[i];
    }
    while (total < o.links) {
      int64_t i = static_cast<int64_t>(rng.Below(n));
      if (degree[i] < cap) ++degree[i], ++total;
    }
    while (total > o.links) {
      int64_t i = static_cast<int64_t>(rng.Below(n));
      if (degree[i] > 0) --degree[i], --total;
    }
  }

  // ---- Enterprises. ----
  snap.enterprises.resize(n);
  for (int64_t i = 0; i < n; ++i) {
    Enterprise& e = snap.enterprises[i];
    e.id = EnterpriseId(i);
    e.local = rng.Uniform() < o.local_share;
    if (e.local) {
      e.region_code = PickOf(rng, kLocalCounties);
    } else {
      double r = rng.Uniform();
      e.region_code = r < 0.25 ? PickOf(rng, kProvinceCities) : r < 0.55 ? PickOf(rng, kNeighbourCities)
                                                                          : PickOf(rng, kElsewhere);
    }
    const uint32_t d = degree[i];
    double r = rng.Uniform();
    if (d >= 2000 || r < 0.005) {
      e.size = SizeClass::kLarge;
    } else if (d >= 200 || r < 0.05) {
      e.size = SizeClass::kMedium;
    } else if (d >= 20 || r < 0.4) {
      e.size = SizeClass::kSmall;
    } else {
      e.size = SizeClass::kMicro;
    }
    static constexpr int64_t kRevenue[][2] = {{100'000, 5'000'000}, {5'000'000, 50'000'000},
                                              {50'000'000, 400'000'000}, {400'000'000, 50'000'000'000}};
    static constexpr int32_t kEmployees[][2] = {{1, 10}, {10, 100}, {100, 1000}, {1000, 50000}};
    const int s = static_cast<int>(e.size);
    e.revenue = rng.Between(kRevenue[s][0], kRevenue[s][1]);
    e.employees = static_cast<int32_t>(rng.Between(kEmployees[s][0], kEmployees[s][1]));
  }

  // ---- Supply links: distinct uniform buyers per supplier, then shuffled. ----
  snap.supply_links.resize(o.links);
  {
    std::vector<uint32_t> mark(n, 0);  // mark[b] == s + 1: b already buys from s
    int64_t at = 0;
    for (int64_t s = 0; s < n; ++s) {
      for (uint32_t k = 0; k < degree[s]; ++k) {
        int64_t b;
        do {
          b = static_cast<int64_t>(rng.Below(n));
        } while (b == s || mark[b] == static_cast<uint32_t>(s + 1));
        mark[b] = static_cast<uint32_t>(s + 1);
        // Volume: heavier for bigger suppliers, yuan per year.
        int64_t volume = rng.Between(10'000, 1'000'000) * (1 + static_cast<int64_t>(snap.enterprises[s].size));
        snap.supply_links[at++] = SupplyLink{EnterpriseId(s), EnterpriseId(b), volume};
      }
    }
    for (int64_t i = o.links - 1; i > 0; --i) {
      std::swap(snap.supply_links[i], snap.supply_links[rng.Below(static_cast<uint64_t>(i + 1))]);
    }
  }

  // ---- Chains, segments, segment links. ----
  std::vector<double> local_cumulative, outside_cumulative;
  const int per = o.segments_per_chain;
  const int upstream_end = per * 3 / 10, midstream_end = per * 7 / 10;
  double local_sum = 0, outside_sum = 0;
  for (int c = 1; c <= o.chains; ++c) {
    snap.chains.push_back(Chain{c, "chain-" + std::to_string(c)});
    for (int k = 1; k <= per; ++k) {
      Segment seg;
      seg.id = c * 1000 + k;
      seg.chain_id = c;
      seg.stage = k <= upstream_end ? Stage::kUpstream : k <= midstream_end ? Stage::kMidstream : Stage::kDownstream;
      int group_head = k - (k - 1) % 5;
      bool crosses_stage = (group_head <= upstream_end) != (k <= upstream_end) ||
                           (group_head <= midstream_end) != (k <= midstream_end);
      if (group_head != k && !crosses_stage) seg.parent_id = c * 1000 + group_head;
      seg.name = "segment-" + std::to_string(seg.id);
      snap.segments.push_back(seg);
      const double popularity = std::pow(1.0 - rng.Uniform(), -1.0 / 1.5);
      const double propensity = 0.1 + 0.7 * rng.Uniform();
      const bool gap = rng.Uniform() < 0.04;
      local_sum += gap ? 0 : popularity * propensity;
      outside_sum += popularity * (1 - propensity);
      local_cumulative.push_back(local_sum);
      outside_cumulative.push_back(outside_sum);
    }
    for (int k = 1; k <= midstream_end; ++k) {
      const int lo = k <= upstream_end ? upstream_end + 1 : midstream_end + 1;
      const int hi = k <= upstream_end ? midstream_end : per;
      if (lo > hi) continue;
      int64_t first = c * 1000 + rng.Between(lo, hi), second = c * 1000 + rng.Between(lo, hi);
      snap.segment_links.push_back(SegmentLink{c * 1000 + k, first});
      if (second != first) snap.segment_links.push_back(SegmentLink{c * 1000 + k, second});
    }
  }

  // ---- Memberships. ----
  if (!snap.segments.empty()) {
    std::vector<bool> has_master(snap.segments.size(), false);
    for (int64_t i = 0; i < n; ++i) {
      const Enterprise& e = snap.enterprises[i];
      const double join = degree[i] >= 2000 ? 0.9 : 0.35;
      if (rng.Uniform() >= join) continue;
      const int count = rng.Uniform() < 0.15 ? 2 : 1;
      size_t previous = SIZE_MAX;
      for (int k = 0; k < count; ++k) {
        size_t s = Draw(rng, e.local ? local_cumulative : outside_cumulative);
        if (s == previous) break;
        previous = s;
        MemberRole role = MemberRole::kMember;
        if (e.local && e.size == SizeClass::kLarge && !has_master[s]) {
          role = MemberRole::kChainMaster;
          has_master[s] = true;
        } else if (e.size >= SizeClass::kMedium && rng.Uniform() < 0.1) {
          role = MemberRole::kKey;
        }
        snap.memberships.push_back(Membership{e.id, snap.segments[s].id, role});
      }
    }
  }
  return snap;
}

}  // namespace lz::bench
