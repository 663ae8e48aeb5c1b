// MeetingService: schedules, meetings, agendas as cases, sign-offs as callbacks, minutes.
#include "services/meeting_service.h"

#include "services/unit_scope.h"

#include <algorithm>
#include <set>

#include "common/text.h"
#include "domain/auth/permissions.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
using casework::Meeting;
using casework::MeetingState;

std::string Str(int64_t v) { return std::to_string(v); }

casework::MeetingSchedule DefaultSchedule(int64_t community_unit_id) {
  casework::MeetingSchedule s;
  s.community_unit_id = community_unit_id;
  return s;
}

// The attendees as a new meeting invites them: the same people, not yet stored.
std::vector<casework::Attendee> Invited(std::vector<casework::Attendee> attendees) {
  for (auto& a : attendees) a.id = 0;
  return attendees;
}

}  // namespace

Result<org::Unit> MeetingService::Community(storage::Repositories& repos, const Actor& actor, int64_t unit_id,
                                            const std::string& field, Refusal& refusal) {
  ASSIGN_OR_RETURN(auto unit, repos.units().Get(unit_id));
  if (!unit) return InvalidArgument("unknown unit " + Str(unit_id), field);
  if (!CoversUnit(actor, *unit)) {
    refusal.Set(Str(unit_id));
    return Status(StatusCode::kNotFound, "unit " + Str(unit_id) + " not found", field);
  }
  if (unit->kind != org::UnitKind::kCommunityCommittee) {
    return InvalidArgument(unit->name + " is not a residents' committee (community_committee)", field);
  }
  return std::move(*unit);
}

Result<Meeting> MeetingService::Load(storage::Repositories& repos, const Actor& actor, int64_t id, Refusal& refusal) {
  ASSIGN_OR_RETURN(auto meeting, repos.meetings().Get(id));
  if (!meeting) return NotFound("meeting " + Str(id) + " not found");
  Refusal community_refusal;
  auto community = Community(repos, actor, meeting->community_unit_id, "id", community_refusal);
  if (!community.ok()) {
    if (community_refusal.refused) refusal.Set(Str(id));
    return NotFound("meeting " + Str(id) + " not found");
  }
  return std::move(*meeting);
}

// ---- Schedules. -----------------------------------------------------------------------------------

Result<casework::MeetingSchedule> MeetingService::Schedule(const Actor& actor, int64_t community_unit_id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "meeting.schedule.get", "unit", Str(community_unit_id)));
  casework::MeetingSchedule out;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    RETURN_IF_ERROR(Community(repos, actor, community_unit_id, "community_unit_id", refusal).status());
    ASSIGN_OR_RETURN(auto stored, repos.meetings().GetSchedule(community_unit_id));
    out = stored ? std::move(*stored) : DefaultSchedule(community_unit_id);
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "meeting.schedule.get", "unit", refusal, st));
  return out;
}

Result<casework::MeetingSchedule> MeetingService::PutSchedule(const Actor& actor, casework::MeetingSchedule schedule) {
  const std::string id = Str(schedule.community_unit_id);
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDispatch, "meeting.schedule.put", "unit", id));
  RETURN_IF_ERROR(casework::NormaliseSchedule(schedule));
  schedule.updated_at = clock_.NowMs();
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto unit, Community(repos, actor, schedule.community_unit_id, "community_unit_id", refusal));
    RETURN_IF_ERROR(repos.meetings().PutSchedule(schedule));
    return audit_.Record(repos, actor, "meeting.schedule.put", "unit", id,
                         unit.name + " 每月" + std::to_string(schedule.day_of_month) + "日");
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "meeting.schedule.put", "unit", refusal, st));
  return schedule;
}

// ---- Meetings. ------------------------------------------------------------------------------------

Result<storage::PageOf<storage::MeetingRow>> MeetingService::List(const Actor& actor, storage::MeetingQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "meeting.list", "meeting"));
  query.scope = actor.Filter();
  query.page = query.page.Clamped();
  storage::PageOf<storage::MeetingRow> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(out, repos.meetings().List(query));
    return Status::Ok();
  }));
  return out;
}

