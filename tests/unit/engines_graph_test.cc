// Tests of engines/graph: every analysis on small graphs whose figures are worked out by hand in
// the comments, the update calls, and the errors (self links, unknown ids, bounds, bad snapshots);
// also the chunked frontier expansion of the adjacency against its per-node form.
#include "engines/graph/analysis.h"
#include "engines/graph/chain_graph.h"
#include "engines/graph/internal/adjacency.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <random>
#include <utility>
#include <vector>

namespace lz::engines::graph {
namespace {

// Chain 1 (电子信息), home region 3608 (吉安市):
//   upstream   10 glue       members 4, 5                (no local member: breakpoint)
//   upstream   11 brackets   member 2 (key)              (one local member: weak)
//   midstream  20 packaging  1 (chain master), 3, 6
//   downstream 30 display    1, 2                        (enterprise 1 is in two segments)
//   downstream 31 lighting   8, 6 (key); parent 30       (no local member: breakpoint)
// Chain 2 has no segments. Enterprise 7 is local and isolated.
// Supply links (supplier → buyer: volume): 4→1 600, 5→1 400, 5→8 1000, 2→1 300, 6→3 900,
// 3→1 100, 1→6 5000, 8→2 50.
Snapshot Sample() {
  Snapshot s;
  s.chains = {{1, "电子信息"}, {2, "空链"}};
  s.segments = {{10, 1, Stage::kUpstream, std::nullopt, "glue"},
                {11, 1, Stage::kUpstream, std::nullopt, "brackets"},
                {20, 1, Stage::kMidstream, std::nullopt, "packaging"},
                {30, 1, Stage::kDownstream, std::nullopt, "display"},
                {31, 1, Stage::kDownstream, 30, "lighting"}};
  s.segment_links = {{10, 20}, {11, 20}, {20, 30}, {20, 31}};
  s.enterprises = {{1, "360802", true, SizeClass::kLarge, 1000, 100},
                   {2, "360821", true, SizeClass::kMedium, 500, 50},
                   {3, "360822", true, SizeClass::kSmall, 100, 10},
                   {4, "360100", false, SizeClass::kLarge, 2000, 200},
                   {5, "440300", false, SizeClass::kMedium, 800, 80},
                   {6, "110000", false, SizeClass::kLarge, 9000, 900},
                   {7, "360802", true, SizeClass::kSmall, 10, 1},
                   {8, "330100", false, SizeClass::kMicro, 5, 1}};
  s.memberships = {{4, 10, MemberRole::kMember},      {5, 10, MemberRole::kMember},
                   {2, 11, MemberRole::kKey},         {1, 20, MemberRole::kChainMaster},
                   {3, 20, MemberRole::kMember},      {6, 20, MemberRole::kMember},
                   {1, 30, MemberRole::kMember},      {2, 30, MemberRole::kMember},
                   {8, 31, MemberRole::kMember},      {6, 31, MemberRole::kKey}};
  s.supply_links = {{4, 1, 600}, {5, 1, 400}, {5, 8, 1000}, {2, 1, 300},
                    {6, 3, 900}, {3, 1, 100}, {1, 6, 5000}, {8, 2, 50}};
  return s;
}

std::unique_ptr<ChainGraph> BuildOrDie(const Snapshot& s) {
  auto g = ChainGraph::Build(s);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return std::move(g).value();
}

TEST(ChainGraphCompleteness, PerChainAndPerStage) {
  auto g = BuildOrDie(Sample());
  auto c = Completeness(*g, 1);
  ASSERT_TRUE(c.ok());
  // Covered: 11, 20, 30 of 5.
  EXPECT_EQ(c->chain_id, 1);
  EXPECT_EQ(c->overall.segment_count, 5);
  EXPECT_EQ(c->overall.covered_count, 3);
  EXPECT_DOUBLE_EQ(c->overall.completeness, 0.6);
  const Coverage& up = c->by_stage[static_cast<int>(Stage::kUpstream)];
  const Coverage& mid = c->by_stage[static_cast<int>(Stage::kMidstream)];
  const Coverage& down = c->by_stage[static_cast<int>(Stage::kDownstream)];
  EXPECT_EQ(up.segment_count, 2);
  EXPECT_EQ(up.covered_count, 1);
  EXPECT_DOUBLE_EQ(up.completeness, 0.5);
  EXPECT_EQ(mid.segment_count, 1);
  EXPECT_DOUBLE_EQ(mid.completeness, 1.0);
  EXPECT_EQ(down.segment_count, 2);
  EXPECT_DOUBLE_EQ(down.completeness, 0.5);
}

TEST(ChainGraphCompleteness, ChainWithoutSegmentsIsZeroNotNaN) {
  auto g = BuildOrDie(Sample());
  auto c = Completeness(*g, 2);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->overall.segment_count, 0);
  EXPECT_EQ(c->overall.completeness, 0.0);
  for (const Coverage& stage : c->by_stage) {
    EXPECT_EQ(stage.segment_count, 0);
    EXPECT_EQ(stage.completeness, 0.0);
  }
  auto b = Breakpoints(*g, 2);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->empty());
  auto l = Leaks(*g, 2);
  ASSERT_TRUE(l.ok());
  EXPECT_TRUE(l->empty());
}

