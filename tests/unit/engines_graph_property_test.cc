// Property tests of engines/graph: random update sequences (fixed seeds) applied to an engine and
// to a plain model of the rows; after each batch every analysis of the engine must equal the same
// analysis of an engine built fresh from the model's snapshot. Also a smoke test of readers running
// while a writer applies updates.
#include "engines/graph/analysis.h"
#include "engines/graph/chain_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lz::engines::graph {
namespace {

// The rows as the database would hold them, with the engine's cascade rules.
struct Model {
  std::map<int64_t, Chain> chains;
  std::map<int64_t, Segment> segments;
  std::set<std::pair<int64_t, int64_t>> segment_links;
  std::map<int64_t, Enterprise> enterprises;
  std::map<std::pair<int64_t, int64_t>, MemberRole> memberships;  // (enterprise, segment)
  std::map<std::pair<int64_t, int64_t>, int64_t> supply_links;    // (supplier, buyer)

  Snapshot ToSnapshot() const {
    Snapshot s;
    for (const auto& [id, c] : chains) s.chains.push_back(c);
    for (const auto& [id, seg] : segments) s.segments.push_back(seg);
    for (const auto& [from, to] : segment_links) s.segment_links.push_back({from, to});
    for (const auto& [id, e] : enterprises) s.enterprises.push_back(e);
    for (const auto& [key, role] : memberships) s.memberships.push_back({key.first, key.second, role});
    for (const auto& [key, volume] : supply_links) s.supply_links.push_back({key.first, key.second, volume});
    return s;
  }

  void RemoveEnterprise(int64_t id) {
    enterprises.erase(id);
    std::erase_if(supply_links, [&](const auto& kv) { return kv.first.first == id || kv.first.second == id; });
    std::erase_if(memberships, [&](const auto& kv) { return kv.first.first == id; });
  }
  void RemoveSegment(int64_t id) {
    segments.erase(id);
    std::erase_if(memberships, [&](const auto& kv) { return kv.first.second == id; });
    std::erase_if(segment_links, [&](const auto& l) { return l.first == id || l.second == id; });
    for (auto& [sid, seg] : segments) {
      if (seg.parent_id == id) seg.parent_id.reset();
    }
  }
  void RemoveChain(int64_t id) {
    chains.erase(id);
    std::vector<int64_t> doomed;
    for (const auto& [sid, seg] : segments) {
      if (seg.chain_id == id) doomed.push_back(sid);
    }
    for (int64_t sid : doomed) RemoveSegment(sid);
  }
};

// Every analysis of a graph, rendered as text so that two engines compare as strings.
std::string Describe(const ChainGraph& g, const Model& m) {
  std::ostringstream out;
  GapOptions gap{0.4};
  auto summaries = Summaries(g, gap);
  for (const ChainSummary& s : *summaries) {
    out << "chain " << s.chain_id << " " << s.name << " seg=" << s.segment_count
        << " local=" << s.local_enterprise_count << " rev=" << s.local_revenue << " bp=" << s.breakpoint_count << " leak=" << s.leak_count
        << " c=" << s.completeness.overall.covered_count;
    for (const Coverage& c : s.completeness.by_stage) out << "/" << c.segment_count << ":" << c.covered_count;
    out << "\n";
    ChainGaps gaps = *Gaps(g, s.chain_id, gap);
    for (int64_t b : gaps.breakpoints) out << " bp " << b;
    for (const Leak& l : gaps.leaks) {
      out << " leak " << l.segment_id << ":" << l.supply.total_volume << ":" << l.supply.outside_volume;
    }
    out << "\n";
    auto strengths = ChainStrengths(g, s.chain_id, gap);
    for (const SegmentStrength& st : *strengths) {
      out << " seg " << st.segment_id << " stage=" << static_cast<int>(st.stage) << " n=" << st.member_count
          << " local=" << st.local_member_count << " rev=" << st.local_revenue << " emp=" << st.local_employees
          << " cm=" << st.has_chain_master << " tot=" << st.supply.total_volume
          << " out=" << st.supply.outside_volume << " health=" << HealthName(st.health) << "\n";
      SegmentView v = *ViewSegment(g, st.segment_id, gap);
      out << "  parent=" << v.segment.parent_id.value_or(-1) << " name=" << v.segment.name << " members";
      for (const SegmentMember& mem : v.members) out << " " << mem.enterprise_id << "/" << static_cast<int>(mem.role);
      out << " from";
      for (int64_t id : v.supplied_by) out << " " << id;
      out << " to";
      for (int64_t id : v.supplies_to) out << " " << id;
      out << "\n";
      RecommendOptions ro;
      ro.home_region = "3608";
      ro.limit = 5;
      auto candidates = RecommendTargets(g, st.segment_id, ro);
      for (const Candidate& c : *candidates) {
        out << "  cand " << c.enterprise_id << " " << c.score;
        for (const Reason& r : c.reasons) out << " r" << static_cast<int>(r.code) << ":" << r.count << ":" << r.volume;
        out << "\n";
      }
    }
  }
  for (const auto& [id, e] : m.enterprises) {
    for (Direction dir : {Direction::kDownstream, Direction::kUpstream}) {
      ExposureOptions eo;
      eo.direction = dir;
      eo.hops = 3;
      eo.reach = Reach::kAll;
      Exposure x = *ExposureOf(g, id, eo);
      out << "x " << id << " " << static_cast<int>(dir) << " " << x.counts.reached << "/" << x.counts.reached_local;
      for (int64_t h : x.counts.per_hop) out << "," << h;
      for (const ReachedEnterprise& r : x.enterprises) out << " " << r.enterprise_id << "@" << r.hops;
      ExposureCounts c = *CountExposure(g, id, dir, 2);
      out << " c2=" << c.reached << "\n";
    }
  }
  GraphStats st = g.Stats();
  out << "stats " << st.chain_count << " " << st.segment_count << " " << st.enterprise_count << " "
      << st.membership_count << " " << st.supply_link_count << "\n";
  return out.str();
}

class Fuzzer {
 public:
  explicit Fuzzer(uint32_t seed) : rng_(seed) {}

