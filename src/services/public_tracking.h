// PublicTrackingService: anyone holding a case number and the last four digits of the reporter's
// phone sees the case's progress and the unit's reply, without personal data — no names, phone,
// address, subject, handler or internal notes; units by name (issue 6, point 6). A wrong pair of
// digits gets the very answer an unknown number gets. Lookups are rate-limited per client address,
// and failed ones per number whether or not it exists, so the 10,000 possible digits of a number
// cannot be tried and a locked number tells nothing about its existence. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/casework/case.h"
#include "services/rate_limiter.h"
#include "storage/repositories.h"

namespace lz::services {

// One step of the case's public history.
struct PublicCaseStep {
  casework::EventType type = casework::EventType::kCreate;
  TimeMs at = 0;
  std::string unit_name;  // dispatch/reassign/arbitrate: the unit it went to; sign/reply: the unit that acted
  std::string answer;     // answer events (casework::IsAnswer): the text the reporter was given; else empty
};

struct PublicCase {
  std::string number;
  std::string channel_name;
  std::string category_name;
  std::string region_name;
  casework::CaseState state = casework::CaseState::kReceived;
  TimeMs created_at = 0;
  std::optional<TimeMs> accepted_at;
  std::optional<TimeMs> due_at;
  std::optional<TimeMs> closed_at;
  std::string unit_name;  // the responsible unit now, if any
  std::vector<PublicCaseStep> steps;
  // The last reply to the reporter (or the reason it was not accepted).
  std::optional<casework::Outcome> outcome;
  std::string reply;
  std::optional<TimeMs> replied_at;
  std::optional<int32_t> rating;
};

struct TrackingLimits {
  int lookups_per_address = 20;              // at once; then one more every…
  TimeMs address_interval_ms = 30'000;       // …30 s (120 an hour)
  int failures_per_number = 5;               // wrong digits or no such case, at once; then one more every…
  TimeMs failure_interval_ms = 15 * 60'000;  // …15 minutes
};

// The public view of `c` (its public steps, the units by name, the last answer), read in the
// caller's transaction. Shared by public tracking and the enterprise's own demand pages.
Result<PublicCase> PublicView(storage::Repositories& repos, const casework::Case& c);

class PublicTrackingService {
 public:
  // `store` and `clock` must outlive the service.
  PublicTrackingService(storage::Store& store, const Clock& clock, TrackingLimits limits = {});

  // The case numbered `number` if its reporter's phone ends in `phone_last4`. InvalidArgument
  // naming "number" (empty or over 40 characters) or "phone_last4" (not four ASCII digits);
  // ResourceExhausted when `client` looked up too often or `number` failed too often lately, with
  // *retry_after_ms (when given) set to the wait; NotFound, the same for an unknown number and
  // wrong digits (a case without a phone is never found).
  Result<PublicCase> Track(std::string_view client, std::string_view number, std::string_view phone_last4,
                           TimeMs* retry_after_ms = nullptr);

 private:
  Result<std::optional<PublicCase>> Find(const std::string& number, std::string_view phone_last4);

  storage::Store& store_;
  const Clock& clock_;
  RateLimiter by_address_;
  RateLimiter failures_by_number_;
};

}  // namespace lz::services