TEST(ChainGraphCompleteness, EmptyEngine) {
  ChainGraph g;
  auto all = AllGaps(g);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
  auto sums = Summaries(g);
  ASSERT_TRUE(sums.ok());
  EXPECT_TRUE(sums->empty());
  EXPECT_EQ(Completeness(g, 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(CountExposure(g, 1, Direction::kDownstream, 1).status().code(), StatusCode::kNotFound);
  GraphStats st = g.Stats();
  EXPECT_EQ(st.enterprise_count, 0);
  EXPECT_EQ(st.supply_link_count, 0);
}

TEST(ChainGraphBreakpoints, SegmentsWithoutLocalMemberByStage) {
  auto g = BuildOrDie(Sample());
  auto b = Breakpoints(*g, 1);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, (std::vector<int64_t>{10, 31}));
}

TEST(ChainGraphLeaks, OutsideShareOfSupplyIntoLocalBuyers) {
  auto g = BuildOrDie(Sample());
  // 10: 4→1 600 + 5→1 400 (5→8 has a non-local buyer): total 1000, outside 1000.
  // 11: 2→1 300 from a local supplier: total 300, outside 0.
  // 20: 3→1 100 local + 6→3 900 outside (1→6 has a non-local buyer): total 1000, outside 900.
  // 30: 2→1 300: total 300, outside 0.   31: 8→2 50 + 6→3 900: total 950, outside 950.
  auto leaks = Leaks(*g, 1);
  ASSERT_TRUE(leaks.ok());
  ASSERT_EQ(leaks->size(), 3u);
  EXPECT_EQ((*leaks)[0].segment_id, 10);
  EXPECT_EQ((*leaks)[0].stage, Stage::kUpstream);
  EXPECT_EQ((*leaks)[0].supply.total_volume, 1000);
  EXPECT_EQ((*leaks)[0].supply.outside_volume, 1000);
  EXPECT_DOUBLE_EQ((*leaks)[0].supply.outside_share, 1.0);
  EXPECT_EQ((*leaks)[1].segment_id, 20);
  EXPECT_EQ((*leaks)[1].supply.total_volume, 1000);
  EXPECT_EQ((*leaks)[1].supply.outside_volume, 900);
  EXPECT_DOUBLE_EQ((*leaks)[1].supply.outside_share, 0.9);
  EXPECT_DOUBLE_EQ((*leaks)[1].supply.local_share, 0.1);
  EXPECT_EQ((*leaks)[2].segment_id, 31);
  EXPECT_EQ((*leaks)[2].supply.total_volume, 950);

  // The threshold is a strict bound: 0.9 is not above 0.9; 1.0 is never above 1.
  auto strict = Leaks(*g, 1, GapOptions{0.9});
  ASSERT_TRUE(strict.ok());
  ASSERT_EQ(strict->size(), 2u);
  EXPECT_EQ((*strict)[0].segment_id, 10);
  EXPECT_EQ((*strict)[1].segment_id, 31);
  auto none = Leaks(*g, 1, GapOptions{1.0});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  EXPECT_EQ(Leaks(*g, 1, GapOptions{1.5}).status().field(), "leak_threshold");
  EXPECT_EQ(Leaks(*g, 1, GapOptions{NAN}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Leaks(*g, 99).status().code(), StatusCode::kNotFound);
}

TEST(ChainGraphStrength, FiguresAndHealth) {
  auto g = BuildOrDie(Sample());
  auto s20 = Strength(*g, 20);
  ASSERT_TRUE(s20.ok());
  EXPECT_EQ(s20->chain_id, 1);
  EXPECT_EQ(s20->stage, Stage::kMidstream);
  EXPECT_EQ(s20->member_count, 3);
  EXPECT_EQ(s20->local_member_count, 2);   // 1 and 3
  EXPECT_EQ(s20->local_revenue, 1100);     // 1000 + 100
  EXPECT_EQ(s20->local_employees, 110);
  EXPECT_TRUE(s20->has_chain_master);
  EXPECT_TRUE(s20->leak);
  EXPECT_DOUBLE_EQ(s20->supply.local_share, 0.1);
  EXPECT_EQ(s20->health, Health::kWeak);  // two local members, but it leaks

  auto s30 = Strength(*g, 30);
  ASSERT_TRUE(s30.ok());
  EXPECT_EQ(s30->local_member_count, 2);
  EXPECT_EQ(s30->local_revenue, 1500);
  EXPECT_FALSE(s30->has_chain_master);  // 1 is a plain member here
  EXPECT_FALSE(s30->leak);
  EXPECT_DOUBLE_EQ(s30->supply.local_share, 1.0);
  EXPECT_EQ(s30->health, Health::kStrong);

  auto s11 = Strength(*g, 11);
  ASSERT_TRUE(s11.ok());
  EXPECT_EQ(s11->health, Health::kWeak);  // a single local member
  auto s10 = Strength(*g, 10);
  ASSERT_TRUE(s10.ok());
  EXPECT_EQ(s10->health, Health::kBreakpoint);
  EXPECT_EQ(s10->local_revenue, 0);

  auto all = ChainStrengths(*g, 1);
  ASSERT_TRUE(all.ok());
  std::vector<int64_t> order;
  for (const SegmentStrength& s : *all) order.push_back(s.segment_id);
  EXPECT_EQ(order, (std::vector<int64_t>{10, 11, 20, 30, 31}));
  EXPECT_EQ(Strength(*g, 99).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(HealthName(Health::kBreakpoint), "breakpoint");
}

TEST(ChainGraphSummary, PerChain) {
  auto g = BuildOrDie(Sample());
  auto sums = Summaries(*g);
  ASSERT_TRUE(sums.ok());
  ASSERT_EQ(sums->size(), 2u);
  const ChainSummary& c1 = (*sums)[0];
  EXPECT_EQ(c1.chain_id, 1);
  EXPECT_EQ(c1.name, "电子信息");
  EXPECT_EQ(c1.segment_count, 5);
  EXPECT_EQ(c1.local_enterprise_count, 3);  // 1 (in two segments, counted once), 2, 3; 7 is in none
  EXPECT_EQ(c1.local_revenue, 1000 + 500 + 100);  // 1 counted once although in segments 20 and 30
  EXPECT_DOUBLE_EQ(c1.completeness.overall.completeness, 0.6);
  EXPECT_EQ(c1.breakpoint_count, 2);
  EXPECT_EQ(c1.leak_count, 3);
  const ChainSummary& c2 = (*sums)[1];
  EXPECT_EQ(c2.chain_id, 2);
  EXPECT_EQ(c2.segment_count, 0);
  EXPECT_EQ(c2.local_enterprise_count, 0);
  EXPECT_EQ(c2.breakpoint_count, 0);

  auto gaps = AllGaps(*g);
  ASSERT_TRUE(gaps.ok());
  ASSERT_EQ(gaps->size(), 2u);
  EXPECT_EQ((*gaps)[0].breakpoints, (std::vector<int64_t>{10, 31}));
  EXPECT_EQ((*gaps)[0].leaks.size(), 3u);
  EXPECT_TRUE((*gaps)[1].breakpoints.empty());
}

TEST(ChainGraphSegmentView, MembersRolesAndLinks) {
  auto g = BuildOrDie(Sample());
  auto v = ViewSegment(*g, 20);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->segment.name, "packaging");
  EXPECT_EQ(v->segment.chain_id, 1);
  ASSERT_EQ(v->members.size(), 3u);
  // By role, local first, id: 1 (chain master), then 3 (local member), then 6.
  EXPECT_EQ(v->members[0].enterprise_id, 1);
  EXPECT_EQ(v->members[0].role, MemberRole::kChainMaster);
  EXPECT_EQ(v->members[1].enterprise_id, 3);
  EXPECT_TRUE(v->members[1].local);
  EXPECT_EQ(v->members[2].enterprise_id, 6);
  EXPECT_FALSE(v->members[2].local);
  EXPECT_EQ(v->supplied_by, (std::vector<int64_t>{10, 11}));
  EXPECT_EQ(v->supplies_to, (std::vector<int64_t>{30, 31}));
  auto lighting = ViewSegment(*g, 31);
  ASSERT_TRUE(lighting.ok());
  EXPECT_EQ(lighting->segment.parent_id, std::optional<int64_t>(30));
  EXPECT_EQ(lighting->strength.health, Health::kBreakpoint);
}

TEST(ChainGraphRecommend, RankedWithReasons) {
  auto g = BuildOrDie(Sample());
  RecommendOptions options;
  options.home_region = "3608";
  // Segment 10: candidates 4 and 5.
  //  4: link 4→1 600 → 10·log2(2) + 4·log10(1.06); large 20; 360100 same province 15.
  //  5: link 5→1 400 → 10 + 4·log10(1.04); medium 12; 440300 neighbour 10.
  auto r = RecommendTargets(*g, 10, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].enterprise_id, 4);
  EXPECT_NEAR((*r)[0].score, 10 + 4 * std::log10(1.06) + 20 + 15, 1e-9);
  ASSERT_EQ((*r)[0].reasons.size(), 3u);
  EXPECT_EQ((*r)[0].reasons[0].code, ReasonCode::kLinksWithLocal);
  EXPECT_EQ((*r)[0].reasons[0].count, 1);
  EXPECT_EQ((*r)[0].reasons[0].volume, 600);
  EXPECT_EQ((*r)[0].reasons[1].code, ReasonCode::kSize);
  EXPECT_EQ((*r)[0].reasons[1].size, SizeClass::kLarge);
  EXPECT_EQ((*r)[0].reasons[2].code, ReasonCode::kSameProvince);
  EXPECT_EQ((*r)[1].enterprise_id, 5);
  EXPECT_NEAR((*r)[1].score, 10 + 4 * std::log10(1.04) + 12 + 10, 1e-9);
  EXPECT_EQ((*r)[1].reasons[2].code, ReasonCode::kNeighbourProvince);

  // Segment 31: 6 holds 6→3 900 and 1→6 5000 (both directions count): 2 links, 5900;
  // large, Beijing (no region reason). 8: 8→2 50 (5→8 is with a non-local supplier); micro; 浙江.
  auto r31 = RecommendTargets(*g, 31, options);
  ASSERT_TRUE(r31.ok());
  ASSERT_EQ(r31->size(), 2u);
  EXPECT_EQ((*r31)[0].enterprise_id, 6);
  EXPECT_EQ((*r31)[0].reasons[0].count, 2);
  EXPECT_EQ((*r31)[0].reasons[0].volume, 5900);
  EXPECT_NEAR((*r31)[0].score, 10 * std::log2(3.0) + 4 * std::log10(1.59) + 20, 1e-9);
  EXPECT_EQ((*r31)[0].reasons.size(), 2u);
  EXPECT_EQ((*r31)[1].enterprise_id, 8);
  EXPECT_NEAR((*r31)[1].score, 10 + 4 * std::log10(1.005) + 2 + 10, 1e-9);

  options.limit = 1;
  auto top = RecommendTargets(*g, 31, options);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->size(), 1u);
  EXPECT_EQ((*top)[0].enterprise_id, 6);

  // Segment 30 has only local members: nobody to recommend.
  auto r30 = RecommendTargets(*g, 30, options);
  ASSERT_TRUE(r30.ok());
  EXPECT_TRUE(r30->empty());
}

