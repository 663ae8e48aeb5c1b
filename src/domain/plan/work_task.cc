// Work-plan task rules: a new task's fields, progress reports, and where a task stands.
#include "domain/plan/work_task.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "common/text.h"
#include "domain/casework/meeting.h"

namespace lz::plan {
namespace {

constexpr size_t kMaxMilestoneTitle = 100;

int32_t YearOf(std::string_view date) {
  int32_t y = 0;
  std::from_chars(date.data(), date.data() + 4, y);
  return y;
}

}  // namespace

Status NormaliseTask(WorkTask& task, std::string_view today) {
  task.deadline_on = text::Trim(task.deadline_on);
  RETURN_IF_ERROR(casework::CheckMeetingDate(task.deadline_on, "deadline_on"));
  if (task.deadline_on <= today) return InvalidArgument("a task's deadline falls after today", "deadline_on");
  if (task.year == 0) task.year = YearOf(task.deadline_on);
  if (task.year < 2000 || task.year > 2099) return InvalidArgument("the work plan's year is 2000–2099", "year");
  if (task.milestones.size() > kMaxMilestones) {
    return InvalidArgument("at most " + std::to_string(kMaxMilestones) + " milestones", "milestones");
  }
  for (size_t i = 0; i < task.milestones.size(); ++i) {
    Milestone& m = task.milestones[i];
    const std::string field = "milestones[" + std::to_string(i) + "]";
    m.title = text::Trim(m.title);
    if (m.title.empty() || text::Utf8Length(m.title) > kMaxMilestoneTitle) {
      return InvalidArgument("a milestone's title is 1–" + std::to_string(kMaxMilestoneTitle) + " characters",
                             field + ".title");
    }
    if (m.title.find_first_of("\r\n") != std::string::npos) {
      return InvalidArgument("a milestone's title is one line", field + ".title");
    }
    m.due_on = text::Trim(m.due_on);
    RETURN_IF_ERROR(casework::CheckMeetingDate(m.due_on, field + ".due_on"));
    if (m.due_on > task.deadline_on) {
      return InvalidArgument("a milestone falls on or before the task's deadline", field + ".due_on");
    }
    m.done_on.reset();
    m.done_by_user_id.reset();
  }
  std::stable_sort(task.milestones.begin(), task.milestones.end(),
                   [](const Milestone& a, const Milestone& b) { return a.due_on < b.due_on; });
  for (size_t i = 0; i < task.milestones.size(); ++i) task.milestones[i].position = static_cast<int32_t>(i);
  task.progress = 0;
  return Status::Ok();
}

Status CheckReport(const WorkTask& task, int32_t progress, const std::vector<int32_t>& done_positions) {
  if (progress < 0 || progress > 100) return InvalidArgument("progress is a percentage, 0–100", "progress");
  std::set<int32_t> seen;
  for (size_t i = 0; i < done_positions.size(); ++i) {
    const std::string field = "milestones[" + std::to_string(i) + "]";
    const int32_t p = done_positions[i];
    auto it = std::find_if(task.milestones.begin(), task.milestones.end(),
                           [p](const Milestone& m) { return m.position == p; });
    if (it == task.milestones.end()) return InvalidArgument("the task has no milestone " + std::to_string(p), field);
    if (it->done_on) return InvalidArgument("milestone " + std::to_string(p) + " is done already", field);
    if (!seen.insert(p).second) return InvalidArgument("milestone " + std::to_string(p) + " is named twice", field);
  }
  return Status::Ok();
}

std::string_view StandingName(Standing standing) {
  switch (standing) {
    case Standing::kOnTrack: return "on_track";
    case Standing::kLagging: return "lagging";
    case Standing::kOverdue: return "overdue";
    case Standing::kDone: return "done";
    case Standing::kDoneLate: return "done_late";
    case Standing::kCancelled: return "cancelled";
  }
  return "on_track";
}

std::optional<Standing> ParseStanding(std::string_view name) {
  for (Standing s : {Standing::kOnTrack, Standing::kLagging, Standing::kOverdue, Standing::kDone, Standing::kDoneLate,
                     Standing::kCancelled}) {
    if (StandingName(s) == name) return s;
  }
  return std::nullopt;
}

Standing StandingOf(const WorkTask& task, casework::CaseState state, std::optional<std::string_view> finished_on,
                    std::string_view today) {
  using S = casework::CaseState;
  if (state == S::kRejected || state == S::kMerged) return Standing::kCancelled;
  if (state == S::kReplied || state == S::kClosed || state == S::kArchived) {
    const std::string_view day = finished_on.value_or(today);
    return day <= task.deadline_on ? Standing::kDone : Standing::kDoneLate;
  }
  if (today > task.deadline_on) return Standing::kOverdue;
  for (const Milestone& m : task.milestones) {
    if (!m.done_on && m.due_on < today) return Standing::kLagging;
  }
  return Standing::kOnTrack;
}

}  // namespace lz::plan
