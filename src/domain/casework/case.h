// Cases (工单) and their events: the one casework loop behind every channel (brief §2 Casework,
// issue 5). A case is a need someone reported; every action on it is an append-only CaseEvent
// (who, when, from-state, to-state, note and the action's own fields), and the case's state is a
// fold over its events (Apply). Nothing about a case changes without an event, so a case can
// always be rebuilt from its history (Rebuild) and compared with the stored projection.
//
// The decisions (which action is allowed from which state, by which party, with which due times)
// are in lifecycle.h; Apply only replays what Decide produced, so replaying history never depends
// on today's calendar or catalogue.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::casework {

// The lifecycle of 12345 practice: 登记 → 受理 → 派单 → 签收 → 办理 → 答复 → 回访 → 办结 → 归档, with 退单
// (return) and 仲裁 (arbitration) on the side, and three terminal states besides 归档.
enum class CaseState {
  kReceived,         // 待受理: registered by a channel, not yet accepted
  kPendingDispatch,  // 待派单: accepted, waiting for the dispatcher
  kDispatched,       // 待签收: sent to a unit, not yet signed for
  kHandling,         // 办理中: signed for by the unit
  kReturned,         // 已退单: the unit returned it; the dispatcher re-dispatches or rules
  kArbitration,      // 仲裁中: returned three times; an arbiter decides the unit
  kReplied,          // 已答复: the unit replied; waiting for the callback (回访)
  kClosed,           // 已办结
  kArchived,         // 已归档 (terminal)
  kRejected,         // 不予受理 (terminal)
  kMerged,           // 已合并: a duplicate folded into its original (terminal)
};
std::string_view CaseStateName(CaseState state);  // "received", "pending_dispatch", ...
std::optional<CaseState> ParseCaseState(std::string_view name);
// Archived, rejected and merged cases take no further action.
bool IsTerminal(CaseState state);
// States in which a unit is responsible and the due time runs: dispatched, handling, returned,
// arbitration (the clock keeps running while the dispatcher decides).
bool IsOpen(CaseState state);

enum class EventType {
  kCreate,             // 登记 (the case's first event)
  kAccept,             // 受理
  kReject,             // 不予受理 (out of scope), with the reason
  kResolveOnSpot,      // 现场处置: a patrol finding resolved where it was found
  kDispatch,           // 派单 (also re-dispatch after a return), to a lead unit and co-units
  kSign,               // 签收
  kReturn,             // 退单, with the reason
  kArbitrate,          // 仲裁: the arbiter sends it to the unit that must handle it
  kReassign,           // 改派: the dispatcher moves it to another unit
  kCoSign,             // a co-handling unit signs for its part
  kCoReply,            // a co-handling unit hands in its part
  kProgress,           // 办理记录: a note while handling
  kRequestExtension,   // 延期申请 (days, reason)
  kApproveExtension,   // 延期批准: the due time moves by the days approved
  kRefuseExtension,    // 延期驳回
  kSuspend,            // 挂起: the clock stops
  kResume,             // 恢复: the clock runs again; due times move by the working time suspended
  kReply,              // 答复: outcome and text
  kCallback,           // 回访: the reporter's rating; a dissatisfied one reopens the case
  kClose,              // 办结 without a callback (reporter unreachable, anonymous …)
  kReopen,             // 重办: after a dissatisfied rating or a failed check
  kArchive,            // 归档
  kMerge,              // this case is a duplicate of related_case_id
  kAbsorb,             // the original records the duplicate folded into it (related_case_id)
  kEscalate,           // a rung of the escalation ladder (warning, 催办, 督办, 通报, 提级)
};
std::string_view EventTypeName(EventType type);  // "create", "accept", ...
std::optional<EventType> ParseEventType(std::string_view name);

// Rungs of the escalation ladder, in order; a case's level is the highest rung reached since its
// current due time was set.
enum class Escalation { kNone, kWarning, kUrge, kSupervise, kCirculate, kEscalate };
std::string_view EscalationName(Escalation level);  // "none", "warning", "urge", "supervise", "circulate", "escalate"
std::optional<Escalation> ParseEscalation(std::string_view name);

// Who or what the case is about. Personal data is minimised: a resident or child is named only by
// what the channel needs, and lists show it masked (MaskName, text::MaskPhone).
enum class SubjectKind { kNone, kEnterprise, kResident, kChild };
std::string_view SubjectKindName(SubjectKind kind);  // "none", "enterprise", "resident", "child"
std::optional<SubjectKind> ParseSubjectKind(std::string_view name);

// The unit's answer: resolved (解决), partly resolved, not resolved, or explained (解释说明: the
// request cannot be met and the reporter was told why).
enum class Outcome { kResolved, kPartlyResolved, kUnresolved, kExplained };
std::string_view OutcomeName(Outcome outcome);  // "resolved", "partly_resolved", "unresolved", "explained"
std::optional<Outcome> ParseOutcome(std::string_view name);

// Five satisfaction levels: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
inline constexpr int kMinRating = 1;
inline constexpr int kMaxRating = 5;
// Ratings of 4 and 5 count as satisfied in the KPIs (brief §2); 1 and 2 reopen the case.
inline bool IsSatisfied(int rating) { return rating >= 4; }
inline bool IsDissatisfied(int rating) { return rating <= 2; }

// Returns before arbitration, and reopens before the case escalates (issue 5).
inline constexpr int kReturnsBeforeArbitration = 3;
inline constexpr int kReopensBeforeEscalation = 3;

