// MeetingService: building meetings (楼栋会, issue 6 point 5) on the casework engine. A community
// (a unit of kind community_committee) meets on a day of every month (the 10th unless its schedule
// says otherwise) with the community, the property company, the residents' representatives and
// the street office. Each agenda item is a case on the building_meeting channel, registered by
// CaseService::Create in the community's name and region with its agenda row written in the same
// transaction; the item is then dispatched, handled and replied like any case, and it closes on
// the residents' representatives' sign-off: the case's callback (回访), which community staff
// record on the representative's behalf (who signed is in the callback's note). A dissatisfied
// sign-off (rating 1–2) reopens the case, as every callback does. Holding a meeting carries the
// open items of earlier meetings onto its agenda and schedules the following one; its minutes are
// the recorded text plus the items settled (domain/casework/meeting.h MinutesStatus).
//
// Permissions: reading needs case:case:read, everything else case:case:dispatch (the community's
// staff act as the intake of its items), adding an item also case:case:create; the community must
// be in the actor's data scope (a meeting of a community outside it is NotFound, and the refusal
// is logged). Each write is one transaction with its operation-log row; a sign-off's checks
// (meeting held, case on its agenda, signer one of its residents' representatives) run inside the
// callback's write (ActOptions::precondition). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/casework/meeting.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/case_service.h"
#include "storage/repositories.h"

namespace lz::services {

struct NewMeeting {
  int64_t community_unit_id = 0;
  std::optional<std::string> scheduled_on;  // "YYYY-MM-DD"; default: the schedule's next date
  std::optional<std::string> place;         // default: the schedule's place
  // Invited attendees; default: those of the community's latest meeting (its standing members).
  std::optional<std::vector<casework::Attendee>> attendees;
};

struct HoldMeeting {
  std::optional<std::string> place;                          // default: as scheduled
  std::optional<std::vector<casework::Attendee>> attendees;  // those present; default: as invited
};

// An agenda item raised at a meeting: the case's facts that differ from meeting to meeting.
struct NewMeetingItem {
  std::string title;
  std::string text;
  std::string category_code = std::string(casework::kMeetingCategory);
  std::string address;    // the building or place concerned ("12栋北侧")
  std::string raised_by;  // who raised it, as the minutes name them (may be empty)
};

struct SignOff {
  int64_t attendee_id = 0;  // a residents' representative present at the meeting
  int32_t rating = 0;       // 1–5; 1–2 reopen the item
  std::string note;         // what the representatives said
};

// One item on an agenda, as the meeting page and its minutes show it.
struct AgendaEntry {
  casework::MeetingItem item;
  casework::Case c;  // personal data masked
  std::string category_name;
  std::string lead_unit_name;  // the unit responsible, if dispatched
  std::string reply;           // the unit's last reply
  std::string sign_off;        // the last sign-off's note (who signed and what they said)
  std::optional<TimeMs> signed_off_at;
  casework::ItemStatus status = casework::ItemStatus::kOpen;
};

struct MeetingDetail {
  casework::Meeting meeting;
  std::string community_name;
  casework::MeetingSchedule schedule;         // the community's (the default when it has none)
  std::optional<casework::Meeting> previous;  // the community's meeting before this one
  std::vector<AgendaEntry> agenda;
  // A scheduled meeting: the open items of earlier meetings that holding it will carry over.
  std::vector<AgendaEntry> to_carry;
};

class MeetingService {
 public:
  // Everything passed must outlive the service.
  MeetingService(storage::Store& store, const Clock& clock, const AuditTrail& audit, CaseService& cases)
      : store_(store), clock_(clock), audit_(audit), cases_(cases) {}

  // The community's schedule, or the default one (the 10th, no place) when it has none.
  // InvalidArgument naming "community_unit_id" when the unit is not a residents' committee.
  Result<casework::MeetingSchedule> Schedule(const Actor& actor, int64_t community_unit_id);
  // Stores the community's schedule (day, place, buildings, residents).
  Result<casework::MeetingSchedule> PutSchedule(const Actor& actor, casework::MeetingSchedule schedule);

  // The meetings of the communities in the actor's scope, latest date first.
  Result<storage::PageOf<storage::MeetingRow>> List(const Actor& actor, storage::MeetingQuery query);
  // A meeting with its agenda and minutes. NotFound for an unknown meeting or one out of scope.
  Result<MeetingDetail> Get(const Actor& actor, int64_t id);

  // Schedules a meeting (state scheduled). AlreadyExists naming "scheduled_on" when the community
  // meets on that date already; InvalidArgument naming the field for bad input.
  Result<casework::Meeting> ScheduleMeeting(const Actor& actor, NewMeeting input);
  // Holds a scheduled meeting now: records who is present (FailedPrecondition naming "attendees"
  // without someone of the community and a residents' representative), carries the open items
  // of earlier meetings onto its agenda and, when the community has no later meeting, schedules
  // the next one by its schedule with the same attendees invited. FailedPrecondition when held.
  Result<casework::Meeting> Hold(const Actor& actor, int64_t id, HoldMeeting input);
  // Records the minutes' text of a held meeting (FailedPrecondition before it is held).
  Result<casework::Meeting> RecordMinutes(const Actor& actor, int64_t id, std::string minutes);
  // Raises an item at the meeting: a case on the building_meeting channel, accepted in the
  // community's name and region, on the meeting's agenda — both written in one transaction.
  // Errors from CaseService::Create name the case's field ("title", "text", "category_code" …).
  Result<casework::Case> AddItem(const Actor& actor, int64_t meeting_id, NewMeetingItem input);
  // Records the residents' representatives' sign-off of a replied item at a held meeting: the
  // case's callback, noted with the signer's name. NotFound when the case is not on the meeting's
  // agenda; InvalidArgument naming "attendee_id" when the attendee is not one of the meeting's
  // residents' representatives; FailedPrecondition when the meeting is not held or the item is
  // not waiting for a sign-off.
  Result<casework::Case> SignOffItem(const Actor& actor, int64_t meeting_id, int64_t case_id, SignOff input);

 private:
  // The community unit, checked: a residents' committee (else InvalidArgument naming `field`) in
  // the actor's scope (else NotFound, with the refusal noted).
  Result<org::Unit> Community(storage::Repositories& repos, const Actor& actor, int64_t unit_id,
                              const std::string& field, Refusal& refusal);
  // The meeting and its community, checked for scope (NotFound otherwise, refusal noted).
  Result<casework::Meeting> Load(storage::Repositories& repos, const Actor& actor, int64_t id, Refusal& refusal);
  Result<AgendaEntry> Entry(storage::Repositories& repos, const casework::MeetingItem& item, bool on_later_agenda);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  CaseService& cases_;
};

}  // namespace lz::services