TEST(ChainGraphRecommend, SameCityTiesByIdAndBadOptions) {
  Snapshot s;
  s.chains = {{1, "c"}};
  s.segments = {{1, 1, Stage::kUpstream, std::nullopt, "s"}};
  // Three identical outsiders, two in the home city 3608 itself (local means "in the zone" here).
  s.enterprises = {{30, "360803", false, SizeClass::kSmall, 1, 1},
                   {10, "360802", false, SizeClass::kSmall, 1, 1},
                   {20, "360802", false, SizeClass::kSmall, 1, 1}};
  s.memberships = {{30, 1, MemberRole::kMember}, {10, 1, MemberRole::kMember}, {20, 1, MemberRole::kMember}};
  auto g = BuildOrDie(s);
  RecommendOptions options;
  options.home_region = "360802";
  auto r = RecommendTargets(*g, 1, options);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].enterprise_id, 10);
  EXPECT_EQ((*r)[1].enterprise_id, 20);
  EXPECT_EQ((*r)[2].enterprise_id, 30);
  EXPECT_DOUBLE_EQ((*r)[0].score, 6 + 20);  // small, same city (first 4 digits)
  EXPECT_EQ((*r)[0].reasons[1].code, ReasonCode::kSameCity);
  EXPECT_DOUBLE_EQ((*r)[2].score, (*r)[0].score);

  options.home_region = "36";  // a province: nobody is in the same city
  r = RecommendTargets(*g, 1, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].reasons[1].code, ReasonCode::kSameProvince);

  options.home_region = "36x8";
  EXPECT_EQ(RecommendTargets(*g, 1, options).status().field(), "home_region");
  options.home_region = "3608";
  options.limit = 0;
  EXPECT_EQ(RecommendTargets(*g, 1, options).status().field(), "limit");
  options.limit = 5;
  options.neighbour_provinces = {4};
  EXPECT_EQ(RecommendTargets(*g, 1, options).status().field(), "neighbour_provinces");
  options.neighbour_provinces = {};
  EXPECT_EQ(RecommendTargets(*g, 9, options).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ReasonCodeName(ReasonCode::kLinksWithLocal), "links_with_local");
}

