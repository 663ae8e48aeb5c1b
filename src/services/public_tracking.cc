// PublicTrackingService: rate limits, the lookup and the public view of a case.
#include "services/public_tracking.h"

#include <algorithm>
#include <map>

#include "common/text.h"
#include "domain/casework/answer.h"

namespace lz::services {
namespace {

using casework::EventType;

constexpr size_t kMaxNumberLength = 40;

// Whether the reporter sees this kind of event; with it, which unit it names.
bool IsPublic(EventType type) {
  switch (type) {
    case EventType::kCreate:
    case EventType::kAccept:
    case EventType::kReject:
    case EventType::kResolveOnSpot:
    case EventType::kDispatch:
    case EventType::kSign:
    case EventType::kArbitrate:
    case EventType::kReassign:
    case EventType::kApproveExtension:
    case EventType::kSuspend:
    case EventType::kResume:
    case EventType::kReply:
    case EventType::kCallback:
    case EventType::kClose:
    case EventType::kReopen:
    case EventType::kArchive:
    case EventType::kMerge: return true;
    // Internal: returns and arbitration requests between units, co-units' parts, handling notes,
    // extension requests and refusals, escalation rungs, duplicates folded in.
    case EventType::kReturn:
    case EventType::kCoSign:
    case EventType::kCoReply:
    case EventType::kProgress:
    case EventType::kRequestExtension:
    case EventType::kRefuseExtension:
    case EventType::kAbsorb:
    case EventType::kEscalate: return false;
  }
  return false;
}

std::optional<int64_t> UnitNamedBy(const casework::CaseEvent& e) {
  switch (e.type) {
    case EventType::kDispatch:
    case EventType::kArbitrate:
    case EventType::kReassign: return e.unit_id;
    case EventType::kSign:
    case EventType::kReply: return e.actor_unit_id;
    default: return std::nullopt;
  }
}

bool IsFourDigits(std::string_view s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<PublicCase> PublicView(storage::Repositories& repos, const casework::Case& c) {
  PublicCase p;
  p.number = c.number;
  p.state = c.state;
  p.created_at = c.created_at;
  p.accepted_at = c.accepted_at;
  p.due_at = c.due_at;
  p.closed_at = c.closed_at;
  p.rating = c.rating;
  ASSIGN_OR_RETURN(auto channel, repos.catalogue().GetChannel(c.facts.channel));
  if (channel) p.channel_name = channel->name;
  ASSIGN_OR_RETURN(auto category, repos.catalogue().GetCategoryByCode(c.facts.category_code));
  if (category) p.category_name = category->name;
  ASSIGN_OR_RETURN(auto region, repos.regions().Get(c.facts.region_code));
  if (region) p.region_name = region->name;
  ASSIGN_OR_RETURN(auto events, repos.cases().Events(c.id));
  std::map<int64_t, std::string> unit_names;
  auto unit_name = [&](std::optional<int64_t> id) -> Result<std::string> {
    if (!id) return std::string();
    auto it = unit_names.find(*id);
    if (it != unit_names.end()) return it->second;
    ASSIGN_OR_RETURN(auto unit, repos.units().Get(*id));
    return unit_names[*id] = unit ? unit->name : std::string();
  };
  ASSIGN_OR_RETURN(p.unit_name, unit_name(c.lead_unit_id));
  for (const casework::CaseEvent& e : events) {
    if (!IsPublic(e.type)) continue;
    PublicCaseStep step{e.type, e.at, {}, {}};
    ASSIGN_OR_RETURN(step.unit_name, unit_name(UnitNamedBy(e)));
    if (casework::IsAnswer(e.type)) step.answer = e.note;
    p.steps.push_back(std::move(step));
    if (casework::IsAnswer(e.type)) {
      p.outcome = e.outcome;
      p.reply = e.note;
      p.replied_at = e.at;
    }
  }
  return p;
}

PublicTrackingService::PublicTrackingService(storage::Store& store, const Clock& clock, TrackingLimits limits)
    : store_(store),
      clock_(clock),
      by_address_(limits.lookups_per_address, limits.address_interval_ms),
      failures_by_number_(limits.failures_per_number, limits.failure_interval_ms) {}

Result<PublicCase> PublicTrackingService::Track(std::string_view client, std::string_view number,
                                                std::string_view phone_last4, TimeMs* retry_after_ms) {
  const std::string key = text::Trim(number);
  if (key.empty() || key.size() > kMaxNumberLength) {
    return InvalidArgument("number must be a case number of 1–" + std::to_string(kMaxNumberLength) + " characters",
                           "number");
  }
  if (!IsFourDigits(phone_last4)) return InvalidArgument("phone_last4 must be four digits", "phone_last4");
  const TimeMs now = clock_.NowMs();
  TimeMs wait = 0;
  if (!by_address_.Take(client, now, &wait) || !failures_by_number_.Allows(key, now, &wait)) {
    if (retry_after_ms) *retry_after_ms = wait;
    return ResourceExhausted("too many case lookups; try again in " + std::to_string(RetryAfterSeconds(wait)) + " s");
  }
  ASSIGN_OR_RETURN(std::optional<PublicCase> found, Find(key, phone_last4));
  if (!found) {
    failures_by_number_.Take(key, now);
    return NotFound("no case has this number and phone digits");
  }
  return std::move(*found);
}

Result<std::optional<PublicCase>> PublicTrackingService::Find(const std::string& number, std::string_view phone_last4) {
  std::optional<PublicCase> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto c, repos.cases().GetByNumber(number));
    if (!c) return Status::Ok();
    const std::string& phone = c->facts.reporter_phone;
    if (phone.size() < 4 || phone.compare(phone.size() - 4, 4, phone_last4) != 0) return Status::Ok();
    ASSIGN_OR_RETURN(out, PublicView(repos, *c));
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::services
