// Building meetings: dates of the schedule, attendee and minutes rules, items in the minutes.
#include "domain/casework/meeting.h"

#include "domain/field_text.h"

#include <chrono>
#include <cstdio>
#include <set>
#include <tuple>

#include "common/china_time.h"
#include "common/enum_names.h"
#include "common/text.h"

namespace lz::casework {
namespace {

using domain::CheckText;

using N = std::string_view;
constexpr auto kStateNames = MakeEnumNames<MeetingState>(std::pair{MeetingState::kScheduled, N("scheduled")},
                                                         std::pair{MeetingState::kHeld, N("held")});
constexpr auto kRoleNames = MakeEnumNames<AttendeeRole>(
    std::pair{AttendeeRole::kCommunity, N("community")},
    std::pair{AttendeeRole::kPropertyCompany, N("property_company")},
    std::pair{AttendeeRole::kResidentRepresentative, N("resident_representative")},
    std::pair{AttendeeRole::kStreetOffice, N("street_office")}, std::pair{AttendeeRole::kOther, N("other")});
constexpr auto kItemStatusNames = MakeEnumNames<ItemStatus>(
    std::pair{ItemStatus::kOpen, N("open")}, std::pair{ItemStatus::kAwaitingSignOff, N("awaiting_sign_off")},
    std::pair{ItemStatus::kSettled, N("settled")}, std::pair{ItemStatus::kCarriedOver, N("carried_over")},
    std::pair{ItemStatus::kWithdrawn, N("withdrawn")});

constexpr size_t kMaxPlace = 200;
constexpr size_t kMaxName = 50;
constexpr size_t kMaxAffiliation = 100;
constexpr size_t kMaxAttendees = 100;
constexpr size_t kMaxMinutes = 20000;

// Parses "YYYY-MM-DD" into a valid date, or nullopt.
std::optional<std::chrono::year_month_day> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n) -> int {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                   std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string Format(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

// `day_of_month` in the month of `ym`, or that month's last day when it is shorter.
std::chrono::year_month_day DayIn(std::chrono::year_month ym, int day_of_month) {
  const auto last = std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month())).day();
  const auto wanted = std::chrono::day(static_cast<unsigned>(day_of_month));
  return {ym.year(), ym.month(), wanted > last ? last : wanted};
}

}  // namespace

std::string_view MeetingStateName(MeetingState state) { return kStateNames.Name(state); }
std::optional<MeetingState> ParseMeetingState(std::string_view name) { return kStateNames.Parse(name); }
std::string_view AttendeeRoleName(AttendeeRole role) { return kRoleNames.Name(role); }
std::optional<AttendeeRole> ParseAttendeeRole(std::string_view name) { return kRoleNames.Parse(name); }
std::string_view ItemStatusName(ItemStatus status) { return kItemStatusNames.Name(status); }

Status CheckMeetingDate(std::string_view date, std::string_view field) {
  auto d = ParseDate(date);
  if (!d || d->year() < std::chrono::year(2000) || d->year() > std::chrono::year(2099)) {
    return InvalidArgument("a date YYYY-MM-DD between 2000 and 2099 is required", std::string(field));
  }
  return Status::Ok();
}

std::string MeetingDateOf(TimeMs t) { return Format(DateOfDayNumber(ChinaDayOf(t))); }

std::string NextMeetingDate(std::string_view after, int day_of_month) {
  const auto d = *ParseDate(after);
  const std::chrono::year_month this_month{d.year(), d.month()};
  const auto candidate = DayIn(this_month, day_of_month);
  if (candidate.day() > d.day()) return Format(candidate);
  return Format(DayIn(this_month + std::chrono::months(1), day_of_month));
}

std::string MeetingDateFrom(std::string_view from, int day_of_month) {
  const auto d = *ParseDate(from);
  const auto candidate = DayIn({d.year(), d.month()}, day_of_month);
  if (candidate.day() >= d.day()) return Format(candidate);
  return NextMeetingDate(from, day_of_month);
}

Status NormaliseSchedule(MeetingSchedule& s) {
  if (s.day_of_month < 1 || s.day_of_month > 31) {
    return InvalidArgument("day_of_month must be between 1 and 31", "day_of_month");
  }
  RETURN_IF_ERROR(NormalisePlace(s.place));
  if (s.buildings < 0) return InvalidArgument("buildings cannot be negative", "buildings");
  if (s.residents < 0) return InvalidArgument("residents cannot be negative", "residents");
  return Status::Ok();
}

Status NormalisePlace(std::string& place) { return CheckText(place, kMaxPlace, "place", "the place", false); }

Status NormaliseAttendees(std::vector<Attendee>& attendees) {
  if (attendees.size() > kMaxAttendees) {
    return InvalidArgument("at most " + std::to_string(kMaxAttendees) + " attendees", "attendees");
  }
  std::set<std::tuple<AttendeeRole, std::string, std::string>> seen;
  for (size_t i = 0; i < attendees.size(); ++i) {
    Attendee& a = attendees[i];
    const std::string at = "attendees[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(CheckText(a.name, kMaxName, at + ".name", "the attendee's name", true));
    RETURN_IF_ERROR(CheckText(a.affiliation, kMaxAffiliation, at + ".affiliation", "the affiliation", false));
    if (!seen.emplace(a.role, a.name, a.affiliation).second) {
      return InvalidArgument(a.name + " is listed twice", at + ".name");
    }
  }
  return Status::Ok();
}

Status CheckQuorum(const std::vector<Attendee>& attendees) {
  bool community = false, representative = false;
  for (const auto& a : attendees) {
    community = community || a.role == AttendeeRole::kCommunity;
    representative = representative || a.role == AttendeeRole::kResidentRepresentative;
  }
  if (!community) return FailedPrecondition("a meeting is held with someone of the community present", "attendees");
  if (!representative) {
    return FailedPrecondition("a meeting is held with at least one residents' representative present", "attendees");
  }
  return Status::Ok();
}

Status NormaliseMinutes(std::string& minutes) {
  return CheckText(minutes, kMaxMinutes, "minutes", "the minutes", false);
}

std::string SignOffNote(const Attendee& signer, std::string_view note) {
  std::string out = "居民代表" + signer.name;
  if (!signer.affiliation.empty()) out += "（" + signer.affiliation + "）";
  out += "签字确认";
  const std::string trimmed = text::Trim(note);
  if (!trimmed.empty()) out += "：" + trimmed;
  return out;
}

const std::vector<CaseState>& CarriedStates() {
  static const std::vector<CaseState> kCarried = {CaseState::kReceived,  CaseState::kPendingDispatch,
                                                  CaseState::kDispatched, CaseState::kHandling,
                                                  CaseState::kReturned,  CaseState::kArbitration,
                                                  CaseState::kReplied};
  return kCarried;
}

bool CarriedInState(CaseState state) {
  for (CaseState s : CarriedStates()) {
    if (s == state) return true;
  }
  return false;
}

ItemStatus MinutesStatus(CaseState state, bool on_later_agenda) {
  if (on_later_agenda) return ItemStatus::kCarriedOver;
  switch (state) {
    case CaseState::kClosed:
    case CaseState::kArchived: return ItemStatus::kSettled;
    case CaseState::kRejected:
    case CaseState::kMerged: return ItemStatus::kWithdrawn;
    case CaseState::kReplied: return ItemStatus::kAwaitingSignOff;
    default: return ItemStatus::kOpen;
  }
}

}  // namespace lz::casework
