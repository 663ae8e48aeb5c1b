// Notifications (站内通知): what the in-app notification centre shows a user — a case dispatched
// to their unit, an escalation rung reached, an extension decided … One row per recipient, read
// or unread. Written by services in the transaction of the event that causes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"

namespace lz::notify {

struct Notification {
  int64_t id = 0;
  int64_t user_id = 0;                // the recipient
  std::string kind;                   // "case.dispatch", "case.escalate.urge", …: what happened
  std::string title;                  // one line, zh-CN (clients may localise from kind + case_number)
  std::string body;                   // a sentence or two, zh-CN
  std::optional<int64_t> case_id;     // the case it is about, if any
  std::string link;                   // the UI route to open ("/cases/17"), may be empty
  TimeMs created_at = 0;
  std::optional<TimeMs> read_at;
  std::string case_number;            // filled by queries: the case's readable number, if any
  bool operator==(const Notification&) const = default;
};

}  // namespace lz::notify
