// Decide: the transition table of lifecycle.h, one check after another; and the escalation ladder.
#include "domain/casework/lifecycle.h"

#include <algorithm>
#include <initializer_list>
#include <set>

#include "common/enum_names.h"
#include "common/text.h"

namespace lz::casework {
namespace {

using N = std::string_view;
constexpr auto kPartyNames = MakeEnumNames<Party>(
    std::pair{Party::kIntake, N("intake")}, std::pair{Party::kLeadUnit, N("lead_unit")},
    std::pair{Party::kCoUnit, N("co_unit")}, std::pair{Party::kArbiter, N("arbiter")},
    std::pair{Party::kReporter, N("reporter")}, std::pair{Party::kSystem, N("system")});

using S = CaseState;

bool In(S state, std::initializer_list<S> states) {
  return std::find(states.begin(), states.end(), state) != states.end();
}

Status NotNow(const Case& c, EventType type) {
  return FailedPrecondition("cannot " + std::string(EventTypeName(type)) + " a case that is " +
                            std::string(CaseStateName(c.state)), "state");
}

Status RequireNote(const Command& cmd, const char* what) {
  std::string note = text::Trim(cmd.note);
  if (note.empty()) return InvalidArgument(std::string(what) + " is required", "note");
  if (text::Utf8Length(note) > 2000) return InvalidArgument("the note is too long (max 2000 characters)", "note");
  return Status::Ok();
}

Status RequireLeadUnit(const Case& c, const Command& cmd) {
  if (!cmd.actor_unit_id || cmd.actor_unit_id != c.lead_unit_id) {
    return PermissionDenied("only the unit the case is assigned to may do this");
  }
  return Status::Ok();
}

const CoUnit* FindCo(const Case& c, std::optional<int64_t> unit) {
  for (const CoUnit& co : c.co_units) {
    if (unit && co.unit_id == *unit) return &co;
  }
  return nullptr;
}

// Lead and co-units of an assignment: a lead, distinct co-units, none of them the lead.
Status CheckAssignment(const Command& cmd) {
  if (!cmd.unit_id || *cmd.unit_id <= 0) return InvalidArgument("the unit to send the case to is required", "unit_id");
  std::set<int64_t> seen{*cmd.unit_id};
  for (int64_t u : cmd.co_unit_ids) {
    if (u <= 0 || !seen.insert(u).second) {
      return InvalidArgument("co-handling units must be distinct and differ from the lead unit", "co_unit_ids");
    }
  }
  if (cmd.co_unit_ids.size() > 20) return InvalidArgument("at most 20 co-handling units", "co_unit_ids");
  return Status::Ok();
}

bool PartyAllowed(Party party, EventType type) {
  std::vector<Party> allowed = PartiesFor(type);
  return std::find(allowed.begin(), allowed.end(), party) != allowed.end();
}

}  // namespace

std::string_view PartyName(Party party) { return kPartyNames.Name(party); }

std::vector<Party> PartiesFor(EventType type) {
  switch (type) {
    case EventType::kCreate: return {Party::kIntake, Party::kReporter};
    case EventType::kSign:
    case EventType::kReturn:
    case EventType::kProgress:
    case EventType::kRequestExtension:
    case EventType::kReply: return {Party::kLeadUnit};
    case EventType::kCoSign:
    case EventType::kCoReply: return {Party::kCoUnit};
    case EventType::kArbitrate: return {Party::kArbiter};
    case EventType::kCallback: return {Party::kIntake, Party::kReporter};
    case EventType::kEscalate: return {Party::kSystem};
    default: return {Party::kIntake};
  }
}

CaseEvent CreateEvent(int64_t actor_user_id, std::optional<int64_t> actor_unit_id, TimeMs now) {
  CaseEvent e;
  e.type = EventType::kCreate;
  e.seq = 1;
  e.actor_user_id = actor_user_id;
  e.actor_unit_id = actor_unit_id;
  e.at = now;
  e.from_state = e.to_state = CaseState::kReceived;
  return e;
}

Result<std::vector<CaseEvent>> Decide(const Case& c, const Command& cmd, const DecideContext& ctx) {
  if (!ctx.category || !ctx.channel || !ctx.working) return Internal("decide needs the category, channel and calendar");
  const Category& cat = *ctx.category;
  const WorkingTime& wt = *ctx.working;
  const EventType type = cmd.type;
  if (type == EventType::kCreate) return InvalidArgument("a case is created, not decided", "type");
  if (!PartyAllowed(cmd.party, type)) {
    return PermissionDenied("a " + std::string(PartyName(cmd.party)) + " may not " + std::string(EventTypeName(type)) + " a case");
  }
  if (cmd.expected_version && *cmd.expected_version != c.version) {
    return FailedPrecondition("the case has changed since it was shown (version " + std::to_string(c.version) +
                              "); reload it", "expected_version");
  }
  if (IsTerminal(c.state)) return NotNow(c, type);
  const bool suspended = c.suspended_since.has_value();
  if (suspended &&
      !(type == EventType::kResume || type == EventType::kProgress || type == EventType::kMerge || type == EventType::kAbsorb)) {
    return FailedPrecondition("the case is suspended; resume it first", "state");
  }
  if (cmd.due_at && !(type == EventType::kDispatch || type == EventType::kArbitrate || type == EventType::kReassign)) {
    return InvalidArgument("a deadline is set by dispatch, arbitration or reassignment", "due_at");
  }

  CaseEvent e;
  e.case_id = c.id;
  e.seq = c.version + 1;
  e.type = type;
  e.actor_user_id = cmd.actor_user_id;
  e.actor_unit_id = cmd.actor_unit_id;
  e.at = ctx.now;
  e.from_state = c.state;
  e.to_state = c.state;
  e.note = text::Trim(cmd.note);
  if (text::Utf8Length(e.note) > 2000) return InvalidArgument("the note is too long (max 2000 characters)", "note");
  std::vector<CaseEvent> out;

  // Sets the deadlines of a (re)assignment from now.
  auto deadlines = [&](CaseEvent& ev) -> Status {
    ASSIGN_OR_RETURN(TimeMs sign_due, wt.DueAfter(ctx.now, cat.sign_days));
    ev.sign_due_at = sign_due;
    if (cmd.due_at) {
      const bool kept = c.due_at && *cmd.due_at == *c.due_at;  // a fixed date stays, even when near or past
      if (*cmd.due_at <= sign_due && !kept) {
        return InvalidArgument("the deadline must fall after the sign-for deadline", "due_at");
      }
      ev.due_at = *cmd.due_at;
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(TimeMs due, wt.DueAfter(ctx.now, cat.handle_days));
    ev.due_at = due;
    return Status::Ok();
  };
  // A reopen: back to handling with a fresh handling limit; the third one also escalates.
  auto reopen = [&](CaseEvent& ev) -> Status {
    ev.to_state = S::kHandling;
    ASSIGN_OR_RETURN(TimeMs due, wt.DueAfter(ctx.now, cat.handle_days));
    ev.due_at = due;
    out.push_back(ev);
    if (c.reopen_count + 1 >= kReopensBeforeEscalation) {
      CaseEvent up;
      up.case_id = c.id;
      up.seq = ev.seq + 1;
      up.type = EventType::kEscalate;
      up.at = ctx.now;
      up.from_state = up.to_state = S::kHandling;
      up.escalation = Escalation::kEscalate;
      up.note = "reopened " + std::to_string(c.reopen_count + 1) + " times";
      out.push_back(up);
    }
    return Status::Ok();
  };

  switch (type) {
    case EventType::kCreate:
      break;  // refused above
    case EventType::kAccept:
      if (c.state != S::kReceived) return NotNow(c, type);
      e.to_state = S::kPendingDispatch;
      break;
    case EventType::kReject:
      if (!In(c.state, {S::kReceived, S::kPendingDispatch})) return NotNow(c, type);
      RETURN_IF_ERROR(RequireNote(cmd, "the reason for not accepting the case"));
      e.to_state = S::kRejected;
      break;
    case EventType::kResolveOnSpot:
      if (c.state != S::kReceived) return NotNow(c, type);
      if (!ctx.channel->on_the_spot) {
        return FailedPrecondition("the " + ctx.channel->name + " channel does not resolve cases on the spot", "type");
      }
      RETURN_IF_ERROR(RequireNote(cmd, "what was done on the spot"));
      e.unit_id = cmd.unit_id ? cmd.unit_id : cmd.actor_unit_id;
      if (!e.unit_id) return InvalidArgument("the unit that resolved it is required", "unit_id");
      e.outcome = Outcome::kResolved;
      e.to_state = S::kClosed;
      break;
    case EventType::kDispatch:
    case EventType::kArbitrate:
    case EventType::kReassign: {
      if (type == EventType::kDispatch && !In(c.state, {S::kPendingDispatch, S::kReturned})) return NotNow(c, type);
      if (type == EventType::kArbitrate && c.state != S::kArbitration) return NotNow(c, type);
      if (type == EventType::kReassign && !In(c.state, {S::kDispatched, S::kHandling})) return NotNow(c, type);
      RETURN_IF_ERROR(CheckAssignment(cmd));
      if (type == EventType::kReassign && cmd.unit_id == c.lead_unit_id) {
        return InvalidArgument("the case is already with that unit", "unit_id");
      }
      if (type != EventType::kDispatch) RETURN_IF_ERROR(RequireNote(cmd, "the reason"));
      e.unit_id = cmd.unit_id;
      e.co_unit_ids = cmd.co_unit_ids;
      RETURN_IF_ERROR(deadlines(e));
      e.to_state = S::kDispatched;
      break;
    }
    case EventType::kSign:
      if (c.state != S::kDispatched) return NotNow(c, type);
      RETURN_IF_ERROR(RequireLeadUnit(c, cmd));
      e.handler_user_id = cmd.actor_user_id;
      e.to_state = S::kHandling;
      break;
    case EventType::kReturn:
      if (!In(c.state, {S::kDispatched, S::kHandling})) return NotNow(c, type);
      RETURN_IF_ERROR(RequireLeadUnit(c, cmd));
      if (c.arbitrated) return FailedPrecondition("the unit was decided by arbitration; the case cannot be returned", "type");
      RETURN_IF_ERROR(RequireNote(cmd, "the reason for returning the case"));
      e.to_state = c.return_count + 1 >= kReturnsBeforeArbitration ? S::kArbitration : S::kReturned;
      break;
    case EventType::kCoSign:
    case EventType::kCoReply: {
      const CoUnit* co = FindCo(c, cmd.actor_unit_id);
      if (!co) return PermissionDenied("only a co-handling unit of the case may do this");
      if (type == EventType::kCoSign) {
        if (!In(c.state, {S::kDispatched, S::kHandling})) return NotNow(c, type);
        if (co->state != CoState::kDispatched) return FailedPrecondition("the unit has already signed for its part", "type");
      } else {
        if (c.state != S::kHandling) return NotNow(c, type);
        if (co->state != CoState::kSigned) return FailedPrecondition("the unit must sign for its part first", "type");
        RETURN_IF_ERROR(RequireNote(cmd, "the unit's part of the reply"));
      }
      e.unit_id = co->unit_id;
      break;
    }
    case EventType::kProgress:
      if (c.state != S::kHandling) return NotNow(c, type);
      RETURN_IF_ERROR(RequireLeadUnit(c, cmd));
      RETURN_IF_ERROR(RequireNote(cmd, "the note"));
      break;
    case EventType::kRequestExtension: {
      if (c.state != S::kHandling) return NotNow(c, type);
      RETURN_IF_ERROR(RequireLeadUnit(c, cmd));
      if (c.extension_requested_days) return FailedPrecondition("an extension request is already waiting", "type");
      RETURN_IF_ERROR(RequireNote(cmd, "the reason for the extension"));
      const int left = cat.max_extension_days - c.extension_days;
      if (!cmd.days || *cmd.days < 1) return InvalidArgument("the extension must be at least one working day", "days");
      if (*cmd.days > left) {
        return InvalidArgument("an extension of " + std::to_string(*cmd.days) + " working days is past the maximum (" +
                               std::to_string(left) + " left of " + std::to_string(cat.max_extension_days) + ")", "days");
      }
      e.days = cmd.days;
      break;
    }
    case EventType::kApproveExtension:
    case EventType::kRefuseExtension: {
      if (!c.extension_requested_days) return FailedPrecondition("no extension request is waiting", "type");
      if (type == EventType::kRefuseExtension) {
        RETURN_IF_ERROR(RequireNote(cmd, "the reason for refusing"));
        break;
      }
      int32_t days = cmd.days.value_or(*c.extension_requested_days);
      if (days < 1 || days > *c.extension_requested_days) {
        return InvalidArgument("the days approved must be between 1 and the days requested", "days");
      }
      if (!c.due_at) return FailedPrecondition("the case has no deadline to extend", "type");
      ASSIGN_OR_RETURN(TimeMs due, wt.AddWorking(*c.due_at, days * kWorkingDayMs));
      e.days = days;
      e.due_at = due;
      break;
    }
    case EventType::kSuspend:
      if (!In(c.state, {S::kDispatched, S::kHandling})) return NotNow(c, type);
      if (suspended) return FailedPrecondition("the case is already suspended", "type");
      RETURN_IF_ERROR(RequireNote(cmd, "the reason for suspending"));
      break;
    case EventType::kResume: {
      if (!suspended) return FailedPrecondition("the case is not suspended", "type");
      ASSIGN_OR_RETURN(int64_t stopped, wt.WorkingBetween(*c.suspended_since, ctx.now));
      if (c.due_at) {
        ASSIGN_OR_RETURN(TimeMs due, wt.AddWorking(*c.due_at, stopped));
        e.due_at = due;
      }
      if (c.sign_due_at && !c.signed_at) {
        ASSIGN_OR_RETURN(TimeMs sign_due, wt.AddWorking(*c.sign_due_at, stopped));
        e.sign_due_at = sign_due;
      }
      break;
    }
    case EventType::kReply:
      if (c.state != S::kHandling) return NotNow(c, type);
      RETURN_IF_ERROR(RequireLeadUnit(c, cmd));
      if (!cmd.outcome) return InvalidArgument("the outcome is required", "outcome");
      RETURN_IF_ERROR(RequireNote(cmd, "the reply"));
      for (const CoUnit& co : c.co_units) {
        if (co.state != CoState::kReplied) {
          return FailedPrecondition("every co-handling unit must hand in its part first", "co_unit_ids");
        }
      }
      e.outcome = cmd.outcome;
      e.to_state = ctx.channel->callback ? S::kReplied : S::kClosed;
      break;
    case EventType::kCallback:
      if (c.state != S::kReplied) {
        return FailedPrecondition("only a replied case can be rated (it is " + std::string(CaseStateName(c.state)) + ")", "rating");
      }
      if (!cmd.rating || *cmd.rating < kMinRating || *cmd.rating > kMaxRating) {
        return InvalidArgument("the rating must be between 1 and 5", "rating");
      }
      e.rating = cmd.rating;
      if (IsDissatisfied(*cmd.rating)) {
        RETURN_IF_ERROR(reopen(e));
        return out;
      }
      e.to_state = S::kClosed;
      break;
    case EventType::kClose:
      if (c.state != S::kReplied) return NotNow(c, type);
      RETURN_IF_ERROR(RequireNote(cmd, "why the case closes without a callback"));
      e.to_state = S::kClosed;
      break;
    case EventType::kReopen:
      if (!In(c.state, {S::kReplied, S::kClosed}) || c.on_the_spot) return NotNow(c, type);
      if (!c.lead_unit_id) return FailedPrecondition("the case has no unit to reopen it for", "type");
      RETURN_IF_ERROR(RequireNote(cmd, "the reason for reopening"));
      RETURN_IF_ERROR(reopen(e));
      return out;
    case EventType::kArchive:
      if (c.state != S::kClosed) return NotNow(c, type);
      e.to_state = S::kArchived;
      break;
    case EventType::kMerge:
      if (!In(c.state, {S::kReceived, S::kPendingDispatch, S::kDispatched})) return NotNow(c, type);
      if (!cmd.related_case_id || *cmd.related_case_id == c.id || *cmd.related_case_id <= 0) {
        return InvalidArgument("the original case to merge into is required (and not this one)", "related_case_id");
      }
      e.related_case_id = cmd.related_case_id;
      e.to_state = S::kMerged;
      break;
    case EventType::kAbsorb:
      if (!cmd.related_case_id || *cmd.related_case_id == c.id) {
        return InvalidArgument("the duplicate case is required", "related_case_id");
      }
      e.related_case_id = cmd.related_case_id;
      break;
    case EventType::kEscalate:
      if (!IsOpen(c.state) || suspended) return NotNow(c, type);
      if (!cmd.escalation || *cmd.escalation <= c.escalation) {
        return FailedPrecondition("the case has already reached that rung", "escalation");
      }
      e.escalation = cmd.escalation;
      break;
  }
  out.push_back(std::move(e));
  return out;
}

Result<std::vector<Rung>> Ladder(const Case& c, const Category& category, const WorkingTime& working) {
  std::vector<Rung> rungs;
  if (!IsOpen(c.state) || c.suspended_since || !c.due_at) return rungs;
  const EscalationLadder& l = category.ladder;
  const TimeMs due = *c.due_at;
  auto add = [&](Escalation level, int days, int sign) -> Status {
    if (days == 0) return Status::Ok();
    ASSIGN_OR_RETURN(TimeMs at, working.AddWorking(due, sign * days * kWorkingDayMs));
    rungs.push_back({level, at});
    return Status::Ok();
  };
  RETURN_IF_ERROR(add(Escalation::kWarning, l.warn_before_days, -1));
  rungs.push_back({Escalation::kUrge, due});
  RETURN_IF_ERROR(add(Escalation::kSupervise, l.supervise_after_days, 1));
  RETURN_IF_ERROR(add(Escalation::kCirculate, l.circulate_after_days, 1));
  RETURN_IF_ERROR(add(Escalation::kEscalate, l.escalate_after_days, 1));
  return rungs;
}

Result<std::vector<Rung>> DueRungs(const Case& c, const Category& category, const WorkingTime& working, TimeMs now) {
  ASSIGN_OR_RETURN(std::vector<Rung> all, Ladder(c, category, working));
  std::vector<Rung> due;
  for (const Rung& r : all) {
    if (r.level > c.escalation && r.at <= now) due.push_back(r);
  }
  return due;
}

Result<std::optional<Rung>> NextRung(const Case& c, const Category& category, const WorkingTime& working, TimeMs now) {
  ASSIGN_OR_RETURN(std::vector<Rung> all, Ladder(c, category, working));
  for (const Rung& r : all) {
    if (r.level > c.escalation && r.at > now) return std::optional<Rung>(r);
  }
  return std::optional<Rung>();
}

}  // namespace lz::casework
