// WorkingCalendar: the statutory working-day calendar the casework engine reckons deadlines with
// (casework::WorkingTime over calendar::WorkCalendar). Built at start from the schedules embedded
// in the binary (data/calendar/cn-YYYY.ics). A deadline that reaches past the last loaded year is
// reckoned Monday–Friday rather than refused — a city office must be able to dispatch a case on
// 28 December before the State Council has published next year's schedule — and such answers
// are counted, so the status page and the log can ask an administrator to load the new year
// (decision 0007). Replace() swaps in a calendar with another year merged. Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "domain/calendar/work_calendar.h"
#include "domain/casework/catalogue.h"

namespace lz::services {

class WorkingCalendar final : public casework::WorkingTime {
 public:
  explicit WorkingCalendar(calendar::WorkCalendar calendar);

  Result<TimeMs> DueAfter(TimeMs start, int days) const override;
  Result<TimeMs> AddWorking(TimeMs t, int64_t working_ms) const override;
  Result<int64_t> WorkingBetween(TimeMs a, TimeMs b) const override;

  // The calendar in use (immutable; valid for as long as the caller holds it).
  std::shared_ptr<const calendar::WorkCalendar> Current() const;
  void Replace(calendar::WorkCalendar calendar);
  // Answers reckoned on Mondays–Fridays because they reached past the loaded years.
  int64_t assumed_weekend_answers() const { return assumed_.load(); }

 private:
  template <typename T>
  Result<T> Note(Result<calendar::Reckoned<T>> r) const;

  mutable std::mutex mu_;
  std::shared_ptr<const calendar::WorkCalendar> calendar_;
  mutable std::atomic<int64_t> assumed_{0};
};

}  // namespace lz::services
