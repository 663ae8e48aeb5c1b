// Deterministic generator of a province-scale chain data set for graph_bench (issue 4, "Speed and
// memory"): enterprises with regions, sizes and a local flag; supply links with a heavy-tailed
// number of buyers per supplier (a few hubs with 10⁵ buyers, a median firm with one or two) and
// uniformly drawn buyers; chains of segments in three stages with parents and segment links; and
// memberships that leave some segments without local members and make others leak. The same seed
// gives the same data set on every machine (own RNG, no std:: distributions).
#pragma once

#include <cstdint>

#include "engines/graph/chain_graph.h"

namespace lz::bench {

struct GeneratorOptions {
  int64_t enterprises = 2'000'000;
  int64_t links = 20'000'000;
  int chains = 12;
  int segments_per_chain = 200;
  double local_share = 0.4;
  uint64_t seed = 20240601;
};

// Enterprise i (0-based) has id kEnterpriseIdBase + kEnterpriseIdStep · i, so ids are not dense.
inline constexpr int64_t kEnterpriseIdBase = 10'000'000;
inline constexpr int64_t kEnterpriseIdStep = 7;
inline int64_t EnterpriseId(int64_t index) { return kEnterpriseIdBase + kEnterpriseIdStep * index; }
inline int64_t EnterpriseIndex(int64_t id) { return (id - kEnterpriseIdBase) / kEnterpriseIdStep; }

// Supply links come in a shuffled order, as rows keyed by an insertion id would.
engines::graph::Snapshot Generate(const GeneratorOptions& options);

}  // namespace lz::bench
