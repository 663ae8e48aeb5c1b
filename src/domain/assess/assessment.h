// Assessment (考核, issue 7 point 7): each unit's score for a month from weighted indicators, and
// the units' ranking. Five indicators, each a fraction scored 0–100 for one unit:
//   completion_on_time  cases closed on time / cases closed            (按时办结率)
//   satisfaction        satisfied callbacks / rated cases              (满意率)
//   reopen              1 − reopened / received (a low reopen rate scores high)  (重办率)
//   tasks_on_time       work-plan tasks done by their deadline / tasks due in the month (工作要点)
//   projects_landed     investment projects that reached 投产 in the month, relative to the unit
//                       that landed most (count / max count)          (项目落地)
// A weight scheme gives each indicator a weight in basis points (0–10000) summing to exactly
// 10000 (100 %). An indicator with no denominator for a unit is not applicable to it and its
// weight is spread over the applicable ones: total = Σ w·s / Σ w over the applicable indicators.
// A unit with no applicable indicator is not ranked. Ranking is by total descending, ties share
// a rank (standard competition ranking 1, 1, 3) and are listed by unit name.
//
// Every score is in hundredths of a point (0–10000 = 0.00–100.00), rounded half up, so fixtures
// can be computed by hand exactly: an indicator score is round(10000 · n / d) and the total is
// round(Σ w·s / Σ w) over the rounded indicator scores. Pure: no I/O, no clock.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::assess {

enum class Indicator { kCompletionOnTime, kSatisfaction, kReopen, kTasksOnTime, kProjectsLanded };
inline constexpr int kIndicatorCount = 5;
// Every indicator, in display order.
inline constexpr std::array<Indicator, kIndicatorCount> kIndicators = {
    Indicator::kCompletionOnTime, Indicator::kSatisfaction, Indicator::kReopen, Indicator::kTasksOnTime,
    Indicator::kProjectsLanded};
// "completion_on_time", "satisfaction", "reopen", "tasks_on_time", "projects_landed".
std::string_view IndicatorName(Indicator indicator);
std::optional<Indicator> ParseIndicator(std::string_view name);
// "按时办结率", "满意率", "重办率", "工作要点按时完成率", "项目落地".
std::string_view IndicatorLabel(Indicator indicator);

// Weights in basis points, indexed by Indicator.
using Weights = std::array<int32_t, kIndicatorCount>;
inline constexpr int32_t kWeightTotal = 10000;  // 100 %
// The weighting used while no scheme is stored: 30 / 25 / 15 / 15 / 15 %.
inline constexpr Weights kBuiltinWeights = {3000, 2500, 1500, 1500, 1500};
inline constexpr size_t kMaxSchemeName = 50;

inline int32_t WeightOf(const Weights& w, Indicator i) { return w[static_cast<size_t>(i)]; }

// A stored weight scheme (考核方案).
struct Scheme {
  int64_t id = 0;
  std::string name;  // 1–50 characters, one line
  Weights weights{};
  bool is_default = false;  // used when a ranking names no scheme; at most one scheme is
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  bool operator==(const Scheme&) const = default;
};

// Checks the weights: each 0–10000 (InvalidArgument naming "weights.<indicator>"), together
// exactly 10000 (InvalidArgument naming "weights", the message giving the sum as a percentage).
Status CheckWeights(const Weights& weights);
// Trims the name and checks it (1–50 characters, naming "name") and the weights.
Status NormaliseScheme(Scheme& scheme);

// A count over another. For projects_landed the numerator is the unit's landed projects and the
// denominator the most any ranked unit landed (filled by Rank).
struct Fraction {
  int64_t numerator = 0;
  int64_t denominator = 0;
  bool operator==(const Fraction&) const = default;
};

// What is known of one unit for the month.
struct UnitFigures {
  int64_t unit_id = 0;
  std::string unit_name;
  Fraction completion_on_time;  // closed_on_time / closed
  Fraction satisfaction;        // satisfied / rated
  Fraction reopen;              // reopened / received
  Fraction tasks_on_time;       // done by the deadline / due in the month (and judged)
  // Projects landed in the month; nullopt when the unit is responsible for no investment
  // project (the indicator does not apply to it).
  std::optional<int64_t> projects_landed;
};

// One unit's line of the ranking.
struct UnitScore {
  int64_t unit_id = 0;
  std::string unit_name;
  std::array<Fraction, kIndicatorCount> values{};                 // as Fraction above
  std::array<std::optional<int32_t>, kIndicatorCount> scores{};   // hundredths; nullopt: not applicable
  int32_t total = 0;  // hundredths of a point, 0–10000
  int32_t rank = 0;   // 1-based, competition ranking
};

// round(10000 · numerator / denominator) for 0 ≤ numerator ≤ denominator, denominator > 0:
// hundredths of a point, rounded half up.
int32_t ScoreHundredths(int64_t numerator, int64_t denominator);

// Scores and ranks the units (see the header). `weights` must pass CheckWeights. Units with no
// applicable indicator are left out. Ordered by rank, then unit name, then unit id.
std::vector<UnitScore> Rank(const Weights& weights, const std::vector<UnitFigures>& units);

}  // namespace lz::assess