TEST(ChainGraphExposure, DownstreamHopsAndCounts) {
  auto g = BuildOrDie(Sample());
  // From 5 downstream: hop 1 {1, 8}; hop 2 {6 (1→6), 2 (8→2)}; hop 3 {3 (6→3)}; 2→1 and 3→1
  // reach 1 again, which keeps distance 1.
  auto c1 = CountExposure(*g, 5, Direction::kDownstream, 1);
  ASSERT_TRUE(c1.ok());
  EXPECT_EQ(c1->reached, 2);
  EXPECT_EQ(c1->reached_local, 1);
  EXPECT_EQ(c1->per_hop, (std::vector<int64_t>{2}));
  auto c3 = CountExposure(*g, 5, Direction::kDownstream, 3);
  ASSERT_TRUE(c3.ok());
  EXPECT_EQ(c3->reached, 5);
  EXPECT_EQ(c3->reached_local, 3);
  EXPECT_EQ(c3->per_hop, (std::vector<int64_t>{2, 2, 1}));
  auto c6 = CountExposure(*g, 5, Direction::kDownstream, 6);
  ASSERT_TRUE(c6.ok());
  EXPECT_EQ(c6->per_hop, (std::vector<int64_t>{2, 2, 1, 0, 0, 0}));

  ExposureOptions options;
  options.direction = Direction::kDownstream;
  options.hops = 3;
  auto local = ExposureOf(*g, 5, options);  // default reach: local only
  ASSERT_TRUE(local.ok());
  ASSERT_EQ(local->enterprises.size(), 3u);
  EXPECT_EQ(local->enterprises[0].enterprise_id, 1);
  EXPECT_EQ(local->enterprises[0].hops, 1);
  EXPECT_EQ(local->enterprises[1].enterprise_id, 2);
  EXPECT_EQ(local->enterprises[1].hops, 2);
  EXPECT_EQ(local->enterprises[2].enterprise_id, 3);
  EXPECT_EQ(local->enterprises[2].hops, 3);
  EXPECT_EQ(local->counts.reached, 5);

  options.reach = Reach::kAll;
  auto all = ExposureOf(*g, 5, options);
  ASSERT_TRUE(all.ok());
  std::vector<std::pair<int64_t, int32_t>> got;
  for (const ReachedEnterprise& r : all->enterprises) got.push_back({r.enterprise_id, r.hops});
  EXPECT_EQ(got, (std::vector<std::pair<int64_t, int32_t>>{{1, 1}, {8, 1}, {2, 2}, {6, 2}, {3, 3}}));
  EXPECT_FALSE(all->enterprises[1].local);

  options.limit = 3;
  auto limited = ExposureOf(*g, 5, options);
  ASSERT_TRUE(limited.ok());
  ASSERT_EQ(limited->enterprises.size(), 3u);
  EXPECT_EQ(limited->enterprises[2].enterprise_id, 2);
  EXPECT_EQ(limited->counts.reached, 5);  // counts are complete whatever the limit
}