// A co-handling unit's part of the case.
enum class CoState { kDispatched, kSigned, kReplied };
std::string_view CoStateName(CoState state);  // "dispatched", "signed", "replied"
std::optional<CoState> ParseCoState(std::string_view name);
struct CoUnit {
  int64_t unit_id = 0;
  CoState state = CoState::kDispatched;
  bool operator==(const CoUnit&) const = default;
};

// One action on a case. Which optional fields an event carries depends on its type (lifecycle.h
// says which); the rest stay empty. Events are never changed once written.
struct CaseEvent {
  int64_t id = 0;       // storage id
  int64_t case_id = 0;
  int32_t seq = 0;      // 1, 2, … within the case; (case_id, seq) is unique
  EventType type = EventType::kCreate;
  int64_t actor_user_id = 0;  // 0 for the system (timers)
  std::optional<int64_t> actor_unit_id;
  TimeMs at = 0;
  CaseState from_state = CaseState::kReceived;
  CaseState to_state = CaseState::kReceived;
  std::string note;  // reason, reply text, progress note …

  std::optional<int64_t> unit_id;               // dispatch / arbitrate / reassign: the lead unit; co_*: the co-unit
  std::vector<int64_t> co_unit_ids;             // dispatch / arbitrate / reassign
  std::optional<int64_t> handler_user_id;       // sign: the person who handles it
  std::optional<TimeMs> sign_due_at;            // dispatch …: the sign-for deadline
  std::optional<TimeMs> due_at;                 // the completion deadline this event sets
  std::optional<int32_t> days;                  // extension requested or approved, in working days
  std::optional<Outcome> outcome;               // reply
  std::optional<int32_t> rating;                // callback
  std::optional<int64_t> related_case_id;       // merge / absorb
  std::optional<Escalation> escalation;         // escalate: the rung reached
};

// What a channel records when a case is created; fixed afterwards (a case's facts are corrected
// only by a new case and a merge).
struct CaseFacts {
  std::string channel;         // channel code (catalogue.h)
  std::string category_code;   // category code (catalogue.h)
  std::string title;           // short summary, 1–100 characters
  std::string text;            // the reporter's account, 1–5000 characters
  std::string region_code;     // where: GB/T 2260 down to the community (12 digits) where known
  std::string address;         // free text, ≤ 200 characters
  std::string reporter_name;   // may be empty (anonymous)
  std::string reporter_phone;  // digits, may be empty; its last four digits open public tracking
  std::optional<int64_t> reporter_user_id;  // the account that filed it (enterprise, resident)
  SubjectKind subject_kind = SubjectKind::kNone;
  std::optional<int64_t> enterprise_id;     // subject enterprise (by credit code at the API)
  std::string subject_name;                 // resident or child: minimised, never listed in full
  std::optional<int64_t> chain_id;          // the chain the subject enterprise belongs to, if any
  bool operator==(const CaseFacts&) const = default;
};

// Checks and normalises the facts' own fields (lengths, codes' shape, phone digits, subject
// consistency); references to other rows (category, region, enterprise) are checked by services.
// InvalidArgument names the field.
Status NormaliseFacts(CaseFacts& facts);

// A case: its facts plus the fold of its events. Every field below `facts` is derived.
struct Case {
  int64_t id = 0;
  std::string number;  // readable number, catalogue.h CaseNumber
  CaseFacts facts;

  CaseState state = CaseState::kReceived;
  int32_t version = 0;                  // seq of the last event applied
  TimeMs created_at = 0;
  TimeMs updated_at = 0;                // time of the last event
  std::optional<TimeMs> accepted_at;    // accepted (or resolved on the spot); KPIs count by this
  std::optional<int64_t> lead_unit_id;  // the responsible unit
  std::vector<CoUnit> co_units;
  std::optional<int64_t> handler_user_id;
  std::optional<TimeMs> dispatched_at;
  std::optional<TimeMs> sign_due_at;
  std::optional<TimeMs> signed_at;
  std::optional<TimeMs> due_at;
  std::optional<TimeMs> suspended_since;     // set while suspended
  TimeMs suspended_ms = 0;                   // total wall time suspended
  std::optional<int32_t> extension_requested_days;  // an extension request waiting for a decision
  int32_t extension_days = 0;                // approved, in total
  std::optional<TimeMs> replied_at;
  std::optional<Outcome> outcome;
  std::optional<TimeMs> closed_at;
  std::optional<int32_t> rating;             // the last callback's rating
  bool on_the_spot = false;
  bool signed_on_time = false;               // first sign-for by the lead unit by its deadline
  int32_t return_count = 0;
  int32_t reopen_count = 0;
  bool arbitrated = false;                   // the current unit was decided by arbitration
  Escalation escalation = Escalation::kNone; // highest rung since the current due time was set
  std::optional<int64_t> merged_into;
  std::vector<int64_t> absorbed;             // duplicates merged into this case

  bool operator==(const Case&) const = default;
};

// Applies one event to `c`. The event must be the next one (seq == version + 1) and start from
// the case's current state; otherwise FailedPrecondition and `c` is unchanged. A create event
// applies only to an empty case (version 0) and sets `created_at`.
Status Apply(Case& c, const CaseEvent& event);

// Folds the events (in seq order) over a case that has only its id, number and facts set.
Result<Case> Rebuild(int64_t id, std::string number, CaseFacts facts, const std::vector<CaseEvent>& events);

// 张三 → 张*; 欧阳娜娜 → 欧***; "" → "".
std::string MaskName(std::string_view name);
// Phones are masked with text::MaskPhone.

}  // namespace lz::casework
