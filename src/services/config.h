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
};

}  // namespace lz::services