TEST(ChainGraphExposure, UpstreamIsolatedBoundsAndUnknown) {
  auto g = BuildOrDie(Sample());
  // Suppliers of 1: 4, 5, 2, 3; theirs: 8 (of 2), 6 (of 3).
  auto up = CountExposure(*g, 1, Direction::kUpstream, 2);
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->reached, 6);
  EXPECT_EQ(up->reached_local, 2);
  EXPECT_EQ(up->per_hop, (std::vector<int64_t>{4, 2}));

  auto isolated = CountExposure(*g, 7, Direction::kDownstream, 3);
  ASSERT_TRUE(isolated.ok());
  EXPECT_EQ(isolated->reached, 0);
  EXPECT_EQ(isolated->per_hop, (std::vector<int64_t>{0, 0, 0}));

  EXPECT_EQ(CountExposure(*g, 1, Direction::kUpstream, 0).status().field(), "hops");
  EXPECT_EQ(CountExposure(*g, 1, Direction::kUpstream, kMaxHops + 1).status().field(), "hops");
  EXPECT_TRUE(CountExposure(*g, 1, Direction::kUpstream, kMaxHops).ok());
  ExposureOptions options;
  options.hops = 7;
  EXPECT_EQ(ExposureOf(*g, 1, options).status().code(), StatusCode::kInvalidArgument);
  options.hops = 2;
  options.limit = -1;
  EXPECT_EQ(ExposureOf(*g, 1, options).status().field(), "limit");
  EXPECT_EQ(CountExposure(*g, 99, Direction::kDownstream, 2).status().code(), StatusCode::kNotFound);
}

// ForEachNeighbourOfEach makes exactly the calls of ForEachNeighbour node by node, whatever the
// list length against the chunk size, with repeated nodes, nodes added after the build, overlay
// links and tombstones, and after compaction.
TEST(ChainGraphAdjacency, ForEachNeighbourOfEachMatchesPerNodeCalls) {
  using internal::Adjacency;
  std::mt19937 rng(11);
  const uint32_t kNodes = 300;
  std::vector<internal::EdgeInput> records;
  std::vector<std::vector<bool>> linked(kNodes, std::vector<bool>(kNodes, false));
  auto add = [&](uint32_t a, uint32_t b) {
    if (a == b || linked[a][b]) return;
    linked[a][b] = true;
    records.push_back({a, b, 1});
  };
  for (uint32_t b = 1; b < kNodes; b += 2) add(0, b);  // a hub with 150 buyers
  for (uint32_t a = 0; a < kNodes; ++a) {
    const int degree = static_cast<int>(rng() % 6);  // some without links
    for (int k = 0; k < degree; ++k) add(a, rng() % kNodes);
  }
  Adjacency adj;
  ASSERT_FALSE(adj.Build(kNodes, std::move(records)).has_value());

  auto check = [&](const Adjacency& a, const char* stage) {
    const uint32_t n = a.node_count();
    std::vector<std::vector<uint32_t>> lists;
    for (size_t len : {0, 1, 2, 15, 16, 17, 31, 32, 33, 48, 100}) {
      std::vector<uint32_t> nodes;
      for (size_t i = 0; i < len; ++i) nodes.push_back(rng() % n);
      lists.push_back(nodes);
    }
    std::vector<uint32_t> all(n);
    for (uint32_t v = 0; v < n; ++v) all[v] = n - 1 - v;  // every node, the newest first
    lists.push_back(all);
    lists.push_back({0, 0, n - 1, 0});
    for (Adjacency::Side side : {Adjacency::Side::kOut, Adjacency::Side::kIn}) {
      for (const std::vector<uint32_t>& nodes : lists) {
        std::vector<uint32_t> want, got;
        for (uint32_t v : nodes) a.ForEachNeighbour(side, v, [&](uint32_t u) { want.push_back(u); });
        a.ForEachNeighbourOfEach(side, nodes.data(), nodes.size(), [&](uint32_t u) { got.push_back(u); });
        EXPECT_EQ(got, want) << stage << ", side " << static_cast<int>(side) << ", " << nodes.size() << " nodes";
      }
    }
  };
  check(adj, "base");
  for (int k = 0; k < 5; ++k) adj.AddNode();  // nodes 300..304, past the base rows
  for (int k = 0; k < 200; ++k) {
    const uint32_t a = rng() % adj.node_count(), b = rng() % adj.node_count();
    if (a == b) continue;
    if (rng() % 3 == 0) {
      adj.Remove(a, b);
    } else {
      adj.Upsert(a, b, 2);
    }
  }
  for (uint32_t b = 1; b < 100; b += 4) adj.Remove(0, b);  // tombstones in the hub's row
  adj.Upsert(kNodes + 4, 0, 3);
  adj.Upsert(0, kNodes + 4, 3);
  ASSERT_GT(adj.overlay_count(), 0u);
  ASSERT_GT(adj.tombstone_count(), 0u);
  check(adj, "with the delta");
  Adjacency compacted = adj.Compacted();
  EXPECT_EQ(compacted.edge_count(), adj.edge_count());
  check(compacted, "compacted");
}