Result<AgendaEntry> MeetingService::Entry(storage::Repositories& repos, const casework::MeetingItem& item,
                                          bool on_later_agenda) {
  AgendaEntry e;
  e.item = item;
  ASSIGN_OR_RETURN(auto c, repos.cases().Get(item.case_id));
  if (!c) return Internal("meeting " + Str(item.meeting_id) + " names an unknown case " + Str(item.case_id));
  e.c = std::move(*c);
  e.c.facts.reporter_name = casework::MaskName(e.c.facts.reporter_name);
  e.c.facts.reporter_phone = text::MaskPhone(e.c.facts.reporter_phone);
  e.c.facts.subject_name = casework::MaskName(e.c.facts.subject_name);
  ASSIGN_OR_RETURN(auto category, repos.catalogue().GetCategoryByCode(e.c.facts.category_code));
  if (category) e.category_name = category->name;
  if (e.c.lead_unit_id) {
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(*e.c.lead_unit_id));
    if (unit) e.lead_unit_name = unit->name;
  }
  ASSIGN_OR_RETURN(auto events, repos.cases().Events(e.c.id));
  for (const auto& ev : events) {
    if (ev.type == casework::EventType::kReply) e.reply = ev.note;
    if (ev.type == casework::EventType::kCallback) {
      e.sign_off = ev.note;
      e.signed_off_at = ev.at;
    }
  }
  e.status = casework::MinutesStatus(e.c.state, on_later_agenda);
  return e;
}

Result<MeetingDetail> MeetingService::Get(const Actor& actor, int64_t id) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseRead, "meeting.get", "meeting", Str(id)));
  MeetingDetail d;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(d.meeting, Load(repos, actor, id, refusal));
    const int64_t community = d.meeting.community_unit_id;
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(community));
    if (unit) d.community_name = unit->name;
    ASSIGN_OR_RETURN(auto schedule, repos.meetings().GetSchedule(community));
    d.schedule = schedule ? std::move(*schedule) : DefaultSchedule(community);
    ASSIGN_OR_RETURN(d.previous, repos.meetings().Previous(community, d.meeting.scheduled_on));
    ASSIGN_OR_RETURN(auto later, repos.meetings().OnLaterAgenda(id));
    const std::set<int64_t> carried_on(later.begin(), later.end());
    ASSIGN_OR_RETURN(auto items, repos.meetings().Items(id));
    for (const auto& item : items) {
      ASSIGN_OR_RETURN(auto entry, Entry(repos, item, carried_on.count(item.case_id) > 0));
      d.agenda.push_back(std::move(entry));
    }
    if (d.meeting.state == MeetingState::kScheduled) {
      ASSIGN_OR_RETURN(auto open, repos.meetings().OpenItemsBefore(community, d.meeting.scheduled_on, id,
                                                                   casework::CarriedStates()));
      for (int64_t case_id : open) {
        casework::MeetingItem prospective{id, case_id, 0, false, 0};
        ASSIGN_OR_RETURN(auto entry, Entry(repos, prospective, false));
        d.to_carry.push_back(std::move(entry));
      }
    }
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "meeting.get", "meeting", refusal, st));
  return d;
}

Result<Meeting> MeetingService::ScheduleMeeting(const Actor& actor, NewMeeting input) {
  const std::string community_id = Str(input.community_unit_id);
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDispatch, "meeting.create", "meeting"));
  if (input.scheduled_on) RETURN_IF_ERROR(casework::CheckMeetingDate(*input.scheduled_on, "scheduled_on"));
  if (input.place) RETURN_IF_ERROR(casework::NormalisePlace(*input.place));
  if (input.attendees) RETURN_IF_ERROR(casework::NormaliseAttendees(*input.attendees));
  const TimeMs now = clock_.NowMs();
  Meeting m;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto unit, Community(repos, actor, input.community_unit_id, "community_unit_id", refusal));
    ASSIGN_OR_RETURN(auto stored, repos.meetings().GetSchedule(unit.id));
    const casework::MeetingSchedule schedule = stored ? std::move(*stored) : DefaultSchedule(unit.id);
    ASSIGN_OR_RETURN(auto latest, repos.meetings().Latest(unit.id));
    m = Meeting{};
    m.community_unit_id = unit.id;
    if (input.scheduled_on) {
      m.scheduled_on = *input.scheduled_on;
    } else if (latest) {
      m.scheduled_on = casework::NextMeetingDate(latest->scheduled_on, schedule.day_of_month);
    } else {
      m.scheduled_on = casework::MeetingDateFrom(casework::MeetingDateOf(now), schedule.day_of_month);
    }
    m.place = input.place ? *input.place : schedule.place;
    if (input.attendees) {
      m.attendees = *input.attendees;
    } else if (latest) {
      m.attendees = Invited(latest->attendees);
    }
    m.created_by = actor.user_id;
    m.created_at = m.updated_at = now;
    ASSIGN_OR_RETURN(m.id, repos.meetings().Insert(m));
    ASSIGN_OR_RETURN(auto stored_meeting, repos.meetings().Get(m.id));
    if (stored_meeting) m = std::move(*stored_meeting);
    return audit_.Record(repos, actor, "meeting.create", "meeting", Str(m.id), unit.name + " " + m.scheduled_on);
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "meeting.create", "meeting", refusal, st));
  return m;
}