  int64_t Pick(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  Enterprise RandomEnterprise(int64_t id) {
    static const char* kRegions[] = {"3608", "360802", "360100", "36", "440300", "110000", "330100", "3608210"};
    Enterprise e;
    e.id = id;
    e.region_code = kRegions[Pick(0, 7)];
    e.local = Chance(0.5);
    e.size = static_cast<SizeClass>(Pick(0, 3));
    e.revenue = Pick(0, 1000);
    e.employees = static_cast<int32_t>(Pick(0, 100));
    return e;
  }

  // One random update, applied to both; checks the engine accepts exactly what the model does.
  void Step(ChainGraph& g, Model& m) {
    const int64_t kEnterprises = 24, kSegments = 14, kChains = 3;
    switch (Pick(0, 11)) {
      case 0: {  // upsert enterprise
        Enterprise e = RandomEnterprise(Pick(1, kEnterprises));
        ASSERT_TRUE(g.UpsertEnterprise(e).ok());
        m.enterprises[e.id] = e;
        break;
      }
      case 1: {  // remove enterprise
        int64_t id = Pick(1, kEnterprises);
        Status s = g.RemoveEnterprise(id);
        ASSERT_EQ(s.ok(), m.enterprises.count(id) == 1) << s.ToString();
        if (s.ok()) m.RemoveEnterprise(id);
        break;
      }
      case 2:
      case 3:
      case 4: {  // upsert supply link (often), sometimes a self link
        SupplyLink l{Pick(1, kEnterprises), Pick(1, kEnterprises), Pick(0, 500)};
        Status s = g.UpsertSupplyLink(l);
        bool valid = l.supplier_id != l.buyer_id && m.enterprises.count(l.supplier_id) && m.enterprises.count(l.buyer_id);
        ASSERT_EQ(s.ok(), valid) << s.ToString();
        if (valid) m.supply_links[{l.supplier_id, l.buyer_id}] = l.volume;
        break;
      }
      case 5: {  // remove supply link: an existing one when there is one
        std::pair<int64_t, int64_t> key{Pick(1, kEnterprises), Pick(1, kEnterprises)};
        if (!m.supply_links.empty() && Chance(0.8)) {
          auto it = m.supply_links.begin();
          std::advance(it, Pick(0, static_cast<int64_t>(m.supply_links.size()) - 1));
          key = it->first;
        }
        Status s = g.RemoveSupplyLink(key.first, key.second);
        ASSERT_EQ(s.ok(), m.supply_links.count(key) == 1) << s.ToString();
        m.supply_links.erase(key);
        break;
      }
      case 6: {  // upsert membership
        Membership ms{Pick(1, kEnterprises), Pick(1, kSegments), static_cast<MemberRole>(Pick(0, 2))};
        Status s = g.UpsertMembership(ms);
        bool valid = m.enterprises.count(ms.enterprise_id) && m.segments.count(ms.segment_id);
        ASSERT_EQ(s.ok(), valid) << s.ToString();
        if (valid) m.memberships[{ms.enterprise_id, ms.segment_id}] = ms.role;
        break;
      }
      case 7: {  // remove membership
        std::pair<int64_t, int64_t> key{Pick(1, kEnterprises), Pick(1, kSegments)};
        if (!m.memberships.empty() && Chance(0.8)) {
          auto it = m.memberships.begin();
          std::advance(it, Pick(0, static_cast<int64_t>(m.memberships.size()) - 1));
          key = it->first;
        }
        Status s = g.RemoveMembership(key.first, key.second);
        ASSERT_EQ(s.ok(), m.memberships.count(key) == 1) << s.ToString();
        m.memberships.erase(key);
        break;
      }
      case 8: {  // upsert segment: parent has a smaller id (no cycles), same chain
        Segment seg{Pick(1, kSegments), Pick(1, kChains), static_cast<Stage>(Pick(0, 2)), std::nullopt,
                    "s" + std::to_string(Pick(0, 9))};
        auto existing = m.segments.find(seg.id);
        if (existing != m.segments.end()) seg.chain_id = existing->second.chain_id;
        if (Chance(0.4)) {
          int64_t p = Pick(1, kSegments);
          if (p < seg.id && m.segments.count(p) && m.segments[p].chain_id == seg.chain_id) seg.parent_id = p;
        }
        Status s = g.UpsertSegment(seg);
        ASSERT_EQ(s.ok(), m.chains.count(seg.chain_id) == 1) << s.ToString();
        if (s.ok()) m.segments[seg.id] = seg;
        break;
      }
      case 9: {  // segment link add / remove
        std::pair<int64_t, int64_t> key{Pick(1, kSegments), Pick(1, kSegments)};
        if (Chance(0.5)) {
          Status s = g.AddSegmentLink({key.first, key.second});
          bool valid = key.first != key.second && m.segments.count(key.first) && m.segments.count(key.second) &&
                       m.segments[key.first].chain_id == m.segments[key.second].chain_id;
          ASSERT_EQ(s.ok(), valid) << s.ToString();
          if (valid) m.segment_links.insert(key);
        } else {
          Status s = g.RemoveSegmentLink({key.first, key.second});
          ASSERT_EQ(s.ok(), m.segment_links.count(key) == 1) << s.ToString();
          m.segment_links.erase(key);
        }
        break;
      }
      case 10: {  // remove segment (rarely) or chain (more rarely), else upsert a chain
        if (Chance(0.5)) {
          int64_t id = Pick(1, kSegments);
          Status s = g.RemoveSegment(id);
          ASSERT_EQ(s.ok(), m.segments.count(id) == 1);
          if (s.ok()) m.RemoveSegment(id);
        } else if (Chance(0.3)) {
          int64_t id = Pick(1, kChains);
          Status s = g.RemoveChain(id);
          ASSERT_EQ(s.ok(), m.chains.count(id) == 1);
          if (s.ok()) m.RemoveChain(id);
        } else {
          Chain c{Pick(1, kChains), "chain" + std::to_string(Pick(0, 9))};
          ASSERT_TRUE(g.UpsertChain(c).ok());
          m.chains[c.id] = c;
        }
        break;
      }
      case 11:  // compaction at a random moment
        g.Compact();
        break;
    }
  }

 private:
  std::mt19937 rng_;
};

Model Seed(Fuzzer& f) {
  Model m;
  for (int64_t c = 1; c <= 3; ++c) m.chains[c] = {c, "chain" + std::to_string(c)};
  for (int64_t s = 1; s <= 10; ++s) {
    m.segments[s] = {s, 1 + s % 3, static_cast<Stage>(s % 3), std::nullopt, "seg" + std::to_string(s)};
  }
  for (int64_t e = 1; e <= 20; ++e) m.enterprises[e] = f.RandomEnterprise(e);
  for (int i = 0; i < 40; ++i) {
    int64_t a = f.Pick(1, 20), b = f.Pick(1, 20);
    if (a != b) m.supply_links[{a, b}] = f.Pick(0, 500);
  }
  for (int i = 0; i < 25; ++i) m.memberships[{f.Pick(1, 20), f.Pick(1, 10)}] = static_cast<MemberRole>(f.Pick(0, 2));
  return m;
}

TEST(ChainGraphProperty, IncrementalUpdatesEqualAFreshBuild) {
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Fuzzer f(seed);
    Model m = Seed(f);
    auto built = ChainGraph::Build(m.ToSnapshot());
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    ChainGraph& g = **built;
    for (int batch = 0; batch < 8; ++batch) {
      for (int step = 0; step < 25; ++step) {
        f.Step(g, m);
        if (testing::Test::HasFatalFailure()) return;
      }
      auto fresh = ChainGraph::Build(m.ToSnapshot());
      ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
      ASSERT_EQ(Describe(g, m), Describe(**fresh, m)) << "after batch " << batch;
    }
  }
}

TEST(ChainGraphProperty, ALoaderFedInChunksEqualsABuild) {
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Fuzzer f(seed);
    Model m = Seed(f);
    const Snapshot snap = m.ToSnapshot();
    auto built = ChainGraph::Build(snap);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    auto loader = ChainGraphLoader::Start(snap);
    ASSERT_TRUE(loader.ok()) << loader.status().ToString();
    std::mt19937 rng(seed);
    for (size_t at = 0; at < snap.supply_links.size();) {
      const size_t end = std::min(snap.supply_links.size(), at + 1 + rng() % 7);
      ASSERT_TRUE((*loader)->AddLinks({snap.supply_links.begin() + static_cast<ptrdiff_t>(at),
                                       snap.supply_links.begin() + static_cast<ptrdiff_t>(end)})
                      .ok());
      at = end;
    }
    auto loaded = (*loader)->Finish();
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_EQ(Describe(**loaded, m), Describe(**built, m));
  }
}