TEST(ChainGraphUpdates, RemovedLinksAndEnterprisesMatchFreshBuild) {
  Snapshot s = Sample();
  auto g = BuildOrDie(s);

  // Without 6→3, segment 20 keeps 3→1 100 from a local supplier: no leak, two local members.
  ASSERT_TRUE(g->RemoveSupplyLink(6, 3).ok());
  auto s20 = Strength(*g, 20);
  ASSERT_TRUE(s20.ok());
  EXPECT_EQ(s20->supply.total_volume, 100);
  EXPECT_EQ(s20->supply.outside_volume, 0);
  EXPECT_EQ(s20->health, Health::kStrong);
  EXPECT_EQ(Strength(*g, 31)->supply.total_volume, 50);
  EXPECT_EQ(g->RemoveSupplyLink(6, 3).code(), StatusCode::kNotFound);

  // Removing enterprise 1 removes its links (4→1, 5→1, 2→1, 3→1, 1→6) and memberships.
  ASSERT_TRUE(g->RemoveEnterprise(1).ok());
  auto sum = Summary(*g, 1);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->local_enterprise_count, 2);
  auto s20b = Strength(*g, 20);
  EXPECT_EQ(s20b->local_member_count, 1);
  EXPECT_FALSE(s20b->has_chain_master);
  EXPECT_EQ(s20b->supply.total_volume, 0);
  EXPECT_EQ(Strength(*g, 10)->leak, false);
  auto down = CountExposure(*g, 5, Direction::kDownstream, 3);
  ASSERT_TRUE(down.ok());
  EXPECT_EQ(down->per_hop, (std::vector<int64_t>{1, 1, 0}));  // 5→8→2, and 2→1 is gone
  EXPECT_EQ(CountExposure(*g, 1, Direction::kDownstream, 1).status().code(), StatusCode::kNotFound);

  // The same final state built fresh.
  Snapshot f = Sample();
  std::erase_if(f.supply_links, [](const SupplyLink& l) {
    return (l.supplier_id == 6 && l.buyer_id == 3) || l.supplier_id == 1 || l.buyer_id == 1;
  });
  std::erase_if(f.memberships, [](const Membership& m) { return m.enterprise_id == 1; });
  std::erase_if(f.enterprises, [](const Enterprise& e) { return e.id == 1; });
  auto fresh = BuildOrDie(f);
  auto a = Summaries(*g);
  auto b = Summaries(*fresh);
  ASSERT_EQ(a->size(), b->size());
  for (size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].local_enterprise_count, (*b)[i].local_enterprise_count);
    EXPECT_EQ((*a)[i].local_revenue, (*b)[i].local_revenue);
    EXPECT_EQ((*a)[i].breakpoint_count, (*b)[i].breakpoint_count);
    EXPECT_EQ((*a)[i].leak_count, (*b)[i].leak_count);
  }
  EXPECT_EQ(g->Stats().supply_link_count, fresh->Stats().supply_link_count);
  EXPECT_EQ(g->Stats().membership_count, fresh->Stats().membership_count);

  // Re-adding enterprise 1 and a link to it works; compaction keeps every figure.
  ASSERT_TRUE(g->UpsertEnterprise({1, "360802", true, SizeClass::kLarge, 1000, 100}).ok());
  ASSERT_TRUE(g->UpsertSupplyLink({4, 1, 70}).ok());
  ASSERT_TRUE(g->UpsertMembership({1, 20, MemberRole::kChainMaster}).ok());
  EXPECT_EQ(Strength(*g, 10)->supply.total_volume, 70);
  EXPECT_TRUE(Strength(*g, 20)->has_chain_master);
  g->Compact();
  EXPECT_EQ(g->Stats().overlay_link_count, 0);
  EXPECT_EQ(g->Stats().tombstone_count, 0);
  EXPECT_EQ(Strength(*g, 10)->supply.total_volume, 70);
  EXPECT_EQ(CountExposure(*g, 4, Direction::kDownstream, 1)->reached, 1);
}

