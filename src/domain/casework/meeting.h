// Building meetings (楼栋会, issue 6 point 5): a community's recurring meeting (the 10th of every
// month by default) of the community, the property company, the residents' representatives and
// the street office. Its agenda items are cases on the building_meeting channel (the casework
// engine does the work); a meeting records who attended, the minutes' text and which items were
// raised or carried over. An item closes on the residents' representatives' sign-off, which is
// the case's callback (回访) taken by community staff on their behalf.
//
// Rules kept here (pure; dates and times are passed in):
//  - the schedule: a day of the month (1–31, clamped to the month's last day) and a usual place;
//    the next meeting falls on that day of the month after the latest one, whatever the weekday
//    (residents meet on the known date; it is no deadline of the working-day calendar);
//  - attendees: a role, a name and where they come from; a meeting is held only with at least one
//    person of the community and one residents' representative (who alone may sign off);
//  - an item's place in the minutes (MinutesStatus): an item is settled in the minutes of the
//    last meeting whose agenda it is on, so each settled item is reported exactly once, by the
//    meeting after which nothing more was needed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/casework/case.h"

namespace lz::casework {

// The channel and the default category of agenda items (data/casework/*.csv).
inline constexpr std::string_view kMeetingChannel = "building_meeting";
inline constexpr std::string_view kMeetingCategory = "1101";  // 楼栋会议事事项
inline constexpr int kDefaultMeetingDay = 10;

enum class MeetingState { kScheduled, kHeld };
std::string_view MeetingStateName(MeetingState state);  // "scheduled", "held"
std::optional<MeetingState> ParseMeetingState(std::string_view name);

enum class AttendeeRole { kCommunity, kPropertyCompany, kResidentRepresentative, kStreetOffice, kOther };
// "community", "property_company", "resident_representative", "street_office", "other"
std::string_view AttendeeRoleName(AttendeeRole role);
std::optional<AttendeeRole> ParseAttendeeRole(std::string_view name);

struct Attendee {
  int64_t id = 0;          // storage id (0 before it is stored)
  AttendeeRole role = AttendeeRole::kOther;
  std::string name;         // 1–50 characters
  std::string affiliation;  // where from: the property company's name, "3栋" …; ≤ 100 characters
  std::optional<int64_t> user_id;  // when the attendee has an account
  bool operator==(const Attendee&) const = default;
};

// A community's standing arrangement.
struct MeetingSchedule {
  int64_t community_unit_id = 0;
  int day_of_month = kDefaultMeetingDay;  // 1–31; clamped to the month's last day
  std::string place;                      // the usual place, ≤ 200 characters
  int32_t buildings = 0;                  // buildings the meeting covers (≥ 0; 0 unknown)
  int32_t residents = 0;                  // residents it represents (≥ 0; 0 unknown)
  TimeMs updated_at = 0;
  bool operator==(const MeetingSchedule&) const = default;
};

struct Meeting {
  int64_t id = 0;
  int64_t community_unit_id = 0;
  std::string scheduled_on;  // local date "YYYY-MM-DD"; one meeting per community and date
  std::string place;         // ≤ 200 characters
  MeetingState state = MeetingState::kScheduled;
  std::optional<TimeMs> held_at;
  std::string minutes;       // the minutes' text, ≤ 20 000 characters
  std::optional<TimeMs> minutes_at;  // when the text was last recorded
  std::vector<Attendee> attendees;   // invited while scheduled, present once held
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  bool operator==(const Meeting&) const = default;
};

// One agenda row: a case on a meeting's agenda. A case raised at a meeting is on its agenda with
// raised = true; each later meeting held while the case is open carries it (raised = false).
struct MeetingItem {
  int64_t meeting_id = 0;
  int64_t case_id = 0;
  int32_t position = 0;  // 1, 2, … in the order the rows were added
  bool raised = true;
  TimeMs added_at = 0;
  bool operator==(const MeetingItem&) const = default;
};

// Checks a local date "YYYY-MM-DD" (a real calendar date, years 2000–2099). InvalidArgument names
// `field`.
Status CheckMeetingDate(std::string_view date, std::string_view field);
// The local (UTC+8) date of an instant, "YYYY-MM-DD".
std::string MeetingDateOf(TimeMs t);
// The first date strictly after `after` (a valid date) that falls on `day_of_month` (1–31; in a
// shorter month, its last day): ("2026-01-10", 10) → "2026-02-10"; ("2026-01-31", 31) → "2026-02-28".
std::string NextMeetingDate(std::string_view after, int day_of_month);
// The first such date on or after `from`.
std::string MeetingDateFrom(std::string_view from, int day_of_month);

// Trims and checks the schedule's fields. InvalidArgument names the field.
Status NormaliseSchedule(MeetingSchedule& schedule);
// Trims and checks the place (≤ 200 characters).
Status NormalisePlace(std::string& place);
// Trims and checks each attendee (name required, ≤ 50 characters; affiliation ≤ 100), at most
// 100 attendees, no two with the same role, name and affiliation. InvalidArgument names
// "attendees[i].name" and the like.
Status NormaliseAttendees(std::vector<Attendee>& attendees);
// A meeting can be held with these attendees: at least one of the community and one residents'
// representative. FailedPrecondition naming "attendees" otherwise.
Status CheckQuorum(const std::vector<Attendee>& attendees);
// Trims and checks the minutes' text (≤ 20 000 characters).
Status NormaliseMinutes(std::string& minutes);

// The callback note of a sign-off: who signed and what they said.
// ("李秀英", "3栋", "已看到整改") → "居民代表李秀英（3栋）签字确认：已看到整改".
std::string SignOffNote(const Attendee& signer, std::string_view note);

// Where an agenda item stands in a meeting's minutes.
enum class ItemStatus {
  kOpen,              // being handled (or waiting to be dispatched)
  kAwaitingSignOff,   // the unit replied; the representatives have not signed off yet
  kSettled,           // closed, and on no later meeting's agenda: reported settled here
  kCarriedOver,       // on a later meeting's agenda (settled or not, that meeting reports it)
  kWithdrawn,         // rejected or merged into another case: not settled by this meeting
};
std::string_view ItemStatusName(ItemStatus status);  // "open", "awaiting_sign_off", "settled", "carried_over", "withdrawn"
// The status of an item whose case is in `state`, given whether a later meeting has it on its agenda.
ItemStatus MinutesStatus(CaseState state, bool on_later_agenda);
// The case states an open item is carried over in: every state but closed, archived, rejected
// and merged.
bool CarriedInState(CaseState state);
const std::vector<CaseState>& CarriedStates();

}  // namespace lz::casework
