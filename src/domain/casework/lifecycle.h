// The casework lifecycle: which action is allowed from which state, by which party, with which
// fields, and the due times it sets (issue 5 point 2). Decide turns a command into the events to
// append (usually one; a third dissatisfied callback adds an escalation); Apply (case.h) folds them.
// Pure: the caller passes the time, the category, the channel and the working-time calendar.
//
// Transitions (→ the state after; "lead" is the case's lead unit, "co" a co-handling unit):
//   accept          received → pending_dispatch                       intake
//   reject          received | pending_dispatch → rejected (note)     intake
//   resolve_on_spot received → closed (note; channel allows it)       intake (the patrol's unit)
//   dispatch        pending_dispatch | returned → dispatched (unit)   intake
//   arbitrate       arbitration → dispatched (unit; no more returns)  arbiter
//   reassign        dispatched | handling → dispatched (other unit)   intake
//   sign            dispatched → handling                             lead
//   return          dispatched | handling → returned, or arbitration at the third return (note)   lead
//   co_sign         dispatched | handling, co part dispatched → same  co
//   co_reply        handling, co part signed → same (note)            co
//   progress        handling → handling (note)                        lead
//   request_extension  handling, none pending → same (days, note)     lead
//   approve_extension / refuse_extension  a request pending → same    intake
//   suspend         dispatched | handling, not suspended → same (note) intake
//   resume          suspended → same; deadlines move by the working time suspended   intake
//   reply           handling, every co part replied, not suspended → replied (outcome, note), or
//                   closed when the channel has no callback             lead
//   callback        replied → closed (rating 3–5) or handling (1–2: reopened)   intake or reporter
//   close           replied → closed (note: why no callback)          intake
//   reopen          replied | closed → handling (note)                intake
//   archive         closed → archived                                 intake
//   merge           received | pending_dispatch | dispatched → merged (related case)   intake
//   absorb          any non-terminal → same (related case)            intake (with merge)
//   escalate        an open state → same (a rung above the case's)    system
// While a case is suspended only resume, progress, merge and absorb are allowed; the ladder stops.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/casework/case.h"
#include "domain/casework/catalogue.h"

namespace lz::casework {

// Who acts. The service maps these to permissions and to the actor's units.
enum class Party { kIntake, kLeadUnit, kCoUnit, kArbiter, kReporter, kSystem };
std::string_view PartyName(Party party);  // "intake", "lead_unit", "co_unit", "arbiter", "reporter", "system"
// The parties that may take an action (create: intake or reporter).
std::vector<Party> PartiesFor(EventType type);

struct Command {
  EventType type = EventType::kAccept;
  Party party = Party::kIntake;          // as whom the actor acts (checked by the service)
  int64_t actor_user_id = 0;
  std::optional<int64_t> actor_unit_id;  // lead / co: the unit the actor acts for
  std::string note;
  std::optional<int64_t> unit_id;        // dispatch, arbitrate, reassign (lead); resolve_on_spot (the patrol's unit)
  std::vector<int64_t> co_unit_ids;      // dispatch, arbitrate, reassign
  std::optional<int32_t> days;           // request_extension, approve_extension (≤ requested; default all)
  std::optional<Outcome> outcome;        // reply
  std::optional<int32_t> rating;         // callback
  std::optional<int64_t> related_case_id;  // merge, absorb
  std::optional<Escalation> escalation;  // escalate
  std::optional<int32_t> expected_version;  // when set, the case must still be at this version
  // dispatch, arbitrate, reassign: the completion deadline, instead of the category's handle_days
  // from now (a work-plan task's date); must fall after the sign-for deadline, unless it is the
  // case's current deadline, kept (a task reassigned near or past its date).
  std::optional<TimeMs> due_at;
};

struct DecideContext {
  TimeMs now = 0;
  const Category* category = nullptr;  // the case's category (limits, ladder)
  const Channel* channel = nullptr;    // the case's channel
  const WorkingTime* working = nullptr;
};

// The events a command appends to `c` (seq, from/to state, time, deadlines filled in), or why it is
// refused: FailedPrecondition for an action not allowed in the current state (or a stale
// expected_version), PermissionDenied for the wrong party or unit, InvalidArgument (field named)
// for missing or bad fields. Nothing is changed.
Result<std::vector<CaseEvent>> Decide(const Case& c, const Command& command, const DecideContext& ctx);

// The create event of a new case (seq 1, at `now`).
CaseEvent CreateEvent(int64_t actor_user_id, std::optional<int64_t> actor_unit_id, TimeMs now);

// A rung of the escalation ladder and the instant it falls due.
struct Rung {
  Escalation level = Escalation::kNone;
  TimeMs at = 0;
};
// The ladder's rungs for the case's current deadline (enabled rungs only, in order); empty when the
// case is not open, is suspended or has no deadline.
Result<std::vector<Rung>> Ladder(const Case& c, const Category& category, const WorkingTime& working);
// The rungs above the case's level that are due by `now`, in order.
Result<std::vector<Rung>> DueRungs(const Case& c, const Category& category, const WorkingTime& working, TimeMs now);
// The next rung above the case's level that is not yet due, for the timer; nullopt when none.
Result<std::optional<Rung>> NextRung(const Case& c, const Category& category, const WorkingTime& working, TimeMs now);

}  // namespace lz::casework
