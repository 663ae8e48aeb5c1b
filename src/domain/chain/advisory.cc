// Support bodies and open challenges: field rules and the challenge's state machine.
#include "domain/chain/advisory.h"

#include <algorithm>
#include <set>

#include "common/text.h"
#include "domain/field_text.h"
#include "domain/casework/meeting.h"
#include "domain/org/region.h"

namespace lz::chain {
namespace {

using domain::CheckText;

Status OneLine(const std::string& s, const std::string& field) {
  if (s.find_first_of("\r\n") != std::string::npos) return InvalidArgument("one line only", field);
  return Status::Ok();
}

Status NotNow(ChallengeState state, std::string_view action) {
  return FailedPrecondition("a challenge that is " + std::string(ChallengeStateName(state)) + " cannot be " +
                                std::string(action),
                            "state");
}

}  // namespace

std::string_view BodyKindName(BodyKind kind) {
  switch (kind) {
    case BodyKind::kAdvisoryCommittee: return "advisory_committee";
    case BodyKind::kIndustryAlliance: return "industry_alliance";
    case BodyKind::kResearchInstitute: return "research_institute";
    case BodyKind::kTestingCentre: return "testing_centre";
  }
  return "advisory_committee";
}

std::optional<BodyKind> ParseBodyKind(std::string_view name) {
  for (BodyKind k : {BodyKind::kAdvisoryCommittee, BodyKind::kIndustryAlliance, BodyKind::kResearchInstitute,
                     BodyKind::kTestingCentre}) {
    if (BodyKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view MemberTitleName(MemberTitle title) {
  switch (title) {
    case MemberTitle::kAcademician: return "academician";
    case MemberTitle::kExpert: return "expert";
    case MemberTitle::kEntrepreneur: return "entrepreneur";
    case MemberTitle::kOfficial: return "official";
  }
  return "expert";
}

std::optional<MemberTitle> ParseMemberTitle(std::string_view name) {
  for (MemberTitle t : {MemberTitle::kAcademician, MemberTitle::kExpert, MemberTitle::kEntrepreneur,
                        MemberTitle::kOfficial}) {
    if (MemberTitleName(t) == name) return t;
  }
  return std::nullopt;
}

Status NormaliseBody(SupportBody& body) {
  RETURN_IF_ERROR(CheckText(body.name, 100, "name", "the name", true));
  RETURN_IF_ERROR(OneLine(body.name, "name"));
  body.region_code = text::Trim(body.region_code);
  if (!org::LevelOfCode(body.region_code)) return InvalidArgument("the region code is malformed", "region_code");
  RETURN_IF_ERROR(CheckText(body.description, 2000, "description", "the description", false));
  if (body.members.size() > kMaxBodyMembers) {
    return InvalidArgument("at most " + std::to_string(kMaxBodyMembers) + " members", "members");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < body.members.size(); ++i) {
    BodyMember& m = body.members[i];
    const std::string prefix = "members[" + std::to_string(i) + "].";
    RETURN_IF_ERROR(CheckText(m.name, 50, prefix + "name", "a member's name", true));
    RETURN_IF_ERROR(OneLine(m.name, prefix + "name"));
    RETURN_IF_ERROR(CheckText(m.affiliation, 100, prefix + "affiliation", "a member's affiliation", false));
    RETURN_IF_ERROR(CheckText(m.role, 50, prefix + "role", "a member's role", false));
    if (!seen.insert(m.name + "\n" + m.affiliation).second) {
      return InvalidArgument(m.name + " is listed twice", prefix + "name");
    }
  }
  return Status::Ok();
}

std::string_view ChallengeStateName(ChallengeState state) {
  switch (state) {
    case ChallengeState::kOpen: return "open";
    case ChallengeState::kAwarded: return "awarded";
    case ChallengeState::kCompleted: return "completed";
    case ChallengeState::kCancelled: return "cancelled";
  }
  return "open";
}

std::optional<ChallengeState> ParseChallengeState(std::string_view name) {
  for (ChallengeState s : {ChallengeState::kOpen, ChallengeState::kAwarded, ChallengeState::kCompleted,
                           ChallengeState::kCancelled}) {
    if (ChallengeStateName(s) == name) return s;
  }
  return std::nullopt;
}

Status NormaliseChallenge(Challenge& c, std::string_view today) {
  RETURN_IF_ERROR(CheckText(c.title, 100, "title", "the title", true));
  RETURN_IF_ERROR(OneLine(c.title, "title"));
  RETURN_IF_ERROR(CheckText(c.need, 5000, "need", "the technical need", true));
  if (c.reward_yuan < 0 || c.reward_yuan > kMaxRewardYuan) {
    return InvalidArgument("the reward is whole yuan between 0 and " + std::to_string(kMaxRewardYuan), "reward_yuan");
  }
  c.apply_by = text::Trim(c.apply_by);
  RETURN_IF_ERROR(casework::CheckMeetingDate(c.apply_by, "apply_by"));
  if (c.apply_by <= today) return InvalidArgument("applications close after today", "apply_by");
  if (c.segment_id && !c.chain_id) return InvalidArgument("a segment belongs to a chain", "segment_id");
  c.state = ChallengeState::kOpen;
  c.awarded_application_id.reset();
  c.awarded_on.reset();
  c.closing_note.clear();
  c.milestones.clear();
  return Status::Ok();
}

Status CheckApplication(const Challenge& c, ChallengeApplication& a, std::string_view today) {
  if (c.state != ChallengeState::kOpen) return NotNow(c.state, "applied for");
  if (today > c.apply_by) return FailedPrecondition("applications closed on " + c.apply_by, "apply_by");
  RETURN_IF_ERROR(CheckText(a.team, 100, "team", "the team", true));
  RETURN_IF_ERROR(OneLine(a.team, "team"));
  RETURN_IF_ERROR(CheckText(a.leader, 50, "leader", "the team leader", true));
  RETURN_IF_ERROR(OneLine(a.leader, "leader"));
  RETURN_IF_ERROR(CheckText(a.affiliation, 100, "affiliation", "the affiliation", false));
  RETURN_IF_ERROR(CheckText(a.proposal, 5000, "proposal", "the proposal", true));
  std::string phone;
  for (char ch : text::ToHalfWidth(a.contact_phone)) {
    if (ch >= '0' && ch <= '9') phone += ch;
    else if (ch != ' ' && ch != '-') return InvalidArgument("the phone number may contain only digits", "contact_phone");
  }
  if (phone.size() < 5 || phone.size() > 20) return InvalidArgument("the phone number has 5 to 20 digits", "contact_phone");
  a.contact_phone = phone;
  return Status::Ok();
}

Status CheckAward(const Challenge& c, std::vector<ChallengeMilestone>& milestones, std::string_view today) {
  if (c.state != ChallengeState::kOpen) return NotNow(c.state, "awarded");
  if (milestones.empty() || milestones.size() > kMaxChallengeMilestones) {
    return InvalidArgument("an award sets 1–" + std::to_string(kMaxChallengeMilestones) + " milestones", "milestones");
  }
  for (size_t i = 0; i < milestones.size(); ++i) {
    ChallengeMilestone& m = milestones[i];
    const std::string prefix = "milestones[" + std::to_string(i) + "].";
    RETURN_IF_ERROR(CheckText(m.title, 100, prefix + "title", "a milestone's title", true));
    RETURN_IF_ERROR(OneLine(m.title, prefix + "title"));
    m.due_on = text::Trim(m.due_on);
    RETURN_IF_ERROR(casework::CheckMeetingDate(m.due_on, prefix + "due_on"));
    if (m.due_on <= today) return InvalidArgument("a milestone falls after today", prefix + "due_on");
    m.done_on.reset();
  }
  std::stable_sort(milestones.begin(), milestones.end(),
                   [](const ChallengeMilestone& a, const ChallengeMilestone& b) { return a.due_on < b.due_on; });
  for (size_t i = 0; i < milestones.size(); ++i) milestones[i].position = static_cast<int32_t>(i);
  return Status::Ok();
}

Status CheckMilestoneDone(const Challenge& c, int32_t position) {
  if (c.state != ChallengeState::kAwarded) return NotNow(c.state, "reported on");
  for (const auto& m : c.milestones) {
    if (m.position != position) continue;
    if (m.done_on) return FailedPrecondition("the milestone is done already", "position");
    return Status::Ok();
  }
  return InvalidArgument("the challenge has no milestone " + std::to_string(position), "position");
}

Status CheckComplete(const Challenge& c, std::string_view note) {
  if (c.state != ChallengeState::kAwarded) return NotNow(c.state, "completed");
  for (const auto& m : c.milestones) {
    if (!m.done_on) return FailedPrecondition("milestone “" + m.title + "” is not done", "milestones");
  }
  if (text::Trim(note).empty()) return InvalidArgument("say how the result was accepted", "note");
  return Status::Ok();
}

Status CheckCancel(const Challenge& c, std::string_view reason) {
  if (c.state != ChallengeState::kOpen && c.state != ChallengeState::kAwarded) return NotNow(c.state, "cancelled");
  if (text::Trim(reason).empty()) return InvalidArgument("a cancellation gives its reason", "note");
  return Status::Ok();
}

}  // namespace lz::chain