// A plain breadth-first search over the model's links, for comparison: per-hop counts, the local
// count and every reached enterprise as (hops, id), sorted.
struct Reached {
  std::vector<int64_t> per_hop;
  int64_t local = 0;
  std::vector<std::pair<int32_t, int64_t>> listing;
};

class Reference {
 public:
  Reference(const Model& m, Direction direction) {
    for (const auto& [id, e] : m.enterprises) {
      index_[id] = static_cast<uint32_t>(ids_.size());
      ids_.push_back(id);
      local_.push_back(e.local);
    }
    next_.resize(ids_.size());
    for (const auto& [key, volume] : m.supply_links) {
      const uint32_t s = index_.at(key.first), b = index_.at(key.second);
      if (direction == Direction::kDownstream) {
        next_[s].push_back(b);
      } else {
        next_[b].push_back(s);
      }
    }
  }

  Reached Search(int64_t start, int hops) const {
    Reached r;
    std::vector<int> dist(ids_.size(), -1);
    std::vector<uint32_t> frontier{index_.at(start)};
    dist[frontier[0]] = 0;
    for (int h = 1; h <= hops; ++h) {
      std::vector<uint32_t> found;
      for (uint32_t v : frontier) {
        for (uint32_t u : next_[v]) {
          if (dist[u] >= 0) continue;
          dist[u] = h;
          found.push_back(u);
          r.local += local_[u];
          r.listing.push_back({h, ids_[u]});
        }
      }
      r.per_hop.push_back(static_cast<int64_t>(found.size()));
      frontier = std::move(found);
    }
    std::sort(r.listing.begin(), r.listing.end());
    return r;
  }
  bool local(int64_t id) const { return local_[index_.at(id)]; }

