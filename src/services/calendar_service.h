// CalendarService: the statutory working-day calendar as administrators see and extend it. The
// schedules built into the binary (data/calendar/) are the base; an administrator loads the next
// year's schedule as an iCalendar file when the State Council publishes it (each autumn). Loaded
// files are stored (calendar_files) and published on the change feed, so every server merges them
// at start and when another server loads one (the service is a change-feed subscriber). Reading
// needs case:case:read, loading case:catalogue:write. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/calendar/work_calendar.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/working_calendar.h"
#include "storage/change_feed.h"
#include "storage/repositories.h"

namespace lz::services {

struct CalendarInfo {
  int first_year = 0;  // the years the calendar knows (built in and loaded)
  int last_year = 0;
  std::vector<storage::CalendarFile> files;  // loaded by administrators; content left empty
  int64_t assumed_weekend_answers = 0;       // deadlines reckoned Monday–Friday past last_year
};

struct CalendarDay {
  std::string date;   // yyyy-mm-dd
  bool working = false;
  std::string kind;   // "holiday", "workday" (a make-up workday) or "" for an ordinary day
  std::string name;   // the holiday it belongs to
  bool official = true;  // false: outside the loaded years, reckoned Monday–Friday
};

class CalendarService final : public storage::ChangeSubscriber {
 public:
  CalendarService(storage::Store& store, const Clock& clock, const AuditTrail& audit, WorkingCalendar& working,
                  calendar::WorkCalendar built_in)
      : store_(store), clock_(clock), audit_(audit), working_(working), built_in_(std::move(built_in)) {}

  Result<CalendarInfo> Info(const Actor& actor);
  // Every day from `from` to `to` (yyyy-mm-dd, at most 366 days). InvalidArgument names the field.
  Result<std::vector<CalendarDay>> Days(const Actor& actor, const std::string& from, const std::string& to);
  // Validates `content` (iCalendar) as the schedule of `year` against the calendar in use (no
  // gaps, no contradictions: calendar::MergeIcs), stores it, and puts it in use on every server.
  Result<CalendarInfo> LoadYear(const Actor& actor, int year, const std::string& file_name, const std::string& content);

  // The built-in calendar plus every stored file, in year order.
  Status Reload(storage::Repositories& repos) override;
  Status Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) override;

 private:
  Result<calendar::WorkCalendar> Merged(storage::Repositories& repos) const;

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  WorkingCalendar& working_;
  const calendar::WorkCalendar built_in_;
};

}  // namespace lz::services
