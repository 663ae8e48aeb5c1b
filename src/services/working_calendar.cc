// WorkingCalendar: delegation to the current WorkCalendar with the weekend fallback counted.
#include "services/working_calendar.h"

namespace lz::services {

using calendar::OutOfRange;

WorkingCalendar::WorkingCalendar(calendar::WorkCalendar calendar)
    : calendar_(std::make_shared<const calendar::WorkCalendar>(std::move(calendar))) {}

std::shared_ptr<const calendar::WorkCalendar> WorkingCalendar::Current() const {
  std::lock_guard lock(mu_);
  return calendar_;
}

void WorkingCalendar::Replace(calendar::WorkCalendar calendar) {
  auto next = std::make_shared<const calendar::WorkCalendar>(std::move(calendar));
  std::lock_guard lock(mu_);
  calendar_ = std::move(next);
}

template <typename T>
Result<T> WorkingCalendar::Note(Result<calendar::Reckoned<T>> r) const {
  if (!r.ok()) return r.status();
  if (r->basis == calendar::Basis::kAssumedWeekends) ++assumed_;
  return r->value;
}

Result<TimeMs> WorkingCalendar::DueAfter(TimeMs start, int days) const {
  return Note(Current()->DueTime(start, days, {}, OutOfRange::kAssumeWeekends));
}

Result<TimeMs> WorkingCalendar::AddWorking(TimeMs t, int64_t working_ms) const {
  return Note(Current()->AddWorkingTime(t, working_ms, {}, OutOfRange::kAssumeWeekends));
}

Result<int64_t> WorkingCalendar::WorkingBetween(TimeMs a, TimeMs b) const {
  return Note(Current()->WorkingTimeBetween(a, b, {}, OutOfRange::kAssumeWeekends));
}

}  // namespace lz::services
