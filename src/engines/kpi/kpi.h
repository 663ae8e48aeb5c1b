// The casework KPIs (brief §2 "KPIs", issue 5 point 7), one definition each, as docs/kpi.md
// writes them: what one case contributes (ContributionOf), the counts, and the rates over them.
// A KPI over a period counts the cases whose KPI day (the China Standard Time day of acceptance)
// falls in the period, judged by their state when asked; every count below is a 0/1 property of
// one case's current state, so the aggregates of engines/kpi/kpi_engine.h stay exact by
// subtracting a case's old contribution and adding its new one on every change.
//
// Pure: no I/O, no clock. `now` (for overdue) is always passed in.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "domain/casework/case.h"

namespace lz::engines::kpi {

// The per-case 0/1 counts (docs/kpi.md gives each its definition). The order is the bit order of
// Mask and the column order of exports.
enum class Counter : uint8_t {
  kReceived,      // accepted, not rejected or merged (受理量)
  kSigned,        // signed for by its current (last) lead unit
  kSignedOnTime,  // … by the sign-for deadline
  kClosed,        // closed or archived (办结)
  kClosedOnTime,  // closed by the due time (extensions and suspensions applied), or with none
  kResolved,      // closed with the outcome "resolved"
  kFindings,      // of a channel whose findings may be resolved on the spot (patrol findings)
  kOnTheSpot,     // … resolved on the spot
  kRated,         // carries a callback rating
  kSatisfied,     // … of 4 or 5
  kReopened,      // reopened at least once
  kOpen,          // a unit is responsible and the clock runs (dispatched, handling, returned, arbitration)
  kReturned,      // returned at least once
  kRejected,      // not accepted (不予受理): counted apart, not in received
  kMerged,        // merged into another case as a duplicate: counted apart, not in received
};
inline constexpr int kCounterCount = 15;
// Wire names: "received", "signed", "signed_on_time", "closed", "closed_on_time", "resolved",
// "patrol_findings", "on_the_spot", "rated", "satisfied", "reopened", "open", "returned",
// "rejected", "merged".
std::string_view CounterName(Counter counter);

using Mask = uint16_t;  // bit i = Counter i
constexpr Mask Bit(Counter c) { return static_cast<Mask>(1u << static_cast<unsigned>(c)); }
inline constexpr Mask kAllCounters = static_cast<Mask>((1u << kCounterCount) - 1);

// The channels whose findings may be resolved on the spot (casework::Channel::on_the_spot).
using OnTheSpotChannels = std::set<std::string, std::less<>>;

// What one case contributes: the cell it counts in and its counts.
struct Contribution {
  int64_t case_id = 0;
  int64_t day = 0;       // KPI day: China Standard Time day number (days since 1970-01-01)
  int64_t unit_id = 0;   // current lead unit; 0 when it has none (not yet dispatched, returned
                         // and waiting for re-dispatch, rejected, merged)
  std::string channel;
  std::string category_code;
  std::string region_code;
  int64_t chain_id = 0;  // 0 when the case is about no chain
  Mask mask = 0;
  // Set while the case is open (Counter::kOpen), not suspended and has a due time: it is overdue
  // at any `now` after this instant.
  std::optional<TimeMs> running_due;
  bool operator==(const Contribution&) const = default;
};

// The case's contribution, or nullopt when the KPIs do not count it (yet): a case counts from the
// intake's decision on it — its acceptance (Case::accepted_at, also set by an on-the-spot
// resolution) or, for a case rejected or merged without being accepted, that final event
// (Case::updated_at, fixed since the state is terminal). Cases still waiting to be accepted
// count nowhere.
std::optional<Contribution> ContributionOf(const casework::Case& c, const OnTheSpotChannels& on_the_spot_channels);

// Sums of counts over a set of cases, plus overdue (open cases whose due time has passed at the
// query's `now`; not a per-case constant, so computed at query time).
struct Figures {
  std::array<int64_t, kCounterCount> counts{};
  int64_t overdue = 0;

  int64_t operator[](Counter c) const { return counts[static_cast<size_t>(c)]; }
  int64_t& operator[](Counter c) { return counts[static_cast<size_t>(c)]; }
  Figures& operator+=(const Figures& other);
  bool Empty() const;  // every count and overdue zero
  bool operator==(const Figures&) const = default;
};

// The rates, each a count over another (docs/kpi.md).
enum class Rate {
  kSignOnTime,        // signed_on_time / signed
  kCompletionOnTime,  // closed_on_time / closed
  kResolution,        // resolved / closed
  kOnTheSpot,         // on_the_spot / patrol_findings
  kSatisfaction,      // satisfied / rated
  kReopen,            // reopened / received
};
inline constexpr int kRateCount = 6;
// "sign_on_time_rate", "completion_on_time_rate", "resolution_rate", "on_the_spot_rate",
// "satisfaction_rate", "reopen_rate".
std::string_view RateName(Rate rate);

struct RateValue {
  int64_t numerator = 0;
  int64_t denominator = 0;
  std::optional<double> value;  // numerator / denominator; nullopt when the denominator is 0
};
RateValue RateOf(const Figures& figures, Rate rate);
// The rate as hundredths of a percent, rounded half up: 8235 means 82.35 %. Exports and reports
// print this; the API gives the exact fraction and the same rounding is documented for the UI.
std::optional<int64_t> PercentHundredths(const RateValue& rate);

}  // namespace lz::engines::kpi
