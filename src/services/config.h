// ServiceConfig: the security settings services enforce, filled from the config file and the
// environment by the CLI.
#pragma once

#include "common/crypto.h"
#include "domain/auth/password_policy.h"
#include "domain/auth/user.h"

namespace lz::services {

struct ServiceConfig {
  auth::PasswordProfile password_profile = auth::PasswordProfile::kAsvs;
  crypto::PasswordCost password_cost = crypto::PasswordCost::kInteractive;
  auth::SessionPolicy session;
  auth::LockoutPolicy lockout;
  // Sessions are marked as used at most this often (a write per request would serialise reads).
  TimeMs session_touch_interval = kMinuteMs;
  // The change feed polls for other servers' commits this often, notification or not (ms, real time).
  int64_t change_poll_interval = 500;
  // Newest change-feed rows kept when the janitor prunes; a server further behind reloads its caches.
  int64_t changes_kept = 10000;
  // A chain segment leaks (漏点) when local buyers take more than this share of its supply volume
  // from outside suppliers.
  double leak_threshold = 0.5;
};

}  // namespace lz::services
