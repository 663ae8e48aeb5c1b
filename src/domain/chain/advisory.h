// The bodies that support a chain (issue 7 point 5): advisory committees (专家咨询委员会, with
// members such as academicians as advisers), industry alliances (产业联盟), research institutes
// (研究院) and testing centres (检验检测中心); and open challenges (揭榜挂帅): an enterprise posts a
// technical need with a reward, teams apply, one is chosen, its milestones are tracked.
// Field rules and the challenge's state machine live here. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::chain {

enum class BodyKind { kAdvisoryCommittee, kIndustryAlliance, kResearchInstitute, kTestingCentre };
// "advisory_committee", "industry_alliance", "research_institute", "testing_centre"
std::string_view BodyKindName(BodyKind kind);
std::optional<BodyKind> ParseBodyKind(std::string_view name);

enum class MemberTitle { kAcademician, kExpert, kEntrepreneur, kOfficial };  // 院士 专家 企业家 政府人员
std::string_view MemberTitleName(MemberTitle title);  // "academician", "expert", "entrepreneur", "official"
std::optional<MemberTitle> ParseMemberTitle(std::string_view name);

struct BodyMember {
  std::string name;         // 1–50 characters
  MemberTitle title = MemberTitle::kExpert;
  std::string affiliation;  // ≤ 100 characters (中国工程院, 南昌大学 …)
  std::string role;         // ≤ 50 characters (主任, 顾问, 委员 …)
  bool operator==(const BodyMember&) const = default;
};

inline constexpr size_t kMaxBodyMembers = 200;

struct SupportBody {
  int64_t id = 0;
  BodyKind kind = BodyKind::kAdvisoryCommittee;
  std::string name;                 // 1–100 characters, unique
  std::optional<int64_t> chain_id;  // the chain it serves (an alliance may span chains: none)
  std::string region_code;          // where it sits
  std::string description;          // ≤ 2000 characters
  std::vector<BodyMember> members;  // in the order given
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  bool operator==(const SupportBody&) const = default;
};

// Trims and checks the body's own fields and members. InvalidArgument names the field ("name",
// "members[2].name", "members" for too many or a name given twice).
Status NormaliseBody(SupportBody& body);

// ---- Open challenges (揭榜挂帅). -------------------------------------------------------------

// open: taking applications; awarded: a team chosen, milestones running; completed: every
// milestone done and the result accepted; cancelled: withdrawn (from open or awarded, with a reason).
enum class ChallengeState { kOpen, kAwarded, kCompleted, kCancelled };
std::string_view ChallengeStateName(ChallengeState state);  // "open", "awarded", "completed", "cancelled"
std::optional<ChallengeState> ParseChallengeState(std::string_view name);

inline constexpr int64_t kMaxRewardYuan = 100'000'000'000;  // 1000 亿: far above any real reward
inline constexpr size_t kMaxChallengeMilestones = 20;

struct ChallengeMilestone {
  int32_t position = 0;
  std::string title;
  std::string due_on;                  // "YYYY-MM-DD"
  std::optional<std::string> done_on;  // set when reported done
  bool operator==(const ChallengeMilestone&) const = default;
};

struct Challenge {
  int64_t id = 0;
  int64_t enterprise_id = 0;  // the enterprise that posts the need
  std::optional<int64_t> chain_id;
  std::optional<int64_t> segment_id;  // in the chain
  std::string title;                  // 1–100 characters
  std::string need;                   // the technical need, 1–5000 characters
  int64_t reward_yuan = 0;            // 0 … kMaxRewardYuan
  std::string apply_by;               // last day of applications, "YYYY-MM-DD"
  ChallengeState state = ChallengeState::kOpen;
  std::optional<int64_t> awarded_application_id;
  std::optional<std::string> awarded_on;
  std::string closing_note;           // the reason of a cancellation, the acceptance of completion
  std::vector<ChallengeMilestone> milestones;  // set when awarding
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  bool operator==(const Challenge&) const = default;
};

struct ChallengeApplication {
  int64_t id = 0;
  int64_t challenge_id = 0;
  std::string team;         // 1–100 characters (牵头单位 and team)
  std::string leader;       // 1–50 characters
  std::string affiliation;  // ≤ 100 characters
  std::string proposal;     // 1–5000 characters
  std::string contact_phone;  // digits, 5–20; shown to the challenge's managers only
  TimeMs submitted_at = 0;
  bool operator==(const ChallengeApplication&) const = default;
};

// A new challenge's fields: title, need, reward (0 … kMaxRewardYuan, naming "reward_yuan"),
// apply_by a date after `today`. Sets state open.
Status NormaliseChallenge(Challenge& challenge, std::string_view today);
// An application's fields; refused (FailedPrecondition naming "state") unless the challenge is
// open and `today` is not after apply_by.
Status CheckApplication(const Challenge& challenge, ChallengeApplication& application, std::string_view today);
// Awarding: the challenge is open, the application is one of its own (checked by the caller), and
// the milestones (1 … kMaxChallengeMilestones, titles, dates after `today`, sorted and numbered)
// are given. InvalidArgument naming "milestones[i].due_on" …; FailedPrecondition naming "state".
Status CheckAward(const Challenge& challenge, std::vector<ChallengeMilestone>& milestones, std::string_view today);
// Reporting milestone `position` done: the challenge is awarded and the milestone not yet done.
Status CheckMilestoneDone(const Challenge& challenge, int32_t position);
// Completing: awarded, every milestone done; a note of acceptance. Cancelling: open or awarded,
// with a reason. FailedPrecondition naming "state" or "milestones"; InvalidArgument naming "note".
Status CheckComplete(const Challenge& challenge, std::string_view note);
Status CheckCancel(const Challenge& challenge, std::string_view reason);

}  // namespace lz::chain
