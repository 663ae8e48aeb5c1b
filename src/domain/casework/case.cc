// Case enums, fact rules, the event fold and masking.
#include "domain/casework/case.h"

#include <algorithm>

#include "common/enum_names.h"
#include "common/text.h"
#include "domain/org/region.h"

namespace lz::casework {
namespace {

using N = std::string_view;
constexpr auto kStateNames = MakeEnumNames<CaseState>(
    std::pair{CaseState::kReceived, N("received")}, std::pair{CaseState::kPendingDispatch, N("pending_dispatch")},
    std::pair{CaseState::kDispatched, N("dispatched")}, std::pair{CaseState::kHandling, N("handling")},
    std::pair{CaseState::kReturned, N("returned")}, std::pair{CaseState::kArbitration, N("arbitration")},
    std::pair{CaseState::kReplied, N("replied")}, std::pair{CaseState::kClosed, N("closed")},
    std::pair{CaseState::kArchived, N("archived")}, std::pair{CaseState::kRejected, N("rejected")},
    std::pair{CaseState::kMerged, N("merged")});
constexpr auto kEventNames = MakeEnumNames<EventType>(
    std::pair{EventType::kCreate, N("create")}, std::pair{EventType::kAccept, N("accept")},
    std::pair{EventType::kReject, N("reject")}, std::pair{EventType::kResolveOnSpot, N("resolve_on_spot")},
    std::pair{EventType::kDispatch, N("dispatch")}, std::pair{EventType::kSign, N("sign")},
    std::pair{EventType::kReturn, N("return")}, std::pair{EventType::kArbitrate, N("arbitrate")},
    std::pair{EventType::kReassign, N("reassign")}, std::pair{EventType::kCoSign, N("co_sign")},
    std::pair{EventType::kCoReply, N("co_reply")}, std::pair{EventType::kProgress, N("progress")},
    std::pair{EventType::kRequestExtension, N("request_extension")},
    std::pair{EventType::kApproveExtension, N("approve_extension")},
    std::pair{EventType::kRefuseExtension, N("refuse_extension")}, std::pair{EventType::kSuspend, N("suspend")},
    std::pair{EventType::kResume, N("resume")}, std::pair{EventType::kReply, N("reply")},
    std::pair{EventType::kCallback, N("callback")}, std::pair{EventType::kClose, N("close")},
    std::pair{EventType::kReopen, N("reopen")}, std::pair{EventType::kArchive, N("archive")},
    std::pair{EventType::kMerge, N("merge")}, std::pair{EventType::kAbsorb, N("absorb")},
    std::pair{EventType::kEscalate, N("escalate")});
constexpr auto kEscalationNames = MakeEnumNames<Escalation>(
    std::pair{Escalation::kNone, N("none")}, std::pair{Escalation::kWarning, N("warning")},
    std::pair{Escalation::kUrge, N("urge")}, std::pair{Escalation::kSupervise, N("supervise")},
    std::pair{Escalation::kCirculate, N("circulate")}, std::pair{Escalation::kEscalate, N("escalate")});
constexpr auto kSubjectNames = MakeEnumNames<SubjectKind>(
    std::pair{SubjectKind::kNone, N("none")}, std::pair{SubjectKind::kEnterprise, N("enterprise")},
    std::pair{SubjectKind::kResident, N("resident")}, std::pair{SubjectKind::kChild, N("child")});
constexpr auto kOutcomeNames = MakeEnumNames<Outcome>(
    std::pair{Outcome::kResolved, N("resolved")}, std::pair{Outcome::kPartlyResolved, N("partly_resolved")},
    std::pair{Outcome::kUnresolved, N("unresolved")}, std::pair{Outcome::kExplained, N("explained")});
constexpr auto kCoStateNames = MakeEnumNames<CoState>(std::pair{CoState::kDispatched, N("dispatched")},
                                                      std::pair{CoState::kSigned, N("signed")},
                                                      std::pair{CoState::kReplied, N("replied")});

Status CheckLength(std::string& value, size_t min, size_t max, const char* field, const char* what) {
  value = text::Trim(value);
  if (!text::IsValidUtf8(value)) return InvalidArgument(std::string(what) + " is not valid UTF-8", field);
  size_t len = text::Utf8Length(value);
  if (len < min) return InvalidArgument(std::string(what) + " is required", field);
  if (len > max) {
    return InvalidArgument(std::string(what) + " is too long (max " + std::to_string(max) + " characters)", field);
  }
  return Status::Ok();
}

// Lower-case letters, digits and '_', 1–32 characters, starting with a letter.
bool IsChannelCode(std::string_view s) {
  if (s.empty() || s.size() > 32 || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// The first `n` code points of valid UTF-8.
std::string Prefix(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t count = 0; i < s.size() && count < n; ++count) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return std::string(s.substr(0, std::min(i, s.size())));
}

// The lead and co-units an assignment event (dispatch, arbitrate, reassign) sets.
void Assign(Case& c, const CaseEvent& e) {
  c.lead_unit_id = e.unit_id;
  c.co_units.clear();
  for (int64_t u : e.co_unit_ids) c.co_units.push_back({u, CoState::kDispatched});
  c.handler_user_id.reset();
  c.dispatched_at = e.at;
  c.sign_due_at = e.sign_due_at;
  c.due_at = e.due_at;
  c.signed_at.reset();
  c.extension_requested_days.reset();
  c.escalation = Escalation::kNone;
  c.arbitrated = e.type == EventType::kArbitrate;
}

CoUnit* FindCo(Case& c, std::optional<int64_t> unit) {
  for (CoUnit& co : c.co_units) {
    if (unit && co.unit_id == *unit) return &co;
  }
  return nullptr;
}

// Back to handling after a dissatisfied rating or a failed check.
void Reopen(Case& c, const CaseEvent& e) {
  ++c.reopen_count;
  c.due_at = e.due_at;
  c.replied_at.reset();
  c.outcome.reset();
  c.closed_at.reset();
  c.rating.reset();
  c.escalation = Escalation::kNone;
  for (CoUnit& co : c.co_units) {
    if (co.state == CoState::kReplied) co.state = CoState::kSigned;
  }
}

}  // namespace

std::string_view CaseStateName(CaseState state) { return kStateNames.Name(state); }
std::optional<CaseState> ParseCaseState(std::string_view name) { return kStateNames.Parse(name); }
std::string_view EventTypeName(EventType type) { return kEventNames.Name(type); }
std::optional<EventType> ParseEventType(std::string_view name) { return kEventNames.Parse(name); }
std::string_view EscalationName(Escalation level) { return kEscalationNames.Name(level); }
std::optional<Escalation> ParseEscalation(std::string_view name) { return kEscalationNames.Parse(name); }
std::string_view SubjectKindName(SubjectKind kind) { return kSubjectNames.Name(kind); }
std::optional<SubjectKind> ParseSubjectKind(std::string_view name) { return kSubjectNames.Parse(name); }
std::string_view OutcomeName(Outcome outcome) { return kOutcomeNames.Name(outcome); }
std::optional<Outcome> ParseOutcome(std::string_view name) { return kOutcomeNames.Parse(name); }
std::string_view CoStateName(CoState state) { return kCoStateNames.Name(state); }
std::optional<CoState> ParseCoState(std::string_view name) { return kCoStateNames.Parse(name); }

bool IsTerminal(CaseState state) {
  return state == CaseState::kArchived || state == CaseState::kRejected || state == CaseState::kMerged;
}

bool IsOpen(CaseState state) {
  return state == CaseState::kDispatched || state == CaseState::kHandling || state == CaseState::kReturned ||
         state == CaseState::kArbitration;
}

Status NormaliseFacts(CaseFacts& f) {
  f.channel = text::Trim(f.channel);
  if (!IsChannelCode(f.channel)) return InvalidArgument("the channel code is malformed", "channel");
  f.category_code = text::Trim(f.category_code);
  if (f.category_code.empty()) return InvalidArgument("the category is required", "category_code");
  RETURN_IF_ERROR(CheckLength(f.text, 1, 5000, "text", "the text"));
  RETURN_IF_ERROR(CheckLength(f.title, 0, 100, "title", "the title"));
  if (f.title.empty()) {
    f.title = Prefix(f.text, 30);
    if (auto nl = f.title.find('\n'); nl != std::string::npos) f.title = text::Trim(f.title.substr(0, nl));
  }
  f.region_code = text::Trim(f.region_code);
  if (!org::LevelOfCode(f.region_code)) return InvalidArgument("the region code is malformed", "region_code");
  RETURN_IF_ERROR(CheckLength(f.address, 0, 200, "address", "the address"));
  RETURN_IF_ERROR(CheckLength(f.reporter_name, 0, 50, "reporter_name", "the reporter's name"));
  std::string phone;
  for (char ch : text::ToHalfWidth(f.reporter_phone)) {
    if (ch >= '0' && ch <= '9') {
      phone.push_back(ch);
    } else if (ch != ' ' && ch != '-' && ch != '+' && ch != '(' && ch != ')') {
      return InvalidArgument("the phone number may contain only digits", "reporter_phone");
    }
  }
  if (!phone.empty() && (phone.size() < 5 || phone.size() > 20)) {
    return InvalidArgument("the phone number must have 5 to 20 digits", "reporter_phone");
  }
  f.reporter_phone = phone;
  RETURN_IF_ERROR(CheckLength(f.subject_name, 0, 50, "subject_name", "the subject's name"));
  switch (f.subject_kind) {
    case SubjectKind::kEnterprise:
      if (!f.enterprise_id) return InvalidArgument("an enterprise case names its enterprise", "enterprise");
      if (!f.subject_name.empty()) return InvalidArgument("an enterprise case has no personal subject", "subject_name");
      break;
    case SubjectKind::kResident:
    case SubjectKind::kChild:
      if (f.enterprise_id) return InvalidArgument("a personal case names no enterprise", "enterprise");
      break;
    case SubjectKind::kNone:
      if (f.enterprise_id || !f.subject_name.empty()) {
        return InvalidArgument("a subject needs its kind", "subject_kind");
      }
      break;
  }
  if (f.chain_id && !f.enterprise_id) return InvalidArgument("only an enterprise case belongs to a chain", "chain_id");
  return Status::Ok();
}

Status Apply(Case& c, const CaseEvent& e) {
  if (e.seq != c.version + 1) {
    return FailedPrecondition("event " + std::to_string(e.seq) + " does not follow version " + std::to_string(c.version));
  }
  if ((e.type == EventType::kCreate) != (c.version == 0)) {
    return FailedPrecondition("a case starts with exactly one create event");
  }
  if (e.type != EventType::kCreate && e.from_state != c.state) {
    return FailedPrecondition("event " + std::to_string(e.seq) + " starts from " + std::string(CaseStateName(e.from_state)) +
                              " but the case is " + std::string(CaseStateName(c.state)));
  }
  switch (e.type) {
    case EventType::kCreate:
      c.created_at = e.at;
      break;
    case EventType::kAccept:
      c.accepted_at = e.at;
      break;
    case EventType::kReject:
    case EventType::kProgress:
    case EventType::kArchive:
      break;
    case EventType::kResolveOnSpot:
      if (!c.accepted_at) c.accepted_at = e.at;
      c.on_the_spot = true;
      c.outcome = Outcome::kResolved;
      c.replied_at = e.at;
      c.closed_at = e.at;
      c.lead_unit_id = e.unit_id;
      break;
    case EventType::kDispatch:
    case EventType::kArbitrate:
    case EventType::kReassign:
      Assign(c, e);
      break;
    case EventType::kSign:
      c.handler_user_id = e.handler_user_id;
      c.signed_at = e.at;
      c.signed_on_time = c.sign_due_at && e.at <= *c.sign_due_at;
      break;
    case EventType::kReturn:
      ++c.return_count;
      c.lead_unit_id.reset();
      c.co_units.clear();
      c.handler_user_id.reset();
      c.extension_requested_days.reset();
      break;
    case EventType::kCoSign:
    case EventType::kCoReply: {
      CoUnit* co = FindCo(c, e.unit_id);
      if (!co) return FailedPrecondition("the unit is not co-handling the case");
      co->state = e.type == EventType::kCoSign ? CoState::kSigned : CoState::kReplied;
      break;
    }
    case EventType::kRequestExtension:
      c.extension_requested_days = e.days;
      break;
    case EventType::kApproveExtension:
      c.extension_requested_days.reset();
      c.extension_days += e.days.value_or(0);
      c.due_at = e.due_at;
      c.escalation = Escalation::kNone;
      break;
    case EventType::kRefuseExtension:
      c.extension_requested_days.reset();
      break;
    case EventType::kSuspend:
      c.suspended_since = e.at;
      break;
    case EventType::kResume:
      if (c.suspended_since) c.suspended_ms += e.at - *c.suspended_since;
      c.suspended_since.reset();
      if (e.sign_due_at) c.sign_due_at = e.sign_due_at;
      if (e.due_at) c.due_at = e.due_at;
      break;
    case EventType::kReply:
      c.replied_at = e.at;
      c.outcome = e.outcome;
      break;
    case EventType::kCallback:
      c.rating = e.rating;
      if (e.to_state == CaseState::kClosed) {
        c.closed_at = e.at;
      } else {
        Reopen(c, e);
      }
      break;
    case EventType::kClose:
      c.closed_at = e.at;
      break;
    case EventType::kReopen:
      Reopen(c, e);
      break;
    case EventType::kMerge:
      c.merged_into = e.related_case_id;
      c.lead_unit_id.reset();
      c.co_units.clear();
      c.handler_user_id.reset();
      break;
    case EventType::kAbsorb:
      if (e.related_case_id) c.absorbed.push_back(*e.related_case_id);
      break;
    case EventType::kEscalate:
      if (e.escalation && *e.escalation > c.escalation) c.escalation = *e.escalation;
      break;
  }
  c.state = e.to_state;
  c.version = e.seq;
  c.updated_at = e.at;
  return Status::Ok();
}

Result<Case> Rebuild(int64_t id, std::string number, CaseFacts facts, const std::vector<CaseEvent>& events) {
  Case c;
  c.id = id;
  c.number = std::move(number);
  c.facts = std::move(facts);
  for (const CaseEvent& e : events) RETURN_IF_ERROR(Apply(c, e));
  if (c.version == 0) return FailedPrecondition("the case has no events");
  return c;
}

std::string MaskName(std::string_view name) {
  std::string trimmed = text::Trim(name);
  if (trimmed.empty()) return "";
  std::string first = Prefix(trimmed, 1);
  size_t rest = text::Utf8Length(trimmed) - 1;
  return first + std::string(std::max<size_t>(rest, 1), '*');
}

}  // namespace lz::casework
