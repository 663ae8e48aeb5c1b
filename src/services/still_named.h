// StillNamed: a delete the database refused because other records still name the row. Storage
// reports a foreign-key refusal as FailedPrecondition with the database's own words; services
// replace them with words a user can act on. Nothing was deleted either way (the write's
// transaction rolls back on the error).
#pragma once

#include <string>
#include <utility>

#include "common/status.h"

namespace lz::services {

// `deleted` unchanged unless it is FailedPrecondition, which becomes FailedPrecondition with
// `message` (which records name the row and what to do).
inline Status StillNamed(Status deleted, std::string message) {
  if (deleted.code() != StatusCode::kFailedPrecondition) return deleted;
  return FailedPrecondition(std::move(message));
}

}  // namespace lz::services
