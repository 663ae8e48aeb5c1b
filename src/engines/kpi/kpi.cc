// The KPI definitions: a case's contribution and the rates (docs/kpi.md).
#include "engines/kpi/kpi.h"

#include "common/china_time.h"
#include "common/enum_names.h"

namespace lz::engines::kpi {
namespace {

using N = std::string_view;
constexpr auto kCounterNames = MakeEnumNames<Counter>(
    std::pair{Counter::kReceived, N("received")}, std::pair{Counter::kSigned, N("signed")},
    std::pair{Counter::kSignedOnTime, N("signed_on_time")}, std::pair{Counter::kClosed, N("closed")},
    std::pair{Counter::kClosedOnTime, N("closed_on_time")}, std::pair{Counter::kResolved, N("resolved")},
    std::pair{Counter::kFindings, N("patrol_findings")}, std::pair{Counter::kOnTheSpot, N("on_the_spot")},
    std::pair{Counter::kRated, N("rated")}, std::pair{Counter::kSatisfied, N("satisfied")},
    std::pair{Counter::kReopened, N("reopened")}, std::pair{Counter::kOpen, N("open")},
    std::pair{Counter::kReturned, N("returned")}, std::pair{Counter::kRejected, N("rejected")},
    std::pair{Counter::kMerged, N("merged")});
constexpr auto kRateNames = MakeEnumNames<Rate>(
    std::pair{Rate::kSignOnTime, N("sign_on_time_rate")},
    std::pair{Rate::kCompletionOnTime, N("completion_on_time_rate")},
    std::pair{Rate::kResolution, N("resolution_rate")}, std::pair{Rate::kOnTheSpot, N("on_the_spot_rate")},
    std::pair{Rate::kSatisfaction, N("satisfaction_rate")}, std::pair{Rate::kReopen, N("reopen_rate")});

}  // namespace

std::string_view CounterName(Counter counter) { return kCounterNames.Name(counter); }
std::string_view RateName(Rate rate) { return kRateNames.Name(rate); }

std::optional<Contribution> ContributionOf(const casework::Case& c, const OnTheSpotChannels& on_the_spot_channels) {
  using S = casework::CaseState;
  const bool rejected = c.state == S::kRejected;
  const bool merged = c.state == S::kMerged;
  TimeMs decided = 0;
  if (c.accepted_at) {
    decided = *c.accepted_at;
  } else if (rejected || merged) {
    decided = c.updated_at;  // the rejecting or merging event: terminal, so it never moves
  } else {
    return std::nullopt;  // waiting to be accepted
  }
  Contribution out;
  out.case_id = c.id;
  out.day = ChinaDayOf(decided);
  out.unit_id = c.lead_unit_id.value_or(0);
  out.channel = c.facts.channel;
  out.category_code = c.facts.category_code;
  out.region_code = c.facts.region_code;
  out.chain_id = c.facts.chain_id.value_or(0);
  Mask m = 0;
  auto set = [&m](Counter counter, bool on) {
    if (on) m |= Bit(counter);
  };
  set(Counter::kRejected, rejected);
  set(Counter::kMerged, merged);
  if (!rejected && !merged) {
    set(Counter::kReceived, true);
    const bool is_signed = c.signed_at.has_value();
    set(Counter::kSigned, is_signed);
    set(Counter::kSignedOnTime, is_signed && c.signed_on_time);
    const bool closed = c.state == S::kClosed || c.state == S::kArchived;
    set(Counter::kClosed, closed);
    if (closed) {
      // A channel without a callback closes a case with its reply, which sets replied_at only.
      std::optional<TimeMs> closed_at = c.closed_at ? c.closed_at : c.replied_at;
      // No due time: resolved on the spot, before any deadline could be set — on time.
      set(Counter::kClosedOnTime, !c.due_at || (closed_at && *closed_at <= *c.due_at));
      set(Counter::kResolved, c.outcome == casework::Outcome::kResolved);
    }
    const bool finding = on_the_spot_channels.count(c.facts.channel) > 0;
    set(Counter::kFindings, finding);
    set(Counter::kOnTheSpot, finding && c.on_the_spot);
    set(Counter::kRated, c.rating.has_value());
    set(Counter::kSatisfied, c.rating && casework::IsSatisfied(*c.rating));
    set(Counter::kReopened, c.reopen_count > 0);
    const bool open = casework::IsOpen(c.state);
    set(Counter::kOpen, open);
    set(Counter::kReturned, c.return_count > 0);
    if (open && !c.suspended_since && c.due_at) out.running_due = c.due_at;
  }
  out.mask = m;
  return out;
}

Figures& Figures::operator+=(const Figures& other) {
  for (size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
  overdue += other.overdue;
  return *this;
}

bool Figures::Empty() const {
  for (int64_t v : counts) {
    if (v != 0) return false;
  }
  return overdue == 0;
}

RateValue RateOf(const Figures& f, Rate rate) {
  RateValue r;
  switch (rate) {
    case Rate::kSignOnTime:
      r.numerator = f[Counter::kSignedOnTime];
      r.denominator = f[Counter::kSigned];
      break;
    case Rate::kCompletionOnTime:
      r.numerator = f[Counter::kClosedOnTime];
      r.denominator = f[Counter::kClosed];
      break;
    case Rate::kResolution:
      r.numerator = f[Counter::kResolved];
      r.denominator = f[Counter::kClosed];
      break;
    case Rate::kOnTheSpot:
      r.numerator = f[Counter::kOnTheSpot];
      r.denominator = f[Counter::kFindings];
      break;
    case Rate::kSatisfaction:
      r.numerator = f[Counter::kSatisfied];
      r.denominator = f[Counter::kRated];
      break;
    case Rate::kReopen:
      r.numerator = f[Counter::kReopened];
      r.denominator = f[Counter::kReceived];
      break;
  }
  if (r.denominator > 0) r.value = static_cast<double>(r.numerator) / static_cast<double>(r.denominator);
  return r;
}

std::optional<int64_t> PercentHundredths(const RateValue& rate) {
  if (rate.denominator <= 0) return std::nullopt;
  // round(numerator × 10000 / denominator), half up, in integers (counts are far below 2^49).
  return (rate.numerator * 20000 + rate.denominator) / (2 * rate.denominator);
}

}  // namespace lz::engines::kpi
