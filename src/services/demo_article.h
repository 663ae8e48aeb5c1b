// The grassroots mechanisms of the reference article (issue 6 point 8), reproduced by driving the
// real services through the real workflow over simulated time — never by inserting final figures:
// 定南县's community teams patrolling and answering complaints (March–April 2023), 南昌's micro-wish
// campaign (May to 5 June), 城开苑社区's monthly building meetings (June–July), and the commissioners
// and liaison officers serving enterprises (January–February). Each step is the service call
// a user would make, as that user (AuthService::ActorOf), at the moment the clock is moved to; the
// figures of `lianzhang report article` (services/article_figures.h) are then computed from the
// results. People, phone numbers and texts are invented and deterministic (fixed seeds).
#pragma once

#include "common/clock.h"
#include "services/platform.h"

namespace lz::services {

struct ArticleDemoSummary {
  int cases = 0;    // cases registered
  int actions = 0;  // lifecycle actions taken on them after registration
};

// The first instant of the article's casework: 2023-01-04 08:00 China Standard Time. The demo
// organisation should be built before it (the CLI builds it at 2023-01-03).
TimeMs ArticleDemoStart();

// Drives the article's casework into a platform that holds the demo organisation (BuildDemo) and
// runs on `clock`, which this moves forward step by step from ArticleDemoStart() (it must not be
// later). FailedPrecondition when the organisation is missing, the clock is past the start, or the
// casework exists already; any service refusal is returned as it is (what was done stays done).
Result<ArticleDemoSummary> BuildArticleDemo(Platform& platform, SimulatedClock& clock);

}  // namespace lz::services
