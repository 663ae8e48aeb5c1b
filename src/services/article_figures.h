// The figures of the reference article beside the ones the platform computes (issue 6 point 8,
// `lianzhang report article`). Casework counts and rates come from the KPI engine (KpiService, the
// same figures as GET /api/kpi) over the article's year; the sizes of the organisation (teams,
// stations, offices held) from the registries; a building meeting's coverage from its schedule.
// Nothing here is a stored figure: on a database without the demo every computed value is 0.
#pragma once

#include <string>
#include <vector>

#include "services/platform.h"

namespace lz::services {

struct ArticleFigure {
  std::string key;       // stable identifier, e.g. "dingnan.on_the_spot"
  std::string label;     // what it counts, in Chinese as the article says it
  std::string article;   // the article's figure as printed there: "317", "1,230", "98%", "600+"
  std::string computed;  // the platform's figure, printed the same way
  bool matches = false;  // equal to the article's ("N+": at least N; a percentage: equal when rounded)
};

// Every figure, in the article's order. Needs an actor that may read KPIs and the registries (the
// CLI uses the system actor); the platform must have the KPI engine (EngineSet::kpi).
Result<std::vector<ArticleFigure>> ComputeArticleFigures(Platform& platform, const Actor& actor);

// The article's figure and the computed one compared as ArticleFigure::matches describes
// ("1,230" and "1230" are equal; "600+" holds for 612; "98%" holds for "98%" and not for "97%").
// Exposed for tests.
bool ArticleFigureMatches(const std::string& article, const std::string& computed);

// An integer with thousands separators, as the article prints them: 3600 → "3,600".
std::string WithThousands(int64_t n);

}  // namespace lz::services