 private:
  std::unordered_map<int64_t, uint32_t> index_;
  std::vector<int64_t> ids_;
  std::vector<bool> local_;
  std::vector<std::vector<uint32_t>> next_;
};

// Big enough for the bottom-up steps and the large top-down steps (a hub with 10,000 buyers, a
// buyer with 8,000 suppliers, a supplier with 4,500 buyers) and for every way of listing a level
// (bitmap, radix sort, std::sort, partial selection; a supplier with 600 buyers), with
// tombstones and overlay links from updates, enterprises added after the build (at the end of the
// index order) and local flags changed, before and after compaction, then with an id smaller than
// all others (index order no longer id order).
TEST(ChainGraphProperty, ExposureMatchesAPlainSearchOnALargerGraph) {
  std::mt19937 rng(7);
  const int64_t kN = 20000;
  auto id_of = [](int64_t i) { return 100 + 3 * i; };
  Model m;
  for (int64_t i = 0; i < kN; ++i) {
    m.enterprises[id_of(i)] = {id_of(i), "3608", i % 3 == 0, SizeClass::kSmall, 0, 0};
  }
  std::uniform_int_distribution<int64_t> any(0, kN - 1);
  for (int64_t i = 1; i <= 10000; ++i) m.supply_links[{id_of(0), id_of(i)}] = 1;           // hub
  for (int64_t i = 1; i <= 8000; ++i) m.supply_links[{id_of(kN - i - 1), id_of(kN - 1)}] = 1;  // big buyer
  for (int64_t i = 3000; i < 3600; ++i) m.supply_links[{id_of(2), id_of(i)}] = 1;   // levels sorted by radix
  for (int64_t i = 12000; i < 16500; ++i) m.supply_links[{id_of(4), id_of(i)}] = 1;  // a large top-down step
  for (int64_t i = 0; i < kN; ++i) {
    for (int k = 0; k < 5; ++k) {
      int64_t j = any(rng);
      if (j != i) m.supply_links[{id_of(i), id_of(j)}] = 1;
    }
  }
  auto built = ChainGraph::Build(m.ToSnapshot());
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  ChainGraph& g = **built;
  // Updates: remove 3,000 links (tombstones), add 3,000 (overlay).
  for (int k = 0; k < 3000; ++k) {
    auto it = m.supply_links.begin();
    std::advance(it, std::uniform_int_distribution<size_t>(0, m.supply_links.size() - 1)(rng));
    ASSERT_TRUE(g.RemoveSupplyLink(it->first.first, it->first.second).ok());
    m.supply_links.erase(it);
    int64_t a = any(rng), b = any(rng);
    if (k % 10 == 0) a = 0;
    if (a == b) continue;
    ASSERT_TRUE(g.UpsertSupplyLink({id_of(a), id_of(b), 2}).ok());
    m.supply_links[{id_of(a), id_of(b)}] = 2;
  }
  // 40 enterprises added after the build, each linked both ways; 200 local flags flipped.
  for (int64_t i = kN; i < kN + 40; ++i) {
    Enterprise e{id_of(i), "3608", i % 2 == 0, SizeClass::kSmall, 0, 0};
    ASSERT_TRUE(g.UpsertEnterprise(e).ok());
    m.enterprises[e.id] = e;
    for (int k = 0; k < 3; ++k) {
      const int64_t other = id_of(k == 0 ? 0 : any(rng));
      ASSERT_TRUE(g.UpsertSupplyLink({other, e.id, 3}).ok());
      m.supply_links[{other, e.id}] = 3;
      const int64_t buyer = id_of(any(rng));
      ASSERT_TRUE(g.UpsertSupplyLink({e.id, buyer, 3}).ok());
      m.supply_links[{e.id, buyer}] = 3;
    }
  }
  for (int k = 0; k < 200; ++k) {
    Enterprise& e = m.enterprises[id_of(any(rng))];
    e.local = !e.local;
    ASSERT_TRUE(g.UpsertEnterprise(e).ok());
  }
  std::vector<int64_t> starts = {id_of(0), id_of(kN - 1), id_of(1), id_of(2), id_of(4), id_of(kN + 3)};
  for (int k = 0; k < 30; ++k) starts.push_back(id_of(any(rng)));
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    if (round == 2) {  // an id below all others: listings can no longer go by index order
      Enterprise e{1, "3608", true, SizeClass::kSmall, 0, 0};
      ASSERT_TRUE(g.UpsertEnterprise(e).ok());
      m.enterprises[1] = e;
      ASSERT_TRUE(g.UpsertSupplyLink({id_of(0), 1, 4}).ok());
      m.supply_links[{id_of(0), 1}] = 4;
      ASSERT_TRUE(g.UpsertSupplyLink({1, id_of(kN - 1), 4}).ok());
      m.supply_links[{1, id_of(kN - 1)}] = 4;
      starts.push_back(1);
    }
    const Reference down(m, Direction::kDownstream), up(m, Direction::kUpstream);
    for (int64_t start : starts) {
      for (int hops = 1; hops <= 4; ++hops) {
        for (Direction dir : {Direction::kDownstream, Direction::kUpstream}) {
          const Reached want = (dir == Direction::kDownstream ? down : up).Search(start, hops);
          auto c = CountExposure(g, start, dir, hops);
          ASSERT_TRUE(c.ok());
          EXPECT_EQ(c->per_hop, want.per_hop) << start << " " << static_cast<int>(dir) << " " << hops;
          EXPECT_EQ(c->reached, static_cast<int64_t>(want.listing.size())) << start;
          EXPECT_EQ(c->reached_local, want.local) << start << " " << static_cast<int>(dir) << " " << hops;
        }
      }
      for (Direction dir : {Direction::kDownstream, Direction::kUpstream}) {
        const int hops = dir == Direction::kDownstream ? 3 : 2;
        const Reached want = (dir == Direction::kDownstream ? down : up).Search(start, hops);
        std::vector<std::pair<int32_t, int64_t>> want_local;
        for (const auto& r : want.listing) {
          if ((dir == Direction::kDownstream ? down : up).local(r.second)) want_local.push_back(r);
        }
        for (Reach reach : {Reach::kAll, Reach::kLocalOnly}) {
          const auto& full = reach == Reach::kAll ? want.listing : want_local;
          for (int64_t limit : {INT64_MAX, int64_t{0}, int64_t{7}, int64_t{300}, int64_t{2000}}) {
            ExposureOptions options;
            options.direction = dir;
            options.hops = hops;
            options.reach = reach;
            options.limit = limit;
            auto listed = ExposureOf(g, start, options);
            ASSERT_TRUE(listed.ok());
            EXPECT_EQ(listed->counts.reached_local, want.local);
            std::vector<std::pair<int32_t, int64_t>> got;
            for (const ReachedEnterprise& r : listed->enterprises) {
              got.push_back({r.hops, r.enterprise_id});
              EXPECT_EQ(r.local, (dir == Direction::kDownstream ? down : up).local(r.enterprise_id));
            }
            std::vector<std::pair<int32_t, int64_t>> expected = full;
            if (static_cast<int64_t>(expected.size()) > limit) expected.resize(limit);
            EXPECT_EQ(got, expected) << start << " " << static_cast<int>(dir) << " " << static_cast<int>(reach)
                                     << " limit " << limit;
          }
        }
      }
    }
    g.Compact();
  }
}

