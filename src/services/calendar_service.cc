// CalendarService: info, day listing, loading a year, following other servers' loads.
#include "services/calendar_service.h"

#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/calendar/ics_schedule.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
constexpr int64_t kMaxDays = 366;
constexpr size_t kMaxFileBytes = 1 << 20;

}  // namespace

Result<calendar::WorkCalendar> CalendarService::Merged(storage::Repositories& repos) const {
  ASSIGN_OR_RETURN(auto files, repos.catalogue().CalendarFiles());
  calendar::WorkCalendar out = built_in_;
  for (const auto& f : files) {
    auto merged = calendar::MergeIcs(out, f.year, f.content, f.file_name);
    if (!merged.ok()) {
      return Internal("the stored calendar file for " + std::to_string(f.year) + " no longer merges: " +
                      merged.status().message());
    }
    out = std::move(*merged);
  }
  return out;
}

Status CalendarService::Reload(storage::Repositories& repos) {
  ASSIGN_OR_RETURN(calendar::WorkCalendar merged, Merged(repos));
  working_.Replace(std::move(merged));
  return Status::Ok();
}

Status CalendarService::Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) {
  for (const auto& c : changes) {
    if (c.topic == storage::topic::kCalendar) return Reload(repos);
  }
  return Status::Ok();
}

Result<CalendarInfo> CalendarService::Info(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "calendar.read", "calendar"));
  CalendarInfo info;
  auto current = working_.Current();
  info.first_year = current->years().first;
  info.last_year = current->years().last;
  info.assumed_weekend_answers = working_.assumed_weekend_answers();
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(info.files, repos.catalogue().CalendarFiles());
    for (auto& f : info.files) f.content.clear();
    return Status::Ok();
  }));
  return info;
}

Result<std::vector<CalendarDay>> CalendarService::Days(const Actor& actor, const std::string& from, const std::string& to) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "calendar.read", "calendar"));
  auto first = calendar::ParseDate(from);
  if (!first) return InvalidArgument("not a date (yyyy-mm-dd)", "from");
  auto last = calendar::ParseDate(to);
  if (!last) return InvalidArgument("not a date (yyyy-mm-dd)", "to");
  const std::chrono::sys_days a{*first}, b{*last};
  if (b < a) return InvalidArgument("the end comes before the start", "to");
  if ((b - a).count() >= kMaxDays) return InvalidArgument("at most 366 days at once", "to");
  auto cal = working_.Current();
  std::vector<CalendarDay> out;
  for (auto d = a; d <= b; d += std::chrono::days(1)) {
    calendar::Date date{d};
    ASSIGN_OR_RETURN(auto working, cal->IsWorkingDay(date, calendar::OutOfRange::kAssumeWeekends));
    CalendarDay day;
    day.date = calendar::FormatDate(date);
    day.working = working.value;
    day.official = working.basis == calendar::Basis::kOfficial;
    if (const calendar::DayRule* rule = cal->RuleFor(date)) {
      day.kind = std::string(calendar::DayKindName(rule->kind));
      day.name = rule->name;
    }
    out.push_back(std::move(day));
  }
  return out;
}

Result<CalendarInfo> CalendarService::LoadYear(const Actor& actor, int year, const std::string& file_name,
                                               const std::string& content) {
  const std::string action = "calendar.load";
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseCatalogue, action, "calendar", std::to_string(year)));
  if (year < calendar::kMinYear || year > calendar::kMaxYear) return InvalidArgument("not a year", "year");
  if (content.size() > kMaxFileBytes) return InvalidArgument("the file is larger than 1 MiB", "content");
  std::string name = text::Trim(file_name);
  if (name.empty()) name = std::to_string(year) + ".ics";
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(calendar::WorkCalendar current, Merged(repos));
    auto merged = calendar::MergeIcs(current, year, content, name);
    if (!merged.ok()) return Status(merged.status().code(), merged.status().message(), "content");
    RETURN_IF_ERROR(repos.catalogue().PutCalendarFile({year, name, content, actor.user_id, clock_.NowMs()}));
    RETURN_IF_ERROR(repos.changes().Publish(std::string(storage::topic::kCalendar), std::to_string(year)));
    return audit_.Record(repos, actor, action, "calendar", std::to_string(year), name);
  }));
  return Info(actor);
}

}  // namespace lz::services
