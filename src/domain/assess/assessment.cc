// Assessment: weight checks, indicator scores and the ranking (see the header).
#include "domain/assess/assessment.h"

#include <algorithm>

#include "domain/field_text.h"

namespace lz::assess {

std::string_view IndicatorName(Indicator indicator) {
  switch (indicator) {
    case Indicator::kCompletionOnTime: return "completion_on_time";
    case Indicator::kSatisfaction: return "satisfaction";
    case Indicator::kReopen: return "reopen";
    case Indicator::kTasksOnTime: return "tasks_on_time";
    case Indicator::kProjectsLanded: return "projects_landed";
  }
  return "";
}

std::optional<Indicator> ParseIndicator(std::string_view name) {
  for (Indicator i : kIndicators) {
    if (IndicatorName(i) == name) return i;
  }
  return std::nullopt;
}

std::string_view IndicatorLabel(Indicator indicator) {
  switch (indicator) {
    case Indicator::kCompletionOnTime: return "按时办结率";
    case Indicator::kSatisfaction: return "满意率";
    case Indicator::kReopen: return "重办率";
    case Indicator::kTasksOnTime: return "工作要点按时完成率";
    case Indicator::kProjectsLanded: return "项目落地";
  }
  return "";
}

Status CheckWeights(const Weights& weights) {
  int64_t sum = 0;
  for (Indicator i : kIndicators) {
    const int32_t w = WeightOf(weights, i);
    if (w < 0 || w > kWeightTotal) {
      return InvalidArgument("a weight is between 0 and 10000 basis points (0–100 %)",
                             "weights." + std::string(IndicatorName(i)));
    }
    sum += w;
  }
  if (sum != kWeightTotal) {
    // The sum as a percentage with two decimals (basis points / 100).
    std::string pct = std::to_string(sum / 100);
    if (sum % 100 != 0) {
      const int64_t rest = sum % 100;
      pct += (rest < 10 ? ".0" : ".") + std::to_string(rest);
    }
    return InvalidArgument("the weights must total 100 % (they total " + pct + " %)", "weights");
  }
  return Status::Ok();
}

Status NormaliseScheme(Scheme& scheme) {
  RETURN_IF_ERROR(domain::CheckText(scheme.name, kMaxSchemeName, "name", "the scheme's name", true));
  if (scheme.name.find_first_of("\r\n") != std::string::npos) {
    return InvalidArgument("the scheme's name is one line", "name");
  }
  return CheckWeights(scheme.weights);
}

int32_t ScoreHundredths(int64_t numerator, int64_t denominator) {
  if (denominator <= 0) return 0;
  numerator = std::clamp<int64_t>(numerator, 0, denominator);
  // round half up of 10000·n/d = ⌊(2·10000·n + d) / (2·d)⌋
  return static_cast<int32_t>((2 * 10000 * numerator + denominator) / (2 * denominator));
}

std::vector<UnitScore> Rank(const Weights& weights, const std::vector<UnitFigures>& units) {
  int64_t most_landed = 0;
  for (const auto& u : units) {
    if (u.projects_landed) most_landed = std::max(most_landed, *u.projects_landed);
  }
  std::vector<UnitScore> out;
  for (const auto& u : units) {
    UnitScore s;
    s.unit_id = u.unit_id;
    s.unit_name = u.unit_name;
    auto set = [&](Indicator i, Fraction f, bool reversed) {
      const size_t k = static_cast<size_t>(i);
      s.values[k] = f;
      if (f.denominator <= 0) return;
      const int64_t n = std::clamp<int64_t>(f.numerator, 0, f.denominator);
      s.scores[k] = ScoreHundredths(reversed ? f.denominator - n : n, f.denominator);
    };
    set(Indicator::kCompletionOnTime, u.completion_on_time, false);
    set(Indicator::kSatisfaction, u.satisfaction, false);
    set(Indicator::kReopen, u.reopen, true);
    set(Indicator::kTasksOnTime, u.tasks_on_time, false);
    set(Indicator::kProjectsLanded,
        Fraction{u.projects_landed.value_or(0), u.projects_landed ? most_landed : 0}, false);
    int64_t weighted = 0, weight = 0;
    for (Indicator i : kIndicators) {
      const auto& score = s.scores[static_cast<size_t>(i)];
      if (!score) continue;
      weighted += int64_t{WeightOf(weights, i)} * *score;
      weight += WeightOf(weights, i);
    }
    bool applicable = false;
    for (const auto& score : s.scores) applicable = applicable || score.has_value();
    if (!applicable) continue;
    // Every applicable indicator may weigh 0 (a scheme that ignores it): the unit is then scored
    // 0 — it is ranked, since it has figures, but the scheme gives them no weight.
    s.total = weight == 0 ? 0 : static_cast<int32_t>((2 * weighted + weight) / (2 * weight));
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const UnitScore& a, const UnitScore& b) {
    if (a.total != b.total) return a.total > b.total;
    if (a.unit_name != b.unit_name) return a.unit_name < b.unit_name;
    return a.unit_id < b.unit_id;
  });
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].rank = i > 0 && out[i].total == out[i - 1].total ? out[i - 1].rank : static_cast<int32_t>(i + 1);
  }
  return out;
}

}  // namespace lz::assess
