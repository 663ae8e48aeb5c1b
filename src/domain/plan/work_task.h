// Work-plan tasks (工作要点, issue 7 point 4): the tasks of a year's work plan for the chains, each
// with an owner unit (牵头单位), co-owner units (配合单位), a deadline and milestones, on which the
// owner reports progress. A task is a case on the work_plan channel (the casework engine holds its
// state, deadline and escalation ladder: 预警 → 催办 → 督办 → 通报 → 提级, the same as every case);
// this file keeps the task's own rules. Pure: dates are passed in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/casework/case.h"

namespace lz::plan {

// The casework catalogue's channel and category of work-plan tasks (data/casework, migration 0013).
inline constexpr std::string_view kWorkPlanChannel = "work_plan";
inline constexpr std::string_view kWorkPlanCategory = "1301";  // 13 工作督办 › 1301 产业链工作要点
inline constexpr size_t kMaxMilestones = 20;
inline constexpr size_t kMaxCoOwners = 10;

struct Milestone {
  int32_t position = 0;                 // 0-based, in due order
  std::string title;                    // 1–100 characters, one line
  std::string due_on;                   // "YYYY-MM-DD", not after the task's deadline
  std::optional<std::string> done_on;   // the day the owner reported it done
  std::optional<int64_t> done_by_user_id;
  bool operator==(const Milestone&) const = default;
};

// The task's row beside its case.
struct WorkTask {
  int64_t case_id = 0;
  int32_t year = 0;                 // the work plan's year, 2000–2099
  std::optional<int64_t> chain_id;  // the chain the task serves, if one
  std::string deadline_on;          // "YYYY-MM-DD": the case's deadline is the end of this day
  int32_t progress = 0;             // percent, 0–100, as last reported
  std::vector<Milestone> milestones;
  TimeMs created_at = 0;
  bool operator==(const WorkTask&) const = default;
};

// Trims and checks a new task: deadline a date (2000–2099) after `today`; year 2000–2099, by
// default the deadline's; milestones (at most kMaxMilestones) with titles and dates on or before
// the deadline, sorted by date (stable) and numbered. InvalidArgument names the field
// ("deadline_on", "year", "milestones[2].due_on" …, indexes as given).
Status NormaliseTask(WorkTask& task, std::string_view today);

// A progress report: percent 0–100 and the milestones it reports done (positions of the task's).
// InvalidArgument naming "progress" or "milestones[i]" (unknown, or already done).
Status CheckReport(const WorkTask& task, int32_t progress, const std::vector<int32_t>& done_positions);

// Where a task stands on `today`, from its case and milestones.
enum class Standing {
  kOnTrack,    // open, no milestone overdue, deadline not passed
  kLagging,    // open, a milestone is past its date and not done (滞后)
  kOverdue,    // open past the deadline
  kDone,       // replied or closed by the deadline
  kDoneLate,   // replied or closed after it
  kCancelled,  // rejected or merged
};
std::string_view StandingName(Standing standing);  // "on_track", "lagging", "overdue", "done", "done_late", "cancelled"
std::optional<Standing> ParseStanding(std::string_view name);
// `finished_on`: the local date of the reply (or close) when there is one.
Standing StandingOf(const WorkTask& task, casework::CaseState state, std::optional<std::string_view> finished_on,
                    std::string_view today);

}  // namespace lz::plan
