// The casework catalogue: channels (how a need comes in, and what that channel allows), coded
// categories (GB/T 39666 style: hierarchical codes, each level adding two characters) with their
// time limits in working days and escalation ladder, the routing table (category × region →
// responsible unit) that proposes the unit when dispatching, readable case numbers, and the
// working-time interface the lifecycle computes due times with (domain/calendar implements it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::casework {

// Working-time arithmetic over the statutory calendar (holidays and make-up workdays). Working time
// runs only on working days, 24 hours each, in China Standard Time.
class WorkingTime {
 public:
  virtual ~WorkingTime() = default;
  // The deadline `days` (≥ 1) working days after `start`: the end (24:00) of the `days`-th working
  // day after the day of `start`. Error when the calendar does not cover the dates.
  virtual Result<TimeMs> DueAfter(TimeMs start, int days) const = 0;
  // The instant `working_ms` of working time after `t` (before it when negative).
  virtual Result<TimeMs> AddWorking(TimeMs t, int64_t working_ms) const = 0;
  // Working time between a ≤ b.
  virtual Result<int64_t> WorkingBetween(TimeMs a, TimeMs b) const = 0;
};
inline constexpr int64_t kWorkingDayMs = 24LL * 3600 * 1000;

// A channel (受理渠道): 12345 hotline, enterprise commissioners, urban patrols, micro-wishes …
// What differs between channels is configuration, not engine.
struct Channel {
  std::string code;  // "hotline", "patrol", …: lower-case letters, digits, '_'
  std::string name;  // 12345热线
  bool on_the_spot = false;   // findings may be resolved where they are found (现场处置)
  bool callback = true;       // a reply waits for a callback (回访); else the reply closes the case
  bool active = true;
};
Status ValidateChannel(Channel& channel);

// The escalation ladder of a category, in working days around the completion deadline. A rung at
// 0 days is disabled (except 催办, which always falls due at the deadline).
struct EscalationLadder {
  int warn_before_days = 1;      // 预警: this many working days before the deadline
  int supervise_after_days = 2;  // 督办: after the deadline
  int circulate_after_days = 5;  // 通报
  int escalate_after_days = 10;  // 提级: to the unit head, or the chain leader of an enterprise case
  bool operator==(const EscalationLadder&) const = default;
};

struct Category {
  int64_t id = 0;
  std::string code;  // "01", "0103", "010305": two characters per level, digits or A–Z
  std::string name;
  std::optional<int64_t> parent_id;  // the category whose code this one's extends
  int sign_days = 1;                 // working days to sign for after dispatch
  int handle_days = 10;              // working days to reply after dispatch
  int max_extension_days = 10;       // total working days of extensions that may be approved
  EscalationLadder ladder;
  bool active = true;
  int sort_order = 0;
  bool operator==(const Category&) const = default;
};
// Trims and checks the fields (code shape, 1–100 character name, limits 1–365, the ladder's
// rungs in increasing order). The parent's code must be the code without its last level (checked
// by the caller with ParentCode). InvalidArgument names the field.
Status ValidateCategory(Category& category);
// "010305" → "0103"; a top-level code → "".
std::string ParentCode(std::string_view code);

// Category × region → the unit that handles such cases there. The most specific region wins,
// then the most specific category.
struct RoutingRule {
  int64_t id = 0;
  int64_t category_id = 0;
  std::string region_code;  // GB/T 2260 prefix, "" for everywhere
  int64_t unit_id = 0;
};
// The rule for a case in `region_code` of a category whose code chain (itself, then its ancestors)
// is `category_ids` (most specific first), among `rules`; nullopt when none applies.
std::optional<RoutingRule> ProposeRoute(const std::vector<RoutingRule>& rules, const std::vector<int64_t>& category_ids,
                                        std::string_view region_code);

// China Standard Time (UTC+8, no daylight saving) calendar day of an instant: "20261129".
std::string LocalDateDigits(TimeMs t);
// The readable case number: the county-level region code (a shorter code padded with zeros),
// the local date and the day's sequence in that county: 360802-20261129-0017.
std::string CaseNumber(std::string_view region_code, TimeMs accepted, int64_t sequence);
// The part of the number that the sequence counts within: "360802-20261129".
std::string CaseNumberPrefix(std::string_view region_code, TimeMs accepted);

}  // namespace lz::casework