Result<Meeting> MeetingService::Hold(const Actor& actor, int64_t id, HoldMeeting input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDispatch, "meeting.hold", "meeting", Str(id)));
  if (input.place) RETURN_IF_ERROR(casework::NormalisePlace(*input.place));
  if (input.attendees) RETURN_IF_ERROR(casework::NormaliseAttendees(*input.attendees));
  const TimeMs now = clock_.NowMs();
  Meeting m;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(m, Load(repos, actor, id, refusal));
    if (m.state != MeetingState::kScheduled) return FailedPrecondition("the meeting of " + m.scheduled_on + " is held already");
    if (input.attendees) m.attendees = *input.attendees;
    RETURN_IF_ERROR(casework::CheckQuorum(m.attendees));
    if (input.place) m.place = *input.place;
    m.state = MeetingState::kHeld;
    m.held_at = now;
    m.updated_at = now;
    RETURN_IF_ERROR(repos.meetings().Update(m));
    if (input.attendees) RETURN_IF_ERROR(repos.meetings().ReplaceAttendees(id, m.attendees));
    // The open items of earlier meetings come onto this agenda.
    ASSIGN_OR_RETURN(auto open, repos.meetings().OpenItemsBefore(m.community_unit_id, m.scheduled_on, id,
                                                                 casework::CarriedStates()));
    for (int64_t case_id : open) RETURN_IF_ERROR(repos.meetings().AddItem(id, case_id, false, now).status());
    // The meeting recurs: the next one is scheduled unless the community has one after this.
    ASSIGN_OR_RETURN(auto latest, repos.meetings().Latest(m.community_unit_id));
    if (latest && latest->id == id) {
      ASSIGN_OR_RETURN(auto stored, repos.meetings().GetSchedule(m.community_unit_id));
      const casework::MeetingSchedule schedule = stored ? std::move(*stored) : DefaultSchedule(m.community_unit_id);
      Meeting next;
      next.community_unit_id = m.community_unit_id;
      next.scheduled_on = casework::NextMeetingDate(m.scheduled_on, schedule.day_of_month);
      next.place = schedule.place.empty() ? m.place : schedule.place;
      next.attendees = Invited(m.attendees);
      next.created_by = actor.user_id;
      next.created_at = next.updated_at = now;
      ASSIGN_OR_RETURN(next.id, repos.meetings().Insert(next));
      RETURN_IF_ERROR(audit_.Record(repos, actor, "meeting.create", "meeting", Str(next.id), next.scheduled_on));
    }
    ASSIGN_OR_RETURN(auto stored_meeting, repos.meetings().Get(id));
    if (stored_meeting) m = std::move(*stored_meeting);
    return audit_.Record(repos, actor, "meeting.hold", "meeting", Str(id),
                         m.scheduled_on + "，" + std::to_string(m.attendees.size()) + "人参会，结转" +
                             std::to_string(open.size()) + "项");
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "meeting.hold", "meeting", refusal, st));
  return m;
}

Result<Meeting> MeetingService::RecordMinutes(const Actor& actor, int64_t id, std::string minutes) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDispatch, "meeting.minutes", "meeting", Str(id)));
  RETURN_IF_ERROR(casework::NormaliseMinutes(minutes));
  const TimeMs now = clock_.NowMs();
  Meeting m;
  Refusal refusal;
  Status st = store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(m, Load(repos, actor, id, refusal));
    if (m.state != MeetingState::kHeld) {
      return FailedPrecondition("minutes are recorded once the meeting is held", "minutes");
    }
    m.minutes = std::move(minutes);
    m.minutes_at = now;
    m.updated_at = now;
    RETURN_IF_ERROR(repos.meetings().Update(m));
    return audit_.Record(repos, actor, "meeting.minutes", "meeting", Str(id), m.scheduled_on);
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "meeting.minutes", "meeting", refusal, st));
  return m;
}

