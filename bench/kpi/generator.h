// Deterministic generator of a city's casework history for kpi_bench (issue 5, "Speed"): by
// default 10 million cases over six years (2020–2025) with a volume that grows over time and dips
// at weekends, 8 channels, 300 categories (15 top-level × 20), a city of 13 counties × 15
// townships × 15 communities, 2,000 units (100 departments each handling some categories city-wide,
// 195 street offices, 1,705 community committees), 20 chains (enterprise channels), and a
// plausible state mix: nearly everything older than a few weeks is closed or archived (on time,
// resolved, rated mostly), recent cases are open in every state (some overdue, some suspended),
// about 1 % rejected and 1 % merged, patrol findings resolved on the spot 60 % of the time.
// Case i is a pure function of (seed, i), so a second pass regenerates the same cases.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/casework/case.h"

namespace lz::bench {

struct KpiGeneratorOptions {
  int64_t cases = 10'000'000;
  int first_year = 2020;
  int years = 6;
  uint64_t seed = 20251129;
};

class CaseGenerator {
 public:
  explicit CaseGenerator(const KpiGeneratorOptions& options);

  // Calls `sink` for every case in id (and acceptance-day) order; the Case is reused between calls.
  void Generate(const std::function<void(const casework::Case&)>& sink) const;

  int64_t first_day() const { return first_day_; }
  int64_t last_day() const { return last_day_; }
  // "now" for the queries: midnight after the last day.
  TimeMs now() const;
  const std::vector<std::string>& channels() const { return channels_; }
  const std::vector<std::string>& categories() const { return categories_; }
  const std::vector<std::string>& communities() const { return communities_; }
  std::vector<std::string> counties() const;
  int64_t unit_count() const { return 2000; }
  int chain_count() const { return 20; }

 private:
  KpiGeneratorOptions options_;
  int64_t first_day_ = 0, last_day_ = 0;
  std::vector<int64_t> per_day_;  // cases accepted each day
  std::vector<std::string> channels_, categories_, communities_;
  std::vector<double> channel_cdf_, category_cdf_, community_cdf_;
};

}  // namespace lz::bench
