// Investment projects (招商项目, issue 7 point 1): a firm (the investor, an enterprise of the
// registry) brings a project to a segment of a chain, for a purpose — 补链 fill a gap, 延链 extend
// the chain, 强链 strengthen a segment — with an agreed amount and the amount paid in so far. A
// project moves through the pipeline 线索 lead → 洽谈 negotiating → 签约 signed → 开工 started →
// 到资 funded → 投产 producing; every move is a dated history row (who, when, from, to, reason).
//
// Rules kept here (pure; dates and times are passed in):
//  - amounts are int64 yuan, 0 ≤ amount ≤ kMaxAmountYuan (10^15 yuan, so that sums over thousands
//    of projects cannot overflow); a negative or larger amount is refused naming the field;
//  - the paid-in amount may exceed the agreed one only with an explicit confirmation (a firm may
//    invest more than it signed for, but a typing slip must not pass silently);
//  - a forward move may skip stages (a lead signed on the spot); a backward move (a deal that fell
//    through, a start postponed) needs a reason; moving to the current stage is refused;
//  - a move is dated (local date yyyy-mm-dd): not after today, not before the last move;
//  - the signed date is the date the project reached 签约 (or passed it in one move); a backward
//    move below 签约 clears it, reaching 签约 again sets it anew.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::investment {

// The largest amount a project or event may carry: 10^15 yuan (1,000 万亿).
inline constexpr int64_t kMaxAmountYuan = 1'000'000'000'000'000;

enum class Purpose { kChainFill, kChainExtend, kChainStrengthen };  // 补链 延链 强链
std::string_view PurposeName(Purpose purpose);  // "chain_fill", "chain_extend", "chain_strengthen"
std::optional<Purpose> ParsePurpose(std::string_view name);
std::string_view PurposeLabel(Purpose purpose);  // "补链", "延链", "强链"
// Reads a wire name or the Chinese label (imports).
std::optional<Purpose> ParsePurposeOrLabel(std::string_view text);

// In pipeline order; the numeric order is the stage order.
enum class Stage { kLead, kNegotiating, kSigned, kStarted, kFunded, kProducing };
std::string_view StageName(Stage stage);  // "lead", "negotiating", "signed", "started", "funded", "producing"
std::optional<Stage> ParseStage(std::string_view name);
std::string_view StageLabel(Stage stage);  // "线索", "洽谈", "签约", "开工", "到资", "投产"
std::optional<Stage> ParseStageOrLabel(std::string_view text);
// Every stage, in order.
const std::vector<Stage>& AllStages();

// One row of a project's stage history. `from` is unset on the row that created the project.
struct StageChange {
  int64_t id = 0;
  int64_t project_id = 0;
  std::optional<Stage> from;
  Stage to = Stage::kLead;
  std::string on;      // local date of the move, yyyy-mm-dd
  std::string reason;  // required for a backward move, ≤ 500 characters
  int64_t by = 0;      // the user who moved it (0 for the system)
  TimeMs at = 0;       // when it was recorded
  std::string by_name;  // filled by queries
  bool operator==(const StageChange&) const = default;
};

struct Project {
  int64_t id = 0;
  std::string name;             // 1–100 characters
  int64_t investor_id = 0;      // the investing enterprise (registry id)
  int64_t chain_id = 0;
  int64_t segment_id = 0;       // a segment of chain_id
  Purpose purpose = Purpose::kChainFill;
  int64_t agreed_amount = 0;    // yuan, the amount signed for (or expected, before signing)
  int64_t paid_in_amount = 0;   // yuan, paid in so far
  Stage stage = Stage::kLead;
  std::string stage_on;         // date of the last move (or creation)
  std::string signed_on;        // date it reached 签约; "" while below 签约
  std::optional<int64_t> event_id;  // the promotion event where it was signed
  int64_t unit_id = 0;          // the responsible unit (data scope)
  std::string contact;          // ≤ 100 characters
  std::string note;             // ≤ 2000 characters
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  // Filled by queries for display.
  std::string investor_name;
  std::string investor_credit_code;
  std::string chain_name;
  std::string segment_name;
  std::string event_name;
  std::string unit_name;
};

// Checks one amount: 0 ≤ amount ≤ kMaxAmountYuan. InvalidArgument naming `field`.
Status CheckAmount(int64_t amount, const std::string& field);
// Reads an amount written as text (imports): digits with optional thousands separators (, or ，),
// full-width digits accepted. Negative, non-numeric or overflowing text is refused naming `field`.
Result<int64_t> ParseAmountText(std::string_view text, const std::string& field);

// Whether the caller confirmed a paid-in amount above the agreed one.
enum class PaidInAboveAgreed { kRefuse, kConfirmed };
// Both amounts in range ("agreed_amount", "paid_in_amount"), and paid in ≤ agreed unless
// confirmed (InvalidArgument naming "paid_in_amount").
Status CheckAmounts(int64_t agreed, int64_t paid_in, PaidInAboveAgreed confirmation);

// Trims and checks name, contact and note; checks the amounts. Ids are checked by the service.
// InvalidArgument names the field.
Status NormaliseProject(Project& project, PaidInAboveAgreed confirmation);

// A local (UTC+8) date yyyy-mm-dd that is a real date; "" is not one.
bool IsDate(std::string_view date);
// The local (UTC+8) date of an instant, yyyy-mm-dd.
std::string LocalDateOf(TimeMs t);

// Checks a move of a project at `from` (last moved on `last_on`) to `to` on `on` with `reason`
// (trimmed here), given today's local date:
//  - `to` == `from`: FailedPrecondition naming "stage";
//  - `to` before `from` with an empty reason: InvalidArgument naming "reason";
//  - reason over 500 characters: InvalidArgument naming "reason";
//  - `on` not a date, after `today`, or before `last_on`: InvalidArgument naming "on".
Status CheckStageMove(Stage from, const std::string& last_on, Stage to, const std::string& on, std::string& reason,
                      const std::string& today);
// Applies a checked move to the project: stage, stage_on and signed_on (set when the move
// reaches or passes 签约 from below it, cleared when it goes back below 签约).
void ApplyStageMove(Project& project, Stage to, const std::string& on);
// Whether the move is backward.
inline bool IsBackward(Stage from, Stage to) { return static_cast<int>(to) < static_cast<int>(from); }
// Whether a stage counts as signed (签约 or later).
inline bool IsSignedStage(Stage stage) { return static_cast<int>(stage) >= static_cast<int>(Stage::kSigned); }

}  // namespace lz::investment