TEST(ChainGraphProperty, ReadersSeeConsistentStatesWhileAWriterUpdates) {
  Fuzzer f(99);
  Model m = Seed(f);
  auto built = ChainGraph::Build(m.ToSnapshot());
  ASSERT_TRUE(built.ok());
  ChainGraph& g = **built;
  std::atomic<bool> done{false};
  std::atomic<int64_t> reads{0};
  std::thread reader([&] {
    while (!done.load()) {
      for (int64_t id = 1; id <= 20; ++id) {
        auto c = CountExposure(g, id, Direction::kDownstream, 3);
        if (c.ok()) {
          int64_t sum = 0;
          for (int64_t h : c->per_hop) sum += h;
          EXPECT_EQ(sum, c->reached);
        }
      }
      auto sums = Summaries(g);
      EXPECT_TRUE(sums.ok());
      reads.fetch_add(1);
    }
  });
  // Keep writing until the reader has run a while alongside (bounded, in case it never gets to).
  for (int step = 0; step < 2000 || (reads.load() < 20 && step < 2'000'000); ++step) {
    f.Step(g, m);
    if (testing::Test::HasFatalFailure()) break;
  }
  done.store(true);
  reader.join();
  EXPECT_GT(reads.load(), 0);
}

}  // namespace
}  // namespace lz::engines::graph
