// The casework history generator (see generator.h). Own RNG (splitmix64 per case), no std::
// distributions, so every machine gets the same cases.
#include "generator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "common/china_time.h"

namespace lz::bench {
namespace {

using casework::Case;
using casework::CaseState;
using casework::Outcome;

constexpr int kCounties = 13, kTownships = 15, kCommunities = 15;
constexpr int kDepartments = 100;
constexpr int64_t kStreetOfficeBase = 101;                                       // 101 … 295
constexpr int64_t kCommitteeBase = kStreetOfficeBase + kCounties * kTownships;   // 296 … 2000
constexpr int kCommittees = 2000 - static_cast<int>(kCommitteeBase) + 1;        // 1,705
constexpr int kChains = 20;

uint64_t SplitMix(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

struct Rng {
  uint64_t state;
  double U() { return static_cast<double>(SplitMix(state) >> 11) * 0x1.0p-53; }
  int64_t Below(int64_t n) { return static_cast<int64_t>(SplitMix(state) % static_cast<uint64_t>(n)); }
};

size_t Pick(const std::vector<double>& cdf, double u) {
  return static_cast<size_t>(std::upper_bound(cdf.begin(), cdf.end(), u * cdf.back()) - cdf.begin());
}

std::vector<double> Cdf(const std::vector<double>& weights) {
  std::vector<double> cdf;
  double sum = 0;
  for (double w : weights) cdf.push_back(sum += w);
  return cdf;
}

int64_t Day(int y, unsigned m, unsigned d) {
  return DayNumber(std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)));
}

}  // namespace

CaseGenerator::CaseGenerator(const KpiGeneratorOptions& o) : options_(o) {
  first_day_ = Day(o.first_year, 1, 1);
  last_day_ = Day(o.first_year + o.years - 1, 12, 31);
  // Volume grows threefold over the period; weekends carry 60 % of a weekday.
  const int64_t days = last_day_ - first_day_ + 1;
  std::vector<double> weight(static_cast<size_t>(days));
  double total = 0;
  for (int64_t i = 0; i < days; ++i) {
    const int64_t weekday = ((first_day_ + i) % 7 + 7 + 3) % 7;  // 0 = Monday
    weight[static_cast<size_t>(i)] = (1.0 + 2.0 * static_cast<double>(i) / static_cast<double>(days)) * (weekday >= 5 ? 0.6 : 1.0);
    total += weight[static_cast<size_t>(i)];
  }
  per_day_.resize(static_cast<size_t>(days));
  int64_t assigned = 0;
  double acc = 0;
  for (int64_t i = 0; i < days; ++i) {
    acc += weight[static_cast<size_t>(i)];
    const int64_t upto = static_cast<int64_t>(std::llround(acc / total * static_cast<double>(o.cases)));
    per_day_[static_cast<size_t>(i)] = upto - assigned;
    assigned = upto;
  }

  channels_ = {"hotline", "online", "patrol", "complaint", "commissioner", "enterprise", "liaison", "building_meeting"};
  channel_cdf_ = Cdf({45, 20, 12, 6, 5, 5, 4, 3});
  std::vector<double> w;
  for (int top = 1; top <= 15; ++top) {
    for (int leaf = 1; leaf <= 20; ++leaf) {
      char code[8];
      std::snprintf(code, sizeof code, "%02d%02d", top, leaf);
      categories_.push_back(code);
      w.push_back(1.0 / std::pow(static_cast<double>(categories_.size()), 0.8));  // Zipf-like popularity
    }
  }
  // Shuffle popularity across the tree deterministically so that no top level holds all the head.
  Rng shuffle{o.seed ^ 0xC0FFEE};
  for (size_t i = w.size() - 1; i > 0; --i) std::swap(w[i], w[static_cast<size_t>(shuffle.Below(static_cast<int64_t>(i + 1)))]);
  category_cdf_ = Cdf(w);
  w.clear();
  Rng pop{o.seed ^ 0xBEEF};
  for (int c = 0; c < kCounties; ++c) {
    for (int t = 1; t <= kTownships; ++t) {
      for (int m = 1; m <= kCommunities; ++m) {
        char code[16];
        std::snprintf(code, sizeof code, "3608%02d%03d%03d", 2 + 2 * c, t, m);
        communities_.push_back(code);
        w.push_back(0.3 + pop.U() * (c < 2 ? 3.0 : 1.0));  // the two urban counties are busier
      }
    }
  }
  community_cdf_ = Cdf(w);
}

std::vector<std::string> CaseGenerator::counties() const {
  std::vector<std::string> out;
  for (int c = 0; c < kCounties; ++c) out.push_back(communities_[static_cast<size_t>(c * kTownships * kCommunities)].substr(0, 6));
  return out;
}

TimeMs CaseGenerator::now() const { return ChinaMidnightOf(last_day_ + 1); }