TEST(ChainGraphUpdates, LocalFlagRoleVolumeAndSegmentChanges) {
  auto g = BuildOrDie(Sample());
  // 4 becomes local: segment 10 gets a local member, 4→1 600 is now local supply.
  ASSERT_TRUE(g->UpsertEnterprise({4, "360802", true, SizeClass::kLarge, 2000, 200}).ok());
  auto s10 = Strength(*g, 10);
  EXPECT_EQ(s10->local_member_count, 1);
  EXPECT_EQ(s10->local_revenue, 2000);
  EXPECT_EQ(s10->supply.outside_volume, 400);
  EXPECT_EQ(Summary(*g, 1)->local_enterprise_count, 4);
  EXPECT_EQ(Summary(*g, 1)->local_revenue, 1000 + 500 + 100 + 2000);
  // A local enterprise's revenue changes (still local): the chain's revenue follows, counted once.
  ASSERT_TRUE(g->UpsertEnterprise({2, "360821", true, SizeClass::kMedium, 700, 50}).ok());
  EXPECT_EQ(Summary(*g, 1)->local_revenue, 1000 + 700 + 100 + 2000);
  EXPECT_EQ(Summary(*g, 1)->local_enterprise_count, 4);
  ASSERT_TRUE(g->UpsertEnterprise({2, "360821", true, SizeClass::kMedium, 500, 50}).ok());
  // 1 stops being local: 3→1 and 2→1 no longer count as supply into a local buyer.
  ASSERT_TRUE(g->UpsertEnterprise({1, "110000", false, SizeClass::kLarge, 1000, 100}).ok());
  EXPECT_EQ(Strength(*g, 10)->supply.total_volume, 0);
  EXPECT_EQ(Strength(*g, 20)->supply.total_volume, 900);  // 6→3 only
  EXPECT_EQ(Strength(*g, 20)->local_member_count, 1);
  EXPECT_FALSE(Strength(*g, 20)->has_chain_master);
  // Role and volume changes.
  ASSERT_TRUE(g->UpsertMembership({3, 20, MemberRole::kChainMaster}).ok());
  EXPECT_TRUE(Strength(*g, 20)->has_chain_master);
  ASSERT_TRUE(g->UpsertSupplyLink({6, 3, 90}).ok());
  EXPECT_EQ(Strength(*g, 20)->supply.total_volume, 90);
  EXPECT_EQ(g->Stats().supply_link_count, 8);
  // Segment moves to another stage; membership removal.
  ASSERT_TRUE(g->UpsertSegment({31, 1, Stage::kUpstream, std::nullopt, "lighting"}).ok());
  EXPECT_EQ(*Breakpoints(*g, 1), (std::vector<int64_t>{31}));
  ASSERT_TRUE(g->RemoveMembership(2, 11).ok());
  EXPECT_EQ(*Breakpoints(*g, 1), (std::vector<int64_t>{11, 31}));
  EXPECT_EQ(g->RemoveMembership(2, 11).code(), StatusCode::kNotFound);
  // Removing segment 30 clears the parent of nothing now, removes its links and memberships.
  ASSERT_TRUE(g->RemoveSegment(30).ok());
  EXPECT_EQ(Completeness(*g, 1)->overall.segment_count, 4);
  EXPECT_TRUE(ViewSegment(*g, 20)->supplies_to == std::vector<int64_t>{31});
  EXPECT_EQ(g->Stats().membership_count, 7);
  // Removing chain 1 removes its segments; enterprises stay.
  ASSERT_TRUE(g->RemoveChain(1).ok());
  EXPECT_EQ(Completeness(*g, 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(g->Stats().segment_count, 0);
  EXPECT_EQ(g->Stats().membership_count, 0);
  EXPECT_EQ(g->Stats().enterprise_count, 8);
}

TEST(ChainGraphUpdates, ErrorsLeaveTheEngineUnchanged) {
  auto g = BuildOrDie(Sample());
  Status self = g->UpsertSupplyLink({3, 3, 10});
  EXPECT_EQ(self.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(self.field(), "buyer_id");
  EXPECT_EQ(g->UpsertSupplyLink({3, 999, 1}).code(), StatusCode::kNotFound);
  EXPECT_EQ(g->UpsertSupplyLink({3, 999, 1}).field(), "buyer_id");
  EXPECT_EQ(g->UpsertSupplyLink({3, 2, -1}).field(), "volume");
  EXPECT_EQ(g->RemoveEnterprise(999).code(), StatusCode::kNotFound);
  EXPECT_EQ(g->UpsertMembership({1, 999, MemberRole::kKey}).field(), "segment_id");
  EXPECT_EQ(g->UpsertMembership({999, 10, MemberRole::kKey}).field(), "enterprise_id");
  EXPECT_EQ(g->UpsertEnterprise({9, "3", true, SizeClass::kSmall, 0, 0}).field(), "region_code");
  EXPECT_EQ(g->UpsertEnterprise({9, "3608021234567", true, SizeClass::kSmall, 0, 0}).field(), "region_code");
  EXPECT_EQ(g->UpsertEnterprise({9, "3608", true, SizeClass::kSmall, -1, 0}).field(), "revenue");
  EXPECT_EQ(g->UpsertSegment({40, 99, Stage::kUpstream, std::nullopt, "x"}).field(), "chain_id");
  EXPECT_EQ(g->UpsertSegment({10, 2, Stage::kUpstream, std::nullopt, "x"}).field(), "chain_id");
  EXPECT_EQ(g->UpsertSegment({30, 1, Stage::kDownstream, 31, "x"}).field(), "parent_id");  // cycle
  EXPECT_EQ(g->UpsertSegment({30, 1, Stage::kDownstream, 30, "x"}).field(), "parent_id");
  EXPECT_EQ(g->AddSegmentLink({10, 10}).field(), "to_segment");
  EXPECT_EQ(g->RemoveSegmentLink({10, 30}).code(), StatusCode::kNotFound);
  EXPECT_EQ(g->RemoveChain(99).code(), StatusCode::kNotFound);
  ASSERT_TRUE(g->UpsertSegment({40, 2, Stage::kUpstream, std::nullopt, "other chain"}).ok());
  EXPECT_EQ(g->AddSegmentLink({10, 40}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(g->UpsertSegment({41, 2, Stage::kUpstream, 10, "x"}).field(), "parent_id");
  ASSERT_TRUE(g->AddSegmentLink({10, 20}).ok());  // existing: no-op

  auto sums = Summaries(*g);
  ASSERT_TRUE(sums.ok());
  EXPECT_EQ((*sums)[0].leak_count, 3);
  EXPECT_EQ(g->Stats().supply_link_count, 8);
  EXPECT_EQ(g->Stats().enterprise_count, 8);
}

TEST(ChainGraphBuild, RejectsBadSnapshots) {
  Snapshot s = Sample();
  s.supply_links.push_back({3, 3, 1});
  auto r = ChainGraph::Build(s);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "supply_links[8].buyer_id");

  s = Sample();
  s.supply_links.push_back({4, 1, 1});
  EXPECT_EQ(ChainGraph::Build(s).status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(ChainGraph::Build(s).status().field(), "supply_links[8].buyer_id");

  s = Sample();
  s.supply_links.push_back({4, 42, 1});
  EXPECT_EQ(ChainGraph::Build(s).status().code(), StatusCode::kNotFound);

  s = Sample();
  s.enterprises.push_back({3, "3608", true, SizeClass::kSmall, 0, 0});
  EXPECT_EQ(ChainGraph::Build(s).status().field(), "enterprises[8].id");

  s = Sample();
  s.enterprises[0].region_code = "abc";
  EXPECT_EQ(ChainGraph::Build(s).status().field(), "enterprises[0].region_code");

  s = Sample();
  s.segments[0].parent_id = 31;  // 10 → 31 → 30: fine; now make 30's parent 31: a cycle
  s.segments[3].parent_id = 31;
  EXPECT_EQ(ChainGraph::Build(s).status().code(), StatusCode::kInvalidArgument);

  s = Sample();
  s.segments.push_back({50, 2, Stage::kUpstream, 10, "wrong chain parent"});
  EXPECT_EQ(ChainGraph::Build(s).status().field(), "segments[5].parent_id");

  s = Sample();
  s.memberships.push_back({1, 20, MemberRole::kKey});
  EXPECT_EQ(ChainGraph::Build(s).status().code(), StatusCode::kAlreadyExists);

  s = Sample();
  s.segment_links.push_back({10, 10});
  EXPECT_EQ(ChainGraph::Build(s).status().field(), "segment_links[4].to_segment");

  s = Sample();
  s.memberships.push_back({7, 77, MemberRole::kKey});
  EXPECT_EQ(ChainGraph::Build(s).status().field(), "memberships[10].segment_id");
}

// Feeds `s` to a ChainGraphLoader with its links in chunks of `chunk` rows.
Result<std::unique_ptr<ChainGraph>> LoadInChunks(const Snapshot& s, size_t chunk) {
  ASSIGN_OR_RETURN(auto loader, ChainGraphLoader::Start(s, s.supply_links.size()));
  for (size_t at = 0; at < s.supply_links.size(); at += chunk) {
    const size_t end = std::min(s.supply_links.size(), at + chunk);
    RETURN_IF_ERROR(loader->AddLinks({s.supply_links.begin() + static_cast<ptrdiff_t>(at),
                                      s.supply_links.begin() + static_cast<ptrdiff_t>(end)}));
  }
  return loader->Finish();
}

TEST(ChainGraphLoader, ChunkedLinksBuildTheSameEngineAndNameBadRowsAcrossChunks) {
  for (size_t chunk : {1u, 3u, 100u}) {
    auto loaded = LoadInChunks(Sample(), chunk);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    auto built = BuildOrDie(Sample());
    EXPECT_EQ((*loaded)->Stats().supply_link_count, built->Stats().supply_link_count);
    for (int64_t start : {1, 2, 3, 4}) {
      for (Direction d : {Direction::kDownstream, Direction::kUpstream}) {
        auto a = CountExposure(**loaded, start, d, 3);
        auto b = CountExposure(*built, start, d, 3);
        ASSERT_TRUE(a.ok() && b.ok());
        EXPECT_EQ(a->per_hop, b->per_hop) << "chunk " << chunk << " start " << start;
      }
    }
    auto gaps_loaded = AllGaps(**loaded);
    auto gaps_built = AllGaps(*built);
    ASSERT_TRUE(gaps_loaded.ok() && gaps_built.ok());
    ASSERT_EQ(gaps_loaded->size(), gaps_built->size());
    for (size_t i = 0; i < gaps_built->size(); ++i) {
      EXPECT_EQ((*gaps_loaded)[i].completeness.chain_id, (*gaps_built)[i].completeness.chain_id);
      EXPECT_EQ((*gaps_loaded)[i].breakpoints, (*gaps_built)[i].breakpoints);
      EXPECT_EQ((*gaps_loaded)[i].leaks.size(), (*gaps_built)[i].leaks.size());
    }

    Snapshot bad = Sample();
    bad.supply_links.push_back({3, 3, 1});  // row 8: a self link
    auto self = LoadInChunks(bad, chunk);
    EXPECT_EQ(self.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(self.status().field(), "supply_links[8].buyer_id") << "chunk " << chunk;

    Snapshot twice = Sample();
    twice.supply_links.push_back({4, 1, 1});
    auto duplicate = LoadInChunks(twice, chunk);
    EXPECT_EQ(duplicate.status().code(), StatusCode::kAlreadyExists);
    EXPECT_NE(duplicate.status().message().find("from 4 to 1"), std::string::npos) << duplicate.status().ToString();
  }
  // No links at all, and bad nodes refused at the start.
  Snapshot nodes = Sample();
  nodes.supply_links.clear();
  auto empty = LoadInChunks(nodes, 4);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ((*empty)->Stats().supply_link_count, 0);
  nodes.enterprises[0].region_code = "abc";
  EXPECT_EQ(ChainGraphLoader::Start(nodes).status().field(), "enterprises[0].region_code");
}

TEST(ChainGraphBuild, ResetSwapsTheWholeState) {
  auto g = BuildOrDie(Sample());
  Snapshot small;
  small.chains = {{7, "other"}};
  ASSERT_TRUE(g->Reset(small).ok());
  EXPECT_EQ(Summaries(*g)->size(), 1u);
  EXPECT_EQ(g->Stats().enterprise_count, 0);
  Snapshot bad = Sample();
  bad.chains.push_back({1, "dup"});
  EXPECT_EQ(g->Reset(bad).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Summaries(*g)->size(), 1u);  // unchanged
}

TEST(ChainGraphNames, RoundTrip) {
  EXPECT_EQ(StageName(Stage::kMidstream), "midstream");
  EXPECT_EQ(ParseStage("downstream"), Stage::kDownstream);
  EXPECT_FALSE(ParseStage("sideways").has_value());
  EXPECT_EQ(SizeClassName(SizeClass::kLarge), "large");
  EXPECT_EQ(ParseSizeClass("micro"), SizeClass::kMicro);
  EXPECT_EQ(MemberRoleName(MemberRole::kChainMaster), "chain_master");
  EXPECT_EQ(ParseMemberRole("key"), MemberRole::kKey);
}

}  // namespace
}  // namespace lz::engines::graph
