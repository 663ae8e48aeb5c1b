// Demo data: the organisation and the industry chains of the reference article (Jiangxi Daily, June
// 2023), created by calling the services as the system actor — never by writing SQL — so it obeys
// every rule a user would. People's names and the firms the article does not name are invented and
// marked （示例）; credit codes and business figures are generated. Building twice is refused.
#pragma once

#include "services/platform.h"

namespace lz::services {

struct DemoSummary {
  int units = 0;
  int users = 0;
  int positions = 0;
  int chains = 0;
  int segments = 0;
  int enterprises = 0;
  int links = 0;  // supply links between enterprises
};

// Builds the demo organisation and chains into an opened platform. FailedPrecondition when the
// organisation exists already.
Result<DemoSummary> BuildDemo(Platform& platform);

}  // namespace lz::services