// ---- Agenda items. --------------------------------------------------------------------------------

Result<casework::Case> MeetingService::AddItem(const Actor& actor, int64_t meeting_id, NewMeetingItem input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDispatch, "meeting.item.add", "meeting", Str(meeting_id)));
  org::Unit community;
  Refusal refusal;
  Status st = store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto m, Load(repos, actor, meeting_id, refusal));
    ASSIGN_OR_RETURN(community, Community(repos, actor, m.community_unit_id, "id", refusal));
    return Status::Ok();
  });
  RETURN_IF_ERROR(audit_.Finish(actor, "meeting.item.add", "meeting", refusal, st));

  NewCaseInput in;
  casework::CaseFacts& f = in.facts;
  f.channel = std::string(casework::kMeetingChannel);
  f.category_code = text::Trim(input.category_code).empty() ? std::string(casework::kMeetingCategory)
                                                            : input.category_code;
  f.title = std::move(input.title);
  f.text = std::move(input.text);
  f.region_code = community.region_code;
  f.address = std::move(input.address);
  f.reporter_name = std::move(input.raised_by);
  in.intake_unit_id = community.id;
  in.accept = true;
  const TimeMs now = clock_.NowMs();
  in.alongside = [&](storage::Repositories& repos, const casework::Case& c) -> Status {
    // The meeting was read before this transaction; it still exists (meetings are never deleted).
    ASSIGN_OR_RETURN(auto item, repos.meetings().AddItem(meeting_id, c.id, true, now));
    return audit_.Record(repos, actor, "meeting.item.add", "meeting", Str(meeting_id),
                         c.number + " #" + std::to_string(item.position));
  };
  return cases_.Create(actor, std::move(in));
}

Result<casework::Case> MeetingService::SignOffItem(const Actor& actor, int64_t meeting_id, int64_t case_id,
                                                   SignOff input) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kCaseDispatch, "meeting.item.sign_off", "meeting", Str(meeting_id)));
  if (input.rating < casework::kMinRating || input.rating > casework::kMaxRating) {
    return InvalidArgument("rating must be between 1 and 5", "rating");
  }
  // The checks run inside the callback's own write, so the meeting cannot change between them.
  Refusal refusal;
  ActOptions sign_off;
  sign_off.precondition = [&](storage::Repositories& repos, const casework::Case&, casework::Command& callback) -> Status {
    ASSIGN_OR_RETURN(auto m, Load(repos, actor, meeting_id, refusal));
    if (m.state != MeetingState::kHeld) {
      return FailedPrecondition("the representatives sign off at a meeting that is held");
    }
    ASSIGN_OR_RETURN(auto items, repos.meetings().Items(meeting_id));
    const bool on_agenda =
        std::any_of(items.begin(), items.end(), [&](const casework::MeetingItem& i) { return i.case_id == case_id; });
    if (!on_agenda) {
      return Status(StatusCode::kNotFound, "case " + Str(case_id) + " is not on the agenda of this meeting", "case_id");
    }
    auto it = std::find_if(m.attendees.begin(), m.attendees.end(),
                           [&](const casework::Attendee& a) { return a.id == input.attendee_id; });
    if (it == m.attendees.end() || it->role != casework::AttendeeRole::kResidentRepresentative) {
      return InvalidArgument("the signer must be one of the meeting's residents' representatives", "attendee_id");
    }
    callback.note = casework::SignOffNote(*it, input.note);
    return Status::Ok();
  };
  casework::Command callback;
  callback.type = casework::EventType::kCallback;
  callback.rating = input.rating;
  auto result = cases_.Act(actor, case_id, std::move(callback), sign_off);
  RETURN_IF_ERROR(audit_.Finish(actor, "meeting.item.sign_off", "meeting", refusal,
                                result.ok() ? Status::Ok() : result.status()));
  return result;
}

}  // namespace lz::services
