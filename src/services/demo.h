// Demo data: the organisation of the reference article (Jiangxi Daily, June 2023), created by
// calling the services as the system actor — never by writing SQL — so it obeys every rule a user
// would. People's names are invented and marked （示例）. Building twice is refused.
#pragma once

#include "services/platform.h"

namespace lz::services {

struct DemoSummary {
  int units = 0;
  int users = 0;
  int positions = 0;
};

// Builds the demo organisation into an opened platform. FailedPrecondition when it exists already.
Result<DemoSummary> BuildDemo(Platform& platform);

}  // namespace lz::services