void CaseGenerator::Generate(const std::function<void(const Case&)>& sink) const {
  Case c;
  int64_t id = 0;
  const int64_t days = last_day_ - first_day_ + 1;
  for (int64_t i = 0; i < days; ++i) {
    const int64_t day = first_day_ + i;
    const int64_t age = last_day_ - day;  // days before "now"
    for (int64_t k = 0; k < per_day_[static_cast<size_t>(i)]; ++k) {
      ++id;
      Rng r{options_.seed * 0x100000001B3ull + static_cast<uint64_t>(id)};
      c = Case{};
      c.id = id;
      const size_t channel = Pick(channel_cdf_, r.U());
      const size_t category = Pick(category_cdf_, r.U());
      const size_t community = Pick(community_cdf_, r.U());
      c.facts.channel = channels_[channel];
      c.facts.category_code = categories_[category];
      // Some cases are placed only to the township or county.
      const double place = r.U();
      const std::string& code = communities_[community];
      c.facts.region_code = place < 0.85 ? code : place < 0.95 ? code.substr(0, 9) : code.substr(0, 6);
      const bool enterprise_channel = channel == 4 || channel == 5;
      if ((enterprise_channel && r.U() < 0.8) || r.U() < 0.02) {
        c.facts.chain_id = 1 + static_cast<int64_t>(std::min<double>(kChains - 1, std::floor(kChains * r.U() * r.U())));
      }
      const TimeMs at = ChinaMidnightOf(day) + 8 * kHourMs + r.Below(12 * kHourMs);
      // The unit: the category's department, the township's street office or the community's committee.
      const int township = static_cast<int>(community) / kCommunities;
      int64_t unit = 0;
      const double who = r.U();
      if (who < 0.4) {
        unit = 1 + static_cast<int64_t>((category * 7) % kDepartments);
      } else if (who < 0.75 || static_cast<int>(community) >= kCommittees) {
        unit = kStreetOfficeBase + township;
      } else {
        unit = kCommitteeBase + static_cast<int64_t>(community);
      }

      c.version = 3;
      c.created_at = at;
      c.updated_at = at;
      const double fate = r.U();
      if (fate < 0.006) {  // rejected without being accepted
        c.state = CaseState::kRejected;
        sink(c);
        continue;
      }
      c.accepted_at = at;
      if (fate < 0.012) {
        c.state = CaseState::kRejected;
        c.updated_at = at + kHourMs;
        sink(c);
        continue;
      }
      if (fate < 0.022) {
        c.state = CaseState::kMerged;
        c.merged_into = std::max<int64_t>(1, id - 1 - r.Below(50));
        c.updated_at = at + kHourMs;
        sink(c);
        continue;
      }
      const bool patrol = channel == 2;
      if (patrol && r.U() < 0.6) {  // resolved on the spot
        c.state = age > 20 && r.U() < 0.9 ? CaseState::kArchived : CaseState::kClosed;
        c.on_the_spot = true;
        c.lead_unit_id = unit > kDepartments ? unit : kStreetOfficeBase + township;
        c.outcome = Outcome::kResolved;
        c.replied_at = c.closed_at = at;
        sink(c);
        continue;
      }
      c.return_count = r.U() < 0.05 ? 1 : 0;
      c.dispatched_at = at + kHourMs;
      c.sign_due_at = at + kDayMs;
      c.due_at = at + (10 + (r.U() < 0.05 ? 5 : 0)) * kDayMs;
      const bool done = r.U() < 1.0 - std::exp(-static_cast<double>(age) / 6.0);
      const bool on_time_sign = r.U() < 0.92;
      auto sign = [&] {
        c.signed_at = at + (on_time_sign ? 2 : 30) * kHourMs;
        c.signed_on_time = on_time_sign;
        c.handler_user_id = 1;
      };
      if (done) {
        c.lead_unit_id = unit;
        sign();
        const bool on_time = r.U() < 0.9;
        c.replied_at = at + (on_time ? 1 + r.Below(8 * 24) : 10 * 24 + r.Below(10 * 24)) * kHourMs;
        c.closed_at = *c.replied_at + r.Below(24) * kHourMs;
        const double o = r.U();
        c.outcome = o < 0.8 ? Outcome::kResolved : o < 0.9 ? Outcome::kPartlyResolved : o < 0.93 ? Outcome::kUnresolved
                                                                                                   : Outcome::kExplained;
        if (r.U() < 0.7) {
          const double s = r.U();
          c.rating = s < 0.6 ? 5 : s < 0.88 ? 4 : 3;
        }
        c.reopen_count = r.U() < 0.03 ? 1 : 0;
        c.state = age > 15 && r.U() < 0.9 ? CaseState::kArchived : CaseState::kClosed;
        c.updated_at = *c.closed_at;
        sink(c);
        continue;
      }
      const double s = r.U();
      if (s < 0.10) {
        c.state = CaseState::kPendingDispatch;
        c.dispatched_at.reset();
        c.sign_due_at.reset();
        c.due_at.reset();
      } else if (s < 0.35) {
        c.state = CaseState::kDispatched;
        c.lead_unit_id = unit;
      } else if (s < 0.90) {
        c.state = CaseState::kHandling;
        c.lead_unit_id = unit;
        sign();
        if (r.U() < 0.04) c.suspended_since = at + 2 * kDayMs;
        c.reopen_count = r.U() < 0.03 ? 1 : 0;
      } else if (s < 0.95) {
        c.state = CaseState::kReturned;
        c.return_count = 1;
      } else {
        c.state = CaseState::kReplied;
        c.lead_unit_id = unit;
        sign();
        c.replied_at = at + 3 * kDayMs;
        c.outcome = Outcome::kResolved;
      }
      sink(c);
    }
  }
}

}  // namespace lz::bench
