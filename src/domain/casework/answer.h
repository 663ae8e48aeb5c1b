// The answer a reporter was last given: the unit's reply, the note of an on-the-spot resolution,
// or the reason the case was not accepted. Public tracking and Open311 show it; both read it here.
#pragma once

#include "domain/casework/case.h"

namespace lz::casework {

// True for the events that answer the reporter.
inline bool IsAnswer(EventType type) {
  return type == EventType::kReply || type == EventType::kResolveOnSpot || type == EventType::kReject;
}

}  // namespace lz::casework
